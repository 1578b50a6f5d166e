/**
 * Where a table is in a sheet someone returned or made: its header rows (one or two
 * levels, merged), which of its columns are which of the template's, where the data
 * begins and ends (a 合计 row, a 填报人 footer, blank rows). Pure functions over the
 * raw rows the reader gives.
 */
import type { TemplateColumn, TemplateSheet } from '../../../../shared/templates/types.ts';
import type { RawCell, RawSheet } from '../../excel/reader/index.ts';
import type { ImportProblem } from './recognise.ts';

/**
 * Header keys already made. Recognition tries every template sheet at each of a sheet's first
 * rows, so the same few hundred texts are reduced thousands of times: the regexes ran most of an
 * import's time before the comparison. Cleared when large (a sheet of data rows read as headers).
 */
const keys = new Map<string, string>();

/** A header's text reduced to what identifies it: no spaces or brackets, no unit or format marks （名）（是/否）（年月）. */
export function headerKey(text: unknown): string {
  const raw = String(text ?? '');
  const known = keys.get(raw);
  if (known !== undefined) return known;
  const key = raw
    .replace(/\s+/g, '')
    .replace(/[（(]([名个次人万元%／/是否]|万元|是\/否|是／否|年月日|年月|年\.月\.日)+[）)]/g, '')
    .replace(/[（）()“”"'‘’、·.]/g, '')
    .toLowerCase();
  if (keys.size > 20_000) keys.clear();
  keys.set(raw, key);
  return key;
}

const columnNames = new WeakMap<TemplateColumn, Set<string>>();

/** Every text a file may head this column with (the templates are constant: made once a column). */
function namesOf(c: TemplateColumn): Set<string> {
  const made = columnNames.get(c);
  if (made) return made;
  const names = [c.header, ...(c.synonyms ?? [])];
  if (c.group) names.push(`${c.group}${c.header}`, `${c.group}${c.header.replace(/（.*）$/, '')}`);
  const set = new Set(names.map(headerKey).filter(Boolean));
  columnNames.set(c, set);
  return set;
}

/**
 * Words that change what a header is about: 副书记 is not the 书记, 预备党员人数 not 正式党员人数,
 * 原书记 not the secretary now. A header and a name must agree on each of them to be read as one.
 */
const MODIFIERS = ['副', '预备', '正式', '原', '前任', '上届', '下届', '新', '非', '不', '未', '女', '男', '少数民族', '流动', '退休', '专职', '兼职', '第一', '年龄', '出生', '学历', '身份证', '性别', '民族', '任职'];
/** Words that add nothing to what a header is about: 党组织书记 is the 书记, 支部书记姓名 the 书记姓名. */
const FILLERS = ['党组织', '党支部', '党总支', '支部', '基层', '姓名', '名称', '名字', '情况', '人数', '数量', '数', '的', '及', '是否', '已', '现任', '目前', '当前', '填写', '本'];

const modifiersIn = (t: string) => MODIFIERS.filter((m) => t.includes(m)).join('|');

/** Whether what is left of a header around a name is only filler words and the column's group (书记 of 联系方式（书记）). */
function onlyFiller(rest: string, group: string): boolean {
  let t = rest;
  for (const w of [group, ...FILLERS]) if (w) t = t.split(w).join('');
  return t === '';
}

/** Pairs of neighbouring characters, for how much two headers share in whatever order. */
function bigrams(t: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
  return out;
}

function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length || !y.length) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** Below this a header is not read as a column: better asked than read into the wrong column. */
export const HEADER_GUESS_FLOOR = 0.6;

/**
 * How surely a header (as `headerKey` gives it) names a template column, 0–1: 1 for a name the
 * template lists; 0.9 for one of its names with only filler words around it (党组织书记, 支部书记姓名,
 * 联系方式（书记）), or the name without its filler (联系电话 for 书记联系电话); the share of
 * characters in common otherwise, lowered, when it is high. 0 when the two disagree on a word
 * that changes the meaning (副书记 / 书记, 预备党员人数 / 党员人数). Pure and cheap: it runs over
 * the first rows of every sheet for every template column.
 */
export function headerConfidence(key: string, column: TemplateColumn): number {
  let known = confidences.get(column);
  if (!known) confidences.set(column, (known = new Map()));
  let sure = known.get(key);
  if (sure === undefined) {
    if (known.size > 5_000) known.clear();
    known.set(key, (sure = confidenceOf(key, column)));
  }
  return sure;
}

/** How sure each header key was found to name a column: the same headers are weighed for every template at every row tried. */
const confidences = new WeakMap<TemplateColumn, Map<string, number>>();

function confidenceOf(key: string, column: TemplateColumn): number {
  if (key.length < 2 || key.length > 24 || /\d/.test(key)) return 0;
  const names = namesOf(column);
  if (names.has(key)) return 1;
  const group = headerKey(column.group ?? '');
  const mods = modifiersIn(key);
  let best = 0;
  for (const name of names) {
    if (name.length < 2 || modifiersIn(name) !== mods) continue;
    if (key.includes(name) && onlyFiller(key.split(name).join(''), group)) best = Math.max(best, 0.9);
    else if (name.includes(key) && onlyFiller(name.split(key).join(''), group)) best = Math.max(best, 0.85);
    else {
      const d = dice(key, name);
      if (d >= 0.75) best = Math.max(best, Math.round(d * 80) / 100);
    }
  }
  return best;
}

export interface ColumnMap {
  /** File column (0-based) → template field; columns not in the map are not read. */
  fields: Map<number, string>;
  /** Header text of each mapped file column, for messages and the mapping step. */
  headers: Map<number, string>;
  /** How sure each column's reading is, where it was guessed from its header's words (absent: named exactly, or by a person). */
  confidence?: Map<number, number>;
}

export interface TableLayout {
  headerRows: number[];
  firstDataRow: number;
  /** Data rows (0-based sheet rows) in order: blank, 小计 and column-number rows left out. */
  dataRows: number[];
  columns: ColumnMap;
  /** Template fields no file column maps to. */
  unmapped: string[];
  /** How sure the match is: mapped columns among the template's. */
  score: number;
  /** Data rows that come after three or more blank rows (0-based): read, and pointed out. */
  afterGap: number[];
  /** Rows with values under the 合计 row or the 填报人 footer (0-based): not read, and pointed out. */
  afterEnd: { row: number; under: '合计' | '落款' }[];
  /** Where the header repeats below the data (0-based): another table, not read, and pointed out. */
  anotherTable: number | null;
  /**
   * When the sheet holds tables side by side: this table's part of the sheet (its columns only,
   * the same addresses), which is what its rows are read from, and the other tables beside it.
   */
  within?: RawSheet;
  besides?: TableBlock[];
}

/** A table among several side by side on one sheet: its columns (0-based, inclusive) and rows. */
export interface TableBlock {
  first: number;
  last: number;
  top: number;
  bottom: number;
  /** Its header texts, left to right. */
  headers: string[];
  /** The sheet with only this table's columns (the same addresses). */
  view: RawSheet;
}

const text = (v: RawCell | undefined) => (v === null || v === undefined ? '' : String(v).trim());

/** Header cells with horizontal merges spread across (a group label over its columns). */
function headerCells(sheet: RawSheet, r: number): string[] {
  const row = [...(sheet.rows[r] ?? [])].map(text);
  for (const m of sheet.merges) {
    if (m.s.r > r || m.e.r < r) continue;
    const v = text(sheet.rows[m.s.r]?.[m.s.c]);
    for (let c = m.s.c; c <= m.e.c; c++) row[c] = v;
  }
  return row;
}

const columnsByName = new WeakMap<TemplateColumn[], { names: { c: TemplateColumn }[]; byName: Map<string, { c: TemplateColumn }[]> }>();

/** A template sheet's columns by each name a file may head them with, made once a sheet: every cell of a sheet's first rows is looked up in it. */
function namesByKey(columns: TemplateColumn[]): { names: { c: TemplateColumn }[]; byName: Map<string, { c: TemplateColumn }[]> } {
  const made = columnsByName.get(columns);
  if (made) return made;
  const names = columns.filter((c) => c.type !== 'serial').map((c) => ({ c }));
  const byName = new Map<string, { c: TemplateColumn }[]>();
  for (const n of names) for (const k of namesOf(n.c)) byName.set(k, [...(byName.get(k) ?? []), n]);
  const out = { names, byName };
  columnsByName.set(columns, out);
  return out;
}

interface HeaderText {
  i: number;
  upper: string;
  lower: string;
  /** The texts a column may be named by (upper and lower joined, the lower, the upper) and their keys. */
  candidates: string[];
  keys: string[];
}

/**
 * The header texts of row `r` read as one level and as two, made once a row: every template sheet
 * is tried at each of a sheet's first rows, each on its own copy of the rows array (the rows
 * themselves shared). Kept with the row and checked against the row below and the merges (a
 * merge filled down replaces a row: then it is made again).
 */
const headerTextsMade = new WeakMap<RawCell[], { next: RawCell[] | undefined; merges: RawSheet['merges']; texts: [HeaderText[], HeaderText[]] }>();

function headerTexts(sheet: RawSheet, r: number): [HeaderText[], HeaderText[]] {
  const row = sheet.rows[r];
  const hit = row && headerTextsMade.get(row);
  if (hit && hit.next === sheet.rows[r + 1] && hit.merges === sheet.merges) return hit.texts;
  const top = headerCells(sheet, r);
  const below = headerCells(sheet, r + 1);
  const level = (depth: 1 | 2): HeaderText[] => {
    const width = Math.max(top.length, depth === 2 ? below.length : 0);
    return Array.from({ length: width }, (_, i) => {
      const upper = top[i] ?? '';
      const lower = depth === 2 ? (below[i] ?? '') : '';
      const candidates = lower && lower !== upper ? [upper + lower, lower, upper] : [upper];
      return { i, upper, lower, candidates, keys: candidates.map(headerKey) };
    });
  };
  const texts: [HeaderText[], HeaderText[]] = [level(1), level(2)];
  if (row) headerTextsMade.set(row, { next: sheet.rows[r + 1], merges: sheet.merges, texts });
  return texts;
}

/** Maps the columns under header row `r` (and `r + 1` when it is a second level). */
function mapAt(sheet: RawSheet, r: number, columns: TemplateColumn[]): { map: ColumnMap; depth: number; score: number } {
  const both = headerTexts(sheet, r);
  const { names, byName } = namesByKey(columns);
  // Most rows tried are data: not one of their texts names a column, and nothing is built for them.
  if (!both.some((level) => level.some((t) => t.keys.some((k) => byName.has(k))))) return { map: { fields: new Map(), headers: new Map(), confidence: new Map() }, depth: 1, score: 0 };
  const attempt = (depth: 1 | 2) => {
    const fields = new Map<number, string>();
    const headers = new Map<number, string>();
    const confidence = new Map<number, number>();
    const taken = new Set<string>();
    // A second level counts only where the upper row's text named a column: a title merged
    // over the table, right above the header, is not a header level.
    let upperNamed = 0;
    const texts = both[depth - 1]!;
    for (const { i, upper, lower, keys, candidates } of texts) {
      for (const [k, cand] of keys.entries()) {
        if (!cand) continue;
        const hit = byName.get(cand)?.find((n) => !taken.has(n.c.field));
        if (hit) {
          fields.set(i, hit.c.field);
          headers.set(i, lower && lower !== upper ? `${upper}·${lower}` : upper);
          taken.add(hit.c.field);
          // (A column merged down both rows reads the same text twice: its upper row names it too.)
          if (upper && !(lower !== upper && candidates[k] === lower)) upperNamed++;
          break;
        }
      }
    }
    // Headers read by their words, only in a row that is a header (two columns named exactly):
    // a data row's 党支部 is a value, not a header. The surest guesses are placed first.
    if (fields.size >= 2) {
      const guesses: { i: number; field: string; score: number; header: string }[] = [];
      for (const t of texts) {
        if (fields.has(t.i)) continue;
        for (const { c } of names) {
          if (taken.has(c.field)) continue;
          const score = Math.max(0, ...t.keys.filter(Boolean).map((k) => headerConfidence(k, c)));
          if (score >= HEADER_GUESS_FLOOR) guesses.push({ i: t.i, field: c.field, score, header: t.lower && t.lower !== t.upper ? `${t.upper}·${t.lower}` : t.upper });
        }
      }
      guesses.sort((a, b) => b.score - a.score || a.i - b.i);
      for (const g of guesses) {
        if (fields.has(g.i) || taken.has(g.field)) continue;
        fields.set(g.i, g.field);
        headers.set(g.i, g.header);
        confidence.set(g.i, g.score);
        taken.add(g.field);
      }
    }
    return { map: { fields, headers, confidence }, depth, score: depth === 2 && upperNamed === 0 ? 0 : fields.size };
  };
  const one = attempt(1);
  const two = attempt(2);
  return two.score > one.score ? two : one;
}

/** 合计, 总计, 全镇合计, 全苏木总计 (spaces removed): the totals that end a table. */
const END = /^(合计|总计)|^全.{0,6}(合计|总计)$/;
/** 小计, 同兴镇小计: a subtotal inside the table, skipped. */
const SUBTOTAL = /^小计|^.{1,16}小计$/;
/** The lines under a table: who filled it in, checked it, made it; notes. */
const FOOTER = /^(填报人|审核人|审核|制表人|制表|填表人|联系电话|单位负责人|负责人|填报单位|填报日期|注[:：]|说明[:：]|备注[:：])/;

/** What `headerKey` may take out of a text: spaces, brackets and quotes, and the unit and format marks in brackets (their UTF-16 codes). */
const KEY_DROPS = new Set([...'（）()“”"\'‘’、·.名个次人万元%／/是否年月日'].map((c) => c.charCodeAt(0)));

/**
 * Whether a cell's text may be one of the headers' (`headerKey` in `keys`), by its characters
 * alone: a text holding one that no header has and `headerKey` does not take out is none of them.
 * A year's data rows are mostly such texts, and working out each one's key (three regular
 * expressions) was the larger part of finding where the table ends.
 */
function headerFilter(keys: ReadonlySet<string>): (text: string) => boolean {
  // By UTF-16 codes, not one-character strings: this runs on every cell of a year's rows.
  const codes = new Set<number>();
  for (const k of keys) for (let i = 0; i < k.length; i++) codes.add(k.charCodeAt(i));
  return (text) => {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (codes.has(code) || KEY_DROPS.has(code)) continue;
      if (code < 128) {
        // A space (as \s takes it in ASCII), or a capital whose small letter a header has.
        if ((code >= 9 && code <= 13) || code === 32 || (code >= 65 && code <= 90 && codes.has(code + 32))) continue;
        return false;
      }
      // A Chinese character (the common case) is neither a space nor cased.
      if (code >= 0x4e00 && code <= 0x9fff) return false;
      // Beyond ASCII a space, a case (lowered in context) or a surrogate is left to `headerKey` itself.
      const c = text[i]!;
      if ((code >= 0xd800 && code <= 0xdfff) || /\s/.test(c) || c.toLowerCase() !== c) return true;
      return false;
    }
    return true;
  };
}

/** A row of column numbers under the header (1 2 3 … or （一）（二）…), which some offices add. */
function isNumberingRow(row: RawCell[]): boolean {
  const cells = row.map(text).filter(Boolean);
  return cells.length >= 3 && cells.every((c, i) => c === String(i + 1) || c === `（${i + 1}）` || c === `(${i + 1})`);
}

/**
 * The rows under the header that hold data, up to the 合计 row or the footer. Blank rows
 * do not end the table (a unit may type into the tenth of the blank rows a sent-down
 * file leaves), but what comes after three or more of them is pointed out; a repeated
 * header starts another table, and ends this one.
 */
function dataRowsFrom(sheet: RawSheet, first: number, keyColumns: number[], headers: Set<string>): { rows: number[]; afterGap: number[]; afterEnd: TableLayout['afterEnd']; anotherTable: number | null } {
  const rows: number[] = [];
  const afterGap: number[] = [];
  let blanks = 0;
  let ended = false;
  let anotherTable: number | null = null;
  let r = first;
  const mayBeHeader = headerFilter(headers);
  for (; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const cells = row.map(text);
    // The row's first text, wherever the table begins (offices start tables in any column).
    const lead = (cells.find(Boolean) ?? '').replace(/\s+/g, '');
    if (FOOTER.test(lead)) break;
    if (END.test(lead)) {
      // A 合计 right under the header (as statistical tables put it) is skipped; anywhere else it ends the table.
      if (rows.length === 0) continue;
      ended = true;
      break;
    }
    if (cells.every((c) => !c)) {
      blanks++;
      continue;
    }
    const gap = blanks >= 3;
    blanks = 0;
    // The header again: another table begins (another township's, pasted below). Not read, and said.
    if (cells.filter((c) => mayBeHeader(c) && headers.has(headerKey(c))).length >= (gap ? 2 : 3)) {
      anotherTable = r;
      break;
    }
    if (SUBTOTAL.test(lead) || (rows.length === 0 && isNumberingRow(row))) continue;
    // A row with nothing in the key columns and one value at most is a stray note, not a record.
    if (keyColumns.length && keyColumns.every((c) => !cells[c]) && cells.filter(Boolean).length <= 1) continue;
    if (gap && rows.length) afterGap.push(r);
    rows.push(r);
  }
  // Rows typed under the 合计 or the footer (a branch added at the bottom of the sheet): not
  // read, and pointed out. Footer lines themselves (填报人：… 审核人：…) are not records.
  const afterEnd: TableLayout['afterEnd'] = [];
  let under: '合计' | '落款' = ended ? '合计' : '落款';
  for (r = anotherTable === null && r < sheet.rows.length ? r + 1 : sheet.rows.length; r < sheet.rows.length; r++) {
    const cells = (sheet.rows[r] ?? []).map(text);
    const filled = cells.filter(Boolean).map((c) => c.replace(/\s+/g, ''));
    if (filled.some((c) => FOOTER.test(c))) {
      under = '落款';
      continue;
    }
    if (filled.length >= 2 && !END.test(filled[0]!)) afterEnd.push({ row: r, under });
  }
  return { rows, afterGap, afterEnd, anotherTable };
}

/**
 * Vertically merged cells in the data (a township merged over its branches, a leader's name
 * over the points he guides) hold their value in the top-left cell only: copy it down to every
 * row of the merge, in the merge's first column (a merge two columns wide holds one value).
 */
export function fillMergedDown(sheet: RawSheet, fromRow: number): void {
  for (const m of sheet.merges) {
    if (m.s.r < fromRow || m.e.r === m.s.r) continue;
    const v = sheet.rows[m.s.r]?.[m.s.c] ?? null;
    for (let r = m.s.r + 1; r <= m.e.r; r++) {
      // A new row, not the old one changed: a copy of the sheet (another template's guess) leaves the reader's rows as they were.
      const row = [...(sheet.rows[r] ?? [])];
      row[m.s.c] = v;
      sheet.rows[r] = row;
    }
  }
}

/** The header row where this template sheet's columns are found best, if enough of them and its keys are. */
function bestHeader(sheet: RawSheet, tsheet: TemplateSheet, scanRows: number): { r: number; map: ColumnMap; depth: number; score: number } | null {
  let best: { r: number; map: ColumnMap; depth: number; score: number } | null = null;
  for (let r = 0; r < Math.min(scanRows, sheet.rows.length); r++) {
    const m = mapAt(sheet, r, tsheet.columns);
    if (!best || m.score > best.score) best = { r, ...m };
  }
  const importable = tsheet.columns.filter((c) => c.type !== 'serial');
  const keys = importable.filter((c) => c.key && c.required);
  if (!best || best.score < Math.min(3, importable.length) || !keys.every((k) => [...best!.map.fields.values()].includes(k.field))) return null;
  return best;
}

/**
 * The best place for this template sheet's table in a sheet without a manifest: its header row
 * and map. Where tables stand side by side (an empty column between them), the table is the one
 * whose columns the template maps best, read on its own columns; the others are said, not read.
 */
export function findTable(sheet: RawSheet, tsheet: TemplateSheet, scanRows = 100): TableLayout | null {
  const found = bestHeader(sheet, tsheet, scanRows);
  if (!found) return null;
  const blocks = tableBlocks(sheet, found.r, found.depth);
  if (blocks.length < 2) return layoutWith(sheet, found.r, found.depth, found.map, tsheet);
  let best: { block: TableBlock; at: NonNullable<ReturnType<typeof bestHeader>> } | null = null;
  for (const block of blocks) {
    const at = bestHeader(block.view, tsheet, scanRows);
    if (at && (!best || at.score > best.at.score)) best = { block, at };
  }
  if (!best) return null;
  const layout = layoutWith(best.block.view, best.at.r, best.at.depth, best.at.map, tsheet);
  return { ...layout, within: best.block.view, besides: blocks.filter((b) => b !== best!.block) };
}

/** The sheet with only the columns `first`..`last` (the same addresses; merges within them). */
function withinColumns(sheet: RawSheet, first: number, last: number): RawSheet {
  return {
    ...sheet,
    rows: sheet.rows.map((row) => row.map((v, c) => (c >= first && c <= last ? v : null))),
    merges: sheet.merges.filter((m) => m.s.c >= first && m.e.c <= last),
  };
}

/**
 * Tables side by side under header row `r`: runs of columns with header text, split where a
 * column is empty in the header and in every row below it (an unlabelled column inside a table
 * holds data, and does not split it). One block: a single table.
 */
export function tableBlocks(sheet: RawSheet, r: number, depth: number): TableBlock[] {
  const headerRows = depth === 2 ? [r, r + 1] : [r];
  const heads = headerRows.map((x) => headerCells(sheet, x));
  const width = Math.max(...heads.map((h) => h.length));
  const used = (c: number) => heads.some((h) => h[c]) || sheet.rows.slice(r + depth).some((row) => text(row[c]) !== '');
  const runs: { first: number; last: number }[] = [];
  for (let c = 0; c < width; c++) {
    if (!heads.some((h) => h[c])) {
      if (!used(c)) continue;
      // A column with data but no header: part of the table to its left.
      if (runs.length && runs[runs.length - 1]!.last === c - 1) runs[runs.length - 1]!.last = c;
      continue;
    }
    const open = runs[runs.length - 1];
    if (open && open.last === c - 1) open.last = c;
    else runs.push({ first: c, last: c });
  }
  if (runs.length < 2) return [];
  return runs.map(({ first, last }) => {
    const view = withinColumns(sheet, first, last);
    let bottom = r + depth - 1;
    view.rows.forEach((row, i) => {
      if (i > bottom && row.some((v) => text(v) !== '')) bottom = i;
    });
    const headers: string[] = [];
    for (let c = first; c <= last; c++) {
      const label = [...new Set(heads.map((h) => h[c] ?? '').filter(Boolean))].join('·');
      if (label && headers[headers.length - 1] !== label) headers.push(label);
    }
    return { first, last, top: r, bottom, headers, view };
  });
}

/** The layout for a known header position and column map (a manifest's, or one the user confirmed). */
export function layoutWith(sheet: RawSheet, headerRow: number, depth: number, map: ColumnMap, tsheet: TemplateSheet): TableLayout {
  const first = headerRow + depth;
  fillMergedDown(sheet, first);
  const keyColumns = [...map.fields].filter(([, f]) => tsheet.columns.find((c) => c.field === f)?.key).map(([i]) => i);
  const mapped = new Set(map.fields.values());
  const headerRows = depth === 2 ? [headerRow, headerRow + 1] : [headerRow];
  const headers = new Set(headerRows.flatMap((r) => headerCells(sheet, r).map(headerKey)).filter(Boolean));
  const data = dataRowsFrom(sheet, first, keyColumns, headers);
  return {
    headerRows,
    firstDataRow: first,
    dataRows: data.rows,
    afterGap: data.afterGap,
    afterEnd: data.afterEnd,
    anotherTable: data.anotherTable,
    columns: map,
    unmapped: tsheet.columns.filter((c) => c.type !== 'serial' && !mapped.has(c.field)).map((c) => c.field),
    score: map.fields.size / Math.max(1, tsheet.columns.filter((c) => c.type !== 'serial').length),
  };
}

/**
 * What the layout left out or read past, said with its cell: rows under the 合计 or the footer, a
 * second table, rows after a gap. `noun`: what a row the file adds is (党支部, 工作记录…).
 */
export function layoutProblems(sheet: RawSheet, layout: TableLayout, noun = '党支部'): ImportProblem[] {
  const problems: ImportProblem[] = [];
  /** A row's first filled cell (offices start tables in any column). */
  const firstCell = (r: number) => `${columnLetter(Math.max(0, (sheet.rows[r] ?? []).findIndex((v) => v !== null && String(v).trim() !== '')))}${r + 1}`;
  for (const { row: r, under } of layout.afterEnd) {
    const where = under === '合计' ? '“合计”行之后' : '“填报人”“审核人”等落款之下';
    problems.push({ severity: 'warning', sheet: sheet.name, cell: firstCell(r), message: `第 ${r + 1} 行在${where}，没有读入。如果是新增的${noun}，请把它移到${under === '合计' ? '合计行' : '落款'}之上再导入。` });
  }
  if (layout.anotherTable !== null) {
    const r = layout.anotherTable;
    problems.push({ severity: 'warning', sheet: sheet.name, cell: firstCell(r), message: `第 ${r + 1} 行起表头重复出现，是另一张表，没有读入。请把它放到单独的工作表或文件中再导入。` });
  }
  for (const r of layout.afterGap) {
    problems.push({ severity: 'warning', sheet: sheet.name, cell: `A${r + 1}`, message: `第 ${r + 1} 行之前隔着三行以上空行，其后的行也已读入，请核对它们是否属于这张表。` });
  }
  return problems;
}

/** Identifies a layout: the header texts, so a file laid out the same way reuses a confirmed mapping. */
export function layoutSignature(sheet: RawSheet, headerRows: number[]): string {
  return headerRows.map((r) => headerCells(sheet, r).map(headerKey).join('|')).join('||');
}

/** Sheets that hold notes for whoever fills the form, not data. */
export function isNotesSheet(sheet: RawSheet): boolean {
  if (/说明|填表|注意|须知|封面|目录|readme|notes?/i.test(sheet.name)) return true;
  return sheet.rows.filter((r) => r.some((c) => text(c))).length < 2;
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
