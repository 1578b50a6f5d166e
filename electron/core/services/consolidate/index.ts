/**
 * Consolidation (汇总上报): the superior's tables from the figures we hold (the subordinate units'
 * returns are imported into them), one row per unit directly below the chosen one, with 合计; where
 * each row's figures come from (its return accepted, not yet accepted, or nothing returned); the
 * rows behind any figure; the file sent up, recorded with every figure, and what changed since.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/contract/errors.ts';
import {
  consolidationTemplateIds, figureChanges, isConsolidationTemplate, rowStatus, sourceStatusLabels,
  type Consolidation, type ConsolidationColumn, type ConsolidationExport, type ConsolidationReturn, type ConsolidationRow, type ConsolidationTemplateId,
  type FigureTrace, type Figures, type RowSource, type TraceItem,
} from '../../../../shared/domain/consolidate.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { returnStateLabels, type ReturnState } from '../../../../shared/domain/reportReturns.ts';
import { chosenColumns, fillTitle, findTemplate, plainTitle } from '../../../../shared/templates/index.ts';
import type { Template } from '../../../../shared/templates/types.ts';
import { writeWorkbook } from '../../excel/writer.ts';
import { insertReport, lastReport, returnsOfUnits } from '../../repos/consolidate.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { childUnits, getOrg, rootOrgId } from '../../repos/orgs.ts';
import { ourUnitId } from '../../repos/settings.ts';
import { writeFailure } from '../../shell.ts';
import type { ServiceContext } from '../context.ts';
import { loadChoices, placeName, templateOrThrow } from '../export/index.ts';
import { besideLedger } from '../ledger/list.ts';
import { isRate, itemKindLabels, loadItems, measuresOf, type CountMeasure, type Item, type ItemKind, type Measure } from './measures.ts';

interface Scope {
  id: number;
  name: string;
  code: string | null;
  path: string;
}

type Unit = ReturnType<typeof childUnits>[number];

/** The template of a consolidation table, or a Chinese refusal naming those there are. */
export function consolidationTemplate(templateId: string): Template & { id: ConsolidationTemplateId } {
  const t = templateOrThrow(templateId);
  if (!isConsolidationTemplate(t.id)) {
    const names = consolidationTemplateIds.map((id) => `${plainTitle(findTemplate(id)!)}（${id}）`).join('、');
    throw new AppError('INVALID_ARGS', `“${plainTitle(t)}”不是汇总表，不能汇总上报。可汇总的报表：${names}。`, { templateId });
  }
  return t as Template & { id: ConsolidationTemplateId };
}

/** The unit whose subordinate units are totalled: the one asked for, else the department's, else the top of the tree. */
function scopeOf(ctx: ServiceContext, unitId: number | undefined): Scope {
  const { sqlite } = ctx.conn;
  const id = unitId ?? ourUnitId(sqlite) ?? rootOrgId(sqlite);
  const org = id === undefined ? undefined : getOrg(sqlite, id);
  if (unitId !== undefined && !org) throw new AppError('NOT_FOUND', `找不到编号为 ${unitId} 的党组织，请刷新后重新选择单位。`, { unitId });
  if (!org) throw new AppError('NOT_FOUND', '还没有组织机构，无法汇总。');
  if (org.level === 'branch') throw new AppError('INVALID_ARGS', `“${org.name}”是党支部，请选择旗县区或苏木乡镇（街道）等上级单位来汇总。`, { unitId: org.id });
  return { id: org.id, name: org.name, code: org.code, path: org.path };
}

function dictLabels(ctx: ServiceContext): (dict: string, code: CellValue | undefined) => string {
  const labels = new Map(listDictEntriesSync(ctx.conn.sqlite).map((d) => [`${d.dict}:${d.code}`, d.label]));
  return (dict, code) => (code === null || code === undefined || code === '' ? '未填' : (labels.get(`${dict}:${String(code)}`) ?? String(code)));
}

/** A figures table made: its units, their rows, and the rows each counts. */
interface Made {
  t: Template & { id: ConsolidationTemplateId };
  scope: Scope;
  year: number;
  units: Unit[];
  measures: Measure[];
  /** Per unit id, per kind, the rows it counts. */
  items: Map<number, Map<ItemKind, Item[]>>;
  returns: Map<number, ConsolidationReturn[]>;
  returnTemplates: string[];
}

const returnTitle = (id: string) => {
  const t = findTemplate(id);
  return t ? plainTitle(t) : id;
};

function make(ctx: ServiceContext, templateId: string, year: number, unitId: number | undefined): Made {
  const t = consolidationTemplate(templateId);
  const scope = scopeOf(ctx, unitId);
  const units = childUnits(ctx.conn.sqlite, scope.id);
  const measures = measuresOf(t.id, dictLabels(ctx));
  const counts = measures.filter((m): m is CountMeasure => !isRate(m));
  const kinds = new Set<ItemKind>(counts.map((m) => m.items));
  if (kinds.has('leader')) kinds.add('point');
  const all = loadItems(ctx, scope.id, year, kinds);
  // A row sits under the unit of the first step of its path below ours (paths are /1/5/23/).
  const unitIds = new Set(units.map((u) => u.id));
  const items = new Map<number, Map<ItemKind, Item[]>>(units.map((u) => [u.id, new Map()]));
  for (const item of all) {
    const first = Number(item.path.slice(scope.path.length).split('/')[0]);
    if (!unitIds.has(first)) continue;
    const byKind = items.get(first)!;
    (byKind.get(item.kind) ?? byKind.set(item.kind, []).get(item.kind)!).push(item);
  }
  if (kinds.has('leader')) {
    // A leader counts once in each unit where they have a point.
    for (const byKind of items.values()) {
      const leaders = new Map<number, Item>();
      for (const p of byKind.get('point') ?? []) {
        const id = Number(p.facts.leaderId);
        const had = leaders.get(id);
        if (had) had.facts.points = Number(had.facts.points) + 1;
        else leaders.set(id, { kind: 'leader', id, path: p.path, name: String(p.facts.leaderName ?? ''), place: String(p.facts.leaderTitle ?? ''), facts: { points: 1 } });
      }
      byKind.set('leader', [...leaders.values()]);
    }
  }
  const returnTemplates = [...new Set(counts.flatMap((m) => m.returns))];
  const returns = new Map<number, ConsolidationReturn[]>();
  for (const r of returnsOfUnits(ctx.conn.sqlite, String(year), units.map((u) => u.id), returnTemplates)) {
    const state = r.state as ReturnState;
    const list = returns.get(r.unit_org_id) ?? returns.set(r.unit_org_id, []).get(r.unit_org_id)!;
    list.push({
      templateId: r.template_id, templateTitle: returnTitle(r.template_id), state, stateLabel: returnStateLabels[state], round: r.round,
      fileName: r.file_name, returnedAt: r.returned_at, acceptedAt: state === 'accepted' ? (r.accepted_at ?? null) : null,
      reopenedAt: r.reopened_at && r.returned_at && r.reopened_at > r.returned_at ? r.reopened_at : null, importBatchId: r.import_batch_id,
    });
  }
  for (const list of returns.values()) list.sort((a, b) => returnTemplates.indexOf(a.templateId) - returnTemplates.indexOf(b.templateId));
  return { t, scope, year, units, measures, items, returns, returnTemplates };
}

function figuresOf(measures: readonly Measure[], items: Map<ItemKind, Item[]> | undefined): Figures {
  const values: Figures = {};
  for (const m of measures) if (!isRate(m)) values[m.field] = (items?.get(m.items) ?? []).reduce((s, i) => s + m.add(i.facts), 0);
  for (const m of measures) if (isRate(m)) values[m.field] = ratio(values[m.ratio.of] ?? null, values[m.ratio.to] ?? null);
  return values;
}

function ratio(of: number | null, to: number | null): number | null {
  return of === null || !to ? null : of / to;
}

/** Where a unit's figures come from, for the tables these measures read. */
function sourceOf(made: Made, unitId: number, tables: readonly string[]): RowSource {
  const returns = (made.returns.get(unitId) ?? []).filter((r) => tables.includes(r.templateId));
  const came = new Set(returns.filter((r) => r.state !== 'sent').map((r) => r.templateId));
  const status = rowStatus(returns.map((r) => r.state));
  return { status, label: sourceStatusLabels[status], returns, own: tables.filter((id) => !came.has(id)).map(returnTitle) };
}

function columnsOf(made: Made): ConsolidationColumn[] {
  const byField = new Map(made.measures.map((m) => [m.field, m]));
  return made.t.sheets[0]!.columns
    .filter((c) => byField.has(c.field))
    .map((c) => ({ field: c.field, header: c.header, group: c.group ?? null, type: c.type === 'percent' ? 'percent' : 'integer', rule: byField.get(c.field)!.rule }));
}

/** The lines under the table: the template's (how the shares are counted), then where the rows' figures come from. */
function notesOf(made: Made, rows: readonly ConsolidationRow[]): string[] {
  const notes = [...(made.t.sheets[0]!.notes ?? [])];
  if (made.returnTemplates.length === 0) return notes;
  const names = (status: string) => rows.filter((r) => r.source.status === status).map((r) => r.unitName);
  const pending = names('pending');
  const sentBack = names('sentBack');
  const own = names('own');
  const parts: string[] = [];
  if (pending.length) parts.push(`${pending.join('、')}的报送表待审核`);
  if (sentBack.length) parts.push(`${sentBack.join('、')}的报送表退回修改中`);
  let line = '数据来源：';
  if (parts.length) line += `${parts.join('；')}，其数据已计入，以审核采纳后的为准。`;
  if (own.length) line += `${own.join('、')}未报送，按本级掌握的数据填列。`;
  if (!parts.length && !own.length) line += '各单位已采纳的报送表。';
  notes.push(line);
  return notes;
}

interface ReportedFigures {
  rows: { unitId: number; unitName: string; values: Figures }[];
  totals: Figures;
}

export function runConsolidation(ctx: ServiceContext, args: { templateId: string; year: number; unitId?: number | undefined }): Consolidation {
  return consolidationOf(ctx, make(ctx, args.templateId, args.year, args.unitId));
}

function consolidationOf(ctx: ServiceContext, made: Made): Consolidation {
  const tables = made.returnTemplates;
  const rows: ConsolidationRow[] = made.units.map((u) => ({ unitId: u.id, unitName: u.name, code: u.code, values: figuresOf(made.measures, made.items.get(u.id)), source: sourceOf(made, u.id, tables) }));
  const totals: Figures = {};
  for (const m of made.measures) if (!isRate(m)) totals[m.field] = rows.reduce((s, r) => s + (r.values[m.field] ?? 0), 0);
  for (const m of made.measures) if (isRate(m)) totals[m.field] = ratio(totals[m.ratio.of] ?? null, totals[m.ratio.to] ?? null);
  const columns = columnsOf(made);
  const last = lastReport(ctx.conn.sqlite, made.t.id, String(made.year), made.scope.id);
  const reported = last ? (JSON.parse(last.figures_json) as ReportedFigures) : null;
  return {
    templateId: made.t.id,
    title: fillTitle(made.t.title, placeName(made.scope.name), made.year),
    year: made.year,
    unit: { id: made.scope.id, name: made.scope.name, code: made.scope.code },
    columns,
    rows,
    totals,
    notes: notesOf(made, rows),
    lastReport: last ? { id: last.id, reportedAt: last.reported_at, actor: last.actor, fileName: last.file_name, fileHash: last.file_hash } : null,
    changes: reported ? figureChanges(columns, reported, { rows, totals }) : [],
  };
}

/** The rows behind one figure of one row (or of 合计: `rowUnitId` the chosen unit itself), and the returns they came in with. */
export function traceFigure(ctx: ServiceContext, args: { templateId: string; year: number; unitId?: number | undefined; rowUnitId: number; field: string }): FigureTrace {
  const made = make(ctx, args.templateId, args.year, args.unitId);
  const measure = made.measures.find((m) => m.field === args.field);
  const column = columnsOf(made).find((c) => c.field === args.field);
  if (!measure || !column) throw new AppError('INVALID_ARGS', `“${plainTitle(made.t)}”没有这一列（${args.field}）。`, { field: args.field });
  const total = args.rowUnitId === made.scope.id;
  const units = total ? made.units : made.units.filter((u) => u.id === args.rowUnitId);
  if (units.length === 0) throw new AppError('NOT_FOUND', `“${made.scope.name}”的下一级单位中没有编号为 ${args.rowUnitId} 的单位，请刷新后重试。`, { rowUnitId: args.rowUnitId });
  const counted = isRate(measure) ? (made.measures.find((m) => m.field === measure.ratio.to) as CountMeasure) : measure;
  const numerator = isRate(measure) ? (made.measures.find((m) => m.field === measure.ratio.of) as CountMeasure) : null;
  const items: TraceItem[] = [];
  for (const u of units) {
    for (const i of made.items.get(u.id)?.get(counted.items) ?? []) {
      const value = counted.add(i.facts);
      if (value === 0) continue;
      const detail = numerator ? numerator.show(i.facts) : counted.show(i.facts);
      items.push({
        kind: itemKindLabels[i.kind], id: i.id, name: i.name, place: total ? `${u.name}${i.place ? ` · ${i.place}` : ''}` : i.place, detail, value,
        ...(numerator ? { inNumerator: numerator.add(i.facts) > 0 } : {}),
      });
    }
  }
  const tables = isRate(measure) ? [...new Set([...counted.returns, ...(numerator?.returns ?? [])])] : counted.returns;
  const returns = units.flatMap((u) => (made.returns.get(u.id) ?? []).filter((r) => tables.includes(r.templateId)).map((r) => ({ ...r, unitName: u.name })));
  const own = units.flatMap((u) => sourceOf(made, u.id, tables).own.map((t) => (total ? `${u.name}：${t}` : t)));
  const figures = total ? consolidationOf(ctx, made).totals : figuresOf(made.measures, made.items.get(units[0]!.id));
  return {
    templateId: made.t.id, year: made.year, unitId: made.scope.id, rowUnit: total ? { id: made.scope.id, name: '合计' } : { id: units[0]!.id, name: units[0]!.name },
    field: args.field, column: column.group ? `${column.group}·${column.header}` : column.header, rule: measure.rule, figure: figures[args.field] ?? null, items, returns, own,
  };
}

/**
 * Writes the table to send up, in its official format with the notes under it, and records it as
 * reported (every figure, each row's source, the file and its hash). The comparison returned is
 * with the report before this one: what changed since the last time it went up.
 */
export async function exportConsolidation(ctx: ServiceContext, args: { templateId: string; year: number; unitId?: number | undefined; path: string }): Promise<ConsolidationExport> {
  const made = make(ctx, args.templateId, args.year, args.unitId);
  const c = consolidationOf(ctx, made);
  const file = ctx.grants.writable(args.path);
  const t = made.t;
  const choices = loadChoices(ctx, t);
  const sheet = t.sheets[0]!;
  const uid = new Map(made.units.map((u) => [u.id, u.uid]));
  const reportedAt = ctx.now().toISOString();
  ctx.grants.guard(file);
  const part = `${file}.part`;
  try {
    await writeWorkbook({
      file: part,
      choices,
      reportingUnit: fillTitle(choices.reportingUnit, made.scope.name, made.year),
      sheets: [{
        name: sheet.name,
        title: fillTitle(choices.title, placeName(made.scope.name), made.year),
        columns: chosenColumns(sheet, choices),
        totalsRow: sheet.totalsRow ?? false,
        rows: c.rows.map((r) => ({ entity: 'org', id: r.unitId, uid: uid.get(r.unitId)!, values: { unit: r.unitName, ...r.values } })),
        notes: c.notes,
      }],
      footer: t.footer,
      orientation: t.page.orientation,
      dicts: listDictEntriesSync(ctx.conn.sqlite),
      manifest: { template: t.id, templateVersion: t.version, unitCode: made.scope.code, unitName: made.scope.name, period: String(made.year), batchId: randomUUID(), exportedAt: reportedAt, appVersion: ctx.appVersion },
      blankRows: 0,
    });
    fs.renameSync(part, file);
  } catch (e) {
    fs.rmSync(part, { force: true });
    throw writeFailure(e, file);
  }
  const fileHash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const figures: ReportedFigures = { rows: c.rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName, values: r.values })), totals: c.totals };
  const sources = c.rows.map((r) => ({ unitId: r.unitId, status: r.source.status, returns: r.source.returns.map((x) => ({ templateId: x.templateId, state: x.state, round: x.round, fileName: x.fileName, acceptedAt: x.acceptedAt })) }));
  // A report changes no ledger row: the year the core keeps in memory stays as it is.
  const reportId = besideLedger(ctx, ctx.conn.writeTransaction(() =>
      insertReport(ctx.conn.sqlite, {
        template_id: t.id, template_version: t.version, period: String(made.year), scope_org_id: made.scope.id,
        figures_json: JSON.stringify(figures), sources_json: JSON.stringify(sources),
        reported_at: reportedAt, actor: ctx.actor, file_name: path.basename(file), file_path: file, file_hash: fileHash,
      }),
  ));
  ctx.events.emit('data.changed', { entity: 'consolidation_report' });
  return { reportId, file, fileName: path.basename(file), fileHash, reportedAt, consolidation: c };
}

/** The rows of a consolidation table as the ordinary export writes them (报表导出): figures only, no report kept. */
export function consolidationSourceRows(ctx: ServiceContext, templateId: ConsolidationTemplateId, year: number, unitId: number | undefined) {
  const made = make(ctx, templateId, year, unitId);
  const c = consolidationOf(ctx, made);
  const uid = new Map(made.units.map((u) => [u.id, u.uid]));
  return c.rows.map((r) => ({ entity: 'org', id: r.unitId, uid: uid.get(r.unitId)!, values: { unit: r.unitName, ...r.values } as Record<string, CellValue>, label: r.unitName }));
}
