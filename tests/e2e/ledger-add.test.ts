/**
 * The first branches of a year with no ledger yet, added with 新增 as a clerk of a new township
 * does: each shows at once, and the status bar counts them (a user trial saw 已新增 and an empty
 * page until a reload, then 共 3 行，筛选后 4 行 with no filter on).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { openApp, type OpenApp } from '../helpers/browser.ts';

describe('新增 on an empty year of the ledger, in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  beforeAll(async () => {
    app = await openApp('small', 1, '分类台账');
    ({ core, page } = app);
    await page.setViewportSize({ width: 1366, height: 768 });
  });
  afterAll(() => app?.close());

  it('shows each branch as it is added, and the count is of the rows held, not a filter', async () => {
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const [town] = (await core.call('org.children', { parentId: banner!.id })).nodes;
    await page.getByTestId('scope-picker').click();
    await page.keyboard.type(town!.name, { delay: 30 });
    await page.locator('.ant-select-tree-title', { hasText: town!.name }).first().click();
    await page.getByLabel('台账年度').click();
    await page.locator('.ant-select-dropdown:visible').getByText('2027 年', { exact: true }).click();
    await page.getByText(/^2027 年.*还没有台账/).waitFor();
    await expect.poll(() => page.getByTestId('row-count').innerText()).toBe('共 0 行');

    const names = ['新立村党支部', '东风村党支部', '向阳村党支部'];
    for (const [i, name] of names.entries()) {
      await page.getByRole('button', { name: /新\s*增/ }).first().click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '新增党支部' });
      await dialog.getByLabel('党组织名称').pressSequentially(name, { delay: 40 });
      await dialog.getByRole('button', { name: /新\s*增/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="name"]').allInnerTexts()).toContain(name);
      await expect.poll(() => page.getByTestId('row-count').innerText()).toBe(`共 ${i + 1} 行`);
    }
    const stored = (await core.call('ledger.list', { year: 2027, scopeOrgId: town!.id })).rows.map((r) => r.name);
    expect(stored.sort()).toEqual([...names].sort());
  });
});
