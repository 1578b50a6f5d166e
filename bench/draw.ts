/**
 * The city's draw (issue 15): a league of 8,000 branches, all accepted by their county, drawn
 * stratified by county and field, through the core as the window asks it (candidates read, hashed,
 * drawn), as a preview (the stored draw is the same work plus one row). Target ≤ 100 ms.
 * The demo league has county acceptances for about a quarter of its branches; the rest are given
 * one here, so the draw works over the whole league as the figure asks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createCore } from '../electron/core/createCore.ts';
import { buildSeed, writeSeed } from '../electron/core/services/seed/index.ts';
import { median, ms, print } from './figures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-bench-draw-'));
const now = new Date('2026-03-15T02:00:00Z');
const iso = now.toISOString();
const core = await createCore({ dbPath: path.join(dir, 'league.db'), now: () => now, actor: 'bench' });
try {
  await writeSeed(core.conn, buildSeed({ size: 'league', seed: 1, year: 2026, now: iso }), { actor: 'bench', now: iso, seed: 1 });
  const { sqlite } = core.conn;
  const missing = sqlite.prepare(`SELECT id FROM org WHERE level = 'branch' AND id NOT IN (SELECT org_id FROM evaluation WHERE year = 2026 AND stage = 'county' AND deleted_at IS NULL)`).all() as { id: number }[];
  const add = sqlite.prepare(`INSERT INTO evaluation (uid, year, org_id, stage, evaluated_on, evaluator, score, result, created_at, updated_at) VALUES (?, 2026, ?, 'county', '2026-10-10', '旗县验收专班', 90, 'pass', ?, ?)`);
  sqlite.transaction(() => {
    for (const m of missing) add.run(randomUUID(), m.id, iso, iso);
  })();

  const times: number[] = [];
  let picked = 0;
  let population = 0;
  let strata = 0;
  for (let i = 0; i < 15; i++) {
    const t = process.hrtime.bigint();
    const r = await core.call('draw.run', { year: 2026, byField: true, seed: i, dryRun: true });
    times.push(ms(t));
    picked = r.picked.length;
    population = r.population;
    strata = r.strata.length;
  }
  print({ name: 'draw.league.byCountyAndField', value: median(times), unit: 'ms', target: 100, runs: times.length, min: Math.round(Math.min(...times) * 100) / 100, max: Math.round(Math.max(...times) * 100) / 100, candidates: population, strata, picked });
} finally {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
