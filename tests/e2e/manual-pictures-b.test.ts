/**
 * The pictures of the user manual's chapters 6, 7, 8 and 14 (问题清单, 对标检查, 最强党支部,
 * 设置、备份与恢复), each taken while doing the task the chapter describes, on a seeded database,
 * in Chromium at an office PC's 1366×768; and each task's outcome checked in the core, so a
 * picture is never of a task that did not happen.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { startHarness } from '../../electron/core/http/harness.ts';
import { buildSeed, writeSeed } from '../../electron/core/services/seed/index.ts';
import { launchChromium, openApp, rendererDir, root, type OpenApp } from '../helpers/browser.ts';
import { fixedNow } from '../helpers/core.ts';
import { manualPicture } from '../helpers/manual.ts';

const year = 2026;
const office = { width: 1366, height: 768 };

/**
 * The picture once dialogs and drawers have finished sliding in and nothing in the window moves.
 * An animation out of the window is not in the picture: antd's leave motion of a button's loading
 * icon scrolled out of view can stay unfinished (its transitionend never comes).
 */
async function settled(page: Page) {
  const still = () =>
    document.getAnimations().every((a) => {
      if (a.playState !== 'running') return true;
      const target = (a.effect as KeyframeEffect | null)?.target;
      if (!(target instanceof Element)) return false;
      const box = target.getBoundingClientRect();
      return !target.checkVisibility() || box.bottom <= 0 || box.top >= window.innerHeight || box.right <= 0 || box.left >= window.innerWidth;
    });
  try {
    await page.waitForFunction(still, undefined, { timeout: 8_000 });
  } catch {
    // The same leave motion in view (after a draw, the 预览 button's icon; one run in three): ended
    // here as it would have ended, so the picture shows the finished screen.
    await page.evaluate(() => {
      for (const a of document.getAnimations()) {
        try {
          a.finish();
        } catch {
          // An endless one (a spinner) cannot be finished: it is left as it is.
        }
      }
    });
  }
  await page.mouse.move(0, office.height - 1);
}
const noToasts = (page: Page) => expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 15_000 }).toBe(0);
const menu = (page: Page, label: string) => page.locator('.ant-menu').getByText(label, { exact: true }).click();

describe('手册图片：问题清单、对标检查、最强党支部', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 3);
    ({ core, page } = app);
    // The staff member's name, as every step and check records it.
    await core.call('settings.save', { operatorName: '李芳' });
    await page.setViewportSize(office);
    await page.reload();
  });
  afterAll(() => app?.close());

  it('问题清单：建账、领账、开始整改、销号，整改记录列出每一步', async () => {
    await menu(page, '问题清单');
    const grid = page.getByTestId('records-problem');
    const count = page.getByTestId('row-count-problem');
    await count.filter({ hasText: /^共 [\d,]+ 条/ }).waitFor();
    // At 1366×768 the state filter is a compact select.
    await page.getByTestId('problems-status').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="未销号"]').click();
    const unit = (await core.call('setup.status', {})).unit;
    const unfinished = (await core.call('records.list', { table: 'problem', year, status: ['open', 'claimed', 'rectifying'], ...(unit ? { scopeOrgId: unit.id } : {}) })).rows.length;
    await expect.poll(() => count.innerText()).toMatch(new RegExp(`^共 ${unfinished.toLocaleString('en-US')} 条`));
    // The closure rates beside the grid, shown from 更多 on a 1366×768 screen.
    await grid.getByRole('button', { name: /更多/ }).click();
    await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: '显示销号率' }).click();
    await page.getByTestId('closure-total').waitFor();
    await grid.locator('.ag-row[row-index="0"] .ag-cell[col-id="status"]').first().waitFor();
    await settled(page);
    await manualPicture(page, 'b-problems-page');

    // A problem waiting to be claimed, taken through the loop.
    const waiting = (await core.call('records.list', { table: 'problem', year, status: ['open'], ...(unit ? { scopeOrgId: unit.id } : {}) })).rows[0]!;
    const { id } = waiting;
    const description = String(waiting.values.description);
    const row = page.locator(`.ag-row[row-id="${id}"]`);
    const status = row.locator('.ag-cell[col-id="status"]');
    await expect.poll(() => status.innerText()).toBe('已建账（待领账）');
    await row.locator('.ag-selection-checkbox input').first().check();

    // At 1366×768 the steps are under one 整改 menu.
    const button = (name: string) => ({
      click: async () => {
        await grid.locator('button', { hasText: /^\s*整改\s*$/ }).click();
        await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name }).click();
      },
    });
    const dialogOf = (name: string) => page.locator('.ant-modal').filter({ hasText: `${name}：${description}` });
    // 领账, with who answers for it and by when: the picture as the dialog is filled in.
    await button('领账').click();
    let dialog = dialogOf('领账');
    await dialog.getByLabel('责任人', { exact: true }).fill('王刚');
    // The deadline it was found with has passed: a new one agreed at the claim.
    await dialog.getByLabel('整改时限').fill('');
    await dialog.getByLabel('整改时限').pressSequentially('2026-06-30', { delay: 20 });
    await settled(page);
    await manualPicture(page, 'b-problems-claim');
    await dialog.locator('.ant-modal-footer button', { hasText: /^领账$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.innerText()).toBe('已领账');

    await button('开始整改').click();
    dialog = dialogOf('开始整改');
    await dialog.getByLabel('整改措施').fill('协调资金更换取暖锅炉');
    await dialog.locator('.ant-modal-footer button', { hasText: /^开始整改$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.innerText()).toBe('整改中');

    await button('销号').click();
    dialog = dialogOf('销号');
    await dialog.getByLabel('验收人').fill('李明');
    await dialog.getByLabel('整改成效').fill('锅炉已更换，室温达标');
    await dialog.locator('.ant-modal-footer button', { hasText: /^销号$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => status.innerText()).toBe('已销号');
    const steps = await core.call('problems.steps', { id });
    expect(steps.slice(-3).map((s) => `${s.from}→${s.to}`)).toEqual(['open→claimed', 'claimed→rectifying', 'rectifying→cleared']);
    expect((await core.call('records.list', { table: 'problem', year, status: ['cleared'] })).rows.find((r) => r.id === id)?.values).toMatchObject({ responsible: '王刚', dueOn: '2026-06-30', acceptedBy: '李明', status: 'cleared' });

    await noToasts(page);
    await button('整改记录').click();
    const timeline = page.getByTestId('problem-steps');
    await expect.poll(() => timeline.locator('.ant-timeline-item').count()).toBe(steps.length);
    await settled(page);
    await manualPicture(page, 'b-problems-steps');
    await page.locator('.ant-drawer-close').click();
  });

  it('对标检查：逐条标注，未达标项生成问题；设置中复制上年标准', async () => {
    // The first branch of the list with an item not yet marked 未达标.
    const shares = (await core.call('checklist.shares', { year })).branches;
    let target: { orgId: number; name: string; number: number; standardId: number } | undefined;
    for (const b of shares) {
      const e = (await core.call('checklist.branch', { orgId: b.orgId, year })).entries.find((x) => x.met !== false && x.problemId === null);
      if (e) {
        target = { orgId: b.orgId, name: b.name, number: e.number, standardId: e.standardId };
        break;
      }
    }
    expect(target).toBeDefined();
    const t = target!;

    await menu(page, '对标检查');
    const list = page.getByTestId('branch-shares');
    await list.locator('.ant-table-row').first().waitFor();
    await page.getByTestId('unit-shares').locator('.ant-table-row').first().waitFor();
    await settled(page);
    await manualPicture(page, 'b-checklist-page');

    await page.getByLabel('查找党支部').fill(t.name);
    await list.getByText(t.name, { exact: true }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: `${t.name} · ${year} 年对标检查清单` });
    await drawer.waitFor();
    const item = drawer.getByTestId('checklist-item').filter({ hasText: `第${t.number}条` }).first();
    await item.getByText('未达标', { exact: true }).click();
    await item.getByTestId('checked').filter({ hasText: '未达标 · ' }).waitFor();
    const note = item.getByLabel(`第${t.number}条备注`);
    await note.fill('党员活动室标识制度未上墙');
    await note.press('Enter');
    await drawer.getByRole('button', { name: /生成问题清单/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '生成' }).click();
    await item.getByText('已生成问题：已建账（待领账）').waitFor();
    await drawer.getByTestId('branch-problems').getByText('党员活动室标识制度未上墙', { exact: false }).waitFor();
    await item.scrollIntoViewIfNeeded();
    await noToasts(page);
    await settled(page);
    await manualPicture(page, 'b-checklist-branch');
    const made = (await core.call('records.list', { table: 'problem', year, orgId: t.orgId })).rows.find((p) => String(p.values.description).endsWith('未达标：党员活动室标识制度未上墙'));
    expect(made?.values).toMatchObject({ source: 'checklist', status: 'open' });
    expect((await core.call('checklist.branch', { orgId: t.orgId, year })).entries.find((e) => e.standardId === t.standardId)).toMatchObject({ met: false, note: '党员活动室标识制度未上墙', problemId: made!.id });
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // Next year's standards: copied from this year's in 设置.
    await menu(page, '设置');
    const section = page.getByTestId('standards-settings');
    await section.getByTestId('criterion-political').waitFor();
    await section.getByLabel('标准年度').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: `${year + 1} 年` }).click();
    await section.getByText(`${year + 1} 年还没有对标标准`).waitFor();
    // The card from its title down, with the button the manual says to click.
    await page.locator('.ant-card', { has: section }).evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await settled(page);
    await manualPicture(page, 'b-standards-copy');
    await section.getByRole('button', { name: `复制 ${year} 年标准到 ${year + 1} 年` }).click();
    await section.getByTestId('criterion-masses').waitFor();
    const copied = (await core.call('standards.list', { year: year + 1 })).standards;
    const held = (await core.call('standards.list', { year })).standards;
    expect(copied.length).toBeGreaterThan(0);
    expect(copied.map((x) => [x.criterion, x.text, x.field])).toEqual(held.map((x) => [x.criterion, x.text, x.field]));
  });

  it('最强党支部：旗县验收推进、市级抽签、排名与提醒谈话', async () => {
    await menu(page, '最强党支部');
    await page.getByTestId('pipeline-counts').waitFor();
    const count = async (key: string) => Number(/(\d+(?:\.\d+)?)/.exec(await page.getByTestId(`count-${key}`).innerText())?.[1]);
    const board = await core.call('pipeline.board', { year });
    await expect.poll(() => count('accepted')).toBe(board.counts.accepted);
    // 乡镇评定通过 is the column shown first: its first branch goes to the county's acceptance.
    const waiting = board.columns.find((c) => c.status === 'township_rated')!.branches[0]!;
    const branchRow = page.getByTestId('pipeline-branches').locator('tr', { hasText: waiting.name }).first();
    await branchRow.getByRole('button', { name: '推进到下一环节' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('验收专班').fill('第一验收专班');
    await dialog.getByLabel('时间').fill('2026-03-12');
    await dialog.getByTestId('advance-result').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^通过$/ }).click();
    await dialog.getByLabel('得分').fill('91.5');
    await dialog.getByLabel('佐证材料').fill('验收报告一份');
    await settled(page);
    await manualPicture(page, 'b-pipeline-advance');
    await dialog.getByRole('button', { name: /^确\s?定$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => count('accepted')).toBe(board.counts.accepted + 1);
    expect((await core.call('pipeline.branch', { orgId: waiting.orgId, year })).records.at(-1)).toMatchObject({ stage: 'county', result: 'pass', score: 91.5, evaluator: '第一验收专班', evaluatedOn: '2026-03-12' });
    await noToasts(page);
    await settled(page);
    await manualPicture(page, 'b-pipeline-board');

    // The city's draw, after naming the witnesses.
    const candidates = await core.call('draw.candidates', { year });
    expect(candidates.population).toBeGreaterThan(0);
    await page.getByRole('tab', { name: '市级抽签' }).click();
    const panel = page.getByTestId('draw-panel');
    await panel.getByText(candidates.strata[0]!.countyName, { exact: true }).first().waitFor();
    await panel.getByRole('button', { name: '抽签', exact: true }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(`从 ${candidates.population} 个通过旗县验收的党支部中`, { exact: false }).waitFor();
    await confirm.getByLabel('监督人').fill('王监督、赵纪检');
    await confirm.getByRole('button', { name: /^抽\s?签$/ }).click();
    const result = page.getByTestId('draw-result');
    await result.getByText('第 1 号抽签结果').waitFor();
    const [drawn] = await core.call('draw.list', { year });
    expect(drawn).toMatchObject({ population: candidates.population, witnesses: ['王监督', '赵纪检'] });
    expect(drawn!.picked.length).toBe(candidates.strata.reduce((n, s) => n + s.quota, 0));
    expect(await result.getByTestId('draw-seed').innerText()).toBe(String(drawn!.seed));
    await panel.getByTestId('draw-records').getByText(String(drawn!.seed), { exact: true }).waitFor();
    await noToasts(page);
    await result.scrollIntoViewIfNeeded();
    await settled(page);
    await manualPicture(page, 'b-draw-result');

    // The reminder talks: last year's ledger and its four-evaluation scores, so two years running has a year before.
    await core.call('ledger.copyYear', { from: year, to: year - 1 });
    core.conn.sqlite
      .prepare(`INSERT INTO evaluation (uid, year, org_id, stage, score, result, created_at, updated_at) SELECT 'e25-' || org_id, ${year - 1}, org_id, 'township', 60 + (org_id % 40), 'pass', '2025-06-01', '2025-06-01' FROM branch_ledger WHERE year = ${year - 1}`)
      .run();
    await core.call('ranking.saveSettings', { ...(await core.call('ranking.settings', {})), bottomShare: 0.3 });
    const reminders = await core.call('ranking.reminders', { year });
    expect(reminders.rows.length).toBeGreaterThan(0);
    await page.getByRole('tab', { name: '排名与提醒谈话' }).click();
    const ranking = page.getByTestId('ranking-panel');
    await ranking.getByText(`提醒谈话名单（${reminders.rows.length}）`).waitFor();
    await expect.poll(() => ranking.locator('.ant-table-row').first().innerText()).toContain(reminders.rows[0]!.name);
    await settled(page);
    await manualPicture(page, 'b-ranking-reminders');
  });
});

/**
 * A small seeded database on a real file, as an office PC holds it. Its folder is shown in the
 * pictures (备份文件夹): named after this checkout, not at random, so a picture changes only when
 * the screen does, and two checkouts on one machine never share it.
 */
async function seededFile(): Promise<string> {
  const dir = path.join(os.tmpdir(), `zugong-manual-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`, '组工台账');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'zugong.db');
  const core = await createCore({ dbPath, now: () => fixedNow, actor: '测试', host: 'loopback' });
  const now = fixedNow.toISOString();
  await writeSeed(core.conn, buildSeed({ size: 'small', seed: 5, year, now }), { actor: '测试', now, seed: 5 });
  await core.call('settings.save', { operatorName: '李芳' });
  await core.close();
  return dbPath;
}

/** Overwrites the middle leaf page of the ledger's table with bytes that are no page, as a failing disk sector would. */
function damageLedger(dbPath: string): void {
  const db = new SQLite(dbPath);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  // raw SQL: dbstat is SQLite's own table of pages, not one the schema describes.
  const leaves = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'branch_ledger' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[]).map((r) => r.pageno);
  db.close();
  const victim = leaves[Math.floor(leaves.length / 2)]!;
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize);
  fs.closeSync(fd);
}

describe('手册图片：设置中的备份与恢复、数据库损坏', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /** The app on `dbPath`, China's clock; closed by the returned function. */
  async function open(dbPath: string) {
    const core = await createCore({ dbPath, now: () => fixedNow, actor: '测试', host: 'loopback' });
    const harness = await startHarness(core, { staticDir: rendererDir() });
    const context = await browser.newContext({ viewport: office, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(harness.url);
    return {
      core,
      page,
      async close() {
        await context.close();
        await harness.close();
        await core.close();
      },
    };
  }

  it('立即备份并列出；从备份恢复；损坏的数据库提示并从最近的备份恢复', async () => {
    const dbPath = await seededFile();
    let opened = await open(dbPath);
    try {
      const { core, page } = opened;
      await menu(page, '设置');
      const card = page.getByTestId('backup-settings');
      await card.getByLabel('备份备注').fill('年底报送前');
      await card.getByRole('button', { name: '立即备份' }).click();
      const listed = card.getByTestId('backup-list').locator('tr', { hasText: '年底报送前' });
      await listed.waitFor();
      const taken = (await core.call('backup.list', {})).backups.find((b) => b.note === '年底报送前');
      expect(taken).toMatchObject({ reason: 'manual', latestYear: year });
      expect(fs.existsSync(taken!.path)).toBe(true);
      // The notice of the backup shows at the window's top, outside the card's picture.
      await page.locator('.ant-card', { has: card }).scrollIntoViewIfNeeded();
      await settled(page);
      await manualPicture(page.locator('.ant-card', { has: card }), 'b-backup-list');

      // A branch's count changed after the backup; restoring the backup brings the old count back.
      const branch = (await core.call('ledger.list', { year })).rows.find((r) => typeof r.membersFormal === 'number')!;
      await core.call('ledger.edit', { changes: [{ id: branch.id, field: 'membersFormal', value: (branch.membersFormal as number) + 7 }], source: 'typed' });
      await listed.getByRole('button', { name: '恢复' }).click();
      const confirm = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('restore-consequences') });
      await confirm.waitFor();
      await settled(page);
      await manualPicture(page, 'b-restore-confirm');
      await confirm.getByRole('button', { name: '恢复' }).click();
      const done = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('restore-result') });
      await done.waitFor();
      expect(await done.innerText()).toContain('恢复前备份');
      await done.getByRole('button', { name: '重新载入' }).click();
      await page.waitForEvent('load');
      expect((await core.call('ledger.list', { year })).rows.find((r) => r.id === branch.id)!.membersFormal).toBe(branch.membersFormal);
      expect((await core.call('backup.list', {})).backups.some((b) => b.reason === 'restore')).toBe(true);
    } finally {
      await opened.close();
    }

    // A failing disk damages the ledger: the next start says so on every page and offers the latest good backup.
    damageLedger(dbPath);
    opened = await open(dbPath);
    try {
      const { core, page } = opened;
      const health = await core.call('app.health', {});
      expect(health).toMatchObject({ ok: false, readOnly: true });
      expect(health.latestGoodBackup).not.toBeNull();
      const banner = page.getByTestId('damaged-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('数据库文件已损坏');
      await menu(page, '设置');
      await page.getByTestId('backup-settings').waitFor();
      await settled(page);
      await manualPicture(page, 'b-damaged-banner');

      // Restored from the banner's latest good backup: the file passes its check and the banner goes.
      await banner.getByRole('button', { name: /^从最近的备份恢复/ }).click();
      await page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('restore-consequences') }).getByRole('button', { name: '恢复' }).click();
      const done = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('restore-result') });
      expect(await done.innerText()).toMatch(/已原样另存为“[^”]*\.damaged”/);
      await done.getByRole('button', { name: '重新载入' }).click();
      await page.waitForEvent('load');
      expect(await core.call('app.health', {})).toMatchObject({ ok: true, readOnly: false });
      await page.locator('.ant-menu').waitFor();
      expect(await page.getByTestId('damaged-banner').count()).toBe(0);
    } finally {
      await opened.close();
    }
  });
});
