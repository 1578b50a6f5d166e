/**
 * A returned export of records read back (联系点台账 with its 工作记录, 领办实事项目,
 * 问题清单, 评定验收台账): known by its manifest (template, unit, period, batch, each row's id
 * and hash), every sheet compared with what the unit's records hold, one preview. Nothing is
 * written: the session keeps the comparison until the commit.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../../shared/contract/errors.ts';
import type { ImportPreview, ImportProblemView } from '../../../../../shared/contract/types.ts';
import { recordTables } from '../../../../../shared/domain/records.ts';
import { recordSources, rowNoun, type RecordSource } from '../../../../../shared/domain/returns.ts';
import { plainTitle } from '../../../../../shared/templates/index.ts';
import { listDictEntriesSync } from '../../../repos/dicts.ts';
import { getExportBatch } from '../../../repos/exports.ts';
import { getOrg, rootOrgId } from '../../../repos/orgs.ts';
import { unitByCode } from '../../../repos/returns.ts';
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

export function openReturn(ctx: ServiceContext, args: { file: string; name: string; size: number; hash: string; recognised: Recognised; templateId?: string }): ImportPreview {
  const { recognised } = args;
  const { sqlite } = ctx.conn;
  const main = recognised.sheets[0]!;
  const { manifest } = recognised;
  const table = recordTables[recordSources[main.tsheet.source as RecordSource]].title;
  // Rows of records are matched by the ids an export gives them: a table typed by hand has none.
  if (!manifest) {
    throw new AppError(
      'BAD_FILE',
      `识别为“${plainTitle(recognised.template)}”，但文件中没有组工台账导出时的报表标识。这类表格只能导入本程序导出、填报后报送回来的文件：请导出或下发表格给填报单位填写，或在“${table}”页面中录入。`,
      { template: recognised.template.id },
    );
  }
  const period = Number(manifest.period);
  const year = period >= 1949 && period <= 2100 ? period : ctx.now().getFullYear();
  const batch = getExportBatch(sqlite, manifest.batchId);
  const unit = unitOf(ctx, recognised, batch?.unit_org_id);
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
  if (!batch) problems.unshift(foreignExport(manifest, main.raw.name));
  const again = importedAgain(ctx, args.hash);
  if (again) problems.unshift(again.problem);

  const rows = sheets.flatMap((s) => s.analysed.rows);
  const missing = sheets.reduce((n, s) => n + s.analysed.missing, 0);
  const preview: ImportPreview = {
    sessionId: randomUUID(),
    file: { name: args.name, size: args.size, hash: args.hash },
    template: { id: recognised.template.id, title: recognised.template.title, version: manifest.templateVersion },
    recognisedBy: 'manifest',
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
