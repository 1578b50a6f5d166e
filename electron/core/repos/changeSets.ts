/**
 * Change sets group the audit records of one user action (an edit, a paste, an
 * import, a seed) so that it can be shown and undone as one.
 */
import type SQLite from 'better-sqlite3';
import { build, first, run } from '../db/query.ts';

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
  run(
    sqlite,
    build.insertInto('change_set').values({
      id: cs.id,
      at: cs.at,
      actor: cs.actor,
      source: cs.source,
      summary: cs.summary,
      file_name: cs.fileName ?? null,
      file_hash: cs.fileHash ?? null,
      undo_of: cs.undoOf ?? null,
    }),
  );
  if (cs.undoOf) run(sqlite, build.updateTable('change_set').set({ undone_by: cs.id }).where('id', '=', cs.undoOf));
}

export interface ChangeSetRow {
  id: string;
  source: string;
  summary: string;
  undo_of: string | null;
  undone_by: string | null;
}

export function getChangeSet(sqlite: SQLite.Database, id: string): ChangeSetRow | undefined {
  return first(sqlite, build.selectFrom('change_set').select(['id', 'source', 'summary', 'undo_of', 'undone_by']).where('id', '=', id));
}

/** One audit record for rows created in bulk (seed, first import): which table, how many, which ids. */
export function auditBulkInsert(
  sqlite: SQLite.Database,
  cs: ChangeSetInput,
  entity: string,
  count: number,
  idRange: [number, number] | null,
): void {
  run(
    sqlite,
    build.insertInto('audit_log').values({
      change_set_id: cs.id,
      at: cs.at,
      actor: cs.actor,
      entity,
      op: 'bulk_insert',
      new_value: JSON.stringify({ count, idRange }),
      source: cs.source,
    }),
  );
}
