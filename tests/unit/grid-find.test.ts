/** Find and replace's rules without a grid: what matches, what a replacement becomes, which hit comes next, what is refused. */
import { describe, expect, it } from 'vitest';
import { parseFieldValue, type FieldDef } from '../../shared/domain/fields.ts';
import { matcher, nextHit, type FindQuery, type PlacedHit } from '../../renderer/src/grid/find/match.ts';
import { planReplace, readOnlyMessage, refusalMessage, type ReplaceTarget } from '../../renderer/src/grid/find/replacePlan.ts';

const q = (text: string, opts: Partial<FindQuery> = {}): FindQuery => ({ text, caseSensitive: false, wholeCell: false, ...opts });
const m = (text: string, opts: Partial<FindQuery> = {}) => matcher(q(text, opts))!;

describe('what find matches', () => {
  it('a part of the cell, or with 单元格匹配 the whole cell', () => {
    expect(m('后进').test('后进')).toBe(true);
    expect(m('镇').test('天义镇党委')).toBe(true);
    expect(m('镇', { wholeCell: true }).test('天义镇党委')).toBe(false);
    expect(m('天义镇党委', { wholeCell: true }).test('天义镇党委')).toBe(true);
    expect(m('党委').test('天义镇党支部')).toBe(false);
  });

  it('Latin letters regardless of case unless 区分大小写 (Chinese has no case)', () => {
    expect(m('bayar').test('Bayar')).toBe(true);
    expect(m('bayar', { caseSensitive: true }).test('Bayar')).toBe(false);
    expect(m('Bayar', { caseSensitive: true }).test('Bayar')).toBe(true);
    expect(m('乌兰', { caseSensitive: true }).test('乌兰巴日')).toBe(true);
  });

  it('the text as typed, not as a pattern: brackets, dots, plus signs and dollars are themselves', () => {
    expect(m('（兼）').test('乌兰（兼）')).toBe(true);
    expect(m('(兼)').test('乌兰（兼）')).toBe(false);
    expect(m('2024.3').test('2024-03-05')).toBe(false);
    expect(m('1+1').test('11')).toBe(false);
    expect(m('a.b').test('axb')).toBe(false);
  });

  it('nothing to look for: no matcher', () => {
    expect(matcher(q(''))).toBeNull();
  });
});

describe('what a replacement makes of a cell', () => {
  it('every occurrence in the cell, with the case chosen; the whole cell with 单元格匹配', () => {
    expect(m('村').replace('新华村东村党支部', '社区')).toBe('新华社区东社区党支部');
    expect(m('ab').replace('Ab ab AB', 'x')).toBe('x x x');
    expect(m('ab', { caseSensitive: true }).replace('Ab ab AB', 'x')).toBe('Ab x AB');
    expect(m('后进', { wholeCell: true }).replace('后进', '一般')).toBe('一般');
  });

  it('a $ in the replacement is a dollar sign, not a group', () => {
    expect(m('元').replace('12元', '$&$1')).toBe('12$&$1');
  });
});

describe('which hit comes next', () => {
  // Row by row, as displayed: (0,2) (1,0) (1,3) (4,1).
  const hits: PlacedHit[] = [
    [0, 2],
    [1, 0],
    [1, 3],
    [4, 1],
  ].map(([row, col]) => ({ row: row!, col: col!, rowId: String(row), colId: String(col) }));

  it('forward from a cell: the first hit after it (at it too, for a new search), round to the start after the last', () => {
    expect(nextHit(hits, { row: 1, col: 0 }, false)).toBe(2);
    expect(nextHit(hits, { row: 1, col: 0 }, false, true)).toBe(1);
    expect(nextHit(hits, { row: 1, col: 1 }, false)).toBe(2);
    expect(nextHit(hits, { row: 4, col: 1 }, false)).toBe(0);
    expect(nextHit(hits, null, false)).toBe(0);
  });

  it('back from a cell: the last hit before it, round to the end before the first', () => {
    expect(nextHit(hits, { row: 1, col: 3 }, true)).toBe(1);
    expect(nextHit(hits, { row: 3, col: 0 }, true)).toBe(2);
    expect(nextHit(hits, { row: 0, col: 0 }, true)).toBe(3);
    expect(nextHit(hits, null, true)).toBe(3);
  });

  it('no hits: none', () => {
    expect(nextHit([], { row: 0, col: 0 }, false)).toBe(-1);
  });
});

describe('planning a replace', () => {
  const members: FieldDef = { field: 'membersFormal', label: '正式党员（名）', type: 'integer', editable: true, width: 100 };
  const secretary: FieldDef = { field: 'secretary', label: '书记', type: 'text', editable: true, width: 100 };
  const target = (rowId: string, field: FieldDef | null, text: string, editable = true): ReplaceTarget<{ id: string }> => ({
    rowId,
    colId: field?.field ?? 'township',
    row: { id: rowId },
    text,
    header: field?.label ?? '苏木乡镇（街道）',
    where: `第 ${rowId} 行“${field?.label ?? '苏木乡镇（街道）'}”`,
    editable,
    ...(field ? { parse: (t: string) => parseFieldValue(field, t, []) } : {}),
  });

  it('each editable hit becomes a change with its new text; read-only columns are counted and skipped; unchanged cells are left', () => {
    const plan = planReplace([target('1', members, '15'), target('2', secretary, '5号院王五'), target('3', null, '5号天义镇党委', false), target('4', null, '5号天义镇党委', false)], m('5'), '6');
    expect(plan.changes).toEqual([
      { row: { id: '1' }, colId: 'membersFormal', value: '16' },
      { row: { id: '2' }, colId: 'secretary', value: '6号院王五' },
    ]);
    expect(plan.readOnly).toEqual(new Map([['苏木乡镇（街道）', 2]]));
    expect(plan.refused).toEqual([]);
    expect(readOnlyMessage(plan.readOnly)).toBe('“苏木乡镇（街道）”2 处是只读列，已跳过。');
    // Replaced by itself, a cell is no change.
    expect(planReplace([target('1', members, '15')], m('5'), '5').changes).toEqual([]);
  });

  it('a new text the column cannot take is refused with the column’s reason, naming the cell', () => {
    const plan = planReplace([target('1', members, '15'), target('2', members, '25'), target('3', secretary, '5号')], m('5'), '五');
    expect(plan.refused).toEqual([
      { rowId: '1', colId: 'membersFormal', where: '第 1 行“正式党员（名）”', message: '“1五”不是整数' },
      { rowId: '2', colId: 'membersFormal', where: '第 2 行“正式党员（名）”', message: '“2五”不是整数' },
    ]);
    const text = refusalMessage(plan.refused);
    expect(text).toContain('替换后有 2 处不是这一列能填的值，全部未替换');
    expect(text).toContain('第 1 行“正式党员（名）”：“1五”不是整数');
  });

  it('a long list of refusals names the first three and counts the rest', () => {
    const refused = Array.from({ length: 7 }, (_, i) => ({ rowId: String(i), colId: 'm', where: `第 ${i + 1} 行`, message: '不是整数' }));
    const text = refusalMessage(refused);
    expect(text).toContain('第 3 行：不是整数');
    expect(text).not.toContain('第 4 行');
    expect(text).toContain('另有 4 处');
  });
});
