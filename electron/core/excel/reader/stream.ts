/**
 * A returned export read row by row with ExcelJS's streaming reader, in the core's own
 * thread: its layout is known from the manifest, it needs no merged ranges, and the
 * reader yields between chunks, so the window stays answered. Limits on rows and time
 * stop it; anything else (hand-made files, .xls, files of other programs' making that
 * are larger than an export) goes to the worker.
 */
import ExcelJS from '../exceljs.ts';
import type * as Excel from 'exceljs';
import type { RawBook, RawCell, RawSheet } from './index.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** ExcelJS's cell value as a plain one: formulas by their result, rich text and links by their text, dates as YYYY-MM-DD. */
function plain(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    // Spreadsheet dates come as UTC midnight; rounded to the second first (a serial of 23:59:59.999).
    const d = new Date(Math.round(v.getTime() / 1000) * 1000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  if (typeof v !== 'object') return v as RawCell;
  const o = v as Record<string, unknown>;
  if ('result' in o) return plain(o.result);
  if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
  if ('text' in o) return plain(o.text);
  return null;
}

export class StreamLimitError extends Error {
  constructor(readonly reason: 'rows' | 'timeout', readonly sheet: string) {
    super(reason);
  }
}

interface StreamingSheet extends AsyncIterable<Excel.Row> {
  id: string;
  name: string;
  state?: string;
}

export async function readStreaming(
  file: string,
  options: { maxRows: number; deadline: number; hints: Record<number, { name: string; state: string }>; onProgress?: (rows: number) => void },
): Promise<RawBook> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' } as never);
  const sheets: RawSheet[] = [];
  let read = 0;
  for await (const ws of reader as unknown as AsyncIterable<StreamingSheet>) {
    // ExcelJS names a sheet only when it could match its part; else the name is "Sheet" + the part's number.
    const hint = ws.name === `Sheet${ws.id}` ? options.hints[Number(ws.id)] : undefined;
    const name = hint?.name ?? ws.name;
    const rows: RawCell[][] = [];
    for await (const row of ws) {
      if (row.number > options.maxRows) throw new StreamLimitError('rows', name);
      const values = row.values as unknown[];
      const out: RawCell[] = new Array(Math.max(0, values.length - 1));
      for (let c = 1; c < values.length; c++) out[c - 1] = plain(values[c]);
      rows[row.number - 1] = out;
      if (++read % 2000 === 0) {
        options.onProgress?.(read);
        if (Date.now() > options.deadline) throw new StreamLimitError('timeout', name);
      }
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    sheets.push({ name, state: hint?.state ?? ws.state ?? 'visible', rows, merges: [], truncated: false });
  }
  const names: Record<string, string> = {};
  const model = (reader as unknown as { model?: { definedNames?: { name: string; ranges?: string[] }[] } }).model;
  for (const n of model?.definedNames ?? []) if (n?.name) names[n.name] = (n.ranges ?? []).join(',');
  return { kind: 'xlsx', sheets, names };
}
