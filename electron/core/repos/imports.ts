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

/**
 * Open units directly under these parents with these exact names, each with its ledger row of
 * the year if it has one (deleted or not): what an import adding a branch of that name must
 * reuse. Where a name repeats under one parent, the first in the tree's order (as `existingBranch` takes it).
 */
export function branchesNamed(
  sqlite: SQLite.Database,
  year: number,
  wanted: { parentId: number; name: string }[],
): { parent_id: number; name: string; org_id: number; ledger_id: number | null; ledger_uid: string | null; deleted_at: string | null }[] {
  if (wanted.length === 0) return [];
  return sqlite
    .prepare(
      `SELECT o.parent_id, o.name, o.id AS org_id, l.id AS ledger_id, l.uid AS ledger_uid, l.deleted_at
       FROM (SELECT DISTINCT value ->> 0 AS parent_id, value ->> 1 AS name FROM json_each(?)) w
       JOIN org o ON o.parent_id = w.parent_id AND o.name = w.name AND o.closed_on IS NULL
       LEFT JOIN branch_ledger l ON l.org_id = o.id AND l.year = ?
       ORDER BY o.parent_id, o.sort_order, o.id`,
    )
    .all(JSON.stringify(wanted.map((w) => [w.parentId, w.name])), year) as never;
}
