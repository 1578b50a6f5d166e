/**
 * docs/用户手册.md → the printable docs/用户手册.pdf (issue 20): marked turns the markdown into HTML,
 * Debian's Chromium prints it A4 with the CJK fonts of fonts-noto-cjk (宋体-like Noto Serif for
 * the text, 黑体-like Noto Sans for headings and the screen's names), a table of contents with page
 * numbers, — N — at the foot of each page, pictures scaled to the page width. Nothing is fetched.
 *
 * The contents' page numbers: Chromium cannot number a link's target (no target-counter), so the
 * manual is printed twice. The first print carries an invisible mark in each heading (absolutely
 * placed, so it moves nothing) and poppler's pdftotext says on which page each mark landed; the
 * second print, without the marks and with those numbers, has the same layout.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marked, type Tokens } from 'marked';
import { launchChromium } from '../tests/helpers/browser.ts';

export interface ManualPdf {
  pages: number;
  /** Each heading of the contents and the page it is on. */
  contents: { depth: number; title: string; page: number }[];
  /** The text of each page, as pdftotext reads it. */
  pageTexts: string[];
}

interface Heading {
  id: string;
  depth: number;
  title: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const mark = (id: string) => `QQ${id}QQ`;

/** 【视图 › 保存当前视图…】 as the labels of the screen, each step boxed. */
const uiName = {
  name: 'uiName',
  level: 'inline' as const,
  start: (src: string) => src.indexOf('【'),
  tokenizer(src: string) {
    const m = /^【([^【】\n]+)】/.exec(src);
    return m ? { type: 'uiName', raw: m[0], text: m[1]! } : undefined;
  },
  renderer(token: Tokens.Generic) {
    const steps = (token.text as string).split('›').map((s) => `<span class="ui">${escape(s.trim())}</span>`);
    return steps.join('<span class="ui-sep"> › </span>');
  },
};

function manualHtml(markdown: string, docsDir: string, pageOf: Map<string, number> | null): { html: string; headings: Heading[] } {
  const headings: Heading[] = [];
  const marked = new Marked({ gfm: true });
  marked.use({
    extensions: [uiName],
    renderer: {
      heading(this: { parser: { parseInline(t: Tokens.Generic[]): string } }, token: Tokens.Heading) {
        const id = `sec-${headings.length}`;
        headings.push({ id, depth: token.depth, title: token.text.replace(/[【】]/g, '') });
        const inner = this.parser.parseInline(token.tokens);
        const placed = pageOf ? '' : `<span class="page-mark">${mark(id)}</span>`;
        return `<h${token.depth} id="${id}"${token.depth === 1 ? ' class="title"' : ''}>${placed}${inner}</h${token.depth}>\n`;
      },
      image(token: Tokens.Image) {
        const file = path.join(docsDir, decodeURI(token.href));
        return `<span class="figure"><img class="picture" src="${escape(pathToFileURL(file).href)}" alt="${escape(token.text)}"><span class="caption">${escape(token.text)}</span></span>`;
      },
    },
  });
  const body = marked.parse(markdown, { async: false });
  const entries = headings
    .filter((h) => h.depth === 2 || h.depth === 3)
    .map((h) => `<li class="toc-${h.depth}"><a href="#${h.id}">${escape(h.title)}</a><span class="dots"></span><span class="num">${pageOf?.get(h.id) ?? '000'}</span></li>`)
    .join('\n');
  const toc = `<nav class="toc"><div class="toc-title">目　录</div><ol>${entries}</ol></nav>`;
  // The contents follow the title page.
  const split = body.indexOf('</h1>');
  const html = split < 0 ? toc + body : body.slice(0, split + 5) + toc + body.slice(split + 5);
  return { html: page(html), headings };
}

function page(body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>组工台账 用户手册</title><style>
@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
html { font-family: 'Noto Serif CJK SC', serif; font-size: 10.5pt; line-height: 1.75; color: #000; }
body { margin: 0; }
h1, h2, h3, h4, h5, h6, .toc, .ui, .caption, th { font-family: 'Noto Sans CJK SC', sans-serif; }
h1, h2, h3, h4, h5, h6 { position: relative; break-after: avoid; line-height: 1.4; }
h1.title { font-size: 26pt; text-align: center; margin: 70mm 0 0; break-after: page; }
h2 { font-size: 16pt; break-before: page; border-bottom: 1.5px solid #000; padding-bottom: 3px; margin: 0 0 10px; }
h3 { font-size: 13pt; margin: 16px 0 6px; }
h4 { font-size: 11pt; margin: 12px 0 4px; }
p, li { text-align: justify; }
.page-mark { position: absolute; left: 0; top: 0; font-size: 2px; color: #fff; }
.toc { break-after: page; }
.toc-title { font-size: 16pt; text-align: center; margin-bottom: 12px; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { display: flex; align-items: baseline; text-align: left; }
.toc li.toc-3 { padding-left: 2em; font-size: 10pt; }
.toc a { color: #000; text-decoration: none; }
.toc .dots { flex: 1; border-bottom: 1px dotted #666; margin: 0 6px; }
.toc .num { min-width: 2em; text-align: right; }
.ui { font-weight: 700; font-size: 0.95em; background: #ececec; border: 1px solid #999; border-radius: 3px; padding: 0 3px; margin: 0 1px; white-space: nowrap; }
.ui-sep { font-family: 'Noto Sans CJK SC', sans-serif; }
.figure { display: block; margin: 8px 0 12px; break-inside: avoid; text-align: center; }
img.picture { display: block; max-width: 100%; max-height: 225mm; margin: 0 auto; border: 1px solid #bbb; }
.caption { display: block; font-size: 9pt; color: #333; margin-top: 3px; }
code, pre { font-family: 'Noto Sans Mono CJK SC', monospace; font-size: 9.5pt; }
pre { background: #f4f4f4; padding: 6px 8px; white-space: pre-wrap; break-inside: avoid; }
table { border-collapse: collapse; margin: 8px 0; break-inside: auto; }
th, td { border: 1px solid #777; padding: 2px 6px; vertical-align: top; }
tr { break-inside: avoid; }
kbd { font-family: 'Noto Sans CJK SC', sans-serif; border: 1px solid #777; border-radius: 3px; padding: 0 3px; font-size: 0.9em; }
</style></head><body>${body}</body></html>`;
}

function pdfTextPages(pdf: string): string[] {
  let text: string;
  try {
    text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch {
    throw new Error('读不了生成的 PDF：需要 poppler 的 pdftotext（apt-get install -y poppler-utils）');
  }
  const pages = text.split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

/** Prints the manual `markdown` (its pictures relative to `docsDir`) to `out`, via HTML files in `workDir`. */
export async function buildManualPdf(markdown: string, docsDir: string, out: string, workDir: string): Promise<ManualPdf> {
  fs.mkdirSync(workDir, { recursive: true });
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    // Offline: the manual's own file and its pictures, nothing else.
    await tab.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    const print = async (html: string, file: string) => {
      const htmlFile = path.join(workDir, '用户手册.html');
      fs.writeFileSync(htmlFile, html);
      await tab.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
      const broken = await tab.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => decodeURI(i.src)));
      if (broken.length) throw new Error(`手册里的图片读不出来：${broken.join('、')}`);
      await tab.pdf({
        path: file,
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="width:100%;text-align:center;font-size:9pt;font-family:'Noto Sans CJK SC',sans-serif;">— <span class="pageNumber"></span> —</div>`,
      });
    };
    // First print: where each heading lands.
    const first = manualHtml(markdown, docsDir, null);
    const draft = path.join(workDir, '用户手册-草稿.pdf');
    await print(first.html, draft);
    const draftPages = pdfTextPages(draft);
    const pageOf = new Map<string, number>();
    for (const h of first.headings) {
      const at = draftPages.findIndex((t) => t.includes(mark(h.id)));
      if (at < 0) throw new Error(`PDF 里找不到标题「${h.title}」`);
      pageOf.set(h.id, at + 1);
    }
    // Second print: the same layout, the contents numbered.
    const final = manualHtml(markdown, docsDir, pageOf);
    await print(final.html, out);
    fs.rmSync(draft);
    const pageTexts = pdfTextPages(out);
    return { pages: pageTexts.length, contents: final.headings.filter((h) => h.depth === 2 || h.depth === 3).map((h) => ({ depth: h.depth, title: h.title, page: pageOf.get(h.id)! })), pageTexts };
  } finally {
    await browser.close();
  }
}

/**
 * What must hold of the printed manual, as Chinese sentences (empty: it holds): each heading of the
 * contents listed in them and printed on the page they give, and every page numbered at its foot.
 */
export function checkManualPdf(pdf: ManualPdf): string[] {
  const problems: string[] = [];
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const firstChapter = Math.min(...pdf.contents.map((c) => c.page), pdf.pages + 1);
  const toc = squeeze(pdf.pageTexts.slice(0, firstChapter - 1).join(''));
  for (const entry of pdf.contents) {
    const text = pdf.pageTexts[entry.page - 1];
    if (!toc.includes(squeeze(entry.title) + String(entry.page))) problems.push(`PDF 的目录里没有「${entry.title} …… ${entry.page}」`);
    if (!text || !squeeze(text).includes(squeeze(entry.title))) problems.push(`PDF 第 ${entry.page} 页上没有目录说在这一页的「${entry.title}」`);
  }
  pdf.pageTexts.forEach((text, p) => {
    if (!squeeze(text).includes(`—${p + 1}—`)) problems.push(`PDF 第 ${p + 1} 页没有页码`);
  });
  return problems;
}
