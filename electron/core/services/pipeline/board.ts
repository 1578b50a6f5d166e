/**
 * The board of a unit and year: its branches by the stage they have reached, with the counts the
 * reports quote (how many created, reported, rated by the township, accepted, drawn, named, and the
 * share named among all branches). One query for the whole league, counted here in one pass.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { PipelineBoard, PipelineBoardBranch, PipelineCounts } from '../../../../shared/contract/types.ts';
import { stageIndex, strongestStatuses } from '../../../../shared/domain/evaluation.ts';
import { orgPath } from '../../repos/ledger.ts';
import { boardBranches, drawnBranches } from '../../repos/pipeline.ts';
import type { ServiceContext } from '../context.ts';

export function scopePathOf(ctx: ServiceContext, scopeOrgId: number | undefined): string | null {
  if (scopeOrgId === undefined) return null;
  const path = orgPath(ctx.conn.sqlite, scopeOrgId);
  if (path === null) throw new AppError('NOT_FOUND', `找不到编号为 ${scopeOrgId} 的党组织，请刷新后重试。`);
  return path;
}

export function pipelineBoard(ctx: ServiceContext, args: { year: number; scopeOrgId?: number }): PipelineBoard {
  const { sqlite } = ctx.conn;
  const rows = boardBranches(sqlite, args.year, scopePathOf(ctx, args.scopeOrgId));
  const drawn = drawnBranches(sqlite, args.year);
  const counts: PipelineCounts = { branches: rows.length, created: 0, reported: 0, townshipRated: 0, accepted: 0, drawn: 0, named: 0, kept: 0, notPassed: 0, sentBack: 0, namedShare: 0 };
  const columns = new Map<string, PipelineBoardBranch[]>(strongestStatuses.map((s) => [s, []]));
  for (const r of rows) {
    const at = r.stage === null ? -1 : stageIndex(r.stage);
    const beyond = (stage: number) => at > stage || (at === stage && r.result === 'pass');
    if (at >= 0) counts.created++;
    if (at >= 1) counts.reported++;
    if (beyond(2)) counts.townshipRated++;
    if (beyond(3)) counts.accepted++;
    const isDrawn = drawn.has(r.orgId);
    if (isDrawn) counts.drawn++;
    if (r.status === 'city_assessed') counts.named++;
    if (r.stage === 'city' && r.result === 'kept') counts.kept++;
    if (r.status === 'not_passed') counts.notPassed++;
    if (r.sentBack > 0) counts.sentBack++;
    const branch: PipelineBoardBranch = {
      orgId: r.orgId, name: r.name, township: r.township, stage: r.stage, result: r.result, status: r.status, evaluatedOn: r.evaluatedOn,
      score: r.score, drawn: isDrawn, sentBack: r.sentBack,
    };
    (columns.get(r.status) ?? columns.set(r.status, []).get(r.status)!).push(branch);
  }
  counts.namedShare = rows.length ? Math.round((counts.named / rows.length) * 1000) / 10 : 0;
  return { year: args.year, scopeOrgId: args.scopeOrgId ?? null, counts, columns: [...columns].map(([status, branches]) => ({ status, branches })) };
}
