/**
 * Returned exports of every returnable template read back as the ledger's are: the export
 * re-saved by LibreOffice comes back unchanged; one cell edited by openpyxl is exactly one
 * change; the commit writes it with its file and cell in the audit; the undo puts the table
 * back as it was. Then what a return of records must never do: overwrite a conflict, lose a
 * record typed under the last row, take a summary report for a return, skip a corrupt cell.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { ImportPreview } from '../../shared/contract/types.ts';
import { choicesOf, importPlan, newRowFills } from '../../shared/domain/importPlan.ts';
import { builtinTemplates } from '../../shared/templates/index.ts';
import { seededCore } from '../helpers/core.ts';
import { bannerOf } from '../helpers/exports.ts';
import { soffice } from '../helpers/office.ts';

/** A cell to set: on the sheet at `sheet` (0-based), in the column headed `header` (under `group`), at Excel row `row` or the first blank row left for additions. */
interface Edit {
  sheet: number;
  header: string;
  group?: string;
  row: number | 'blank';
  value: string | number | null;
}

/** The unit fills the file in: openpyxl sets the cells, as a person would type them, and saves it. */
function fill(file: string, out: string, edits: Edit[]): string {
  execFileSync('/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def column(ws, header, group):
    for r in range(1, 8):
        for c in range(1, ws.max_column + 1):
            if ws.cell(r, c).value != header: continue
            if group is None: return c
            # The group heads the row above, merged over its columns: the nearest label to the left.
            g = next((ws.cell(r - 1, k).value for k in range(c, 0, -1) if ws.cell(r - 1, k).value), None)
            if g == group: return c
    raise Exception('no column ' + header)
for e in json.loads(sys.argv[3]):
    ws = wb.worksheets[e['sheet']]
    c = column(ws, e['header'], e.get('group'))
    row = e['row']
    if row == 'blank':
        idcol = column(ws, '行标识（请勿修改）', None)
        row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, idcol).value is None and ws.cell(r - 1, idcol).value not in (None, '行标识（请勿修改）'))
    ws.cell(row, c).value = e['value']
wb.save(sys.argv[2])
`, file, out, JSON.stringify(edits)]);
  return out;
}

/** A table as stored, without what an edit and its undo move on (revision, updated_at). */
function dump(core: Core, table: string): unknown[] {
  return (core.conn.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[]).map(({ revision: _r, updated_at: _u, ...rest }) => rest);
}

/** What must not change when a file is refused or only previewed. */
function snapshot(core: Core): string {
  const q = (sql: string) => JSON.stringify(core.conn.sqlite.prepare(sql).all());
  return createHash('sha256')
    .update(q('SELECT * FROM branch_ledger ORDER BY id'))
    .update(q('SELECT * FROM liaison ORDER BY id'))
    .update(q('SELECT * FROM liaison_visit ORDER BY id'))
    .update(q('SELECT * FROM project ORDER BY id'))
    .update(q('SELECT * FROM problem ORDER BY id'))
    .update(q('SELECT * FROM evaluation ORDER BY id'))
    .update(q('SELECT count(*) FROM audit_log'))
    .update(q('SELECT count(*) FROM import_batch'))
    .digest('hex');
}

async function open(core: Core, file: string): Promise<ImportPreview> {
  core.grants.read(file);
  return core.call('import.open', { path: file });
}

const changes = (p: ImportPreview) => p.rows.flatMap((r) => r.diffs.filter((d) => d.status !== 'kept').map((d) => ({ sheet: r.sheet, sourceRow: r.sourceRow, ...d })));
const letterOf = (p: ImportPreview, sheet: string, field: string) => p.sheets.find((s) => s.name === sheet)!.columns.find((c) => c.field === field)!.letter;

/**
 * For each returnable template: which cell of its first data row the unit changes, the table and
 * field it lands in, and how to find that row's record from the preview's match.
 */
const cases: { id: string; sheet: number; header: string; group?: string; field: string; value: string | number; table: string; column: string; stored: string | number }[] = [
  { id: 'liaison-points', sheet: 1, header: '主要内容', field: 'content', value: '回收时改写的工作内容', table: 'liaison_visit', column: 'content', stored: '回收时改写的工作内容' },
  { id: 'projects', sheet: 0, header: '投入资金（万元）', field: 'funds', value: 12.5, table: 'project', column: 'funds', stored: 12.5 },
  { id: 'problems', sheet: 0, header: '整改措施', field: 'measures', value: '召开专题会议，逐项整改', table: 'problem', column: 'measures', stored: '召开专题会议，逐项整改' },
  { id: 'strongest-branch', sheet: 0, header: '得分', group: '旗县验收', field: 'countyScore', value: 93.5, table: 'evaluation', column: 'score', stored: 93.5 },
];

describe('a returned export of every returnable template', () => {
  let core: Core;
  let dir: string;
  let banner: number;
  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 1));
    banner = await bannerOf(core);
  });
  afterAll(() => core.close());

  it('covers every template that goes down to be filled in (the ledger’s own are in import.test.ts)', () => {
    expect(builtinTemplates.filter((t) => t.returnable && t.id !== 'branch-ledger').map((t) => t.id).sort()).toEqual(cases.map((c) => c.id).sort());
  });

  for (const c of cases) {
    it(`${c.id}: re-saved by LibreOffice it is unchanged; one cell edited is one change, committed with its cell and undone whole`, async () => {
      const { path: out } = await core.call('shell.chooseSaveFile', { suggestedName: `${c.id}.xlsx` });
      const exported = await core.call('export.run', { templateId: c.id, scope: { year: 2026, scopeOrgId: banner }, path: out! });
      const resaved = soffice(exported.file, 'xlsx', path.join(dir, `lo-${c.id}`));
      const before = snapshot(core);
      const same = await open(core, resaved);
      expect(same).toMatchObject({ recognisedBy: 'manifest', template: { id: c.id }, exported: { ours: true } });
      expect(same.counts).toMatchObject({ new: 0, changed: 0, conflicts: 0, errors: 0, missing: 0 });
      expect(same.counts.unchanged).toBe(same.rows.length);
      expect(changes(same)).toEqual([]);
      await core.call('import.discard', { sessionId: same.sessionId });

      // The unit changes one cell of the first row of the sheet.
      const sheetName = same.sheets[c.sheet]!.name;
      const firstRow = Math.min(...same.rows.filter((r) => r.sheet === sheetName).map((r) => r.sourceRow));
      const edited = fill(resaved, path.join(dir, `填报-${c.id}.xlsx`), [{ sheet: c.sheet, header: c.header, ...(c.group ? { group: c.group } : {}), row: firstRow, value: c.value }]);
      const p = await open(core, edited);
      const cell = `${letterOf(p, sheetName, c.field)}${firstRow}`;
      expect(changes(p)).toEqual([expect.objectContaining({ sheet: sheetName, sourceRow: firstRow, field: c.field, cell, status: 'change', value: c.value })]);
      expect(p.counts).toMatchObject({ changed: 1, new: 0, conflicts: 0, errors: 0 });
      expect(snapshot(core)).toBe(before);
      const tableBefore = dump(core, c.table);

      const result = await core.call('import.commit', { sessionId: p.sessionId });
      expect(result.applied).toEqual({ newRows: 0, newCells: 0, changedRows: 1, cells: 1, clears: 0 });
      expect(result.problems).toEqual([]);
      // The one value written, and its audit naming the file and the cell it came from.
      const audit = core.conn.sqlite.prepare('SELECT entity, row_id, field, new_value, source, source_ref FROM audit_log WHERE change_set_id = ?').all(result.changeSetId) as { entity: string; row_id: number; field: string; new_value: string; source: string; source_ref: string }[];
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity: c.table, source: 'import', new_value: JSON.stringify(c.value), source_ref: `${c.table}:${audit[0]!.row_id}@${sheetName}!${cell}` });
      const stored = core.conn.sqlite.prepare(`SELECT ${c.column} AS v FROM ${c.table} WHERE id = ?`).get(audit[0]!.row_id) as { v: unknown };
      expect(stored.v).toBe(c.stored);
      const cs = core.conn.sqlite.prepare('SELECT file_name FROM change_set WHERE id = ?').get(result.changeSetId) as { file_name: string };
      expect(cs.file_name).toBe(path.basename(edited));

      // Undone as a whole: the table as it was.
      const [batch] = await core.call('import.history', {});
      expect(await core.call('changes.undo', { changeSetId: batch!.changeSetId! })).toMatchObject({ problems: [], removed: [] });
      expect(dump(core, c.table)).toEqual(tableBefore);
      expect((await core.call('import.history', {}))[0]!.status).toBe('undone');
    });
  }
});

describe('what a return of records must never do', () => {
  let core: Core;
  let dir: string;
  let banner: number;
  /** The township with the most liaison points, and its file of them sent down with blank rows for additions. */
  let town: { id: number; name: string };
  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 1));
    banner = await bannerOf(core);
    const towns = (await core.call('org.children', { parentId: banner })).nodes;
    const points = async (id: number) => (await core.call('records.list', { table: 'liaison', year: 2026, scopeOrgId: id })).rows.length;
    const counted = await Promise.all(towns.map(async (t) => ({ t, n: await points(t.id) })));
    town = counted.sort((a, b) => b.n - a.n)[0]!.t;
  });
  afterAll(() => core.close());

  const sendDown = async (templateId: string) => {
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: `下发-${templateId}-${Math.random()}` });
    const { files } = await core.call('export.sendDown', { templateId, parentOrgId: banner, year: 2026, folder: folder! });
    return files.find((f) => f.unitId === town.id)!.file;
  };
  const returned = (file: string, edits: Edit[]) => soffice(fill(file, path.join(dir, `填报-${Math.random()}.xlsx`), edits), 'xlsx', path.join(dir, `lo-${Math.random()}`));

  it('shows a cell changed here and there as a conflict and does not overwrite it; keeps ours where the unit left the value as sent', async () => {
    const file = await sendDown('liaison-points');
    const points = (await core.call('records.list', { table: 'liaison', year: 2026, scopeOrgId: town.id })).rows;
    const p0 = await open(core, file);
    const [first, second, third] = p0.rows.filter((r) => r.sheet === '联系点台账');
    await core.call('import.discard', { sessionId: p0.sessionId });
    const held = (id: number) => points.find((x) => x.id === id)!;
    // Here, after sending: three rows' goals.
    await core.call('records.edit', {
      table: 'liaison',
      year: 2026,
      changes: [
        { id: first!.record!.id, field: 'goals', value: '本地改的目标' },
        { id: second!.record!.id, field: 'goals', value: '本地又改的目标' },
        { id: third!.record!.id, field: 'goals', value: '双方相同的目标' },
      ],
      source: 'typed',
    });
    // There: the first row's goals changed otherwise, the second left as sent, the third changed the same way.
    const p = await open(core, returned(file, [
      { sheet: 0, header: '帮扶目标', row: first!.sourceRow, value: '报送改的目标' },
      { sheet: 0, header: '帮扶目标', row: third!.sourceRow, value: '双方相同的目标' },
    ]));
    const cell = `${letterOf(p, '联系点台账', 'goals')}${first!.sourceRow}`;
    expect(p.rows.find((r) => r.sheet === '联系点台账' && r.sourceRow === first!.sourceRow)!.diffs).toEqual([
      { field: 'goals', cell, status: 'conflict', raw: '报送改的目标', value: '报送改的目标', current: '本地改的目标', sent: held(first!.record!.id).values.goals },
    ]);
    expect(p.rows.find((r) => r.sheet === '联系点台账' && r.sourceRow === second!.sourceRow)!.diffs).toMatchObject([{ field: 'goals', status: 'kept', current: '本地又改的目标' }]);
    expect(p.rows.find((r) => r.sheet === '联系点台账' && r.sourceRow === third!.sourceRow)).toMatchObject({ status: 'unchanged', diffs: [] });
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: '联系点台账', cell, message: '帮扶目标：导出后本地改为“本地改的目标”，报送单位改为“报送改的目标”，请选择保留哪一个。' });
    expect(p.counts).toMatchObject({ conflicts: 1, changed: 0 });
    // Committed as it stands: the conflict is not taken, nothing is overwritten.
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied).toMatchObject({ changedRows: 0, cells: 0 });
    const now = (id: number) => (core.conn.sqlite.prepare('SELECT goals FROM liaison WHERE id = ?').get(id) as { goals: string }).goals;
    expect(now(first!.record!.id)).toBe('本地改的目标');
    expect(now(second!.record!.id)).toBe('本地又改的目标');
  });

  it('adds a work record typed under the last row, its point found by its leader and branch, and the undo removes it', async () => {
    const file = await sendDown('liaison-points');
    const p0 = await open(core, file);
    const lastVisit = p0.rows.filter((r) => r.sheet === '工作记录').at(-1)!;
    await core.call('import.discard', { sessionId: p0.sessionId });
    const point = (await core.call('records.list', { table: 'liaison', year: 2026, scopeOrgId: town.id })).rows.find((r) => r.values.leaderName === lastVisit.values.leaderName && r.values.branchName === lastVisit.values.branchName)!;
    const visitsBefore = dump(core, 'liaison_visit');
    const typed: Edit[] = [
      { sheet: 1, header: '联系领导', row: 'blank', value: String(lastVisit.values.leaderName) },
      { sheet: 1, header: '联系党支部', row: 'blank', value: String(lastVisit.values.branchName) },
      { sheet: 1, header: '日期', row: 'blank', value: '2026年3月20日' },
      { sheet: 1, header: '活动形式', row: 'blank', value: '讲党课' },
      { sheet: 1, header: '主要内容', row: 'blank', value: '回收时新增的一次党课' },
    ];
    const p = await open(core, returned(file, typed));
    const added = p.rows.filter((r) => r.status === 'new');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ sheet: '工作记录', sourceRow: lastVisit.sourceRow + 1, refs: { liaisonId: point.id }, values: { visitedOn: '2026-03-20', kind: 'lecture', content: '回收时新增的一次党课' } });
    expect(p.counts).toMatchObject({ new: 1, changed: 0, errors: 0 });

    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied).toMatchObject({ newRows: 1, newCells: 3 });
    const visit = core.conn.sqlite.prepare("SELECT id, liaison_id, visited_on, kind, content FROM liaison_visit WHERE content = '回收时新增的一次党课'").get() as Record<string, unknown>;
    expect(visit).toMatchObject({ liaison_id: point.id, visited_on: '2026-03-20', kind: 'lecture' });
    const audit = core.conn.sqlite.prepare('SELECT op, source_ref FROM audit_log WHERE change_set_id = ?').all(result.changeSetId);
    expect(audit).toEqual([{ op: 'insert', source_ref: `liaison_visit:${visit.id as number}@工作记录!B${lastVisit.sourceRow + 1}` }]);

    const [batch] = await core.call('import.history', {});
    const undone = await core.call('changes.undo', { changeSetId: batch!.changeSetId! });
    expect(undone.problems).toEqual([]);
    expect(undone.removed).toHaveLength(1);
    expect(dump(core, 'liaison_visit')).toEqual(visitsBefore);
  });

  it('says which name it cannot find for a record typed under the last row, and adds nothing', async () => {
    const file = await sendDown('liaison-points');
    const p = await open(core, returned(file, [
      { sheet: 1, header: '联系领导', row: 'blank', value: '不存在的领导' },
      { sheet: 1, header: '联系党支部', row: 'blank', value: '不存在的党支部' },
      { sheet: 1, header: '日期', row: 'blank', value: '2026-03-20' },
      { sheet: 1, header: '活动形式', row: 'blank', value: '调研指导' },
    ]));
    const bad = p.rows.find((r) => r.sheet === '工作记录' && r.status === 'error')!;
    expect(bad.messages).toContain('找不到领导干部“不存在的领导”');
    expect(p.problems).toContainEqual(expect.objectContaining({ severity: 'error', sheet: '工作记录', cell: `B${bad.sourceRow}` }));
    // Even accepted, a row whose point is not found has nowhere to go.
    const visitsBefore = dump(core, 'liaison_visit');
    const result = await core.call('import.commit', { sessionId: p.sessionId, decisions: { sheets: [{ sheet: '工作记录', acceptRows: [bad.sourceRow] }] } });
    expect(result.applied).toMatchObject({ newRows: 0 });
    expect(dump(core, 'liaison_visit')).toEqual(visitsBefore);
  });

  it('reports a corrupt cell with its cell, and leaves the record as held', async () => {
    const file = await sendDown('problems');
    const p0 = await open(core, file);
    const first = p0.rows[0]!;
    await core.call('import.discard', { sessionId: p0.sessionId });
    const problem = core.conn.sqlite.prepare('SELECT due_on FROM problem WHERE id = ?').get(first.record!.id) as { due_on: string };
    // A formula saved without its result (openpyxl keeps no value for it), in 整改时限.
    const p = await open(core, fill(file, path.join(dir, `填报-坏格-${Math.random()}.xlsx`), [{ sheet: 0, header: '整改时限', row: first.sourceRow, value: '=DATE(2026,13,' }]));
    const cell = `${letterOf(p, '问题清单整改台账', 'dueOn')}${first.sourceRow}`;
    const row = p.rows.find((r) => r.sourceRow === first.sourceRow)!;
    expect(row.status).toBe('error');
    expect(row.diffs).toEqual([expect.objectContaining({ field: 'dueOn', cell, status: 'error', current: problem.due_on })]);
    expect(p.problems).toContainEqual({ severity: 'error', sheet: '问题清单整改台账', cell, message: expect.stringContaining('公式') });
    expect(p.counts.errors).toBe(1);
    await core.call('import.commit', { sessionId: p.sessionId });
    expect(core.conn.sqlite.prepare('SELECT due_on FROM problem WHERE id = ?').get(first.record!.id)).toEqual(problem);
  });

  it('takes a correction of a cell of the second sheet in the preview, compares it again, and commits what the summary says', async () => {
    const file = await sendDown('liaison-points');
    const p0 = await open(core, file);
    const visit = p0.rows.find((r) => r.sheet === '工作记录')!;
    await core.call('import.discard', { sessionId: p0.sessionId });
    const p = await open(core, returned(file, [{ sheet: 1, header: '日期', row: visit.sourceRow, value: '三月初' }]));
    const cell = `${letterOf(p, '工作记录', 'visitedOn')}${visit.sourceRow}`;
    const bad = p.rows.find((r) => r.sheet === '工作记录' && r.sourceRow === visit.sourceRow)!;
    expect(bad).toMatchObject({ status: 'error', diffs: [{ field: 'visitedOn', cell, status: 'error', raw: '三月初' }] });
    const errors = p.counts.errors;
    // The same row number on the first sheet is another row: the correction names its sheet.
    const fixed = await core.call('import.fix', { sessionId: p.sessionId, sheet: '工作记录', sourceRow: visit.sourceRow, field: 'visitedOn', value: '2026-03-02' });
    expect(fixed.row).toMatchObject({ sheet: '工作记录', status: 'changed', diffs: [{ field: 'visitedOn', status: 'change', value: '2026-03-02', current: visit.values.visitedOn }], corrected: ['visitedOn'] });
    expect(fixed.counts.errors).toBe(errors - 1);
    expect(fixed.problems.some((x) => x.sheet === '工作记录' && x.cell === cell)).toBe(false);
    // A column the file cannot change is not corrected either.
    await expect(core.call('import.fix', { sessionId: p.sessionId, sheet: '工作记录', sourceRow: visit.sourceRow, field: 'leaderName', value: '别人' })).rejects.toMatchObject({ code: 'INVALID_ARGS' });
    const rows = p.rows.map((r) => (r.sheet === fixed.row.sheet && r.sourceRow === fixed.row.sourceRow ? fixed.row : r));
    const plan = importPlan(rows, choicesOf({}, p.sheet), newRowFills(p.sheets));
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied).toEqual({ newRows: plan.newRows, newCells: plan.newCells, changedRows: plan.changedRows, cells: plan.cells, clears: plan.clears });
    expect(result.applied.cells).toBe(1);
    const ref = core.conn.sqlite.prepare("SELECT source_ref FROM audit_log WHERE change_set_id = ? AND field = 'visitedOn'").get(result.changeSetId) as { source_ref: string };
    expect(ref.source_ref).toBe(`liaison_visit:${visit.record!.id}@工作记录!${cell}（导入核对时改正）`);
    expect(core.conn.sqlite.prepare('SELECT visited_on FROM liaison_visit WHERE id = ?').get(visit.record!.id)).toEqual({ visited_on: '2026-03-02' });
  });

  it('reads a value kept but not understood (red) back as unchanged; says, and does not write, text typed over a locked column', async () => {
    const points = (await core.call('records.list', { table: 'liaison', year: 2026, scopeOrgId: town.id })).rows;
    const edited = await core.call('records.edit', { table: 'liaison', year: 2026, changes: [{ id: points[0]!.id, field: 'establishedOn', value: '去年春天' }], source: 'typed' });
    expect(edited.problems[0]).toMatchObject({ kept: true });
    const file = await sendDown('liaison-points');
    const p0 = await open(core, file);
    const red = p0.rows.find((r) => r.record?.id === points[0]!.id)!;
    await core.call('import.discard', { sessionId: p0.sessionId });
    expect(red).toMatchObject({ status: 'unchanged', diffs: [], values: { establishedOn: '去年春天' } });
    // 支部等次 comes from the ledger and 职务 from the leader: typed over, said with their cells, not written.
    const before = snapshot(core);
    const p = await open(core, returned(file, [
      { sheet: 0, header: '支部等次', row: red.sourceRow, value: red.values.branchGrade === 'advanced' ? '后进' : '先进' },
      { sheet: 0, header: '职务', group: '联系领导', row: red.sourceRow, value: '改写的职务' },
    ]));
    expect(p.rows.find((r) => r.sourceRow === red.sourceRow && r.sheet === '联系点台账')).toMatchObject({ status: 'unchanged', diffs: [] });
    const gradeCell = `${letterOf(p, '联系点台账', 'branchGrade')}${red.sourceRow}`;
    const titleCell = `${letterOf(p, '联系点台账', 'leaderTitle')}${red.sourceRow}`;
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: '联系点台账', cell: gradeCell, message: expect.stringContaining(`“支部等次”由程序根据其他记录生成，不从文件导入。文件中有 1 行与本机不同（${gradeCell}）`) });
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: '联系点台账', cell: titleCell, message: expect.stringContaining(`（${titleCell}）`) });
    await core.call('import.commit', { sessionId: p.sessionId });
    expect(snapshot(core)).not.toBe(before);
    expect(core.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE change_set_id IN (SELECT change_set_id FROM import_batch ORDER BY created_at DESC LIMIT 1)').get()).toEqual({ n: 0 });
  });

  it('shows a cell the unit emptied as an erasure, written only when chosen', async () => {
    const file = await sendDown('problems');
    const p0 = await open(core, file);
    const first = p0.rows.find((r) => r.values.measures)!;
    await core.call('import.discard', { sessionId: p0.sessionId });
    const emptied = returned(file, [{ sheet: 0, header: '整改措施', row: first.sourceRow, value: null }]);
    const measures = () => (core.conn.sqlite.prepare('SELECT measures FROM problem WHERE id = ?').get(first.record!.id) as { measures: string | null }).measures;
    const p = await open(core, emptied);
    expect(p.counts.clears).toBe(1);
    expect(changes(p)).toEqual([expect.objectContaining({ field: 'measures', status: 'change', value: null, current: first.values.measures })]);
    expect((await core.call('import.commit', { sessionId: p.sessionId })).applied).toMatchObject({ cells: 0, clears: 0 });
    expect(measures()).toBe(first.values.measures);
    const again = await open(core, emptied);
    expect((await core.call('import.commit', { sessionId: again.sessionId, decisions: { clears: true } })).applied).toMatchObject({ cells: 1, clears: 1 });
    expect(measures()).toBeNull();
  });

  it('writes the dates the file gives: a problem crossed off in the file is not dated today', async () => {
    // A problem still being handled: reopened here (with the reason the loop asks for) before the file goes down.
    const problem = (await core.call('records.list', { table: 'problem', year: 2026, scopeOrgId: town.id })).rows.find((r) => r.values.status === 'cleared')!;
    await core.call('problems.reopen', { id: problem.id, reason: '复查发现问题反弹' });
    const file = await sendDown('problems');
    const p0 = await open(core, file);
    const open0 = p0.rows.find((r) => r.record?.id === problem.id)!;
    expect(open0.values).toMatchObject({ status: 'rectifying', clearedOn: null });
    await core.call('import.discard', { sessionId: p0.sessionId });
    const p = await open(core, returned(file, [{ sheet: 0, header: '整改状态', row: open0.sourceRow, value: '已销号' }]));
    expect(changes(p)).toEqual([expect.objectContaining({ field: 'status', value: 'cleared' })]);
    await core.call('import.commit', { sessionId: p.sessionId });
    expect(core.conn.sqlite.prepare('SELECT status, cleared_on FROM problem WHERE id = ?').get(open0.record!.id)).toEqual({ status: 'cleared', cleared_on: null });
  });

  it('adds the record of a stage a branch on the path has not reached, and the undo removes it', async () => {
    const file = await sendDown('strongest-branch');
    const p0 = await open(core, file);
    await core.call('import.discard', { sessionId: p0.sessionId });
    const county = new Set((core.conn.sqlite.prepare("SELECT org_id FROM evaluation WHERE stage = 'county' AND year = 2026 AND deleted_at IS NULL").all() as { org_id: number }[]).map((r) => r.org_id));
    // Next on its path (the pipeline's rule holds for a returned file too): rated by its township, not yet accepted.
    const rated = new Set((core.conn.sqlite.prepare("SELECT org_id FROM evaluation WHERE stage = 'township' AND result = 'pass' AND year = 2026 AND deleted_at IS NULL AND superseded_at IS NULL").all() as { org_id: number }[]).map((r) => r.org_id));
    const waiting = p0.rows.find((r) => !county.has(r.record!.id) && rated.has(r.record!.id))!;
    const before = dump(core, 'evaluation');
    const p = await open(core, returned(file, [
      { sheet: 0, header: '时间', group: '旗县验收', row: waiting.sourceRow, value: '2026-03-10' },
      { sheet: 0, header: '得分', group: '旗县验收', row: waiting.sourceRow, value: 91 },
      { sheet: 0, header: '结果', group: '旗县验收', row: waiting.sourceRow, value: '通过' },
    ]));
    expect(changes(p)).toEqual([
      expect.objectContaining({ sourceRow: waiting.sourceRow, field: 'countyOn', status: 'change', value: '2026-03-10', current: null }),
      expect.objectContaining({ sourceRow: waiting.sourceRow, field: 'countyScore', status: 'change', value: 91, current: null }),
      expect.objectContaining({ sourceRow: waiting.sourceRow, field: 'countyResult', status: 'change', value: 'pass', current: null }),
    ]);
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied).toMatchObject({ changedRows: 1, cells: 3 });
    expect(core.conn.sqlite.prepare("SELECT evaluated_on, score, result FROM evaluation WHERE org_id = ? AND stage = 'county' AND year = 2026").get(waiting.record!.id)).toEqual({ evaluated_on: '2026-03-10', score: 91, result: 'pass' });
    const [batch] = await core.call('import.history', {});
    expect((await core.call('changes.undo', { changeSetId: batch!.changeSetId! })).removed).toHaveLength(1);
    expect(dump(core, 'evaluation')).toEqual(before);
  });

  it('compares a return exported on another computer two ways, and says so', async () => {
    // Projects of 经棚镇, exported by another copy of the app (scripts/import-fixtures.ts): its batch is not ours.
    const fixture = path.resolve(import.meta.dirname, '../fixtures/import/other-template.xlsx');
    const same = await open(core, fixture);
    expect(same).toMatchObject({ template: { id: 'projects' }, exported: { ours: false, unitCode: '150425100' } });
    expect(same.counts).toMatchObject({ changed: 0, new: 0, errors: 0 });
    expect(same.counts.unchanged).toBe(same.rows.length);
    expect(same.problems[0]!.message).toContain('不是从本机导出的');
    await core.call('import.discard', { sessionId: same.sessionId });
    const p = await open(core, fill(fixture, path.join(dir, `外来-${Math.random()}.xlsx`), [{ sheet: 0, header: '责任人', row: same.rows[0]!.sourceRow, value: '外来改的责任人' }]));
    // Nothing says what was sent: a difference is the file's change, with no value as sent.
    expect(changes(p)).toEqual([expect.objectContaining({ field: 'responsible', status: 'change', value: '外来改的责任人', sent: undefined })]);
  });

  it('tells a summary report dropped on the import for what it is, and changes nothing', async () => {
    const { path: out } = await core.call('shell.chooseSaveFile', { suggestedName: '汇总.xlsx' });
    const summary = await core.call('export.run', { templateId: 'org-summary', scope: { year: 2026, scopeOrgId: banner }, path: out! });
    const before = snapshot(core);
    await expect(open(core, soffice(summary.file, 'xlsx', path.join(dir, 'lo-summary')))).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringContaining('汇总报表') });
    expect(snapshot(core)).toBe(before);
  });
});
