// @ts-check
/**
 * Reads a spreadsheet into plain rows, in a worker thread: a big or hostile file costs
 * this thread, never the core's (which the window waits on), and the core can stop it
 * at a time limit or a memory limit. Two ways:
 * - 'stream': a returned export, row by row (stream.ts, loaded as it is: Node strips
 *   its types; bundled in the packaged app);
 * - 'full': anything else with SheetJS (@e965/xlsx, pinned 0.20.3), which reads
 *   hand-made files, .xls and LibreOffice's .ods and gives the merged ranges their layouts
 *   need; a zip unpacked by zip.ts first (sizes and CRC checked: SheetJS checks neither);
 *   a .csv by csv.ts.
 * Both read a date cell by one rule (dates.ts): as far as its format shows it, a day or only
 * the month, and a number typed into it as that number.
 * Plain JavaScript, so the same file runs under the tests, the CLI and the packaged app.
 *
 * One worker serves file after file (loading the readers costs more than a small file):
 * in:  { id, file, kind: 'xlsx' | 'xls' | 'ods' | 'csv', mode: 'stream' | 'full', maxRows, maxUnpackedBytes, hints, first? }
 * out: { id, type: 'progress', rows }…, { id, type: 'rows', sheet, batch }…, { id, type: 'restart', sheet }…, { id, type: 'sheet', sheet, name, state, rowCount }…, then { id, type: 'done', book } or { id, type: 'error', code, detail, overflow? }
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { readCsv } from './csv.ts';
import { BUILTIN_DATE_FORMATS, dateCellValue, dateReading } from './dates.ts';
import { inflatedSize, zipEntries, zipEntry, ZipError } from './zip.ts';

/** @typedef {string | number | boolean | null} RawCell */
/** @typedef {{ s: { r: number, c: number }, e: { r: number, c: number } }} Range */
/** @typedef {{ name: string, state: string, rows: RawCell[][], merges: Range[], truncated: boolean }} RawSheet */

/** As UNREADABLE in index.ts (this plain script cannot import it). */
const UNREADABLE = '\u001b';

/** The East Asian built-in formats, which SheetJS knows only as m/d/yy and h:mm:ss (dates.ts has them as Chinese Excel and WPS show them). */
const EAST_ASIAN = Object.entries(BUILTIN_DATE_FORMATS).filter(([id]) => (+id >= 27 && +id <= 36) || (+id >= 50 && +id <= 58));

const escapeXml = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * styles.xml with the East Asian built-in formats written in, before the file's own formats
 * (so one the file defines still wins): a file names them by id alone, and SheetJS would give a
 * cell that shows 2024年3月 the format m/d/yy, taking the month for a day.
 */
function withEastAsianFormats(/** @type {string} */ xml) {
  const defs = EAST_ASIAN.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('');
  const at = (/** @type {RegExpExecArray} */ m) => m.index + m[0].length;
  const numFmts = /<(?:\w+:)?numFmts\b[^>]*?(\/?)>/.exec(xml);
  if (numFmts && !numFmts[1]) return xml.slice(0, at(numFmts)) + defs + xml.slice(at(numFmts));
  if (numFmts) return `${xml.slice(0, numFmts.index)}<numFmts>${defs}</numFmts>${xml.slice(at(numFmts))}`;
  const sheet = /<(?:\w+:)?styleSheet\b[^>]*>/.exec(xml);
  return sheet ? `${xml.slice(0, at(sheet))}<numFmts>${defs}</numFmts>${xml.slice(at(sheet))}` : xml;
}

/** How a number format reads a date (dates.ts), worked out once per format. */
const readings = new Map();
function readingOf(/** @type {unknown} */ format) {
  if (typeof format !== 'string') return null;
  let r = readings.get(format);
  if (r === undefined) readings.set(format, (r = dateReading(format)));
  return r;
}

async function readFull(/** @type {Buffer} */ bytes, /** @type {'xlsx' | 'xls' | 'ods'} */ kind, /** @type {number} */ maxRows) {
  const XLSX = await import('@e965/xlsx');
  /** @type {import('@e965/xlsx').ParsingOptions} */
  const options = {
    type: 'buffer',
    // Numbers as they are, with their formats: dates.ts decides what a date cell shows (a day,
    // or only a month) and keeps a number the unit typed into one (2024.3) as that number.
    cellDates: false,
    cellNF: true,
    dense: true,
    // One row more than allowed tells us the sheet goes on.
    sheetRows: maxRows + 1,
    cellFormula: true,
    // A formula saved without its result comes only as a stub (t 'z' with its formula): kept, to be reported.
    sheetStubs: true,
    cellHTML: false,
    cellStyles: false,
    bookVBA: false,
  };
  /** @type {import('@e965/xlsx').WorkBook} */
  let wb;
  if (kind === 'xlsx' || kind === 'ods') {
    // Unpacked here, each part checked against its size and CRC (zip.ts), then parsed as
    // XLSX.read parses a zip (parse_zip: exported, though its types leave it out), an .xlsx
    // with the East Asian formats written into its styles.
    const parseZip = /** @type {(zip: unknown, options: import('@e965/xlsx').ParsingOptions) => import('@e965/xlsx').WorkBook} */ (Reflect.get(XLSX, 'parse_zip'));
    const zip = XLSX.CFB.utils.cfb_new();
    for (const entry of zipEntries(bytes)) {
      if (entry.name.endsWith('/')) continue;
      let content = zipEntry(bytes, entry, Infinity);
      if (kind === 'xlsx' && entry.name === 'xl/styles.xml') content = Buffer.from(withEastAsianFormats(content.toString('utf8')), 'utf8');
      XLSX.CFB.utils.cfb_add(zip, entry.name, content, { unsafe: true });
    }
    // SheetJS writes its doubts about an .ods's number formats to the console ("ODS number format
    // may be incorrect"), in English, under the CLI's output: the cells are read all the same.
    const say = console.error;
    console.error = () => {};
    try {
      wb = parseZip(zip, options);
    } finally {
      console.error = say;
    }
  } else {
    // SheetJS keeps its format table between .xls files (each file's own formats are loaded over it).
    for (const [id, code] of EAST_ASIAN) XLSX.SSF.load(code, +id);
    wb = XLSX.read(bytes, options);
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  if (kind === 'xls' && wb.bookType !== undefined && wb.bookType !== 'xls') throw Object.assign(new Error(`bookType ${wb.bookType}`), { code: 'NOT_SPREADSHEET' });
  const meta = wb.Workbook?.Sheets ?? [];
  const states = ['visible', 'hidden', 'veryHidden'];
  /** @type {RawSheet[]} */
  const sheets = wb.SheetNames.map((name, i) => {
    const ws = wb.Sheets[name];
    const data = /** @type {any[][]} */ (ws?.['!data'] ?? []);
    /** @type {RawCell[][]} */
    const rows = [];
    let last = 0;
    for (let r = 0; r < data.length && r < maxRows; r++) {
      const src = data[r] ?? [];
      const out = new Array(src.length).fill(null);
      for (let c = 0; c < src.length; c++) {
        const cell = src[c];
        if (!cell) continue;
        if (cell.t === 'z') {
          if (!cell.f) continue;
          out[c] = `${UNREADABLE}=${cell.f}`;
          last = r + 1;
          continue;
        }
        // An error value and a formula saved without its result are marked (UNREADABLE in
        // index.ts, the escape character): the import reports them rather than read them as empty.
        if (cell.t === 'e') out[c] = `${UNREADABLE}${cell.w ?? '#VALUE!'}`;
        else if (cell.v === undefined) out[c] = cell.f ? `${UNREADABLE}=${cell.f}` : null;
        else if (cell.t === 'n') {
          const reading = readingOf(cell.z);
          out[c] = reading ? dateCellValue(cell.v, reading, date1904) : cell.v;
        } else out[c] = cell.v;
        if (out[c] !== '') last = r + 1;
      }
      rows.push(out);
    }
    rows.length = last;
    const merges = /** @type {Range[]} */ ((ws?.['!merges'] ?? []).filter((/** @type {Range} */ m) => m.s.r < rows.length));
    return { name, state: states[meta[i]?.Hidden ?? 0] ?? 'visible', rows, merges, truncated: data.length > maxRows };
  });
  /** @type {Record<string, string>} */
  const names = {};
  for (const n of wb.Workbook?.Names ?? []) if (n.Sheet === undefined) names[n.Name] = n.Ref;
  return { kind, sheets, names };
}

/** A returned export, row by row (stream.ts). */
async function readExport(
  /** @type {Buffer} */ bytes,
  /** @type {number} */ maxRows,
  /** @type {Record<number, { name: string, state: string }>} */ hints,
  /** @type {(rows: number) => void} */ onProgress,
  /** @type {(sheet: number, batch: import('./stream.ts').RowBatch) => void} */ onRows,
  /** @type {(at: number, sheet: RawSheet & { rowCount?: number }) => void} */ onSheet,
  /** @type {(sheet: number) => void} */ onRestart,
  /** @type {string | undefined} */ first,
) {
  const { readStreaming } = await import('./stream.ts');
  return readStreaming(bytes, { maxRows, hints, onProgress, onRows, onSheet, onRestart, ...(first ? { first } : {}) });
}

/**
 * A part that inflated past its declared size, measured to its end (or to the ceiling): what
 * the core needs to tell a bomb, which it names with its real size, from damage.
 */
async function overflowFacts(/** @type {Buffer} */ bytes, /** @type {string} */ part, /** @type {number} */ maxUnpackedBytes) {
  const entry = zipEntries(bytes).find((e) => e.name === part);
  if (!entry) return undefined;
  // Counted up to four times what a whole file may unpack to (a few seconds at most).
  const measured = await inflatedSize(bytes, entry, 4 * maxUnpackedBytes).catch(() => null);
  return { part, declared: entry.size, compressed: entry.compressedSize, bytes: measured?.bytes ?? null, complete: measured?.complete ?? false };
}

parentPort?.on('message', async (/** @type {{ id: number, file: string, kind: 'xlsx' | 'xls' | 'ods' | 'csv', mode: 'stream' | 'full', maxRows: number, maxUnpackedBytes: number, hints: Record<number, { name: string, state: string }>, first?: string }} */ job) => {
  const { id, file, kind, mode, maxRows, maxUnpackedBytes, hints, first } = job;
  /** @type {Buffer | null} */
  let bytes = null;
  try {
    const progress = (/** @type {number} */ rows) => parentPort?.postMessage({ id, type: 'progress', rows });
    // A returned export's rows go to the core as they are read: it unpacks them while this thread reads on.
    const rows = (/** @type {number} */ sheet, /** @type {import('./stream.ts').RowBatch} */ batch) => parentPort?.postMessage({ id, type: 'rows', sheet, batch });
    // Each sheet's end, its rows sent ahead: the core may start on it (the manifest, read first) while the rest is read.
    const sheetRead = (/** @type {number} */ sheet, /** @type {RawSheet & { rowCount?: number }} */ s) =>
      parentPort?.postMessage({ id, type: 'sheet', sheet, name: s.name, state: s.state, rowCount: s.rowCount ?? 0 });
    // A sheet read again from its start (by saxes, where the scanner left it): its rows sent so far are void.
    const restart = (/** @type {number} */ sheet) => parentPort?.postMessage({ id, type: 'restart', sheet });
    // Read once: the bytes parsed are the bytes the import records (hash and size).
    bytes = fs.readFileSync(file);
    const book =
      mode === 'stream' ? await readExport(bytes, maxRows, hints, progress, rows, sheetRead, restart, first) : kind === 'csv' ? readCsv(bytes, path.basename(file, path.extname(file)), maxRows) : await readFull(bytes, kind, maxRows);
    book.file = { hash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    parentPort?.postMessage({ id, type: 'done', book });
  } catch (e) {
    if (e instanceof ZipError) {
      if (e.problem === 'overflow' && bytes && e.entry) {
        parentPort?.postMessage({ id, type: 'error', code: 'OVERFLOW', detail: e.entry, overflow: await overflowFacts(bytes, e.entry, maxUnpackedBytes) });
      } else parentPort?.postMessage({ id, type: 'error', code: e.problem === 'encrypted' ? 'PASSWORD' : 'DAMAGED', detail: e.message });
      return;
    }
    // SheetJS sometimes throws a bare string ("XLS Record 0x0 Truncated: …").
    const detail = e instanceof Error ? e.message : String(e);
    // ROWS from stream.ts, NOT_SPREADSHEET from readFull, else what the message says.
    // A compound file without a workbook stream is another program's file (Word, a WPS .et), not a damaged one.
    const code =
      /** @type {{ code?: string }} */ (e)?.code ??
      (/password-protected|Encryption scheme|Password is incorrect/i.test(detail) ? 'PASSWORD' : /Cannot find Workbook stream/i.test(detail) ? 'NOT_SPREADSHEET' : 'CORRUPT');
    const sheet = /** @type {{ sheet?: string }} */ (e)?.sheet;
    parentPort?.postMessage({ id, type: 'error', code, detail: sheet ?? detail });
  }
});
