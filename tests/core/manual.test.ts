/**
 * The manual's checks on real files (scripts/manual-check.ts): the real docs/用户手册.md passes, so
 * `npm test` and CI fail the day it shows a picture that is missing or that no test draws, keeps a
 * picture it no longer shows, or marks a section with a page the app does not have; and a manual
 * in a temp folder with each of those faults fails, naming the section and the item.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManualFiles, pictureCalls, type ManualPlaces } from '../../scripts/manual-check.ts';
import { tempDir } from '../helpers/core.ts';

const png = Buffer.from('89504e470d0a1a0a', 'hex');

/** A manual, its pictures folder and its e2e tests folder in a temp dir. */
function fixture(manual: string, pictures: string[], tests: Record<string, string>): ManualPlaces {
  const dir = tempDir('manual-');
  const places: ManualPlaces = { manual: path.join(dir, '用户手册.md'), pictures: path.join(dir, '用户手册', '图'), tests: path.join(dir, 'e2e') };
  fs.writeFileSync(places.manual, manual);
  fs.mkdirSync(places.pictures, { recursive: true });
  for (const p of pictures) fs.writeFileSync(path.join(places.pictures, p), png);
  fs.mkdirSync(places.tests, { recursive: true });
  for (const [name, text] of Object.entries(tests)) fs.writeFileSync(path.join(places.tests, name), text);
  return places;
}

const drawing = `
import { manualPicture } from '../helpers/manual.ts';
await manualPicture(page.locator('.ant-modal', { hasText: '导出, 下发' }), 'c-export-dialog');
await manualPicture(page, "a-ledger-grid");
`;

describe('the manual checks', () => {
  it('pass on the real docs/用户手册.md, its pictures and tests/e2e', () => {
    expect(checkManualFiles()).toEqual([]);
  });

  it('find the pictures the e2e tests draw, also when the first argument has commas and strings', () => {
    const places = fixture('# 手册\n', [], { 'manual-pictures-x.test.ts': drawing, 'other.test.ts': "manualPicture(page, 'b-board');\n" });
    expect(pictureCalls(places.tests).map((c) => c.name).sort()).toEqual(['a-ledger-grid', 'b-board', 'c-export-dialog']);
  });

  it('pass a manual whose pictures exist, are drawn and are all used', () => {
    const places = fixture('## 4 分类台账\n<!-- page: ledger -->\n\n![台账](用户手册/图/a-ledger-grid.png)\n\n## 9 报表导出\n![导出](用户手册/图/c-export-dialog.png)\n', ['a-ledger-grid.png', 'c-export-dialog.png'], {
      'manual-pictures-x.test.ts': drawing,
    });
    expect(checkManualFiles(places)).toEqual([]);
  });

  it('fail on a missing picture, a picture no test draws, an unused picture and a page the app lacks', () => {
    const places = fixture(
      '## 4 分类台账\n<!-- page: ledgers -->\n\n![台账](用户手册/图/a-ledger-grid.png)\n\n### 4.1 键盘\n![卡](用户手册/图/a-keys.png)\n\n## 9 报表导出\n![导出](用户手册/图/c-export-dialog.png)\n',
      ['a-ledger-grid.png', 'a-old-grid.png'],
      { 'manual-pictures-x.test.ts': drawing },
    );
    expect(checkManualFiles(places)).toEqual([
      '「4 分类台账」（第 2 行）：页面标记 <!-- page: ledgers --> 不是应用里的页面（页面键只有 org、ledger、liaison、problems、checklists、strongest、export、import、returns、consolidate、stats、settings，见 renderer/src/nav.ts）',
      "「4.1 键盘」（第 7 行）：图片 用户手册/图/a-keys.png 没有测试画它（tests/e2e 里没有 manualPicture(…, 'a-keys')）",
      '「9 报表导出」（第 10 行）：图片 用户手册/图/c-export-dialog.png 不存在（运行 npm run manual 由测试画出）',
      'docs/用户手册/图/a-old-grid.png：手册已不再引用这张图片（删除它，或在手册里用 ![说明](用户手册/图/a-old-grid.png) 引用）',
    ]);
  });
});
