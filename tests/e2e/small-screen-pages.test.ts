/**
 * 问题清单, 联系点 (联系点 and 领办实事项目 tabs) and 报送情况 on a 1366×768 screen (issue 19 item 7):
 * each toolbar keeps one line inside the window, each grid shows at least 20 whole rows, and an
 * action folded into a menu still works from it.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

const width = 1366;

/** The tops of the toolbar's items (one for one line), and the right edge of the rightmost. */
const lineOf = (toolbar: Locator) =>
  toolbar.evaluate((el) => {
    const items = [...el.children].filter((c) => c.getBoundingClientRect().width > 0);
    return { tops: new Set(items.map((c) => Math.round(c.getBoundingClientRect().top))).size, right: Math.max(...items.map((c) => c.getBoundingClientRect().right)) };
  });

/** Whole rows inside the grid's scrolling body (not the totals row); AG Grid 36 draws a row's parts under one row-index. */
const wholeRows = (grid: Locator) =>
  grid.evaluate((root) => {
    const body = root.querySelector('.ag-grid-scrollable-area')!.getBoundingClientRect();
    const whole = [...root.querySelectorAll('.ag-row')].filter((r) => {
      const b = r.getBoundingClientRect();
      return /^\d+$/.test(r.getAttribute('row-index') ?? '') && b.top >= body.top - 1 && b.bottom <= body.bottom + 1;
    });
    return new Set(whole.map((r) => r.getAttribute('row-index'))).size;
  });

/** A record grid's toolbar on one line inside the window, and at least 20 whole rows below it. */
async function fitsOneScreen(records: Locator) {
  await records.locator('.ag-row[row-index="0"]').first().waitFor();
  await expect.poll(async () => (await lineOf(records.locator('.ledger-toolbar'))).tops).toBe(1);
  expect((await lineOf(records.locator('.ledger-toolbar'))).right).toBeLessThanOrEqual(width);
  await expect.poll(() => wholeRows(records.locator('.ledger-grid'))).toBeGreaterThanOrEqual(20);
}

describe('问题清单, 联系点 and 报送情况 on a 1366×768 screen in Chromium', () => {
  let app: OpenApp;
  let page: Page;
  beforeAll(async () => {
    app = await openApp('small', 1);
    ({ page } = app);
    await page.setViewportSize({ width, height: 768 });
  });
  afterAll(() => app?.close());

  const menu = (name: string) => page.locator('.ant-menu').getByText(name, { exact: true }).click();

  it('问题清单: one toolbar line, 20 rows, the steps under 整改 and the rarer buttons under 更多', async () => {
    await menu('问题清单');
    const records = page.getByTestId('records-problem');
    await page.getByTestId('row-count-problem').filter({ hasText: /^共 [\d,]+ 条/ }).waitFor();
    await fitsOneScreen(records);
    await page.screenshot({ path: path.join(artifactsDir, 'small-problems-1366.png') });
    // A step from the 整改 menu: 整改记录 of the first problem, by keyboard.
    await records.locator('.ag-row[row-index="0"] .ag-selection-checkbox input').first().check();
    const steps = records.getByRole('button', { name: /整改/ });
    await steps.focus();
    await page.keyboard.press('Enter');
    await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: '整改记录' }).click();
    await page.locator('.ant-drawer').filter({ hasText: '整改记录' }).first().waitFor();
    await page.keyboard.press('Escape');
    // 更多 › 已删除 opens the recycle bin; 更多 › 销号率 shows the closure rates beside the grid.
    await records.getByRole('button', { name: /更多/ }).click();
    await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: '已删除' }).click();
    await page.locator('.ant-drawer-title', { hasText: '已删除的问题' }).waitFor();
    await page.keyboard.press('Escape');
    await records.getByRole('button', { name: /更多/ }).click();
    await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: /销号率/ }).click();
    await page.getByTestId('closure-total').waitFor();
  });

  it('联系点 and 领办实事项目: one toolbar line and 20 rows each; 更多 › 修改记录 still works', async () => {
    await menu('联系点');
    await page.getByRole('tab', { name: '联系点', exact: true }).click();
    const points = page.getByTestId('records-liaison');
    await fitsOneScreen(points);
    await page.screenshot({ path: path.join(artifactsDir, 'small-liaison-1366.png') });
    await page.getByRole('tab', { name: '领办实事项目' }).click();
    const projects = page.getByTestId('records-project');
    await fitsOneScreen(projects);
    await page.screenshot({ path: path.join(artifactsDir, 'small-projects-1366.png') });
    await projects.locator('.ag-row[row-index="0"] .ag-selection-checkbox input').first().check();
    // Reached where it is: a button on a wide toolbar, else under 更多.
    const direct = projects.getByRole('button', { name: '修改记录' });
    if (await direct.isVisible()) await direct.click();
    else {
      await projects.getByRole('button', { name: /更多/ }).click();
      await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: /修改记录/ }).click();
    }
    await page.locator('.ant-drawer-title', { hasText: '修改记录' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('报送情况: the filters and both buttons on one line inside the window', async () => {
    await menu('报送情况');
    await page.getByTestId('returns-board').waitFor();
    const parts = [page.getByTestId('returns-templates'), page.getByTestId('returns-periods'), page.getByTestId('returns-filter'), page.getByRole('button', { name: '设截止日期' }), page.getByTestId('returns-chase')];
    const boxes = await Promise.all(parts.map(async (p) => (await p.boundingBox())!));
    const middles = boxes.map((b) => b.y + b.height / 2);
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(4);
    expect(Math.max(...boxes.map((b) => b.x + b.width))).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(artifactsDir, 'small-returns-1366.png') });
  });
});
