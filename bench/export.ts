/**
 * Figures of the official export (issues 6 and 18), on a copy of a seeded 100k database (path in argv):
 *   export.vsFloor.10k   the branch ledger of 10,000 rows (the first of the year, as a grid view sends them),
 *   export.vsFloor.100k  the branch ledger of the whole year,
 * each through the core (export.run: rows from the year in memory, values, row hashes, the manifest,
 * the workbook, the batch) next to its floor (bench/export-floor.ts: the same file's XML written from
 * its values and zipped by a plain program, in a process of its own), run in turn, in wall time and in
 * each process's CPU time (the deflate's threads included: on a loaded machine the steadier); and the peak memory of
 * a process exporting all 100,000 rows.
 *   node --import tsx bench/export.ts DB
 * The peak is measured in a process of its own running bench/export-peak.ts bundled by
 * scripts/build-electron.ts, as the packaged app runs the core (no TypeScript loader in memory).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/createCore.ts';
import { runBundled } from './bundled.ts';
import { differentParts } from './export-floor.ts';
import { floorProcess, median, ms, print } from './figures.ts';

const now = new Date('2026-03-15T02:00:00Z');
const cpuMs = (from: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
};
const [source] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-export-bench-'));
// Every export records a batch: the runs write to a copy, removed with `dir`, never to the seeded file.
const db = path.join(dir, 'bench.db');
fs.copyFileSync(source!, db);
// Rows not yet checkpointed into the file are in its WAL (SQLite rebuilds the -shm).
if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${db}-wal`);
const core = await createCore({ dbPath: db, now: () => now });

const year = (await core.call('ledger.list', { year: 2026 })).rows;
// The floor: a process of its own (see the end of export-floor.ts), run in turn with ours.
const floorRun = floorProcess(path.join(import.meta.dirname, 'export-floor.ts'));
const ask = floorRun.ask;
const sizes = [
  { label: '10k', scope: { year: 2026, rowIds: year.slice(0, 10_000).map((r) => r.id) }, runs: 11 },
  { label: '100k', scope: { year: 2026 }, runs: 5 },
];
for (const { label, scope, runs } of sizes) {
  const ours = async (i: number) => {
    const file = core.grants.write(path.join(dir, `ours-${label}-${i}.xlsx`));
    const [t, c] = [process.hrtime.bigint(), process.cpuUsage()];
    const r = await core.call('export.run', { templateId: 'branch-ledger', scope, path: file });
    return { ms: ms(t), cpu: cpuMs(c), file: r.file };
  };
  const first = await ours(-1);
  await ask({ input: first.file });
  const floor = async (i: number) => {
    const file = path.join(dir, `floor-${label}-${i}.xlsx`);
    const r = await ask<{ ms: number; cpu: number }>({ write: file });
    return { ...r, file };
  };
  // Kept honest: the floor's file is ours, part for part.
  const check = await floor(-1);
  const differ = differentParts(first.file, check.file);
  if (differ.length) throw new Error(`export floor ${label}: parts differ from ours: ${differ.join(', ')}`);
  const a: number[] = [];
  const b: number[] = [];
  const ca: number[] = [];
  const cb: number[] = [];
  // Interleaved in time, each in its own process: ours beside the core's year, as in the app.
  for (let i = 0; i < runs; i++) {
    const pair = i % 2 ? [floor, ours] : [ours, floor];
    for (const run of pair) {
      const r = await run(i);
      (run === ours ? a : b).push(r.ms);
      (run === ours ? ca : cb).push(r.cpu);
      fs.rmSync(r.file);
    }
  }
  const [o, p] = [median(a), median(b)];
  const ratios = a.map((x, i) => x / b[i]!);
  const cpuRatios = ca.map((x, i) => x / cb[i]!);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  print({
    name: `export.vsFloor.${label}`,
    value: o,
    unit: 'ms',
    baseline: p,
    ratio: o / p,
    target: 1.3,
    min: Math.min(...a),
    max: Math.max(...a),
    baselineMin: Math.min(...b),
    baselineMax: Math.max(...b),
    ratioMin: round(Math.min(...ratios)),
    ratioMedian: round(median(ratios)),
    ratioMax: round(Math.max(...ratios)),
    cpu: Math.round(median(ca)),
    baselineCpu: Math.round(median(cb)),
    cpuRatioMin: round(Math.min(...cpuRatios)),
    cpuRatioMedian: round(median(cpuRatios)),
    cpuRatioMax: round(Math.max(...cpuRatios)),
    rows: label === '10k' ? 10_000 : year.length,
    runs,
    note: 'export.run of the branch ledger vs bench/export-floor.ts: the same parts, its sheets written from their values and zipped with archiver (ExcelJS’s zip) in one plain program of its own process, run in turn with ours; ratio = median/median, ratioMin/Median/Max over the interleaved pairs; cpu: median CPU ms of the process (all threads), cpuRatio* over the same pairs',
  });
}
await core.close();
floorRun.close();
const peak = await runBundled<{ rows: number; ms: number; peakMB: number; bytes: number }>('export-peak.ts', [db, dir]);
print({ name: 'export.branchLedger.100k.peakMemory', value: peak.peakMB, unit: 'MB', target: 400, rows: peak.rows, ms: Math.round(peak.ms), fileMB: Math.round(peak.bytes / 1e5) / 10, note: 'peak resident size of a process that opens the core and exports the whole year' });
fs.rmSync(dir, { recursive: true, force: true });
