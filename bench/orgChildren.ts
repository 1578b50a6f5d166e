/**
 * `orgChildren.township.100k` (issue 18): opening a unit's children with their counts, at every
 * level of a 100,000-branch region, beside the same call without counts (the floor: reading the
 * children alone). The largest township is the figure; the other levels print their worst.
 * Run alone: node --import tsx bench/orgChildren.ts DB (copied first: the core may migrate it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/createCore.ts';
import { median, ms, print } from './figures.ts';

const source = process.argv[2];
if (!source) throw new Error('usage: bench/orgChildren.ts DB');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-orgchildren-'));
const file = path.join(dir, 'core.db');
fs.copyFileSync(source, file);
const core = await createCore({ dbPath: file, now: () => new Date('2026-03-15T02:00:00Z') });
const sqlite = core.conn.sqlite;
const pick = (level: string) =>
  sqlite
    .prepare(`SELECT p.id FROM org p JOIN org c ON c.parent_id = p.id WHERE p.level = ? GROUP BY p.id ORDER BY count(*) DESC LIMIT 1`)
    .get(level) as { id: number };
// The largest parent of each level: the roots' parent (null), a city, a county, a township.
const parents: [string, number | null][] = [['roots', null], ['city', pick('city').id], ['county', pick('county').id], ['township', pick('township').id]];
const township = parents[3]![1]!;
const branches = (sqlite.prepare("SELECT count(*) AS n FROM org o, org t WHERE t.id = ? AND o.path > t.path AND o.path < t.path || '~' AND +o.level = 'branch'").get(township) as { n: number }).n;

// A change anywhere (here a no-op update, counted like any write) makes the next answer a fresh read.
const touch = sqlite.prepare('UPDATE org SET name = name WHERE id = ?');
const rootId = (sqlite.prepare('SELECT id FROM org WHERE parent_id IS NULL LIMIT 1').get() as { id: number }).id;
for (const [level, parentId] of parents) {
  const cold: number[] = [];
  const warm: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < 7; i++) {
    let t = process.hrtime.bigint();
    await core.call('org.children', { parentId, year: 2026, counts: false });
    floor.push(ms(t));
    touch.run(rootId);
    t = process.hrtime.bigint();
    await core.call('org.children', { parentId, year: 2026 });
    cold.push(ms(t));
    t = process.hrtime.bigint();
    await core.call('org.children', { parentId, year: 2026 });
    warm.push(ms(t));
  }
  const baseline = median(floor);
  const stats = (xs: number[]) => ({ value: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
  const name = level === 'township' ? 'orgChildren.township.100k' : `orgChildren.${level}.100k`;
  const c = stats(cold);
  print({
    name, ...c, unit: 'ms', baseline, ratio: c.value / baseline, target: 50, runs: cold.length,
    note: `${level === 'township' ? `the largest township, ${branches} branches; ` : ''}after a change (read afresh); baseline: the same call without counts`,
  });
  const w = stats(warm);
  print({ name: `${name}.again`, ...w, unit: 'ms', baseline, ratio: w.value / baseline, target: 50, runs: warm.length, note: 'asked again with nothing changed (kept answer)' });
}
await core.close();
fs.rmSync(dir, { recursive: true, force: true });
