/** The cells a paste, a fill and a clear write, worked out before the core is called. */
import { describe, expect, it } from 'vitest';
import { clearChanges, fillChanges, pasteChanges, pastedWidth, spreadOne } from '../../renderer/src/grid/cellChanges.ts';

interface Row {
  id: number;
  values: Record<string, string | number | null>;
}
const rows: Row[] = [1, 2, 3, 4].map((id) => ({ id, values: { name: `支部${id}`, members: id * 10, town: '天义镇' } }));
const cols = ['town', 'name', 'members'];
const editable = (c: string) => c !== 'town';
const cells = (changes: { row: Row; colId: string; value: unknown }[]) => changes.map((c) => [c.row.id, c.colId, c.value]);

describe('a paste', () => {
  it('puts each line on the next row and each cell in the next column, from the selected cell', () => {
    const plan = pasteChanges([['甲', '5'], ['乙', '6']], 1, 1, cols, (i) => rows[i], editable);
    expect(cells(plan.changes)).toEqual([[2, 'name', '甲'], [2, 'members', '5'], [3, 'name', '乙'], [3, 'members', '6']]);
    expect(plan.readOnly).toEqual([]);
  });

  it('skips a read-only column where the block has text there, and says which', () => {
    const plan = pasteChanges([['某乡镇', '甲'], ['  ', '乙']], 0, 0, cols, (i) => rows[i], editable);
    expect(cells(plan.changes)).toEqual([[1, 'name', '甲'], [2, 'name', '乙']]);
    expect(plan.readOnly).toEqual(['town']);
    // Blank text in a read-only column is no loss: nothing to say.
    expect(pasteChanges([[' ', '甲']], 0, 0, cols, (i) => rows[i], editable).readOnly).toEqual([]);
  });

  it('drops what falls past the last row or the last column', () => {
    const plan = pasteChanges([['1', 'x'], ['2', 'y']], 3, 2, cols, (i) => rows[i], editable);
    expect(cells(plan.changes)).toEqual([[4, 'members', '1']]);
    expect(pastedWidth([['1', 'x']], 2, cols.length)).toBe(1);
    expect(pastedWidth([['1', 'x']], 0, cols.length)).toBe(2);
  });

  it('spreads one value over a larger selection, and leaves a block or a one-cell selection alone', () => {
    expect(spreadOne([['7']], { top: 0, bottom: 1, left: 0, right: 2 })).toEqual([['7', '7', '7'], ['7', '7', '7']]);
    expect(spreadOne([['7']], { top: 3, bottom: 3, left: 1, right: 1 })).toEqual([['7']]);
    expect(spreadOne([['7', '8']], { top: 0, bottom: 1, left: 0, right: 2 })).toEqual([['7', '8']]);
  });
});

describe('a fill', () => {
  const raw = (r: Row, c: string) => r.values[c] ?? null;
  it('copies the source rows’ stored values into the targets, repeating them, editable columns only', () => {
    const changes = fillChanges(rows.slice(1), rows.slice(0, 1), cols, editable, raw);
    expect(cells(changes)).toEqual([
      [2, 'name', '支部1'], [2, 'members', 10],
      [3, 'name', '支部1'], [3, 'members', 10],
      [4, 'name', '支部1'], [4, 'members', 10],
    ]);
    expect(cells(fillChanges(rows.slice(2), rows.slice(0, 2), ['members'], editable, raw))).toEqual([[3, 'members', 10], [4, 'members', 20]]);
    expect(fillChanges(rows, [], cols, editable, raw)).toEqual([]);
  });
});

describe('Delete on a block', () => {
  it('empties every editable cell', () => {
    expect(cells(clearChanges(rows.slice(0, 2), cols, editable))).toEqual([[1, 'name', null], [1, 'members', null], [2, 'name', null], [2, 'members', null]]);
  });
});
