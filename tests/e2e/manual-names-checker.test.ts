/**
 * The manual's names check (tests/helpers/manualNames.ts) on a fixture manual, in Chromium on seeded
 * data: names the app lacks are listed by section; names it has pass, also a menu path, a column out
 * of view, a control with a count, a name in the window's frame, and a dialog's name seen by a picture
 * drawn in this run; a picture record from an earlier run is refused, saying so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseManual } from '../../shared/manual/parse.ts';
import { openApp, type OpenApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { checkManualNames, markUiControl, recordUiNames, visibleUiNames } from '../helpers/manualNames.ts';

describe('the manual’s names check', () => {
  let app: OpenApp;
  const runStartedAt = inject('manualRunStartedAt');

  beforeAll(async () => {
    app = await openApp('small', 1);
    await app.page.locator('.ant-layout-header h4').first().waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('fails a manual that names what the app lacks, and passes what it has', async () => {
    const { page } = app;
    // A record drawn now, mid-task: the ledger's 视图 menu open and its naming dialog shown.
    const records = tempDir('manual-names-');
    await page.evaluate(() => (window.location.hash = '#/ledger'));
    await app.cell(0, 'name').waitFor();
    await (await markUiControl(page, '视图'))!.click();
    await page.getByRole('menuitem', { name: '保存当前视图…' }).click();
    await page.locator('.ant-modal-title', { hasText: '保存当前视图' }).waitFor();
    await recordUiNames(page, 't-save-view', records);
    await page.keyboard.press('Escape');
    // A column out of view, so the grid is scrolled to find it.
    expect(await visibleUiNames(page)).not.toContain('妇联组织已建立');
    // And one from an earlier run: not evidence of this run's screen.
    fs.writeFileSync(path.join(records, 't-old.json'), JSON.stringify({ picture: 't-old', drawnAt: runStartedAt - 60_000, names: ['旧界面的按钮'] }));

    const manual = parseManual(
      [
        '## 3 组织机构',
        '<!-- page: org -->',
        '左边的【分类台账】。',
        '## 4 分类台账',
        '<!-- page: ledger -->',
        '【视图 › 保存当前视图…】，【没有这个按钮】，【视图 › 没有这一项】。',
        '### 4.1 列',
        '最右边的【妇联组织已建立】和【根本没有的列】，【联系点 › 规则检查】带着数字。',
        '## 9 不在页面上的一节',
        '![保存视图](用户手册/图/t-save-view.png) ![旧图](用户手册/图/t-old.png)',
        '对话框【保存当前视图】，【旧界面的按钮】，窗口左边的【设置】。',
      ].join('\n'),
    );
    const missing = await checkManualNames(page, manual, { runStartedAt, recordsDir: records, settle: 5_000 });
    expect(missing).toEqual([
      '「4 分类台账」（页面 ledger）找不到：【没有这个按钮】、【视图 › 没有这一项】',
      '「4.1 列」（页面 ledger）找不到：【根本没有的列】',
      `「9 不在页面上的一节」（这一节没有页面标记，只在本章本次画的图片和窗口边框里找）找不到：【旧界面的按钮】；图片 t-old.png 不是本次运行画的（画于 ${new Date(runStartedAt - 60_000).toISOString()}）：请与画图的测试一起运行（npm run manual 或 npm run test:e2e）`,
    ]);
  });
});
