/** The manual's markdown read into sections, pages, 【】 names and pictures (shared/manual/parse.ts), and judged (check.ts). */
import { describe, expect, it } from 'vitest';
import { checkManual, type ManualFacts } from '../../shared/manual/check.ts';
import { parseManual } from '../../shared/manual/parse.ts';

const manual = `# 组工台账 用户手册

<!--
给维护者：界面名称写成【名称】，例如【视图 › 保存当前视图…】。
-->

## 3 组织机构
<!-- page: org -->

点【新建下级】，填好后点【确定】。

## 4 分类台账
<!-- page: ledger -->

用【视图 › 保存当前视图…】保存。按 \`【不是名称】\` 和 \`\`a \` 【也不是】\`\` 都是代码。

![分类台账](用户手册/图/a-ledger-grid.png)

\`\`\`
【代码块里的】 ![x](用户手册/图/in-code.png)
\`\`\`

### 4.1 键盘操作一页卡

【查找】在本页。

#### 4.1.1 更细

【替换】

## 15 提示信息

【知道了】
`;

describe('parseManual', () => {
  const m = parseManual(manual);
  const byTitle = (t: string) => m.sections.find((s) => s.title === t)!;

  it('reads the sections with their levels, in order', () => {
    expect(m.sections.map((s) => [s.level, s.title])).toEqual([
      [1, '组工台账 用户手册'],
      [2, '3 组织机构'],
      [2, '4 分类台账'],
      [3, '4.1 键盘操作一页卡'],
      [4, '4.1.1 更细'],
      [2, '15 提示信息'],
    ]);
    expect(m.problems).toEqual([]);
  });

  it('gives each section the page of its own marker, or of the section it is in', () => {
    expect(m.sections.map((s) => s.page)).toEqual([null, 'org', 'ledger', 'ledger', 'ledger', null]);
    expect(byTitle('4 分类台账').ownPage).toEqual({ key: 'ledger', line: 13 });
    expect(byTitle('4.1 键盘操作一页卡').ownPage).toBeNull();
  });

  it('reads the 【】 names of each section, a menu path split on ›, and none from comments or code', () => {
    expect(byTitle('组工台账 用户手册').names).toEqual([]);
    expect(byTitle('3 组织机构').names.map((n) => n.path)).toEqual([['新建下级'], ['确定']]);
    expect(byTitle('4 分类台账').names).toEqual([{ text: '视图 › 保存当前视图…', path: ['视图', '保存当前视图…'], line: 15 }]);
    expect(byTitle('4.1 键盘操作一页卡').names.map((n) => n.text)).toEqual(['查找']);
    expect(byTitle('4.1.1 更细').names.map((n) => n.text)).toEqual(['替换']);
  });

  it('reads the pictures, not those in code', () => {
    expect(byTitle('4 分类台账').pictures).toEqual([{ name: 'a-ledger-grid', alt: '分类台账', line: 17 }]);
    expect(m.sections.flatMap((s) => s.pictures)).toHaveLength(1);
  });

  it('reads text after a comment closed early as visible, as a browser shows it', () => {
    // The skeleton's first maintainer comment quoted a whole marker: its "-->" ended the comment.
    const early = parseManual('# 手册\n\n<!--\n写 <!-- page: ledger -->，这一节的【名称】也检查。\n-->\n');
    expect(early.sections[0]!.names.map((n) => n.text)).toEqual(['名称']);
    expect(early.sections[0]!.page).toBeNull();
  });

  it('says, by line and section, what breaks the conventions', () => {
    const bad = parseManual(
      [
        '<!-- page: org -->',
        '## 3 组织机构',
        '<!-- page: org -->',
        '<!-- page: ledger -->',
        '【没有配对',
        '【视图 › 】',
        '![图](images/x.png) ![图](用户手册/图/Ledger_Grid.png)',
        '<!-- page:  -->',
        '<!-- 没有结束',
      ].join('\n'),
    );
    expect(bad.problems.map((p) => [p.line, p.section, p.message])).toEqual([
      [1, null, '页面标记 <!-- page: org --> 要写在某一节的标题下面'],
      [4, '3 组织机构', '一节只能有一个页面标记：已有 <!-- page: org -->（第 3 行），又写了 <!-- page: ledger -->'],
      [5, '3 组织机构', '【 与 】没有配对：【没有配对'],
      [6, '3 组织机构', '【视图 › 】里有空的名称：界面名称写成【名称】，菜单路径写成【菜单 › 菜单项】'],
      [7, '3 组织机构', '图片 images/x.png 不是测试画的图片：只能写 ![说明](用户手册/图/名字.png)，名字只用小写字母、数字和 -'],
      [7, '3 组织机构', '图片 用户手册/图/Ledger_Grid.png 不是测试画的图片：只能写 ![说明](用户手册/图/名字.png)，名字只用小写字母、数字和 -'],
      [8, '3 组织机构', '页面标记写法不对：<!-- page: -->，应写成 <!-- page: 页面键 -->'],
      [9, null, '注释 <!-- 没有结束（缺少 -->），它后面的内容读者都看不到'],
    ]);
  });
});

describe('checkManual', () => {
  const facts: ManualFacts = { pageKeys: ['org', 'ledger'], pictureFiles: ['a-ledger-grid.png'], drawnPictures: ['a-ledger-grid'] };

  it('passes a manual whose pages exist and whose pictures are drawn, there, and used', () => {
    expect(checkManual(parseManual(manual), facts)).toEqual([]);
  });

  it('names the section and the item of each problem', () => {
    const text = manual.replace('page: org', 'page: orgs').replace('](用户手册/图/a-ledger-grid.png)', '](用户手册/图/a-ledger-grid.png) ![表](用户手册/图/a-missing.png)');
    expect(checkManual(parseManual(text), { ...facts, pictureFiles: ['a-ledger-grid.png', 'a-old.png', 'notes.txt'], drawnPictures: ['a-ledger-grid', 'a-missing'] })).toEqual([
      '「3 组织机构」（第 8 行）：页面标记 <!-- page: orgs --> 不是应用里的页面（页面键只有 org、ledger，见 renderer/src/nav.ts）',
      '「4 分类台账」（第 17 行）：图片 用户手册/图/a-missing.png 不存在（运行 npm run manual 由测试画出）',
      'docs/用户手册/图/a-old.png：手册已不再引用这张图片（删除它，或在手册里用 ![说明](用户手册/图/a-old.png) 引用）',
      'docs/用户手册/图/notes.txt：这里只放测试画的 .png 图片',
    ]);
    expect(checkManual(parseManual(manual), { ...facts, drawnPictures: [] })).toEqual([
      "「4 分类台账」（第 17 行）：图片 用户手册/图/a-ledger-grid.png 没有测试画它（tests/e2e 里没有 manualPicture(…, 'a-ledger-grid')）",
    ]);
  });

  it('leaves the files alone before the pictures are drawn', () => {
    expect(checkManual(parseManual(manual), { ...facts, pictureFiles: ['a-old.png'] }, { files: false })).toEqual([]);
  });
});
