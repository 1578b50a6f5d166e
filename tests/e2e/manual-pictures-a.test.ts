/**
 * The pictures of the user manual's chapters 1–5 (第一次打开, 组织机构, 分类台账, 党建工作联系点), each taken
 * by a test of that very task in Chromium at 1366×768, at the moment the manual describes, and each
 * task's outcome checked in the core: a new database's unit and 操作人; a branch added under a township;
 * a value the column cannot read kept red; a filter, a find, a row's 修改记录 with the 操作人; a liaison
 * point added with the category its branch's grade proposes; a visit recorded from 走访提醒; the rule
 * badge counting what the rules find.
 */
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { buildSeed, writeSeed } from '../../electron/core/services/seed/index.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { launchChromium, rendererDir } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { manualPicture } from '../helpers/manual.ts';

const viewport = { width: 1366, height: 768 };
const year = 2026;
/** The core's today late in the year, so that 走访提醒 has points behind on their visits (in March none would be due yet). */
const today = new Date('2026-11-20T02:00:00Z');
/** A busy machine may take a while to answer a write. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000 });

/** The menu of the side bar. */
const go = (page: Page, label: string) => page.locator('.ant-menu').getByText(label, { exact: true }).click();

/**
 * Waits until no antd spinner or AG Grid loading overlay is on screen (the manual is printed), and
 * no passing message of an earlier step (unless the picture is of that message).
 */
async function settled(page: Page, keepMessage = false): Promise<void> {
  await poll(() => page.locator('.ant-spin-spinning:visible, .ag-overlay-loading-wrapper:visible, .ant-skeleton:visible').count()).toBe(0);
  if (!keepMessage) await poll(() => page.locator('.ant-message-notice:visible').count()).toBe(0);
  // The last animation (a drawer sliding in, a message fading) ends.
  await page.waitForTimeout(400);
}

describe('manual pictures a: the first run', () => {
  let core: Core;
  let harness: Harness;
  let browser: Browser;
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await core?.close();
  });

  it('chooses 宁城县 by its pinyin initials and the 操作人 on a new database', async () => {
    // A new, empty database on a PC whose account is the usual one: the dialog names it as the 操作人 left blank.
    core = await createCore({ dbPath: path.join(tempDir(), 'new.db'), now: () => today, actor: 'Administrator', host: 'loopback' });
    harness = await startHarness(core, { staticDir: rendererDir() });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(harness.url);

    const dialog = page.locator('.ant-modal').filter({ hasText: '先选择本单位' });
    await dialog.waitFor();
    await dialog.getByTestId('first-run-unit').click();
    await page.keyboard.type('ncx', { delay: 30 });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '宁城县' }).first().click();
    await dialog.getByText('将建立“宁城县”及其下 18 个苏木乡镇（街道）的党（工）委。').waitFor();
    await dialog.getByTestId('first-run-name').fill('李明');
    await settled(page);
    await manualPicture(page, 'a-first-run');
    await dialog.getByRole('button', { name: '开始使用' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.locator('.ant-tree').getByText('天义镇党委', { exact: true }).waitFor();
    await expect(page.getByTestId('whoami').innerText()).resolves.toBe('宁城县委 · 李明');
    const status = await core.call('setup.status', {});
    expect(status).toMatchObject({ empty: false, operatorName: '李明', unit: { name: '宁城县委' } });
    expect((await core.call('org.children', { parentId: status.unit!.id, counts: false })).nodes).toHaveLength(18);
  });
});

describe('manual pictures a: 组织机构, 分类台账 and 联系点 on the demo banner', () => {
  let core: Core;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const cell = (row: number, col: string) => page.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`).first();
  const rowCount = () => page.getByTestId('row-count').innerText();

  beforeAll(async () => {
    const dbPath = path.join(tempDir(), 'manual.db');
    core = await createCore({ dbPath, now: () => today, actor: '测试', host: 'loopback' });
    const now = today.toISOString();
    await writeSeed(core.conn, buildSeed({ size: 'small', seed: 3, year, now }), { actor: '测试', now, seed: 3 });
    // The name the pictures show as 操作人 in the header and in every history.
    await core.call('settings.save', { operatorName: '王芳' });
    harness = await startHarness(core, { staticDir: rendererDir() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(harness.url);
    await page.locator('.ant-tree').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await core?.close();
  });

  it('组织机构: a township chosen in the tree shows its counts, and 新建下级 adds a branch under it', async () => {
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes.filter((n) => n.level === 'county');
    const town = (await core.call('org.children', { parentId: banner!.id })).nodes.find((n) => n.level === 'township' && n.branchCount > 3)!;
    const tree = page.locator('.ant-tree');
    await tree.getByText(banner!.name, { exact: true }).click();
    await tree.locator(`[data-org-id="${banner!.id}"]`).locator('xpath=ancestor::div[contains(@class,"ant-tree-treenode")][1]').locator('.ant-tree-switcher').click();
    await tree.getByText(town.name, { exact: true }).click();
    const detail = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: new RegExp(`^${town.name}$`) }) });
    await detail.getByText(`共 ${town.childCount} 个下级党组织`).waitFor();
    await expect(detail.locator('.ant-descriptions').innerText()).resolves.toContain(`${town.branchCount} 个`);
    await settled(page);
    await manualPicture(page, 'a-org-tree');

    await detail.getByRole('button', { name: '新建下级' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: `在“${town.name}”下新建` });
    await dialog.getByLabel('名称').fill('光明村党支部');
    await dialog.locator('.ant-form-item').filter({ hasText: '领域' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '嘎查村' }).first().click();
    await settled(page);
    await manualPicture(dialog.locator('.ant-modal-container'), 'a-org-new');
    await dialog.getByRole('button', { name: '新建' }).click();
    await dialog.waitFor({ state: 'detached' });
    const made = (await core.call('org.children', { parentId: town.id })).nodes.find((n) => n.name === '光明村党支部');
    expect(made).toMatchObject({ level: 'branch', field: 'village' });
    expect((await core.call('org.history', { id: made!.id }))[0]!.actor).toBe('王芳');
    // It joins the year's ledger at once.
    expect((await core.call('ledger.list', { year, scopeOrgId: town.id })).rows.map((r) => r.name)).toContain('光明村党支部');

    // 撤销 keeps it (shown with 含已撤销), and 恢复 brings it back.
    const closedOn = async () => (await core.call('org.children', { parentId: town.id, includeClosed: true })).nodes.find((n) => n.id === made!.id)!.closedOn;
    // With 含已撤销 on: the search finds open units only, so the branch is found before it is closed.
    await poll(() => tree.locator(`[data-org-id="${town.id}"]`).innerText()).toContain(`${town.branchCount + 1} 个支部`);
    await page.locator('.ant-card').filter({ hasText: '组织机构树' }).getByRole('switch').click();
    await poll(() => tree.locator(`[data-org-id="${town.id}"]`).count()).toBe(0);
    await page.getByLabel('搜索党组织').fill('gmc');
    await page.getByTestId('org-search-hit').filter({ hasText: '光明村党支部' }).first().click();
    const branchCard = page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^光明村党支部$/ }) });
    await branchCard.getByRole('button', { name: '撤销' }).click();
    const closing = page.locator('.ant-modal').filter({ hasText: '撤销“光明村党支部”' });
    // The day it was closed, typed (the picker offers today's date).
    const day = closing.locator('.ant-picker input');
    await day.click();
    await day.fill('2026-11-20');
    await day.press('Enter');
    await closing.locator('.ant-modal-title').click();
    await closing.getByRole('button', { name: '撤销' }).click();
    await closing.waitFor({ state: 'detached' });
    await poll(closedOn).toBe('2026-11-20');
    // Still in the tree, struck through, at the end of its township's branches.
    const closed = tree.locator(`[data-org-id="${made!.id}"]`);
    await tree.hover();
    for (let i = 0; i < 20 && !(await closed.isVisible()); i++) {
      await page.mouse.wheel(0, 150);
      await page.waitForTimeout(100);
    }
    await closed.click();
    await branchCard.getByRole('button', { name: '恢复' }).waitFor();
    await expect(tree.locator(`[data-org-id="${made!.id}"]`).innerText()).resolves.toContain('已撤销');
    await settled(page);
    await manualPicture(page, 'a-org-closed');
    await branchCard.getByRole('button', { name: '恢复' }).click();
    await poll(closedOn).toBe(null);
  });

  let target: LedgerRow;
  /** The department's unit (the demo league's 赤峰市委): every page starts from it. */
  const scoped = async () => ({ year, scopeOrgId: (await core.call('setup.status', {})).unit!.id });

  it('分类台账: a value the column cannot read is kept as typed, red, with its reason', async () => {
    await go(page, '分类台账');
    await cell(0, 'name').waitFor();
    await page.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行/ }).waitFor();
    const id = Number(await page.locator('.ag-row[row-index="2"]').first().getAttribute('row-id'));
    target = (await core.call('ledger.list', { year })).rows.find((r) => r.id === id)!;
    await cell(2, 'membersProbationary').click();
    await page.keyboard.press('F2');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('两个');
    await page.keyboard.press('Enter');
    await poll(() => cell(2, 'membersProbationary').getAttribute('class')).toContain('cell-invalid');
    const stored = (await core.call('ledger.list', { year })).rows.find((r) => r.id === id)!;
    expect(stored.invalid?.membersProbationary?.raw).toBe('两个');
    await page.mouse.move(5, 5);
    await cell(2, 'membersProbationary').hover();
    await page.locator('.ag-tooltip, [class*="ag-tooltip"]').first().waitFor();
    await expect(page.locator('.ag-tooltip, [class*="ag-tooltip"]').first().innerText()).resolves.toContain('不是整数');
    // The message under the title says the same as the tooltip: part of the picture.
    await settled(page, true);
    await manualPicture(page, 'a-ledger-grid');
    await page.mouse.move(5, 5);
  });

  it('分类台账: the 等次 column filtered as in Excel, to the lagging branches only', async () => {
    const rows = (await core.call('ledger.list', { year })).rows;
    const popup = page.getByTestId('grid-filter');
    const option = (label: string) => popup.getByRole('option').filter({ has: page.locator('.grid-filter-label', { hasText: new RegExp(`^${label}$`) }) });
    // The grid scrolled sideways by its own scroll bar, header and rows together, until 等次 is in view
    // (a click that scrolls the header alone would leave the rows behind it blank).
    await page.evaluate(() => {
      const header = document.querySelector<HTMLElement>('.ag-header-cell[col-id="grade"]')!;
      const bar = document.querySelector<HTMLElement>('.ag-body-horizontal-scroll-viewport')!;
      bar.scrollLeft = Math.max(0, parseFloat(header.style.left || '0') - 250);
      bar.dispatchEvent(new Event('scroll'));
    });
    await poll(async () => (await page.locator('.ag-header-cell[col-id="grade"]').first().boundingBox())!.x + 200 < viewport.width).toBe(true);
    await page.locator('.ag-header-cell[col-id="grade"] .ag-header-cell-filter-button').first().click();
    await popup.getByRole('option').first().waitFor();
    await option('先进').click();
    await option('中间').click();
    await page.keyboard.press('Enter');
    await popup.waitFor({ state: 'hidden' });
    const left = rows.filter((r) => r.grade !== 'advanced' && r.grade !== 'middle').length;
    await poll(rowCount).toBe(`共 ${rows.length} 行，筛选后 ${left} 行`);
    await expect(page.getByTestId('filter-strip').innerText()).resolves.toContain('等次');
    // Opened again for the picture: the strip of filters in force, and the ticks that made it.
    await page.locator('.ag-header-cell[col-id="grade"] .ag-header-cell-filter-button').first().click();
    await popup.getByRole('option').first().waitFor();
    await expect(option('先进').getAttribute('aria-selected')).resolves.toBe('false');
    await settled(page);
    await manualPicture(page, 'a-ledger-filter');
    await page.keyboard.press('Escape');
    await popup.waitFor({ state: 'hidden' });
    await page.getByTestId('filter-strip').getByText('清除全部筛选').click();
    await poll(rowCount).toBe(`共 ${rows.length} 行`);
  });

  it('分类台账: Ctrl+H finds 后进 in the 等次 column and counts the cells', async () => {
    const lagging = (await core.call('ledger.list', { year })).rows.filter((r) => r.grade === 'lagging').length;
    const bar = page.getByRole('search', { name: '查找和替换' });
    await cell(0, 'name').click();
    await page.keyboard.press('Control+h');
    await bar.waitFor();
    await bar.getByRole('combobox', { name: '查找范围' }).click();
    await page.getByRole('option', { name: '列：等次', exact: true }).click();
    await bar.getByLabel('查找内容').click();
    await page.keyboard.type('后进', { delay: 50 });
    // 共 N 处, or 第 1/N 处 once the first hit is shown.
    await poll(() => bar.getByTestId('find-count').innerText()).toMatch(new RegExp(`^(共 |第 1/)${lagging} 处$`));
    await bar.getByLabel('替换为').click();
    await page.keyboard.insertText('中间');
    await settled(page);
    await manualPicture(page, 'a-ledger-find');
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'hidden' });
  });

  it('分类台账: 更多 › 修改记录（选中一行） shows the row’s changes with the 操作人', async () => {
    const row = page.locator(`.ag-row[row-id="${target.id}"]`).filter({ has: page.locator('.ag-selection-checkbox') }).first();
    await row.locator('.ag-selection-checkbox input').click();
    await page.getByRole('button', { name: /更多/ }).click();
    const item = page.getByRole('menuitem', { name: /修改记录（选中一行）/ });
    await item.waitFor();
    await settled(page);
    await manualPicture(page, 'a-ledger-more');
    await item.click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: `修改记录：${target.name}` });
    await drawer.getByText('两个（未通过校验）').waitFor();
    await expect(drawer.locator('tbody tr').first().innerText()).resolves.toContain('王芳');
    const history = await core.call('ledger.history', { id: target.id });
    expect(history[0]).toMatchObject({ field: 'membersProbationary', actor: '王芳', source: 'typed' });
    await settled(page);
    await manualPicture(page, 'a-ledger-history');
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await row.locator('.ag-selection-checkbox input').click();
  });

  it('联系点: a new point chosen branch first, its category proposed from the branch’s grade', async () => {
    await go(page, '联系点');
    const grid = page.getByTestId('records-liaison');
    await grid.locator('.ag-row[row-index="0"] .ag-cell[col-id="leaderName"]').first().waitFor();
    await settled(page);
    await manualPicture(page, 'a-liaison-points');

    // A lagging branch nobody guides yet: the rule 后进党支部无联系领导 names it.
    const rules = await core.call('liaison.rules', await scoped());
    const orphan = rules.outcomes.find((o) => o.rule === 'laggingHasLeader')!.violations[0]!;
    const proposal = await core.call('liaison.pointProposal', { orgId: orphan.orgId!, year });
    expect(proposal.category).toBe('lagging');
    const leaderId = proposal.near.flatMap((c) => c.leaderIds)[0]!;
    const leader = (await core.call('records.list', { table: 'leader', year })).rows.find((l) => l.id === leaderId)!;

    await grid.getByRole('button', { name: '新增' }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新增联系点' });
    await dialog.getByTestId('branch-select').click();
    await page.keyboard.insertText(orphan.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${orphan.name}（${orphan.detail}）` }).first().click();
    await poll(() => dialog.getByTestId('category-proposal').innerText()).toContain('建议为“后进”');
    await poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await dialog.getByTestId('leader-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: String(leader.values.name) }).first().click();
    await poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await settled(page);
    await manualPicture(dialog.locator('.ant-modal-container'), 'a-liaison-add');
    await dialog.getByRole('button', { name: '新增' }).click();
    await dialog.waitFor({ state: 'detached' });
    const made = (await core.call('records.list', { table: 'liaison', year, orgId: orphan.orgId! })).rows.find((p) => p.values.leaderId === leaderId);
    expect(made?.values.category).toBe('lagging');
    const after = await core.call('liaison.rules', await scoped());
    expect(after.outcomes.find((o) => o.rule === 'laggingHasLeader')!.violations.map((v) => v.orgId)).not.toContain(orphan.orgId);
  });

  it('联系点: 走访提醒 lists the points behind, and 记一次走访 records a visit for one of them', async () => {
    const behind = await core.call('liaison.behind', await scoped());
    expect(behind.rows.length).toBeGreaterThan(0);
    const tab = page.getByRole('tab', { name: /走访提醒/ });
    await poll(() => tab.locator('.ant-badge').innerText()).toBe(String(behind.rows.length));
    await tab.click();
    const list = page.getByTestId('liaison-behind');
    // The list shows the points furthest behind first: one of the most behind is on its first page.
    const first = behind.rows.reduce((a, b) => (b.short > a.short ? b : a));
    const row = list.locator(`tr[data-row-key="${first.liaisonId}"]`);
    await row.waitFor();
    await settled(page);
    await manualPicture(page, 'a-liaison-behind');

    // The leader's name opens the card: its points and records, 新增联系点 and 记一次走访.
    await row.getByText(first.leaderName, { exact: true }).click();
    const card = page.getByTestId('leader-card');
    await card.getByText('规则检查').waitFor();
    await page.getByTestId('visit-now-leader').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '记一次走访' });
    // The point is the leader's longest without a record; the one in the list is chosen here.
    const point = dialog.getByTestId('visit-point');
    await poll(async () => (await point.locator('.ant-select-content').getAttribute('title')) ?? '').toContain('→');
    if (!((await point.locator('.ant-select-content').getAttribute('title')) ?? '').includes(first.branchName)) {
      await point.click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: first.branchName }).first().click();
    }
    await poll(async () => (await point.locator('.ant-select-content').getAttribute('title')) ?? '').toContain(first.branchName);
    await dialog.getByRole('textbox', { name: /日期/ }).fill('2026-11-18');
    await dialog.getByLabel('主要内容（可以以后再补）').fill('召开党员座谈会，了解支部班子运行和党员教育管理情况。');
    await settled(page);
    await manualPicture(dialog.locator('.ant-modal-container'), 'a-liaison-visit');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.locator('.ant-drawer-close').click();
    await card.waitFor({ state: 'hidden' });
    const visits = (await core.call('records.list', { table: 'visit', year })).rows.filter((r) => r.values.liaisonId === first.liaisonId && r.values.visitedOn === '2026-11-18');
    expect(visits).toHaveLength(1);
    expect(visits[0]!.values.kind).toBe('talk');
    const now = (await core.call('liaison.behind', await scoped())).rows.find((r) => r.liaisonId === first.liaisonId);
    expect(now?.records ?? first.records + 1).toBe(first.records + 1);
  });

  it('联系点: the 规则检查 badge counts what the rules find, each with a way to fix it', async () => {
    const rules = await core.call('liaison.rules', await scoped());
    const broken = rules.outcomes.reduce((n, o) => n + o.violations.length, 0);
    const tab = page.getByRole('tab', { name: /规则检查/ });
    await poll(() => tab.locator('.ant-badge').innerText()).toBe(String(broken));
    await tab.click();
    const panel: Locator = page.getByTestId('liaison-rules');
    await panel.getByText(`检查“赤峰市委” ${year} 年`, { exact: false }).waitFor();
    for (const o of rules.outcomes.filter((x) => x.enabled)) {
      await expect(panel.getByTestId(`rule-${o.rule}`).innerText()).resolves.toContain(o.label);
    }
    // The points short of visits, each with its leader's card: opened below the two the page opens.
    const short = rules.outcomes.find((o) => o.rule === 'minVisits')!.violations;
    expect(short.length).toBeGreaterThan(0);
    await panel.getByTestId('rule-minVisits').click();
    await poll(() => panel.getByTestId('rule-violation').filter({ hasText: short[0]!.name }).count()).toBe(1);
    await expect(panel.getByTestId('rule-violation').filter({ hasText: short[0]!.name }).getByRole('button', { name: '领导名片' }).isVisible()).resolves.toBe(true);
    await settled(page);
    // The picture starts at the top of the list: what is checked, and the first rules.
    await panel.evaluate((el) => el.parentElement!.scrollTo(0, 0));
    await page.waitForTimeout(200);
    await manualPicture(page, 'a-liaison-rules');
  });

  it('分类台账: a new year started from the last one with 复制上年台账', async () => {
    const last = (await core.call('ledger.list', { year })).rows.length;
    await go(page, '分类台账');
    await cell(0, 'name').waitFor();
    await page.getByLabel('台账年度').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${year + 1} 年` }).click();
    const copy = page.getByRole('button', { name: '复制上年台账' });
    await copy.waitFor();
    await expect(rowCount()).resolves.toBe('共 0 行');
    await copy.click();
    await page.locator('.ant-popover').getByText(`用 ${year} 年台账生成 ${year + 1} 年台账？`).waitFor();
    await settled(page);
    await manualPicture(page, 'a-ledger-new-year');
    await page.locator('.ant-popover').getByRole('button', { name: '复制' }).click();
    // Every open branch of the year before, none twice.
    await poll(async () => (await core.call('ledger.list', { year: year + 1 })).rows.length).toBe(last);
    const copied = (await core.call('ledger.list', { year: year + 1 })).rows;
    expect(new Set(copied.map((r) => r.orgId)).size).toBe(last);
    await poll(rowCount).toBe(`共 ${last} 行`);
  });
});
