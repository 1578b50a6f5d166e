/** Run as its own process by bench/run.ts: time from process start until the core answers. */
import { createCore } from '../electron/core/createCore.ts';

const core = await createCore({ dbPath: process.argv[2]! });
await core.call('app.info', {});
const ready = performance.now();
await core.close();
process.stdout.write(String(ready));
