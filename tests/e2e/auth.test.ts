/**
 * Who is working, as a person meets it: a password set in 设置, the window locking after the
 * idle time (the page's clock run forward), a wrong password refused, the right one typed at
 * human speed, and the name that unlocked written as 操作人 of the next change.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { artifactsDir, launchChromium, rendererDir } from '../helpers/browser.ts';
import { seededCore } from '../helpers/core.ts';

describe('the local password in Chromium', () => {
  let core: Core;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const lockScreen = () => page.getByTestId('lock-screen');
  const cell = (row: number, col: string) => page.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`).first();
  const type = (where: ReturnType<Page['getByLabel']>, text: string) => where.pressSequentially(text, { delay: 90 });

  beforeAll(async () => {
    ({ core } = await seededCore('small', 4));
    harness = await startHarness(core, { staticDir: rendererDir() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 860 }, locale: 'zh-CN' });
    // The page's own clock, so the idle time can pass without waiting for it.
    await page.clock.install();
    await page.goto(harness.url);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await core?.close();
  });

  it('turns the password on in 设置 with a first account, and adds a second', async () => {
    await page.locator('.ant-menu').getByText('设置', { exact: true }).click();
    const section = page.getByTestId('password-settings');
    await section.getByRole('button', { name: '启用登录密码' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '启用登录密码' });
    await dialog.getByLabel('账户姓名').click();
    await page.keyboard.insertText('王芳');
    // Too short first: said in Chinese, nothing set.
    await type(dialog.getByLabel('新账户密码'), '12345');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('密码至少 6 位，最多 64 位').first().waitFor();
    expect((await core.call('auth.status', {})).enabled).toBe(false);
    await dialog.getByLabel('新账户密码').fill('');
    await type(dialog.getByLabel('新账户密码'), 'dangjian2026');
    await type(dialog.getByLabel('再次输入密码'), 'dangjian2026');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.getByText('已启用登录密码，当前登录：王芳').waitFor();

    await section.getByRole('button', { name: '添加账户' }).click();
    const add = page.locator('.ant-modal', { hasText: '添加登录账户' });
    await add.getByLabel('账户姓名').click();
    await page.keyboard.insertText('李明');
    await type(add.getByLabel('新账户密码'), 'liming2026');
    await type(add.getByLabel('再次输入密码'), 'liming2026');
    await add.getByRole('button', { name: '确定' }).click();
    await page.getByText('已添加账户').waitFor();
    expect(await core.call('auth.status', {})).toMatchObject({ enabled: true, accounts: ['王芳', '李明'], unlocked: '王芳' });
    await page.getByRole('button', { name: '锁定' }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'auth-settings.png') });
  });

  it('locks after the idle time: the window covered and inert, the core refusing', async () => {
    const section = page.getByTestId('password-settings');
    await section.getByLabel('自动锁定分钟数').fill('1');
    await section.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存：无人操作 1 分钟后自动锁定').waitFor();
    await page.clock.fastForward(30_000);
    expect(await lockScreen().count()).toBe(0);
    await page.clock.fastForward(40_000);
    await lockScreen().waitFor();
    await expect.poll(async () => (await core.invoke('ledger.list', { year: 2026 })).ok).toBe(false);
    expect(await core.invoke('ledger.list', { year: 2026 })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await page.locator('#root').evaluate((el) => (el as HTMLElement).inert)).toBe(true);
    // A click where the menu was, and keys, reach nothing behind.
    await page.mouse.click(100, 160);
    expect(new URL(page.url()).hash).toBe('#/settings');
    await page.screenshot({ path: path.join(artifactsDir, 'auth-locked.png') });
  });

  it('refuses a wrong password in Chinese, and unlocks with the name chosen and its password', async () => {
    await lockScreen().getByLabel('姓名').click();
    await lockScreen().locator('.ant-select-item-option', { hasText: '李明' }).click();
    await type(lockScreen().getByLabel('密码'), 'dangjian2026');
    await page.keyboard.press('Enter');
    await lockScreen().getByRole('alert').filter({ hasText: '“李明”的密码不正确，请重新输入。' }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'auth-wrong-password.png') });
    expect((await core.invoke('ledger.list', { year: 2026 })).ok).toBe(false);

    await type(lockScreen().getByLabel('密码'), 'liming2026');
    await page.keyboard.press('Enter');
    await lockScreen().waitFor({ state: 'detached' });
    expect(await page.locator('#root').evaluate((el) => (el as HTMLElement).inert)).toBe(false);
    await page.getByTestId('whoami').filter({ hasText: '李明' }).waitFor();
  });

  it('writes the name that unlocked as 操作人 of a cell edited in the ledger', async () => {
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await cell(0, 'name').waitFor();
    await page.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行/ }).filter({ hasNotText: '正在读取' }).waitFor();
    await cell(0, 'membersFormal').click();
    await page.keyboard.type('57', { delay: 90 });
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(0, 'membersFormal').innerText()).toBe('57');
    await cell(0, 'secretary').click({ button: 'right' });
    await page.getByText('这一行的修改记录').click();
    const latest = page.locator('.ant-drawer .ant-table-tbody tr.ant-table-row').first();
    await latest.waitFor();
    expect(await latest.innerText()).toContain('李明');
    expect(await latest.innerText()).toContain('57');
    // The drawer slid fully in before the picture (760 px wide, at the right edge).
    await expect.poll(async () => (await page.locator('.ant-drawer-content-wrapper').boundingBox())?.x).toBe(1400 - 760);
    await page.screenshot({ path: path.join(artifactsDir, 'auth-history.png') });
    const id = Number(await page.locator('.ag-row[row-index="0"]').first().getAttribute('row-id'));
    expect((await core.call('ledger.history', { id }))[0]).toMatchObject({ actor: '李明', newValue: 57 });
    await page.keyboard.press('Escape');
  });

  it('locks at once with 锁定 in the header', async () => {
    await page.getByRole('button', { name: '锁定' }).click();
    await lockScreen().waitFor();
    expect((await core.invoke('ledger.list', { year: 2026 })).ok).toBe(false);
    // The one who worked last is offered first.
    await lockScreen().getByText('李明').waitFor();
    await type(lockScreen().getByLabel('密码'), 'liming2026');
    await page.keyboard.press('Enter');
    await lockScreen().waitFor({ state: 'detached' });
    expect((await core.invoke('ledger.list', { year: 2026 })).ok).toBe(true);
  });

  it('opens on the lock screen when the window starts while a password is set, with nothing of the app behind it', async () => {
    await core.call('auth.lock', {});
    await page.reload();
    await lockScreen().waitFor();
    expect(await page.locator('.ant-menu').count()).toBe(0);
    await type(lockScreen().getByLabel('密码'), 'dangjian2026');
    await page.keyboard.press('Enter');
    await lockScreen().waitFor({ state: 'detached' });
    await page.getByTestId('whoami').filter({ hasText: '王芳' }).waitFor();
  });
});
