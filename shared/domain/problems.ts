/**
 * The problem list (问题清单): problems found in a unit, handled in a closed loop
 * 建账 → 领账 → 整改中 → 清账（销号） until crossed off. Columns for the grid and the
 * templates, and the loop's rule: which step needs what, and when a reason.
 */
import type { FieldDef } from './fields.ts';
import { daysBetween, type DueState } from './liaison.ts';

export const problemFields: readonly FieldDef[] = [
  { field: 'orgId', label: '所在单位', type: 'ref', ref: 'org', display: 'unitName', editable: false, required: true, width: 200 },
  { field: 'township', label: '苏木乡镇（街道）', type: 'text', editable: false, derived: true, width: 150 },
  { field: 'unitName', label: '所在单位', type: 'text', editable: false, derived: true, width: 200 },
  { field: 'category', label: '问题类别', type: 'dict', dict: 'problem_category', editable: true, width: 120 },
  { field: 'source', label: '问题来源', type: 'dict', dict: 'problem_source', editable: true, width: 110 },
  { field: 'description', label: '问题描述', type: 'text', editable: true, required: true, width: 260, maxLength: 1000 },
  { field: 'foundOn', label: '发现时间', type: 'date', editable: true, width: 110 },
  { field: 'handling', label: '办理方式', type: 'dict', dict: 'problem_handling', editable: true, width: 100 },
  { field: 'measures', label: '整改措施', type: 'text', editable: true, width: 240, maxLength: 1000 },
  { field: 'responsible', label: '责任人', type: 'text', editable: true, width: 100, maxLength: 40, person: true },
  { field: 'leaderId', label: '包联领导', type: 'ref', ref: 'leader', display: 'leaderName', editable: false, width: 100 },
  { field: 'leaderName', label: '包联领导', type: 'text', editable: false, derived: true, width: 100 },
  { field: 'claimedBy', label: '领账人', type: 'text', editable: true, width: 100, maxLength: 40, person: true },
  { field: 'claimedOn', label: '领账时间', type: 'date', editable: true, width: 110 },
  { field: 'dueOn', label: '整改时限', type: 'date', editable: true, width: 110 },
  { field: 'dueState', label: '时限提醒', type: 'text', editable: false, derived: true, width: 120 },
  // Editable so that an import and an undo write it; a person's edit of it goes through the loop's rule (problemStepRefusal).
  { field: 'status', label: '整改状态', type: 'dict', dict: 'problem_status', editable: true, required: true, width: 130 },
  { field: 'acceptedBy', label: '验收人', type: 'text', editable: true, width: 100, maxLength: 40, person: true },
  { field: 'acceptedOn', label: '验收时间', type: 'date', editable: true, width: 110 },
  { field: 'clearedOn', label: '销号时间', type: 'date', editable: true, width: 110 },
  { field: 'result', label: '整改成效', type: 'text', editable: true, width: 220, maxLength: 1000 },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 160, maxLength: 1000 },
];

/** The loop's states in order (codes of the problem_status dictionary; codes never change). */
export const problemStatuses = ['open', 'claimed', 'rectifying', 'cleared'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

export function isProblemStatus(s: unknown): s is ProblemStatus {
  return typeof s === 'string' && (problemStatuses as readonly string[]).includes(s);
}

/** The labels the rule's messages use when a city's dictionary is not at hand. */
export const problemStatusLabels: Record<ProblemStatus, string> = {
  open: '已建账（待领账）',
  claimed: '已领账',
  rectifying: '整改中',
  cleared: '已销号',
};

/** The buttons of the loop, each one step forward (reopen: one back). */
export const problemActions = {
  claim: { label: '领账', from: 'open', to: 'claimed' },
  start: { label: '开始整改', from: 'claimed', to: 'rectifying' },
  clear: { label: '销号', from: 'rectifying', to: 'cleared' },
  reopen: { label: '重新打开', from: 'cleared', to: 'rectifying' },
} as const satisfies Record<string, { label: string; from: ProblemStatus; to: ProblemStatus }>;
export type ProblemAction = keyof typeof problemActions;

/** What a problem holds when it enters a state: a step into it is refused without. */
export interface ProblemFacts {
  responsible: string | null;
  measures: string | null;
  acceptedBy: string | null;
  acceptedOn: string | null;
}

/** A step is one forward, a skip of states, or back; the last two need a reason written down. */
export function stepKind(from: ProblemStatus, to: ProblemStatus): 'same' | 'forward' | 'skip' | 'back' {
  const d = problemStatuses.indexOf(to) - problemStatuses.indexOf(from);
  return d === 0 ? 'same' : d === 1 ? 'forward' : d > 1 ? 'skip' : 'back';
}

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === '';

/**
 * Why a problem may not go from `from` to `to`, in words for the user, or null. `facts`: the
 * problem as it will be after the step's own values (a person's 领账 gives the 责任人).
 * `label`: a state's name as the city's dictionary has it. `facts` null: what a step needs is not
 * checked (an import of a unit's returned list).
 */
export function problemStepRefusal(
  from: ProblemStatus,
  to: ProblemStatus,
  facts: ProblemFacts | null,
  reason: string | null,
  label: (s: ProblemStatus) => string = (s) => problemStatusLabels[s],
): string | null {
  const kind = stepKind(from, to);
  if (kind === 'same') return `这个问题已经是“${label(to)}”`;
  if (kind === 'skip' && blank(reason)) {
    const skipped = problemStatuses.slice(problemStatuses.indexOf(from) + 1, problemStatuses.indexOf(to)).map((s) => `“${label(s)}”`).join('');
    return `从“${label(from)}”直接改为“${label(to)}”跳过了${skipped}，需要写明理由`;
  }
  if (kind === 'back' && blank(reason)) return `从“${label(from)}”退回“${label(to)}”，需要写明理由`;
  // An import brings what the unit wrote (its file is the reason): it is not asked for more.
  if (facts === null) return null;
  if (to === 'claimed' && blank(facts.responsible)) return `“${label(to)}”的问题要有责任人，请填写责任人`;
  if (to === 'rectifying' && from !== 'cleared' && blank(facts.measures)) return '开始整改要写明整改措施';
  if (to === 'cleared' && (blank(facts.acceptedBy) || blank(facts.acceptedOn))) return '销号要写明验收人和验收时间';
  return null;
}

/** Where an open problem stands against its deadline on `today` (a cleared one is done). */
export function problemDue(p: { status: string | null; dueOn: string | null }, today: string, soonDays = 20): { state: DueState; days: number | null } {
  if (p.status === 'cleared') return { state: 'done', days: null };
  if (!p.dueOn) return { state: 'none', days: null };
  const days = daysBetween(today, p.dueOn);
  return { state: days < 0 ? 'overdue' : days <= soonDays ? 'soon' : 'ok', days };
}

/** Cleared out of all, as a share (null when there are none). */
export function closureRate(cleared: number, total: number): number | null {
  return total === 0 ? null : cleared / total;
}
