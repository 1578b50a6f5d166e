/**
 * The one path every change to ledger data takes into the audit log: who, when,
 * table, row, field, old, new, and the source (typed, paste, fill, import, …).
 * Records of one user action share a change set, so they can be shown and undone as one.
 */
import { randomUUID } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { sql, type InsertResult, type NotNull } from 'kysely';
import { all, build, first, prepare, raw, type Prepared } from '../db/query.ts';
import { insertChangeSet } from './changeSets.ts';
import { listed } from './parts.ts';

export type AuditOp = 'insert' | 'update' | 'delete' | 'restore';

export interface ChangeSet {
  id: string;
  /** `ref` says where the change was made when that is not the row itself (a ledger row for an org field). */
  record(entity: string, rowId: number, rowUid: string | null, field: string | null, op: AuditOp, oldValue: unknown, newValue: unknown, ref?: string): void;
  readonly count: number;
  /** What the action is called in the history (导入“回收表.xlsx”): a step it records names it. */
  readonly summary: string;
  /**
   * Records many inserted rows in one statement (a year copied: 100,000 rows, whose records one
   * by one cost twice the copy): `insert` writes them with this change set's values and returns
   * how many it wrote (called only for rows that were inserted: the change set is written with
   * them). Each row is checked by the guard as `record` checks it; `rowIds` is read only when a
   * guard is in force.
   */
  recordInserts(entity: string, rowIds: () => Iterable<number>, insert: (head: AuditHead) => number): void;
}

/** What every record of one change set shares. */
export interface AuditHead {
  changeSetId: string;
  at: string;
  actor: string;
  source: string;
}

/** The values of one audit record, bound anew for each cell an action changes. */
type RecordValues = {
  changeSetId: string;
  at: string;
  actor: string;
  entity: string;
  rowId: number;
  rowUid: string | null;
  field: string | null;
  op: AuditOp;
  oldValue: string | null;
  newValue: string | null;
  source: string;
  sourceRef: string | null;
};

/** Refuses (throws) a change a caller may not make; given the field and its old value, as a row's place may be what changed. */
export type RowGuard = (entity: string, rowId: number, field: string | null, oldValue: unknown) => void;

export class AuditLog {
  /** Run once per cell (a 50,000-cell paste records 50,000): compiled once, for the log's life. */
  private readonly insert: Prepared<RecordValues, InsertResult>;
  private readonly sqlite: SQLite.Database;
  private readonly now: () => Date;
  /** Asked at each change set: the staff member may set their name while the app runs. */
  private readonly actor: () => string;
  /** Made once per change set, at its first record: refuses a change the caller may not make (an accepted return's lock). */
  private readonly guard: ((sqlite: SQLite.Database) => RowGuard | null) | undefined;

  constructor(sqlite: SQLite.Database, now: () => Date, actor: () => string, guard?: (sqlite: SQLite.Database) => RowGuard | null) {
    this.sqlite = sqlite;
    this.now = now;
    this.actor = actor;
    this.guard = guard;
    this.insert = prepare(sqlite, (p: RecordValues) =>
      build.insertInto('audit_log').values({
        change_set_id: p.changeSetId,
        at: p.at,
        actor: p.actor,
        entity: p.entity,
        row_id: p.rowId,
        row_uid: p.rowUid,
        field: p.field,
        op: p.op,
        old_value: p.oldValue,
        new_value: p.newValue,
        source: p.source,
        source_ref: p.sourceRef,
      }),
    );
  }

  /**
   * Starts a change set; call inside the caller's transaction. Its row is written
   * with the first record, so an action that changed nothing leaves no trace.
   */
  begin(source: string, summary: string, options: { file?: { name: string; hash: string }; undoOf?: string } = {}): ChangeSet {
    const { file, undoOf } = options;
    const id = randomUUID();
    const at = this.now().toISOString();
    const { sqlite, insert, guard } = this;
    const actor = this.actor();
    let count = 0;
    let check: RowGuard | null | undefined;
    return {
      id,
      record(entity, rowId, rowUid, field, op, oldValue, newValue, ref) {
        if (check === undefined) check = guard?.(sqlite) ?? null;
        check?.(entity, rowId, field, oldValue);
        if (count++ === 0) {
          insertChangeSet(sqlite, { id, at, actor, source, summary, fileName: file?.name ?? null, fileHash: file?.hash ?? null, undoOf: undoOf ?? null });
        }
        insert.run({ changeSetId: id, at, actor, entity, rowId, rowUid, field, op, oldValue: json(oldValue), newValue: json(newValue), source, sourceRef: ref ?? null });
      },
      recordInserts(entity, rowIds, insert) {
        if (check === undefined) check = guard?.(sqlite) ?? null;
        if (check) for (const rowId of rowIds()) check(entity, rowId, null, null);
        if (count === 0) insertChangeSet(sqlite, { id, at, actor, source, summary, fileName: file?.name ?? null, fileHash: file?.hash ?? null, undoOf: undoOf ?? null });
        count += insert({ changeSetId: id, at, actor, source });
      },
      get count() {
        return count;
      },
      summary,
    };
  }
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  entity: string;
  field: string | null;
  op: string;
  old_value: string | null;
  new_value: string | null;
  source: string;
  change_set_id: string;
  summary: string;
}

/**
 * History of some rows, newest first, by their stable uids: the one history of every kind of
 * row (a ledger row, a record, a unit). A uid, not an id, names a row for good: an id can be
 * taken again after a row was removed (an import undone), and the new row must not inherit
 * the old one's history; a row a redo brings back keeps its uid, and its history.
 */
export function auditForUids(sqlite: SQLite.Database, uids: readonly string[], limit = 500): AuditRow[] {
  if (uids.length === 0) return [];
  return all(
    sqlite,
    build
      .selectFrom('audit_log as a')
      .innerJoin('change_set as c', 'c.id', 'a.change_set_id')
      .select(['a.id', 'a.at', 'a.actor', 'a.entity', 'a.field', 'a.op', 'a.old_value', 'a.new_value', 'a.source', 'a.change_set_id', 'c.summary'])
      .where('a.row_uid', 'in', listed(uids))
      .orderBy('a.id', 'desc')
      .limit(limit),
  );
}

/** The stable uid of a row of one of the app's tables (`table` is the code's own name, never a caller's). */
export function rowUid(sqlite: SQLite.Database, table: string, id: number): string | null {
  // raw SQL: the table is named at run time by the caller (any of the app's tables with a uid), which Kysely's table names cannot state.
  return raw.first<{ uid: string }>(sqlite, `SELECT uid FROM ${table} WHERE id = ?`, id)?.uid ?? null;
}

export interface ChangeSetRecord {
  id: number;
  entity: string;
  source_ref: string | null;
  row_id: number | null;
  row_uid: string | null;
  field: string | null;
  op: string;
  old_value: string | null;
  new_value: string | null;
}

const recordColumns = ['id', 'entity', 'row_id', 'row_uid', 'field', 'op', 'old_value', 'new_value', 'source_ref'] as const;

/** The records of one change set, newest first (the order to revert them in). */
export function recordsOfChangeSet(sqlite: SQLite.Database, changeSetId: string): ChangeSetRecord[] {
  return all(sqlite, build.selectFrom('audit_log').select(recordColumns).where('change_set_id', '=', changeSetId).orderBy('id', 'desc'));
}

/** What other change sets recorded of these rows after record `afterId`, oldest first: what happened to them since. */
export function recordsSince(sqlite: SQLite.Database, uids: readonly string[], afterId: number, changeSetId: string): ChangeSetRecord[] {
  if (uids.length === 0) return [];
  return all(
    sqlite,
    build
      .selectFrom('audit_log')
      .select(recordColumns)
      .where('row_uid', 'in', listed(uids))
      .where('id', '>', afterId)
      .where('change_set_id', '<>', changeSetId)
      .orderBy('id'),
  );
}

/** The newest audit record's id: a mark to ask later what changed since. */
export function auditMark(sqlite: SQLite.Database): number {
  return first(sqlite, build.selectFrom('audit_log').select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('n')))!.n;
}

/** Field changes of some rows recorded after `mark`, oldest first: what undoes them back to that moment. */
export function changesSince(sqlite: SQLite.Database, mark: number, rows: { entity: string; rowId: number }[]): { entity: string; row_id: number; field: string; old_value: string | null }[] {
  if (rows.length === 0) return [];
  // The (entity, row id) pairs as one JSON text: one statement whatever their number (as `listed` does for single values).
  const pairs = JSON.stringify(rows.map((r) => [r.entity, r.rowId]));
  return all(
    sqlite,
    build
      .selectFrom('audit_log')
      .select(['entity', 'row_id', 'field', 'old_value'])
      .where('id', '>', mark)
      .where('op', '=', 'update')
      .where('field', 'is not', null)
      .where(sql<boolean>`(entity, row_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(${pairs}))`)
      // Matched by a pair, the row id is not null; the field is not null by the condition above.
      .$narrowType<{ row_id: NotNull; field: NotNull }>()
      .orderBy('id'),
  );
}
