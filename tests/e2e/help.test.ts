/**
 * 帮助 in Chromium at 1366×768 (issue 20): F1 and the ? button open the user manual beside the
 * work at the chapter of the page one is on, from a focused grid cell too without the grid seeing
 * the key; the manual's pictures are the app's own files (nothing leaves the harness); the first
 * run offers the guided tour of the first hour once, and it goes through choosing our unit,
 * importing, 核对 and export.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { artifactsDir, launchChromium, openApp, rendererDir, root, type OpenApp } from '../helpers/browser.ts';
import { seededCore } from '../helpers/core.ts';
import { manualPicture } from '../helpers/manual.ts';

const small = { width: 1366, height: 768 };

/** Every request the page makes, to show that 帮助 fetches nothing from outside the app. */
function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}
const outside = (urls: string[], harness: Harness) => urls.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== new URL(harness.url).origin);

/** The panel's manual has the section `title` at its top, in view. */
async function sectionAtTop(page: Page, title: string): Promise<void> {
  const content = page.getByTestId('help-content');
  const heading = content.locator('h2, h3').filter({ hasText: new RegExp(`^${title}$`) });
  await heading.waitFor();
  await expect
    .poll(async () => {
      const [box, head] = await Promise.all([content.boundingBox(), heading.boundingBox()]);
      return box && head ? Math.round(head.y - box.y) : null;
    })
    .toBeLessThanOrEqual(20);
  const [box, head] = await Promise.all([content.boundingBox(), heading.boundingBox()]);
  expect(head!.y).toBeGreaterThanOrEqual(box!.y - 1);
}

describe('帮助 beside the work, in Chromium at 1366×768', () => {
  let app: OpenApp;
  let requests: string[];
  beforeAll(async () => {
    app = await openApp('small', 3);
    requests = watchRequests(app.page);
    await app.page.setViewportSize(small);
    await app.page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await app.cell(0, 'name').waitFor();
  });
  afterAll(() => app?.close());

  it('opens the 分类台账 chapter on F1 from a focused grid cell, which neither changes nor sees the key, and keeps the grid usable beside it', async () => {
    const { page, cell, core } = app;
    // A database not set up by the first run here (the seeded demo) offers no tour.
    await expect(core.call('help.tour', {})).resolves.toEqual({ offer: false, outcome: null });
    await expect(page.getByTestId('tour-offer').count()).resolves.toBe(0);
    await cell(0, 'name').click();
    const before = await cell(0, 'name').innerText();
    // What the grid itself would be told of the key: a listener on the cell.
    await cell(0, 'name').evaluate((el) => {
      (window as unknown as { gridSawF1: boolean }).gridSawF1 = false;
      el.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'F1') (window as unknown as { gridSawF1: boolean }).gridSawF1 = true;
      });
    });
    await expect(cell(0, 'name').evaluate((el) => el.contains(document.activeElement))).resolves.toBe(true);
    await page.keyboard.press('F1');

    const panel = page.locator('.help-drawer .ant-drawer-content-wrapper');
    await panel.waitFor();
    await sectionAtTop(page, '4 分类台账');
    await expect(page.evaluate(() => (window as unknown as { gridSawF1: boolean }).gridSawF1)).resolves.toBe(false);
    await expect(cell(0, 'name').innerText()).resolves.toBe(before);
    await expect(page.locator('.ag-cell-inline-editing').count()).resolves.toBe(0);

    // Beside, not over: the grid ends where the panel begins, and is still worked in.
    const [grid, drawer] = await Promise.all([page.locator('.ag-root-wrapper').first().boundingBox(), panel.boundingBox()]);
    expect(drawer!.width).toBeGreaterThanOrEqual(460);
    expect(grid!.x + grid!.width).toBeLessThanOrEqual(drawer!.x + 1);
    expect(grid!.width).toBeGreaterThan(400);
    await cell(1, 'name').click();
    await expect(cell(1, 'name').evaluate((el) => el.classList.contains('ag-cell-focus'))).resolves.toBe(true);
    await expect(panel.isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'help-ledger-f1.png') });
    // The manual's own picture of 帮助 (for its first chapters): drawn here, by the task it shows.
    await manualPicture(page, 'h-help');
  });

  it('opens the 联系点 chapter from the ? button of the header, and follows to the next page while open', async () => {
    const { page } = app;
    await page.locator('.help-drawer .ant-drawer-close').click();
    await page.locator('.help-drawer .ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
    await page.locator('.ant-menu').getByText('联系点', { exact: true }).click();
    await page.getByTestId('records-liaison').waitFor();
    await page.getByRole('button', { name: '帮助' }).click();
    await sectionAtTop(page, '5 党建工作联系点');
    await page.screenshot({ path: path.join(artifactsDir, 'help-liaison-button.png') });
    // Left open while moving on, it turns to the next page's chapter.
    await page.locator('.ant-menu').getByText('问题清单', { exact: true }).click();
    await sectionAtTop(page, '6 问题清单');
    expect(outside(requests, app.harness)).toEqual([]);
  });
});

describe('the manual’s pictures and search in 帮助, offline', () => {
  let app: OpenApp;
  afterAll(() => app?.close());

  it('shows a picture of the manual from the app’s own files and finds a word, with nothing fetched from outside the harness', async () => {
    // The chapters are being written: the panel is given a sample manual with a picture in place of
    // the bundled text module (the pictures stay the app's bundled files).
    const sample = fs.readFileSync(path.join(root, 'tests', 'fixtures', 'manual', '帮助样例.md'), 'utf8');
    expect(fs.existsSync(path.join(rendererDir(), 'assets')) && fs.readdirSync(path.join(rendererDir(), 'assets')).some((f) => /^h-help-.*\.png$/.test(f))).toBe(true);
    app = await openApp('small', 3);
    const { page, harness } = app;
    const requests = watchRequests(page);
    await page.setViewportSize(small);
    let replaced = 0;
    await page.route(/\/assets\/manualText-[^/]+\.js$/, (route) => {
      replaced++;
      return route.fulfill({ contentType: 'text/javascript', body: `export default ${JSON.stringify(sample)};` });
    });
    await page.getByRole('button', { name: '帮助' }).click();
    await sectionAtTop(page, '3 组织机构');
    expect(replaced).toBe(1);

    await page.getByTestId('help-toc').getByText('2 第一次打开：选择本单位', { exact: true }).click();
    const picture = page.getByTestId('help-content').locator('img.manual-picture');
    await expect(picture.getAttribute('alt')).resolves.toBe('帮助在工作旁边打开');
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    // The app's own file, next to its scripts (app:// in the desktop app, the harness here).
    const src = new URL((await picture.getAttribute('src'))!, harness.url);
    expect(src.origin).toBe(new URL(harness.url).origin);
    expect(src.pathname).toMatch(/\/assets\/h-help-[\w-]+\.png$/);
    // A picture the manual names and the app lacks says so, rather than showing a broken image.
    await expect(page.getByTestId('help-content').getByText('缺少图片：用户手册/图/没有这张.png').count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(artifactsDir, 'help-picture.png') });
    // Shrunk to the panel's width a window's picture cannot be read: a click shows it at the window's width, Esc closes.
    const shrunk = (await picture.boundingBox())!.width;
    await picture.click();
    const zoomed = page.getByTestId('help-zoomed');
    await expect.poll(async () => (await zoomed.boundingBox())?.width ?? 0).toBeGreaterThan(Math.max(2 * shrunk, 1000));
    await expect(zoomed.getAttribute('src')).resolves.toBe(await picture.getAttribute('src'));
    await page.keyboard.press('Escape');
    await expect.poll(() => zoomed.count()).toBe(0);

    await page.getByTestId('help-search').locator('input').fill('撤销');
    const hits = page.getByTestId('help-toc').locator('.help-hit');
    await expect.poll(() => hits.allInnerTexts()).toEqual([expect.stringContaining('4 分类台账')]);
    // The snippet is the section's words around the place found, not its title again; the word is marked there too.
    const title = await hits.first().locator('span').first().innerText();
    const snippet = await hits.first().locator('.help-hit-snippet').innerText();
    expect(snippet).toContain('撤销');
    expect(snippet.replace(/^…/, '').startsWith(title)).toBe(false);
    await expect
      .poll(() => page.evaluate(() => [...(CSS.highlights.get('help-search') ?? [])].filter((r) => (r as Range).startContainer.parentElement?.closest('.help-toc')).length))
      .toBeGreaterThan(0);
    await hits.first().click();
    await sectionAtTop(page, '4 分类台账');
    await page.getByTestId('help-search').locator('input').fill('没有的词');
    await page.getByTestId('help-toc').getByText('手册中没有“没有的词”').waitFor();

    expect(requests.some((u) => /\/assets\/h-help-[\w-]+\.png$/.test(u))).toBe(true);
    expect(outside(requests, harness)).toEqual([]);
  });
});

describe('the first run’s guided tour of the first hour, in Chromium at 1366×768', () => {
  let core: Core;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    ({ core } = await seededCore(null));
    harness = await startHarness(core, { staticDir: rendererDir() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await core?.close();
  });

  /** Waits until the app has asked the core whether to offer the tour, and has the answer. */
  const tourAsked = (p: Page) => p.waitForResponse((r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes('"help.tour"'));

  it('is offered once after choosing our unit, goes through unit → import → 核对 → export, and is not offered again', async () => {
    page = await browser.newPage({ viewport: small, locale: 'zh-CN' });
    const requests = watchRequests(page);
    await page.goto(harness.url);
    const dialog = page.locator('.ant-modal').filter({ hasText: '先选择本单位' });
    await dialog.waitFor();
    await dialog.getByTestId('first-run-unit').click();
    await page.keyboard.type('ncx', { delay: 30 });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '宁城县' }).first().click();
    await dialog.getByTestId('first-run-plan').waitFor();
    await dialog.getByTestId('first-run-name').fill('李明');
    await dialog.getByRole('button', { name: '开始使用' }).click();
    await dialog.waitFor({ state: 'detached' });

    const offer = page.getByTestId('tour-offer');
    await offer.waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'tour-offer.png'), animations: 'disabled' });
    await offer.getByRole('button', { name: '开始入门引导' }).click();

    const tour = page.locator('.ant-tour-section');
    const steps: { title: string; target: () => ReturnType<Page['locator']>; page?: RegExp }[] = [
      { title: '第一步：本单位', target: () => page.getByTestId('whoami') },
      { title: '第二步：导入台账', target: () => page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: '导入回收' }) },
      { title: '第三步：核对', target: () => page.getByTestId('import-drop'), page: /#\/import$/ },
      { title: '第四步：导出报表', target: () => page.locator('.ant-layout-sider .ant-menu-item').filter({ hasText: '报表导出' }) },
      { title: '随时查看帮助', target: () => page.getByTestId('help-button') },
    ];
    for (const [i, step] of steps.entries()) {
      await tour.locator('.ant-tour-title').filter({ hasText: step.title }).waitFor();
      if (step.page) expect(page.url()).toMatch(step.page);
      // The step points at its part of the screen: the tour's spotlight is drawn around it.
      const target = await step.target().boundingBox();
      expect(target).not.toBeNull();
      const spot = await page.locator('.ant-tour-mask mask rect[fill="black"]').evaluate((r) => {
        const n = (a: string) => Number(r.getAttribute(a));
        return { x: n('x'), y: n('y'), width: n('width'), height: n('height') };
      });
      expect(spot!.x).toBeLessThanOrEqual(target!.x + 1);
      expect(spot!.y).toBeLessThanOrEqual(target!.y + 1);
      expect(spot!.x + spot!.width).toBeGreaterThanOrEqual(target!.x + target!.width - 1);
      expect(spot!.y + spot!.height).toBeGreaterThanOrEqual(target!.y + target!.height - 1);
      await page.screenshot({ path: path.join(artifactsDir, `tour-step-${i + 1}.png`), animations: 'disabled' });
      await tour.getByRole('button', { name: i === steps.length - 1 ? '结束导览' : '下一步' }).click();
    }
    await tour.waitFor({ state: 'hidden' });
    await expect.poll(() => core.call('help.tour', {})).toEqual({ offer: false, outcome: 'shown' });

    // Started again (the same database, the next day): not offered.
    const asked = tourAsked(page);
    await page.reload();
    await asked;
    await page.getByTestId('whoami').waitFor();
    await expect(offer.count()).resolves.toBe(0);
    expect(outside(requests, harness)).toEqual([]);
  });

  it('is started again from 帮助 after it was taken', async () => {
    await page.keyboard.press('F1');
    await page.getByTestId('help-tour-again').click();
    await page.locator('.ant-tour-title').filter({ hasText: '第一步：本单位' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ant-tour-section').waitFor({ state: 'hidden' });
  });
});

describe('declining the guided tour', () => {
  it('is remembered in the database: a new start does not offer it again', async () => {
    const { core } = await seededCore(null);
    const harness = await startHarness(core, { staticDir: rendererDir() });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: small, locale: 'zh-CN' });
      await page.goto(harness.url);
      const dialog = page.locator('.ant-modal').filter({ hasText: '先选择本单位' });
      await dialog.getByTestId('first-run-unit').click();
      await page.keyboard.type('150429', { delay: 30 });
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '宁城县' }).first().click();
      await dialog.getByTestId('first-run-plan').waitFor();
      await dialog.getByRole('button', { name: '开始使用' }).click();
      await page.getByTestId('tour-offer').getByRole('button', { name: '跳过' }).click();
      await expect.poll(() => core.call('help.tour', {})).toEqual({ offer: false, outcome: 'skipped' });
      const asked = page.waitForResponse((r) => (r.request().postData() ?? '').includes('"help.tour"'));
      await page.reload();
      await asked;
      await page.getByTestId('whoami').waitFor();
      await expect(page.getByTestId('tour-offer').count()).resolves.toBe(0);
    } finally {
      await browser.close();
      await harness.close();
      await core.close();
    }
  });
});
