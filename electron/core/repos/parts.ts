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
 * The values of a list bound as one JSON text, for `IN`: one statement, prepared once,
 * whatever the list's length (an `IN (?, ?, …)` would be a new statement for each length).
 */
export function listed<T extends string | number>(values: readonly T[]): RawBuilder<T> {
  return sql<T>`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
