/**
 * The liaison rules a city sets (each switchable and tuned in 设置), judged over a
 * year and a scope, and the cards of a leader and of a branch.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { BehindPoint, BranchCard, LeaderCard, LiaisonBehind, LiaisonRules, PointProposal } from '../../../../shared/contract/types.ts';
import { activeOn, categoryForGrade, defaultLiaisonRules, evaluateLiaisonRules, visitsBehind, type LiaisonRuleSettings } from '../../../../shared/domain/liaison.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { orgNode } from '../../repos/orgs.ts';
import { orgPath } from '../../repos/ledger.ts';
import { branchGrade, leadersGuiding, ruleLeaders, rulePoints } from '../../repos/records.ts';
import { getSetting } from '../../repos/settings.ts';
import { today, type ServiceContext } from '../context.ts';
import { ledgerRowsOfYear, listLedger, rowContext } from '../ledger/list.ts';
import { readRecords, townshipOn } from '../records/list.ts';
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

/** The day a year's rules are judged on: today, or the last day of a past year. */
function asOfIn(ctx: ServiceContext, year: number): string {
  const day = today(ctx);
  return day < `${year}-12-31` ? day : `${year}-12-31`;
}

export function liaisonRules(ctx: ServiceContext, year: number, scopeOrgId?: number): LiaisonRules {
  const { sqlite } = ctx.conn;
  const asOf = asOfIn(ctx, year);
  const { committees } = rowContext(ctx);
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
      points: rulePoints(sqlite, year).map((p) => ({ ...p, branchTownship: townshipOn(p.branchPath, committees) })),
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

/**
 * The points of the branches under a unit that are behind on their work records: the same
 * judgement as the rule 联系点工作记录不足 (a point running on the day, its branch open, its
 * leader in office; records of the year against the minimum pro rata), with what a reminder
 * needs: who, where, since when, how many are missing, the last record. In the points' order
 * (by leader), as the reminder goes to the leaders.
 */
export function liaisonBehind(ctx: ServiceContext, year: number, scopeOrgId?: number): LiaisonBehind {
  const { sqlite } = ctx.conn;
  const asOf = asOfIn(ctx, year);
  const { minVisits } = loadLiaisonRules(ctx);
  const scopePath = scopePathOf(ctx, scopeOrgId);
  const result: LiaisonBehind = { year, asOf, perYear: minVisits.perYear, enabled: minVisits.enabled, rows: [] };
  if (!minVisits.enabled) return result;
  const leaders = new Map(ruleLeaders(sqlite, null).map((l) => [l.id, l]));
  const points = new Map(rulePoints(sqlite, year).map((p) => [p.id, p]));
  for (const r of readRecords(ctx, 'liaison', { year, ...(scopePath !== null ? { scopePath } : {}) })) {
    const p = points.get(r.id);
    const leader = p && leaders.get(p.leaderId);
    if (!p || !leader || !activeOn(leader.activeFrom, leader.activeTo, asOf)) continue;
    if (!activeOn(p.establishedOn, p.endedOn, asOf) || (p.branchClosedOn !== null && p.branchClosedOn <= asOf)) continue;
    const behind = visitsBehind(minVisits.perYear, year, asOf, p.establishedOn, p.records);
    if (!behind) continue;
    const text = (f: string) => (r.values[f] === null || r.values[f] === undefined ? null : String(r.values[f]));
    const row: BehindPoint = {
      liaisonId: r.id,
      uid: r.uid,
      leaderId: p.leaderId,
      leaderName: leader.name,
      leaderTitle: text('leaderTitle'),
      orgId: p.orgId,
      branchName: p.branchName,
      township: text('township'),
      since: p.establishedOn,
      records: p.records,
      expected: behind.expected,
      short: behind.short,
      lastVisitOn: text('lastVisitOn'),
    };
    result.rows.push(row);
  }
  return result;
}

/**
 * What a new point at a branch starts from: the category its grade calls for, and the
 * leaders of the committees above it, nearest first (the township's, then the county's), whom
 * the dialog offers before all others.
 */
export function pointProposal(ctx: ServiceContext, orgId: number, year: number): PointProposal {
  const { sqlite } = ctx.conn;
  const path = orgPath(sqlite, orgId);
  if (path === null) throw new AppError('NOT_FOUND', `找不到编号为 ${orgId} 的党支部，请刷新后重试。`);
  const committees = rowContext(ctx).committees;
  const day = asOfIn(ctx, year);
  const near: PointProposal['near'] = [];
  const order = ['secretary', 'deputy_secretary', 'member'];
  const rank = (position: unknown) => (order.includes(String(position)) ? order.indexOf(String(position)) : order.length);
  const above = path.split('/').filter(Boolean).map(Number).reverse();
  for (const id of above) {
    const c = committees.get(id);
    if (!c || (c.level !== 'township' && c.level !== 'county')) continue;
    // The secretary first, then deputies, then members: whom a lagging branch is given first.
    const leaderIds = readRecords(ctx, 'leader', { year, orgId: id })
      .filter((l) => activeOn(l.values.activeFrom as string | null, l.values.activeTo as string | null, day))
      .sort((a, b) => rank(a.values.position) - rank(b.values.position))
      .map((l) => l.id);
    near.push({ committeeId: id, committee: c.name, level: c.level, leaderIds });
  }
  const grade = branchGrade(sqlite, orgId, year);
  // Today, as records.add refuses a second point of one leader on one branch.
  const guidedBy = leadersGuiding(sqlite, orgId, today(ctx));
  return { orgId, township: townshipOn(path, committees), grade, category: categoryForGrade(grade), near, guidedBy };
}
