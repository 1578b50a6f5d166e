/**
 * The “最强党支部” page in Chromium: a county accepts a branch through the window (旗县验收 通过),
 * the board's counts follow, and the ledger's “最强党支部” column shows 旗县验收通过, derived from
 * the pipeline.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
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
    // A mark out of range is refused beside the field and kept as typed, not clamped.
    await form.getByLabel('合格线（分）').fill('');
    await form.getByLabel('合格线（分）').pressSequentially('150', { delay: 30 });
    await form.getByLabel('合格线（分）').press('Enter');
    await form.getByText('合格线“150”有误：应为 0 到 100 之间的数字').waitFor();
    expect(await form.getByLabel('合格线（分）').inputValue()).toBe('150');
    expect((await core.call('pipeline.settings', {})).passMark).toBe(85);
    await form.getByLabel('合格线（分）').fill('');
    await form.getByLabel('合格线（分）').pressSequentially('90', { delay: 30 });
    await form.getByLabel('组织评定权重').fill('');
    await form.getByLabel('组织评定权重').pressSequentially('50', { delay: 30 });
    await form.getByLabel('合格线（分）').press('Enter');
    await page.getByText('“最强党支部”评定规则已保存').waitFor();
    expect(await core.call('pipeline.settings', {})).toEqual({ weights: { org: 50, members: 20, public: 20, society: 20 }, passMark: 90 });
  });
});

/**
 * What a user trial found on the 评定流程 tab: scores typed are kept as typed and refused with a
 * message beside the field (never rounded, clamped or dropped); a failed acceptance is said as
 * failed; Enter submits the 推进 / 退回 dialogs (a multi-line box keeps it for a new line); and
 * 未抽中的一并命名, which the city stage's refusal points to, is a button.
 */
describe('the 推进 / 退回 dialogs and 未抽中的一并命名, in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 4);
    ({ core, page } = app);
    await page.locator('.ant-menu').getByText('最强党支部', { exact: true }).click();
    await page.getByTestId('pipeline-counts').waitFor();
  });
  afterAll(() => app?.close());

  const count = async (key: string) => Number(/(\d+(?:\.\d+)?)/.exec(await page.getByTestId(`count-${key}`).innerText())?.[1]);
  const toast = (text: string) => page.locator('.ant-message').getByText(text, { exact: true });
  const column = (label: string) => page.getByTestId('pipeline-columns').getByText(new RegExp(`^${label}（\\d+）$`)).click();
  const open = async (name: string, button: string) => {
    await page.getByTestId('pipeline-branches').locator('tr', { hasText: name }).first().getByRole('button', { name: button }).click();
    return page.getByRole('dialog');
  };
  const typeInto = async (field: Locator, text: string) => {
    await field.fill('');
    await field.pressSequentially(text, { delay: 20 });
  };
  const problem = '应为 0 到 100 之间的数字，如 92 或 88.5';
  const branchRecords = async (orgId: number) => (await core.call('pipeline.branch', { orgId, year: 2026 })).records.length;
  let failed: { orgId: number; name: string };

  it('keeps the four scores as typed, refuses what is not a score beside its field, and Enter submits', async () => {
    const board = await core.call('pipeline.board', { year: 2026 });
    const waiting = board.columns.find((c) => c.status === 'applied')!.branches[0]!;
    const before = await branchRecords(waiting.orgId);
    await column('已申报');
    const dialog = await open(waiting.name, '推进到下一环节');
    const fields = { 组织评定: '150', 党员评议: '九十', 群众评判: 'abc', 社会评价: '-5' };
    for (const [label, typed] of Object.entries(fields)) await typeInto(dialog.getByLabel(label), typed);
    await dialog.getByLabel('社会评价').press('Enter');
    for (const [label, typed] of Object.entries(fields)) {
      await dialog.getByText(`${label}“${typed}”有误：${problem}`, { exact: true }).waitFor();
      expect(await dialog.getByLabel(label).inputValue()).toBe(typed);
    }
    await page.screenshot({ path: path.join(artifactsDir, 'pipeline-advance-refused.png') });
    expect(await branchRecords(waiting.orgId)).toBe(before);

    for (const [label, typed] of Object.entries({ 组织评定: '92', 党员评议: '88.5', 群众评判: '90', 社会评价: '100' })) await typeInto(dialog.getByLabel(label), typed);
    await dialog.getByLabel('社会评价').press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    const record = (await core.call('pipeline.branch', { orgId: waiting.orgId, year: 2026 })).records.at(-1)!;
    expect(record).toMatchObject({ stage: 'township', scoreOrg: 92, scoreMembers: 88.5, scorePublic: 90, scoreSociety: 100, result: 'pass' });
    await toast(`已记录“${waiting.name}”的乡镇评定：${record.score} 分，通过`).waitFor();
  });

  it('refuses 9o in 旗县验收 得分, and a failed acceptance is said as failed', async () => {
    const board = await core.call('pipeline.board', { year: 2026 });
    failed = board.columns.find((c) => c.status === 'township_rated')!.branches[0]!;
    const before = await branchRecords(failed.orgId);
    await column('乡镇评定通过');
    const dialog = await open(failed.name, '推进到下一环节');
    await dialog.getByLabel('验收专班').fill('宁城县第二验收专班');
    await dialog.getByLabel('时间').fill('2026-03-13');
    await dialog.getByTestId('advance-result').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^未通过$/ }).click();
    await typeInto(dialog.getByLabel('得分'), '9o');
    await dialog.getByLabel('得分').press('Enter');
    await dialog.getByText(`得分“9o”有误：${problem}`, { exact: true }).waitFor();
    expect(await dialog.getByLabel('得分').inputValue()).toBe('9o');
    expect(await branchRecords(failed.orgId)).toBe(before);
    // A multi-line box keeps Enter for a new line.
    await dialog.getByLabel('佐证材料').pressSequentially('验收报告', { delay: 20 });
    await dialog.getByLabel('佐证材料').press('Enter');
    await dialog.getByLabel('佐证材料').pressSequentially('整改意见', { delay: 20 });
    expect(await dialog.getByLabel('佐证材料').inputValue()).toBe('验收报告\n整改意见');
    await typeInto(dialog.getByLabel('得分'), '60');
    await dialog.getByLabel('得分').press('Enter');
    await toast(`已记录“${failed.name}”的旗县验收：60 分，未通过`).waitFor();
    expect((await core.call('pipeline.branch', { orgId: failed.orgId, year: 2026 })).records.at(-1)).toMatchObject({
      stage: 'county', result: 'fail', score: 60, evidence: '验收报告\n整改意见',
    });
  });

  it('sends back with Ctrl+Enter from the reason box, where Enter is a new line', async () => {
    await column('未通过');
    const dialog = await open(failed.name, '退回');
    const reason = dialog.getByLabel('理由');
    await reason.pressSequentially('验收未通过', { delay: 20 });
    await reason.press('Enter');
    await reason.pressSequentially('退回乡镇重新评定', { delay: 20 });
    expect(await reason.inputValue()).toBe('验收未通过\n退回乡镇重新评定');
    await reason.press('Control+Enter');
    await toast(`“${failed.name}”已退回到乡镇评定`).waitFor();
    expect((await core.call('pipeline.branch', { orgId: failed.orgId, year: 2026 })).steps.at(-1)).toMatchObject({ action: 'send_back', to: 'township', reason: '验收未通过\n退回乡镇重新评定' });
  });

  it('names the accepted branches the draw did not pick with one button, as one undoable step', async () => {
    const button = page.getByTestId('name-undrawn');
    await expect.poll(() => button.isDisabled()).toBe(true); // no draw of the year yet
    await core.call('draw.run', { year: 2026, witnesses: ['王监督'] });
    // The tab read afresh: the draw now stands.
    await page.getByRole('tab', { name: '市级抽签' }).click();
    await page.getByRole('tab', { name: '评定流程' }).click();
    const board = await core.call('pipeline.board', { year: 2026 });
    const undrawn = board.columns.find((c) => c.status === 'county_accepted')!.branches.filter((x) => !x.drawn && x.stage === 'county').length;
    expect(undrawn).toBeGreaterThan(0);
    await expect.poll(() => count('named')).toBe(board.counts.named);
    await expect.poll(() => button.isEnabled()).toBe(true);
    await button.click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(`将把 ${undrawn} 个通过旗县验收、未被 2026 年市级抽签抽中的党支部一并命名`, { exact: false }).waitFor();
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.screenshot({ path: path.join(artifactsDir, 'pipeline-name-undrawn.png') });
    await confirm.getByRole('button', { name: '一并命名' }).click();
    await expect.poll(() => count('named')).toBe(board.counts.named + undrawn);
    await page.getByTestId('name-undrawn-result').getByText(`已一并命名 ${undrawn} 个未抽中的党支部`).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'pipeline-name-undrawn-done.png') });
    await page.getByTestId('name-undrawn-result').getByRole('button', { name: /撤\s*销/ }).click();
    await expect.poll(() => count('named')).toBe(board.counts.named);
  });
});
