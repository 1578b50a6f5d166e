import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../shared/contract/packing.ts';

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
});
