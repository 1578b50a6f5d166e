/** A number typed into a form: full-width digits are the same number; nothing is rounded or clamped. */
import { describe, expect, it } from 'vitest';
import { numberOf, numberRule } from '../../renderer/src/numberRule.ts';

const rule = numberRule('每日备份保留份数', { min: 1, max: 365, decimals: 0, required: true, example: '30' });
const verdict = (typed: string) => rule.validator(null, typed).then(() => 'ok', (e: Error) => e.message);

describe('numberRule', () => {
  it('reads full-width digits as the number they are, and keeps refusing what is not one', async () => {
    expect(await verdict('７')).toBe('ok');
    expect(numberOf('７')).toBe(7);
    expect(numberOf(' ３６５ ')).toBe(365);
    expect(await verdict('０')).toContain('有误');
    expect(await verdict('１．５')).toContain('有误');
    expect(await verdict('七')).toContain('有误');
    expect(await verdict('')).toBe('请填写每日备份保留份数');
  });
});
