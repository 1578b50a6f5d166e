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
import { describeQuickCheck, quickCheckInWorker, quickCheckLimit } from './integrity.ts';
import { writeTransaction } from './transaction.ts';

export interface Connection {
  sqlite: SQLite.Database;
  path: string;
  /**
   * The one way to write in a transaction: like `sqlite.transaction(fn)`, but begun
   * IMMEDIATE so a second writer waits its turn (see db/transaction.ts).
   */
  writeTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  /**
   * What quick_check found when the file was opened: null when it passed. A damaged
   * database is opened with `query_only` on and every write refused (see `refuseWrites`).
   */
  damage: string | null;
  /** Set while writes are refused: the error to throw, built when a write is tried (it names the latest good backup). */
  refuseWrites: (() => Error) | null;
  /**
   * While quick_check runs beside the first reads (`checkBeside`): settles once it has, with
   * `damage` set; null when it has run. Until then the file is only read (`query_only`, and
   * `refuseWrites` says the check is under way).
   */
  checking: Promise<void> | null;
  /** Called after each write transaction commits (the day's first write takes the daily backup). */
  afterWrite: (() => void) | null;
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
  /**
   * Run `PRAGMA quick_check` before anything is written: a damaged file is kept as it is
   * (no WAL switch, `query_only` on) and `damage` says what was found.
   */
  checkIntegrity?: boolean;
  /**
   * Whether the check may run beside the first reads, in a worker thread (db/integrity.ts),
   * instead of before `openConnection` returns; asked once the file is open. Writes wait for it
   * (`checking`): the WAL switch too.
   */
  checkBeside?: (sqlite: SQLite.Database) => boolean;
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
  let damage: string | null = null;
  let beside = false;
  try {
    options.beforeWrite?.(sqlite);
    beside = (options.checkIntegrity ?? false) && file !== ':memory:' && (options.checkBeside?.(sqlite) ?? false);
    if (options.checkIntegrity && !beside) damage = quickCheckProblem(sqlite);
    // Read only until the check has passed: a damaged file is never written to, not even its header.
    if (damage !== null || beside) sqlite.pragma('query_only = ON');
    else if (!options.readonly) useWal(sqlite);
  } catch (e) {
    sqlite.close();
    throw translateOpenError(e, file);
  }
  const conn: Connection = {
    sqlite,
    path: file,
    damage,
    refuseWrites: null,
    afterWrite: null,
    checking: null,
    writeTransaction: (fn) => {
      const run = writeTransaction(sqlite, fn);
      return (...args) => {
        if (conn.refuseWrites) throw conn.refuseWrites();
        const result = run(...args);
        // Not for a nested transaction (a savepoint): the outer one has not committed yet.
        if (!sqlite.inTransaction) conn.afterWrite?.();
        return result;
      };
    },
    async close() {
      // The check's own connection closes as it ends; this one may not close under a write waiting for it.
      await conn.checking;
      sqlite.close();
    },
  };
  if (beside) {
    conn.refuseWrites = () => checkUnderWay();
    conn.checking = quickCheckInWorker(file)
      .then(describeQuickCheck, () => quickCheckProblem(sqlite))
      .then((found) => {
        conn.checking = null;
        conn.damage = found;
        if (found !== null) return; // stays read only; createCore says why to a write
        conn.refuseWrites = null;
        sqlite.pragma('query_only = OFF');
        if (options.readonly) return;
        try {
          useWal(sqlite);
        } catch (e) {
          // Another process holding the file: it is written in its journal mode as it is, as safely, only slower.
          process.stderr.write(`数据库没有切换到 WAL 日志模式：${(e as Error).message}\n`);
        }
      });
  }
  return conn;
}

function useWal(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
}

/** A write that came while the check at open was running (createCore holds writes until it ends; this is the safety net). */
export function checkUnderWay(): AppError {
  return new AppError('BUSY', '正在检查数据库文件是否完好（启动时的完整性检查），请稍候再试。本次操作没有保存任何内容。');
}

/**
 * What `PRAGMA quick_check` says about the open file, in Chinese; null when it passed. A file
 * too damaged to be checked at all is damaged too. SQLite's own lines are English and name
 * b-tree pages: what a person is told is how many problems and which pages, in Chinese.
 */
export function quickCheckProblem(sqlite: SQLite.Database): string | null {
  let lines: string[];
  try {
    // No memory map, though it reads a fifth faster (278 → 220 ms on 180 MB): a file on a failing
    // disk is what this check is for, and a read error in a mapped file is a crash, not an error.
    // raw SQL: a pragma, not a table the schema describes.
    lines = (sqlite.prepare(`PRAGMA quick_check(${quickCheckLimit})`).all() as { quick_check: string }[]).map((r) => r.quick_check);
  } catch {
    return describeQuickCheck(null);
  }
  return describeQuickCheck(lines);
}

function translateOpenError(e: unknown, file: string): AppError {
  if (e instanceof AppError) return e;
  const message = (e as Error).message;
  if (/not a database|file is encrypted|malformed/i.test(message)) {
    return new AppError('DB_NOT_DATABASE', `“${path.basename(file)}”已损坏或不是数据库文件，程序没有做任何修改。`, { path: file });
  }
  return new AppError('DB_OPEN_FAILED', `无法打开数据库“${file}”：${message}`, { path: file });
}
