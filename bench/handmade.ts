/**
 * Figures of a hand-made ledger into a fresh tree (issue 14): the 220-row 宁城县 ledger
 * (tests/fixtures/import/handmade/ningcheng-220.xlsx: townships written four ways, a unit the
 * tree lacks) from the file chosen to the preview (import.open: read, recognise, match the
 * townships, compare), on a database holding only 赤峰市 → 宁城县 → its townships; beside it, in
 * the same run and alternating with it, the returned-export path per row: the same 220
 * branches, once committed, exported and returned with some cells changed by hand.
 *   node --import tsx bench/handmade.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createCore, type Core } from '../electron/core/createCore.ts';
import { SpreadsheetReader } from '../electron/core/excel/reader/index.ts';
import { median, ms, print } from './figures.ts';

const now = new Date('2026-03-15T02:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-handmade-bench-'));
const fixtures = path.resolve(import.meta.dirname, '../tests/fixtures/import/handmade');
const handmade = path.join(fixtures, 'ningcheng-220.xlsx');
const { townships } = JSON.parse(fs.readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as { townships: string[] };

/** A database as the first run leaves it: the city, the county, its townships, no branch. */
async function freshTree(name: string): Promise<Core> {
  const core = await createCore({ dbPath: path.join(dir, name), now: () => now });
  const city = await core.call('org.create', { parentId: null, name: '赤峰市委', level: 'city' });
  const county = await core.call('org.create', { parentId: city.id, name: '宁城县委' });
  for (const t of townships) await core.call('org.create', { parentId: county.id, name: t });
  return core;
}

const fresh = await freshTree('fresh.db');
const held = await freshTree('held.db');
fresh.grants.read(handmade);
held.grants.read(handmade);

// The returned-export path: the same branches committed, exported, filled in by hand and returned.
const returned = path.join(dir, '宁城县报送表.xlsx');
{
  const p = await held.call('import.open', { path: handmade });
  const taken = p.rows.filter((r) => r.status !== 'unchanged').map((r) => r.sourceRow);
  await held.call('import.commit', { sessionId: p.sessionId, decisions: { acceptRows: taken, newUnits: (p.newUnits ?? []).map((u) => ({ key: u.key, create: true })) } });
  held.grants.write(returned);
  held.grants.read(returned);
  const county = (await held.call('org.search', { query: '宁城县委', limit: 1 }))[0]!.node.id;
  await held.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026, scopeOrgId: county }, path: returned });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(returned);
  const ws = wb.worksheets[0]!;
  for (let i = 0; i < 20; i++) ws.getRow(6 + i * 10).getCell(9).value = `报送${i}`;
  await wb.xlsx.writeFile(returned);
}

const open = async (core: Core, file: string) => {
  const t = process.hrtime.bigint();
  const p = await core.call('import.open', { path: file });
  const elapsed = ms(t);
  await core.call('import.discard', { sessionId: p.sessionId });
  return { elapsed, rows: p.rows.length, newUnits: p.newUnits?.length ?? 0 };
};

// The reader's part alone (a hand-made file is parsed whole, an export of ours streamed): what the rest is measured against.
const reader = new SpreadsheetReader();
const read = async (file: string) => {
  const t = process.hrtime.bigint();
  await reader.read(file);
  return ms(t);
};

// One of each first (the reader's worker starts, code warms), then alternating pairs.
const first = await open(fresh, handmade);
const firstReturned = await open(held, returned);
const a: number[] = [];
const b: number[] = [];
const ra: number[] = [];
const rb: number[] = [];
await read(handmade);
for (let i = 0; i < 11; i++) {
  ra.push(await read(handmade));
  rb.push(await read(returned));
  if (i % 2) {
    b.push((await open(held, returned)).elapsed);
    a.push((await open(fresh, handmade)).elapsed);
  } else {
    a.push((await open(fresh, handmade)).elapsed);
    b.push((await open(held, returned)).elapsed);
  }
}
reader.close();
const perRow = (xs: number[], rows: number) => xs.map((x) => x / rows);
const r2 = (n: number) => Math.round(n * 1000) / 1000;
const ratios = a.map((x, i) => x / first.rows / (b[i]! / firstReturned.rows));
print({
  name: 'import.handmade.freshTree.220',
  value: median(a),
  unit: 'ms',
  min: r2(Math.min(...a)),
  max: r2(Math.max(...a)),
  target: 1000,
  runs: a.length,
  rows: first.rows,
  newUnits: first.newUnits,
  // The first file of a session: the reader's worker starts with it.
  firstOpen: r2(first.elapsed),
  note: 'import.open of the hand-made 宁城县 ledger into a tree with no branch: from the file chosen to the preview (the core’s part)',
});
const [ha, hb] = [perRow(a, first.rows), perRow(b, firstReturned.rows)];
print({
  name: 'import.handmade.perRow',
  value: median(ha),
  unit: 'ms/row',
  min: r2(Math.min(...ha)),
  max: r2(Math.max(...ha)),
  baseline: median(hb),
  baselineMin: r2(Math.min(...hb)),
  baselineMax: r2(Math.max(...hb)),
  ratio: median(ratios),
  ratioMin: r2(Math.min(...ratios)),
  ratioMax: r2(Math.max(...ratios)),
  runs: a.length,
  // The reader's part of each, alone: a hand-made file is parsed whole, an export of ours streamed.
  readHandmade: r2(median(ra)),
  readReturned: r2(median(rb)),
  afterReadPerRow: r2((median(a) - median(ra)) / first.rows),
  afterReadPerRowReturned: r2((median(b) - median(rb)) / firstReturned.rows),
  note: `baseline: the returned-export path per row (the same branches exported and returned, ${firstReturned.rows} rows), measured alternately in this run; ratio per pair`,
});
await fresh.close();
await held.close();
fs.rmSync(dir, { recursive: true, force: true });
