/**
 * Many kills (issue 17): `npm run crash:200` kills the core 200 times, spread over the
 * import commit, the migration, the backup and the restore, and judges each (see
 * tests/crash/killer.ts). Prints per operation the kills, passes and failures, with the seed
 * and delay that replay each failure; exits 1 when any failed.
 *
 *   --kills N        kills in all, shared among the operations (default 200)
 *   --operation OP   only import | migration | backup | restore (may be repeated)
 *   --seed N         the seed of the delays (default: random, printed)
 *   --delay MS       every kill exactly MS after START (to replay one failure)
 *   --concurrency N  children at once (default 1: the judging of one run is synchronous and
 *                    would delay another's kill)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeFailures, killRepeatedly, measure, operations, prepare, type KillSummary, type Operation } from '../tests/crash/killer.ts';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '200' },
    operation: { type: 'string', multiple: true },
    seed: { type: 'string' },
    delay: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
  },
});

function count(name: string, text: string | undefined, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} 应是不小于 ${min} 的整数，收到“${text}”。`);
    process.exit(2);
  }
  return n;
}

const chosen = (values.operation ?? [...operations]) as Operation[];
for (const op of chosen) {
  if (!operations.includes(op)) {
    console.error(`--operation 只能是 ${operations.join('、')}，收到“${op}”。`);
    process.exit(2);
  }
}
const kills = count('kills', values.kills, 1);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : count('seed', values.seed, 0);
const delayMs = values.delay === undefined ? undefined : count('delay', values.delay, 0);
const concurrency = count('concurrency', values.concurrency, 1);

const started = performance.now();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-crash-'));
console.log(`准备数据库（${dir}）……种子 ${seed}`);
const fixtures = await prepare(dir, { withBackups: chosen.includes('restore') });
const summaries: KillSummary[] = [];
for (const [i, op] of chosen.entries()) {
  const t = fixtures.templates[op];
  await measure(fixtures, t, dir);
  // The kills shared evenly, the first operations taking what does not divide.
  const share = Math.floor(kills / chosen.length) + (i < kills % chosen.length ? 1 : 0);
  console.log(`${op}：不中断时用时 ${t.ms} ms，杀死 ${share} 次……`);
  summaries.push(await killRepeatedly(fixtures, t, { kills: share, seed: seed + i, concurrency, scratch: dir, ...(delayMs !== undefined ? { delayMs } : {}) }));
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log('\n操作\t杀死\t通过\t失败\t未写入\t全部写入\t先完成\t种子\t不中断用时（中位）');
for (const s of summaries) {
  console.log(`${s.operation}\t${s.kills}\t${s.passes}\t${s.failures.length}\t${s.held.none}\t${s.held.all}\t${s.finished}\t${s.seed}\t${s.spanMs} ms`);
}
const failed = summaries.filter((s) => s.failures.length);
console.log(`\n共杀死 ${summaries.reduce((n, s) => n + s.kills, 0)} 次，用时 ${seconds} 秒。`);
if (failed.length) {
  console.log(`失败：\n${failed.map(describeFailures).join('\n')}`);
  process.exit(1);
}
fs.rmSync(dir, { recursive: true, force: true });
