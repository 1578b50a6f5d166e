/** Child of bench/import.ts, run bundled as the packaged app runs the core: dry-runs the import of one file; prints time and peak memory. */
import { createCore } from '../electron/core/createCore.ts';

async function main(): Promise<void> {
  const [db, file] = process.argv.slice(2);
  // The reader's worker is found beside the bundle, as in the app.
  const core = await createCore({ dbPath: db!, now: () => new Date('2026-03-15T02:00:00Z') });
  core.grants.read(file!);
  const t = performance.now();
  await core.call('import.open', { path: file! });
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, peakMB: process.resourceUsage().maxRSS / 1024 }));
  await core.close();
}
void main();
