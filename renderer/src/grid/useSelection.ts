/**
 * The selected range (AG Grid Community has none), held by display position: sorting and
 * filtering clear it. The mouse and the focus move it through usePointer.ts; Shift+arrows and
 * Ctrl+A here. Paste, copy, fill and Delete act on `selection()`.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { CellClassParams } from 'ag-grid-community';
import { cellsOf, dataColumns, rowsOf, type GridView } from './gridView.ts';
import { bounds, contains, isCorner, moveFocus, wholeGrid, type CellRange } from './range.ts';

export function useSelection<T>(view: GridView<T>) {
  const range = useRef<CellRange | null>(null);

  const setRange = useCallback(
    (r: CellRange | null) => {
      range.current = r;
      view.changed();
    },
    [view],
  );

  const colIndex = useCallback(
    (colId: string) => {
      const g = view.api();
      return g ? dataColumns(g).indexOf(colId) : -1;
    },
    [view],
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

  const classRules = useMemo(() => {
    /** Where a drawn cell is in the range's terms; null for the totals row. */
    const at = (p: CellClassParams<T>) => (range.current && !p.node.rowPinned && p.node.rowIndex !== null ? { b: bounds(range.current), row: p.node.rowIndex, col: colIndex(p.column.getColId()) } : null);
    return {
      'cell-in-range': (p: CellClassParams<T>) => {
        const c = at(p);
        return !!c && contains(c.b, c.row, c.col);
      },
      'cell-range-corner': (p: CellClassParams<T>) => {
        const c = at(p);
        return !!c && isCorner(c.b, c.row, c.col);
      },
    };
  }, [colIndex]);

  return {
    range,
    setRange,
    selection,
    colIndex,
    classRules,
    /** A right click: the menu acts on the selection if the cell is in it, else on the cell alone. */
    pointAt: (rowIndex: number | null, colId: string) => {
      const here = { row: rowIndex ?? 0, col: colIndex(colId) };
      if (!range.current || !contains(bounds(range.current), here.row, here.col)) setRange({ anchor: here, focus: here });
    },
    /** Shift+arrow: the far corner moves, and the grid scrolls to it. */
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
