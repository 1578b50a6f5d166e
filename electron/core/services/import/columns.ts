/**
 * The columns of a sheet as the preview shows them (letter, header as the file writes it,
 * the field it is read as), and the columns holding data that no field takes: said, never
 * silently left out.
 */
import type { ImportColumnView } from '../../../../shared/contract/types.ts';
import { columnLetter } from './layout.ts';
import type { ImportProblem, RecognisedSheet } from './recognise.ts';

export function fileColumns(sheet: RecognisedSheet): ImportColumnView[] {
  const { raw, layout } = sheet;
  const headerRow = layout.headerRows[layout.headerRows.length - 1]!;
  const width = Math.max(...layout.headerRows.map((r) => raw.rows[r]?.length ?? 0), 0);
  return Array.from({ length: width }, (_, index) => {
    const upper = String(raw.rows[layout.headerRows[0]!]?.[index] ?? '').trim();
    const lower = String(raw.rows[headerRow]?.[index] ?? '').trim();
    const field = layout.columns.fields.get(index) ?? null;
    const dict = field === null ? undefined : sheet.tsheet.columns.find((c) => c.field === field)?.dict;
    // A header read by its words is a guess, said with how sure it is; one named exactly (or by a person) is not.
    const guess = field === null ? undefined : layout.columns.confidence?.get(index);
    return {
      index,
      letter: columnLetter(index),
      header: lower && lower !== upper && layout.headerRows.length > 1 ? `${upper}·${lower}` : upper || lower,
      field,
      ...(dict ? { dict } : {}),
      ...(field === null ? {} : { confidence: guess ?? 1, guessed: guess !== undefined }),
    };
  }).filter((c) => c.header || c.field);
}

/** The columns with data that no field takes, and how many rows each fills. */
export function unplacedWithData(sheet: RecognisedSheet, columns: readonly ImportColumnView[]): { column: ImportColumnView; filled: number }[] {
  const { raw, layout } = sheet;
  const out: { column: ImportColumnView; filled: number }[] = [];
  for (const c of columns) {
    if (c.field || /^(序号|编号|行标识|校验值)/.test(c.header) || c.index === sheet.idColumn) continue;
    const filled = layout.dataRows.filter((r) => String(raw.rows[r]?.[c.index] ?? '').trim() !== '').length;
    if (filled > 0) out.push({ column: c, filled });
  }
  return out;
}

/** Columns with data that no field takes. `table`: what the file's columns are matched with (台账); `remap`: how a person can place one. */
export function unplacedColumns(sheet: RecognisedSheet, columns: readonly ImportColumnView[], table: string, remap: string): ImportProblem[] {
  const { raw, layout } = sheet;
  const headerRow = layout.headerRows[layout.headerRows.length - 1]!;
  const out: ImportProblem[] = [];
  for (const { column: c, filled } of unplacedWithData(sheet, columns)) {
    out.push({ severity: 'warning', sheet: raw.name, cell: `${c.letter}${headerRow + 1}`, message: `${c.letter} 列“${c.header}”（${filled} 行有内容）没有对应${table}中的任何一列，不导入。${remap}` });
  }
  return out;
}
