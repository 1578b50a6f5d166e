/**
 * Find and replace in a grid, as Excel's and WPS's 查找和替换: Ctrl+F finds among the rows the filters
 * leave, in all columns, one column or the selection; Enter / F3 and Shift+Enter / Shift+F3 move from
 * hit to hit, each selected and scrolled into view. Ctrl+H replaces the hit shown or all of them, as
 * one change set (one Ctrl+Z), written as typed text is: the core parses, checks and audits it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellClassParams, Column, GridApi, IRowNode, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { parseFieldValue, shownValue } from '../../../../shared/domain/fields.ts';
import { columnFacts } from '../columns.ts';
import type { WriteResult } from '../editResult.ts';
import { dataColumns, headerOf, type GridView } from '../gridView.ts';
import { bounds, cellCount } from '../range.ts';
import type { Selection } from '../useSelection.ts';
import type { Writes } from '../useWrites.ts';
import { matcher, nextHit, sameHit, type FindQuery, type HitCell, type PlacedHit } from './match.ts';
import { planReplace, readingMessage, readingOf, readOnlyMessage, refusalMessage, type ReplaceTarget } from './replacePlan.ts';

export type FindMode = 'find' | 'replace';

/** Where find looks: every column shown, one column, or the cells selected when the bar was opened. */
export type FindScope = { kind: 'all' } | { kind: 'column'; colId: string } | { kind: 'selection' };

/** The cells selected when the bar opened (by row id, so that a sort does not move them). */
interface SelectedCells {
  rowIds: ReadonlySet<string>;
  cols: readonly string[];
  count: number;
}

export interface FindNote {
  type: 'success' | 'info' | 'error';
  text: string;
}

/** The grid's events after which the hits may be others: rows set, added, removed or written, filtered, sorted, columns moved. */
const rowsChangedBy = ['rowDataUpdated', 'cellValueChanged', 'filterChanged', 'sortChanged', 'displayedColumnsChanged'] as const;

/** How long a slice of a search may hold the window, in ms. */
const SLICE_MS = 12;

const hitKey = (rowId: string, colId: string) => `${rowId}\u0000${colId}`;

/**
 * A cell's text as find reads it: a number as typed (1234, not 1,234), a list's label, 是/否, a value kept red as typed.
 * The column's own value getter and formatter are called directly, with one params object reused: through
 * `getCellValue` a search of 100,000 rows × 40 columns took seconds, this way a fraction of one.
 */
function textReader<T>(g: GridApi<T>, column: Column): (node: IRowNode<T>) => string {
  const colDef = column.getColDef();
  const { valueGetter, valueFormatter, field } = colDef;
  // An expression string (none of ours) is left to the grid.
  if ((valueGetter && typeof valueGetter !== 'function') || (valueFormatter && typeof valueFormatter !== 'function')) {
    return (node) => {
      const v: unknown = g.getCellValue({ rowNode: node, colKey: column });
      if (v === null || v === undefined) return '';
      if (typeof v === 'number' || !valueFormatter) return String(v);
      return String(g.getCellValue({ rowNode: node, colKey: column, useFormatter: true }) ?? '');
    };
  }
  const context: unknown = g.getGridOption('context');
  const getParams = { data: undefined as T | undefined, node: null as IRowNode<T> | null, colDef, column, api: g, context, getValue: (f: string) => (getParams.data as Record<string, unknown> | undefined)?.[f] };
  const formatParams = { value: undefined as unknown, data: undefined as T | undefined, node: null as IRowNode<T> | null, colDef, column, api: g, context };
  const read = (node: IRowNode<T>): unknown => {
    if (typeof valueGetter === 'function') {
      getParams.data = node.data;
      getParams.node = node;
      return valueGetter(getParams as unknown as ValueGetterParams<T>);
    }
    return field ? (node.data as Record<string, unknown> | undefined)?.[field] : undefined;
  };
  return (node) => {
    const v = read(node);
    if (v === null || v === undefined) return '';
    if (typeof v === 'number' || typeof valueFormatter !== 'function') return String(v);
    formatParams.value = v;
    formatParams.data = node.data;
    formatParams.node = node;
    return String(valueFormatter(formatParams as unknown as ValueFormatterParams<T>) ?? '');
  };
}

export function useFind<T>(view: GridView<T>, sel: Selection<T>, writes: Pick<Writes<T>, 'ready' | 'applyResult'>) {
  const [mode, setMode] = useState<FindMode | null>(null);
  const [query, setQuery] = useState<FindQuery>({ text: '', caseSensitive: false, wholeCell: false });
  const [replacement, setReplacement] = useState('');
  const [scope, setScope] = useState<FindScope>({ kind: 'all' });
  const [selected, setSelected] = useState<SelectedCells | null>(null);
  /** 第 index/total 处; index 0 while no hit is shown. */
  const [count, setCount] = useState<{ index: number; total: number } | null>(null);
  const [note, setNote] = useState<FindNote | null>(null);
  const [busy, setBusy] = useState(false);
  /** A search over a big grid is under way (in slices). */
  const [searching, setSearching] = useState(false);
  /** Asks the bar to focus (and select) its find box: a counter, so that Ctrl+F again refocuses it. */
  const [focusTick, setFocusTick] = useState(0);

  /** The hits of the query as of the grid's last change; null when they must be looked up again. */
  const hits = useRef<PlacedHit[] | null>(null);
  const hitSet = useRef<Set<string>>(new Set());
  /** The columns shown when the hits were looked up. */
  const scannedColumns = useRef('');
  /** Moves on with each search started or dropped: a search in slices goes on only while it is the latest. */
  const generation = useRef(0);
  /** The hit shown (selected) now, with where it was. */
  const current = useRef<PlacedHit | null>(null);
  /** The cell the person was on when the bar opened: a new search starts there. */
  const origin = useRef<{ row: number; col: number } | null>(null);
  const state = useRef({ mode, query, scope, selected });
  state.current = { mode, query, scope, selected };
  const replacementRef = useRef(replacement);
  replacementRef.current = replacement;
  const { setRange, selection } = sel;

  /** The search of a query as of now: the cells to read, and what to do with each row; null with nothing to look for. */
  const startScan = useCallback(() => {
    generation.current++;
    hits.current = null;
    const g = view.api();
    const { query: q, scope: s, selected: picked } = state.current;
    const m = matcher(q);
    const found: PlacedHit[] = [];
    const nodes: IRowNode<T>[] = [];
    if (g) scannedColumns.current = dataColumns(g).join('\u0000');
    if (!g || !m) return { found, nodes, visit: () => {} };
    const all = dataColumns(g);
    const cols = s.kind === 'column' ? [s.colId] : s.kind === 'selection' && picked ? [...picked.cols] : all;
    const readers = cols.flatMap((colId) => {
      const column = g.getColumn(colId);
      const col = all.indexOf(colId);
      return column && col >= 0 ? [{ colId, col, text: textReader(g, column) }] : [];
    });
    const rows = s.kind === 'selection' ? picked?.rowIds : undefined;
    g.forEachNodeAfterFilterAndSort((node) => {
      if (node.data && node.rowIndex !== null && node.id !== undefined && (!rows || rows.has(node.id))) nodes.push(node);
    });
    const visit = (node: IRowNode<T>) => {
      for (const r of readers) if (m.test(r.text(node))) found.push({ rowId: node.id!, colId: r.colId, row: node.rowIndex!, col: r.col });
    };
    return { found, nodes, visit };
  }, [view]);

  const keep = useCallback((found: PlacedHit[]) => {
    hits.current = found;
    hitSet.current = new Set(found.map((h) => hitKey(h.rowId, h.colId)));
    return found;
  }, []);

  /** Looks up the hits at once (a replace needs them now). */
  const scan = useCallback((): PlacedHit[] => {
    setSearching(false);
    const { found, nodes, visit } = startScan();
    for (const node of nodes) visit(node);
    return keep(found);
  }, [startScan, keep]);

  /**
   * Looks up the hits in slices of a few milliseconds, so that a search of 100,000 rows never freezes the
   * window (正在查找… shows meanwhile); a small grid is done in the first slice, at once. A newer search,
   * or a change of the grid, drops this one.
   */
  const scanInSlices = useCallback(
    (done: (list: PlacedHit[]) => void) => {
      const { found, nodes, visit } = startScan();
      const mine = generation.current;
      let at = 0;
      const slice = () => {
        if (generation.current !== mine) return;
        const until = performance.now() + SLICE_MS;
        while (at < nodes.length) {
          visit(nodes[at++]!);
          if ((at & 63) === 0 && performance.now() > until) break;
        }
        if (at < nodes.length) {
          setSearching(true);
          setTimeout(slice, 0);
          return;
        }
        setSearching(false);
        done(keep(found));
      };
      slice();
    },
    [startScan, keep],
  );

  const freshHits = useCallback(() => hits.current ?? scan(), [scan]);

  /** Selects hit `i` and brings it into view (the focus stays in the bar: Enter goes on finding). */
  const show = useCallback(
    (i: number) => {
      const g = view.api();
      const list = freshHits();
      const h = list[i];
      current.current = h ?? null;
      setCount({ index: h ? i + 1 : 0, total: list.length });
      if (!g || !h) {
        view.changed();
        return;
      }
      g.ensureIndexVisible(h.row);
      g.ensureColumnVisible(h.colId);
      setRange({ anchor: { row: h.row, col: h.col }, focus: { row: h.row, col: h.col } });
    },
    [view, setRange, freshHits],
  );

  /** The next (or previous) hit from the one shown, round from the end to the start. */
  const step = useCallback(
    (back: boolean) => {
      const list = freshHits();
      const at = current.current;
      const i = at ? list.findIndex((h) => sameHit(h, at)) : -1;
      if (i >= 0 && list.length) show((i + (back ? list.length - 1 : 1)) % list.length);
      else show(nextHit(list, at ?? origin.current, back, !at));
    },
    [freshHits, show],
  );

  // A new query or scope: look again, from the cell the person was on. Typed text waits a moment (a big grid is many cells).
  const isOpen = mode !== null;
  useEffect(() => {
    if (!isOpen) return;
    const t = setTimeout(() => {
      current.current = null;
      setNote(null);
      scanInSlices((list) => {
        if (query.text === '') {
          setCount(null);
          view.changed();
        } else show(nextHit(list, origin.current, false, true));
      });
    }, 120);
    return () => {
      clearTimeout(t);
      generation.current++;
    };
  }, [isOpen, query, scope, selected, scanInSlices, show, view]);

  // The grid's rows changed (a write, a filter, a sort, new rows, columns shown or hidden): the hits are looked up
  // again, the count kept true. Not on every `modelUpdated`: that comes with each hit shown too, and a look over
  // 100,000 rows on each Enter made going to the next hit take a second.
  useEffect(() => {
    const g = view.api();
    if (!isOpen || !g) return;
    let t: ReturnType<typeof setTimeout> | undefined;
    const changed = (e: { type: string }) => {
      // The grid is given its column definitions anew on each render: only columns shown, hidden or moved count.
      if (e.type === 'displayedColumnsChanged' && dataColumns(g).join('\u0000') === scannedColumns.current) return;
      hits.current = null;
      generation.current++;
      clearTimeout(t);
      t = setTimeout(() => {
        // Looked up again meanwhile (a new query): nothing more to do.
        if (hits.current) return;
        scanInSlices((list) => {
          const at = current.current;
          const i = at ? list.findIndex((h) => sameHit(h, at)) : -1;
          setCount(state.current.query.text ? { index: i + 1, total: list.length } : null);
          view.changed();
        });
      }, 100);
    };
    for (const e of rowsChangedBy) g.addEventListener(e, changed);
    return () => {
      clearTimeout(t);
      generation.current++;
      if (!g.isDestroyed()) for (const e of rowsChangedBy) g.removeEventListener(e, changed);
    };
  }, [isOpen, view, scanInSlices]);

  const open = useCallback(
    (as: FindMode) => {
      const g = view.api();
      if (g && g.getEditingCells().length > 0) g.stopEditing();
      if (!state.current.mode && g) {
        const r = selection();
        const focused = g.getFocusedCell();
        const cols = dataColumns(g);
        origin.current = focused && !focused.rowPinned ? { row: focused.rowIndex, col: cols.indexOf(focused.column.getColId()) } : null;
        // A block selected when the bar opens is where find and replace look, as in Excel.
        if (r && cellCount(bounds(r)) > 1) {
          const b = bounds(r);
          const rowIds = new Set<string>();
          for (let i = b.top; i <= b.bottom; i++) {
            const id = g.getDisplayedRowAtIndex(i)?.id;
            if (id !== undefined) rowIds.add(id);
          }
          setSelected({ rowIds, cols: cols.slice(b.left, b.right + 1), count: cellCount(b) });
          setScope({ kind: 'selection' });
        } else {
          setSelected(null);
          setScope((s) => (s.kind === 'selection' || (s.kind === 'column' && !cols.includes(s.colId)) ? { kind: 'all' } : s));
        }
        hits.current = null;
        current.current = null;
      }
      setMode(as);
      setFocusTick((n) => n + 1);
    },
    [view, selection],
  );

  /** Closes the bar; the grid's focus goes to the hit shown (or back where it was), to go on from there. */
  const close = useCallback(() => {
    const g = view.api();
    const at = current.current;
    setMode(null);
    setNote(null);
    setCount(null);
    setSearching(false);
    generation.current++;
    hits.current = null;
    hitSet.current = new Set();
    current.current = null;
    if (g && at && g.getRowNode(at.rowId)?.rowIndex != null) g.setFocusedCell(g.getRowNode(at.rowId)!.rowIndex!, at.colId);
    else if (g && origin.current) {
      const colId = dataColumns(g)[origin.current.col];
      if (colId) g.setFocusedCell(origin.current.row, colId);
    }
    view.changed();
  }, [view]);

  /** The hits as cells a replace would write, with what a person needs to know of each. */
  const targetsOf = useCallback(
    (list: readonly PlacedHit[]): ReplaceTarget<T>[] => {
      const g = view.api();
      if (!g) return [];
      const cols = dataColumns(g);
      const nameCol = cols.includes('name') ? 'name' : cols[0];
      const { isEditable } = view.options.current;
      const perColumn = new Map<string, { header: string; editable: boolean; text: (n: IRowNode<T>) => string } & Pick<ReplaceTarget<T>, 'parse' | 'shown'>>();
      const columnOf = (colId: string) => {
        let c = perColumn.get(colId);
        if (!c) {
          const column = g.getColumn(colId)!;
          const facts = columnFacts(column.getColDef().context);
          c = {
            header: headerOf(g, colId),
            editable: isEditable(colId),
            text: textReader(g, column),
            ...(facts ? { parse: (text: string) => parseFieldValue(facts.field, text, facts.dicts), shown: (v: unknown) => shownValue(facts.field, v, facts.dicts) } : {}),
          };
          perColumn.set(colId, c);
        }
        return c;
      };
      const nameOf = nameCol ? textReader(g, g.getColumn(nameCol)!) : null;
      return list.flatMap((h) => {
        const node = g.getRowNode(h.rowId);
        if (!node?.data) return [];
        const c = columnOf(h.colId);
        const name = nameOf?.(node);
        return [
          {
            ...h,
            row: node.data,
            text: c.text(node),
            header: c.header,
            editable: c.editable,
            ...(c.parse ? { parse: c.parse } : {}),
            ...(c.shown ? { shown: c.shown } : {}),
            where: `第 ${(node.rowIndex ?? h.row) + 1} 行${name ? `（${name}）` : ''}“${c.header}”`,
          },
        ];
      });
    },
    [view],
  );

  /** Sends the replaced cells to the core by the one write path; the core's answer is shown as any write's. */
  const write = useCallback(
    async (targets: ReplaceTarget<T>[], label: string): Promise<{ written: number; result: WriteResult<T> } | null> => {
      const m = matcher(state.current.query);
      if (!m) return null;
      const plan = planReplace(targets, m, replacementRef.current);
      const skipped = readOnlyMessage(plan.readOnly);
      if (plan.refused.length) {
        setNote({ type: 'error', text: refusalMessage(plan.refused) });
        // The first cell that would not take it is shown.
        const first = freshHits().findIndex((h) => sameHit(h, plan.refused[0]));
        if (first >= 0) show(first);
        return null;
      }
      if (plan.changes.length === 0) {
        setNote({ type: 'info', text: skipped || '替换后与原值相同，没有需要修改的单元格。' });
        return null;
      }
      if (!writes.ready()) return null;
      setBusy(true);
      try {
        const result = await view.options.current.write(plan.changes, 'typed');
        writes.applyResult(result, label, true);
        const problems = problemLines(view.api(), result.problems);
        // What was stored, where a column read the replacement as another value (一般 in 等次 is 中间).
        const read = readingMessage(plan.readings);
        setNote({
          type: problems ? 'error' : 'success',
          text: `${label}。${read}${skipped}${problems ? `其中未能按替换写入的：${problems}` : ''}可按 Ctrl+Z 撤销。`,
        });
        return { written: plan.changes.length, result };
      } catch (e) {
        setNote({ type: 'error', text: (e as Error).message });
        return null;
      } finally {
        setBusy(false);
      }
    },
    [view, writes, freshHits, show],
  );
  /** 替换: the hit shown, then on to the next; with none shown, the next is found first (as in Excel). */
  const replaceOne = useCallback(async () => {
    if (busy) return;
    const list = (hits.current = scan());
    const at = current.current;
    const i = at ? list.findIndex((h) => sameHit(h, at)) : -1;
    if (i < 0) {
      step(false);
      return;
    }
    const h = list[i]!;
    const done = await write(targetsOf([h]), `替换“${state.current.query.text}”为“${replacementRef.current}” 1 处`);
    if (!done) return;
    // The replaced cell is no hit any more (or still is, if the new text holds the query too): on to the next.
    hits.current = scan();
    current.current = h;
    step(false);
  }, [busy, scan, step, write, targetsOf]);

  /** 全部替换: every hit in the scope, as one change. */
  const replaceAll = useCallback(async () => {
    if (busy) return;
    const list = (hits.current = scan());
    if (list.length === 0) {
      setNote({ type: 'info', text: '没有找到要替换的内容。' });
      return;
    }
    const targets = targetsOf(list);
    const editable = targets.filter((t) => t.editable).length;
    await write(targets, `替换“${state.current.query.text}”为“${replacementRef.current}” ${editable} 处`);
  }, [busy, scan, targetsOf, write]);

  const classRules = useMemo(
    () => ({
      'cell-find-hit': (p: CellClassParams<T>) => !!state.current.mode && p.node.id !== undefined && hitSet.current.has(hitKey(p.node.id, p.column.getColId())),
      'cell-find-current': (p: CellClassParams<T>) => !!state.current.mode && sameHit(current.current, { rowId: p.node.id ?? '', colId: p.column.getColId() }),
    }),
    [],
  );

  /**
   * Before replacing: what the hit shown would be stored as, when its column reads the replacement as
   * another value (一般 in 等次 is stored as 中间, as when typed); empty otherwise.
   */
  const preview = useCallback((): string => {
    const m = matcher(state.current.query);
    const h = current.current;
    if (state.current.mode !== 'replace' || !m || !h) return '';
    const t = targetsOf([h])[0];
    if (!t?.editable || !t.parse || !t.shown) return '';
    const text = m.replace(t.text, replacementRef.current);
    const reading = text === t.text ? null : readingOf(t.header, text, t.parse(text), t.shown);
    return reading ? readingMessage([reading], false) : '';
  }, [targetsOf]);

  /** F3 from the grid: the next hit, or the bar opened when nothing is being looked for. */
  const next = useCallback(
    (back: boolean) => {
      if (state.current.mode && state.current.query.text) step(back);
      else open('find');
    },
    [step, open],
  );

  /** The columns the scope can be narrowed to, as shown now. */
  const columns = useCallback((): { colId: string; header: string }[] => {
    const g = view.api();
    return g ? dataColumns(g).map((colId) => ({ colId, header: headerOf(g, colId) })) : [];
  }, [view]);

  return {
    mode,
    open,
    close,
    query,
    setQuery,
    replacement,
    setReplacement,
    scope,
    setScope,
    selected,
    count,
    searching,
    note,
    busy,
    focusTick,
    step,
    next,
    replaceOne,
    replaceAll,
    preview,
    columns,
    classRules,
    setMode,
  };
}

export type Find<T> = ReturnType<typeof useFind<T>>;

/** The core's reasons for cells it did not take as replaced, each with its place. */
function problemLines<T>(g: GridApi<T> | undefined, problems: WriteResult<T>['problems']): string {
  return problems
    .slice(0, 5)
    .map((p) => {
      const { id, field } = p as { id?: number; field?: string };
      const node = g && id !== undefined ? g.getRowNode(String(id)) : undefined;
      const where = node?.rowIndex != null && field && g ? `第 ${node.rowIndex + 1} 行“${headerOf(g, field)}”` : '';
      return where ? `${where}：${p.message}` : p.message;
    })
    .join('；')
    .concat(problems.length > 5 ? `；另有 ${problems.length - 5} 处。` : problems.length ? '。' : '');
}

export type { HitCell };
