/**
 * Two fixes to ExcelJS 4.4.0's streaming writer, which the official tables need
 * (found by the export spike; exceljs is pinned, so these are checked by tests that
 * read the files back with openpyxl):
 * - its worksheet commit writes sheetProtection after mergeCells and dataValidations,
 *   out of the order the schema requires (Excel then reports a damaged file, exceljs
 *   PR #2685), and never writes <printOptions> (horizontally centred printing);
 * - it has no backpressure: rows pile up, uncompressed, in the zip stream's buffer
 *   unless the writer yields now and then.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

interface StreamingSheet {
  committed: boolean;
  _rows: unknown[] | null;
  startedData: boolean;
  stream: { write(s: string): void; end(): void };
  pageSetup: unknown;
  _sheetCommentsWriter: { commit(): void };
  _sheetRelsWriter: { commit(): void };
  _writeRow(row: unknown): void;
  _writeOpenSheetData(): void;
  _writeCloseSheetData(): void;
  _writeSheetProtection(): void;
  _writeAutoFilter(): void;
  _writeMergeCells(): void;
  _writeConditionalFormatting(): void;
  _writeDataValidations(): void;
  _writeHyperlinks(): void;
  _writePageMargins(): void;
  _writePageSetup(): void;
  _writeHeaderFooter(): void;
  _writeRowBreaks(): void;
  _writeLegacyData(): void;
  _writeBackground(): void;
  _writeCloseWorksheet(): void;
}

interface PrintSetup {
  showRowColHeaders?: boolean;
  showGridLines?: boolean;
  horizontalCentered?: boolean;
  verticalCentered?: boolean;
}

/** <printOptions> as ExcelJS's own xform writes it for a workbook it saves whole. */
function printOptionsXml(setup: PrintSetup | undefined): string {
  const attrs = [
    ['headings', setup?.showRowColHeaders],
    ['gridLines', setup?.showGridLines],
    ['horizontalCentered', setup?.horizontalCentered],
    ['verticalCentered', setup?.verticalCentered],
  ].filter(([, on]) => on).map(([name]) => ` ${name}="1"`);
  return attrs.length ? `<printOptions${attrs.join('')}/>` : '';
}

const patched = new WeakSet<object>();

/**
 * Patches the worksheet writer class of `sheet`, before anything is committed. The
 * class is taken from the sheet itself, not required by path: the packaged app bundles
 * its own ExcelJS, and tests load a fresh copy (exceljs.ts); a path would find another.
 */
export function patchStreamingWorksheet(sheet: unknown): void {
  const proto = Object.getPrototypeOf(sheet) as { commit(this: StreamingSheet): void };
  if (patched.has(proto)) return;
  patched.add(proto);
  proto.commit = function commit(this: StreamingSheet) {
    if (this.committed) return;
    for (const row of this._rows ?? []) if (row) this._writeRow(row);
    this._rows = null;
    if (!this.startedData) this._writeOpenSheetData();
    this._writeCloseSheetData();
    // CT_Worksheet order: sheetProtection, autoFilter, mergeCells, conditionalFormatting,
    // dataValidations, hyperlinks, printOptions, pageMargins, pageSetup, headerFooter, rowBreaks, …
    this._writeSheetProtection();
    this._writeAutoFilter();
    this._writeMergeCells();
    this._writeConditionalFormatting();
    this._writeDataValidations();
    this._writeHyperlinks();
    const xml = printOptionsXml(this.pageSetup as PrintSetup | undefined);
    if (xml) this.stream.write(xml);
    this._writePageMargins();
    this._writePageSetup();
    this._writeHeaderFooter();
    this._writeRowBreaks();
    this._writeLegacyData();
    this._writeBackground();
    this._writeCloseWorksheet();
    this.stream.end();
    this._sheetCommentsWriter.commit();
    this._sheetRelsWriter.commit();
    this.committed = true;
  };
}

interface Pending {
  stream: { buffers?: unknown[]; pipes?: { _writableState?: { length?: number } }[] };
}

/**
 * Lets the zip stream take what is queued, until less than `limit` bytes wait. One turn of the
 * event loop first; then, while the deflate (in libuv's threads) catches up, a timer's wait,
 * not a turn after turn: polling with setImmediate kept this thread spinning at full speed,
 * a third of an export's CPU at 100,000 rows, taken from the deflate on a two-core machine.
 */
export async function drain(sheet: unknown, limit = 512 * 1024): Promise<void> {
  const s = (sheet as Pending).stream;
  const pending = () => (s.buffers?.length ?? 0) * 65536 + (s.pipes ?? []).reduce((n, p) => n + (p._writableState?.length ?? 0), 0);
  await new Promise((resolve) => setImmediate(resolve));
  while (pending() > limit) await new Promise((resolve) => setTimeout(resolve, 1));
}

let collect: (() => void) | null | undefined;
/** Until when no collection is asked for again (Date.now()). */
let quietUntil = 0;

/**
 * Every row passes through buffers that the zip stream drops at once; V8 frees them
 * only at a major collection, which a heap holding the ledger's year (100 MB) makes
 * rare. Left alone they pile up to ~70 MB and the process keeps that memory. When more
 * than 48 MB of buffers wait, ask for a collection (V8's gc, made reachable once).
 * The buffers it frees leave the count only when V8's sweeper has run, in the background:
 * asked again at the next 500 rows, it had collected the whole heap a second time for
 * nothing (a second of the main thread at 100,000 rows), so it waits a second first.
 */
export function releaseBuffers(): void {
  if (Date.now() < quietUntil || process.memoryUsage().arrayBuffers < 48 * 1024 * 1024) return;
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose_gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
  quietUntil = Date.now() + 1000;
}
