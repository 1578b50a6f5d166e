/**
 * Exporting official tables: the choices remembered per template, a preview of the
 * first page, one file for a scope (a unit, a filter, or exactly the rows of the
 * grid), and the send-down batch (one prefilled file per subordinate unit). Every
 * file's rows as sent are kept in an export batch, for the returns to be compared with.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ExportInvalidCells, ExportPreview, ExportResult, SendDownResult, TemplateInfo } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { ledgerColumnByField, type LedgerField } from '../../../../shared/domain/ledger.ts';
import { chosenColumns, defaultChoices, fillTitle, findTemplate, plainTitle } from '../../../../shared/templates/index.ts';
import type { ExportChoices, Template } from '../../../../shared/templates/types.ts';
import { writeWorkbook, type SheetInput } from '../../excel/writer.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { insertExportBatch } from '../../repos/exports.ts';
import { auditMark } from '../../repos/audit.ts';
import { childUnits, getOrg, orgNode, rootOrgId } from '../../repos/orgs.ts';
import { getSetting, setSetting } from '../../repos/settings.ts';
import type { ServiceContext } from '../context.ts';
import { sourceRows, type SourceRow, type SourceScope } from './sources.ts';
import { writeFailure } from '../../shell.ts';
import { unitFileName } from '../../fileName.ts';
import { besideLedger } from '../ledger/list.ts';
import { noteSent } from '../returns/index.ts';

export function templateOrThrow(id: string): Template {
  const t = findTemplate(id);
  if (!t) throw new AppError('NOT_FOUND', `没有编号为“${id}”的报表模板。可用的模板见“报表导出”页或 npm run cli -- templates。`);
  return t;
}

const choicesKey = (id: string) => `export.choices.${id}`;

export function loadChoices(ctx: ServiceContext, t: Template): ExportChoices {
  return { ...defaultChoices(t), ...getSetting<Partial<ExportChoices>>(ctx.conn.sqlite, choicesKey(t.id), {}) };
}

/** The unit and period of a template's last export (not "the rows of a grid view": those are of the moment). */
const scopeKey = (id: string) => `export.scope.${id}`;

function rememberScope(ctx: ServiceContext, t: Template, year: number, unitId: number | undefined): void {
  // A setting shows in no ledger row: the year the core keeps in memory stays valid (100k rows: seconds to read again).
  besideLedger(ctx, () => setSetting(ctx.conn.sqlite, scopeKey(t.id), { year, unitId: unitId ?? null }));
}

function rememberChoices(ctx: ServiceContext, t: Template, choices: ExportChoices): void {
  besideLedger(ctx, () => setSetting(ctx.conn.sqlite, choicesKey(t.id), choices));
}

export async function lastScope(ctx: ServiceContext, t: Template): Promise<TemplateInfo['lastScope']> {
  const s = getSetting<{ year: number; unitId: number | null } | null>(ctx.conn.sqlite, scopeKey(t.id), null);
  if (!s) return null;
  return { year: s.year, unit: s.unitId === null ? null : orgNode(ctx.conn.sqlite, s.unitId, s.year, false) };
}

/** A unit's name as titles print it: 宁城县委 → 宁城县, 天义镇党委 → 天义镇. */
export function placeName(orgName: string): string {
  if (/党工委$/.test(orgName)) return orgName.replace(/党工委$/, '');
  if (/[^机关工]党委$/.test(orgName)) return orgName.replace(/党委$/, '');
  if (/[市县旗区盟]委$/.test(orgName)) return orgName.replace(/委$/, '');
  return orgName;
}

interface Unit {
  id: number | null;
  name: string;
  code: string | null;
}

function unitOf(ctx: ServiceContext, scopeOrgId: number | undefined): Unit {
  const { sqlite } = ctx.conn;
  const id = scopeOrgId ?? rootOrgId(sqlite);
  const org = id === undefined ? undefined : getOrg(sqlite, id);
  if (scopeOrgId !== undefined && !org) throw new AppError('NOT_FOUND', `找不到编号为 ${scopeOrgId} 的党组织，请刷新后重试。`);
  return org ? { id: org.id, name: org.name, code: org.code } : { id: null, name: '', code: null };
}

/** A sheet to write, its rows as read from their source (with their red cells and labels). */
type ExportSheet = SheetInput & { rows: SourceRow[] };

function sheetsFor(ctx: ServiceContext, t: Template, scope: SourceScope, choices: ExportChoices, unit: Unit): ExportSheet[] {
  const place = placeName(unit.name);
  return t.sheets.map((sheet, i) => ({
    name: sheet.name,
    title: fillTitle(i === 0 ? choices.title : (sheet.title ?? choices.title), place, scope.year),
    columns: chosenColumns(sheet, choices),
    totalsRow: sheet.totalsRow ?? false,
    ...(sheet.notes ? { notes: sheet.notes } : {}),
    // Only the main sheet follows "exactly these rows"; a sub-table takes its scope.
    rows: sourceRows(ctx, sheet.source, i === 0 ? scope : { year: scope.year, ...(scope.scopeOrgId !== undefined ? { scopeOrgId: scope.scopeOrgId } : {}) }),
  }));
}

const LISTED = 200;

/** The red cells of what is about to be written, with where a person finds each. */
export function invalidCells(sheets: ExportSheet[]): ExportInvalidCells {
  const out: ExportInvalidCells = { count: 0, cells: [] };
  const add = (cell: ExportInvalidCells['cells'][number]) => {
    if (out.count++ < LISTED) out.cells.push(cell);
  };
  for (const sheet of sheets) {
    const header = new Map(sheet.columns.map((c) => [c.field, c.group ? `${c.group}·${c.header}` : c.header]));
    for (const row of sheet.rows) {
      // Most rows have neither: no entries list is made for them (100,000 rows at a year).
      if (row.invalid) {
        for (const [field, bad] of Object.entries(row.invalid)) {
          if (header.has(field)) add({ sheet: sheet.name, row: row.label ?? '', column: header.get(field)!, value: bad.raw, message: bad.message, counted: 'written' });
        }
      }
      if (row.leftOut) for (const l of row.leftOut) add({ sheet: sheet.name, row: l.label, column: ledgerColumnByField.get(l.field as LedgerField)?.label ?? l.field, value: l.raw, message: l.message, counted: 'leftOut' });
    }
  }
  return out;
}

/** The first page as it will print: titles, headers and the first rows as text. */
export function previewExport(ctx: ServiceContext, templateId: string, scope: SourceScope, choices: ExportChoices, limit = 30): ExportPreview {
  const t = templateOrThrow(templateId);
  const unit = unitOf(ctx, scope.scopeOrgId);
  const sheets = sheetsFor(ctx, t, scope, choices, unit);
  const labels = new Map(listDictEntriesSync(ctx.conn.sqlite).map((d) => [`${d.dict}:${d.code}`, d.label]));
  const main = sheets[0]!;
  const show = (c: (typeof main.columns)[number], v: CellValue | undefined, i: number, kept?: string): string => {
    if (c.type === 'serial') return String(i + 1);
    if (kept) return kept;
    if (v === null || v === undefined || v === '') return choices.emptyAs;
    if (c.type === 'flag') return v ? '是' : '否';
    if (c.type === 'dict') return labels.get(`${c.dict}:${v}`) ?? String(v);
    if (c.type === 'percent' && typeof v === 'number') return `${(v * 100).toFixed(1)}%`;
    if (c.type === 'decimal' && typeof v === 'number') return v.toFixed(2);
    return String(v);
  };
  return {
    title: main.title,
    attachment: `附件${choices.attachment}`,
    reportingUnit: fillTitle(choices.reportingUnit, unit.name, scope.year),
    footer: t.footer,
    columns: main.columns.map((c) => ({ field: c.field, header: c.header, group: c.group ?? null, width: c.width, type: c.type })),
    rows: main.rows.slice(0, limit).map((r, i) => main.columns.map((c) => show(c, r.values[c.field], i, r.invalid?.[c.field]?.raw))),
    totals: main.totalsRow
      ? main.columns.map((c, i) => {
          const sum = (field: string) => main.rows.reduce((n, r) => n + (typeof r.values[field] === 'number' ? (r.values[field] as number) : 0), 0);
          if (i === 0) return '合计';
          if (c.totalRatio) {
            const to = sum(c.totalRatio.to);
            return to ? show(c, sum(c.totalRatio.of) / to, i) : '';
          }
          if (!c.total) return '';
          return c.type === 'decimal' ? sum(c.field).toFixed(2) : String(sum(c.field));
        })
      : null,
    total: main.rows.length,
    sheets: sheets.map((s) => ({ name: s.name, rows: s.rows.length })),
    invalid: invalidCells(sheets),
  };
}

async function writeOne(
  ctx: ServiceContext,
  t: Template,
  scope: SourceScope,
  choices: ExportChoices,
  unit: Unit,
  file: string,
  options: { sendDownId?: string; blankRows: number; progress?: (done: number, total: number) => void; dueOn?: string | null },
): Promise<ExportResult> {
  const started = Date.now();
  const sheets = sheetsFor(ctx, t, scope, choices, unit);
  const batchId = randomUUID();
  const exportedAt = ctx.now().toISOString();
  // Taken in the same turn as the rows were read (nothing can come between): later changes count as since.
  const mark = auditMark(ctx.conn.sqlite);
  // Checked again now, at the moment of writing: never the database, its journals or its backups.
  ctx.grants.guard(file);
  const part = `${file}.part`;
  let result;
  try {
    result = await writeWorkbook({
      file: part,
      choices,
      reportingUnit: fillTitle(choices.reportingUnit, unit.name, scope.year),
      sheets,
      footer: t.footer,
      orientation: t.page.orientation,
      dicts: listDictEntriesSync(ctx.conn.sqlite),
      manifest: { template: t.id, templateVersion: t.version, unitCode: unit.code, unitName: unit.name, period: String(scope.year), batchId, exportedAt, appVersion: ctx.appVersion },
      blankRows: options.blankRows,
      ...(options.progress ? { onProgress: options.progress } : {}),
    });
    // Written beside and renamed: a half-written file never takes the name of a finished one.
    fs.renameSync(part, file);
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw writeFailure(e, file);
  }
  // The batch changes no ledger row: the year the core keeps in memory stays as it is.
  besideLedger(ctx, ctx.conn.writeTransaction(() => {
    insertExportBatch(
      ctx.conn.sqlite,
      {
        id: batchId,
        template_id: t.id,
        template_version: t.version,
        unit_org_id: unit.id,
        unit_code: unit.code,
        unit_name: unit.name,
        period: String(scope.year),
        options_json: JSON.stringify({ choices, scope }),
        file_name: path.basename(file),
        row_count: result.rows,
        checksum: result.checksum,
        audit_mark: mark,
        send_down_id: options.sendDownId ?? null,
        created_at: exportedAt,
        actor: ctx.actor,
      });
    // A file sent down is that unit's return to come (报送情况: 已下发).
    if (options.sendDownId && unit.id !== null) noteSent(ctx, { templateId: t.id, period: String(scope.year), unitOrgId: unit.id }, batchId, options.dueOn);
  }));
  return {
    batchId,
    file,
    fileName: path.basename(file),
    rows: sheets[0]!.rows.length,
    sheets: sheets.map((s) => ({ name: s.name, rows: s.rows.length })),
    checksum: result.checksum,
    ms: Date.now() - started,
    invalidCells: invalidCells(sheets).count,
  };
}

export async function runExport(ctx: ServiceContext, args: { templateId: string; scope: SourceScope; choices?: ExportChoices; path: string }): Promise<ExportResult> {
  const t = templateOrThrow(args.templateId);
  const file = ctx.grants.writable(args.path);
  const choices = args.choices ?? loadChoices(ctx, t);
  if (args.choices) rememberChoices(ctx, t, args.choices);
  const unit = unitOf(ctx, args.scope.scopeOrgId);
  const progress = (done: number, total: number) => ctx.events.emit('progress', { task: 'export', done, total, message: `正在写入 ${done}/${total} 行` });
  const result = await writeOne(ctx, t, args.scope, choices, unit, file, { blankRows: 0, progress });
  if (!args.scope.rowIds) rememberScope(ctx, t, args.scope.year, args.scope.scopeOrgId);
  return result;
}

/** One file per unit directly under `parentOrgId`, prefilled with its rows, into one folder. */
export async function sendDown(ctx: ServiceContext, args: { templateId: string; parentOrgId: number; year: number; choices?: ExportChoices; folder: string; blankRows?: number; dueOn?: string | null }): Promise<SendDownResult> {
  const t = templateOrThrow(args.templateId);
  if (!t.returnable) throw new AppError('INVALID_ARGS', `“${plainTitle(t)}”是汇总表，不下发填报；请选择台账类模板。`);
  const parent = getOrg(ctx.conn.sqlite, args.parentOrgId);
  if (!parent) throw new AppError('NOT_FOUND', `找不到编号为 ${args.parentOrgId} 的党组织。`);
  const units = childUnits(ctx.conn.sqlite, parent.id);
  if (units.length === 0) throw new AppError('NOT_FOUND', `“${parent.name}”下没有下级单位，无需下发。`);
  // Only now the folder: a refused send-down leaves no empty folder behind.
  const folder = ctx.grants.writableFolder(args.folder);
  const choices = args.choices ?? loadChoices(ctx, t);
  if (args.choices) rememberChoices(ctx, t, args.choices);
  // Each file is the unit's own: its name in 填报单位 and in the title, whatever was typed for ours.
  const ours = placeName(parent.name);
  const perUnit: ExportChoices = { ...choices, emptyAs: '', reportingUnit: '{unit}', title: ours.length >= 2 ? choices.title.split(ours).join('{unit}') : choices.title };
  const sendDownId = randomUUID();
  const files: SendDownResult['files'] = [];
  for (const [i, u] of units.entries()) {
    ctx.events.emit('progress', { task: 'sendDown', done: i, total: units.length, message: `正在生成“${u.name}”` });
    // A file already in the folder (or one of ours of the same name) is kept: the new one is numbered.
    const file = ctx.grants.newFile(folder, unitFileName(choices.attachment, placeName(u.name), fillTitle(perUnit.title, placeName(u.name), args.year), 'xlsx'));
    const r = await writeOne(ctx, t, { year: args.year, scopeOrgId: u.id }, perUnit, { id: u.id, name: u.name, code: u.code }, file, {
      sendDownId,
      blankRows: args.blankRows ?? 10,
      ...(args.dueOn !== undefined ? { dueOn: args.dueOn } : {}),
    });
    files.push({ unitId: u.id, unitName: u.name, unitCode: u.code, file: r.file, fileName: r.fileName, rows: r.rows, batchId: r.batchId, invalidCells: r.invalidCells });
  }
  ctx.events.emit('progress', { task: 'sendDown', done: units.length, total: units.length, message: '已完成' });
  rememberScope(ctx, t, args.year, parent.id);
  // The list of what was produced, beside the files, for the covering letter.
  const list = ['序号\t单位\t文件\t行数', ...files.map((f, i) => `${i + 1}\t${f.unitName}\t${f.fileName}\t${f.rows}`)].join('\r\n');
  const listFile = ctx.grants.newFile(folder, '下发清单.txt');
  try {
    fs.writeFileSync(listFile, `\uFEFF${list}\r\n`, { flag: 'wx' });
  } catch (e) {
    throw writeFailure(e, listFile);
  }
  return { sendDownId, folder, files };
}
