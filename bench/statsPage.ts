/**
 * 统计分析 of a league (issue 16): stats.tables over 8,000 branches through the core, next to the
 * same counting queries run straight on better-sqlite3; and in Chromium, from a click on 统计分析
 * to its first chart drawn (ECharts' 'finished' event: charting code loaded, tables counted, SVG
 * drawn), next to a click on 导入回收 to its drop zone (a page without charts) in the same run,
 * each in a fresh browser context after the app has loaded. Needs the built window (npm run
 * build:renderer) and /usr/bin/chromium for the second figure; says so without them.
 *   node --import tsx bench/statsPage.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { startHarness } from '../electron/core/http/harness.ts';
import { laggingCoverage, ledgerCounts, problemCounts, projectCounts, returnCounts } from '../electron/core/repos/stats.ts';
import { launchChromium, rendererDir } from '../tests/helpers/browser.ts';
import { seededCore } from '../tests/helpers/core.ts';
import { median, ms, print } from './figures.ts';

const { core } = await seededCore('league', 1);
const year = 2026;
await core.call('ledger.copyYear', { from: year, to: year - 1 });
const unit = (await core.call('setup.status', {})).unit!;
const path0 = (await core.call('org.children', { parentId: null, counts: false })).nodes[0]!;
const spread = (xs: number[]) => ({ min: Math.round(Math.min(...xs) * 10) / 10, max: Math.round(Math.max(...xs) * 10) / 10 });

// --- The tables through the core vs their counting queries alone.
{
  const sqlite = core.conn.sqlite;
  const scopePath = `/${path0.id}/`;
  const scope = { path: scopePath, year, asOf: `${year}-03-15`, today: `${year}-03-15` };
  const viaCore: number[] = [];
  const rawSql: number[] = [];
  const compared: number[] = [];
  for (let i = 0; i < 15; i++) {
    let t = process.hrtime.bigint();
    ledgerCounts(sqlite, scope);
    laggingCoverage(sqlite, scope);
    projectCounts(sqlite, scope);
    problemCounts(sqlite, scope);
    returnCounts(sqlite, unit.id, String(year));
    rawSql.push(ms(t));
    t = process.hrtime.bigint();
    await core.call('stats.tables', { year });
    viaCore.push(ms(t));
    t = process.hrtime.bigint();
    await core.call('stats.tables', { year, compareYear: year - 1 });
    compared.push(ms(t));
  }
  const c = median(viaCore);
  const b = median(rawSql);
  print({ name: 'stats.tables.league', value: c, unit: 'ms', baseline: b, ratio: c / b, ...spread(viaCore), runs: viaCore.length, note: '8,000 branches, every table; baseline: the same GROUP BY queries on better-sqlite3 alone' });
  print({ name: 'stats.tables.league.compared', value: median(compared), unit: 'ms', ...spread(compared), runs: compared.length, note: 'the same against last year (two years counted)' });
}

// --- In Chromium: navigation to 统计分析 → its first chart drawn.
if (!fs.existsSync(path.resolve(import.meta.dirname, '../dist/renderer/index.html')) || !fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.log(JSON.stringify({ name: 'stats.page.firstChart', skipped: '界面未构建或没有 Chromium：先运行 npm run build:renderer' }));
} else {
  const harness = await startHarness(core, { staticDir: rendererDir() });
  const browser = await launchChromium();
  const chart: number[] = [];
  const allCharts: number[] = [];
  const floor: number[] = [];
  try {
    const open = async () => {
      const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(harness.url);
      await page.locator('.ant-menu').getByText('统计分析', { exact: true }).waitFor();
      // The first page has asked what it asks at start.
      await page.waitForLoadState('networkidle');
      return { page, context };
    };
    for (let i = 0; i < 7; i++) {
      {
        const { page, context } = await open();
        const t = performance.now();
        await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
        await page.getByTestId('import-drop').waitFor();
        floor.push(performance.now() - t);
        await context.close();
      }
      {
        const { page, context } = await open();
        const t = performance.now();
        await page.locator('.ant-menu').getByText('统计分析', { exact: true }).click();
        await page.locator('[data-testid="stats-chart-unitGrade"][data-finished="true"]').waitFor({ timeout: 30_000 });
        chart.push(performance.now() - t);
        for (const id of ['fieldGrade', 'shares', 'liaison', 'projects', 'problems']) await page.locator(`[data-testid="stats-chart-${id}"][data-finished="true"]`).waitFor();
        allCharts.push(performance.now() - t);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await harness.close();
  }
  const c = median(chart);
  const b = median(floor);
  print({ name: 'stats.page.firstChart', value: c, unit: 'ms', baseline: b, ratio: c / b, ...spread(chart), target: 1000, runs: chart.length, note: 'Chromium, league of 8,000 branches: click on 统计分析 → first chart drawn (ECharts finished); baseline: click on 导入回收 → its drop zone' });
  print({ name: 'stats.page.allCharts', value: median(allCharts), unit: 'ms', ...spread(allCharts), runs: allCharts.length, note: 'the same click → every chart drawn (six)' });
}
await core.close();
