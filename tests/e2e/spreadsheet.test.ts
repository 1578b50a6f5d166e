/** The grid as a spreadsheet: paste a LibreOffice block, undo it, fill down, undo after sorting. */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { artifactsDir, openApp, pasteInto, root, type OpenApp } from '../helpers/browser.ts';

const block = fs.readFileSync(path.join(root, 'tests/fixtures/clipboard/libreoffice-block.tsv'), 'utf8');

describe('spreadsheet editing in the ledger grid', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  let before: LedgerRow[];

  const cell = (row: number, col: string) => app.cell(row, col);
  const rowsNow = async () => {
    const all = (await core.call('ledger.list', { year: 2026 })).rows;
    return before.map((b) => all.find((r) => r.id === b.id)!);
  };
  const paste = (text: string) => pasteInto(page, text);

  beforeAll(async () => {
    app = await openApp('small', 8, '分类台账');
    ({ core, page } = app);
    before = (await core.call('ledger.list', { year: 2026 })).rows.slice(0, 4);
  });
  afterAll(() => app?.close());

  it('pastes a block copied from LibreOffice: values parsed per column, the bad cell kept and marked', async () => {
    await cell(0, 'membersFormal').click();
    await paste(block);
    await expect.poll(async () => (await rowsNow())[3]!.grade).toBe('advanced');
    const [a, b, c, d] = await rowsNow();
    expect(a).toMatchObject({ membersFormal: 45, membersProbationary: 2, secretary: '王建国', secretaryPhone: '13904761234', grade: 'middle', standardised: true });
    expect(b).toMatchObject({ membersFormal: 38, membersProbationary: 0, secretary: '乌兰 （兼）', secretaryPhone: '0476-8221234', grade: 'advanced', standardised: true });
    expect(c).toMatchObject({ membersFormal: null, invalid: { membersFormal: { raw: '很多' } }, membersProbationary: 1, secretary: '李"红"梅', grade: 'lagging', standardised: false });
    expect(d).toMatchObject({ membersFormal: 12, membersProbationary: null, secretary: null, secretaryPhone: null, grade: 'advanced', standardised: false });
    await expect.poll(() => cell(2, 'membersFormal').getAttribute('class')).toContain('cell-invalid');
    await expect(cell(2, 'membersFormal').innerText()).resolves.toBe('很多');
    // The pasted block stays selected; the status bar adds it up.
    await expect(page.getByTestId('grid-status').innerText()).resolves.toContain('已选 24 个单元格');
    await page.screenshot({ path: path.join(artifactsDir, 'grid-paste.png') });
  });

  it('undoes the whole paste with Ctrl+Z, every cell', async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await rowsNow())[0]!.membersFormal).toBe(before[0]!.membersFormal);
    const now = await rowsNow();
    for (const [i, r] of now.entries()) {
      const b = before[i]!;
      expect(r).toMatchObject({ membersFormal: b.membersFormal, membersProbationary: b.membersProbationary, secretary: b.secretary, secretaryPhone: b.secretaryPhone, grade: b.grade, standardised: b.standardised, invalid: null });
    }
    await expect.poll(() => cell(2, 'membersFormal').getAttribute('class')).not.toContain('cell-invalid');
    const history = await core.call('ledger.history', { id: before[2]!.id });
    expect(history[0]!.source).toBe('undo');
  });

  it('fills down with Ctrl+D, and undoes the fill after sorting', async () => {
    await cell(0, 'secretary').click();
    await cell(3, 'secretary').click({ modifiers: ['Shift'] });
    await page.getByTestId('grid-status').getByText('已选 4 个单元格').waitFor();
    await page.keyboard.press('Control+d');
    await expect.poll(async () => (await rowsNow()).map((r) => r.secretary)).toEqual(Array(4).fill(before[0]!.secretary));
    // Sort by name, then undo: the fill is undone by row, not by position.
    await page.locator('.ag-header-cell[col-id="name"] .ag-header-cell-label').click();
    await cell(0, 'name').click();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await rowsNow()).map((r) => r.secretary)).toEqual(before.map((b) => b.secretary));
    await page.keyboard.press('Control+y');
    await expect.poll(async () => (await rowsNow()).map((r) => r.secretary)).toEqual(Array(4).fill(before[0]!.secretary));
  });

  it('copies a range as tab-separated text', async () => {
    await page.getByRole('button', { name: /视图/ }).click();
    await page.getByText('恢复原始视图').click();
    await cell(0, 'membersFormal').click();
    await cell(1, 'membersProbationary').click({ modifiers: ['Shift'] });
    await page.getByTestId('grid-status').getByText('已选 4 个单元格').waitFor();
    const copied = await page.evaluate(() => {
      const data = new DataTransfer();
      document.activeElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    });
    const now = await rowsNow();
    expect(copied).toBe(`${now[0]!.membersFormal}\t${now[0]!.membersProbationary}\r\n${now[1]!.membersFormal}\t${now[1]!.membersProbationary}\r\n`);
  });
});

describe('selection, read-only columns and the context menu', () => {
  let app: OpenApp;
  let core: Core;
  let page: Page;
  const cell = (row: number, col: string) => app.cell(row, col);

  beforeAll(async () => {
    app = await openApp('small', 9, '分类台账');
    ({ core, page } = app);
  });
  afterAll(() => app?.close());

  it('extends the selection with Shift+arrows, sums it, and selects all with Ctrl+A', async () => {
    const rows = (await core.call('ledger.list', { year: 2026 })).rows;
    await cell(0, 'membersFormal').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    const sum = rows.slice(0, 3).reduce((s, r) => s + (r.membersFormal ?? 0) + (r.membersProbationary ?? 0), 0);
    const status = page.getByTestId('grid-status');
    await status.getByText('已选 6 个单元格').waitFor();
    await expect(status.innerText()).resolves.toContain(`求和：${new Intl.NumberFormat('zh-CN').format(sum)}`);
    await page.keyboard.press('Control+a');
    await status.getByText(/已选 [\d,]+ 个单元格/).waitFor();
    const text = await status.innerText();
    expect(Number(/已选 ([\d,]+) 个/.exec(text)![1]!.replace(/,/g, ''))).toBeGreaterThan(rows.length * 10);
  });

  it('skips read-only columns in a paste and says so', async () => {
    const row = (await core.call('ledger.list', { year: 2026 })).rows[5]!;
    await cell(5, 'township').click();
    await pasteInto(page, '某乡镇\r\n');
    await page.getByText('“苏木乡镇（街道）”是只读列，粘贴时已跳过。').waitFor();
    expect((await core.call('ledger.list', { year: 2026 })).rows[5]!.township).toBe(row.township);
  });

  it('opens a row history from the context menu', async () => {
    await cell(1, 'secretary').click({ button: 'right' });
    await page.getByText('这一行的修改记录').click();
    await page.locator('.ant-drawer-title', { hasText: '修改记录' }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, 'grid-context-history.png') });
  });
});

describe('the fill handle', () => {
  it('drags the corner of a selection down to copy its values', async () => {
    const app = await openApp('small', 10, '分类台账');
    const { core, page, cell } = app;
    try {
      const rows = (await core.call('ledger.list', { year: 2026 })).rows.slice(0, 4);
      await cell(0, 'membersFormal').click();
      await page.locator('.cell-range-corner').waitFor();
      const box = (await cell(0, 'membersFormal').boundingBox())!;
      const target = (await cell(3, 'membersFormal').boundingBox())!;
      await page.mouse.move(box.x + box.width - 3, box.y + box.height - 3);
      await page.mouse.down();
      await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 5 });
      await page.mouse.up();
      await expect
        .poll(async () => {
          const now = (await core.call('ledger.list', { year: 2026 })).rows;
          return rows.map((r) => now.find((x) => x.id === r.id)!.membersFormal);
        })
        .toEqual(Array(4).fill(rows[0]!.membersFormal));
      expect((await core.call('ledger.history', { id: rows[3]!.id }))[0]).toMatchObject({ source: 'fill', field: 'membersFormal' });
    } finally {
      await app.close();
    }
  });
});

describe('a paste longer than the grid', () => {
  it('asks, adds the rows under the same unit, and fills them', async () => {
    const app = await openApp('small', 12, '分类台账');
    const { core, page, cell } = app;
    try {
      const rows = (await core.call('ledger.list', { year: 2026 })).rows;
      const target = rows.find((r) => rows.filter((x) => x.initials.startsWith(r.initials)).length === 1)!;
      await page.getByLabel('快速搜索').fill(target.initials);
      await page.getByTestId('row-count').getByText('筛选后 1 行').waitFor();
      await cell(0, 'name').click();
      await pasteInto(
        page,
        '第一行党支部\t党支部\t嘎查村\t30\r\n粘贴新增一党支部\t党支部\t社区\t21\r\n粘贴新增二党支部\t党总支\t农村\t１２人\r\n',
      );
      await page.getByRole('button', { name: '新增 2 行' }).click();
      await expect
        .poll(async () =>
          (await core.call('ledger.list', { year: 2026 })).rows
            .filter((r) => r.name.startsWith('粘贴新增'))
            .map((r) => [r.name, r.kind, r.field, r.membersFormal, r.townshipId])
            .sort(),
        )
        .toEqual([
          ['粘贴新增一党支部', 'branch', 'community', 21, target.townshipId],
          ['粘贴新增二党支部', 'general_branch', 'village', 12, target.townshipId],
        ]);
      expect((await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === target.id)).toMatchObject({ name: '第一行党支部', membersFormal: 30 });

      // Ctrl+Z undoes the paste, then the rows it added: gone from the ledger and the tree, as if never added.
      await page.getByLabel('快速搜索').fill('');
      await cell(0, 'membersFormal').click();
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === target.id)!.name).toBe(target.name);
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await core.call('ledger.list', { year: 2026 })).total).toBe(rows.length);
      expect(await core.call('org.search', { query: '新增党支部' })).toEqual([]);
      // And Ctrl+Y brings them back, with the values pasted.
      await page.keyboard.press('Control+y');
      await page.keyboard.press('Control+y');
      await expect
        .poll(async () => (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.name.startsWith('粘贴新增')).map((r) => [r.name, r.membersFormal]).sort())
        .toEqual([['粘贴新增一党支部', 21], ['粘贴新增二党支部', 12]]);
    } finally {
      await app.close();
    }
  });
});
