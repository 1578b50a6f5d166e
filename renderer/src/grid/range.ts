/** A rectangular selection of cells, by displayed row index and displayed column position. */
export interface CellRef {
  row: number;
  col: number;
}

export interface CellRange {
  anchor: CellRef;
  focus: CellRef;
}

export interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function bounds(range: CellRange): Bounds {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col),
  };
}

export function contains(b: Bounds, row: number, col: number): boolean {
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function cellCount(b: Bounds): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

/** Numeric summary of the values in a selection, for the status bar. */
export function summarise(values: readonly unknown[]): { count: number; numbers: number; sum: number; average: number | null } {
  let numbers = 0;
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    count++;
    if (typeof v === 'number' && Number.isFinite(v)) {
      numbers++;
      sum += v;
    }
  }
  return { count, numbers, sum, average: numbers ? sum / numbers : null };
}
