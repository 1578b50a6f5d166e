/**
 * 汇总上报 as a person uses it: a banner's townships totalled, a figure opened to the branches
 * behind it, the table exported and recorded as reported, and after a branch's grade is
 * corrected the page lists and marks exactly the figures that changed since.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';
import { inspectXlsx } from '../helpers/office.ts';

describe('consolidation in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let banner: { id: number; name: string };
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await openApp('small', 2);
    ({ core, page } = app);
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    const city = (await core.call('org.children', { parentId: null, counts: false })).nodes[0]!;
    banner = (await core.call('org.children', { parentId: city.id, counts: false })).nodes[0]!;
  });
  afterAll(() => app?.close());

  const run = () => core.call('consolidate.run', { templateId: 'org-summary', year: 2026, unitId: banner.id });

  it('totals a banner by township, with where each row comes from, and opens a figure to the branches behind it', async () => {
    await page.locator('.ant-menu').getByText('汇总上报', { exact: true }).click();
    await page.getByTestId('scope-picker').click();
    await page.keyboard.insertText(banner.name);
    await page.locator('.ant-select-tree').getByText(banner.name, { exact: true }).click();
    const c = await run();
    const first = c.rows[0]!;
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(c.rows.length);
    await expect.poll(() => page.locator('[data-source="own"]').count()).toBe(c.rows.length);
    const cell = page.locator(`[data-cell="${first.unitId}:advanced"]`);
    expect(await cell.innerText()).toBe(String(first.values.advanced));
    expect(await page.locator('[data-cell="total:branches"]').innerText()).toBe(String(c.totals.branches));
    await cell.click();
    const trace = page.getByTestId('trace');
    await trace.waitFor();
    await trace.getByText(`共 ${first.values.advanced} 条，合计 ${first.values.advanced}`).waitFor();
    const names = (await core.call('ledger.list', { year: 2026, scopeOrgId: first.unitId, filter: { grade: ['advanced'] } })).rows.map((r) => r.name);
    await trace.getByText(names[0]!, { exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'consolidate-trace.png') });
    await page.locator('.ant-drawer-close').click();
  });

  it('exports the summary, records it as reported, and after a corrected grade shows exactly what changed', async () => {
    await page.getByRole('button', { name: '导出上报' }).click();
    // Said first, with how many units' figures no accepted return stands behind.
    const confirm = page.locator('.ant-modal-confirm');
    await expect(confirm.innerText()).resolves.toMatch(/其中 \d+ 个单位的数字不是来自已采纳的报表（本级数据 \d+ 个/);
    await confirm.getByRole('button', { name: '导出上报' }).click();
    await page.getByText(/已导出并记为已上报/).waitFor();
    await page.getByText(/与上次上报（.*）相比没有变化/).waitFor();
    const stored = core.conn.sqlite.prepare('SELECT file_name, file_hash FROM consolidation_report ORDER BY id DESC').get() as { file_name: string; file_hash: string };
    const file = path.join(path.dirname(core.conn.path), 'exports', stored.file_name);
    expect(fs.existsSync(file)).toBe(true);
    const before = await run();
    const s = inspectXlsx(file, 40).sheets[0]!;
    expect(s.rows[5]!.slice(0, 3)).toEqual([1, before.rows[0]!.unitName, before.rows[0]!.values.branches]);

    // A corrected return is imported: one branch of the second township goes from 先进 to 后进.
    const township = before.rows[1]!;
    const branch = (await core.call('ledger.list', { year: 2026, scopeOrgId: township.unitId, filter: { grade: ['advanced'] } })).rows[0]!;
    await core.call('ledger.edit', { changes: [{ id: branch.id, field: 'grade', value: 'lagging' }], source: 'typed' });
    // Back to the page: it runs again and compares with what was reported.
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    await page.locator('.ant-menu').getByText('汇总上报', { exact: true }).click();
    const changes = page.getByTestId('changes');
    await changes.getByText(/与上次上报（.*）相比有 4 处变化/).waitFor();
    await changes.getByText(`${township.unitName} 分类等次（个）·先进：${township.values.advanced} → ${township.values.advanced! - 1}（−1）`).waitFor();
    await expect.poll(() => page.locator('[data-changed="true"]').count()).toBe(4);
    expect(await page.locator(`[data-changed="true"] [data-cell="${township.unitId}:lagging"]`).innerText()).toBe(String(township.values.lagging! + 1));
    await page.screenshot({ path: path.join(artifactsDir, 'consolidate-changes.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
