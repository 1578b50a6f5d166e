/**
 * The annotated copy of a returned file (退回修改): the unit's workbook as it came, every
 * sheet, value, format and the hidden manifest kept (so the corrected return is known as the
 * same batch), each problem cell marked so it shows on screen and on a black-and-white
 * printout (yellow, a heavy black border, bold) with the reason in a cell comment, and a sheet
 * 退回说明 listing them, printable. A file that is not an .xlsx (.xls, .ods, .csv) is taken
 * through SheetJS first: its values come back as an .xlsx, its formatting does not.
 */
import fs from 'node:fs';
import type * as Excel from 'exceljs';
import * as XLSX from '@e965/xlsx';
import ExcelJS from './exceljs.ts';
import { zipEntries, zipEntry } from './reader/zip.ts';
import { fonts, style } from './styles.ts';

export const NOTES_SHEET = '退回说明';

export interface AnnotatedMark {
  sheet: string;
  cell: string;
  /** The comment: what is wrong and what is expected. */
  comment: string;
}

export interface NotesSheet {
  title: string;
  lines: [string, string][];
  /** 序号 / 工作表 / 单元格 / 行（党组织名称） / 栏目 / 填报值 / 问题说明. */
  rows: { sheet: string; cell: string; row: string; header: string; value: string; reason: string }[];
  footer: string;
}

const heavy = { style: 'medium' as const, color: { argb: 'FF000000' } };
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
/** Yellow on screen; the heavy border and the bold type still tell the cell on a grey printout. */
const markFill: Excel.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' }, bgColor: { argb: 'FFFFFF00' } };

/** How much of a column's width a text takes: a CJK character about two units, a digit or letter about one. */
const textWidth = (text: string) => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2.1 : 1.1), 0);
const linesOf = (text: string, width: number) => text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textWidth(part) / Math.max(4, width - 1))), 0);

/** Cells a range of a sqref covers (A:A, a whole column, is 1,048,576). */
function rangeCells(ref: string): number {
  const [a = '', b = a] = ref.replace(/\$/g, '').split(':');
  const corner = (p: string) => {
    const m = /^([A-Z]*)(\d*)$/.exec(p);
    return m ? { col: m[1] ? [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : null, row: m[2] ? Number(m[2]) : null } : null;
  };
  const s = corner(a);
  const e = corner(b);
  if (!s || !e) return 0;
  return Math.max(1, (e.row ?? 1_048_576) - (s.row ?? 1) + 1) * Math.max(1, (e.col ?? 16_384) - (s.col ?? 1) + 1);
}

/**
 * Cells the workbook's data validations cover. ExcelJS keeps one entry per validated cell, so
 * the whole-column lists WPS and Excel write (A:A) would cost millions of them.
 */
function validatedCells(buf: Buffer): number {
  let n = 0;
  for (const e of zipEntries(buf)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) continue;
    const xml = zipEntry(buf, e).toString('utf8');
    for (const m of xml.matchAll(/<(?:\w+:)?dataValidation\b[^>]*?\bsqref="([^"]*)"/g)) for (const ref of m[1]!.trim().split(/\s+/)) n += rangeCells(ref);
  }
  return n;
}

/** Beyond this many validated cells, the copy goes without its dropdowns rather than without memory. */
const MAX_VALIDATED_CELLS = 300_000;

/** The returned workbook, loaded as ExcelJS keeps it (an .xlsx as it is; anything else by its values). */
async function loadBook(source: string, kind: 'xlsx' | 'xls' | 'ods' | 'csv'): Promise<{ wb: Excel.Workbook; validationsDropped: boolean }> {
  const wb = new ExcelJS.Workbook();
  if (kind === 'xlsx') {
    const buf = fs.readFileSync(source);
    const validationsDropped = validatedCells(buf) > MAX_VALIDATED_CELLS;
    await wb.xlsx.load(buf as unknown as ArrayBuffer, validationsDropped ? { ignoreNodes: ['dataValidations'] } : {});
    return { wb, validationsDropped };
  }
  const book = XLSX.read(fs.readFileSync(source), { type: 'buffer', cellDates: false, ...(kind === 'csv' ? { codepage: 65001 } : {}) });
  const data = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return { wb, validationsDropped: false };
}

/** Marks a cell: a new style object (cells read from a file share theirs), the comment replacing any of ours. */
function mark(ws: Excel.Worksheet, address: string, comment: string): void {
  const cell = ws.getCell(address);
  const was = cell.style ?? {};
  cell.style = {
    ...was,
    fill: markFill,
    border: { top: heavy, left: heavy, bottom: heavy, right: heavy },
    font: { ...(was.font ?? fonts.body), bold: true, color: { argb: 'FF000000' } },
  };
  cell.note = { texts: [{ text: `【退回修改】${comment}`, font: { name: '宋体', size: 10 } }], margins: { insetmode: 'auto' }, editAs: 'absolute' } as Excel.Comment;
}

/** The 退回说明 sheet: title, the facts, the table, the footer; A4 landscape one page wide, its header on every page. */
function writeNotes(wb: Excel.Workbook, notes: NotesSheet): Excel.Worksheet {
  const widths = [6, 16, 9, 26, 16, 18, 60];
  const ws = wb.addWorksheet(NOTES_SHEET, {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.35 },
    },
    headerFooter: { oddFooter: '&C&"仿宋_GB2312"&12— &P —', evenFooter: '&C&"仿宋_GB2312"&12— &P —' },
    properties: { defaultRowHeight: 20 },
  });
  ws.columns = widths.map((width) => ({ width }));
  const last = widths.length;
  const total = widths.reduce((a, b) => a + b, 0);
  let r = 0;
  const merged = (value: string, s: Partial<Excel.Style>, height: number) => {
    r++;
    ws.mergeCells(r, 1, r, last);
    const c = ws.getCell(r, 1);
    c.value = value;
    c.style = s;
    ws.getRow(r).height = height;
  };
  merged(notes.title, style.title('fzxbs'), 44);
  const lineStyle: Partial<Excel.Style> = { font: fonts.line, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } };
  for (const [label, value] of notes.lines) {
    const text = `${label}：${value}`;
    merged(text, lineStyle, Math.max(22, linesOf(text, total) * 18));
  }
  r++;
  const headerRow = ++r;
  const headers = ['序号', '工作表', '单元格', '行（党组织名称）', '栏目', '填报值', '问题说明'];
  headers.forEach((h, i) => {
    const c = ws.getCell(headerRow, i + 1);
    c.value = h;
    c.style = style.header();
  });
  ws.getRow(headerRow).height = 24;
  const cellStyle = (align: 'left' | 'center'): Partial<Excel.Style> => ({
    font: fonts.body,
    border: { top: thin, left: thin, bottom: thin, right: thin },
    alignment: { horizontal: align, vertical: 'middle', wrapText: true },
  });
  const left = cellStyle('left');
  const centre = cellStyle('center');
  notes.rows.forEach((item, i) => {
    r++;
    const values = [i + 1, item.sheet, item.cell, item.row, item.header, item.value, item.reason];
    values.forEach((v, c) => {
      const cell = ws.getCell(r, c + 1);
      cell.value = v === '' ? null : v;
      cell.style = c === 0 || c === 2 ? centre : left;
    });
    ws.getRow(r).height = Math.max(22, ...values.map((v, c) => linesOf(String(v), widths[c]!) * 16));
  });
  if (!notes.rows.length) {
    r++;
    ws.mergeCells(r, 1, r, last);
    ws.getCell(r, 1).value = '（没有标注具体单元格，请按上面的退回原因修改。）';
    ws.getCell(r, 1).style = left;
  }
  r++;
  merged(notes.footer, lineStyle, Math.max(22, linesOf(notes.footer, total) * 18));
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  return ws;
}

/**
 * Writes the annotated copy to `target` (written beside and renamed: a half-written file never
 * takes its name). Refuses, before writing anything, a cell whose sheet the workbook lacks.
 */
export async function writeAnnotatedCopy(input: { source: string; kind: 'xlsx' | 'xls' | 'ods' | 'csv'; target: string; marks: readonly AnnotatedMark[]; notes: NotesSheet }): Promise<{ validationsDropped: boolean }> {
  const { wb, validationsDropped } = await loadBook(input.source, input.kind);
  for (const m of input.marks) {
    const ws = wb.getWorksheet(m.sheet);
    if (!ws) throw new Error(`工作表“${m.sheet}”不在文件中`);
    mark(ws, m.cell, m.comment);
  }
  // A copy sent back before carries its own 退回说明: this round's replaces it.
  const old = wb.getWorksheet(NOTES_SHEET);
  if (old) wb.removeWorksheet(old.id);
  const notes = writeNotes(wb, input.notes);
  // Opened at the list: the unit reads why before it looks for the yellow cells.
  const visible = wb.worksheets.filter((s) => s.state === 'visible' || s.state === undefined);
  const at = wb.worksheets.indexOf(notes);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: at >= 0 ? at : visible.length - 1, visibility: 'visible' }];
  // One selected tab: two would open grouped, and a unit's typing would go into both sheets.
  for (const s of wb.worksheets) if (s !== notes && s.views?.length) s.views = s.views.map((v) => ({ ...v, tabSelected: false }) as unknown as Excel.WorksheetView);
  notes.views = notes.views.map((v) => ({ ...v, tabSelected: true }) as unknown as Excel.WorksheetView);
  const part = `${input.target}.part`;
  try {
    await wb.xlsx.writeFile(part);
    fs.renameSync(part, input.target);
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw e;
  }
  return { validationsDropped };
}
