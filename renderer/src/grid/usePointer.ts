/**
 * The mouse and the focus moving the selection. The mouse is tracked with the browser's own
 * events, which arrive in order; AG Grid's cell mouse events and focus changes arrive late (after
 * a quick click's release, sometimes after Shift is released). So a press selects at once, a drag
 * lasts only while its button is seen held (a drag AG Grid's late events started would outlive the
 * button and go on selecting as the mouse merely moves), and while the mouse is in charge the focus
 * events do not move what it selected.
 */
import { useEffect, useRef } from 'react';
import type { CellFocusedEvent } from 'ag-grid-community';
import { sameCell, selectTo, type CellRef } from './range.ts';
import type { Selection } from './useSelection.ts';

const isDataColumn = (colId: string) => !colId.startsWith('ag-Grid-');

export function usePointer<T>(sel: Selection<T>) {
  const { range, setRange, colIndex } = sel;
  /** A drag selecting cells: started by a press on a cell, over when its button is seen up. */
  const selecting = useRef(false);
  const shiftHeld = useRef(false);
  /** Set by a mouse press in the grid, cleared by the next key: the mouse is in charge of the range. */
  const pointerFocus = useRef(false);

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

  /** The data cell an element is in: not the totals row (its row index is not a number), not the checkbox column. */
  const dataCellAt = (el: HTMLElement): CellRef | null => {
    const cell = el.closest('.ag-cell');
    const colId = cell?.getAttribute('col-id');
    const rowIndex = Number(cell?.closest('.ag-row')?.getAttribute('row-index'));
    return colId && isDataColumn(colId) && Number.isInteger(rowIndex) ? { row: rowIndex, col: colIndex(colId) } : null;
  };

  return {
    /** A mouse press in the grid; `taken`: the fill handle took it. */
    press: (e: React.MouseEvent, taken: boolean) => {
      // Whatever was dragging is over: a new press starts afresh.
      selecting.current = false;
      pointerFocus.current = true;
      if (taken || e.button !== 0) return;
      const here = dataCellAt(e.target as HTMLElement);
      if (!here) return;
      // Shift extends what was selected (not `selection()`: AG Grid has moved its focus here on pointerdown).
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
    /** AG Grid's focus moved (arrows, Tab, Enter): the selection follows, stretched with Shift. */
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
  };
}
