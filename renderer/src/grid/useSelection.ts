/**
 * The selected range (AG Grid Community has none): by mouse press and drag, Shift+click,
 * Shift+arrows, Ctrl+A, and following the keyboard's focus. It is held by display position, so
 * sorting and filtering clear it.
 *
 * The mouse is tracked with the browser's own events, which arrive in order. AG Grid reports
 * focus changes late (after a quick click's release, sometimes after Shift is released): while
 * the mouse is in charge those must not move what the mouse selected, and a drag lasts only
 * while its button is seen held.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { CellClassParams, CellFocusedEvent } from 'ag-grid-community';
import { cellsOf, dataColumns, rowsOf, type GridView } from './gridView.ts';
import { bounds, contains, isCorner, moveFocus, sameCell, selectTo, wholeGrid, type CellRange, type CellRef } from './range.ts';

const isDataColumn = (colId: string) => !colId.startsWith('ag-Grid-');

export function useSelection<T>(view: GridView<T>) {
  const range = useRef<CellRange | null>(null);
  /** A drag selecting cells: started by a press on a cell, over when its button is seen up. */
  const selecting = useRef(false);
  const shiftHeld = useRef(false);
  /** Set by a mouse press in the grid, cleared by the next key: the mouse is in charge of the range. */
  const pointerFocus = useRef(false);

  const setRange = useCallback(
    (r: CellRange | null) => {
      range.current = r;
      view.changed();
    },
    [view],
  );

  const colIndex = useCallback((colId: string) => {
    const g = view.api();
    return g ? dataColumns(g).indexOf(colId) : -1;
  }, [view]);

  /** The data cell an element is in: not the totals row (its row index is not a number), not the checkbox column. */
  const dataCellAt = useCallback(
    (el: HTMLElement): CellRef | null => {
      const cell = el.closest('.ag-cell');
      const colId = cell?.getAttribute('col-id');
      const rowIndex = Number(cell?.closest('.ag-row')?.getAttribute('row-index'));
      return colId && isDataColumn(colId) && Number.isInteger(rowIndex) ? { row: rowIndex, col: colIndex(colId) } : null;
    },
    [colIndex],
  );

  /**
   * The selection a paste, a copy, a fill or Delete acts on. It always holds the focused cell: when it
   * does not, a focus move has not reached it yet (AG Grid reports focus late, and a key right after
   * an arrow can come first), and the focused cell, where the person is, is what they mean.
   */
  const selection = useCallback((): CellRange | null => {
    const g = view.api();
    const focused = g?.getFocusedCell();
    if (!g || !focused || focused.rowPinned) return range.current;
    const here = { row: focused.rowIndex, col: dataColumns(g).indexOf(focused.column.getColId()) };
    if (here.col < 0 || (range.current && contains(bounds(range.current), here.row, here.col))) return range.current;
    setRange({ anchor: here, focus: here });
    return range.current;
  }, [view, setRange]);

  // The end of a drag can happen outside the grid, or where we could not see it.
  useEffect(() => {
    const up = () => (selecting.current = false);
    const move = (e: MouseEvent) => {
      if ((e.buttons & 1) === 0) selecting.current = false;
    };
    window.addEventListener('mouseup', up);
    window.addEventListener('mousemove', move);
    return () => {
      window.removeEventListener('mouseup', up);
      window.removeEventListener('mousemove', move);
    };
  }, []);

  const classRules = useMemo(
    () => ({
      'cell-in-range': (p: CellClassParams<T>) =>
        !!range.current && !p.node.rowPinned && p.node.rowIndex !== null && contains(bounds(range.current), p.node.rowIndex, colIndex(p.column.getColId())),
      'cell-range-corner': (p: CellClassParams<T>) =>
        !!range.current && !p.node.rowPinned && p.node.rowIndex !== null && isCorner(bounds(range.current), p.node.rowIndex, colIndex(p.column.getColId())),
    }),
    [colIndex],
  );

  return {
    range,
    setRange,
    selection,
    colIndex,
    classRules,
    /** A mouse press in the grid; `taken`: the fill handle took it. */
    press: (e: React.MouseEvent, taken: boolean) => {
      // Whatever was dragging is over: a new press starts afresh.
      selecting.current = false;
      pointerFocus.current = true;
      if (taken || e.button !== 0) return;
      // The selection starts here, at once: AG Grid's own mouse-down event comes later, and a paste
      // or key right after the click would still find the old selection. Shift extends what was
      // selected (not `selection()`: AG Grid has moved its focus here on pointerdown).
      const here = dataCellAt(e.target as HTMLElement);
      if (!here) return;
      setRange(selectTo(range.current, here, e.shiftKey));
      if (e.buttons & 1) selecting.current = true;
    },
    /** The mouse over a cell: a drag with the button held stretches the selection to it. */
    hover: (e: React.MouseEvent) => {
      if (!selecting.current) return;
      if ((e.buttons & 1) === 0) {
        selecting.current = false;
        return;
      }
      const here = dataCellAt(e.target as HTMLElement);
      const r = range.current;
      if (here && r && !sameCell(r.focus, here)) setRange({ anchor: r.anchor, focus: here });
    },
    /** Any key: the keyboard is in charge again. */
    key: (e: React.KeyboardEvent) => {
      shiftHeld.current = e.shiftKey;
      pointerFocus.current = false;
    },
    keyUp: (e: React.KeyboardEvent) => (shiftHeld.current = e.shiftKey),
    focused: (e: CellFocusedEvent<T>) => {
      if (pointerFocus.current || selecting.current) return;
      if (e.rowIndex === null || e.rowPinned || typeof e.column !== 'object' || !e.column) return;
      const colId = e.column.getColId();
      if (!isDataColumn(colId)) return;
      const here = { row: e.rowIndex, col: colIndex(colId) };
      // The grid focusing the selection's anchor again (new rows arrived, e.g. the rest of the
      // year after its first screenful) is not a move: the selection stays.
      const a = range.current?.anchor;
      if (a && sameCell(a, here) && !shiftHeld.current) return;
      setRange(selectTo(range.current, here, shiftHeld.current));
    },
    /** A right click: the menu acts on the selection if the cell is in it, else on the cell alone. */
    pointAt: (rowIndex: number | null, colId: string) => {
      const here = { row: rowIndex ?? 0, col: colIndex(colId) };
      if (!range.current || !contains(bounds(range.current), here.row, here.col)) setRange({ anchor: here, focus: here });
    },
    extend: (dRow: number, dCol: number) => {
      const g = view.api();
      const start = selection();
      if (!g || !start) return;
      const cols = dataColumns(g);
      const r = moveFocus(start, dRow, dCol, g.getDisplayedRowCount(), cols.length);
      setRange(r);
      g.ensureIndexVisible(r.focus.row);
      g.ensureColumnVisible(cols[r.focus.col]!);
    },
    selectAll: () => {
      const g = view.api();
      const r = g && wholeGrid(g.getDisplayedRowCount(), dataColumns(g).length);
      if (r) setRange(r);
    },
    /** The rows of the selected range. */
    rows: (): T[] => {
      const g = view.api();
      return g && range.current ? rowsOf(cellsOf(g, bounds(range.current)).rows) : [];
    },
  };
}

export type Selection<T> = ReturnType<typeof useSelection<T>>;
