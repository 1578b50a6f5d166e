/**
 * The user manual's pictures are drawn by the end-to-end tests of the very tasks they show
 * (issue 20): a changed screen changes docs/用户手册.md's picture in the same run.
 * `manualPicture(page, 'ledger-grid')` writes docs/用户手册/图/ledger-grid.png, which the manual
 * shows as `![…](用户手册/图/ledger-grid.png)`. The manual's build fails on a picture it names that
 * no test draws. Beside it, the names visible on the screen when it was drawn are recorded for
 * tests/e2e/manual-names.test.ts (tests/helpers/manualNames.ts): a 【名称】 reached only mid-task is
 * checked against the screen its picture's test reached in the same run.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { root } from './browser.ts';
import { recordUiNames } from './manualNames.ts';

export const manualPicturesDir = path.join(root, 'docs', '用户手册', '图');

/** The picture `name` (lower-case latin, digits and '-') of the whole window, or of one part of it. */
export async function manualPicture(what: Page | Locator, name: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`图片名只用小写字母、数字和 -：${name}`);
  fs.mkdirSync(manualPicturesDir, { recursive: true });
  const file = path.join(manualPicturesDir, `${name}.png`);
  // The mouse's hover and the caret's blink are not part of the task: hidden so the picture only
  // changes when the screen does.
  await what.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  await recordUiNames(what, name);
  return file;
}
