/**
 * 催报名单: the units of the roster that still owe a table sent down for the year (已下发 or
 * 退回修改 and nothing since; or never sent while others were), with whom to call. The contact
 * is the unit's own leader in office with a phone (the leader table is the only place the app
 * keeps phones): the first one with a phone, else the first one, else blank for the office to fill.
 */
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { findTemplate, plainTitle } from '../../../../shared/templates/index.ts';
import { dictLabels } from '../../repos/dicts.ts';
import { getOrg, rootOrgId } from '../../repos/orgs.ts';
import { isOwing } from '../../../../shared/domain/reportReturns.ts';
import { templatesSentUnder, unitContacts } from '../../repos/reportReturns.ts';
import { today, type ServiceContext } from '../context.ts';
import { returnBoard } from './index.ts';

export interface ChaseRow {
  unitOrgId: number;
  values: Record<string, CellValue>;
}


/** The rows of the list for a year under a unit (the export engine's 'returnsChase' source). */
export function chaseRows(ctx: ServiceContext, year: number, scopeOrgId?: number): ChaseRow[] {
  const { sqlite } = ctx.conn;
  const scope = getOrg(sqlite, scopeOrgId ?? rootOrgId(sqlite) ?? 0);
  if (!scope) return [];
  const period = String(year);
  const templateIds = templatesSentUnder(sqlite, scope.path, period).filter((id) => findTemplate(id)?.returnable);
  if (templateIds.length === 0) return [];
  const board = returnBoard(ctx, { templateIds, periods: [period], scopeOrgId: scope.id });
  const waiting = board.rows
    .filter((r) => r.onRoster)
    .map((r) => ({ row: r, cells: r.cells.filter((c) => isOwing(c.state)) }))
    .filter((w) => w.cells.length > 0);
  const contacts = new Map<number, { name: string; position: string; title: string | null; phone: string | null }>();
  const positions = dictLabels(sqlite, 'leader_position');
  for (const c of unitContacts(sqlite, waiting.map((w) => w.row.unitOrgId), today(ctx))) if (!contacts.has(c.committee_org_id)) contacts.set(c.committee_org_id, c);
  return waiting.map(({ row, cells }) => {
    const contact = contacts.get(row.unitOrgId);
    const dues = cells.map((c) => c.dueOn).filter((d): d is string => d !== null).sort();
    const late = Math.max(0, ...cells.map((c) => c.daysLate ?? 0));
    return {
      unitOrgId: row.unitOrgId,
      values: {
        unit: row.unitName,
        // Printed for a person to call: the leader's title as written (党委副书记), else the position's name, never its code.
        contact: contact ? `${contact.name}（${contact.title || (positions.get(contact.position) ?? contact.position)}）` : null,
        phone: contact?.phone || null,
        missing: cells.map((c) => `${plainTitle(findTemplate(c.templateId)!)}（${c.stateLabel}）`).join('；'),
        dueOn: dues[0] ?? null,
        daysLate: late > 0 ? late : null,
      },
    };
  });
}
