/**
 * A hand-made ledger of 220 branches into a fresh tree, in Chromium: the unit the tree lacks is
 * shown once with its rows and proposed county; declining it leaves its rows out of the plan,
 * choosing it again (under another county) puts them back; the commit creates it there.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { artifactsDir, launchChromium, rendererDir } from '../helpers/browser.ts';
import { seededCore } from '../helpers/core.ts';

const dir = path.resolve(import.meta.dirname, '../fixtures/import/handmade');
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
  townships: string[];
  files: { 'ningcheng-220.xlsx': { newUnits: { name: string; rows: number; cells: string[] }[] } };
};
const unit = expected.files['ningcheng-220.xlsx'].newUnits[0]!;

describe('a unit the tree lacks, decided in the import page', () => {
  let core: Core;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let other: number;

  beforeAll(async () => {
    ({ core } = await seededCore(null));
    const city = await core.call('org.create', { parentId: null, name: '赤峰市委', level: 'city' });
    const county = await core.call('org.create', { parentId: city.id, name: '宁城县委' });
    other = (await core.call('org.create', { parentId: city.id, name: '喀喇沁旗委' })).id;
    for (const t of expected.townships) await core.call('org.create', { parentId: county.id, name: t });
    harness = await startHarness(core, { staticDir: rendererDir() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN' });
    await page.goto(harness.url);
    await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
    await page.getByTestId('import-drop').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await core?.close();
  });

  it('shows the unit once with its rows and proposed county; declined, its rows leave the plan; created under the county chosen', async () => {
    await page.getByTestId('import-file-input').setInputFiles(path.join(dir, 'ningcheng-220.xlsx'));
    const mapping = page.getByTestId('mapping-step');
    const panel = page.getByTestId('import-new-units');
    // A layout seen for the first time asks for its columns first.
    await Promise.race([mapping.waitFor(), panel.waitFor()]);
    if (await mapping.isVisible()) await mapping.getByRole('button', { name: '按此对应重新核对' }).click();
    await panel.waitFor();
    await expect(panel.innerText()).resolves.toContain(unit.name);
    await expect(panel.innerText()).resolves.toContain(`${unit.rows} 个党支部（${unit.cells.slice(0, 4).map((c) => `党支部分类台账!${c}`).join('、')} 等）`);
    const parent = panel.getByTestId(`new-unit-parent-${unit.name}`);
    await expect(parent.innerText()).resolves.toContain('宁城县委');
    const plan = page.getByTestId('import-plan');
    await expect(plan.innerText()).resolves.toMatch(/新建 1 个单位/);
    const created = Number(/新增 (\d+) 个党支部/.exec(await plan.innerText())![1]);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, 'import-new-units.png') });

    // Declined: its rows are not taken, and the plan says so.
    await panel.getByTestId(`new-unit-decision-${unit.name}`).getByText('不新建').click();
    await expect.poll(() => panel.innerText()).toContain(`其下 ${unit.rows} 行不导入`);
    await expect.poll(() => plan.innerText()).not.toMatch(/新建 1 个单位/);
    const without = Number(/新增 (\d+) 个党支部/.exec(await plan.innerText())![1]);
    expect(without).toBeLessThan(created);

    // Chosen again, under another county picked in the list.
    await parent.click();
    await page.locator('.ant-select-dropdown:visible').getByText('喀喇沁旗委', { exact: true }).click();
    await expect.poll(() => plan.innerText()).toMatch(/新建 1 个单位/);
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    await page.getByTestId('import-result').waitFor();
    const made = core.conn.sqlite.prepare('SELECT id FROM org WHERE parent_id = ? AND name = ?').get(other, unit.name) as { id: number } | undefined;
    expect(made).toBeDefined();
    const branches = (core.conn.sqlite.prepare('SELECT count(*) AS n FROM org WHERE parent_id = ?').get(made!.id) as { n: number }).n;
    expect(branches).toBe(created - without);
    await page.screenshot({ path: path.join(artifactsDir, 'import-new-units-done.png') });
  });
});
