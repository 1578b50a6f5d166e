/**
 * The first hour of an office, in Chromium, on a new database: choose 宁城县 → import the
 * banner's hand-made ledger (its columns confirmed once, a value the dictionary does not know
 * mapped once, a unit the tree lacks created) → commit → the ledger shows each branch under its
 * township; then a second file of the same layout asks nothing: no columns, no values, no units.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { artifactsDir, launchChromium, rendererDir } from '../helpers/browser.ts';
import { seededCore } from '../helpers/core.ts';
import { python } from '../helpers/office.ts';

const dir = path.resolve(import.meta.dirname, '../fixtures/import/handmade');
interface ExpectedRow { row: number; name: string; township: string | null; newUnit: string | null }
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
  files: { 'ningcheng-220.xlsx': { rows: ExpectedRow[]; newUnits: { name: string; rows: number }[] } };
};
const file = expected.files['ningcheng-220.xlsx'];
/** Rows of the first file whose 所属领域 is written 两新组织: a word offices use that no entry of the dictionary is. */
const twoNewRows = [8, 9, 10, 11];
/** Rows of the second file whose 正式党员 the unit raised by one. */
const raisedRows = [6, 7, 12, 13, 14];

/** The two files as the banner's office would make them, written by openpyxl from the fixture. */
function makeFiles(out: string): { first: string; second: string } {
  const first = path.join(out, '宁城县党支部分类台账.xlsx');
  const second = path.join(out, '宁城县党支部分类台账（第二次报送）.xlsx');
  const script = `
import openpyxl, sys, datetime
src, first, second = sys.argv[1:4]
wb = openpyxl.load_workbook(src)
ws = wb.active
for r in ${JSON.stringify(twoNewRows)}: ws.cell(r, 5).value = '两新组织'
wb.save(first)
# The second return: made after the first was imported (no 填报日期: its saved time says when).
for r in ${JSON.stringify(raisedRows)}: ws.cell(r, 6).value = ws.cell(r, 6).value + 1
ws['A228'] = '填报人：王丽        审核人：赵刚'
wb.properties.modified = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) + datetime.timedelta(minutes=5)
wb.save(second)
`;
  execFileSync(python, ['-c', script, path.join(dir, 'ningcheng-220.xlsx'), first, second]);
  return { first, second };
}

describe('the first hour, in Chromium', () => {
  let core: Core;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let files: { first: string; second: string };
  const counts = () => page.getByTestId('import-counts');

  beforeAll(async () => {
    files = makeFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'first-hour-')));
    ({ core } = await seededCore(null));
    harness = await startHarness(core, { staticDir: rendererDir() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
    await page.goto(harness.url);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await core?.close();
  });

  it('chooses 宁城县, imports its hand-made ledger with one question per new thing, and shows every branch under its township', async () => {
    const dialog = page.locator('.ant-modal').filter({ hasText: '先选择本单位' });
    await dialog.waitFor();
    await dialog.getByTestId('first-run-unit').click();
    await page.keyboard.type('宁城', { delay: 60 });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '150429' }).first().click();
    await dialog.getByTestId('first-run-name').fill('李明');
    await dialog.getByRole('button', { name: '开始使用' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
    await page.getByTestId('import-file-input').setInputFiles(files.first);
    // A layout never seen: its columns are asked once (and remembered).
    const mapping = page.getByTestId('mapping-step');
    await mapping.waitFor();
    await mapping.getByRole('button', { name: '按此对应重新核对' }).click();
    // 两新组织 is asked once for its four cells; the rest of what the office wrote is read by the built-in synonyms.
    const values = page.getByTestId('values-step');
    await values.waitFor();
    const asked = values.locator('.ant-table-tbody tr');
    await expect(asked.count()).resolves.toBe(1);
    await expect(asked.first().innerText()).resolves.toContain('两新组织');
    await expect(asked.first().locator('td').nth(2).innerText()).resolves.toBe(String(twoNewRows.length));
    await values.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, 'first-hour-values.png') });
    await asked.first().locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '社会组织' }).first().click();
    await values.getByRole('button', { name: '按所选读取并重新核对' }).click();
    await expect.poll(() => values.count()).toBe(0);

    // The units the file names and the tree lacks (the development zone, and two townships of the
    // file that the 2022 divisions no longer list), each proposed under 宁城县委 and created with its branches.
    const unit = file.newUnits[0]!;
    const tree = (await core.call('org.search', { query: '镇', limit: 200 })).map((h) => h.node.name).concat((await core.call('org.search', { query: '乡', limit: 200 })).map((h) => h.node.name));
    const lacking = [...new Set(file.rows.filter((r) => r.township && !tree.some((n) => n.startsWith(r.township!))).map((r) => r.township!)), unit.name];
    expect(lacking.length).toBeGreaterThan(1);
    const panel = page.getByTestId('import-new-units');
    for (const name of lacking) await expect(panel.getByTestId(`new-unit-parent-${name}`).innerText()).resolves.toContain('宁城县委');
    await expect(page.getByTestId('import-plan').innerText()).resolves.toContain(`新建 ${lacking.length} 个单位`);
    await expect.poll(() => counts().innerText()).toMatch(/错误\s*0\b/);
    await expect(counts().innerText()).resolves.toMatch(new RegExp(`新增\\s*${file.rows.length}\\b`));
    // What the office wrote otherwise than the dictionary's names is told before the commit: 好 is read as 先进.
    await page.getByText(/按字典同义词读取的写法/).click();
    await expect(page.getByTestId('import-synonyms').innerText()).resolves.toMatch(/等次：“好”读作“先进”，44 处/);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, 'first-hour-preview.png') });
    await page.getByRole('button', { name: '提交' }).click();
    // The confirmation says what the commit writes, the units it creates first.
    await expect(page.locator('.ant-popconfirm').innerText()).resolves.toContain(`将新建 ${lacking.length} 个单位，新增 ${file.rows.length} 个党支部`);
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    // 220 branches and 3 units in one transaction: a machine busy with other work may take a while.
    await page.getByTestId('import-result').waitFor({ timeout: 90_000 });
    await expect(page.getByTestId('import-result').innerText()).resolves.toContain(`已导入：新建 ${lacking.length} 个单位，新增 ${file.rows.length} 个党支部`);

    // In 分类台账, each township holds exactly the branches the file put under it.
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    const byTownship = new Map<string, string[]>();
    for (const r of file.rows) {
      const place = r.township ?? r.newUnit!;
      byTownship.set(place, [...(byTownship.get(place) ?? []), r.name]);
    }
    const picker = page.getByTestId('scope-picker');
    for (const township of ['天义镇', unit.name]) {
      await picker.click();
      await page.keyboard.insertText(township);
      await page.locator('.ant-select-tree-title', { hasText: township }).first().click();
      await expect.poll(() => page.getByTestId('row-count').innerText(), { timeout: 15_000 }).toBe(`共 ${byTownship.get(township)!.length} 行`);
      const shown = await core.call('ledger.list', { year: 2026, scopeOrgId: (await core.call('org.search', { query: township }))[0]!.node.id });
      expect(shown.rows.map((r) => r.name).sort()).toEqual([...byTownship.get(township)!].sort());
    }
    await page.screenshot({ path: path.join(artifactsDir, 'first-hour-ledger.png') });
    // Written as 李明, and 两新组织 read as the entry chosen.
    const twoNew = file.rows.filter((r) => twoNewRows.includes(r.row));
    const all = (await core.call('ledger.list', { year: 2026 })).rows;
    const written = twoNew.map((t) => all.filter((r) => r.name === t.name && String(r.township).startsWith(t.township!)));
    expect(written.map((hits) => hits.map((r) => r.field))).toEqual(twoNew.map(() => ['social_org']));
    expect((await core.call('import.history', {}))[0]!.actor).toBe('李明');
  });

  it('reads a second file of the same layout without a question: only the unit’s changes', async () => {
    await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
    await page.getByTestId('import-file-input').setInputFiles(files.second);
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    await expect.poll(() => counts().innerText()).toMatch(new RegExp(`修改\\s*${raisedRows.length}\\b`));
    await expect(counts().innerText()).resolves.toMatch(/新增\s*0\b/);
    await expect(counts().innerText()).resolves.toMatch(/冲突\s*0\b/);
    for (const step of ['mapping-step', 'values-step', 'import-new-units']) await expect(page.getByTestId(step).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(artifactsDir, 'first-hour-second-file.png') });
  });
});
