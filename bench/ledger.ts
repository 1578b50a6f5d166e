/**
 * Figures of the classified ledger at 100,000 rows (issue 3); run by bench/run.ts in a
 * process of its own with the path of a seeded 100k database. Prints JSON lines.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../electron/core/createCore.ts';
import { startHarness } from '../electron/core/http/harness.ts';
import { launchChromium } from '../tests/helpers/browser.ts';
import { median, ms, print } from './figures.ts';

const now = new Date('2026-03-15T02:00:00Z');
{
  const file = process.argv[2]!;
  const core = await createCore({ dbPath: file, now: () => now });
  const query = { year: 2026, filter: { grade: ['lagging'] }, sort: [{ key: 'name' as const, dir: 'asc' as const }] };
  // An edit before each query, as staff work: the core patches its year in memory with
  // the rows an edit touched, so the query filters and sorts without rereading the year.
  const someRow = (await core.call('ledger.list', { ...query, limit: 1 })).rows[0]!;
  const touch = (i: number) => core.call('ledger.edit', { changes: [{ id: someRow.id, field: 'notes', value: `基准测试 ${i}` }], source: 'typed' });
  for (let i = 0; i < 3; i++) await core.call('ledger.list', query);
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < 15; i++) {
    await touch(i);
    const t = process.hrtime.bigint();
    matched = (await core.call('ledger.list', query)).rows.length;
    times.push(ms(t));
  }
  print({ name: 'ledger.query.filterSort.100k', value: median(times), unit: 'ms', target: 50, rows: 100_000, matched, runs: times.length, note: 'after a cell edit' });

  // The same query when the year must be reread: after a change the core does not patch
  // (a unit renamed in the tree, or another process writing the file).
  const cold: number[] = [];
  for (let i = 0; i < 7; i++) {
    await core.call('org.update', { id: someRow.orgId, name: `${someRow.name}${i % 2 ? '' : '（基准）'}` });
    const t = process.hrtime.bigint();
    await core.call('ledger.list', query);
    cold.push(ms(t));
  }
  print({ name: 'ledger.query.filterSort.100k.reread', value: median(cold), unit: 'ms', rows: 100_000, runs: cold.length, note: 'after a change elsewhere: the year is reread from SQLite' });

  const full: number[] = [];
  for (let i = 0; i < 5; i++) {
    await touch(100 + i);
    const t = process.hrtime.bigint();
    await core.call('ledger.list', { year: 2026 });
    full.push(ms(t));
  }
  print({ name: 'ledger.query.wholeYear.100k', value: median(full), unit: 'ms', rows: 100_000, runs: full.length, note: 'the grid loads this after its first screenful' });

  // The window's first call on a core just started (nothing kept): the first screenful, next to
  // the whole year's first read on a core just started, which that call cost before (issue 18).
  const fresh = async (args: { year: number; limit?: number }) => {
    const c = await createCore({ dbPath: file, now: () => now });
    const t = process.hrtime.bigint();
    await c.call('ledger.list', args);
    const elapsed = ms(t);
    await c.close();
    return elapsed;
  };
  const firstPage: number[] = [];
  const wholeYear: number[] = [];
  for (let i = 0; i < 6; i++) {
    if (i % 2) wholeYear.push(await fresh({ year: 2026 }));
    firstPage.push(await fresh({ year: 2026, limit: 100 }));
    if (!(i % 2)) wholeYear.push(await fresh({ year: 2026 }));
  }
  const spread = (xs: number[]) => ({ min: Math.round(Math.min(...xs)), median: Math.round(median(xs)), max: Math.round(Math.max(...xs)) });
  print({
    name: 'ledger.firstPage.newCore.100k', value: median(firstPage), unit: 'ms', baseline: median(wholeYear), ratio: median(firstPage) / median(wholeYear), runs: firstPage.length,
    ours: spread(firstPage), wholeYear: spread(wholeYear),
    note: 'the first 100 rows asked of a core just started (the window opening), vs the whole year asked of a core just started (what the first 100 rows cost before: the year was read first)',
  });

  await measureBrowser(core);
  await core.close();
}


async function measureBrowser(core: Awaited<ReturnType<typeof createCore>>): Promise<void> {
  const staticDir = path.resolve(import.meta.dirname, '../dist/renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) execFileSync('npm', ['run', '-s', 'build:renderer'], { stdio: 'ignore' });
  const harness = await startHarness(core, { staticDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // The moment the first row's cells enter the page, in the page's own clock (0 = navigation
    // start): polling from outside would wait for the main thread, busy with the rest of the year.
    await page.addInitScript(() => {
      const w = window as unknown as { firstRowAt?: number };
      new MutationObserver((_m, observer) => {
        if (document.querySelector('.ag-row[row-index="0"] .ag-cell[col-id="name"]')?.textContent) {
          w.firstRowAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    await page.goto(harness.url); // stores the token for this tab
    await page.locator('.ant-tree').waitFor();
    const firstRows: number[] = [];
    const allRows: number[] = [];
    const row = (await core.call('ledger.list', { year: 2026, limit: 1 })).rows[0]!.id;
    for (let i = 0; i < 5; i++) {
      await page.goto('about:blank');
      // A change first, so the core computes the year afresh, as after any edit.
      await core.call('ledger.edit', { changes: [{ id: row, field: 'notes', value: `浏览器基准 ${i}` }], source: 'typed' });
      const t = process.hrtime.bigint();
      await page.goto(`${harness.origin}/#/ledger`);
      await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').first().waitFor();
      firstRows.push(await page.evaluate(() => (window as unknown as { firstRowAt: number }).firstRowAt));
      await page.getByTestId('row-count').filter({ hasText: /^共 100,000 行$/ }).waitFor({ timeout: 60_000 });
      allRows.push(ms(t));
    }
    print({ name: 'ledger.browser.firstRowsVisible.100k', value: median(firstRows), unit: 'ms', target: 1500, runs: firstRows.length });
    print({ name: 'ledger.browser.allRowsLoaded.100k', value: median(allRows), unit: 'ms', runs: allRows.length });

    // One cell edit, saved and acknowledged: the same call the grid makes, timed in the page.
    const id = (await core.call('ledger.list', { year: 2026, limit: 1 })).rows[0]!.id;
    const edits = await page.evaluate(async (rowId) => {
      const token = sessionStorage.getItem('harness-token');
      const out: number[] = [];
      for (let i = 0; i < 25; i++) {
        const t = performance.now();
        const r = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ method: 'ledger.edit', args: { changes: [{ id: rowId, field: 'membersFormal', value: 10 + i }], source: 'typed' } }),
        });
        const body = (await r.json()) as { ok: boolean };
        if (!body.ok) throw new Error('edit failed');
        out.push(performance.now() - t);
      }
      return out;
    }, id);
    print({ name: 'ledger.browser.cellEditAcknowledged.100k', value: median(edits.slice(5)), unit: 'ms', target: 50, runs: edits.length - 5 });

    // A paste of 5,000 rows × 10 columns, typed the way offices type (synonyms, 2023.5.1, 是/否),
    // from the paste event to the grid showing the stored values.
    const pastes: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="membersFormal"]').first().click();
      const elapsed = await page.evaluate(async (seed) => {
        const lines: string[] = [];
        for (let i = 0; i < 5000; i++) {
          const first = i === 0 ? 700 + seed : 20 + (i % 50);
          lines.push([first, i % 3, `书记${i}`, `1390476${String(i).padStart(4, '0')}`, ['一般', '好', '差'][i % 3], i % 2 ? '是' : '否', '创建中', '否', '2023.5.1', `粘贴 ${seed}-${i}`].join('\t'));
        }
        const data = new DataTransfer();
        data.setData('text/plain', `${lines.join('\r\n')}\r\n`);
        // No named helpers in here: the bundler would wrap them in a function the page lacks.
        const selector = '.ag-row[row-index="0"] .ag-cell[col-id="membersFormal"]';
        const t = performance.now();
        document.querySelector(selector)!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        while (document.querySelector(selector)?.textContent !== String(700 + seed)) await new Promise((r) => setTimeout(r, 5));
        return performance.now() - t;
      }, run);
      pastes.push(elapsed);
    }
    print({ name: 'ledger.browser.paste5000x10.100k', value: median(pastes), unit: 'ms', target: 2000, runs: pastes.length, cells: 50_000 });
  } finally {
    await browser.close();
    await harness.close();
  }
}
