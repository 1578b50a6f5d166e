/**
 * Queries of the standards checklist: a year's standards, each branch's items, and the counts
 * the shares are made of (one grouped query for a whole league, not one per branch).
 */
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { all, build, first, run } from '../db/query.ts';
import type { ChecklistItemTable, StandardTable } from '../db/schema.ts';
import type { Selectable } from 'kysely';
import { listed, subtreeEnd } from './parts.ts';

export type StandardRow = Selectable<StandardTable>;
export type ChecklistItemRow = Selectable<ChecklistItemTable>;

/** A year's standards (deleted ones left out), in the order they were entered. */
export function standardsOfYear(sqlite: SQLite.Database, year: number): StandardRow[] {
  return all(sqlite, build.selectFrom('standard').selectAll().where('year', '=', year).where('deleted_at', 'is', null).orderBy('ordinal').orderBy('id'));
}

export function standardYears(sqlite: SQLite.Database): number[] {
  return all(sqlite, build.selectFrom('standard').select('year').where('deleted_at', 'is', null).groupBy('year').orderBy('year', 'desc')).map((r) => r.year);
}

export function getStandard(sqlite: SQLite.Database, id: number): StandardRow | undefined {
  return first(sqlite, build.selectFrom('standard').selectAll().where('id', '=', id));
}

export function lastOrdinal(sqlite: SQLite.Database, year: number): number {
  return first(sqlite, build.selectFrom('standard').select((eb) => eb.fn.coalesce(eb.fn.max('ordinal'), eb.lit(0)).as('n')).where('year', '=', year))!.n;
}

export type NewStandardRow = Omit<StandardRow, 'id' | 'revision' | 'deleted_at'>;

export function insertStandard(sqlite: SQLite.Database, row: NewStandardRow): number {
  return Number(run(sqlite, build.insertInto('standard').values(row)).lastInsertRowid);
}

export type StandardColumns = Partial<Pick<StandardRow, 'criterion' | 'ordinal' | 'text' | 'field' | 'active'>>;

export function updateStandard(sqlite: SQLite.Database, id: number, values: StandardColumns, now: string): void {
  run(sqlite, build.updateTable('standard').set((eb) => ({ ...values, revision: eb('revision', '+', 1), updated_at: now })).where('id', '=', id));
}

/** A branch's items of a year, with the status of the problem each opened. */
export function checklistItemsOf(sqlite: SQLite.Database, orgId: number, year: number): (ChecklistItemRow & { problem_status: string | null })[] {
  return all(
    sqlite,
    build
      .selectFrom('checklist_item as i')
      .leftJoin('problem as p', (j) => j.onRef('p.id', '=', 'i.problem_id').on('p.deleted_at', 'is', null))
      .selectAll('i')
      .select('p.status as problem_status')
      .where('i.org_id', '=', orgId)
      .where('i.year', '=', year)
      .where('i.deleted_at', 'is', null),
  );
}

export type NewChecklistItemRow = Omit<ChecklistItemRow, 'id' | 'revision' | 'deleted_at'>;

export function insertChecklistItem(sqlite: SQLite.Database, row: NewChecklistItemRow): number {
  return Number(run(sqlite, build.insertInto('checklist_item').values(row)).lastInsertRowid);
}

export type ChecklistColumns = Partial<Pick<ChecklistItemRow, 'met' | 'note' | 'checked_on' | 'checked_by' | 'problem_id'>>;

export function updateChecklistItem(sqlite: SQLite.Database, id: number, values: ChecklistColumns, now: string): void {
  run(sqlite, build.updateTable('checklist_item').set((eb) => ({ ...values, revision: eb('revision', '+', 1), updated_at: now })).where('id', '=', id));
}

export interface BranchPlace {
  id: number;
  name: string;
  field: string | null;
  path: string;
  parent_name: string | null;
  name_sort: string;
}

/** The branches below a unit (or of the whole tree) that were open in the year. */
export function branchesUnder(sqlite: SQLite.Database, path: string | null, year: number): BranchPlace[] {
  let q = build
    .selectFrom('org as o')
    .leftJoin('org as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name', 'o.field', 'o.path', 'p.name as parent_name', 'o.name_sort'])
    .where('o.level', '=', 'branch')
    .where((eb) => eb.or([eb('o.closed_on', 'is', null), eb('o.closed_on', '>', `${year}-01-01`)]));
  if (path !== null) q = q.where('o.path', '>=', path).where('o.path', '<', subtreeEnd(path));
  return all(sqlite, q.orderBy('o.path'));
}

/**
 * Items marked met and not met per branch in the year, by the field the standard is for (null:
 * every field), of active standards: the caller keeps those of a branch's own field, so a
 * standard deactivated or narrowed since counts as if it never applied. Grouped without the
 * branch's row, and from the index alone: a league's 130,000 items in a few tens of ms.
 */
export function markCounts(sqlite: SQLite.Database, year: number, orgIds: readonly number[] | null): { org_id: number; field: string | null; met: number; unmet: number }[] {
  let q = build
    .selectFrom('checklist_item as i')
    .innerJoin('standard as s', 's.id', 'i.standard_id')
    .select(['i.org_id', 's.field'])
    .select(sql<number>`sum(i.met = 1)`.as('met'))
    .select(sql<number>`sum(i.met = 0)`.as('unmet'))
    .where('i.year', '=', year)
    .where('i.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .where('s.active', '=', 1);
  if (orgIds !== null) q = q.where('i.org_id', 'in', listed(orgIds));
  return all(sqlite, q.groupBy(['i.org_id', 's.field']));
}

/** Items marked not met, with no live problem opened for them yet, of these branches. */
export function unmetWithoutProblem(sqlite: SQLite.Database, year: number, orgIds: readonly number[]): (ChecklistItemRow & { standard_text: string; criterion: string })[] {
  return all(
    sqlite,
    build
      .selectFrom('checklist_item as i')
      .innerJoin('standard as s', 's.id', 'i.standard_id')
      .innerJoin('org as o', 'o.id', 'i.org_id')
      .leftJoin('problem as p', (j) => j.onRef('p.id', '=', 'i.problem_id').on('p.deleted_at', 'is', null))
      .selectAll('i')
      .select(['s.text as standard_text', 's.criterion'])
      .where('i.year', '=', year)
      .where('i.org_id', 'in', listed(orgIds))
      .where('i.met', '=', 0)
      .where('i.deleted_at', 'is', null)
      .where('s.deleted_at', 'is', null)
      .where('s.active', '=', 1)
      .where((eb) => eb.or([eb('s.field', 'is', null), eb('s.field', '=', eb.ref('o.field'))]))
      .where('p.id', 'is', null)
      .orderBy('i.org_id'),
  );
}
