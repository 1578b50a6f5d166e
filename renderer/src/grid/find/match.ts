/**
 * What find and replace look for in a cell's text, as in Excel's 查找和替换: a part of the text or
 * the whole cell (单元格匹配), Latin letters with or without their case (区分大小写; Chinese has none).
 * Pure, so the rules are tested without a grid.
 */

export interface FindQuery {
  text: string;
  caseSensitive: boolean;
  /** The cell must be exactly the text, not merely contain it. */
  wholeCell: boolean;
}

export interface Matcher {
  test(cell: string): boolean;
  /** The cell with every occurrence replaced by `by` (the whole cell, when matched as a whole). */
  replace(cell: string, by: string): string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The matcher of a query; null while there is nothing to look for. */
export function matcher(q: FindQuery): Matcher | null {
  if (q.text === '') return null;
  const source = q.wholeCell ? `^${escape(q.text)}$` : escape(q.text);
  const flags = `u${q.caseSensitive ? '' : 'i'}`;
  const one = new RegExp(source, flags);
  const all = new RegExp(source, `g${flags}`);
  return {
    test: (cell) => one.test(cell),
    // A function, so that $ in the replacement stays a dollar sign, not a group reference.
    replace: (cell, by) => cell.replace(all, () => by),
  };
}

/** A cell of the grid, by its row's id (which survives sorting) and its column. */
export interface HitCell {
  rowId: string;
  colId: string;
}

export const sameHit = (a: HitCell | null | undefined, b: HitCell | null | undefined): boolean => !!a && !!b && a.rowId === b.rowId && a.colId === b.colId;

/** A hit where it is shown: displayed row index and column position, the order find goes in (row by row, as Excel's 按行). */
export interface PlacedHit extends HitCell {
  row: number;
  col: number;
}

const before = (a: { row: number; col: number }, b: { row: number; col: number }) => a.row < b.row || (a.row === b.row && a.col < b.col);

/**
 * The hit to show after `from` (a cell position, or the hit shown now), going forward or back, and
 * round from the end to the start as Excel does; -1 when there is none. `inclusive`: a hit at `from`
 * itself counts (a new search starts at the cell the person is on).
 */
export function nextHit(hits: readonly PlacedHit[], from: { row: number; col: number } | null, back: boolean, inclusive = false): number {
  if (hits.length === 0) return -1;
  if (!from) return back ? hits.length - 1 : 0;
  const at = (h: PlacedHit) => h.row === from.row && h.col === from.col;
  if (back) {
    for (let i = hits.length - 1; i >= 0; i--) if (before(hits[i]!, from) || (inclusive && at(hits[i]!))) return i;
    return hits.length - 1;
  }
  for (let i = 0; i < hits.length; i++) if (before(from, hits[i]!) || (inclusive && at(hits[i]!))) return i;
  return 0;
}
