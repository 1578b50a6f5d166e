/** Editing the classified ledger as a person does: keyboard, a bad value, pinyin search. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { pinyinKeys } from '../../shared/domain/pinyin.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

describe('classified ledger in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let target: LedgerRow;
  const cell = (col: string) => app.cell(0, col);

  beforeAll(async () => {
    app = await openApp('small', 4, '分类台账');
    ({ core, page } = app);
    const rows = (await core.call('ledger.list', { year: 2026 })).rows;
    // A branch whose pinyin initials no other branch shares.
    target = rows.find((r) => r.field === 'village' && rows.filter((x) => x.initials.startsWith(r.initials)).length === 1)!;
  });
  afterAll(() => app?.close());


  it('finds a branch by its pinyin initials', async () => {
    await page.getByLabel('快速搜索').fill(target.initials);
    await expect.poll(() => page.getByTestId('row-count').innerText()).toContain('筛选后 1 行');
    await expect(cell('name').innerText()).resolves.toBe(target.name);
  });

  it('edits a cell with the keyboard and the core stores it, with an audit record', async () => {
    await cell('membersFormal').click();
    await page.keyboard.type('57');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('membersFormal').innerText()).toBe('57');
    const stored = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === target.id)!;
    expect(stored.membersFormal).toBe(57);
    expect((await core.call('ledger.history', { id: target.id }))[0]).toMatchObject({ field: 'membersFormal', newValue: 57, source: 'typed' });
  });

  it('marks a bad value red with a Chinese tooltip, and keeps it', async () => {
    // Chinese arrives through the IME as text, not key presses: open the editor with F2 first.
    await cell('membersProbationary').click();
    await page.keyboard.press('F2');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('两个');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('membersProbationary').getAttribute('class')).toContain('cell-invalid');
    await expect(cell('membersProbationary').innerText()).resolves.toBe('两个');
    await page.mouse.move(5, 5);
    await cell('membersProbationary').hover();
    await expect(page.locator('.ag-tooltip, [class*="ag-tooltip"]').first().innerText()).resolves.toContain('不是整数');
    const stored = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === target.id)!;
    expect(stored.invalid?.membersProbationary?.raw).toBe('两个');
    await page.screenshot({ path: path.join(artifactsDir, 'ledger-invalid.png') });
    // Fixing it clears the mark.
    await cell('membersProbationary').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('membersProbationary').getAttribute('class')).not.toContain('cell-invalid');
  });

  it('keeps the lines of a long note edited in the grid, and starts a new one with Alt+Enter', async () => {
    const id = Number(await page.locator('.ag-row[row-index="0"]').first().getAttribute('row-id'));
    const notes = () => core.call('ledger.list', { year: 2026 }).then((l) => l.rows.find((r) => r.id === id)!.notes);
    await cell('name').click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    // Two lines typed in the cell: Alt+Enter breaks the line, Enter saves.
    await page.keyboard.press('F2');
    await page.keyboard.type('第一行', { delay: 30 });
    await page.keyboard.press('Alt+Enter');
    await page.keyboard.type('第二行', { delay: 30 });
    await page.keyboard.press('Enter');
    await expect.poll(notes).toBe('第一行\n第二行');
    // Enter on the one row the search leaves stays on it (below is only 合计, where nothing is typed).
    await expect.poll(() => page.locator('.ag-row:not(.ag-row-pinned) .ag-cell-focus').getAttribute('col-id')).toBe('notes');
    // Edited again, the lines stay (a one-line editor would have joined them).
    await page.keyboard.press('F2');
    await page.keyboard.type('（补）', { delay: 30 });
    await page.keyboard.press('Enter');
    await expect.poll(notes).toBe('第一行\n第二行（补）');
  });

  it('saves the current view under a name and lists it', async () => {
    await page.getByRole('button', { name: /视图/ }).click();
    await page.getByText('保存当前视图…').click();
    await page.getByLabel('视图名称').fill('只看新惠镇');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存视图“只看新惠镇”').first().waitFor();
    expect((await core.call('view.list', { grid: 'ledger' })).map((v) => v.name)).toEqual(['只看新惠镇']);
  });

  it('finds a township\'s branches by the township\'s pinyin initials in the quick search', async () => {
    const rows = (await core.call('ledger.list', { year: 2026 })).rows;
    const town = rows.find((r) => r.townshipInitials && r.townshipInitials.length >= 4)!;
    const query = town.townshipInitials!.slice(0, 4);
    // Every row the grid should keep: the township's, and any other whose own name or initials hold the letters.
    const expected = rows.filter((r) => [r.township, r.townshipInitials, r.name, r.initials].some((t) => t?.toLowerCase().includes(query))).length;
    expect(expected).toBeGreaterThanOrEqual(rows.filter((r) => r.townshipId === town.townshipId).length);
    await page.getByLabel('快速搜索').fill(query);
    await expect.poll(() => page.getByTestId('row-count').innerText()).toContain(`筛选后 ${expected} 行`);
    await page.getByLabel('快速搜索').fill('');
  });

  it('scopes the ledger to a township typed into the unit picker by its pinyin initials', async () => {
    await page.getByLabel('快速搜索').fill('');
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const town = (await core.call('org.children', { parentId: banner!.id })).nodes.find((n) => n.level === 'township')!;
    const total = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).total;
    await page.getByTestId('scope-picker').click();
    // Its initials (经棚镇党委 → jpzdw), not loaded in the picker until searched for.
    await page.keyboard.type(pinyinKeys(town.name).initials.slice(0, 4));
    await page.locator('.ant-select-tree-title', { hasText: town.name }).first().click();
    await expect.poll(() => page.getByTestId('row-count').innerText()).toBe(`共 ${total} 行`);
  });

  it('opens the checks panel and jumps to a row', async () => {
    await page.getByLabel('快速搜索').fill('');
    await page.getByRole('button', { name: /检查/ }).click();
    await page.getByText('未配备书记').waitFor();
    await page.getByText(/换届超期/).click();
    // A row far down the year, not on the first screen: the grid must scroll to it.
    const items = page.locator('.ant-drawer .ant-list-item');
    await items.first().waitFor();
    const item = items.nth(Math.min(40, (await items.count()) - 1));
    const name = await item.locator('a').innerText();
    const overdue = (await core.call('ledger.checks', { year: 2026 })).find((c) => c.label.includes('换届超期'))!;
    expect(overdue.rows.map((r) => r.name)).toContain(name);
    await item.click();
    // The row is in view, its name cell focused: what the person sees is the branch they picked.
    const focused = page.locator('.ag-cell-focus[col-id="name"]');
    await expect.poll(() => focused.innerText()).toBe(name);
    const box = (await focused.boundingBox())!;
    const body = (await page.locator('.ledger-grid').first().boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(body.y);
    expect(box.y + box.height).toBeLessThanOrEqual(body.y + body.height);
    await page.screenshot({ path: path.join(artifactsDir, 'ledger-checks.png') });
  });

  it('shows the 群团组织 columns of 党建带群建 “1+3”, takes 是 typed onto a cell, and counts the 是 in the totals row', async () => {
    await page.getByLabel('快速搜索').fill(target.initials);
    await expect.poll(() => page.getByTestId('row-count').innerText()).toContain('筛选后 1 行');
    // To the column with the keyboard, as a person tabs across (the grid draws only the columns in view).
    await cell('name').click();
    await page.keyboard.press('End');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    const header = page.locator('.ag-header-cell[col-id="unionBuilt"]').first();
    await expect(header.innerText()).resolves.toContain('工会组织已建立');
    const totals = page.locator('.ag-row[row-index="b-0"] .ag-cell[col-id="unionBuilt"]').first();
    await expect.poll(() => totals.innerText()).toBe('0'); // a village: the 1+3 columns are empty
    await page.keyboard.type('是', { delay: 60 });
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('unionBuilt').innerText()).toBe('是');
    const stored = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === target.id)!;
    expect(stored.unionBuilt).toBe(true);
    // Counted as a person counts the 是 down the column (the grid shows the one branch searched for).
    await expect.poll(() => totals.innerText()).toBe('1');
    await page.screenshot({ path: path.join(artifactsDir, 'ledger-mass-organisations.png') });
  });
});

describe('organisation tree search in Chromium', () => {
  it('finds 天义镇 by typing tyz and opens the tree to it', async () => {
    const app = await openApp('league', 1);
    const { page } = app;
    try {
      await page.getByLabel('搜索党组织').fill('tyz');
      await page.getByTestId('org-search-hit').filter({ has: page.getByText('天义镇党委', { exact: true }) }).click();
      await page.locator('.ant-tree-treenode-selected').getByText('天义镇党委', { exact: true }).waitFor();
      await page.locator('.ant-card-head-title', { hasText: '天义镇党委' }).waitFor();
      await page.screenshot({ path: path.join(artifactsDir, 'org-search.png') });
    } finally {
      await app.close();
    }
  });
});
