/**
 * The standards checklist as a township's staff work it, in Chromium: open a branch's checklist
 * from 对标检查, mark an item 未达标 with a note (dated and signed by the person working),
 * generate the problem from it in one step, and see it in the branch's problem list; and in
 * 设置, start a new year's standards by copying last year's.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

describe('对标检查 in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 11);
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  it('a township marks an item not met, opens its problem in one step, then claims and crosses it off in 问题清单', async () => {
    // The department is a township, and its staff member is named: the pages start from it.
    const town = core.conn.sqlite.prepare("SELECT id, name FROM org WHERE level = 'township' ORDER BY path LIMIT 1").get() as { id: number; name: string };
    const branches = (await core.call('checklist.shares', { year: 2026, unitId: town.id })).branches;
    // A branch with an item not marked 未达标 yet (the seed's are dated and signed already).
    let target: { orgId: number; name: string; number: number; standardId: number } | undefined;
    for (const b of branches) {
      const e = (await core.call('checklist.branch', { orgId: b.orgId, year: 2026 })).entries.find((x) => x.met !== false);
      if (e) {
        target = { orgId: b.orgId, name: b.name, number: e.number, standardId: e.standardId };
        break;
      }
    }
    expect(target).toBeDefined();
    const t = target!;
    await core.call('settings.save', { unitId: town.id, operatorName: '乡镇组织委员' });
    await page.reload();

    await page.locator('.ant-menu').getByText('对标检查', { exact: true }).click();
    const list = page.getByTestId('branch-shares');
    await list.locator('.ant-table-row').first().waitFor();
    await expect.poll(() => page.getByTestId('unit-shares').textContent()).toContain(`${town.name}（合计）`);
    await page.getByLabel('查找党支部').fill(t.name);
    await list.getByText(t.name, { exact: true }).click();

    const drawer = page.locator('.ant-drawer').filter({ hasText: `${t.name} · 2026 年对标检查清单` });
    await drawer.waitFor();
    const item = drawer.getByTestId('checklist-item').filter({ hasText: `第${t.number}条` }).first();
    await item.getByText('未达标', { exact: true }).click();
    await item.getByText('未达标 · 2026-03-15 · 乡镇组织委员').waitFor();
    const note = item.getByLabel(`第${t.number}条备注`);
    await note.fill('党员活动室标识制度未上墙');
    await note.press('Enter');
    await expect
      .poll(async () => (await core.call('checklist.branch', { orgId: t.orgId, year: 2026 })).entries.find((e) => e.standardId === t.standardId))
      .toMatchObject({ met: false, note: '党员活动室标识制度未上墙', checkedOn: '2026-03-15', checkedBy: '乡镇组织委员' });

    await drawer.getByRole('button', { name: /生成问题清单/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '生成' }).click();
    const problems = drawer.getByTestId('branch-problems');
    await problems.getByText('党员活动室标识制度未上墙', { exact: false }).waitFor();
    await expect.poll(() => problems.textContent()).toContain('对标检查');
    await item.getByText('已生成问题：已建账（待领账）').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'checklist-branch.png') });

    // In the problem list itself (the records of table problem), under the branch, open.
    const rows = (await core.call('records.list', { table: 'problem', year: 2026, orgId: t.orgId })).rows;
    const made = rows.find((p) => String(p.values.description).endsWith('未达标：党员活动室标识制度未上墙'));
    expect(made?.values).toMatchObject({ source: 'checklist', status: 'open', unitName: t.name });
    expect(String(made?.values.description)).toMatch(new RegExp(`^对照标准第${t.number}条“`));

    // Closed: the branch's row shows its share after the change.
    await drawer.locator('.ant-drawer-close').click();
    await page.getByTestId('checklist-page').screenshot({ path: path.join(artifactsDir, 'checklist-page.png') });

    // In 问题清单 the township claims it (领账), rectifies it and crosses it off (销号).
    await page.locator('.ant-menu').getByText('问题清单', { exact: true }).click();
    await page.getByTestId('row-count-problem').filter({ hasText: /^共 [\d,]+ 条/ }).waitFor();
    const row = page.locator(`.ag-row[row-id="${made!.id}"]`);
    const status = row.locator('.ag-cell[col-id="status"]');
    await expect.poll(() => status.innerText()).toBe('已建账（待领账）');
    await row.locator('.ag-selection-checkbox input').first().check();
    const button = (name: string) => page.getByTestId('records-problem').locator('button', { hasText: new RegExp(`^${name}$`) });
    const step = async (name: string, fill: [string, string][]) => {
      await button(name).click();
      const dialog = page.locator('.ant-modal').filter({ hasText: `${name}：` });
      for (const [label, value] of fill) await dialog.getByLabel(label, { exact: true }).pressSequentially(value, { delay: 20 });
      await dialog.locator('.ant-modal-footer button', { hasText: new RegExp(`^${name}$`) }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    await step('领账', [['责任人', '王刚']]);
    await expect.poll(() => status.innerText()).toBe('已领账');
    await step('开始整改', [['整改措施', '制度牌上墙，支委会逐条学习']]);
    await expect.poll(() => status.innerText()).toBe('整改中');
    await step('销号', [['验收人', '李明']]);
    await expect.poll(() => status.innerText()).toBe('已销号');
    expect((await core.call('problems.steps', { id: made!.id })).map((s) => `${s.from ?? ''}→${s.to}`)).toEqual(['→open', 'open→claimed', 'claimed→rectifying', 'rectifying→cleared']);

    // Back in the checklist, the item shows its problem crossed off.
    await page.locator('.ant-menu').getByText('对标检查', { exact: true }).click();
    await page.getByLabel('查找党支部').fill(t.name);
    await list.getByText(t.name, { exact: true }).click();
    await drawer.getByTestId('checklist-item').filter({ hasText: `第${t.number}条` }).first().getByText('已生成问题：已销号').waitFor();
    await drawer.getByTestId('checklist-item').filter({ hasText: `第${t.number}条` }).first().getByText('问题已销号，复查后可标为达标').waitFor();
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('in 设置, copies last year’s standards to a new year, grouped under the five criteria', async () => {
    await page.locator('.ant-menu').getByText('设置', { exact: true }).click();
    const section = page.getByTestId('standards-settings');
    await section.getByTestId('criterion-political').waitFor();
    await section.getByLabel('标准年度').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '2027 年' }).click();
    await section.getByText('2027 年还没有对标标准').waitFor();
    await section.getByRole('button', { name: '复制 2026 年标准到 2027 年' }).click();
    await section.getByTestId('criterion-masses').waitFor();
    expect((await core.call('standards.list', { year: 2027 })).standards).toHaveLength(19);
    await expect.poll(() => section.getByTestId('criterion-political').textContent()).toContain('政治功能强（4 条）');
    await section.screenshot({ path: path.join(artifactsDir, 'standards-settings.png') });
  });
});
