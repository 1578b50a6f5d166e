/**
 * Bringing a database to the current schema. `PRAGMA user_version` is the schema
 * version (a cold start reads one integer); `schema_migration` records what ran and
 * when. Before pending migrations touch an existing database it is backed up (the
 * caller's `backup`: a verified online backup into the backups folder). A database from a newer app is refused untouched.
 */
import { createHash } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';
import { insertDefaultDictionaries } from '../repos/dicts.ts';
import { latestSchemaVersion, migrations, type Migration } from './migrations/index.ts';
import { raw } from './query.ts';
import { writeTransaction } from './transaction.ts';

export function migrationChecksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

export interface MigrateResult {
  from: number;
  to: number;
  backupPath: string | null;
}

export interface MigrateOptions {
  file: string;
  now: Date;
  /**
   * Takes the backup before pending migrations touch an existing database (the backup
   * service's verified online backup); its path is returned. None for a new or in-memory file.
   */
  backup?: (from: number, to: number) => Promise<string>;
}

/** Refuses, before anything is written, a database made by a newer version of the app. */
export function assertSchemaSupported(sqlite: SQLite.Database): void {
  const from = sqlite.pragma('user_version', { simple: true }) as number;
  if (from > latestSchemaVersion) {
    throw new AppError(
      'DB_TOO_NEW',
      `这个数据库由更新版本的组工台账创建（数据结构第 ${from} 版），当前程序只支持到第 ${latestSchemaVersion} 版。为保护数据，程序没有打开它；请升级组工台账后再试。`,
      { schemaVersion: from, supported: latestSchemaVersion },
    );
  }
}

export async function migrate(sqlite: SQLite.Database, options: MigrateOptions): Promise<MigrateResult> {
  assertSchemaSupported(sqlite);
  const from = sqlite.pragma('user_version', { simple: true }) as number;
  if (from === latestSchemaVersion) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  // raw SQL: SQLite's own catalog, which the schema type does not describe.
  const hasTables = raw.first<{ n: number }>(sqlite, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'")!.n > 0;
  if (hasTables && options.file !== ':memory:' && options.backup) backupPath = await options.backup(from, latestSchemaVersion);

  // One transaction: the schema, the dictionaries this version starts with, and the version
  // number. A kill or an error anywhere in it leaves the database as it was, never a new schema
  // without its dictionaries (which no later start would add, the version being current).
  const run = writeTransaction(sqlite, () => {
    // Another process (a second window, the command line) may have migrated while this one waited.
    const now = sqlite.pragma('user_version', { simple: true }) as number;
    if (now === latestSchemaVersion) return;
    sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const record = sqlite.prepare('INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    for (const m of migrations) {
      if (m.version <= now) continue;
      sqlite.exec(m.sql);
      record.run(m.version, m.name, migrationChecksum(m), options.now.toISOString());
    }
    insertDefaultDictionaries(sqlite);
    sqlite.pragma(`user_version = ${latestSchemaVersion}`);
  });
  run();
  return { from, to: latestSchemaVersion, backupPath };
}
