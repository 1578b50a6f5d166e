/**
 * Where a file comes from, as the preview says it: an export of ours (its batch, whose audit
 * mark makes the three-way comparison possible), one exported elsewhere, a file imported
 * before. Said the same for the ledger and for records.
 */
import type { ImportPreview } from '../../../../shared/contract/types.ts';
import type { Manifest } from '../../excel/manifest.ts';
import type { ExportBatchRecord } from '../../repos/exports.ts';
import { importedBefore } from '../../repos/imports.ts';
import { localTime, type ServiceContext } from '../context.ts';
import type { ImportProblem } from './recognise.ts';

export function exportedView(manifest: Manifest | null, batch: ExportBatchRecord | undefined): ImportPreview['exported'] {
  return manifest
    ? { unitName: manifest.unitName, unitCode: manifest.unitCode, period: manifest.period, batchId: manifest.batchId, at: manifest.exportedAt, ours: batch !== undefined }
    : null;
}

/** An export made elsewhere is compared two ways only, and says so. */
export function foreignExport(manifest: Manifest, sheet: string): ImportProblem {
  return { severity: 'warning', sheet, cell: '', message: `这份表格不是从本机导出的（由“${manifest.unitName}”于 ${localTime(manifest.exportedAt).slice(0, 10)} 导出），只能与现有数据两方比对，无法区分双方各自的修改。` };
}

/** The same file imported before: what is still different is all a second import applies. */
export function importedAgain(ctx: ServiceContext, hash: string): { problem: ImportProblem; before: NonNullable<ImportPreview['importedBefore']> } | null {
  const before = importedBefore(ctx.conn.sqlite, hash);
  if (!before) return null;
  return {
    problem: { severity: 'warning', sheet: '', cell: '', message: `这个文件已于 ${localTime(before.created_at)} 由 ${before.actor} 导入过。再次导入只会应用仍有差别的内容。` },
    before: { at: before.created_at, actor: before.actor },
  };
}
