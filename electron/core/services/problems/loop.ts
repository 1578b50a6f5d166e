/**
 * The loop's rule where a problem's state is written: every change of 整改状态 that is not an
 * undo or a redo (a button, a grid edit, an import, a new problem) passes the same rule
 * (shared/domain/problems.ts) and leaves a step in `problem_step`, in the same change set, so
 * one undo takes both back. Used by the one write path of record tables (records/edit.ts,
 * records/add.ts); it writes nothing of the problem itself.
 */
import { randomUUID } from 'node:crypto';
import type { DictEntry } from '../../../../shared/contract/types.ts';
import { isProblemStatus, problemStatusLabels, problemStepRefusal, type ProblemStatus } from '../../../../shared/domain/problems.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import { insertProblemStep } from '../../repos/problems.ts';
import { today, type ServiceContext } from '../context.ts';

/** What a step says besides its states: the reason a skip or a step back needs, a note, its day. */
export interface StepWords {
  reason: string | null;
  note: string | null;
  at: string;
}

/** A state's name as the city's dictionary has it. */
export function statusLabel(dicts: readonly DictEntry[]): (s: ProblemStatus) => string {
  return (s) => dicts.find((d) => d.dict === 'problem_status' && d.code === s)?.label ?? problemStatusLabels[s];
}

/** Writes one step of a problem's loop into the change set. */
export function recordStep(ctx: ServiceContext, cs: ChangeSet, problemId: number, from: string | null, to: string, words: StepWords): number {
  const now = ctx.now().toISOString();
  const row = {
    uid: randomUUID(),
    problem_id: problemId,
    from_status: from,
    to_status: to,
    at: words.at,
    actor: ctx.actor,
    reason: words.reason,
    note: words.note,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  const id = insertProblemStep(ctx.conn.sqlite, row);
  cs.record('problem_step', id, row.uid, null, 'insert', null, { id, ...row });
  return id;
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * A change of a problem's state by a person or an import: refused (the reason, in words) or
 * its step recorded (null). `row`: the stored problem with the call's other values already
 * written (a 领账 gives its 责任人 with the state). An import is the unit's own word: its
 * file is the reason, and it is not asked for what a person's step needs.
 */
export function problemStatusStep(
  ctx: ServiceContext,
  cs: ChangeSet,
  row: Record<string, unknown>,
  to: string,
  how: { imported: boolean; words: StepWords | null; from?: string | undefined },
  dicts: readonly DictEntry[],
): string | null {
  const from = String(row.status);
  const label = statusLabel(dicts);
  const words: StepWords = how.words ?? {
    reason: how.imported ? `${cs.summary}${how.from ? `（${how.from}）` : ''}` : null,
    note: null,
    at: today(ctx),
  };
  // A state a city added to its own dictionary is outside the loop: recorded, not judged.
  if (isProblemStatus(from) && isProblemStatus(to)) {
    const facts = how.imported
      ? null
      : { responsible: text(row.responsible), measures: text(row.measures), acceptedBy: text(row.accepted_by), acceptedOn: text(row.accepted_on) };
    const refusal = problemStepRefusal(from, to, facts, words.reason, label);
    if (refusal) return refusal;
  }
  recordStep(ctx, cs, row.id as number, from, to, words);
  return null;
}
