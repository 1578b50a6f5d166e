import { describe, expect, it } from 'vitest';
import { dueLabel, expectedVisits, projectDue } from '../../shared/domain/liaison.ts';
import { parseDecimal } from '../../shared/domain/normalize.ts';

describe('liaison rules as pure functions', () => {
  it('expects visits pro rata in the year under way and from the day a point began', () => {
    expect(expectedVisits(4, 2025, '2026-03-15')).toBe(4); // a past year: all of them
    expect(expectedVisits(4, 2026, '2026-03-15')).toBe(0); // 74 days of 365
    expect(expectedVisits(4, 2026, '2026-07-02')).toBe(2); // day 183
    expect(expectedVisits(52, 2026, '2026-03-15')).toBe(10);
    expect(expectedVisits(4, 2025, '2026-03-15', '2025-10-01')).toBe(1); // 92 days of a past year
    expect(expectedVisits(4, 2026, '2026-03-15', '2026-04-01')).toBe(0); // not begun yet
  });

  it('judges a project against its deadline', () => {
    const today = '2026-03-15';
    const p = (dueOn: string | null, progress = 'in_progress', crossedOff: boolean | null = null) => projectDue({ dueOn, progress, crossedOff }, today);
    expect(p('2026-03-01')).toEqual({ state: 'overdue', days: -14 });
    expect(dueLabel(p('2026-03-01'))).toBe('已超期 14 天');
    expect(p('2026-03-15')).toEqual({ state: 'soon', days: 0 });
    expect(dueLabel(p('2026-03-15'))).toBe('今天到期');
    expect(p('2026-04-04')).toEqual({ state: 'soon', days: 20 });
    expect(p('2026-04-05').state).toBe('ok');
    expect(projectDue({ dueOn: '2026-03-25', progress: 'in_progress', crossedOff: null }, today, 10).state).toBe('soon');
    expect(projectDue({ dueOn: '2026-03-26', progress: 'in_progress', crossedOff: null }, today, 10).state).toBe('ok');
    expect(p('2026-03-01', 'done').state).toBe('done');
    expect(p('2026-03-01', 'in_progress', true).state).toBe('done');
    expect(p(null).state).toBe('none');
  });

  it('reads funds in 万元 as offices write them', () => {
    expect(parseDecimal('12.5万元')).toEqual({ ok: true, value: 12.5 });
    expect(parseDecimal('１２．５')).toEqual({ ok: true, value: 12.5 });
    expect(parseDecimal('1,234.56')).toEqual({ ok: true, value: 1234.56 });
    // A third place is not rounded away: 1,234.567 万元 is refused with the reason, and kept red where it was typed.
    expect(parseDecimal('1,234.567')).toMatchObject({ ok: false, message: expect.stringContaining('超过 2 位小数') });
    expect(parseDecimal('无')).toEqual({ ok: true, value: null });
    expect(parseDecimal('十万')).toMatchObject({ ok: false });
    expect(parseDecimal(-3, { min: 0 })).toMatchObject({ ok: false });
  });
});
