/**
 * The city draws in Chromium as a person does: the candidates per county, the draw after
 * naming the witnesses, the seed and the drawn branches on screen, the printable record
 * exported (the file is there and holds the seed, read back by openpyxl), and a redraw that
 * asks for a reason and leaves the first record marked as replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { artifactsDir, openApp, type OpenApp } from '../helpers/browser.ts';
import { inspectXlsx } from '../helpers/office.ts';

describe('the draw in Chromium', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;

  beforeAll(async () => {
    app = await openApp('small', 2);
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  it('draws, shows the seed and the drawn branches, and exports the record', async () => {
    await page.locator('.ant-menu').getByText('最强党支部', { exact: true }).click();
    await page.getByRole('tab', { name: '市级抽签' }).click();
    const panel = page.getByTestId('draw-panel');
    await panel.waitFor();
    const candidates = await core.call('draw.candidates', { year: 2026 });
    await panel.getByText(candidates.strata[0]!.countyName, { exact: true }).first().waitFor();
    await panel.getByRole('button', { name: '抽签', exact: true }).click();

    // The confirmation asks for the witnesses; without one it does not draw.
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`从 ${candidates.population} 个通过旗县验收的党支部中`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '抽 签' }).or(dialog.getByRole('button', { name: '抽签' })).click();
    await dialog.getByText('请填写至少一名监督人的姓名').waitFor();
    expect(await core.call('draw.list', { year: 2026 })).toEqual([]);
    await dialog.getByLabel('监督人').fill('王监督、赵纪检');
    await dialog.getByRole('button', { name: '抽 签' }).or(dialog.getByRole('button', { name: '抽签' })).click();

    const result = page.getByTestId('draw-result');
    await result.getByText('第 1 号抽签结果').waitFor();
    const [stored] = await core.call('draw.list', { year: 2026 });
    expect(stored!.witnesses).toEqual(['王监督', '赵纪检']);
    expect(await result.getByTestId('draw-seed').innerText()).toBe(String(stored!.seed));
    for (const p of stored!.picked.slice(0, 5)) await result.getByText(p.name, { exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'draw-panel.png'), fullPage: true });

    await result.getByRole('button', { name: '导出抽签记录' }).click();
    await page.getByText(/^已导出抽签记录：/).waitFor();
    const folder = path.join(path.dirname(core.conn.path), 'exports');
    const file = path.join(folder, fs.readdirSync(folder).find((f) => f.endsWith('.xlsx') && f.includes('抽签记录'))!);
    expect(fs.existsSync(file)).toBe(true);
    const rows = inspectXlsx<{ sheets: { rows: (string | number | null)[][] }[] }>(file, 40).sheets[0]!.rows;
    const seedRow = rows.find((r) => r[0] === '随机种子');
    expect(seedRow?.[2]).toBe(String(stored!.seed));
    expect(rows.flat()).toContain('监督人：王监督　　　　监督人（签字）：________________');
  });

  it('redraws only with a reason, keeping the first record as replaced', async () => {
    const panel = page.getByTestId('draw-panel');
    // A draw stands: the 抽签 button is off, the record offers 重新抽签.
    expect(await panel.getByRole('button', { name: '抽签', exact: true }).isDisabled()).toBe(true);
    await panel.getByRole('button', { name: '重新抽签' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('监督人').fill('王监督');
    await dialog.getByRole('button', { name: '重新抽签' }).click();
    await dialog.getByText('请写明重新抽签的理由').waitFor();
    await dialog.getByLabel('重新抽签理由').fill('旗县验收结果补录后重新抽签');
    await dialog.getByRole('button', { name: '重新抽签' }).click();
    await page.getByTestId('draw-result').getByText('第 2 号抽签结果').waitFor();
    await panel.getByText('已被第 2 号替代').waitFor();
    const list = await core.call('draw.list', { year: 2026 });
    expect(list.map((d) => [d.id, d.supersedesId, d.supersededById, d.reason])).toEqual([
      [2, 1, null, '旗县验收结果补录后重新抽签'],
      [1, null, 2, null],
    ]);
    await page.getByTestId('draw-records').screenshot({ path: path.join(artifactsDir, 'draw-records.png') });
  });
});
