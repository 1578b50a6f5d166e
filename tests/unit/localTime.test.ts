/** Recorded moments (UTC) shown as the PC's clock shows them, on a PC in China. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, localMinute } from '../../renderer/src/labels.ts';

describe('recorded moments on the PC’s clock', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Shanghai';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('shows a moment eight hours ahead of UTC, on the next day when it is past 16:00 UTC', () => {
    expect(localMinute('2026-12-07T17:28:41.123Z')).toBe('2026-12-08 01:28');
    expect(localMinute('2026-03-15T02:00:00.000Z')).toBe('2026-03-15 10:00');
    expect(localDay('2026-03-14T20:00:00Z')).toBe('2026-03-15');
  });

  it('leaves text that is not a moment as it is', () => {
    expect(localMinute('未知')).toBe('未知');
    expect(localDay('2026-03-15')).toBe('2026-03-15');
  });
});
