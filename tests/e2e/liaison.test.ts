/**
 * Liaison points as a person works them: the rules list a lagging branch nobody
 * guides; assigning a leader from there makes the violation disappear; a cell of a
 * work record is edited with the keyboard; a leader's card opens from a name.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';
import { pinyinKeys } from '../../shared/domain/pinyin.ts';

describe('liaison points in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 7);
    ({ core, page } = app);
    await page.locator('.ant-menu').getByText('联系点', { exact: true }).click();
    await page.getByTestId('records-liaison').waitFor();
  });
  afterAll(() => app?.close());

  const unguided = async () =>
    (await core.call('liaison.rules', { year: 2026 })).outcomes.find((o) => o.rule === 'laggingHasLeader')!.violations;

  it('assigns a leader to a lagging branch from the rules, and the violation disappears', async () => {
    const before = await unguided();
    expect(before.length).toBeGreaterThan(0);
    const target = before[0]!;
    const leader = (await core.call('records.list', { table: 'leader', year: 2026 })).rows.find((l) => !l.values.activeTo)!;

    await page.getByRole('tab', { name: /规则检查/ }).click();
    const rules = page.getByTestId('liaison-rules');
    const item = rules.getByTestId('rule-violation').filter({ hasText: target.name }).first();
    await item.waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'liaison-rules.png') });
    await item.getByRole('button', { name: '指定联系领导' }).click();

    const dialog = page.locator('.ant-modal').filter({ hasText: '新增联系点' });
    await dialog.waitFor();
    // The branch is preset; choose the leader by typing the initials of the name, as staff do
    // (pinyin-pro is loaded as the picker first shows, not with the window).
    await dialog.getByTestId('leader-select').click();
    await page.keyboard.type(pinyinKeys(String(leader.values.name)).initials, { delay: 80 });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: String(leader.values.name) }).first().click();
    await dialog.getByRole('button', { name: '新增' }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(async () => rules.getByTestId('rule-violation').filter({ hasText: target.name }).count()).toBe(0);
    expect((await unguided()).some((v) => v.orgId === target.orgId)).toBe(false);
    const points = (await core.call('records.list', { table: 'liaison', year: 2026, orgId: target.orgId! })).rows;
    expect(points.map((p) => p.values.leaderId)).toContain(leader.id);
    expect(points[0]!.values.category).toBe('lagging');
  });

  it('edits a work record with the keyboard, and a bad number stays, marked red', async () => {
    await page.getByRole('tab', { name: '工作记录' }).click();
    const grid = page.getByTestId('records-visit');
    const cell = (col: string) => grid.locator(`.ag-row[row-index="0"] .ag-cell[col-id="${col}"]`).first();
    await cell('problemsSolved').waitFor();
    const id = Number(await grid.locator('.ag-row[row-index="0"]').first().getAttribute('row-id'));
    await cell('problemsSolved').click();
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('problemsSolved').innerText()).toBe('3');
    await cell('problemsSolved').click();
    await page.keyboard.press('F2');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('好几个');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('problemsSolved').getAttribute('class')).toContain('cell-invalid');
    const stored = (await core.call('records.list', { table: 'visit', year: 2026 })).rows.find((r) => r.id === id)!;
    expect(stored.invalid?.problemsSolved?.raw).toBe('好几个');
    const history = await core.call('records.history', { table: 'visit', id });
    expect(history.slice(0, 2).map((h) => h.newValue)).toEqual([{ invalid: '好几个' }, 3]);
    // Ctrl+Z puts the number back.
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => cell('problemsSolved').innerText()).toBe('3');
  });

  it('filters overdue projects and opens a leader’s card from a name', async () => {
    await page.getByRole('tab', { name: '领办实事项目' }).click();
    const grid = page.getByTestId('records-project');
    await grid.locator('.ag-row[row-index="0"]').first().waitFor();
    await page.getByText('已超期', { exact: true }).click();
    const overdue = (await core.call('records.list', { table: 'project', year: 2026, due: 'overdue' })).rows.length;
    await expect.poll(() => page.getByTestId('row-count-project').innerText()).toBe(`共 ${overdue} 条`);
    await page.getByText('全部', { exact: true }).click();
    await grid.locator('.ag-row[row-index="0"] .ag-cell[col-id="leaderName"] a').first().click();
    const card = page.getByTestId('leader-card');
    await card.getByText('规则检查').waitFor();
    await card.getByText('联系点', { exact: false }).first().waitFor();
    await page.waitForTimeout(400); // the drawer slides in
    await page.screenshot({ path: path.join(artifactsDir, 'liaison-leader-card.png') });
  });
});
