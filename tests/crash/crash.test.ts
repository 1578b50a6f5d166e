/**
 * Crash safety (issue 17): the core is killed with SIGKILL at random moments of an import
 * commit, a migration, a backup and a restore, in a process of its own, on a real database.
 * Every time the database opens, passes integrity_check and holds all or none of the
 * operation, and every file named as a backup is a good copy of the database as it was
 * (tests/crash/killer.ts says how each is judged). The delays come from a seed printed with
 * any failure (CRASH_SEED=N replays it); `npm run crash:200` does the same 200 times.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.ts';
import { describeFailures, killRepeatedly, measure, operations, prepare, type Fixtures, type KillSummary, type Operation } from './killer.ts';

/** Kills per operation: 4 × 6 = 24 in all. */
const killsEach = 6;
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);

const what: Record<Operation, string> = {
  import: '导入提交（一个返回的台账，每个支部两处改动）',
  migration: '数据升级（第 5 版到当前版本，升级前备份在内）',
  backup: '立即备份',
  restore: '从备份恢复',
};

describe('a kill (SIGKILL) at any moment of an operation leaves a sound database holding all or none of it', () => {
  let dir: string;
  let fixtures: Fixtures;
  const summaries: KillSummary[] = [];

  beforeAll(async () => {
    dir = tempDir('zugong-crash-');
    fixtures = await prepare(dir, { withBackups: true });
    // Once unkilled each: its duration spreads the delays, what it leaves is the "all" to compare with.
    for (const op of operations) await measure(fixtures, fixtures.templates[op], dir);
  }, 180_000);

  afterAll(() => {
    // Kept when something failed: the failing runs' folders are named in the message.
    if (summaries.every((s) => s.failures.length === 0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('each unkilled operation changes what it should, so "all" and "none" differ', () => {
    for (const op of ['import', 'migration', 'restore'] as const) {
      const t = fixtures.templates[op];
      expect(t.after!.comparable, op).not.toBe(t.before.comparable);
    }
    // A restore puts back exactly what the backup holds.
    const restore = fixtures.templates.restore;
    expect(restore.after!.exact).toBe(restore.backups.get(restore.arg));
    // A backup leaves the database as it was (its copy is judged in every run).
    expect(fixtures.templates.backup.after!.exact).toBe(fixtures.templates.backup.before.exact);
    expect(fixtures.templates.migration.made.some((n) => n.endsWith('.db'))).toBe(true);
    expect(fixtures.templates.backup.made.some((n) => n.endsWith('.db'))).toBe(true);
  });

  for (const [i, op] of operations.entries()) {
    it(`${what[op]}：杀死 ${killsEach} 次`, async () => {
      const s = await killRepeatedly(fixtures, fixtures.templates[op], { kills: killsEach, seed: seed + i, concurrency: 1, scratch: dir });
      summaries.push(s);
      expect(describeFailures(s), `种子 ${s.seed}`).toBe('');
      expect(s.kills, `种子 ${s.seed}：${s.attempts} 次中只杀死 ${s.kills} 次（其余在杀死前已完成）`).toBeGreaterThanOrEqual(killsEach);
    }, 180_000);
  }

  it('killed at least 20 times in all', () => {
    expect(summaries.reduce((n, s) => n + s.kills, 0)).toBeGreaterThanOrEqual(20);
  });
});

