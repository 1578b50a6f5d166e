/**
 * Putting a backup back. The file is verified first (a SQLite file, integrity_check, a
 * schema version this app knows, our tables): anything else is refused in Chinese with
 * nothing changed. The live database is then replaced in one write transaction: SQLite's
 * online backup from the verified copy into the live file, through its journal (WAL), so
 * a kill at any moment leaves the old database or the new one, never a mix.
 */
import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import { latestSchemaVersion } from '../../db/migrations/index.ts';
import { backupFileInto, checkDatabaseFile, conformPageSize, pageSizeOf, settleCopy, type Holdings } from '../../repos/backups.ts';
import { partSuffix, removePart, stamp, whyFailed } from './files.ts';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The refusal of a file offered for restore: what is wrong with it, and that nothing changed. */
function refusal(label: string, why: string, file: string): AppError {
  return new AppError('BAD_FILE', `不能从“${label}”恢复：${why}。当前数据库没有任何改动。`, { path: file });
}

/** The page size a database file's header gives (bytes 16–17; 1 means 65,536), or null when it is no SQLite file. */
function headerPageSize(file: string): number | null {
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, head, 0, 100, 0) < 100 || !head.subarray(0, 16).equals(SQLITE_HEADER)) return null;
  } finally {
    fs.closeSync(fd);
  }
  const size = head.readUInt16BE(16);
  return size === 1 ? 65536 : size;
}

/**
 * A verified private copy of `file` in `dir` (a `.part`, never listed), ready to be put back
 * into a database whose pages are `pageSize` bytes. The offered file itself is only read.
 */
export function preparedCopy(file: string, label: string, dir: string, at: Date, pageSize: number): { copy: string; holdings: Holdings } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw refusal(label, '找不到这个文件', file);
  }
  if (!stat.isFile()) throw refusal(label, '这不是一个文件', file);
  let size: number | null;
  try {
    size = headerPageSize(file);
  } catch (e) {
    throw refusal(label, `无法读取（${whyFailed(e)}）`, file);
  }
  if (size === null) throw refusal(label, '不是 SQLite 数据库文件', file);
  fs.mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, `restore-${stamp(at)}-${process.pid}.db${partSuffix}`);
  try {
    try {
      fs.copyFileSync(file, copy);
    } catch (e) {
      throw refusal(label, `无法复制到备份文件夹（${whyFailed(e)}）`, file);
    }
    try {
      settleCopy(copy);
    } catch (e) {
      throw refusal(label, /not a database|encrypted/i.test((e as Error).message) ? '不是 SQLite 数据库文件' : '文件已损坏（结构无法读取）', file);
    }
    const check = checkDatabaseFile(copy, latestSchemaVersion);
    if (!check.ok) throw refusal(label, check.why, file);
    // The live file is in WAL mode, which takes pages of its own size only.
    if (size !== pageSize) conformPageSize(copy, pageSize);
    return { copy, holdings: check.holdings };
  } catch (e) {
    removePart(copy);
    throw e;
  }
}

/** Replaces the live database's content with the verified copy's, in one transaction of the live file. */
export async function putBack(copy: string, livePath: string, live: SQLite.Database): Promise<void> {
  if (pageSizeOf(live) !== (headerPageSize(copy) ?? 0)) throw new AppError('INTERNAL', '恢复没有进行：备份的页大小与数据库不同。当前数据库没有任何改动。');
  try {
    await backupFileInto(copy, livePath);
  } catch (e) {
    const busy = /SQLITE_BUSY|locked/i.test((e as Error).message);
    throw new AppError(busy ? 'BUSY' : 'INTERNAL', busy ? '数据库正被另一个窗口或命令行程序使用，恢复没有进行，当前数据库没有任何改动。请关闭其他窗口后重试。' : `恢复没有完成：${whyFailed(e)}。当前数据库没有任何改动。`);
  }
}
