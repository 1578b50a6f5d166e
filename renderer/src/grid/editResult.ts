/**
 * The core's answer to a write (a typed edit, a paste, a fill, a clear, an undo), in every grid:
 * the rows as stored, the change set that undoes it, and the values it kept red or refused.
 * `problemMessages` is what a person is told about those values, whatever the write was.
 */
import type { EditProblem } from '../../../shared/contract/types.ts';

export interface WriteResult<T> {
  changeSetId: string | null;
  rows: T[];
  problems: Pick<EditProblem, 'message' | 'kept'>[];
}

export function problemMessages(problems: readonly Pick<EditProblem, 'message' | 'kept'>[]): string[] {
  if (problems.length === 0) return [];
  if (problems.length > 1) return [`${problems.length} 个值未通过校验或未修改，已原样保留并标红；鼠标停在红色单元格上可查看原因。`];
  const p = problems[0]!;
  // A kept value was written as typed: the person must come back to it. A refused one says so itself (…未修改).
  return [p.kept ? `${p.message}（已原样保留并标红，请改正）` : p.message];
}
