/**
 * The returns of tables sent down (report_return) and their history (report_return_event).
 * moveReturn is THE one write of a return's state: it checks the move against
 * shared/domain/reportReturns.ts, keeps the event, and counts a round when a file comes in.
 * Call it inside the write transaction of the operation that causes the move.
 */
import type SQLite from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';
import { canMove, moveNeedsReason, returnStateLabels, type ReturnState } from '../../../shared/domain/reportReturns.ts';
import { all, build, first, run } from '../db/query.ts';

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
