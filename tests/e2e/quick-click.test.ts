/**
 * A quick click (a touchpad tap; the press and the release arriving together, as on a slow office PC)
 * selects the clicked cell and nothing more: the highlighted selection then follows the keyboard, a paste
 * lands where the focus is, and moving the mouse with no button held selects nothing. A drag with the
 * button held still selects a block, and Delete clears what is highlighted. Checked on screen and in
 * what the core stored.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { openApp, pasteInto, type OpenApp } from '../helpers/browser.ts';

/** The core answers each edit; on a busy machine that can take a while. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe('a quick click in the ledger grid', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  const cell = (row: number, col: string) => app.cell(row, col);
  const stored = async (id: number): Promise<LedgerRow> => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id)!;
  const rowId = async (index: number) => Number(await page.locator(`.ag-row[row-index="${index}"][row-id]`).first().getAttribute('row-id'));
  /** The highlighted cells as `row:column`, top to bottom (AG Grid keeps its rows in no set order in the page). */
  const highlighted = async () =>
    (await page.locator('.ag-cell.cell-in-range').evaluateAll((cells) => cells.map((c) => [Number(c.closest('.ag-row')?.getAttribute('row-index')), c.getAttribute('col-id')] as const)))
      .sort(([a], [b]) => a - b)
      .map(([row, col]) => `${row}:${col}`);
  /** Lets AG Grid's late events run: it queues them with a zero timeout, before this one. */
  const settle = () => page.evaluate(() => new Promise((resolve) => setTimeout(() => setTimeout(resolve, 0), 0)));
  const throttle = async (rate: number) => (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });

  const centre = async (row: number, col: string) => {
    const box = (await cell(row, col).boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  /**
   * A tap: the press and the release reach the page together, as when it is busy (drawing the answer to
   * the last edit on a slow PC) while the person taps. Both wait behind that work and run back to back.
   */
  const tap = async (row: number, col: string) => {
    const { x, y } = await centre(row, col);
    await page.mouse.move(x, y);
    const busy = page.evaluate(() => {
      const end = performance.now() + 150;
      while (performance.now() < end);
    });
    await page.waitForTimeout(30);
    await Promise.all([page.mouse.down(), page.mouse.up()]);
    await busy;
  };
  /** A short click (20 ms between press and release) on a page at an eighth of this machine's speed. */
  const slowClick = async (row: number, col: string) => {
    const { x, y } = await centre(row, col);
    await throttle(8);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.waitForTimeout(20);
    await page.mouse.up();
  };
  /** Moves the mouse, with whatever buttons are held, to the middle of a cell, through the cells on the way. */
  const moveTo = async (row: number, col: string) => {
    const box = (await cell(row, col).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  };

  beforeAll(async () => {
    app = await openApp('small', 35, '分类台账');
    ({ core, page } = app);
    const byId = new Map((await core.call('ledger.list', { year: 2026 })).rows.map((r) => [r.id, r]));
    // Every 书记 the tests look at has a name to lose.
    for (let i = 0; i < 18; i++) expect(byId.get(await rowId(i))?.secretary, `row ${i}`).toBeTruthy();
  });
  afterEach(() => throttle(1));
  afterAll(() => app?.close());

  for (const [name, click, rows] of [
    ['a tap', tap, [0]],
    // Twice: on a throttled page the release does not always come before the grid's own late events.
    ['a 20 ms click on a slow page', slowClick, [3, 6]],
  ] as const) {
    it(`${name} on a 书记, ArrowDown twice, paste: the name lands two rows down, the clicked 书记 keeps its name`, async () => {
      for (const first of rows) {
        const [clickedId, targetId] = [await rowId(first), await rowId(first + 2)];
        const clicked = (await stored(clickedId)).secretary;
        const pasted = `粘贴${first}号`;
        await click(first, 'secretary');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await pasteInto(page, pasted);

        await poll(() => cell(first + 2, 'secretary').innerText()).toBe(pasted);
        expect((await stored(targetId)).secretary).toBe(pasted);
        expect((await stored(clickedId)).secretary).toBe(clicked);
        await expect(cell(first, 'secretary').innerText()).resolves.toBe(clicked);
        // What is highlighted is where the focus is.
        await expect(highlighted()).resolves.toEqual([`${first + 2}:secretary`]);
      }
    });
  }

  it('the mouse selects only while its button is held: after a tap, moving selects nothing more and Delete clears the tapped cell alone; a drag selects a block, and Delete clears that block', async () => {
    const first = 9;
    const ids = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => rowId(first + i)));
    const names = async () => Promise.all(ids.map(async (id) => (await stored(id)).secretary));
    const before = await names();
    await tap(first, 'secretary');
    await moveTo(first + 3, 'secretary');
    await moveTo(first + 3, 'secretaryPhone');
    await settle();
    await expect(highlighted()).resolves.toEqual([`${first}:secretary`]);
    await expect(page.getByTestId('grid-status').innerText()).resolves.not.toContain('已选');
    await page.keyboard.press('Delete');
    await poll(names).toEqual([null, ...before.slice(1)]);
    await poll(() => cell(first, 'secretary').innerText()).toBe('');

    // A drag with the button held, from a selected 书记 over the next two; released, the mouse moves on.
    const from = first + 5;
    await cell(from, 'secretary').click();
    const { x, y } = await centre(from, 'secretary');
    await page.mouse.move(x, y);
    await page.mouse.down();
    await moveTo(from + 2, 'secretary');
    await page.mouse.up();
    await moveTo(from + 3, 'secretary');
    await settle();
    await expect(highlighted()).resolves.toEqual([0, 1, 2].map((i) => `${from + i}:secretary`));
    await expect(page.getByTestId('grid-status').innerText()).resolves.toContain('已选 3 个单元格');
    await page.keyboard.press('Delete');
    await poll(names).toEqual([null, ...before.slice(1, 5), null, null, null, before[8]]);
    await poll(() => cell(from + 1, 'secretary').innerText()).toBe('');
  });
});
