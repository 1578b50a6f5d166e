/** A backup as the 备份与恢复 list and the confirmations describe it. */
import { describe, expect, it } from 'vitest';
import { backupHolds, backupSize } from '../../renderer/src/pages/backup/format.ts';

describe('a backup as described to a person', () => {
  it('sizes in whole KB below a megabyte (never 0 KB), MB with one decimal above', () => {
    expect([1, 500, 2048, 1024 * 1024 - 1, 1024 * 1024, 3.46 * 1024 * 1024].map(backupSize)).toEqual(['1 KB', '1 KB', '2 KB', '1024 KB', '1.0 MB', '3.5 MB']);
  });
  it('says what it holds, and says so when it holds no ledger yet', () => {
    expect(backupHolds({ units: 12, branches: 80, latestYear: 2026 })).toBe('12 个单位、80 个党支部，台账至 2026 年');
    expect(backupHolds({ units: 1, branches: 0, latestYear: null })).toBe('1 个单位、0 个党支部，尚无台账');
  });
});
