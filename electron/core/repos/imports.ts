/** Import batches (a file read back and committed) and the column mappings users confirmed for hand-made layouts. */
import type SQLite from 'better-sqlite3';
import type { ImportBatchTable } from '../db/schema.ts';

/** A row of the table as stored (the schema is its one description). */
export type ImportBatchRecord = ImportBatchTable;

export function insertImportBatch(sqlite: SQLite.Database, b: ImportBatchRecord): void {
  sqlite
    .prepare(
      `INSERT INTO import_batch (id, file_name, file_hash, file_size, template_id, template_version, recognised_by, export_batch_id, unit_code, period, counts_json, change_set_id, status, created_at, actor)
       VALUES (@id, @file_name, @file_hash, @file_size, @template_id, @template_version, @recognised_by, @export_batch_id, @unit_code, @period, @counts_json, @change_set_id, @status, @created_at, @actor)`,
    )
    .run(b);
}

export function listImportBatches(sqlite: SQLite.Database, limit: number): ImportBatchRecord[] {
  return sqlite.prepare('SELECT * FROM import_batch ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit) as ImportBatchRecord[];
}

export function getImportBatch(sqlite: SQLite.Database, id: string): ImportBatchRecord | undefined {
  return sqlite.prepare('SELECT * FROM import_batch WHERE id = ?').get(id) as ImportBatchRecord | undefined;
}

/** The import whose commit is this change set. */
export function importOfChangeSet(sqlite: SQLite.Database, changeSetId: string): ImportBatchRecord | undefined {
  return sqlite.prepare('SELECT * FROM import_batch WHERE change_set_id = ?').get(changeSetId) as ImportBatchRecord | undefined;
}

export function setImportStatus(sqlite: SQLite.Database, id: string, status: string): void {
  sqlite.prepare('UPDATE import_batch SET status = ? WHERE id = ?').run(status, id);
}

/** The last committed, not undone, import of a file with these bytes. */
export function importedBefore(sqlite: SQLite.Database, hash: string): { created_at: string; actor: string } | undefined {
  return sqlite
    .prepare("SELECT created_at, actor FROM import_batch WHERE file_hash = ? AND status = 'committed' ORDER BY created_at DESC LIMIT 1")
    .get(hash) as { created_at: string; actor: string } | undefined;
}

export function getHeaderMapping(sqlite: SQLite.Database, signature: string): { template_id: string; mapping_json: string } | undefined {
  return sqlite.prepare('SELECT template_id, mapping_json FROM header_mapping WHERE signature = ?').get(signature) as never;
}

export function saveHeaderMapping(sqlite: SQLite.Database, signature: string, templateId: string, mappingJson: string, now: string): void {
  sqlite
    .prepare(
      `INSERT INTO header_mapping (signature, template_id, mapping_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (signature) DO UPDATE SET template_id = excluded.template_id, mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
    )
    .run(signature, templateId, mappingJson, now);
}
