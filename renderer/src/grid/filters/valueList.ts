/**
 * The list a column's filter shows: each distinct value with how many rows hold it (among the
 * rows the other filters leave, as Excel counts), in order, searched; and what the ticks in it
 * make of the column's filter when applied. Pure: the grid hands in its rows.
 */
import { zhCollator } from '../../../../shared/domain/collator.ts';
import { compileFilter, hasRange, isValuesModel, keyOf, type ColumnFilterModel, type FilterKey, type FilterLabels, type FilterRange, type ValuesFilterModel } from './model.ts';

/** Values listed at most: a list of 100,000 names is read by searching it, not by scrolling. */
export const LIST_LIMIT = 1000;

export interface ValueCount<R> {
  count: number;
  /** The first row holding the value: what the column's own search text is read from. */
  row: R;
}

/**
 * One pass over the rows: a Map from each value to its count. `visit` walks every row,
 * `include` says whether the other filters leave it.
 */
export function countValues<R>(visit: (each: (row: R) => void) => void, valueOf: (row: R) => unknown, include: (row: R) => boolean): Map<FilterKey, ValueCount<R>> {
  const counts = new Map<FilterKey, ValueCount<R>>();
  visit((row) => {
    if (!include(row)) return;
    const key = keyOf(valueOf(row));
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { count: 1, row });
  });
  return counts;
}

/**
 * 空白 first (Excel puts it last, where a long list hides it), then numbers in order, then text (a
 * list in its own order, else pinyin order), then 是 before 否.
 */
export function compareKeys(labels: FilterLabels): (a: FilterKey, b: FilterKey) => number {
  const rank = (k: FilterKey) => (k === null ? -1 : typeof k === 'number' ? 0 : typeof k === 'string' ? 1 : 2);
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? -1 : 1;
    if (labels.order) {
      const d = labels.order(a) - labels.order(b);
      if (d !== 0) return d;
    }
    return zhCollator.compare(labels.label(a!), labels.label(b!));
  };
}

export interface ValueList {
  /** The values a person can tick now: every distinct value, or those the search finds. */
  keys: FilterKey[];
  /** The first LIST_LIMIT of them, in order: what the list shows. */
  shown: FilterKey[];
}

/**
 * The values found by `query` (all values for none), and those shown. Only the shown ones are
 * sorted: sorting 100,000 names by pinyin takes longer than a person waits for a popup.
 */
export function listValues(keys: readonly FilterKey[], labels: FilterLabels, query: string, searchText: (key: FilterKey) => string): ValueList {
  const q = query.trim().toLowerCase();
  const found = q === '' ? [...keys] : keys.filter((k) => (k === null ? '空白' : labels.label(k)).toLowerCase().includes(q) || searchText(k).toLowerCase().includes(q));
  const shown = found.slice(0, LIST_LIMIT);
  // 空白 is listed however long the list: it is what people look for in a large column.
  if (found.length > LIST_LIMIT && !shown.includes(null) && found.includes(null)) shown[LIST_LIMIT - 1] = null;
  return { keys: found, shown: shown.sort(compareKeys(labels)) };
}

/**
 * The ticks: `all` ticked except those `flipped`, or none ticked but those `flipped`. A person
 * unticking one value of 100,000 is one entry, not 99,999.
 */
export interface Ticks {
  all: boolean;
  flipped: ReadonlySet<FilterKey>;
}

export const allTicked: Ticks = { all: true, flipped: new Set() };

export const isTicked = (t: Ticks, key: FilterKey) => t.all !== t.flipped.has(key);

export function toggle(t: Ticks, key: FilterKey): Ticks {
  const flipped = new Set(t.flipped);
  if (!flipped.delete(key)) flipped.add(key);
  return { all: t.all, flipped };
}

/** How many of `keys` are ticked. */
export function tickedCount(t: Ticks, keys: readonly FilterKey[]): number {
  let n = 0;
  for (const k of keys) if (isTicked(t, k)) n++;
  return n;
}

/** The ticks a column's filter stands for, over the values listed now (a value the model names but no row holds stays as it was). */
export function ticksOf(model: ColumnFilterModel | null, keys: readonly FilterKey[], labels: FilterLabels): Ticks {
  if (!model) return allTicked;
  if (isValuesModel(model)) {
    if (!model.values) return allTicked;
    return { all: model.except === true, flipped: new Set(model.values) };
  }
  // A view saved with AG Grid's own text filter: its matches ticked.
  const test = compileFilter(model, labels);
  const passing = keys.filter((k) => test(k));
  if (passing.length * 2 >= keys.length) return { all: true, flipped: new Set(keys.filter((k) => !test(k))) };
  return { all: false, flipped: new Set(passing) };
}

/** Values named in a model at most, where the other way round names fewer: a saved view stays small. */
export const MODEL_LIMIT = 10_000;

/**
 * The column's filter when 确定 is pressed; null: no filter. `keys` are the values the list
 * offered (all, or those searched: then only the ticked search results show, as in Excel);
 * `all` every value listed without the search.
 */
export function modelOf(ticks: Ticks, keys: readonly FilterKey[], searching: boolean, range: FilterRange | undefined, previous: ColumnFilterModel | null, all: readonly FilterKey[] = keys): ValuesFilterModel | null {
  const ticked = keys.filter((k) => isTicked(ticks, k));
  let values: Pick<ValuesFilterModel, 'values' | 'except'> = {};
  if (searching) {
    // 党 finds nearly every branch: name the few it does not find rather than the thousands it does.
    const found = new Set(ticked);
    const rest = ticked.length > MODEL_LIMIT ? all.filter((k) => !found.has(k)) : [];
    values = ticked.length > MODEL_LIMIT && rest.length < ticked.length ? { values: rest, except: true } : { values: ticked };
  } else if (ticked.length < keys.length) {
    const listed = new Set(keys);
    // Values the other filters hide from the list keep what this filter said of them.
    const kept = isValuesModel(previous) && previous.values && (previous.except === true) === ticks.all ? previous.values.filter((k) => !listed.has(k)) : [];
    values = ticks.all ? { values: [...keys.filter((k) => !isTicked(ticks, k)), ...kept], except: true } : { values: [...ticked, ...kept] };
  }
  const model: ValuesFilterModel = { filterType: 'values', ...values, ...(hasRange(range) ? { range } : {}) };
  return model.values === undefined && model.range === undefined ? null : model;
}
