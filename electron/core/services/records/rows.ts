/** Deleting (recoverably) and restoring records; undo and redo are services/changes. */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { RecordRow } from '../../../../shared/contract/types.ts';
import { recordTables, type RecordTable } from '../../../../shared/domain/records.ts';
import { getStoredRecord, recordSpecs, recordWriter } from '../../repos/records.ts';
import type { ServiceContext } from '../context.ts';
import { recordsByIds } from './list.ts';

/** Marks rows deleted or live, inside the caller's transaction when there is one; audited. */
function setDeleted(ctx: ServiceContext, table: RecordTable, ids: number[], deleting: boolean, source: string, summary: string): { changeSetId: string | null; count: number } {
  const { sqlite } = ctx.conn;
  const spec = recordSpecs[table];
  const writer = recordWriter(sqlite, table);
  const now = ctx.now().toISOString();
  const result = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin(source, summary);
    for (const id of ids) {
      const row = getStoredRecord(sqlite, table, id);
      if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的${recordTables[table].noun}，请刷新后重试。`);
      if ((row.deleted_at !== null) === deleting) continue;
      writer.setDeleted(id, deleting ? now : null, now);
      cs.record(spec.sqlTable, id, row.uid as string, null, deleting ? 'delete' : 'restore', row.deleted_at ?? null, deleting ? now : null);
    }
    return { changeSetId: cs.count ? cs.id : null, count: cs.count };
  })();
  if (result.count) ctx.events.emit('data.changed', { entity: spec.sqlTable, ids });
  return result;
}

export function deleteRecords(ctx: ServiceContext, table: RecordTable, ids: number[]) {
  // A stage record is the pipeline's history: deleting it would move a branch back with no reason recorded.
  if (table === 'evaluation') throw new AppError('CONFLICT', '评定记录不能删除：需要重新评定的，请在“最强党支部”页面“退回”并写明理由（原记录作为历史保留）；刚做的操作可以撤销。');
  const r = setDeleted(ctx, table, ids, true, 'typed', `删除${recordTables[table].noun} ${ids.length} 条`);
  return { changeSetId: r.changeSetId, deleted: r.count };
}

export function restoreRecords(ctx: ServiceContext, table: RecordTable, year: number, ids: number[]): RecordRow[] {
  setDeleted(ctx, table, ids, false, 'typed', `恢复${recordTables[table].noun} ${ids.length} 条`);
  return recordsByIds(ctx, table, year, ids);
}
