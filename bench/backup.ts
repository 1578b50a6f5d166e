/**
 * Figures of backups and the check at open on a 100,000-branch database (issue 17); run by
 * bench/run.ts in a process of its own with the path of a seeded 100k database, which is
 * copied into a folder of its own first (its backups go beside it). Prints JSON lines.
 *
 * backup.100k: `backup.now` as a person presses it: the online backup into a .part, made a
 * plain file, quick_check on the copy, its sidecar, the rename, retention. Its floor: the
 * plain better-sqlite3 online backup of the same file (no check). quickCheck.open.100k: the
 * core opened on the file (quick_check included) to its first answer, beside SQLite's
 * quick_check alone on a plain connection.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createCore } from '../electron/core/createCore.ts';
import { median, ms, print } from './figures.ts';

const now = new Date('2026-03-15T02:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-bench-backup-'));
const file = path.join(dir, 'ledger.db');
{
  // A closed copy of the seeded file (its WAL folded in by the close).
  const src = new SQLite(process.argv[2]!);
  await src.backup(file);
  src.close();
}
const bytes = fs.statSync(file).size;

// --- The floor: better-sqlite3's online backup of the same file, nothing verified.
// And what verification adds: quick_check of such a copy (what a backup runs), and the full
// integrity_check (what a restore runs first), with 64 MB of cache as the core sets it.
const floor: number[] = [];
const verify: number[] = [];
const fullCheck: number[] = [];
{
  const db = new SQLite(file, { readonly: true });
  for (let i = 0; i < 5; i++) {
    const out = path.join(dir, `floor-${i}.db`);
    const t = process.hrtime.bigint();
    await db.backup(out, { progress: () => 0x7fffffff });
    floor.push(ms(t));
    const copy = new SQLite(out, { readonly: true });
    copy.pragma('cache_size = -65536');
    const v = process.hrtime.bigint();
    copy.pragma('quick_check');
    verify.push(ms(v));
    const f = process.hrtime.bigint();
    copy.pragma('integrity_check');
    fullCheck.push(ms(f));
    copy.close();
    fs.rmSync(out);
  }
  db.close();
}

// --- backup.now through the core.
{
  const core = await createCore({ dbPath: file, now: () => now });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    await core.call('backup.now', { note: `基准 ${i}` });
    times.push(ms(t));
  }
  // How long the list of these backups takes (read from their sidecars).
  const lt = process.hrtime.bigint();
  const listed = (await core.call('backup.list', {})).backups.length;
  const listMs = ms(lt);
  await core.close();
  const v = median(times);
  const b = median(floor);
  print({ name: 'backup.100k', value: v, unit: 'ms', baseline: b, ratio: v / b, target: 1000, runs: times.length, min: Math.min(...times), max: Math.max(...times), bytes, note: 'online backup + quick_check of the copy + rename; baseline: plain online backup' });
  print({ name: 'backup.100k.quickCheck', value: median(verify), unit: 'ms', runs: verify.length, min: Math.min(...verify), max: Math.max(...verify), note: 'the check a backup runs, alone, on a copy' });
  print({ name: 'restore.100k.integrityCheck', value: median(fullCheck), unit: 'ms', runs: fullCheck.length, min: Math.min(...fullCheck), max: Math.max(...fullCheck), note: 'the full check a restore runs first, alone, on a copy' });
  print({ name: 'backup.list.100k', value: listMs, unit: 'ms', backups: listed });
}

// --- Opening the core, quick_check included, beside SQLite's quick_check alone.
{
  const check: number[] = [];
  for (let i = 0; i < 5; i++) {
    const db = new SQLite(file, { readonly: true });
    const t = process.hrtime.bigint();
    db.pragma('quick_check');
    check.push(ms(t));
    db.close();
  }
  const open: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    const core = await createCore({ dbPath: file, now: () => now });
    await core.call('app.info', {});
    open.push(ms(t));
    await core.close();
  }
  const v = median(open);
  const b = median(check);
  print({ name: 'quickCheck.open.100k', value: v, unit: 'ms', baseline: b, ratio: v / b, target: 300, runs: open.length, min: Math.min(...open), max: Math.max(...open), note: 'core open to first answer; baseline: PRAGMA quick_check alone' });
}

// --- A restore of one of those backups (verify, keep the current database, replace it in one transaction).
{
  const core = await createCore({ dbPath: file, now: () => now });
  const [backup] = (await core.call('backup.list', {})).backups;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    await core.call('backup.restore', { name: backup!.name });
    times.push(ms(t));
  }
  await core.close();
  print({ name: 'restore.100k', value: median(times), unit: 'ms', runs: times.length, min: Math.min(...times), max: Math.max(...times), note: 'verify the backup, back up the current database, replace it' });
}

fs.rmSync(dir, { recursive: true, force: true });
