/**
 * The manual as the in-app 帮助 shows it (shared/manual/render.ts): sections by chapter with ids
 * that stay put, each chapter's page from its marker, 【】 names as UI labels, pictures at the
 * caller's URLs. Read on the real skeleton of docs/用户手册.md and on a fixture with text of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderManual, sectionId, uiLabelClass } from '../../shared/manual/render.ts';
import { navItems } from '../../renderer/src/nav.ts';

const root = path.resolve(import.meta.dirname, '../..');
const manual = fs.readFileSync(path.join(root, 'docs', '用户手册.md'), 'utf8');
const fixture = fs.readFileSync(path.join(root, 'tests', 'fixtures', 'manual', '帮助样例.md'), 'utf8');
const noPictures = () => null;

describe('the manual rendered for 帮助', () => {
  it('gives every page of the side navigation exactly one chapter of the real manual', () => {
    const { title, sections } = renderManual(manual, noPictures);
    expect(title).toBe('组工台账 用户手册');
    const pages = sections.filter((s) => s.page !== null);
    const documented = navItems.map((n) => n.key).filter((key) => pages.some((s) => s.page === key));
    // Every page but none twice: F1 has one place to open on each.
    expect(documented).toEqual(navItems.map((n) => n.key));
    expect(new Set(pages.map((s) => s.page)).size).toBe(pages.length);
    expect(sections.find((s) => s.page === 'ledger')).toMatchObject({ id: 'manual-4', level: 2, title: '4 分类台账' });
    expect(sections.find((s) => s.title.startsWith('4.1'))).toMatchObject({ id: 'manual-4-1', level: 3, page: null });
    // The notes to the manual's maintainers (an HTML comment above the first chapter) are not shown.
    expect(sections.map((s) => s.html).join('')).not.toContain('给维护者');
  });

  it('keeps a section’s id when text is added before it, and numbers headings without a number by their words', () => {
    const before = renderManual(fixture, noPictures).sections.map((s) => s.id);
    const grown = renderManual(fixture.replace('## 2 ', '## 1.5 新加的一节\n\n一段话。\n\n## 2 '), noPictures).sections.map((s) => s.id);
    for (const id of before) expect(grown).toContain(id);
    expect(sectionId('4.1 键盘操作一页卡')).toBe('manual-4-1');
    expect(sectionId('附录 常见问题')).toBe('manual-附录-常见问题');
    const twice = renderManual('## 附录\n\n甲\n\n## 附录\n\n乙\n', noPictures).sections.map((s) => s.id);
    expect(twice).toEqual(['manual-附录', 'manual-附录-2']);
  });

  it('marks each 【】 name of the screen as a UI label, also inside lists, tables and bold text, but not in code', () => {
    const ledger = renderManual(fixture, noPictures).sections.find((s) => s.page === 'ledger')!;
    const labels = [...ledger.html.matchAll(new RegExp(`<span class="${uiLabelClass}">【([^<]*)】</span>`, 'g'))].map((m) => m[1]);
    expect(labels).toEqual(['视图 › 保存当前视图…', '新增', '撤销', '分类台账']);
    expect(ledger.html).toContain('<code>【不是按钮】</code>');
    expect(ledger.html).toContain(`<strong><span class="${uiLabelClass}">【新增】</span></strong>`);
    // What a name holds is escaped, not markup.
    expect(renderManual('## 1 甲\n\n点【<b>x</b>】\n', noPictures).sections[0]!.html).toContain('【&lt;b&gt;x&lt;/b&gt;】');
  });

  it('shows pictures from the URL the caller gives, and says which one is missing instead of a broken image', () => {
    const asked: string[] = [];
    const { sections } = renderManual(fixture, (src) => {
      asked.push(src);
      return src.endsWith('h-help.png') ? `assets/h-help-123.png` : null;
    });
    expect(asked).toEqual(['用户手册/图/h-help.png', '用户手册/图/没有这张.png']);
    const html = sections.map((s) => s.html).join('');
    expect(html).toContain('<img class="manual-picture" src="assets/h-help-123.png" alt="帮助在工作旁边打开">');
    expect(html).toContain('缺少图片：用户手册/图/没有这张.png');
  });

  it('gives each section its words without markup for the search box', () => {
    const ledger = renderManual(fixture, noPictures).sections.find((s) => s.page === 'ledger')!;
    expect(ledger.text).toContain('【撤销】');
    expect(ledger.text).toContain('每个党支部一行');
    expect(ledger.text).not.toMatch(/[<>*#]|page:/);
  });
});
