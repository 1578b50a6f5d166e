/**
 * The “最强党支部” page in Chromium: a county accepts a branch through the window (旗县验收 通过),
 * the board's counts follow, and the ledger's “最强党支部” column shows 旗县验收通过, derived from
 * the pipeline.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

describe('the evaluation pipeline, in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 3);
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  /** A figure of the board as shown: the card's number after its title. */
  const count = async (key: string) => Number(/(\d+(?:\.\d+)?)/.exec(await page.getByTestId(`count-${key}`).innerText())?.[1]);

  it('a county accepts a branch through the dialog, the counts and the ledger column follow, and the city draws', async () => {
    await page.locator('.ant-menu').getByText('最强党支部', { exact: true }).click();
    await page.getByTestId('pipeline-counts').waitFor();
    const board = await core.call('pipeline.board', { year: 2026 });
    const accepted = board.counts.accepted;
    await expect.poll(() => count('accepted')).toBe(accepted);
    // The 乡镇评定通过 column is the one shown first: its first branch goes to the county.
    const waiting = board.columns.find((c) => c.status === 'township_rated')!.branches[0]!;
    const row = page.getByTestId('pipeline-branches').locator('tr', { hasText: waiting.name }).first();
    await row.getByRole('button', { name: '推进到下一环节' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('验收专班').fill('宁城县第一验收专班');
    await dialog.getByLabel('时间').fill('2026-03-12');
    await dialog.getByTestId('advance-result').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^通过$/ }).click();
    await dialog.getByLabel('佐证材料').fill('验收报告一份');
    await page.screenshot({ path: path.join(artifactsDir, 'pipeline-advance-dialog.png') });
    await dialog.getByRole('button', { name: '确 定' }).or(dialog.getByRole('button', { name: '确定' })).click();
    await expect.poll(() => count('accepted')).toBe(accepted + 1);
    await page.screenshot({ path: path.join(artifactsDir, 'pipeline-board.png') });
    expect((await core.call('pipeline.branch', { orgId: waiting.orgId, year: 2026 })).records.at(-1)).toMatchObject({
      stage: 'county', result: 'pass', evaluator: '宁城县第一验收专班', evaluatedOn: '2026-03-12', evidence: '验收报告一份',
    });

    // The ledger shows the stage reached, found by the branch's name.
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await page.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行/ }).waitFor();
    await page.getByLabel('快速搜索').fill(waiting.name);
    await expect.poll(() => page.getByTestId('row-count').innerText()).toContain('筛选后');
    const nameCell = page.locator('.ag-cell[col-id="name"]', { hasText: new RegExp(`^${waiting.name}$`) }).first();
    const index = await nameCell.locator('xpath=ancestor::div[contains(@class, "ag-row")][1]').getAttribute('row-index');
    await expect.poll(() => app.cell(Number(index), 'strongestStatus').innerText()).toBe('旗县验收通过');
    await app.cell(Number(index), 'strongestStatus').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifactsDir, 'pipeline-ledger-column.png') });

    // Its card shows the stages reached, its checklist and its problems.
    await page.locator(`.ag-row[row-index="${index}"] .ag-selection-checkbox input`).first().check();
    await page.getByRole('button', { name: '党支部名片' }).click();
    const card = page.getByTestId('branch-card');
    await expect.poll(() => card.getByTestId('card-strongest').innerText()).toContain('2026 年“最强党支部”：旗县验收通过');
    await card.getByText('宁城县第一验收专班').waitFor();
    const tally = (await core.call('checklist.branch', { orgId: waiting.orgId, year: 2026 })).tally;
    await expect.poll(() => card.getByTestId('card-checklist').innerText()).toContain(`对标检查：达标 ${tally.met} / ${tally.applicable} 项`);
    await card.getByText('问题清单', { exact: true }).waitFor();
    // The picture once the drawer has slid in.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.screenshot({ path: path.join(artifactsDir, 'pipeline-branch-card.png') });
    await card.locator('.ant-drawer-close').first().click();
    await card.waitFor({ state: 'hidden' });

    // The city draws 10 % of the accepted branches: the one just accepted is among the candidates.
    const candidates = await core.call('draw.candidates', { year: 2026 });
    const quota = candidates.strata.reduce((n, s) => n + s.quota, 0);
    expect(candidates.population).toBeGreaterThan(0);
    await page.locator('.ant-menu').getByText('最强党支部', { exact: true }).click();
    await page.getByRole('tab', { name: '市级抽签' }).click();
    const panel = page.getByTestId('draw-panel');
    await panel.getByText(candidates.strata[0]!.countyName, { exact: true }).first().waitFor();
    await panel.getByRole('button', { name: '抽签', exact: true }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(`从 ${candidates.population} 个通过旗县验收的党支部中`, { exact: false }).waitFor();
    await confirm.getByLabel('监督人').pressSequentially('王监督', { delay: 20 });
    await confirm.getByRole('button', { name: '抽 签' }).or(confirm.getByRole('button', { name: '抽签' })).click();
    const result = page.getByTestId('draw-result');
    await result.getByText('第 1 号抽签结果').waitFor();
    const [draw] = await core.call('draw.list', { year: 2026 });
    expect(draw!.picked.length).toBe(quota);
    expect(draw!.population).toBe(candidates.population);
    for (const p of draw!.picked.slice(0, 3)) await result.getByText(p.name, { exact: true }).first().waitFor();
    // The board counts the drawn branches.
    await page.getByRole('tab', { name: '评定流程' }).click();
    await expect.poll(() => count('drawn')).toBe(draw!.picked.length);
  });

  it('sets the weights of the four evaluations and the pass mark in 设置', async () => {
    await page.locator('.ant-menu').getByText('设置', { exact: true }).click();
    const form = page.getByTestId('pipeline-settings');
    await expect.poll(() => form.getByLabel('合格线（分）').inputValue()).toBe('85');
    await form.getByLabel('合格线（分）').fill('');
    await form.getByLabel('合格线（分）').pressSequentially('90', { delay: 30 });
    await form.getByLabel('组织评定权重').fill('');
    await form.getByLabel('组织评定权重').pressSequentially('50', { delay: 30 });
    await form.getByLabel('合格线（分）').press('Enter');
    await page.getByText('“最强党支部”评定规则已保存').waitFor();
    expect(await core.call('pipeline.settings', {})).toEqual({ weights: { org: 50, members: 20, public: 20, society: 20 }, passMark: 90 });
  });
});
