/**
 * Every 【名称】 of docs/用户手册.md is on the rendered UI of this run (issue 20): each section's page
 * opened in Chromium on seeded data, each name found among its visible controls (a menu path
 * clicked step by step), or on the screen a picture of its chapter showed when this run drew it.
 * The vitest config runs this file after the pictures' tests (see tests/helpers/manualNames.ts).
 * The check itself is tested in manual-names-checker.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readManual, realPlaces } from '../../scripts/manual-check.ts';
import { openApp, type OpenApp } from '../helpers/browser.ts';
import { checkManualNames } from '../helpers/manualNames.ts';

describe('the manual’s 【】 names on the rendered UI', () => {
  let app: OpenApp;
  const runStartedAt = inject('manualRunStartedAt');

  beforeAll(async () => {
    app = await openApp('small', 1);
    await app.page.locator('.ant-layout-header h4').first().waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('finds every name of docs/用户手册.md on its page or in its chapter’s pictures of this run', async () => {
    const missing = await checkManualNames(app.page, readManual(realPlaces), { runStartedAt });
    expect(missing, `手册里这些名称在界面上找不到（照界面上的文字改手册，或改回界面）：\n${missing.join('\n')}`).toEqual([]);
  });
});
