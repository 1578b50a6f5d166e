/**
 * The one undo and redo of the app. Every user action is a change set in the audit log
 * (an edit, a paste, rows added, a unit moved, a whole import); undoing it reverts that change
 * set, and redoing it reverts the undo, by one mechanism whatever it touched (see revert.ts).
 * Each runs in one IMMEDIATE write transaction and is itself a change set, so an undo is
 * undone the same way.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { UndoResult } from '../../../../shared/contract/types.ts';
import { recordTableNames } from '../../../../shared/domain/records.ts';
import { getChangeSet, type ChangeSetRow } from '../../repos/changeSets.ts';
import { recordSpecs } from '../../repos/records.ts';
import type { UndoableTable } from '../../repos/rows.ts';
import type { ServiceContext } from '../context.ts';
import { importUndo } from '../import/undo.ts';
import { ledgerRowsByIds, patchingLedger } from '../ledger/list.ts';
import { recordsByIds } from '../records/list.ts';
import { revertChangeSet } from './revert.ts';

type Args = ParsedArgs<'changes.undo'>;

function mustGet(ctx: ServiceContext, id: string): ChangeSetRow {
  const cs = getChangeSet(ctx.conn.sqlite, id);
  if (!cs) throw new AppError('NOT_FOUND', '找不到这次操作的记录，可能已被清理。');
  return cs;
}

export function undoChange(ctx: ServiceContext, args: Args): UndoResult {
  const cs = mustGet(ctx, args.changeSetId);
  if (cs.undone_by) throw new AppError('CONFLICT', `“${cs.summary}”已经撤销过了。`);
  return revert(ctx, cs, 'undo', args.year);
}

/**
 * Brings back the action a chain of undos and redos began with, given any change set of the
 * chain (the action, its undo, a redo…): the chain's last link is reverted when it undid it.
 */
export function redoChange(ctx: ServiceContext, args: Args): UndoResult {
  const { sqlite } = ctx.conn;
  const given = mustGet(ctx, args.changeSetId);
  // Links after the action: an odd number of them leaves it undone.
  let depth = 0;
  for (let up = given.undo_of; up !== null; up = getChangeSet(sqlite, up)?.undo_of ?? null) depth++;
  let last = given;
  for (let next = given.undone_by; next !== null; next = last.undone_by) {
    last = mustGet(ctx, next);
    depth++;
  }
  if (depth === 0) throw new AppError('CONFLICT', `“${given.summary}”没有撤销过，不需要重做。`);
  if (depth % 2 === 0) throw new AppError('CONFLICT', `“${given.summary}”已经重做过了。`);
  return revert(ctx, last, 'redo', args.year);
}

function revert(ctx: ServiceContext, cs: ChangeSetRow, as: 'undo' | 'redo', year = ctx.now().getFullYear()): UndoResult {
  const { sqlite } = ctx.conn;
  const result = patchingLedger(
    ctx,
    ctx.conn.writeTransaction(() => {
      const ofImport = importUndo(sqlite, cs);
      const reverted = revertChangeSet(ctx, cs, { as, year, keepWorkedOn: ofImport?.keepWorkedOn ?? false });
      if (ofImport && reverted.changeSetId) ofImport.settle();
      return reverted;
    }),
    (r) => r.orgIds,
  );
  // The tree or the liaison points changed too: the ledger's cached rows and committees are reread.
  if (!result.ledgerOnly) ctx.ledgerCache.key = '';

  const ids = (table: UndoableTable, of: 'written' | 'gone') => [...(result[of].get(table) ?? [])];
  for (const table of new Set([...result.written.keys(), ...result.gone.keys()])) {
    ctx.events.emit('data.changed', { entity: table, ids: [...ids(table, 'written'), ...ids(table, 'gone')] });
  }
  return {
    changeSetId: result.changeSetId,
    problems: result.kept,
    removed: [...new Set(result.removed)],
    ledger: { rows: ledgerRowsByIds(ctx, ids('branch_ledger', 'written')), gone: ids('branch_ledger', 'gone') },
    records: recordTableNames.flatMap((table) => {
      const entity = recordSpecs[table].sqlTable as UndoableTable;
      const written = ids(entity, 'written');
      const gone = ids(entity, 'gone');
      return written.length || gone.length ? [{ table, rows: recordsByIds(ctx, table, year, written), gone }] : [];
    }),
  };
}
