/**
 * Exporting as a person does: pick a template, change the title, see the preview
 * follow, export and find the file (read back by openpyxl); send a banner's table down
 * to its townships; export exactly the rows the ledger grid shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';
import { inspectXlsx } from '../helpers/office.ts';

describe('export in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 2);
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  it('exports a template with a changed title, as the preview shows it', async () => {
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    const panel = page.getByTestId('export-panel');
    await panel.waitFor();
    await page.getByText('附件3 领导干部领办实事项目台账').click();
    const preview = page.getByTestId('export-preview');
    await preview.getByText('领办实事项目台账', { exact: false }).first().waitFor();
    await page.getByLabel('标题').fill('{unit}{year}年领办实事项目推进情况');
    await expect.poll(() => preview.locator('.export-title').innerText()).toMatch(/^赤峰市2026年领办实事项目推进情况$/);
    await page.screenshot({ path: path.join(artifactsDir, 'export-preview.png') });
    await panel.getByRole('button', { name: /导出/ }).first().click();
    await page.getByText('已导出', { exact: true }).waitFor();
    const batch = (await core.call('export.batches', {}))[0]!;
    expect(batch.templateId).toBe('projects');
    const file = path.join(path.dirname(core.conn.path), 'exports', batch.fileName);
    expect(fs.existsSync(file)).toBe(true);
    const s = inspectXlsx(file).sheets[0]!;
    expect(s.rows[0]![0]).toBe('附件3');
    expect(s.rows[1]![0]).toBe('赤峰市2026年领办实事项目推进情况');
    const projects = (await core.call('records.list', { table: 'project', year: 2026 })).rows.length;
    expect(batch.rows).toBe(projects);
  });

  it('sends the ledger down to every township of the banner, one file each', async () => {
    await page.getByText('附件1 党支部分类台账').click();
    await page.getByTestId('scope-picker').click();
    const banner = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id, counts: false })).nodes[0]!;
    await page.keyboard.insertText(banner.name);
    await page.locator('.ant-select-tree').getByText(banner.name, { exact: true }).click();
    await page.getByRole('button', { name: /按下级单位分别下发/ }).click();
    const result = page.getByTestId('send-down-result');
    await result.waitFor();
    const townships = (await core.call('org.children', { parentId: banner.id, counts: false })).nodes;
    await expect.poll(() => result.locator('tbody tr').count()).toBe(townships.length);
  });

  it('exports exactly the rows the ledger grid shows after a search', async () => {
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await app.cell(0, 'name').waitFor();
    await page.getByLabel('快速搜索').fill('嘎查');
    await expect.poll(() => page.getByTestId('row-count').innerText()).toContain('筛选后');
    const shown = await page.getByTestId('row-count').innerText();
    const n = Number(/筛选后 ([\d,]+) 行/.exec(shown)![1]!.replace(/,/g, ''));
    await page.getByRole('button', { name: /导出/ }).first().click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '导出党支部分类台账' });
    await dialog.getByText(`表格中当前显示的 ${n.toLocaleString('zh-CN')} 行（已筛选）`).waitFor();
    await dialog.getByRole('button', { name: /导出/ }).first().click();
    await dialog.getByText('已导出', { exact: true }).waitFor();
    const batch = (await core.call('export.batches', {}))[0]!;
    expect(batch.rows).toBe(n);
    const file = path.join(path.dirname(core.conn.path), 'exports', batch.fileName);
    const s = inspectXlsx(file, 10 + n).sheets[0]!;
    // The quick search matches any column (a name, or the field 嘎查村): so does every row exported.
    const rows = s.rows.slice(5, 5 + n);
    expect(rows.every((r) => r.join(' ').includes('嘎查'))).toBe(true);
    expect(s.rows[5 + n]![0]).toBe('合计');
  });
});
