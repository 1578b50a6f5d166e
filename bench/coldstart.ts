/**
 * Issue 18 `coldStart.vsBareNode`: from process start to the first answer (`app.info`) of the
 * core bundled as the packaged app bundles it (bench/coldstart-child.ts), beside a bare Node
 * process that loads better-sqlite3, opens the same file and answers one query
 * (bench/coldstart-floor.mjs). Run with the path of a database; the two are started in turn.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundled } from './bundled.ts';
import { median, print } from './figures.ts';

// A copy: the core migrates an older file as it opens it (the database given stays as it was).
const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-coldstart-'));
const file = path.join(copyDir, path.basename(process.argv[2]!));
fs.copyFileSync(process.argv[2]!, file);
const floorScript = path.join(import.meta.dirname, 'coldstart-floor.mjs');
const env = { ...process.env, NODE_PATH: path.resolve(import.meta.dirname, '../node_modules') };
// Started as core.cjs starts the app's core: V8's compile cache on, then the bundle.
const child = await bundled('coldstart-child.ts', { compileCache: true });
const ours: number[] = [];
const floor: number[] = [];
const floorChecked: number[] = [];
const bare = (...args: string[]) => Number(execFileSync(process.execPath, [floorScript, file, ...args], { encoding: 'utf8', env }));
try {
  // One of each first, not counted: the files' pages and the compile cache as on a second start of the app.
  child.run([file]);
  bare();
  for (let i = 0; i < 11; i++) {
    if (i % 2) floor.push(bare());
    ours.push(Number(child.run([file])));
    if (!(i % 2)) floor.push(bare());
    floorChecked.push(bare('--quick-check'));
  }
} finally {
  child.dispose();
  fs.rmSync(copyDir, { recursive: true, force: true });
}
const stats = (xs: number[]) => ({ min: Math.round(Math.min(...xs) * 10) / 10, median: Math.round(median(xs) * 10) / 10, max: Math.round(Math.max(...xs) * 10) / 10 });
const o = median(ours);
const b = median(floor);
print({
  name: 'coldStart.vsBareNode', value: o, unit: 'ms', baseline: b, ratio: o / b, target: 1.5, runs: ours.length, ours: stats(ours), floor: stats(floor),
  // The same floor with the file's quick_check, which the core runs before its first answer.
  floorWithQuickCheck: stats(floorChecked), ratioWithQuickCheck: Math.round((o / median(floorChecked)) * 1000) / 1000,
  db: path.basename(file), note: 'process start to app.info of the bundled core vs node loading better-sqlite3, opening the file and reading its schema version',
});
