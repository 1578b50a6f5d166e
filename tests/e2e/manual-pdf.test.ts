/**
 * The printed manual (scripts/manual-pdf.ts), read back from the PDF with pdftotext: A4 pages, the
 * contents with the page each chapter is on, every page numbered, a picture on its chapter's page,
 * the screen's names without their 【】 (drawn as labels); a picture that cannot be read stops it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManualPdf, checkManualPdf } from '../../scripts/manual-pdf.ts';
import { tempDir } from '../helpers/core.ts';

const manual = (picture: string) => `# 组工台账 用户手册

<!-- 给维护者的话：【不印出来】 -->

## 3 组织机构
<!-- page: org -->

组织机构树。

## 4 分类台账
<!-- page: ledger -->

用【视图 › 保存当前视图…】保存；代码 \`【照印】\`。

![分类台账的表格](${picture})

### 4.1 键盘操作一页卡

| 按键 | 作用 |
|---|---|
| Ctrl+Z | 撤销 |
`;

function docs(): string {
  const dir = tempDir('manual-pdf-');
  fs.mkdirSync(path.join(dir, '用户手册', '图'), { recursive: true });
  // A real PNG: the app's icon stands in for a screenshot.
  const icon = path.resolve(import.meta.dirname, '../../build/icon.png');
  fs.copyFileSync(icon, path.join(dir, '用户手册', '图', 'a-grid.png'));
  return dir;
}

describe('the printed manual', () => {
  it('has its contents with page numbers, numbered A4 pages, the picture and the names as labels', async () => {
    const dir = docs();
    const out = path.join(dir, '用户手册.pdf');
    const pdf = await buildManualPdf(manual('用户手册/图/a-grid.png'), dir, out, path.join(dir, 'work'));
    expect(checkManualPdf(pdf)).toEqual([]);
    // Title page, contents, one page per chapter.
    expect(pdf.pages).toBe(4);
    expect(pdf.contents).toEqual([
      { depth: 2, title: '3 组织机构', page: 3 },
      { depth: 2, title: '4 分类台账', page: 4 },
      { depth: 3, title: '4.1 键盘操作一页卡', page: 4 },
    ]);
    const squeezed = pdf.pageTexts.map((t) => t.replace(/\s+/g, ''));
    expect(squeezed[1]).toContain('目录');
    expect(squeezed[1]).toContain('4分类台账4');
    expect(squeezed[3]).toContain('用视图›保存当前视图…保存；代码【照印】。');
    expect(squeezed[3]).toContain('分类台账的表格');
    expect(squeezed.join('')).not.toContain('不印出来');
    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
    expect(execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).split('\n').filter((l) => /^\s*4\s+\d+\s+image/.test(l))).toHaveLength(1);
  });

  it('stops on a picture it cannot read, naming it', async () => {
    const dir = docs();
    await expect(buildManualPdf(manual('用户手册/图/a-missing.png'), dir, path.join(dir, 'x.pdf'), path.join(dir, 'work'))).rejects.toThrow(/手册里的图片读不出来：.*a-missing\.png/);
  });
});
