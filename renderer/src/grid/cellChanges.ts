/**
 * The cells a paste, a fill or a clear writes, worked out before anything is sent to the core:
 * which row and column each value goes to, and which columns a paste had to skip.
 */
import type { CellValue } from '../../../shared/domain/fields.ts';
import { cellCount, type Bounds } from './range.ts';

export interface CellChange<T> {
  row: T;
  colId: string;
  value: CellValue;
}

/** One value pasted onto a larger selection fills all of it, as in Excel; any other block stays as it is. */
export function spreadOne(block: string[][], b: Bounds): string[][] {
  const only = block.length === 1 && block[0]!.length === 1 ? block[0]![0]! : null;
  if (only === null || cellCount(b) <= 1) return block;
  return Array.from({ length: b.bottom - b.top + 1 }, () => Array<string>(b.right - b.left + 1).fill(only));
}

export interface PastePlan<T> {
  changes: CellChange<T>[];
  /** Columns (ids, in order) where the block had text but the column cannot be edited. */
  readOnly: string[];
}

/**
 * A block pasted with its top-left cell at display row `top`, column `left`. `rowAt` gives the row
 * at a display index (undefined past the grid's end: those lines are not pasted); a column past
 * the grid's last is not pasted either.
 */
export function pasteChanges<T>(
  block: readonly string[][],
  top: number,
  left: number,
  cols: readonly string[],
  rowAt: (index: number) => T | undefined,
  isEditable: (colId: string) => boolean,
): PastePlan<T> {
  const readOnly = new Set<string>();
  const changes: CellChange<T>[] = [];
  block.forEach((line, i) => {
    const row = rowAt(top + i);
    if (!row) return;
    line.forEach((text, j) => {
      const colId = cols[left + j];
      if (!colId) return;
      if (isEditable(colId)) changes.push({ row, colId, value: text });
      else if (text.trim() !== '') readOnly.add(colId);
    });
  });
  return { changes, readOnly: [...readOnly] };
}

/** How many of a block's columns land in the grid when pasted at column `left` of `colCount`. */
export function pastedWidth(block: readonly string[][], left: number, colCount: number): number {
  return Math.min(block[0]?.length ?? 0, colCount - left);
}

/**
 * Fill: each target row takes the stored values (`rawValue`: a dictionary's code, the raw text of
 * a value kept red) of the source rows in turn, repeating them as Excel repeats a pattern.
 */
export function fillChanges<T>(
  targets: readonly T[],
  sources: readonly T[],
  cols: readonly string[],
  isEditable: (colId: string) => boolean,
  rawValue: (row: T, colId: string) => CellValue,
): CellChange<T>[] {
  if (sources.length === 0) return [];
  const editable = cols.filter(isEditable);
  return targets.flatMap((row, i) => {
    const from = sources[i % sources.length]!;
    return editable.map((colId) => ({ row, colId, value: rawValue(from, colId) }));
  });
}

/** Delete on a block: every editable cell emptied. */
export function clearChanges<T>(rows: readonly T[], cols: readonly string[], isEditable: (colId: string) => boolean): CellChange<T>[] {
  const editable = cols.filter(isEditable);
  return rows.flatMap((row) => editable.map((colId) => ({ row, colId, value: null })));
}
