/**
 * The tables offices keep by hand, in their own layouts (tests/fixtures/import/layouts: written
 * by openpyxl, re-saved by LibreOffice, what each holds written down in expected.json before the
 * import read them), on a real SQLite file of the small demo league: a 联系点台账 with the leader's
 * name and post merged down its points (never read as a branch ledger), a 领办实事项目 list, a
 * 问题清单 behind a 填表说明 sheet, two tables side by side; each imported to the expected rows,
 * committed and undone whole. Layouts the import does not read are refused by name, with nothing written.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { ImportPreview } from '../../shared/contract/types.ts';
import { seededCore } from '../helpers/core.ts';

const folder = path.resolve(import.meta.dirname, '../fixtures/import/layouts');
const fixture = (name: string) => path.join(folder, name);

interface ExpectedRow {
  row: number;
  status: 'changed' | 'new' | 'error';
  changes?: { field: string; cell: string; value: string | number }[];
  errorCell?: string;
  [field: string]: unknown;
}
interface ExpectedFile {
  template?: string;
  sheet?: string;
  dataRows?: number[];
  rows?: ExpectedRow[];
  newLeaders?: { name: string; title: string; position: string; cell: string }[];
  skippedSheet?: string;
  otherTable?: { range: string; looksLike: string };
  sheets?: { sheet: string; row: number; unit: string; description: string; statusValue: string }[];
  refused?: string;
}
const expected = JSON.parse(fs.readFileSync(fixture('expected.json'), 'utf8')) as { inputs: { committee: string; problem: { unitName: string } }; files: Record<string, ExpectedFile> };

/** What must not change when a file is refused or only previewed. */
function snapshot(core: Core): string {
  const q = (sql: string) => JSON.stringify(core.conn.sqlite.prepare(sql).all());
  return createHash('sha256')
    .update(q('SELECT * FROM org ORDER BY id'))
    .update(q('SELECT * FROM branch_ledger ORDER BY id'))
    .update(q('SELECT * FROM leader ORDER BY id'))
    .update(q('SELECT * FROM liaison ORDER BY id'))
    .update(q('SELECT * FROM project ORDER BY id'))
    .update(q('SELECT * FROM problem ORDER BY id'))
    .update(q('SELECT count(*) FROM audit_log'))
    .digest('hex');
}

/** The tables an import of records may write, as stored, without what an edit and its undo move on. */
function tables(core: Core): unknown {
  const dump = (t: string) => (core.conn.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as Record<string, unknown>[]).map(({ revision: _r, updated_at: _u, ...rest }) => rest);
  return { org: dump('org'), ledger: dump('branch_ledger'), leader: dump('leader'), liaison: dump('liaison'), project: dump('project'), problem: dump('problem') };
}

async function open(core: Core, name: string): Promise<ImportPreview> {
  core.grants.read(fixture(name));
  return core.call('import.open', { path: fixture(name) });
}

const statusOf = { changed: 'changed', new: 'new', error: 'error' } as const;

/** The preview holds the expected rows, with the expected statuses and changed cells. */
function expectRows(p: ImportPreview, file: ExpectedFile): void {
  expect(p.template.id).toBe(file.template);
  expect(p.recognisedBy).toBe('headers');
  expect(p.sheet).toBe(file.sheet);
  expect(p.rows.map((r) => r.sourceRow)).toEqual(file.dataRows);
  for (const want of file.rows!) {
    const row = p.rows.find((r) => r.sourceRow === want.row)!;
    expect(row.status, `row ${want.row}`).toBe(statusOf[want.status]);
    if (want.changes) {
      expect(row.diffs.filter((d) => d.status === 'change').map((d) => ({ field: d.field, cell: d.cell, value: d.value }))).toEqual(want.changes);
    }
    if (want.errorCell) expect(p.problems.some((x) => x.severity === 'error' && x.cell === want.errorCell)).toBe(true);
  }
}

/** Commits the preview, then undoes the commit with the app's one undo: the tables as they were. */
async function commitAndUndo(core: Core, p: ImportPreview, check: () => void): Promise<void> {
  const before = tables(core);
  const result = await core.call('import.commit', { sessionId: p.sessionId });
  expect(result.changeSetId).not.toBeNull();
  check();
  const undone = await core.call('changes.undo', { changeSetId: result.changeSetId! });
  expect(undone.problems).toEqual([]);
  expect(tables(core)).toEqual(before);
}

const one = <T,>(core: Core, sql: string, ...args: unknown[]) => core.conn.sqlite.prepare(sql).get(...args) as T;

describe('tables kept by hand in the offices’ own layouts', () => {
  let core: Core;
  beforeEach(async () => {
    ({ core } = await seededCore('small', 1));
  });
  afterEach(() => core.close());

  it('reads a 联系点台账 with the leader’s name and post merged down as leaders and liaison points, never as a branch ledger', async () => {
    const file = expected.files['liaison-merged.xlsx']!;
    const before = snapshot(core);
    const p = await open(core, 'liaison-merged.xlsx');
    expect(p.template.id).not.toBe('branch-ledger');
    expectRows(p, file);
    // Each merged row carries its leader (the value is in the merge's top cell only).
    for (const want of file.rows!) expect(p.rows.find((r) => r.sourceRow === want.row)!.values.leaderName).toBe(want.leader);
    const unknown = p.problems.find((x) => x.cell === 'D7')!;
    expect(unknown.message).toContain('不存在村党支部');
    for (const l of file.newLeaders!) expect(p.problems.find((x) => x.cell === l.cell && x.severity === 'warning')!.message).toContain(l.name);
    expect(snapshot(core)).toBe(before);

    await commitAndUndo(core, p, () => {
      for (const l of file.newLeaders!) {
        const leader = one<{ title: string; position: string; committee: string }>(core, 'SELECT l.title, l.position, c.name AS committee FROM leader l JOIN org c ON c.id = l.committee_org_id WHERE l.name = ?', l.name);
        expect(leader).toEqual({ title: l.title, position: l.position, committee: expected.inputs.committee });
      }
      for (const want of file.rows!.filter((r) => r.status === 'new')) {
        const point = one<{ category: string; main_problems: string } | undefined>(
          core,
          'SELECT p.category, p.main_problems FROM liaison p JOIN leader l ON l.id = p.leader_id JOIN org o ON o.id = p.org_id WHERE l.name = ? AND o.name = ? AND p.deleted_at IS NULL',
          want.leader,
          want.branch,
        );
        expect(point, `${String(want.leader)} → ${String(want.branch)}`).toEqual({ category: want.category, main_problems: want.mainProblems });
      }
      const changed = file.rows![0]!;
      const goals = one<{ goals: string }>(core, 'SELECT p.goals FROM liaison p JOIN leader l ON l.id = p.leader_id JOIN org o ON o.id = p.org_id WHERE l.name = ? AND o.name = ?', changed.leader, changed.branch);
      expect(goals.goals).toBe(changed.changes![0]!.value);
      expect(one<{ n: number }>(core, "SELECT count(*) AS n FROM org WHERE name = '不存在村党支部'").n).toBe(0);
    });
  });

  it('reads a 领办实事项目 list typed by hand: a project it names by leader, branch and name is changed, another is added', async () => {
    const file = expected.files['projects-handmade.xlsx']!;
    const p = await open(core, 'projects-handmade.xlsx');
    expectRows(p, file);
    await commitAndUndo(core, p, () => {
      const [changed, added] = file.rows!;
      expect(one<{ funds: number }>(core, 'SELECT p.funds FROM project p JOIN leader l ON l.id = p.leader_id WHERE l.name = ? AND p.name = ?', changed!.leader, changed!.name).funds).toBe(changed!.changes![0]!.value);
      expect(one(core, 'SELECT p.funds, p.due_on AS dueOn, p.progress, o.name AS branch FROM project p JOIN leader l ON l.id = p.leader_id JOIN org o ON o.id = p.org_id WHERE l.name = ? AND p.name = ?', added!.leader, added!.name)).toEqual({
        funds: added!.funds,
        dueOn: added!.dueOn,
        progress: added!.progress,
        branch: added!.branch,
      });
    });
  });

  it('skips the 填表说明 sheet in front of a 问题清单 and says so; reads the list by unit and description', async () => {
    const file = expected.files['problems-notes-first.xlsx']!;
    const p = await open(core, 'problems-notes-first.xlsx');
    expectRows(p, file);
    expect(p.problems).toContainEqual(expect.objectContaining({ sheet: file.skippedSheet, message: expect.stringContaining('填表说明') }));
    await commitAndUndo(core, p, () => {
      const [changed, added] = file.rows!;
      // Descriptions repeat across units: the problem is the one of the unit the file names.
      const held = one<{ status: string }>(core, 'SELECT p.status FROM problem p JOIN org o ON o.id = p.org_id WHERE p.description = ? AND o.name = ?', changed!.description, expected.inputs.problem.unitName);
      expect(held.status).toBe(changed!.changes![0]!.value);
      expect(one(core, 'SELECT o.name AS unit, p.responsible, p.due_on AS dueOn, p.status FROM problem p JOIN org o ON o.id = p.org_id WHERE p.description = ?', added!.description)).toEqual({
        unit: added!.unit,
        responsible: added!.responsible,
        dueOn: added!.dueOn,
        status: added!.statusValue,
      });
    });
  });

  it('finds both of two tables side by side: reads the one it is asked for on its own columns, and says what the other is', async () => {
    const file = expected.files['side-by-side.xlsx']!;
    const p = await open(core, 'side-by-side.xlsx');
    expectRows(p, file);
    const other = p.problems.find((x) => x.message.includes(file.otherTable!.range))!;
    expect(other.message).toContain(file.otherTable!.looksLike);
    expect(other.message).toContain('没有读入');
    expect(p.problems.some((x) => x.message.includes('没有对应'))).toBe(false);
    await commitAndUndo(core, p, () => {
      expect(one<{ n: number }>(core, 'SELECT count(*) AS n FROM liaison p JOIN org o ON o.id = p.org_id WHERE o.name IN (?, ?)', file.rows![0]!.branch, file.rows![1]!.branch).n).toBe(2);
    });
  });

  it('reads a 问题清单 kept one sheet per township: every sheet, each row at the unit it names', async () => {
    const file = expected.files['problems-per-township.xlsx']!;
    const p = await open(core, 'problems-per-township.xlsx');
    expect(p.template.id).toBe(file.template);
    expect(p.sheets.map((s) => s.name)).toEqual(file.sheets!.map((s) => s.sheet));
    expect(p.rows.map((r) => [r.sheet, r.sourceRow, r.status])).toEqual(file.sheets!.map((s) => [s.sheet, s.row, 'new']));
    await commitAndUndo(core, p, () => {
      for (const s of file.sheets!) {
        expect(one(core, 'SELECT o.name AS unit, p.status FROM problem p JOIN org o ON o.id = p.org_id WHERE p.description = ?', s.description)).toEqual({ unit: s.unit, status: s.statusValue });
      }
    });
  });

  for (const name of ['vertical-form.xlsx', 'crosstab.xlsx']) {
    it(`refuses ${name} by the name of its layout (${expected.files[name]!.refused}), with nothing written`, async () => {
      const before = snapshot(core);
      await expect(open(core, name)).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringContaining(expected.files[name]!.refused!) });
      expect(snapshot(core)).toBe(before);
    });
  }
});
