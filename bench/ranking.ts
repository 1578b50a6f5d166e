/**
 * Issue 15: ranking the 8,000 branches of a league (党支部综合排名) and the reminder-talk
 * list (two rankings, this year and last), from the core, beside the floor: the same
 * year's branches, scores, problem counts and checklist marks read by raw SELECTs on the same file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/createCore.ts';
import { buildSeed, writeSeed } from '../electron/core/services/seed/index.ts';
import { median, ms, print } from './figures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-bench-ranking-'));
const now = new Date('2026-03-15T02:00:00Z');
const core = await createCore({ dbPath: path.join(dir, 'league.db'), now: () => now });
await writeSeed(core.conn, buildSeed({ size: 'league', seed: 1, year: 2026, now: now.toISOString() }), { actor: 'bench', now: now.toISOString(), seed: 1 });
await core.call('ledger.copyYear', { from: 2026, to: 2025 });
const { sqlite } = core.conn;

function times(n: number, f: () => unknown): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    f();
    out.push(ms(t));
  }
  return out;
}
const floor = () => {
  sqlite.prepare("SELECT o.id, o.name, o.parent_id, o.name_sort, l.secretary FROM branch_ledger l JOIN org o ON o.id = l.org_id WHERE l.year = 2026 AND l.deleted_at IS NULL AND o.level = 'branch'").all();
  sqlite.prepare("SELECT org_id, score FROM evaluation WHERE year = 2026 AND stage = 'township' AND deleted_at IS NULL").all();
  sqlite.prepare("SELECT org_id, count(*), sum(status = 'cleared') FROM problem WHERE year = 2026 AND deleted_at IS NULL GROUP BY org_id").all();
  sqlite.prepare('SELECT i.org_id, s.field, sum(i.met = 1), sum(i.met = 0) FROM checklist_item i JOIN standard s ON s.id = i.standard_id WHERE i.year = 2026 AND i.deleted_at IS NULL AND s.active = 1 GROUP BY i.org_id, s.field').all();
};
const ranked: number[] = [];
const reminders: number[] = [];
let branches = 0;
for (let i = 0; i < 7; i++) {
  let t = process.hrtime.bigint();
  branches = (await core.call('ranking.list', { year: 2026 })).total;
  ranked.push(ms(t));
  t = process.hrtime.bigint();
  await core.call('ranking.reminders', { year: 2026 });
  reminders.push(ms(t));
}
const base = times(7, floor);
const stats = (xs: number[]) => ({ min: Math.min(...xs), max: Math.max(...xs), runs: xs.length });
print({ name: 'ranking.league', value: median(ranked), unit: 'ms', target: 200, baseline: median(base), ratio: median(ranked) / median(base), branches, ...stats(ranked) });
print({ name: 'ranking.reminders.league', value: median(reminders), unit: 'ms', note: 'two years ranked', ...stats(reminders) });
await core.close();
fs.rmSync(dir, { recursive: true, force: true });
