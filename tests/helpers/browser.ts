import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import type { SeedSize } from '../../electron/core/services/seed/generate.ts';
import { seededCore } from './core.ts';

export const root = path.resolve(import.meta.dirname, '../..');
export const artifactsDir = path.join(root, 'artifacts');

/** Debian's Chromium, headless, with nothing that reaches the network. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`找不到 Chromium（${executablePath}）：请运行 apt-get install -y chromium fonts-noto-cjk`);
  }
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  // Every page as on an office PC with Windows' animations off: antd's dialogs and confirmations
  // appear in place at once (renderer/src/theme.ts). With motion, a click 150 ms after a dialog
  // opened pressed a button still zooming in, and its release landed beside it: nothing opened.
  // (Playwright emulates 'no-preference' unless told, whatever Chromium's own switch says.)
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options) => newContext({ reducedMotion: 'reduce', ...options });
  const newPage = browser.newPage.bind(browser);
  browser.newPage = (options) => newPage({ reducedMotion: 'reduce', ...options });
  return browser;
}

export function rendererDir(): string {
  const dir = path.join(root, 'dist', 'renderer');
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('界面尚未构建：先运行 npm run build:renderer');
  return dir;
}

export interface OpenApp {
  core: Core;
  harness: Harness;
  browser: Browser;
  page: Page;
  /** A cell of the ledger grid by displayed row and column id (AG Grid 36 renders a row's parts under one index). */
  cell(row: number, col: string): Locator;
  close(): Promise<void>;
}

/** A seeded core behind the harness, Chromium on it, optionally opened on one page of the app. */
export async function openApp(size: SeedSize, seed: number, page?: '分类台账'): Promise<OpenApp> {
  const { core, dir } = await seededCore(size, seed);
  const harness = await startHarness(core, { staticDir: rendererDir() });
  const browser = await launchChromium();
  const tab = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const cell = (row: number, col: string) => tab.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`).first();
  await tab.goto(harness.url);
  if (page) {
    await tab.locator('.ant-menu').getByText(page, { exact: true }).click();
    await cell(0, 'name').waitFor();
    // The whole year, not only its first screenful: tests act on a grid that is done loading.
    await tab.getByTestId('row-count').filter({ hasText: /^共 [\d,]+ 行/ }).filter({ hasNotText: '正在读取' }).waitFor();
  }
  return {
    core,
    harness,
    browser,
    page: tab,
    cell,
    async close() {
      await browser.close();
      await harness.close();
      await core.close();
      // The database, its backups and the exports: 50–400 MB a run, which had filled /tmp before.
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Dispatches a paste of `text` at the focused element, as Ctrl+V with that clipboard would. */
export function pasteInto(page: Page, text: string): Promise<void> {
  return page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/**
 * Whether a person sees all of an element: each of its corners (2 px in) is the element itself, not a
 * scroll bar's band, the find bar, the 合计 row or the window's edge laid over it (tests of the grid at 1366×768).
 */
export function whollyVisible(el: Locator): Promise<boolean> {
  return el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    for (const [x, y] of [
      [r.left + 2, r.top + 2],
      [r.right - 2, r.top + 2],
      [r.left + 2, r.bottom - 2],
      [r.right - 2, r.bottom - 2],
    ] as const) {
      const there = document.elementFromPoint(x, y);
      if (!there || !e.contains(there)) return false;
    }
    return true;
  });
}
