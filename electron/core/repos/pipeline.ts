/**
 * Queries of the "strongest branch" pipeline: a branch's stage records, the moves logged in
 * evaluation_step, the derived 最强党支部 value the ledger's SELECT shows, and the board's counts.
 * Records made history by a send-back (superseded_at) are kept and never count as a stage.
 */
import type SQLite from 'better-sqlite3';
import type { PipelineStageRecord } from '../../../shared/contract/types.ts';
import { evaluationStages, statusByStage, type EvaluationStage, type StageRecord } from '../../../shared/domain/evaluation.ts';
import { all, build, prepare, raw } from '../db/query.ts';
import { drawnOrgIds } from './draw.ts';
import { subtreeEnd } from './parts.ts';

/** A stage's rank in SQL (自创 1 … 市级评估 5), from the domain's list. */
export const stageRankSql = (col: string) => `CASE ${col} ${evaluationStages.map((s, i) => `WHEN '${s}' THEN ${i + 1}`).join(' ')} END`;

const statusCase = `CASE e.stage ${evaluationStages
  .map((s) => {
    const { results, otherwise } = statusByStage[s];
    return `WHEN '${s}' THEN CASE e.result ${Object.entries(results).map(([r, st]) => `WHEN '${r}' THEN '${st}'`).join(' ')} ELSE '${otherwise}' END`;
  })
  .join(' ')} END`;

/**
 * The ledger's 最强党支部 of a branch and year, computed from its latest record that is not history
 * (shared/domain/evaluation.ts `statusOf`, as SQL): at most five records a branch, found by the
 * partial unique index, so the ledger's list stays as fast as with a stored column.
 */
export function strongestStatusSql(orgColumn: string, yearColumn: string): string {
  // The latest stage by max() over its rank written before its status (one digit), not ORDER BY … LIMIT 1: no sort per branch.
  return `coalesce((SELECT substr(max(${stageRankSql('e.stage')} || ${statusCase}), 2) FROM evaluation e WHERE e.org_id = ${orgColumn} AND e.year = ${yearColumn} AND e.deleted_at IS NULL AND e.superseded_at IS NULL), 'none')`;
}

/** A stage record as stored: what the pipeline page shows of it (the contract's), and where it belongs. */
export interface PipelineRecord extends StageRecord, Omit<PipelineStageRecord, 'stage' | 'result'> {
  uid: string;
  orgId: number;
  year: number;
  drawId: number | null;
}

const recordColumns = `id, uid, org_id AS orgId, year, stage, result, evaluated_on AS evaluatedOn, evaluator, score, score_org AS scoreOrg,
  score_members AS scoreMembers, score_public AS scorePublic, score_society AS scoreSociety, evidence, notes, draw_id AS drawId, superseded_at AS supersededAt`;

/** The records of some branches in a year (history too, oldest first), by branch. */
export function recordsOf(sqlite: SQLite.Database, year: number, orgIds: readonly number[]): Map<number, PipelineRecord[]> {
  const out = new Map<number, PipelineRecord[]>();
  if (orgIds.length === 0) return out;
  // raw SQL: the aliases make the contract's names, which Kysely's selects would spell out one by one.
  const rows = raw.all<PipelineRecord & { stage: EvaluationStage }>(
    sqlite,
    `SELECT ${recordColumns} FROM evaluation WHERE year = @year AND deleted_at IS NULL AND org_id IN (SELECT value FROM json_each(@ids)) ORDER BY org_id, id`,
    { year, ids: JSON.stringify(orgIds) },
  );
  for (const r of rows) {
    const list = out.get(r.orgId);
    if (list) list.push(r);
    else out.set(r.orgId, [r]);
  }
  return out;
}

/** The branch's latest stage record that is not history, of its records. */
export function topOf(records: readonly PipelineRecord[] | undefined): PipelineRecord | null {
  let top: PipelineRecord | null = null;
  for (const r of records ?? []) {
    if (r.supersededAt !== null) continue;
    if (!top || evaluationStages.indexOf(r.stage) > evaluationStages.indexOf(top.stage)) top = r;
  }
  return top;
}

// Spelled out, not built on the contract's PipelineStep: `prepare` takes a plain object type, and an
// interface (no index signature) does not fit it.
export type StepRow = {
  orgId: number;
  year: number;
  from: string | null;
  to: string | null;
  action: string;
  result: string | null;
  reason: string | null;
  actor: string;
  at: string;
};

export function stepWriter(sqlite: SQLite.Database) {
  const insert = prepare(sqlite, (p: StepRow & { uid: string }) =>
    build.insertInto('evaluation_step').values({
      uid: p.uid, org_id: p.orgId, year: p.year, from_stage: p.from, to_stage: p.to, action: p.action, result: p.result,
      reason: p.reason, actor: p.actor, at: p.at, created_at: p.at, updated_at: p.at,
    }),
  );
  return (step: StepRow, uid: string): number => Number(insert.run({ ...step, uid }).lastInsertRowid);
}

export function stepsOf(sqlite: SQLite.Database, orgId: number, year: number): StepRow[] {
  return all(
    sqlite,
    build
      .selectFrom('evaluation_step')
      .select(['org_id as orgId', 'year', 'from_stage as from', 'to_stage as to', 'action', 'result', 'reason', 'actor', 'at'])
      .where('org_id', '=', orgId)
      .where('year', '=', year)
      .where('deleted_at', 'is', null)
      .orderBy('id'),
  );
}

/**
 * Branches drawn for the city's assessment in a year: those the year's standing draw picked (a
 * draw replaced by a redraw no longer counts; see repos/draw.ts).
 */
export function drawnBranches(sqlite: SQLite.Database, year: number): Set<number> {
  return drawnOrgIds(sqlite, year);
}

/** Whether any draw of the year exists (the non-drawn accepted branches are named only after one). */
export function drawHeld(sqlite: SQLite.Database, year: number): boolean {
  return all(sqlite, build.selectFrom('evaluation_draw').select('id').where('year', '=', year).limit(1)).length > 0;
}

export interface BoardBranch {
  orgId: number;
  name: string;
  path: string;
  township: string | null;
  stage: string | null;
  result: string | null;
  evaluatedOn: string | null;
  score: number | null;
  status: string;
  sentBack: number;
}

/**
 * Every open branch with a live ledger row in the year under a unit, with its latest stage that is
 * not history: one statement (the board of a league is 8,000 branches).
 */
export function boardBranches(sqlite: SQLite.Database, year: number, scopePath: string | null): BoardBranch[] {
  const scope = scopePath === null ? '' : 'AND o.path >= @scope AND o.path < @scopeEnd';
  // raw SQL: the latest stage is a correlated ORDER BY … LIMIT 1 over a partial index, which reads more plainly as SQL than as nested builders.
  return raw.all<BoardBranch>(
    sqlite,
    `SELECT o.id AS orgId, o.name, o.path, t.name AS township, e.stage, e.result, e.evaluated_on AS evaluatedOn, e.score,
            ${strongestStatusSql('l.org_id', 'l.year')} AS status,
            (SELECT count(*) FROM evaluation_step s WHERE s.org_id = l.org_id AND s.year = l.year AND s.action = 'send_back' AND s.deleted_at IS NULL) AS sentBack
     FROM branch_ledger l JOIN org o ON o.id = l.org_id
     LEFT JOIN org t ON t.id = o.parent_id
     LEFT JOIN evaluation e ON e.id = (SELECT x.id FROM evaluation x WHERE x.org_id = l.org_id AND x.year = l.year AND x.deleted_at IS NULL AND x.superseded_at IS NULL
                                        ORDER BY ${stageRankSql('x.stage')} DESC LIMIT 1)
     WHERE l.year = @year AND l.deleted_at IS NULL AND (o.closed_on IS NULL OR o.closed_on >= @yearStart) ${scope}
     ORDER BY o.path`,
    { year, yearStart: `${year}-01-01`, scope: scopePath ?? '', scopeEnd: scopePath === null ? '' : subtreeEnd(scopePath) },
  );
}
