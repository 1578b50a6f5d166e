/**
 * The statistics as one workbook in the style of the official tables: a sheet per table with its
 * title (方正小标宋), the unit, year and date line (仿宋), one to three header rows (黑体, merged
 * over groups; 本年 and 较上年 under each column when compared with a year), the rows and the 合计
 * row in 仿宋 with thin borders, how it was counted under the table, A4 landscape one page wide
 * with the header rows on every page and — N — page numbers. Not a template of shared/templates:
 * nothing is filled in and returned, so it has no manifest.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Excel from 'exceljs';
import ExcelJS from '../../excel/exceljs.ts';
import { fonts, style } from '../../excel/styles.ts';
import { writeFailure } from '../../shell.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import { changeOf, type StatsColumn, type StatsRow, type StatsTable, type StatsTables } from '../../../../shared/domain/stats.ts';
import type { ServiceContext } from '../context.ts';
import { statsTables, type StatsArgs } from './tables.ts';

/** Sheet names: short, unique, and within Excel's 31 characters. */
export const statsSheetNames: Record<StatsTable['id'], string> = {
  unitGrade: '分类等次（按单位）',
  fieldGrade: '分类等次（按领域）',
  shares: '标准化和最强党支部',
  liaison: '后进党支部联系点',
  projects: '领办实事项目',
  problems: '问题清单整改',
  returns: '报表报送情况',
};

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const numFmt = { count: '0', percent: '0.0', countChange: '+0;-0;0', percentChange: '+0.0;-0.0;0.0' } as const;
const bodyStyle = (align: 'left' | 'center' | 'right', fmt?: string, bold = false): Partial<Excel.Style> => ({
  font: bold ? { ...fonts.body, bold: true } : fonts.body,
  border,
  alignment: { horizontal: align, vertical: 'middle', wrapText: align === 'left' },
  ...(fmt ? { numFmt: fmt } : {}),
});
const noteStyle: Partial<Excel.Style> = { font: { ...fonts.line, size: 10 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } };

/** A written column: a table column this year, or its 较上年. */
interface Leaf {
  column: StatsColumn;
  index: number;
  change: boolean;
  /** Header texts from the top row down; the last spans the rows left below it. */
  heads: string[];
}

function leavesOf(t: StatsTable, compared: boolean): Leaf[] {
  return t.columns.flatMap((column, index) => {
    const top = column.group ? [column.group, column.label] : [column.label];
    if (!compared) return [{ column, index, change: false, heads: top }];
    return [
      { column, index, change: false, heads: [...top, '本年'] },
      { column, index, change: true, heads: [...top, column.kind === 'percent' ? '较上年（百分点）' : '较上年'] },
    ];
  });
}

function writeSheet(wb: Excel.Workbook, t: StatsTable, s: StatsTables): void {
  const compared = s.compareYear !== null;
  const leaves = leavesOf(t, compared);
  const last = leaves.length + 1;
  const depth = Math.max(...leaves.map((l) => l.heads.length));
  const ws = wb.addWorksheet(statsSheetNames[t.id], {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.35 },
      printTitlesRow: `3:${2 + depth}`,
    },
    headerFooter: { oddFooter: '&C&"仿宋_GB2312"&12— &P —', evenFooter: '&C&"仿宋_GB2312"&12— &P —' },
    properties: { defaultRowHeight: 20 },
    views: [{ state: 'frozen', ySplit: 2 + depth, xSplit: 1 }],
  });
  ws.columns = [{ width: 28 }, ...leaves.map((l) => ({ width: l.change ? 11 : l.column.label.length > 6 ? 13 : 11 }))];
  const merged = (r1: number, c1: number, r2: number, c2: number, value: string | number, st: Partial<Excel.Style>) => {
    if (r2 > r1 || c2 > c1) ws.mergeCells(r1, c1, r2, c2);
    ws.getCell(r1, c1).value = value;
    // Borders on every cell of a merge: Excel draws a merged cell's border from each of its cells.
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) ws.getCell(r, c).style = st;
  };

  merged(1, 1, 1, last, `${s.unit.place}${s.year}年${t.title}`, style.title('fzxbs'));
  ws.getRow(1).height = 40;
  const period = compared ? `${s.year} 年（与 ${s.compareYear} 年比较）` : `${s.year} 年`;
  merged(2, 1, 2, last, `统计单位：${s.unit.name}　　　　统计年度：${period}　　　　统计日期：${s.asOf}`, style.line('left'));
  ws.getRow(2).height = 22;

  // Header rows: groups merged across, the last text of each column down to the bottom header row.
  const top = 3;
  merged(top, 1, top + depth - 1, 1, t.rowHeader, style.header());
  for (let level = 0; level < depth; level++) {
    for (let i = 0; i < leaves.length; ) {
      const l = leaves[i]!;
      if (level >= l.heads.length) {
        i++;
        continue;
      }
      const isLast = level === l.heads.length - 1;
      let j = i + 1;
      // A group runs over the next columns that share every header text down to this row.
      if (!isLast) while (j < leaves.length && leaves[j]!.heads.length > level + 1 && leaves[j]!.heads.slice(0, level + 1).join('\u0000') === l.heads.slice(0, level + 1).join('\u0000')) j++;
      merged(top + level, i + 2, isLast ? top + depth - 1 : top + level, j + 1, l.heads[level]!, style.header());
      i = j;
    }
  }
  for (let level = 0; level < depth; level++) ws.getRow(top + level).height = 28;

  let r = top + depth;
  const cellsOf = (row: StatsRow) => leaves.map((l) => (l.change ? changeOf(l.column, row.values[l.index], row.previous?.[l.index]) : row.values[l.index]!));
  const writeRow = (row: StatsRow, bold: boolean) => {
    const label = ws.getCell(r, 1);
    label.value = row.label;
    label.style = bodyStyle(bold ? 'center' : 'left', undefined, bold);
    cellsOf(row).forEach((v, i) => {
      const l = leaves[i]!;
      const fmt = l.change ? (l.column.kind === 'percent' ? numFmt.percentChange : numFmt.countChange) : numFmt[l.column.kind];
      const c = ws.getCell(r, i + 2);
      c.value = v ?? '—';
      c.style = bodyStyle(v === null ? 'center' : 'right', fmt, bold);
    });
    ws.getRow(r).height = 20;
    r++;
  };
  if (t.empty) {
    merged(r, 1, r, last, t.empty, bodyStyle('center'));
    r++;
  } else {
    for (const row of t.rows) writeRow(row, false);
    if (t.total) writeRow(t.total, true);
  }
  merged(r + 1, 1, r + 1, last, `说明：${t.note}`, noteStyle);
  ws.getRow(r + 1).height = 36;
}

/** Writes every table of `args` to the chosen file; answers the file and its sheets. */
export async function exportStats(ctx: ServiceContext, args: StatsArgs & { path: string }): Promise<{ file: string; fileName: string; sheets: string[] }> {
  const file = ctx.grants.writable(args.path);
  const s = statsTables(ctx, args);
  const wb = new ExcelJS.Workbook();
  wb.creator = '组工台账';
  for (const t of s.tables) writeSheet(wb, t, s);
  const part = `${file}.part`;
  try {
    await wb.xlsx.writeFile(part);
    // Written beside and renamed: a half-written file never takes the name of a finished one.
    fs.renameSync(part, file);
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw writeFailure(e, file);
  }
  return { file, fileName: path.basename(file), sheets: s.tables.map((t) => statsSheetNames[t.id]) };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A chart the page drew, saved as the PNG it sent (base64) to the file the save dialog chose.
 * Anything that is not a PNG is refused before a byte is written.
 */
export function saveChartImage(ctx: ServiceContext, args: { path: string; data: string }): { file: string; fileName: string; bytes: number } {
  const file = ctx.grants.writable(args.path);
  const bytes = Buffer.from(args.data.replace(/^data:image\/png;base64,/, ''), 'base64');
  if (bytes.length < 64 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new AppError('INVALID_ARGS', '要保存的图表不是 PNG 图片，没有保存。请重新点击“保存为图片”。');
  }
  const part = `${file}.part`;
  try {
    fs.writeFileSync(part, bytes);
    fs.renameSync(part, file);
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw writeFailure(e, file);
  }
  return { file, fileName: path.basename(file), bytes: bytes.length };
}
