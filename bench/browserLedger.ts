/**
 * Issue 18: the 分类台账 page of a 100,000-branch database in Chromium, next to its floor: a static
 * AG Grid page (bench/browserStatic: the same AG Grid version, modules, theme and columns, the same
 * rows as a JSON file, nothing of ours) measured in the same run, in the same Chromium, interleaved.
 *   browser.firstRows.vsStaticGrid.100k  navigation start → the first data row's cells in the grid
 *                                        (the page's own clock); floor: the static page with the
 *                                        same first screenful of rows
 *   browser.heap.vsStaticGrid.100k       the page's JS heap after a full GC with the whole year
 *                                        loaded; floor: the static page holding the same year
 * The app runs as `npm start` runs it: the HTTP harness here, the core in a process of its own.
 * Needs the built window (npm run build:renderer) and /usr/bin/chromium; says so without them.
 *   node --import tsx bench/browserLedger.ts [core.db]   (a 100k database; copied first, never written)
 * Without a path it seeds one (~40 s).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import type { LedgerList, LedgerRow, SetupStatus } from '../shared/contract/types.ts';
import { ledgerColumns } from '../shared/domain/ledger.ts';
import { createCore } from '../electron/core/createCore.ts';
import { startHarness } from '../electron/core/http/harness.ts';
import { folderShell } from '../electron/core/shell.ts';
import { CoreClient } from '../electron/core-host/client.ts';
import { nodeCore } from '../electron/core-host/nodeChild.ts';
import { buildSeed, writeSeed } from '../electron/core/services/seed/index.ts';
import { launchChromium } from '../tests/helpers/browser.ts';
import type { StaticData } from './browserStatic/main.ts';
import { median, print } from './figures.ts';

const root = path.resolve(import.meta.dirname, '..');
const rendererDir = path.join(root, 'dist', 'renderer');
if (!fs.existsSync(path.join(rendererDir, 'index.html')) || !fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  for (const name of ['browser.firstRows.vsStaticGrid.100k', 'browser.heap.vsStaticGrid.100k']) {
    console.log(JSON.stringify({ name, skipped: '界面未构建或没有 Chromium：先运行 npm run build:renderer' }));
  }
  process.exit(0);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FIRST_PAGE = 100;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-browser-'));
const dbPath = path.join(dir, 'core.db');
if (process.argv[2]) fs.copyFileSync(process.argv[2], dbPath);
else {
  const now = new Date('2026-03-15T02:00:00Z');
  const seeding = await createCore({ dbPath, now: () => now });
  await writeSeed(seeding.conn, buildSeed({ size: '100k', seed: 1, year: 2026, now: now.toISOString() }), { actor: 'bench', now: now.toISOString(), seed: 1 });
  await seeding.close();
}

// The app as `npm start` serves it (scripts/harness.ts): the core in its own process.
const core = new CoreClient(nodeCore(path.join(root, 'electron/core-host/child.ts'), { execArgv: ['--import', 'tsx'] }), { dbPath, host: 'http' }, folderShell(path.join(dir, 'exports')));
await core.start();
const call = async <T>(method: string, args: unknown): Promise<T> => {
  const answer = await core.invoke(method, args);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as T;
};
const harness = await startHarness(core, { staticDir: rendererDir });

// --- The floor's page, built as the app's window is built (vite), with the rows it shows beside it.
const staticDir = path.join(dir, 'static');
await build({
  configFile: false,
  logLevel: 'warn',
  root: path.join(import.meta.dirname, 'browserStatic'),
  base: './',
  build: { outDir: staticDir, emptyOutDir: true, modulePreload: { polyfill: false }, chunkSizeWarningLimit: 4000 },
});
const unit = (await call<SetupStatus>('setup.status', {})).unit;
const year = (await call<number[]>('ledger.years', {}))[0]!;
const scope = unit ? { year, scopeOrgId: unit.id } : { year };
const firstRows = (await call<LedgerList>('ledger.list', { ...scope, limit: FIRST_PAGE })).rows;
const yearRows = (await call<LedgerList>('ledger.list', scope)).rows;
const dicts = await call<{ dict: string; code: string; label: string }[]>('dict.list', {});
const labels: StaticData['labels'] = {};
for (const c of ledgerColumns) if (c.dict) labels[c.field] = Object.fromEntries(dicts.filter((d) => d.dict === c.dict).map((d) => [d.code, d.label]));
// The page's columns in its order: 旗县区 (shown for a city), 苏木乡镇, the name, the ledger's own, 联系领导.
const columns: StaticData['columns'] = [
  ...(unit === null || unit.level === 'city' ? [{ field: 'county', headerName: '旗县区', width: 130, pinned: 'left' as const, kind: 'text' as const }] : []),
  { field: 'township', headerName: '苏木乡镇（街道）', width: 160, pinned: 'left', kind: 'text' },
  ...[...ledgerColumns].sort((a, b) => Number(b.field === 'name') - Number(a.field === 'name')).map((c) => ({
    field: c.field,
    headerName: c.label,
    width: c.width,
    ...(c.field === 'name' ? { pinned: 'left' as const } : {}),
    kind: c.type === 'integer' ? ('integer' as const) : c.type === 'flag' ? ('flag' as const) : c.dict ? ('dict' as const) : ('text' as const),
  })),
  { field: 'liaisonLeaders', headerName: '联系领导', width: 140, kind: 'text' },
];
const writeData = (name: string, rows: LedgerRow[]) => fs.writeFileSync(path.join(staticDir, `rows-${name}.json`), JSON.stringify({ columns, labels, rows } satisfies StaticData));
writeData('first', firstRows);
writeData('year', yearRows);

const staticServer = http.createServer((req, res) => {
  const file = path.join(staticDir, path.normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^[/\\]+/, '') || 'index.html');
  if (!file.startsWith(staticDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/json';
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
});
await new Promise<void>((resolve) => staticServer.listen(0, '127.0.0.1', resolve));
const staticOrigin = `http://127.0.0.1:${(staticServer.address() as { port: number }).port}`;

// --- Chromium: each page opened in a fresh context (nothing cached, a renderer process of its own).
const browser = await launchChromium();

/** A new tab whose page notes when the first data row's name cell has its text (0 = navigation start). */
async function freshTab(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  await context.addInitScript((token) => {
    // The harness's token, as its URL would leave it in this tab (the page itself reads the hash first).
    if (location.port && token) sessionStorage.setItem('harness-token', token);
    const w = window as unknown as { firstRowAt?: number };
    new MutationObserver((_m, observer) => {
      if (document.querySelector('.ag-row[row-index="0"] .ag-cell[col-id="name"]')?.textContent) {
        w.firstRowAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, harness.token);
  return { context, page: await context.newPage() };
}
const firstRowAt = async (page: Page) => {
  await page.waitForFunction(() => (window as unknown as { firstRowAt?: number }).firstRowAt !== undefined, null, { timeout: 120_000 });
  return page.evaluate(() => (window as unknown as { firstRowAt: number }).firstRowAt);
};
/** The JS heap after a full collection, in MB. */
async function heapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 1024 / 1024;
}

/** Chromium's timeline with V8's CPU samples: where the main thread's time goes, by script (map them through the bundle's source map). */
const traceCategories = ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'v8', 'disabled-by-default-v8.cpu_profiler'];
const app = { first: [] as number[], heap: [] as number[] };
const floor = { first: [] as number[], heap: [] as number[] };
const yearCount = new Intl.NumberFormat('zh-CN').format(yearRows.length);
async function measureApp(trace?: string): Promise<void> {
  const { context, page } = await freshTab();
  if (trace) await browser.startTracing(page, { path: trace, categories: traceCategories });
  await page.goto(`${harness.origin}/#/ledger`, { waitUntil: 'commit' });
  app.first.push(await firstRowAt(page));
  if (trace) await browser.stopTracing();
  await page.getByTestId('row-count').filter({ hasText: new RegExp(`^共 ${yearCount} 行$`) }).waitFor({ timeout: 120_000 });
  await page.locator(`.ag-row[row-index="${FIRST_PAGE + 1}"]`).first().waitFor({ state: 'attached', timeout: 60_000 }).catch(() => undefined);
  app.heap.push(await heapMb(context, page));
  await context.close();
}
async function measureStatic(trace?: string): Promise<void> {
  {
    const { context, page } = await freshTab();
    if (trace) await browser.startTracing(page, { path: trace, categories: traceCategories });
    await page.goto(`${staticOrigin}/index.html?data=first`, { waitUntil: 'commit' });
    floor.first.push(await firstRowAt(page));
    if (trace) await browser.stopTracing();
    await context.close();
  }
  {
    const { context, page } = await freshTab();
    await page.goto(`${staticOrigin}/index.html?data=year`, { waitUntil: 'commit' });
    await firstRowAt(page);
    floor.heap.push(await heapMb(context, page));
    await context.close();
  }
}
try {
  // One warm-up of each (the disk cache of the files, Chromium's own start), then interleaved runs.
  await measureStatic();
  await measureApp();
  // BENCH_TRACE=dir: one more run of each with Chromium's timeline written there (app.json, static.json), to read where the time goes.
  if (process.env.BENCH_TRACE) {
    await measureStatic(path.join(process.env.BENCH_TRACE, 'static.json'));
    await measureApp(path.join(process.env.BENCH_TRACE, 'app.json'));
  }
  app.first.length = app.heap.length = floor.first.length = floor.heap.length = 0;
  for (let i = 0; i < RUNS; i++) {
    if (i % 2) {
      await measureApp();
      await measureStatic();
    } else {
      await measureStatic();
      await measureApp();
    }
  }
} finally {
  await browser.close();
  staticServer.close();
  await harness.close();
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const spread = (xs: number[]) => ({ min: Math.round(Math.min(...xs) * 10) / 10, max: Math.round(Math.max(...xs) * 10) / 10 });
const figure = (name: string, ours: number[], base: number[], unitName: string, target: number, note: string) => {
  const v = median(ours);
  const b = median(base);
  print({ name, value: v, unit: unitName, baseline: b, ratio: v / b, ...spread(ours), baselineSpread: spread(base), target, runs: ours.length, rows: yearRows.length, note });
};
figure('browser.firstRows.vsStaticGrid.100k', app.first, floor.first, 'ms', 1.5, 'Chromium: navigation start → the first row of the 分类台账 grid (npm start: harness + core process); baseline: a static AG Grid page with the same first 100 rows');
figure('browser.heap.vsStaticGrid.100k', app.heap, floor.heap, 'MB', 1.3, 'Chromium JS heap after a full GC, the whole year loaded; baseline: the static AG Grid page holding the same rows');
