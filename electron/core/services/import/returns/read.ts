/**
 * A returned sheet of records as the file holds it: each mapped cell read by its column's
 * definition (the record table's `FieldDef`; for a column the table does not store, such as
 * 支部等次 of a point or 当前状态 of the 评定验收台账, by the template column's type), a
 * placeholder (—, 无, what the export wrote for empty) read as empty, and a cell that cannot
 * be read kept as the file shows it, with the reason. Pure.
 */
import type { DictEntry } from '../../../../../shared/contract/types.ts';
import { parseFieldValue, type CellValue, type FieldDef } from '../../../../../shared/domain/fields.ts';
import { fieldDefOf, type RecordSource } from '../../../../../shared/domain/returns.ts';
import type { TemplateColumn } from '../../../../../shared/templates/types.ts';
import { UNREADABLE, type RawCell } from '../../../excel/reader/index.ts';
import { cellProblem, isPlaceholder } from '../ledger.ts';
import type { RecognisedSheet } from '../recognise.ts';

export interface ReadColumn {
  index: number;
  field: string;
  col: TemplateColumn;
  def: FieldDef;
}

/** A cell that could not be read: the file's text and why (headed by its column). */
export interface UnreadCell {
  field: string;
  text: CellValue;
  message: string;
}

export interface FileRow {
  /** Excel row number. */
  sourceRow: number;
  cells: readonly RawCell[];
  /** Every mapped column's value as read (null where it could not be). */
  values: Record<string, CellValue>;
  unread: UnreadCell[];
  /** The stable id in the hidden column ('' when none). */
  id: string;
}

export type Reading = ReturnType<typeof parseFieldValue>;

/** The definition a template column is read by: the table's own, else one made from the column (its type and dictionary). */
function defOf(source: RecordSource, col: TemplateColumn): FieldDef {
  const own = fieldDefOf(source, col.field);
  if (own && own.type !== 'ref') return own;
  const type = col.type === 'serial' ? 'integer' : col.type === 'percent' ? 'decimal' : col.type;
  return { field: col.field, label: col.header, type, ...(col.dict ? { dict: col.dict } : {}), editable: false, width: col.width, maxLength: 1000 };
}

/** The sheet's mapped columns, left to right (序号 left out: rows move, it identifies nothing). */
export function readColumns(sheet: RecognisedSheet, source: RecordSource): ReadColumn[] {
  return [...sheet.layout.columns.fields]
    .map(([index, field]) => ({ index, field, col: sheet.tsheet.columns.find((c) => c.field === field)! }))
    .filter((c) => c.col !== undefined && c.col.type !== 'serial')
    .map((c) => ({ ...c, def: defOf(source, c.col) }));
}

export function readCell(column: ReadColumn, raw: RawCell, emptyAs: string, dicts: readonly DictEntry[]): Reading {
  const unreadable = cellProblem(raw);
  if (unreadable) return { ok: false, message: unreadable };
  // A placeholder is an empty cell (and a required column's empty cell is not readable: 日期不能为空).
  return parseFieldValue(column.def, isPlaceholder(column.col, raw, emptyAs) ? null : raw, dicts);
}

/** The cell as the file shows it, without the reader's mark of an unreadable one. */
export function shownText(raw: RawCell): CellValue {
  return typeof raw === 'string' && raw.startsWith(UNREADABLE) ? raw.slice(UNREADABLE.length) : raw;
}

export function readRows(sheet: RecognisedSheet, columns: readonly ReadColumn[], dicts: readonly DictEntry[]): FileRow[] {
  // Each value read once per column: offices repeat the same names and labels many times.
  const memos = new Map(columns.map((c) => [c.field, new Map<RawCell, Reading>()]));
  const read = (column: ReadColumn, raw: RawCell): Reading => {
    const memo = memos.get(column.field)!;
    let r = memo.get(raw);
    if (!r) memo.set(raw, (r = readCell(column, raw, sheet.emptyAs, dicts)));
    return r;
  };
  return sheet.layout.dataRows.map((r) => {
    const cells = sheet.raw.rows[r] ?? [];
    const values: Record<string, CellValue> = {};
    const unread: UnreadCell[] = [];
    for (const column of columns) {
      const raw = cells[column.index] ?? null;
      const parsed = read(column, raw);
      values[column.field] = parsed.ok ? parsed.value : null;
      if (!parsed.ok) unread.push({ field: column.field, text: shownText(raw), message: `${column.col.header}：${parsed.message}` });
    }
    return { sourceRow: r + 1, cells, values, unread, id: sheet.idColumn === null ? '' : String(cells[sheet.idColumn] ?? '').trim() };
  });
}
