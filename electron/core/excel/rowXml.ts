/**
 * The data rows of an official table as sheet XML, written straight into the sheet's
 * zip stream: at 100,000 rows ExcelJS's Row and Cell objects, their models and its XML
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

/**
 * A column's cell markup around the row number and the value, made once a sheet: a cell is
 * then a few joins, not a template with its address (letter + number) and style made anew.
 */
export interface CellMarkup {
  /** `<c r="A` */
  open: string;
  str: string;
  num: string;
  bool: string;
  /** A blank cell with its style; '' for a blank cell without one (not written). */
  blank: string;
}

/** The markup of column `letter`'s cells, `style` their style id (0: none). */
export function cellMarkup(letter: string, style: number): CellMarkup {
  const s = style ? ` s="${style}"` : '';
  return { open: `<c r="${letter}`, str: `"${s} t="str"><v>`, num: `"${s}><v>`, bool: `"${s} t="b"><v>`, blank: s && `"${s}/>` };
}

/** One cell of the row numbered `r` (as text). A blank cell without a style is not written. */
export function cellXml(m: CellMarkup, r: string, v: SheetCell): string {
  if (v === null) return m.blank && m.open + r + m.blank;
  switch (typeof v) {
    case 'string':
      return m.open + r + m.str + xmlText(v) + '</v></c>';
    // A number's text (digits, '.', '-', 'e', '+', NaN, Infinity) never needs escaping.
    case 'number':
      return m.open + r + m.num + v + '</v></c>';
    case 'boolean':
      return m.open + r + m.bool + (v ? '1' : '0') + '</v></c>';
    default:
      return m.open + r + m.num + v.date + '</v></c>';
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
  /** ExcelJS's StreamBuf (batch mode), piped into the zip's entry once archiver has taken it. */
  stream: { write(b: Buffer): unknown; pipes: { write(b: Buffer): unknown }[]; corked: boolean; _flush(): void };
}

/** Bytes taken at a time: a few hundred rows. */
const CHUNK = 1 << 20;

/**
 * The data rows' XML, turned into UTF-8 row by row as they are made and handed to a streaming
 * sheet whose rows so far are all committed. Turning 500 rows' string of many pieces into bytes
 * at once (Buffer.from) had cost as much as making them, in one large flat copy and one large
 * allocation per turn; a row's string is small and young, and written into a buffer kept for
 * many rows. ExcelJS's StreamBuf would copy the bytes again into 64 KB buffers of its own: they go
 * to the zip's stream directly, after what ExcelJS holds (the rows above).
 */
export class RowBytes {
  private buf = Buffer.allocUnsafe(0);
  private start = 0;
  private end = 0;
  private readonly ws: SheetStream;

  constructor(sheet: unknown) {
    this.ws = sheet as SheetStream;
  }

  add(xml: string): void {
    // UTF-8 takes at most 3 bytes a UTF-16 unit (a pair: 4 for 2).
    if (xml.length * 3 > this.buf.length - this.end) {
      this.hand();
      this.buf = Buffer.allocUnsafe(Math.max(CHUNK, xml.length * 3));
      this.start = this.end = 0;
    }
    this.end += this.buf.write(xml, this.end);
  }

  /** Hands the rows added so far to the sheet; `nextRow` is where ExcelJS takes over (the rows under the data). */
  flush(nextRow: number): void {
    this.hand();
    this.ws._rowZero = nextRow;
  }

  private hand(): void {
    if (this.end === this.start) return;
    const bytes = this.buf.subarray(this.start, this.end);
    this.start = this.end;
    const ws = this.ws;
    if (!ws.startedData || (ws._rows && ws._rows.length)) throw new Error('RowBytes: commit the rows above first');
    const s = ws.stream;
    if (s.pipes.length === 1 && !s.corked) {
      s._flush();
      s.pipes[0]!.write(bytes);
    } else s.write(bytes);
  }
}
