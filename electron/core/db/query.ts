/**
 * Running a query built with Kysely synchronously on the connection's better-sqlite3
 * handle. Kysely gives the SQL and the row type (inferred from db/schema.ts);
 * better-sqlite3 runs it at once, so a write transaction (`conn.writeTransaction`) stays
 * synchronous, and no row is cast by hand. Kysely's own `execute()` is asynchronous:
 * not used.
 *
 * Each connection keeps its prepared statements by SQL text, so a query asked again is
 * not prepared again. Building and compiling a query costs a few microseconds (tens for a
 * wide join); a statement run once per row or per cell is compiled once with `prepare`
 * and then run with the values of each call.
 */
import type SQLite from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type DeleteResult,
  type InsertResult,
  type UpdateResult,
} from 'kysely';
import type { Database } from './schema.ts';

/** Builds queries for the functions below. It has no connection: it never runs anything itself. */
export const build = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** The row a query returns: its selection for a SELECT; a write returns none. */
type Row<O> = O extends InsertResult | UpdateResult | DeleteResult ? never : O;

/** Every row, in the query's order. */
export function all<O>(sqlite: SQLite.Database, query: Compilable<O>): Row<O>[] {
  const { sql, parameters } = query.compile();
  return statement<Row<O>>(sqlite, sql).all(...parameters);
}

/** The first row, or undefined when there is none. */
export function first<O>(sqlite: SQLite.Database, query: Compilable<O>): Row<O> | undefined {
  const { sql, parameters } = query.compile();
  return statement<Row<O>>(sqlite, sql).get(...parameters);
}

/** The rows one at a time, for a read too large to hold twice (a year of the ledger). */
export function iterate<O>(sqlite: SQLite.Database, query: Compilable<O>): IterableIterator<Row<O>> {
  const { sql, parameters } = query.compile();
  return statement<Row<O>>(sqlite, sql).iterate(...parameters);
}

/** Runs a write: how many rows it changed, and the rowid of the last row it inserted. */
export function run(sqlite: SQLite.Database, query: Compilable<InsertResult | UpdateResult | DeleteResult>): SQLite.RunResult {
  const { sql, parameters } = query.compile();
  return statement(sqlite, sql).run(...parameters);
}

/**
 * Raw SQL, for the few statements Kysely cannot state as well (each says why where it is
 * written): its rows are declared by the caller, from the schema's types.
 */
export const raw = {
  all<R>(sqlite: SQLite.Database, sql: string, ...parameters: unknown[]): R[] {
    return statement<R>(sqlite, sql).all(...parameters);
  },
  first<R>(sqlite: SQLite.Database, sql: string, ...parameters: unknown[]): R | undefined {
    return statement<R>(sqlite, sql).get(...parameters);
  },
  run(sqlite: SQLite.Database, sql: string, ...parameters: unknown[]): SQLite.RunResult {
    return statement(sqlite, sql).run(...parameters);
  },
};

/**
 * A statement that answers in arrays of its columns (better-sqlite3's raw mode; the places of the
 * columns from its `columns()`), prepared once per SQL text on a connection and kept apart from the
 * others, as a statement in raw mode answers only in arrays: for a read of 100,000 rows, where an
 * object of some 30 names a row costs more than an array (the ledger's year, repos/ledger.ts).
 */
export function arrayStatement(sqlite: SQLite.Database, sql: string): SQLite.Statement<unknown[], unknown[]> {
  let cache = preparedArrays.get(sqlite);
  if (!cache) preparedArrays.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare<unknown[], unknown[]>(sql).raw(true)));
  return stmt;
}
const preparedArrays = new WeakMap<SQLite.Database, Map<string, SQLite.Statement<unknown[], unknown[]>>>();

/** A value given each time a prepared query runs (see `prepare`); in the compiled SQL, a `?`. */
class Parameter {
  constructor(readonly name: string) {}
}

export interface Prepared<P, O> {
  all(values: P): Row<O>[];
  first(values: P): Row<O> | undefined;
  run(values: P): SQLite.RunResult;
}

/**
 * A query compiled once and run many times with the values of each call: for a statement
 * run once per row or per cell (an edit, a paste, an import), where compiling it each time
 * would cost more than running it. `query` receives the values as placeholders:
 *   const byId = prepare(sqlite, (p: { id: number }) => build.selectFrom('org').selectAll().where('id', '=', p.id));
 *   byId.first({ id: 5 });
 * It is compiled when first run: a writer may prepare statements it never needs.
 */
export function prepare<P extends Record<string, unknown>, O>(sqlite: SQLite.Database, query: (values: P) => Compilable<O>): Prepared<P, O> {
  let compiled: { sql: string; bind: (values: P) => unknown[] } | undefined;
  const compile = () => {
    // Each property read of the placeholders is a Parameter; Kysely binds it like any value,
    // so the compiled parameters say which value of a call goes where. (Typed as the values
    // they stand for, as Kysely's builder expects: they never reach SQLite.)
    const placeholders = new Proxy({}, { get: (_target, name) => new Parameter(String(name)) }) as P;
    const { sql, parameters } = query(placeholders).compile();
    return { sql, bind: (values: P) => parameters.map((p) => (p instanceof Parameter ? values[p.name] : p)) };
  };
  return {
    all(values) {
      const { sql, bind } = (compiled ??= compile());
      return statement<Row<O>>(sqlite, sql).all(...bind(values));
    },
    first(values) {
      const { sql, bind } = (compiled ??= compile());
      return statement<Row<O>>(sqlite, sql).get(...bind(values));
    },
    run(values) {
      const { sql, bind } = (compiled ??= compile());
      return statement(sqlite, sql).run(...bind(values));
    },
  };
}

/**
 * Statements prepared on each connection, by SQL text. State of the connection, kept here
 * keyed by its handle (and dropped with it) so that repos keep taking the handle alone.
 */
const prepared = new WeakMap<SQLite.Database, Map<string, SQLite.Statement<unknown[], unknown>>>();
/** More distinct statements than the app has queries means some SQL is made per call: start over rather than grow. */
const MAX_STATEMENTS = 1000;

function statement<R = unknown>(sqlite: SQLite.Database, sql: string): SQLite.Statement<unknown[], R> {
  let cache = prepared.get(sqlite);
  if (!cache) prepared.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt || stmt.busy) {
    // A statement still being iterated cannot run again: that caller gets one of its own.
    const fresh = sqlite.prepare<unknown[], unknown>(sql);
    if (stmt) return typed<R>(fresh);
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    cache.set(sql, (stmt = fresh));
  }
  return typed<R>(stmt);
}

/**
 * The one place a row's type is asserted rather than checked. For a query built with
 * Kysely, R is what Kysely inferred from the schema for exactly the SQL it compiled, and
 * better-sqlite3 returns rows of exactly those columns (SQLite's integers as numbers, as
 * the schema declares them); for raw SQL the caller states R from the schema's types.
 */
function typed<R>(stmt: SQLite.Statement<unknown[], unknown>): SQLite.Statement<unknown[], R> {
  return stmt as SQLite.Statement<unknown[], R>;
}
