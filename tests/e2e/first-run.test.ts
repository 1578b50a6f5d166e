/**
 * The first hour in Chromium: a new, empty database asks which department this is; 宁城县 is
 * found by its pinyin initials, its townships are built, and the staff member's name is 操作人.
 * Then, on a demo league: a unit picked on 分类台账 is the one 联系点 shows, and its rule
 * badge counts only that unit.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { artifactsDir, launchChromium, openApp, rendererDir, type OpenApp } from '../helpers/browser.ts';
import { seededCore } from '../helpers/core.ts';

describe('first run in Chromium', () => {
  let core: Core;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await core?.close();
  });

  it('asks which department a new database serves, builds 宁城县 with its townships, and writes the name given as 操作人', async () => {
    ({ core } = await seededCore(null));
    harness = await startHarness(core, { staticDir: rendererDir() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await page.goto(harness.url);

    const dialog = page.locator('.ant-modal').filter({ hasText: '先选择本单位' });
    await dialog.waitFor();
    await dialog.getByTestId('first-run-unit').click();
    await page.keyboard.type('ncx', { delay: 30 });
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '宁城县' }).first();
    await option.waitFor();
    await expect(option.innerText()).resolves.toContain('150429');
    await option.click();
    await dialog.getByText('将建立“宁城县”及其下 18 个苏木乡镇（街道）的党（工）委。').waitFor();
    // Parks are offered, not built unless ticked.
    await expect(dialog.getByRole('checkbox', { name: '中京工业园' }).isChecked()).resolves.toBe(false);
    await dialog.getByTestId('first-run-name').fill('李明');
    await page.screenshot({ path: path.join(artifactsDir, 'first-run-dialog.png') });
    await dialog.getByRole('button', { name: '开始使用' }).click();
    await dialog.waitFor({ state: 'detached' });

    const tree = page.locator('.ant-tree');
    await tree.getByText('宁城县委', { exact: true }).waitFor();
    for (const town of ['天义镇党委', '一肯中乡党委', '铁西街道党工委']) await tree.getByText(town, { exact: true }).waitFor();
    await expect(tree.getByText('中京工业园', { exact: false }).count()).resolves.toBe(0);
    await expect(page.getByTestId('whoami').innerText()).resolves.toBe('宁城县委 · 李明');
    await page.screenshot({ path: path.join(artifactsDir, 'first-run-tree.png') });

    const status = await core.call('setup.status', {});
    expect(status).toMatchObject({ empty: false, operatorName: '李明', unit: { name: '宁城县委' } });
    expect((await core.call('org.children', { parentId: status.unit!.id, counts: false })).nodes).toHaveLength(18);
    // 操作人 in the history of what is done next.
    const town = (await core.call('org.children', { parentId: status.unit!.id, counts: false })).nodes[0]!;
    await core.call('org.update', { id: town.id, code: '1' });
    expect((await core.call('org.history', { id: town.id }))[0]!.actor).toBe('李明');

    // Both are edited later in 设置.
    await page.locator('.ant-menu').getByText('设置', { exact: true }).click();
    const settings = page.getByTestId('unit-settings');
    await expect(settings.getByTestId('scope-picker').innerText()).resolves.toContain('宁城县委');
    await settings.getByLabel('操作人').fill('王芳');
    await settings.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByTestId('whoami').innerText(), { timeout: 15_000 }).toBe('宁城县委 · 王芳');
    await page.screenshot({ path: path.join(artifactsDir, 'settings-unit.png') });
    expect((await core.call('settings.get', {})).operatorName).toBe('王芳');
  });
});

describe('my unit everywhere in Chromium', () => {
  let app: OpenApp;
  afterAll(() => app?.close());

  it('starts 分类台账 at the league, and a township picked there is the one 联系点 and its rule badge count', async () => {
    app = await openApp('small', 7, '分类台账');
    const { core, page } = app;
    const picker = page.getByTestId('scope-picker');
    // The demo league's department is the league's: the ledger starts there, as it did before.
    await expect(picker.innerText()).resolves.toContain('赤峰市委');

    const year = 2026;
    const whole = (await core.call('liaison.rules', { year })).outcomes.reduce((n, o) => n + o.violations.length, 0);
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const towns = (await core.call('org.children', { parentId: banner!.id })).nodes.filter((n) => n.level === 'township');
    // A township with a count of its own: fewer broken rules than the whole league.
    let town = towns[0]!;
    let inTown = 0;
    for (const t of towns) {
      const n = (await core.call('liaison.rules', { year, scopeOrgId: t.id })).outcomes.reduce((s, o) => s + o.violations.length, 0);
      if (n > 0 && n < whole) {
        town = t;
        inTown = n;
        break;
      }
    }
    expect(inTown).toBeGreaterThan(0);

    await picker.click();
    await page.keyboard.insertText(town.name);
    await page.locator('.ant-select-tree-title', { hasText: town.name }).first().click();
    const rows = (await core.call('ledger.list', { year, scopeOrgId: town.id })).total;
    // A busy machine may take more than expect.poll's default second to lay out the new rows.
    await expect.poll(() => page.getByTestId('row-count').innerText(), { timeout: 15_000 }).toBe(`共 ${rows} 行`);

    await page.locator('.ant-menu').getByText('联系点', { exact: true }).click();
    await page.getByTestId('records-liaison').waitFor();
    await expect(page.getByTestId('scope-picker').first().innerText()).resolves.toContain(town.name);
    const tab = page.getByRole('tab', { name: /规则检查/ });
    await expect.poll(() => tab.locator('.ant-badge').innerText(), { timeout: 15_000 }).toBe(String(inTown));
    await tab.click();
    await page.getByTestId('liaison-rules').getByText(`检查“${town.name}” ${year} 年`, { exact: false }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'unit-carried-liaison.png') });

    // And 统计分析 counts that township.
    await page.locator('.ant-menu').getByText('统计分析', { exact: true }).click();
    const stats = await core.call('stats.summary', { scopeOrgId: town.id });
    await page.getByTestId('stats-section-unitGrade').locator('.ant-card-head-title', { hasText: town.name.replace(/(党工委|党委)$/, '') }).waitFor();
    await expect(page.locator('.ant-statistic').first().innerText()).resolves.toContain(String(stats.branches));
    await page.screenshot({ path: path.join(artifactsDir, 'unit-carried-stats.png') });
  });
});
