/**
 * The city draws in Chromium as a person does: the candidates per county, the share box taking
 * what is typed or refusing it beside the box, the draw after naming the witnesses (separators
 * alone name nobody), the seed and the drawn branches on screen, the printable record exported
 * (the file is there and holds the seed, read back by openpyxl; the notice gives its whole path),
 * and a redraw that asks for a reason, is refused while drawn branches have city assessments, and
 * leaves the first record marked as replaced.
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

    // The share is taken as typed or refused beside the box, never clamped or replaced.
    const shareBox = panel.getByLabel('抽取比例');
    const previewButton = panel.getByRole('button', { name: /^预\s?览$/ });
    for (const [typed, refusal] of [['0', '抽取比例应大于 0%'], ['150', '抽取比例不能大于 100%'], ['abc', '抽取比例应为数字']] as const) {
      await shareBox.fill(typed);
      await shareBox.blur();
      await panel.getByText(refusal, { exact: false }).waitFor({ timeout: 5000 });
      expect(await shareBox.inputValue()).toBe(typed);
      expect(await previewButton.isDisabled()).toBe(true);
      expect(await panel.getByRole('button', { name: '抽签', exact: true }).isDisabled()).toBe(true);
    }
    await panel.screenshot({ path: path.join(artifactsDir, 'draw-share.png') });
    await shareBox.fill('12.5');
    await panel.getByText('候选数 × 12.5%', { exact: false }).waitFor();
    expect(await shareBox.inputValue()).toBe('12.5');
    await shareBox.fill('10');
    await panel.getByText('候选数 × 10%', { exact: false }).waitFor();

    // So is the seed: 9o or a number too large is refused beside the box, kept as typed.
    const seedBox = panel.getByLabel('随机种子');
    for (const typed of ['9o', '99999999999']) {
      await seedBox.fill(typed);
      await panel.getByText(`随机种子“${typed}”有误`, { exact: false }).waitFor();
      expect(await seedBox.inputValue()).toBe(typed);
      expect(await previewButton.isDisabled()).toBe(true);
    }
    await seedBox.fill('');

    await panel.getByRole('button', { name: '抽签', exact: true }).click();

    // The confirmation asks for the witnesses: separators alone name nobody, and it does not draw.
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`从 ${candidates.population} 个通过旗县验收的党支部中`, { exact: false }).waitFor();
    await dialog.getByLabel('监督人').fill(' 、 ,');
    await dialog.getByRole('button', { name: '抽 签' }).or(dialog.getByRole('button', { name: '抽签' })).click();
    await dialog.getByText('请填写至少一名监督人的姓名').waitFor({ timeout: 5000 });
    expect(await core.call('draw.list', { year: 2026 })).toEqual([]);
    await dialog.getByLabel('监督人').fill('');
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
    const exported = page.getByTestId('draw-exported');
    await exported.waitFor({ timeout: 5000 });
    const folder = path.join(path.dirname(core.conn.path), 'exports');
    const file = path.join(folder, fs.readdirSync(folder).find((f) => f.endsWith('.xlsx') && f.includes('抽签记录'))!);
    expect(fs.existsSync(file)).toBe(true);
    // The toast says where the file is, all of the path, and offers to open it.
    expect(await exported.innerText()).toContain(`保存在：${file}`);
    await exported.getByRole('button', { name: '打开文件' }).waitFor();
    // The notice has slid in, whole and inside the window.
    await expect.poll(async () => {
      const box = (await exported.boundingBox())!;
      return box.y >= 0 && box.x + box.width <= page.viewportSize()!.width;
    }).toBe(true);
    await page.screenshot({ path: path.join(artifactsDir, 'draw-exported.png') });
    const rows = inspectXlsx<{ sheets: { rows: (string | number | null)[][] }[] }>(file, 40).sheets[0]!.rows;
    const seedRow = rows.find((r) => r[0] === '随机种子');
    expect(seedRow?.[2]).toBe(String(stored!.seed));
    // The signature lines share one cell, which no printer splits across pages.
    expect(rows.flat().some((v) => typeof v === 'string' && v.includes('监督人：王监督　　　　监督人（签字）：________________'))).toBe(true);
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
    // The demo league already holds city assessments of branches the first draw picked: refused, naming them.
    const [first] = await core.call('draw.list', { year: 2026 });
    const assessed = core.conn.sqlite
      .prepare(`SELECT count(DISTINCT org_id) AS n FROM evaluation WHERE year = 2026 AND stage = 'city' AND superseded_at IS NULL AND deleted_at IS NULL AND org_id IN (SELECT value FROM json_each(?))`)
      .get(JSON.stringify(first!.picked.map((p) => p.orgId))) as { n: number };
    expect(assessed.n).toBeGreaterThan(0);
    await page.getByText(`已有 ${assessed.n} 个作出了市级评估`, { exact: false }).waitFor({ timeout: 5000 });
    expect(await core.call('draw.list', { year: 2026 })).toHaveLength(1);
    // Those assessments undone (made history, as a send-back does), the redraw goes through.
    core.conn.sqlite.prepare(`UPDATE evaluation SET superseded_at = '2026-03-20T00:00:00.000Z' WHERE year = 2026 AND stage = 'city' AND superseded_at IS NULL`).run();
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
