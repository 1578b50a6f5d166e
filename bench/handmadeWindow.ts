/**
 * The figure of issue 14 as a person sees it: in Chromium, on a database just set up for 宁城县,
 * from the hand-made 220-row ledger chosen in 导入回收 to its preview shown — the first file of a
 * session (the column mapping asked), the same file's comparison after the mapping, and a file
 * chosen when the layout is known and the reader warm. Needs the built window (npm run
 * build:renderer) and /usr/bin/chromium; says so and prints nothing else without them.
 *   node --import tsx bench/handmadeWindow.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { startHarness } from '../electron/core/http/harness.ts';
import { launchChromium, rendererDir } from '../tests/helpers/browser.ts';
import { seededCore } from '../tests/helpers/core.ts';
import { median, print } from './figures.ts';

const file = path.resolve(import.meta.dirname, '../tests/fixtures/import/handmade/ningcheng-220.xlsx');
if (!fs.existsSync(path.resolve(import.meta.dirname, '../dist/renderer/index.html')) || !fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.log(JSON.stringify({ name: 'import.handmade.window', skipped: '界面未构建或没有 Chromium：先运行 npm run build:renderer' }));
  process.exit(0);
}

const runs: { first: number; mapped: number; known: number }[] = [];
for (let i = 0; i < 5; i++) {
  const { core } = await seededCore(null);
  await core.call('setup.init', { unit: '150429', operatorName: '李明' });
  const harness = await startHarness(core, { staticDir: rendererDir() });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
    const openImportPage = async () => {
      await page.goto(harness.url);
      await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
      await page.getByTestId('import-drop').waitFor();
    };
    const since = (t: number) => performance.now() - t;
    await openImportPage();
    let t = performance.now();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('mapping-step').waitFor();
    const first = since(t);
    t = performance.now();
    await page.getByTestId('mapping-step').getByRole('button', { name: '按此对应重新核对' }).click();
    await page.getByTestId('mapping-step').waitFor({ state: 'detached' });
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    const mapped = since(t);
    await openImportPage();
    t = performance.now();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    runs.push({ first, mapped, known: since(t) });
  } finally {
    await browser.close();
    await harness.close();
    await core.close();
  }
}
const figure = (key: keyof (typeof runs)[number], note: string) => {
  const xs = runs.map((r) => r[key]);
  print({ name: `import.handmade.window.${key}`, value: median(xs), unit: 'ms', min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)), target: 1000, runs: xs.length, note });
};
figure('first', 'Chromium: the 220-row hand-made ledger chosen → its column mapping shown; the first file of a session (the reader starts with it)');
figure('mapped', 'Chromium: the mapping confirmed → the comparison of 220 rows shown');
figure('known', 'Chromium: the same layout chosen again (known, no question) → the comparison shown');
