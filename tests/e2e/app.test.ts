/** The app as a person sees it: a seeded league in Chromium over the HTTP harness. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { seededCore } from '../helpers/core.ts';
import { artifactsDir, launchChromium, rendererDir } from '../helpers/browser.ts';

const banners = ['红山区委', '元宝山区委', '松山区委', '阿鲁科尔沁旗委', '巴林左旗委', '巴林右旗委', '林西县委', '克什克腾旗委', '翁牛特旗委', '喀喇沁旗委', '宁城县委', '敖汉旗委'];

describe('the window in Chromium', () => {
  let core: Core;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ core } = await seededCore('league', 1));
    harness = await startHarness(core, { staticDir: rendererDir() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await core?.close();
  });

  it('shows the seeded banners in the organisation tree, with counts from the core', async () => {
    await page.goto(harness.url);
    const tree = page.locator('.ant-tree');
    await tree.getByText('赤峰市委', { exact: true }).waitFor();
    for (const b of banners) await expect(tree.getByText(b, { exact: true }).isVisible()).resolves.toBe(true);
    // The city's total, as the core counted it.
    const city = (await core.call('org.children', { parentId: null })).nodes[0]!;
    await expect(page.locator('.ant-tree-treenode', { hasText: '赤峰市委' }).first().innerText()).resolves.toContain(`${new Intl.NumberFormat('zh-CN').format(city.branchCount)} 个支部`);
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'org-tree.png') });
  });

  it('opens a banner to its townships and shows its children with counts', async () => {
    await page.locator('.ant-tree-treenode', { hasText: '宁城县委' }).locator('.ant-tree-switcher').click();
    await page.locator('.ant-tree').getByText('天义镇党委', { exact: true }).waitFor();
    await page.locator('.ant-tree').getByText('宁城县委', { exact: true }).click();
    await page.locator('.ant-card-head-title', { hasText: '宁城县委' }).waitFor();
    await expect(page.locator('.ant-table').getByText('天义镇党委').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'org-banner.png') });
  });

  it('opens a unit from its parent’s table of children; with 含已撤销 shows and finds closed units, and opens units again after the switch', async () => {
    const tree = page.locator('.ant-tree');
    const detailTitle = page.locator('.ant-card-head-title').filter({ hasNot: page.getByText('组织机构树') });
    // A click on a row of 宁城县委's children opens 天义镇党委, in the tree and beside it.
    await page.locator('.ant-table').getByText('天义镇党委', { exact: true }).click();
    await expect.poll(() => detailTitle.first().innerText()).toBe('天义镇党委');
    await expect(page.locator('.ant-tree-treenode-selected').innerText()).resolves.toContain('天义镇党委');
    await tree.getByText('天义镇党委', { exact: true }).waitFor();

    // A branch of 天义镇 closed (at the start of next year: it stays in this year's ledger).
    const town = (await core.call('org.search', { query: '天义镇党委' }))[0]!.node;
    const branch = (await core.call('org.children', { parentId: town.id, counts: false })).nodes[0]!;
    await core.call('org.close', { id: branch.id, closedOn: '2027-01-01' });
    try {
      await page.getByRole('switch').click(); // 含已撤销
      // The switch reads the tree again (the city alone open): 宁城县委 opened again shows its townships, and 天义镇 its closed branch.
      await expect.poll(() => tree.getByText('天义镇党委', { exact: true }).count()).toBe(0);
      await page.locator('.ant-tree-treenode', { hasText: '宁城县委' }).locator('.ant-tree-switcher').click();
      await page.locator('.ant-tree-treenode', { hasText: '天义镇党委' }).locator('.ant-tree-switcher').click();
      await expect.poll(() => page.locator('.ant-tree-treenode', { hasText: branch.name }).innerText()).toContain('已撤销');
      // The search finds it too.
      await page.getByLabel('搜索党组织').fill(branch.name);
      await expect.poll(() => page.getByTestId('org-search-hit').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(branch.name)]));
      await page.getByLabel('搜索党组织').fill('');
      // Off again: the tree is read again and still opens.
      await page.getByRole('switch').click();
      await page.locator('.ant-tree-treenode', { hasText: '宁城县委' }).locator('.ant-tree-switcher').click();
      await tree.getByText('天义镇党委', { exact: true }).waitFor();
      await expect(tree.getByText(branch.name, { exact: true }).count()).resolves.toBe(0);
    } finally {
      await core.call('org.reopen', { id: branch.id });
    }
  });

  it('says a year with no ledger has no rows, not a filtered count left from the year before', async () => {
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await expect.poll(() => page.getByTestId('row-count').innerText(), { timeout: 30_000 }).toBe('共 8,000 行');
    await page.getByLabel('台账年度').click();
    await page.locator('.ant-select-dropdown:visible').getByText('2027 年', { exact: true }).click();
    await page.getByText(/^2027 年.*还没有台账/).waitFor();
    await expect(page.getByTestId('row-count').innerText()).resolves.toBe('共 0 行');
  });

  it('navigates in Chinese, shows what a page will do, and the version in 关于', async () => {
    for (const label of ['组织机构', '分类台账', '联系点', '问题清单', '报表导出', '导入回收', '统计分析', '设置']) {
      await expect(page.locator('.ant-menu').getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
    }
    await page.locator('.ant-menu').getByText('问题清单', { exact: true }).click();
    await page.getByTestId('closure-total').waitFor();
    await page.locator('.ant-menu').getByText('统计分析', { exact: true }).click();
    await page.getByTestId('stats-section-fieldGrade').waitFor();
    await expect(page.locator('.ant-statistic').first().innerText()).resolves.toContain('8,000');
    await page.getByRole('button', { name: /关于/ }).click();
    const version = (await core.call('app.info', {})).version;
    await page.locator('.ant-modal').getByText(version, { exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'about.png') });
    expect(consoleErrors).toEqual([]);
    // antd's styles come from the sheet built with the window (renderer/src/theme.ts), not made as
    // each component first draws: after three pages and a dialog, ~480 KB of style tags before, ~35 KB now.
    const made = await page.evaluate(() => [...document.querySelectorAll('style')].reduce((n, s) => n + (s.textContent?.length ?? 0), 0));
    expect(made).toBeLessThan(100_000);
  });

  it('opens dialogs in place on a PC with animations off, and zooms them in on one with animations on', async () => {
    // 关于's dialog, frame by frame from the click: is it ever drawn scaled (zooming in from the button)?
    const zoomedFrames = async () => {
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
      return page.evaluate(async () => {
        const about = [...document.querySelectorAll('header button')].find((b) => b.textContent?.includes('关于')) as HTMLElement;
        about.click();
        let zoomed = 0;
        for (let frame = 0; frame < 30; frame++) {
          await new Promise(requestAnimationFrame);
          const dialog = document.querySelector('.ant-modal');
          if (dialog && getComputedStyle(dialog).transform !== 'none') zoomed++;
        }
        return zoomed;
      });
    };
    // The test browser runs as a PC with Windows' animations off (tests/helpers/browser.ts).
    await expect(page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).resolves.toBe(true);
    expect(await zoomedFrames()).toBe(0);
    // The same window on a PC with animations on.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.reload();
    await page.locator('.ant-menu').getByText('组织机构', { exact: true }).waitFor();
    expect(await zoomedFrames()).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });
});
