/**
 * 退回修改 on real files: the ledger sent down to its townships, one return edited with openpyxl
 * (a wrong number, an unknown grade, a cleared name, a conflict with a change made here), sent
 * back as an annotated copy (openpyxl reads its marks and comments, LibreOffice prints it, the
 * import still knows it by its manifest), the board's state and event; refusals that write
 * nothing; and the next round compared with what was sent back.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { findReturn, moveReturn, returnEvents } from '../../electron/core/repos/reportReturns.ts';
import type { ImportPreview } from '../../shared/contract/types.ts';
import type { SendBackItem } from '../../shared/domain/sendBack.ts';
import { seededCore } from '../helpers/core.ts';
import { editLedgerWithOpenpyxl, soffice } from '../helpers/office.ts';

const python = '/usr/bin/python3';

const edit = editLedgerWithOpenpyxl;

interface Marked {
  sheets: string[];
  states: Record<string, string>;
  marked: Record<string, { fill: string | null; bold: boolean; border: string | null; comment: string | null }>;
  notes: unknown[][];
  notesSetup: { orientation: string; paperSize: number; fitToWidth: number; printTitleRows: string | null };
  active: string;
  validations: Record<string, string[]>;
  protected: Record<string, boolean>;
  hiddenColumns: Record<string, string[]>;
}

/** What openpyxl sees of the annotated copy: every cell with a comment or a yellow fill, and the 退回说明 sheet. */
function inspectMarks(file: string): Marked {
  const out = execFileSync(python, ['-c', `
import json, openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(file)})
res = {"sheets": wb.sheetnames, "states": {ws.title: ws.sheet_state for ws in wb.worksheets}, "marked": {}, "notes": [], "active": wb.active.title, "validations": {ws.title: [str(dv.sqref) for dv in ws.data_validations.dataValidation] for ws in wb.worksheets}, "protected": {ws.title: bool(ws.protection.sheet) for ws in wb.worksheets}, "hiddenColumns": {ws.title: [k for k, d in ws.column_dimensions.items() if d.hidden] for ws in wb.worksheets}}
for ws in wb.worksheets:
    if ws.title == '退回说明':
        res["notes"] = [[c.value for c in row] for row in ws.iter_rows()]
        ps = ws.page_setup
        res["notesSetup"] = {"orientation": ps.orientation, "paperSize": ps.paperSize, "fitToWidth": ps.fitToWidth, "printTitleRows": ws.print_title_rows}
        continue
    for row in ws.iter_rows():
        for c in row:
            fill = c.fill.fgColor.rgb if c.fill and c.fill.fill_type == 'solid' else None
            if c.comment or fill == 'FFFFFF00':
                res["marked"][ws.title + '!' + c.coordinate] = {"fill": fill, "bold": bool(c.font.b), "border": c.border.left.style, "comment": c.comment.text if c.comment else None}
print(json.dumps(res, ensure_ascii=False, default=str))
`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as Marked;
}

describe('退回修改: an annotated copy, the board, the next round', () => {
  let core: Core;
  let dir: string;
  let sent: { file: string; unitId: number }[];
  let townId: number;
  let otherId: number;
  const sheet = '党支部分类台账';

  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 1));
    const banner = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id })).nodes[0]!;
    const towns = (await core.call('org.children', { parentId: banner.id })).nodes;
    townId = towns[0]!.id;
    otherId = towns[1]!.id;
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    sent = (await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner.id, year: 2026, folder: folder! })).files;
  }, 120_000);
  afterAll(() => core.close());

  const open = async (file: string): Promise<ImportPreview> => {
    core.grants.read(file);
    return core.call('import.open', { path: file });
  };
  const saveAs = async (name: string) => (await core.call('shell.chooseSaveFile', { suggestedName: name })).path!;
  const key = (unitOrgId: number) => ({ templateId: 'branch-ledger', period: '2026', unitOrgId });

  it('marks exactly the problem cells, lists them, keeps the manifest, prints, and moves the return to 退回修改; the next round is compared', async () => {
    const file = sent.find((f) => f.unitId === townId)!.file;
    const rows = (await core.call('ledger.list', { year: 2026, scopeOrgId: townId })).rows;
    // Here, after sending: row 9's grade (the township changes it too: a conflict).
    const [ours, theirs] = (['advanced', 'middle', 'lagging'] as const).filter((g) => g !== rows[3]!.grade);
    await core.call('ledger.edit', { changes: [{ id: rows[3]!.id, field: 'grade', value: ours! }], source: 'typed' });
    const label = { advanced: '先进', middle: '中间', lagging: '后进' };
    const returned = edit(file, path.join(dir, '填报-天义.xlsx'), `
ws[col('正式党员（名）') + '6'] = '很多'
ws[col('等次') + '7'] = '很不错'
ws[col('党组织名称') + '8'] = None
ws[col('等次') + '9'] = ${JSON.stringify(label[theirs!])}
`);
    const p = await open(returned);
    const letter = (field: string) => p.columns.find((c) => c.field === field)!.letter;
    const cells = [`${letter('membersFormal')}6`, `${letter('grade')}7`, `${letter('name')}8`, `${letter('grade')}9`];

    // The list a send-back proposes: those four cells, each said to the unit.
    const { items, comparison } = await core.call('returns.roundCheck', { sessionId: p.sessionId });
    expect(comparison).toBeNull();
    const proposed = items.filter((i) => i.proposed);
    expect(proposed.map((i) => i.cell)).toEqual(cells);
    expect(proposed.map((i) => i.kind)).toEqual(['error', 'unknown', 'error', 'conflict']);
    expect(proposed[0]!.reason).toBe('正式党员（名）：“很多”不是整数。“正式党员（名）”应填写不小于 0 的整数（阿拉伯数字），如 12。');
    expect(proposed[1]!.reason).toContain('“很不错”不在可选范围内');
    expect(proposed[2]!.reason).toBe('党组织名称为必填项，不能为空，请填写。');
    expect(proposed[3]!.reason).toBe(`等次：下发后本级已将此栏改为“${label[ours!]}”，贵单位填报为“${label[theirs!]}”，两者不一致。请核实后填写正确的值。`);
    expect(proposed[0]).toMatchObject({ sheet, sourceRow: 6, field: 'membersFormal', header: '党员人数 / 正式党员（名）', value: '很多', rowLabel: rows[0]!.name });

    // The person sends back three of them (the conflict is settled here) and notes a cell of their own.
    const target = await saveAs('天义镇-退回.xlsx');
    const note = { sourceRow: 10, field: 'secretary', text: '书记姓名请与换届文件核对' };
    const result = await core.call('returns.sendBack', { sessionId: p.sessionId, reason: '部分数据填写有误，请改正后于 3 月 20 日前重新报送', cells: proposed.slice(0, 3).map((i) => ({ sheet: i.sheet, cell: i.cell })), notes: [note], path: target });
    const noted = `${letter('secretary')}10`;
    expect(result).toMatchObject({ path: target, marked: 4, board: { state: 'sent_back', round: 1 } });
    expect(result.message).toContain('退回修改');

    // openpyxl: yellow, bold, a heavy border and a comment on exactly those cells, nothing else.
    const seen = inspectMarks(target);
    const expectedCells = [...cells.slice(0, 3), noted].map((c) => `${sheet}!${c}`);
    expect(Object.keys(seen.marked).sort()).toEqual(expectedCells.sort());
    for (const c of expectedCells) expect(seen.marked[c]).toMatchObject({ fill: 'FFFFFF00', bold: true, border: 'medium' });
    expect(seen.marked[`${sheet}!${cells[0]}`]!.comment).toContain('“很多”不是整数');
    expect(seen.marked[`${sheet}!${noted}`]!.comment).toContain('书记姓名请与换届文件核对');
    // Every sheet of the return kept, the manifest very hidden, the list last and opened first.
    expect(seen.sheets).toEqual([sheet, '_zg_dict', '_zg_manifest', '退回说明']);
    expect(seen.states._zg_manifest).toBe('veryHidden');
    expect(seen.active).toBe('退回说明');
    // The dropdowns and checks of the export are still there for the unit to fill in.
    expect(seen.validations[sheet]!.length).toBeGreaterThan(5);
    // Key cells stay locked (no password), the hidden id and hash columns stay hidden.
    expect(seen.protected[sheet]).toBe(true);
    expect(seen.hiddenColumns[sheet]!.length).toBeGreaterThanOrEqual(2);
    const flat = seen.notes.map((r) => r.filter((v) => v !== null).join('|'));
    expect(flat[0]).toBe('党支部分类台账退回修改说明');
    expect(flat.some((l) => l.includes('退回原因：部分数据填写有误'))).toBe(true);
    const head = seen.notes.findIndex((r) => r[0] === '序号');
    expect(seen.notes[head]).toEqual(['序号', '工作表', '单元格', '行（党组织名称）', '栏目', '填报值', '问题说明']);
    expect(seen.notes.slice(head + 1, head + 5).map((r) => [r[0], r[2], r[4], r[5]])).toEqual([
      [1, cells[0], '党员人数 / 正式党员（名）', '很多'],
      [2, cells[1], '等次', '很不错'],
      [3, cells[2], '党组织名称', null],
      [4, noted, '书记 / 姓名', rows[4]!.secretary ?? null],
    ]);
    expect(seen.notesSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, printTitleRows: `$${head + 1}:$${head + 1}` });

    // LibreOffice prints it.
    const pdf = soffice(target, 'pdf', path.join(dir, 'pdf'));
    expect(fs.statSync(pdf).size).toBeGreaterThan(1000);

    // The board: 已下发 (the send-down), 已报送 (round 1, when the file was opened), then 退回修改, with the cells listed.
    const back = findReturn(core.conn.sqlite, key(townId))!;
    expect(back).toMatchObject({ state: 'sent_back', round: 1 });
    const events = returnEvents(core.conn.sqlite, back.id);
    expect(events.map((e) => e.to_state)).toEqual(['sent', 'returned', 'sent_back']);
    expect(events[1]).toMatchObject({ file_hash: p.file.hash, file_name: '填报-天义.xlsx' });
    expect(events[2]).toMatchObject({ reason: '部分数据填写有误，请改正后于 3 月 20 日前重新报送', file_path: target });
    const listed = JSON.parse(events[2]!.problems_json!) as SendBackItem[];
    expect(listed.map((i) => [i.sheet, i.cell, i.sourceRow, i.field])).toEqual([[sheet, cells[0], 6, 'membersFormal'], [sheet, cells[1], 7, 'grade'], [sheet, cells[2], 8, 'name'], [sheet, noted, 10, 'secretary']]);
    expect(listed[0]).toMatchObject({ header: '党员人数 / 正式党员（名）', value: '很多', reason: expect.stringContaining('不是整数') });
    // The preview is gone: a file sent back is not imported.
    await expect(core.call('import.commit', { sessionId: p.sessionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // The annotated copy, imported, is still the same batch.
    const again = await open(target);
    expect(again.recognisedBy).toBe('manifest');
    expect(again.exported?.batchId).toBe(p.exported!.batchId);
    expect((await core.call('returns.roundCheck', { sessionId: again.sessionId })).comparison).toMatchObject({ round: 2, unchangedCopy: true });

    // Round 2: the township fixes two cells, leaves the name empty, settles the conflict our way, and writes a bad phone number.
    const corrected = edit(target, path.join(dir, '填报-天义-第2轮.xlsx'), `
ws[col('正式党员（名）') + '6'] = 12
ws[col('等次') + '7'] = '先进'
ws[col('等次') + '9'] = ${JSON.stringify(label[ours!])}
ws[col('书记') + '10'] = ws[col('书记') + '10'].value
ws[col('联系电话') + '11'] = '不知道'
`);
    const r2 = await open(corrected);
    const check = await core.call('returns.roundCheck', { sessionId: r2.sessionId });
    const c = check.comparison!;
    // The note is no problem of the file: it reads without one now, so it counts as done.
    expect({ round: c.round, listed: c.listed, fixed: c.fixed.length, remaining: c.remaining.length, gone: c.gone.length, added: c.added.length }).toEqual({ round: 2, listed: 4, fixed: 3, remaining: 1, gone: 0, added: 1 });
    expect(c.remaining[0]!.now).toEqual({ sheet, cell: cells[2], sourceRow: 8 });
    expect(c.added[0]).toMatchObject({ cell: `${letter('secretaryPhone')}11`, kind: 'error' });
    expect(c.fixed.map((e) => e.item.cell).sort()).toEqual([cells[0], cells[1], noted].sort());
    expect(c.reason).toBe('部分数据填写有误，请改正后于 3 月 20 日前重新报送');
  }, 180_000);

  it('compares by the row, not its place: a row moved up is found again, a row deleted is said gone', async () => {
    const file = sent.find((f) => f.unitId === otherId)!.file;
    const returned = edit(file, path.join(dir, '填报-其他.xlsx'), `
ws[col('正式党员（名）') + '6'] = '十几个'
ws[col('正式党员（名）') + '7'] = '二十'
ws[col('正式党员（名）') + '8'] = '三十'
`);
    const p = await open(returned);
    const target = await saveAs('其他-退回.xlsx');
    await core.call('returns.sendBack', { sessionId: p.sessionId, reason: '人数请填写数字', path: target });
    // Round 2: row 6 deleted (rows below move up), row 7 (now 6) fixed, row 8 (now 7) still wrong.
    const corrected = edit(target, path.join(dir, '填报-其他-第2轮.xlsx'), `
ws.delete_rows(6)
ws[col('正式党员（名）') + '6'] = 20
`);
    const r2 = await open(corrected);
    const c = (await core.call('returns.roundCheck', { sessionId: r2.sessionId })).comparison!;
    expect({ fixed: c.fixed.length, remaining: c.remaining.length, gone: c.gone.length, added: c.added.length }).toEqual({ fixed: 1, remaining: 1, gone: 1, added: 0 });
    expect(c.gone[0]!.item.sourceRow).toBe(6);
    expect(c.remaining[0]!.now).toMatchObject({ sourceRow: 7 });
    expect(c.fixed[0]!.now).toMatchObject({ sourceRow: 6 });
  }, 120_000);

  it('annotates a return LibreOffice saved, as .xlsx and as .xls: the copy is still known by its manifest', async () => {
    const towns = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id })).nodes[0]!.id })).nodes;
    for (const [i, to] of [[3, 'xlsx'], [4, 'xls']] as const) {
      const file = sent.find((f) => f.unitId === towns[i]!.id)!.file;
      const edited = edit(file, path.join(dir, `填报-${to}.xlsx`), `ws[col('正式党员（名）') + '6'] = '很多'`);
      const returned = soffice(edited, to, path.join(dir, `lo-${to}`));
      const p = await open(returned);
      expect(p.recognisedBy).toBe('manifest');
      const target = await saveAs(`${to}-退回.xlsx`);
      const result = await core.call('returns.sendBack', { sessionId: p.sessionId, reason: '人数请填写数字', path: target });
      expect(result.board).toMatchObject({ state: 'sent_back' });
      const seen = inspectMarks(target);
      expect(Object.keys(seen.marked)).toEqual([`${sheet}!${p.columns.find((c) => c.field === 'membersFormal')!.letter}6`]);
      const again = await open(target);
      expect({ by: again.recognisedBy, batch: again.exported?.batchId }).toEqual({ by: 'manifest', batch: p.exported!.batchId });
      await core.call('import.discard', { sessionId: again.sessionId });
    }
  }, 180_000);

  it('refuses without a reason, or when the return is accepted, and writes nothing', async () => {
    const towns = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id })).nodes[0]!.id })).nodes;
    const third = towns[2]!.id;
    const file = sent.find((f) => f.unitId === third)!.file;
    const returned = edit(file, path.join(dir, '填报-第三.xlsx'), `ws[col('正式党员（名）') + '6'] = '很多'`);
    const p = await open(returned);
    const target = await saveAs('第三-退回.xlsx');
    await expect(core.call('returns.sendBack', { sessionId: p.sessionId, reason: '   ', path: target })).rejects.toMatchObject({ code: 'INVALID_ARGS', message: expect.stringContaining('退回原因') });
    expect(fs.existsSync(target)).toBe(false);
    // Accepted here: locked.
    const at = new Date().toISOString();
    core.conn.writeTransaction(() => {
      for (const to of ['returned', 'reviewed', 'accepted'] as const) moveReturn(core.conn.sqlite, key(third), { to, actor: '测试', at, fileHash: to === 'returned' ? p.file.hash : null });
    })();
    const before = returnEvents(core.conn.sqlite, findReturn(core.conn.sqlite, key(third))!.id).length;
    await expect(core.call('returns.sendBack', { sessionId: p.sessionId, reason: '数据有误', path: target })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已采纳') });
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(`${target}.part`)).toBe(false);
    expect(findReturn(core.conn.sqlite, key(third))).toMatchObject({ state: 'accepted' });
    expect(returnEvents(core.conn.sqlite, findReturn(core.conn.sqlite, key(third))!.id)).toHaveLength(before);
    // The preview stays: the person may still reopen the return, or import it.
    expect((await core.call('returns.roundCheck', { sessionId: p.sessionId })).items.length).toBeGreaterThan(0);
  }, 120_000);

  it('writes a copy of a hand-made file too, and says no board state changed', async () => {
    const file = sent.find((f) => f.unitId === townId)!.file;
    // The same table typed again by hand: no manifest (openpyxl drops the hidden sheets).
    const handMade = edit(file, path.join(dir, '手工台账.xlsx'), `
for name in ['_zg_manifest', '_zg_dict']: del wb[name]
ws[col('正式党员（名）') + '6'] = '很多'
# As WPS writes a dropdown: on the whole column.
from openpyxl.worksheet.datavalidation import DataValidation
ws.data_validations.dataValidation = []
dv = DataValidation(type='list', formula1='"是,否"')
dv.add('M1:M1048576')
ws.add_data_validation(dv)
`);
    const p = await open(handMade);
    expect(p.recognisedBy).toBe('headers');
    const target = await saveAs('手工-退回.xlsx');
    const result = await core.call('returns.sendBack', { sessionId: p.sessionId, reason: '人数请填写数字', path: target });
    expect(result.board).toBeNull();
    expect(result.message).toContain('没有改动任何报送情况');
    // A whole-column dropdown is not blown up into a million cells: the copy goes without it, and says so.
    expect(result.message).toContain('没有保留下拉列表');
    const seen = inspectMarks(target);
    expect(Object.keys(seen.marked)).toContain(`${sheet}!${p.columns.find((c) => c.field === 'membersFormal')!.letter}6`);
    expect(seen.sheets.at(-1)).toBe('退回说明');
  }, 120_000);
});
