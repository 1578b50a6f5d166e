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
import { countOf, sessionOrThrow, type ImportSession, type LedgerSession } from './sessions.ts';
import { groupUnknownValues } from './values.ts';
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
  const { preview } = session;
  const row = session.kind === 'records' ? fixReturnCell(ctx, session, args).row : reviseLedgerCell(session, ledgerRow(session, args.sheet, args.sourceRow), args.field, args.value, args.sourceRow);
  // A value corrected by hand is no longer among the values to map (or is one of them now).
  groupUnknownValues(preview);
  preview.counts = countOf(preview.rows, preview.counts.missing, preview.problems);
  return { row, counts: preview.counts, problems: preview.problems, unknownValues: preview.unknownValues };
}

/** Several cells corrected at once (a value mapped to a dictionary entry in every cell holding it): the figures counted once. */
export function reviseCells(ctx: ServiceContext, session: ImportSession, fixes: readonly { sheet: string; sourceRow: number; field: string; value: CellValue }[]): void {
  const { preview } = session;
  if (session.kind === 'records') {
    for (const f of fixes) fixReturnCell(ctx, session, { sheet: f.sheet, sourceRow: f.sourceRow, field: f.field, value: f.value });
    return;
  }
  // A workbook of one sheet per township: a row is known by its sheet and its row.
  const rowAt = new Map(preview.rows.map((r) => [`${r.sheet}|${r.sourceRow}`, r]));
  for (const f of fixes) reviseLedgerCell(session, rowAt.get(`${f.sheet}|${f.sourceRow}`), f.field, f.value, f.sourceRow);
  preview.counts = countOf(preview.rows, preview.counts.missing, preview.problems);
}

function ledgerRow(session: LedgerSession, sheet: string | undefined, sourceRow: number): ImportRowView | undefined {
  return session.preview.rows.find((r) => r.sourceRow === sourceRow && (sheet === undefined || r.sheet === sheet));
}

/** One cell of a ledger row read again and compared again; the row's status and the cell's problems follow. */
function reviseLedgerCell(session: LedgerSession, row: ImportRowView | undefined, field: string, value: CellValue, sourceRow: number): ImportRowView {
  const { preview, analysis } = session;
  if (!row) throw new AppError('NOT_FOUND', `文件中第 ${sourceRow} 行不是读入的数据行，无法改正。`);
  const column = preview.columns.find((c) => c.field === field);
  if (!column || !importWritable.has(field)) throw new AppError('INVALID_ARGS', `“${column?.header ?? field}”不是可以在预览中改正的列。`);
  const cell = analysis.cellOf(row.sourceRow, field);
  // An error row for another reason (listed twice, no township found…) stays one whatever its cells say.
  const otherReason = row.status === 'error' && !row.diffs.some((d) => d.status === 'error');
  const diff = diffAfter(analysis, row, field, value, cell, column.header);
  row.diffs = [...row.diffs.filter((d) => d.field !== field), ...(diff && (row.match || diff.status === 'error') ? [diff] : [])];
  row.corrected = [...new Set([...(row.corrected ?? []), field])];
  if (row.match) row.status = otherReason ? 'error' : matchedStatus(row);
  else if (row.restores === undefined) row.status = (row.parent || row.newUnit !== undefined) && !row.diffs.some((d) => d.status === 'error') ? 'new' : 'error';
  // The cell's problems (its error, a conflict about it) give way to what it says now.
  preview.problems = preview.problems.filter((p) => !(p.sheet === row.sheet && p.cell === cell));
  if (diff?.status === 'error') preview.problems.push({ severity: 'error', sheet: row.sheet, cell, message: diff.message! });
  return row;
}
