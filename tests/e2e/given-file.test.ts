/**
 * A spreadsheet the desktop app is started again with (opened with 组工台账 from the file
 * manager) opens in 导入回收: the core grants it and pushes shell.openFile, the window goes to
 * the import and reads it. Here the push travels the harness's event stream, as the relay's in Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

const fixture = path.resolve(import.meta.dirname, '../fixtures/import/handmade-ledger.xlsx');

describe('a file given to the app', () => {
  let app: OpenApp;
  beforeAll(async () => {
    app = await openApp('small', 1);
    await app.page.locator('.ant-tree').first().waitFor();
  });
  afterAll(() => app?.close());

  const given = (name: string) => {
    const file = path.join(path.dirname(app.core.conn.path), name);
    fs.copyFileSync(fixture, file);
    return file;
  };
  const readsIt = async () => {
    const { page } = app;
    await expect(page.locator('.ant-layout-header h4').innerText()).resolves.toBe('导入回收');
    // The hand-made layout is read: its columns are asked for once.
    const mapping = page.getByTestId('mapping-step');
    await mapping.waitFor();
    await expect(mapping.innerText()).resolves.toContain('支部名称');
  };

  it('opens 导入回收 on the file the app was started with', async () => {
    const { core, page, harness } = app;
    // Given before the page is there (the app's first start): the page takes it when it starts.
    // (Away from the app first: a page still open would take it on the event instead.)
    await page.goto('about:blank');
    core.openGivenFile(given('台账.xlsx'));
    await page.goto(harness.url);
    await expect.poll(() => new URL(page.url()).hash).toBe('#/import');
    await readsIt();
    // Taken once: it does not come back on the next start of the page.
    await page.evaluate(() => (window.location.hash = '#/org'));
    await page.reload();
    await page.locator('.ant-tree').first().waitFor();
    await expect(page.locator('.ant-layout-header h4').innerText()).resolves.toBe('组织机构');
  });

  it('opens 导入回收 on a file a later start hands over', async () => {
    const { core, page } = app;
    const file = given('宁城县 回收.xlsx');
    // The page listens once its event stream is open; until it has turned to the import, tell it again.
    await expect
      .poll(async () => {
        core.openGivenFile(file);
        await page.waitForTimeout(300);
        return new URL(page.url()).hash;
      })
      .toBe('#/import');
    await readsIt();
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'given-file.png') });
  });
});
