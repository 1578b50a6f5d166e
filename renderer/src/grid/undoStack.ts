/**
 * Undo and redo by user action. An entry is a change set of the core (an edit, a paste, a fill,
 * rows added or deleted): reverting it by id survives sorting and filtering, is audited, and is
 * refused by the core where a value changed since. This module is also the one place the grids
 * call the contract's one undo (changes.undo / changes.redo).
 */
import type { RecordTable } from '../../../shared/domain/records.ts';
import type { EditResult, RecordEditResult } from '../../../shared/contract/types.ts';
import type { Api } from '../api/client.ts';

export type RevertAs = 'undo' | 'redo';

export interface UndoEntry {
  changeSetId: string;
  /** What the person did, in their words: 粘贴 3 行. */
  label: string;
}

/** How far back a person can undo. */
export const MAX_UNDO = 200;

export class UndoStack {
  private undos: UndoEntry[] = [];
  private redos: UndoEntry[] = [];

  /** A new action (null: the core changed nothing): it can be undone, and what was undone can no longer be redone. */
  push(changeSetId: string | null, label: string): void {
    if (!changeSetId) return;
    this.undos.push({ changeSetId, label });
    if (this.undos.length > MAX_UNDO) this.undos.shift();
    this.redos = [];
  }

  /** The entry to undo (or redo) next, taken off its stack; undefined when there is none. */
  take(as: RevertAs): UndoEntry | undefined {
    return (as === 'undo' ? this.undos : this.redos).pop();
  }

  /** An entry reverted by the change set `by`: that change set is what redoes (or undoes again) it. */
  reverted(as: RevertAs, entry: UndoEntry, by: string | null): void {
    if (by) (as === 'undo' ? this.redos : this.undos).push({ changeSetId: by, label: entry.label });
  }

  can(as: RevertAs): boolean {
    return (as === 'undo' ? this.undos : this.redos).length > 0;
  }
}

/** Reverts one change set of a table, answering as an edit does. */
export type Revert<R> = (changeSetId: string, as: RevertAs) => Promise<R>;

/** Ids of rows an undo took away (rows the undone action had added): they leave the grid. */
export type RemoveRows = (ids: number[]) => void;

export function revertLedger(api: Api, remove: RemoveRows): Revert<EditResult> {
  return async (changeSetId, as) => {
    const r = await api.call(as === 'undo' ? 'changes.undo' : 'changes.redo', { changeSetId });
    remove(r.ledger.gone);
    return { changeSetId: r.changeSetId, rows: r.ledger.rows, problems: [] };
  };
}

export function revertRecords(api: Api, table: RecordTable, year: number, remove: RemoveRows): Revert<RecordEditResult> {
  return async (changeSetId, as) => {
    const r = await api.call(as === 'undo' ? 'changes.undo' : 'changes.redo', { changeSetId, year });
    const here = r.records.find((t) => t.table === table);
    remove(here?.gone ?? []);
    return { changeSetId: r.changeSetId, rows: here?.rows ?? [], problems: [] };
  };
}
