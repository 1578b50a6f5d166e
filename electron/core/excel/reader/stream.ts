/**
 * A returned export read row by row, in the reader's worker thread (parse-worker.mjs):
 * its layout is known from the manifest, so only cell values are wanted. Plain
 * erasable TypeScript, so the worker loads it as it is (Node strips the types) or
 * bundled.
 *
 * The zip is opened here, not by ExcelJS's WorkbookReader: its unzipper sometimes ends
 * the entry stream early when worksheets are copied to temporary files (as it does
 * when they come before the shared strings, the order both Excel and ExcelJS write):
 * the styles and workbook parts are then silently never read, and every date comes
 * back as a serial number (about 1 read in 40, in a worker). So each part is inflated
 * from the file with its declared size as the cap (a zip lying about its sizes is
 * refused). ExcelJS's own part parsers read the relations, workbook, shared strings
 * and styles (its internal methods: ExcelJS is pinned at 4.4.0, and the import tests
 * cover them); the worksheets are read with saxes (the XML parser ExcelJS uses) into
 * plain values directly, which takes half the time of ExcelJS's rows and cells. The
 * same pass takes the merged ranges (a township merged down its branches).
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import ExcelJS from '../exceljs.ts';
import type { RawBook, RawCell, RawRange, RawSheet } from './index.ts';
import { zipEntries, zipEntry, ZipError } from './zip.ts';

/** A sheet longer than allowed (the code crosses from the worker to the core). */
export class StreamLimitError extends Error {
  readonly code = 'ROWS';
  readonly sheet: string;
  constructor(sheet: string) {
    super('rows');
    this.sheet = sheet;
  }
}

/** An entry that inflates to more than it declares: a zip bomb in disguise. */
export class LyingZipError extends Error {
  readonly code = 'BOMB';
}

/** ExcelJS 4.4.0's WorkbookReader parts, fed by us (see above). */
interface PartParsers {
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncIterable<unknown>;
  _parseStyles(stream: Readable): Promise<void>;
  sharedStrings?: (string | { richText: { text: string }[] })[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  properties?: { model?: { date1904?: boolean } };
  model?: { definedNames?: { name: string; ranges?: string[] }[] };
}

/** A part in pieces, as a zip stream would hand it over (keeps each parse step small). */
function* pieces(buf: Buffer): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A spreadsheet date serial as YYYY-MM-DD (rounded to the second first: a serial of 23:59:59.999). */
function dateOfSerial(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - (date1904 ? 24107 : 25569)) * 86400) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Whether a number format shows a date (as ExcelJS's utils.isDateFmt: y m d h s b outside quotes and brackets). */
function isDateFormat(format: string | undefined): boolean {
  return !!format && /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const decodeCol = (letters: string) => {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n - 1;
};

function decodeRange(ref: string): RawRange | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { s: { r: Number(m[2]) - 1, c: decodeCol(m[1]!) }, e: { r: Number(m[4]) - 1, c: decodeCol(m[3]!) } };
}

/** What the sheet reader needs of the workbook. */
interface SheetContext {
  name: string;
  maxRows: number;
  sharedStrings: PartParsers['sharedStrings'];
  isDateStyle: (style: number) => boolean;
  date1904: boolean;
  onRow: () => void;
}

/**
 * One worksheet's cells as plain values: text, numbers, booleans, dates as YYYY-MM-DD.
 * An error value is its code (#N/A, #REF!…), and a formula saved without its result is
 * "=" and the formula: the import reports both rather than read them as empty (which
 * would clear what we hold). Merged ranges come with it.
 */
function readSheet(xml: Buffer, ctx: SheetContext): { rows: RawCell[][]; merges: RawRange[] } {
  const rows: RawCell[][] = [];
  const merges: RawRange[] = [];
  const parser = new SaxesParser();
  let row: RawCell[] | null = null;
  let rowIndex = -1;
  let col = -1;
  let type = '';
  let style = 0;
  let value: string | null = null;
  let formula: string | null = null;
  let inline: string | null = null;
  /** Which text the parser is in: the value, the formula, an inline string's text. */
  let into: 'v' | 'f' | 't' | null = null;
  let inInline = false;
  /** Inside a phonetic run (ruby text), which is not part of the cell's text. */
  let inPhonetic = false;

  parser.on('opentag', (node) => {
    switch (node.name) {
      case 'row': {
        const r = node.attributes.r;
        rowIndex = r ? Number(r) - 1 : rowIndex + 1;
        if (rowIndex + 1 > ctx.maxRows) throw new StreamLimitError(ctx.name);
        row = [];
        col = -1;
        break;
      }
      case 'c': {
        const ref = node.attributes.r as string | undefined;
        col = ref ? decodeCol(/^[A-Z]+/.exec(ref)?.[0] ?? 'A') : col + 1;
        type = (node.attributes.t as string | undefined) ?? 'n';
        style = Number(node.attributes.s ?? 0);
        value = formula = inline = null;
        break;
      }
      case 'v':
        into = 'v';
        value = '';
        break;
      case 'f':
        into = 'f';
        formula = '';
        break;
      case 'is':
        inInline = true;
        inline = '';
        break;
      case 't':
        if (inInline && !inPhonetic) into = 't';
        break;
      case 'rPh':
        inPhonetic = true;
        break;
      case 'mergeCell': {
        const range = decodeRange(String(node.attributes.ref ?? ''));
        if (range) merges.push(range);
        break;
      }
    }
  });
  parser.on('text', (text) => {
    if (into === 'v') value += text;
    else if (into === 'f') formula += text;
    else if (into === 't') inline += text;
  });
  parser.on('closetag', (node) => {
    switch (node.name) {
      case 'v':
      case 'f':
      case 't':
        into = null;
        break;
      case 'is':
        inInline = false;
        break;
      case 'rPh':
        inPhonetic = false;
        break;
      case 'c':
        if (row) row[col] = cellValue();
        break;
      case 'row':
        if (row) {
          for (let c = 0; c < row.length; c++) row[c] ??= null;
          rows[rowIndex] = row;
          ctx.onRow();
        }
        row = null;
        break;
    }
  });

  const cellValue = (): RawCell => {
    // No value (openpyxl writes an empty <v/> for a formula it could not work out; only a text result may be empty).
    if (inline === null && (value === null || (value === '' && type !== 'str'))) return formula !== null ? `=${formula || '（共享公式）'}` : null;
    switch (type) {
      case 's': {
        const s = ctx.sharedStrings?.[Number(value)];
        return s === undefined ? null : typeof s === 'string' ? s : s.richText.map((t) => t.text).join('');
      }
      case 'inlineStr':
        return inline ?? value;
      case 'str':
        return value;
      case 'b':
        return value === '1' || value === 'true';
      case 'e':
        return value;
      case 'd':
        return value === null ? null : value.slice(0, 10);
      default: {
        if (value === null || value === '') return null;
        const n = Number(value);
        if (Number.isNaN(n)) return value;
        return ctx.isDateStyle(style) ? dateOfSerial(n, ctx.date1904) : n;
      }
    }
  };

  // Decoded piece by piece: a character split between two pieces is carried over, not garbled.
  const decoder = new TextDecoder('utf-8');
  for (const piece of pieces(xml)) parser.write(decoder.decode(piece, { stream: true }));
  parser.write(decoder.decode());
  parser.close();
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return { rows, merges };
}

export async function readStreaming(
  file: string,
  options: { maxRows: number; hints: Record<number, { name: string; state: string }>; onProgress?: (rows: number) => void },
): Promise<RawBook> {
  const buf = fs.readFileSync(file);
  const entries = zipEntries(buf);
  /** A part inflated, never past the size its entry declares. */
  const part = (name: string): Buffer | null => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) return null;
    try {
      return zipEntry(buf, entry, Math.max(1, entry.size));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new LyingZipError(name);
      throw e instanceof ZipError ? e : new ZipError(`“${name}”已损坏`);
    }
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' } as never) as unknown as PartParsers;
  const stream = (b: Buffer) => Readable.from(pieces(b));
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await reader._parseRels(stream(rels));
  const workbook = part('xl/workbook.xml');
  if (workbook) await reader._parseWorkbook(stream(workbook));
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(stream(strings))) void _;
  const styles = part('xl/styles.xml');
  if (styles) await reader._parseStyles(stream(styles));

  const dateStyles = new Map<number, boolean>();
  const isDateStyle = (s: number) => {
    let d = dateStyles.get(s);
    if (d === undefined) dateStyles.set(s, (d = isDateFormat(reader.styles.getStyleModel(s)?.numFmt)));
    return d;
  };
  let read = 0;
  const onRow = () => {
    if (++read % 2000 === 0) options.onProgress?.(read);
  };
  const sheets: RawSheet[] = [];
  const parts = entries
    .map((e) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name)?.[1]))
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  for (const n of parts) {
    const name = options.hints[n]?.name ?? `Sheet${n}`;
    const { rows, merges } = readSheet(part(`xl/worksheets/sheet${n}.xml`)!, {
      name,
      maxRows: options.maxRows,
      sharedStrings: reader.sharedStrings,
      isDateStyle,
      date1904: reader.properties?.model?.date1904 === true,
      onRow,
    });
    sheets.push({ name, state: options.hints[n]?.state ?? 'visible', rows, merges, truncated: false });
  }
  const names: Record<string, string> = {};
  for (const d of reader.model?.definedNames ?? []) if (d?.name) names[d.name] = (d.ranges ?? []).join(',');
  return { kind: 'xlsx', sheets, names };
}
