// @ts-check
/**
 * Reads a spreadsheet into plain rows, in a worker thread: a big or hostile file costs
 * this thread, never the core's (which the window waits on), and the core can stop it
 * at a time limit or a memory limit. Two ways:
 * - 'stream': a returned export, row by row (stream.ts, loaded as it is: Node strips
 *   its types; bundled in the packaged app);
 * - 'full': anything else with SheetJS (@e965/xlsx, pinned 0.20.3), which reads
 *   hand-made files and .xls and gives the merged ranges their layouts need.
 * Plain JavaScript, so the same file runs under the tests, the CLI and the packaged app.
 *
 * One worker serves file after file (loading the readers costs more than a small file):
 * in:  { id, file, kind: 'xlsx' | 'xls', mode: 'stream' | 'full', maxRows, hints }
 * out: { id, type: 'progress', rows }…, then { id, type: 'done', book } or { id, type: 'error', code, detail }
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';

/** @typedef {string | number | boolean | null} RawCell */
/** @typedef {{ s: { r: number, c: number }, e: { r: number, c: number } }} Range */
/** @typedef {{ name: string, state: string, rows: RawCell[][], merges: Range[], truncated: boolean }} RawSheet */

/** As UNREADABLE in index.ts (this plain script cannot import it). */
const UNREADABLE = '\u001b';

const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');

/** A spreadsheet date (UTC midnight in both readers) as YYYY-MM-DD, rounded to the second first. */
function dateText(/** @type {Date} */ raw) {
  const d = new Date(Math.round(raw.getTime() / 1000) * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

async function readFull(/** @type {Buffer} */ bytes, /** @type {'xlsx' | 'xls'} */ kind, /** @type {number} */ maxRows) {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.read(bytes, {
    type: 'buffer',
    cellDates: true,
    dense: true,
    // One row more than allowed tells us the sheet goes on.
    sheetRows: maxRows + 1,
    cellFormula: true,
    // A formula saved without its result comes only as a stub (t 'z' with its formula): kept, to be reported.
    sheetStubs: true,
    cellHTML: false,
    cellStyles: false,
    bookVBA: false,
  });
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
        else out[c] = cell.v instanceof Date ? dateText(cell.v) : cell.v;
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
async function readExport(/** @type {Buffer} */ bytes, /** @type {number} */ maxRows, /** @type {Record<number, { name: string, state: string }>} */ hints, /** @type {(rows: number) => void} */ onProgress) {
  const { readStreaming } = await import('./stream.ts');
  return readStreaming(bytes, { maxRows, hints, onProgress });
}

parentPort?.on('message', async (/** @type {{ id: number, file: string, kind: 'xlsx' | 'xls', mode: 'stream' | 'full', maxRows: number, hints: Record<number, { name: string, state: string }> }} */ job) => {
  const { id, file, kind, mode, maxRows, hints } = job;
  try {
    const progress = (/** @type {number} */ rows) => parentPort?.postMessage({ id, type: 'progress', rows });
    // Read once: the bytes parsed are the bytes the import records (hash and size).
    const bytes = fs.readFileSync(file);
    const book = mode === 'stream' ? await readExport(bytes, maxRows, hints, progress) : await readFull(bytes, kind, maxRows);
    book.file = { hash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    parentPort?.postMessage({ id, type: 'done', book });
  } catch (e) {
    // SheetJS sometimes throws a bare string ("XLS Record 0x0 Truncated: …").
    const detail = e instanceof Error ? e.message : String(e);
    // ROWS and BOMB from stream.ts, NOT_SPREADSHEET from readFull, else what the message says.
    const code = /** @type {{ code?: string }} */ (e)?.code ?? (/password-protected|Encryption scheme|Password is incorrect/i.test(detail) ? 'PASSWORD' : 'CORRUPT');
    const sheet = /** @type {{ sheet?: string }} */ (e)?.sheet;
    parentPort?.postMessage({ id, type: 'error', code, detail: sheet ?? detail });
  }
});
