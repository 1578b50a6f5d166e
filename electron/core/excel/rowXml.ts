/**
 * The data rows of an official table as sheet XML, written straight into ExcelJS's
 * sheet stream: at 100,000 rows its Row and Cell objects, their models and its XML
 * builder were the larger part of an export (issue 18). ExcelJS still writes
 * everything around them (header, totals, merges, validations, protection, print
 * setup, styles.xml), and gives out the style ids, so the file is byte for byte what
 * ExcelJS itself would write for the same cells (tests/core/exportGolden.test.ts).
 * The markup follows ExcelJS 4.4.0's row and cell xforms, which is pinned.
 */
import ExcelJS from './exceljs.ts';

/** A cell's value as the file holds it: text, a number, 是/否 as text, a date (already an Excel serial), or nothing. */
export type SheetCell = string | number | boolean | null | { date: number };

interface StyleRegistry {
  addStyleModel(style: object, cellType?: number): number;
}

/** ExcelJS's style table of the workbook being written (not in its typings). */
export function styleRegistry(wb: unknown): StyleRegistry {
  return (wb as { styles: StyleRegistry }).styles;
}

// Read when a sheet is first written, not when this module loads: ExcelJS loads on first use
// (scripts/build-electron.ts), and reading it here had put its ~300 ms back into every cold start.
let types: typeof ExcelJS.ValueType | undefined;

/** The type ExcelJS would give the value: it picks a default number format by it, for a style first seen on that cell. */
export function valueType(v: SheetCell): number {
  const ValueType = (types ??= ExcelJS.ValueType);
  if (v === null) return ValueType.Null;
  switch (typeof v) {
    case 'string':
      return ValueType.String;
    case 'number':
      return ValueType.Number;
    case 'boolean':
      return ValueType.Boolean;
    default:
      return ValueType.Date;
  }
}

/** Days since 1899-12-30, as ExcelJS converts a Date (the same sum, so the same digits). */
export function excelDate(utcMs: number): number {
  return 25569 + utcMs / (24 * 3600 * 1000);
}

const needsEscape = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** Text as ExcelJS escapes it: the five entities, control characters other than tab and line breaks dropped. */
export function xmlText(text: string): string {
  const first = needsEscape.exec(text);
  if (!first) return text;
  let out = '';
  let last = 0;
  let i = first.index;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let escape: string;
    switch (c) {
      case 34:
        escape = '&quot;';
        break;
      case 38:
        escape = '&amp;';
        break;
      case 39:
        escape = '&apos;';
        break;
      case 60:
        escape = '&lt;';
        break;
      case 62:
        escape = '&gt;';
        break;
      case 127:
        escape = '';
        break;
      default:
        if (c <= 31 && (c <= 8 || (c >= 11 && c !== 13))) {
          escape = '';
          break;
        }
        continue;
    }
    if (last !== i) out += text.substring(last, i);
    last = i + 1;
    out += escape;
  }
  return last !== i ? out + text.substring(last, i) : out;
}

/** One cell, `ref` its address (A6), `style` its style id (0: none). A blank cell without a style is not written. */
export function cellXml(ref: string, style: number, v: SheetCell): string {
  const s = style ? ` s="${style}"` : '';
  if (v === null) return s ? `<c r="${ref}"${s}/>` : '';
  switch (typeof v) {
    case 'string':
      return `<c r="${ref}"${s} t="str"><v>${xmlText(v)}</v></c>`;
    // A number's text (digits, '.', '-', 'e', '+', NaN, Infinity) never needs escaping.
    case 'number':
      return `<c r="${ref}"${s}><v>${v}</v></c>`;
    case 'boolean':
      return `<c r="${ref}"${s} t="b"><v>${v ? '1' : '0'}</v></c>`;
    default:
      return `<c r="${ref}"${s}><v>${v.date}</v></c>`;
  }
}

/** The opening tag of row `r` whose cells span columns `first`..`last`; `height` 0 for the sheet's default. */
export function rowOpen(r: number, height: number, first: number, last: number, style: number): string {
  const ht = height ? ` ht="${height}" customHeight="1"` : '';
  const s = style ? ` s="${style}" customFormat="1"` : '';
  return `<row r="${r}"${ht} spans="${first}:${last}"${s} x14ac:dyDescent="0.25">`;
}

interface SheetStream {
  _rowZero: number;
  _rows: unknown[] | null;
  startedData: boolean;
  stream: { write(s: string): unknown };
}

/**
 * Appends XML rows to a streaming sheet whose rows so far are all committed, and moves
 * its next row past them (ExcelJS then takes the rows under the data as usual).
 */
export function appendRows(sheet: unknown, xml: string, nextRow: number): void {
  const ws = sheet as SheetStream;
  if (!ws.startedData || (ws._rows && ws._rows.length)) throw new Error('appendRows: commit the rows above first');
  ws.stream.write(xml);
  ws._rowZero = nextRow;
}
