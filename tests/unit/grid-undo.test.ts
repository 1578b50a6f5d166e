/** The grid's undo stack: what Ctrl+Z and Ctrl+Y find after each action, undo and redo. */
import { describe, expect, it } from 'vitest';
import { MAX_UNDO, UndoStack } from '../../renderer/src/grid/undoStack.ts';

describe('the undo stack', () => {
  it('undoes the last action first, and an undone action is redone by the change set that undid it', () => {
    const s = new UndoStack();
    s.push('a', '粘贴 3 行');
    s.push('b', '填充 2 行');
    expect(s.can('redo')).toBe(false);
    const b = s.take('undo')!;
    expect(b).toEqual({ changeSetId: 'b', label: '填充 2 行' });
    s.reverted('undo', b, 'undo-of-b');
    expect(s.can('redo')).toBe(true);
    const redo = s.take('redo')!;
    expect(redo).toEqual({ changeSetId: 'undo-of-b', label: '填充 2 行' });
    s.reverted('redo', redo, 'redo-of-b');
    // Undo again: the redo's change set, then the paste.
    expect(s.take('undo')).toEqual({ changeSetId: 'redo-of-b', label: '填充 2 行' });
    expect(s.take('undo')).toEqual({ changeSetId: 'a', label: '粘贴 3 行' });
    expect(s.take('undo')).toBeUndefined();
    expect(s.can('undo')).toBe(false);
  });

  it('a new action ends what could be redone', () => {
    const s = new UndoStack();
    s.push('a', '修改书记');
    s.reverted('undo', s.take('undo')!, 'undo-of-a');
    s.push('c', '清除 4 个单元格');
    expect(s.can('redo')).toBe(false);
    expect(s.take('undo')?.changeSetId).toBe('c');
  });

  it('an action the core changed nothing for (no change set) is not an undo step, nor is a revert that changed nothing', () => {
    const s = new UndoStack();
    s.push('a', '修改书记');
    s.reverted('undo', s.take('undo')!, 'undo-of-a');
    s.push(null, '粘贴 1 行');
    expect(s.can('undo')).toBe(false);
    expect(s.can('redo')).toBe(true);
    s.reverted('redo', s.take('redo')!, null);
    expect(s.can('undo')).toBe(false);
  });

  it(`keeps the last ${MAX_UNDO} actions`, () => {
    const s = new UndoStack();
    for (let i = 0; i < MAX_UNDO + 5; i++) s.push(`c${i}`, `第 ${i} 步`);
    let n = 0;
    let last: string | undefined;
    for (let e = s.take('undo'); e; e = s.take('undo')) {
      n++;
      last = e.changeSetId;
    }
    expect(n).toBe(MAX_UNDO);
    expect(last).toBe('c5');
  });
});
