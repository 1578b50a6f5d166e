/**
 * Two writers take turns. The window and the command line (an import, a seed) may
 * write the same file at once. A DEFERRED transaction, better-sqlite3's default, reads
 * first and asks for the write lock later; when another process holds it, SQLite answers
 * "database is locked" at once, since waiting could deadlock two readers who both want to
 * write, and the busy timeout never applies. A transaction that begins IMMEDIATE takes
 * the write lock before it reads anything, so it waits its turn (busy_timeout, see
 * connection.ts) and then runs as a whole; past the timeout it has done nothing at all.
 *
 * Every write transaction in the core goes through `writeTransaction` (a lint rule keeps
 * `sqlite.transaction` out of the rest of electron/core). Nested inside another, it is a
 * savepoint of the outer one, as better-sqlite3 does for every kind of transaction.
 *
 * Writes outside a transaction are single statements in autocommit (a setting, a saved
 * view): SQLite takes their read and write locks together, so the busy timeout applies to
 * them as it is; a BUSY from one is told the same way by createCore (toAppError). Queries
 * run synchronously on the handle (db/query.ts), so they run inside these transactions;
 * Kysely's own `db.transaction()` is async and DEFERRED and is not used (the lint rule
 * catches it).
 */
import SQLite from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors.ts';

/** Like `sqlite.transaction(fn)`: a function that runs `fn` in one transaction, begun IMMEDIATE. */
export function writeTransaction<A extends unknown[], R>(sqlite: SQLite.Database, fn: (...args: A) => R): (...args: A) => R {
  const transaction = sqlite.transaction(fn);
  return (...args: A): R => {
    try {
      return transaction.immediate(...args);
    } catch (e) {
      throw busyError(e) ?? e;
    }
  };
}

/** SQLITE_BUSY after the busy timeout, told as what it is: someone else is writing; nothing was saved. */
export function busyError(e: unknown): AppError | null {
  if (!(e instanceof SQLite.SqliteError) || !/^SQLITE_BUSY/.test(e.code)) return null;
  return new AppError(
    'BUSY',
    '数据库正被另一个窗口或命令行程序（如正在进行的导入）写入，等待后仍未轮到本次操作。本次操作没有保存任何内容，请稍后再试。',
    { sqlite: e.code },
  );
}
