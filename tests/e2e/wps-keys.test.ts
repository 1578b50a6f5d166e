/**
 * The keys of WPS and Excel in the ledger grid, pressed as a person presses them: Enter moves down
 * (Shift+Enter up) and saves an edit; after typing onto a cell ↓ and ↑ save and move too; Tab right, Shift+Tab left; F2 edits with the caret at the end;
 * Delete clears every selected cell as one change; Ctrl+Home / Ctrl+End go to the first and the last
 * cell of the data, Ctrl+arrows to the edge of the data, and at 1366×768 each brings its cell wholly into
 * sight, the last row too; Enter and ↓ on the last row stay there (the 合计 row below is not data); a date cell has a calendar to pick from, and
 * dates typed as before (2026.3.5, 2026-03-05, 20260305), at 80 ms a key and at full speed, land whole.
 * What the grid shows is checked against what the core stored and audited.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { artifactsDir, openApp, whollyVisible, type OpenApp } from '../helpers/browser.ts';

/** The core answers each write; on a busy machine that can take a while. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

/** The cell the browser's focus is in, as `row:column`. */
function focusedCell(page: Page): Promise<string> {
  return page.evaluate(() => {
    const cell = document.activeElement?.closest('.ag-cell');
    return cell ? `${cell.closest('[row-index]')?.getAttribute('row-index')}:${cell.getAttribute('col-id')}` : `(${document.activeElement?.tagName})`;
  });
}


async function rowIdAt(page: Page, index: number): Promise<number> {
  return Number(await page.locator(`.ag-row[row-index="${index}"][row-id]`).first().getAttribute('row-id'));
}

/** From a row's name, End and ← to a column near the row's end (the grid scrolls there). */
async function goToEndColumn(app: OpenApp, row: number, lefts: number): Promise<void> {
  await app.cell(row, 'name').click();
  await app.page.keyboard.press('End');
  for (let i = 0; i < lefts; i++) await app.page.keyboard.press('ArrowLeft');
}

describe('keys as in WPS in the ledger grid', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  const cell = (row: number, col: string) => app.cell(row, col);
  const stored = async (id: number): Promise<LedgerRow> => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id)!;
  const editing = () => page.locator('.ag-cell-inline-editing').count();

  beforeAll(async () => {
    app = await openApp('small', 43, '分类台账');
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  it('Enter moves down and Shift+Enter up; after typing, Enter saves and moves down, Shift+Enter saves and moves up', async () => {
    const [id2, id3] = [await rowIdAt(page, 2), await rowIdAt(page, 3)];
    await cell(2, 'secretary').click();
    await page.keyboard.press('Enter');
    await expect(focusedCell(page)).resolves.toBe('3:secretary');
    await expect(editing()).resolves.toBe(0);
    await page.keyboard.press('Shift+Enter');
    await expect(focusedCell(page)).resolves.toBe('2:secretary');
    await page.keyboard.type('Wang', { delay: 30 });
    await page.keyboard.press('Enter');
    await poll(() => focusedCell(page)).toBe('3:secretary');
    await page.keyboard.type('Li', { delay: 30 });
    await page.keyboard.press('Shift+Enter');
    await poll(() => focusedCell(page)).toBe('2:secretary');
    await poll(async () => (await stored(id3)).secretary).toBe('Li');
    expect((await stored(id2)).secretary).toBe('Wang');
    await expect(editing()).resolves.toBe(0);
  });

  it('after typing onto a cell, ↓ and ↑ save and move as in WPS; in a cell opened with F2 they stay in the text', async () => {
    const [id20, id21] = [await rowIdAt(page, 20), await rowIdAt(page, 21)];
    await cell(20, 'secretary').click();
    await page.keyboard.type('Qian', { delay: 30 });
    await page.keyboard.press('ArrowDown');
    await poll(async () => (await stored(id20)).secretary).toBe('Qian');
    await expect(focusedCell(page)).resolves.toBe('21:secretary');
    await expect(editing()).resolves.toBe(0);
    await page.keyboard.type('Sun', { delay: 30 });
    await page.keyboard.press('ArrowUp');
    await poll(async () => (await stored(id21)).secretary).toBe('Sun');
    await expect(focusedCell(page)).resolves.toBe('20:secretary');
    // F2 edits the text: ↓ stays in it, and what is typed next is added at the end.
    await page.keyboard.press('F2');
    await page.keyboard.press('ArrowDown');
    await expect(editing()).resolves.toBe(1);
    await page.keyboard.type('Li', { delay: 30 });
    await page.keyboard.press('Enter');
    await poll(async () => (await stored(id20)).secretary).toBe('QianLi');
    expect((await core.call('ledger.history', { id: id21 }))[0]).toMatchObject({ field: 'secretary', newValue: 'Sun', source: 'typed' });
  });

  it('Tab goes right and Shift+Tab left, editing or not; each edit is saved', async () => {
    const id = await rowIdAt(page, 4);
    await cell(4, 'membersFormal').click();
    await page.keyboard.press('Tab');
    await expect(focusedCell(page)).resolves.toBe('4:membersProbationary');
    await page.keyboard.press('Shift+Tab');
    await expect(focusedCell(page)).resolves.toBe('4:membersFormal');
    await page.keyboard.type('77', { delay: 30 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('5', { delay: 30 });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Escape');
    await poll(async () => (await stored(id)).membersProbationary).toBe(5);
    expect((await stored(id)).membersFormal).toBe(77);
    await expect(focusedCell(page)).resolves.toBe('4:membersFormal');
  });

  it('F2 edits in place with the caret at the end: what is typed is added, Enter saves it', async () => {
    const id = await rowIdAt(page, 5);
    const was = (await stored(id)).secretary!;
    expect(was).toBeTruthy();
    await cell(5, 'secretary').click();
    await page.keyboard.press('F2');
    const caret = await page.evaluate(() => {
      const input = document.activeElement as HTMLInputElement;
      return [input.value, input.selectionStart, input.selectionEnd];
    });
    expect(caret).toEqual([was, was.length, was.length]);
    await page.keyboard.type('2', { delay: 30 });
    await page.keyboard.press('Enter');
    await poll(async () => (await stored(id)).secretary).toBe(`${was}2`);
  });

  it('Delete clears every cell of the selection as one change; one Ctrl+Z brings them all back', async () => {
    const [id6, id7] = [await rowIdAt(page, 6), await rowIdAt(page, 7)];
    const [a, b] = [await stored(id6), await stored(id7)];
    expect([a.secretary, a.secretaryPhone, b.secretary, b.secretaryPhone].every((v) => v !== null)).toBe(true);
    await cell(6, 'secretary').click();
    await cell(7, 'secretaryPhone').click({ modifiers: ['Shift'] });
    await page.getByTestId('grid-status').getByText('已选 4 个单元格').waitFor();
    await page.keyboard.press('Delete');
    await poll(async () => (await stored(id7)).secretaryPhone).toBeNull();
    // The grid has the core's answer too, and so the undo its change set (Ctrl+Z sooner undid the edit before).
    await poll(() => cell(7, 'secretaryPhone').innerText()).toBe('');
    expect(await stored(id6)).toMatchObject({ secretary: null, secretaryPhone: null });
    expect((await stored(id7)).secretary).toBeNull();
    const sets = new Set([(await core.call('ledger.history', { id: id6 }))[0]!.changeSetId, (await core.call('ledger.history', { id: id7 }))[0]!.changeSetId]);
    expect(sets.size).toBe(1);
    await page.keyboard.press('Control+z');
    await poll(async () => (await stored(id7)).secretaryPhone).toBe(b.secretaryPhone);
    expect(await stored(id6)).toMatchObject({ secretary: a.secretary, secretaryPhone: a.secretaryPhone });
    expect((await stored(id7)).secretary).toBe(b.secretary);

    // One cell alone too.
    const id8 = await rowIdAt(page, 8);
    const grade = (await stored(id8)).grade;
    expect(grade).not.toBeNull();
    await cell(8, 'grade').click();
    await page.keyboard.press('Delete');
    await poll(async () => (await stored(id8)).grade).toBeNull();
    await poll(() => cell(8, 'grade').innerText()).toBe('');
    await page.keyboard.press('Control+z');
    await poll(async () => (await stored(id8)).grade).toBe(grade);
  });

  it('Ctrl+End lands on the last cell of the data and Ctrl+Home on the first; Ctrl+arrows stop at the edge of the data, as in Excel', async () => {
    const rows = (await core.call('ledger.list', { year: 2026 })).rows.length;
    await cell(3, 'grade').click();
    await page.keyboard.press('Control+End');
    await poll(() => focusedCell(page)).toBe(`${rows - 1}:liaisonLeaders`);
    await expect(cell(rows - 1, 'liaisonLeaders').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'grid-ctrl-end.png') });
    await page.keyboard.press('Control+Home');
    await poll(() => focusedCell(page)).toBe('0:county');
    await expect(cell(0, 'name').isVisible()).resolves.toBe(true);

    // Secretaries 9 to 16, with 11 and 14 emptied: 9 10 _ 12 13 _ 15 16.
    for (let i = 9; i <= 16; i++) expect((await stored(await rowIdAt(page, i))).secretary).not.toBeNull();
    for (const i of [11, 14]) {
      const id = await rowIdAt(page, i);
      await cell(i, 'secretary').click();
      await page.keyboard.press('Delete');
      await poll(async () => (await stored(id)).secretary).toBeNull();
    }
    await cell(9, 'secretary').click();
    const steps: [string, string][] = [
      ['Control+ArrowDown', '10:secretary'],
      ['Control+ArrowDown', '12:secretary'],
      ['Control+ArrowDown', '13:secretary'],
      ['Control+ArrowDown', '15:secretary'],
      ['Control+ArrowUp', '13:secretary'],
    ];
    for (const [key, lands] of steps) {
      await page.keyboard.press(key);
      await poll(() => focusedCell(page)).toBe(lands);
    }
    // Across a row: over the filled cells to the last before a blank (or the row's end).
    const right = ['secretaryPhone', 'grade', 'standardised', 'strongestStatus', 'weakLax', 'unionBuilt', 'youthLeagueBuilt', 'womenFederationBuilt', 'termChangedOn', 'notes', 'liaisonLeaders'];
    const row13 = (await stored(await rowIdAt(page, 13))) as unknown as Record<string, unknown>;
    const blank = right.findIndex((f) => row13[f] === null || row13[f] === undefined || row13[f] === '');
    expect(blank).toBeGreaterThan(0);
    await page.keyboard.press('Control+ArrowRight');
    await poll(() => focusedCell(page)).toBe(`13:${right[blank - 1]}`);
    // With Shift the selection stretches to the edge instead: 13 up to 12.
    await cell(13, 'secretary').click();
    await page.keyboard.press('Control+Shift+ArrowUp');
    await page.getByTestId('grid-status').getByText('已选 2 个单元格').waitFor();
  });

  it('at 1366×768 Ctrl+End, Ctrl+↓ and Enter bring the last row wholly into sight; Enter and ↓ there stay on it, Enter after an edit too', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const rows = (await core.call('ledger.list', { year: 2026 })).rows.length;
    const last = rows - 1;
    const seen = (row: number, col: string) => expect.poll(() => whollyVisible(cell(row, col)), { timeout: 5_000 });
    await cell(3, 'grade').click();
    await page.keyboard.press('Control+End');
    await poll(() => focusedCell(page)).toBe(`${last}:liaisonLeaders`);
    await seen(last, 'liaisonLeaders').toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'grid-ctrl-end-1366.png') });

    // Every branch has a name: Ctrl+↓ from the first goes to the last.
    await page.keyboard.press('Control+Home');
    await cell(0, 'name').click();
    await page.keyboard.press('Control+ArrowDown');
    await poll(() => focusedCell(page)).toBe(`${last}:name`);
    await seen(last, 'name').toBe(true);

    // Enter from the row above down onto the last, then once more: it stays on the last row.
    const id = await rowIdAt(page, last);
    await cell(last - 5, 'secretary').click();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Enter');
    await poll(() => focusedCell(page)).toBe(`${last}:secretary`);
    await seen(last, 'secretary').toBe(true);
    await page.keyboard.press('Enter');
    await expect(focusedCell(page)).resolves.toBe(`${last}:secretary`);
    // ↓ stops there too: the 合计 row below is not data.
    await page.keyboard.press('ArrowDown');
    await expect(focusedCell(page)).resolves.toBe(`${last}:secretary`);
    // Typed and saved with Enter: the value is written and the focus stays.
    await page.keyboard.type('Zhao', { delay: 30 });
    await page.keyboard.press('Enter');
    await poll(async () => (await stored(id)).secretary).toBe('Zhao');
    await expect(focusedCell(page)).resolves.toBe(`${last}:secretary`);
    await expect(editing()).resolves.toBe(0);
    await seen(last, 'secretary').toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'grid-enter-last-1366.png') });
    // Back to the top, where the next test starts.
    await page.keyboard.press('Control+Home');
    await page.setViewportSize({ width: 1600, height: 900 });
  });

  it('a date cell offers a calendar: a double click opens it, a day picked is saved; Alt+↓ opens it too, Esc leaves the date as it was', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const id = await rowIdAt(page, 17);
    // 换届时间 is the third column from the row's end.
    await goToEndColumn(app, 17, 2);
    await expect(focusedCell(page)).resolves.toBe('17:termChangedOn');
    await cell(17, 'termChangedOn').dblclick();
    const calendar = page.locator('.date-cell-editor-popup');
    await calendar.waitFor();
    // antd's calendar, in Chinese.
    await calendar.getByText('今天').waitFor();
    await calendar.getByText('一', { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'grid-date-picker-1366.png') });
    const month = await calendar.locator('.ant-picker-header-view').innerText();
    const [, y, m] = /(\d{4})年\s*(\d{1,2})月/.exec(month)!;
    await calendar.locator('.ant-picker-cell-in-view').getByText('12', { exact: true }).click();
    const picked = `${y}-${m!.padStart(2, '0')}-12`;
    await poll(async () => (await stored(id)).termChangedOn).toBe(picked);
    await poll(() => calendar.count()).toBe(0);
    await poll(() => cell(17, 'termChangedOn').innerText()).toBe(picked);
    expect((await core.call('ledger.history', { id }))[0]).toMatchObject({ field: 'termChangedOn', newValue: picked, source: 'typed' });

    const next = await rowIdAt(page, 18);
    const was = (await stored(next)).termChangedOn;
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Alt+ArrowDown');
    await calendar.waitFor();
    await page.keyboard.press('Escape');
    await poll(() => calendar.count()).toBe(0);
    expect((await stored(next)).termChangedOn).toBe(was);
    await page.setViewportSize({ width: 1600, height: 900 });
  });
});

describe('typing dates and text at a person’s pace and at full speed', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  const stored = async (id: number): Promise<LedgerRow> => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id)!;

  beforeAll(async () => {
    app = await openApp('small', 44, '分类台账');
    ({ core, page } = app);
    // A quarter of this machine's speed, as on the office PCs: the keys race the page's own work.
    await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
  });
  afterAll(() => app?.close());

  for (const [i, delay] of [80, 0].entries()) {
    it(`at ${delay} ms a key: 20260305 typed onto a date cell, Tab, a note, Enter; then 2026.3.5 and 2026-03-06 in the dates below — every key lands`, async () => {
      const row = i * 4;
      const ids = await Promise.all([0, 1, 2].map((d) => rowIdAt(page, row + d)));
      await goToEndColumn(app, row, 2);
      await expect(focusedCell(page)).resolves.toBe(`${row}:termChangedOn`);
      await page.keyboard.type('20260305', { delay });
      await page.keyboard.press('Tab');
      await page.keyboard.type(`visited ${delay}`, { delay });
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('2026.3.5', { delay });
      await page.keyboard.press('Enter');
      await page.keyboard.type('2026-03-06', { delay });
      await page.keyboard.press('Enter');

      await poll(async () => (await stored(ids[2]!)).termChangedOn).toBe('2026-03-06');
      expect(await stored(ids[0]!)).toMatchObject({ termChangedOn: '2026-03-05', notes: `visited ${delay}`, invalid: null });
      expect(await stored(ids[1]!)).toMatchObject({ termChangedOn: '2026-03-05', invalid: null });
      await poll(() => app.cell(row + 2, 'termChangedOn').innerText()).toBe('2026-03-06');
      await expect(page.getByLabel('快速搜索').inputValue()).resolves.toBe('');
    });
  }
});
