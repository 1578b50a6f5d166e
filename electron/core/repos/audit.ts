/**
 * The one path every change to ledger data takes into the audit log: who, when,
 * table, row, field, old, new, and the source (typed, paste, fill, import, …).
 * Records of one user action share a change set, so they can be shown and undone as one.
 */
import { randomUUID } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { insertChangeSet } from './changeSets.ts';

export type AuditOp = 'insert' | 'update' | 'delete' | 'restore';

export interface ChangeSet {
  id: string;
  /** `ref` says where the change was made when that is not the row itself (a ledger row for an org field). */
  record(entity: string, rowId: number, rowUid: string | null, field: string | null, op: AuditOp, oldValue: unknown, newValue: unknown, ref?: string): void;
  readonly count: number;
}

export class AuditLog {
  private readonly insert: SQLite.Statement;
  private readonly sqlite: SQLite.Database;
  private readonly now: () => Date;
  private readonly actor: string;

  constructor(sqlite: SQLite.Database, now: () => Date, actor: string) {
    this.sqlite = sqlite;
    this.now = now;
    this.actor = actor;
    this.insert = sqlite.prepare(
      `INSERT INTO audit_log (change_set_id, at, actor, entity, row_id, row_uid, field, op, old_value, new_value, source, source_ref)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    const { sqlite, insert, actor } = this;
    let count = 0;
    return {
      id,
      record(entity, rowId, rowUid, field, op, oldValue, newValue, ref) {
        if (count++ === 0) {
          insertChangeSet(sqlite, { id, at, actor, source, summary, fileName: file?.name ?? null, fileHash: file?.hash ?? null, undoOf: undoOf ?? null });
        }
        insert.run(id, at, actor, entity, rowId, rowUid, field, op, json(oldValue), json(newValue), source, ref ?? null);
      },
      get count() {
        return count;
      },
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
  return sqlite
    .prepare(
      `SELECT a.id, a.at, a.actor, a.entity, a.field, a.op, a.old_value, a.new_value, a.source, a.change_set_id, c.summary
       FROM audit_log a JOIN change_set c ON c.id = a.change_set_id
       WHERE a.row_uid IN (SELECT value FROM json_each(?))
       ORDER BY a.id DESC LIMIT ?`,
    )
    .all(JSON.stringify(uids), limit) as AuditRow[];
}

/** The stable uid of a row of one of the app's tables (`table` is the code's own name, never a caller's). */
export function rowUid(sqlite: SQLite.Database, table: string, id: number): string | null {
  return (sqlite.prepare(`SELECT uid FROM ${table} WHERE id = ?`).get(id) as { uid: string } | undefined)?.uid ?? null;
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

const recordColumns = 'id, entity, row_id, row_uid, field, op, old_value, new_value, source_ref';

/** The records of one change set, newest first (the order to revert them in). */
export function recordsOfChangeSet(sqlite: SQLite.Database, changeSetId: string): ChangeSetRecord[] {
  return sqlite.prepare(`SELECT ${recordColumns} FROM audit_log WHERE change_set_id = ? ORDER BY id DESC`).all(changeSetId) as ChangeSetRecord[];
}

/** What other change sets recorded of these rows after record `afterId`, oldest first: what happened to them since. */
export function recordsSince(sqlite: SQLite.Database, uids: readonly string[], afterId: number, changeSetId: string): ChangeSetRecord[] {
  if (uids.length === 0) return [];
  return sqlite
    .prepare(
      `SELECT ${recordColumns} FROM audit_log
       WHERE row_uid IN (SELECT value FROM json_each(?)) AND id > ? AND change_set_id <> ?
       ORDER BY id`,
    )
    .all(JSON.stringify(uids), afterId, changeSetId) as ChangeSetRecord[];
}

/** The newest audit record's id: a mark to ask later what changed since. */
export function auditMark(sqlite: SQLite.Database): number {
  return (sqlite.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;
}

/** Field changes of some rows recorded after `mark`, oldest first: what undoes them back to that moment. */
export function changesSince(sqlite: SQLite.Database, mark: number, rows: { entity: string; rowId: number }[]): { entity: string; row_id: number; field: string; old_value: string | null }[] {
  if (rows.length === 0) return [];
  return sqlite
    .prepare(
      `SELECT entity, row_id, field, old_value FROM audit_log
       WHERE id > ? AND op = 'update' AND field IS NOT NULL
         AND (entity, row_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))
       ORDER BY id`,
    )
    .all(mark, JSON.stringify(rows.map((r) => [r.entity, r.rowId]))) as never;
}
