/**
 * Reading a spreadsheet someone returned or made: judged first by its bytes (empty,
 * not a spreadsheet, a Word file, truncated, a zip bomb, too big), then parsed in a
 * worker thread with limits on memory, rows and time (parse-worker.mjs): a returned
 * export row by row, anything else in full. Every refusal is an AppError('BAD_FILE')
 * with a Chinese message saying what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../shared/contract/errors.ts';
import { MANIFEST_SHEET } from '../manifest.ts';
import type { RowBatch } from './stream.ts';
import { DEFLATE_MAX_RATIO, localSize, zipEntries, zipEntry, ZipError, type ZipEntry } from './zip.ts';

export type RawCell = string | number | boolean | null;
export { UNREADABLE } from './marks.ts';

export interface RawRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface RawSheet {
  name: string;
  /** 'visible' | 'hidden' | 'veryHidden' */
  state: string;
  /** rows[r][c], 0-based (Excel row r + 1); dates as YYYY-MM-DD, or YYYY-MM where the cell's format shows only the month (dates.ts). */
  rows: RawCell[][];
  /** Merged ranges; the value is in the top-left cell. */
  merges: RawRange[];
  truncated: boolean;
  /** Only between the worker and the core: the sheet's rows were sent ahead in batches, this many in all. */
  rowCount?: number;
}

export interface RawBook {
  kind: BookKind;
  sheets: RawSheet[];
  /** Workbook-level defined names → their reference. */
  names: Record<string, string>;
  /** The bytes that were read: their SHA-256 and size (what an import records of its file). */
  file?: { hash: string; size: number };
  /** When the workbook was last saved, as its properties say (docProps/core.xml dcterms:modified, ISO); absent when not said. */
  savedAt?: string;
}

export interface ReadLimits {
  /** Bytes on disk. */
  maxFileBytes: number;
  /** Bytes the zip's entries declare, all together. */
  maxUnpackedBytes: number;
  maxRows: number;
  timeoutMs: number;
  /** The worker's heap, in MB: a file that needs more is refused, the core is not touched. */
  maxWorkerHeapMb: number;
}

export const defaultLimits: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUnpackedBytes: 1024 * 1024 * 1024,
  maxRows: 200_000,
  timeoutMs: 120_000,
  maxWorkerHeapMb: 1536,
};

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function bad(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('BAD_FILE', message, details);
}

const wan = (n: number) => (n >= 10_000 ? `${n / 10_000} 万` : String(n));

const decodeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Names and states of the sheets by their part's number (sheet3.xml → 3), from
 * workbook.xml and its relations: the streaming reader misses them when another
 * program wrote the relation targets differently (openpyxl writes "/xl/worksheets/…").
 */
function sheetHints(workbookXml: string, relsXml: string): Record<number, { name: string; state: string }> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target);
  }
  const out: Record<number, { name: string; state: string }> = {};
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const n = Number(/sheet(\d+)\.xml$/.exec(targets.get(rid ?? '') ?? '')?.[1]);
    if (name && n) out[n] = { name: decodeXml(name), state: /\bstate="([^"]*)"/.exec(m[0])?.[1] ?? 'visible' };
  }
  return out;
}

/** The read's kinds: the zips (.xlsx, .ods), the compound file (.xls), text (.csv). */
export type BookKind = 'xlsx' | 'xls' | 'ods' | 'csv';

/** How to turn a file we do not read into one we do, in each program the offices use. */
const SAVE_AS_XLSX = '请在 WPS 表格、Excel 或 LibreOffice 中打开它，用“文件 → 另存为”，文件类型选“Excel 工作簿（*.xlsx）”，再导入另存的文件。';

/** What to do with a damaged file: it is not the reader's to mend. */
const DAMAGED_ADVICE = '请向报送单位重新索取一份；如果只有这一份，可在 WPS 表格或 Excel 中打开（它们常能修复），另存为 .xlsx 后再导入。';

/** A size as a person reads it: 980 KB, 56 MB, 1.03 GB. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${Math.round(bytes / 1048576)} MB`;
  return `${Number((bytes / 1073741824).toFixed(2))} GB`;
}

/**
 * Whether a part inflating to `bytes` from `compressed` is a zip bomb rather than a large sheet:
 * more than the whole file may hold, or a big part that inflates a thousandfold (a sheet of
 * text inflates ten- to fiftyfold; only runs of one byte reach 1000:1).
 */
function isBomb(bytes: number, compressed: number, limits: ReadLimits): boolean {
  return bytes > limits.maxUnpackedBytes || (bytes > 50 * 1024 * 1024 && bytes / Math.max(1, compressed) > 1000);
}

const damaged = (name: string, file: string, what: string, details: Record<string, unknown> = {}) =>
  bad(`“${name}”文件已损坏（${what}），无法读取。可能是下载、复制或传输时出了错。${DAMAGED_ADVICE}`, { file, reason: 'corrupt', ...details });

/** Files other programs save that we do not read, known by their parts, with what they are called. */
function foreignZip(entries: ZipEntry[], mimetype: string): string | null {
  const has = (prefix: string) => entries.some((e) => e.name.startsWith(prefix));
  if (has('xl/workbook.bin')) return 'Excel 二进制工作簿（.xlsb）';
  if (has('Index/Document.iwa') || has('Index.zip') || has('index.xml')) return 'Apple Numbers 表格（.numbers）';
  if (has('word/')) return 'Word 文档';
  if (has('ppt/')) return 'PowerPoint 演示文稿';
  if (mimetype.includes('opendocument.text')) return 'OpenDocument 文字文档（.odt）';
  if (mimetype.includes('opendocument.presentation')) return 'OpenDocument 演示文稿（.odp）';
  return null;
}

/** The bytes of one small entry that judges the file (workbook.xml, mimetype…), its damage said plainly. */
function smallPart(buf: Buffer, entries: ZipEntry[], part: string, name: string, file: string): string {
  const entry = entries.find((e) => e.name === part);
  if (!entry) return '';
  try {
    return zipEntry(buf, entry).toString('utf8');
  } catch (e) {
    if (e instanceof ZipError) throw damaged(name, file, e.message, { detail: e.problem });
    throw e;
  }
}

/** What the bytes say before any parser sees them. */
function sniff(file: string, limits: ReadLimits): { kind: BookKind; mode: 'stream' | 'full'; hints?: Record<number, { name: string; state: string }>; savedAt?: string } {
  const name = path.basename(file);
  const ext = path.extname(file).toLowerCase();
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw bad(`找不到文件“${name}”，可能已被移动或删除。`, { file });
  }
  if (size === 0) throw bad(`“${name}”是空文件（0 字节），没有可导入的内容。`, { file, reason: 'empty' });
  if (size > limits.maxFileBytes) {
    throw bad(`“${name}”有 ${Math.round(size / 1048576)} MB，超过了 ${Math.round(limits.maxFileBytes / 1048576)} MB 的上限。请按单位拆分后分别导入。`, { file, reason: 'too-big' });
  }
  const head = Buffer.alloc(8);
  const fd = fs.openSync(file, 'r');
  fs.readSync(fd, head, 0, 8, 0);
  fs.closeSync(fd);
  if (head.equals(CFB)) return { kind: 'xls', mode: 'full' };
  if (!head.subarray(0, 4).equals(ZIP)) {
    const what = head.subarray(0, 4).toString('latin1') === '%PDF' ? 'PDF 文件' : head[0] === 0x89 && head[1] === 0x50 ? '图片' : null;
    // Text saved as .csv (or .tsv, .txt: Excel's "文本文件(制表符分隔)"): read as a table of text.
    if (!what && ['.csv', '.tsv', '.txt'].includes(ext)) return { kind: 'csv', mode: 'full' };
    const csv = what ? '' : '如果它是逗号或制表符分隔的文本表格，请把扩展名改为 .csv 再导入；否则';
    throw bad(`“${name}”不是 Excel 表格，而是${what ?? '文本或其他格式的文件'}。${csv}${SAVE_AS_XLSX}`, { file, reason: 'not-spreadsheet' });
  }
  const buf = fs.readFileSync(file);
  let entries: ZipEntry[];
  try {
    entries = zipEntries(buf);
  } catch (e) {
    if (e instanceof ZipError) throw damaged(name, file, `${e.message}，可能没有下载或复制完整`);
    throw e;
  }
  // A size in the directory that its local header does not repeat is a flipped byte, not a lie:
  // checked for the parts that could make the file look like a bomb.
  const misrecorded = entries.find((e) => e.size > 1024 * 1024 && (localSize(buf, e) ?? e.size) !== e.size);
  if (misrecorded) throw damaged(name, file, `压缩目录记录的“${misrecorded.name}”的大小与它的文件头不符`);
  const unpacked = entries.reduce((n, e) => n + e.size, 0);
  const biggest = entries.reduce((a, e) => (e.size > a.size ? e : a), entries[0] ?? { name: '', size: 0, compressedSize: 0 });
  // A size no deflate data can reach (over 1100 times its compressed size), recorded alike in both headers: a lie.
  const impossible = entries.find((e) => e.method === 8 && e.size > 1024 * 1024 && e.size / Math.max(1, e.compressedSize) > DEFLATE_MAX_RATIO);
  if (impossible) {
    throw bad(
      `“${name}”中的“${impossible.name}”声明解压后有 ${sizeText(impossible.size)}，而它的压缩数据只有 ${sizeText(impossible.compressedSize)}，这是任何正常压缩都做不到的，可能是恶意构造的文件，已拒绝读取。`,
      { file, reason: 'zip-bomb', unpackedBytes: impossible.size, part: impossible.name },
    );
  }
  if (unpacked > limits.maxUnpackedBytes || entries.some((e) => isBomb(e.size, e.compressedSize, limits))) {
    throw bad(
      `“${name}”只有 ${sizeText(size)}，解压后却有 ${sizeText(unpacked)}（其中“${biggest.name}”${sizeText(biggest.size)}），远大于正常表格，可能是恶意构造的文件，已拒绝读取。`,
      { file, reason: 'zip-bomb', unpackedBytes: unpacked, part: biggest.name },
    );
  }
  const mimetype = smallPart(buf, entries, 'mimetype', name, file).trim();
  if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') {
    // An .ods with a password has its parts encrypted, listed in its manifest.
    if (smallPart(buf, entries, 'META-INF/manifest.xml', name, file).includes('encryption-data')) {
      throw bad(`“${name}”设置了打开密码。请在 LibreOffice 或 WPS 中打开它、取消密码，另存为 .xlsx 后再导入。`, { file, reason: 'password' });
    }
    return { kind: 'ods', mode: 'full' };
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    const what = foreignZip(entries, mimetype);
    if (what?.includes('表格') || what?.includes('工作簿')) {
      throw bad(`“${name}”是 ${what}，本软件不能直接读取。${SAVE_AS_XLSX}`, { file, reason: 'foreign', format: what });
    }
    throw bad(`“${name}”不是 Excel 表格${what ? `，而是 ${what}` : ''}。请确认选择的是报表文件。`, { file, reason: 'not-spreadsheet' });
  }
  // A returned export carries its manifest sheet: read it row by row; any other file, or one
  // too large for an export, in full.
  const workbookXml = smallPart(buf, entries, 'xl/workbook.xml', name, file);
  const relsXml = smallPart(buf, entries, 'xl/_rels/workbook.xml.rels', name, file);
  // When it was last saved: what an import without our manifest knows of the file's age.
  let savedAt: string | undefined;
  try {
    const modified = /<dcterms:modified\b[^>]*>([^<]+)</.exec(smallPart(buf, entries, 'docProps/core.xml', name, file))?.[1]?.trim();
    if (modified && !Number.isNaN(Date.parse(modified))) savedAt = new Date(Date.parse(modified)).toISOString();
  } catch {
    // A damaged properties part says nothing of the sheets: the file is read without its saved time.
  }
  const exportLike = workbookXml.includes(`name="${MANIFEST_SHEET}"`) && unpacked < 400 * 1024 * 1024 && (entries.find((e) => e.name === 'xl/sharedStrings.xml')?.size ?? 0) < 50 * 1024 * 1024;
  return { kind: 'xlsx', mode: exportLike ? 'stream' : 'full', hints: sheetHints(workbookXml, relsXml), ...(savedAt ? { savedAt } : {}) };
}

/** What the worker measured of a part that inflated past its declared size (parse-worker.mjs). */
export interface Overflow {
  part: string;
  declared: number;
  compressed: number;
  /** What it inflates to, or null when its deflate data broke first (damage). */
  bytes: number | null;
  /** False when counting stopped at the ceiling: it inflates to at least `bytes`. */
  complete: boolean;
}

type Reply =
  | { id: number; type: 'progress'; rows: number }
  | { id: number; type: 'rows'; sheet: number; batch: RowBatch }
  | { id: number; type: 'restart'; sheet: number }
  | { id: number; type: 'sheet'; sheet: number; name: string; state: string; rowCount: number }
  | { id: number; type: 'done'; book: RawBook }
  | { id: number; type: 'error'; code: string; detail: string; overflow?: Overflow };

/** A sheet's rows put together from its batches, as `readSheet` returns them when it keeps them: every row up to its last, an empty one where none was written. */
export function rowsFromBatches(batches: readonly RowBatch[], length: number): RawCell[][] {
  const rows: RawCell[][] = new Array(length);
  for (const b of batches) for (let i = 0; i < b.indexes.length; i++) rows[b.indexes[i]!] = b.rows[i]!;
  for (let r = 0; r < length; r++) rows[r] ??= [];
  return rows;
}

/** Texts up to this long are kept once however often cells repeat them (是, 否, 党支部, a township's name, a date). */
const SHARED_TEXT_CHARS = 24;

/**
 * A message's strings arrive as copies of their own, one per cell, though the worker read each
 * repeated text once: the texts of the batches, kept once as they arrive (while the worker reads
 * on), so a year's 是 and 否 are two strings, not a million.
 */
function shortTexts(): { share(batch: RowBatch): void } {
  const seen = new Map<string, string>();
  return {
    share(batch) {
      for (const row of batch.rows) {
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (typeof v !== 'string' || v.length > SHARED_TEXT_CHARS) continue;
          const kept = seen.get(v);
          if (kept === undefined) seen.set(v, v);
          else row[c] = kept;
        }
      }
    },
  };
}

/** What a read tells as it goes. */
export interface ReadEvents {
  /** Rows read so far. */
  onProgress?: (rows: number) => void;
  /** A returned export's sheets as each is read to its end, its manifest first (rows only: no merges), while the rest is still being read. */
  onSheet?: (sheet: RawSheet) => void;
  /**
   * A returned export's rows as they arrive, of whichever sheet, while the rest is still being read:
   * the same cell arrays the book's sheets hold at the end. Rows of a sheet read again from its start
   * (a restart) come again as new arrays.
   */
  onRows?: (batch: RowBatch) => void;
}

/** Rows read past which the worker is not kept for the next file (starting one costs ~0.1 s; a 10,000-row return is kept). */
const BIG_READ_ROWS = 30_000;

/** Reads files in one worker thread, kept between files and replaced after a failure. */
export class SpreadsheetReader {
  private worker: Worker | null = null;
  private next = 1;
  private readonly script: string;
  private readonly limits: ReadLimits;

  constructor(options: { workerScript?: string; limits?: Partial<ReadLimits> } = {}) {
    this.script = options.workerScript ?? fileURLToPath(new URL('./parse-worker.mjs', import.meta.url));
    this.limits = { ...defaultLimits, ...options.limits };
  }

  private start(): Worker {
    if (!this.worker) {
      // A young generation of 32 MB: reading makes short-lived garbage fast, and V8's default
      // for a worker let it grow ~90 MB more for a 10,000-row file, no faster.
      this.worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxWorkerHeapMb, maxYoungGenerationSizeMb: 32 } });
      this.worker.unref();
    }
    return this.worker;
  }

  private stop(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  /** The reads asked for, one after another: a read's time limit starts when its turn comes. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Reads a file; `on` hears of it as it goes (ReadEvents). The book comes whole all the same. */
  read(file: string, on: ReadEvents = {}): Promise<RawBook> {
    const turn = this.queue.then(() => this.readNow(file, on));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async readNow(file: string, { onProgress, onSheet, onRows }: ReadEvents): Promise<RawBook> {
    const { kind, mode, hints, savedAt } = sniff(file, this.limits);
    const name = path.basename(file);
    const worker = this.start();
    const id = this.next++;
    const book = await new Promise<RawBook>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('messageerror', onError);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        done();
        this.stop();
        reject(bad(`读取“${name}”超过 ${Math.round(this.limits.timeoutMs / 1000)} 秒仍未完成，已停止。文件可能过大或结构异常，请拆分后再导入。`, { file, reason: 'timeout' }));
      }, this.limits.timeoutMs);
      // A returned export's rows come in batches while the worker reads on: taken here meanwhile,
      // not all in one message at the end (which the core would unpack alone, the worker idle).
      const batches = new Map<number, RowBatch[]>();
      const texts = shortTexts();
      /** Sheets put together as they ended, for `onSheet`. */
      const ended = new Map<number, RawCell[][]>();
      const onMessage = (m: Reply) => {
        if (m.id !== id) return;
        if (m.type === 'progress') return onProgress?.(m.rows);
        if (m.type === 'rows') {
          texts.share(m.batch);
          (batches.get(m.sheet) ?? batches.set(m.sheet, []).get(m.sheet)!).push(m.batch);
          onRows?.(m.batch);
          return;
        }
        if (m.type === 'restart') {
          batches.delete(m.sheet);
          return;
        }
        if (m.type === 'sheet') {
          if (!onSheet) return;
          const rows = rowsFromBatches(batches.get(m.sheet) ?? [], m.rowCount);
          ended.set(m.sheet, rows);
          batches.delete(m.sheet);
          onSheet({ name: m.name, state: m.state, rows, merges: [], truncated: false });
          return;
        }
        done();
        if (m.type === 'done') {
          m.book.sheets.forEach((sheet, i) => {
            if (sheet.rowCount === undefined) return;
            sheet.rows = ended.get(i) ?? rowsFromBatches(batches.get(i) ?? [], sheet.rowCount);
            delete sheet.rowCount;
          });
          return resolve(m.book);
        }
        reject(translate(m.code, m.detail, name, file, this.limits, m.overflow));
      };
      const onError = (e: Error) => {
        done();
        this.stop();
        const oom = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
        reject(oom ? bad(`“${name}”需要的内存超出上限，已停止读取。请拆分后再导入。`, { file, reason: 'memory' }) : translate('CORRUPT', e.message, name, file, this.limits));
      };
      const onExit = () => {
        done();
        // Only this worker is gone: a newer one, started after a timeout, keeps serving.
        if (this.worker === worker) this.worker = null;
        reject(bad(`读取“${name}”时读取程序意外退出，文件可能已损坏。`, { file, reason: 'crash' }));
      };
      worker.on('message', onMessage);
      worker.on('messageerror', onError);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, file, kind, mode, maxRows: this.limits.maxRows, maxUnpackedBytes: this.limits.maxUnpackedBytes, hints: hints ?? {}, first: MANIFEST_SHEET });
    });
    // A big read leaves the worker's heap grown (the file's strings, garbage an idle thread never
    // collects): the worker goes, and its memory back to the system, before the import's analysis peaks.
    if (book.sheets.reduce((n, s) => n + s.rows.length, 0) > BIG_READ_ROWS) this.stop();
    const long = book.sheets.find((s) => s.truncated && s.state === 'visible');
    if (long) throw translate('ROWS', long.name, name, file, this.limits);
    return savedAt ? { ...book, savedAt } : book;
  }

  close(): void {
    this.stop();
  }
}

function translate(code: string, detail: string, name: string, file: string, limits: ReadLimits, overflow?: Overflow): AppError {
  const ext = path.extname(name).toLowerCase();
  switch (code) {
    case 'PASSWORD':
      return bad(`“${name}”设置了打开密码。请在 Excel 或 WPS 中打开它、取消密码并保存后再导入。`, { file, reason: 'password', detail });
    case 'NOT_SPREADSHEET':
      // A compound file that is not an .xls: a WPS .et (its own format), or a Word or other Office file.
      if (ext === '.et' || ext === '.ett') return bad(`“${name}”是 WPS 表格自己的格式（.et），本软件不能直接读取。${SAVE_AS_XLSX}`, { file, reason: 'foreign', detail });
      return bad(`“${name}”不是 Excel 表格（可能是 Word 或其他 Office 文件）。`, { file, reason: 'not-spreadsheet', detail });
    case 'ROWS':
      return bad(`“${name}”的工作表“${detail}”超过 ${wan(limits.maxRows)} 行，不像一份台账。请检查是否选错了文件，或拆分后再导入。`, { file, sheet: detail, reason: 'too-many-rows' });
    case 'OVERFLOW': {
      // Inflated past its declared size: valid deflate data that multiplies a thousandfold is a bomb in disguise; anything else is damage.
      if (overflow?.bytes != null && isBomb(overflow.bytes, overflow.compressed, limits)) {
        const real = `${overflow.complete ? '' : '超过 '}${sizeText(overflow.bytes)}`;
        return bad(
          `“${name}”中的“${overflow.part}”声明解压后只有 ${sizeText(overflow.declared)}，实际解压后${overflow.complete ? '有 ' : ''}${real}（压缩时仅 ${sizeText(overflow.compressed)}），可能是恶意构造的文件，已拒绝读取。`,
          { file, reason: 'zip-bomb', detail: overflow.part, unpackedBytes: overflow.bytes },
        );
      }
      return damaged(name, file, `“${overflow?.part ?? detail}”的压缩数据已损坏`, { detail });
    }
    case 'DAMAGED':
      return damaged(name, file, detail, { detail });
    default:
      if (ext === '.et' || ext === '.ett') return bad(`“${name}”是 WPS 表格自己的格式（.et），本软件不能直接读取。${SAVE_AS_XLSX}`, { file, reason: 'foreign', detail });
      return damaged(name, file, '其中的表格内容无法解析', { detail });
  }
}
