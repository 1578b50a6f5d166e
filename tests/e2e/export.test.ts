/**
 * Exporting as a person does: pick a template, change the title, see the preview
 * follow, export and find the file (read back by openpyxl); send a banner's table down
 * to its townships; export exactly the rows the ledger grid shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';
import { execFileSync } from 'node:child_process';
import { inspectXlsx, soffice } from '../helpers/office.ts';
import { tempDir } from '../helpers/core.ts';
import { pinyinKeys } from '../../shared/domain/pinyin.ts';

describe('export in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 2);
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  it('lists the official formats in the order of their attachment numbers', async () => {
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    await page.getByTestId('export-panel').waitFor();
    const items = await page.locator('.ant-card').filter({ hasText: '报表模板' }).locator('.ant-menu-item').allInnerTexts();
    const numbers = items.map((t) => Number(/^附件(\d+) /.exec(t)?.[1]));
    expect(numbers).toEqual(Array.from({ length: items.length }, (_, i) => i + 1));
  });

  it('exports a template with a changed title, as the preview shows it', async () => {
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    const panel = page.getByTestId('export-panel');
    await panel.waitFor();
    await page.getByText('附件3 领导干部领办实事项目台账').click();
    const preview = page.getByTestId('export-preview');
    await preview.getByText('领办实事项目台账', { exact: false }).first().waitFor();
    await page.getByLabel('标题').fill('{unit}{year}年领办实事项目推进情况');
    await expect.poll(() => preview.locator('.export-title').innerText()).toMatch(/^赤峰市2026年领办实事项目推进情况$/);
    await page.screenshot({ path: path.join(artifactsDir, 'export-preview.png') });
    await panel.getByRole('button', { name: /导出/ }).first().click();
    await page.getByText('已导出', { exact: true }).waitFor();
    const batch = (await core.call('export.batches', {}))[0]!;
    expect(batch.templateId).toBe('projects');
    // The name offered to save under starts with the attachment, as the notice names the table.
    expect(batch.fileName).toBe('附件3 赤峰市2026年领办实事项目推进情况.xlsx');
    const file = path.join(path.dirname(core.conn.path), 'exports', batch.fileName);
    expect(fs.existsSync(file)).toBe(true);
    const s = inspectXlsx(file).sheets[0]!;
    expect(s.rows[0]![0]).toBe('附件3');
    expect(s.rows[1]![0]).toBe('赤峰市2026年领办实事项目推进情况');
    const projects = (await core.call('records.list', { table: 'project', year: 2026 })).rows.length;
    expect(batch.rows).toBe(projects);
  });

  it('sends the ledger down to every township of the banner, one file each, with the deadline typed as staff write dates', async () => {
    await page.getByText('附件1 党支部分类台账').click();
    await page.getByTestId('scope-picker').click();
    const banner = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id, counts: false })).nodes[0]!;
    await page.keyboard.insertText(banner.name);
    await page.locator('.ant-select-tree').getByText(banner.name, { exact: true }).click();
    await page.getByTestId('send-down-due').locator('input').first().fill('2026.4.5');
    await page.getByRole('button', { name: /按下级单位分别下发/ }).click();
    const result = page.getByTestId('send-down-result');
    await result.waitFor();
    const townships = (await core.call('org.children', { parentId: banner.id, counts: false })).nodes;
    await expect.poll(() => result.locator('tbody tr').count()).toBe(townships.length);
    // Each file is named as a single export is, by its attachment first, then the unit once (附件1 桥头镇2026年…, never 桥头镇-桥头镇2026年…).
    const names = await result.locator('tbody tr td:nth-child(2)').allInnerTexts();
    for (const n of names) {
      expect(n).toMatch(/^附件1 \S/);
      expect(n.slice('附件1 '.length)).not.toMatch(/^(.{2,})-\1/);
    }
    // Each township's return is now 已下发 with that deadline on the board.
    const board = await core.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner.id });
    expect(new Set(board.rows.filter((r) => r.onRoster).map((r) => `${r.cells[0]!.state} ${r.cells[0]!.dueOn}`))).toEqual(new Set(['sent 2026-04-05']));
  });

  it('says before writing how many red cells there are, lists them, and writes each as it was typed', async () => {
    // A number typed as words in the ledger: kept, marked red.
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await app.cell(0, 'membersFormal').waitFor();
    const id = Number(await page.locator('.ag-row[row-index="0"]').first().getAttribute('row-id'));
    await app.cell(0, 'membersFormal').dblclick();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('十二人', { delay: 30 });
    await page.keyboard.press('Enter');
    await expect.poll(() => app.cell(0, 'membersFormal').getAttribute('class')).toContain('cell-invalid');
    const row = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id)!;

    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    await page.getByText('附件1 党支部分类台账').click();
    await page.getByTestId('scope-picker').click();
    await page.keyboard.insertText(row.county!);
    await page.locator('.ant-select-tree').getByText(row.county!, { exact: true }).click();
    const alert = page.getByTestId('red-cells-alert');
    await alert.getByText('有 1 个单元格的内容未通过校验').waitFor();
    const batches = (await core.call('export.batches', {})).length;

    // Asked first: cancelling writes nothing.
    await page.getByTestId('export-panel').getByRole('button', { name: /导出/ }).first().click();
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '有 1 个单元格的内容未通过校验' });
    await ask.getByTestId('red-cells').getByText(row.name).waitFor();
    await ask.getByTestId('red-cells').getByText('十二人', { exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'export-red-cells.png') });
    await ask.getByRole('button', { name: '取消，先去改正' }).click();
    await ask.waitFor({ state: 'detached' });
    expect((await core.call('export.batches', {})).length).toBe(batches);

    await page.getByTestId('export-panel').getByRole('button', { name: /导出/ }).first().click();
    await ask.getByRole('button', { name: '仍按原样导出' }).click();
    await page.getByText('1 个标红的值按原样写入', { exact: false }).waitFor();
    const batch = (await core.call('export.batches', {}))[0]!;
    const file = path.join(path.dirname(core.conn.path), 'exports', batch.fileName);
    // As LibreOffice prints it: the words are on the page, in the row of that branch.
    const text = execFileSync('pdftotext', ['-layout', soffice(file, 'pdf', tempDir()), '-'], { encoding: 'utf8' });
    expect(text.split('\n').find((l) => l.includes(row.name))).toContain('十二人');
    await core.call('ledger.edit', { changes: [{ id, field: 'membersFormal', value: 12 }], source: 'typed' });
  });

  it('says before writing a table with no rows, and writes its header and signature lines only when told to', async () => {
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    await page.getByText('附件8 党支部书记提醒谈话名单').click();
    const unit = (await core.call('setup.status', {})).unit!;
    await page.getByTestId('scope-picker').click();
    await page.keyboard.insertText(unit.name);
    await page.locator('.ant-select-tree').getByText(unit.name, { exact: true }).click();
    const preview = await core.call('export.preview', { templateId: 'reminder-talks', scope: { year: 2026, scopeOrgId: unit.id }, choices: (await core.call('templates.list', {})).find((t) => t.id === 'reminder-talks')!.choices });
    expect(preview.total).toBe(0);
    const batches = (await core.call('export.batches', {})).length;

    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '没有数据行' });
    await page.getByTestId('export-panel').getByRole('button', { name: /导出/ }).first().click();
    await ask.getByText('所选范围和年度（2026 年）中没有可列入这张表的记录').waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'export-empty.png') });
    await ask.getByRole('button', { name: '取消' }).click();
    await ask.waitFor({ state: 'detached' });
    expect((await core.call('export.batches', {})).length).toBe(batches);

    await page.getByTestId('export-panel').getByRole('button', { name: /导出/ }).first().click();
    await ask.getByRole('button', { name: '仍然导出' }).click();
    await page.getByText('已导出', { exact: true }).waitFor();
    const batch = (await core.call('export.batches', {}))[0]!;
    expect([batch.templateId, batch.rows]).toEqual(['reminder-talks', 0]);
    const rows = inspectXlsx(path.join(path.dirname(core.conn.path), 'exports', batch.fileName)).sheets[0]!.rows.flat();
    expect(rows).toContain('附件8');
    expect(rows.some((v) => String(v).startsWith('谈话人'))).toBe(true);
  });

  it('exports exactly the rows the ledger grid shows after a search', async () => {
    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await app.cell(0, 'name').waitFor();
    await page.getByLabel('快速搜索').fill('嘎查');
    await expect.poll(() => page.getByTestId('row-count').innerText()).toContain('筛选后');
    const shown = await page.getByTestId('row-count').innerText();
    const n = Number(/筛选后 ([\d,]+) 行/.exec(shown)![1]!.replace(/,/g, ''));
    await page.getByRole('button', { name: /导出/ }).first().click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '导出党支部分类台账' });
    await dialog.getByText(`表格中当前显示的 ${n.toLocaleString('zh-CN')} 行（已筛选）`).waitFor();
    await dialog.getByRole('button', { name: /导出/ }).first().click();
    await dialog.getByText('已导出', { exact: true }).waitFor();
    const batch = (await core.call('export.batches', {}))[0]!;
    expect(batch.rows).toBe(n);
    const file = path.join(path.dirname(core.conn.path), 'exports', batch.fileName);
    const s = inspectXlsx(file, 10 + n).sheets[0]!;
    // The quick search matches any column (a name, or the field 嘎查村): so does every row exported.
    const rows = s.rows.slice(5, 5 + n);
    expect(rows.every((r) => r.join(' ').includes('嘎查'))).toBe(true);
    expect(s.rows[5 + n]![0]).toBe('合计');
  });

  it('picks with Enter the unit typed into 范围: by its name, by its pinyin initials, the first found as the tree shows them', async () => {
    await page.reload(); // the last test's export dialog stays open over the page
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    await page.getByText('附件1 党支部分类台账').click();
    const picker = page.getByTestId('scope-picker');
    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [banner] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const towns = (await core.call('org.children', { parentId: banner!.id })).nodes.filter((n) => n.level === 'township');
    const units = [city!, banner!, ...towns];
    const alone = (t: (typeof towns)[number], key: (n: (typeof towns)[number]) => string) => units.every((u) => u === t || !key(u).includes(key(t)));
    // Townships not in the tree until searched for, each the only unit its text finds.
    const byName = towns.find((t) => alone(t, (n) => n.name))!;
    const byInitials = towns.find((t) => t !== byName && alone(t, (n) => pinyinKeys(n.name).initials))!;

    // Enter straight after the name, perhaps before the units found are shown.
    await picker.click();
    await page.keyboard.insertText(byName.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => picker.innerText()).toBe(byName.name);

    await picker.click();
    await page.keyboard.type(pinyinKeys(byInitials.name).initials);
    await page.keyboard.press('Enter');
    await expect.poll(() => picker.innerText()).toBe(byInitials.name);

    // Many found: the first as the tree shows them, the way down to it opened.
    await picker.click();
    await page.keyboard.insertText('镇');
    const titles = page.locator('.ant-select-tree .ant-select-tree-title');
    await expect.poll(async () => (await titles.allInnerTexts()).filter((t) => t.includes('镇')).length).toBeGreaterThan(1);
    const first = (await titles.allInnerTexts()).find((t) => t.includes('镇'))!;
    await page.keyboard.press('Enter');
    await expect.poll(() => picker.innerText()).toBe(first);
    await expect.poll(() => page.locator('.ant-select-tree').isVisible()).toBe(false);
  });

  it('keeps 导出… in sight at 1366×768 on 报表导出 and in the ledger\'s dialog, shows the result where it was pressed, and the whole preview', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    // Seen, not only laid out: the point at its middle is the element's own, not clipped by a scrolling box or hidden under another.
    const inSight = (el: Locator) =>
      el.evaluate((e) => {
        const r = e.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.height > 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && hit !== null && e.contains(hit);
      });
    // The page's right edge is drawn (“日” of 填报日期 and 备注 whole), or its box scrolls sideways and says so.
    const previewWhole = (scope: Locator) =>
      scope.getByTestId('export-preview').evaluate((p) => {
        const frame = p.parentElement!;
        const r = p.getBoundingClientRect();
        const hit = document.elementFromPoint(r.right - 2, r.top + 4);
        const scrolls = frame.scrollWidth > frame.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(frame).overflowX);
        return (hit !== null && p.contains(hit) && r.right <= window.innerWidth) || scrolls;
      });
    const check = async (scope: Locator, name: string) => {
      const button = scope.getByRole('button', { name: /导出…/ });
      await scope.getByTestId('export-preview').waitFor();
      await expect.poll(() => inSight(button)).toBe(true);
      await expect.poll(() => previewWhole(scope)).toBe(true);
      await page.screenshot({ path: path.join(artifactsDir, `${name}-1366.png`) });
      const batches = (await core.call('export.batches', {})).length;
      await button.click();
      await expect.poll(async () => (await core.call('export.batches', {})).length).toBe(batches + 1);
      const done = scope.getByText('已导出', { exact: true });
      await expect.poll(() => inSight(done)).toBe(true);
      await expect.poll(() => inSight(scope.getByRole('button', { name: /打开所在文件夹/ }))).toBe(true);
      await page.screenshot({ path: path.join(artifactsDir, `${name}-done-1366.png`) });
    };

    await page.reload();
    await page.locator('.ant-menu').getByText('报表导出', { exact: true }).click();
    await page.getByText('附件1 党支部分类台账').click();
    await check(page.getByTestId('export-panel'), 'export-page');
    // The send-down button stands by 导出… (the ledger is returnable).
    await expect.poll(() => inSight(page.getByRole('button', { name: /按下级单位分别下发/ }))).toBe(true);

    await page.locator('.ant-menu').getByText('分类台账', { exact: true }).click();
    await app.cell(0, 'name').waitFor();
    await page.locator('.ledger-toolbar').getByRole('button', { name: /导出/ }).first().click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '导出党支部分类台账' });
    await dialog.waitFor();
    await page.waitForTimeout(400); // the dialog zooms in
    await check(dialog, 'export-ledger-dialog');
    // And on a 1920×1080 screen, the same dialog whole.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => inSight(dialog.getByRole('button', { name: /导出…/ }))).toBe(true);
    await expect.poll(() => previewWhole(dialog)).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'export-ledger-dialog-1920.png') });
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1600, height: 900 });
  });
});
