/**
 * 报送情况 as a person uses it: a banner sends the 党支部分类台账 down to its townships with a
 * deadline already past; some townships return it edited (openpyxl); one return is dropped on
 * the window, and its preview says which return it is and links to its row on the board; the
 * board shows who returned and who is late, one return is accepted, and the 催报 list is exported.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { SendDownResult } from '../../shared/contract/types.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

describe('returns board in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let banner: number;
  let sent: SendDownResult;
  const returned: string[] = [];

  beforeAll(async () => {
    app = await openApp('small', 1);
    ({ core, page } = app);
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    banner = (await core.call('org.children', { parentId: city!.id })).nodes[0]!.id;
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '台账下发' });
    // The test's clock is 2026-03-15: a deadline of 03-10 is five days past.
    sent = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder: folder!, dueOn: '2026-03-10' });
    // Three townships fill theirs in: a figure changed each.
    for (const [i, f] of sent.files.slice(0, 3).entries()) {
      const out = path.join(path.dirname(f.file), `报送-${i}.xlsx`);
      execFileSync('/usr/bin/python3', ['-c', `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(f.file)})
ws = wb.worksheets[0]
ws['G6'] = ${80 + i}
wb.save(${JSON.stringify(out)})
`]);
      returned.push(out);
    }
  });
  afterAll(() => app?.close());

  it('recognises a return dropped on the window and says which unit, table, year and round it is', async () => {
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/ledger/);
    const bytes = fs.readFileSync(returned[0]!).toString('base64');
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], '报送.xlsx'));
      document.querySelector('.ant-layout-content')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await expect.poll(() => page.url()).toMatch(/#\/import/);
    const bannerLine = page.getByTestId('return-banner');
    await bannerLine.waitFor();
    const place = sent.files[0]!.unitName.replace(/党委$/, '');
    await expect(bannerLine.innerText()).resolves.toContain(`这是 ${place} 2026年 党支部分类台账 的第 1 次报送`);
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    // What a person sees once it is written (a commit on a loaded machine took more than the poll's 10 s).
    await page.getByTestId('import-result').waitFor();
    await expect.poll(async () => (await core.call('import.history', {})).length).toBe(1);
  });

  it('shows who returned and who is late, marks the dropped return, accepts it, and exports the 催报 list', async () => {
    // Two more returns come in: one read in (已审核), one dropped on the window and opened (已报送).
    const p1 = await core.call('import.open', { path: core.grants.read(returned[1]!) });
    await core.call('import.commit', { sessionId: p1.sessionId });
    const bytes = fs.readFileSync(returned[2]!).toString('base64');
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], '报送3.xlsx'));
      document.querySelector('.ant-layout-content')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await page.getByTestId('return-banner').filter({ hasText: sent.files[2]!.unitName.replace(/党委$/, '') }).waitFor();
    // From the preview to its row on the board: marked and scrolled to.
    await page.getByTestId('return-banner-link').click();
    // Leaving drops the preview: asked first.
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '去“报送情况”' }).click();
    // The page changes by its hash: no load event comes for it to wait on.
    await expect.poll(() => page.url()).toMatch(/#\/returns/);
    const marked = page.locator('[data-marked="true"]');
    await marked.waitFor();
    await expect(marked.innerText()).resolves.toContain(sent.files[2]!.unitName);
    await expect(marked.getByTestId('return-cell').getAttribute('data-state')).resolves.toBe('returned');
    const cellOf = (unit: string) => page.locator(`[data-testid="return-cell"][data-unit="${unit}"]`);
    await expect(cellOf(sent.files[0]!.unitName).getAttribute('data-state')).resolves.toBe('reviewed');
    // Not returned, deadline past: late, said in words.
    const late = cellOf(sent.files[3]!.unitName);
    await expect(late.getAttribute('data-state')).resolves.toBe('sent');
    await expect(late.getByTestId('days-late').innerText()).resolves.toBe('逾期 5 天');
    await expect(page.getByTestId('returns-counts').innerText()).resolves.toContain(`已下发 ${sent.files.length - 3}`);
    await page.screenshot({ path: path.join(artifactsDir, 'returns-board.png'), fullPage: true });

    // 未报: those still owing; 逾期: those too, and those that came in after the deadline (all three did, on the 15th).
    await page.getByTestId('returns-filter').getByText('未报').click();
    await expect.poll(() => page.locator('[data-testid="return-cell"]').count()).toBe(sent.files.length - 3);
    await page.getByTestId('returns-filter').getByText('逾期').click();
    await expect.poll(() => page.locator('[data-testid="return-cell"]').count()).toBe(sent.files.length);

    await page.getByTestId('returns-filter').getByText('全部').click();
    await cellOf(sent.files[0]!.unitName).getByRole('button', { name: '采纳' }).click();
    await expect.poll(() => cellOf(sent.files[0]!.unitName).getAttribute('data-state')).toBe('accepted');
    await cellOf(sent.files[0]!.unitName).getByRole('button', { name: '重新打开' }).waitFor();

    await page.getByTestId('returns-chase').click();
    await expect.poll(async () => (await core.call('export.batches', {})).filter((b) => b.templateId === 'returns-chase').length).toBe(1);
    const chase = (await core.call('export.batches', {})).find((b) => b.templateId === 'returns-chase')!;
    const file = path.join(path.dirname(core.conn.path), 'exports', chase.fileName);
    const out = execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps([[c.value for c in r] for r in ws.iter_rows()], ensure_ascii=False, default=str))
`, file], { encoding: 'utf8' });
    const units = (JSON.parse(out) as unknown[][]).map((r) => r[1]);
    // Those who sent nothing are listed, with the deadline; those who returned are not.
    expect(units).toContain(sent.files[3]!.unitName);
    expect(units).not.toContain(sent.files[0]!.unitName);
    expect(units).not.toContain(sent.files[2]!.unitName);
    await page.screenshot({ path: path.join(artifactsDir, 'returns-board-accepted.png'), fullPage: true });

    // A new deadline typed as staff write dates: a date not understood is said and the dialog stays; 2026.4.5 is set.
    await page.getByRole('button', { name: '设截止日期' }).click();
    const due = page.getByTestId('due-on').locator('input').first();
    await due.pressSequentially('四月五日', { delay: 60 });
    await page.locator('.ant-modal').getByRole('button', { name: '设置' }).click();
    await page.locator('.ant-message').getByText(/^截止日期：/).waitFor();
    await due.fill('');
    await due.pressSequentially('2026.4.5', { delay: 60 });
    await page.locator('.ant-modal').getByRole('button', { name: '设置' }).click();
    await expect
      .poll(async () => (await core.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner })).rows.find((r) => r.unitName === sent.files[3]!.unitName)!.cells[0]!.dueOn)
      .toBe('2026-04-05');
  });
});
