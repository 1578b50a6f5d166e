/** Export batches: what was written, for whom, when (the rows as sent are recovered from the audit log). */
import type SQLite from 'better-sqlite3';
import type { ExportBatchTable } from '../db/schema.ts';

/** A row of the table as stored (the schema is its one description). */
export type ExportBatchRecord = ExportBatchTable;

export function insertExportBatch(sqlite: SQLite.Database, batch: ExportBatchRecord): void {
  sqlite
    .prepare(
      `INSERT INTO export_batch (id, template_id, template_version, unit_org_id, unit_code, unit_name, period, options_json, file_name, row_count, checksum, audit_mark, send_down_id, created_at, actor)
       VALUES (@id, @template_id, @template_version, @unit_org_id, @unit_code, @unit_name, @period, @options_json, @file_name, @row_count, @checksum, @audit_mark, @send_down_id, @created_at, @actor)`,
    )
    .run(batch);
}


export function listExportBatches(sqlite: SQLite.Database, limit: number): ExportBatchRecord[] {
  return sqlite.prepare(`SELECT * FROM export_batch ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(limit) as ExportBatchRecord[];
}

export function getExportBatch(sqlite: SQLite.Database, id: string): ExportBatchRecord | undefined {
  return sqlite.prepare(`SELECT * FROM export_batch WHERE id = ?`).get(id) as ExportBatchRecord | undefined;
}
