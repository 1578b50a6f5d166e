/**
 * The first stages of an import, on raw rows as the reader gives them: where the table is
 * and what the layout leaves out (layout.ts), and each cell read by its column's rules (read.ts).
 */
import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../electron/core/excel/reader/index.ts';
import { UNREADABLE } from '../../electron/core/excel/reader/marks.ts';
import { findTable, layoutProblems } from '../../electron/core/services/import/layout.ts';
import { readRows } from '../../electron/core/services/import/read.ts';
import { dicts, fileColumns, fileRows, ledgerSheet } from '../helpers/importStages.ts';

const sheetOf = (rows: RawCell[][]) => ({ name: 'Sheet1', state: 'visible', rows, merges: [], truncated: false });

describe('where the table is', () => {
  it('reads to the 合计 row, and says where rows under it or under the footer begin', () => {
    const sheet = sheetOf([
      ['2026年党支部分类台账'],
      ['乡镇', '支部名称', '书记', '正式党员'],
      ['经棚镇', '东村党支部', '张三', 30],
      [null, null, null, null],
      ['经棚镇', '西村党支部', '李四', 12],
      ['合计', null, null, 42],
      [null, '南村党支部', '王五', 8],
      ['填报人：赵六', null, '审核人：', null],
      [null, '北村党支部', '钱七', 9],
    ]);
    const layout = findTable(sheet, ledgerSheet)!;
    expect(layout.dataRows).toEqual([2, 4]);
    expect(layoutProblems(sheet, layout).map((p) => [p.cell, p.message])).toEqual([
      ['B7', '第 7 行在“合计”行之后，没有读入。如果是新增的党支部，请把它移到合计行之上再导入。'],
      ['B9', '第 9 行在“填报人”“审核人”等落款之下，没有读入。如果是新增的党支部，请把它移到落款之上再导入。'],
    ]);
  });
});

describe('each cell read by its column', () => {
  it('reads labels, numbers as offices type them and placeholders; keeps what it cannot read as the file shows it, with the column and the reason', () => {
    const [row] = fileRows([{ serial: '3', township: ' 经棚镇 ', name: '东村党支部', grade: '一般', membersFormal: '30人', secretary: '—', standardised: '无', termChangedOn: '2024年3月', membersProbationary: `${UNREADABLE}#REF!`, id: ' u1 ' }]);
    expect(row!.values).toMatchObject({ serial: 3, township: '经棚镇', grade: 'middle', membersFormal: 30, secretary: null, standardised: false, termChangedOn: '2024-03', membersProbationary: null });
    expect(row!.unread).toEqual([{ field: 'membersProbationary', text: '#REF!', message: '预备党员（名）：单元格是错误值 #REF!（公式出错），请在 Excel 或 WPS 中改正后再导入' }]);
    expect(row!.id).toBe('u1');
    expect(row!.sourceRow).toBe(5);
  });

  it('reads what a returned export wrote for an empty cell as empty', () => {
    const [row] = fileRows([{ name: '东村党支部', secretary: '/', notes: '无' }], { emptyAs: '无' });
    expect(row!.values).toMatchObject({ secretary: null, notes: null });
    expect(row!.unread).toEqual([]);
  });

  it('numbers each row by its Excel row, reads a synonym as its code, and gives no id where the file has no id column', () => {
    const sheet = sheetOf([['先进'], ['先进'], ['好']]);
    const grade = { ...fileColumns.find((c) => c.field === 'grade')!, index: 0 };
    const rows = readRows(sheet, [0, 1, 2], [grade], null, { emptyAs: '', dicts });
    expect(rows.map((r) => [r.sourceRow, r.values.grade, r.id])).toEqual([[1, 'advanced', ''], [2, 'advanced', ''], [3, 'advanced', '']]);
  });
});
