/** The grid's range maths and keys: what a press, Shift+arrows, Ctrl+A and the fill handle select. */
import { describe, expect, it } from 'vitest';
import { gridCommand } from '../../renderer/src/grid/gridKeys.ts';
import { bounds, fillBand, inFillBand, isCorner, moveFocus, pastedRange, selectTo, wholeGrid, type CellRange } from '../../renderer/src/grid/range.ts';

const at = (row: number, col: number) => ({ row, col });
const range = (a: [number, number], f: [number, number]): CellRange => ({ anchor: at(...a), focus: at(...f) });

describe('selecting cells', () => {
  it('a press selects one cell; with Shift it stretches from the anchor, and without a selection it selects the cell alone', () => {
    expect(selectTo(range([1, 1], [2, 2]), at(5, 3), false)).toEqual(range([5, 3], [5, 3]));
    expect(selectTo(range([1, 1], [2, 2]), at(5, 3), true)).toEqual(range([1, 1], [5, 3]));
    expect(selectTo(null, at(5, 3), true)).toEqual(range([5, 3], [5, 3]));
  });

  it('Shift+arrows move the far corner and stop at the grid edges', () => {
    expect(moveFocus(range([2, 2], [2, 2]), 1, 0, 10, 5)).toEqual(range([2, 2], [3, 2]));
    expect(moveFocus(range([2, 2], [9, 4]), 1, 1, 10, 5)).toEqual(range([2, 2], [9, 4]));
    expect(moveFocus(range([0, 0], [0, 0]), -1, -1, 10, 5)).toEqual(range([0, 0], [0, 0]));
    // Above the anchor: the bounds turn over.
    expect(bounds(moveFocus(range([2, 2], [2, 2]), -1, -1, 10, 5))).toEqual({ top: 1, bottom: 2, left: 1, right: 2 });
  });

  it('Ctrl+A selects every cell, and nothing in an empty grid', () => {
    expect(wholeGrid(3, 4)).toEqual(range([0, 0], [2, 3]));
    expect(wholeGrid(0, 4)).toBeNull();
  });

  it('a pasted block is selected where it landed', () => {
    expect(pastedRange(4, 2, 3, 2)).toEqual(range([4, 2], [6, 3]));
  });
});

describe('the fill handle', () => {
  const b = { top: 1, bottom: 2, left: 3, right: 4 };
  it('sits in the bottom-right cell', () => {
    expect(isCorner(b, 2, 4)).toBe(true);
    expect(isCorner(b, 1, 4)).toBe(false);
    expect(isCorner(b, 2, 3)).toBe(false);
  });

  it('fills the rows under the selection it was dragged over, and nothing when not dragged below', () => {
    expect(fillBand(b, 5)).toEqual({ top: 3, bottom: 5, left: 3, right: 4 });
    expect(fillBand(b, 2)).toBeNull();
    expect(inFillBand(b, 5, 3, 3)).toBe(true);
    expect(inFillBand(b, 5, 5, 4)).toBe(true);
    expect(inFillBand(b, 5, 2, 3)).toBe(false);
    expect(inFillBand(b, 5, 6, 3)).toBe(false);
    expect(inFillBand(b, 5, 4, 5)).toBe(false);
  });
});

describe('keys the grid takes from AG Grid', () => {
  const key = (k: string, mods: { shift?: boolean; ctrl?: boolean; meta?: boolean } = {}) =>
    gridCommand({ key: k, shiftKey: !!mods.shift, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta });

  it('Shift+arrows extend, plain arrows are AG Grid’s', () => {
    expect(key('ArrowDown', { shift: true })).toEqual({ kind: 'extend', dRow: 1, dCol: 0 });
    expect(key('ArrowLeft', { shift: true })).toEqual({ kind: 'extend', dRow: 0, dCol: -1 });
    expect(key('ArrowDown')).toBeNull();
    // Ctrl+Shift+arrows stretch the selection to the edge of the data (grid-keys.test.ts).
    expect(key('ArrowDown', { shift: true, ctrl: true })).toEqual({ kind: 'edge', dRow: 1, dCol: 0, extend: true });
  });

  it('Ctrl (or ⌘) with A, D, Z, Y; Ctrl+Shift+Z redoes; Delete and Backspace clear', () => {
    expect(key('a', { ctrl: true })).toEqual({ kind: 'selectAll' });
    expect(key('D', { meta: true })).toEqual({ kind: 'fillDown' });
    expect(key('z', { ctrl: true })).toEqual({ kind: 'undo' });
    expect(key('Z', { ctrl: true, shift: true })).toEqual({ kind: 'redo' });
    expect(key('y', { ctrl: true })).toEqual({ kind: 'redo' });
    expect(key('Delete')).toEqual({ kind: 'clear' });
    expect(key('Backspace')).toEqual({ kind: 'clear' });
    expect(key('a')).toBeNull();
    expect(key('Enter')).toBeNull();
  });
});
