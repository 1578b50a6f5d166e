/**
 * The totals row under a grid, from the columns' own definitions: every column marked `summed`
 * is added up over the rows shown (a 是/否 column counts its 是, as the template's 合计 does), so a
 * new summed column is totalled without touching a page.
 */
import type { InvalidValue } from '../../../shared/contract/types.ts';
import type { FieldDef } from '../../../shared/domain/fields.ts';

export interface Totals {
  /** Rows added up. */
  count: number;
  /** Each summed column's total, by field. */
  sums: Record<string, number>;
  /** How many values kept red (typed, not understood) each summed column left out, by field: only those that left any out. */
  leftOut: Record<string, number>;
}

/** A row's red (kept, not understood) value of a field: the ledger's rows and the records' keep them alike. */
const isRed = (row: unknown, field: string) => (row as { invalid?: Record<string, unknown> | null } | undefined)?.invalid?.[field] !== undefined;

/**
 * `eachRow` hands every row shown to `add`; `read` gives a row's stored value of a field. A value
 * kept red is no number and adds nothing; it is counted in `leftOut`, so the 合计 can say so.
 */
export function totalsOf<T>(fields: readonly FieldDef[], eachRow: (add: (row: T) => void) => void, read: (row: T, field: string) => unknown): Totals {
  const summed = fields.filter((f) => f.summed);
  const sums = new Float64Array(summed.length);
  const red = new Uint32Array(summed.length);
  let count = 0;
  eachRow((row) => {
    count++;
    for (let i = 0; i < summed.length; i++) {
      const v = read(row, summed[i]!.field);
      if (typeof v === 'number' && Number.isFinite(v)) sums[i]! += v;
      else if (v === true) sums[i]! += 1;
      else if (v === null && isRed(row, summed[i]!.field)) red[i]!++;
    }
  });
  const leftOut: Record<string, number> = {};
  summed.forEach((f, i) => red[i] && (leftOut[f.field] = red[i]!));
  const out: Record<string, number> = {};
  summed.forEach((f, i) => {
    // Decimals are shown to their places: adding 0.1s must not show 0.30000000000000004.
    const places = f.type === 'decimal' ? 10 ** (f.scale ?? 2) : 0;
    out[f.field] = places ? Math.round(sums[i]! * places) / places : sums[i]!;
  });
  return { count, sums: out, leftOut };
}

const totalFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });

/**
 * The 合计 row's own red marks: a total that leaves out values kept red says so, its cell red as
 * theirs and how many in its tooltip. Null when every value was counted.
 */
export function leftOutMarks(totals: Totals): Record<string, InvalidValue> | null {
  const fields = Object.keys(totals.leftOut);
  if (fields.length === 0) return null;
  return Object.fromEntries(
    fields.map((f) => [f, { raw: totalFormat.format(totals.sums[f] ?? 0), message: `合计未计入 ${totals.leftOut[f]} 个未识别的值（红色单元格），改正后才计入。` }]),
  );
}
