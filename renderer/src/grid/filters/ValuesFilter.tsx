/**
 * The popup of a column's filter, as Excel's: the column's values with how many rows hold each
 * (among the rows the other filters leave), ticked or not, 全选, a search within the list (by
 * the column's own search text too: the initials of a name), 空白 for empty cells; numbers and
 * dates also by range. 确定 (or Enter) applies, 取消 (or Esc) closes.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, Input, Segmented, Typography } from 'antd';
import { useGridFilterDisplay, type CustomFilterDisplayProps } from 'ag-grid-react';
import type { IAfterGuiAttachedParams, IRowNode } from 'ag-grid-community';
import { BLANK_LABEL, inRange, isValuesModel, parseRangeEnd, type ColumnFilterModel, type FilterKey, type FilterKind, type FilterRange } from './model.ts';
import { allTicked, countValues, isTicked, LIST_LIMIT, listValues, modelOf, tickedCount, ticksOf, toggle, type Ticks, type ValueCount } from './valueList.ts';
import type { ValuesFilterParams } from './columnFilter.ts';
import './filters.css';

type Props<T> = CustomFilterDisplayProps<T, unknown, ColumnFilterModel> & ValuesFilterParams;

type RangeOp = 'none' | 'min' | 'max' | 'between';
const rangeOps: { value: RangeOp; label: string }[] = [
  { value: 'none', label: '不限' },
  { value: 'min', label: '≥' },
  { value: 'max', label: '≤' },
  { value: 'between', label: '介于' },
];

const rangeShow = (v: number | string) => (typeof v === 'number' ? String(v) : v);

const ROW_HEIGHT = 28;
const LIST_ROWS = 8;
/** The list's border and padding: without it a list of three values showed two and a half and a scroll bar. */
const LIST_CHROME = 8;
const format = new Intl.NumberFormat('zh-CN');

/** The range a model holds, as the popup shows it. */
function rangeInputs(model: ColumnFilterModel | null, show: (v: number | string) => string): { op: RangeOp; min: string; max: string } {
  const r = isValuesModel(model) ? model.range : undefined;
  const min = r?.min !== undefined ? show(r.min) : '';
  const max = r?.max !== undefined ? show(r.max) : '';
  return { op: min && max ? 'between' : min ? 'min' : max ? 'max' : 'none', min, max };
}

/** The range as typed in the popup, or what is wrong with it (in the words shown beside the list). */
function readRange(kind: FilterKind, inputs: { op: RangeOp; min: string; max: string }): { range?: FilterRange; error?: string } {
  if (inputs.op === 'none') return {};
  const range: FilterRange = {};
  for (const end of ['min', 'max'] as const) {
    if (inputs.op !== 'between' && inputs.op !== end) continue;
    const text = inputs[end].trim();
    const word = end === 'min' ? '下限' : '上限';
    if (text === '') return { error: `请填写范围的${word}` };
    const value = parseRangeEnd(kind, text, end);
    if (!value.ok || value.value === null) return { error: `范围的${word}：${value.ok ? '请填写' : value.message}` };
    range[end] = value.value;
  }
  if (range.min !== undefined && range.max !== undefined && range.min > range.max) return { error: '范围的下限大于上限，请核对' };
  return { range };
}

export function ValuesFilter<T>(props: Props<T>) {
  const { labels } = props;
  const latest = useRef(props);
  latest.current = props;
  const hidePopup = useRef<(() => void) | undefined>(undefined);
  const searchBox = useRef<HTMLInputElement>(null);
  const [counts, setCounts] = useState<Map<FilterKey, ValueCount<IRowNode<T>>>>(new Map());
  const [query, setQuery] = useState('');
  const [ticks, setTicks] = useState<Ticks>(allTicked);
  // Search results start all ticked, as in Excel; the ticks of the whole list wait meanwhile.
  const [searchTicks, setSearchTicks] = useState<Ticks>(allTicked);
  const [range, setRange] = useState<{ op: RangeOp; min: string; max: string }>({ op: 'none', min: '', max: '' });
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const searchTexts = useRef(new Map<FilterKey, string>());
  const hasRangeInputs = labels.kind === 'number' || labels.kind === 'date';

  /** The popup opens: the values counted afresh over the rows the other filters leave, the ticks as the filter stands. */
  const opened = useCallback(
    (params?: IAfterGuiAttachedParams) => {
      const p = latest.current;
      hidePopup.current = params?.hidePopup;
      const started = performance.now();
      // While this column is not filtered, the rows the other filters leave are the rows shown: no filter runs again.
      const own = p.api.isColumnFilterPresent() && p.column.isFilterActive();
      const found = own
        ? countValues<IRowNode<T>>((each) => p.api.forEachNode(each), (node) => p.getValue(node), (node) => p.doesRowPassOtherFilter(node))
        : countValues<IRowNode<T>>((each) => p.api.forEachNodeAfterFilter(each), (node) => p.getValue(node), () => true);
      // How long the count took, for a person measuring a large ledger (the browser's performance timeline, nothing shown).
      performance.measure('grid-filter-count', { start: started, detail: { column: p.column.getColId(), rows: p.api.getDisplayedRowCount(), values: found.size } });
      searchTexts.current = new Map();
      setCounts(found);
      setQuery('');
      setTicks(ticksOf(p.model, [...found.keys()], p.labels));
      setSearchTicks(allTicked);
      setRange(rangeInputs(p.model, rangeShow));
      setError(null);
      setActive(0);
      // The search box takes the keys at once (Esc then closes, as AG Grid listens within the popup); again once React has drawn it.
      if (!params?.suppressFocus) {
        searchBox.current?.focus();
        setTimeout(() => searchBox.current?.focus(), 0);
      }
    },
    [],
  );
  // Closed: the list of this opening goes with it. AG Grid keeps the popup mounted, and a quick
  // click on the next opening landed on the last one's list before it was counted afresh, then the
  // fresh ticks replaced what was clicked (a 空白 ticked that never applied).
  const closed = useCallback(() => setCounts(new Map()), []);
  useGridFilterDisplay({ afterGuiAttached: opened, afterGuiDetached: closed });

  const keys = useMemo(() => [...counts.keys()], [counts]);
  /** The column's own search text of a value (a name's initials), read from the first row holding it. */
  const searchText = useCallback(
    (key: FilterKey): string => {
      const own = latest.current.colDef.getQuickFilterText;
      const row = counts.get(key)?.row;
      if (!own || !row?.data) return '';
      let text = searchTexts.current.get(key);
      if (text === undefined) {
        const p = latest.current;
        text = own({ value: p.getValue(row), node: row, data: row.data, column: p.column, colDef: p.colDef, api: p.api, context: p.context });
        searchTexts.current.set(key, text);
      }
      return text;
    },
    [counts],
  );
  const searching = query.trim() !== '';
  const list = useMemo(() => listValues(keys, labels, query, searchText), [keys, labels, query, searchText]);
  const shownTicks = searching ? searchTicks : ticks;
  const setShownTicks = searching ? setSearchTicks : setTicks;
  // A value outside the range (as typed, once it reads) does not show whatever its tick: it is
  // listed unticked and greyed, so the list shows what the grid will (a range ≥ 50 had left 30 ticked).
  const typedRange = useMemo(() => readRange(labels.kind, range).range, [labels.kind, range]);
  const outside = useCallback((k: FilterKey) => typedRange !== undefined && !inRange(typedRange, k), [typedRange]);
  const inside = useMemo(() => list.keys.filter((k) => !outside(k)), [list.keys, outside]);
  const ticked = useMemo(() => tickedCount(shownTicks, inside), [shownTicks, inside]);
  const rowsListed = useMemo(() => inside.reduce<number>((n, k) => n + (counts.get(k)?.count ?? 0), 0), [inside, counts]);

  const close = () => hidePopup.current?.();

  const apply = () => {
    const typed = readRange(labels.kind, range);
    if (typed.error) return setError(typed.error);
    if (ticked === 0) return setError(typed.range ? '范围内没有勾选的值，请改范围或勾选' : '请至少勾选一项');
    props.onModelChange(modelOf(shownTicks, list.keys, searching, typed.range, props.model, keys));
    close();
  };

  const clear = () => {
    props.onModelChange(null);
    close();
  };

  const toggleAll = () => setShownTicks({ all: ticked < inside.length, flipped: new Set() });

  const onListKey = (e: React.KeyboardEvent) => {
    const last = list.shown.length - 1;
    const move = (to: number) => {
      e.preventDefault();
      setActive(Math.max(0, Math.min(last, to)));
    };
    if (e.key === 'ArrowDown') move(active + 1);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if (e.key === 'PageDown') move(active + LIST_ROWS);
    else if (e.key === 'PageUp') move(active - LIST_ROWS);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(last);
    else if (e.key === ' ' && list.shown[active] !== undefined && !outside(list.shown[active]!)) {
      e.preventDefault();
      setShownTicks(toggle(shownTicks, list.shown[active]!));
    }
  };

  const onKey = (e: React.KeyboardEvent) => {
    // Enter applies, as Excel's OK; not while an input method is composing, nor on a button (取消 is pressed by it).
    if (e.key === 'Enter' && !e.nativeEvent.isComposing && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      apply();
    }
  };

  const truncated = list.keys.length > list.shown.length;
  return (
    <div
      className="grid-filter grid-own-keys"
      onKeyDown={onKey}
      // The grid's copy and paste act on its cells: not on the text typed here.
      onCopy={(e) => e.stopPropagation()}
      onCut={(e) => e.stopPropagation()}
      onPaste={(e) => e.stopPropagation()}
      data-testid="grid-filter"
    >
      <Input
        ref={(el) => {
          searchBox.current = el?.input ?? null;
        }}
        size="small"
        allowClear
        // A name column finds by pinyin initials as the quick search does (its own search text holds them).
        placeholder={labels.kind === 'text' && props.colDef.getQuickFilterText ? '搜索（可用拼音首字母）' : '搜索'}
        aria-label="在值列表中搜索"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setSearchTicks(allTicked);
          setActive(0);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            (e.currentTarget.closest('.grid-filter')?.querySelector('[role="listbox"]') as HTMLElement | null)?.focus();
          }
        }}
      />
      {hasRangeInputs && (
        <div className="grid-filter-range">
          <span className="grid-filter-range-head">
            <span>范围</span>
            <Segmented<RangeOp>
            size="small"
            value={range.op}
            options={rangeOps}
            onChange={(op) => {
              setRange({ ...range, op });
              setError(null);
            }}
            aria-label="范围"
            />
          </span>
          {range.op !== 'none' && (
            <div className="grid-filter-range-inputs">
              {range.op !== 'max' && (
                <Input size="small" aria-label="下限" placeholder={labels.kind === 'date' ? '如 2024-01-01' : '下限'} value={range.min} onChange={(e) => setRange({ ...range, min: e.target.value })} />
              )}
              {range.op === 'between' && <span>至</span>}
              {range.op !== 'min' && (
                <Input size="small" aria-label="上限" placeholder={labels.kind === 'date' ? '如 2024-12-31' : '上限'} value={range.max} onChange={(e) => setRange({ ...range, max: e.target.value })} />
              )}
            </div>
          )}
        </div>
      )}
      <div className="grid-filter-all">
        <Checkbox checked={inside.length > 0 && ticked === inside.length} indeterminate={ticked > 0 && ticked < inside.length} onChange={toggleAll}>
          {searching ? '全选搜索结果' : '全选'}
        </Checkbox>
        <span className="grid-filter-count">{format.format(rowsListed)}</span>
      </div>
      <ValueOptions
        shown={list.shown}
        label={(k) => (k === null ? BLANK_LABEL : labels.label(k))}
        count={(k) => counts.get(k)?.count ?? 0}
        ticked={(k) => !outside(k) && isTicked(shownTicks, k)}
        outside={outside}
        onToggle={(k, i) => {
          if (outside(k)) return;
          setActive(i);
          setShownTicks(toggle(shownTicks, k));
          setError(null);
        }}
        active={active}
        onKeyDown={onListKey}
      />
      {list.keys.length === 0 && <Typography.Text type="secondary">{searching ? '没有找到' : '没有值'}</Typography.Text>}
      {truncated && (
        <Typography.Text type="secondary" className="grid-filter-note">
          共 {format.format(list.keys.length)} 个不同的值，只列出 {format.format(LIST_LIMIT)} 个；请搜索查找其余的值。
        </Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" role="alert" className="grid-filter-note">
          {error}
        </Typography.Text>
      )}
      <div className="grid-filter-buttons">
        <Button size="small" type="link" onClick={clear} disabled={props.model === null}>
          清除此列筛选
        </Button>
        <span>
          <Button size="small" onClick={close}>
            取消
          </Button>
          <Button size="small" type="primary" onClick={apply}>
            确定
          </Button>
        </span>
      </div>
    </div>
  );
}

/** The values, drawn only where the list is scrolled to: a column of a thousand values opens at once. */
function ValueOptions(props: {
  shown: FilterKey[];
  label(k: FilterKey): string;
  count(k: FilterKey): number;
  ticked(k: FilterKey): boolean;
  /** Outside the range: greyed and not ticked, whatever its tick. */
  outside(k: FilterKey): boolean;
  onToggle(k: FilterKey, index: number): void;
  active: number;
  onKeyDown(e: React.KeyboardEvent): void;
}) {
  const { shown, active } = props;
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  // The active value kept in view as the keys move it.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const y = active * ROW_HEIGHT;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_HEIGHT - el.clientHeight;
  }, [active]);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - 4);
  const last = Math.min(shown.length, first + LIST_ROWS + 8);
  const id = (i: number) => `grid-filter-option-${i}`;
  return (
    <div
      ref={box}
      className="grid-filter-list"
      role="listbox"
      aria-multiselectable
      aria-label="值列表"
      tabIndex={0}
      aria-activedescendant={shown.length > 0 ? id(active) : undefined}
      style={{ height: Math.max(1, Math.min(LIST_ROWS, shown.length)) * ROW_HEIGHT + LIST_CHROME }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      onKeyDown={props.onKeyDown}
    >
      <div style={{ height: shown.length * ROW_HEIGHT, position: 'relative' }}>
        {shown.slice(first, last).map((k, j) => {
          const i = first + j;
          const label = props.label(k);
          const outside = props.outside(k);
          return (
            <div
              key={`${typeof k}:${String(k)}`}
              id={id(i)}
              role="option"
              aria-selected={props.ticked(k)}
              aria-disabled={outside || undefined}
              className={`grid-filter-option${i === active ? ' grid-filter-option-active' : ''}${outside ? ' grid-filter-option-outside' : ''}`}
              style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
              onClick={() => props.onToggle(k, i)}
              title={outside ? `${label}（不在所设范围内）` : label}
            >
              <Checkbox checked={props.ticked(k)} disabled={outside} tabIndex={-1} style={{ pointerEvents: 'none' }} />
              <span className="grid-filter-label">{label}</span>
              <span className="grid-filter-count">{format.format(props.count(k))}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
