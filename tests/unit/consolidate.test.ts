import { describe, expect, it } from 'vitest';
import { differenceText, figureChanges, figureText, rowStatus } from '../../shared/domain/consolidate.ts';

describe('consolidation rules', () => {
  it('says where a row comes from: the least settled return that came in, else our own data', () => {
    expect(rowStatus([])).toBe('own');
    expect(rowStatus(['sent'])).toBe('own');
    expect(rowStatus(['accepted', 'sent'])).toBe('accepted');
    expect(rowStatus(['accepted', 'reviewed'])).toBe('pending');
    expect(rowStatus(['returned', 'sent_back', 'accepted'])).toBe('sentBack');
  });

  it('lists each figure that differs from the report, a unit new or gone against nothing, and 合计; equal figures not at all', () => {
    const columns = [{ field: 'n', header: '先进', group: '分类等次（个）' }, { field: 'rate', header: '达标率', group: null }];
    const reported = { rows: [{ unitId: 1, unitName: '甲镇', values: { n: 3, rate: 0.1 + 0.2 } }, { unitId: 2, unitName: '乙镇', values: { n: 1, rate: 0.5 } }], totals: { n: 4, rate: 0.4 } };
    const now = { rows: [{ unitId: 1, unitName: '甲镇', values: { n: 3, rate: 0.3 } }, { unitId: 3, unitName: '丙镇', values: { n: 2, rate: null } }], totals: { n: 5, rate: 0.4 } };
    expect(figureChanges(columns, reported, reported)).toEqual([]);
    expect(figureChanges(columns, reported, now)).toEqual([
      { unitId: 3, unitName: '丙镇', field: 'n', column: '分类等次（个）·先进', reported: null, now: 2, difference: null },
      { unitId: 2, unitName: '乙镇', field: 'n', column: '分类等次（个）·先进', reported: 1, now: null, difference: null },
      { unitId: 2, unitName: '乙镇', field: 'rate', column: '达标率', reported: 0.5, now: null, difference: null },
      { unitId: null, unitName: '合计', field: 'n', column: '分类等次（个）·先进', reported: 4, now: 5, difference: 1 },
    ]);
  });

  it('prints figures and differences as the reports do', () => {
    expect(figureText('percent', 0.533)).toBe('53.3%');
    expect(figureText('integer', null)).toBe('—');
    expect(differenceText('integer', -1)).toBe('−1');
    expect(differenceText('percent', 0.012)).toBe('+1.2 个百分点');
  });
});
