/**
 * Fill down (Ctrl+D: the selection's first row into the rows under it) and the fill handle (the
 * small square at the selection's bottom-right corner, dragged down). The handle is taken on the
 * browser's own mouse press, synchronously, before AG Grid would start a new selection (its
 * events arrive late), and the drag is followed on the window: it can end outside the grid.
 */
import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import { App as AntApp } from 'antd';
import type { CellClassParams } from 'ag-grid-community';
import { fillChanges } from './cellChanges.ts';
import { cellsOf, rowsOf, type GridView } from './gridView.ts';
import { bounds, fillBand, inFillBand, type Bounds, type CellRange } from './range.ts';
import type { Selection } from './useSelection.ts';
import type { Writes } from './useWrites.ts';

/** How near the corner (px) a press takes the handle. */
const HANDLE = 10;

export function useFill<T>(view: GridView<T>, sel: Selection<T>, write: Writes<T>['write']) {
  const { message } = AntApp.useApp();
  /** The row a handle drag has reached; null when the handle is not being dragged. */
  const fillTo = useRef<number | null>(null);
  const { range, selection, setRange, colIndex } = sel;

  const fill = useCallback(
    async (target: Bounds, source: Bounds) => {
      const g = view.api();
      if (!g) return;
      const { cols, rows: sources } = cellsOf(g, source);
      const targets = rowsOf(cellsOf(g, target).rows);
      const { isEditable, rawValue } = view.options.current;
      await write(fillChanges(targets, rowsOf(sources), cols, isEditable, rawValue), 'fill', `填充 ${targets.length} 行`);
    },
    [view, write],
  );

  const fillDown = useCallback(async () => {
    const r = selection();
    if (!r) return;
    const b = bounds(r);
    if (b.bottom === b.top) {
      message.info('请先向下选中要填充的单元格（第一行是要复制的值）。');
      return;
    }
    await fill({ ...b, top: b.top + 1 }, { ...b, bottom: b.top });
  }, [fill, message, selection]);

  useHandleDrag(view, range, fillTo, fill, setRange);

  const classRules = useMemo(
    () => ({
      'cell-fill-target': (p: CellClassParams<T>) =>
        !!range.current && fillTo.current !== null && p.node.rowIndex !== null && inFillBand(bounds(range.current), fillTo.current, p.node.rowIndex, colIndex(p.column.getColId())),
    }),
    [range, colIndex],
  );

  return {
    fillDown,
    classRules,
    dragging: () => fillTo.current !== null,
    /** A mouse press: true when it took the fill handle (a drag starts), false for anything else. */
    grab: (e: React.MouseEvent): boolean => {
      fillTo.current = null;
      const corner = e.button === 0 && range.current ? (e.target as HTMLElement).closest('.ag-cell.cell-range-corner') : null;
      const rect = corner?.getBoundingClientRect();
      if (!range.current || !rect || rect.right - e.clientX > HANDLE || rect.bottom - e.clientY > HANDLE) return false;
      e.preventDefault();
      e.stopPropagation();
      fillTo.current = bounds(range.current).bottom;
      return true;
    },
  };
}

/**
 * The fill handle's drag, followed on the window (it can end outside the grid): the band under the
 * selection grows to the row under the mouse, and is filled where the button comes up.
 */
function useHandleDrag<T>(
  view: GridView<T>,
  range: RefObject<CellRange | null>,
  fillTo: RefObject<number | null>,
  fill: (target: Bounds, source: Bounds) => Promise<void>,
  setRange: (r: CellRange) => void,
) {
  useEffect(() => {
    const up = () => {
      const to = fillTo.current;
      fillTo.current = null;
      if (to === null || !range.current) return;
      const b = bounds(range.current);
      const target = fillBand(b, to);
      if (target) void fill(target, b).then(() => setRange({ anchor: { row: b.top, col: b.left }, focus: { row: target.bottom, col: b.right } }));
      else view.changed();
    };
    const move = (e: MouseEvent) => {
      if (fillTo.current === null) return;
      if ((e.buttons & 1) === 0) {
        // The button came up where we could not see it: a fill not let go is not made.
        fillTo.current = null;
        view.changed();
        return;
      }
      const row = Number(document.elementFromPoint(e.clientX, e.clientY)?.closest('.ag-row')?.getAttribute('row-index'));
      if (!range.current || !Number.isInteger(row)) return;
      const to = Math.max(row, bounds(range.current).bottom);
      if (to !== fillTo.current) {
        fillTo.current = to;
        view.changed();
      }
    };
    window.addEventListener('mouseup', up);
    window.addEventListener('mousemove', move);
    return () => {
      window.removeEventListener('mouseup', up);
      window.removeEventListener('mousemove', move);
    };
  }, [view, range, fillTo, fill, setRange]);
}
