/**
 * Every write in a grid, typed or pasted, is answered alike: a value kept red is said to be kept
 * whatever wrote it, the 合计 row follows each write, and a record table tells its page (the
 * liaison rules) after a paste as after a typed edit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { openApp, pasteInto, type OpenApp } from '../helpers/browser.ts';

/** The core answers each edit; on a busy machine that can take a while. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

describe('a write in the ledger grid', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  const totals = (col: string) => page.locator(`.ag-row[row-index="b-0"] .ag-cell[col-id="${col}"]`).first();
  const stored = async () => (await core.call('ledger.list', { year: 2026 })).rows;
  const sum = (rows: { membersFormal: number | null; membersProbationary: number | null }[], field: 'membersFormal' | 'membersProbationary') =>
    new Intl.NumberFormat('zh-CN').format(rows.reduce((n, r) => n + (r[field] ?? 0), 0));

  beforeAll(async () => {
    app = await openApp('small', 41, '分类台账');
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  it('shows the totals of every summed column over the rows shown', async () => {
    const rows = await stored();
    await expect(totals('name').innerText()).resolves.toBe(`合计（${rows.length} 个）`);
    await expect(totals('membersFormal').innerText()).resolves.toBe(sum(rows, 'membersFormal'));
    await expect(totals('membersProbationary').innerText()).resolves.toBe(sum(rows, 'membersProbationary'));
  });

  it('a pasted value kept red is said to be kept, as a typed one is, and the totals follow', async () => {
    const id = Number(await page.locator('.ag-row[row-index="0"][row-id]').first().getAttribute('row-id'));
    await app.cell(0, 'membersFormal').click();
    await pasteInto(page, '很多\r\n');
    await page.locator('.ant-message').getByText(/^正式党员（名）：.*（已原样保留并标红，请改正）$/).waitFor();
    await poll(() => app.cell(0, 'membersFormal').getAttribute('class')).toContain('cell-invalid');
    expect((await stored()).find((r) => r.id === id)!.invalid?.membersFormal?.raw).toBe('很多');
    await poll(async () => totals('membersFormal').innerText()).toBe(sum(await stored(), 'membersFormal'));

    await app.cell(0, 'membersProbationary').click();
    await page.keyboard.type('1234');
    await page.keyboard.press('Enter');
    await poll(async () => (await stored()).find((r) => r.id === id)!.membersProbationary).toBe(1234);
    await poll(async () => totals('membersProbationary').innerText()).toBe(sum(await stored(), 'membersProbationary'));
  });
});

describe('a paste in a record table', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 42);
    ({ core, page } = app);
    await page.locator('.ant-menu').getByText('联系点', { exact: true }).click();
    await page.getByTestId('records-liaison').waitFor();
  });
  afterAll(() => app?.close());

  it('tells the page: a point ended by a paste shows in the rules at once, as a typed end date does', async () => {
    const rules = await core.call('liaison.rules', { year: 2026 });
    const unguided = () => core.call('liaison.rules', { year: 2026 }).then((r) => r.outcomes.find((o) => o.rule === 'laggingHasLeader')!.violations);
    const already = new Set((await unguided()).map((v) => v.orgId));
    const points = (await core.call('records.list', { table: 'liaison', year: 2026 })).rows;
    const activeAt = (orgId: unknown) => points.filter((p) => p.values.orgId === orgId && !p.values.endedOn);
    // Ended the day before the rules' day: the point stays in this year's list, and guides no more.
    const ended = new Date(Date.parse(`${rules.asOf}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    // A lagging branch guided by this one point alone, started before that day: ending the point leaves it unguided.
    const point = points.find(
      (p) => p.values.branchGrade === 'lagging' && !already.has(Number(p.values.orgId)) && activeAt(p.values.orgId).length === 1 && String(p.values.establishedOn ?? '') < ended,
    )!;
    expect(point, 'a lagging branch with one point').toBeDefined();
    const branch = String(point.values.branchName);

    // The rules as the page read them, before the paste.
    await page.getByRole('tab', { name: /规则检查/ }).click();
    const panel = page.getByTestId('liaison-rules');
    await panel.waitFor();
    expect(await panel.getByTestId('rule-violation').filter({ hasText: branch }).count()).toBe(0);

    await page.getByRole('tab', { name: '联系点', exact: true }).click();
    const grid = page.getByTestId('records-liaison');
    await page.getByLabel('搜索联系点').fill(branch);
    // The search answered: the grid holds this branch's points, not the whole year's.
    await poll(() => page.getByTestId('row-count-liaison').innerText()).toMatch(new RegExp(`^共 (?!${points.length} 条)\\d+ 条`));
    const cell = (col: string) => grid.locator(`.ag-row[row-id="${point.id}"] .ag-cell[col-id="${col}"]`).first();
    // 结束时间 is five columns right of 确定时间, out of view: the keys take the grid there.
    await cell('establishedOn').click();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await poll(() => cell('endedOn').getAttribute('class')).toContain('ag-cell-focus');
    await pasteInto(page, `${ended}\r\n`);
    await poll(async () => (await core.call('records.list', { table: 'liaison', year: 2026 })).rows.find((p) => p.id === point.id)!.values.endedOn).toBe(ended);
    expect((await unguided()).map((v) => v.orgId)).toContain(Number(point.values.orgId));

    await page.getByRole('tab', { name: /规则检查/ }).click();
    await poll(() => panel.getByTestId('rule-violation').filter({ hasText: branch }).count()).toBeGreaterThan(0);
  });
});
