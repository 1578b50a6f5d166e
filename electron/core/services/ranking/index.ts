/**
 * 党支部综合排名 and the 提醒谈话 list: the branches of a unit ranked by a score made of
 * settings, and the secretaries whose branch was near the bottom this year and last year.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { BranchRanking, RankedBranch, ReminderList } from '../../../../shared/contract/types.ts';
import {
  bottomCount, bottomRule, defaultRankingSettings, rankBranches, rankingPartLabels, rankingScore, type RankingSettings,
} from '../../../../shared/domain/ranking.ts';
import { loadCommittees } from '../../repos/ledger.ts';
import { getOrg, rootOrgId } from '../../repos/orgs.ts';
import { problemCounts, rankingBranches, townshipScores } from '../../repos/ranking.ts';
import { getSetting, setSetting } from '../../repos/settings.ts';
import type { ServiceContext } from '../context.ts';
import { checklistShares } from '../standards/checklist.ts';

export const rankingSettingsKey = 'ranking.settings';

export function rankingSettings(ctx: ServiceContext): RankingSettings {
  return getSetting(ctx.conn.sqlite, rankingSettingsKey, defaultRankingSettings);
}

export function saveRankingSettings(ctx: ServiceContext, args: ParsedArgs<'ranking.saveSettings'>): RankingSettings {
  const before = rankingSettings(ctx);
  const after: RankingSettings = { weights: args.weights, bottomShare: args.bottomShare };
  if (JSON.stringify(before) === JSON.stringify(after)) return before;
  ctx.conn.writeTransaction(() => {
    setSetting(ctx.conn.sqlite, rankingSettingsKey, after);
    ctx.audit.begin('settings', '修改排名规则').record('setting', 0, rankingSettingsKey, null, 'update', before, after);
  })();
  ctx.events.emit('data.changed', { entity: 'setting' });
  return after;
}

/** The unit ranked within: a committee of the tree (a branch has nothing to rank), or the whole tree. */
function scopeOf(ctx: ServiceContext, scopeOrgId: number | undefined) {
  if (scopeOrgId === undefined) return undefined;
  const org = getOrg(ctx.conn.sqlite, scopeOrgId);
  if (!org) throw new AppError('NOT_FOUND', `找不到编号为 ${scopeOrgId} 的党组织，可能已被删除。请重新选择单位。`, { id: scopeOrgId });
  if (org.level === 'branch') throw new AppError('INVALID_ARGS', `“${org.name}”是党支部，请选择苏木乡镇（街道）或旗县区等上级单位来排名。`);
  return org;
}

export function rankBranchesOf(ctx: ServiceContext, year: number, scopeOrgId: number | undefined, settings = rankingSettings(ctx)): BranchRanking {
  const { sqlite } = ctx.conn;
  const scope = scopeOf(ctx, scopeOrgId);
  const branches = rankingBranches(sqlite, year, scope?.path);
  const scores = townshipScores(sqlite, year);
  const problems = problemCounts(sqlite, year);
  // A branch's share of the standards met; none where nothing has been marked yet (missing, not 0 %).
  const checklists = new Map<number, number>();
  const unitId = scopeOrgId ?? rootOrgId(sqlite);
  if (unitId !== undefined) {
    for (const b of checklistShares(ctx, { year, unitId }).branches) if (b.met + b.unmet > 0 && b.share !== null) checklists.set(b.orgId, b.share);
  }
  const committees = loadCommittees(sqlite);
  // The tree's order (township by township, then by pinyin) breaks ties, as the ledger lists them.
  const byName = [...branches].sort((a, b) => (a.nameSort < b.nameSort ? -1 : a.nameSort > b.nameSort ? 1 : 0));
  const nameRank = new Map(byName.map((b, i) => [b.orgId, i]));
  const scored = branches.map((b) => {
    const p = problems.get(b.orgId) ?? { total: 0, cleared: 0 };
    const parts = { checklist: checklists.get(b.orgId) ?? null, evaluation: scores.get(b.orgId) ?? null, problems: p.total ? p.cleared / p.total : 1 };
    const missing = (['checklist', 'evaluation'] as const).filter((k) => parts[k] === null).map((k) => rankingPartLabels[k]);
    const township = b.parentId === null ? null : (committees.get(b.parentId)?.name ?? null);
    const order = (b.parentId === null ? 0 : (committees.get(b.parentId)?.order ?? 0)) * 1_000_000 + nameRank.get(b.orgId)!;
    return { orgId: b.orgId, name: b.name, township, secretary: b.secretary, parts, problemsTotal: p.total, problemsCleared: p.cleared, missing, score: rankingScore(parts, settings.weights), order };
  });
  const rows: RankedBranch[] = rankBranches(scored, settings.bottomShare).map(({ order: _order, ...r }) => r);
  return { year, scopeName: scope?.name ?? null, total: rows.length, bottomCount: bottomCount(rows.length, settings.bottomShare), rule: bottomRule(settings.bottomShare), settings, rows };
}

/**
 * Secretaries whose branch ranked near the bottom of the unit this year and the year before
 * (连续两年排名靠后), both years ranked with today's rule so the two are comparable. The
 * talk is with this year's secretary; last year's is shown where it changed.
 */
export function reminderTalks(ctx: ServiceContext, year: number, scopeOrgId: number | undefined): ReminderList {
  const settings = rankingSettings(ctx);
  const now = rankBranchesOf(ctx, year, scopeOrgId, settings);
  const before = new Map(rankBranchesOf(ctx, year - 1, scopeOrgId, settings).rows.map((r) => [r.orgId, r]));
  const previousTotal = before.size;
  const rows = now.rows
    .filter((r) => r.bottom && before.get(r.orgId)?.bottom)
    .map((r) => {
      const last = before.get(r.orgId)!;
      return {
        orgId: r.orgId, name: r.name, township: r.township, secretary: r.secretary,
        previousSecretary: last.secretary !== r.secretary ? last.secretary : null,
        score: r.score, rank: r.rank, total: now.total, previousScore: last.score, previousRank: last.rank, previousTotal,
        parts: r.parts, missing: r.missing,
      };
    })
    .sort((a, b) => a.score - b.score);
  return { year, scopeName: now.scopeName, rule: now.rule, settings, rows };
}
