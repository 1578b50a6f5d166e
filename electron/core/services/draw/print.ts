/**
 * The printed draw record (抽签记录): an official table in the style of the other templates
 * (附件 number, title, 黑体 headers, 仿宋 body, thin borders, A4 portrait one page wide, — N —
 * page numbers), holding everything needed to check the draw by hand: the unit and year, the
 * share and the rounding rule, the seed and the method (in plain words), the candidates' count and check code,
 * candidates and drawn per stratum, the drawn branches, who drew and when, and signature lines
 * for the one who drew and the witnesses (监督人).
 * Not a template of shared/templates: nothing is filled in and returned, so it has no manifest.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as Excel from 'exceljs';
import ExcelJS from '../../excel/exceljs.ts';
import { fonts, style } from '../../excel/styles.ts';
import { writeFailure } from '../../shell.ts';
import type { DrawResult } from '../../../../shared/domain/draw.ts';
import type { ServiceContext } from '../context.ts';
import { localTime } from '../context.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { drawRecord } from './index.ts';

/** The attachment number printed on the record (the templates use 1–6). */
export const drawRecordAttachment = 7;

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const cell = (align: 'left' | 'center' | 'right', bold = false): Partial<Excel.Style> => ({
  font: bold ? { ...fonts.body, bold: true } : fonts.body,
  border,
  alignment: { horizontal: align, vertical: 'middle', wrapText: true },
});
const heading: Partial<Excel.Style> = { font: { name: '黑体', size: 12 }, alignment: { horizontal: 'left', vertical: 'middle' } };

/** Five columns: 序号, 旗县区, 苏木乡镇（街道）/领域, 党支部名称/候选数, 领域/抽取数. */
const widths = [6, 18, 20, 30, 14];
const last = widths.length;

/** How much of a column's width a text takes: a CJK character about two units, a digit or letter about one. */
const textWidth = (text: string) => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2.1 : 1.1), 0);

/** A row tall enough for its longest wrapped cell. */
function fitHeight(ws: Excel.Worksheet, at: number, values: readonly (string | number)[], columnWidths: readonly number[]): void {
  const lines = Math.max(1, ...values.map((v, i) => Math.ceil(textWidth(String(v)) / Math.max(4, columnWidths[i]! - 1))));
  ws.getRow(at).height = Math.max(20, lines * 16);
}

/**
 * How the draw was made, in words a clerk reads aloud at the table: the algorithm's names
 * (docs/strongest.md) mean nothing on paper; what matters there is that the computer drew by the
 * seed, without repeats, and that the same seed and list give the same result again.
 */
export function methodText(d: DrawResult): string {
  return `由计算机按随机种子在各层候选名单中不重复地随机抽取；同一种子、同一候选名单必得同一结果，可在本系统中输入该随机种子复核。${d.seedGiven ? '随机种子由抽签人指定。' : '随机种子在抽签时由计算机随机产生。'}`;
}

/** `fieldLabels`: the field dictionary's labels by code, as the window shows them (a code is no word on paper). */
export function drawRecordWorkbook(d: DrawResult, fieldLabels: ReadonlyMap<string, string>): Excel.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '组工台账';
  const ws = wb.addWorksheet('抽签记录', {
    pageSetup: {
      paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.35 },
    },
    headerFooter: { oddFooter: '&C&"仿宋_GB2312"&12— &P —', evenFooter: '&C&"仿宋_GB2312"&12— &P —' },
    properties: { defaultRowHeight: 20 },
  });
  ws.columns = widths.map((width) => ({ width }));
  let r = 0;
  const row = (height?: number) => {
    r++;
    if (height) ws.getRow(r).height = height;
    return r;
  };
  const merged = (at: number, from: number, to: number, value: string | number, s: Partial<Excel.Style>) => {
    if (to > from) ws.mergeCells(at, from, at, to);
    const c = ws.getCell(at, from);
    c.value = value;
    c.style = s;
    for (let col = from + 1; col <= to; col++) ws.getCell(at, col).style = s; // borders on every cell of a merge
  };

  merged(row(26), 1, 2, `附件${drawRecordAttachment}`, style.attachment());
  merged(row(60), 1, last, d.title, style.title('fzxbs'));
  merged(row(24), 1, last, `抽签单位：${d.scopeName}　　　　抽签时间：${d.drawnAt ? localTime(d.drawnAt) : '（预览，未抽签）'}`, style.line('left'));

  // The facts of the draw: label on the left, value on the right.
  const facts: [string, string][] = [
    ['年　　度', `${d.year} 年`],
    ['抽签范围', `${d.scopeName}所辖通过旗县验收（结果为“通过”）的党支部，共 ${d.population} 个`],
    ['分层方式', d.byField ? '按旗县区分层，旗县区内再按领域分层' : '按旗县区分层'],
    ['抽取比例', d.shareText],
    ['取整规则', `每层抽取数 = 该层候选数 × ${d.shareText}，${d.roundingText}，且不超过该层候选数`],
    ['随机种子', String(d.seed)],
    ['抽取方法', methodText(d)],
    ['候选名单校验码', `${d.populationHash}（候选名单有任何增减、改属旗县区或领域，候选名单校验码即不同）`],
    ['抽取结果', `共抽中 ${d.picked.length} 个党支部`],
  ];
  if (d.reason) facts.push(['重新抽签理由', `${d.reason}${d.supersedesId ? `（替代第 ${d.supersedesId} 号抽签记录，原记录保留）` : ''}`]);
  for (const [label, value] of facts) {
    const at = row();
    merged(at, 1, 2, label, cell('center', true));
    merged(at, 3, last, value, cell('left'));
    fitHeight(ws, at, [label, value], [widths[0]! + widths[1]!, widths[2]! + widths[3]! + widths[4]!]);
  }

  row(10);
  merged(row(24), 1, last, '一、各旗县区抽取情况', heading);
  const strataHead = row(24);
  ['序号', '旗县区', '领域', '候选党支部（个）', '抽中（个）'].forEach((h, i) => Object.assign(ws.getCell(strataHead, i + 1), { value: h, style: style.header() }));
  d.strata.forEach((s, i) => {
    const at = row();
    const values = [i + 1, s.countyName, s.fieldLabel ?? (d.byField ? '（未填领域）' : '全部领域'), s.candidates, s.drawn];
    values.forEach((v, c) => Object.assign(ws.getCell(at, c + 1), { value: v, style: cell(c === 1 ? 'left' : 'center') }));
    fitHeight(ws, at, values, widths);
  });
  const total = row();
  merged(total, 1, 3, '合计', cell('center', true));
  ws.getCell(total, 4).value = d.population;
  ws.getCell(total, 4).style = cell('center', true);
  ws.getCell(total, 5).value = d.picked.length;
  ws.getCell(total, 5).style = cell('center', true);

  row(10);
  merged(row(24), 1, last, '二、抽中党支部名单', heading);
  const listHead = row(24);
  ['序号', '旗县区', '苏木乡镇（街道）', '党支部名称', '领域'].forEach((h, i) => Object.assign(ws.getCell(listHead, i + 1), { value: h, style: style.header() }));
  // The dictionary's label; else the one the record kept (a field since removed from the dictionary); else the code.
  const strataLabels = new Map(d.strata.filter((s) => s.field !== null && s.fieldLabel !== null).map((s) => [s.field!, s.fieldLabel!]));
  const fieldLabel = (code: string) => fieldLabels.get(code) ?? strataLabels.get(code) ?? code;
  d.picked.forEach((p, i) => {
    const at = row();
    const values = [i + 1, p.countyName, p.township ?? '', p.name, p.field === null ? '' : fieldLabel(p.field)];
    values.forEach((v, c) => Object.assign(ws.getCell(at, c + 1), { value: v, style: cell(c === 0 || c === 4 ? 'center' : 'left') }));
    fitHeight(ws, at, values, widths);
  });

  // Who drew, who watched: a line each to sign, as the record is signed on paper. One row holds
  // them all: a printer never splits a row, so the signatures cannot be parted across pages (the
  // last page of an 18-branch record held 日期 alone, or 监督人 without 抽签人). Where a page breaks
  // depends on each program's fonts and scaling, so it cannot be foreseen here.
  row(14);
  const witnesses = d.witnesses.length ? d.witnesses : ['', ''];
  const lines = [
    `抽签人：${d.actor ?? ''}　　　　抽签人（签字）：________________`,
    ...witnesses.map((w) => `监督人：${w || '________'}　　　　监督人（签字）：________________`),
    `日期：　　　　年　　月　　日`,
  ];
  // A blank line between two signatures: the room the old row-a-line layout gave to sign in.
  merged(row(18 * (2 * lines.length - 1)), 1, last, lines.join('\n\n'), style.note());
  return wb;
}

/** Writes draw `id`'s record to `file` (a path the user chose); answers the file written. */
export async function printDraw(ctx: ServiceContext, args: { drawId: number; path: string }): Promise<{ file: string; fileName: string }> {
  const file = ctx.grants.writable(args.path);
  const d = drawRecord(ctx, args.drawId);
  const fieldLabels = new Map(listDictEntriesSync(ctx.conn.sqlite, 'field').map((e) => [e.code, e.label]));
  const part = `${file}.part`;
  try {
    await drawRecordWorkbook(d, fieldLabels).xlsx.writeFile(part);
    // Written beside and renamed: a half-written file never takes the name of a finished one.
    fs.renameSync(part, file);
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw writeFailure(e, file);
  }
  return { file, fileName: path.basename(file) };
}
