/**
 * Typing as fast or as slowly as a person does loses nothing: at 0, 30, 60 and 100 ms a key, every key
 * typed onto a selected cell, after Tab or after Enter lands in that cell, in order; text an input method
 * commits onto a selected cell lands in that cell, not in the quick search. The ledger and the record
 * tables share one grid layer: both are checked, in the grid the person sees and in what the core stored.
 */
import type { CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { openApp, type OpenApp } from '../helpers/browser.ts';

const delays = [0, 30, 60, 100];
/** The core answers each edit; on a busy machine that can take a while. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });
const names = ['Bayar', 'Altan Gerel', 'Wang Jianguo', 'Sarangua'];

/** The id of the row shown at a displayed index (AG Grid renders a row's parts under one index, all with its id). */
async function rowId(scope: Page | Locator, index: number): Promise<number> {
  return Number(await scope.locator(`.ag-row[row-index="${index}"][row-id]`).first().getAttribute('row-id'));
}

/**
 * The page at a quarter of this machine's speed, as on the office PCs the app is for: there the keys a
 * person types race the page's own work (the answer to the last cell, the totals), which is the point.
 */
async function slowDown(page: Page): Promise<void> {
  await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** An input method composing pinyin and committing the characters, as Chromium receives it from the system. */
async function composeAndCommit(cdp: CDPSession, pinyin: string, text: string): Promise<void> {
  for (let i = 1; i <= pinyin.length; i++) {
    await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
  }
  await cdp.send('Input.insertText', { text });
}

describe('typing in the ledger grid', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  const cell = (row: number, col: string) => app.cell(row, col);
  const stored = async (id: number) => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id)!;

  beforeAll(async () => {
    app = await openApp('small', 31, '分类台账');
    ({ core, page } = app);
    await slowDown(page);
  });
  afterAll(() => app?.close());

  for (const [i, delay] of delays.entries()) {
    it(`at ${delay} ms a key: 正式党员 typed onto the selected cell, Tab, 预备党员, Tab, 书记, Tab, 联系电话, Enter, the next row's 联系电话 — each lands whole in its cell`, async () => {
      const row = i * 2;
      const [id, nextId] = [await rowId(page, row), await rowId(page, row + 1)];
      const name = names[i]!;
      await cell(row, 'membersFormal').click();
      await page.keyboard.type('123', { delay });
      await page.keyboard.press('Tab');
      await page.keyboard.type('45', { delay });
      await page.keyboard.press('Tab');
      await page.keyboard.type(name, { delay });
      await page.keyboard.press('Tab');
      await page.keyboard.type('13800002222', { delay });
      await page.keyboard.press('Enter');
      await page.keyboard.type('13900003333', { delay });
      await page.keyboard.press('Enter');

      // What the person sees, once the core has answered …
      await poll(() => cell(row + 1, 'secretaryPhone').innerText()).toBe('13900003333');
      await poll(() => cell(row, 'secretaryPhone').innerText()).toBe('13800002222');
      expect(await Promise.all(['membersFormal', 'membersProbationary', 'secretary'].map((c) => cell(row, c).innerText()))).toEqual(['123', '45', name]);
      // … is what the database keeps, understood (not kept as a bad value).
      expect(await stored(id)).toMatchObject({ membersFormal: 123, membersProbationary: 45, secretary: name, secretaryPhone: '13800002222', invalid: null });
      expect(await stored(nextId)).toMatchObject({ secretaryPhone: '13900003333', invalid: null });
      await expect(page.getByLabel('快速搜索').inputValue()).resolves.toBe('');
    });
  }

  it('puts what an input method commits onto a selected cell into that cell, not into the quick search', async () => {
    const cdp = await page.context().newCDPSession(page);
    const row = 10;
    const [id, nextId] = [await rowId(page, row), await rowId(page, row + 1)];
    await cell(row, 'secretary').click();
    await composeAndCommit(cdp, 'wangfang', '王芳');
    // Typing goes on in the same cell after the commit.
    await composeAndCommit(cdp, 'hua', '华');
    await page.keyboard.press('Tab');
    await page.keyboard.type('13800004444');
    await page.keyboard.press('Enter');
    // Enter moved down to the next row's phone; a second commit there, onto a cell not yet editing.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.insertText('乌兰');
    await page.keyboard.press('Enter');

    await poll(() => cell(row + 1, 'secretary').innerText()).toBe('乌兰');
    await poll(() => cell(row, 'secretary').innerText()).toBe('王芳华');
    await expect(cell(row, 'secretaryPhone').innerText()).resolves.toBe('13800004444');
    expect(await stored(id)).toMatchObject({ secretary: '王芳华', secretaryPhone: '13800004444', invalid: null });
    expect((await stored(nextId)).secretary).toBe('乌兰');
    await expect(page.getByLabel('快速搜索').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('row-count').innerText()).resolves.not.toContain('筛选后');
  });
});

describe('typing in a record table (领导干部)', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let grid: Locator;
  const cell = (row: number, col: string) => grid.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`).first();
  const stored = async (id: number) => (await core.call('records.list', { table: 'leader', year: 2026 })).rows.find((r) => r.id === id)!;

  beforeAll(async () => {
    app = await openApp('small', 32);
    ({ core, page } = app);
    await slowDown(page);
    await page.locator('.ant-menu').getByText('联系点', { exact: true }).click();
    await page.getByRole('tab', { name: '领导干部' }).click();
    grid = page.getByTestId('records-leader');
    await cell(0, 'title').waitFor();
  });
  afterAll(() => app?.close());

  for (const [i, delay] of delays.entries()) {
    it(`at ${delay} ms a key: 职务全称 typed onto the selected cell, Tab to 联系电话, Tab over the dates to 备注, Enter, the next row's 备注 — each lands whole in its cell`, async () => {
      const row = i * 2;
      const [id, nextId] = [await rowId(grid, row), await rowId(grid, row + 1)];
      const title = `Banner secretary ${delay}`;
      await cell(row, 'title').click();
      await page.keyboard.type(title, { delay });
      // Tab passes over the read-only 所在党委 and 层级 to 联系电话.
      await page.keyboard.press('Tab');
      await page.keyboard.type('13800005555', { delay });
      // 任职日期 and 离任日期 open and close unchanged.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type(`visits Tuesdays ${delay}`, { delay });
      await page.keyboard.press('Enter');
      await page.keyboard.type(`new in ${delay}`, { delay });
      await page.keyboard.press('Enter');

      await poll(() => cell(row + 1, 'notes').innerText()).toBe(`new in ${delay}`);
      await poll(() => cell(row, 'notes').innerText()).toBe(`visits Tuesdays ${delay}`);
      expect(await Promise.all(['title', 'phone'].map((c) => cell(row, c).innerText()))).toEqual([title, '13800005555']);
      expect(await stored(id)).toMatchObject({ values: expect.objectContaining({ title, phone: '13800005555', notes: `visits Tuesdays ${delay}` }), invalid: null });
      expect(await stored(nextId)).toMatchObject({ values: expect.objectContaining({ notes: `new in ${delay}` }), invalid: null });
    });
  }

  it('puts what an input method commits onto a selected cell into that cell, not into the search box', async () => {
    const cdp = await page.context().newCDPSession(page);
    const row = 9;
    const id = await rowId(grid, row);
    await cell(row, 'notes').click();
    await composeAndCommit(cdp, 'fenguan', '分管组织工作');
    await page.keyboard.press('Enter');
    await poll(() => cell(row, 'notes').innerText()).toBe('分管组织工作');
    expect((await stored(id)).values.notes).toBe('分管组织工作');
    await expect(page.getByLabel('搜索领导干部').inputValue()).resolves.toBe('');
  });
});
