/**
 * The problem list as a person works it, in Chromium: a problem opened through the add
 * dialog, then 领账, 开始整改 and 销号 through the buttons and their dialogs; the grid shows
 * each state as it is reached, the closure rate beside it moves when the problem is crossed
 * off, a skip without a reason is refused in words, and the drawer lists the steps.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

const year = 2026;

describe('the problem list in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 11);
    ({ core, page } = app);
    await page.locator('.ant-menu').getByText('问题清单', { exact: true }).click();
    await page.getByTestId('records-problem').waitFor();
    await page.getByTestId('row-count-problem').filter({ hasText: /^共 [\d,]+ 条/ }).waitFor();
  });
  afterAll(() => app?.close());

  /** Chooses in an antd select by typing, as a person does, and taking the first match. */
  const choose = async (select: Locator, text: string) => {
    await select.click();
    await page.keyboard.type(text, { delay: 30 });
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await option.waitFor();
    await option.click();
  };
  const shownRate = async () => (await page.getByTestId('closure-total').locator('.ant-statistic-content-value').innerText()).trim();
  const percent = (cleared: number, total: number) => `${((cleared / total) * 100).toFixed(1)}%`;

  it('opens a problem in the add dialog, claims, rectifies and crosses it off; the grid and the closure rate show each step', async () => {
    const closure = await core.call('problems.closure', { year, unitOrgId: (await core.call('setup.status', {})).unit!.id });
    await expect.poll(shownRate).toBe(percent(closure.total.cleared, closure.total.total));
    const banner = (await core.call('org.children', { parentId: closure.unit!.id, counts: false })).nodes[0]!;
    const town = (await core.call('org.children', { parentId: banner.id, counts: false })).nodes.find((n) => n.level === 'township')!;

    // 建账: the add dialog, the unit found by typing its name.
    await page.getByTestId('records-problem').getByRole('button', { name: '新增' }).click();
    const add = page.locator('.ant-modal').filter({ hasText: '新增问题' });
    await add.waitFor();
    await choose(add.getByTestId('branch-select'), town.name);
    await add.getByLabel('问题描述').fill('党员活动室冬季无法取暖');
    await add.getByRole('button', { name: '新增' }).click();
    await add.waitFor({ state: 'detached' });
    const added = (await core.call('records.list', { table: 'problem', year, text: '党员活动室冬季无法取暖' })).rows;
    expect(added).toHaveLength(1);
    const id = added[0]!.id;
    const row = page.locator(`.ag-row[row-id="${id}"]`);
    const status = row.locator('.ag-cell[col-id="status"]');
    await expect.poll(() => status.innerText()).toBe('已建账（待领账）');
    await expect.poll(shownRate).toBe(percent(closure.total.cleared, closure.total.total + 1));

    // Selected, the buttons of its state come alive.
    await row.locator('.ag-selection-checkbox input').first().check();
    const button = (name: string) => page.getByTestId('records-problem').locator('button', { hasText: new RegExp(`^${name}$`) });
    await expect.poll(() => button('重新打开').isDisabled()).toBe(true);

    // A skip without a reason: the dialog asks for one before anything is sent.
    await button('销号').click();
    let dialog = page.locator('.ant-modal').filter({ hasText: '销号：党员活动室冬季无法取暖' });
    await dialog.getByText('这一步跳过了中间环节').waitFor();
    await dialog.getByLabel('验收人').fill('李明');
    await dialog.locator('.ant-modal-footer button', { hasText: /^销号$/ }).click();
    await dialog.getByText('请填写理由').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    const discard = page.locator('.ant-modal-confirm').getByRole('button', { name: '放弃并关闭' });
    await discard.click();
    await dialog.waitFor({ state: 'detached' });
    expect((await core.call('problems.steps', { id })).map((s) => s.to)).toEqual(['open']);

    // 领账.
    await button('领账').click();
    dialog = page.locator('.ant-modal').filter({ hasText: '领账：党员活动室冬季无法取暖' });
    await dialog.getByLabel('责任人', { exact: true }).fill('王 刚');
    // A deadline written as offices write dates elsewhere (2026.12.9) is read as that day.
    await dialog.getByLabel('整改时限').pressSequentially('2026.12.9', { delay: 20 });
    await dialog.locator('.ant-modal-footer button', { hasText: /^领账$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.innerText()).toBe('已领账');
    expect((await core.call('records.list', { table: 'problem', year, text: '党员活动室冬季无法取暖' })).rows[0]!.values).toMatchObject({ responsible: '王刚', claimedOn: '2026-03-15', dueOn: '2026-12-09' });

    // 开始整改.
    await button('开始整改').click();
    dialog = page.locator('.ant-modal').filter({ hasText: '开始整改：党员活动室冬季无法取暖' });
    await dialog.getByLabel('整改措施').fill('协调资金更换取暖锅炉');
    await dialog.locator('.ant-modal-footer button', { hasText: /^开始整改$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.innerText()).toBe('整改中');

    // 销号: the closure rate beside the grid counts it.
    await button('销号').click();
    dialog = page.locator('.ant-modal').filter({ hasText: '销号：党员活动室冬季无法取暖' });
    await dialog.getByLabel('验收人').fill('李明');
    await dialog.getByLabel('整改成效').fill('锅炉已更换，室温达标');
    await page.screenshot({ path: path.join(artifactsDir, 'problems-clear-dialog.png') });
    await dialog.locator('.ant-modal-footer button', { hasText: /^销号$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.innerText()).toBe('已销号');
    expect((await core.call('records.list', { table: 'problem', year, text: '党员活动室冬季无法取暖' })).rows[0]!.values).toMatchObject({ acceptedBy: '李明', clearedOn: '2026-03-15' });
    await expect.poll(shownRate).toBe(percent(closure.total.cleared + 1, closure.total.total + 1));
    const bannerRow = page.getByTestId('closure-units').locator('tr', { hasText: banner.name });
    const before = closure.units.find((u) => u.orgId === banner.id)!;
    await expect.poll(() => bannerRow.innerText()).toContain(percent(before.cleared + 1, before.total + 1));
    expect(await core.call('problems.steps', { id })).toEqual([
      expect.objectContaining({ from: null, to: 'open' }),
      expect.objectContaining({ from: 'open', to: 'claimed', reason: null }),
      expect.objectContaining({ from: 'claimed', to: 'rectifying' }),
      expect.objectContaining({ from: 'rectifying', to: 'cleared', at: '2026-03-15' }),
    ]);

    // The steps, as the drawer lists them (once the messages over the toolbar are gone).
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 15_000 }).toBe(0);
    await button('整改记录').click();
    const steps = page.getByTestId('problem-steps');
    await steps.waitFor();
    await expect.poll(() => steps.locator('.ant-timeline-item').count()).toBe(4);
    await expect(steps.innerText()).resolves.toContain('整改中 → 已销号');
    await page.screenshot({ path: path.join(artifactsDir, 'problems.png') });
    await page.locator('.ant-drawer-close').click();

    // Ctrl+Z undoes the last step as a whole: back to 整改中, and the rate with it.
    await status.click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => status.innerText()).toBe('整改中');
    await expect.poll(shownRate).toBe(percent(closure.total.cleared, closure.total.total + 1));
    expect((await core.call('problems.steps', { id })).map((s) => s.to)).toEqual(['open', 'claimed', 'rectifying']);
  });
});
