/**
 * The liaison rules a city sets (each switchable and tuned in 设置), judged over a
 * year and a scope, and the cards of a leader and of a branch.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { BranchCard, LeaderCard, LiaisonRules } from '../../../../shared/contract/types.ts';
import { defaultLiaisonRules, evaluateLiaisonRules, type LiaisonRuleSettings } from '../../../../shared/domain/liaison.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { orgNode } from '../../repos/orgs.ts';
import { orgPath } from '../../repos/ledger.ts';
import { ruleLeaders, rulePoints } from '../../repos/records.ts';
import { getSetting } from '../../repos/settings.ts';
import { today, type ServiceContext } from '../context.ts';
import { ledgerRowsOfYear, listLedger } from '../ledger/list.ts';
import { readRecords } from '../records/list.ts';
import { branchView } from '../pipeline/index.ts';
import { branchChecklist } from '../standards/checklist.ts';

export const liaisonRulesKey = 'rules.liaison';

/** The city's settings over the defaults, rule by rule (a rule added in a later version gets its default). */
export function loadLiaisonRules(ctx: ServiceContext): LiaisonRuleSettings {
  const saved = getSetting<Partial<LiaisonRuleSettings>>(ctx.conn.sqlite, liaisonRulesKey, {});
  const out = structuredClone(defaultLiaisonRules);
  for (const key of Object.keys(out) as (keyof LiaisonRuleSettings)[]) Object.assign(out[key], saved[key] ?? {});
  return out;
}

function scopePathOf(ctx: ServiceContext, scopeOrgId: number | undefined): string | null {
  if (scopeOrgId === undefined) return null;
  const p = orgPath(ctx.conn.sqlite, scopeOrgId);
  if (p === null) throw new AppError('NOT_FOUND', `找不到编号为 ${scopeOrgId} 的党组织，请刷新后重试。`);
  return p;
}

export function liaisonRules(ctx: ServiceContext, year: number, scopeOrgId?: number): LiaisonRules {
  const { sqlite } = ctx.conn;
  const day = today(ctx);
  const asOf = day < `${year}-12-31` ? day : `${year}-12-31`;
  const dicts = listDictEntriesSync(sqlite);
  const label = (dict: string) => (code: string) => dicts.find((d) => d.dict === dict && d.code === code)?.label ?? code;
  const lagging = listLedger(ctx, { year, filter: { grade: ['lagging'] }, ...(scopeOrgId !== undefined ? { scopeOrgId } : {}) }).rows.filter(
    (r) => r.closedOn === null || r.closedOn > asOf,
  );
  const outcomes = evaluateLiaisonRules(
    {
      year,
      asOf,
      leaders: ruleLeaders(sqlite, scopePathOf(ctx, scopeOrgId)),
      ...(scopeOrgId !== undefined ? { allLeaders: ruleLeaders(sqlite, null) } : {}),
      points: rulePoints(sqlite, year),
      laggingBranches: lagging.map((r) => ({ orgId: r.orgId, ledgerId: r.id, name: r.name, township: r.township })),
    },
    loadLiaisonRules(ctx),
    { position: label('leader_position'), field: label('field') },
  );
  return { year, asOf, outcomes };
}

export function leaderCard(ctx: ServiceContext, leaderId: number, year: number): LeaderCard {
  const [leader] = readRecords(ctx, 'leader', { year, ids: [leaderId] });
  if (!leader) throw new AppError('NOT_FOUND', `找不到编号为 ${leaderId} 的领导干部。`);
  const violations = liaisonRules(ctx, year).outcomes.flatMap((o) =>
    o.violations.filter((v) => v.leaderId === leaderId).map((v) => ({ ...v, rule: o.rule, label: o.label })),
  );
  return {
    year,
    leader,
    points: readRecords(ctx, 'liaison', { year, leaderId }),
    visits: readRecords(ctx, 'visit', { year, leaderId }),
    projects: readRecords(ctx, 'project', { year, leaderId }),
    violations,
  };
}

export async function branchCard(ctx: ServiceContext, orgId: number, year: number): Promise<BranchCard> {
  const org = orgNode(ctx.conn.sqlite, orgId, year);
  if (!org) throw new AppError('NOT_FOUND', `找不到编号为 ${orgId} 的党组织。`);
  return {
    year,
    org,
    ledger: ledgerRowsOfYear(ctx, year, [orgId])[0] ?? null,
    points: readRecords(ctx, 'liaison', { year, orgId }),
    visits: readRecords(ctx, 'visit', { year, orgId }),
    projects: readRecords(ctx, 'project', { year, orgId }),
    problems: readRecords(ctx, 'problem', { year, orgId }),
    evaluations: readRecords(ctx, 'evaluation', { year, orgId }),
    // A branch's standards checklist and its place on the "strongest branch" path (a committee has neither).
    checklist: org.level === 'branch' ? branchChecklist(ctx, { orgId, year }) : null,
    pipeline: org.level === 'branch' ? branchView(ctx, orgId, year) : null,
  };
}
