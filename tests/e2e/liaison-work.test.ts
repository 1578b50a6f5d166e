/**
 * Liaison work where it is seen, as a person does it in Chromium: a visit recorded from a
 * leader's card in two clicks (记一次走访, 保存) and found in the work records; a new point
 * chosen branch first, the branch shown with its township, the leaders of its own township
 * first and the category proposed from its grade; the points behind on their visits listed
 * (one with too few, not one with enough) and the reminder list exported and opened by
 * LibreOffice; the page at 1366×768.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { BehindPoint, RecordRow } from '../../shared/contract/types.ts';
import { defaultLiaisonRules } from '../../shared/domain/liaison.ts';
import { pinyinKeys } from '../../shared/domain/pinyin.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';
import { pdfPages, soffice } from '../helpers/office.ts';

const year = 2026;

describe('liaison work from the cards, and the points behind, in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let first: RecordRow; // the points grid's first row: its leader's card is opened
  let behindPoint: BehindPoint; // too few records
  let enough: BehindPoint; // was behind; given enough records before the page opened

  beforeAll(async () => {
    app = await openApp('small', 11);
    ({ core, page } = app);
    // 12 a year: on the helpers' 2026-03-15 (day 74 of 365) 2 are due (4 a year would ask none yet).
    await core.call('settings.save', { liaisonRules: { ...defaultLiaisonRules, minVisits: { enabled: true, perYear: 12 } } });
    first = (await core.call('records.list', { table: 'liaison', year })).rows[0]!;
    const behind = (await core.call('liaison.behind', { year })).rows.filter((r) => r.leaderId !== first.values.leaderId && r.orgId !== first.values.orgId);
    [behindPoint, enough] = [behind[0]!, behind.find((r) => r.leaderId !== behind[0]!.leaderId && r.orgId !== behind[0]!.orgId)!];
    for (const visitedOn of ['2026-02-10', '2026-03-01']) {
      await core.call('records.add', { table: 'visit', year, rows: [{ liaisonId: enough.liaisonId, visitedOn, kind: 'research' }], source: 'typed' });
    }
    await page.locator('.ant-menu').getByText('联系点', { exact: true }).click();
    await page.getByTestId('records-liaison').waitFor();
  });
  afterAll(() => app?.close());

  it('records a visit from a leader’s card in two clicks, and it is in the work records', async () => {
    const leaderId = Number(first.values.leaderId);
    const before = (await core.call('records.list', { table: 'visit', year, leaderId })).rows.length;
    const grid = page.getByTestId('records-liaison');
    await grid.locator('.ag-row[row-index="0"] .ag-cell[col-id="leaderName"] a').first().click();
    const card = page.getByTestId('leader-card');
    await card.getByText('规则检查').waitFor();

    await page.getByTestId('visit-now-leader').click(); // click 1
    const dialog = page.locator('.ant-modal').filter({ hasText: '记一次走访' });
    const chosen = dialog.getByTestId('visit-point').locator('.ant-select-content');
    await expect.poll(async () => (await chosen.getAttribute('title')) ?? '').toContain('→');
    // The caret waits in 主要内容, what is left to write (not on the dialog's ×).
    await expect.poll(() => dialog.getByLabel(/^主要内容/).evaluate((el) => el === document.activeElement)).toBe(true);
    // The point is named with its branch's township.
    const points = (await core.call('records.list', { table: 'liaison', year, leaderId })).rows;
    expect(points.map((p) => `${String(p.values.leaderName)} → ${String(p.values.branchName)}（${String(p.values.township)}）`)).toContain(await chosen.getAttribute('title'));
    await page.screenshot({ path: path.join(artifactsDir, 'liaison-visit-now.png') });
    await dialog.getByRole('button', { name: '保存' }).click(); // click 2
    await dialog.waitFor({ state: 'detached' });

    const after = (await core.call('records.list', { table: 'visit', year, leaderId })).rows;
    expect(after.length).toBe(before + 1);
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const added = after.find((r) => r.values.visitedOn === today)!;
    expect(added.values).toMatchObject({ kind: 'talk', leaderName: first.values.leaderName });
    // The card counts it at once, and the work records list shows it (newest first).
    await card.getByRole('cell', { name: today }).first().waitFor();
    await card.locator('.ant-drawer-close').click();
    await page.getByRole('tab', { name: '工作记录' }).click();
    const visits = page.getByTestId('records-visit');
    await expect.poll(() => visits.locator(`.ag-row[row-id="${added.id}"] .ag-cell[col-id="visitedOn"]`).first().innerText()).toBe(today);
    expect(await visits.locator(`.ag-row[row-id="${added.id}"] .ag-cell[col-id="leaderName"]`).first().innerText()).toBe(first.values.leaderName);
  });

  it('adds a point branch first: the branch with its township, its township’s leaders first, the category from its grade', async () => {
    const orgId = behindPoint.orgId;
    const proposal = await core.call('liaison.pointProposal', { orgId, year });
    const townshipLeaders = proposal.near[0]!;
    expect(townshipLeaders.level).toBe('township');
    const leaders = new Map((await core.call('records.list', { table: 'leader', year })).rows.map((l) => [l.id, l]));
    const guiding = new Set((await core.call('records.list', { table: 'liaison', year, orgId })).rows.map((p) => p.values.leaderId));
    const newLeader = leaders.get(townshipLeaders.leaderIds.find((id) => !guiding.has(id))!)!;

    await page.getByRole('tab', { name: '联系点' }).click();
    await page.getByTestId('records-liaison').getByRole('button', { name: '新增' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新增联系点' });
    await dialog.waitFor();
    // The branch comes first, found by name and shown with its township.
    await dialog.getByTestId('branch-select').click();
    await page.keyboard.insertText(behindPoint.branchName);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${behindPoint.branchName}（${behindPoint.township}）` });
    await option.first().waitFor();
    await option.first().click();

    // The category is proposed from the grade and filled in.
    const categoryLabel = (await core.call('dict.list', {})).find((d) => d.dict === 'liaison_category' && d.code === proposal.category)!.label;
    await expect.poll(() => dialog.getByTestId('category-proposal').innerText()).toContain(`建议为“${categoryLabel}”`);
    expect(await dialog.locator('.ant-form-item').filter({ hasText: '联系点类别' }).locator('.ant-select-content').getAttribute('title')).toBe(categoryLabel);

    // The leaders of the branch's own township come first, under their committee.
    // The branch's list closed first (it fades out: while it does, two lists are on the page).
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await dialog.getByTestId('leader-select').click();
    const dropdown = page.locator('.ant-select-dropdown:visible').filter({ has: page.locator('.ant-select-item-group') });
    await dropdown.locator('.ant-select-item-group').first().waitFor();
    expect(await dropdown.locator('.ant-select-item-group').first().innerText()).toBe(`本苏木乡镇（街道）：${townshipLeaders.committee}`);
    const firstNames = await dropdown.locator('.ant-select-item-option').evaluateAll((els, n) => els.slice(0, n).map((e) => e.textContent ?? ''), townshipLeaders.leaderIds.length);
    expect(firstNames).toEqual(townshipLeaders.leaderIds.map((id) => `${String(leaders.get(id)!.values.name)}（${String(leaders.get(id)!.values.title || leaders.get(id)!.values.committeeName)}）`));
    await page.screenshot({ path: path.join(artifactsDir, 'liaison-add-point-near.png') });
    // Found by the pinyin initials of the name, as anywhere else.
    await page.keyboard.insertText(pinyinKeys(String(newLeader.values.name)).initials);
    await dropdown.locator('.ant-select-item-option').filter({ hasText: String(newLeader.values.name) }).first().click();
    await dialog.getByRole('button', { name: '新增' }).click();
    await dialog.waitFor({ state: 'detached' });
    const made = (await core.call('records.list', { table: 'liaison', year, orgId })).rows.find((p) => p.values.leaderId === newLeader.id)!;
    expect(made.values.category).toBe(proposal.category);
  });

  it('lists a point with too few visits and not one with enough, and exports the reminder list LibreOffice opens', async () => {
    await page.getByRole('tab', { name: /走访提醒/ }).click();
    const list = page.getByTestId('liaison-behind');
    await list.locator(`tr[data-row-key="${behindPoint.liaisonId}"]`).waitFor();
    expect(await list.locator(`tr[data-row-key="${behindPoint.liaisonId}"]`).innerText()).toContain(behindPoint.branchName);
    expect(await list.locator(`tr[data-row-key="${enough.liaisonId}"]`).count()).toBe(0);
    await expect.poll(() => list.innerText()).toContain('每个联系点每年至少 12 次工作记录');
    await page.screenshot({ path: path.join(artifactsDir, 'liaison-behind.png') });

    await page.getByTestId('export-visit-reminders').click();
    await expect.poll(async () => (await core.call('export.batches', {})).filter((b) => b.templateId === 'liaison-visit-reminders').length).toBe(1);
    const batch = (await core.call('export.batches', {})).find((b) => b.templateId === 'liaison-visit-reminders')!;
    // Named as 报表导出 names its files: the attachment first, the unit as a place (赤峰市, not 赤峰市委).
    const root = (await core.call('org.children', { parentId: null })).nodes[0]!;
    expect(root.name).toMatch(/市委$/);
    expect(batch.fileName).toBe(`附件12 ${root.name.replace(/委$/, '')}${year}年联系点走访提醒名单.xlsx`);
    const file = path.join(path.dirname(core.conn.path), 'exports', batch.fileName);
    expect(fs.existsSync(file)).toBe(true);
    const pdf = soffice(file, 'pdf', path.join(path.dirname(file), 'pdf'));
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('联系点走访提醒名单');
    expect(text).toContain(behindPoint.leaderName);
    fs.copyFileSync(pdf, path.join(artifactsDir, 'liaison-visit-reminders.pdf'));
  });

  it('lists the points furthest behind first', async () => {
    const shorts = await page.getByTestId('liaison-behind').locator('tbody tr.behind-row td:nth-child(8)').allInnerTexts();
    expect(shorts.length).toBeGreaterThan(1);
    const n = shorts.map(Number);
    expect(n).toEqual([...n].sort((a, b) => b - a));
  });

  it('fits the list and the visit dialog at 1366×768', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('liaison-behind').locator(`tr[data-row-key="${behindPoint.liaisonId}"]`).getByRole('button', { name: '记一次走访' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '记一次走访' });
    await expect.poll(async () => (await dialog.getByTestId('visit-point').locator('.ant-select-content').getAttribute('title')) ?? '').toContain('→');
    const box = (await dialog.locator('.ant-modal-container').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await page.waitForTimeout(400); // the dialog zooms in
    await page.screenshot({ path: path.join(artifactsDir, 'liaison-behind-1366.png') });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await core.call('records.list', { table: 'visit', year, liaisonId: behindPoint.liaisonId })).rows.length).toBe(behindPoint.records + 1);
  });
  it('shows the whole 新增联系点 dialog at 1366×768, and brings what is wrong into sight however its body is scrolled', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('tab', { name: '联系点' }).click();
    await page.getByTestId('records-liaison').getByRole('button', { name: '新增' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新增联系点' });
    await dialog.waitFor();
    await page.waitForTimeout(400); // the dialog zooms in
    const box = (await dialog.locator('.ant-modal-container').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: path.join(artifactsDir, 'liaison-add-point-1366.png') });
    const inSight = (el: Locator) =>
      el.evaluate((e) => {
        const r = e.getBoundingClientRect();
        const body = e.closest('.ant-modal-body')!.getBoundingClientRect();
        return r.height > 0 && r.top >= body.top - 1 && r.bottom <= body.bottom + 1 && r.bottom <= window.innerHeight;
      });
    // Scrolled to the bottom and 新增 pressed with nothing chosen: the branch's own message, at the top, comes into sight.
    await dialog.locator('.ant-modal-body').evaluate((b) => b.scrollTo(0, b.scrollHeight));
    await dialog.getByRole('button', { name: '新增' }).click();
    const branchError = dialog.locator('.ant-form-item').filter({ hasText: '请选择党支部' }).locator('.ant-form-item-explain-error');
    await branchError.waitFor();
    await expect.poll(() => inSight(branchError)).toBe(true);
    // The branch chosen first: a leader who already guides it is listed as such and cannot be chosen.
    const point = (await core.call('records.list', { table: 'liaison', year })).rows.find((p) => p.values.orgId === behindPoint.orgId)!;
    await dialog.getByTestId('branch-select').click();
    await page.keyboard.insertText(behindPoint.branchName);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${behindPoint.branchName}（${behindPoint.township}）` }).first().click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await dialog.getByTestId('leader-select').click();
    await page.keyboard.insertText(String(point.values.leaderName));
    const guiding = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${String(point.values.leaderName)}（` });
    await expect.poll(() => guiding.first().innerText()).toContain('已在联系本党支部');
    await expect(guiding.first().getAttribute('aria-disabled')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByRole('button', { name: '放弃并关闭' }).click();
    await dialog.waitFor({ state: 'detached' });

    // From a leader's card (the leader chosen first), a branch the leader guides already: the core refuses,
    // and its message, under the last field, is brought into sight.
    const grid = page.getByTestId('records-liaison');
    await grid.locator('.ag-row[row-index="0"] .ag-cell[col-id="leaderName"] a').first().click();
    const card = page.getByTestId('leader-card');
    await card.getByRole('button', { name: '新增联系点' }).click();
    await dialog.waitFor();
    await dialog.getByTestId('branch-select').click();
    await page.keyboard.insertText(String(first.values.branchName));
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${String(first.values.branchName)}（${String(first.values.township)}）` }).first().click();
    await dialog.locator('.ant-modal-body').evaluate((b) => b.scrollTo(0, 0));
    await dialog.getByRole('button', { name: '新增' }).click();
    const refused = dialog.getByRole('alert').filter({ hasText: `${String(first.values.leaderName)}已在联系` });
    await refused.waitFor();
    await expect.poll(() => inSight(refused)).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'liaison-add-point-refused-1366.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '放弃并关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
