/** One result path for every write in every grid: the messages and the totals row. */
import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../shared/domain/fields.ts';
import { ledgerColumns } from '../../shared/domain/ledger.ts';
import { projectFields } from '../../shared/domain/liaison.ts';
import { problemMessages } from '../../renderer/src/grid/editResult.ts';
import { leftOutMarks, totalsOf } from '../../renderer/src/grid/totals.ts';

describe('what a person is told about an edit, a paste or a fill', () => {
  it('nothing when every value was saved', () => {
    expect(problemMessages([])).toEqual([]);
  });

  it('one value kept red: its reason, and that it was kept and must be corrected', () => {
    expect(problemMessages([{ message: '正式党员（名）：“很多”不是整数', kept: true }])).toEqual(['正式党员（名）：“很多”不是整数（已原样保留并标红，请改正）']);
  });

  it('one value refused: the core’s own words (they say it was not changed)', () => {
    expect(problemMessages([{ message: '党组织名称不能为空，未修改。' }])).toEqual(['党组织名称不能为空，未修改。']);
  });

  it('several: one message with the count, not a message per cell', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ message: `第 ${i} 个`, kept: i % 2 === 0 }));
    expect(problemMessages(many)).toEqual(['7 个值未通过校验或未修改，已原样保留并标红；鼠标停在红色单元格上可查看原因。']);
  });
});

describe('the totals row', () => {
  type Row = Record<string, unknown>;
  const total = (fields: readonly FieldDef[], rows: Row[]) => totalsOf<Row>(fields, (add) => rows.forEach(add), (r, f) => r[f]);

  it('adds up every summed ledger column, whatever the page shows, and counts the rows', () => {
    const rows = [
      { membersFormal: 10, membersProbationary: 1, grade: 'lagging', unionBuilt: true, youthLeagueBuilt: false },
      { membersFormal: 5, membersProbationary: null, unionBuilt: true, womenFederationBuilt: true },
      // A value kept red is stored as its raw text beside a null: it adds nothing.
      { membersFormal: null, membersProbationary: 2, unionBuilt: null },
    ];
    const { count, sums } = total(ledgerColumns, rows);
    expect(count).toBe(3);
    // A 是/否 column counts its 是.
    expect(sums).toEqual({ membersFormal: 15, membersProbationary: 3, unionBuilt: 2, youthLeagueBuilt: 0, womenFederationBuilt: 1 });
    expect(Object.keys(sums).sort()).toEqual(ledgerColumns.filter((c) => c.summed).map((c) => c.field).sort());
  });

  it('a column newly marked summed is totalled with no other change', () => {
    const withNew: FieldDef[] = [...ledgerColumns, { field: 'activities', label: '主题党日（次）', type: 'integer', editable: true, width: 100, summed: true }];
    expect(total(withNew, [{ activities: 4, membersFormal: 1 }, { activities: 8 }]).sums).toEqual({ membersFormal: 1, membersProbationary: 0, unionBuilt: 0, youthLeagueBuilt: 0, womenFederationBuilt: 0, activities: 12 });
  });

  it('decimals to their places, text that is not a number adds nothing', () => {
    const rows = [{ funds: 0.1 }, { funds: 0.2 }, { funds: '很多' }, { funds: null }];
    expect(total(projectFields, rows).sums).toEqual({ funds: 0.3 });
  });

  it('an empty grid totals 0', () => {
    expect(total(ledgerColumns, [])).toEqual({ count: 0, sums: { membersFormal: 0, membersProbationary: 0, unionBuilt: 0, youthLeagueBuilt: 0, womenFederationBuilt: 0 }, leftOut: {} });
  });

  it('says how many red values a total leaves out, in the 合计 cell’s tooltip, and marks nothing when none', () => {
    const rows = [
      { membersFormal: 1000, invalid: null },
      { membersFormal: 3, invalid: null },
      // 十二人 typed, kept red: stored as null beside its raw text.
      { membersFormal: null, invalid: { membersFormal: { raw: '十二人', message: '“十二人”不是整数' } } },
      { membersFormal: null, invalid: null },
    ];
    const totals = total(ledgerColumns, rows);
    expect(totals.sums.membersFormal).toBe(1003);
    expect(totals.leftOut).toEqual({ membersFormal: 1 });
    expect(leftOutMarks(totals)).toEqual({ membersFormal: { raw: '1,003', message: '合计未计入 1 个未识别的值（红色单元格），改正后才计入。' } });
    expect(leftOutMarks(total(ledgerColumns, rows.slice(0, 2)))).toBeNull();
  });
});
