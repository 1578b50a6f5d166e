/** Export batches: what was written, for whom, and each row as sent. */
import type SQLite from 'better-sqlite3';
import type { CellValue } from '../../../shared/domain/fields.ts';

export interface ExportBatchRecord {
  id: string;
  template_id: string;
  template_version: number;
  unit_org_id: number | null;
  unit_code: string | null;
  unit_name: string;
  period: string;
  options_json: string;
  file_name: string;
  row_count: number;
  checksum: string;
  send_down_id: string | null;
  created_at: string;
  actor: string;
}

export function insertExportBatch(sqlite: SQLite.Database, batch: ExportBatchRecord, rows: { entity: string; rowId: number; uid: string; values: CellValue[] }[]): void {
  sqlite
    .prepare(
      `INSERT INTO export_batch (id, template_id, template_version, unit_org_id, unit_code, unit_name, period, options_json, file_name, row_count, checksum, send_down_id, created_at, actor)
       VALUES (@id, @template_id, @template_version, @unit_org_id, @unit_code, @unit_name, @period, @options_json, @file_name, @row_count, @checksum, @send_down_id, @created_at, @actor)`,
    )
    .run(batch);
  const insert = sqlite.prepare('INSERT INTO export_row (batch_id, row_no, entity, row_id, row_uid, values_json) VALUES (?, ?, ?, ?, ?, ?)');
  rows.forEach((r, i) => insert.run(batch.id, i + 1, r.entity, r.rowId, r.uid, JSON.stringify(r.values)));
}

export function listExportBatches(sqlite: SQLite.Database, limit: number): ExportBatchRecord[] {
  return sqlite.prepare('SELECT * FROM export_batch ORDER BY created_at DESC, id LIMIT ?').all(limit) as ExportBatchRecord[];
}

export function getExportBatch(sqlite: SQLite.Database, id: string): ExportBatchRecord | undefined {
  return sqlite.prepare('SELECT * FROM export_batch WHERE id = ?').get(id) as ExportBatchRecord | undefined;
}

/** The rows of a batch as sent, by stable id. */
export function sentRows(sqlite: SQLite.Database, batchId: string): Map<string, { entity: string; rowId: number; values: CellValue[] }> {
  const rows = sqlite.prepare('SELECT entity, row_id, row_uid, values_json FROM export_row WHERE batch_id = ? ORDER BY row_no').all(batchId) as {
    entity: string;
    row_id: number;
    row_uid: string;
    values_json: string;
  }[];
  return new Map(rows.map((r) => [r.row_uid, { entity: r.entity, rowId: r.row_id, values: JSON.parse(r.values_json) as CellValue[] }]));
}
