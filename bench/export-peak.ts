/** Child of bench/export.ts, run bundled as the packaged app runs the core: exports the whole year of a 100k database; prints time and peak memory. */
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../electron/core/createCore.ts';

async function main(): Promise<void> {
  const [db, dir] = process.argv.slice(2);
  const core = await createCore({ dbPath: db!, now: () => new Date('2026-03-15T02:00:00Z') });
  const file = core.grants.write(path.join(dir!, 'all.xlsx'));
  const t = performance.now();
  const r = await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: file });
  const ms = performance.now() - t;
  // The kernel's count of this process's largest resident size: core, the year in memory, rows and writer together.
  console.log(JSON.stringify({ rows: r.rows, ms, peakMB: process.resourceUsage().maxRSS / 1024, bytes: fs.statSync(r.file).size }));
  await core.close();
}
void main();
