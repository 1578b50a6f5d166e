/**
 * A JSON shape for long lists over the HTTP harness: an array of objects that all
 * have the same keys travels as its keys once plus one array of values per row.
 * A 100,000-row ledger is half the size and much faster to write and parse.
 * Transparent: pack on the server, unpack in the client, the contract types unchanged.
 */
const MIN_ROWS = 50;

interface Packed {
  $packed: string[];
  rows: unknown[][];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function isPacked(v: unknown): v is Packed {
  return isPlainObject(v) && Array.isArray(v.$packed) && Array.isArray(v.rows);
}

export function pack(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length >= MIN_ROWS && isPlainObject(value[0])) {
      const keys = Object.keys(value[0]);
      const rows: unknown[][] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const item = value[i] as Record<string, unknown>;
        if (!isPlainObject(item) || Object.keys(item).length !== keys.length) return value.map(pack);
        const row = new Array(keys.length);
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k]!;
          if (!(key in item)) return value.map(pack);
          const v = item[key];
          row[k] = typeof v === 'object' && v !== null ? pack(v) : v;
        }
        rows[i] = row;
      }
      return { $packed: keys, rows } satisfies Packed;
    }
    return value.map(pack);
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'object' && v !== null ? pack(v) : v;
    return out;
  }
  return value;
}

export function unpack(value: unknown): unknown {
  if (isPacked(value)) {
    const keys = value.$packed;
    return value.rows.map((row) => {
      const item: Record<string, unknown> = {};
      for (let k = 0; k < keys.length; k++) {
        const v = row[k];
        item[keys[k]!] = typeof v === 'object' && v !== null ? unpack(v) : v;
      }
      return item;
    });
  }
  if (Array.isArray(value)) return value.map(unpack);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'object' && v !== null ? unpack(v) : v;
    return out;
  }
  return value;
}
