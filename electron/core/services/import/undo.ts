/**
 * Undoing an import as a whole is the one undo (services/changes) with the import's own
 * rules. Values it wrote go back to what they were; a cell changed again since is left, and
 * named. A branch it added goes away entirely (its ledger row and its unit) when nothing has
 * used it since; one that was edited, given a liaison point, or copied into another year
 * stays with its values, and the undo says so. The audit log keeps what a removed row held,
 * and a redo puts it back. This file says which change sets are an import's, and keeps the
 * import's status in step as its commit is undone and redone.
 */
import type SQLite from 'better-sqlite3';
import { getChangeSet, type ChangeSetRow } from '../../repos/changeSets.ts';
import { importOfChangeSet, setImportStatus } from '../../repos/imports.ts';

export interface ImportUndo {
  /** Undoing the commit itself keeps what was worked on since; a redo, or the undo of a redo, keeps nothing back. */
  keepWorkedOn: boolean;
  /** After the revert: the import is undone, or committed again, as its chain of undos and redos now stands. */
  settle(): void;
}

/** The import whose commit began the chain of undos and redos `cs` belongs to, if any. */
export function importUndo(sqlite: SQLite.Database, cs: ChangeSetRow): ImportUndo | null {
  let root = cs;
  let depth = 0;
  for (let up = cs.undo_of ? getChangeSet(sqlite, cs.undo_of) : undefined; up; up = up.undo_of ? getChangeSet(sqlite, up.undo_of) : undefined) {
    root = up;
    depth++;
  }
  const batch = importOfChangeSet(sqlite, root.id);
  if (!batch) return null;
  return {
    keepWorkedOn: depth === 0,
    settle: () => setImportStatus(sqlite, batch.id, depth % 2 === 0 ? 'undone' : 'committed'),
  };
}
