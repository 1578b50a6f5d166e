/**
 * Importing as a person does: a file picked in the page, the column mapping confirmed,
 * the comparison filtered and a cell rejected, the commit, and the whole import undone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');

describe('import in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 1);
    ({ core, page } = app);
    await page.locator('.ant-menu').getByText('导入回收', { exact: true }).click();
    await page.getByTestId('import-drop').waitFor();
  });
  afterAll(() => app?.close());
  const filterBar = () => page.getByRole('radiogroup', { name: '筛选' });

  it('reads a hand-made ledger, asks for its columns once, and shows the comparison', async () => {
    await page.getByTestId('import-file-input').setInputFiles(path.join(fixtures, 'handmade-ledger.xlsx'));
    const mapping = page.getByTestId('mapping-step');
    await mapping.waitFor();
    await expect(mapping.locator('tr', { hasText: '支部名称' }).locator('.ant-select-content').getAttribute('title')).resolves.toBe('党组织名称');
    await mapping.getByRole('button', { name: '按此对应重新核对' }).click();
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    const counts = page.getByTestId('import-counts');
    await expect(counts.innerText()).resolves.toMatch(/读取\s*14/);
    // Only the rows with errors: the two bad dates, and both listings of a branch listed twice with different values.
    await filterBar().getByText(/^有错误/).click();
    const shownRows = () => page.getByTestId('import-grid').evaluate((el) => new Set([...el.querySelectorAll('.ag-row')].map((r) => r.getAttribute('row-index'))).size);
    await expect.poll(shownRows).toBe(4);
    await expect(page.getByTestId('import-grid').locator('.ag-cell.cell-invalid').first().innerText()).resolves.toBe('2021.13.1');
    await page.screenshot({ path: path.join(artifactsDir, 'import-preview.png') });
  });

  it('commits what is accepted and a date corrected in the preview, then undoes the whole import', async () => {
    const grid = page.getByTestId('import-grid');
    const counts = page.getByTestId('import-counts');
    const pendingList = () => page.getByTestId('import-row-actions').locator('.ant-list-item').count();
    const filterCount = async (label: string) => Number(new RegExp(`${label} (\\d+)`).exec(await filterBar().innerText())![1]);
    // Before: two bad dates and a branch listed twice wait for a person; the filter says as many as the list.
    await expect(counts.innerText()).resolves.toMatch(/错误\s*2/);
    await expect.poll(pendingList).toBe(4);
    expect(await filterCount('待确认')).toBe(4);
    const planBefore = await page.getByTestId('import-plan').innerText();
    // The bad date of row 12 (东梁村) corrected in the grid, typed at a person's pace.
    await filterBar().getByText(/^有错误/).click();
    const bad = grid.locator('.ag-row', { has: page.locator('.ag-cell[col-id="sourceRow"]', { hasText: /^12$/ }) }).locator('.ag-cell[col-id="termChangedOn"]').first();
    await bad.dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2021.3.1', { delay: 60 });
    await page.keyboard.press('Enter');
    // At once: the row is a change, the figures, the list of rows waiting, the filters and the summary follow.
    await expect.poll(() => counts.innerText()).toMatch(/错误\s*1/);
    await expect.poll(pendingList).toBe(3);
    expect(await filterCount('待确认')).toBe(3);
    expect(await filterCount('有错误')).toBe(3);
    await expect.poll(() => page.getByTestId('import-plan').innerText()).not.toBe(planBefore);
    await filterBar().getByText(/^待确认/).click();
    await expect.poll(() => grid.evaluate((el) => new Set([...el.querySelectorAll('.ag-row')].map((r) => r.getAttribute('row-index'))).size)).toBe(3);
    await filterBar().getByText(/^全部/).click();
    const status12 = grid.locator('.ag-row', { has: page.locator('.ag-cell[col-id="sourceRow"]', { hasText: /^12$/ }) }).locator('.ag-cell[col-id="status"]').first();
    await expect.poll(() => status12.innerText()).toBe('修改');
    await filterBar().getByText(/^有修改/).click();
    const changed = grid.locator('.ag-cell.import-change').first();
    await changed.waitFor();
    // A click leaves this value out.
    await changed.click();
    await expect.poll(() => grid.locator('.ag-cell.import-rejected').count()).toBe(1);
    const before = (await core.call('import.history', {})).length;
    // What the summary says before the commit is what the commit reports written.
    const plan = (await page.getByTestId('import-plan').innerText()).replace(/^提交将写入：/, '').replace(/；不采用.*$/, '');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').innerText()).resolves.toContain(`已导入：${plan}`);
    await expect(page.getByTestId('import-result').innerText()).resolves.toContain('新增 1 个党支部');
    const history = await core.call('import.history', {});
    expect(history).toHaveLength(before + 1);
    const added = await core.call('org.search', { query: '新立手工村党支部' });
    expect(added).toHaveLength(1);
    const fixed = (await core.call('ledger.list', { year: 2026, filter: { text: '东梁村' } })).rows[0]!;
    expect(fixed.termChangedOn).toBe('2021-03-01');
    await page.getByRole('button', { name: '整批撤销' }).first().click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click();
    // The branch the import created, used by nothing since, goes with it, and the undo says so.
    await expect.poll(() => page.getByTestId('import-undo-result').innerText()).toContain('并移除了它新增的 1 个党支部（新立手工村党支部）');
    await page.getByText('已撤销', { exact: true }).first().waitFor();
    expect(await core.call('org.search', { query: '新立手工村党支部' })).toEqual([]);
    expect((await core.call('import.history', {}))[0]!.status).toBe('undone');
    await expect(page.getByTestId('import-result').count()).resolves.toBe(0);
  });

  it('shows a cell the unit emptied as （清空）, and empties it only when asked', async () => {
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    const sent = (await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner!.id, year: 2026, folder: folder! })).files[0]!;
    const held = (await core.call('ledger.list', { year: 2026, scopeOrgId: sent.unitId })).rows[0]!;
    expect(held.secretary).toBeTruthy();
    const returned = path.join(path.dirname(sent.file), '清空了书记.xlsx');
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(sent.file)})
ws = wb.worksheets[0]
col = [c.column for row in ws.iter_rows(min_row=4, max_row=5) for c in row if c.value == '姓名'][0]
ws.cell(6, col).value = None
wb.save(${JSON.stringify(returned)})
`]);
    await page.getByTestId('import-file-input').setInputFiles(returned);
    const grid = page.getByTestId('import-grid');
    const cleared = grid.locator('.ag-cell.import-clear').first();
    // The comparison takes its time on a busy machine: the grid first, then the cell.
    await grid.locator('.ag-row').first().waitFor();
    await expect.poll(() => cleared.innerText()).toBe('（清空）');
    const alert = page.getByTestId('import-clears');
    await alert.getByText('报送单位清空了 1 个有内容的单元格').waitFor();
    await expect(page.getByTestId('import-plan').innerText()).resolves.not.toContain('清空');
    await page.screenshot({ path: path.join(artifactsDir, 'import-clears.png') });
    await alert.getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('import-plan').innerText()).toContain('其中清空 1 处');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toContain('其中清空 1 处');
    const now = (await core.call('ledger.list', { year: 2026, scopeOrgId: sent.unitId })).rows.find((r) => r.id === held.id)!;
    expect(now.secretary).toBeNull();
  });

  it('takes a file dropped anywhere on the window to the import', async () => {
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await page.waitForURL(/#\/ledger/);
    const bytes = fs.readFileSync(path.join(fixtures, 'returned-libreoffice.xlsx')).toString('base64');
    await page.evaluate((b64) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], '经棚镇报送.xlsx'));
      document.querySelector('.ant-layout-content')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await page.waitForURL(/#\/import/);
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    await expect(page.getByTestId('import-counts').innerText()).resolves.toMatch(/读取\s*24/);
    await page.getByRole('button', { name: '放弃' }).click();
    await page.getByTestId('import-drop').waitFor();
  });

  it('reads a returned 问题清单 with its own columns: a changed cell and a problem typed under the last row, committed and undone', async () => {
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '问题清单下发' });
    const sent = (await core.call('export.sendDown', { templateId: 'problems', parentOrgId: banner!.id, year: 2026, folder: folder! })).files.find((f) => f.rows > 0)!;
    const first = (await core.call('records.list', { table: 'problem', year: 2026, scopeOrgId: sent.unitId })).rows[0]!;
    const returned = path.join(path.dirname(sent.file), '问题清单报送.xlsx');
    // The unit rewrites the first problem's measures and adds one under the last row.
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(sent.file)})
ws = wb.worksheets[0]
col = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
ws.cell(5, col['整改措施']).value = '报送单位改写的整改措施'
blank = 5
while ws.cell(blank, col['行标识（请勿修改）']).value: blank += 1
ws.cell(blank, col['所在单位']).value = ws.cell(5, col['所在单位']).value
ws.cell(blank, col['问题描述']).value = '报送单位新发现的问题'
ws.cell(blank, col['整改状态']).value = '待领办'
wb.save(${JSON.stringify(returned)})
`]);
    await page.getByTestId('import-file-input').setInputFiles(returned);
    const grid = page.getByTestId('import-grid');
    await grid.locator('.ag-row').first().waitFor();
    // The table's own columns, and the same statuses and figures as the ledger's.
    await grid.locator('.ag-header-cell', { hasText: '整改措施' }).first().waitFor();
    await expect(grid.locator('.ag-header-cell', { hasText: '正式党员' }).count()).resolves.toBe(0);
    const counts = page.getByTestId('import-counts');
    await expect(counts.innerText()).resolves.toMatch(/新增\s*1/);
    await expect(counts.innerText()).resolves.toMatch(/有修改\s*1/);
    await filterBar().getByText(/^有修改/).click();
    await expect.poll(() => grid.locator('.ag-cell.import-change').first().innerText()).toBe('报送单位改写的整改措施');
    await filterBar().getByText(/^新增/).click();
    const status = grid.locator('.ag-cell[col-id="status"]').first();
    await expect.poll(() => status.innerText()).toBe('新增');
    await page.screenshot({ path: path.join(artifactsDir, 'import-problems.png') });
    const plan = (await page.getByTestId('import-plan').innerText()).replace(/^提交将写入：/, '').replace(/；不采用.*$/, '');
    expect(plan).toContain('新增 1 条问题');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').innerText()).resolves.toContain(`已导入：${plan}`);
    const held = () => core.conn.sqlite.prepare('SELECT measures FROM problem WHERE id = ?').get(first.id) as { measures: string };
    const added = () => core.conn.sqlite.prepare("SELECT count(*) AS n FROM problem WHERE description = '报送单位新发现的问题' AND org_id = ?").get(first.values.orgId) as { n: number };
    expect(held().measures).toBe('报送单位改写的整改措施');
    expect(added().n).toBe(1);
    // Undone as a whole: the measures as they were, the problem added removed.
    await page.getByRole('button', { name: '整批撤销' }).first().click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click();
    await expect.poll(() => page.getByTestId('import-undo-result').innerText()).toContain('并移除了它新增的 1 条记录');
    expect(held().measures).toBe(first.values.measures);
    expect(added().n).toBe(0);
  });

  it('shows each sheet of a returned 联系点台账 with its own columns, and a decision on the 工作记录 sheet holds at the commit', async () => {
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '联系点下发' });
    const sent = (await core.call('export.sendDown', { templateId: 'liaison-points', parentOrgId: banner!.id, year: 2026, folder: folder! })).files.find((f) => f.rows > 0)!;
    const returned = path.join(path.dirname(sent.file), '联系点报送.xlsx');
    // The unit rewrites the content of the first work record (second sheet, row 5).
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(sent.file)})
ws = wb.worksheets[1]
col = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
ws.cell(5, col['主要内容']).value = '报送单位改写的工作内容'
wb.save(${JSON.stringify(returned)})
`]);
    const visitId = (await core.call('records.list', { table: 'visit', year: 2026, scopeOrgId: sent.unitId })).rows;
    const held = () => (core.conn.sqlite.prepare("SELECT count(*) AS n FROM liaison_visit WHERE content = '报送单位改写的工作内容'").get() as { n: number }).n;
    expect(visitId.length).toBeGreaterThan(0);
    await page.getByTestId('import-file-input').setInputFiles(returned);
    const grid = page.getByTestId('import-grid');
    await grid.locator('.ag-row').first().waitFor();
    const sheets = page.getByRole('radiogroup', { name: '工作表' });
    await sheets.getByText(/^联系点台账/).waitFor();
    await grid.locator('.ag-header-cell', { hasText: '帮扶目标' }).first().waitFor();
    await sheets.getByText(/^工作记录/).click();
    await grid.locator('.ag-header-cell', { hasText: '活动形式' }).first().waitFor();
    await filterBar().getByText(/^有修改/).click();
    const changed = grid.locator('.ag-cell.import-change').first();
    await expect.poll(() => changed.innerText()).toBe('报送单位改写的工作内容');
    await page.screenshot({ path: path.join(artifactsDir, 'import-liaison-sheets.png') });
    // Left out by a click: the summary, and then the commit, write nothing.
    await changed.click();
    await expect.poll(() => grid.locator('.ag-cell.import-rejected').count()).toBe(1);
    await expect.poll(() => page.getByTestId('import-plan').innerText()).toContain('修改 0 行（0 处）');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    await page.getByTestId('import-result').waitFor();
    await expect(page.getByTestId('import-result').innerText()).resolves.toContain('修改 0 行（0 处）；未采用 0 行、1 处');
    expect(held()).toBe(0);
  });

  it('says clearly why a file cannot be read', async () => {
    await page.getByTestId('import-file-input').setInputFiles(path.join(fixtures, 'zip-bomb.xlsx'));
    await expect(page.getByTestId('import-error').innerText()).resolves.toContain('可能是恶意构造的文件');
  });

  it('says a damaged file is damaged, and takes .ods and CSV files', async () => {
    await expect(page.getByTestId('import-file-input').getAttribute('accept')).resolves.toBe('.xlsx,.xls,.ods,.csv,.tsv,.txt');
    await expect(page.getByTestId('import-drop').innerText()).resolves.toContain('.xlsx / .xls / .ods / .csv');
    // A byte flipped in the sheet's compressed data, as a bad copy does.
    const bytes = fs.readFileSync(path.join(fixtures, 'foreign', 'flat-ledger.xlsx'));
    const sheet = bytes.indexOf('xl/worksheets/sheet1.xml');
    bytes[sheet + 200]! ^= 0x5a;
    await page.getByTestId('import-file-input').setInputFiles({ name: '损坏的台账.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
    const error = page.getByTestId('import-error');
    await expect.poll(() => error.innerText()).toContain('“损坏的台账.xlsx”文件已损坏');
    await expect(error.innerText()).resolves.toContain('请向报送单位重新索取一份');
    await page.screenshot({ path: path.join(artifactsDir, 'import-damaged.png') });
    // A GBK, tab-separated text file as Chinese Excel saves it.
    await page.getByTestId('import-file-input').setInputFiles(path.join(fixtures, 'foreign', 'flat-ledger-gbk.txt'));
    const mapping = page.getByTestId('mapping-step');
    await mapping.waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'import-csv.png') });
    await expect(mapping.locator('tr', { hasText: '支部名称' }).locator('.ant-select-content').getAttribute('title')).resolves.toBe('党组织名称');
  });
});
