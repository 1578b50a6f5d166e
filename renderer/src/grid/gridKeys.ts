/**
 * The keys the spreadsheet layer takes from AG Grid (outside an editor), as in Excel and WPS.
 * Everything else (arrows, Tab, F2, typing, Enter once an editor is open) AG Grid handles itself;
 * Enter on a cell that is not being edited moves down (DataGrid's enterNavigatesVertically).
 */
export type GridCommand =
  | { kind: 'extend'; dRow: number; dCol: number }
  /** Ctrl+arrow: to the edge of the data region (Excel's rule, see `dataEdge`); with Shift the selection stretches there. */
  | { kind: 'edge'; dRow: number; dCol: number; extend: boolean }
  /** Ctrl+Home / Ctrl+End: the first or the last cell of the data; Home / End: the first or last cell of the row. */
  | { kind: 'corner'; to: 'first' | 'last'; wholeGrid: boolean; extend: boolean }
  /** F3 / Shift+F3: the next or the previous hit of the find bar. */
  | { kind: 'findNext'; back: boolean }
  | { kind: 'selectAll' | 'fillDown' | 'undo' | 'redo' | 'clear' | 'find' | 'replace' | 'openEditor' };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey?: boolean;
}

const arrows: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };

export function gridCommand(e: KeyPress): GridCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const arrow = arrows[e.key];
  // Alt+↓ opens a cell's list or calendar, as Excel opens a dropdown list.
  if (e.altKey && !mod && e.key === 'ArrowDown') return { kind: 'openEditor' };
  if (e.altKey) return null;
  if (mod && arrow) return { kind: 'edge', dRow: arrow[0], dCol: arrow[1], extend: e.shiftKey };
  // AG Grid Community has no range selection: Shift+arrows move our selection's far corner.
  if (e.shiftKey && arrow) return { kind: 'extend', dRow: arrow[0], dCol: arrow[1] };
  if (e.key === 'Home' || e.key === 'End') return { kind: 'corner', to: e.key === 'Home' ? 'first' : 'last', wholeGrid: mod, extend: e.shiftKey };
  if (e.key === 'F3') return { kind: 'findNext', back: e.shiftKey };
  if (mod && key === 'f') return { kind: 'find' };
  if (mod && key === 'h') return { kind: 'replace' };
  if (mod && key === 'a') return { kind: 'selectAll' };
  if (mod && key === 'd') return { kind: 'fillDown' };
  if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) return { kind: 'redo' };
  if (mod && key === 'z') return { kind: 'undo' };
  if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'clear' };
  return null;
}

/**
 * Where Ctrl+arrow lands from position `from` of a line of `size` cells (a column's rows or a row's
 * columns), moving by `step` (±1), as in Excel: from a filled cell with a filled neighbour, to the
 * last filled cell before a blank; otherwise to the next filled cell; with none, to the line's end.
 */
export function dataEdge(filled: (index: number) => boolean, from: number, step: 1 | -1, size: number): number {
  const end = step > 0 ? size - 1 : 0;
  const inside = (i: number) => i >= 0 && i < size;
  let i = from + step;
  if (!inside(i)) return from;
  if (filled(from) && filled(i)) {
    while (inside(i + step) && filled(i + step)) i += step;
    return i;
  }
  while (inside(i) && !filled(i)) i += step;
  return inside(i) ? i : end;
}
