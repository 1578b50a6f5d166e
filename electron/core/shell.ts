/**
 * Paths the core may write to or read from: only those a person chose in a dialog
 * (or gave on the command line). The contract's shell.* methods ask the host's
 * dialogs and grant what comes back; export and import check their path here.
 * A grant is for one use: a file chosen to open is only read, a file chosen to save
 * is only written, a chosen folder only receives new files. Whatever was granted,
 * nothing is ever written over the database, its journals or its backups.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/contract/errors.ts';
import type { ShellHost } from './config.ts';
import { plainFileName } from './fileName.ts';
import type SQLite from 'better-sqlite3';
import { getSetting, setSetting } from './repos/settings.ts';

/**
 * The path with every symbolic link resolved; for a file not yet written, its nearest
 * existing folder's real path joined with the rest. Grants and checks compare these,
 * so no link, `..` or second spelling leads a write somewhere else.
 */
export function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync.native(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realPath(parent), path.basename(abs));
  }
}

/** `name` in `dir`, or the first of 名称（2）.xlsx, 名称（3）.xlsx … that is free: nothing is overwritten. */
export function freeName(dir: string, name: string): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = path.join(dir, name);
  for (let i = 2; taken(candidate); i++) candidate = path.join(dir, `${stem}（${i}）${ext}`);
  return candidate;
}

function taken(p: string): boolean {
  try {
    fs.lstatSync(p); // a link counts, even one that leads nowhere
    return true;
  } catch {
    return false;
  }
}

/** A path as it can be shown: a NUL or line break would cut or garble the message. */
const printable = (p: string) => p.replace(/[\u0000-\u001f]/g, (c) => (c === '\0' ? '\\0' : '?'));

// Why a write failed, in words a user can act on.
const writeFailures: Record<string, string> = {
  ENOENT: '所在的文件夹不存在（可能已被移动或删除），请重新选择保存位置',
  ENOTDIR: '路径中有一段不是文件夹，请重新选择保存位置',
  EISDIR: '这是一个文件夹，不是文件，请重新选择保存位置',
  EEXIST: '已有同名的文件，请重新选择保存位置',
  ENAMETOOLONG: '路径或文件名太长，请换一个较短的文件名或位置',
  EBUSY: '文件可能正在 Excel 或 WPS 中打开，请关闭后重试',
  EPERM: '文件可能正在 Excel 或 WPS 中打开，或没有写入权限，请关闭后重试',
  EACCES: '没有写入权限，或文件正在 Excel 或 WPS 中打开，请换一个位置或关闭后重试',
  ENOSPC: '磁盘空间不足',
  EROFS: '磁盘只读，不能写入',
  NUL: '路径含有空字符（\\0），不是有效的文件路径，请重新选择保存位置',
};

function cannotWrite(file: string, code: keyof typeof writeFailures): AppError {
  const busy = code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
  return new AppError(busy ? 'CONFLICT' : 'INVALID_ARGS', `无法写入“${printable(file)}”：${writeFailures[code]}。`, { path: file });
}

/** A failed write of `file` as an AppError that names it; what is not a file system error is left as it is. */
export function writeFailure(e: unknown, file: string): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  return code && code in writeFailures ? cannotWrite(file, code) : e;
}

/**
 * One key for the spellings Windows and macOS take for one file: any case, trailing dots and
 * spaces dropped, a stream after ":" (zugong.db::$DATA is zugong.db itself).
 */
function sameFileKey(real: string): string {
  return real
    .toLowerCase()
    .split(path.sep)
    .map((part, i) => (i === 0 ? part : part.split(':')[0]!.replace(/[. ]+$/, '')))
    .join(path.sep);
}

export class Grants {
  private reads = new Set<string>();
  private writes = new Set<string>();
  private folders = new Set<string>();
  private waiting: string | null = null;
  /** The database's files and its backups folder, as `sameFileKey`s. */
  private readonly store: string[];
  private readonly backups: string;

  constructor(database: { file: string; backupsDir: string }) {
    const db = realPath(database.file);
    this.store = ['', '-wal', '-shm', '-journal'].map((s) => sameFileKey(db + s));
    this.backups = sameFileKey(realPath(database.backupsDir));
  }

  /** A file chosen to be read (import). */
  read(p: string): string {
    this.reads.add(realPath(p));
    return p;
  }

  /**
   * A file the operating system gave the app (opened with 组工台账): readable like a chosen one,
   * and waiting for the window, which may not be listening yet at start, to take it once.
   */
  given(p: string): string {
    this.waiting = this.read(p);
    return p;
  }

  /** The file given and not yet taken, once: a reload of the page does not import it again. */
  takeGiven(): string | null {
    const p = this.waiting;
    this.waiting = null;
    return p;
  }

  /** A file chosen to be written (an export; the dialog asked before it may be replaced). */
  write(p: string): string {
    this.writes.add(realPath(p));
    return p;
  }

  /** A folder chosen to receive new files (send-down). */
  folder(p: string): string {
    this.folders.add(realPath(p));
    return p;
  }

  /** The real path of a file chosen to be read. */
  readable(p: string): string {
    const real = realPath(p);
    if (this.reads.has(real)) return real;
    if (this.writes.has(real)) throw new AppError('INVALID_ARGS', `“${printable(p)}”是选来保存报表的位置，不能作为要导入的文件读取；请通过“选择文件”对话框选择。`, { path: p });
    throw notChosen(p, '文件');
  }

  /** The real path of a file chosen to be written, checked as a place to write (see `guard`). */
  writable(p: string): string {
    const real = realPath(p);
    if (this.writes.has(real)) return this.guard(real);
    if (this.reads.has(real)) throw new AppError('INVALID_ARGS', `“${printable(p)}”是选来导入的文件，不能写入；请通过“保存”对话框选择保存位置。`, { path: p });
    throw notChosen(p, '保存');
  }

  /** The real path of a chosen folder, created if it is not there yet. */
  writableFolder(p: string): string {
    const real = realPath(p);
    if (!this.folders.has(real)) throw notChosen(p, '文件夹');
    this.refuseStore(real);
    if (real.includes('\0')) throw cannotWrite(real, 'NUL');
    try {
      fs.mkdirSync(real, { recursive: true });
    } catch (e) {
      throw writeFailure(e, real);
    }
    return real;
  }

  /** A new file for `name` in a folder from `writableFolder`: numbered when the name is taken, never overwriting. */
  newFile(folder: string, name: string): string {
    return this.guard(freeName(folder, plainFileName(name)));
  }

  /** Anything chosen before, or a file in a chosen folder, or the backups folder (设置 → 备份与恢复): to be shown in the file manager. */
  shown(p: string): string {
    const real = realPath(p);
    if (this.reads.has(real) || this.writes.has(real) || this.folders.has(real) || this.folders.has(path.dirname(real))) return real;
    // Showing is not writing: the backups folder is opened so a person can copy a backup to a USB stick.
    if (sameFileKey(real) === this.backups) return real;
    throw notChosen(p, '文件');
  }

  /**
   * Checked at the moment of writing `file` (and `file.part`, written first and renamed):
   * never the database, its journals or the backups; and a place a file can be written,
   * said in Chinese before anything is written rather than as a system error after.
   */
  guard(file: string): string {
    this.refuseStore(file);
    this.refuseStore(`${file}.part`);
    if (file.includes('\0')) throw cannotWrite(file, 'NUL');
    // 255 bytes is the longest name most file systems take; 4096 the longest path Linux takes.
    if (Buffer.byteLength(path.basename(file)) + '.part'.length > 255 || Buffer.byteLength(file) > 4000) throw cannotWrite(file, 'ENAMETOOLONG');
    let target: fs.Stats | undefined;
    let folder: fs.Stats | undefined;
    try {
      target = fs.statSync(file, { throwIfNoEntry: false });
      folder = fs.statSync(path.dirname(file), { throwIfNoEntry: false });
    } catch (e) {
      throw writeFailure(e, file);
    }
    if (target?.isDirectory()) throw cannotWrite(file, 'EISDIR');
    if (!folder) throw cannotWrite(file, 'ENOENT');
    if (!folder.isDirectory()) throw cannotWrite(file, 'ENOTDIR');
    return file;
  }

  private refuseStore(p: string): void {
    const key = sameFileKey(realPath(p));
    if (this.store.includes(key) || key === this.backups || key.startsWith(this.backups + path.sep)) {
      throw new AppError('INVALID_ARGS', `不能写入“${printable(p)}”：这是本程序的数据库或它的备份，写入会毁坏台账数据。请另选一个保存位置。`, { path: p });
    }
  }
}

function notChosen(p: string, what: '文件' | '保存' | '文件夹'): AppError {
  const how = what === '保存' ? '请通过“保存”对话框重新选择保存位置' : what === '文件夹' ? '请通过“选择文件夹”对话框重新选择' : '请通过对话框重新选择';
  return new AppError('INVALID_ARGS', `没有选择过这个${what}位置“${printable(p)}”，${how}。`, { path: p });
}

/**
 * The shell of the browser harness and of tests: no dialogs, files go to a folder of
 * their own beside the database (`exports/`), numbered rather than overwritten.
 */
export function folderShell(dir: string, openFile: () => string | null = () => null): ShellHost {
  // Like a person who accepts the folder the dialog opens in: the last one saved in, else `dir`.
  const free = (name: string, startIn?: string) => {
    const into = startIn ?? dir;
    fs.mkdirSync(into, { recursive: true });
    return freeName(into, plainFileName(name));
  };
  return {
    chooseSaveFile: async (name, startIn) => free(name, startIn),
    chooseFolder: async (name, startIn) => {
      const folder = free(name, startIn);
      fs.mkdirSync(folder, { recursive: true });
      return folder;
    },
    chooseOpenFile: async () => openFile(),
    openPath: async () => false,
  };
}

/** The folder a person last saved in (a file's folder, or the folder a send-down's folder was made in). */
export const lastFolderSetting = 'shell.lastFolder';

/** Where the next save dialog opens: the last folder saved in, if it is still there. */
export function lastFolder(sqlite: SQLite.Database): string | undefined {
  const dir = getSetting<string | null>(sqlite, lastFolderSetting, null);
  try {
    return dir !== null && fs.statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers the folder of a path a person chose to save to. Only a convenience for the next
 * dialog: a database that refuses writes (damaged, opened read-only) must not stop the save.
 */
export function rememberFolder(sqlite: SQLite.Database, chosen: string): void {
  try {
    setSetting(sqlite, lastFolderSetting, path.dirname(chosen));
  } catch {
    // The next dialog opens in the documents folder instead; the export itself goes on.
  }
}
