/**
 * 退回修改 as a person does it: a township's return with problems opened in the import page,
 * sent back with a reason (the annotated copy written, the return 退回修改), then the corrected
 * return opened: the comparison with the send-back at the top, a click shows the row.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { findReturn, returnEvents } from '../../electron/core/repos/reportReturns.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { editLedgerWithOpenpyxl } from '../helpers/office.ts';

const edit = editLedgerWithOpenpyxl;

describe('退回修改 in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let sent: string;
  let townId: number;
  const dir = tempDir('send-back-e2e-');

  beforeAll(async () => {
    app = await openApp('small', 1);
    ({ core, page } = app);
    const banner = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id })).nodes[0]!;
    townId = (await core.call('org.children', { parentId: banner.id })).nodes[0]!.id;
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    sent = (await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner.id, year: 2026, folder: folder! })).files.find((f) => f.unitId === townId)!.file;
    await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
    await page.getByTestId('import-drop').waitFor();
  }, 120_000);
  afterAll(() => app?.close());

  it('sends a return with problems back with a reason, and shows the next round against it', async () => {
    const returned = edit(sent, path.join(dir, '天义镇-报送.xlsx'), `
ws[col('正式党员（名）') + '6'] = '很多'
ws[col('等次') + '7'] = '很不错'
`);
    await page.getByTestId('import-file-input').setInputFiles(returned);
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();

    // Esc on a dialog nothing was typed in closes it.
    await page.getByTestId('send-back').click();
    const dialog = page.getByTestId('send-back-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('send-back-items').locator('.ant-table-row').count()).toBe(2);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('send-back').click();
    await dialog.waitFor();
    // Both problem cells ticked as proposed.
    await expect.poll(() => dialog.locator('.ant-table-row .ant-checkbox-checked').count()).toBe(2);
    const reason = dialog.getByTestId('send-back-reason');
    await reason.click();
    await page.keyboard.type('人数和等次填写有误，', { delay: 20 });
    // Enter is a new line of the reason: nothing closes, nothing is lost.
    await page.keyboard.press('Enter');
    await page.keyboard.type('请按批注改正后重新报送', { delay: 20 });
    // Enter in the note's text with no row given: a word, the dialog and the reason stay.
    await dialog.getByRole('textbox', { name: '标注内容' }).fill('请核对');
    await dialog.getByRole('textbox', { name: '标注内容' }).press('Enter');
    await expect(reason.inputValue()).resolves.toBe('人数和等次填写有误，\n请按批注改正后重新报送');
    await expect(dialog.isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'send-back-dialog.png') });

    await page.getByTestId('send-back-confirm').click();
    const result = dialog.getByTestId('send-back-result');
    await result.waitFor();
    await expect(result.innerText()).resolves.toContain('退回修改');
    const back = findReturn(core.conn.sqlite, { templateId: 'branch-ledger', period: '2026', unitOrgId: townId })!;
    expect(back).toMatchObject({ state: 'sent_back', round: 1 });
    const findReturnEventPath = () => returnEvents(core.conn.sqlite, back.id).at(-1)!.file_path;
    const annotated = (await dialog.getByTestId('send-back-path').innerText()).trim();
    expect(annotated).toBe(findReturnEventPath());
    expect(fs.existsSync(annotated)).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'send-back-result.png') });
    await page.locator('.ant-modal').getByRole('button', { name: '完成' }).click();
    // The file is not imported: the preview is gone, the page says what was done.
    await page.getByTestId('send-back-done').waitFor();
    await page.getByTestId('import-drop').waitFor();

    // The township corrects one cell, leaves the other, and gets a phone number wrong.
    const corrected = edit(annotated, path.join(dir, '天义镇-第2轮.xlsx'), `
ws[col('正式党员（名）') + '6'] = 12
ws[col('联系电话') + '11'] = '不知道'
`);
    await page.getByTestId('import-file-input').setInputFiles(corrected);
    const banner = page.getByTestId('round-banner');
    await banner.waitFor();
    await expect(page.getByTestId('round-summary').innerText()).resolves.toBe('第 2 轮报送：上次退回 2 处，已改正 1 处，仍有 1 处；新发现 1 处');
    await banner.screenshot({ path: path.join(artifactsDir, 'send-back-round-banner.png') });
    // A click on the cell still wrong focuses its row in the grid.
    await banner.getByRole('button', { name: /^K7$/ }).click();
    await expect.poll(() => page.getByTestId('import-grid').locator('.ag-cell-focus').first().getAttribute('col-id')).toBe('grade');
    await expect(page.getByTestId('import-grid').locator('.ag-row-focus .ag-cell[col-id="sourceRow"]').first().innerText()).resolves.toBe('7');
    await page.screenshot({ path: path.join(artifactsDir, 'send-back-round.png') });
  }, 180_000);
});
