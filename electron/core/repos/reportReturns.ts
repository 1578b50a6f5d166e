/**
 * The returns of tables sent down (report_return) and their history (report_return_event).
 * moveReturn is THE one write of a return's state: it checks the move against
 * shared/domain/reportReturns.ts, keeps the event, and counts a round when a file comes in.
 * Call it inside the write transaction of the operation that causes the move.
 */
import type SQLite from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';
import { canMove, moveNeedsReason, returnStateLabels, type ReturnState } from '../../../shared/domain/reportReturns.ts';
import { all, build, first, raw, run } from '../db/query.ts';

export interface ReturnKey {
  templateId: string;
  /** The period as export_batch writes it: the year, '2026'. */
  period: string;
  unitOrgId: number;
}

export type ReturnRow = NonNullable<ReturnType<typeof findReturn>>;

export function findReturn(sqlite: SQLite.Database, key: ReturnKey) {
  return first(
    sqlite,
    build.selectFrom('report_return').selectAll().where('template_id', '=', key.templateId).where('period', '=', key.period).where('unit_org_id', '=', key.unitOrgId),
  );
}

export function returnEvents(sqlite: SQLite.Database, returnId: number) {
  return all(sqlite, build.selectFrom('report_return_event').selectAll().where('return_id', '=', returnId).orderBy('id'));
}

export interface ReturnMove {
  to: ReturnState;
  actor: string;
  /** ISO time of the move. */
  at: string;
  reason?: string | null;
  fileName?: string | null;
  fileHash?: string | null;
  filePath?: string | null;
  exportBatchId?: string | null;
  importBatchId?: string | null;
  /** What a send-back listed (its cells and reasons), kept as JSON for the next round's comparison. */
  problems?: unknown;
  dueOn?: string | null;
}

/** Moves a return (creating its row at the first move), or refuses in Chinese. Returns the row as it now is. */
export function moveReturn(sqlite: SQLite.Database, key: ReturnKey, move: ReturnMove): ReturnRow {
  const row = findReturn(sqlite, key);
  const from = (row?.state ?? 'unsent') as ReturnState;
  if (!canMove(from, move.to)) {
    throw new AppError('CONFLICT', `该单位的报表当前为“${returnStateLabels[from]}”，不能改为“${returnStateLabels[move.to]}”。`, { from, to: move.to });
  }
  const reason = move.reason?.trim() || null;
  if (moveNeedsReason(from, move.to) && !reason) {
    throw new AppError('INVALID_ARGS', `从“${returnStateLabels[from]}”改为“${returnStateLabels[move.to]}”须填写原因。`, { from, to: move.to });
  }
  // A file coming in is a new round: the first return is round 1, a corrected one round 2.
  const round = (row?.round ?? 0) + (move.to === 'returned' ? 1 : 0);
  const fields = {
    state: move.to,
    round,
    updated_at: move.at,
    ...(move.to === 'sent' && { export_batch_id: move.exportBatchId ?? null, sent_at: move.at }),
    ...(move.to === 'returned' && { file_name: move.fileName ?? null, file_hash: move.fileHash ?? null, file_path: move.filePath ?? null, returned_at: move.at, returned_by: move.actor }),
    ...(move.importBatchId !== undefined && { import_batch_id: move.importBatchId }),
    ...(move.dueOn !== undefined && { due_on: move.dueOn }),
  };
  const id = row
    ? (run(sqlite, build.updateTable('report_return').set({ ...fields, revision: row.revision + 1 }).where('id', '=', row.id)), row.id)
    : Number(run(sqlite, build.insertInto('report_return').values({ template_id: key.templateId, period: key.period, unit_org_id: key.unitOrgId, ...fields })).lastInsertRowid);
  run(
    sqlite,
    build.insertInto('report_return_event').values({
      return_id: id,
      at: move.at,
      actor: move.actor,
      from_state: row ? from : null,
      to_state: move.to,
      round,
      reason,
      file_name: move.fileName ?? null,
      file_hash: move.fileHash ?? null,
      file_path: move.filePath ?? null,
      export_batch_id: move.exportBatchId ?? null,
      import_batch_id: move.importBatchId ?? null,
      problems_json: move.problems === undefined ? null : JSON.stringify(move.problems),
    }),
  );
  return findReturn(sqlite, key)!;
}

/**
 * The return a file is, from the manifest of the export it came back from: the batch's template,
 * period and unit. Null for a file without one of our manifests (a hand-made table), or when the
 * batch was written by another copy of the app (its unit is not ours to track).
 */
export function returnKeyOfBatch(sqlite: SQLite.Database, exportBatchId: string): ReturnKey | null {
  const b = first(sqlite, build.selectFrom('export_batch').select(['template_id', 'period', 'unit_org_id']).where('id', '=', exportBatchId));
  return b && b.unit_org_id !== null ? { templateId: b.template_id, period: b.period, unitOrgId: b.unit_org_id } : null;
}

/** Every return of these templates and periods, with its unit (the board's rows, roster or not). */
export function returnsOf(sqlite: SQLite.Database, templateIds: readonly string[], periods: readonly string[]) {
  if (templateIds.length === 0 || periods.length === 0) return [];
  return all(
    sqlite,
    build
      .selectFrom('report_return as r')
      .innerJoin('org as o', 'o.id', 'r.unit_org_id')
      .selectAll('r')
      .select(['o.name as unit_name', 'o.code as unit_code', 'o.parent_id as unit_parent_id', 'o.path as unit_path', 'o.sort_order as unit_sort', 'o.name_sort as unit_name_sort'])
      .where('r.template_id', 'in', [...templateIds])
      .where('r.period', 'in', [...periods]),
  );
}

export function findReturnById(sqlite: SQLite.Database, id: number) {
  return first(sqlite, build.selectFrom('report_return').selectAll().where('id', '=', id));
}

/**
 * The units expected to return what `parentId` sends down, on a day: its direct subordinate
 * units (not branches) created on or before it and not closed by then.
 */
export function rosterUnits(sqlite: SQLite.Database, parentId: number, onDate: string) {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(['id', 'name', 'code', 'path', 'sort_order', 'name_sort'])
      .where('parent_id', '=', parentId)
      .where('level', '!=', 'branch')
      .where((eb) => eb.fn('substr', [eb.ref('created_at'), eb.val(1), eb.val(10)]), '<=', onDate)
      .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', onDate)]))
      .orderBy('sort_order')
      .orderBy('name_sort'),
  );
}

/** A deadline set (or cleared) on returns without moving them; each one kept as an event of its return. */
export function setReturnDue(sqlite: SQLite.Database, returnId: number, dueOn: string | null, actor: string, at: string): void {
  const row = findReturnById(sqlite, returnId)!;
  run(sqlite, build.updateTable('report_return').set({ due_on: dueOn, updated_at: at, revision: row.revision + 1 }).where('id', '=', returnId));
  run(
    sqlite,
    build.insertInto('report_return_event').values({
      return_id: returnId,
      at,
      actor,
      from_state: row.state,
      to_state: row.state,
      round: row.round,
      reason: dueOn ? `报送截止日期设为 ${dueOn}` : '取消报送截止日期',
    }),
  );
}

/** The accepted returns (the locks), with their unit's path: one query per change set. */
export function acceptedReturns(sqlite: SQLite.Database) {
  return all(
    sqlite,
    build
      .selectFrom('report_return as r')
      .innerJoin('org as o', 'o.id', 'r.unit_org_id')
      .select(['r.template_id', 'r.period', 'r.unit_org_id', 'o.name as unit_name', 'o.path as unit_path'])
      .where('r.state', '=', 'accepted'),
  );
}

/** The tables whose rows belong to a unit and a year (org_id, year): what a lock can hold. */
export const lockableTables = ['branch_ledger', 'project', 'problem', 'evaluation', 'liaison', 'liaison_visit'] as const;
export type LockableTable = (typeof lockableTables)[number];

/** Where a row belongs: its org's path, and the years it counts in (one year, or a liaison point's years in force). */
export interface RowPlace {
  path: string;
  from: number;
  to: number;
}

/**
 * Where rows of the lockable tables belong: asked once per row a change set changes, while some
 * return is locked. A work record counts in the year of its date; a liaison point in every year
 * from its establishment to its end (open-ended either way when not given).
 */
export function rowPlaces(sqlite: SQLite.Database): (table: LockableTable, rowId: number) => RowPlace | undefined {
  // raw SQL: the table is one of lockableTables, named here by the code, never by a caller; Kysely cannot type a join on a table chosen at run time.
  const yearly = (t: string) => `SELECT o.path AS path, t.year AS "from", t.year AS "to" FROM ${t} t JOIN org o ON o.id = t.org_id WHERE t.id = ?`;
  const sql: Record<LockableTable, string> = {
    branch_ledger: yearly('branch_ledger'),
    project: yearly('project'),
    problem: yearly('problem'),
    evaluation: yearly('evaluation'),
    liaison: `SELECT o.path AS path, coalesce(CAST(substr(p.established_on, 1, 4) AS INTEGER), 0) AS "from", coalesce(CAST(substr(p.ended_on, 1, 4) AS INTEGER), 9999) AS "to"
              FROM liaison p JOIN org o ON o.id = p.org_id WHERE p.id = ?`,
    liaison_visit: `SELECT o.path AS path, CAST(substr(v.visited_on, 1, 4) AS INTEGER) AS "from", CAST(substr(v.visited_on, 1, 4) AS INTEGER) AS "to"
                    FROM liaison_visit v JOIN liaison p ON p.id = v.liaison_id JOIN org o ON o.id = p.org_id WHERE v.id = ?`,
  };
  return (table, rowId) => raw.first<RowPlace>(sqlite, sql[table], rowId);
}

/** The templates sent down for a period to units under a path (what a 催报 list asks after). */
export function templatesSentUnder(sqlite: SQLite.Database, path: string, period: string): string[] {
  return all(
    sqlite,
    build
      .selectFrom('report_return as r')
      .innerJoin('org as o', 'o.id', 'r.unit_org_id')
      .select('r.template_id')
      .distinct()
      .where('r.period', '=', period)
      .where('o.path', '>', path)
      .where('o.path', '<', `${path}~`)
      .orderBy('r.template_id'),
  ).map((r) => r.template_id);
}

/** Each unit's leaders in office on a day (those with a phone first): whom a 催报 call goes to. */
export function unitContacts(sqlite: SQLite.Database, unitIds: readonly number[], onDate: string) {
  if (unitIds.length === 0) return [];
  return all(
    sqlite,
    build
      .selectFrom('leader')
      .select(['committee_org_id', 'name', 'position', 'title', 'phone'])
      .where('committee_org_id', 'in', [...unitIds])
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('active_to', 'is', null), eb('active_to', '>=', onDate)]))
      .orderBy((eb) => eb.case().when('phone', 'is', null).then(1).when('phone', '=', '').then(1).else(0).end())
      .orderBy('id'),
  );
}
