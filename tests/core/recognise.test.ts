/**
 * Which table a hand-made sheet is, chosen by the columns its headers name, with a margin: the
 * template naming most wins; one naming nearly as many of the same columns is said; one naming
 * as many is not guessed at. Pure: recognise() over sheets as the reader gives them.
 */
import { describe, expect, it } from 'vitest';
import type { RawBook, RawCell } from '../../electron/core/excel/reader/index.ts';
import { recognise } from '../../electron/core/services/import/recognise.ts';

const book = (...sheets: { name: string; rows: RawCell[][] }[]): RawBook => ({
  kind: 'xlsx',
  names: {},
  sheets: sheets.map((s) => ({ ...s, state: 'visible', merges: [], truncated: false })),
});
const none = () => null;

describe('the template a hand-made sheet is read as', () => {
  it('reads a liaison ledger headed with words the branch ledger uses too as the liaison ledger, sure of it', () => {
    const r = recognise(book({ name: '联系点', rows: [['序号', '联系领导', '职务', '党组织名称', '类别', '存在的主要问题', '帮扶目标', '帮扶措施', '备注'], [1, '张三', '镇党委书记', '东村党支部', '后进', '无', '无', '无', null]] }), { remembered: none });
    expect(r.template.id).toBe('liaison-points');
    expect(r.problems.filter((p) => p.message.includes('不能完全确定'))).toEqual([]);
  });

  it('says when another kind of table names nearly as many of the same columns', () => {
    // 联系领导 | 党组织名称 | 类别 | 存在的主要问题: four of the liaison ledger; 联系领导 | 党组织名称 | 类别: three of the branch ledger.
    const r = recognise(book({ name: '表1', rows: [['联系领导', '党组织名称', '类别', '存在的主要问题'], ['张三', '东村党支部', '后进', '无']] }), { remembered: none });
    expect(r.template.id).toBe('liaison-points');
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', sheet: '表1', message: expect.stringContaining('与“党支部分类台账”对上 3 列') }));
  });

  it('does not guess between two kinds of table that its headers name equally', () => {
    // 领导姓名 | 党组织名称 | 类别: each a column of both the branch ledger and the liaison ledger.
    expect(() => recognise(book({ name: '表1', rows: [['领导姓名', '党组织名称', '类别'], ['张三', '东村党支部', '后进']] }), { remembered: none })).toThrow(/无法确定工作表“表1”是哪种表格/);
  });

  it('skips a cover sheet and says so', () => {
    const r = recognise(
      book(
        { name: '封面', rows: [['经棚镇2026年问题清单'], ['填报单位：经棚镇党委'], ['2026年3月']] },
        { name: '清单', rows: [['所在单位', '问题描述', '整改措施', '整改状态'], ['经棚镇党委', '档案不全', '补齐', '整改中']] },
      ),
      { remembered: none },
    );
    expect(r.template.id).toBe('problems');
    expect(r.problems).toContainEqual({ severity: 'warning', sheet: '封面', cell: '', message: '工作表“封面”是封面，没有读入。' });
  });
});
