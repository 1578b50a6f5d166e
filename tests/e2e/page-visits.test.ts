/**
 * Each opening of a page is a visit of its own (App.tsx): a page left and opened again is drawn
 * afresh and asks the core again, even when the page clicked in between was still being read
 * (its code is a chunk of its own, laterPages.ts) and so never drawn. Before, a quick click back
 * found the page it had left still up, as it was, and kept it without asking anything. A cell
 * being typed into when another page is clicked is saved as Enter would, not dropped.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type OpenApp } from '../helpers/browser.ts';

describe('leaving a page and coming back', () => {
  let app: OpenApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 12, '分类台账');
    ({ page } = app);
  });
  afterAll(() => app?.close());

  it('after a quick click to a page still being read: opens the page left afresh, asking the core again, and the other page once its code arrives', async () => {
    // 报表导出's code is held back, as on a slow PC in the first seconds after start.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/ExportPage-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    try {
      // A reload: the window's code is read afresh, and the held chunk is not read yet.
      await page.reload();
      await app.cell(0, 'name').waitFor();
      await page.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行$/ }).waitFor();
      const search = page.getByPlaceholder('搜索名称、书记或拼音首字母');
      await search.fill('支部');
      const calls: string[] = [];
      page.on('request', (r: Request) => {
        if (r.url().endsWith('/api/invoke')) calls.push((r.postDataJSON() as { method: string }).method);
      });

      await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
      await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();

      // The ledger is drawn afresh: its search box empty, its rows asked for again and shown.
      await expect.poll(() => search.inputValue()).toBe('');
      await expect.poll(() => calls.filter((m) => m === 'ledger.years').length).toBe(1);
      await page.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行$/ }).waitFor();
      await app.cell(0, 'name').waitFor();
    } finally {
      release();
      await page.unrouteAll({ behavior: 'wait' });
    }
    // Its code arrived, 报表导出 opens.
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    await page.getByText('报表模板', { exact: true }).waitFor();
  });

  it('keeps what was being typed into a cell when another page is clicked before Enter', async () => {
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await app.cell(2, 'name').waitFor();
    await page.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行$/ }).waitFor();
    const id = Number(await page.locator('.ag-row[row-index="2"][row-id]').first().getAttribute('row-id'));
    await app.cell(2, 'secretary').click();
    await page.keyboard.type('Ceshi Bing', { delay: 80 });
    await expect.poll(() => page.locator('.ag-cell-inline-editing input').inputValue()).toBe('Ceshi Bing');
    // No Enter, no Tab: straight to another page, as a person called away does.
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    await page.getByText('报表模板', { exact: true }).waitFor();
    const stored = async () => (await app.core.call('ledger.list', { year: (await app.core.call('ledger.years', {}))[0]! })).rows.find((r) => r.id === id)?.secretary;
    await expect.poll(stored, { timeout: 20_000 }).toBe('Ceshi Bing');
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await expect.poll(() => app.cell(2, 'secretary').innerText(), { timeout: 20_000 }).toBe('Ceshi Bing');
  });
});
