/**
 * Find and replace as a person uses them (Ctrl+F, Ctrl+H), in the ledger grid: hits counted and gone
 * through with Enter, Shift+Enter and F3, only among the rows the filters leave; a replace across a
 * column is one change the core audited, undone whole by one Ctrl+Z; a replacement a column cannot
 * take is refused naming the cell, with nothing written; read-only columns are skipped with a word;
 * Latin case and whole cells as asked; a replacement the column reads as another value (一般 in 等次)
 * says what was stored, before and after. At 1366×768 each hit is brought wholly into sight, its
 * column's header too: never under the bar, the grid's edge or the 合计 row. And in a record table,
 * the same bar. Screenshots at 1366×768.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { artifactsDir, openApp, whollyVisible, type OpenApp } from '../helpers/browser.ts';

/** The core answers each write; on a busy machine that can take a while. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });


async function chooseScope(page: Page, bar: Locator, label: string): Promise<void> {
  await bar.getByRole('combobox', { name: '查找范围' }).click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

describe('find and replace in the ledger grid', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let bar: Locator;
  /** The township whose rows the quick search leaves, and its branches graded 后进. */
  let township: string;
  let before: LedgerRow[];
  const rowsNow = async () => (await core.call('ledger.list', { year: 2026 })).rows;
  const count = () => bar.getByTestId('find-count').innerText();
  const current = () => page.locator('.ag-cell.cell-find-current');
  const rowIndexOf = async (cell: Locator) => Number(await cell.locator('xpath=ancestor::div[@row-index][1]').getAttribute('row-index'));

  beforeAll(async () => {
    app = await openApp('small', 41, '分类台账');
    ({ core, page } = app);
    bar = page.getByRole('search', { name: '查找和替换' });
    before = await rowsNow();
    // The township with the most 后进 branches, so that a replace there leaves others untouched.
    const lagging = new Map<string, number>();
    for (const r of before) if (r.grade === 'lagging' && r.township) lagging.set(r.township, (lagging.get(r.township) ?? 0) + 1);
    township = [...lagging].sort((a, b) => b[1] - a[1])[0]![0];
  });
  afterAll(() => app?.close());

  it('Ctrl+F finds 后进 in the 等次 column: the hits counted, Enter, Shift+Enter and F3 go from one to the next, each selected and in view', async () => {
    const lagging = before.filter((r) => r.grade === 'lagging').length;
    expect(lagging).toBeGreaterThan(3);
    await app.cell(0, 'name').click();
    await page.keyboard.press('Control+f');
    await bar.waitFor();
    // The focus is in the bar's find box as it opens: what is typed goes there, not into the cell.
    await expect.poll(() => bar.getByLabel('查找内容').evaluate((el) => el === document.activeElement)).toBe(true);
    // The column first, then the text: each is a search of its own, and a later one starts again from the first
    // hit (typed first, the column's search came after the count was already 第 1/N and undid an Enter).
    await chooseScope(page, bar, '列：等次');
    await bar.getByLabel('查找内容').click();
    await page.keyboard.type('后进', { delay: 50 });
    await poll(count).toBe(`第 1/${lagging} 处`);
    await expect(current().getAttribute('col-id')).resolves.toBe('grade');
    await expect(current().innerText()).resolves.toBe('后进');
    const first = await rowIndexOf(current());

    const find = bar.getByLabel('查找内容');
    await find.press('Enter');
    await poll(count).toBe(`第 2/${lagging} 处`);
    const second = await rowIndexOf(current());
    expect(second).toBeGreaterThan(first);
    await find.press('Shift+Enter');
    await poll(count).toBe(`第 1/${lagging} 处`);
    await expect(rowIndexOf(current())).resolves.toBe(first);
    // Back from the first goes round to the last, scrolled into view.
    await find.press('Shift+Enter');
    await poll(count).toBe(`第 ${lagging}/${lagging} 处`);
    await expect(current().isVisible()).resolves.toBe(true);
    expect(await rowIndexOf(current())).toBeGreaterThan(second);
    await find.press('F3');
    await poll(count).toBe(`第 1/${lagging} 处`);
    // The cell itself was never touched.
    expect(await core.call('ledger.history', { id: before[0]!.id })).toEqual([]);
  });

  it('finds only among the rows the filters leave', async () => {
    const here = before.filter((r) => r.township === township && r.grade === 'lagging').length;
    await page.getByLabel('快速搜索').fill(township);
    await poll(() => page.getByTestId('row-count').innerText()).toContain('筛选后');
    await poll(count).toMatch(new RegExp(`^(第 \\d+/|共 )${here} 处$`));
    // Gone through, every hit is a row of that township, and round after the last to the first again.
    const seen = new Set<number>();
    for (let i = 0; i < here; i++) {
      await bar.getByLabel('查找内容').press('Enter');
      await poll(count).toMatch(new RegExp(`^第 \\d+/${here} 处$`));
      const index = await rowIndexOf(current());
      seen.add(index);
      await expect(page.locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="township"]`).first().innerText()).resolves.toBe(township);
    }
    expect(seen.size).toBe(here);
  });

  it('replaces 后进 with 一般 across the 等次 column of the filtered rows, as one change that one Ctrl+Z undoes; the audit shows both', async () => {
    const targets = before.filter((r) => r.township === township && r.grade === 'lagging');
    const elsewhere = before.filter((r) => r.township !== township && r.grade === 'lagging');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.keyboard.press('Control+h');
    const replaceWith = bar.getByLabel('替换为');
    await replaceWith.waitFor();
    await replaceWith.fill('一般');
    // 一般 is the 等次 dictionary's word for 中间: the bar says so before anything is written, and after.
    await poll(() => bar.getByTestId('find-preview').innerText()).toBe('“一般”在“等次”中读作“中间”，将按“中间”保存。');
    await page.screenshot({ path: path.join(artifactsDir, 'grid-replace-preview-1366.png') });
    await bar.getByRole('button', { name: '全部替换' }).click();

    await poll(() => bar.getByTestId('find-note').innerText()).toBe(`替换“后进”为“一般” ${targets.length} 处。“一般”在“等次”中读作“中间”，已按“中间”保存。可按 Ctrl+Z 撤销。`);
    await poll(count).toBe('无结果');
    const after = new Map((await rowsNow()).map((r) => [r.id, r]));
    // 一般 is read as 中间 by the core, as if typed; the rows the filter hid keep their 后进.
    for (const t of targets) expect(after.get(t.id)).toMatchObject({ grade: 'middle', invalid: null });
    for (const r of elsewhere) expect(after.get(r.id)!.grade).toBe('lagging');
    const written = await core.call('ledger.history', { id: targets[0]!.id });
    expect(written[0]).toMatchObject({ field: 'grade', oldValue: 'lagging', newValue: 'middle', source: 'typed' });
    // One change set for all of them.
    const sets = new Set(await Promise.all(targets.map(async (t) => (await core.call('ledger.history', { id: t.id }))[0]!.changeSetId)));
    expect(sets.size).toBe(1);
    await page.screenshot({ path: path.join(artifactsDir, 'grid-replace-1366.png') });

    // One Ctrl+Z at once, the focus still in the bar as its message offers, undoes the whole replace
    // (not the typing in 替换为, which stays as typed).
    await page.keyboard.press('Control+z');
    await page.locator('.ant-message').getByText(`已撤销：替换“后进”为“一般” ${targets.length} 处`).waitFor();
    await expect(replaceWith.inputValue()).resolves.toBe('一般');
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
    await poll(async () => (await rowsNow()).filter((r) => r.grade === 'lagging').length).toBe(targets.length + elsewhere.length);
    const back = new Map((await rowsNow()).map((r) => [r.id, r]));
    for (const t of targets) expect(back.get(t.id)!.grade).toBe('lagging');
    const undone = await core.call('ledger.history', { id: targets[0]!.id });
    expect(undone[0]).toMatchObject({ field: 'grade', oldValue: 'middle', newValue: 'lagging', source: 'undo' });
    expect(undone[1]).toMatchObject({ field: 'grade', oldValue: 'lagging', newValue: 'middle', source: 'typed' });
    // And the grid shows it (the row is still the filtered grid's).
    const shownAt = await rowIndexOfId(page, targets[0]!.id);
    await poll(() => app.cell(shownAt, 'grade').innerText()).toBe('后进');
    await page.getByLabel('快速搜索').fill('');
    await page.setViewportSize({ width: 1600, height: 900 });
  });

  it('refuses a replacement the column cannot take, naming the cell, and writes nothing', async () => {
    const members = (await rowsNow()).map((r) => [r.id, r.membersFormal]);
    await app.cell(0, 'name').click();
    await page.keyboard.press('Control+h');
    await bar.getByLabel('查找内容').fill('1');
    await chooseScope(page, bar, '列：正式党员（名）');
    await bar.getByLabel('替换为').fill('x');
    await poll(count).toMatch(/^第 1\/\d+ 处$/);
    await bar.getByRole('button', { name: '全部替换' }).click();
    const note = bar.getByTestId('find-note');
    await poll(() => note.innerText()).toMatch(/^替换后有 \d+ 处不是这一列能填的值，全部未替换：第 \d+ 行（.+）“正式党员（名）”：“x\d*”不是整数/);
    await page.screenshot({ path: path.join(artifactsDir, 'grid-replace-refused.png') });
    // Nothing was written, not even the cells that would have parsed.
    expect((await rowsNow()).map((r) => [r.id, r.membersFormal])).toEqual(members);
    // The first refused cell is the one shown.
    const named = Number(/第 (\d+) 行/.exec(await note.innerText())![1]);
    await expect(rowIndexOf(current())).resolves.toBe(named - 1);
    await expect(current().getAttribute('col-id')).resolves.toBe('membersFormal');
    await page.keyboard.press('Escape');
  });

  it('skips read-only columns with a word, and changes nothing there', async () => {
    const rows = await rowsNow();
    // A word in the townships' names (read-only here), in no branch's.
    const word = ['党工委', '镇党委', '苏木党委'].find((w) => rows.some((r) => r.township?.includes(w)) && !rows.some((r) => r.name.includes(w)))!;
    expect(word).toBeTruthy();
    const inTownships = rows.filter((r) => r.township?.includes(word)).length;
    await app.cell(0, 'name').click();
    await page.keyboard.press('Control+h');
    await bar.getByLabel('查找内容').fill(word);
    await chooseScope(page, bar, '全部列');
    await bar.getByLabel('替换为').fill('街道');
    await poll(count).toMatch(new RegExp(`^第 \\d+/${inTownships} 处$`));
    await bar.getByRole('button', { name: '全部替换' }).click();
    await poll(() => bar.getByTestId('find-note').innerText()).toBe(`“苏木乡镇（街道）”${inTownships} 处是只读列，已跳过。`);
    expect((await rowsNow()).map((r) => [r.id, r.township, r.name])).toEqual(rows.map((r) => [r.id, r.township, r.name]));
    await page.keyboard.press('Escape');
  });

  it('reads Latin letters regardless of case unless 区分大小写, and the whole cell with 单元格匹配', async () => {
    // Two secretaries typed in, one name inside the other's.
    for (const [row, name] of [
      [1, 'Bayar'],
      [2, 'bayar Tomor'],
    ] as const) {
      await app.cell(row, 'secretary').click();
      await page.keyboard.type(name, { delay: 20 });
      await page.keyboard.press('Enter');
      await poll(() => app.cell(row, 'secretary').innerText()).toBe(name);
    }
    await page.keyboard.press('Control+f');
    await bar.getByLabel('查找内容').fill('bayar');
    await chooseScope(page, bar, '列：书记');
    await poll(count).toMatch(/^第 \d\/2 处$/);
    await bar.getByText('区分大小写').click();
    await poll(count).toBe('第 1/1 处');
    // The count read the same before this search ran: the hit shown tells them apart.
    await poll(() => current().innerText()).toBe('bayar Tomor');
    await bar.getByText('区分大小写').click();
    await bar.getByLabel('查找内容').fill('Bayar');
    await bar.getByText('单元格匹配').click();
    await poll(count).toBe('第 1/1 处');
    await poll(() => current().innerText()).toBe('Bayar');
    await page.keyboard.press('Escape');
    // The grid's focus is on that cell: the next keys go on from there.
    await expect(page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))).resolves.toBe('secretary');
  });

  it('at 1366×768 each hit gone to is wholly in sight with its column’s header: at the bottom edge, in the right-most column, with the strip of filters shown', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const rows = await rowsNow();
    const seen = (el: Locator) => expect.poll(() => whollyVisible(el), { timeout: 5_000 });
    const header = (colId: string) => page.locator(`.ag-header-cell[col-id="${colId}"]`);
    // A filter in force: its strip above the grid moves the header down, and the bar with it.
    const popup = page.getByTestId('grid-filter');
    await header('grade').locator('.ag-header-cell-filter-button').click();
    await popup.getByRole('option').first().waitFor();
    await popup.getByRole('option').filter({ has: page.locator('.grid-filter-label', { hasText: /^先进$/ }) }).click();
    await page.keyboard.press('Enter');
    await page.getByTestId('filter-strip').waitFor();
    const lagging = rows.filter((r) => r.grade === 'lagging').length;
    await app.cell(0, 'name').click();
    await page.keyboard.press('Control+f');
    await chooseScope(page, bar, '列：等次');
    await bar.getByLabel('查找内容').fill('后进');
    await poll(count).toBe(`第 1/${lagging} 处`);
    // Going down the hits scrolls the grid: each lands at its bottom edge, over the 合计 row.
    let scrolled = 0;
    for (let i = 1; i <= Math.min(lagging, 16); i++) {
      await poll(count).toBe(`第 ${i}/${lagging} 处`);
      await seen(current()).toBe(true);
      await seen(header('grade')).toBe(true);
      if ((await rowIndexOf(current())) > 20) scrolled++;
      if (scrolled === 2) await page.screenshot({ path: path.join(artifactsDir, 'grid-find-bottom-1366.png') });
      await bar.getByLabel('查找内容').press('Enter');
    }
    expect(scrolled).toBeGreaterThan(1);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Home');
    await page.getByRole('button', { name: '清除全部筛选' }).click();
    await page.getByTestId('filter-strip').waitFor({ state: 'detached' });

    // The right-most column (联系领导): scrolled to across the grid, the whole cell in sight.
    const leadersOf = (r: LedgerRow) => (r as unknown as Record<string, string | null>).liaisonLeaders;
    const leader = leadersOf(rows.filter(leadersOf).at(-1)!)!;
    const same = rows.filter((r) => leadersOf(r) === leader).length;
    await app.cell(0, 'name').click();
    await page.keyboard.press('Control+f');
    await chooseScope(page, bar, '列：联系领导');
    if (!(await bar.getByRole('checkbox', { name: '单元格匹配' }).isChecked())) await bar.getByText('单元格匹配').click();
    await bar.getByLabel('查找内容').fill(leader);
    // This search's count, not the last one's (the bar opens on what it looked for before).
    await poll(count).toBe(`第 1/${same} 处`);
    await expect(current().innerText()).resolves.toBe(leader);
    // The last of them: the lowest row, in the right-most column.
    await bar.getByLabel('查找内容').press('Shift+Enter');
    await poll(count).toBe(`第 ${same}/${same} 处`);
    await expect(current().getAttribute('col-id')).resolves.toBe('liaisonLeaders');
    await seen(current()).toBe(true);
    await seen(header('liaisonLeaders')).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'grid-find-right-1366.png') });
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1600, height: 900 });
  });
});

/** The displayed index of a row by its id (it must be rendered). */
async function rowIndexOfId(page: Page, id: number): Promise<number> {
  return Number(await page.locator(`.ag-row[row-id="${id}"]`).first().getAttribute('row-index'));
}

describe('find in a record table (联系点 › 领导干部)', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 42);
    ({ core, page } = app);
    await page.locator('.ant-menu').getByText('联系点', { exact: true }).click();
    await page.getByRole('tab', { name: '领导干部' }).click();
  });
  afterAll(() => app?.close());

  it('Ctrl+F in the leaders’ grid finds a leader by name; Esc leaves the focus on that cell', async () => {
    const grid = page.getByTestId('records-leader');
    const leaders = (await core.call('records.list', { table: 'leader', year: 2026 })).rows;
    const name = String(leaders.at(-1)!.values.name);
    const same = leaders.filter((l) => l.values.name === name).length;
    // Not the name itself: a click there opens the leader's card.
    await grid.locator('.ag-row[row-index="0"] .ag-cell[col-id="title"]').first().click();
    await page.keyboard.press('Control+f');
    const bar = grid.getByRole('search', { name: '查找和替换' });
    await bar.getByLabel('查找内容').fill(name);
    await bar.getByText('单元格匹配').click();
    await poll(() => bar.getByTestId('find-count').innerText()).toBe(`第 1/${same} 处`);
    await expect(grid.locator('.ag-cell.cell-find-current').innerText()).resolves.toBe(name);
    await page.keyboard.press('Escape');
    await expect(page.evaluate(() => document.activeElement?.closest('.ag-cell')?.textContent)).resolves.toBe(name);
  });
});
