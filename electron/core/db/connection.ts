/**
 * Opening the database file: refuse what is not a SQLite database before touching
 * it, set the pragmas explicitly, and hand out the better-sqlite3 handle. Queries are
 * built with Kysely and run on that handle synchronously (db/query.ts); Kysely's own
 * asynchronous executor is not used.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';
import { writeTransaction } from './transaction.ts';

export interface Connection {
  sqlite: SQLite.Database;
  path: string;
  /**
   * The one way to write in a transaction: like `sqlite.transaction(fn)`, but begun
   * IMMEDIATE so a second writer waits its turn (see db/transaction.ts).
   */
  writeTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): Promise<void>;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** An existing non-empty file that does not start with the SQLite header is refused untouched. */
export function assertSqliteFileOrAbsent(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new AppError('DB_NOT_DATABASE', `“${file}”是一个文件夹，不是数据库文件。请指定一个 .db 文件的路径。`, { path: file });
    }
    throw new AppError('DB_OPEN_FAILED', `无法读取数据库文件“${file}”：${(e as Error).message}`, { path: file });
  }
  try {
    const head = Buffer.alloc(16);
    const read = fs.readSync(fd, head, 0, 16, 0);
    if (read === 0) return; // an empty file is a new database
    if (read < 16 || !head.equals(SQLITE_HEADER)) {
      throw new AppError(
        'DB_NOT_DATABASE',
        `“${path.basename(file)}”不是组工台账的数据库文件（文件已存在但不是 SQLite 数据库）。为避免覆盖，程序没有做任何修改；请换一个文件名或路径。`,
        { path: file },
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

export interface OpenOptions {
  readonly?: boolean;
  /** Runs after the file is opened and before anything is written to it (WAL mode rewrites the header). */
  beforeWrite?: (sqlite: SQLite.Database) => void;
  /** How long a write waits for another connection's write to finish (see db/transaction.ts). */
  busyTimeoutMs?: number;
  /** An absent file is refused, and nothing (not its folder either) is created. */
  mustExist?: boolean;
}

export function openConnection(file: string, options: OpenOptions = {}): Connection {
  assertSqliteFileOrAbsent(file);
  const mustExist = (options.readonly || options.mustExist) ?? false;
  if (mustExist && !fs.existsSync(file)) {
    throw new AppError('NOT_FOUND', `找不到数据库文件“${file}”：请检查路径是否写错。程序没有新建任何文件。`, { path: file });
  }
  if (!mustExist) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(file, { readonly: options.readonly ?? false, fileMustExist: mustExist });
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    sqlite.pragma('foreign_keys = ON');
    // The core keeps the ledger year it works on in memory (services/ledger/list.ts); 16 MB of
    // pages serve the rest. No mmap: it made no query faster and counted the file into the
    // process's memory.
    sqlite.pragma('cache_size = -16384');
  } catch (e) {
    throw translateOpenError(e, file);
  }
  try {
    options.beforeWrite?.(sqlite);
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
    }
  } catch (e) {
    sqlite.close();
    throw translateOpenError(e, file);
  }
  return {
    sqlite,
    path: file,
    writeTransaction: (fn) => writeTransaction(sqlite, fn),
    async close() {
      sqlite.close();
    },
  };
}

function translateOpenError(e: unknown, file: string): AppError {
  if (e instanceof AppError) return e;
  const message = (e as Error).message;
  if (/not a database|file is encrypted|malformed/i.test(message)) {
    return new AppError('DB_NOT_DATABASE', `“${path.basename(file)}”已损坏或不是数据库文件，程序没有做任何修改。`, { path: file });
  }
  return new AppError('DB_OPEN_FAILED', `无法打开数据库“${file}”：${message}`, { path: file });
}
