/**
 * Moving to the edges of the data, as in Excel and WPS: Ctrl+arrows to the edge of the data region,
 * Ctrl+Home / Ctrl+End to the first and the last cell, Home / End to the ends of the row; with Shift
 * the selection stretches there instead. The totals row is not data: nothing lands on it, Enter on the
 * last row included.
 */
import { useCallback } from 'react';
import { dataColumns, type GridView } from './gridView.ts';
import { dataEdge, type KeyPress } from './gridKeys.ts';
import type { CellRef } from './range.ts';
import type { Selection } from './useSelection.ts';

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export function useEdges<T>(view: GridView<T>, sel: Selection<T>) {
  const { selection, setRange, colIndex } = sel;

  /** Where a move starts: the far corner when stretching, else the grid's focused cell (Excel's active cell). */
  const start = useCallback(
    (extend: boolean): CellRef | null => {
      const r = selection();
      const focused = view.api()?.getFocusedCell();
      if (extend || !focused || focused.rowPinned) return r ? (extend ? r.focus : r.anchor) : null;
      return { row: focused.rowIndex, col: colIndex(focused.column.getColId()) };
    },
    [view, selection, colIndex],
  );

  /** Goes to a cell: the grid's focus moves there (and the selection with it), or with `extend` the selection's far corner. */
  const go = useCallback(
    (to: CellRef, extend: boolean) => {
      const g = view.api();
      const r = selection();
      const colId = g && dataColumns(g)[to.col];
      if (!g || !colId) return;
      g.ensureIndexVisible(to.row);
      g.ensureColumnVisible(colId);
      // A column pinned left is always in view: going there, the rest scrolls back to its start too, as Excel's Home does.
      if (g.getColumn(colId)?.isPinnedLeft()) {
        const first = g.getAllDisplayedColumns().find((c) => !c.isPinned());
        if (first) g.ensureColumnVisible(first, 'start');
      }
      if (extend && r) setRange({ anchor: r.anchor, focus: to });
      else g.setFocusedCell(to.row, colId);
    },
    [view, selection, setRange],
  );

  /** Ctrl+arrow (dRow or dCol is ±1) from the selection's far corner. */
  const edge = useCallback(
    (dRow: number, dCol: number, extend: boolean) => {
      const g = view.api();
      const from = start(extend);
      if (!g || !from || from.col < 0) return;
      const cols = dataColumns(g);
      const filled = (row: number, col: number) => {
        const node = g.getDisplayedRowAtIndex(row);
        return !!node && !isBlank(g.getCellValue({ rowNode: node, colKey: cols[col]! }));
      };
      const to =
        dRow !== 0
          ? { row: dataEdge((i) => filled(i, from.col), from.row, dRow > 0 ? 1 : -1, g.getDisplayedRowCount()), col: from.col }
          : { row: from.row, col: dataEdge((i) => filled(from.row, i), from.col, dCol > 0 ? 1 : -1, cols.length) };
      go(to, extend);
    },
    [view, start, go],
  );

  /** Ctrl+Home / Ctrl+End (`wholeGrid`), Home / End (the row). */
  const corner = useCallback(
    (to: 'first' | 'last', wholeGrid: boolean, extend: boolean) => {
      const g = view.api();
      const rows = g?.getDisplayedRowCount() ?? 0;
      if (!g || rows === 0) return;
      const lastCol = dataColumns(g).length - 1;
      const here = start(extend) ?? { row: 0, col: 0 };
      const row = wholeGrid ? (to === 'first' ? 0 : rows - 1) : here.row;
      go({ row, col: to === 'first' ? 0 : lastCol }, extend);
    },
    [view, start, go],
  );

  /**
   * Enter (not Shift+Enter) outside an editor on the last row: taken from AG Grid, so the focus stays,
   * as in a sheet whose next row is its totals. The grid's own Enter would go on into the pinned 合计
   * row, and only a frame later could the focus be put back (a test caught it there). Only a key
   * pressed on a cell (the find bar's Enter is its own), and not during an IME's composition, whose
   * Enter is the IME's. Returns whether it took the key.
   */
  const enterOnLastRow = useCallback(
    (e: KeyPress & { nativeEvent: KeyboardEvent; target: EventTarget }): boolean => {
      if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey || e.nativeEvent.isComposing) return false;
      if (!(e.target instanceof HTMLElement) || !e.target.closest('.ag-cell')) return false;
      const g = view.api();
      const focused = g?.getFocusedCell();
      if (!g || !focused || focused.rowPinned || g.getEditingCells().length > 0) return false;
      return focused.rowIndex === g.getDisplayedRowCount() - 1;
    },
    [view],
  );

  return { edge, corner, enterOnLastRow };
}
