/**
 * SQL derived from a table's column definitions (shared/domain/*): which columns a
 * SELECT reads, how a stored value becomes the contract's value, which columns a copy
 * carries over. One place, so a column added to a definition reaches every query.
 */
import { isStored, storedColumn, type FieldDef } from '../../../shared/domain/fields.ts';

/** A stored field: its name in the contract, its SQL column, and whether SQLite holds it as 1/0. */
export interface StoredField<F extends string = string> {
  field: F;
  column: string;
  flag: boolean;
  /** Belongs to its year alone: a copy into another year leaves it empty. */
  yearly: boolean;
}

/** The stored fields of a table kept on `on` (the row itself, or its organisation). */
export function storedFields<F extends string>(columns: readonly FieldDef<F>[], on: 'row' | 'org'): StoredField<F>[] {
  return columns
    .filter((c) => isStored(c) && (c.on ?? 'row') === on)
    .map((c) => ({ field: c.field, column: storedColumn(c), flag: c.type === 'flag', yearly: c.yearly === true }));
}

/** A stored value as the contract carries it: 1/0 as 是/否 (true/false). */
export function fromStored(f: StoredField, v: unknown): unknown {
  return f.flag && v !== null && v !== undefined ? v === 1 : v;
}

/** A contract value as SQLite stores it. */
export function toStored(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** A value for a column as SQLite stores it (after toStored): text, a number or nothing; anything else is a bug. */
export function storable(v: unknown): string | number | null {
  if (v === null || typeof v === 'string' || typeof v === 'number') return v;
  throw new TypeError(`not a value SQLite stores: ${typeof v}`);
}

/** A value for a text column (the org's kind or field). */
export function storableText(v: unknown): string | null {
  if (v === null || typeof v === 'string') return v;
  throw new TypeError(`not a text value: ${typeof v}`);
}
