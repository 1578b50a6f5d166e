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
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 160, maxLength: 1000 },
];

/** The stages in order; a stage's code is its dictionary code in `evaluation_stage`. */
export const evaluationStages = ['self', 'applied', 'township', 'county', 'city'] as const;
export type EvaluationStage = (typeof evaluationStages)[number];

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
