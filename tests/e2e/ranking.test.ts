/**
 * 排名与提醒谈话 in Chromium: the unit's branches ranked as the rule says, the rule changed in its
 * dialog (a weight out of range refused beside the field, not clamped), and the reminder list
 * of the branches near the bottom two years running.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

describe('排名与提醒谈话 in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 5);
    ({ core, page } = app);
    // Last year's ledger with its four-evaluation scores, so that "two years running" has a year before.
    await core.call('ledger.copyYear', { from: 2026, to: 2025 });
    core.conn.sqlite.prepare("INSERT INTO evaluation (uid, year, org_id, stage, score, result, created_at, updated_at) SELECT 'e25-' || org_id, 2025, org_id, 'township', 60 + (org_id % 40), 'pass', '2025-06-01', '2025-06-01' FROM branch_ledger WHERE year = 2025").run();
  });
  afterAll(() => app?.close());

  it('ranks the branches, changes the rule in its dialog, and lists the reminder talks', async () => {
    await page.locator('.ant-menu').getByText('最强党支部', { exact: true }).click();
    await page.getByRole('tab', { name: '排名与提醒谈话' }).click();
    const panel = page.getByTestId('ranking-panel');
    const ranking = await core.call('ranking.list', { year: 2026 });
    await panel.getByText(`综合排名（${ranking.total}）`).click();
    const first = ranking.rows[0]!;
    await expect.poll(() => panel.locator('.ant-table-row').first().innerText()).toContain(first.name);

    await panel.getByRole('button', { name: '排名规则' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '排名规则' });
    const share = dialog.getByLabel('排名靠后的比例（%）');
    await share.fill('');
    await share.pressSequentially('150', { delay: 30 });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('排名靠后的比例“150”有误').waitFor();
    expect(await share.inputValue()).toBe('150');
    expect((await core.call('ranking.settings', {})).bottomShare).toBe(0.1);
    await share.fill('');
    await share.pressSequentially('30', { delay: 30 });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await core.call('ranking.settings', {})).bottomShare).toBe(0.3);

    // With 30 % near the bottom, some branches were near the bottom both years.
    const reminders = await core.call('ranking.reminders', { year: 2026 });
    expect(reminders.rows.length).toBeGreaterThan(0);
    await panel.getByText(`提醒谈话名单（${reminders.rows.length}）`).click();
    await expect.poll(() => panel.locator('.ant-table-row').first().innerText()).toContain(reminders.rows[0]!.name);
    await page.screenshot({ path: path.join(artifactsDir, 'ranking-reminders.png') });
  });
});
