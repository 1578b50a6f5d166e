/**
 * Figures of the import (issues 7 and 18), on a seeded 100k database (path in argv): the dry run
 * (read, normalise, check, compare three ways) of a returned branch ledger, 10,000 rows and the
 * whole year of 100,000, each with 5 % of its rows edited in the file (and 2 % edited here since,
 * so the comparison runs three ways), next to its floor measured in turn in the same run, in a
 * process of its own: our zip reader + a saxes scan of the same parts of the same file
 * (bench/importFloor.ts), nothing of ours in between; beside it the stricter floor, the same scan by
 * the reader's own scanner (scan.ts), which now reads the sheets. Then the peak memory of a process
 * that dry-runs the 100,000-row year.
 *   node --import tsx bench/import.ts DB      (DB is copied first: the run edits ledger rows)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/createCore.ts';
import { runBundled } from './bundled.ts';
import { floorProcess, median, ms, print } from './figures.ts';
import { editReturned } from './returnedFile.ts';

const [given] = process.argv.slice(2);
const now = new Date('2026-03-15T02:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-import-bench-'));
// A copy: the run edits rows, and the core migrates an older file (the database given stays as it was).
const db = path.join(dir, 'core.db');
fs.copyFileSync(given!, db);

const core = await createCore({ dbPath: db, now: () => now });
const all = (await core.call('ledger.list', { year: 2026 })).rows;
// Edited here since the export: 2 % of the rows (a new secretary typed in), after the file was written.
const files: { size: string; file: string; rows: number }[] = [];
for (const [size, n] of [['10k', 10_000], ['100k', all.length]] as const) {
  const file = path.join(dir, `报送表-${size}.xlsx`);
  // Written as a save dialog's choice, then read back as an open dialog's.
  core.grants.write(file);
  core.grants.read(file);
  const rows = all.slice(0, n);
  await core.call('export.run', { templateId: 'branch-ledger', scope: n === all.length ? { year: 2026 } : { year: 2026, rowIds: rows.map((r) => r.id) }, path: file });
  editReturned(file, n);
  files.push({ size, file, rows: n });
}
// Edited here since both exports: 2 % of the year's rows, the first 200 of them inside the 10k file.
await core.call('ledger.edit', { changes: all.filter((_, i) => i % 50 === 0).map((r, i) => ({ id: r.id, field: 'secretary', value: `本地${i}` })), source: 'typed' });

// The floor: a process of its own (see the end of importFloor.ts), run in turn with ours.
const floorRun = floorProcess(path.join(import.meta.dirname, 'importFloor.ts'));
const ask = floorRun.ask;
for (const { size, file } of files) {
  const ours = async () => {
    const t = process.hrtime.bigint();
    const p = await core.call('import.open', { path: file });
    const elapsed = ms(t);
    await core.call('import.discard', { sessionId: p.sessionId });
    return { elapsed, counts: p.counts };
  };
  const floor = () => ask<{ ms: number }>({ scan: file }).then((r) => r.ms);
  // The stricter floor: the same scan by the reader's own scanner (which now reads the sheets).
  const floorScanner = () => ask<{ ms: number }>({ scan: file, by: 'scanner' }).then((r) => r.ms);
  // One of each to warm up (the worker, the caches), then interleaved, each first in turn.
  await floor();
  await floorScanner();
  const first = await ours();
  const runs = size === '10k' ? 9 : 5;
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2) {
      b.push(await floor());
      c.push(await floorScanner());
      a.push((await ours()).elapsed);
    } else {
      a.push((await ours()).elapsed);
      b.push(await floor());
      c.push(await floorScanner());
    }
  }
  const ratios = a.map((x, i) => x / b[i]!);
  const [o, p] = [median(a), median(b)];
  print({
    name: `import.vsFloor.${size}`,
    value: o,
    unit: 'ms',
    baseline: p,
    ratio: median(ratios),
    target: 1.5,
    runs: a.length,
    min: Math.min(...ratios),
    median: median(ratios),
    max: Math.max(...ratios),
    counts: first.counts,
    baselineScanner: median(c),
    ratioVsScanner: median(a.map((x, i) => x / c[i]!)),
    note: 'dry run of a returned ledger, 5 % of rows edited in the file; baseline: our zip reader + a saxes scan of the same parts (bench/importFloor.ts), a process of its own run in turn with ours; min/median/max of the paired ratios; baselineScanner/ratioVsScanner: the same floor scanning with the reader’s own scanner (scan.ts)',
  });
}
await core.close();
floorRun.close();

// Peak memory: a process of its own each time, the core bundled as the packaged app runs it.
const big = files.find((f) => f.size === '100k')!.file;
const peaks: { ms: number; peakMB: number }[] = [];
for (let i = 0; i < 3; i++) peaks.push(await runBundled<{ ms: number; peakMB: number }>('import-peak.ts', [db, big]));
const mib = peaks.map((p) => p.peakMB);
print({
  name: 'import.100k.peakMemory',
  value: median(mib),
  unit: 'MiB',
  target: 450,
  runs: mib.length,
  min: Math.min(...mib),
  median: median(mib),
  max: Math.max(...mib),
  ms: Math.round(median(peaks.map((p) => p.ms))),
  note: 'peak resident size (maxRSS) of a process that opens the core and dry-runs the 100,000-row year (read in the reader\'s worker thread, in the same process)',
});
fs.rmSync(dir, { recursive: true, force: true });
