/** Export batches: what was written, for whom, when (the rows as sent are recovered from the audit log). */
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { all, build, first, run } from '../db/query.ts';
import type { ExportBatchTable } from '../db/schema.ts';

/** A row of the table as stored (the schema is its one description). */
export type ExportBatchRecord = ExportBatchTable;

export function insertExportBatch(sqlite: SQLite.Database, batch: ExportBatchRecord): void {
  run(sqlite, build.insertInto('export_batch').values(batch));
}

export function listExportBatches(sqlite: SQLite.Database, limit: number): ExportBatchRecord[] {
  return all(sqlite, build.selectFrom('export_batch').selectAll().orderBy('created_at', 'desc').orderBy(sql`rowid`, 'desc').limit(limit));
}

export function getExportBatch(sqlite: SQLite.Database, id: string): ExportBatchRecord | undefined {
  return first(sqlite, build.selectFrom('export_batch').selectAll().where('id', '=', id));
}
