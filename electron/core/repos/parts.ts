/** Pieces of queries several repos share. */
import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * Where a subtree's paths end: a subtree ('/1/5/' and all below it) is the index range
 * [path, path + '~'), since '~' sorts after '/' and every digit. A range, not a LIKE, so
 * counts over 100,000 branches are index range scans.
 */
export function subtreeEnd(path: string): string;
export function subtreeEnd(path: Expression<string>): RawBuilder<string>;
export function subtreeEnd(path: string | Expression<string>): string | RawBuilder<string> {
  return typeof path === 'string' ? `${path}~` : sql<string>`${path} || '~'`;
}

/**
 * A column compared without its index. In a join over a subtree range, SQLite without
 * statistics (the core never runs ANALYZE, and a fresh file has none) prefers the
 * `org_level` index to the path range and tests every branch against every child:
 * 10 s for a township at 100,000 branches. `+b.level` leaves it only the path range.
 */
export function unindexed(column: string): RawBuilder<string> {
  return sql<string>`+${sql.ref(column)}`;
}

/**
 * The values of a list bound as one JSON text, for `IN`: one statement, prepared once,
 * whatever the list's length (an `IN (?, ?, …)` would be a new statement for each length).
 */
export function listed<T extends string | number>(values: readonly T[]): RawBuilder<T> {
  return sql<T>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
