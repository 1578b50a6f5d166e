import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../shared/contract/packing.ts';

const viaJson = (v: unknown) => unpack(JSON.parse(JSON.stringify(pack(v))));

describe('packing long lists for the HTTP harness', () => {
  const rows = Array.from({ length: 120 }, (_, i) => ({ id: i, name: `第${i}党支部`, invalid: i % 7 ? null : { membersFormal: { raw: '三十', message: 'x' } }, tags: [i] }));

  it('round-trips exactly and is smaller', () => {
    const value = { ok: true, value: { year: 2026, total: rows.length, rows } };
    const packed = pack(value);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(value).length * 0.7);
    expect(unpack(JSON.parse(JSON.stringify(packed)))).toEqual(value);
  });

  it('leaves short lists and lists of differing objects as they are', () => {
    expect(pack(rows.slice(0, 3))).toEqual(rows.slice(0, 3));
    const mixed = [...rows, { other: 1 }];
    expect(unpack(pack(mixed))).toEqual(mixed);
    expect((pack(mixed) as unknown[]).length).toBe(mixed.length);
  });

  // Ledger-like rows: a township repeated in runs, a grade and a flag in any order, a text of its own per row.
  const ledger = Array.from({ length: 2000 }, (_, i) => ({
    id: i + 1,
    township: `第${Math.floor(i / 37)}镇党委`,
    name: `党支部${i}`,
    grade: ['good', 'middle', 'lagging', null][i % 4]!,
    standardised: i % 3 === 0 ? null : i % 3 === 1,
    // Few distinct values at first, then every row its own: packed as they are from where the first rows stopped.
    secretary: i < 300 ? `书记${i % 5}` : `书记${i}`,
    // Empty for many rows, then a nested value: the column goes back to values.
    invalid: i === 1500 ? { grade: { raw: '一般般', message: '不是等次' } } : null,
    termChangedOn: `2024-0${1 + (i % 9)}-1${i % 10}`,
    notes: null,
  }));

  it('sends repeated values once: a 2,000-row ledger in under a third of its plain JSON, read back the same', () => {
    const text = JSON.stringify(pack(ledger));
    expect(text.length).toBeLessThan(JSON.stringify(ledger).length / 3);
    expect(unpack(JSON.parse(text))).toStrictEqual(ledger);
  });

  it('keeps every kind of value as it was: numbers, flags, empty, nested values, keys in their order', () => {
    const kinds = Array.from({ length: 60 }, (_, i) => ({
      n: i % 2 ? 1.5 : -3,
      flag: i % 5 === 0,
      empty: null,
      text: i % 2 ? '' : '0',
      list: i % 4 ? [] : [{ a: i }],
      nested: { deeper: Array.from({ length: 60 }, (_, j) => ({ j, odd: j % 2 === 1 })) },
    }));
    const back = viaJson(kinds) as typeof kinds;
    expect(back).toStrictEqual(kinds);
    expect(Object.keys(back[0]!)).toEqual(Object.keys(kinds[0]!));
  });

  it('sends as they are the lists it cannot column exactly: keys in another order, a key missing, an undefined value', () => {
    const base = Array.from({ length: 60 }, (_, i) => ({ a: i, b: `x${i}` }));
    const reordered = [...base.slice(0, 59), { b: 'y', a: 99 }];
    expect(Object.keys((viaJson(reordered) as typeof reordered)[59]!)).toEqual(['b', 'a']);
    expect(viaJson(reordered)).toStrictEqual(reordered);
    const missing = [...base.slice(0, 59), { a: 1, c: 'z' }];
    expect(viaJson(missing)).toStrictEqual(missing);
    const undefinedValue = [...base.slice(0, 59), { a: 1, b: undefined }];
    // As JSON itself sends it: the key with no value is left out, and nothing else changes.
    expect(viaJson(undefinedValue)).toStrictEqual(JSON.parse(JSON.stringify(undefinedValue)));
  });

  it('takes a key named __proto__ as a key, not as the row’s prototype', () => {
    const rowsWithProto = Array.from({ length: 60 }, (_, i) => JSON.parse(`{"id":${i},"__proto__":"文字${i % 3}"}`) as Record<string, unknown>);
    const back = viaJson(rowsWithProto) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(back[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back[5], '__proto__')?.value).toBe('文字2');
  });

  it('reads rows back with their values inline, as JSON.parse makes them (not as a hash table per row, several times larger)', () => {
    v8.setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    // As wide as a ledger row: 31 keys. Made by JSON.parse, as the page gets them: built key by key here, these
    // rows would leave the engine a path of shapes that rows rebuilt key by key could follow.
    const text = (i: number) => `{${Array.from({ length: 31 }, (_, k) => `"wideField${k}":${k % 3 ? `"值${(i + k) % 7}"` : i * k}`).join(',')}}`;
    const wide = Array.from({ length: 200 }, (_, i) => JSON.parse(text(i)) as Record<string, unknown>);
    const back = viaJson(wide) as object[];
    expect(back).toStrictEqual(wide);
    expect(back.every(hasFastProperties)).toBe(true);
  });
});
