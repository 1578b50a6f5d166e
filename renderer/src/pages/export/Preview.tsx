/**
 * The first page of an export as it will print, drawn from the template's header tree
 * (shared/templates) and the first rows the core would write: 附件N, the title, the
 * unit line, one or two merged header levels, the body, aligned as the file aligns it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ExportPreview } from '../../../../shared/contract/types.ts';
import './export.css';

/** An A4 landscape page at 96 dpi: drawn at this width, then scaled to the space it has. */
const PAGE_WIDTH = 1123;

const numeric = new Set(['integer', 'decimal', 'percent']);
const centred = new Set(['serial', 'flag', 'date', 'dict', 'phone']);

export function PagePreview({ preview }: { preview: ExportPreview }) {
  const cols = preview.columns;
  const twoLevels = cols.some((c) => c.group);
  // Adjacent columns of one group share a merged upper cell.
  const top: { label: string; span: number; rowSpan: number }[] = [];
  for (let i = 0; i < cols.length; ) {
    const g = cols[i]!.group;
    let j = i;
    while (g && j + 1 < cols.length && cols[j + 1]!.group === g) j++;
    top.push(g ? { label: g, span: j - i + 1, rowSpan: 1 } : { label: cols[i]!.header, span: 1, rowSpan: twoLevels ? 2 : 1 });
    i = j + 1;
  }
  const total = cols.reduce((n, c) => n + c.width, 0);
  const frame = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0.6);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setScale(Math.min(1, el.clientWidth / PAGE_WIDTH)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={frame} className="export-frame">
    <div className="export-page" data-testid="export-preview" style={{ width: PAGE_WIDTH, zoom: scale }}>
      <div className="export-attachment">{preview.attachment}</div>
      <div className="export-title">{preview.title}</div>
      <div className="export-line">
        <span>填报单位（盖章）：{preview.reportingUnit}</span>
        <span>填报日期：&emsp;&emsp;年&emsp;月&emsp;日</span>
      </div>
      <table className="export-table">
        <colgroup>
          {cols.map((c) => (
            <col key={c.field} style={{ width: `${(100 * c.width) / total}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {top.map((t, i) => (
              <th key={i} colSpan={t.span} rowSpan={t.rowSpan}>
                {t.label}
              </th>
            ))}
          </tr>
          {twoLevels && (
            <tr>
              {cols.filter((c) => c.group).map((c) => (
                <th key={c.field}>{c.header}</th>
              ))}
            </tr>
          )}
        </thead>
        <tbody>
          {preview.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j} style={{ textAlign: numeric.has(cols[j]!.type) ? 'right' : centred.has(cols[j]!.type) ? 'center' : 'left' }}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
          {preview.totals && preview.total <= preview.rows.length && (
            <tr className="export-totals">
              {preview.totals.map((v, j) => (
                <td key={j} style={{ textAlign: j === 0 ? 'center' : 'right' }}>
                  {v}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
      <div className="export-footer">
        {preview.total > preview.rows.length ? `…… 共 ${preview.total} 行，以下略` : ''}
        <div>{preview.footer.join('\u2003\u2003\u2003\u2003')}</div>
        <div className="export-page-number">— 1 —</div>
      </div>
    </div>
    </div>
  );
}
