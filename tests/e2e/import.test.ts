/**
 * Importing as a person does: a file picked in the page, the column mapping confirmed,
 * the comparison filtered and a cell rejected, the commit, and the whole import undone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');

describe('import in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 1);
    ({ core, page } = app);
    await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
    await page.getByTestId('import-drop').waitFor();
  });
  afterAll(() => app?.close());

  it('reads a hand-made ledger, asks for its columns once, and shows the comparison', async () => {
    await page.getByTestId('import-file-input').setInputFiles(path.join(fixtures, 'handmade-ledger.xlsx'));
    const mapping = page.getByTestId('mapping-step');
    await mapping.waitFor();
    await expect(mapping.locator('tr', { hasText: '支部名称' }).locator('.ant-select-content').getAttribute('title')).resolves.toBe('党组织名称');
    await mapping.getByRole('button', { name: '按此对应重新核对' }).click();
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    const counts = page.getByTestId('import-counts');
    await expect(counts.innerText()).resolves.toMatch(/读取\s*14/);
    // Only the rows with errors: the two bad dates, and both listings of a branch listed twice with different values.
    await page.getByText('只看错误', { exact: true }).click();
    const shownRows = () => page.getByTestId('import-grid').evaluate((el) => new Set([...el.querySelectorAll('.ag-row')].map((r) => r.getAttribute('row-index'))).size);
    await expect.poll(shownRows).toBe(4);
    await expect(page.getByTestId('import-grid').locator('.ag-cell.cell-invalid').first().innerText()).resolves.toBe('2021.13.1');
    await page.screenshot({ path: path.join(artifactsDir, 'import-preview.png') });
  });

  it('commits what is accepted and a date corrected in the preview, then undoes the whole import', async () => {
    const grid = page.getByTestId('import-grid');
    // The bad date of row 12 (东梁村) corrected in the grid: that row goes in too.
    await page.getByText('只看错误', { exact: true }).click();
    const bad = grid.locator('.ag-cell.cell-invalid').first();
    await bad.dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2021.3.1');
    await page.keyboard.press('Enter');
    await expect.poll(() => grid.locator('.ag-cell.cell-invalid').count()).toBe(1);
    await page.getByText('只看有修改', { exact: true }).click();
    const changed = grid.locator('.ag-cell.import-change').first();
    await changed.waitFor();
    // A click leaves this value out.
    await changed.click();
    await expect.poll(() => grid.locator('.ag-cell.import-rejected').count()).toBe(1);
    const before = (await core.call('import.history', {})).length;
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').innerText()).resolves.toContain('新增 1 个党支部');
    const history = await core.call('import.history', {});
    expect(history).toHaveLength(before + 1);
    const added = await core.call('org.search', { query: '新立手工村党支部' });
    expect(added).toHaveLength(1);
    const fixed = (await core.call('ledger.list', { year: 2026, filter: { text: '东梁村' } })).rows[0]!;
    expect(fixed.termChangedOn).toBe('2021-03-01');
    await page.getByRole('button', { name: '整批撤销' }).first().click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click();
    // What the undo left is listed: here the branch the import created stays in the tree.
    const left = page.locator('.ant-modal-confirm');
    await expect(left.innerText()).resolves.toContain('这次导入新建的 1 个党支部仍在组织机构中');
    await left.getByRole('button').click();
    await page.getByText('已撤销', { exact: true }).first().waitFor();
    expect((await core.call('import.history', {}))[0]!.status).toBe('undone');
    await expect(page.getByTestId('import-result').count()).resolves.toBe(0);
  });

  it('takes a file dropped anywhere on the window to the import', async () => {
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await page.waitForURL(/#\/ledger/);
    const bytes = fs.readFileSync(path.join(fixtures, 'returned-libreoffice.xlsx')).toString('base64');
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], '经棚镇报送.xlsx'));
      document.querySelector('.ant-layout-content')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await page.waitForURL(/#\/import/);
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    await expect(page.getByTestId('import-counts').innerText()).resolves.toMatch(/读取\s*24/);
    await page.getByRole('button', { name: '放弃' }).click();
    await page.getByTestId('import-drop').waitFor();
  });

  it('says clearly why a file cannot be read', async () => {
    await page.getByTestId('import-file-input').setInputFiles(path.join(fixtures, 'zip-bomb.xlsx'));
    await expect(page.getByTestId('import-error').innerText()).resolves.toContain('可能是恶意构造的文件');
  });
});
