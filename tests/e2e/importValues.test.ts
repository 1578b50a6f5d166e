/**
 * Values mapped once, as a person does it in Chromium: a hand-made ledger whose headers are
 * read by their words (shown as guesses with how sure), then each value of the “最强党支部”
 * column that the dictionary does not know shown once with its count and cells; an entry
 * picked for it, and the preview follows at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'values-expected.json'), 'utf8')) as {
  'values-ledger.xlsx': { rows: number; guessed: string[]; unknownValues: { value: string; count: number; cells: string[] }[] };
};
const first = expected['values-ledger.xlsx'];

describe('values mapped once, in Chromium', () => {
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

  it('shows the guessed columns, then each unknown value once; an entry picked for it applies to all its cells', async () => {
    await page.getByTestId('import-file-input').setInputFiles(path.join(fixtures, 'values-ledger.xlsx'));
    const mapping = page.getByTestId('mapping-step');
    await mapping.waitFor();
    for (const letter of first.guessed) await expect(mapping.getByTestId(`guessed-${letter}`).innerText()).resolves.toMatch(/^猜测 · 把握 \d+%$/);
    await expect(mapping.locator('tr', { hasText: '党组织书记' }).locator('.ant-select-content').getAttribute('title')).resolves.toBe('书记·姓名');
    await page.screenshot({ path: path.join(artifactsDir, 'import-mapping-guessed.png') });
    await mapping.getByRole('button', { name: '按此对应重新核对' }).click();

    // 否 and 旗县级‘最强党支部’ are read by the built-in synonyms; 正在创建 is asked once, with its three cells.
    const step = page.getByTestId('values-step');
    await step.waitFor();
    const odd = first.unknownValues.find((v) => v.value === '正在创建')!;
    const rows = step.locator('.ant-table-tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    const row = rows.first();
    await expect(row.innerText()).resolves.toContain('正在创建');
    await expect(row.locator('td').nth(2).innerText()).resolves.toBe(String(odd.count));
    await expect(row.locator('td').nth(3).innerText()).resolves.toBe(odd.cells.join('、'));
    const counts = page.getByTestId('import-counts');
    await expect(counts.innerText()).resolves.toMatch(/错误\s*1\b/);
    await page.screenshot({ path: path.join(artifactsDir, 'import-values-step.png') });

    await row.locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '创建中' }).click();
    await step.getByRole('button', { name: '按所选读取并重新核对' }).click();

    // At once: no error left, every row new, the step gone; the value is remembered for the next file.
    await expect.poll(() => counts.innerText()).toMatch(/错误\s*0\b/);
    await expect(counts.innerText()).resolves.toMatch(new RegExp(`新增\\s*${first.rows}\\b`));
    await expect.poll(() => step.count()).toBe(0);
    const grid = page.getByTestId('import-grid');
    const cellOf = (sourceRow: number) => grid.locator('.ag-row', { has: page.locator('.ag-cell[col-id="sourceRow"]', { hasText: new RegExp(`^${sourceRow}$`) }) }).locator('.ag-cell[col-id="strongestStatus"]').first();
    await expect.poll(() => cellOf(Number(odd.cells[0]!.slice(1))).innerText()).toBe('创建中');
    const entries = await core.call('dict.list', { dict: 'strongest_status' });
    expect(entries.find((e) => e.code === 'creating')!.synonyms).toContain('正在创建');
    await page.screenshot({ path: path.join(artifactsDir, 'import-values-mapped.png') });
  });
});
