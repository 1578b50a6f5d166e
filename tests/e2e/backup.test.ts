/**
 * 设置 → 备份与恢复 and the damaged-database banner in Chromium, on real files: a backup taken
 * with a note is listed with what it holds; restoring an older one brings the ledger's old
 * values back and lists the safety copy; the retention form refuses what is out of range beside
 * the field; a database whose ledger pages are damaged shows the banner, refuses an edit in
 * Chinese, and is brought back from the banner's latest good backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupReasonLabels, type BackupInfo } from '../../shared/contract/backup.ts';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { folderShell } from '../../electron/core/shell.ts';
import { buildSeed, writeSeed } from '../../electron/core/services/seed/index.ts';
import { backupHolds } from '../../renderer/src/pages/backup/format.ts';
import { artifactsDir, launchChromium, rendererDir } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';

/** The office's clock, moved on by the test so backups taken in turn have their own times. */
let clock = new Date('2026-03-15T02:00:00Z');
const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

interface Opened {
  core: Core;
  harness: Harness;
  page: Page;
  close(): Promise<void>;
}
const opened: Opened[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function seededFile(seed: number): Promise<string> {
  const dbPath = path.join(tempDir('zugong-backup-'), 'zugong.db');
  const core = await createCore({ dbPath, now: () => clock, actor: '测试', host: 'loopback' });
  const now = clock.toISOString();
  await writeSeed(core.conn, buildSeed({ size: 'small', seed, year: 2026, now }), { actor: '测试', now, seed });
  await core.close();
  return dbPath;
}

/** The app on `dbPath` as an office PC shows it: 1366×768, China's clock. */
async function open(dbPath: string, chosenFile: string | null = null): Promise<Opened> {
  // The harness's shell, whose open dialog "chooses" `chosenFile`.
  const shell = folderShell(path.join(path.dirname(dbPath), 'exports'), () => chosenFile);
  const core = await createCore({ dbPath, now: () => clock, actor: '测试', host: 'loopback', shell });
  const harness = await startHarness(core, { staticDir: rendererDir() });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(harness.url);
  const o = {
    core,
    harness,
    page,
    async close() {
      await context.close();
      await harness.close();
      await core.close();
    },
  };
  opened.push(o);
  return o;
}

const menu = (page: Page, label: string) => page.locator('.ant-menu').getByText(label, { exact: true }).click();
/** The picture once dialogs have finished zooming in. */
async function shot(page: Page, name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  await page.screenshot({ path: path.join(artifactsDir, `backup-${name}.png`) });
}

async function openBackups(page: Page) {
  await menu(page, '设置');
  const card = page.getByTestId('backup-settings');
  await card.scrollIntoViewIfNeeded();
  return card;
}

/** A branch of 2026 and its 正式党员 count as held now. */
async function aBranch(core: Core) {
  const row = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => typeof r.membersFormal === 'number')!;
  return { id: row.id, name: row.name, members: row.membersFormal as number };
}
const membersOf = async (core: Core, id: number) => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id)!.membersFormal;

/** The 正式党员 cell of the branch as the ledger page shows it, found by its name. */
async function ledgerShows(page: Page, name: string): Promise<string> {
  await menu(page, '分类台账');
  await page.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行/ }).filter({ hasNotText: '正在读取' }).waitFor();
  await page.getByLabel('快速搜索').fill(name);
  await expect.poll(() => page.getByTestId('row-count').innerText()).toContain('筛选后');
  const nameCell = page.locator('.ag-cell[col-id="name"]', { hasText: new RegExp(`^${name}$`) }).first();
  const index = await nameCell.locator('xpath=ancestor::div[contains(@class, "ag-row")][1]').getAttribute('row-index');
  return page.locator(`.ag-row[row-index="${index}"] .ag-cell[col-id="membersFormal"]`).first().innerText();
}

/** The confirmation's 恢复, then the result's 重新载入: the page starts again on the restored data. */
async function confirmRestore(page: Page, shotName: string): Promise<string> {
  const confirm = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('restore-consequences') });
  await confirm.waitFor();
  const said = await confirm.innerText();
  await shot(page, `${shotName}-confirm`);
  await confirm.getByRole('button', { name: '恢复' }).click();
  const result = page.locator('.ant-modal-confirm').filter({ has: page.getByTestId('restore-result') });
  await result.waitFor();
  const told = await result.innerText();
  await shot(page, `${shotName}-result`);
  await result.getByRole('button', { name: '重新载入' }).click();
  await page.waitForEvent('load');
  return `${said}\n---\n${told}`;
}

describe('备份与恢复, in Chromium', () => {
  it('a backup now with a note is listed with what it holds; restoring it brings the old values back and lists the safety copy', async () => {
    clock = new Date('2026-03-15T02:00:00Z');
    const { core, page } = await open(await seededFile(5));
    const branch = await aBranch(core);
    const card = await openBackups(page);
    await card.getByLabel('备份备注').fill('年底报送前');
    await card.getByRole('button', { name: '立即备份' }).click();
    const first = card.getByTestId('backup-list').locator('tr', { hasText: '年底报送前' });
    await first.waitFor();
    const taken = (await core.call('backup.list', {})).backups.find((b) => b.note === '年底报送前')!;
    // What it holds, read from the copy: the branches the ledger holds, and its year.
    const ledger = await core.call('ledger.list', { year: 2026 });
    expect(taken).toMatchObject({ reason: 'manual', branches: ledger.total, latestYear: 2026 });
    expect(taken.units).toBeGreaterThan(0);
    // The PC's clock (UTC+8), the reason in words, the size and the counts.
    const row = await first.innerText();
    expect(row).toContain('2026-03-15 10:00');
    expect(row).toContain(backupReasonLabels.manual);
    expect(row).toMatch(/\d+ (KB|MB)/);
    expect(row).toContain(`${taken.units} 个单位、${ledger.total} 个党支部，台账至 2026 年`);
    await card.getByTestId('backup-list').scrollIntoViewIfNeeded();
    await shot(page, 'list');

    // An hour later the branch's count is changed, and another backup is taken: the first is now the older.
    later(60);
    await core.call('ledger.edit', { changes: [{ id: branch.id, field: 'membersFormal', value: branch.members + 7 }], source: 'typed' });
    later(5);
    await core.call('backup.now', { note: '改动之后' });
    await page.reload();
    await openBackups(page);
    const rows = card.getByTestId('backup-list').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    // Newest first.
    expect(await rows.nth(0).innerText()).toContain('改动之后');
    expect(await rows.nth(1).innerText()).toContain('年底报送前');

    later(5);
    await rows.nth(1).getByRole('button', { name: '恢复' }).click();
    const dialogs = await confirmRestore(page, 'restore');
    expect(dialogs).toContain('恢复到 2026-03-15 10:00 的备份（手动备份）？');
    expect(dialogs).toContain(backupHolds(taken));
    expect(dialogs).toContain('恢复前备份');
    expect(dialogs).toContain('重新载入');
    const after = await core.call('backup.list', {});
    const safety = after.backups.find((b) => b.reason === 'restore')!;
    expect(safety).toBeDefined();
    expect(dialogs).toContain(safety.name);

    // The page came back on the restored data: the safety copy is listed, the ledger has the old count.
    await page.getByTestId('backup-settings').waitFor();
    await page.getByTestId('backup-settings').scrollIntoViewIfNeeded();
    await card.getByTestId('backup-list').locator('tr', { hasText: backupReasonLabels.restore }).waitFor();
    await shot(page, 'after-restore');
    expect(await membersOf(core, branch.id)).toBe(branch.members);
    expect(await ledgerShows(page, branch.name)).toBe(String(branch.members));
  });

  it('restores from a backup file copied to a USB stick, and names the backups folder it cannot open in the browser', async () => {
    clock = new Date('2026-03-15T02:00:00Z');
    const dbPath = await seededFile(9);
    const stick = path.join(tempDir('zugong-usb-'), '台账备份.db');
    let branch: Awaited<ReturnType<typeof aBranch>>;
    let copied: BackupInfo;
    {
      const core = await createCore({ dbPath, now: () => clock, actor: '测试', host: 'loopback' });
      branch = await aBranch(core);
      copied = await core.call('backup.now', {});
      fs.copyFileSync(copied.path, stick);
      later(30);
      await core.call('ledger.edit', { changes: [{ id: branch.id, field: 'membersFormal', value: branch.members + 7 }], source: 'typed' });
      await core.close();
    }
    later(30);
    const { core, page } = await open(dbPath, stick);
    const card = await openBackups(page);
    const { dir } = await core.call('backup.list', {});
    await card.getByRole('button', { name: '打开备份文件夹' }).click();
    await page.getByText(`未能打开文件夹，请在文件管理器中打开：${dir}`).waitFor();

    await card.getByRole('button', { name: '从文件恢复…' }).click();
    const dialogs = await confirmRestore(page, 'restore-file');
    expect(dialogs).toContain('从文件“台账备份.db”恢复？');
    // When a copied file was taken is the core's to tell (the copy's own time); what it holds is the backup's.
    expect(dialogs).toContain(`的备份：${backupHolds(copied)}。`);
    expect(await membersOf(core, branch.id)).toBe(branch.members);
    await page.getByTestId('backup-settings').waitFor();
    await card.getByTestId('backup-list').locator('tr', { hasText: backupReasonLabels.restore }).waitFor();
    expect(await ledgerShows(page, branch.name)).toBe(String(branch.members));
  });

  it('the retention form refuses 0 and 1.5 beside the field, keeps what was typed, and saves 7', async () => {
    const { core, page } = await open(await seededFile(6));
    const card = await openBackups(page);
    const form = card.getByTestId('backup-retention');
    const daily = form.getByLabel('每日备份保留');
    const before = (await core.call('backup.list', {})).retention;
    for (const typed of ['0', '1.5']) {
      await daily.fill(typed);
      await form.getByRole('button', { name: '保存' }).click();
      const refusal = form.locator('.ant-form-item', { has: page.getByLabel('每日备份保留') }).locator('.ant-form-item-explain-error');
      await expect.poll(() => refusal.innerText()).toBe(`每日备份保留份数“${typed}”有误：应为 1 到 365 之间的整数，如 30`);
      // As typed, not clamped or rounded.
      expect(await daily.inputValue()).toBe(typed);
      if (typed === '1.5') await shot(page, 'retention-refused');
      expect((await core.call('backup.list', {})).retention).toEqual(before);
    }
    await daily.fill('7');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('备份保留设置已保存').waitFor();
    expect((await core.call('backup.list', {})).retention).toEqual({ ...before, daily: 7 });
  });
});

/**
 * Overwrites the middle leaf page of `tree` (a table or an index) with
 * bytes that are no page at all, as a failing disk sector would: quick_check then fails.
 */
function damagePage(dbPath: string, tree: string): void {
  const db = new SQLite(dbPath);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  // raw SQL: dbstat is SQLite's own table of pages, not one the schema describes.
  const leaves = (db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").all(tree) as { pageno: number }[]).map((r) => r.pageno);
  db.close();
  expect(leaves.length).toBeGreaterThan(0);
  const victim = leaves[Math.floor(leaves.length / 2)]!;
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (victim - 1) * pageSize);
  fs.closeSync(fd);
  const check = new SQLite(dbPath, { readonly: true });
  expect(check.pragma('quick_check', { simple: true })).not.toBe('ok');
  check.close();
}

/** A seeded file with a good backup of it, then a branch's count changed after the backup, then `tree` damaged. */
async function damagedAfterBackup(seed: number, tree: string) {
  const dbPath = await seededFile(seed);
  const core = await createCore({ dbPath, now: () => clock, actor: '测试', host: 'loopback' });
  const branch = await aBranch(core);
  const good = await core.call('backup.now', { note: '损坏之前' });
  later(30);
  await core.call('ledger.edit', { changes: [{ id: branch.id, field: 'membersFormal', value: branch.members + 7 }], source: 'typed' });
  await core.close();
  damagePage(dbPath, tree);
  later(30);
  return { dbPath, branch, good };
}

/** A refusal of a write as the page shows it: Chinese, saying the file is damaged and nothing changes, naming no SQLite words. */
async function refusedInChinese(page: Page): Promise<string> {
  const refusal = page.locator('.ant-message-error').last();
  await refusal.waitFor();
  const told = await refusal.innerText();
  expect(told).toContain('损坏');
  expect(told).toContain('不能修改');
  expect(told).not.toMatch(/SQLITE|malformed|Error/);
  return told;
}

describe('a damaged database, in Chromium', () => {
  it('a damaged ledger page: the banner says so and what quick_check found, and restoring from it brings the data back and the banner goes', async () => {
    clock = new Date('2026-03-15T02:00:00Z');
    const { dbPath, branch, good } = await damagedAfterBackup(7, 'branch_ledger');
    const { core, page } = await open(dbPath);
    const health = await core.call('app.health', {});
    expect(health).toMatchObject({ ok: false, readOnly: true, latestGoodBackup: { name: good.name } });
    const banner = page.getByTestId('damaged-banner');
    await banner.waitFor();
    const said = await banner.innerText();
    expect(said).toContain('数据库文件已损坏');
    expect(said).toContain('任何修改都不会写入');
    expect(said).toContain(`检查发现：${health.problem!.split('\n')[0]}`);
    expect(said).toContain(`从最近的备份恢复（2026-03-15 10:00 手动备份，${good.branches} 个党支部）`);
    await shot(page, 'damaged-banner');

    // Restored from the banner: the banner goes, the file passes, the value changed after the backup is gone.
    await banner.getByRole('button', { name: /^从最近的备份恢复/ }).click();
    const dialogs = await confirmRestore(page, 'banner-restore');
    expect(dialogs).toContain('恢复到 2026-03-15 10:00 的备份（手动备份）？');
    expect(dialogs).toContain(`${good.branches} 个党支部`);
    // What becomes of the damaged file is said before and after: kept aside, not a backup.
    expect(dialogs).toContain('当前的数据库已损坏，不能作为备份');
    expect(dialogs).toMatch(/已原样另存为“[^”]*-damaged\.db\.damaged”/);
    await page.locator('.ant-menu').waitFor();
    expect(await core.call('app.health', {})).toMatchObject({ ok: true, readOnly: false });
    expect(core.conn.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(await membersOf(core, branch.id)).toBe(branch.members);
    expect(await ledgerShows(page, branch.name)).toBe(String(branch.members));
    expect(await page.getByTestId('damaged-banner').count()).toBe(0);
    await shot(page, 'damaged-restored');
  });

  it('a damaged index of the ledger: the ledger says in Chinese that it cannot be read, not 正在读取… for ever', async () => {
    clock = new Date('2026-03-15T02:00:00Z');
    const { dbPath } = await damagedAfterBackup(9, 'branch_ledger_grade');
    const { page } = await open(dbPath);
    await page.getByTestId('damaged-banner').waitFor();
    await menu(page, '分类台账');
    const count = page.getByTestId('row-count');
    await count.filter({ hasText: /^读取失败：/ }).waitFor();
    const said = await count.innerText();
    expect(said).toContain('损坏');
    expect(said).not.toMatch(/SQLITE|malformed|Error/);
    // The grid does not pretend the year is empty.
    await page.getByText('台账无法读取，原因见下方').waitFor();
    await shot(page, 'damaged-ledger-index');
  });

  it('a damaged page of the audit log: the pages still read, with the banner on each; an edit in the grid and in 设置 is refused in Chinese', async () => {
    clock = new Date('2026-03-15T02:00:00Z');
    const { dbPath, branch } = await damagedAfterBackup(8, 'audit_log');
    const { core, page } = await open(dbPath);
    const banner = page.getByTestId('damaged-banner');
    await banner.waitFor();
    // The ledger reads as it is (the value changed after the backup is there), and refuses the edit.
    expect(await ledgerShows(page, branch.name)).toBe(String(branch.members + 7));
    await banner.waitFor();
    const cell = page.locator('.ag-row[row-index="0"] .ag-cell[col-id="membersFormal"]').first();
    const id = Number(await page.locator('.ag-row[row-index="0"]').first().getAttribute('row-id'));
    const shownBefore = await cell.innerText();
    await cell.dblclick();
    await page.keyboard.press('ControlOrMeta+A');
    // A number the cell does not hold already (it holds the count edited after the backup).
    const typed = String(Number(shownBefore) + 1000);
    await page.keyboard.type(typed, { delay: 30 });
    await page.keyboard.press('Enter');
    await refusedInChinese(page);
    // The grid shows what is stored, not the refused number.
    await expect.poll(() => cell.innerText()).toBe(shownBefore);
    await shot(page, 'damaged-edit-refused');
    expect(await membersOf(core, id)).toBe(branch.members + 7);

    await menu(page, '设置');
    await banner.waitFor();
    const settings = page.getByTestId('unit-settings');
    await settings.getByLabel('操作人').fill('王芳');
    await settings.getByRole('button', { name: '保存' }).click();
    await refusedInChinese(page);
    expect((await core.call('setup.status', {})).operatorName).toBeNull();
  });
});
