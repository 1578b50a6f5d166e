/** The keys of Excel and WPS the grid layer adds (find, replace, the edges of the data, Alt+↓), and where Ctrl+arrow lands. */
import { describe, expect, it } from 'vitest';
import { dataEdge, gridCommand } from '../../renderer/src/grid/gridKeys.ts';

const key = (k: string, mods: { shift?: boolean; ctrl?: boolean; meta?: boolean; alt?: boolean } = {}) =>
  gridCommand({ key: k, shiftKey: !!mods.shift, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, altKey: !!mods.alt });

describe('keys of find and replace', () => {
  it('Ctrl+F finds, Ctrl+H replaces (⌘ too), F3 and Shift+F3 go to the next and the previous hit', () => {
    expect(key('f', { ctrl: true })).toEqual({ kind: 'find' });
    expect(key('F', { meta: true })).toEqual({ kind: 'find' });
    expect(key('h', { ctrl: true })).toEqual({ kind: 'replace' });
    expect(key('F3')).toEqual({ kind: 'findNext', back: false });
    expect(key('F3', { shift: true })).toEqual({ kind: 'findNext', back: true });
    // A plain f or h is typed into the cell.
    expect(key('f')).toBeNull();
    expect(key('h')).toBeNull();
  });
});

describe('keys that move to the edges of the data', () => {
  it('Ctrl+arrows go to the edge, with Shift the selection stretches there', () => {
    expect(key('ArrowDown', { ctrl: true })).toEqual({ kind: 'edge', dRow: 1, dCol: 0, extend: false });
    expect(key('ArrowLeft', { meta: true })).toEqual({ kind: 'edge', dRow: 0, dCol: -1, extend: false });
    expect(key('ArrowUp', { ctrl: true, shift: true })).toEqual({ kind: 'edge', dRow: -1, dCol: 0, extend: true });
  });

  it('Ctrl+Home and Ctrl+End go to the first and the last cell, Home and End to the ends of the row', () => {
    expect(key('Home', { ctrl: true })).toEqual({ kind: 'corner', to: 'first', wholeGrid: true, extend: false });
    expect(key('End', { ctrl: true })).toEqual({ kind: 'corner', to: 'last', wholeGrid: true, extend: false });
    expect(key('End', { ctrl: true, shift: true })).toEqual({ kind: 'corner', to: 'last', wholeGrid: true, extend: true });
    expect(key('Home')).toEqual({ kind: 'corner', to: 'first', wholeGrid: false, extend: false });
    expect(key('End', { shift: true })).toEqual({ kind: 'corner', to: 'last', wholeGrid: false, extend: true });
  });

  it('Alt+↓ opens a cell to pick from (a list, a calendar); other Alt keys are not ours', () => {
    expect(key('ArrowDown', { alt: true })).toEqual({ kind: 'openEditor' });
    expect(key('ArrowUp', { alt: true })).toBeNull();
    expect(key('Delete', { alt: true })).toBeNull();
  });
});

describe('where Ctrl+arrow lands, as in Excel', () => {
  // A column as filled (x) and blank (.) cells.
  const line = (cells: string) => ({ filled: (i: number) => cells[i] === 'x', size: cells.length });
  const edge = (cells: string, from: number, step: 1 | -1) => {
    const l = line(cells);
    return dataEdge(l.filled, from, step, l.size);
  };

  it('from a filled cell with a filled neighbour: the last filled cell before a blank', () => {
    expect(edge('xxxx.xx.', 0, 1)).toBe(3);
    expect(edge('xxxx.xx.', 5, 1)).toBe(6);
    expect(edge('.xxx..xx', 7, -1)).toBe(6);
    expect(edge('xxxxx', 1, 1)).toBe(4);
  });

  it('from a filled cell before a blank, or from a blank: the next filled cell', () => {
    expect(edge('xxxx.xx.', 3, 1)).toBe(5);
    expect(edge('x...x', 0, 1)).toBe(4);
    expect(edge('x...x', 2, 1)).toBe(4);
    expect(edge('x...x', 4, -1)).toBe(0);
  });

  it('with no filled cell further on: the edge of the line; at the edge it stays', () => {
    expect(edge('xx...', 1, 1)).toBe(4);
    expect(edge('.....', 2, -1)).toBe(0);
    expect(edge('xx...', 4, 1)).toBe(4);
    expect(edge('xx...', 0, -1)).toBe(0);
  });
});
