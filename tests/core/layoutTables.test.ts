/**
 * Where tables are in a sheet (layout.ts): tables side by side are told apart by an empty
 * column, a column with data but no header stays in its table, and a value merged down the
 * data (also a merge two columns wide) reaches every row of the merge. Pure, over raw rows.
 */
import { describe, expect, it } from 'vitest';
import type { RawCell, RawRange, RawSheet } from '../../electron/core/excel/reader/index.ts';
import { fillMergedDown, findTable, tableBlocks } from '../../electron/core/services/import/layout.ts';
import { findTemplate } from '../../shared/templates/index.ts';

const sheet = (rows: RawCell[][], merges: RawRange[] = []): RawSheet => ({ name: '表', state: 'visible', rows, merges, truncated: false });
const problems = findTemplate('problems')!.sheets[0]!;

describe('tables in a sheet', () => {
  it('splits two tables at an empty column, and keeps a column with data but no header in its table', () => {
    const s = sheet([
      ['所在单位', '问题描述', null, '整改状态', null, '类别', '个数'],
      ['经棚镇党委', '档案不全', '补记', '整改中', null, '组织建设', 3],
      ['经棚镇党委', '水压不足', null, '已销号', null, '民生诉求', 1],
    ]);
    expect(tableBlocks(s, 0, 1).map((b) => [b.first, b.last, b.headers])).toEqual([
      [0, 3, ['所在单位', '问题描述', '整改状态']],
      [5, 6, ['类别', '个数']],
    ]);
    const layout = findTable(s, problems)!;
    expect([...layout.columns.fields]).toEqual([[0, 'unitName'], [1, 'description'], [3, 'status']]);
    expect(layout.besides!.map((b) => [b.first, b.last, b.bottom])).toEqual([[5, 6, 2]]);
    // The table's rows are read on its own columns: nothing of the other table is in them.
    expect(layout.within!.rows[1]).toEqual(['经棚镇党委', '档案不全', '补记', '整改中', null, null, null]);
  });

  it('is one table when no column is empty all the way down', () => {
    const s = sheet([['所在单位', '问题描述', null, '整改状态'], ['经棚镇党委', '档案不全', '补记', '整改中']]);
    expect(tableBlocks(s, 0, 1)).toEqual([]);
    expect(findTable(s, problems)!.within).toBeUndefined();
  });

  it('fills a value merged down the data into every row of the merge, also from a merge two columns wide', () => {
    const s = sheet(
      [['联系领导', '职务', '联系点'], ['赵梅', null, '东村党支部'], [null, null, '西村党支部'], [null, null, '南村党支部']],
      [{ s: { r: 1, c: 0 }, e: { r: 3, c: 1 } }],
    );
    fillMergedDown(s, 1);
    expect(s.rows.map((r) => r[0])).toEqual(['联系领导', '赵梅', '赵梅', '赵梅']);
  });
});
