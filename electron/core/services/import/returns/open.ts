/**
 * A returned export of records read back (联系点台账 with its 工作记录, 领办实事项目,
 * 问题清单, 评定验收台账): known by its manifest (template, unit, period, batch, each row's id
 * and hash), every sheet compared with what the unit's records hold, one preview. The same
 * tables typed by hand (no manifest) are read the same way: their rows matched by their key
 * cells, compared two ways. Nothing is written: the session keeps the comparison until the commit.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../../shared/contract/errors.ts';
import type { ImportPreview, ImportProblemView } from '../../../../../shared/contract/types.ts';
import { rowNoun } from '../../../../../shared/domain/returns.ts';
import { listDictEntriesSync } from '../../../repos/dicts.ts';
import { getExportBatch } from '../../../repos/exports.ts';
import { getOrg, rootOrgId } from '../../../repos/orgs.ts';
import { unitByCode, unitsNamed } from '../../../repos/returns.ts';
import type { ServiceContext } from '../../context.ts';
import { fileColumns, unplacedColumns } from '../columns.ts';
import { exportedView, foreignExport, importedAgain } from '../provenance.ts';
import type { Recognised } from '../recognise.ts';
import { countOf } from '../sessions.ts';
import { analyseSheet } from './analyse.ts';

/** The unit the file was sent to: the export's own, else the unit of its code, else the whole tree. */
function unitOf(ctx: ServiceContext, recognised: Recognised, unitOrgId: number | null | undefined): { id: number; path: string; name: string } {
  const { sqlite } = ctx.conn;
  const code = recognised.manifest?.unitCode;
  const id = unitOrgId ?? (code ? unitByCode(sqlite, code)?.id : undefined) ?? rootOrgId(sqlite);
  const org = id === undefined ? undefined : getOrg(sqlite, id);
  if (!org) throw new AppError('BAD_FILE', `找不到这份表格的填报单位“${recognised.manifest?.unitName ?? ''}”，无法核对。请先在组织机构中建立它。`);
  return { id: org.id, path: org.path, name: org.name };
}

/**
 * The unit a hand-made file is about: the one its 填报单位 line names (a 填报单位（盖章）：经棚镇党委
 * above the table), else the whole tree. Its records are what rows are matched with, and where
 * the names of new rows are looked for.
 */
function handMadeUnit(ctx: ServiceContext, recognised: Recognised): { id: number; path: string; name: string } {
  const { sqlite } = ctx.conn;
  const root = rootOrgId(sqlite);
  const top = root === undefined ? undefined : getOrg(sqlite, root);
  if (!top) throw new AppError('BAD_FILE', '组织机构还是空的，无法核对这份表格。请先建立本单位的组织机构。');
  // Each sheet's line; sheets of several units (one per township) are read against the whole tree.
  const units = recognised.sheets.map((sheet) => {
    for (const row of sheet.raw.rows.slice(0, sheet.layout.headerRows[0] ?? 0)) {
      for (const cell of row) {
        const named = /填报单位[（(]?(?:盖章)?[）)]?[:：]\s*([^\s:：]+)/.exec(String(cell ?? ''));
        if (!named) continue;
        const hits = unitsNamed(sqlite, top.path, [named[1]!, `${named[1]!}党委`, `${named[1]!}党工委`]).filter((u) => u.level !== 'branch' && u.closed_on === null);
        if (hits.length === 1) return hits[0]!;
      }
    }
    return null;
  });
  const unit = units[0];
  if (unit && units.every((u) => u?.id === unit.id)) return { id: unit.id, path: unit.path, name: unit.name };
  return { id: top.id, path: top.path, name: top.name };
}

export function openReturn(ctx: ServiceContext, args: { file: string; name: string; size: number; hash: string; recognised: Recognised; templateId?: string; year?: number }): ImportPreview {
  const { recognised } = args;
  const { sqlite } = ctx.conn;
  const main = recognised.sheets[0]!;
  const { manifest } = recognised;
  // An export of ours: its period, batch and unit. A table typed by hand: matched by its key cells, two ways.
  const period = Number(manifest?.period);
  const year = period >= 1949 && period <= 2100 ? period : (args.year ?? ctx.now().getFullYear());
  const batch = manifest ? getExportBatch(sqlite, manifest.batchId) : undefined;
  const unit = manifest ? unitOf(ctx, recognised, batch?.unit_org_id) : handMadeUnit(ctx, recognised);
  const dicts = listDictEntriesSync(sqlite);
  const problems: ImportProblemView[] = [...recognised.problems];
  const progress = (message: string) => ctx.events.emit('progress', { task: 'import', done: 0, total: 0, message });

  const sheets = recognised.sheets.map((sheet) => {
    progress(`正在核对“${sheet.raw.name}”的 ${sheet.layout.dataRows.length} 行`);
    const analysed = analyseSheet(ctx, sheet, { year, dicts, unit, auditMark: batch?.audit_mark ?? null, problems });
    const columns = fileColumns(sheet);
    problems.push(...unplacedColumns(sheet, columns, `“${sheet.raw.name}”`, ''));
    return { analysed, view: { name: sheet.raw.name, source: sheet.tsheet.source, noun: rowNoun(sheet.tsheet.source), headerRows: sheet.layout.headerRows.map((r) => r + 1), columns } };
  });
  if (manifest && !batch) problems.unshift(foreignExport(manifest, main.raw.name));
  const again = importedAgain(ctx, args.hash);
  if (again) problems.unshift(again.problem);

  const rows = sheets.flatMap((s) => s.analysed.rows);
  const missing = sheets.reduce((n, s) => n + s.analysed.missing, 0);
  const preview: ImportPreview = {
    sessionId: randomUUID(),
    file: { name: args.name, size: args.size, hash: args.hash },
    template: { id: recognised.template.id, title: recognised.template.title, version: manifest?.templateVersion ?? recognised.template.version },
    recognisedBy: recognised.recognisedBy,
    exported: exportedView(manifest, batch),
    year,
    sheet: main.raw.name,
    headerRows: sheets[0]!.view.headerRows,
    columns: sheets[0]!.view.columns,
    sheets: sheets.map((s) => s.view),
    unmapped: main.layout.unmapped,
    needsMapping: false,
    counts: countOf(rows, missing, problems),
    rows,
    missing: [],
    problems,
    importedBefore: again?.before ?? null,
    unknownValues: [],
  };
  ctx.imports.set({ kind: 'records', preview, file: args.file, recognised, sheets: sheets.map((s) => s.analysed), ...(args.templateId ? { templateId: args.templateId } : {}) });
  return preview;
}
