/** Run as its own process by bench/run.ts, bundled as the app is: time from process start until the core answers. */
import { createCore } from '../electron/core/createCore.ts';

async function main(): Promise<void> {
  // As the window's core opens its file (host 'electron'): the integrity check beside the first
  // answers. No daily backup: it comes a second later, and would write beside the measured file.
  const core = await createCore({ dbPath: process.argv[2]!, host: 'electron', dailyBackup: false });
  await core.call('app.info', {});
  const ready = performance.now();
  await core.close();
  process.stdout.write(String(ready));
}
void main();
