/**
 * Derived checks over a year's ledger, each a list of rows to go and fix:
 * no secretary, no members, a lagging branch nobody guides, a term change overdue.
 */
import type { CheckResult, CheckRowRef, LedgerRow, Settings } from '../../../../shared/contract/types.ts';
import { getSetting, operatorName, ourUnitId } from '../../repos/settings.ts';
import { today, type ServiceContext } from '../context.ts';
import { listLedger } from './list.ts';
import { loadLiaisonRules } from '../liaison/index.ts';

export const defaultTermOverdueYears = 5;

export function loadSettings(ctx: ServiceContext): Settings {
  return {
    termOverdueYears: getSetting(ctx.conn.sqlite, 'checks.termOverdueYears', defaultTermOverdueYears),
    liaisonRules: loadLiaisonRules(ctx),
    unitId: ourUnitId(ctx.conn.sqlite),
    operatorName: operatorName(ctx.conn.sqlite),
  };
}

/** The day a term change must be after: N years before the end of the ledger year, or before today if earlier. */
export function termDeadline(year: number, todayIso: string, years: number): string {
  const end = `${year}-12-31` < todayIso ? `${year}-12-31` : todayIso;
  return `${Number(end.slice(0, 4)) - years}${end.slice(4)}`;
}

export function ledgerChecks(ctx: ServiceContext, year: number, scopeOrgId?: number): CheckResult[] {
  const settings = loadSettings(ctx);
  const { rows } = listLedger(ctx, { year, ...(scopeOrgId !== undefined ? { scopeOrgId } : {}) });
  const ref = (r: LedgerRow, detail?: string): CheckRowRef => ({ ledgerId: r.id, orgId: r.orgId, name: r.name, township: r.township, ...(detail ? { detail } : {}) });
  const deadline = termDeadline(year, today(ctx), settings.termOverdueYears);
  return [
    {
      rule: 'no_secretary',
      label: '未配备书记',
      description: '“书记”一栏为空的党支部。',
      enabled: true,
      rows: rows.filter((r) => !r.secretary && !r.invalid?.secretary).map((r) => ref(r)),
    },
    {
      rule: 'no_members',
      label: '党员人数为 0 或未填',
      description: '正式党员与预备党员合计为 0，或两项都未填写。',
      enabled: true,
      rows: rows.filter((r) => (r.membersFormal ?? 0) + (r.membersProbationary ?? 0) === 0).map((r) => ref(r)),
    },
    {
      rule: 'lagging_without_leader',
      label: '后进党支部无联系领导',
      description: '等次为“后进”但没有任何在职领导干部把它作为联系点。',
      enabled: true,
      rows: rows.filter((r) => r.grade === 'lagging' && !r.liaisonLeaders).map((r) => ref(r)),
    },
    {
      rule: 'term_overdue',
      label: `换届超期（超过 ${settings.termOverdueYears} 年）`,
      description: `上次换届早于 ${deadline}，或未填写换届时间。年限可在“设置”中修改。`,
      enabled: true,
      rows: rows
        // A term change kept by its month (YYYY-MM) counts from the month's end: not overdue before it is.
        .filter((r) => !r.termChangedOn || (r.termChangedOn.length === 7 ? `${r.termChangedOn}-31` : r.termChangedOn) < deadline)
        .map((r) => ref(r, r.termChangedOn ? `上次换届：${r.termChangedOn}` : '未填写换届时间')),
    },
  ];
}
