/**
 * A .csv (or Excel's tab-separated .txt) read as one sheet of text, in the reader's worker
 * (parse-worker.mjs). Its encoding is found from its bytes: a BOM (UTF-8, or the UTF-16 of
 * Excel's "Unicode 文本"), else UTF-8 if the bytes are valid UTF-8, else GB18030, which
 * Chinese Excel and WPS write ("CSV (逗号分隔)" is GBK, a subset). Its delimiter is the one
 * of comma, tab and semicolon that splits its first lines most evenly.
 * Every cell stays text, as typed: the column rules read numbers and dates later, as they
 * read them from a text cell of an .xlsx (a CSV cannot say which is which; 0476… stays 0476…).
 * Plain erasable TypeScript, so the worker loads it as it is (Node strips the types) or bundled.
 */
import type { RawBook, RawCell } from './index.ts';

/** The text of the file, decoded by its BOM or, without one, by whether it is valid UTF-8. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const has = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  if (has(0xef, 0xbb, 0xbf)) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  if (has(0xff, 0xfe)) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (has(0xfe, 0xff)) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

const DELIMITERS = [',', '\t', ';'] as const;

/** How many fields each of the first lines splits into by `delimiter` (quotes respected). */
function fieldCounts(text: string, delimiter: string, lines = 30): number[] {
  const counts: number[] = [];
  let n = 1;
  let quoted = false;
  for (let i = 0; i < text.length && counts.length < lines; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === delimiter) n++;
    else if (ch === '\n') {
      counts.push(n);
      n = 1;
    }
  }
  if (counts.length < lines && n > 1) counts.push(n);
  return counts;
}

/** The delimiter that splits the most lines into the same number (above one) of fields. */
export function detectDelimiter(text: string): string {
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = fieldCounts(text, d).filter((n) => n > 1);
    const tally = new Map<number, number>();
    for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
    // The most frequent count, weighted a little by how many fields it makes (a title line has one).
    const score = Math.max(0, ...[...tally].map(([fields, lines]) => lines * 1000 + fields));
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** The rows of RFC 4180 text: quoted fields may hold the delimiter, "" and line breaks. */
export function parseDelimited(text: string, delimiter: string, maxRows: number): { rows: RawCell[][]; truncated: boolean } {
  const rows: RawCell[][] = [];
  let row: RawCell[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    // ="0476…" is how some programs keep a leading zero in a CSV: the text inside is the value.
    const m = wasQuoted ? null : /^="(.*)"$/s.exec(field);
    const value = m ? m[1]! : field;
    row.push(value === '' ? null : value);
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    while (row.length && row[row.length - 1] === null) row.pop();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '') {
      quoted = wasQuoted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      if (rows.length > maxRows) return { rows: rows.slice(0, maxRows), truncated: true };
    } else field += ch;
  }
  if (field !== '' || row.length) endRow();
  // Blank lines at the end are no rows.
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return { rows, truncated: false };
}

/** A CSV as a book of one sheet, named as Excel names it when it opens one: after the file. */
export function readCsv(bytes: Uint8Array, sheetName: string, maxRows: number): RawBook {
  const { text } = decodeText(bytes);
  const { rows, truncated } = parseDelimited(text, detectDelimiter(text), maxRows);
  return { kind: 'csv', sheets: [{ name: sheetName, state: 'visible', rows, merges: [], truncated }], names: {} };
}
