/**
 * Reads docs/用户手册.md the way its readers and its checks need it (issue 20): the sections, the
 * page of the app each one describes (`<!-- page: KEY -->` under its heading, inherited by its
 * subsections), the 【】 names of the screen it tells staff to look for or click, and the pictures
 * it shows. Plain TypeScript: the manual's build (Node), its tests and the in-app 帮助 read it alike.
 *
 * What the manual's markdown may be, kept small on purpose (docs/manual-build.md):
 * ATX headings (`## 4 分类台账`); code only as `spans` or fenced blocks (``` or ~~~), whose text is
 * an example and not the app's; HTML comments end at the first `-->`, as a browser ends them, so
 * text after an early `-->` is visible text and is read as such.
 */

/** Where the manual's pictures live, relative to the manual (docs/). */
export const manualPicturePrefix = '用户手册/图/';
/** A picture's name: the one manualPicture(page, name) takes. */
export const manualPictureName = /^[a-z0-9-]+$/;
/** Between the steps of a menu path: 【视图 › 保存当前视图…】. */
export const manualPathSeparator = '›';

export interface ManualName {
  /** As written between 【 and 】. */
  text: string;
  /** The steps, each trimmed: ['视图', '保存当前视图…']; one step for a plain name. */
  path: string[];
  line: number;
}

export interface ManualPictureRef {
  /** `a-ledger-grid` of `![…](用户手册/图/a-ledger-grid.png)`. */
  name: string;
  alt: string;
  line: number;
}

export interface ManualSection {
  level: number;
  /** The heading as written, number included: `4.1 键盘操作一页卡`. */
  title: string;
  line: number;
  /** The page key (renderer/src/nav.ts) of its own marker or of the nearest section above it that has one. */
  page: string | null;
  /** The marker written under this very heading, if any (where a wrong key is reported). */
  ownPage: { key: string; line: number } | null;
  /** Index in `sections` of the section it belongs to (level lower than its own), or null. */
  parent: number | null;
  names: ManualName[];
  pictures: ManualPictureRef[];
}

export interface ManualProblem {
  line: number;
  /** The title of the section it is in, or null before the first heading. */
  section: string | null;
  message: string;
}

export interface Manual {
  sections: ManualSection[];
  /** What the markdown says that the manual's conventions do not allow (Chinese, for the build's message). */
  problems: ManualProblem[];
}

const heading = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;
const pageMarker = /^page:[ \t]*(\S*)[ \t]*$/;
const image = /!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const bracketed = /【([^【】]*)】/g;

/** The visible parts of one line: code spans cut out; comments cut out and returned. */
interface Scan {
  text: string;
  comments: string[];
  /** Inside a comment that did not end on this line. */
  openComment: string | null;
}

/**
 * Cuts a line into what a reader sees and what they do not, carrying an unfinished comment over
 * to the next line. Code spans are matched within the line (a backtick run closes with a run of
 * the same length); an unmatched run is literal text, as in CommonMark.
 */
function scanLine(line: string, openComment: string | null): Scan {
  const comments: string[] = [];
  let text = '';
  let comment = openComment;
  let i = 0;
  while (i < line.length) {
    if (comment !== null) {
      const end = line.indexOf('-->', i);
      if (end < 0) {
        comment += line.slice(i) + '\n';
        return { text, comments, openComment: comment };
      }
      comments.push(comment + line.slice(i, end));
      comment = null;
      i = end + 3;
      continue;
    }
    if (line.startsWith('<!--', i)) {
      comment = '';
      i += 4;
      continue;
    }
    if (line[i] === '`') {
      let run = 1;
      while (line[i + run] === '`') run++;
      const fence = '`'.repeat(run);
      let close = line.indexOf(fence, i + run);
      // A longer run is not the closing one.
      while (close >= 0 && line[close + run] === '`') {
        let j = close;
        while (line[j] === '`') j++;
        close = line.indexOf(fence, j);
      }
      if (close >= 0) {
        text += ' ';
        i = close + run;
        continue;
      }
      text += fence;
      i += run;
      continue;
    }
    text += line[i];
    i++;
  }
  return { text, comments, openComment: comment === null ? null : comment + '\n' };
}

export function parseManual(markdown: string): Manual {
  const sections: ManualSection[] = [];
  const problems: ManualProblem[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let fence: { char: string; length: number; line: number } | null = null;
  let openComment: string | null = null;
  let commentLine = 0;
  const current = () => sections[sections.length - 1];
  const problem = (line: number, message: string) => problems.push({ line, section: current()?.title ?? null, message });

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(raw);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      return;
    }
    if (openComment === null) {
      const open = fenceOpen.exec(raw);
      if (open) {
        fence = { char: open[1]![0]!, length: open[1]!.length, line };
        return;
      }
      const h = heading.exec(raw);
      if (h) {
        const level = h[1]!.length;
        let parent: number | null = null;
        for (let s = sections.length - 1; s >= 0; s--) {
          if (sections[s]!.level < level) {
            parent = s;
            break;
          }
        }
        sections.push({ level, title: h[2]!.trim(), line, page: parent === null ? null : sections[parent]!.page, ownPage: null, parent, names: [], pictures: [] });
      }
    }
    if (openComment === null) commentLine = line;
    const scan = scanLine(raw, openComment);
    if (scan.openComment !== null && openComment === null) commentLine = line;
    openComment = scan.openComment;
    for (const comment of scan.comments) readComment(comment.trim(), commentLine);
    readText(scan.text, line);
  });
  if (fence) problems.push({ line: (fence as { line: number }).line, section: null, message: '代码块没有结束（缺少与开头相同的 ``` 或 ~~~）' });
  if (openComment !== null) problems.push({ line: commentLine, section: null, message: '注释 <!-- 没有结束（缺少 -->），它后面的内容读者都看不到' });

  function readComment(body: string, line: number) {
    if (!/^page\b/.test(body)) return;
    const m = pageMarker.exec(body);
    const key = m?.[1] ?? '';
    if (!m || key === '') return void problem(line, `页面标记写法不对：<!-- ${body} -->，应写成 <!-- page: 页面键 -->`);
    const section = current();
    if (!section) return void problem(line, `页面标记 <!-- page: ${key} --> 要写在某一节的标题下面`);
    if (section.ownPage) return void problem(line, `一节只能有一个页面标记：已有 <!-- page: ${section.ownPage.key} -->（第 ${section.ownPage.line} 行），又写了 <!-- page: ${key} -->`);
    section.ownPage = { key, line };
    // Its subsections read so far follow it (a marker is written under the heading, so normally none).
    const from = sections.indexOf(section);
    for (let s = from; s < sections.length; s++) {
      if (s === from || isWithin(s, from)) sections[s]!.page = key;
    }
  }

  function isWithin(s: number, ancestor: number): boolean {
    for (let p = sections[s]!.parent; p !== null; p = sections[p]!.parent) if (p === ancestor) return true;
    return false;
  }

  function readText(text: string, line: number) {
    const section = current();
    for (const m of text.matchAll(image)) {
      const alt = m[1]!;
      let src = m[2]!;
      try {
        src = decodeURI(src);
      } catch {
        // Left as written: the message below names it.
      }
      const name = src.startsWith(manualPicturePrefix) && src.endsWith('.png') ? src.slice(manualPicturePrefix.length, -4) : null;
      if (name === null || !manualPictureName.test(name)) {
        problem(line, `图片 ${src} 不是测试画的图片：只能写 ![说明](${manualPicturePrefix}名字.png)，名字只用小写字母、数字和 -`);
        continue;
      }
      if (!section) {
        problem(line, `图片 ${name}.png 要放在某一节里`);
        continue;
      }
      section.pictures.push({ name, alt, line });
    }
    const withoutPairs = text.replace(bracketed, (_all, inner: string) => {
      const path = inner.split(manualPathSeparator).map((s) => s.trim());
      if (path.some((s) => s === '')) problem(line, `【${inner}】里有空的名称：界面名称写成【名称】，菜单路径写成【菜单 › 菜单项】`);
      else if (!section) problem(line, `【${inner}】要写在某一节里`);
      else section.names.push({ text: inner, path, line });
      return '';
    });
    if (/[【】]/.test(withoutPairs)) problem(line, `【 与 】没有配对：${text.trim()}`);
  }

  return { sections, problems };
}

/** `「4.1 键盘操作一页卡」（第 12 行）`: how the build's messages name a place in the manual. */
export function manualPlace(section: string | null, line: number): string {
  return section === null ? `第 ${line} 行` : `「${section}」（第 ${line} 行）`;
}

/** The section a section belongs to at `level` (itself when it is at that level), e.g. its chapter at level 2. */
export function ancestorAt(manual: Manual, index: number, level: number): number {
  let s: number | null = index;
  while (s !== null && manual.sections[s]!.level > level) s = manual.sections[s]!.parent;
  return s ?? index;
}
