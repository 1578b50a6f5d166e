/**
 * Views a person manages (saved with a name typed fresh, renamed, made the page's default and
 * opened again), and the ledger and import pages on a 1366×768 screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

/** The names in the grid's first rows, top to bottom. */
function namesShown(page: Page, n: number): Promise<string[]> {
  return page.evaluate((count) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const c = document.querySelector(`.ag-row[row-index="${i}"] .ag-cell[col-id="name"]`);
      if (c) out.push((c as HTMLElement).innerText);
    }
    return out;
  }, n);
}

const nameWidth = (page: Page) => page.locator('.ag-header-cell[col-id="name"]').first().evaluate((el) => Math.round(el.getBoundingClientRect().width));

const viewsButton = (page: Page) => page.locator('.ledger-toolbar').getByRole('button', { name: /视图/ });

describe('views in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let widened = 0;
  beforeAll(async () => {
    app = await openApp('small', 4, '分类台账');
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  it('saves a view under a name typed into an empty field with Enter, refuses a name taken, and Esc saves nothing', async () => {
    // Sorted by 正式党员, largest first, as a person clicks the header twice.
    const header = page.locator('.ag-header-cell[col-id="membersFormal"] .ag-header-cell-label').first();
    await header.click();
    await header.click();
    const rows = (await core.call('ledger.list', { year: 2026 })).rows;
    const largest = Math.max(...rows.map((r) => r.membersFormal ?? 0));
    await expect.poll(() => app.cell(0, 'membersFormal').innerText()).toBe(String(largest));
    // And narrowed by the 苏木乡镇 column's filter (the grid's filter model, not the quick search).
    const town = rows.find((r) => r.township && rows.some((x) => x.township !== r.township))!.township!;
    // The column's list of values (grid/filters), searched for this township: only what is found and ticked is kept.
    await page.locator('.ag-header-cell[col-id="township"] .ag-header-cell-filter-button').first().click();
    const popup = page.getByTestId('grid-filter');
    await popup.getByRole('option').first().waitFor();
    await popup.getByLabel('在值列表中搜索').fill(town);
    const option = popup.getByRole('option').filter({ has: page.locator('.grid-filter-label', { hasText: new RegExp(`^${town}$`) }) });
    await option.waitFor();
    if ((await option.getAttribute('aria-selected')) !== 'true') await option.click();
    await page.keyboard.press('Enter');
    const inTown = rows.filter((r) => r.township === town).length;
    await expect.poll(() => page.getByTestId('row-count').innerText()).toContain(`筛选后 ${inTown} 行`);
    await page.keyboard.press('Escape');
    // And the 党组织名称 column made wider by dragging its edge.
    const grip = (await page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-resize').first().boundingBox())!;
    const before = await nameWidth(page);
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(grip.x + grip.width / 2 + 90, grip.y + grip.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => nameWidth(page)).toBeGreaterThan(before + 60);
    widened = await nameWidth(page);

    await viewsButton(page).click();
    await page.getByText('保存当前视图…').click();
    const field = page.getByLabel('视图名称');
    await expect(field.inputValue()).resolves.toBe('');
    await field.pressSequentially('本镇按人数');
    await field.press('Enter');
    await page.getByText('已保存视图“本镇按人数”').first().waitFor();
    const saved = (await core.call('view.list', { grid: 'ledger' }))[0]!;
    expect(saved.name).toBe('本镇按人数');
    expect((saved.state as { filter: Record<string, unknown> }).filter).toHaveProperty('township');

    // The same name again: refused beside the field, nothing saved; Esc closes.
    await viewsButton(page).click();
    await page.getByText('保存当前视图…').click();
    await page.getByLabel('视图名称').fill('本镇按人数');
    await page.getByLabel('视图名称').press('Enter');
    await page.locator('.ant-form-item-explain-error', { hasText: '已有名为“本镇按人数”的视图，请换一个名称' }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'view-name-taken.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByLabel('视图名称').count()).toBe(0);
    expect(await core.call('view.list', { grid: 'ledger' })).toHaveLength(1);
  });

  it('renames the view, makes it the default, and the page opens with it (sort, filter, column width)', async () => {
    await viewsButton(page).click();
    await page.getByText('管理视图…').click();
    const item = page.getByTestId('view-本镇按人数');
    await item.getByRole('button', { name: '重命名' }).click();
    const field = page.getByLabel('视图名称');
    await expect(field.inputValue()).resolves.toBe('本镇按人数');
    // The name is selected as the dialog opens (over 管理视图): typing at once replaces it, no click needed.
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('本镇党员多的在前', { delay: 60 });
    await page.keyboard.press('Enter');
    const renamed = page.getByTestId('view-本镇党员多的在前');
    await renamed.getByRole('button', { name: '设为默认' }).click();
    await renamed.getByText('默认', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'views-manage.png') });
    expect((await core.call('view.list', { grid: 'ledger' })).map((v) => [v.name, v.isDefault])).toEqual([['本镇党员多的在前', true]]);
    const expected = await namesShown(page, 5);
    const count = await page.getByTestId('row-count').innerText();
    expect(count).toContain('筛选后');

    // Opened again: the whole app reloaded, nothing kept but what was saved.
    await page.reload();
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await page.getByTestId('row-count').filter({ hasText: '筛选后' }).waitFor();
    await expect(page.getByTestId('row-count').innerText()).resolves.toBe(count);
    await expect.poll(() => namesShown(page, 5)).toEqual(expected);
    await expect(page.locator('.ag-header-cell[col-id="membersFormal"]').first().getAttribute('aria-sort')).resolves.toBe('descending');
    await expect.poll(() => nameWidth(page)).toBe(widened);
    // And the 视图 button says which view the page opened with.
    await expect(viewsButton(page).innerText()).resolves.toContain('视图：本镇党员多的在前');
  });

  it('deletes a view after asking', async () => {
    await viewsButton(page).click();
    await page.getByText('管理视图…').click();
    await page.getByTestId('view-本镇党员多的在前').getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除视图“本镇党员多的在前”').first().waitFor();
    expect(await core.call('view.list', { grid: 'ledger' })).toEqual([]);
  });

  it('keeps every key typed as the name dialog opens: nothing selected and replaced under the fingers', async () => {
    // A person types once the caret shows, while the dialog is still fading in. Once up, the dialog
    // used to select the field, and the next key replaced what was typed (“本镇按人数” saved as “镇按人数”).
    await page.locator('.ant-modal-close:visible').click(); // 管理视图, left open by the deletion
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await viewsButton(page).click();
    await page.getByText('保存当前视图…').click();
    const field = page.getByLabel('视图名称');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement), { interval: 5 }).toBe(true);
    await page.keyboard.type('乡镇党员人数', { delay: 70 });
    await page.keyboard.press('Enter');
    await page.getByText('已保存视图“乡镇党员人数”').first().waitFor();
    const views = await core.call('view.list', { grid: 'ledger' });
    expect(views.map((v) => v.name)).toEqual(['乡镇党员人数']);
    await core.call('view.delete', { id: views[0]!.id });
  });
});

describe('a 1366×768 screen in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  beforeAll(async () => {
    app = await openApp('small', 1, '分类台账');
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  /** The toolbar on one line inside the window, and at least 20 whole rows in the grid's scrolling body. */
  const fitsOneScreen = async (width: number) => {
    const toolbar = page.locator('.ledger-toolbar');
    await expect.poll(() => toolbar.evaluate((el) => new Set([...el.children].map((c) => Math.round(c.getBoundingClientRect().top))).size)).toBe(1);
    const box = (await toolbar.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    // Whole rows inside the grid's scrolling body (not the totals row).
    await expect
      .poll(() =>
        page.evaluate(() => {
          // AG Grid 36 draws a row's parts (pinned, centre) under one row-index: count the indexes.
          const body = document.querySelector('.ledger-grid .ag-grid-scrollable-area')!.getBoundingClientRect();
          const whole = [...document.querySelectorAll('.ledger-grid .ag-row')].filter((r) => {
            const b = r.getBoundingClientRect();
            return /^\d+$/.test(r.getAttribute('row-index') ?? '') && b.top >= body.top - 1 && b.bottom <= body.bottom + 1;
          });
          return new Set(whole.map((r) => r.getAttribute('row-index'))).size;
        }),
      )
      .toBeGreaterThanOrEqual(20);
  };

  it('keeps the ledger toolbar on one line, the rarer buttons under 更多, and shows at least 20 whole rows (1600×900 and 1366×768)', async () => {
    for (const [width, height] of [[1600, 900], [1366, 768]] as const) {
      await page.setViewportSize({ width, height });
      await fitsOneScreen(width);
    }
    await page.getByRole('button', { name: /更多/ }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'ledger-1366.png') });
    // What 更多 holds still works.
    await page.getByRole('button', { name: /更多/ }).click();
    await page.locator('.ant-dropdown').getByRole('menuitem', { name: '检查' }).click();
    await page.locator('.ant-drawer').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer').first().waitFor({ state: 'hidden' });
  });

  it('keeps one line with a view of a long name in use (the 视图 button widens), and gives the room back on a wide screen', async () => {
    await viewsButton(page).click();
    await page.getByText('保存当前视图…').click();
    await page.getByLabel('视图名称').pressSequentially('后进党支部书记人数核对用');
    await page.getByLabel('视图名称').press('Enter');
    await expect.poll(() => viewsButton(page).innerText()).toContain('后进党支部');
    await fitsOneScreen(1366);
    await page.screenshot({ path: path.join(artifactsDir, 'ledger-1366-long-view.png') });
    // Everything folded is still in 更多; a wider window shows the buttons again.
    await page.getByRole('button', { name: /更多/ }).click();
    await expect(page.locator('.ant-dropdown').getByRole('menuitem').allInnerTexts()).resolves.toEqual(['修改记录（选中一行）', '已删除', '党支部名片（选中一行）', '检查']);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => page.locator('.ledger-toolbar').getByRole('button', { name: /更多/ }).count()).toBe(0);
    await expect(page.locator('.ledger-toolbar').getByRole('button', { name: '修改记录' }).count()).resolves.toBe(1);
    await fitsOneScreen(1920);
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('sends down from 报表导出 with the result table across the page, file names naming the unit once, and the folder remembered', async () => {
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    const panel = page.getByTestId('export-panel');
    await panel.waitFor();
    await page.getByText('附件1 党支部分类台账').click();
    await page.getByTestId('scope-picker').click();
    const banner = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id, counts: false })).nodes[0]!;
    await page.keyboard.insertText(banner.name);
    await page.locator('.ant-select-tree').getByText(banner.name, { exact: true }).click();
    await page.getByLabel('标题').fill('{unit}{year}年党支部分类台账');
    await page.getByRole('button', { name: /按下级单位分别下发/ }).click();
    const result = page.getByTestId('send-down-result');
    await result.locator('tbody tr').first().waitFor();
    await page.waitForTimeout(500); // brought into view smoothly
    await page.screenshot({ path: path.join(artifactsDir, 'send-down-1366.png') });
    const table = (await result.boundingBox())!;
    const whole = (await panel.boundingBox())!;
    expect(table.width).toBeGreaterThan(whole.width * 0.9);
    const names = await result.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(names.length).toBeGreaterThan(1);
    // 附件1 first, then the unit named once: never “附件1 桥头镇-桥头镇2026年…”.
    for (const n of names) expect(n).toMatch(/^附件1 (?!(.{2,})-\1)/);
    // The stand-in dialog (the harness's folder) made the folder in the exports folder: that is remembered.
    const remembered = core.conn.sqlite.prepare("SELECT value FROM setting WHERE key = 'shell.lastFolder'").get() as { value: string } | undefined;
    expect(remembered && JSON.parse(remembered.value)).toBe(fs.realpathSync(path.join(path.dirname(core.conn.path), 'exports')));
  });

  it('shows the import 提交 confirmation whole, inside the window', async () => {
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    const sent = (await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner!.id, year: 2026, folder: folder! })).files[0]!;
    await page.reload();
    await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
    await page.getByTestId('import-file-input').setInputFiles(sent.file);
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    await page.getByRole('button', { name: '提交' }).click();
    const pop = page.locator('.ant-popconfirm').filter({ hasText: '按当前选择写入台账？' });
    await pop.getByRole('button', { name: '提交' }).waitFor();
    // Placed once its motion ends.
    await page.waitForTimeout(400);
    const b = (await pop.boundingBox())!;
    await page.screenshot({ path: path.join(artifactsDir, 'import-confirm-1366.png') });
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(1366);
    expect(b.y + b.height).toBeLessThanOrEqual(768);
    expect(path.basename(sent.file)).not.toMatch(/^(.+)-\1/);
  });
});
