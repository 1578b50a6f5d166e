/**
 * A cell of a returned file of records corrected in the preview: read again by its column,
 * compared again with what we hold (a new row checked again as records.add would), so the
 * row's status, the figures and the problems follow at once. Nothing is written.
 */
import { AppError } from '../../../../../shared/contract/errors.ts';
import type { ImportFixResult } from '../../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../../shared/domain/fields.ts';
import { writableFields } from '../../../../../shared/domain/returns.ts';
import type { ServiceContext } from '../../context.ts';
import { countOf, type RecordsSession } from '../sessions.ts';
import { matchedStatus } from '../checks.ts';
import { newRowRefusal, REFUSED, refusalProblem } from './analyse.ts';

export function fixReturnCell(ctx: ServiceContext, session: RecordsSession, args: { sheet?: string; sourceRow: number; field: string; value: CellValue }): ImportFixResult {
  const { preview } = session;
  const name = args.sheet ?? preview.sheet;
  const sheet = session.sheets.find((s) => s.sheet.raw.name === name);
  const view = preview.sheets.find((s) => s.name === name);
  const row = preview.rows.find((r) => r.sheet === name && r.sourceRow === args.sourceRow);
  if (!sheet || !view || !row) throw new AppError('NOT_FOUND', `工作表“${name}”的第 ${args.sourceRow} 行不是读入的数据行，无法改正。`);
  const column = view.columns.find((c) => c.field === args.field);
  if (!column || !writableFields(view.source).has(args.field)) throw new AppError('INVALID_ARGS', `“${column?.header ?? args.field}”不是可以在预览中改正的列。`);
  const cell = sheet.cellOf(row.sourceRow, args.field);
  const diff = sheet.revise(row, args.field, args.value);
  row.diffs = [...row.diffs.filter((d) => d.field !== args.field), ...(diff && (row.record || diff.status === 'error') ? [diff] : [])];
  row.corrected = [...new Set([...(row.corrected ?? []), args.field])];
  // The cell's problems (its error, a conflict about it) give way to what it says now.
  preview.problems = preview.problems.filter((p) => !(p.sheet === row.sheet && p.cell === cell));
  if (diff?.status === 'error') preview.problems.push({ severity: 'error', sheet: row.sheet, cell, message: diff.message! });
  // A row that is an error for another reason (a name not found, a copied id, deleted here) stays one.
  if (row.record) row.status = matchedStatus(row);
  else if (row.refs) {
    // A new row is checked again as a whole: the corrected value may be what made it refused (or refuse it now).
    const keyCell = sheet.keyCell(row.sourceRow);
    preview.problems = preview.problems.filter((p) => !(p.sheet === row.sheet && p.cell === keyCell && p.message.includes(REFUSED)));
    // (A point of a leader the import adds has no leader to check yet: its branch was found.)
    const refused = (row.refs.leaderId ?? 0) < 0 ? null : newRowRefusal(ctx, sheet.binding, preview.year, row.refs, row.values);
    if (refused) preview.problems.push(refusalProblem(sheet.binding, row.sheet, keyCell, row.values, refused));
    row.status = refused || row.diffs.some((d) => d.status === 'error') ? 'error' : 'new';
  }
  preview.counts = countOf(preview.rows, preview.counts.missing, preview.problems);
  return { row, counts: preview.counts, problems: preview.problems, unknownValues: preview.unknownValues };
}
