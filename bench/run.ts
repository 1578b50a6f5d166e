/**
 * `npm run bench`: prints one JSON object per figure, {name, value, unit} plus
 * baseline and ratio where a baseline exists, all measured in this one run.
 * Figures (issue 2): core cold start on an existing league database; seeding
 * 100,000 branches through the core next to a raw better-sqlite3 insert of the same rows;
 * then the ledger, export and import scripts, and (issue 14) a hand-made ledger into a fresh tree.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createCore } from '../electron/core/createCore.ts';
import { migrations } from '../electron/core/db/migrations/index.ts';
import { seedTables } from '../electron/core/repos/seedRows.ts';
import { buildSeed, writeSeed } from '../electron/core/services/seed/index.ts';
import { bundled } from './bundled.ts';
import { median, ms, print } from './figures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-bench-'));
const now = new Date('2026-03-15T02:00:00Z');
const iso = now.toISOString();

// --- Core cold start: open an existing league database and check its migrations.
{
  const file = path.join(dir, 'league.db');
  const core = await createCore({ dbPath: file, now: () => now });
  await writeSeed(core.conn, buildSeed({ size: 'league', seed: 1, year: 2026, now: iso }), { actor: 'bench', now: iso, seed: 1 });
  await core.close();
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = process.hrtime.bigint();
    const c = await createCore({ dbPath: file, now: () => now });
    await c.call('app.info', {});
    times.push(ms(t));
    await c.close();
  }
  print({ name: 'core.coldStart.league', value: median(times), unit: 'ms', target: 200, runs: times.length, max: Math.max(...times) });
  // The "strongest branch" board of the league (issue 15), in a process of its own.
  execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'strongest.ts'), file], { stdio: 'inherit' });

  // The same in a new process, module loading included, from one bundle as the packaged app loads it.
  const child = await bundled('coldstart-child.ts');
  const processTimes: number[] = [];
  for (let i = 0; i < 7; i++) processTimes.push(Number(child.run([file])));
  child.dispose();
  print({ name: 'core.coldStart.league.newProcess', value: median(processTimes), unit: 'ms', target: 200, runs: processTimes.length, note: 'process start to first answer, bundled core' });
}

// --- Seeding 100,000 branches: through the core vs a raw prepared insert of the same rows.
{
  let t = process.hrtime.bigint();
  const data = buildSeed({ size: '100k', seed: 1, year: 2026, now: iso });
  print({ name: 'seed.generate.100k', value: ms(t), unit: 'ms', rows: seedTables.reduce((n, [, key]) => n + data[key].length, 0) });

  const viaCore = async (n: number) => {
    const file = path.join(dir, `core-${n}.db`);
    const core = await createCore({ dbPath: file, now: () => now });
    t = process.hrtime.bigint();
    await writeSeed(core.conn, data, { actor: 'bench', now: iso, seed: 1 });
    const elapsed = ms(t);
    await core.close();
    return elapsed;
  };
  const raw = (n: number) => {
    const file = path.join(dir, `raw-${n}.db`);
    const db = new SQLite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    for (const m of migrations) db.exec(m.sql);
    const stmt = (table: string, cols: readonly string[]) =>
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    t = process.hrtime.bigint();
    db.transaction(() => {
      for (const [table, key, columns] of seedTables) {
        const s = stmt(table, columns);
        for (const row of data[key] as Record<string, unknown>[]) s.run(row);
      }
    })();
    const elapsed = ms(t);
    db.close();
    return elapsed;
  };
  const core: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < 3; i++) {
    base.push(raw(i));
    core.push(await viaCore(i));
  }
  const c = median(core);
  const b = median(base);
  print({ name: 'seed.100k.throughCore', value: c, unit: 'ms', baseline: b, ratio: c / b, target: 1.5, runs: core.length });
}

// --- The classified ledger at 100,000 rows (issue 3), in a process of its own as the app
// would be (this one still holds the generated rows), on the database the core seeded above.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'ledger.ts'), path.join(dir, 'core-0.db')], { stdio: 'inherit' });

// --- Issue 18: the org tree's children with counts at every level, beside the same call without counts.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'orgChildren.ts'), path.join(dir, 'core-0.db')], { stdio: 'inherit' });

// --- Official export (issue 6), on the same database.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'export.ts'), path.join(dir, 'core-0.db')], { stdio: 'inherit' });

// --- Issue 17: the relaying process's event loop while the core, in its own process, exports those 100,000 rows.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'relay.ts'), path.join(dir, 'core-0.db')], { stdio: 'inherit' });

// --- Import of a returned file (issue 7), on the same database.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'import.ts'), path.join(dir, 'core-0.db')], { stdio: 'inherit' });

// --- A hand-made ledger into a fresh tree (issue 14), beside the returned-export path per row.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'handmade.ts')], { stdio: 'inherit' });
// …and as a person sees it, in Chromium: the file chosen → the preview shown.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'handmadeWindow.ts')], { stdio: 'inherit' });

// --- The standards checklist (issue 15): every branch's share met in a league, the rows a ranking reads.
{
  const core = await createCore({ dbPath: path.join(dir, 'league.db'), now: () => now });
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    await core.call('checklist.shares', { year: 2026 });
    times.push(ms(t));
  }
  await core.close();
  print({ name: 'checklist.shares.league', value: median(times), unit: 'ms', runs: times.length, note: '8,000 branches, ~130,000 items' });
}
// --- The city's draw over a league, stratified by county and field (issue 15).
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'draw.ts')], { stdio: 'inherit' });
// --- Ranking a league's branches and the reminder-talk list (issue 15).
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'ranking.ts')], { stdio: 'inherit' });
// Issue 16: consolidating a banner of 130 townships (汇总上报), beside the SQL aggregate and a plain ExcelJS sheet of the same figures.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'consolidate.ts')], { stdio: 'inherit' });
// --- 130 township returns opened, read in and accepted, next to reading them alone (issue 16).
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'returns.ts')], { stdio: 'inherit' });
// --- 统计分析 of a league: the tables, and the page's first chart in Chromium (issue 16).
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'statsPage.ts')], { stdio: 'inherit' });

// --- Backups of the 100,000-branch database and the check at open (issue 17).
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'backup.ts'), path.join(dir, 'core-0.db')], { stdio: 'inherit' });

// --- Issue 18: cold start of the bundled core beside a bare Node process, on the league file.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'coldstart.ts'), path.join(dir, 'league.db')], { stdio: 'inherit' });
// --- Issue 18: year copy and the ledger's reread beside raw SQLite, on the 100,000-branch database.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'year.ts'), path.join(dir, 'core-0.db')], { stdio: 'inherit' });
// --- Issue 18: the 分类台账 page at 100,000 branches in Chromium, beside a static AG Grid page with the same rows.
execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'browserLedger.ts'), path.join(dir, 'core-0.db')], { stdio: 'inherit' });

fs.rmSync(dir, { recursive: true, force: true });
