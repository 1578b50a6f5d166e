/** The column filters' value list and model: what is counted, listed, searched, ticked, kept and tested per row. */
import { describe, expect, it } from 'vitest';
import { compileFilter, filterSummary, isUnderstood, keyOf, parseRangeEnd, type ColumnFilterModel, type FilterKey, type FilterLabels } from '../../renderer/src/grid/filters/model.ts';
import { allTicked, compareKeys, countValues, isTicked, LIST_LIMIT, listValues, MODEL_LIMIT, modelOf, tickedCount, ticksOf, toggle, type Ticks } from '../../renderer/src/grid/filters/valueList.ts';

const text: FilterLabels = { kind: 'text', label: (k) => String(k) };
const numbers: FilterLabels = { kind: 'number', label: (k) => (typeof k === 'number' ? k.toLocaleString('zh-CN') : String(k)) };
const dates: FilterLabels = { kind: 'date', label: (k) => String(k) };
const gradeLabels: Record<string, string> = { advanced: '先进', middle: '中间', lagging: '后进' };
const grades: FilterLabels = { kind: 'list', label: (k) => gradeLabels[String(k)] ?? String(k), order: (k) => ['advanced', 'middle', 'lagging'].indexOf(String(k)) };

interface Row {
  secretary: string | null;
  grade: string | null;
  members: number | string | null;
}
const rows: Row[] = [
  { secretary: '王刚', grade: 'middle', members: 12 },
  { secretary: '', grade: 'advanced', members: 30 },
  { secretary: '李红', grade: 'lagging', members: null },
  { secretary: '王刚', grade: 'middle', members: '很多' },
  { secretary: '  ', grade: 'lagging', members: 5 },
  { secretary: null, grade: 'middle', members: 30 },
];
const visit = (each: (r: Row) => void) => rows.forEach(each);

describe('counting a column’s values', () => {
  it('one pass: each distinct value with its count and first row; empty text, spaces and null are all 空白', () => {
    const counts = countValues(visit, (r) => r.secretary, () => true);
    expect([...counts.entries()].map(([k, v]) => [k, v.count])).toEqual([
      ['王刚', 2],
      [null, 3],
      ['李红', 1],
    ]);
    expect(counts.get('王刚')!.row).toBe(rows[0]);
  });

  it('counts only the rows the other filters leave, as Excel does', () => {
    const counts = countValues(visit, (r) => r.secretary, (r) => r.grade !== 'lagging');
    expect([...counts.entries()].map(([k, v]) => [k, v.count])).toEqual([
      ['王刚', 2],
      [null, 2],
    ]);
  });

  it('keeps numbers as numbers and a kept raw text (red) as its text', () => {
    const counts = countValues(visit, (r) => r.members, () => true);
    expect([...counts.keys()]).toEqual([12, 30, null, '很多', 5]);
    expect(keyOf(Number.NaN)).toBeNull();
    expect(keyOf(false)).toBe(false);
  });
});

describe('the list', () => {
  it('空白 first, then numbers in order, then text in pinyin order', () => {
    const keys: FilterKey[] = ['张三', 30, '李四', null, 5, '王五', true];
    expect([...keys].sort(compareKeys(text))).toEqual([null, 5, 30, '李四', '王五', '张三', true]);
  });

  it('a dictionary in its own order (先进, 中间, 后进), not by pinyin', () => {
    expect(['lagging', null, 'middle', 'advanced'].sort(compareKeys(grades))).toEqual([null, 'advanced', 'middle', 'lagging']);
  });

  it('searches the labels, the column’s own search text (a name’s initials) and 空白', () => {
    const keys: FilterKey[] = ['新华村党支部', '天义镇机关党支部', null, 'advanced'];
    const initials: Record<string, string> = { 新华村党支部: 'xhcdzb', 天义镇机关党支部: 'tyzjgdzb' };
    const searchText = (k: FilterKey) => initials[String(k)] ?? '';
    expect(listValues(keys, text, '新华', searchText).keys).toEqual(['新华村党支部']);
    expect(listValues(keys, text, 'TYZ', searchText).keys).toEqual(['天义镇机关党支部']);
    expect(listValues(keys, text, '空白', searchText).keys).toEqual([null]);
    expect(listValues(keys, grades, '先进', searchText).keys).toEqual(['advanced']);
    expect(listValues(keys, text, '  ', searchText).keys).toHaveLength(4);
  });

  it('lists at most LIST_LIMIT values (sorted), while every value stays tickable through 全选', () => {
    const many = Array.from({ length: LIST_LIMIT + 500 }, (_, i) => LIST_LIMIT + 500 - i);
    const list = listValues(many, numbers, '', () => '');
    expect(list.keys).toHaveLength(LIST_LIMIT + 500);
    expect(list.shown).toHaveLength(LIST_LIMIT);
    expect(list.shown[0]).toBe(501);
    expect(list.shown.at(-1)).toBe(LIST_LIMIT + 500);
    // 空白 met last in the rows is listed all the same.
    const withBlank = listValues([...many, null], numbers, '', () => '');
    expect(withBlank.shown).toHaveLength(LIST_LIMIT);
    expect(withBlank.shown[0]).toBeNull();
  });
});

describe('ticks and the model they make', () => {
  const keys: FilterKey[] = ['advanced', 'middle', 'lagging', null];

  it('unticking from all hides just those (a value added later still shows)', () => {
    const t = toggle(allTicked, null);
    expect(isTicked(t, null)).toBe(false);
    expect(tickedCount(t, keys)).toBe(3);
    const model = modelOf(t, keys, false, undefined, null)!;
    expect(model).toEqual({ filterType: 'values', values: [null], except: true });
    const test = compileFilter(model, grades);
    expect(keys.map(test)).toEqual([true, true, true, false]);
    expect(test('new-grade')).toBe(true);
  });

  it('ticking from none shows just those', () => {
    const none: Ticks = { all: false, flipped: new Set() };
    const t = toggle(toggle(none, 'advanced'), 'middle');
    const model = modelOf(t, keys, false, undefined, null)!;
    expect(model).toEqual({ filterType: 'values', values: ['advanced', 'middle'] });
    expect(keys.map(compileFilter(model, grades))).toEqual([true, true, false, false]);
  });

  it('all ticked and no range is no filter', () => {
    expect(modelOf(allTicked, keys, false, undefined, null)).toBeNull();
    expect(modelOf(toggle(toggle(allTicked, 'middle'), 'middle'), keys, false, undefined, null)).toBeNull();
  });

  it('searching: only the ticked search results show, as in Excel', () => {
    const found: FilterKey[] = ['王刚', '王五'];
    const model = modelOf(toggle(allTicked, '王五'), found, true, undefined, null)!;
    expect(model).toEqual({ filterType: 'values', values: ['王刚'] });
    expect(['王刚', '王五', '李红', null].map(compileFilter(model, text))).toEqual([true, false, false, false]);
  });

  it('a search finding nearly every value of a large column names the few it did not find (a saved view stays small)', () => {
    const all: FilterKey[] = Array.from({ length: MODEL_LIMIT + 100 }, (_, i) => (i < 50 ? `李${i}` : `王${i}`));
    const found = all.filter((k) => String(k).startsWith('王'));
    const model = modelOf(allTicked, found, true, undefined, null, all)!;
    expect(model.except).toBe(true);
    expect(model.values).toHaveLength(50);
    expect(all.map(compileFilter(model, text)).filter(Boolean)).toHaveLength(found.length);
    // A few thousand found: named as they are.
    expect(modelOf(allTicked, found.slice(0, 3000), true, undefined, null, all)!.values).toHaveLength(3000);
  });

  it('a value the other filters hide from the list keeps what this filter said of it', () => {
    const previous: ColumnFilterModel = { filterType: 'values', values: ['lagging'], except: true };
    // 后进 is not listed now (another column's filter leaves no 后进 row); 中间 is unticked as well.
    const listed: FilterKey[] = ['advanced', 'middle'];
    const ticks = ticksOf(previous, listed, grades);
    const model = modelOf(toggle(ticks, 'middle'), listed, false, undefined, previous)!;
    expect(model).toEqual({ filterType: 'values', values: ['middle', 'lagging'], except: true });
  });

  it('reopened, the popup ticks what the filter holds', () => {
    expect(ticksOf(null, keys, grades)).toEqual(allTicked);
    const shown = ticksOf({ filterType: 'values', values: ['advanced'] }, keys, grades);
    expect(keys.map((k) => isTicked(shown, k))).toEqual([true, false, false, false]);
    const hidden = ticksOf({ filterType: 'values', values: ['advanced'], except: true }, keys, grades);
    expect(keys.map((k) => isTicked(hidden, k))).toEqual([false, true, true, true]);
    // A view saved with AG Grid's own text filter (on the labels): its matches ticked.
    const legacy = ticksOf({ filterType: 'text', type: 'contains', filter: '进' }, keys, grades);
    expect(keys.map((k) => isTicked(legacy, k))).toEqual([true, false, true, false]);
  });

  it('a range alone, or with values: both must hold', () => {
    const onlyRange = modelOf(allTicked, [12, 30, null, '很多', 5], false, { min: 10, max: 30 }, null)!;
    expect(onlyRange).toEqual({ filterType: 'values', range: { min: 10, max: 30 } });
    expect([12, 30, null, '很多', 5, 31, 10].map(compileFilter(onlyRange, numbers))).toEqual([true, true, false, false, false, false, true]);
    const both: ColumnFilterModel = { filterType: 'values', values: [30], except: true, range: { min: 10 } };
    expect([12, 30, 5].map(compileFilter(both, numbers))).toEqual([true, false, false]);
  });
});

describe('ranges and saved views', () => {
  it('dates by range, a month (kept as YYYY-MM) within a range that reaches into it', () => {
    const test = compileFilter({ filterType: 'values', range: { min: '2024-03-01', max: '2024-06-30' } }, dates);
    expect(['2024-03-01', '2024-06-30', '2024-02-29', '2024-07-01', '2024-03', '2024-02', null, '去年'].map(test)).toEqual([true, true, false, false, true, false, false, false]);
  });

  it('the ends of a range are read as a typed cell is: separators, full-width digits, Chinese dates, a month', () => {
    expect(parseRangeEnd('number', '1,000', 'min')).toEqual({ ok: true, value: 1000 });
    expect(parseRangeEnd('number', '２０', 'max')).toEqual({ ok: true, value: 20 });
    expect(parseRangeEnd('number', '很多', 'min')).toEqual({ ok: false, message: '“很多”不是数字' });
    expect(parseRangeEnd('date', '2024.3.5', 'min')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseRangeEnd('date', '2024年3月', 'min')).toEqual({ ok: true, value: '2024-03-01' });
    expect(parseRangeEnd('date', '2024年3月', 'max')).toEqual({ ok: true, value: '2024-03-31' });
    const bad = parseRangeEnd('date', '三月', 'min');
    expect(bad.ok).toBe(false);
  });

  it('the model is plain JSON: a saved view gives back the same filter, 空白, numbers and 是/否 included', () => {
    const model: ColumnFilterModel = { filterType: 'values', values: [null, 0, false, 'middle'], range: { max: 40 } };
    const back = JSON.parse(JSON.stringify(model)) as ColumnFilterModel;
    const keys: FilterKey[] = [null, 0, false, 'middle', '0', 'false', 50];
    expect(keys.map(compileFilter(back, text))).toEqual(keys.map(compileFilter(model, text)));
    expect(keys.map(compileFilter(back, text))).toEqual([false, true, false, false, false, false, false]);
  });

  it('views saved with AG Grid’s own filters still filter, on the labels as before; an unknown one is said, not silently applied', () => {
    expect(['advanced', 'middle', null].map(compileFilter({ filterType: 'text', type: 'equals', filter: '中间' }, grades))).toEqual([false, true, false]);
    expect([5, 10, 20, null].map(compileFilter({ filterType: 'number', type: 'greaterThanOrEqual', filter: 10 }, numbers))).toEqual([false, true, true, false]);
    const either: ColumnFilterModel = { filterType: 'text', operator: 'OR', conditions: [{ filterType: 'text', type: 'startsWith', filter: '王' }, { filterType: 'text', type: 'blank' }] };
    expect(['王刚', '李红', null].map(compileFilter(either, text))).toEqual([true, false, true]);
    expect(filterSummary(either, text)).toBe('开头是“王” 或 空白');
    const unknown: ColumnFilterModel = { filterType: 'text', type: 'regex', filter: '.*' };
    expect(isUnderstood(unknown)).toBe(false);
    expect(filterSummary(unknown, text)).toBe('无法识别的筛选条件（未生效）');
  });

  it('the strip’s words', () => {
    expect(filterSummary({ filterType: 'values', values: ['advanced', 'middle'] }, grades)).toBe('先进、中间');
    expect(filterSummary({ filterType: 'values', values: [null], except: true }, grades)).toBe('除 空白 外');
    expect(filterSummary({ filterType: 'values', values: ['a', 'b', 'c', 'd', 'e'] }, text)).toBe('a、b、c 等 5 项');
    expect(filterSummary({ filterType: 'values', range: { min: 10, max: 30 } }, numbers)).toBe('介于 10 与 30');
    expect(filterSummary({ filterType: 'values', range: { min: 1000 } }, numbers)).toBe('≥ 1,000');
    expect(filterSummary({ filterType: 'values', range: { max: '2024-12-31' }, values: [null], except: true }, dates)).toBe('≤ 2024-12-31；除 空白 外');
  });
});
