/**
 * 统计分析 in Chromium as a leader's staff use it: the page opens on the department's unit, a unit
 * below is picked, its charts are drawn with the numbers of their tables on the bars, the year is
 * compared with the last (较上年 in the table, last year's bars in the chart), a chart is saved as
 * a PNG (the file is there and decodes), all tables are exported (read back by openpyxl), and the
 * page prints on A4 landscape. Screenshots, one in greyscale, in artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { OrgNode } from '../../shared/contract/types.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';
import { inspectXlsx, pdfPages, renderPage1 } from '../helpers/office.ts';

/** The PNG's size and pixels, decoded here: its chunks' order, IHDR, and the IDAT stream inflating to every scanline. */
function decodePng(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (at < b.length) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9]!;
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
    if (type === 'IEND') break;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 1;
  expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * channels));
  return { width, height };
}

/** The texts an SVG chart draws (labels, axis names, legend). */
const chartTexts = (page: Page, id: string) =>
  page.getByTestId(`stats-chart-${id}`).locator('svg text').allTextContents();

describe('统计分析 in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let county: OrgNode;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await openApp('small', 3);
    ({ core, page } = app);
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    // Last year's ledger, a copy with some grades changed, so that there is a year to compare with.
    await core.call('ledger.copyYear', { from: 2026, to: 2025 });
    const last = (await core.call('ledger.list', { year: 2025 })).rows;
    await core.call('ledger.edit', { changes: last.slice(0, 30).map((r, i) => ({ id: r.id, field: 'grade' as const, value: i % 2 ? 'lagging' : 'advanced' })), source: 'typed' });
    const top = (await core.call('org.children', { parentId: null, counts: false })).nodes[0]!;
    county = (await core.call('org.children', { parentId: top.id, counts: false })).nodes.find((n) => n.level === 'county')!;
  }, 120_000);
  afterAll(() => app?.close());

  it('draws each statistic for a unit below the top, with the numbers of its table on the bars', async () => {
    await page.locator('.ant-menu').getByText('统计分析', { exact: true }).click();
    await page.locator('[data-testid="stats-chart-unitGrade"][data-finished="true"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('stats-toolbar').locator('.ant-select').first().click();
    await page.keyboard.insertText(county.name);
    await page.locator('.ant-select-tree-title', { hasText: county.name }).first().click();
    const s = await core.call('stats.tables', { year: 2026, scopeOrgId: county.id });
    const section = page.getByTestId('stats-section-unitGrade');
    await section.locator('.ant-card-head-title', { hasText: `${s.unit.place}2026年各苏木乡镇（街道）党支部分类等次` }).waitFor();
    await page.locator('[data-testid="stats-chart-unitGrade"][data-finished="true"]').waitFor();
    const t = s.tables.find((x) => x.id === 'unitGrade')!;
    expect(t.rows.length).toBeGreaterThan(3);
    // The chart draws every unit and, on its bars, the table's numbers: each unit's largest part at least.
    const texts = await chartTexts(page, 'unitGrade');
    for (const row of t.rows) {
      expect(texts, row.label).toContain(row.label);
      expect(texts, row.label).toContain(String(Math.max(...row.values.slice(0, -1).map(Number))));
    }
    // The table behind it: the same rows and 合计.
    const tableRows = await section.getByTestId('stats-table-unitGrade').locator('tbody tr').allInnerTexts();
    expect(tableRows.length).toBe(t.rows.length + 1);
    expect(tableRows.at(-1)!.replace(/\s+/g, ' ').trim()).toBe(`合计 ${t.total!.values.join(' ')}`);
    // The share chart labels its bars in per cent, 合计 first.
    const shares = s.tables.find((x) => x.id === 'shares')!;
    await page.getByTestId('stats-section-shares').scrollIntoViewIfNeeded();
    expect(await chartTexts(page, 'shares')).toContain(`${shares.total!.values[2]!.toFixed(1)}%`);
    await expect(page.locator('.ant-statistic').first().innerText()).resolves.toContain(String(s.branches));
    await page.screenshot({ path: path.join(artifactsDir, 'stats-page.png'), fullPage: true });
    for (const id of ['fieldGrade', 'shares', 'liaison', 'projects', 'problems', 'returns']) {
      const other = page.getByTestId(`stats-section-${id}`);
      await other.scrollIntoViewIfNeeded();
      await other.screenshot({ path: path.join(artifactsDir, `stats-section-${id}.png`) });
    }
    // The returns table of a unit that has sent nothing down says so.
    await page.getByTestId('stats-section-returns').getByText('暂无下发记录').first().waitFor();
    // Black and white: the page in greyscale, its series told apart by their patterns and labels.
    const chart = page.getByTestId('stats-chart-unitGrade');
    await chart.scrollIntoViewIfNeeded();
    await chart.evaluate((el) => ((el as HTMLElement).style.filter = 'grayscale(1)'));
    await chart.screenshot({ path: path.join(artifactsDir, 'stats-chart-greyscale.png') });
    await chart.evaluate((el) => ((el as HTMLElement).style.filter = ''));
  });

  it('compares with last year: 较上年 in the tables, last year beside this year in the charts', async () => {
    await page.getByTestId('stats-compare').click();
    const s = await core.call('stats.tables', { year: 2026, scopeOrgId: county.id, compareYear: 2025 });
    const t = s.tables.find((x) => x.id === 'unitGrade')!;
    const table = page.getByTestId('stats-table-unitGrade');
    await table.getByText('较上年').first().waitFor();
    await page.locator('[data-testid="stats-chart-unitGrade"][data-finished="true"]').waitFor();
    expect(await chartTexts(page, 'unitGrade')).toContain('后进（2025年）');
    const lagging = t.columns.findIndex((c) => c.key === 'lagging');
    const change = t.total!.values[lagging]! - t.total!.previous![lagging]!;
    expect(change).not.toBe(0);
    const total = (await table.locator('tbody tr').last().innerText()).replace(/\s+/g, ' ');
    expect(total).toContain(`${t.total!.values[lagging]} ${change > 0 ? '+' : '−'}${Math.abs(change)}`);
    // The headline figures say their change too: the standardised share in percentage points, as the shares table counts it.
    const shares = s.tables.find((x) => x.id === 'shares')!;
    const std = shares.columns.findIndex((c) => c.key === 'standardisedShare');
    const points = Math.round((shares.total!.values[std]! - shares.total!.previous![std]!) * 10) / 10;
    await expect(page.getByTestId('headline-diff').nth(1).innerText()).resolves.toBe(`较上年 ${points > 0 ? '+' : ''}${points.toFixed(1)} 个百分点`);
    await page.screenshot({ path: path.join(artifactsDir, 'stats-compared.png'), fullPage: true });
  });

  it('saves a chart as a PNG under its Chinese name', async () => {
    const section = page.getByTestId('stats-section-unitGrade');
    await section.getByRole('button', { name: '保存为图片' }).click();
    const notice = page.getByTestId('stats-image-saved');
    await notice.waitFor({ timeout: 10_000 });
    const place = (await core.call('stats.tables', { year: 2026, scopeOrgId: county.id })).unit.place;
    const file = path.join(path.dirname(core.conn.path), 'exports', `${place}2026年各苏木乡镇（街道）党支部分类等次.png`);
    expect(await notice.innerText()).toContain(file);
    const { width, height } = decodePng(file);
    expect(width).toBe(3200);
    expect(height).toBeGreaterThan(1000);
    fs.copyFileSync(file, path.join(artifactsDir, 'stats-saved-chart.png'));
  });

  it('exports every table to one workbook', async () => {
    await page.getByRole('button', { name: '导出全部统计表' }).click();
    const notice = page.getByTestId('stats-exported');
    await notice.waitFor({ timeout: 15_000 });
    const folder = path.join(path.dirname(core.conn.path), 'exports');
    const file = path.join(folder, fs.readdirSync(folder).find((f) => f.endsWith('统计分析表.xlsx'))!);
    const s = await core.call('stats.tables', { year: 2026, scopeOrgId: county.id, compareYear: 2025 });
    const wb = inspectXlsx(file, 60);
    expect(wb.sheets).toHaveLength(7);
    const first = wb.sheets[0]!;
    const t = s.tables[0]!;
    expect(first.rows[0]![0]).toBe(`${s.unit.place}2026年${t.title}`);
    const total = first.rows.find((r) => r[0] === '合计')!;
    expect(total.slice(1).filter((_, i) => i % 2 === 0)).toEqual(t.total!.values);
  });

  it('prints on A4 landscape, a statistic a page', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(artifactsDir, 'stats-print.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(7);
    renderPage1(pdf, path.join(artifactsDir, 'stats-print-page1.png'), 50);
    expect(consoleErrors).toEqual([]);
  });
});
