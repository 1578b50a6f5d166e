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

export function sameCell(a: CellRef, b: CellRef): boolean {
  return a.row === b.row && a.col === b.col;
}

/** A press or a focus move selects one cell; with Shift the selection stretches from its anchor to it. */
export function selectTo(range: CellRange | null, here: CellRef, extend: boolean): CellRange {
  return extend && range ? { anchor: range.anchor, focus: here } : { anchor: here, focus: here };
}

/** Shift+arrow: the far corner moves by one cell and stays inside a grid of `rows` × `cols`. */
export function moveFocus(range: CellRange, dRow: number, dCol: number, rows: number, cols: number): CellRange {
  const clamp = (n: number, size: number) => Math.max(0, Math.min(size - 1, n));
  return { anchor: range.anchor, focus: { row: clamp(range.focus.row + dRow, rows), col: clamp(range.focus.col + dCol, cols) } };
}

/** Ctrl+A: every cell of a grid of `rows` × `cols`; none when it has no rows. */
export function wholeGrid(rows: number, cols: number): CellRange | null {
  return rows > 0 ? { anchor: { row: 0, col: 0 }, focus: { row: rows - 1, col: cols - 1 } } : null;
}

/** The bottom-right cell, where the fill handle is. */
export function isCorner(b: Bounds, row: number, col: number): boolean {
  return row === b.bottom && col === b.right;
}

/** The cells a fill handle dragged down to row `to` fills (under the selection); null when it was not dragged below it. */
export function fillBand(b: Bounds, to: number): Bounds | null {
  return to > b.bottom ? { ...b, top: b.bottom + 1, bottom: to } : null;
}

/** Whether a cell is in the band a fill handle dragged down to row `to` would fill. */
export function inFillBand(b: Bounds, to: number, row: number, col: number): boolean {
  return row > b.bottom && row <= to && col >= b.left && col <= b.right;
}

/** Where a block of `height` × `width` pasted at (top, left) lands: selected afterwards, as in Excel. */
export function pastedRange(top: number, left: number, height: number, width: number): CellRange {
  return { anchor: { row: top, col: left }, focus: { row: top + height - 1, col: left + width - 1 } };
}
