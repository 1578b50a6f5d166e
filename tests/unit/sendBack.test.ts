/**
 * The round comparison of 退回修改, pure: each cell sent back found again by its row (hidden id,
 * match, name; a row with none of them by its place), told fixed, still there or gone; the new
 * return's other problems told new; a word the person would not send is no problem still there.
 */
import { describe, expect, it } from 'vitest';
import { compareRounds, roundSummary, type SendBackItem, type SendBackRowKey } from '../../shared/domain/sendBack.ts';

const item = (cell: string, sourceRow: number, field: string, row: SendBackRowKey, more: Partial<SendBackItem> = {}): SendBackItem => ({
  sheet: 'S', cell, sourceRow, field, header: field, value: 'x', reason: `${field} 有误`, kind: 'error', proposed: true, rowLabel: row.name ?? '', row, ...more,
});

describe('compareRounds', () => {
  it('follows a row by its id when rows moved, by its place only when it had no key, and counts new problems', () => {
    const listed = [
      item('G6', 6, 'members', { uid: 'a', name: '甲' }),
      item('K7', 7, 'grade', { uid: 'b', name: '乙' }),
      item('D8', 8, 'name', {}),
      item('G9', 9, 'members', { uid: 'gone', name: '丙' }),
    ];
    // Row 甲 deleted above: 乙 is row 6 now; the nameless row is still row 8 (its place); 丙 is gone.
    const rows = [
      { sheet: 'S', sourceRow: 6, key: { uid: 'b', name: '乙' } },
      { sheet: 'S', sourceRow: 7, key: { uid: 'c', name: '丁' } },
      { sheet: 'S', sourceRow: 8, key: {} },
    ];
    const items = [
      item('K6', 6, 'grade', { uid: 'b' }),
      item('D8', 8, 'name', {}),
      item('J7', 7, 'phone', { uid: 'c' }),
      // Offered unticked (a word): not a problem still there, not a new one.
      item('L7', 7, 'notes', { uid: 'c' }, { proposed: false, kind: 'warning' }),
    ];
    const c = compareRounds(listed, { rows, items });
    expect(c.gone.map((e) => e.item.cell)).toEqual(['G6', 'G9']);
    expect(c.remaining.map((e) => [e.item.cell, e.now?.cell])).toEqual([['K7', 'K6'], ['D8', 'D8']]);
    expect(c.fixed).toEqual([]);
    expect(c.added.map((i) => i.cell)).toEqual(['J7']);
    expect(roundSummary({ round: 2, listed: 4, unchangedCopy: false, ...c })).toBe('第 2 轮报送：上次退回 4 处，已改正 0 处，仍有 2 处，所在行已删除 2 处；新发现 1 处');
  });

  it('tells a cell fixed where its row is there and reads without a problem, at the row’s new place', () => {
    const listed = [item('G6', 6, 'members', { ledgerId: 10, name: '甲' }), item('G7', 7, 'members', { name: '乙' })];
    const rows = [
      { sheet: 'S', sourceRow: 7, key: { ledgerId: 10, name: '甲' } },
      { sheet: 'S', sourceRow: 6, key: { name: '乙' } },
    ];
    const c = compareRounds(listed, { rows, items: [] });
    expect(c.fixed.map((e) => e.now)).toEqual([{ sheet: 'S', cell: 'G7', sourceRow: 7 }, { sheet: 'S', cell: 'G6', sourceRow: 6 }]);
    expect(roundSummary({ round: 3, listed: 2, unchangedCopy: false, ...c })).toBe('第 3 轮报送：上次退回 2 处，已改正 2 处，仍有 0 处；新发现 0 处');
  });
});
