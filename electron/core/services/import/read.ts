/**
 * A table's rows as the file holds them: each mapped cell read by its column's rules
 * (placeholders, the column's type and dictionary), and a cell that cannot be read kept
 * as the file shows it, with the reason. Pure: the reader's raw rows in, plain values out;
 * any table whose columns are defined by `FieldDef`s reads the same way.
 */
import type { DictEntry, ImportSynonymRead } from '../../../../shared/contract/types.ts';
import { dictKey } from '../../../../shared/domain/normalize.ts';
import { parseFieldValue, type CellValue, type FieldDef } from '../../../../shared/domain/fields.ts';
import type { TemplateColumn } from '../../../../shared/templates/types.ts';
import { UNREADABLE, type RawCell, type RawSheet } from '../../excel/reader/index.ts';
import { columnLetter } from './layout.ts';

/** A file column mapped to a field: where it is, how the template heads it, how its values are read (none: as text). */
export interface FileColumn {
  index: number;
  field: string;
  col: TemplateColumn;
  def: FieldDef | undefined;
}

/** A cell that could not be read: the file's text (without the reader's mark) and why, headed by its column. */
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
  /** Cells that could not be read, in column order. */
  unread: UnreadCell[];
  /** The stable id the row carries in a returned export's hidden column ('' when none). */
  id: string;
}

export type Reading = ReturnType<typeof parseFieldValue>;

/** A cell the reader marked as holding no usable value: an error value, or a formula saved without its result. */
export function cellProblem(value: RawCell): string | null {
  if (typeof value !== 'string' || !value.startsWith(UNREADABLE)) return null;
  const what = value.slice(UNREADABLE.length);
  return what.startsWith('=')
    ? `单元格是公式“${what}”，文件中没有它的计算结果；请在 Excel 或 WPS 中打开、保存后再导入`
    : `单元格是错误值 ${what}（公式出错），请在 Excel 或 WPS 中改正后再导入`;
}

/**
 * Cells that say "nothing here": a dash or slash, 无 (except in a yes/no column, where it
 * means 否, and a dictionary column, whose dictionary says what it means there: no title in
 * the “最强党支部” column), or whatever a returned export wrote for an empty cell. Read as
 * empty, not as text, or every empty 书记 of a file exported with "—" would come back as "—".
 */
export function isPlaceholder(col: Pick<TemplateColumn, 'type'>, value: RawCell, emptyAs: string): boolean {
  if (typeof value !== 'string') return false;
  const t = value.trim();
  if (t === '') return false;
  if (emptyAs !== '' && t === emptyAs) return true;
  if (/^[—–\-－/／]+$/.test(t)) return true;
  return t === '无' && col.type !== 'flag' && col.type !== 'dict';
}

/** Reads one cell as its column reads it. */
export function readCell(column: FileColumn, value: RawCell, options: { emptyAs: string; dicts: readonly DictEntry[] }): Reading {
  const unreadable = cellProblem(value);
  if (unreadable) return { ok: false, message: unreadable };
  if (isPlaceholder(column.col, value, options.emptyAs)) return { ok: true, value: null };
  if (!column.def) return { ok: true, value: value === null || value === '' ? null : typeof value === 'string' ? value.trim() : value };
  return parseFieldValue(column.def, value, options.dicts);
}

/** The A1 address of a field's cell in a row (column A for a field the file does not have). */
export function cellAddresses(columns: readonly FileColumn[]): (sourceRow: number, field: string) => string {
  const letterOf = new Map(columns.map((c) => [c.field, columnLetter(c.index)]));
  return (sourceRow, field) => `${letterOf.get(field) ?? 'A'}${sourceRow}`;
}

/** Distinct values a column's memo keeps (`readRows`). */
const MEMO_VALUES = 4096;

/** How a sheet's rows are read: its columns, its id column, the mark of an empty cell, the dictionaries. */
export interface RowReading {
  columns: readonly FileColumn[];
  idColumn: number | null;
  options: { emptyAs: string; dicts: readonly DictEntry[] };
}

/** Reads one row at a time (its 0-based index and cells), each column's distinct values read once. */
function rowReader({ columns, idColumn, options }: RowReading): (r: number, cells: readonly RawCell[]) => FileRow {
  // Each value read once per column: offices repeat the same labels a thousand times. A column
  // of names or phone numbers repeats few: past MEMO_VALUES distinct values it remembers no more
  // (a memo of every name and number of a year's file was tens of MB of garbage at the peak).
  const memos = new Map(columns.map(({ field }) => [field, new Map<RawCell, Reading>()]));
  const read = (column: FileColumn, value: RawCell): Reading => {
    if (value === null) return readCell(column, value, options);
    const memo = memos.get(column.field)!;
    let r = memo.get(value);
    if (!r) {
      r = readCell(column, value, options);
      if (memo.size < MEMO_VALUES) memo.set(value, r);
    }
    return r;
  };
  // Every row's values start as a copy of one object holding the mapped fields in column order:
  // set key by key, a row's values became a V8 hash table (~800 bytes a row, 80 MB at 100,000).
  const shape = JSON.parse(`{${columns.map((c) => `${JSON.stringify(c.field)}:null`).join(',')}}`) as Record<string, CellValue>;
  return (r, cells) => {
    const values: Record<string, CellValue> = { ...shape };
    const unread: UnreadCell[] = [];
    for (const column of columns) {
      const raw = cells[column.index] ?? null;
      if (column.col.type === 'serial') {
        values[column.field] = typeof raw === 'number' ? raw : raw === null ? null : Number(raw) || null;
        continue;
      }
      const parsed = read(column, raw);
      values[column.field] = parsed.ok ? parsed.value : null;
      // The cell as the file shows it (without the reader's mark of an unreadable one).
      if (!parsed.ok) unread.push({ field: column.field, text: typeof raw === 'string' && raw.startsWith(UNREADABLE) ? raw.slice(UNREADABLE.length) : raw, message: `${column.col.header}：${parsed.message}` });
    }
    return { sourceRow: r + 1, cells, values, unread, id: idColumn === null ? '' : String(cells[idColumn] ?? '').trim() };
  };
}

/**
 * A returned export's rows read as the reader hands them on, while its worker reads the rest:
 * the core's thread is otherwise idle then, and reading the cells was a fifth of the analysis
 * after the read. Read the way its manifest says the sheet is laid out; `readRows` takes a row
 * from here only when it reads the same cells (the same array, at the same place) the same way.
 * The same array is the same cells: nothing changes a row's cells in place (a merge filled down,
 * `fillMergedDown`, makes its rows anew).
 */
export class RowsReadEarly {
  private readonly rows = new Map<readonly RawCell[], FileRow>();
  private readonly readRow: (r: number, cells: readonly RawCell[]) => FileRow;

  /** `from`: the first row (0-based) worth reading, the manifest's first data row. */
  constructor(
    private readonly reading: RowReading,
    private readonly from: number,
  ) {
    this.readRow = rowReader(reading);
  }

  take(batch: { indexes: readonly number[]; rows: readonly (readonly RawCell[])[] }): void {
    for (let k = 0; k < batch.rows.length; k++) {
      const r = batch.indexes[k]!;
      if (r >= this.from) this.rows.set(batch.rows[k]!, this.readRow(r, batch.rows[k]!));
    }
  }

  /** The rows read early, if they were read as `reading` reads them (else null: nothing of them is used). */
  readAs(reading: RowReading): { get(r: number, cells: readonly RawCell[]): FileRow | undefined } | null {
    const mine = this.reading;
    const same =
      mine.idColumn === reading.idColumn &&
      mine.options.emptyAs === reading.options.emptyAs &&
      mine.columns.length === reading.columns.length &&
      mine.columns.every((c, i) => {
        const o = reading.columns[i]!;
        return c.index === o.index && c.field === o.field && c.col === o.col && c.def === o.def;
      }) &&
      JSON.stringify(mine.options.dicts) === JSON.stringify(reading.options.dicts);
    if (!same) return null;
    return {
      get: (r, cells) => {
        const row = this.rows.get(cells);
        return row?.sourceRow === r + 1 ? row : undefined;
      },
    };
  }
}

/** The data rows of a sheet, read (those read early, `early`, taken where they were read the same way). */
export function readRows(sheet: RawSheet, dataRows: readonly number[], columns: readonly FileColumn[], idColumn: number | null, options: { emptyAs: string; dicts: readonly DictEntry[] }, early?: RowsReadEarly | null): FileRow[] {
  const reading = { columns, idColumn, options };
  const readRow = rowReader(reading);
  const kept = early?.readAs(reading) ?? null;
  return dataRows.map((r) => {
    const cells = sheet.rows[r] ?? [];
    return kept?.get(r, cells) ?? readRow(r, cells);
  });
}

/**
 * The values of a sheet's dictionary columns written otherwise than their entry's name and read
 * as it by one of its synonyms (好 → 先进, √ is not one: flags are not dictionaries), each once with
 * its count and cells: shown in the preview, so a reading the office did not mean is seen before
 * the commit (and changed in 设置 → 字典).
 */
export function synonymReads(sheet: string, rows: readonly FileRow[], columns: readonly FileColumn[], cellOf: (sourceRow: number, field: string) => string, dicts: readonly DictEntry[]): ImportSynonymRead[] {
  const labelOf = new Map(dicts.map((e) => [`${e.dict}\u0000${e.code}`, e.label]));
  const out = new Map<string, ImportSynonymRead>();
  // A column repeats a few labels a hundred thousand times: each text keyed once.
  const keys = new Map<string, string>();
  const keyOf = (text: string) => {
    let k = keys.get(text);
    if (k === undefined) keys.set(text, (k = dictKey(text)));
    return k;
  };
  for (const c of columns) {
    const dict = c.def?.type === 'dict' ? c.def.dict : undefined;
    if (!dict) continue;
    for (const row of rows) {
      const raw = row.cells[c.index];
      const code = row.values[c.field];
      if (typeof raw !== 'string' || typeof code !== 'string') continue;
      const label = labelOf.get(`${dict}\u0000${code}`);
      if (label === undefined || keyOf(raw) === keyOf(label)) continue;
      const key = `${c.field}\u0000${raw.trim()}`;
      const seen = out.get(key) ?? { sheet, field: c.field, header: c.col.header, dict, value: raw.trim(), label, count: 0, cells: [] };
      seen.count++;
      seen.cells.push(cellOf(row.sourceRow, c.field));
      out.set(key, seen);
    }
  }
  return [...out.values()];
}
