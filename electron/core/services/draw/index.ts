/**
 * The city's draw by lot (市级抽查评估抽签): the candidates of a year and unit, a preview, the
 * draw itself (stored, audited, never redone silently), the records of past draws.
 * The arithmetic is shared/domain/draw.ts; who may be drawn is repos/draw.ts.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import {
  defaultDrawShare, defaultRounding, drawTitle, planDraw, populationText, roundingRules, shareText, stratumQuota,
  witnessNames, type DrawCandidate, type DrawCandidates, type DrawnBranch, type DrawResult, type DrawStratumResult, type RoundingRule,
} from '../../../../shared/domain/draw.ts';
import type { OrgRow } from '../../db/schema.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { cityAssessedBranches, countyPassedBranches, getDraw, insertDraw, listDraws, liveDraws, type DrawRow } from '../../repos/draw.ts';
import { getOrg } from '../../repos/orgs.ts';
import { ourUnitId } from '../../repos/settings.ts';
import type { ServiceContext } from '../context.ts';
import { localTime } from '../context.ts';
import { besideLedger } from '../ledger/list.ts';

export interface DrawArgs {
  year: number;
  /** The unit whose branches are drawn from; the department's own unit when not given. */
  scopeOrgId?: number | undefined;
  share?: number | undefined;
  byField?: boolean | undefined;
  rounding?: RoundingRule | undefined;
  /** Given to repeat a draw (or to use a number drawn by other means); else chosen at random now. */
  seed?: number | undefined;
  witnesses?: string[] | undefined;
  /** Needed to draw again for a year and unit already drawn; stored with the new record. */
  reason?: string | undefined;
  /** Computes and answers, stores nothing. */
  dryRun?: boolean | undefined;
}

function scopeOf(ctx: ServiceContext, scopeOrgId: number | undefined): OrgRow {
  const id = scopeOrgId ?? ourUnitId(ctx.conn.sqlite);
  if (id === null) throw new AppError('INVALID_ARGS', '还没有设置本单位，无法确定抽签范围。请先在“设置”中选择本单位，或指定抽签单位。');
  const org = getOrg(ctx.conn.sqlite, id);
  if (!org) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的党组织，无法确定抽签范围。`);
  if (org.level === 'branch') throw new AppError('INVALID_ARGS', `“${org.name}”是党支部，不能作为抽签范围；请选择市、旗县区或苏木乡镇（街道）党委。`);
  return org;
}

function hashOf(candidates: readonly DrawCandidate[]): string {
  return createHash('sha256').update(populationText(candidates)).digest('hex');
}

/** The fields' labels, in the dictionary's order (the order strata are listed in). */
function fieldLabels(ctx: ServiceContext): Map<string, string> {
  return new Map(listDictEntriesSync(ctx.conn.sqlite, 'field').map((e) => [e.code, e.label]));
}

/** Whether two units' subtrees overlap (one is the other, or under it). */
function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** The candidates of a year and unit, counted per stratum with what each would draw. */
export function drawCandidates(ctx: ServiceContext, args: { year: number; scopeOrgId?: number | undefined; share?: number | undefined; byField?: boolean | undefined; rounding?: RoundingRule | undefined }): DrawCandidates {
  const scope = scopeOf(ctx, args.scopeOrgId);
  const candidates = countyPassedBranches(ctx.conn.sqlite, args.year, scope.path);
  const share = args.share ?? defaultDrawShare;
  const labels = fieldLabels(ctx);
  const plan = planDraw(candidates, { seed: 0, share, byField: args.byField ?? false, rounding: args.rounding ?? defaultRounding, fieldOrder: [...labels.keys()] });
  const hash = hashOf(candidates);
  const current = liveDraws(ctx.conn.sqlite, args.year).find((d) => d.scopeOrgId === scope.id) ?? null;
  return {
    year: args.year,
    scopeOrgId: scope.id,
    scopeName: scope.name,
    population: candidates.length,
    populationHash: hash,
    strata: plan.strata.map((s) => ({
      countyId: s.countyId, countyName: s.countyName, field: s.field, fieldLabel: s.field === null ? null : (labels.get(s.field) ?? s.field),
      candidates: s.candidates, drawn: 0, quota: stratumQuota(s.candidates, share, plan.rounding),
    })),
    current: current && { id: current.id, drawnAt: current.drawnAt, seed: current.seed, picked: current.picked.length, samePopulation: current.populationHash === hash },
  };
}

/** A stored draw as the contract shows it. */
function resultOf(ctx: ServiceContext, d: DrawRow): DrawResult {
  const scope = d.scopeOrgId === null ? undefined : getOrg(ctx.conn.sqlite, d.scopeOrgId);
  return {
    id: d.id, year: d.year, scopeOrgId: d.scopeOrgId ?? 0, scopeName: scope?.name ?? '', title: d.title ?? drawTitle(scope?.name ?? '', d.year),
    seed: d.seed, seedGiven: d.seedGiven, share: d.share, shareText: shareText(d.share), byField: d.byField, rounding: d.rounding,
    roundingText: roundingRules[d.rounding]?.label ?? d.rounding, population: d.population, populationHash: d.populationHash,
    strata: d.strata, picked: d.picked, witnesses: d.witnesses, reason: d.reason, supersedesId: d.supersedesId, supersededById: d.supersededById,
    drawnAt: d.drawnAt, actor: d.actor, stored: true,
  };
}

/**
 * Draws (or previews) a year's sample. Refused, changing nothing: no candidates; a draw of the
 * same year and unit already standing, unless a reason is given (then the new record replaces
 * it, and the old one stays); a standing draw of an overlapping unit (a county inside the
 * city's draw, or the city over a county's), which would draw some branches twice; a stored
 * draw without a witness named; a redraw while a branch the replaced draw picked has a standing
 * city assessment (that assessment would lose the draw it rests on, with no 抽中 left to show it).
 */
export function runDraw(ctx: ServiceContext, args: DrawArgs): DrawResult {
  const { sqlite } = ctx.conn;
  const scope = scopeOf(ctx, args.scopeOrgId);
  const share = args.share ?? defaultDrawShare;
  const byField = args.byField ?? false;
  const rounding = args.rounding ?? defaultRounding;
  const reason = args.reason?.trim() || null;
  const witnesses = witnessNames(args.witnesses);
  const seedGiven = args.seed !== undefined;
  const seed = args.seed ?? randomInt(0, 2 ** 32);
  const labels = fieldLabels(ctx);

  const compute = (): Omit<DrawResult, 'id' | 'supersedesId' | 'stored' | 'drawnAt' | 'actor'> => {
    const candidates = countyPassedBranches(sqlite, args.year, scope.path);
    if (candidates.length === 0) {
      throw new AppError('NOT_FOUND', `${args.year} 年“${scope.name}”没有通过旗县验收的党支部（旗县验收结果为“通过”的评定记录），无法抽签。请先在评定记录中录入旗县验收结果。`);
    }
    const plan = planDraw(candidates, { seed, share, byField, rounding, fieldOrder: [...labels.keys()] });
    const picked: DrawnBranch[] = plan.strata.flatMap((s) =>
      s.picked.map((c) => ({ orgId: c.orgId, uid: c.uid, name: c.name, township: c.township, countyId: c.countyId, countyName: s.countyName, field: c.field })),
    );
    const strata: DrawStratumResult[] = plan.strata.map((s) => ({
      countyId: s.countyId, countyName: s.countyName, field: s.field, fieldLabel: s.field === null ? null : (labels.get(s.field) ?? s.field), candidates: s.candidates, drawn: s.picked.length,
    }));
    return {
      year: args.year, scopeOrgId: scope.id, scopeName: scope.name, title: drawTitle(scope.name, args.year), seed, seedGiven, share, shareText: shareText(share),
      byField, rounding, roundingText: roundingRules[rounding].label, population: candidates.length, populationHash: hashOf(candidates),
      strata, picked, witnesses, reason, supersededById: null,
    };
  };

  /** The standing draw this one would replace (same unit), or a refusal. */
  const replacing = (): DrawRow | null => {
    let same: DrawRow | null = null;
    for (const d of liveDraws(sqlite, args.year)) {
      const other = d.scopeOrgId === null ? undefined : getOrg(sqlite, d.scopeOrgId);
      if (d.scopeOrgId === scope.id) same = d;
      else if (other && overlaps(other.path, scope.path)) {
        throw new AppError('CONFLICT', `${args.year} 年“${other.name}”已经抽签（${localTime(d.drawnAt)}，第 ${d.id} 号记录），与“${scope.name}”的范围重叠，不能再抽。确需重抽，请对“${other.name}”重新抽签并写明理由。`, { drawId: d.id });
      }
    }
    if (same && !reason) {
      throw new AppError('CONFLICT', `${args.year} 年“${scope.name}”已于 ${localTime(same.drawnAt)} 抽签（第 ${same.id} 号记录，随机种子 ${same.seed}，抽中 ${same.picked.length} 个党支部）。抽签结果不能悄悄重做：确需重新抽签，请写明理由，原记录将保留并注明被替代。`, { drawId: same.id });
    }
    if (same) {
      const assessed = cityAssessedBranches(sqlite, args.year, same.picked.map((p) => p.orgId));
      if (assessed.length) {
        const names = assessed.slice(0, 10).map((b) => `“${b.name}”`).join('、') + (assessed.length > 10 ? ` 等` : '');
        throw new AppError(
          'CONFLICT',
          `第 ${same.id} 号抽签抽中的党支部中，已有 ${assessed.length} 个作出了市级评估（${names}），不能重新抽签：重新抽签后这些评估就没有了抽中的依据。请先在“评定流程”中把这些党支部退回到旗县验收、撤销其市级评估，再重新抽签。`,
          { drawId: same.id, orgIds: assessed.map((b) => b.orgId) },
        );
      }
    }
    if (!same && reason) {
      throw new AppError('INVALID_ARGS', `${args.year} 年“${scope.name}”还没有抽过签，不是重新抽签，不需要填写理由。`);
    }
    return same;
  };

  if (args.dryRun) {
    const old = liveDraws(sqlite, args.year).find((d) => d.scopeOrgId === scope.id) ?? null;
    return { ...compute(), id: null, supersedesId: old?.id ?? null, drawnAt: null, actor: null, stored: false };
  }

  if (witnesses.length === 0) {
    throw new AppError('INVALID_ARGS', '抽签须有监督人在场：请填写至少一名监督人的姓名（多人用顿号或逗号分隔，如“张三、李四”），只有标点或空格不算。打印的抽签记录为每名监督人留签字栏。', { field: 'witnesses' });
  }
  const drawnAt = ctx.now().toISOString();
  const id = besideLedger(ctx, ctx.conn.writeTransaction(() => {
    // Checked and stored in one IMMEDIATE transaction: two people drawing at once cannot both stand.
    const old = replacing();
    const r = compute();
    const uid = randomUUID();
    const drawId = insertDraw(sqlite, { ...r, uid, scopeOrgId: scope.id, supersedesId: old?.id ?? null, drawnAt, actor: ctx.actor });
    const cs = ctx.audit.begin('draw', `${old ? '重新' : ''}抽签：${scope.name}${args.year} 年市级抽查评估，抽中 ${r.picked.length} 个党支部（随机种子 ${seed}）`);
    cs.record('evaluation_draw', drawId, uid, null, 'insert', null, {
      year: args.year, scope: scope.name, seed, seedGiven, share, byField, rounding, population: r.population, populationHash: r.populationHash,
      picked: r.picked.map((p) => p.uid), witnesses, reason, supersedes: old?.uid ?? null,
    });
    return drawId;
  }));
  ctx.events.emit('data.changed', { entity: 'evaluation_draw', ids: [id] });
  // The derived 抽中 of the year's evaluation records changed with it.
  ctx.events.emit('data.changed', { entity: 'evaluation' });
  return resultOf(ctx, getDraw(sqlite, id)!);
}

/** The stored draws (of a year, or all), newest first, replaced ones marked. */
export function drawRecords(ctx: ServiceContext, args: { year?: number | undefined }): DrawResult[] {
  return listDraws(ctx.conn.sqlite, args.year).map((d) => resultOf(ctx, d));
}

export function drawRecord(ctx: ServiceContext, id: number): DrawResult {
  const d = getDraw(ctx.conn.sqlite, id);
  if (!d) throw new AppError('NOT_FOUND', `找不到第 ${id} 号抽签记录。`);
  return resultOf(ctx, d);
}
