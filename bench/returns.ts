/**
 * Figures of the returns board (issue 16): a banner of 130 townships of ~60 branches each sends
 * the 党支部分类台账 down to all of them; each township changes a few cells (openpyxl) and
 * returns it; then every return is opened, read in (import.commit) and accepted (采纳), one after
 * another as a person would. Next to it, the floor: the same 130 files through the reader alone.
 * min/median/max over a few runs, each on a fresh copy of the database as it was after sending.
 * Then the summary is consolidated and written: the goal is ≤ 5 s for all of it.
 *   node --import tsx bench/returns.ts
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../electron/core/createCore.ts';
import { SpreadsheetReader } from '../electron/core/excel/reader/index.ts';
import { median, ms, print } from './figures.ts';

const TOWNSHIPS = 130;
const BRANCHES = 60;
const RUNS = 3;
const now = new Date('2026-03-15T02:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-returns-bench-'));
const seeded = path.join(dir, 'sent.db');

/** The banner: a city above it, 130 townships under it, 60 branches each with a few figures filled in. */
async function seedBanner(core: Core): Promise<number> {
  const city = await core.call('org.create', { parentId: null, level: 'city', name: '试验市委' });
  const banner = await core.call('org.create', { parentId: city.id, level: 'county', name: '试验旗委' });
  const changes: { id: number; field: string; value: number }[] = [];
  for (let t = 0; t < TOWNSHIPS; t++) {
    const town = await core.call('org.create', { parentId: banner.id, level: 'township', name: `试验${t + 1}镇党委` });
    const { rows } = await core.call('ledger.addBranches', { year: 2026, parentId: town.id, names: Array.from({ length: BRANCHES }, (_, b) => `第${b + 1}村党支部`) });
    for (const [b, r] of rows.entries()) changes.push({ id: r.id, field: 'membersFormal', value: 10 + ((t + b) % 40) }, { id: r.id, field: 'membersProbationary', value: (t + b) % 3 });
  }
  await core.call('ledger.edit', { changes, source: 'paste' });
  return banner.id;
}

const core = await createCore({ dbPath: seeded, now: () => now, actor: 'bench' });
const t0 = process.hrtime.bigint();
const banner = await seedBanner(core);
const seedMs = ms(t0);
const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
const t1 = process.hrtime.bigint();
const sent = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder: folder!, dueOn: '2026-03-31' });
const sendMs = ms(t1);
await core.close();
print({ name: 'returns.seed.130x60', value: seedMs, unit: 'ms', rows: TOWNSHIPS * BRANCHES });
print({ name: 'returns.sendDown.130', value: sendMs, unit: 'ms', files: sent.files.length });

// Each township changes a few cells of its file (a figure, a secretary's name), saved by openpyxl.
const returnsDir = path.join(dir, 'returns');
fs.mkdirSync(returnsDir);
const returned = sent.files.map((f, i) => ({ from: f.file, to: path.join(returnsDir, `${i + 1}.xlsx`) }));
execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json, sys
for i, f in enumerate(json.loads(sys.argv[1])):
    wb = openpyxl.load_workbook(f['from'])
    ws = wb.worksheets[0]
    ws['G6'] = 50 + i % 30
    ws['G8'] = 20 + i % 7
    ws['F10'] = '张' + str(i)
    wb.save(f['to'])
`, JSON.stringify(returned)]);

const totals: number[] = [];
const wholes: number[] = [];
const perFile: number[] = [];
const floors: number[] = [];
for (let run = 0; run < RUNS; run++) {
  // The floor: the same files through the reader only (its worker, as import.open uses it).
  const reader = new SpreadsheetReader();
  let t = process.hrtime.bigint();
  for (const f of returned) await reader.read(f.to);
  floors.push(ms(t));
  reader.close();

  const db = path.join(dir, `run-${run}.db`);
  fs.copyFileSync(seeded, db);
  const c = await createCore({ dbPath: db, now: () => now, actor: 'bench' });
  for (const f of returned) c.grants.read(f.to);
  const each: number[] = [];
  t = process.hrtime.bigint();
  for (const f of returned) {
    const one = process.hrtime.bigint();
    const p = await c.call('import.open', { path: f.to });
    await c.call('import.commit', { sessionId: p.sessionId });
    await c.call('returns.accept', { returnId: p.report!.returnId });
    each.push(ms(one));
  }
  totals.push(ms(t));
  perFile.push(median(each));
  // Then the superior's summary from the accepted returns, written as its official file.
  await c.call('consolidate.run', { templateId: 'org-summary', year: 2026, unitId: banner });
  const summary = c.grants.write(path.join(dir, `汇总-${run}.xlsx`));
  await c.call('consolidate.export', { templateId: 'org-summary', year: 2026, unitId: banner, path: summary });
  wholes.push(ms(t));
  const board = await c.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner });
  if (board.counts.accepted !== TOWNSHIPS) throw new Error(`expected ${TOWNSHIPS} accepted, got ${board.counts.accepted}`);
  await c.close();
}
const round = (n: number) => Math.round(n * 10) / 10;
const stats = (xs: number[]) => ({ min: round(Math.min(...xs)), median: median(xs), max: round(Math.max(...xs)) });
const total = stats(totals);
const floor = stats(floors);
print({
  name: 'returns.importAccept.130x60',
  value: total.median,
  unit: 'ms',
  min: total.min,
  max: total.max,
  baseline: floor.median,
  ratio: total.median / floor.median,
  floorMin: floor.min,
  floorMax: floor.max,
  perFileMedian: round(median(perFile)),
  runs: RUNS,
  target: 5000,
  note: 'import.open + import.commit + returns.accept of 130 returns one after another; baseline: the same 130 files through the reader alone',
});
const whole = stats(wholes);
print({
  name: 'returns.importAcceptConsolidate.130x60',
  value: whole.median,
  unit: 'ms',
  min: whole.min,
  max: whole.max,
  baseline: floor.median,
  ratio: whole.median / floor.median,
  runs: RUNS,
  target: 5000,
  note: 'the above, then consolidate.run + consolidate.export of the 党组织基本情况统计表 by township; the issue asks ≤ 5 s in all',
});
fs.rmSync(dir, { recursive: true, force: true });
