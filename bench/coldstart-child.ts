/** Run as its own process by bench/run.ts, bundled as the app is: time from process start until the core answers. */
import { createCore } from '../electron/core/createCore.ts';

async function main(): Promise<void> {
  const core = await createCore({ dbPath: process.argv[2]! });
  await core.call('app.info', {});
  const ready = performance.now();
  await core.close();
  process.stdout.write(String(ready));
}
void main();
