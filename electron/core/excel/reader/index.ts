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
import { zipEntries, zipEntry, ZipError } from './zip.ts';

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
}

export interface RawBook {
  kind: 'xlsx' | 'xls';
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

/** What the bytes say before any parser sees them. */
function sniff(file: string, limits: ReadLimits): { kind: 'xlsx' | 'xls'; mode: 'stream' | 'full'; hints?: Record<number, { name: string; state: string }>; savedAt?: string } {
  const name = path.basename(file);
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
    const what = head.subarray(0, 4).toString('latin1') === '%PDF' ? 'PDF 文件' : head[0] === 0x89 && head[1] === 0x50 ? '图片' : '文本或其他格式的文件';
    throw bad(`“${name}”不是 Excel 表格，而是${what}。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。`, { file, reason: 'not-spreadsheet' });
  }
  const buf = fs.readFileSync(file);
  let entries;
  try {
    entries = zipEntries(buf);
  } catch (e) {
    if (e instanceof ZipError) throw bad(`“${name}”不完整或已损坏（${e.message}），可能没有下载或复制完整。请向报送单位重新索取。`, { file, reason: 'corrupt' });
    throw e;
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    const word = entries.some((e) => e.name.startsWith('word/'));
    throw bad(`“${name}”不是 Excel 表格${word ? '，而是 Word 文档' : ''}。请确认选择的是报表文件。`, { file, reason: 'not-spreadsheet' });
  }
  const unpacked = entries.reduce((n, e) => n + e.size, 0);
  if (unpacked > limits.maxUnpackedBytes || entries.some((e) => e.size > 50 * 1024 * 1024 && e.size / Math.max(1, e.compressedSize) > 1000)) {
    throw bad(`“${name}”解压后有 ${Math.round(unpacked / 1048576)} MB，远大于正常表格，可能是恶意构造的文件，已拒绝读取。`, { file, reason: 'zip-bomb' });
  }
  // A returned export carries its manifest sheet: read it row by row; any other file, or one
  // too large for an export, in full.
  let workbookXml: string;
  let relsXml = '';
  try {
    workbookXml = zipEntry(buf, entries.find((e) => e.name === 'xl/workbook.xml')!).toString('utf8');
    const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
    if (rels) relsXml = zipEntry(buf, rels).toString('utf8');
  } catch {
    throw bad(`“${name}”已损坏，无法读出其中的工作表。`, { file, reason: 'corrupt' });
  }
  // When it was last saved: what an import without our manifest knows of the file's age.
  let savedAt: string | undefined;
  const core = entries.find((e) => e.name === 'docProps/core.xml');
  try {
    const modified = core ? /<dcterms:modified\b[^>]*>([^<]+)</.exec(zipEntry(buf, core).toString('utf8'))?.[1]?.trim() : undefined;
    if (modified && !Number.isNaN(Date.parse(modified))) savedAt = new Date(Date.parse(modified)).toISOString();
  } catch {
    // A damaged properties part says nothing of the sheets: the file is read without its saved time.
  }
  const exportLike = workbookXml.includes(`name="${MANIFEST_SHEET}"`) && unpacked < 400 * 1024 * 1024 && (entries.find((e) => e.name === 'xl/sharedStrings.xml')?.size ?? 0) < 50 * 1024 * 1024;
  return { kind: 'xlsx', mode: exportLike ? 'stream' : 'full', hints: sheetHints(workbookXml, relsXml), ...(savedAt ? { savedAt } : {}) };
}

type Reply = { id: number; type: 'progress'; rows: number } | { id: number; type: 'done'; book: RawBook } | { id: number; type: 'error'; code: string; detail: string };

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

  read(file: string, onProgress?: (rows: number) => void): Promise<RawBook> {
    const turn = this.queue.then(() => this.readNow(file, onProgress));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async readNow(file: string, onProgress?: (rows: number) => void): Promise<RawBook> {
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
      const onMessage = (m: Reply) => {
        if (m.id !== id) return;
        if (m.type === 'progress') return onProgress?.(m.rows);
        done();
        if (m.type === 'done') return resolve(m.book);
        reject(translate(m.code, m.detail, name, file, this.limits));
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
      worker.postMessage({ id, file, kind, mode, maxRows: this.limits.maxRows, hints: hints ?? {} });
    });
    const long = book.sheets.find((s) => s.truncated && s.state === 'visible');
    if (long) throw translate('ROWS', long.name, name, file, this.limits);
    return savedAt ? { ...book, savedAt } : book;
  }

  close(): void {
    this.stop();
  }
}

function translate(code: string, detail: string, name: string, file: string, limits: ReadLimits): AppError {
  switch (code) {
    case 'PASSWORD':
      return bad(`“${name}”设置了打开密码。请在 Excel 或 WPS 中打开它、取消密码并保存后再导入。`, { file, reason: 'password', detail });
    case 'NOT_SPREADSHEET':
      return bad(`“${name}”不是 Excel 表格（可能是 Word 或其他 Office 文件）。`, { file, reason: 'not-spreadsheet', detail });
    case 'ROWS':
      return bad(`“${name}”的工作表“${detail}”超过 ${wan(limits.maxRows)} 行，不像一份台账。请检查是否选错了文件，或拆分后再导入。`, { file, sheet: detail, reason: 'too-many-rows' });
    case 'BOMB':
      return bad(`“${name}”中的“${detail}”解压后远大于它声明的大小，可能是恶意构造的文件，已拒绝读取。`, { file, reason: 'zip-bomb', detail });
    default:
      return bad(`“${name}”已损坏或不是有效的 Excel 文件，无法读取。请在 Excel 或 WPS 中打开检查后另存一份再导入。`, { file, reason: 'corrupt', detail });
  }
}
