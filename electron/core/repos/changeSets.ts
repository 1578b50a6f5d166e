/**
 * Change sets group the audit records of one user action (an edit, a paste, an
 * import, a seed) so that it can be shown and undone as one.
 */
import type SQLite from 'better-sqlite3';

export interface ChangeSetInput {
  id: string;
  at: string;
  actor: string;
  source: string;
  summary: string;
  fileName?: string | null;
  fileHash?: string | null;
  /** The change set this one reverts (an undo, or a redo reverting an undo). */
  undoOf?: string | null;
}

export function insertChangeSet(sqlite: SQLite.Database, cs: ChangeSetInput): void {
  sqlite
    .prepare(
      'INSERT INTO change_set (id, at, actor, source, summary, file_name, file_hash, undo_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(cs.id, cs.at, cs.actor, cs.source, cs.summary, cs.fileName ?? null, cs.fileHash ?? null, cs.undoOf ?? null);
  if (cs.undoOf) sqlite.prepare('UPDATE change_set SET undone_by = ? WHERE id = ?').run(cs.id, cs.undoOf);
}

export interface ChangeSetRow {
  id: string;
  source: string;
  summary: string;
  undo_of: string | null;
  undone_by: string | null;
}

export function getChangeSet(sqlite: SQLite.Database, id: string): ChangeSetRow | undefined {
  return sqlite.prepare('SELECT id, source, summary, undo_of, undone_by FROM change_set WHERE id = ?').get(id) as ChangeSetRow | undefined;
}

/** One audit record for rows created in bulk (seed, first import): which table, how many, which ids. */
export function auditBulkInsert(
  sqlite: SQLite.Database,
  cs: ChangeSetInput,
  entity: string,
  count: number,
  idRange: [number, number] | null,
): void {
  sqlite
    .prepare(
      `INSERT INTO audit_log (change_set_id, at, actor, entity, op, new_value, source)
       VALUES (?, ?, ?, ?, 'bulk_insert', ?, ?)`,
    )
    .run(cs.id, cs.at, cs.actor, entity, JSON.stringify({ count, idRange }), cs.source);
}
