/**
 * The backups folder. A backup is `<database>-<local time>-<reason>.db`, and beside it
 * `<name>.json`, what the list shows (reason, time, size, what it holds, a note), written
 * before the .db is named: listing 60 backups of a 100,000-branch database reads 60
 * small files, not 60 databases. The rename to `.db` is the commit point; a copy still
 * being written or verified is `<name>.part` and is never listed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backupReasons, type BackupInfo, type BackupReason } from '../../../../shared/contract/backup.ts';
import { latestSchemaVersion } from '../../db/migrations/index.ts';
import { checkDatabaseFile, type Holdings } from '../../repos/backups.ts';

export const partSuffix = '.part';

/** Why copying a database file failed, in words a person can act on (the system's own are English). */
const failures: [RegExp, string][] = [
  [/ENOSPC|SQLITE_FULL/, '磁盘空间不足，请清理磁盘或在“设置 → 备份与恢复”中减少保留的备份'],
  [/EACCES|EPERM|SQLITE_CANTOPEN/, '没有权限读写该位置，或文件正被其他程序占用'],
  [/EROFS|SQLITE_READONLY/, '磁盘只读，不能写入'],
  [/EIO|SQLITE_IOERR/, '磁盘读写出错，磁盘可能有故障'],
  [/ENOENT/, '文件或文件夹不存在（可能已被移动或删除）'],
  [/EEXIST|ENOTDIR/, '该位置已有一个同名的文件，不是文件夹'],
];
export function whyFailed(e: unknown): string {
  const told = `${String((e as { code?: unknown }).code ?? '')} ${(e as Error).message ?? ''}`;
  return failures.find(([re]) => re.test(told))?.[1] ?? `程序内部错误（${(e as Error).message}），请告诉维护人员`;
}
const sidecarSuffix = '.json';
/** A leftover of a killed backup is removed once it is this old (a backup of another process may be under way). */
const staleMs = 10 * 60_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 20261206-190912, in the computer's local time, as the user reads the folder. */
export function stamp(at: Date): string {
  return `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

/** A free name for a new backup of `dbPath`: never one taken by a backup, its sidecar or a copy under way. */
export function newBackupName(dir: string, dbPath: string, reason: BackupReason, at: Date): string {
  const base = `${path.basename(dbPath, path.extname(dbPath)) || 'zugong'}-${stamp(at)}-${reason}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.db` : `${base}-${n}.db`;
    if (![name, name + partSuffix, name + sidecarSuffix].some((f) => fs.existsSync(path.join(dir, f)))) return name;
  }
}

interface Sidecar extends Holdings {
  reason: BackupReason;
  takenAt: string;
  bytes: number;
  note: string | null;
}

export function writeSidecar(dir: string, name: string, info: Sidecar): void {
  const file = path.join(dir, name + sidecarSuffix);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeFileSync(fd, JSON.stringify(info));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function readSidecar(dir: string, name: string): Sidecar | null {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dir, name + sidecarSuffix), 'utf8')) as Partial<Sidecar>;
    if (!backupReasons.includes(s.reason as BackupReason) || typeof s.takenAt !== 'string' || typeof s.bytes !== 'number' || typeof s.schemaVersion !== 'number') return null;
    return s as Sidecar;
  } catch {
    return null;
  }
}

export function infoOf(dir: string, name: string, s: Sidecar): BackupInfo {
  return {
    name,
    path: path.join(dir, name),
    reason: s.reason,
    takenAt: s.takenAt,
    bytes: s.bytes,
    schemaVersion: s.schemaVersion,
    units: s.units,
    branches: s.branches,
    latestYear: s.latestYear,
    note: s.note ?? null,
  };
}

/** The reason a file's name says: ours end in -<reason>.db; a copy before a migration of the earlier app says -before-v. */
function reasonOfName(name: string): BackupReason {
  const m = /-([a-z]+)(?:-\d+)?\.db$/.exec(name);
  if (m && backupReasons.includes(m[1] as BackupReason)) return m[1] as BackupReason;
  return /-v\d+-before-v\d+-/.test(name) ? 'migration' : 'manual';
}

/**
 * Whether `name` is a backup of the database `dbPath`: `<its name>-<time>-<reason>.db`, or a copy
 * before a migration of the earlier app (`<its name>-v3-before-v4-….db`). Two databases in one
 * folder share its backups folder: another's backups are never listed, offered or pruned here.
 */
function backupOf(dbPath: string): (name: string) => boolean {
  const stem = (path.basename(dbPath, path.extname(dbPath)) || 'zugong').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ours = new RegExp(`^${stem}-(\\d{8}-\\d{6}-[a-z]+(-\\d+)?|v\\d+-before-v\\d+-.*)\\.db$`, 'i');
  return (name) => ours.test(name);
}

/**
 * The good backups of `dbPath` in `dir`, newest first. A .db without its sidecar (one from
 * before sidecars) is verified once and given one; a file that does not verify is not a
 * backup and is not listed.
 */
export function listBackupFiles(dir: string, dbPath: string): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(backupOf(dbPath));
  } catch {
    return [];
  }
  const list: BackupInfo[] = [];
  for (const name of names) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir, name));
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    let side = readSidecar(dir, name);
    if (!side || side.bytes !== stat.size) {
      const check = checkDatabaseFile(path.join(dir, name), latestSchemaVersion);
      if (!check.ok) continue;
      side = { reason: reasonOfName(name), takenAt: stat.mtime.toISOString(), bytes: stat.size, note: null, ...check.holdings };
      try {
        writeSidecar(dir, name, side);
      } catch {
        // A read-only folder: listed all the same, verified again next time.
      }
    }
    list.push(infoOf(dir, name, side));
  }
  return list.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.localeCompare(a.name));
}

/** Removes a backup and its sidecar (retention). */
export function deleteBackup(dir: string, name: string): void {
  fs.rmSync(path.join(dir, name), { force: true });
  fs.rmSync(path.join(dir, name + sidecarSuffix), { force: true });
}

/** Removes a copy that was being written (after a failure, or left by a kill) with its journal. */
export function removePart(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/**
 * Leftovers of killed backups, once they are old enough not to be another process's copy
 * under way: `.part` files with their journals, and sidecars whose backup was never named.
 */
export function cleanLeftovers(dir: string, now: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const present = new Set(names);
  for (const name of names) {
    const part = /\.part(-journal|-wal|-shm)?$/.test(name);
    const orphan = name.endsWith(`.db${sidecarSuffix}`) && !present.has(name.slice(0, -sidecarSuffix.length));
    if (!part && !orphan) continue;
    try {
      const file = path.join(dir, name);
      if (now - fs.statSync(file).mtimeMs > staleMs) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or not ours to remove: left for next time.
    }
  }
}

/** Makes a rename durable where the system allows (a folder cannot be opened for sync on Windows). */
export function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows: the rename is durable through NTFS's own journal.
  }
}
