/**
 * A column's filter as in Excel: which of the column's values show (ticked in a list), and for
 * numbers and dates a range. The model is plain JSON and travels through AG Grid's own
 * getFilterModel / setFilterModel, so a saved view keeps it as it is.
 */
import { parseDate, parseDecimal, type Parsed } from '../../../../shared/domain/normalize.ts';

/** A cell's value as the filter knows it: `null` is an empty cell (空白). */
export type FilterKey = string | number | boolean | null;

/** ≥ min, ≤ max, or both (介于): numbers as numbers, dates as text (YYYY-MM-DD, or YYYY-MM for a month). */
export interface FilterRange {
  min?: number | string;
  max?: number | string;
}

export interface ValuesFilterModel {
  filterType: 'values';
  /**
   * The values ticked: only these show. With `except`, the values unticked: all but these show
   * (a value added later then shows too, as the person who unticked 空白 expects).
   */
  values?: FilterKey[];
  except?: boolean;
  range?: FilterRange;
}

/** What AG Grid's own text and number filters saved (views saved before this filter existed). */
export interface ProvidedFilterModel {
  filterType: 'text' | 'number';
  type?: string;
  filter?: string | number | null;
  filterTo?: number | null;
  operator?: 'AND' | 'OR';
  conditions?: ProvidedFilterModel[];
}

export type ColumnFilterModel = ValuesFilterModel | ProvidedFilterModel;

/** What kind of values a column holds: numbers and dates are also filtered by range; a list keeps its own order. */
export type FilterKind = 'text' | 'number' | 'date' | 'list';

export interface FilterLabels {
  kind: FilterKind;
  /** How a value shows in the list and the strip (a dictionary's label, 是/否, a number with separators). */
  label(key: FilterKey): string;
  /** A list's own order (a dictionary's order: 先进, 中间, 后进); otherwise values sort as text or numbers. */
  order?(key: FilterKey): number;
}

export const BLANK_LABEL = '（空白）';

/** The filter's key for a cell value: empty text, null and undefined are all 空白. */
export function keyOf(value: unknown): FilterKey {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'boolean') return value;
  return String(value);
}

export function isValuesModel(model: unknown): model is ValuesFilterModel {
  return typeof model === 'object' && model !== null && (model as { filterType?: unknown }).filterType === 'values';
}

/** Whether a range has either end. */
export function hasRange(range: FilterRange | undefined): range is FilterRange {
  return !!range && (range.min !== undefined || range.max !== undefined);
}

/** A value within the range: a number for a number column, a date text for a date column; anything else (空白, a kept raw text) is not. */
export function inRange(range: FilterRange, key: FilterKey): boolean {
  if (typeof range.min === 'number' || typeof range.max === 'number') {
    if (typeof key !== 'number') return false;
    return (typeof range.min !== 'number' || key >= range.min) && (typeof range.max !== 'number' || key <= range.max);
  }
  if (typeof key !== 'string' || !isDateText(key)) return false;
  // A month (2024-03) lies within a range that reaches into it: compare its first and last day.
  const first = key.length === 7 ? `${key}-01` : key;
  const last = key.length === 7 ? `${key}-31` : key;
  return (typeof range.min !== 'string' || last >= range.min) && (typeof range.max !== 'string' || first <= range.max);
}

const isDateText = (s: string) => /^\d{4}-\d{2}(-\d{2})?$/.test(s);

/**
 * The test a row's value must pass, made once per model (not once per row): a Set for the
 * values, so 100,000 rows are a Set lookup each.
 */
export function compileFilter(model: ColumnFilterModel | null, labels: FilterLabels): (key: FilterKey) => boolean {
  if (!model) return () => true;
  if (!isValuesModel(model)) return providedTest(model, labels);
  const range = hasRange(model.range) ? model.range : null;
  const values = model.values ? new Set(model.values) : null;
  const except = model.except === true;
  return (key) => (range === null || inRange(range, key)) && (values === null || values.has(key) !== except);
}

/** Text compared as AG Grid's text filter did: the label, lower case. */
function providedTest(model: ProvidedFilterModel, labels: FilterLabels): (key: FilterKey) => boolean {
  if (model.conditions?.length) {
    const tests = model.conditions.map((c) => providedTest({ ...c, filterType: model.filterType }, labels));
    return model.operator === 'OR' ? (k) => tests.some((t) => t(k)) : (k) => tests.every((t) => t(k));
  }
  const type = model.type ?? (model.filterType === 'text' ? 'contains' : 'equals');
  if (type === 'blank') return (k) => k === null;
  if (type === 'notBlank') return (k) => k !== null;
  if (model.filterType === 'number') {
    const a = Number(model.filter);
    const b = Number(model.filterTo);
    const compare: Record<string, (n: number) => boolean> = {
      equals: (n) => n === a,
      notEqual: (n) => n !== a,
      greaterThan: (n) => n > a,
      greaterThanOrEqual: (n) => n >= a,
      lessThan: (n) => n < a,
      lessThanOrEqual: (n) => n <= a,
      inRange: (n) => n > a && n < b,
    };
    const test = compare[type];
    return test ? (k) => typeof k === 'number' && test(k) : () => true;
  }
  const needle = String(model.filter ?? '').toLowerCase();
  const text = (k: FilterKey) => (k === null ? '' : labels.label(k).toLowerCase());
  const compare: Record<string, (s: string) => boolean> = {
    contains: (s) => s.includes(needle),
    notContains: (s) => !s.includes(needle),
    equals: (s) => s === needle,
    notEqual: (s) => s !== needle,
    startsWith: (s) => s.startsWith(needle),
    endsWith: (s) => s.endsWith(needle),
  };
  const test = compare[type];
  return test ? (k) => test(text(k)) : () => true;
}

/** Whether AG Grid's saved model is one we can read (an unknown condition is said in the strip, not silently dropped). */
export function isUnderstood(model: ColumnFilterModel): boolean {
  if (isValuesModel(model)) return true;
  if (model.conditions?.length) return model.conditions.every((c) => isUnderstood({ ...c, filterType: model.filterType }));
  return model.type === undefined || model.type in providedWords;
}

const providedWords: Record<string, string> = {
  contains: '包含',
  notContains: '不包含',
  equals: '等于',
  notEqual: '不等于',
  startsWith: '开头是',
  endsWith: '结尾是',
  blank: '空白',
  notBlank: '非空白',
  greaterThan: '大于',
  greaterThanOrEqual: '≥',
  lessThan: '小于',
  lessThanOrEqual: '≤',
  inRange: '介于',
};

const SHOWN_IN_SUMMARY = 3;

/** A range in words: ≥ 10, ≤ 20, 介于 10 与 20. */
export function rangeSummary(range: FilterRange, labels: FilterLabels): string {
  const show = (v: number | string) => labels.label(v);
  if (range.min !== undefined && range.max !== undefined) return `介于 ${show(range.min)} 与 ${show(range.max)}`;
  if (range.min !== undefined) return `≥ ${show(range.min)}`;
  return `≤ ${show(range.max!)}`;
}

/** What the strip above the grid says of a column's filter: 先进、中间 ; 除 空白 外 ; ≥ 10 . */
export function filterSummary(model: ColumnFilterModel, labels: FilterLabels): string {
  if (!isValuesModel(model)) {
    if (!isUnderstood(model)) return '无法识别的筛选条件（未生效）';
    const one = (m: ProvidedFilterModel): string => {
      const word = providedWords[m.type ?? 'contains'] ?? '';
      if (m.type === 'blank' || m.type === 'notBlank') return word;
      if (m.type === 'inRange') return `介于 ${String(m.filter)} 与 ${String(m.filterTo)}`;
      return `${word}“${String(m.filter ?? '')}”`;
    };
    if (model.conditions?.length) return model.conditions.map((c) => one({ ...c, filterType: model.filterType })).join(model.operator === 'OR' ? ' 或 ' : ' 且 ');
    return one(model);
  }
  const parts: string[] = [];
  if (hasRange(model.range)) parts.push(rangeSummary(model.range, labels));
  if (model.values) {
    const names = model.values.slice(0, SHOWN_IN_SUMMARY).map((k) => (k === null ? '空白' : labels.label(k)));
    const more = model.values.length > SHOWN_IN_SUMMARY ? ` 等 ${model.values.length} 项` : '';
    if (model.values.length === 0) parts.push(model.except ? '全部' : '无');
    else parts.push(model.except ? `除 ${names.join('、')}${more} 外` : `${names.join('、')}${more}`);
  }
  return parts.join('；');
}

/**
 * One end of a range as typed, read as the grid reads a typed cell (1,000 or full-width digits;
 * 2024.3.5 or 2024年3月5日). A month alone stands for its first day as the lower end and its last as the upper.
 */
export function parseRangeEnd(kind: FilterKind, text: string, end: 'min' | 'max'): Parsed<number | string> {
  if (kind === 'number') return parseDecimal(text, { scale: 6 });
  const date = parseDate(text, { month: true });
  if (!date.ok || date.value === null || date.value.length !== 7) return date;
  return { ok: true, value: end === 'min' ? `${date.value}-01` : `${date.value}-31` };
}
