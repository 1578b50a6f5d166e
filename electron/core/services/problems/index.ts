/**
 * The problem list's loop (问题清单): 领账, 开始整改, 销号, 重新打开 and 记进展, each one audited
 * change set through the record tables' one write path (so one undo takes it back, the
 * problem's values and its step together); the steps of a problem; closure rates per unit
 * and per category.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { ProblemClosure, ProblemCounts, ProblemStep, RecordEditResult } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { closureRate, isProblemStatus, problemActions, problemStepRefusal, type ProblemAction } from '../../../../shared/domain/problems.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { getOrg, orgChildren } from '../../repos/orgs.ts';
import { problemsForClosure, problemSteps } from '../../repos/problems.ts';
import { getStoredRecord, leaderBrief } from '../../repos/records.ts';
import { today, type ServiceContext } from '../context.ts';
import { applyRecordEdits } from '../records/edit.ts';
import { recordsByIds } from '../records/list.ts';
import { recordStep, statusLabel } from './loop.ts';

/** The problem as stored, live; refused in words when it is gone. */
function liveProblem(ctx: ServiceContext, id: number): Record<string, unknown> {
  const row = getStoredRecord(ctx.conn.sqlite, 'problem', id);
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的问题，请刷新后重试。`);
  if (row.deleted_at) throw new AppError('CONFLICT', '这个问题已删除，请先在“已删除”中恢复。');
  return row;
}

const describe = (row: Record<string, unknown>) => {
  const d = String(row.description);
  return d.length > 20 ? `${d.slice(0, 20)}…` : d;
};
const orNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

/**
 * One step of the loop: the action's values, then the state, in one change set. The rule is
 * asked first with the values the step brings, so a refusal names what is missing before
 * anything is written.
 */
function step(
  ctx: ServiceContext,
  action: ProblemAction,
  id: number,
  values: Record<string, CellValue>,
  words: { reason?: string | undefined; note?: string | undefined; at: string },
): RecordEditResult {
  const { label, to } = problemActions[action];
  const row = liveProblem(ctx, id);
  const from = String(row.status);
  const reason = orNull(words.reason);
  const dicts = listDictEntriesSync(ctx.conn.sqlite);
  if (isProblemStatus(from)) {
    const given = (field: string, column: string) => (field in values ? (values[field] as string | null) : (row[column] as string | null));
    const refusal = problemStepRefusal(
      from,
      to,
      { responsible: given('responsible', 'responsible'), measures: given('measures', 'measures'), acceptedBy: given('acceptedBy', 'accepted_by'), acceptedOn: given('acceptedOn', 'accepted_on') },
      reason,
      statusLabel(dicts),
    );
    if (refusal) throw new AppError('CONFLICT', `未${label}：${refusal}。`);
  }
  const summary = `${label}：${describe(row)}`;
  const changes = [...Object.entries(values).map(([field, value]) => ({ id, field, value })), { id, field: 'status', value: to }];
  return ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', summary);
    const result = applyRecordEdits(ctx, 'problem', row.year as number, changes, {
      source: 'typed',
      summary,
      changeSet: cs,
      step: { reason, note: orNull(words.note), at: words.at },
    });
    // Anything refused or kept unread leaves the problem as it was: the step is all or nothing.
    if (result.problems.length) throw new AppError('CONFLICT', `未${label}：${result.problems.map((p) => p.message).join('；')}`);
    return result;
  })();
}

export function claimProblem(ctx: ServiceContext, a: ParsedArgs<'problems.claim'>): RecordEditResult {
  const on = a.claimedOn ?? today(ctx);
  const values: Record<string, CellValue> = { responsible: a.responsible, claimedBy: a.claimedBy ?? a.responsible, claimedOn: on };
  if (a.dueOn !== undefined) values.dueOn = a.dueOn;
  if (on > today(ctx)) throw new AppError('CONFLICT', `未领账：领账时间 ${on} 还没有到。`);
  // 包联领导 is picked, never typed: a leader in office.
  if (a.leaderId !== undefined && a.leaderId !== null) {
    const leader = leaderBrief(ctx.conn.sqlite, a.leaderId);
    if (!leader || leader.deleted_at) throw new AppError('CONFLICT', '未领账：找不到所选的包联领导，可能已被删除。');
    if (leader.active_to !== null && leader.active_to < on) throw new AppError('CONFLICT', `未领账：${leader.name}已于 ${leader.active_to} 离任。`);
  }
  if (a.leaderId !== undefined) values.leaderId = a.leaderId;
  return step(ctx, 'claim', a.id, values, { reason: a.reason, note: a.note, at: on });
}

export function startProblem(ctx: ServiceContext, a: ParsedArgs<'problems.start'>): RecordEditResult {
  const values: Record<string, CellValue> = { measures: a.measures };
  if (a.dueOn !== undefined) values.dueOn = a.dueOn;
  return step(ctx, 'start', a.id, values, { reason: a.reason, note: a.note, at: today(ctx) });
}

export function clearProblem(ctx: ServiceContext, a: ParsedArgs<'problems.clear'>): RecordEditResult {
  if (a.acceptedOn > today(ctx)) throw new AppError('CONFLICT', `未销号：验收时间 ${a.acceptedOn} 还没有到。`);
  const values: Record<string, CellValue> = { acceptedBy: a.acceptedBy, acceptedOn: a.acceptedOn, clearedOn: a.acceptedOn };
  if (orNull(a.result) !== null) values.result = a.result!;
  return step(ctx, 'clear', a.id, values, { reason: a.reason, note: a.note, at: a.acceptedOn });
}

/** Back to 整改中: the crossing off no longer holds, so its date and acceptance are emptied (the history keeps them). */
export function reopenProblem(ctx: ServiceContext, a: ParsedArgs<'problems.reopen'>): RecordEditResult {
  return step(ctx, 'reopen', a.id, { clearedOn: null, acceptedBy: null, acceptedOn: null }, { reason: a.reason, note: a.note, at: today(ctx) });
}

/** A progress note: a step from the problem's state to itself, its own change set. */
export function noteProblem(ctx: ServiceContext, a: ParsedArgs<'problems.note'>): RecordEditResult {
  const row = liveProblem(ctx, a.id);
  const at = a.at ?? today(ctx);
  if (at > today(ctx)) throw new AppError('CONFLICT', `未记进展：日期 ${at} 还没有到。`);
  const changeSetId = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', `记进展：${describe(row)}`);
    recordStep(ctx, cs, a.id, String(row.status), String(row.status), { reason: null, note: a.note.trim(), at });
    return cs.id;
  })();
  ctx.events.emit('data.changed', { entity: 'problem_step', ids: [a.id] });
  return { changeSetId, rows: recordsByIds(ctx, 'problem', row.year as number, [a.id]), problems: [] };
}

export function stepsOf(ctx: ServiceContext, id: number): ProblemStep[] {
  if (!getStoredRecord(ctx.conn.sqlite, 'problem', id)) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的问题，请刷新后重试。`);
  return problemSteps(ctx.conn.sqlite, id).map((s) => ({
    id: s.id,
    from: s.from_status,
    to: s.to_status,
    at: s.at,
    actor: s.actor,
    reason: s.reason,
    note: s.note,
    recordedAt: s.created_at,
  }));
}

function emptyCounts(): ProblemCounts {
  return { total: 0, cleared: 0, rate: null, open: 0, claimed: 0, rectifying: 0, overdue: 0 };
}

function count(c: ProblemCounts, p: { status: string; due_on: string | null }, day: string): void {
  c.total++;
  if (p.status === 'cleared') c.cleared++;
  else {
    if (p.status === 'open' || p.status === 'claimed' || p.status === 'rectifying') c[p.status]++;
    if (p.due_on !== null && p.due_on < day) c.overdue++;
  }
  c.rate = closureRate(c.cleared, c.total);
}

/**
 * Closure rates of a year: the unit's whole subtree, its own problems (本级), each unit directly
 * below it (with its subtree), and each category. Without a unit: every top unit.
 */
export function problemClosure(ctx: ServiceContext, a: ParsedArgs<'problems.closure'>): ProblemClosure {
  const { sqlite } = ctx.conn;
  const unit = a.unitOrgId === undefined ? null : getOrg(sqlite, a.unitOrgId);
  if (a.unitOrgId !== undefined && !unit) throw new AppError('NOT_FOUND', `找不到编号为 ${a.unitOrgId} 的党组织，请刷新后重试。`);
  const base = unit?.path ?? '/';
  const day = today(ctx);
  const dicts = listDictEntriesSync(sqlite, 'problem_category');
  const total = emptyCounts();
  const own = emptyCounts();
  const byChild = new Map<number, ProblemCounts>();
  const byCategory = new Map<string | null, ProblemCounts>();
  for (const p of problemsForClosure(sqlite, a.year, unit?.path ?? null)) {
    count(total, p, day);
    const child = Number(p.path.slice(base.length).split('/')[0]);
    if (p.path === base || !child) count(own, p, day);
    else count(byChild.get(child) ?? byChild.set(child, emptyCounts()).get(child)!, p, day);
    count(byCategory.get(p.category) ?? byCategory.set(p.category, emptyCounts()).get(p.category)!, p, day);
  }
  // The units below in the tree's order; a closed one only while it has problems of the year.
  const children = orgChildren(sqlite, unit?.id ?? null, a.year, true, false).filter((c) => c.closedOn === null || byChild.has(c.id));
  const units: ProblemClosure['units'] = [
    ...(unit && own.total > 0 ? [{ orgId: unit.id, name: `${unit.name}（本级）`, own: true, ...own }] : []),
    ...children.map((c) => ({ orgId: c.id, name: c.name, own: false, ...(byChild.get(c.id) ?? emptyCounts()) })),
  ];
  const order = new Map(dicts.map((d, i) => [d.code, i]));
  const categories = [...byCategory.entries()]
    .sort(([x], [y]) => (x === null ? 1e9 : (order.get(x) ?? 1e6)) - (y === null ? 1e9 : (order.get(y) ?? 1e6)))
    .map(([category, c]) => ({ category, label: category === null ? '未分类' : (dicts.find((d) => d.code === category)?.label ?? category), ...c }));
  return { year: a.year, asOf: day, unit: unit ? { id: unit.id, name: unit.name } : null, total, units, categories };
}
