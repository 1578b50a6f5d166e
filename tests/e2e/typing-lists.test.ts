/**
 * A dictionary or 是/否 cell takes typing, as a list cell does in Excel and WPS: what a person types onto
 * the selected cell, at 0, 30, 60 or 100 ms a key on a page at a quarter of this machine's speed, is
 * delivered to the core, which reads labels, codes and synonyms (差 → 后进, 否) and keeps a word it
 * cannot read, red, with its reason. Alt+↓ and F2 open the list to pick from (Enter moves down, as in WPS). The ledger and a
 * record table (联系点 › 工作记录) are both checked, on screen and in what the core stored.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { openApp, pasteInto, type OpenApp } from '../helpers/browser.ts';

const delays = [0, 30, 60, 100];
/** The core answers each edit; on a busy machine that can take a while. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

/** The id of the row shown at a displayed index (AG Grid renders a row's parts under one index, all with its id). */
async function rowId(scope: Page | Locator, index: number): Promise<number> {
  return Number(await scope.locator(`.ag-row[row-index="${index}"][row-id]`).first().getAttribute('row-id'));
}

/** The page at a quarter of this machine's speed, as on the office PCs the app is for. */
async function slowDown(page: Page): Promise<void> {
  await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/** The tooltip AG Grid shows for a cell the mouse rests on. */
async function tooltipOf(page: Page, cell: Locator): Promise<string> {
  await page.mouse.move(5, 5);
  await cell.hover();
  return page.locator('.ag-tooltip, [class*="ag-tooltip"]').first().innerText();
}

describe('typing onto a dictionary or 是/否 cell of the ledger', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  /** Displayed rows by what they hold at the start, so that each test changes something. */
  let notLagging: number[];
  let standardised: number[];
  const cell = (row: number, col: string) => app.cell(row, col);
  const stored = async (id: number): Promise<LedgerRow> => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id)!;

  beforeAll(async () => {
    app = await openApp('small', 33, '分类台账');
    ({ core, page } = app);
    const byId = new Map((await core.call('ledger.list', { year: 2026 })).rows.map((r) => [r.id, r]));
    const shown = await Promise.all(Array.from({ length: 20 }, async (_, i) => ({ i, row: byId.get(await rowId(page, i))! })));
    // Rows one apart: Enter moves down, and the row below must show the next test nothing of this one.
    notLagging = shown.filter(({ i, row }) => i % 2 === 0 && row.grade !== 'lagging').map(({ i }) => i);
    standardised = shown.filter(({ i, row }) => i % 2 === 1 && row.standardised === true).map(({ i }) => i);
    expect(notLagging.length).toBeGreaterThanOrEqual(6);
    expect(standardised.length).toBeGreaterThanOrEqual(2);
    await slowDown(page);
  });
  afterAll(() => app?.close());

  for (const [i, delay] of delays.entries()) {
    const typed = i % 2 === 0 ? '后进' : '差';
    it(`at ${delay} ms a key: ${typed} typed onto a selected 等次 cell, Enter — the grid shows 后进 and the core stores lagging`, async () => {
      const row = notLagging[i]!;
      const [id, nextId] = [await rowId(page, row), await rowId(page, row + 1)];
      const below = (await stored(nextId)).grade;
      await cell(row, 'grade').click();
      await page.keyboard.type(typed, { delay });
      await page.keyboard.press('Enter');

      await poll(() => cell(row, 'grade').innerText()).toBe('后进');
      expect(await stored(id)).toMatchObject({ grade: 'lagging', invalid: null });
      // Enter saved and moved down, as in Excel; nothing of the typing reached the row below or the search.
      expect((await stored(nextId)).grade).toBe(below);
      await expect(page.getByLabel('快速搜索').inputValue()).resolves.toBe('');
    });
  }

  it('takes a code typed with plain keys too (lagging), not only Chinese text', async () => {
    const row = notLagging[4]!;
    const id = await rowId(page, row);
    await cell(row, 'grade').click();
    await page.keyboard.type('lagging');
    await page.keyboard.press('Enter');
    await poll(() => cell(row, 'grade').innerText()).toBe('后进');
    expect(await stored(id)).toMatchObject({ grade: 'lagging', invalid: null });
  });

  it('否 typed onto a 标准化规范化 cell showing 是, Tab — the core stores false; × on the next row too', async () => {
    const [first, second] = standardised as [number, number];
    const [id1, id2] = [await rowId(page, first), await rowId(page, second)];
    await cell(first, 'standardised').click();
    await page.keyboard.type('否');
    await page.keyboard.press('Tab');
    await cell(second, 'standardised').click();
    await page.keyboard.type('×', { delay: 30 });
    await page.keyboard.press('Tab');

    await poll(() => cell(second, 'standardised').innerText()).toBe('否');
    await expect(cell(first, 'standardised').innerText()).resolves.toBe('否');
    expect(await stored(id1)).toMatchObject({ standardised: false, invalid: null });
    expect(await stored(id2)).toMatchObject({ standardised: false, invalid: null });
  });

  it('keeps a word the core cannot read (很好) as typed, red, with the core’s reason', async () => {
    const row = notLagging[5]!;
    const id = await rowId(page, row);
    await cell(row, 'grade').click();
    await page.keyboard.type('很好', { delay: 30 });
    await page.keyboard.press('Enter');

    await poll(() => cell(row, 'grade').getAttribute('class')).toContain('cell-invalid');
    await expect(cell(row, 'grade').innerText()).resolves.toBe('很好');
    // Kept as typed in place of the old grade, with the core's reason.
    const now = await stored(id);
    expect(now.grade).toBeNull();
    expect(now.invalid?.grade?.raw).toBe('很好');
    expect(now.invalid?.grade?.message).toContain('不在可选范围内');
    await expect(tooltipOf(page, cell(row, 'grade'))).resolves.toBe(now.invalid!.grade!.message);
  });

  it('a red word pasted into 等次 shows as pasted; Alt+↓ opens the list, and picking 先进 fixes it; F2 and the arrows choose from the list too', async () => {
    const row = notLagging[3]!;
    const id = await rowId(page, row);
    await cell(row, 'grade').click();
    await pasteInto(page, '较为一般');
    await poll(() => cell(row, 'grade').getAttribute('class')).toContain('cell-invalid');
    await expect(cell(row, 'grade').innerText()).resolves.toBe('较为一般');
    expect((await stored(id)).invalid?.grade?.raw).toBe('较为一般');

    // Alt+↓ opens the list, as a dropdown list in Excel (Enter on a cell not being edited moves down, as in WPS).
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByRole('option', { name: '先进' }).click();
    await poll(() => cell(row, 'grade').innerText()).toBe('先进');
    expect(await stored(id)).toMatchObject({ grade: 'advanced', invalid: null });
    await expect(cell(row, 'grade').getAttribute('class')).resolves.not.toContain('cell-invalid');

    // F2 opens the list editor, not a text field; an arrow opens its list (先进, 中间, 后进, on 先进).
    await cell(row, 'grade').click();
    await page.keyboard.press('F2');
    await cell(row, 'grade').getByRole('combobox').waitFor();
    await expect(cell(row, 'grade').locator('input').count()).resolves.toBe(0);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: '中间' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await poll(() => cell(row, 'grade').innerText()).toBe('中间');
    expect(await stored(id)).toMatchObject({ grade: 'middle', invalid: null });
  });

  it('an empty 等次 opened with Alt+↓ stays empty: the list starts blank, and Esc, Esc store nothing', async () => {
    // AG Grid's list showed its first entry (先进) for a value it does not list: a clerk saw a grade stored nowhere.
    const row = notLagging[4]!;
    const id = await rowId(page, row);
    await cell(row, 'grade').click();
    await page.keyboard.press('Delete');
    await poll(async () => (await stored(id)).grade).toBe(null);
    await poll(() => cell(row, 'grade').innerText()).toBe('');
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByRole('option', { name: '后进' }).waitFor();
    // What the open list's field shows, as a person reads it.
    const shown = cell(row, 'grade').locator('.ag-picker-field-display');
    await expect(shown.innerText()).resolves.toBe('');
    await page.keyboard.press('Escape');
    await expect(shown.innerText()).resolves.toBe('');
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.ag-cell-inline-editing').count()).toBe(0);
    await expect(cell(row, 'grade').innerText()).resolves.toBe('');
    expect((await stored(id)).grade).toBe(null);
  });
});

describe('typing onto a dictionary cell of a record table (联系点 › 工作记录, 活动形式)', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let grid: Locator;
  const cell = (row: number, col: string) => grid.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`).first();
  const stored = async (id: number) => (await core.call('records.list', { table: 'visit', year: 2026 })).rows.find((r) => r.id === id)!;
  const firstRow = async (rows: number[], test: (kind: unknown) => boolean) => {
    for (const row of rows) if (test((await stored(await rowId(grid, row))).values.kind)) return row;
    throw new Error('测试数据中没有合适的工作记录');
  };

  beforeAll(async () => {
    app = await openApp('small', 34);
    ({ core, page } = app);
    await slowDown(page);
    await page.locator('.ant-menu').getByText('联系点', { exact: true }).click();
    await page.getByRole('tab', { name: '工作记录' }).click();
    grid = page.getByTestId('records-visit');
    await cell(1, 'kind').waitFor();
  });
  afterAll(() => app?.close());

  it('reads a synonym typed onto the cell (党课 → 讲党课), Enter', async () => {
    const row = (await firstRow([0, 2, 4], (kind) => kind !== 'lecture'))!;
    const id = await rowId(grid, row);
    await cell(row, 'kind').click();
    await page.keyboard.type('党课');
    await page.keyboard.press('Enter');
    await poll(() => cell(row, 'kind').innerText()).toBe('讲党课');
    expect(await stored(id)).toMatchObject({ values: expect.objectContaining({ kind: 'lecture' }), invalid: null });
  });

  it('keeps a word it cannot read (很好) as typed, red, with the core’s reason', async () => {
    const row = 1;
    const id = await rowId(grid, row);
    await cell(row, 'kind').click();
    await page.keyboard.type('很好');
    await page.keyboard.press('Tab');
    await poll(() => cell(row, 'kind').getAttribute('class')).toContain('cell-invalid');
    await expect(cell(row, 'kind').innerText()).resolves.toBe('很好');
    const now = await stored(id);
    expect(now.invalid?.kind?.raw).toBe('很好');
    await expect(tooltipOf(page, cell(row, 'kind'))).resolves.toContain('不在可选范围内');
  });
});
