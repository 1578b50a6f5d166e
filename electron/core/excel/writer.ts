/**
 * Writes an official table as an .xlsx, driven by its template: "附件N", the title,
 * the reporting unit and date, one- or two-level merged headers, the body in the
 * offices' fonts and alignments, a 合计 row, the signature line; A4 landscape, one
 * page wide, header rows on every page, "— N —" page numbers. Input cells are
 * unlocked under a protection without password, dictionaries are dropdowns, numbers
 * and dates are validated, and the manifest makes the file recognisable on return.
 * Streams rows to the file: 100,000 rows stay within a few hundred MB.
 */
import { createHash } from 'node:crypto';
import ExcelJS from './exceljs.ts';
import type * as Excel from 'exceljs';
import type { DictEntry } from '../../../shared/contract/types.ts';
import type { CellValue } from '../../../shared/domain/fields.ts';
import type { ExportChoices, TemplateColumn } from '../../../shared/templates/types.ts';
import { headerDepth } from '../../../shared/templates/index.ts';
import { DICT_SHEET, HASH_HEADER, ID_HEADER, MANIFEST_FORMAT, MANIFEST_MARK, MANIFEST_SHEET, ROW_CHUNK, ROW_TABLE_HEADER, manifestKeys, type Manifest, type ManifestSheet } from './manifest.ts';
import { drain, patchStreamingWorksheet, releaseBuffers } from './stream.ts';
import { alignOf, style } from './styles.ts';
import { RowBytes, cellMarkup, cellXml, excelDate, rowOpen, styleRegistry, valueType, type CellMarkup, type SheetCell } from './rowXml.ts';

export interface SheetInput {
  name: string;
  title: string;
  columns: TemplateColumn[];
  totalsRow: boolean;
  rows: { entity: string; id: number; uid: string; values: Record<string, CellValue>; invalid?: Record<string, { raw: string }> | null }[];
  /** Lines under the table (注：…), each across the table's width. */
  notes?: readonly string[];
}

export interface WriteInput {
  file: string;
  choices: ExportChoices;
  /** 填报单位 as printed. */
  reportingUnit: string;
  sheets: SheetInput[];
  /** The lines under the table (填报人：, 审核人：, 联系电话：) and the page, as the template says. */
  footer: readonly string[];
  orientation: 'landscape' | 'portrait';
  dicts: readonly DictEntry[];
  manifest: Omit<Manifest, 'checksum' | 'sheets'>;
  /** Unlocked blank rows under the data, for rows a unit adds. */
  blankRows: number;
  onProgress?: (done: number, total: number) => void;
}

export interface WriteResult {
  checksum: string;
  rows: number;
}

const column = (n: number): string => {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Rows beyond which the writer asks for its buffers to be collected (see the body loop). */
const LARGE = 20_000;

const DATE_MIN = new Date(Date.UTC(1921, 6, 1));
const DATE_MAX = new Date(Date.UTC(2100, 11, 31));

/** The value as sent: what the row hash covers and the import compares against. */
export function sentValue(c: TemplateColumn, v: CellValue | undefined): CellValue {
  if (v === undefined || v === '') return null;
  if (c.type === 'decimal' && typeof v === 'number') return Math.round(v * 100) / 100;
  return v;
}

/**
 * A row's cell as sent. A value kept but not understood (red in the grid) goes out as it
 * was typed: a blank would pass for "nothing here", and the unit's return would erase it.
 */
export function sentCell(c: TemplateColumn, v: CellValue | undefined, kept: string | null | undefined): CellValue {
  return kept ? kept : sentValue(c, v);
}

/**
 * Printed height of a row whose text wraps: the file stores heights, and neither
 * Excel nor WPS fits them to wrapped text when opening, so long names would be cut.
 * A CJK character of the 11-point body font takes about 1.7 width units.
 */
function rowHeight(wrapping: readonly { index: number; width: number }[], cells: readonly SheetCell[]): number {
  let lines = 1;
  for (const { index, width } of wrapping) {
    const v = cells[index];
    if (typeof v !== 'string') continue;
    // Text short enough for one line whatever its characters (1.7 units at most, with room for the sum's rounding) is not counted.
    if (v.length * 1.75 <= width && !v.includes('\n')) continue;
    let cellLines = 0;
    let w = 0;
    for (let k = 0; k <= v.length; k++) {
      // A line break of the text's own (names one per line) starts a line, as it prints.
      if (k === v.length || v.charCodeAt(k) === 10) {
        cellLines += Math.max(1, Math.ceil(w / width));
        w = 0;
      } else w += textUnits(v.charCodeAt(k));
    }
    lines = Math.max(lines, cellLines);
  }
  return lines === 1 ? 20 : Math.min(409, lines * 14.5 + 5);
}

/** Width units a character of the 11-point body font takes: CJK about 1.7, a Latin letter or digit 1. */
const textUnits = (code: number) => (code > 0x2e80 ? 1.7 : 1);

/**
 * Names listed with 、 (联系领导: 王建国、李明、张三), broken into lines between names where the
 * column is too narrow for all: Excel, WPS and LibreOffice break CJK text at any character, and
 * printed “王建国、李 / 明、张三” cuts a person's name in two. The import reads the names back the
 * same (it compares names, not spacing).
 */
export function namesOnLines(text: string, width: number): string {
  if (!text.includes('、')) return text;
  const units = (s: string) => [...s].reduce((n, ch) => n + textUnits(ch.charCodeAt(0)), 0);
  if (units(text) <= width) return text;
  const names = text.split('、');
  let out = '';
  let line = 0;
  names.forEach((name, i) => {
    const piece = i < names.length - 1 ? `${name}、` : name;
    const w = units(piece);
    if (line > 0 && line + w > width) {
      out += '\n';
      line = 0;
    }
    out += piece;
    line += w;
  });
  return out;
}

/** The columns whose text wraps (all but right-aligned ones), with the width a line of them takes. */
function wrappingColumns(cols: readonly TemplateColumn[]): { index: number; width: number }[] {
  return cols.flatMap((c, index) => (alignOf(c.type, c.align) === 'right' ? [] : [{ index, width: Math.max(1, c.width - 0.5) }]));
}

/**
 * The hash of a row's values as sent (the import recomputes it to tell an edited row
 * from an untouched one, and to confirm the values it recovers from the audit log):
 * a 64-bit FNV-1a over each value's type and text. Cheap at 100,000 rows; the file's
 * checksum over all rows is SHA-256. It covers the columns of `hashedColumns`.
 */
/**
 * The columns a row hash covers: what was sent of the row itself. Not the serial
 * number (rows move) nor derived columns (联系领导 changes when a leader is assigned,
 * with no change to the row, and would make every such row look edited).
 */
export function hashedColumns<C extends Pick<TemplateColumn, 'type' | 'derived'>>(cols: readonly C[]): C[] {
  return cols.filter((c) => c.type !== 'serial' && !c.derived);
}

export function rowHash(values: readonly CellValue[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (const v of values) {
    // A type mark, the value's text, a separator: fed code by code, no string built for it.
    const text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
    const mark = v === null ? 0 : typeof v === 'string' ? 0x73 : typeof v === 'number' ? 0x6e : v ? 0x74 : 0x66;
    h1 = Math.imul(h1 ^ mark, 0x01000193);
    h2 = Math.imul(h2 ^ (mark >>> 3) ^ (h1 >>> 11), 0x01000193);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ (c >>> 3) ^ (h1 >>> 11), 0x01000193);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ (0x1f >>> 3) ^ (h1 >>> 11), 0x01000193);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** What a cell holds in the file: labels for codes, 是/否 for flags, real dates at UTC midnight. */
function sheetCell(c: TemplateColumn, v: CellValue, labels: Map<string, string> | null, empty: string, dates: Map<string, SheetCell>): SheetCell {
  if (v === null) return empty || null;
  switch (c.type) {
    case 'flag':
      return v === true ? '是' : v === false ? '否' : String(v);
    case 'dict':
      return labels!.get(String(v)) ?? String(v);
    case 'date': {
      // The same few thousand days come back row after row: each is parsed once per file.
      const text = String(v);
      let cell = dates.get(text);
      if (cell === undefined) {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
        // UTC midnight: a local date would be read a day early in UTC+8 (the file stores no zone).
        cell = m ? { date: excelDate(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) } : text;
        dates.set(text, cell);
      }
      return cell;
    }
    case 'phone':
      return String(v);
    default:
      return v;
  }
}

/**
 * The zip's deflate runs in libuv's threads, but comes back to this thread each time it has filled
 * its output buffer (zlib's chunkSize, 16 KB by default) before it deflates more. While this thread
 * makes 500 rows, it cannot take them: the deflate stood still after its first 16 KB, and the two
 * took turns (a third of a 100,000-row export waiting on it). With 256 KB the deflate takes a
 * whole turn's rows in one step, beside the making of the next. The bytes written are the same.
 */
const DEFLATE_IN_LARGE_STEPS: Partial<Excel.stream.xlsx.ArchiverZipOptions> = { zlib: { chunkSize: 256 * 1024 } };

export async function writeWorkbook(input: WriteInput): Promise<WriteResult> {
  const { choices } = input;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: input.file, useStyles: true, useSharedStrings: false, zip: DEFLATE_IN_LARGE_STEPS });
  wb.creator = '组工台账';
  wb.created = new Date(input.manifest.exportedAt);

  // Dictionary labels, and the dictionaries the dropdowns need (each a named range on the hidden sheet).
  const labels = new Map<string, Map<string, string>>();
  for (const d of input.dicts) {
    if (!labels.has(d.dict)) labels.set(d.dict, new Map());
    labels.get(d.dict)!.set(d.code, d.label);
  }
  const usedDicts = [...new Set(input.sheets.flatMap((s) => s.columns.filter((c) => c.type === 'dict').map((c) => c.dict!)))];
  const dictRange = new Map<string, string>();
  usedDicts.forEach((dict, i) => {
    const n = input.dicts.filter((d) => d.dict === dict && d.active).length;
    dictRange.set(dict, `'${DICT_SHEET}'!$${column(i + 1)}$1:$${column(i + 1)}$${Math.max(n, 1)}`);
  });

  const total = input.sheets.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  /** The rows' "uid hash" pairs for the manifest, joined ROW_CHUNK at a time as they are written. */
  const chunks: { sheet: string; firstRow: number; rows: number; pairs: string }[] = [];
  const checksum = createHash('sha256');
  let written = 0;
  const manifestSheets: ManifestSheet[] = [];

  for (const [sheetIndex, sheet] of input.sheets.entries()) {
    const cols = sheet.columns;
    const width = cols.length;
    const depth = headerDepth(cols);
    const headerRow = 4;
    const firstData = headerRow + depth;
    const idColumn = width + 1;
    const hashColumn = width + 2;
    const ws = wb.addWorksheet(sheet.name, {
      // In the streaming writer fitToPage must be given here: it is written with the sheet's first bytes.
      pageSetup: {
        paperSize: 9,
        orientation: input.orientation,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        printTitlesRow: `${headerRow}:${firstData - 1}`,
        margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.35 },
      },
      headerFooter: { oddFooter: '&C&"仿宋_GB2312"&12— &P —', evenFooter: '&C&"仿宋_GB2312"&12— &P —' },
      views: [{ state: 'frozen', ySplit: firstData - 1, xSplit: 0, activeCell: `A${firstData}` }],
      properties: { defaultRowHeight: 20 },
    });
    patchStreamingWorksheet(ws);
    // Widths before the first row is committed (the streaming writer writes them with it).
    cols.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    ws.getColumn(idColumn).width = 36;
    ws.getColumn(idColumn).hidden = true;
    ws.getColumn(hashColumn).width = 18;
    ws.getColumn(hashColumn).hidden = true;

    // Row 1: 附件N. Row 2: the title. Row 3: reporting unit and date.
    const r1 = ws.getRow(1);
    r1.height = 24;
    if (sheetIndex === 0) {
      r1.getCell(1).value = `附件${choices.attachment}`;
      r1.getCell(1).style = style.attachment();
    }
    const r2 = ws.getRow(2);
    r2.height = 40;
    r2.getCell(1).value = sheet.title;
    r2.getCell(1).style = style.title(choices.titleFont);
    ws.mergeCells(2, 1, 2, width);
    const r3 = ws.getRow(3);
    r3.height = 24;
    const half = Math.max(1, Math.ceil(width / 2));
    r3.getCell(1).value = `填报单位（盖章）：${input.reportingUnit}`;
    r3.getCell(1).style = style.line('left');
    r3.getCell(half + 1).value = '填报日期：      年    月    日';
    r3.getCell(half + 1).style = style.line('right');
    ws.mergeCells(3, 1, 3, half);
    if (width > half) ws.mergeCells(3, half + 1, 3, width);

    // Header rows: groups merge across, ungrouped headers merge down.
    const h1 = ws.getRow(headerRow);
    h1.height = depth === 2 ? 24 : 36;
    const h2 = depth === 2 ? ws.getRow(headerRow + 1) : null;
    if (h2) h2.height = 36;
    cols.forEach((c, i) => {
      const top = h1.getCell(i + 1);
      top.value = c.group ?? c.header;
      top.style = style.header();
      if (h2) {
        const bottom = h2.getCell(i + 1);
        bottom.style = style.header();
        if (c.group) bottom.value = c.header;
        else ws.mergeCells(headerRow, i + 1, headerRow + 1, i + 1);
      }
    });
    for (let i = 0; i < width; ) {
      let j = i;
      while (cols[i]!.group && j + 1 < width && cols[j + 1]!.group === cols[i]!.group) j++;
      if (j > i) ws.mergeCells(headerRow, i + 1, headerRow, j + 1);
      i = j + 1;
    }
    // The hidden id columns say what they are, for whoever unhides them.
    h1.getCell(idColumn).value = ID_HEADER;
    h1.getCell(hashColumn).value = HASH_HEADER;
    h1.getCell(idColumn).style = style.hidden();
    h1.getCell(hashColumn).style = style.hidden();
    for (let r = 1; r < firstData; r++) ws.getRow(r).commit();

    // Body: the data rows as XML of our own (rowXml.ts), with ExcelJS's style ids.
    const bodyStyles = cols.map((c) => style.body(c.type, alignOf(c.type, c.align), c.key === true || c.derived === true || c.type === 'serial'));
    const inputStyles = cols.map((c) => style.body(c.type, alignOf(c.type, c.align), c.type === 'serial' || c.derived === true));
    const totals = cols.map(() => 0);
    const n = cols.length;
    const hidden = style.hidden();
    const styles = styleRegistry(wb);
    // Style ids as ExcelJS hands them out: in the order it would first meet each style (the row's, then
    // its cells' on the first row), a style met without a number format taking the default of that cell's type.
    let rowStyleId = 0;
    const styleIds: number[] = new Array(n + 2);
    const letters = [...cols.map((_, i) => column(i + 1)), column(idColumn), column(hashColumn)];
    const empties = cols.map((c) => (c.type === 'serial' ? '' : choices.emptyAs));
    const dictLabels = cols.map((c) => (c.type === 'dict' ? (labels.get(c.dict!) ?? new Map<string, string>()) : null));
    const values: CellValue[] = new Array(n);
    const cells: SheetCell[] = new Array(n);
    const hashed = hashedColumns(cols).map((c) => cols.indexOf(c));
    const hashedValues: CellValue[] = new Array(hashed.length);
    const wrapping = wrappingColumns(cols);
    // Derived lists of names (联系领导): the width a line of each takes, else 0.
    const namesIn = cols.map((c, i) => (c.derived && c.type === 'text' ? (wrapping.find((w) => w.index === i)?.width ?? 0) : 0));
    const dates = new Map<string, SheetCell>();
    const pending: string[] = [];
    const markup: CellMarkup[] = new Array(n + 2);
    const bytes = new RowBytes(ws);
    // The rows' hashes for the file's checksum, fed 500 rows at a time (the same digest as row by row).
    let hashes = '';
    for (let k = 0; k < sheet.rows.length; k++) {
      const row = sheet.rows[k]!;
      const rowNumber = firstData + k;
      const r = String(rowNumber);
      if (k === 0) rowStyleId = styles.addStyleModel({});
      let body = '';
      const invalid = row.invalid;
      for (let i = 0; i < n; i++) {
        const c = cols[i]!;
        const v = sentCell(c, c.type === 'serial' ? k + 1 : row.values[c.field], invalid ? invalid[c.field]?.raw : undefined);
        values[i] = v;
        const cell = namesIn[i] && typeof v === 'string' ? namesOnLines(v, namesIn[i]!) : sheetCell(c, v, dictLabels[i]!, empties[i]!, dates);
        cells[i] = cell;
        if (k === 0) markup[i] = cellMarkup(letters[i]!, (styleIds[i] = styles.addStyleModel(bodyStyles[i]!, valueType(cell))));
        body += cellXml(markup[i]!, r, cell);
        if (c.total && (typeof v === 'number' || v === true)) totals[i]! += v === true ? 1 : v;
      }
      // One-line rows take the sheet's default height: nothing written for them.
      const height = rowHeight(wrapping, cells);
      for (let h = 0; h < hashed.length; h++) hashedValues[h] = values[hashed[h]!]!;
      const hash = rowHash(hashedValues);
      if (k === 0) {
        styleIds[n] = styles.addStyleModel(hidden, valueType(row.uid));
        styleIds[n + 1] = styles.addStyleModel(hidden, valueType(hash));
        markup[n] = cellMarkup(letters[n]!, styleIds[n]!);
        markup[n + 1] = cellMarkup(letters[n + 1]!, styleIds[n + 1]!);
      }
      bytes.add(rowOpen(rowNumber, height > 20 ? height : 0, 1, hashColumn, rowStyleId) + body + cellXml(markup[n]!, r, row.uid) + cellXml(markup[n + 1]!, r, hash) + '</row>');
      pending.push(`${row.uid} ${hash}`);
      if (pending.length === ROW_CHUNK || k === sheet.rows.length - 1) {
        chunks.push({ sheet: sheet.name, firstRow: firstData + k + 1 - pending.length, rows: pending.length, pairs: pending.join('|') });
        pending.length = 0;
      }
      hashes += `${hash}\n`;
      written++;
      if (++done % 500 === 0 || k === sheet.rows.length - 1) {
        bytes.flush(rowNumber + 1);
        checksum.update(hashes);
        hashes = '';
      }
      if (done % 500 === 0) {
        input.onProgress?.(done, total);
        await drain(ws);
        // Only a big file makes enough garbage to matter; a small one would pay a collection for nothing.
        if (total > LARGE) releaseBuffers();
      }
    }
    const lastData = firstData + sheet.rows.length - 1;
    // Blank rows for additions: every cell open, including the key columns.
    for (let k = 0; k < input.blankRows; k++) {
      const r = ws.getRow(lastData + 1 + k);
      cols.forEach((c, i) => (r.getCell(i + 1).style = inputStyles[i]!));
      // A row with no value at all is not written by the streaming writer, styles and all.
      r.getCell(1).value = '';
      r.commit();
    }
    const lastInput = lastData + input.blankRows;

    // 合计: SUM formulas with their results, so a filled-in copy totals itself; a 是/否 column counts its 是.
    let next = lastInput + 1;
    if (sheet.totalsRow) {
      const r = ws.getRow(next);
      r.height = 22;
      const labelSpan = Math.max(1, cols.findIndex((c) => c.total));
      cols.forEach((c, i) => {
        const cell = r.getCell(i + 1);
        cell.style = style.totals(c.type, i < labelSpan ? 'center' : alignOf(c.type, c.align));
        if (c.total) {
          const letter = column(i + 1);
          const range = `${letter}${firstData}:${letter}${lastInput}`;
          const formula = c.type === 'flag' ? `COUNTIF(${range},"是")` : `SUM(${range})`;
          cell.value = lastInput >= firstData ? { formula, result: Math.round(totals[i]! * 100) / 100 } : 0;
        }
        const ratio = c.totalRatio && { of: cols.findIndex((x) => x.field === c.totalRatio!.of), to: cols.findIndex((x) => x.field === c.totalRatio!.to) };
        if (ratio && ratio.of >= 0 && ratio.to >= 0) {
          const [of, to] = [`${column(ratio.of + 1)}${next}`, `${column(ratio.to + 1)}${next}`];
          cell.value = { formula: `IF(${to}=0,"",${of}/${to})`, result: totals[ratio.to] ? totals[ratio.of]! / totals[ratio.to]! : '' };
        }
      });
      r.getCell(1).value = '合计';
      if (labelSpan > 1) ws.mergeCells(next, 1, next, labelSpan);
      r.commit();
      next++;
    }
    // Notes (注：how a share is counted), each line across the table, tall enough for its wrapped text.
    for (const note of sheet.notes ?? []) {
      const r = ws.getRow(next);
      const tableWidth = cols.reduce((w, c) => w + c.width, 0);
      let w = 0;
      for (let k = 0; k < note.length; k++) w += note.charCodeAt(k) > 0x2e80 ? 2 : 1;
      r.height = Math.ceil(w / Math.max(1, tableWidth - 2)) * 16 + 6;
      r.getCell(1).value = note;
      r.getCell(1).style = style.note();
      ws.mergeCells(next, 1, next, width);
      r.commit();
      next++;
    }
    // The signature line, a row below the table.
    const footer = ws.getRow(next + 1);
    footer.height = 24;
    footer.getCell(1).value = input.footer.join(' '.repeat(20));
    footer.getCell(1).style = style.line('left');
    ws.mergeCells(next + 1, 1, next + 1, width);
    footer.commit();

    // Validations, one per column over the input rows; added before the sheet is committed or they are lost.
    if (lastInput >= firstData) addValidations(ws, cols, firstData, lastInput, dictRange);
    // Protection without a password: key columns and totals stay as sent; input cells are open.
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      formatCells: true,
      insertRows: true,
      deleteRows: true,
      sort: true,
      autoFilter: true,
    });
    ws.commit();
    manifestSheets.push({ name: sheet.name, headerRow, firstDataRow: firstData, rows: sheet.rows.length, idColumn, hashColumn, fields: cols.map((c) => c.field), emptyAs: choices.emptyAs });
  }

  writeDictSheet(wb, usedDicts, input.dicts, dictRange);
  const digest = checksum.digest('hex');
  writeManifestSheet(wb, { ...input.manifest, checksum: digest, sheets: manifestSheets }, chunks);
  input.onProgress?.(total, total);
  await wb.commit();
  return { checksum: digest, rows: written };
}

type Validations = { add(range: string, v: Excel.DataValidation): void };

function addValidations(ws: Excel.Worksheet, cols: TemplateColumn[], first: number, last: number, dictRange: Map<string, string>): void {
  // Not in ExcelJS 4.4.0's typings, present at run time on the streaming sheet.
  const dv = (ws as unknown as { dataValidations: Validations }).dataValidations;
  // A warning, not a stop: offices type synonyms (一般 for 中间) that the import understands.
  const warn = { allowBlank: true, showErrorMessage: true, errorStyle: 'warning' as const, errorTitle: '请核对' };
  cols.forEach((c, i) => {
    if (c.type === 'serial' || c.derived) return;
    const range = `${column(i + 1)}${first}:${column(i + 1)}${last}`;
    switch (c.type) {
      case 'dict':
        dv.add(range, { type: 'list', formulae: [dictRange.get(c.dict!)!], ...warn, error: `请从下拉列表中选择“${c.header}”。` });
        break;
      case 'flag':
        dv.add(range, { type: 'list', formulae: ['"是,否"'], ...warn, error: '请填写“是”或“否”。' });
        break;
      case 'integer':
        dv.add(range, { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], ...warn, error: `“${c.header}”应为不小于 0 的整数。` });
        break;
      case 'decimal':
        dv.add(range, { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], ...warn, error: `“${c.header}”应为数字。` });
        break;
      case 'date':
        dv.add(range, { type: 'date', operator: 'between', formulae: [DATE_MIN, DATE_MAX], ...warn, error: `“${c.header}”应为日期，如 2024-03-05。` });
        break;
    }
  });
}

function writeDictSheet(wb: Excel.stream.xlsx.WorkbookWriter, used: string[], dicts: readonly DictEntry[], ranges: Map<string, string>): void {
  const ws = wb.addWorksheet(DICT_SHEET, { state: 'veryHidden' });
  const lists = used.map((dict) => dicts.filter((d) => d.dict === dict && d.active).map((d) => d.label));
  const height = Math.max(1, ...lists.map((l) => l.length));
  for (let r = 0; r < height; r++) {
    const row = ws.getRow(r + 1);
    lists.forEach((l, i) => (row.getCell(i + 1).value = l[r] ?? null));
    row.commit();
  }
  for (const dict of used) wb.definedNames.add(ranges.get(dict)!, `ZG_DICT_${dict}`);
  ws.commit();
}

function writeManifestSheet(wb: Excel.stream.xlsx.WorkbookWriter, manifest: Manifest, chunks: { sheet: string; firstRow: number; rows: number; pairs: string }[]): void {
  const ws = wb.addWorksheet(MANIFEST_SHEET, { state: 'veryHidden' });
  const head = ws.getRow(1);
  head.values = ['组工台账报表标识（请勿修改）', MANIFEST_MARK, MANIFEST_FORMAT];
  head.commit();
  manifestKeys.forEach((k, i) => {
    const row = ws.getRow(i + 2);
    const v = manifest[k.key];
    row.values = [k.label, typeof v === 'object' && v !== null ? JSON.stringify(v) : v];
    row.commit();
    // Names point at cells: a constant name would be dropped by ExcelJS itself.
    wb.definedNames.add(`'${MANIFEST_SHEET}'!$B$${i + 2}`, k.name);
  });
  // Each row's id and hash as sent, in chunks: one cell holds up to ROW_CHUNK "uid hash" pairs
  // (a cell takes 32,767 characters), so 100,000 rows cost 200 cells, not 500,000.
  const table = ws.getRow(ROW_TABLE_HEADER);
  table.values = ['工作表', '首行', '行数', '行标识 校验值（以 | 分隔）'];
  table.commit();
  const plain = style.plain();
  chunks.forEach((chunk, i) => {
    const row = ws.getRow(ROW_TABLE_HEADER + 1 + i);
    [chunk.sheet, chunk.firstRow, chunk.rows, chunk.pairs].forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      cell.style = plain;
    });
    row.commit();
  });
  wb.definedNames.add(`'${MANIFEST_SHEET}'!$B$1`, 'ZG_MANIFEST');
  ws.commit();
}
