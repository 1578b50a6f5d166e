/**
 * The user manual (docs/用户手册.md) as the in-app 帮助 shows it: one piece of HTML per chapter and
 * sub-chapter, each with an id that stays the same while the text around it changes (from its
 * number, e.g. 4.1 → manual-4-1), the page it belongs to (its `<!-- page: KEY -->` marker), the
 * 【】 names of the screen marked as labels of the UI, and pictures at the URLs the caller gives
 * (the renderer's bundled files). Pure: no DOM, no Node, so tests read it as the app does.
 */
import { Marked, type MarkedExtension, type Token, type Tokens } from 'marked';

export interface ManualSection {
  /** Stable id for anchors and the table of contents: manual-4-1 for “4.1 …”. */
  id: string;
  /** 2 for a chapter (##), 3 for a sub-chapter (###). */
  level: 2 | 3;
  /** The heading as written, number included: “4 分类台账”. */
  title: string;
  /** The page key of renderer/src/nav.ts this section documents, from its `<!-- page: KEY -->` marker. */
  page: string | null;
  /** The section's body (its heading included) as HTML. */
  html: string;
  /** The section's words without markup, for the search box. */
  text: string;
}

export interface RenderedManual {
  /** The manual's own title (its # heading). */
  title: string;
  sections: ManualSection[];
}

/**
 * The URL a picture of the manual is shown from, given the path the manual writes
 * (`用户手册/图/a-ledger.png`); null when the picture is not there, which shows a visible gap
 * saying so rather than a broken image.
 */
export type PictureUrl = (src: string) => string | null;

/** The class of a 【名称】 of the screen in the rendered HTML. */
export const uiLabelClass = 'manual-ui-label';

const pageMarker = /^<!--\s*page:\s*([a-z][a-zA-Z0-9-]*)\s*-->\s*$/;

export function renderManual(markdown: string, pictureUrl: PictureUrl): RenderedManual {
  const marked = new Marked(manualExtension(pictureUrl));
  const tokens = marked.lexer(markdown);
  let title = '';
  const sections: ManualSection[] = [];
  const used = new Set<string>();
  let current: { level: 2 | 3; title: string; page: string | null; tokens: Token[] } | null = null;
  const close = () => {
    if (!current) return;
    const id = uniqueId(sectionId(current.title), used);
    sections.push({
      id,
      level: current.level,
      title: current.title,
      page: current.page,
      html: marked.parser(current.tokens),
      text: plainText(current.tokens),
    });
  };
  for (const token of tokens) {
    if (token.type === 'heading' && token.depth === 1 && !title) {
      title = (token as Tokens.Heading).text.trim();
      continue;
    }
    if (token.type === 'heading' && (token.depth === 2 || token.depth === 3)) {
      close();
      current = { level: token.depth, title: (token as Tokens.Heading).text.trim(), page: null, tokens: [token] };
      continue;
    }
    if (!current) continue; // what comes before the first chapter is for the manual's maintainers
    const marker = token.type === 'html' ? pageMarker.exec((token as Tokens.HTML).text.trim()) : null;
    if (marker && current.page === null) current.page = marker[1]!;
    current.tokens.push(token);
  }
  close();
  return { title, sections };
}

/** manual-4-1 from “4.1 键盘操作一页卡”; a heading without a number keeps its words (ids may be Chinese). */
export function sectionId(title: string): string {
  const number = /^(\d+(?:\.\d+)*)\s/.exec(title);
  if (number) return `manual-${number[1]!.replace(/\./g, '-')}`;
  return `manual-${title.trim().replace(/[\s"'<>&#?/\\]+/g, '-')}`;
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function decodedPath(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

function manualExtension(pictureUrl: PictureUrl): MarkedExtension {
  return {
    gfm: true,
    extensions: [
      {
        // 【分类台账】, 【视图 › 保存当前视图…】: a name of the screen, shown as the app shows a label.
        name: 'uiLabel',
        level: 'inline',
        start: (src) => {
          const at = src.indexOf('【');
          return at < 0 ? undefined : at;
        },
        tokenizer: (src) => {
          const m = /^【([^【】\n]+)】/.exec(src);
          return m ? { type: 'uiLabel', raw: m[0], text: m[1]! } : undefined;
        },
        renderer: (token) => `<span class="${uiLabelClass}">【${escapeHtml(String(token.text))}】</span>`,
      },
    ],
    renderer: {
      // Raw HTML in the manual is only comments (page markers, notes to its maintainers): never shown.
      html: () => '',
      image({ href, text }) {
        // marked hands the path over percent-encoded (用户手册 → %E7%94%A8…); the caller gets it as the manual writes it.
        const src = decodedPath(href);
        const url = pictureUrl(src);
        if (url === null) return `<span class="manual-missing-picture">（缺少图片：${escapeHtml(src)}）</span>`;
        return `<img class="manual-picture" src="${escapeHtml(url)}" alt="${escapeHtml(text)}">`;
      },
    },
  };
}

/** The words of a section for searching: text, labels and pictures' captions, no markup. */
function plainText(tokens: Token[]): string {
  const words: string[] = [];
  const walk = (list: Token[]) => {
    for (const t of list) {
      if (t.type === 'html') continue;
      const children = 'tokens' in t && Array.isArray(t.tokens) ? (t.tokens as Token[]) : null;
      const items = t.type === 'list' ? (t as Tokens.List).items : null;
      const table = t.type === 'table' ? (t as Tokens.Table) : null;
      if (table) {
        for (const cell of table.header) walk(cell.tokens);
        for (const row of table.rows) for (const cell of row) walk(cell.tokens);
      } else if (items) walk(items);
      else if (children) walk(children);
      else if (t.type === 'uiLabel') words.push(`【${String(t.text)}】`);
      else if ('text' in t && typeof t.text === 'string') words.push(t.text);
    }
  };
  walk(tokens);
  return words.join(' ').replace(/\s+/g, ' ').trim();
}
