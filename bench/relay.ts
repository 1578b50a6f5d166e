/**
 * Issue 17: the process that serves the window never blocks on the core's work. While the core
 * exports the whole year of a 100k database (the branch ledger, as bench/export-peak.ts does it),
 * the event-loop delay (perf_hooks.monitorEventLoopDelay, p99) of the relaying process:
 *   - with the core in a process of its own (the bundled core.cjs behind a CoreClient, forked with
 *     an IPC channel as the browser harness does; Electron's utilityProcess relays the same messages),
 *     the export's path asked of this process as a dialog and its progress events relayed here;
 *   - with the core in this very process, as before issue 17: the contrast, what the window suffered.
 *   node --import tsx bench/relay.ts DB
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../electron/core/createCore.ts';
import { folderShell } from '../electron/core/shell.ts';
import { CoreClient } from '../electron/core-host/client.ts';
import { nodeCore } from '../electron/core-host/nodeChild.ts';
import { bundleLikeMain } from '../scripts/build-electron.ts';
import { median, ms, print } from './figures.ts';

const [db] = process.argv.slice(2);
const now = new Date('2026-03-15T02:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-relay-bench-'));
const exports = path.join(dir, 'exports');

interface Run {
  p99: number;
  max: number;
  ms: number;
  rows: number;
  events: number;
  /** This process's own CPU time meanwhile: what is left of the delay is the machine's scheduling. */
  cpuMs: number;
}

/** This process's event-loop delay while `work` runs, sampled every 10 ms. */
async function delayDuring(work: () => Promise<{ rows: number; events: number }>): Promise<Run> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const { rows, events } = await work();
  const elapsed = ms(t);
  const used = process.cpuUsage(cpu);
  h.disable();
  return { p99: h.percentile(99) / 1e6, max: h.max / 1e6, ms: elapsed, rows, events, cpuMs: (used.user + used.system) / 1000 };
}

const bundle = await bundleLikeMain(path.join(import.meta.dirname, '../electron/core-host/child.ts'), path.join(dir, 'bundle'));
const client = new CoreClient(
  nodeCore(bundle, { env: { ...process.env, NODE_PATH: path.resolve(import.meta.dirname, '../node_modules') } }),
  { dbPath: db!, host: 'bench' },
  folderShell(exports),
);
await client.start();
let progress = 0;
client.on('progress', () => progress++);

const viaProcess = (i: number) =>
  delayDuring(async () => {
    progress = 0;
    const chosen = await client.invoke('shell.chooseSaveFile', { suggestedName: `relay-${i}.xlsx` });
    if (!chosen.ok) throw new Error(chosen.error.message);
    const r = await client.invoke('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: (chosen.value as { path: string }).path });
    if (!r.ok) throw new Error(r.error.message);
    return { rows: (r.value as { rows: number }).rows, events: progress };
  });

const inProcess = async (i: number) => {
  const core = await createCore({ dbPath: db!, now: () => now, host: 'bench', shell: folderShell(exports) });
  let events = 0;
  core.on('progress', () => events++);
  const run = await delayDuring(async () => {
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: `inproc-${i}.xlsx` });
    const r = await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: file! });
    return { rows: r.rows, events };
  });
  await core.close();
  return run;
};

const idle: Run[] = [];
const apart: Run[] = [];
const together: Run[] = [];
// The core's process first, then the core in this one: the in-process exports leave this heap
// hundreds of MB to collect, which must not land in the other figure. The idle floor between them
// is what the machine itself (two cores shared with other work) does to a timer.
for (let i = 0; i < 3; i++) apart.push(await viaProcess(i));
await client.close();
for (let i = 0; i < 3; i++) idle.push(await delayDuring(() => new Promise((resolve) => setTimeout(() => resolve({ rows: 0, events: 0 }), 3000))));
for (let i = 0; i < 3; i++) together.push(await inProcess(i));
const summary = (runs: Run[]) => {
  const p99 = runs.map((r) => r.p99);
  return { value: median(p99), min: Math.min(...p99), max: Math.max(...p99), worstStall: Math.max(...runs.map((r) => r.max)), exportMs: Math.round(median(runs.map((r) => r.ms))), relayCpuMs: Math.round(median(runs.map((r) => r.cpuMs))), rows: runs[0]!.rows, progressEvents: runs[0]!.events, runs: runs.length };
};
const a = summary(apart);
const b = summary(together);
print({ name: 'relay.eventLoopDelay.p99.export100k', unit: 'ms', target: 50, ...a, baseline: b.value, ratio: a.value / b.value, note: 'the relaying process (this one) while the core, in its own process, exports the whole year; baseline: the same with the core in this process' });
print({ name: 'relay.eventLoopDelay.p99.export100k.inProcess', unit: 'ms', ...b, note: 'contrast: the core in the relaying process, as before issue 17' });
const { value, min, max } = summary(idle);
print({ name: 'relay.eventLoopDelay.p99.idle', unit: 'ms', value, min, max, runs: idle.length, note: 'floor: the same process doing nothing for 3 s, in the same run' });
fs.rmSync(dir, { recursive: true, force: true });
