/**
 * Filters as in Excel, on the ledger, as a person uses them: tick and untick a column's values
 * (空白 too), see the rows, the status bar's count and the strip above the grid follow, remove
 * one filter and then all; a number range; a search by pinyin initials; keys only; a saved view.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

const n = (x: number) => new Intl.NumberFormat('zh-CN').format(x);
const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

describe('filters as in Excel on the ledger', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let rows: LedgerRow[];

  const filterButton = (colId: string) => page.locator(`.ag-header-cell[col-id="${colId}"] .ag-header-cell-filter-button`);
  const popup = () => page.getByTestId('grid-filter');
  const option = (label: string) => popup().getByRole('option').filter({ has: page.locator('.grid-filter-label', { hasText: new RegExp(`^${label}$`) }) });
  const openFilter = async (colId: string) => {
    // The last popup gone first, so that the one found below is this column's.
    await popup().waitFor({ state: 'hidden' });
    await filterButton(colId).click();
    await popup().waitFor();
    // Counted afresh as it opens: wait for the list (a column always has at least one value here).
    await popup().getByRole('option').first().waitFor();
  };
  const rowCount = () => page.getByTestId('row-count').innerText();
  const strip = () => page.getByTestId('filter-strip');
  /** The cells of a column in the rows drawn (not the 合计 row). */
  const shownCells = (colId: string) => page.locator(`.ag-row:not(.ag-row-pinned) .ag-cell[col-id="${colId}"]`).allInnerTexts();
  const countOf = async (o: Locator) => Number((await o.locator('.grid-filter-count').innerText()).replace(/,/g, ''));

  beforeAll(async () => {
    app = await openApp('small', 1, '分类台账');
    ({ core, page } = app);
    await page.setViewportSize({ width: 1366, height: 768 });
    rows = (await core.call('ledger.list', { year: 2026 })).rows;
    expect(await rowCount()).toBe(`共 ${n(rows.length)} 行`);
  });
  afterAll(() => app?.close());

  it('unticks a value: the rows, the status bar count and the strip follow', async () => {
    const lagging = rows.filter((r) => r.grade === 'lagging').length;
    expect(lagging).toBeGreaterThan(0);
    await openFilter('grade');
    // The dictionary's labels in its order, each with how many rows hold it.
    await expect(popup().getByRole('option').locator('.grid-filter-label').allInnerTexts()).resolves.toEqual(['先进', '中间', '后进']);
    for (const [label, code] of [['先进', 'advanced'], ['中间', 'middle'], ['后进', 'lagging']] as const) {
      expect(await countOf(option(label))).toBe(rows.filter((r) => r.grade === code).length);
    }
    await option('后进').click();
    await expect(option('后进').getAttribute('aria-selected')).resolves.toBe('false');
    await page.keyboard.press('Enter');
    await popup().waitFor({ state: 'hidden' });
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行，筛选后 ${n(rows.length - lagging)} 行`);
    await expect.poll(() => strip().innerText()).toContain('等次：除 后进 外');
    const grades = await shownCells('grade');
    expect(grades.length).toBeGreaterThan(5);
    expect(grades).not.toContain('后进');
    await page.screenshot({ path: path.join(artifactsDir, 'filters-untick.png') });
  });

  it('counts the values among the rows the other filters leave, refuses an empty choice, and ticks 空白 alone', async () => {
    const left = rows.filter((r) => r.grade !== 'lagging');
    const blanks = left.filter((r) => isBlank(r.secretary)).length;
    expect(blanks).toBeGreaterThan(0);
    await openFilter('secretary');
    await expect(popup().locator('.grid-filter-all').innerText()).resolves.toContain(n(left.length));
    expect(await countOf(option('（空白）'))).toBe(blanks);
    // 全选 off: nothing ticked, nothing to show; 确定 says so and the popup stays.
    await popup().getByText('全选', { exact: true }).click();
    await popup().getByRole('button', { name: /确\s*定/ }).click();
    await expect(popup().getByRole('alert').innerText()).resolves.toBe('请至少勾选一项');
    await option('（空白）').click();
    await page.screenshot({ path: path.join(artifactsDir, 'filters-blank.png') });
    await popup().getByRole('button', { name: /确\s*定/ }).click();
    await popup().waitFor({ state: 'hidden' });
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行，筛选后 ${n(blanks)} 行`);
    await expect.poll(() => strip().locator('.grid-filter-chip').allInnerTexts()).toEqual(['等次：除 后进 外', '书记：空白']);
    const secretaries = await shownCells('secretary');
    expect(secretaries.length).toBe(Math.min(blanks, secretaries.length));
    expect(secretaries.every((s) => s.trim() === '')).toBe(true);
  });

  it('the quick search still finds a dictionary’s label, and the list counts only the rows it leaves', async () => {
    const lagging = rows.filter((r) => r.grade === 'lagging').length;
    expect(rows.filter((r) => r.name.includes('后进') || r.township?.includes('后进'))).toHaveLength(0);
    await strip().getByRole('button', { name: /清除全部筛选/ }).click();
    await page.getByLabel('快速搜索').fill('后进');
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行，筛选后 ${n(lagging)} 行`);
    await openFilter('grade');
    await expect(popup().getByRole('option').locator('.grid-filter-label').allInnerTexts()).resolves.toEqual(['后进']);
    expect(await countOf(option('后进'))).toBe(lagging);
    await page.keyboard.press('Escape');
    await page.getByLabel('快速搜索').fill('');
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行`);
  });

  it('× removes one filter, 清除全部筛选 restores every row', async () => {
    // 等次 without 后进, 书记 only 空白, as before the quick search.
    await openFilter('grade');
    await option('后进').click();
    await page.keyboard.press('Enter');
    await openFilter('secretary');
    await popup().getByText('全选', { exact: true }).click();
    await option('（空白）').click();
    await page.keyboard.press('Enter');
    await expect.poll(() => strip().locator('.grid-filter-chip').allInnerTexts()).toEqual(['等次：除 后进 外', '书记：空白']);
    await strip().getByRole('button', { name: '移除筛选：等次' }).click();
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行，筛选后 ${n(rows.filter((r) => isBlank(r.secretary)).length)} 行`);
    await expect.poll(() => strip().locator('.grid-filter-chip').allInnerTexts()).toEqual(['书记：空白']);
    await strip().getByRole('button', { name: /清除全部筛选/ }).click();
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行`);
    await expect.poll(() => strip().count()).toBe(0);
  });

  it('filters a number column by range (介于), says what is wrong with a bad bound, and Esc closes without applying', async () => {
    const within = rows.filter((r) => typeof r.membersFormal === 'number' && r.membersFormal >= 10 && r.membersFormal <= 30).length;
    await openFilter('membersFormal');
    await popup().getByText('介于', { exact: true }).click();
    await popup().getByLabel('下限').fill('10');
    await popup().getByLabel('上限').fill('３０');
    await page.keyboard.press('Enter');
    await popup().waitFor({ state: 'hidden' });
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行，筛选后 ${n(within)} 行`);
    await expect.poll(() => strip().innerText()).toContain('正式党员（名）：介于 10 与 30');
    const shown = (await shownCells('membersFormal')).map((s) => Number(s.replace(/,/g, '')));
    expect(shown.every((m) => m >= 10 && m <= 30)).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'filters-range.png') });

    // Reopened: the range as set. A bound that is no number is refused with the reason, nothing changes.
    await openFilter('membersFormal');
    await expect(popup().getByLabel('下限').inputValue()).resolves.toBe('10');
    // The list shows what the grid does: the smallest value, below 10, greyed and not ticked; a value
    // within ticked. Typed a lower bound that takes the smallest in, it is ticked at once.
    const smallest = Math.min(...rows.map((r) => r.membersFormal).filter((m): m is number => typeof m === 'number'));
    expect(smallest).toBeLessThan(10);
    const first = popup().getByRole('option').first();
    await expect(first.locator('.grid-filter-label').innerText()).resolves.toBe(n(smallest));
    await expect(first.getAttribute('aria-selected')).resolves.toBe('false');
    await expect(first.getAttribute('aria-disabled')).resolves.toBe('true');
    await popup().screenshot({ path: path.join(artifactsDir, 'filters-range-list.png') });
    // A click on it, as a person tries, changes nothing (Playwright would not click what is marked disabled).
    await first.click({ force: true });
    await expect(first.getAttribute('aria-selected')).resolves.toBe('false');
    await popup().getByLabel('下限').fill(String(smallest));
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true');
    await expect(first.getAttribute('aria-disabled')).resolves.toBe(null);
    await popup().getByLabel('下限').fill('10');
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('false');
    await popup().getByLabel('上限').fill('很多');
    await page.keyboard.press('Enter');
    await expect(popup().getByRole('alert').innerText()).resolves.toBe('范围的上限：“很多”不是数字');
    await page.keyboard.press('Escape');
    await popup().waitFor({ state: 'hidden' });
    await expect(rowCount()).resolves.toBe(`共 ${n(rows.length)} 行，筛选后 ${n(within)} 行`);
    await strip().getByRole('button', { name: /清除全部筛选/ }).click();
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行`);
  });

  it('searches the list by pinyin initials as the quick search does, and works by keys alone', async () => {
    // A name's initials, as staff type them into the quick search (xhc → 新华村党支部).
    const finds = (q: string) => rows.filter((r) => `${r.name} ${r.initials}`.toLowerCase().includes(q));
    const q = rows.map((r) => r.initials.slice(0, 3)).find((x) => /^[a-z]{3}$/.test(x) && new Set(finds(x).map((r) => r.name)).size >= 3)!;
    const found = finds(q);
    const target = found[0]!;
    // From a cell up into the header, Ctrl+Enter opens the column's filter (AG Grid's key for its menu).
    await app.cell(0, 'name').click();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Control+Enter');
    await popup().getByRole('option').first().waitFor();
    // The search box has the focus: type, go down into the list, untick the first value found, apply.
    await expect(popup().getByLabel('在值列表中搜索').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type(q);
    await expect.poll(() => popup().getByRole('option').count()).toBe(new Set(found.map((r) => r.name)).size);
    await expect(popup().getByRole('option').filter({ hasText: target.name }).count()).resolves.toBeGreaterThan(0);
    const first = (await popup().getByRole('option').first().locator('.grid-filter-label').innerText()).trim();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect(popup().getByRole('option').first().getAttribute('aria-selected')).resolves.toBe('false');
    await page.screenshot({ path: path.join(artifactsDir, 'filters-search.png') });
    await page.keyboard.press('Enter');
    await popup().waitFor({ state: 'hidden' });
    const expected = found.filter((r) => r.name !== first).length;
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行，筛选后 ${n(expected)} 行`);
    const names = await shownCells('name');
    expect(names.length).toBe(Math.min(expected, names.length));
    expect(names.every((s) => s !== first && found.some((r) => r.name === s))).toBe(true);
    await strip().getByRole('button', { name: /清除全部筛选/ }).click();
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行`);
  });

  it('a saved view keeps its filters: through AG Grid’s filter model into the view and back', async () => {
    const advanced = rows.filter((r) => r.grade === 'advanced').length;
    await openFilter('grade');
    await popup().getByText('全选', { exact: true }).click();
    await option('先进').click();
    await page.keyboard.press('Enter');
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行，筛选后 ${n(advanced)} 行`);

    await page.getByRole('button', { name: /视图/ }).click();
    await page.getByText('保存当前视图…').click();
    await page.getByLabel('视图名称').pressSequentially('只看先进');
    await page.getByLabel('视图名称').press('Enter');
    await expect.poll(async () => (await core.call('view.list', { grid: 'ledger' })).map((v) => v.name)).toContain('只看先进');
    const saved = (await core.call('view.list', { grid: 'ledger' })).find((v) => v.name === '只看先进')!;
    expect((saved.state as { filter: unknown }).filter).toEqual({ grade: { filterType: 'values', values: ['advanced'] } });

    await page.getByRole('button', { name: /视图/ }).click();
    await page.getByText('恢复原始视图（全部列、不筛选）').click();
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行`);
    await expect.poll(() => strip().count()).toBe(0);

    await page.getByRole('button', { name: /视图/ }).click();
    await page.getByRole('menuitem', { name: '只看先进' }).click();
    await expect.poll(rowCount).toBe(`共 ${n(rows.length)} 行，筛选后 ${n(advanced)} 行`);
    await expect.poll(() => strip().locator('.grid-filter-chip').allInnerTexts()).toEqual(['等次：先进']);
    // The popup ticks what the view holds.
    await openFilter('grade');
    await expect(popup().getByRole('option').evaluateAll((os) => os.map((o) => `${o.querySelector('.grid-filter-label')!.textContent}:${o.getAttribute('aria-selected')}`))).resolves.toEqual([
      '先进:true',
      '中间:false',
      '后进:false',
    ]);
    await page.keyboard.press('Escape');
  });
});

describe('every grid has them: the problem list', () => {
  let app: OpenApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 11);
    page = app.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.ant-menu').getByText('问题清单', { exact: true }).click();
    await page.getByTestId('records-problem').waitFor();
    await page.getByTestId('row-count-problem').filter({ hasText: /^共 [\d,]+ 条/ }).waitFor();
  });
  afterAll(() => app?.close());

  it('ticks one state of a dictionary column, then a date range', async () => {
    const problems = (await app.core.call('records.list', { table: 'problem', year: 2026 })).rows;
    const rowCount = () => page.getByTestId('row-count-problem').innerText();
    await expect(rowCount()).resolves.toBe(`共 ${n(problems.length)} 条`);
    const popup = page.getByTestId('grid-filter');
    const status = problems.map((p) => p.values.status).find((s) => problems.some((p) => p.values.status !== s))!;
    const withStatus = problems.filter((p) => p.values.status === status).length;

    await page.locator('.ag-header-cell[col-id="status"] .ag-header-cell-filter-button').click();
    await popup.getByRole('option').first().waitFor();
    await popup.getByText('全选', { exact: true }).click();
    const labels = await popup.getByRole('option').locator('.grid-filter-label').allInnerTexts();
    const dicts = await app.core.call('dict.list', {});
    const label = dicts.find((d) => d.dict === 'problem_status' && d.code === status)!.label;
    expect(labels).toContain(label);
    await popup.getByRole('option').filter({ hasText: label }).click();
    await page.keyboard.press('Enter');
    await expect.poll(rowCount).toBe(`共 ${n(problems.length)} 条，筛选后 ${n(withStatus)} 条`);
    const cells = await page.locator('.ag-row:not(.ag-row-pinned) .ag-cell[col-id="status"]').allInnerTexts();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c === label)).toBe(true);
    await expect.poll(() => page.getByTestId('filter-strip').innerText()).toContain(`整改状态：${label}`);

    // Found on or after a day, typed as staff write dates.
    const days = problems.map((p) => p.values.foundOn).filter((d): d is string => typeof d === 'string').sort();
    const from = days[Math.floor(days.length / 2)]!;
    const expected = problems.filter((p) => p.values.status === status && typeof p.values.foundOn === 'string' && p.values.foundOn >= from).length;
    // 发现时间 is off to the right of the narrow grid: scroll along to it first, as with the scroll bar.
    await page.locator('.ag-body-horizontal-scroll-viewport').evaluate(async (bar) => {
      const shown = () => {
        const head = document.querySelector('.ag-header-cell[col-id="foundOn"]')?.getBoundingClientRect();
        return !!head && head.right <= bar.getBoundingClientRect().right;
      };
      while (!shown() && bar.scrollLeft + bar.clientWidth < bar.scrollWidth) {
        bar.scrollLeft += 60;
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await page.locator('.ag-header-cell[col-id="foundOn"] .ag-header-cell-filter-button').click();
    await popup.getByRole('option').first().waitFor();
    await popup.getByText('≥', { exact: true }).click();
    const [y, m, d] = from.split('-');
    await popup.getByLabel('下限').fill(`${y}年${Number(m)}月${Number(d)}日`);
    await popup.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(rowCount).toBe(`共 ${n(problems.length)} 条，筛选后 ${n(expected)} 条`);
    await expect.poll(() => page.getByTestId('filter-strip').innerText()).toContain(`发现时间：≥ ${from}`);
    await page.screenshot({ path: path.join(artifactsDir, 'filters-problems.png') });
  });
});
