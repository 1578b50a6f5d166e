/**
 * One history for every kind of row (a ledger row, a record, a unit): the audit records of
 * its stable uid, newest first, with each field named as the grids and the tree name it.
 */
import type { AuditEntry } from '../../../shared/contract/types.ts';
import { ledgerColumnByField, type LedgerField } from '../../../shared/domain/ledger.ts';
import { recordField, recordTableNames, type RecordTable } from '../../../shared/domain/records.ts';
import { standardsColumnLabels } from '../../../shared/domain/standards.ts';
import { auditForUids, rowUid, type AuditRow } from '../repos/audit.ts';
import { recordSpecs } from '../repos/records.ts';
import type { ServiceContext } from './context.ts';

const orgFieldLabels: Record<string, string> = { code: '单位代码', parent_id: '上级党组织', closed_on: '撤销日期' };
const recordTableOf = new Map<string, RecordTable>(recordTableNames.map((t) => [recordSpecs[t].sqlTable, t]));

/** The record table whose rows the audit log records as `entity` (its SQL table). */
export function recordTableOfEntity(entity: string): RecordTable | undefined {
  return recordTableOf.get(entity);
}

/** A field's name in words: the column's label in the grid, or the tree's own. */
export function fieldLabel(entity: string, field: string): string {
  const table = recordTableOf.get(entity);
  if (table) return recordField(table, field)?.label ?? field;
  if (entity === 'standard' || entity === 'checklist_item') return standardsColumnLabels[field] ?? field;
  return ledgerColumnByField.get(field as LedgerField)?.label ?? orgFieldLabels[field] ?? field;
}

export function toAuditEntries(rows: AuditRow[]): AuditEntry[] {
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    field: r.field,
    fieldLabel: r.field ? fieldLabel(r.entity, r.field) : null,
    op: r.op,
    oldValue: r.old_value === null ? null : JSON.parse(r.old_value),
    newValue: r.new_value === null ? null : JSON.parse(r.new_value),
    source: r.source,
    changeSetId: r.change_set_id,
    summary: r.summary,
  }));
}

/** The history of rows of the app's tables (`entity` is the table), each known by its stable uid. */
export function history(ctx: ServiceContext, rows: { entity: string; rowId: number }[]): AuditEntry[] {
  const uids = rows.map((r) => rowUid(ctx.conn.sqlite, r.entity, r.rowId)).filter((u): u is string => u !== null);
  return toAuditEntries(auditForUids(ctx.conn.sqlite, uids));
}
