import type { AuditEntry } from '../../../shared/contract/types.ts';
import { ledgerColumnByField, type LedgerField } from '../../../shared/domain/ledger.ts';
import { auditForRows, type AuditRow } from '../repos/audit.ts';
import type { ServiceContext } from './context.ts';

const orgFieldLabels: Record<string, string> = { code: '单位代码', parent_id: '上级党组织', closed_on: '撤销日期' };

export function toAuditEntries(rows: AuditRow[]): AuditEntry[] {
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    field: r.field,
    fieldLabel: r.field ? (ledgerColumnByField.get(r.field as LedgerField)?.label ?? orgFieldLabels[r.field] ?? r.field) : null,
    op: r.op,
    oldValue: r.old_value === null ? null : JSON.parse(r.old_value),
    newValue: r.new_value === null ? null : JSON.parse(r.new_value),
    source: r.source,
    changeSetId: r.change_set_id,
    summary: r.summary,
  }));
}

export function history(ctx: ServiceContext, rows: { entity: string; rowId: number }[]): AuditEntry[] {
  return toAuditEntries(auditForRows(ctx.conn.sqlite, rows));
}
