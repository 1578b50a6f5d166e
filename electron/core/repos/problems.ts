/**
 * The problem list's own queries: the steps of each problem's loop (problem_step), and
 * the problems of a subtree as the closure rates count them.
 */
import type SQLite from 'better-sqlite3';
import { all, build, run } from '../db/query.ts';
import type { ProblemStepTable } from '../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';
import { subtreeEnd } from './parts.ts';

export type ProblemStepRow = Selectable<ProblemStepTable>;

export function insertProblemStep(sqlite: SQLite.Database, step: Insertable<ProblemStepTable>): number {
  return Number(run(sqlite, build.insertInto('problem_step').values(step)).lastInsertRowid);
}

/** A problem's steps in the order they were recorded. */
export function problemSteps(sqlite: SQLite.Database, problemId: number): ProblemStepRow[] {
  return all(
    sqlite,
    build.selectFrom('problem_step').selectAll().where('problem_id', '=', problemId).where('deleted_at', 'is', null).orderBy('id'),
  );
}

export interface ClosureProblemRow {
  path: string;
  status: string;
  category: string | null;
  due_on: string | null;
}

/** The live problems of a year in the subtree at `path` (all of them without one), with where they sit. */
export function problemsForClosure(sqlite: SQLite.Database, year: number, path: string | null): ClosureProblemRow[] {
  let q = build
    .selectFrom('problem as r')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .select(['o.path', 'r.status', 'r.category', 'r.due_on'])
    .where('r.year', '=', year)
    .where('r.deleted_at', 'is', null);
  if (path !== null) q = q.where('o.path', '>=', path).where('o.path', '<', subtreeEnd(path));
  return all(sqlite, q);
}
