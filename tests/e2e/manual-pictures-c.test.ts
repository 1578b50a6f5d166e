/**
 * The pictures of the user manual's chapters 9–13 (报表导出与下发, 导入回收, 报送情况, 汇总上报,
 * 统计分析), each taken while the task it shows is done and checked, in one banner's round of a
 * table: sent down to its townships, one township's return compared three ways (an unknown value
 * mapped once, a conflict with a change made here), a hand-made table's columns confirmed, a
 * faulty return sent back and its second round, the board with one return accepted, the banner's
 * summary with where a figure comes from, and the statistics. 1366×768, as most office screens.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { findReturn } from '../../electron/core/repos/reportReturns.ts';
import type { OrgNode } from '../../shared/contract/types.ts';
import { openApp, type OpenApp } from '../helpers/browser.ts';
import { tempDir } from '../helpers/core.ts';
import { manualPicture } from '../helpers/manual.ts';
import { editLedgerWithOpenpyxl, inspectXlsx } from '../helpers/office.ts';

describe('用户手册 chapters 9–13: the pictures, each of its task done', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let banner: OrgNode;
  let townships: OrgNode[];
  /** Each township's file of the send-down. */
  let files: Map<number, string>;
  const dir = tempDir('manual-c-');
  const nav = (label: string) => page.locator('.ant-menu').getByText(label, { exact: true }).click();
  const stateOf = (unitOrgId: number) => findReturn(core.conn.sqlite, { templateId: 'branch-ledger', period: '2026', unitOrgId })?.state;
  /** The page scrolled back to its top, as a person first sees it. */
  const toTop = () => page.locator('.ant-layout-content').evaluate((el) => el.scrollTo(0, 0));
  /** No field focused: its outline is not part of the picture. */
  const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  /** A township's name as its office writes it on a sheet: 天义镇党委 → 天义镇. */
  const place = (name: string) => name.replace(/党委$|党工委$/, '');

  beforeAll(async () => {
    app = await openApp('small', 1);
    ({ core, page } = app);
    await page.setViewportSize({ width: 1366, height: 768 });
    const city = (await core.call('org.children', { parentId: null, counts: false })).nodes[0]!;
    banner = (await core.call('org.children', { parentId: city.id, counts: false })).nodes.find((n) => n.level === 'county')!;
    townships = (await core.call('org.children', { parentId: banner.id, counts: false })).nodes.filter((n) => n.level !== 'branch');
  }, 120_000);
  afterAll(() => app?.close());

  it('报表导出: 附件1 previewed for the banner, then sent down to each township with a deadline', async () => {
    await nav('报表导出');
    const panel = page.getByTestId('export-panel');
    await panel.waitFor();
    await page.getByText('附件1 党支部分类台账').click();
    await page.getByTestId('scope-picker').click();
    await page.keyboard.insertText(banner.name);
    await page.locator('.ant-select-tree').getByText(banner.name, { exact: true }).click();
    const preview = page.getByTestId('export-preview');
    // The preview follows the scope a moment later: the banner's own title, not the city's it opened with.
    await expect.poll(() => preview.locator('.export-title').innerText()).toBe(`${banner.name.replace(/委$/, '')}2026年党支部分类台账`);
    await expect.poll(() => preview.locator('tbody tr').count()).toBeGreaterThan(5);
    await page.mouse.move(0, 0);
    await blur();
    await toTop();
    await manualPicture(page, 'c-export-page');
    await page.getByTestId('send-down-due').locator('input').first().fill('2026.3.31');

    await page.getByRole('button', { name: /按下级单位分别下发/ }).click();
    const result = page.getByTestId('send-down-result');
    await result.waitFor();
    await expect.poll(() => result.locator('tbody tr').count()).toBe(townships.length);
    // The page brings the result into view smoothly: once it rests, the deadline and the button are put at the top, the result under them.
    const scrolled = () => page.locator('.ant-layout-content').evaluate((el) => el.scrollTop);
    await expect.poll(async () => { const before = await scrolled(); await page.waitForTimeout(150); return before === (await scrolled()); }).toBe(true);
    await page.getByTestId('send-down-due').evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await expect.poll(async () => { const before = await scrolled(); await page.waitForTimeout(150); return before === (await scrolled()); }).toBe(true);
    await page.mouse.move(0, 0);
    await blur();
    await manualPicture(page, 'c-send-down');
    // The files the send-down wrote, each township's own, found where the harness's folder dialog put them.
    const exports = path.join(path.dirname(core.conn.path), 'exports');
    const written = fs.readdirSync(exports, { recursive: true, encoding: 'utf8' });
    const batches = (await core.call('export.batches', {})).filter((b) => b.sendDownId !== null);
    files = new Map(townships.map((t) => {
      const b = batches.find((x) => x.unitName === t.name)!;
      return [t.id, path.join(exports, written.find((f) => path.basename(f) === b.fileName)!)];
    }));
    // Every township is on the board as 已下发, with the deadline typed as staff write it.
    for (const t of townships) expect(stateOf(t.id)).toBe('sent');
    const board = await core.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner.id });
    expect(new Set(board.rows.map((r) => r.cells[0]!.dueOn))).toEqual(new Set(['2026-03-31']));
  }, 60_000);

  it('导入回收: a return compared three ways, its unknown value mapped once, a conflict decided, committed', async () => {
    const town = townships[0]!;
    const file = files.get(town.id)!;
    // Which branch row 6 and row 8 of the file are: the first and third data rows.
    const rows = inspectXlsx(file, 10).sheets[0]!.rows;
    const header = rows.find((r) => r.includes('党组织名称'))!;
    const nameAt = header.indexOf('党组织名称');
    const held = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
    const branch6 = held.find((r) => r.name === rows[5]![nameAt])!;
    // Changed here after the send-down, and in the file too: a conflict.
    await core.call('ledger.edit', { changes: [{ id: branch6.id, field: 'membersFormal', value: 13 }], source: 'typed' });
    const returned = editLedgerWithOpenpyxl(file, path.join(dir, `${place(town.name)}-报送.xlsx`), `
ws[col('正式党员（名）') + '6'] = 12
ws[col('等次') + '7'] = '很不错'
ws[col('正式党员（名）') + '8'] = 25
`);
    await nav('导入回收');
    await page.getByTestId('import-drop').waitFor();
    await page.getByTestId('import-file-input').setInputFiles(returned);
    const step = page.getByTestId('values-step');
    await step.waitFor();
    await expect(step.locator('.ant-table-tbody tr').first().innerText()).resolves.toContain('很不错');
    await step.locator('.ant-table-tbody tr').first().locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '先进' }).click();
    await page.mouse.move(0, 0);
    await manualPicture(step, 'c-import-values');
    await step.getByRole('button', { name: '按所选读取并重新核对' }).click();
    await expect.poll(() => step.count()).toBe(0);

    const counts = page.getByTestId('import-counts');
    await expect.poll(() => counts.innerText()).toMatch(/冲突\s*1\b/);
    await expect(counts.innerText()).resolves.toMatch(/错误\s*0\b/);
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    await page.mouse.move(0, 0);
    await toTop();
    await manualPicture(page, 'c-import-preview');
    await page.getByText(/^有修改 \d+$/).click();
    await expect.poll(() => page.getByTestId('import-grid').locator('.ag-cell[col-id="sourceRow"]').count()).toBe(3);
    await page.getByTestId('import-grid').scrollIntoViewIfNeeded();
    // The conflict: the file's 12 against ours, 13, each with the value sent; its tooltip says so.
    const conflict = page.getByTestId('import-grid').locator('.ag-row', { hasText: branch6.name }).locator('.ag-cell[col-id="membersFormal"]').first();
    await conflict.hover();
    const tip = page.locator('.ag-tooltip, .ag-tooltip-custom').first();
    await expect.poll(() => tip.innerText()).toContain('双方都改过');
    await manualPicture(page, 'c-import-conflict');
    await conflict.click();
    await expect.poll(() => page.getByTestId('import-plan').innerText()).toContain('修改 3 行（3 处）');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByTestId('import-result').innerText()).toContain('已导入');
    const after = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.find((r) => r.id === branch6.id)!;
    expect(after.membersFormal).toBe(12);
    expect(stateOf(town.id)).toBe('reviewed');
  }, 60_000);

  it('导入回收: a hand-made table of a township, its columns confirmed once in the mapping step', async () => {
    const town = townships[2]!;
    const held = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.slice(0, 6);
    const out = path.join(dir, `${place(town.name)}党支部台账（手工）.xlsx`);
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json, sys
rows = json.loads(sys.argv[2])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = sys.argv[3]
ws.append([sys.argv[3] + '党支部情况统计'])
ws.append(['序号', '支部名称', '支部书记姓名', '正式党员', '分类等次', '联系方式（书记）'])
for i, r in enumerate(rows):
    ws.append([i + 1, r['name'], r['secretary'], r['members'], '好', r['phone']])
wb.save(sys.argv[1])
`, out, JSON.stringify(held.map((r) => ({ name: r.name, secretary: r.secretary ?? '', members: r.membersFormal ?? 0, phone: r.secretaryPhone ?? '' }))), place(town.name)]);
    await page.getByTestId('import-file-input').setInputFiles(out);
    const mapping = page.getByTestId('mapping-step');
    await mapping.waitFor();
    await expect(mapping.innerText()).resolves.toContain('支部书记姓名');
    await manualPicture(mapping, 'c-import-mapping');
    await mapping.getByRole('button', { name: '按此对应重新核对' }).click();
    await page.getByText(/按表头识别/).waitFor();
    // Every row found among the township's branches, 好 read as 先进 by the dictionary's synonyms.
    await expect.poll(() => page.getByTestId('import-counts').innerText()).toMatch(/读取\s*6\b/);
    await expect(page.getByTestId('import-counts').innerText()).resolves.toMatch(/新增\s*0\b/);
    await page.getByRole('button', { name: '放弃' }).click();
    await page.getByTestId('import-drop').waitFor();
  }, 60_000);

  it('退回修改: a faulty return sent back with a reason, and its second round compared with it', async () => {
    const town = townships[1]!;
    const file = files.get(town.id)!;
    const faulty = editLedgerWithOpenpyxl(file, path.join(dir, `${place(town.name)}-报送.xlsx`), `
ws[col('正式党员（名）') + '6'] = '很多'
`);
    await page.getByTestId('import-file-input').setInputFiles(faulty);
    await page.getByTestId('import-grid').locator('.ag-row').first().waitFor();
    await page.getByTestId('send-back').click();
    const dialog = page.getByTestId('send-back-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('.ant-table-row .ant-checkbox-checked').count()).toBe(1);
    await dialog.getByTestId('send-back-reason').fill('正式党员人数填写有误，请按批注改正后于 3 月 20 日前重新报送');
    await manualPicture(page, 'c-send-back');
    await page.getByTestId('send-back-confirm').click();
    await dialog.getByTestId('send-back-result').waitFor();
    expect(stateOf(town.id)).toBe('sent_back');
    const annotated = (await dialog.getByTestId('send-back-path').innerText()).trim();
    await page.locator('.ant-modal').getByRole('button', { name: '完成' }).click();
    await page.getByTestId('send-back-done').waitFor();

    const corrected = editLedgerWithOpenpyxl(annotated, path.join(dir, `${place(town.name)}-第2轮.xlsx`), `
ws[col('正式党员（名）') + '6'] = 12
`);
    await page.getByTestId('import-file-input').setInputFiles(corrected);
    const round = page.getByTestId('round-banner');
    await round.waitFor();
    await expect(page.getByTestId('round-summary').innerText()).resolves.toBe('第 2 轮报送：上次退回 1 处，已改正 1 处，仍有 0 处；新发现 0 处');
    await page.mouse.move(0, 0);
    await manualPicture(page, 'c-round-banner');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '提交' }).click();
    await page.getByTestId('import-result').waitFor();
    expect(stateOf(town.id)).toBe('reviewed');
  }, 60_000);

  it('报送情况: who has returned, who was sent back, who has not; a reviewed return accepted', async () => {
    // A fourth township's return, sent back by the core as the import page does: the board shows all the states a round goes through.
    const back = townships[3]!;
    const faulty = editLedgerWithOpenpyxl(files.get(back.id)!, path.join(dir, `${place(back.name)}-报送.xlsx`), `
ws[col('正式党员（名）') + '6'] = '十几个'
`);
    const opened = await core.call('import.open', { path: core.grants.read(faulty) });
    const { path: target } = await core.call('shell.chooseSaveFile', { suggestedName: `${place(back.name)}-报送（退回修改）.xlsx` });
    await core.call('returns.sendBack', { sessionId: opened.sessionId, reason: '正式党员人数请填写数字', path: target! });
    await nav('报送情况');
    const cellOf = (t: OrgNode) => page.locator(`[data-testid="return-cell"][data-unit="${t.name}"]`);
    await cellOf(townships[0]!).waitFor();
    await cellOf(townships[0]!).getByRole('button', { name: '采纳' }).click();
    await expect.poll(() => cellOf(townships[0]!).getAttribute('data-state')).toBe('accepted');
    await expect(cellOf(townships[1]!).getAttribute('data-state')).resolves.toBe('reviewed');
    await expect(cellOf(back).getAttribute('data-state')).resolves.toBe('sent_back');
    await expect(cellOf(townships[4]!).getAttribute('data-state')).resolves.toBe('sent');
    await expect(cellOf(townships[4]!).innerText()).resolves.toContain('截止 2026-03-31');
    await expect(page.getByTestId('returns-counts').innerText()).resolves.toContain(`已下发 ${townships.length - 3}`);
    await page.mouse.move(0, 0);
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await manualPicture(page, 'c-returns-board');
    expect(stateOf(townships[0]!.id)).toBe('accepted');
    expect(stateOf(back.id)).toBe('sent_back');
  }, 60_000);

  it('汇总上报: the banner totalled by township, where a figure comes from, exported and recorded as reported', async () => {
    await nav('汇总上报');
    const c = await core.call('consolidate.run', { templateId: 'org-summary', year: 2026, unitId: banner.id });
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(c.rows.length);
    const first = c.rows.find((r) => r.unitId === townships[0]!.id)!;
    const source = (unitId: number) => page.locator(`tr[data-row-key="${unitId}"] [data-source]`).getAttribute('data-source');
    // Where each row comes from: accepted, a return not yet accepted, one sent back, and the rest our own figures.
    await expect(source(townships[0]!.id)).resolves.toBe('accepted');
    await expect(source(townships[1]!.id)).resolves.toBe('pending');
    await expect(source(townships[3]!.id)).resolves.toBe('sentBack');
    await expect(source(townships[2]!.id)).resolves.toBe('own');
    await page.mouse.move(0, 0);
    await manualPicture(page, 'c-consolidate');
    await page.locator(`[data-cell="${first.unitId}:branches"]`).click();
    const trace = page.getByTestId('trace');
    await trace.getByText(`共 ${first.values.branches} 条，合计 ${first.values.branches}`).waitFor();
    await manualPicture(page, 'c-consolidate-trace');
    await page.locator('.ant-drawer-close').click();
    await trace.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '导出上报' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '导出上报' }).click();
    await page.getByText(/已导出并记为已上报/).waitFor();
    const reported = core.conn.sqlite.prepare('SELECT COUNT(*) AS n FROM consolidation_report').get() as { n: number };
    expect(reported.n).toBe(1);

    // A township's figures change after the report (a grade corrected): the page lists and marks them.
    const town = c.rows.find((r) => r.unitId === townships[2]!.id)!;
    const branch = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.unitId, filter: { grade: ['advanced'] } })).rows[0]!;
    await core.call('ledger.edit', { changes: [{ id: branch.id, field: 'grade', value: 'lagging' }], source: 'typed' });
    await nav('统计分析');
    await nav('汇总上报');
    const changes = page.getByTestId('changes');
    await changes.getByText(/相比有 4 处变化/).waitFor();
    await changes.getByText(`${town.unitName} 分类等次（个）·先进：${town.values.advanced} → ${town.values.advanced! - 1}（−1）`).waitFor();
    await expect.poll(() => page.locator('[data-changed="true"]').count()).toBe(4);
    await page.mouse.move(0, 0);
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await manualPicture(page, 'c-consolidate-changes');
  }, 60_000);

  it('统计分析: the banner’s charts drawn with their tables', async () => {
    await nav('统计分析');
    await page.locator('[data-testid="stats-chart-unitGrade"][data-finished="true"]').waitFor({ timeout: 15_000 });
    const s = await core.call('stats.tables', { year: 2026, scopeOrgId: banner.id });
    await page.getByTestId('stats-section-unitGrade').locator('.ant-card-head-title', { hasText: `${s.unit.place}2026年` }).waitFor();
    await page.mouse.move(0, 0);
    await manualPicture(page, 'c-stats');
    const t = s.tables.find((x) => x.id === 'unitGrade')!;
    expect(t.rows.length).toBe(townships.length);
  }, 60_000);
});
