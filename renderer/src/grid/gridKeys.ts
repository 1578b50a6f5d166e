/**
 * The keys the spreadsheet layer takes from AG Grid (outside an editor), as in Excel and WPS.
 * Everything else (arrows, Enter, F2, typing, Delete on one cell) AG Grid handles itself.
 */
export type GridCommand =
  | { kind: 'extend'; dRow: number; dCol: number }
  | { kind: 'selectAll' | 'fillDown' | 'undo' | 'redo' | 'clear' };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

const arrows: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowRight: [0, 1], ArrowLeft: [0, -1] };

export function gridCommand(e: KeyPress): GridCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const arrow = arrows[e.key];
  // AG Grid Community has no range selection: Shift+arrows move our selection's far corner.
  if (e.shiftKey && !mod && arrow) return { kind: 'extend', dRow: arrow[0], dCol: arrow[1] };
  if (mod && key === 'a') return { kind: 'selectAll' };
  if (mod && key === 'd') return { kind: 'fillDown' };
  if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) return { kind: 'redo' };
  if (mod && key === 'z') return { kind: 'undo' };
  if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'clear' };
  return null;
}
