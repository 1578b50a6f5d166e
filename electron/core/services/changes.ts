/**
 * Undo and redo of a user action, built on its change set: every record is reverted
 * through the same path that made it, and the revert is itself a change set in the
 * audit log (source 'undo' or 'redo'). A cell changed again since is not overwritten:
 * it is reported and left as it is.
 */
import { AppError } from '../../../shared/contract/errors.ts';
import type { EditProblem, EditResult } from '../../../shared/contract/types.ts';
import { ledgerColumnByField, type LedgerField } from '../../../shared/domain/ledger.ts';
import { editedSince, recordsOfChangeSet } from '../repos/audit.ts';
import { getChangeSet } from '../repos/changeSets.ts';
import { flagFields, ledgerDbColumn, ledgerWriter, orgDbColumn, type RawLedgerRow } from '../repos/ledger.ts';
import type { ServiceContext } from './context.ts';
import { applyLedgerEdits, type LedgerChange } from './ledger/edit.ts';
import { ledgerRowsByIds, patchingLedger } from './ledger/list.ts';

function shown(row: RawLedgerRow, field: LedgerField): unknown {
  const invalid = row.invalid_json ? (JSON.parse(row.invalid_json) as Record<string, { raw: string }>)[field] : undefined;
  if (invalid) return { invalid: invalid.raw };
  const column = ledgerDbColumn[field] ?? orgDbColumn[field]!;
  const v = (row as unknown as Record<string, unknown>)[column];
  return flagFields.has(field) && v !== null ? v === 1 : v;
}

/**
 * `leave`: rows this change set added that the caller takes care of itself (an import's undo
 * removes what nothing has used since, and keeps with its values what something has).
 */
export function revertChangeSet(ctx: ServiceContext, changeSetId: string, as: 'undo' | 'redo', leave: ReadonlySet<number> = new Set()): EditResult {
  const { sqlite } = ctx.conn;
  const cs = getChangeSet(sqlite, changeSetId);
  if (!cs) throw new AppError('NOT_FOUND', '找不到要撤销的操作记录，可能已被清理。');
  if (cs.undone_by) throw new AppError('CONFLICT', `“${cs.summary}”已经撤销过了。`);
  const records = recordsOfChangeSet(sqlite, changeSetId);
  const writer = ledgerWriter(sqlite);
  const problems: EditProblem[] = [];
  const changes: LedgerChange[] = [];
  const deletions: { id: number; deleted: boolean }[] = [];
  const newest = records[0]?.id ?? 0;
  /** Whether someone has worked on a ledger row (or its branch) since this change set. */
  const workedOnSince = (ledgerId: number) => {
    const orgId = writer.get(ledgerId)?.org_id;
    return editedSince(sqlite, 'branch_ledger', ledgerId, newest, changeSetId) || (orgId !== undefined && editedSince(sqlite, 'org', orgId, newest, changeSetId));
  };
  // A row this change set added or brought back, and worked on since, stays as it is: neither
  // deleted again nor emptied of the values it came with.
  const kept = new Set(records.filter((r) => r.entity === 'branch_ledger' && (r.op === 'insert' || r.op === 'restore') && workedOnSince(r.row_id!)).map((r) => r.row_id!));
  for (const id of leave) kept.add(id);

  for (const r of records) {
    // A unit created with its ledger row stays in the tree (closing it is a decision of its own);
    // undoing the row deletes the row, recoverably.
    if (r.entity === 'org' && r.op === 'insert') continue;
    if (r.entity === 'branch_ledger' && (r.op === 'delete' || r.op === 'restore' || r.op === 'insert')) {
      // Undoing a delete restores the row; undoing a restore or an added row deletes it (recoverably),
      // unless someone has worked on the row since: then it stays, and the problem says so.
      if (leave.has(r.row_id!)) continue;
      if (kept.has(r.row_id!)) {
        problems.push({ id: r.row_id!, field: 'name', message: `这一行在此之后又被修改过，未${r.op === 'insert' ? '删除' : '重新删除'}，它的值也保持不变，以免丢失后来的修改。` });
        continue;
      }
      deletions.push({ id: r.row_id!, deleted: r.op !== 'delete' });
      continue;
    }
    if (r.op !== 'update' || !r.field || !ledgerColumnByField.has(r.field as LedgerField)) {
      throw new AppError('CONFLICT', `“${cs.summary}”包含不能在台账中撤销的修改（${r.entity} ${r.op}）。`);
    }
    // An org field edited from the ledger names its ledger row first in the ref (then, from an import, the file's cell).
    const ledgerId = r.entity === 'branch_ledger' ? r.row_id! : Number(/^branch_ledger:(\d+)/.exec(r.source_ref ?? '')?.[1]);
    if (kept.has(ledgerId)) continue;
    const row = writer.get(ledgerId);
    if (!row) {
      problems.push({ id: ledgerId, field: r.field, message: '这一行已不存在，未撤销。' });
      continue;
    }
    const field = r.field as LedgerField;
    const expected = r.new_value === null ? null : JSON.parse(r.new_value);
    if (JSON.stringify(shown(row, field) ?? null) !== JSON.stringify(expected)) {
      problems.push({ id: ledgerId, field, message: `${ledgerColumnByField.get(field)!.label}在此之后又被修改过，未撤销，以免覆盖。` });
      continue;
    }
    const old = r.old_value === null ? null : (JSON.parse(r.old_value) as unknown);
    const value = typeof old === 'object' && old !== null && 'invalid' in old ? String((old as { invalid: string }).invalid) : (old as LedgerChange['value']);
    changes.push({ id: ledgerId, field, value });
  }

  const label = as === 'undo' ? '撤销' : '重做';
  const result = patchingLedger(ctx, ctx.conn.writeTransaction(() => {
    const edited = applyLedgerEdits(ctx, changes, { source: as, summary: `${label}：${cs.summary}`, undoOf: changeSetId, problems });
    let changeSetIdOut = edited.changeSetId;
    if (deletions.length) {
      const del = ctx.audit.begin(as, `${label}：${cs.summary}`, edited.changeSetId ? {} : { undoOf: changeSetId });
      const now = ctx.now().toISOString();
      for (const d of deletions) {
        const row = writer.get(d.id);
        if (!row || (row.deleted_at !== null) === d.deleted) continue;
        writer.setDeleted(d.id, d.deleted ? now : null, now);
        del.record('branch_ledger', d.id, row.uid, null, d.deleted ? 'delete' : 'restore', row.deleted_at, d.deleted ? now : null);
      }
      changeSetIdOut ??= del.count ? del.id : null;
    }
    return { ...edited, changeSetId: changeSetIdOut, orgIds: deletions.map((d) => writer.get(d.id)?.org_id ?? 0) };
  }), (r) => [...r.rows.map((row) => row.orgId), ...r.orgIds]);
  const ids = [...new Set([...result.rows.map((r) => r.id), ...deletions.map((d) => d.id)])];
  if (deletions.length) ctx.events.emit('data.changed', { entity: 'branch_ledger', ids });
  return { changeSetId: result.changeSetId, problems: result.problems, rows: ledgerRowsByIds(ctx, ids) };
}
