/**
 * The totals row under a grid, from the columns' own definitions: every column marked `summed`
 * is added up over the rows shown (a 是/否 column counts its 是, as the template's 合计 does), so a
 * new summed column is totalled without touching a page.
 */
import type { FieldDef } from '../../../shared/domain/fields.ts';

export interface Totals {
  /** Rows added up. */
  count: number;
  /** Each summed column's total, by field. */
  sums: Record<string, number>;
}

/**
 * `eachRow` hands every row shown to `add`; `read` gives a row's stored value of a field. A value
 * kept red is no number and adds nothing, as an empty cell does.
 */
export function totalsOf<T>(fields: readonly FieldDef[], eachRow: (add: (row: T) => void) => void, read: (row: T, field: string) => unknown): Totals {
  const summed = fields.filter((f) => f.summed);
  const sums = new Float64Array(summed.length);
  let count = 0;
  eachRow((row) => {
    count++;
    for (let i = 0; i < summed.length; i++) {
      const v = read(row, summed[i]!.field);
      if (typeof v === 'number' && Number.isFinite(v)) sums[i]! += v;
      else if (v === true) sums[i]! += 1;
    }
  });
  const out: Record<string, number> = {};
  summed.forEach((f, i) => {
    // Decimals are shown to their places: adding 0.1s must not show 0.30000000000000004.
    const places = f.type === 'decimal' ? 10 ** (f.scale ?? 2) : 0;
    out[f.field] = places ? Math.round(sums[i]! * places) / places : sums[i]!;
  });
  return { count, sums: out };
}
