/**
 * The "strongest branch" board of a league (issue 15): pipeline.board over ~8,000 branches from
 * the core, target ≤ 300 ms; and the league's ledger read whole from SQLite, which now computes
 * 最强党支部 from the pipeline in its SELECT (compare with the same figure before). Run by
 * bench/run.ts in a process of its own with the path of a seeded league database. Prints JSON lines.
 */
import { createCore } from '../electron/core/createCore.ts';
import { median, ms, print } from './figures.ts';

const now = new Date('2026-03-15T02:00:00Z');
const core = await createCore({ dbPath: process.argv[2]!, now: () => now });
const timed = async (runs: number, f: () => Promise<unknown>): Promise<number[]> => {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await f();
    times.push(ms(t));
  }
  return times;
};

const board = await core.call('pipeline.board', { year: 2026 });
const boardTimes = await timed(15, () => core.call('pipeline.board', { year: 2026 }));
print({
  name: 'pipeline.board.league', value: median(boardTimes), unit: 'ms', target: 300, runs: boardTimes.length,
  min: Math.min(...boardTimes), max: Math.max(...boardTimes), branches: board.counts.branches, named: board.counts.named, namedShare: board.counts.namedShare,
});

// Reread each time (a unit renamed makes the core drop its cached year), as after a change elsewhere.
const [first] = (await core.call('ledger.list', { year: 2026, limit: 1 })).rows;
let flip = 0;
const ledgerTimes: number[] = [];
for (let i = 0; i < 9; i++) {
  await core.call('org.update', { id: first!.orgId, name: `${first!.name}${flip++ % 2 ? '' : '（基准）'}` });
  const t = process.hrtime.bigint();
  await core.call('ledger.list', { year: 2026 });
  ledgerTimes.push(ms(t));
}
print({ name: 'ledger.query.wholeYear.league.reread', value: median(ledgerTimes), unit: 'ms', runs: ledgerTimes.length, min: Math.min(...ledgerTimes), max: Math.max(...ledgerTimes), note: '最强党支部 derived in the SELECT' });
await core.close();
