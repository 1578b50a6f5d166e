/**
 * What follows from the judged rows (checks.ts): a row's status from its cells, conflicts
 * said with both values as a person reads them, both listings of a branch listed twice
 * with other values held back, and the rows a file does not list.
 */
import { describe, expect, it } from 'vitest';
import type { ImportCellDiff, ImportRowView } from '../../shared/contract/types.ts';
import { conflictProblems, holdBackTwins, matchedStatus, missingRows, someCells } from '../../electron/core/services/import/checks.ts';
import { dicts, ledgerSheet } from '../helpers/importStages.ts';

const cell = (status: ImportCellDiff['status'], more: Partial<ImportCellDiff> = {}): ImportCellDiff => ({ field: 'grade', cell: 'K5', status, raw: null, value: null, current: null, sent: undefined, ...more });
const row = (sourceRow: number, diffs: ImportCellDiff[], more: Partial<ImportRowView> = {}): ImportRowView => ({
  sheet: '党支部分类台账', sourceRow, status: 'unchanged', match: { ledgerId: sourceRow, orgId: 1, name: '东村党支部', township: '经棚镇', by: 'id' }, parent: null, values: {}, diffs, messages: [], ...more,
});

describe('what follows from the judged rows', () => {
  it('gives a matched row its status: an unreadable cell first, then a near name to confirm, a conflict, a change; cells kept do not count', () => {
    expect(matchedStatus(row(5, [cell('kept')]))).toBe('unchanged');
    expect(matchedStatus(row(5, [cell('kept'), cell('change')]))).toBe('changed');
    expect(matchedStatus(row(5, [cell('change'), cell('conflict')]))).toBe('conflict');
    expect(matchedStatus(row(5, [cell('conflict')], { match: { ...row(5, []).match!, by: 'fuzzy' } }))).toBe('fuzzy');
    expect(matchedStatus(row(5, [], { match: { ...row(5, []).match!, by: 'fuzzy' } }))).toBe('fuzzy');
    expect(matchedStatus(row(5, [cell('conflict'), cell('error')], { match: { ...row(5, []).match!, by: 'fuzzy' } }))).toBe('error');
  });

  it('says each conflict at its cell, with both values as labels', () => {
    const rows = [row(5, [cell('change', { value: 'middle' })]), row(6, [cell('conflict', { cell: 'K6', value: 'lagging', current: 'advanced' }), cell('conflict', { field: 'secretary', cell: 'I6', value: null, current: '张三' })])];
    expect(conflictProblems('党支部分类台账', rows, ledgerSheet.columns, dicts)).toEqual([
      { severity: 'warning', sheet: '党支部分类台账', cell: 'K6', message: '等次：导出后本地改为“先进”，报送单位改为“后进”，请选择保留哪一个。' },
      { severity: 'warning', sheet: '党支部分类台账', cell: 'I6', message: '姓名：导出后本地改为“张三”，报送单位改为“（空）”，请选择保留哪一个。' },
    ]);
  });

  it('holds back the first listing of a branch listed twice with other values, once', () => {
    const rows = [row(5, [], { status: 'changed' }), row(6, [], { status: 'error' }), row(7, [], { status: 'error', match: null })];
    holdBackTwins(rows, [{ first: 5, second: 7 }, { first: 6, second: 7 }]);
    expect(rows.map((r) => [r.status, r.messages])).toEqual([['error', ['与第 7 行重复且内容不同，未导入']], ['error', []], ['error', []]]);
  });

  it('lists as missing the rows sent (or looked in) that no row of the file matched', () => {
    const rows = [row(1, []), row(7, [], { match: null })];
    const held = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(missingRows(rows, [held[0], undefined, held[2]], held)).toEqual([{ id: 3 }]);
    expect(missingRows(rows, null, held)).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('names five cells at most', () => {
    expect(someCells(['A1', 'A2'])).toBe('A1、A2');
    expect(someCells(['A1', 'A2', 'A3', 'A4', 'A5', 'A6'])).toBe('A1、A2、A3、A4、A5 等');
  });
});
