/**
 * How the 分类台账 page gets its rows (issue 18): opened directly (a reload on the page), it asks for its
 * first screenful at once, without waiting for the window's start-up calls, and shows exactly the
 * core's rows; each start-up answer is asked for once. Opened from the menu, too.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { openApp, type OpenApp } from '../helpers/browser.ts';

/** The calls the page sends, as `method {args}`, in order. */
function recordCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r: Request) => {
    if (!r.url().endsWith('/api/invoke')) return;
    const body = r.postDataJSON() as { method: string; args: unknown };
    calls.push(`${body.method} ${JSON.stringify(body.args)}`);
  });
  return calls;
}

const count = (calls: string[], prefix: string) => calls.filter((c) => c.startsWith(prefix)).length;

describe('the ledger page’s first rows in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let year: number;
  let unitId: number;
  let rows: LedgerRow[];

  beforeAll(async () => {
    app = await openApp('small', 7);
    ({ core, page } = app);
    year = (await core.call('ledger.years', {}))[0]!;
    unitId = (await core.call('setup.status', {})).unit!.id;
    rows = (await core.call('ledger.list', { year, scopeOrgId: unitId })).rows;
  });
  afterAll(() => app?.close());

  /** The grid's first rows as shown: name, secretary, formal members, grade (its label). */
  const shownRows = (n: number) =>
    page.evaluate((count) => {
      const text = (row: number, col: string) => document.querySelector(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`)?.textContent ?? null;
      return Array.from({ length: count }, (_, i) => [text(i, 'name'), text(i, 'secretary'), text(i, 'membersFormal'), text(i, 'grade')]);
    }, n);
  const expectedRows = async (n: number) => {
    const grades = new Map((await core.call('dict.list', { dict: 'grade' })).map((d) => [d.code, d.label]));
    return rows.slice(0, n).map((r) => [r.name, r.secretary ?? '', r.membersFormal === null ? '' : new Intl.NumberFormat('zh-CN').format(r.membersFormal), r.grade ? grades.get(r.grade)! : '']);
  };
  const wholeYearShown = () => page.getByTestId('row-count').filter({ hasText: new RegExp(`^共 ${new Intl.NumberFormat('zh-CN').format(rows.length)} 行$`) }).waitFor();

  it('opened directly, asks for the first screenful while the window’s own start-up calls are still unanswered', async () => {
    expect(rows.length).toBeGreaterThan(100);
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await wholeYearShown();
    // The window's settings (setup.status) are held back: on this reload the first rows must be asked for all the same.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/invoke', async (route) => {
      if ((route.request().postDataJSON() as { method: string }).method === 'setup.status') await held;
      // Unrouted meanwhile (the finally below), Playwright has let the held call through itself.
      await route.continue().catch((e: Error) => {
        if (!/already handled/.test(e.message)) throw e;
      });
    });
    const calls = recordCalls(page);
    try {
      const firstAsked = page.waitForRequest((r) => r.url().endsWith('/api/invoke') && (r.postDataJSON() as { args?: { limit?: number } }).args?.limit === 100);
      const statusAsked = page.waitForRequest((r) => r.url().endsWith('/api/invoke') && (r.postDataJSON() as { method: string }).method === 'setup.status');
      await page.reload({ waitUntil: 'commit' });
      const first = await firstAsked;
      // One call: the year and the unit come back with the rows, not before them.
      expect(first.postDataJSON()).toEqual({ method: 'ledger.opening', args: { limit: 100 } });
      // setup.status was asked too, and is held: the first rows did not wait for it.
      await statusAsked;
    } finally {
      release();
      await page.unrouteAll({ behavior: 'wait' });
    }
    await wholeYearShown();
    expect(await shownRows(12)).toEqual(await expectedRows(12));
    // Each asked once: the page took the answers asked for at start; the years and the first rows came inside ledger.opening.
    for (const call of ['auth.status', 'setup.status', 'ledger.opening', 'dict.list', 'view.list']) expect(count(calls, `${call} `), call).toBe(1);
    expect(count(calls, 'ledger.years ')).toBe(0);
    expect(calls.filter((c) => c.startsWith('ledger.list')).map((c) => c.includes('"limit":100'))).toEqual([false]);
  });

  it('opened from the menu, asks for each thing once and shows the same rows', async () => {
    await page.locator('.ant-menu').getByText('组织机构', { exact: true }).click();
    await page.locator('.ant-tree').waitFor();
    const calls = recordCalls(page);
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await wholeYearShown();
    expect(await shownRows(12)).toEqual(await expectedRows(12));
    for (const call of ['ledger.years', 'dict.list', 'view.list']) expect(count(calls, `${call} `), call).toBe(1);
    expect(calls.filter((c) => c.startsWith('ledger.list')).map((c) => c.includes('"limit":100'))).toEqual([true, false]);
  });

  it('while the rest of the year is read, counts and sums nothing of the first rows alone; then the year’s, with no count of the first rows between', async () => {
    const n = new Intl.NumberFormat('zh-CN').format(rows.length);
    await page.locator('.ant-menu').getByText('组织机构', { exact: true }).click();
    await page.locator('.ant-tree').waitFor();
    // The whole year's answer is held until the first rows are looked at.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/invoke', async (route) => {
      const body = route.request().postDataJSON() as { method: string; args: { limit?: number } };
      if (body.method === 'ledger.list' && body.args.limit === undefined) await held;
      await route.continue().catch((e: Error) => {
        if (!/already handled/.test(e.message)) throw e;
      });
    });
    try {
      await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
      await page.getByTestId('row-count').filter({ hasText: `共 ${n} 行，正在读取其余…` }).waitFor();
      const totals = page.locator('.ag-row[row-index="b-0"] .ag-cell[col-id="name"]').first();
      await expect.poll(() => totals.innerText()).toBe('合计（正在读取其余…）');
      await expect(page.locator('.ag-row[row-index="b-0"] .ag-cell[col-id="membersFormal"]').first().innerText()).resolves.toBe('');
      // Every count the status bar shows from here on.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { counts: string[] }).counts = seen;
        const bar = document.querySelector('[data-testid="row-count"]')!;
        new MutationObserver(() => seen.push(bar.textContent ?? '')).observe(bar, { childList: true, subtree: true, characterData: true });
      });
    } finally {
      release();
      await page.unrouteAll({ behavior: 'wait' });
    }
    await wholeYearShown();
    await expect.poll(() => page.locator('.ag-row[row-index="b-0"] .ag-cell[col-id="name"]').first().innerText()).toBe(`合计（${n} 个）`);
    const counts = await page.evaluate(() => (window as unknown as { counts: string[] }).counts);
    expect(counts.filter((c) => c !== `共 ${n} 行，正在读取其余…` && c !== `共 ${n} 行`)).toEqual([]);
  });
});
