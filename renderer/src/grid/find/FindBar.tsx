/**
 * The find and replace bar over the grid's top-right corner (Ctrl+F, Ctrl+H), in place of the
 * browser's own find, which knows nothing of the rows not drawn. The focus stays in it while the hits
 * are gone through; Esc closes it and puts the grid's focus on the hit shown.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Button, Checkbox, Input, Select, Tooltip, type InputRef } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CloseOutlined } from '@ant-design/icons';
import type { Find, FindScope } from './useFind.ts';
import './find.css';

const scopeKey = (s: FindScope) => (s.kind === 'column' ? `col:${s.colId}` : s.kind);
const scopeOf = (key: string): FindScope => (key.startsWith('col:') ? { kind: 'column', colId: key.slice(4) } : key === 'selection' ? { kind: 'selection' } : { kind: 'all' });

export function FindBar<T>({ find, revert }: { find: Find<T>; revert: (as: 'undo' | 'redo') => Promise<void> }) {
  const findInput = useRef<InputRef>(null);
  const replaceInput = useRef<InputRef>(null);
  const bar = useRef<HTMLDivElement>(null);
  /** A replace was the last thing done here (no typing in the boxes since): Ctrl+Z undoes it. */
  const replacedLast = useRef(false);
  const { mode, query, setQuery, count, note, busy, scope, selected } = find;
  // Under the grid's header (its height follows the wrapped header texts, and the strip of filters in
  // force pushes it down), so no column's header or menu is covered; or over the grid's bottom, above the
  // totals row, when the hit shown is under it (as Excel moves its find dialog off the cell it found).
  const [place, setPlace] = useState<{ top: number } | { bottom: number }>({ top: 6 });
  const [below, setBelow] = useState(false);
  useLayoutEffect(() => {
    const host = bar.current?.parentElement;
    if (!host) return;
    const placeBar = () => {
      const from = host.getBoundingClientRect();
      const header = host.querySelector<HTMLElement>('.ag-header');
      // Above the totals row, or else above the horizontal scroll bar.
      const floor = host.querySelector<HTMLElement>('.ag-row-pinned') ?? host.querySelector<HTMLElement>('.ag-body-horizontal-scroll');
      const bottom = floor ? from.bottom - floor.getBoundingClientRect().top + 6 : 24;
      const top = header ? header.getBoundingClientRect().bottom - from.top + 6 : 6;
      setPlace((p) => (below ? ('bottom' in p && p.bottom === bottom ? p : { bottom }) : 'top' in p && p.top === top ? p : { top }));
    };
    placeBar();
    // The strip of filters coming or going, or the header's height changing, moves the header.
    const watch = new ResizeObserver(placeBar);
    for (const el of host.querySelectorAll('.ag-header, .ag-root-wrapper')) watch.observe(el);
    return () => watch.disconnect();
  }, [mode, below, count]);
  useEffect(() => {
    // Once the grid has scrolled to the hit and drawn it.
    const frame = requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const hit = bar.current?.parentElement?.querySelector('.cell-find-current')?.getBoundingClientRect();
        const own = bar.current?.getBoundingClientRect();
        if (hit && own && hit.right > own.left && hit.left < own.right && hit.bottom > own.top && hit.top < own.bottom) setBelow((b) => !b);
      }),
    );
    return () => cancelAnimationFrame(frame);
  }, [count]);

  useEffect(() => {
    findInput.current?.focus({ preventScroll: true });
    findInput.current?.select();
  }, [find.focusTick]);
  // A write done, the keys still come here (Esc, Enter), not to nowhere.
  useEffect(() => {
    if (busy) replacedLast.current = true;
    if (!busy && bar.current && !bar.current.contains(document.activeElement)) findInput.current?.focus({ preventScroll: true });
  }, [busy]);

  if (!mode) return null;

  const keys = (e: React.KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    // Ctrl+Z / Ctrl+Y undo and redo the grid's changes (the replace the message offers to undo), except
    // while a box of the bar holds typing of its own since: then they undo that typing, as in any box.
    const typing = e.target instanceof HTMLInputElement && !replacedLast.current;
    if (mod && !typing && (key === 'z' || key === 'y')) void revert(key === 'y' || e.shiftKey ? 'redo' : 'undo');
    else if (e.key === 'Escape') find.close();
    else if (e.key === 'F3') find.step(e.shiftKey);
    else if (mod && key === 'f') find.open('find');
    else if (mod && key === 'h') {
      find.open('replace');
      setTimeout(() => replaceInput.current?.focus({ preventScroll: true }), 0);
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const preview = mode === 'replace' ? find.preview() : '';
  const countText = find.searching && query.text ? '正在查找…' : !query.text || !count ? '' : count.total === 0 ? '无结果' : count.index > 0 ? `第 ${count.index}/${count.total} 处` : `共 ${count.total} 处`;
  const scopeOptions = [
    { value: 'all', label: '全部列' },
    ...(selected ? [{ value: 'selection', label: `选定区域（${selected.count} 个单元格）` }] : []),
    ...find.columns().map((c) => ({ value: `col:${c.colId}`, label: `列：${c.header}` })),
  ];

  return (
    <div ref={bar} className="grid-find-bar" style={place} role="search" aria-label="查找和替换" onKeyDown={keys}>
      <div className="grid-find-row">
        <Input
          ref={findInput}
          size="small"
          className="grid-find-input"
          placeholder="查找内容"
          aria-label="查找内容"
          value={query.text}
          onChange={(e) => {
            replacedLast.current = false;
            setQuery({ ...query, text: e.target.value });
          }}
          onPressEnter={(e) => find.step(e.shiftKey)}
        />
        <span className={`grid-find-count${count?.total === 0 && query.text ? ' grid-find-none' : ''}`} data-testid="find-count" aria-live="polite">
          {countText}
        </span>
        <Tooltip title="上一处（Shift+Enter）">
          <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="上一处" disabled={!count?.total} onClick={() => find.step(true)} />
        </Tooltip>
        <Tooltip title="下一处（Enter 或 F3）">
          <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="下一处" disabled={!count?.total} onClick={() => find.step(false)} />
        </Tooltip>
        <Tooltip title="关闭（Esc）">
          <Button size="small" type="text" icon={<CloseOutlined />} aria-label="关闭查找" onClick={find.close} />
        </Tooltip>
      </div>
      <div className="grid-find-row">
        <Select
          size="small"
          className="grid-find-scope"
          aria-label="查找范围"
          value={scopeKey(scope)}
          options={scopeOptions}
          onChange={(key: string) => find.setScope(scopeOf(key))}
          popupMatchSelectWidth={false}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Checkbox checked={query.caseSensitive} onChange={(e) => setQuery({ ...query, caseSensitive: e.target.checked })}>
          区分大小写
        </Checkbox>
        <Checkbox checked={query.wholeCell} onChange={(e) => setQuery({ ...query, wholeCell: e.target.checked })}>
          单元格匹配
        </Checkbox>
        {mode === 'find' && (
          <Button size="small" type="link" onClick={() => find.open('replace')}>
            替换…
          </Button>
        )}
      </div>
      {mode === 'replace' && (
        <div className="grid-find-row">
          <Input
            ref={replaceInput}
            size="small"
            className="grid-find-input"
            placeholder="替换为"
            aria-label="替换为"
            value={find.replacement}
            onChange={(e) => {
              replacedLast.current = false;
              find.setReplacement(e.target.value);
            }}
            onPressEnter={() => void find.replaceOne()}
          />
          {/* Not disabled while writing (a disabled button drops the focus, and Esc and Ctrl+Z with it): a click then does nothing. */}
          <Button size="small" disabled={!query.text} onClick={() => void find.replaceOne()}>
            替换
          </Button>
          <Button size="small" type="primary" disabled={!query.text} loading={busy} onClick={() => void find.replaceAll()}>
            全部替换
          </Button>
        </div>
      )}
      {preview && (
        <div className="grid-find-preview" data-testid="find-preview">
          {preview}
        </div>
      )}
      {note && (
        <div className={`grid-find-note grid-find-note-${note.type}`} role={note.type === 'error' ? 'alert' : 'status'} data-testid="find-note">
          {note.text}
        </div>
      )}
    </div>
  );
}
