/**
 * What the backup service asks of SQLite files: of a copy being verified, of a file
 * offered for restore, and of the live database (retention, health). SQL stays here.
 */
import SQLite from 'better-sqlite3';
import { defaultBackupRetention, type BackupRetention } from '../../../shared/contract/backup.ts';
import { raw } from '../db/query.ts';
import { getSetting, setSetting } from './settings.ts';

/** What a backup holds, read from the copy itself. */
export interface Holdings {
  schemaVersion: number;
  units: number;
  branches: number;
  latestYear: number | null;
}

/** A file checked as a database of ours: what failed (Chinese), or what it holds. */
export type FileCheck = { ok: true; holdings: Holdings } | { ok: false; why: string };

/** The tables a database of ours has had since its first version: a file without them is someone else's. */
const ourTables = ['org', 'branch_ledger', 'setting', 'change_set', 'audit_log'];

/**
 * Raw SQL throughout the checks: SQLite's pragmas and catalog, on a file that may be anyone's.
 * Opens `file` read-only and checks it: its pages (`quick_check`, or `integrity_check`, which
 * also compares every index with its table), a schema version this app knows (1 … `latest`),
 * our tables; then counts what it holds. Never writes to the file.
 */
export function checkDatabaseFile(file: string, latest: number, depth: 'quick' | 'full' = 'full'): FileCheck {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return { ok: false, why: /not a database|encrypted/i.test((e as Error).message) ? '不是 SQLite 数据库文件' : '无法打开（文件不可读，或不是数据库文件）' };
  }
  try {
    // 64 MB of pages: the check of a 180 MB file compares every index with its table, and runs a fifth faster so.
    db.pragma('cache_size = -65536');
    let lines: string[];
    try {
      const pragma = depth === 'quick' ? 'quick_check' : 'integrity_check';
      lines = raw.all<Record<string, string>>(db, `PRAGMA ${pragma}(5)`).map((r) => r[pragma]!);
    } catch (e) {
      return { ok: false, why: /not a database|encrypted/i.test((e as Error).message) ? '不是 SQLite 数据库文件' : '文件已损坏（结构无法读取）' };
    }
    if (lines.length !== 1 || lines[0] !== 'ok') return { ok: false, why: `文件已损坏（${depth === 'quick' ? '快速' : ''}完整性检查发现${damageWhere(lines)}）` };
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const present = new Set(raw.all<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => r.name));
    const missing = ourTables.filter((t) => !present.has(t));
    if (schemaVersion < 1 || missing.length) return { ok: false, why: '不是组工台账的数据库（缺少台账的数据表）' };
    if (schemaVersion > latest) return { ok: false, why: `由更新版本的组工台账创建（数据结构第 ${schemaVersion} 版，当前程序只支持到第 ${latest} 版），请先升级组工台账` };
    return { ok: true, holdings: { schemaVersion, ...counts(db) } };
  } catch (e) {
    return { ok: false, why: /corrupt|malformed/i.test((e as Error).message) ? '文件已损坏（结构无法读取）' : '读取时出错（文件可能不完整或已损坏）' };
  } finally {
    db.close();
  }
}

/** SQLite's findings (English, naming b-tree pages) as a person is told them: how many, which pages. */
function damageWhere(lines: string[]): string {
  const pages = [...new Set(lines.flatMap((l) => [...l.matchAll(/page (\d+)/gi)].map((m) => m[1]!)))].slice(0, 3);
  return `${lines.length >= 5 ? '至少 5' : lines.length} 处错误${pages.length ? `，涉及第 ${pages.join('、')} 页` : ''}`;
}

/**
 * Units (every open organisation above the branches), branches, and the latest ledger year.
 * Raw SQL: the file may be of an older schema than the one the query builder is typed with.
 */
function counts(db: SQLite.Database): Omit<Holdings, 'schemaVersion'> {
  const org = raw.first<{ units: number | null; branches: number | null }>(db, "SELECT sum(level <> 'branch') AS units, sum(level = 'branch') AS branches FROM org WHERE closed_on IS NULL");
  const year = raw.first<{ y: number | null }>(db, 'SELECT max(year) AS y FROM branch_ledger WHERE deleted_at IS NULL');
  return { units: org?.units ?? 0, branches: org?.branches ?? 0, latestYear: year?.y ?? null };
}

/** The page size of a database file, read from its header by SQLite (a restore into WAL needs the same). */
export function pageSizeOf(sqlite: SQLite.Database): number {
  return sqlite.pragma('page_size', { simple: true }) as number;
}

/** A copy just written by the online backup: made a plain rollback-journal file, so opening it later leaves no -wal or -shm beside it. */
export function settleCopy(file: string): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** The live database's schema version. */
export function schemaVersionOf(sqlite: SQLite.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** After a restore the connection writes again: WAL as at every open. */
export function reopenForWrites(sqlite: SQLite.Database): void {
  sqlite.pragma('query_only = OFF');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
}

export const retentionSetting = 'backup.retention';

export function loadRetention(sqlite: SQLite.Database): BackupRetention {
  try {
    return { ...defaultBackupRetention, ...getSetting<Partial<BackupRetention>>(sqlite, retentionSetting, {}) };
  } catch {
    // A damaged or old database without the setting table: the defaults.
    return defaultBackupRetention;
  }
}

export function storeRetention(sqlite: SQLite.Database, retention: BackupRetention): void {
  setSetting(sqlite, retentionSetting, retention);
}

/** A private copy (rollback journal) rebuilt with `pageSize`-byte pages. */
export function conformPageSize(file: string, pageSize: number): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma(`page_size = ${Math.trunc(pageSize)}`);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

/**
 * Folds the WAL back into the file after a restore wrote the whole database into it. Only
 * tidiness: when the connection cannot yet (a journal mode just switched), the next
 * automatic checkpoint does it.
 */
export function checkpoint(sqlite: SQLite.Database): void {
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // SQLITE_LOCKED right after the switch to WAL: left to SQLite's own checkpoints.
  }
}

/**
 * SQLite's online backup of `source` into `file`, `pagesPerStep` pages at a time (the core
 * answers between steps). Into an existing database file the copy is one write transaction
 * of that file: a kill leaves it as it was.
 */
export async function onlineBackup(source: SQLite.Database, file: string, pagesPerStep: number): Promise<void> {
  await source.backup(file, { progress: () => pagesPerStep });
}

/** The online backup from a database file into another (a restore): the whole copy in one step, so in one transaction. */
export async function backupFileInto(sourceFile: string, file: string): Promise<void> {
  const source = new SQLite(sourceFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(file, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
}
