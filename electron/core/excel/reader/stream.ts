/**
 * A returned export read in the reader's worker thread (parse-worker.mjs): the cell
 * values of each sheet, the shared strings, the date formats and the workbook's names,
 * parsed straight into plain values by the plain-XML scanner (scan.ts), or by saxes (the
 * XML parser ExcelJS uses) for a part the scanner leaves to it. Its layout is known from
 * the manifest, so nothing else is wanted. Plain erasable TypeScript, so the worker loads
 * it as it is (Node strips the types) or bundled.
 *
 * Why not a library's reader: ExcelJS's streaming WorkbookReader lost the styles and
 * workbook parts about one read in 40 in a worker (its unzipper ended the entry stream
 * early after copying worksheets to temporary files) and every date came back as a
 * number; SheetJS (the full reader, for every other file) takes half as long again and
 * twice the memory on a 10,000-row return. Each part is inflated from the file here with
 * its entry's declared size as the cap and its CRC checked (zip.ts): a zip lying about its
 * sizes, or damaged, is refused.
 */
import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import type { RawBook, RawCell, RawRange, RawSheet } from './index.ts';
import { BUILTIN_DATE_FORMATS, dateCellValue, dateReading, type DateReading } from './dates.ts';
import { UNREADABLE } from './marks.ts';
import { NotPlain, scanner, type Events } from './scan.ts';
import { eachEntryPiece, zipEntries, zipEntry } from './zip.ts';

/** A sheet longer than allowed (the code crosses from the worker to the core). */
export class StreamLimitError extends Error {
  readonly code = 'ROWS';
  readonly sheet: string;
  constructor(sheet: string) {
    super('rows');
    this.sheet = sheet;
  }
}

/** A part fed piece by piece: a character split between two pieces is carried over, not garbled. */
interface Parser {
  write(piece: Buffer): void;
  end(): void;
}

/** The plain scanner (scan.ts): what nearly every file is. */
function scanning(on: Events): Parser {
  const scan = scanner(on);
  const decoder = new TextDecoder('utf-8');
  return {
    write: (piece) => scan.write(decoder.decode(piece, { stream: true })),
    end: () => {
      scan.write(decoder.decode());
      scan.end();
    },
  };
}

/** saxes, for a part the scanner leaves to it: every event as the scanner gives it. */
function saxes(on: Events): Parser {
  const sax = new SaxesParser();
  if (on.open) sax.on('opentag', (tag) => on.open!({ name: tag.name, attributes: tag.attributes }, local(tag.name)));
  if (on.text) sax.on('text', on.text);
  if (on.close) sax.on('closetag', (tag) => on.close!(local(tag.name)));
  const decoder = new TextDecoder('utf-8');
  return {
    write: (piece) => void sax.write(decoder.decode(piece, { stream: true })),
    end: () => {
      sax.write(decoder.decode());
      sax.close();
    },
  };
}

/** Element names without a namespace prefix (some programs write x:c for c). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Excel's escape for characters XML cannot hold: _x000D_ is a carriage return. */
const unescapeText = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s);

/** What reads one part: its handlers, and what they made of it once it is read. */
interface PartReader<R> {
  on: Events;
  result(): R;
}

/**
 * Reads a part fed by `feed` with the handlers `make` gives: scanned, or, where the scanner
 * leaves it, read again from its start by saxes with handlers made anew (`again` told first),
 * which reads it as before or refuses it as before.
 */
async function readPart<R>(feed: (write: (piece: Buffer) => void) => Promise<void> | void, make: () => PartReader<R>, again?: () => void): Promise<R> {
  const read = async (by: (on: Events) => Parser) => {
    const reader = make();
    const p = by(reader.on);
    await feed((piece) => p.write(piece));
    p.end();
    return reader.result();
  };
  try {
    return await read(scanning);
  } catch (e) {
    if (!(e instanceof NotPlain)) throw e;
  }
  again?.();
  return read(saxes);
}

/** A small part held whole, fed 64 KB at a time. */
const whole = (xml: Buffer) => (write: (piece: Buffer) => void) => {
  for (let i = 0; i < xml.length; i += 65536) write(xml.subarray(i, i + 65536));
};

/** Text of <t> elements, leaving out phonetic runs (ruby text): shared strings and inline strings alike. */
function textCollector() {
  let text = '';
  let inT = false;
  let inPhonetic = false;
  return {
    open(name: string) {
      if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) inT = true;
    },
    text(t: string) {
      if (inT) text += t;
    },
    close(name: string) {
      if (name === 'rPh') inPhonetic = false;
      else if (name === 't') inT = false;
    },
    take(): string {
      const t = unescapeText(text);
      text = '';
      return t;
    },
  };
}

function sharedStrings(): PartReader<string[]> {
  const strings: string[] = [];
  const t = textCollector();
  return {
    on: {
      open: (_, name) => t.open(name),
      text: (s) => t.text(s),
      close: (name) => (name === 'si' ? strings.push(t.take()) : t.close(name)),
    },
    result: () => strings,
  };
}

/** How each cell style (index into cellXfs) reads a date: null where its format shows none. */
function dateStylesOf(): PartReader<(DateReading | null)[]> {
  const custom = new Map<number, string>();
  const styles: (DateReading | null)[] = [];
  let inCellXfs = false;
  return {
    on: {
      open: (tag, name) => {
        if (name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), String(tag.attributes.formatCode ?? ''));
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(tag.attributes.numFmtId ?? 0);
          const format = custom.get(id) ?? BUILTIN_DATE_FORMATS[id];
          styles.push(format === undefined ? null : dateReading(format));
        }
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    },
    result: () => styles,
  };
}

/** The workbook's date system and its workbook-level names (a manifest's ZG_* names). */
function workbookFacts(): PartReader<{ date1904: boolean; names: Record<string, string> }> {
  let date1904 = false;
  const names: Record<string, string> = {};
  let name: string | null = null;
  let ref = '';
  return {
    on: {
      open: (tag, n) => {
        if (n === 'workbookPr') date1904 = ['1', 'true'].includes(String(tag.attributes.date1904 ?? ''));
        else if (n === 'definedName' && tag.attributes.localSheetId === undefined) {
          name = String(tag.attributes.name ?? '');
          ref = '';
        }
      },
      text: (t) => {
        if (name !== null) ref += t;
      },
      close: (n) => {
        if (n === 'definedName' && name !== null) {
          names[name] = ref;
          name = null;
        }
      },
    },
    result: () => ({ date1904, names }),
  };
}

/** The column of a cell's reference or of its letters alone (A1, A: 0); 0 where it has none. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n === 0 ? 0 : n - 1;
}

function decodeRange(ref: string): RawRange | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return null;
  return { s: { r: Number(m[2]) - 1, c: columnOf(m[1]!) }, e: { r: Number(m[4]) - 1, c: columnOf(m[3]!) } };
}

interface SheetContext {
  name: string;
  maxRows: number;
  strings: string[];
  dateStyles: (DateReading | null)[];
  date1904: boolean;
  onRow: () => void;
  /** Takes the rows as they are read, in batches (none kept here); absent: the rows are returned. */
  onRows?: ((batch: RowBatch) => void) | undefined;
}

/** Rows read, by their index in the sheet (0-based Excel row), handed on while the sheet is still being read. */
export interface RowBatch {
  indexes: number[];
  rows: RawCell[][];
}

/** Rows handed on at a time: small enough for the core to take them while the rest is read, large enough that each message is worth its cost. */
const BATCH_ROWS = 2000;

/**
 * One worksheet's cells as plain values: text, numbers, booleans, dates as YYYY-MM-DD (or
 * YYYY-MM where the format shows only the month: dates.ts).
 * An error value (#N/A…) and a formula saved without its result come marked as
 * UNREADABLE: the import reports them rather than read them as empty (which would
 * clear what we hold). Merged ranges come with them.
 */
function sheetCells(ctx: SheetContext): PartReader<{ rows: RawCell[][]; merges: RawRange[]; length: number }> {
  const rows: RawCell[][] = [];
  const merges: RawRange[] = [];
  let count = 0;
  let row: RawCell[] | null = null;
  let rowIndex = -1;
  let col = -1;
  let type = 'n';
  let style = 0;
  let value: string | null = null;
  let formula: string | null = null;
  let inline: string | null = null;
  let into: 'v' | 'f' | null = null;
  const inlineText = textCollector();
  let inInline = false;
  let batch: RowBatch = { indexes: [], rows: [] };
  let length = 0;
  const keep = (index: number, cells: RawCell[]) => {
    if (!ctx.onRows) {
      rows[index] = cells;
      return;
    }
    batch.indexes.push(index);
    batch.rows.push(cells);
    length = Math.max(length, index + 1);
    if (batch.rows.length >= BATCH_ROWS) {
      ctx.onRows(batch);
      batch = { indexes: [], rows: [] };
    }
  };

  const cellValue = (): RawCell => {
    if (inline !== null) return inline;
    // No value: openpyxl writes an empty <v/> for a formula it could not work out; only a text result may be empty.
    if (value === null || (value === '' && type !== 'str')) return formula !== null ? `${UNREADABLE}=${formula || '（共享公式）'}` : null;
    switch (type) {
      case 's':
        return ctx.strings[Number(value)] ?? null;
      case 'str':
      case 'inlineStr':
        return unescapeText(value);
      case 'b':
        return value === '1' || value === 'true';
      case 'e':
        return `${UNREADABLE}${value}`;
      case 'd': {
        // An ISO date (few programs write them): as much of it as its format shows.
        const reading = ctx.dateStyles[style];
        return value.slice(0, reading === 'month' ? 7 : reading === 'year' ? 4 : 10);
      }
      default: {
        const n = Number(value);
        if (Number.isNaN(n)) return value;
        const reading = ctx.dateStyles[style];
        return reading ? dateCellValue(n, reading, ctx.date1904) : n;
      }
    }
  };

  const on: Events = {
    open: (tag, name) => {
      switch (name) {
        case 'row': {
          // Rows, not row numbers, are counted: one empty row numbered 300,000 is no reason to refuse.
          if (++count > ctx.maxRows) throw new StreamLimitError(ctx.name);
          const r = tag.attributes.r;
          rowIndex = r ? Number(r) - 1 : rowIndex + 1;
          row = [];
          col = -1;
          break;
        }
        case 'c': {
          const ref = tag.attributes.r;
          col = ref ? columnOf(ref) : col + 1;
          type = tag.attributes.t ?? 'n';
          style = Number(tag.attributes.s ?? 0);
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
          break;
        case 'mergeCell': {
          const range = decodeRange(tag.attributes.ref ?? '');
          if (range) merges.push(range);
          break;
        }
        default:
          if (inInline) inlineText.open(name);
      }
    },
    text: (t) => {
      if (into === 'v') value += t;
      else if (into === 'f') formula += t;
      else if (inInline) inlineText.text(t);
    },
    close: (name) => {
      switch (name) {
        case 'v':
        case 'f':
          into = null;
          break;
        case 'is':
          inInline = false;
          inline = inlineText.take();
          break;
        case 'c':
          if (row) row[col] = cellValue();
          break;
        case 'row':
          if (row) {
            for (let c = 0; c < row.length; c++) row[c] ??= null;
            keep(rowIndex, row);
            ctx.onRow();
          }
          row = null;
          break;
        default:
          if (inInline) inlineText.close(name);
      }
    },
  };
  const result = () => {
    if (ctx.onRows) {
      if (batch.rows.length) ctx.onRows(batch);
      return { rows, merges, length };
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return { rows, merges, length: rows.length };
  };
  return { on, result };
}

/** `file`: a path, or the file's bytes already read. */
export async function readStreaming(
  file: string | Buffer,
  options: {
    maxRows: number;
    hints: Record<number, { name: string; state: string }>;
    onProgress?: (rows: number) => void;
    /** Takes each sheet's rows as they are read (the sheet's place in `sheets`): the sheets then come without them, `rowCount` saying how many. */
    onRows?: (sheet: number, batch: RowBatch) => void;
    /** The rows sent so far of this sheet (its place in `sheets`) are void: it is read again from its start. */
    onRestart?: (sheet: number) => void;
    /** Told as each sheet is read to its end (its place in `sheets`, and the sheet, its rows sent ahead when `onRows` takes them). */
    onSheet?: (at: number, sheet: RawSheet) => void;
    /** The sheet read first, whatever its place (a returned export's manifest: small, and what the core compares the rows with is known from it). */
    first?: string;
  },
): Promise<RawBook> {
  const buf = typeof file === 'string' ? fs.readFileSync(file) : file;
  const entries = zipEntries(buf);
  /** A part inflated, never past the size its entry declares, its CRC checked (a ZipError says which and why). */
  const part = (name: string): Buffer | null => {
    const entry = entries.find((e) => e.name === name);
    return entry ? zipEntry(buf, entry, Infinity) : null;
  };
  const workbook = part('xl/workbook.xml');
  const { date1904, names } = workbook ? await readPart(whole(workbook), workbookFacts) : { date1904: false, names: {} };
  const stringsXml = part('xl/sharedStrings.xml');
  const strings = stringsXml ? await readPart(whole(stringsXml), sharedStrings) : [];
  const stylesXml = part('xl/styles.xml');
  const dateStyles = stylesXml ? await readPart(whole(stylesXml), dateStylesOf) : [];

  let read = 0;
  const onRow = () => {
    if (++read % 2000 === 0) options.onProgress?.(read);
  };
  const parts = entries
    .map((e) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name)?.[1]))
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const sheets: RawSheet[] = new Array(parts.length);
  const nameOf = (n: number) => options.hints[n]?.name ?? `Sheet${n}`;
  const first = parts.filter((n) => options.first !== undefined && nameOf(n) === options.first);
  for (const n of [...first, ...parts.filter((n) => !first.includes(n))]) {
    const name = nameOf(n);
    const entry = entries.find((e) => e.name === `xl/worksheets/sheet${n}.xml`)!;
    // Its place in the workbook, whichever was read first.
    const at = parts.indexOf(n);
    const onRows = options.onRows && ((batch: RowBatch) => options.onRows!(at, batch));
    const readBefore = read;
    // The sheet is parsed as it inflates: a year's sheet is never held whole (135 MB at 100,000 rows).
    // Read again by saxes where the scanner leaves it: the rows sent so far are taken back first.
    const again = () => {
      read = readBefore;
      options.onRestart?.(at);
    };
    const sheetContext = { name, maxRows: options.maxRows, strings, dateStyles, date1904, onRow, onRows };
    const { rows, merges, length } = await readPart((write) => eachEntryPiece(buf, entry, write), () => sheetCells(sheetContext), again);
    sheets[at] = { name, state: options.hints[n]?.state ?? 'visible', rows, merges, truncated: false, ...(onRows ? { rowCount: length } : {}) };
    options.onSheet?.(at, sheets[at]);
  }
  return { kind: 'xlsx', sheets, names };
}
