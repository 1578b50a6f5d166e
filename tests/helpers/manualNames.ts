/**
 * The names on the screen that the manual's 【】 may name, read from the rendered UI (issue 20):
 * used by tests/e2e/manual-names.test.ts on each page and by manualPicture, which writes the names
 * visible when it draws a picture to a record beside it (so a name only reachable mid-task, in a
 * dialog after a file was chosen, is checked against the screen the picture's own test reached).
 *
 * A record counts only if drawn in the same test run as the check: the e2e project's config gives
 * every file the run's start time (`provide`), and the record says when it was drawn.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { navItems } from '../../renderer/src/nav.ts';
import { ancestorAt, type Manual, type ManualName } from '../../shared/manual/parse.ts';
import { artifactsDir } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** When this `vitest run` started (ms): a picture's record older than this is from another run. */
    manualRunStartedAt: number;
  }
}

/** One record per picture: artifacts/manual-ui-names/<picture>.json (not committed: it is this run's). */
export const uiNamesDir = path.join(artifactsDir, 'manual-ui-names');

export interface UiNamesRecord {
  picture: string;
  /** Date.now() when drawn. */
  drawnAt: number;
  names: string[];
}

/**
 * What may be named: buttons, links, tabs, menu and nav items, options, checkboxes, radios and
 * switches, segmented options, column headers (AG Grid's and tables'), and the titles and labels
 * a sentence points at (dialogs, drawers, cards, form fields, headings).
 */
const controls = [
  'button',
  '[role=button]',
  'a[href]',
  '[role=tab]',
  '[role=menuitem]',
  '[role=menuitemcheckbox]',
  '[role=menuitemradio]',
  '[role=option]',
  '[role=checkbox]',
  '[role=radio]',
  '[role=switch]',
  '[role=columnheader]',
  '.ant-menu-item',
  '.ant-menu-submenu-title',
  '.ant-dropdown-menu-item',
  '.ant-select-item-option',
  '.ant-segmented-item',
  '.ant-checkbox-wrapper',
  '.ant-radio-wrapper',
  '.ant-radio-button-wrapper',
  '.ant-tabs-tab',
  '.ag-header-cell-text',
  '.ag-header-group-text',
  'th',
  'label',
  '.ant-form-item-label',
  '.ant-modal-title',
  '.ant-drawer-title',
  '.ant-card-head-title',
  '.ant-popover-title',
  'h1',
  'h2',
  'h3',
  'h4',
].join(',');

/** How a name is compared: antd spaces two-character button labels (“确 定”), labels end in a colon. */
export function normalizeUiName(text: string): string {
  return text.replace(/\s+/g, '').replace(/[:：]$/, '');
}

/** The normalised names of the visible controls of the page (or of the parts `within` selects), in document order, each once. */
export async function visibleUiNames(page: Page, within = 'body'): Promise<string[]> {
  const raw = await page.evaluate(({ selector, within }) => {
    const out: string[] = [];
    for (const el of [...document.querySelectorAll(within)].flatMap((w) => [...w.querySelectorAll<HTMLElement>(selector)])) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      for (const t of [el.innerText, el.getAttribute('aria-label'), el.getAttribute('title')]) if (t) out.push(t);
      // A count shown on a control (a badge: 规则检查 30) is not part of its name.
      if (el.querySelector('.ant-badge-count, .ant-scroll-number')) {
        const bare = el.cloneNode(true) as HTMLElement;
        for (const b of bare.querySelectorAll('.ant-badge-count, .ant-scroll-number')) b.remove();
        if (bare.textContent) out.push(bare.textContent);
      }
    }
    return out;
  }, { selector: controls, within });
  return [...new Set(raw.flatMap(nameVariants).filter((n) => n !== ''))];
}

/** A name as shown, and without a count after it (未创建（99））: the manual names the control, not the count. */
function nameVariants(text: string): string[] {
  const name = normalizeUiName(text);
  const bare = name.replace(/[（(][\d,]+[)）]$/, '');
  return bare === name ? [name] : [name, bare];
}

/**
 * The page's visible names once they stop changing (its data has arrived) or once all of `expected`
 * are there, waiting at most `max` ms.
 */
export async function settledUiNames(page: Page, max: number, within = 'body', expected: string[] = []): Promise<Set<string>> {
  const until = Date.now() + max;
  let last = await visibleUiNames(page, within);
  for (;;) {
    if (expected.length > 0 && expected.every((n) => last.includes(n))) return new Set(last);
    await page.waitForTimeout(400);
    const now = await visibleUiNames(page, within);
    if (now.join('|') === last.join('|') || Date.now() >= until) return new Set(now);
    last = now;
  }
}

/**
 * The visible control named `name`, marked so a locator can click it (a menu item, a tab, a button
 * that opens a dialog), or null. The smallest match wins: a button rather than the toolbar label around it.
 */
export async function markUiControl(page: Page, name: string): Promise<Locator | null> {
  const found = await page.evaluate(
    ({ selector, wanted }) => {
      const norm = (t: string) => t.replace(/\s+/g, '').replace(/[:：]$/, '');
      for (const old of document.querySelectorAll('[data-manual-hit]')) old.removeAttribute('data-manual-hit');
      let best: HTMLElement | null = null;
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const texts = [el.innerText, el.getAttribute('aria-label'), el.getAttribute('title')].filter((t): t is string => !!t).map(norm);
        const counted = !!el.querySelector('.ant-badge-count, .ant-scroll-number');
        if (!texts.some((t) => t === wanted || t.replace(/[（(][\d,]+[)）]$/, '') === wanted || (counted && t.startsWith(wanted)))) continue;
        if (!best || best.contains(el)) best = el;
      }
      best?.setAttribute('data-manual-hit', '1');
      return best !== null;
    },
    { selector: controls, wanted: normalizeUiName(name) },
  );
  return found ? page.locator('[data-manual-hit]').first() : null;
}

/**
 * The column headers of every AG Grid on the page, all of them: the grid renders only the columns
 * in view, so each grid is scrolled across and back.
 */
export async function gridHeaderNames(page: Page): Promise<string[]> {
  const viewports = page.locator('.ag-body-horizontal-scroll-viewport');
  const names = new Set<string>();
  for (let g = 0; g < (await viewports.count()); g++) {
    const viewport = viewports.nth(g);
    if (!(await viewport.isVisible())) continue;
    const grid = page.locator('.ag-root-wrapper').nth(g);
    const { width, scrollWidth } = await viewport.evaluate((v) => ({ width: v.clientWidth, scrollWidth: v.scrollWidth }));
    for (let x = 0; ; x += Math.max(200, width - 100)) {
      await viewport.evaluate((v, left) => (v.scrollLeft = left), Math.min(x, scrollWidth));
      // The grid draws the columns brought into view on its next frame.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (const t of await grid.locator('.ag-header-cell-text, .ag-header-group-text').allInnerTexts()) names.add(normalizeUiName(t));
      if (x >= scrollWidth - width) break;
    }
    await viewport.evaluate((v) => (v.scrollLeft = 0));
  }
  names.delete('');
  return [...names];
}

/** Writes the record of the names visible while `what` was drawn as picture `name`. */
export async function recordUiNames(what: Page | Locator, name: string, dir = uiNamesDir): Promise<void> {
  const page = 'page' in what ? what.page() : what;
  const record: UiNamesRecord = { picture: name, drawnAt: Date.now(), names: await visibleUiNames(page) };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(record, null, 1));
}

/** The record of picture `name`, or why it cannot be used in a run that started at `runStartedAt`. */
export function readUiNames(name: string, runStartedAt: number, dir = uiNamesDir): UiNamesRecord | string {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) return `图片 ${name}.png 在本次运行中没有画出（没有它的界面名称记录）`;
  const record = JSON.parse(fs.readFileSync(file, 'utf8')) as UiNamesRecord;
  if (record.drawnAt < runStartedAt) return `图片 ${name}.png 不是本次运行画的（画于 ${new Date(record.drawnAt).toISOString()}）：请与画图的测试一起运行（npm run manual 或 npm run test:e2e）`;
  return record;
}

export interface NamesCheckOptions {
  /** When this run started: a picture's record older than this is not evidence. */
  runStartedAt: number;
  /** Where the pictures' records are (the real ones unless a test says otherwise). */
  recordsDir?: string;
  /** How long a name may take to appear on a page just opened (its data loading), ms. */
  settle?: number;
}

/**
 * Looks for every 【】 name of the manual in the rendered UI of `page` (the app, already open), and
 * answers one Chinese line per section with names it could not find (empty: all found).
 *
 * A section with a page: that page is opened and each name looked for among its visible controls,
 * then among all its grids' column headers, then behind each of its tabs; a path 【A › B】 clicks
 * A and looks for B; Esc closes what a click opened. A name still not found, or in a section with no
 * page, is accepted if a picture of the same chapter, drawn in this run, had it on screen
 * (manualPicture's record); a section with no page also sees the window's frame (nav and header).
 */
export async function checkManualNames(page: Page, manual: Manual, options: NamesCheckOptions): Promise<string[]> {
  const settle = options.settle ?? 8_000;
  const records = new Map<string, UiNamesRecord | string>();
  const record = (picture: string) => {
    if (!records.has(picture)) records.set(picture, readUiNames(picture, options.runStartedAt, options.recordsDir));
    return records.get(picture)!;
  };
  const lines: string[] = [];
  let openPage: string | null = null;
  /** Whether the open page was clicked in (a menu, a tab, a dialog) since it was opened. */
  let changed = false;
  /** Each page's grids' column headers, read once. */
  const headers = new Map<string, string[]>();
  /** The window's frame, on every page: the navigation and the header. */
  const frame = '.ant-layout-sider, .ant-layout-header';

  const open = async (key: string) => {
    // Through another page, so a page left mid-task (a dialog, a tab) starts afresh.
    const other = key === 'org' ? 'settings' : 'org';
    for (const k of openPage === key ? [other, key] : [key]) {
      await page.evaluate((h) => (window.location.hash = `#/${h}`), k);
      const label = navItems.find((n) => n.key === k)?.label ?? k;
      await page.locator('.ant-layout-header h4', { hasText: label }).first().waitFor({ timeout: 30_000 });
    }
    openPage = key;
  };
  const closeAll = async () => {
    for (let i = 0; i < 2; i++) await page.keyboard.press('Escape');
    await page.waitForTimeout(150);
  };
  const seen = async (name: string, wait: number) => {
    const wanted = normalizeUiName(name);
    const until = Date.now() + wait;
    for (;;) {
      if ((await visibleUiNames(page)).includes(wanted)) return true;
      if (Date.now() >= until) return false;
      await page.waitForTimeout(200);
    }
  };
  /** A path's steps clicked in turn; the last looked for. */
  const followPath = async (path: string[], wait: number) => {
    for (const step of path.slice(0, -1)) {
      if (!(await seen(step, wait))) return false;
      await (await markUiControl(page, step))?.click();
    }
    return seen(path[path.length - 1]!, wait);
  };

  for (let s = 0; s < manual.sections.length; s++) {
    const section = manual.sections[s]!;
    if (section.names.length === 0) continue;
    const chapter = ancestorAt(manual, s, 2);
    const pictures = manual.sections.filter((_x, i) => ancestorAt(manual, i, 2) === chapter).flatMap((x) => x.pictures.map((p) => p.name));
    const inPictures = (name: ManualName) => pictures.some((p) => {
      const r = record(p);
      return typeof r !== 'string' && name.path.every((step) => r.names.includes(normalizeUiName(step)));
    });
    const missing: string[] = [];
    // A subsection of the page just checked finds it as it was left, unless a click changed it.
    if (section.page !== null && (section.page !== openPage || changed)) await open(section.page);
    changed = false;
    // What the page shows once its data has arrived; most names are found there at once.
    const plain = section.names.filter((n) => n.path.length === 1).map((n) => normalizeUiName(n.text));
    const screen = section.page === null ? await settledUiNames(page, 0, frame) : await settledUiNames(page, settle, 'body', plain);
    for (const name of section.names) {
      if (name.path.length === 1 && screen.has(normalizeUiName(name.text))) continue;
      if (inPictures(name)) continue;
      if (section.page === null) {
        missing.push(`【${name.text}】`);
        continue;
      }
      // Clicks (a path's steps, the tabs) change the page: it is opened afresh before looking further.
      let clicked = name.path.length > 1;
      let found = await followPath(name.path, 1_000);
      if (!found && name.path.length === 1) {
        if (!headers.has(section.page)) headers.set(section.page, await gridHeaderNames(page));
        found = headers.get(section.page)!.includes(normalizeUiName(name.text));
      }
      if (!found && clicked) await open(section.page);
      if (!found) {
        const tabs = await behindTabs(name.path);
        found = tabs.found;
        clicked ||= tabs.clicked;
      }
      if (clicked) await closeAll();
      if (!found) missing.push(`【${name.text}】`);
      // A path through the navigation left the page: back to it for the next name.
      const left = clicked && (await page.evaluate(() => window.location.hash)) !== `#/${section.page}`;
      if ((!found && clicked) || left) await open(section.page);
      else changed ||= clicked;
    }
    if (missing.length === 0) continue;
    const stale = [...new Set(pictures)].map(record).filter((r): r is string => typeof r === 'string');
    const where = section.page === null ? '（这一节没有页面标记，只在本章本次画的图片和窗口边框里找）' : `（页面 ${section.page}）`;
    lines.push(`「${section.title}」${where}找不到：${missing.join('、')}${stale.length ? `；${stale.join('；')}` : ''}`);
  }
  return lines;

  /** Each tab of the page in turn, looking for the name behind it; and whether a tab was clicked. */
  async function behindTabs(path: string[]): Promise<{ found: boolean; clicked: boolean }> {
    const tabs = page.locator('[role=tab]:visible');
    const count = await tabs.count();
    let clicked = false;
    for (let t = 0; t < count; t++) {
      const tab = tabs.nth(t);
      if ((await tab.getAttribute('aria-selected')) === 'true') continue;
      await tab.click();
      clicked = true;
      if (await followPath(path, 500)) return { found: true, clicked };
    }
    return { found: false, clicked };
  }
}
