/**
 * Taking one backup: SQLite's online backup of the open database into `<name>.part`,
 * made a plain file, verified (integrity_check, a schema version this app knows, our
 * tables), its sidecar written, and only then renamed to `<name>`. A kill at any moment
 * leaves either no backup or a good one, and at most a .part that is never listed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { BackupInfo, BackupReason } from '../../../../shared/contract/backup.ts';
import { latestSchemaVersion } from '../../db/migrations/index.ts';
import { checkDatabaseFile, onlineBackup, settleCopy, type Holdings } from '../../repos/backups.ts';
import { deleteBackup, infoOf, newBackupName, partSuffix, removePart, syncFolder, writeSidecar } from './files.ts';

/** What a backup is taken of, and where it goes. */
export interface BackupSource {
  sqlite: SQLite.Database;
  dbPath: string;
  dir: string;
}

/**
 * Pages copied per step: about 32 MB, so a 180 MB database is copied in a few steps and
 * the core answers between them; a write by this connection in between is copied as well.
 */
const pagesPerStep = 8192;

export async function takeBackup(source: BackupSource, reason: BackupReason, at: Date, note: string | null = null): Promise<BackupInfo> {
  try {
    fs.mkdirSync(source.dir, { recursive: true });
  } catch (e) {
    throw new AppError('INVALID_ARGS', `无法建立备份文件夹“${source.dir}”：${(e as Error).message}。没有做备份，数据库没有改动。`, { path: source.dir });
  }
  const name = newBackupName(source.dir, source.dbPath, reason, at);
  const file = path.join(source.dir, name);
  const part = file + partSuffix;
  try {
    await onlineBackup(source.sqlite, part, pagesPerStep);
    // The copy carries the source's WAL flag; as a plain file, reading it later leaves nothing beside it.
    settleCopy(part);
    const check = checkDatabaseFile(part, latestSchemaVersion);
    if (!check.ok) {
      throw new AppError('INTERNAL', `备份副本未通过校验：${check.why}。没有保存这份备份，数据库没有改动。`, { path: file });
    }
    const bytes = fs.statSync(part).size;
    const sidecar = { reason, takenAt: at.toISOString(), bytes, note, ...check.holdings };
    writeSidecar(source.dir, name, sidecar);
    fs.renameSync(part, file);
    syncFolder(source.dir);
    return infoOf(source.dir, name, sidecar);
  } catch (e) {
    removePart(part);
    if (!fs.existsSync(file)) deleteBackup(source.dir, name);
    if (e instanceof AppError) throw e;
    throw new AppError('INTERNAL', `备份没有完成：${(e as Error).message}。没有保存这份备份，数据库没有改动。`, { path: file });
  }
}

/** A verified copy of the open database at a path the user gave (the CLI's --out): written beside it as .part, then renamed. */
export async function copyTo(sqlite: SQLite.Database, out: string): Promise<Holdings & { bytes: number }> {
  const part = out + partSuffix;
  try {
    await onlineBackup(sqlite, part, pagesPerStep);
    settleCopy(part);
    const check = checkDatabaseFile(part, latestSchemaVersion);
    if (!check.ok) throw new AppError('INTERNAL', `备份副本未通过校验：${check.why}。没有写出备份文件。`, { path: out });
    const bytes = fs.statSync(part).size;
    fs.renameSync(part, out);
    return { ...check.holdings, bytes };
  } catch (e) {
    removePart(part);
    throw e;
  }
}
