/**
 * A cell corrected in the import preview: read again as its column reads it and
 * compared again with what we hold, so the row's status, the figures, the problems and
 * the filters say at once what the commit will now do. Nothing is written: the session
 * keeps the corrected value, and the commit writes it with its file's cell.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ImportCellDiff, ImportFixResult, ImportRowView } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { importWritable } from '../../../../shared/domain/importPlan.ts';
import type { ServiceContext } from '../context.ts';
import { matchedStatus } from './checks.ts';
import { judgeCell, type FileCell } from './judge.ts';
import type { LedgerAnalysis } from './ledger.ts';
import { countOf, sessionOrThrow } from './sessions.ts';
import { fixReturnCell } from './returns/revise.ts';

/** The cell's comparison after the correction (the person's value against what we hold): none when the file now says what we hold. */
function diffAfter(analysis: LedgerAnalysis, row: ImportRowView, field: string, value: CellValue, cell: string, header: string): ImportCellDiff | null {
  const parsed = analysis.read(field, value);
  row.values[field] = parsed.ok ? parsed.value : null;
  const held = row.match ? analysis.held(row.match.ledgerId, field) : null;
  const file: FileCell = parsed.ok ? { ok: true, value: parsed.value } : { ok: false, text: value, message: parsed.message };
  // A row the file adds has nothing held to compare with: only whether the value can be read counts.
  const judged = held ? judgeCell({ access: 'write' }, file, held, undefined).status : file.ok ? 'unchanged' : 'error';
  if (!file.ok) return judged === 'error' ? { field, cell, status: 'error', raw: value, value: null, current: held?.value ?? null, sent: undefined, message: `${header}：${file.message}` } : null;
  return judged === 'change' ? { field, cell, status: 'change', raw: value, value: file.value, current: held!.value, sent: undefined } : null;
}

export function fixCell(ctx: ServiceContext, args: { sessionId: string; sheet?: string; sourceRow: number; field: string; value: CellValue }): ImportFixResult {
  const session = sessionOrThrow(ctx, args.sessionId);
  if (session.kind === 'records') return fixReturnCell(ctx, session, args);
  const { preview, analysis } = session;
  const row = preview.rows.find((r) => r.sourceRow === args.sourceRow && (args.sheet === undefined || r.sheet === args.sheet));
  if (!row) throw new AppError('NOT_FOUND', `文件中第 ${args.sourceRow} 行不是读入的数据行，无法改正。`);
  const column = preview.columns.find((c) => c.field === args.field);
  if (!column || !importWritable.has(args.field)) throw new AppError('INVALID_ARGS', `“${column?.header ?? args.field}”不是可以在预览中改正的列。`);
  const cell = analysis.cellOf(row.sourceRow, args.field);
  // An error row for another reason (listed twice, no township found…) stays one whatever its cells say.
  const otherReason = row.status === 'error' && !row.diffs.some((d) => d.status === 'error');
  const diff = diffAfter(analysis, row, args.field, args.value, cell, column.header);
  row.diffs = [...row.diffs.filter((d) => d.field !== args.field), ...(diff && (row.match || diff.status === 'error') ? [diff] : [])];
  row.corrected = [...new Set([...(row.corrected ?? []), args.field])];
  if (row.match) row.status = otherReason ? 'error' : matchedStatus(row);
  else if (row.restores === undefined) row.status = (row.parent || row.newUnit !== undefined) && !row.diffs.some((d) => d.status === 'error') ? 'new' : 'error';
  // The cell's problems (its error, a conflict about it) give way to what it says now.
  preview.problems = preview.problems.filter((p) => !(p.sheet === row.sheet && p.cell === cell));
  if (diff?.status === 'error') preview.problems.push({ severity: 'error', sheet: row.sheet, cell, message: diff.message! });
  preview.counts = countOf(preview.rows, preview.missing.length, preview.problems);
  return { row, counts: preview.counts, problems: preview.problems };
}
