/**
 * The "strongest branch" (最强党支部) path: one record per branch, year and stage
 * (自创 → 申报 → 乡镇评定（四评） → 旗县验收 → 市级抽查评估), each with who, when,
 * the result and the score. The city's check is a random draw of a share of the
 * accepted branches, reproducible from its seed.
 */
import type { FieldDef } from './fields.ts';

export const evaluationFields: readonly FieldDef[] = [
  { field: 'orgId', label: '党支部', type: 'ref', ref: 'branch', display: 'branchName', editable: false, required: true, width: 220 },
  { field: 'township', label: '苏木乡镇（街道）', type: 'text', editable: false, derived: true, width: 150 },
  { field: 'branchName', label: '党支部', type: 'text', editable: false, derived: true, width: 220 },
  { field: 'stage', label: '环节', type: 'dict', dict: 'evaluation_stage', editable: false, required: true, width: 110 },
  { field: 'evaluatedOn', label: '时间', type: 'date', editable: true, width: 110 },
  { field: 'evaluator', label: '评定（验收）单位', type: 'text', editable: true, width: 180 },
  { field: 'scoreOrg', label: '组织评定（分）', type: 'decimal', scale: 1, editable: true, width: 110 },
  { field: 'scoreMembers', label: '党员评议（分）', type: 'decimal', scale: 1, editable: true, width: 110 },
  { field: 'scorePublic', label: '群众评判（分）', type: 'decimal', scale: 1, editable: true, width: 110 },
  { field: 'scoreSociety', label: '社会评价（分）', type: 'decimal', scale: 1, editable: true, width: 110 },
  { field: 'score', label: '得分', type: 'decimal', scale: 1, editable: true, width: 90 },
  { field: 'result', label: '结果', type: 'dict', dict: 'evaluation_result', editable: true, width: 90 },
  { field: 'drawn', label: '抽中', type: 'flag', editable: false, derived: true, width: 70 },
  { field: 'evidence', label: '佐证材料', type: 'text', editable: true, width: 180, maxLength: 1000 },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 160, maxLength: 1000 },
  // Set when a send-back (退回) made the record history: kept, shown, never the branch's stage again.
  { field: 'supersededAt', label: '退回作废时间', type: 'text', editable: false, width: 150 },
];

/** The stages in order; a stage's code is its dictionary code in `evaluation_stage`. */
export const evaluationStages = ['self', 'applied', 'township', 'county', 'city'] as const;
export type EvaluationStage = (typeof evaluationStages)[number];

export const stageLabels: Record<EvaluationStage, string> = { self: '自创', applied: '申报', township: '乡镇评定', county: '旗县验收', city: '市级评估' };

export function stageIndex(stage: string): number {
  return (evaluationStages as readonly string[]).indexOf(stage);
}

export function isStage(stage: string): stage is EvaluationStage {
  return stageIndex(stage) >= 0;
}

/**
 * The fields only the pipeline writes (推进 / 退回, and undo and redo of them): the records grid, a
 * paste or an import cannot change a stage's result or make a record history.
 */
export const pipelineOwnedFields: ReadonlySet<string> = new Set(['result', 'supersededAt']);
/** Sources of writes that may touch the pipeline's own fields. */
export const pipelineSources: ReadonlySet<string> = new Set(['pipeline', 'undo', 'redo']);
export const pipelineOnlyMessage = '评定结果由“最强党支部”页面的“推进到下一环节”“退回”办理（每一步都有记录），不能在表格中直接修改。';

/** A stage's record as the pipeline reads it: its stage and result (pass/fail at the township and county; named/kept/fail at the city). */
export interface StageRecord {
  stage: EvaluationStage;
  result: string | null;
}

/**
 * The ledger's “最强党支部” value (dictionary strongest_status), derived from the branch's latest
 * stage that is not history. A stage without its result yet shows the stage before it as reached;
 * the city's 保留 (kept) leaves the county-level title (旗县验收通过). The ledger's SELECT is made
 * from this table (repos/pipeline.ts), so the grid, exports and checks show one value.
 */
export const statusByStage: Record<EvaluationStage, { results: Record<string, StrongestStatus>; otherwise: StrongestStatus }> = {
  self: { results: { fail: 'not_passed' }, otherwise: 'creating' },
  applied: { results: { fail: 'not_passed' }, otherwise: 'applied' },
  township: { results: { pass: 'township_rated', fail: 'not_passed' }, otherwise: 'applied' },
  county: { results: { pass: 'county_accepted', fail: 'not_passed' }, otherwise: 'township_rated' },
  city: { results: { named: 'city_assessed', pass: 'city_assessed', kept: 'county_accepted', fail: 'not_passed' }, otherwise: 'county_accepted' },
};

export const strongestStatuses = ['none', 'creating', 'applied', 'township_rated', 'county_accepted', 'city_assessed', 'not_passed'] as const;
export type StrongestStatus = (typeof strongestStatuses)[number];

/**
 * The statuses that count as 达到“最强党支部”建设标准 (Chifeng's 33.6 %): the township's four
 * evaluations passed, or further. One definition for 统计分析 and the 主要指标统计表 alike; the
 * named share (19.1 %) is city_assessed alone.
 */
export const reachedStandardStatuses: readonly StrongestStatus[] = ['township_rated', 'county_accepted', 'city_assessed'];

export function statusOf(top: StageRecord | null): StrongestStatus {
  if (!top) return 'none';
  const s = statusByStage[top.stage];
  return (top.result !== null ? s.results[top.result] : undefined) ?? s.otherwise;
}

/** The stage a status says a branch has passed (a value written in a ledger's 最强党支部 column). */
export const stageOfStatus: Partial<Record<StrongestStatus, EvaluationStage>> = {
  creating: 'self',
  applied: 'applied',
  township_rated: 'township',
  county_accepted: 'county',
  city_assessed: 'city',
};

/** Whether a stage's record lets the branch go on: the township and county must pass; the city's outcome is final. */
export function passed(r: StageRecord): boolean {
  if (r.result === 'fail') return false;
  if (r.stage === 'township' || r.stage === 'county') return r.result === 'pass';
  if (r.stage === 'city') return r.result === 'named';
  return true;
}

/** The result a stage record takes when a stage is passed without a person's result (补录 of a written status, the seed). */
export function passingResult(stage: EvaluationStage): string | null {
  return stage === 'city' ? 'named' : stage === 'township' || stage === 'county' ? 'pass' : null;
}

/**
 * Why a branch whose latest stage is `top` cannot be moved on to `to` (in words for the user),
 * or null. The next stage after a passed one is the normal move; a stage skipped, or one done
 * again, needs a reason; a stage not passed stops the branch until it is sent back (or, with a
 * reason, evaluated again).
 */
export function refuseAdvance(top: StageRecord | null, to: EvaluationStage, reason: string | null): string | null {
  const at = top ? stageIndex(top.stage) : -1;
  const target = stageIndex(to);
  const why = reason?.trim() ? reason : null;
  if (target < at) return `已到“${stageLabels[top!.stage]}”环节，不能回到“${stageLabels[to]}”；如需重新评定，请用“退回”并写明理由。`;
  if (target === at) return why ? null : `已有“${stageLabels[to]}”的记录，重复${stageLabels[to]}须写明理由。`;
  if (top && !passed(top)) return `“${stageLabels[top.stage]}”${top.stage === 'city' ? '已有结论' : '尚未通过'}，不能推进到“${stageLabels[to]}”；可以退回到之前的环节，或写明理由后重新${stageLabels[top.stage]}。`;
  if (target > at + 1 && !why) {
    const skipped = evaluationStages.slice(at + 1, target).map((s) => `“${stageLabels[s]}”`).join('、');
    return `不能跳过${skipped}直接到“${stageLabels[to]}”；跳过环节须写明理由。`;
  }
  return null;
}

/** Why a branch whose latest stage is `top` cannot be sent back to `to`, or null. */
export function refuseSendBack(top: StageRecord | null, to: EvaluationStage, reason: string | null): string | null {
  if (!top) return '这个党支部还没有评定记录，无需退回。';
  if (!reason?.trim()) return '退回须写明理由。';
  if (passed(top) && top.stage !== 'self' && top.stage !== 'applied') return `“${stageLabels[top.stage]}”已通过，只有未通过的党支部才能退回。`;
  if (stageIndex(to) >= stageIndex(top.stage)) return `只能退回到“${stageLabels[top.stage]}”之前的环节。`;
  return null;
}

/** What a ledger's written 最强党支部 value means for a branch's pipeline: the same, stages to add (the file is ahead), or a disagreement. */
export type StatusComparison = { kind: 'same' } | { kind: 'ahead'; stages: EvaluationStage[] } | { kind: 'differs'; held: StrongestStatus };

export function compareStatus(top: StageRecord | null, written: string): StatusComparison {
  const held = statusOf(top);
  if (written === held) return { kind: 'same' };
  const stage = stageOfStatus[written as StrongestStatus];
  const at = top ? stageIndex(top.stage) : -1;
  if (stage && (!top || passed(top)) && stageIndex(stage) > at) return { kind: 'ahead', stages: evaluationStages.slice(at + 1, stageIndex(stage) + 1) };
  return { kind: 'differs', held };
}

/** The reason recorded for stages added because a returned or hand-made ledger says a branch is further along. */
export const ledgerFillReason = '按导入台账补录';

/** The township's four evaluations (四评): weights and the pass mark, a city's settings. */
export interface PipelineSettings {
  weights: { org: number; members: number; public: number; society: number };
  /** The township score at or above which a branch passes (0–100). */
  passMark: number;
}

export const defaultPipelineSettings: PipelineSettings = { weights: { org: 40, members: 20, public: 20, society: 20 }, passMark: 85 };

export interface FourScores {
  scoreOrg: number;
  scoreMembers: number;
  scorePublic: number;
  scoreSociety: number;
}

/** The township score: the four evaluations weighted as the settings say, to one decimal. */
export function townshipScore(s: FourScores, settings: PipelineSettings): number {
  const w = settings.weights;
  const total = w.org + w.members + w.public + w.society;
  const sum = s.scoreOrg * w.org + s.scoreMembers * w.members + s.scorePublic * w.public + s.scoreSociety * w.society;
  return Math.round((sum / total) * 10) / 10;
}

export function townshipResult(score: number, settings: PipelineSettings): 'pass' | 'fail' {
  return score >= settings.passMark ? 'pass' : 'fail';
}

/**
 * The 评定验收台账 (template strongest-branch) shows a branch's records side by side, one row
 * per branch: each of these cells is a field of the record of one stage. The export fills a
 * row from this map, and a returned file writes each cell back to that stage's record (a
 * stage the branch has no record of yet is added).
 */
export const evaluationPathCells: Readonly<Record<string, { stage: EvaluationStage; field: string }>> = {
  selfOn: { stage: 'self', field: 'evaluatedOn' },
  appliedOn: { stage: 'applied', field: 'evaluatedOn' },
  townshipOn: { stage: 'township', field: 'evaluatedOn' },
  scoreOrg: { stage: 'township', field: 'scoreOrg' },
  scoreMembers: { stage: 'township', field: 'scoreMembers' },
  scorePublic: { stage: 'township', field: 'scorePublic' },
  scoreSociety: { stage: 'township', field: 'scoreSociety' },
  townshipScore: { stage: 'township', field: 'score' },
  townshipResult: { stage: 'township', field: 'result' },
  countyOn: { stage: 'county', field: 'evaluatedOn' },
  countyScore: { stage: 'county', field: 'score' },
  countyResult: { stage: 'county', field: 'result' },
  cityOn: { stage: 'city', field: 'evaluatedOn' },
  cityScore: { stage: 'city', field: 'score' },
  cityResult: { stage: 'city', field: 'result' },
};
