/**
 * Deleting (recoverably) and restoring records, and undoing or redoing a user action
 * on them by its change set. A cell changed again since is not overwritten: it is
 * reported and left as it is.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { EditProblem, RecordEditResult, RecordRow } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { recordField, recordTables, type RecordTable } from '../../../../shared/domain/records.ts';
import { recordsOfChangeSet } from '../../repos/audit.ts';
import { getChangeSet } from '../../repos/changeSets.ts';
import { getStoredRecord, recordSpecs, recordWriter } from '../../repos/records.ts';
import type { ServiceContext } from '../context.ts';
import { applyRecordEdits, storedValue, type RecordChange } from './edit.ts';
import { recordsByIds } from './list.ts';

/** Marks rows deleted or live, inside the caller's transaction when there is one; audited. */
function setDeleted(ctx: ServiceContext, table: RecordTable, ids: number[], deleting: boolean, source: string, summary: string, undoOf?: string): { changeSetId: string | null; count: number } {
  const { sqlite } = ctx.conn;
  const spec = recordSpecs[table];
  const writer = recordWriter(sqlite, table);
  const now = ctx.now().toISOString();
  const result = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin(source, summary, undoOf ? { undoOf } : {});
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
  const r = setDeleted(ctx, table, ids, true, 'typed', `删除${recordTables[table].noun} ${ids.length} 条`);
  return { changeSetId: r.changeSetId, deleted: r.count };
}

export function restoreRecords(ctx: ServiceContext, table: RecordTable, year: number, ids: number[]): RecordRow[] {
  setDeleted(ctx, table, ids, false, 'typed', `恢复${recordTables[table].noun} ${ids.length} 条`);
  return recordsByIds(ctx, table, year, ids);
}

/** What a cell shows now, as the audit log recorded it: a kept invalid value as {invalid: raw}. */
function shown(row: Record<string, unknown>, table: RecordTable, field: string): unknown {
  const invalid = row.invalid_json ? (JSON.parse(row.invalid_json as string) as Record<string, { raw: string }>)[field] : undefined;
  return invalid ? { invalid: invalid.raw } : storedValue(row, table, recordField(table, field)!);
}

export function revertRecords(ctx: ServiceContext, table: RecordTable, year: number, changeSetId: string, as: 'undo' | 'redo'): RecordEditResult {
  const { sqlite } = ctx.conn;
  const spec = recordSpecs[table];
  const cs = getChangeSet(sqlite, changeSetId);
  if (!cs) throw new AppError('NOT_FOUND', '找不到要撤销的操作记录，可能已被清理。');
  if (cs.undone_by) throw new AppError('CONFLICT', `“${cs.summary}”已经撤销过了。`);
  const problems: EditProblem[] = [];
  const changes: RecordChange[] = [];
  const deletions: { id: number; deleted: boolean }[] = [];
  for (const r of recordsOfChangeSet(sqlite, changeSetId)) {
    if (r.entity !== spec.sqlTable || r.row_id === null) {
      throw new AppError('CONFLICT', `“${cs.summary}”不是对${recordTables[table].title}的修改，不能在这里撤销。`);
    }
    if (r.op === 'insert' || r.op === 'delete' || r.op === 'restore') {
      // Undoing an addition or a restore deletes (recoverably); undoing a delete restores.
      deletions.push({ id: r.row_id, deleted: r.op !== 'delete' });
      continue;
    }
    const def = r.field ? recordField(table, r.field) : undefined;
    const row = getStoredRecord(sqlite, table, r.row_id);
    if (!def || !row) {
      problems.push({ id: r.row_id, field: r.field ?? '', message: '这一行已不存在，未撤销。' });
      continue;
    }
    const expected = r.new_value === null ? null : JSON.parse(r.new_value);
    if (JSON.stringify(shown(row, table, def.field) ?? null) !== JSON.stringify(expected)) {
      problems.push({ id: r.row_id, field: def.field, message: `${def.label}在此之后又被修改过，未撤销，以免覆盖。` });
      continue;
    }
    const old = r.old_value === null ? null : (JSON.parse(r.old_value) as unknown);
    const value = typeof old === 'object' && old !== null && 'invalid' in old ? String((old as { invalid: string }).invalid) : (old as CellValue);
    changes.push({ id: r.row_id, field: def.field, value });
  }

  const label = as === 'undo' ? '撤销' : '重做';
  const summary = `${label}：${cs.summary}`;
  const result = ctx.conn.writeTransaction(() => {
    const edited = applyRecordEdits(ctx, table, year, changes, { source: as, summary, undoOf: changeSetId, problems });
    let out = edited.changeSetId;
    for (const deleted of [true, false]) {
      const ids = deletions.filter((d) => d.deleted === deleted).map((d) => d.id);
      if (ids.length === 0) continue;
      const r = setDeleted(ctx, table, ids, deleted, as, summary, out ? undefined : changeSetId);
      out ??= r.changeSetId;
    }
    return { changeSetId: out, problems: edited.problems };
  })();
  const ids = [...new Set([...changes.map((c) => c.id), ...deletions.map((d) => d.id)])];
  return { ...result, rows: recordsByIds(ctx, table, year, ids) };
}
