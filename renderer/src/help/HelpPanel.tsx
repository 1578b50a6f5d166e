/**
 * The user manual beside the work: a drawer that leaves the page usable (no mask; the page narrows
 * to make room), opened at the chapter of the current page, with the table of contents and a search
 * within the manual. Loaded only when 帮助 is first opened.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Drawer, Empty, Input, Modal, Spin, Typography } from 'antd';
import type { ManualSection, RenderedManual } from '../../../shared/manual/render.ts';
import { navItems } from '../nav.ts';
import type { HelpTarget } from './Help.tsx';
import { loadManual } from './manual.ts';
import './manual.css';

/** Wide enough to read a paragraph and see a picture at 1366×768, narrow enough to keep working beside it. */
function panelWidth(): number {
  return Math.round(Math.min(640, Math.max(440, window.innerWidth * 0.34)));
}

/** A width dragged by the reader, kept to what leaves the side menu and a working page beside it. */
function keptWidth(dragged: number): number {
  return Math.round(Math.max(360, Math.min(dragged, window.innerWidth - 200 - 480)));
}

export default function HelpPanel({ open, target, onClose, onTour }: { open: boolean; target: HelpTarget; onClose: () => void; onTour: () => void }) {
  const [manual, setManual] = useState<RenderedManual | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [width, setWidth] = useState(panelWidth);
  const [zoom, setZoom] = useState<{ src: string; alt: string } | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  /** The section the panel was sent to: kept at the top while pictures above it load, until the reader scrolls. */
  const pinned = useRef<string | null>(null);

  useEffect(() => {
    loadManual().then(setManual, (e: Error) => setFailed(e.message));
  }, []);

  /** Once the reader dragged the panel's edge, the width is theirs for the session (not the window's). */
  const dragged = useRef(false);
  useEffect(() => {
    const onResize = () => setWidth((w) => (dragged.current ? keptWidth(w) : panelWidth()));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  // The page narrows by the panel's width, so nothing of the work is under it.
  useEffect(() => {
    document.body.classList.toggle('help-open', open);
    document.body.style.setProperty('--help-width', `${width}px`);
    // The grids measure their width on the window's resize.
    window.dispatchEvent(new Event('resize'));
    return () => document.body.classList.remove('help-open');
  }, [open, width]);

  const goTo = (id: string) => {
    const box = scroller.current;
    const section = box?.querySelector<HTMLElement>(`[data-section="${CSS.escape(id)}"]`);
    if (!box || !section) return;
    pinned.current = id;
    box.scrollTop = section.offsetTop;
    setCurrent(id);
  };

  // Opened (or F1 again): the chapter of the page one is on, its title at the top.
  const pageSection = manual?.sections.find((s) => s.page === target.page) ?? null;
  useEffect(() => {
    if (!manual || !open) return;
    // The drawer shows its content a frame or two after `open` (its opening motion): until then
    // nothing has a position to scroll to.
    let frame = 0;
    const until = performance.now() + 3000;
    const show = () => {
      if ((scroller.current?.clientHeight ?? 0) > 0 || performance.now() > until) goTo(pageSection?.id ?? manual.sections[0]?.id ?? '');
      else frame = requestAnimationFrame(show);
    };
    show();
    return () => cancelAnimationFrame(frame);
    // Only when asked again (target.at) or when the manual arrives: not on every scroll of the reader.
  }, [manual, open, target.at]);

  // Pictures above the chapter load after it was shown: it is put back at the top until the reader moves.
  useEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const keep = () => pinned.current && goTo(pinned.current);
    const release = () => (pinned.current = null);
    box.addEventListener('load', keep, true);
    box.addEventListener('wheel', release, { passive: true });
    box.addEventListener('pointerdown', release);
    box.addEventListener('keydown', release);
    return () => {
      box.removeEventListener('load', keep, true);
      box.removeEventListener('wheel', release);
      box.removeEventListener('pointerdown', release);
      box.removeEventListener('keydown', release);
    };
  });

  const found = useMemo(() => (manual && query.trim() ? search(manual.sections, query.trim()) : null), [manual, query]);
  // In the manual and in the hits' snippets both.
  const body = useRef<HTMLDivElement>(null);
  useSearchHighlight(body, found ? query.trim() : '');

  const pageLabel = navItems.find((n) => n.key === target.page)?.label;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      mask={false}
      placement="right"
      size={width}
      resizable={{
        onResize: (size) => {
          dragged.current = true;
          setWidth(keptWidth(size));
        },
      }}
      title="帮助：用户手册"
      rootClassName="help-drawer"
      styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden' } }}
      extra={
        <Button size="small" onClick={onTour} data-testid="help-tour-again">
          重新查看入门引导
        </Button>
      }
      data-testid="help-panel"
    >
      <div className="help-search">
        <Input.Search allowClear placeholder="在手册中查找，如：撤销、导出、F2" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="在手册中查找" data-testid="help-search" />
      </div>
      {failed ? (
        <Alert type="error" showIcon style={{ margin: 16 }} message="打开用户手册失败" description={failed} />
      ) : !manual ? (
        <Spin style={{ margin: 24 }} />
      ) : (
        <div className="help-body" ref={body}>
          <nav className="help-toc" aria-label="目录" data-testid="help-toc">
            {found ? (
              found.length ? (
                found.map((hit) => (
                  <a key={hit.section.id} className="help-toc-item help-hit" onClick={() => goTo(hit.section.id)}>
                    <span>{hit.section.title}</span>
                    <Typography.Text type="secondary" className="help-hit-snippet">{hit.snippet}</Typography.Text>
                  </a>
                ))
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`手册中没有“${query.trim()}”`} />
              )
            ) : (
              manual.sections.map((s) => (
                <a key={s.id} className={`help-toc-item level-${s.level}${s.id === current ? ' current' : ''}`} onClick={() => goTo(s.id)}>
                  {s.title}
                </a>
              ))
            )}
          </nav>
          <div
            className="help-content"
            ref={scroller}
            tabIndex={-1}
            data-testid="help-content"
            // A picture is a whole window shrunk to the panel's width: a click shows it at the window's size.
            onClick={(e) => {
              const img = e.target instanceof HTMLImageElement ? e.target : null;
              if (img) setZoom({ src: img.src, alt: img.alt });
            }}
          >
            {!pageSection && (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`手册中还没有“${pageLabel ?? target.page}”页的一节，下面是手册的开头。`} />
            )}
            {manual.sections.map((s) => (
              // The manual is the project's own file, rendered without its raw HTML (shared/manual/render.ts).
              <section key={s.id} id={s.id} data-section={s.id} className={`manual-section level-${s.level}`} dangerouslySetInnerHTML={{ __html: s.html }} />
            ))}
          </div>
        </div>
      )}
      <Modal open={zoom !== null} title={zoom?.alt} footer={null} width="92vw" centered onCancel={() => setZoom(null)} destroyOnHidden>
        {zoom && <img src={zoom.src} alt={zoom.alt} className="help-zoomed" data-testid="help-zoomed" />}
      </Modal>
    </Drawer>
  );
}

interface Hit {
  section: ManualSection;
  snippet: string;
}

/**
 * Sections whose title or words hold the query (letters in any case). The snippet is a few words
 * of the section's text around the first place found there (its title shows above it already:
 * a hit in the title alone shows how the section begins).
 */
function search(sections: ManualSection[], query: string): Hit[] {
  const q = query.toLowerCase();
  const hits: Hit[] = [];
  for (const section of sections) {
    const at = section.text.toLowerCase().indexOf(q);
    if (at < 0 && !section.title.toLowerCase().includes(q)) continue;
    const from = Math.max(0, at - 12);
    const to = at < 0 ? 36 : at + q.length + 24;
    hits.push({ section, snippet: `${from > 0 ? '…' : ''}${section.text.slice(from, to)}${to < section.text.length ? '…' : ''}` });
  }
  return hits;
}

/** Every place of the query in the shown manual and the list of hits, highlighted without touching its HTML (the CSS Highlight API). */
function useSearchHighlight(scroller: React.RefObject<HTMLDivElement | null>, query: string) {
  useEffect(() => {
    const box = scroller.current;
    if (!box || !query || typeof Highlight === 'undefined') return;
    const q = query.toLowerCase();
    const ranges: Range[] = [];
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.nodeValue ?? '').toLowerCase();
      for (let at = text.indexOf(q); at >= 0; at = text.indexOf(q, at + q.length)) {
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + q.length);
        ranges.push(range);
      }
    }
    CSS.highlights.set('help-search', new Highlight(...ranges));
    return () => void CSS.highlights.delete('help-search');
  });
}
