/**
 * Hand-made ledgers filling a fresh tree (a county with its townships, no branches): each
 * branch under the township its row names however the office wrote it, a unit the tree lacks
 * a decision (create it, and where) rather than an error, a sheet's name or title naming the
 * township of a sheet without that column, a workbook of one sheet per township read as one;
 * and an older file that never quietly reverts what was changed here after it was made.
 * The fixtures and what they hold (tests/fixtures/import/handmade/expected.json) were written
 * by make_handmade.py (openpyxl, LibreOffice) before the import read them.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { aboveOf, placesOf } from '../../electron/core/services/import/held.ts';
import { townshipOfSheet } from '../../electron/core/services/import/ledger.ts';
import type { ImportDecisions, ImportPreview } from '../../shared/contract/types.ts';
import { decisionsOf, noChoices, rowKey } from '../../shared/domain/importPlan.ts';
import { fixedNow, tempDir } from '../helpers/core.ts';
import { python } from '../helpers/office.ts';
import { cli } from '../helpers/cli.ts';

const dir = path.resolve(import.meta.dirname, '../fixtures/import/handmade');
const fixture = (name: string) => path.join(dir, name);
/** python3 (openpyxl), as an office's other program writes files. */
const run = promisify(execFile);

interface ExpectedRow {
  row: number;
  nameCell: string;
  name: string;
  township: string | null;
  newUnit?: string | null;
  townshipWritten?: string;
  townshipCell?: string;
  secretary: string;
  membersFormal: number;
  strongestText: string;
}
const expected = JSON.parse(fs.readFileSync(fixture('expected.json'), 'utf8')) as {
  county: string;
  townships: string[];
  files: {
    'ningcheng-220.xlsx': { sheets: string[]; fileDate: string; rows: ExpectedRow[]; newUnits: { name: string; rows: number; cells: string[]; proposedParent: string }[] };
    'by-township.xlsx': { sheets: string[]; skipped: string[]; savedAt: string; rowsBySheet: Record<string, ExpectedRow[]> };
    'tianyi-title.xlsx': { sheets: string[]; fileDate: string; rows: ExpectedRow[] };
  };
};
const big = expected.files['ningcheng-220.xlsx'];

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

/** A fresh database with 赤峰市委 → 宁城县委 → its townships (as the first run builds it), and no branch; `clock` moves when set. */
async function ningcheng(clock: { now: Date } = { now: fixedNow }, dbPath = path.join(tempDir(), 'tree.db')): Promise<{ core: Core; dbPath: string; county: number; city: number; townships: Map<string, number> }> {
  const core = await createCore({ dbPath, now: () => clock.now, actor: '测试', host: 'loopback' });
  cores.push(core);
  const city = await core.call('org.create', { parentId: null, name: '赤峰市委', level: 'city' });
  const county = await core.call('org.create', { parentId: city.id, name: '宁城县委' });
  const townships = new Map<string, number>();
  for (const t of expected.townships) townships.set(t, (await core.call('org.create', { parentId: county.id, name: t })).id);
  return { core, dbPath, county: county.id, city: city.id, townships };
}

async function open(core: Core, name: string): Promise<ImportPreview> {
  core.grants.read(fixture(name));
  return core.call('import.open', { path: fixture(name) });
}

/** Every row taken (a value the dictionary does not know yet is kept as written, marked red), and the units created as given. */
function takeAll(p: ImportPreview, units: ImportDecisions['newUnits'] = []): ImportDecisions {
  const rows = new Map(p.rows.filter((r) => r.status !== 'unchanged').map((r) => [rowKey(r), true]));
  return { ...decisionsOf({ ...noChoices(), rows }, p.rows, p.sheet), newUnits: units };
}

/** The open units directly under a parent, by name → id. */
function childrenOf(core: Core, parentId: number): Map<string, number> {
  const rows = core.conn.sqlite.prepare('SELECT id, name FROM org WHERE parent_id = ? AND closed_on IS NULL').all(parentId) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.name, r.id]));
}

const secretaryOf = (core: Core, orgId: number) =>
  (core.conn.sqlite.prepare('SELECT secretary FROM branch_ledger WHERE org_id = ? AND year = 2026 AND deleted_at IS NULL').get(orgId) as { secretary: string | null } | undefined)?.secretary;

describe('a hand-made ledger into a fresh tree', () => {
  it('puts each of 220 branches under its township however the office wrote it, and lists the unit the tree lacks once', async () => {
    const { core, townships, county } = await ningcheng();
    const p = await open(core, 'ningcheng-220.xlsx');
    expect(p.rows).toHaveLength(220);
    expect(p.problems.filter((x) => x.message.includes('找不到乡镇'))).toEqual([]);
    // What the office wrote otherwise than the dictionary's names is told, once a value, before the commit.
    const grades = (p.synonymReads ?? []).filter((s) => s.field === 'grade');
    expect(grades.map((s) => [s.value, s.label, s.count])).toEqual([['好', '先进', 44], ['一般', '中间', 44]]);
    expect(grades[0]!.cells.slice(0, 2)).toEqual(['J9', 'J14']);
    for (const e of big.rows) {
      const r = p.rows.find((x) => x.sourceRow === e.row)!;
      expect(r.values.name, e.nameCell).toBe(e.name);
      if (e.township) expect(r.parent, `${e.townshipCell}“${e.townshipWritten}”`).toEqual({ id: townships.get(e.township), name: e.township });
      else expect(r).toMatchObject({ parent: null, newUnit: e.newUnit });
    }
    const unit = big.newUnits[0]!;
    expect(p.newUnits).toEqual([{ key: unit.name, name: unit.name, rows: unit.rows, cells: unit.cells.map((c) => `党支部分类台账!${c}`), parent: { id: county, name: '宁城县委' } }]);
    expect(unit.proposedParent).toBe('宁城县');
    // A decision, not an error: said once, as a warning at its first cell.
    const said = p.problems.filter((x) => x.message.includes(unit.name));
    expect(said).toEqual([{ severity: 'warning', sheet: '党支部分类台账', cell: unit.cells[0], message: expect.stringContaining(`文件中有 ${unit.rows} 个党支部在它之下`) }]);
  });

  it('creates the accepted unit and the branches under their townships in one change set, which one undo removes', async () => {
    const { core, townships, county } = await ningcheng();
    const orgsBefore = (core.conn.sqlite.prepare('SELECT count(*) AS n FROM org').get() as { n: number }).n;
    const p = await open(core, 'ningcheng-220.xlsx');
    const unit = big.newUnits[0]!;
    const result = await core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: unit.name, create: true }]) });
    expect(result.applied.newRows).toBe(220);
    const made = childrenOf(core, county).get(unit.name);
    expect(made).toBeDefined();
    for (const e of big.rows) {
      const parent = e.township ? townships.get(e.township)! : made!;
      const orgId = childrenOf(core, parent).get(e.name);
      expect(orgId, `${e.nameCell} ${e.name} under ${e.township ?? e.newUnit}`).toBeDefined();
      expect(secretaryOf(core, orgId!)).toBe(e.secretary);
    }
    expect(childrenOf(core, made!).size).toBe(unit.rows);
    await core.call('changes.undo', { changeSetId: result.changeSetId! });
    expect((core.conn.sqlite.prepare('SELECT count(*) AS n FROM org').get() as { n: number }).n).toBe(orgsBefore);
    expect(childrenOf(core, county).has(unit.name)).toBe(false);
  });

  it('takes none of the rows under a unit not created, and says so; a county the person chose is used, a township or the city refused', async () => {
    const { core, city, county, townships } = await ningcheng();
    const unit = big.newUnits[0]!;
    let p = await open(core, 'ningcheng-220.xlsx');
    // It holds branches, so it goes under a county: anything else is refused with a word, nothing written.
    await expect(core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: unit.name, create: true, parentId: townships.get('天义镇')! }]) })).rejects.toThrow('“宁城经济开发区”下面是党支部，要建在旗县区之下；“天义镇”不是旗县区，不能作为它的上级。未导入，请重新选择。');
    await expect(core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: unit.name, create: true, parentId: city }]) })).rejects.toThrow('“赤峰市委”不是旗县区');
    await expect(core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: unit.name, create: true, parentId: null }]) })).rejects.toThrow('请为“宁城经济开发区”选择所在的旗县区，未导入。');
    expect((core.conn.sqlite.prepare("SELECT count(*) AS n FROM org WHERE level = 'branch'").get() as { n: number }).n).toBe(0);
    const declined = await core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: unit.name, create: false }]) });
    expect(declined.applied.newRows).toBe(220 - unit.rows);
    expect(declined.problems).toContainEqual({ severity: 'warning', sheet: '党支部分类台账', cell: unit.cells[0], message: `没有新建“${unit.name}”，其下 ${unit.rows} 行未导入。` });
    expect(childrenOf(core, county).has(unit.name)).toBe(false);
    await core.call('changes.undo', { changeSetId: declined.changeSetId! });
    // Another county, chosen by the person instead of the one proposed.
    const other = (await core.call('org.create', { parentId: city, name: '喀喇沁旗委' })).id;
    p = await open(core, 'ningcheng-220.xlsx');
    const chosen = await core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: unit.name, create: true, parentId: other }]) });
    expect(chosen.applied.newRows).toBe(220);
    expect(childrenOf(core, childrenOf(core, other).get(unit.name)!).size).toBe(unit.rows);
  });

  it('reads a workbook of one sheet per township as one import, the cover sheet skipped with a word', async () => {
    const { core, townships } = await ningcheng();
    const e = expected.files['by-township.xlsx'];
    const p = await open(core, 'by-township.xlsx');
    expect(p.sheets.map((s) => s.name)).toEqual(e.sheets);
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: '说明', cell: '', message: '工作表“说明”是填表说明，没有读入。' });
    expect(p.problems.filter((x) => x.sheet === '说明')).toHaveLength(1);
    expect(p.problems.filter((x) => x.message.includes('不是这张台账的一部分'))).toEqual([]);
    for (const [sheet, rows] of Object.entries(e.rowsBySheet)) {
      for (const x of rows) expect(p.rows.find((r) => r.sheet === sheet && r.sourceRow === x.row)).toMatchObject({ values: { name: x.name }, parent: { id: townships.get(x.township!) } });
    }
    await core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p) });
    for (const [sheet, rows] of Object.entries(e.rowsBySheet)) {
      for (const x of rows) expect(secretaryOf(core, childrenOf(core, townships.get(sheet)!).get(x.name)!), `${sheet}!${x.nameCell}`).toBe(x.secretary);
    }
  });

  it('takes the township of a sheet without that column from its title', async () => {
    const { core, townships } = await ningcheng();
    const e = expected.files['tianyi-title.xlsx'];
    const p = await open(core, 'tianyi-title.xlsx');
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: 'Sheet1', cell: 'A1', message: `工作表“Sheet1”没有“苏木乡镇（街道）”一列，按标题（A1）把其中的 ${e.rows.length} 个党支部归入“天义镇”，请核对。` });
    for (const x of e.rows) expect(p.rows.find((r) => r.sourceRow === x.row)).toMatchObject({ values: { name: x.name }, parent: { id: townships.get('天义镇'), name: '天义镇' } });
  });
});

describe('the township a sheet without that column names', () => {
  const lookup = {
    places: placesOf([{ id: 3, name: '天义镇' }, { id: 4, name: '八里罕镇党委' }]),
    above: aboveOf([{ id: 1, name: '赤峰市委', parentId: null, level: 'city' }, { id: 2, name: '宁城县委', parentId: 1, level: 'county' }]),
  };
  const sheet = (name: string, title: string | null) => ({ name, state: 'visible', rows: [[title], ['序号', '支部名称']], merges: [], truncated: false });
  const header = { headerRows: [1] };
  it('by the sheet’s name, then a township of the tree in the title, then a place’s name; none in a title about the county', () => {
    expect(townshipOfSheet(sheet('八里罕镇', '宁城县2026年党支部分类台账'), header, lookup)).toEqual({ name: '八里罕镇党委', cell: '' });
    expect(townshipOfSheet(sheet('Sheet1', '宁城县天义镇2026年党支部分类台账'), header, lookup)).toEqual({ name: '天义镇', cell: 'A1' });
    expect(townshipOfSheet(sheet('宁城县经济开发区', null), header, lookup)).toEqual({ name: '经济开发区', cell: '' });
    expect(townshipOfSheet(sheet('Sheet1', '宁城县小城子镇党委2026年党支部台账'), header, lookup)).toEqual({ name: '小城子镇', cell: 'A1' });
    expect(townshipOfSheet(sheet('2026年台账', '宁城县2026年乡镇党支部分类台账'), header, lookup)).toBeNull();
    expect(townshipOfSheet(sheet('Sheet1', '2026年党支部分类台账'), header, lookup)).toBeNull();
  });
});

describe('a unit the tree lacks that the divisions know', () => {
  it('is proposed and created as the division it is (敖汉工业园区 → 工业园区党工委, 150430401), with its branches', async () => {
    const core = await createCore({ dbPath: path.join(tempDir(), 'aohan.db'), now: () => fixedNow, actor: '测试', host: 'loopback' });
    cores.push(core);
    await core.call('setup.init', { unit: '150430', operatorName: '刘晓燕' });
    const file = path.join(tempDir(), '敖汉旗党支部分类台账.xlsx');
    await run(python, ['-c', `
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active; ws.title = '台账'
ws.append(['序号', '乡镇（苏木）', '党组织名称', '书记'])
ws.append([1, '新惠镇', '东城社区党支部', '王  刚'])
ws.append([2, '敖汉工业园区', '园区企业联合党支部', '李明'])
ws.append([3, '敖汉工业园区', '园区第二党支部', '张伟'])
wb.save(sys.argv[1])`, file]);
    core.grants.read(file);
    const p = await core.call('import.open', { path: file, mapping: [{ index: 0, field: null }, { index: 1, field: 'township' }, { index: 2, field: 'name' }, { index: 3, field: 'secretary' }] });
    expect(p.newUnits).toEqual([expect.objectContaining({ name: '敖汉工业园区', rows: 2, parent: expect.objectContaining({ name: '敖汉旗委' }), division: { name: '工业园区党工委', code: '150430401' } })]);
    expect(p.rows.find((r) => r.sourceRow === 2)!.values.secretary).toBe('王刚');
    await core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: p.newUnits![0]!.key, create: true }]) });
    const park = core.conn.sqlite.prepare("SELECT id, name, code, kind FROM org WHERE code = '150430401'").get() as { id: number; name: string; code: string; kind: string };
    expect(park).toMatchObject({ name: '工业园区党工委', kind: 'township_committee' });
    expect(childrenOf(core, park.id)).toEqual(new Map([['园区企业联合党支部', expect.any(Number)], ['园区第二党支部', expect.any(Number)]]));
  });
});

describe('an older file never quietly reverts newer values', () => {
  it('a cell changed here after the file’s 填报日期 is a conflict with both values and dates; before it, a plain change', async () => {
    const title = expected.files['tianyi-title.xlsx'];
    // A row whose every cell reads (a dictionary value written the office's way would make it an error row, which outranks a conflict).
    const first = title.rows.find((r) => ['创建中', '已申报'].includes(r.strongestText))!;
    const before220 = big.rows.find((r) => r.name === first.name && r.township === '天义镇')!;
    expect(first.secretary).not.toBe(before220.secretary);
    // Held values set on 2026-03-15, after the file's 填报日期 (2026-01-05).
    const later = await ningcheng();
    let p = await open(later.core, 'ningcheng-220.xlsx');
    await later.core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: big.newUnits[0]!.name, create: true }]) });
    p = await open(later.core, 'tianyi-title.xlsx');
    const row = p.rows.find((r) => r.sourceRow === first.row)!;
    expect(row.status).toBe('conflict');
    const d = row.diffs.find((x) => x.field === 'secretary')!;
    expect(d).toMatchObject({ status: 'conflict', value: first.secretary, current: before220.secretary, dates: { held: fixedNow.toISOString(), file: title.fileDate, fileBy: 'filled' } });
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: 'Sheet1', cell: d.cell, message: `姓名：本地于 2026-03-15 10:00 改为“${before220.secretary}”，晚于这份文件的填报日期（2026-01-05），文件中为“${first.secretary}”。旧文件不会自动覆盖较新的值，请选择保留哪一个。` });
    // Not taken unless chosen.
    const kept = await later.core.call('import.commit', { sessionId: p.sessionId });
    expect(secretaryOf(later.core, row.match!.orgId)).toBe(before220.secretary);
    expect(kept.skipped.cells).toBeGreaterThan(0);

    // Held values set on 2025-12-01, before the file was filled in: the file's values are a plain change.
    const earlier = await ningcheng({ now: new Date('2025-12-01T02:00:00Z') });
    p = await open(earlier.core, 'ningcheng-220.xlsx');
    await earlier.core.call('import.commit', { sessionId: p.sessionId, decisions: { ...takeAll(p, [{ key: big.newUnits[0]!.name, create: true }]) } });
    p = await open(earlier.core, 'tianyi-title.xlsx');
    expect(p.rows.find((r) => r.sourceRow === first.row)!.diffs.find((x) => x.field === 'secretary')).toMatchObject({ status: 'change', value: first.secretary });
    expect(p.rows.find((r) => r.sourceRow === first.row)!.diffs.find((x) => x.field === 'secretary')!.dates).toBeUndefined();
  });

  it('without a 填报日期, the workbook’s saved time decides', async () => {
    const e = expected.files['by-township.xlsx'];
    const clock = { now: new Date('2026-01-15T02:00:00Z') };
    const { core } = await ningcheng(clock);
    let p = await open(core, 'ningcheng-220.xlsx');
    await core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: big.newUnits[0]!.name, create: true }]) });
    const x = e.rowsBySheet['八里罕镇']![0]!;
    const cell = (q: ImportPreview) => q.rows.find((r) => r.sheet === '八里罕镇' && r.sourceRow === x.row)!.diffs.find((f) => f.field === 'secretary');
    // Imported (on 01-15) from a file filled in on 01-10: older than this workbook, saved on 01-20. A plain change.
    p = await open(core, 'by-township.xlsx');
    expect(cell(p)).toMatchObject({ status: 'change', value: x.secretary });
    // Typed here on 03-15, after it was saved: a conflict, with both dates.
    const ledgerId = p.rows.find((r) => r.sheet === '八里罕镇' && r.sourceRow === x.row)!.match!.ledgerId;
    clock.now = fixedNow;
    await core.call('ledger.edit', { changes: [{ id: ledgerId, field: 'secretary', value: '改过的书记' }], source: 'typed' });
    p = await open(core, 'by-township.xlsx');
    const d = cell(p)!;
    expect(d).toMatchObject({ status: 'conflict', value: x.secretary, current: '改过的书记', dates: { held: fixedNow.toISOString(), file: '2026-01-20 16:30', fileBy: 'saved' } });
    expect(e.savedAt).toBe('2026-01-20T08:30:00Z');
    expect(p.problems.find((q) => q.sheet === '八里罕镇' && q.cell === d.cell)?.message).toContain('晚于这份文件的保存时间（2026-01-20 16:30）');
  });

  it('a second return of the same 填报日期 is compared as the office’s changes: a value an import wrote is as new as its file', async () => {
    const { core } = await ningcheng();
    let p = await open(core, 'ningcheng-220.xlsx');
    await core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p, [{ key: big.newUnits[0]!.name, create: true }]) });
    // The office edits three cells of its spreadsheet and sends it again, its 填报日期 unchanged.
    const edited = [6, 7, 8];
    const again = path.join(tempDir(), '宁城县（第二次）.xlsx');
    await run(python, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
for r in ${JSON.stringify(edited)}: ws.cell(r, 6).value = ws.cell(r, 6).value + 10
wb.save(sys.argv[2])`, fixture('ningcheng-220.xlsx'), again]);
    // One of them was also typed here since, after the file's date: that one is a conflict.
    const typed = p.rows.find((r) => r.sourceRow === edited[2]);
    const held = (await core.call('ledger.list', { year: 2026, filter: { text: String(typed!.values.name) } })).rows.find((r) => String(r.township).startsWith(big.rows.find((b) => b.row === edited[2])!.township!))!;
    await core.call('ledger.edit', { changes: [{ id: held.id, field: 'membersFormal', value: 99 }], source: 'typed' });
    core.grants.read(again);
    p = await core.call('import.open', { path: again });
    const status = (row: number) => p.rows.find((r) => r.sourceRow === row)!.diffs.find((d) => d.field === 'membersFormal')?.status;
    expect(edited.map(status)).toEqual(['change', 'change', 'conflict']);
    expect(p.counts.conflicts).toBe(1);
    // Taken, then undone: the values are back to what the first return wrote, as old as that file;
    // the same file read again shows the office's changes again, not conflicts. Redone: nothing to change.
    const taken = await core.call('import.commit', { sessionId: p.sessionId, decisions: takeAll(p) });
    await core.call('changes.undo', { changeSetId: taken.changeSetId! });
    p = await core.call('import.open', { path: again });
    expect(edited.slice(0, 2).map(status)).toEqual(['change', 'change']);
    await core.call('import.discard', { sessionId: p.sessionId });
    await core.call('changes.redo', { changeSetId: taken.changeSetId! });
    p = await core.call('import.open', { path: again });
    expect(edited.map(status)).toEqual([undefined, undefined, 'conflict']);
    await core.call('import.discard', { sessionId: p.sessionId });
    // Its townships written with the county before them (宁城县天义镇) are the townships they are under: nothing said of them.
    expect(big.rows.some((r) => r.townshipWritten?.startsWith('宁城县'))).toBe(true);
    expect(p.problems.filter((q) => q.message.includes('标明党支部所属的单位'))).toEqual([]);
  });
});


describe('the CLI', () => {
  it('lists the units the tree lacks as newUnits in a dry run, and creates them on commit only with --create-units', async () => {
    const dbPath = path.join(tempDir(), 'cli.db');
    const { core, county } = await ningcheng({ now: fixedNow }, dbPath);
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    const unit = big.newUnits[0]!;
    const file = fixture('ningcheng-220.xlsx');
    const dry = await cli('import', '--db', dbPath, '--file', file, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout) as { newUnits: { name: string; rows: number; cells: string[]; parent: string | null; created: boolean }[]; problems: { severity: string; message: string }[] };
    expect(report.newUnits).toEqual([{ name: unit.name, rows: unit.rows, cells: unit.cells.map((c) => `党支部分类台账!${c}`), parent: '宁城县委', created: false }]);
    expect(report.problems.filter((x) => x.severity === 'error' && x.message.includes(unit.name))).toEqual([]);

    const without = await cli('import', '--db', dbPath, '--file', file);
    expect(without.code).toBe(0);
    expect(without.stdout).toContain(`组织机构中没有“${unit.name}”（${unit.rows} 行`);
    expect(without.stdout).toContain(`未新建，其下 ${unit.rows} 行未导入；确需新建（在“宁城县委”之下），请加 --create-units`);
    const check = await createCore({ dbPath, now: () => fixedNow, actor: '测试', host: 'loopback' });
    cores.push(check);
    expect(childrenOf(check, county).has(unit.name)).toBe(false);
    await check.close();
    cores.splice(cores.indexOf(check), 1);

    const created = await cli('import', '--db', dbPath, '--file', file, '--create-units', '--json');
    expect(created.code).toBe(0);
    expect((JSON.parse(created.stdout) as typeof report).newUnits[0]).toMatchObject({ name: unit.name, created: true });
    const after = await createCore({ dbPath, now: () => fixedNow, actor: '测试', host: 'loopback' });
    cores.push(after);
    const made = childrenOf(after, county).get(unit.name);
    expect(made).toBeDefined();
    // The rows under it without an error went in (a value the dictionary does not know waits for a person in the window).
    const under = [...childrenOf(after, made!).keys()];
    const names = new Set(big.rows.filter((r) => r.newUnit === unit.name).map((r) => r.name));
    expect(under.length).toBeGreaterThan(0);
    expect(under.every((n) => names.has(n))).toBe(true);
  });
});
