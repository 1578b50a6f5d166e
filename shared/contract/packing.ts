/**
 * A JSON shape for long lists over the HTTP harness: an array of objects that all have the
 * same keys travels by column, its keys once and one array of values per key; a column of
 * few distinct plain values (a township, a grade, 是/否, empty) as those values once and a
 * number per row. A year of 100,000 ledger rows is 16 MB instead of 64 as plain JSON, and
 * the page reads it back into rows that keep their values inline and share each repeated
 * text: half the memory, and a fifth of the time, of rebuilding them key by key. Transparent:
 * pack on the server, unpack in the client, the contract types unchanged. (Electron's relay
 * carries structured clones, which need none of this.)
 */
const MIN_ROWS = 50;

/** A column of few distinct plain values: each row's value is `values[at[i]]`. */
interface Repeated {
  values: unknown[];
  at: number[];
}

interface Packed {
  $columns: string[];
  length: number;
  /** Per key: the rows' values in order, or their distinct values and each row's index. */
  columns: (unknown[] | Repeated)[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function isPacked(v: unknown): v is Packed {
  return isPlainObject(v) && Array.isArray(v.$columns) && Array.isArray(v.columns) && typeof v.length === 'number';
}

function isRepeated(column: unknown[] | Repeated): column is Repeated {
  return !Array.isArray(column);
}

const packValue = (v: unknown) => (typeof v === 'object' && v !== null ? pack(v) : v);

/** A column being packed as its distinct values while they stay few: the column holds each row's number. */
interface Distinct {
  values: unknown[];
  /** Their numbers, once there are more than a short scan finds quickly. */
  index: Map<unknown, number> | null;
  last: unknown;
  lastAt: number;
}

const SCANNED = 8;

/** The number of `v` among the column's distinct values, given a new one if there is room; -1 if not. */
function numberOf(d: Distinct, v: unknown, most: number): number {
  let at = d.index ? (d.index.get(v) ?? -1) : d.values.indexOf(v);
  if (at === -1 && d.values.length < most) {
    at = d.values.length;
    d.values.push(v);
    if (d.index) d.index.set(v, at);
    else if (d.values.length > SCANNED) d.index = new Map(d.values.map((x, i) => [x, i]));
  }
  return at;
}

/**
 * The rows by column, or null when a row is not a plain object with exactly `keys` in that order,
 * or holds `undefined` (JSON would drop it: such a list is sent as it is, so nothing changes on the
 * way). Texts, flags and empty cells are numbered among a column's distinct values while those stay
 * few (a sixteenth of the rows at most); numbers, nested values and mostly different texts go as they are.
 * One pass, row by row (the rows' values are read where they lie, not column after column).
 */
function packRows(items: unknown[], keys: string[]): Packed | null {
  const n = items.length;
  const width = keys.length;
  const most = n >> 4;
  const columns: unknown[][] = keys.map(() => new Array<unknown>(n));
  const distinct: (Distinct | null)[] = new Array<Distinct | null>(width).fill(null);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (!isPlainObject(item)) return null;
    const own = Object.keys(item);
    if (own.length !== width) return null;
    for (let k = 0; k < width; k++) if (own[k] !== keys[k]) return null;
    const values = Object.values(item);
    for (let k = 0; k < width; k++) {
      const v = values[k];
      if (v === undefined) return null;
      if (i === 0 && (v === null || typeof v === 'string' || typeof v === 'boolean')) distinct[k] = { values: [], index: null, last: undefined, lastAt: -1 };
      const d = distinct[k];
      if (d) {
        // Rows come sorted (by township, say): a value is often the one just before, found without hashing it.
        if (v === d.last) {
          columns[k]![i] = d.lastAt;
          continue;
        }
        const at = typeof v !== 'object' || v === null ? numberOf(d, v, most) : -1;
        if (at !== -1) {
          d.last = v;
          d.lastAt = columns[k]![i] = at;
          continue;
        }
        // Too many different values, or a nested one: the rows so far get their values back.
        const column = columns[k]!;
        for (let j = 0; j < i; j++) column[j] = d.values[column[j] as number];
        distinct[k] = null;
      }
      columns[k]![i] = typeof v === 'object' && v !== null ? pack(v) : v;
    }
  }
  return { $columns: keys, length: n, columns: columns.map((column, k) => (distinct[k] ? { values: distinct[k].values, at: column as number[] } : column)) };
}

export function pack(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length >= MIN_ROWS && isPlainObject(value[0])) {
      const packed = packRows(value, Object.keys(value[0]));
      if (packed) return packed;
    }
    return value.map(packValue);
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = packValue(v);
    return out;
  }
  return value;
}

const unpackValue = (v: unknown) => (typeof v === 'object' && v !== null ? unpack(v) : v);

function unpackRows(packed: Packed): Record<string, unknown>[] {
  const keys = packed.$columns;
  const n = packed.length;
  // Every row starts as a copy of one object JSON made (its keys in place): the engine then
  // keeps the rows' values inline, where setting 30-odd keys one by one on `{}` would turn each
  // row into a hash table of several times the size.
  const template = JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}:null`).join(',')}}`) as Record<string, unknown>;
  const rows: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = { ...template };
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const column = packed.columns[k]!;
    if (isRepeated(column)) {
      const values = column.values;
      const at = column.at;
      for (let i = 0; i < n; i++) rows[i]![key] = values[at[i]!];
    } else {
      for (let i = 0; i < n; i++) rows[i]![key] = unpackValue(column[i]);
    }
  }
  return rows;
}

export function unpack(value: unknown): unknown {
  if (isPacked(value)) return unpackRows(value);
  if (Array.isArray(value)) return value.map(unpackValue);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unpackValue(v);
    return out;
  }
  return value;
}
