/**
 * Values mapped once (issue 14, item 4), on a real SQLite file with ledgers written by openpyxl
 * and re-saved by LibreOffice (tests/fixtures/import/make_values_fixtures.py). What the import
 * must find is read from values-expected.json, written with the files before any import code
 * saw them: each distinct value a dictionary does not know is listed once with its count and
 * cells, a choice applies to every cell holding it and is remembered as a synonym (audited),
 * and the next file of the office asks nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { migrations } from '../../electron/core/db/migrations/index.ts';
import type { ImportPreview } from '../../shared/contract/types.ts';
import { openCore, seededCore, tempDir } from '../helpers/core.ts';
import { bannerOf } from '../helpers/exports.ts';
import { soffice } from '../helpers/office.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) => path.join(fixtures, name);
interface Expected {
  'values-ledger.xlsx': {
    sheet: string;
    rows: number;
    columns: Record<string, string>;
    guessed: string[];
    unknownValues: { value: string; count: number; cells: string[] }[];
    meaning: Record<string, string>;
  };
  'values-ledger-2.xlsx': { sheet: string; rows: number; strongest: string[]; meaning: Record<string, string> };
}
const expected = JSON.parse(fs.readFileSync(fixture('values-expected.json'), 'utf8')) as Expected;
const first = expected['values-ledger.xlsx'];
const second = expected['values-ledger-2.xlsx'];

let core: Core;
afterEach(() => core?.close());

async function open(file: string, extra: object = {}): Promise<ImportPreview> {
  core.grants.read(file);
  return core.call('import.open', { path: file, ...extra });
}

/** A city whose 最强党支部 dictionary was set up its own way: 否 and the titles written as levels are not among its synonyms. */
async function cityWithoutTheseSynonyms(): Promise<void> {
  const entries = await core.call('dict.list', { dict: 'strongest_status' });
  for (const code of ['none', 'county_accepted']) {
    const e = entries.find((x) => x.code === code)!;
    await core.call('dict.save', { dict: 'strongest_status', code, label: e.label, synonyms: code === 'none' ? [] : ['验收通过'], active: true });
  }
}

const strongestProblems = (p: ImportPreview) => p.problems.filter((q) => q.cell.startsWith('H'));

describe('values mapped once', () => {
  it('reads 否 and 旗县级‘最强党支部’ by the built-in synonyms, and lists the one value no dictionary knows once, with its count and cells', async () => {
    ({ core } = await seededCore('small', 1));
    const p = await open(fixture('values-ledger.xlsx'));
    expect(p.rows).toHaveLength(first.rows);
    for (const r of p.rows) {
      const written = first.unknownValues.find((v) => v.cells.includes(`H${r.sourceRow}`))!.value;
      if (written !== '正在创建') expect(r.values.strongestStatus).toBe(first.meaning[written]);
    }
    const odd = first.unknownValues.find((v) => v.value === '正在创建')!;
    expect(p.unknownValues).toEqual([{ sheet: first.sheet, field: 'strongestStatus', header: '“最强党支部”创建情况', dict: 'strongest_status', value: '正在创建', count: odd.count, cells: odd.cells, kept: false }]);
    expect(strongestProblems(p)).toHaveLength(1);
    expect(p.counts.errors).toBe(1);
  });

  it('lists 55 unknown cells as 3 values with their counts and cells, applies each choice to all its cells, remembers it, and the next file asks nothing', async () => {
    ({ core } = await seededCore('small', 1));
    await cityWithoutTheseSynonyms();
    const guess = await open(fixture('values-ledger.xlsx'));
    // The columns: 党组织书记 and 联系方式（书记） read by their words, shown as guesses; the mapping step opens.
    const byLetter = Object.fromEntries(guess.columns.map((c) => [c.letter, c]));
    for (const [letter, field] of Object.entries(first.columns)) expect(byLetter[letter]!.field).toBe(field);
    expect(guess.columns.filter((c) => c.guessed).map((c) => c.letter)).toEqual(first.guessed);
    expect(guess.needsMapping).toBe(true);
    // The person confirms the columns, remembered.
    const p = await open(fixture('values-ledger.xlsx'), { mapping: guess.columns.map((c) => ({ index: c.index, field: c.field })), rememberMapping: true });

    expect(p.unknownValues.map(({ value, count, cells }) => ({ value, count, cells }))).toEqual(first.unknownValues);
    expect(p.unknownValues.every((v) => v.field === 'strongestStatus' && v.dict === 'strongest_status' && !v.kept)).toBe(true);
    // One problem per value, not one per cell.
    expect(strongestProblems(p)).toHaveLength(3);
    expect(p.counts.errors).toBe(3);
    expect(p.rows.every((r) => r.status === 'error')).toBe(true);

    const auditBefore = core.conn.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'dict_entry'").get() as { n: number };
    const mapped = await core.call('import.mapValues', { sessionId: p.sessionId, choices: first.unknownValues.map((v) => ({ dict: 'strongest_status', value: v.value, code: first.meaning[v.value]!, remember: true })) });
    expect(mapped.unknownValues).toEqual([]);
    expect(strongestProblems(mapped)).toEqual([]);
    expect(mapped.counts).toMatchObject({ errors: 0, new: first.rows });
    for (const v of first.unknownValues) {
      for (const cell of v.cells) expect(mapped.rows.find((r) => r.sourceRow === Number(cell.slice(1)))!.values.strongestStatus).toBe(first.meaning[v.value]);
    }
    // Remembered through the dictionary's rules, each with its audit record.
    const entries = await core.call('dict.list', { dict: 'strongest_status' });
    for (const v of first.unknownValues) expect(entries.find((e) => e.code === first.meaning[v.value])!.synonyms).toContain(v.value);
    const auditAfter = core.conn.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'dict_entry'").get() as { n: number };
    expect(auditAfter.n - auditBefore.n).toBe(3);

    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied.newRows).toBe(first.rows);
    // Derived from the pipeline: each new branch's stages filled from the file (按导入台账补录).
    const statuses = new Map<string, number>();
    for (const r of (await core.call('ledger.list', { year: 2026 })).rows.filter((x) => x.name.startsWith('经棚镇取值测试'))) statuses.set(r.strongestStatus!, (statuses.get(r.strongestStatus!) ?? 0) + 1);
    const held = [...statuses].map(([s, n]) => ({ s, n })).sort((a, b) => a.s.localeCompare(b.s));
    expect(held).toEqual(
      Object.entries(first.meaning)
        .map(([value, code]) => ({ s: code, n: first.unknownValues.find((v) => v.value === value)!.count }))
        .sort((a, b) => a.s.localeCompare(b.s)),
    );

    // The office's next file: the same layout, the same values (quotes written another way): no question.
    const next = await open(fixture('values-ledger-2.xlsx'));
    expect(next.needsMapping).toBe(false);
    expect(next.unknownValues).toEqual([]);
    expect(next.counts).toMatchObject({ errors: 0, new: second.rows });
    expect(next.rows.map((r) => r.values.strongestStatus)).toEqual(second.strongest.map((v) => second.meaning[v]));
  });

  it('keeps a value said to be none of the entries as written, red, where its row is accepted; refuses a choice of another value and changes nothing', async () => {
    ({ core } = await seededCore('small', 1));
    await cityWithoutTheseSynonyms();
    const p = await open(fixture('values-ledger.xlsx'));
    const odd = first.unknownValues.find((v) => v.value === '正在创建')!;
    await expect(core.call('import.mapValues', { sessionId: p.sessionId, choices: [{ dict: 'strongest_status', value: '从未见过', code: 'none', remember: true }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(core.call('import.mapValues', { sessionId: p.sessionId, choices: [{ dict: 'strongest_status', value: '否', code: 'no_such_code', remember: true }] })).rejects.toMatchObject({ code: 'INVALID_ARGS' });
    expect((await core.call('dict.list', { dict: 'strongest_status' })).find((e) => e.code === 'none')!.synonyms).toEqual([]);

    const mapped = await core.call('import.mapValues', {
      sessionId: p.sessionId,
      choices: [
        { dict: 'strongest_status', value: '否', code: 'none', remember: false },
        { dict: 'strongest_status', value: '旗县级‘最强党支部’', code: 'county_accepted', remember: false },
        { dict: 'strongest_status', value: '正在创建', code: null, remember: false },
      ],
    });
    expect(mapped.unknownValues).toEqual([expect.objectContaining({ value: '正在创建', count: odd.count, cells: odd.cells, kept: true })]);
    expect(strongestProblems(mapped)).toEqual([expect.objectContaining({ cell: odd.cells[0], message: expect.stringContaining('按原文写入并标红') })]);
    // Not remembered: the dictionary is as it was.
    expect((await core.call('dict.list', { dict: 'strongest_status' })).find((e) => e.code === 'none')!.synonyms).toEqual([]);

    const oddRows = odd.cells.map((c) => Number(c.slice(1)));
    await core.call('import.commit', { sessionId: p.sessionId, decisions: { acceptRows: oddRows } });
    const list = await core.call('ledger.list', { year: 2026 });
    const kept = list.rows.filter((r) => r.name.startsWith('经棚镇取值测试') && r.invalid?.strongestStatus);
    expect(kept.map((r) => r.invalid!.strongestStatus!.raw)).toEqual(odd.cells.map(() => '正在创建'));
    expect(list.rows.filter((r) => r.name.startsWith('经棚镇取值测试'))).toHaveLength(first.rows);
  });
});

describe('the mapping step of a layout seen before', () => {
  it('opens again only for a column holding data that a person never placed', async () => {
    ({ core } = await seededCore('small', 1));
    const guess = await open(fixture('values-ledger.xlsx'));
    // The person leaves 党组织书记 (E) out on purpose, and the layout is remembered with that answer.
    const mapping = guess.columns.map((c) => ({ index: c.index, field: c.letter === 'E' ? null : c.field }));
    await open(fixture('values-ledger.xlsx'), { mapping, rememberMapping: true });
    expect((await open(fixture('values-ledger.xlsx'))).needsMapping).toBe(false);
    // A mapping remembered without that answer (as before: only the columns taken): E holds data nobody placed.
    const held = core.conn.sqlite.prepare('SELECT signature, mapping_json FROM header_mapping').get() as { signature: string; mapping_json: string };
    const taken = (JSON.parse(held.mapping_json) as [number, string | null][]).filter(([, f]) => f !== null);
    core.conn.sqlite.prepare('UPDATE header_mapping SET mapping_json = ? WHERE signature = ?').run(JSON.stringify(taken), held.signature);
    const again = await open(fixture('values-ledger.xlsx'));
    expect(again.needsMapping).toBe(true);
    expect(again.columns.find((c) => c.letter === 'E')!.field).toBeNull();
  });
});

describe('values mapped once in a returned table of records', () => {
  it('lists a value of the 问题类别 column once with its cells, and reads every cell holding it as the entry chosen', async () => {
    let dir: string;
    ({ core, dir } = await seededCore('small', 1));
    const banner = await bannerOf(core);
    const { path: out } = await core.call('shell.chooseSaveFile', { suggestedName: 'problems.xlsx' });
    const exported = await core.call('export.run', { templateId: 'problems', scope: { year: 2026, scopeOrgId: banner }, path: out! });
    // The unit writes its own word for the category into the first three rows, with openpyxl; LibreOffice saves it.
    const filled = path.join(dir, '问题清单-填报.xlsx');
    const cells = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
col = next(c for r in range(1, 8) for c in range(1, ws.max_column + 1) if ws.cell(r, c).value == '问题类别')
head = next(r for r in range(1, 8) if ws.cell(r, col).value == '问题类别')
rows = [r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, col).value][:3]
for r in rows: ws.cell(r, col).value = '班子不团结'
wb.save(sys.argv[2])
print(json.dumps([ws.cell(r, col).coordinate for r in rows]))
`, exported.file, filled]).toString(),
    ) as string[];
    const resaved = soffice(filled, 'xlsx', path.join(dir, 'lo'));
    const p = await open(resaved);
    expect(cells).toHaveLength(3);
    expect(p.unknownValues).toEqual([expect.objectContaining({ field: 'category', dict: 'problem_category', value: '班子不团结', count: 3, cells })]);
    expect(p.problems.filter((q) => q.severity === 'error')).toHaveLength(1);

    const mapped = await core.call('import.mapValues', { sessionId: p.sessionId, choices: [{ dict: 'problem_category', value: '班子不团结', code: 'organisation', remember: true }] });
    expect(mapped.unknownValues).toEqual([]);
    expect(mapped.counts.errors).toBe(0);
    const rows = cells.map((c) => mapped.rows.find((r) => r.sourceRow === Number(c.replace(/^[A-Z]+/, '')))!);
    expect(rows.map((r) => r.values.category)).toEqual(['organisation', 'organisation', 'organisation']);
    expect(rows.every((r) => !r.diffs.some((d) => d.status === 'error'))).toBe(true);
  });
});

describe('the synonyms added to a database made before them', () => {
  it('adds the new synonyms to each entry and leaves a city’s own edits alone', async () => {
    const file = path.join(tempDir(), 'v6.db');
    const old = new SQLite(file);
    for (const m of migrations.slice(0, 6)) old.exec(m.sql);
    old.exec(`INSERT INTO dict_entry (dict, code, label, synonyms) VALUES
      ('strongest_status', 'none', '未创建', '["未开展"]'),
      ('strongest_status', 'county_accepted', '旗县级', '[]'),
      ('grade', 'advanced', '好', '["优秀"]'),
      ('grade', 'middle', '中间', '["一类"]'),
      ('grade', 'lagging', '后进', '["差", "软弱涣散"]');`);
    old.pragma('user_version = 6');
    old.close();
    core = await openCore(file);
    const strongest = await core.call('dict.list', { dict: 'strongest_status' });
    expect(strongest.find((e) => e.code === 'none')!.synonyms).toEqual(['未开展', '否', '无', '未评', '未参评', '没有', '暂无']);
    // Renamed by the city: its label stays, and a synonym that is its own label is not added again.
    const county = strongest.find((e) => e.code === 'county_accepted')!;
    expect(county.label).toBe('旗县级');
    expect(county.synonyms).toContain('旗县级最强党支部');
    expect(county.synonyms).not.toContain('旗县级');
    const grade = await core.call('dict.list', { dict: 'grade' });
    // 一类 is the city's 中间: not given to 先进 as well.
    expect(grade.find((e) => e.code === 'advanced')!.synonyms).not.toContain('一类');
    expect(grade.find((e) => e.code === 'advanced')!.synonyms).toEqual(expect.arrayContaining(['优秀', '先进党支部']));
    expect(grade.find((e) => e.code === 'middle')!.synonyms[0]).toBe('一类');
    // 0009: what 0007 made of 软弱涣散 is taken back; the city's own 软弱涣散 stays (its choice).
    const lagging = grade.find((e) => e.code === 'lagging')!.synonyms;
    expect(lagging).toEqual(expect.arrayContaining(['差', '软弱涣散', '三类']));
    expect(lagging).not.toContain('软弱涣散党支部');
    expect(lagging).not.toContain('软弱涣散党组织');
  });
});
