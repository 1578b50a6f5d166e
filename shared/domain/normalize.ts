/**
 * What people type, made into values: full-width digits, units after numbers (12人),
 * dates as 2023.5.1 / 2023年5月1日 / 2023/5/1, flags as 是/否/√/×/达标/未达标, and
 * dictionary synonyms. Used by the grid, paste and import alike. A value that cannot
 * be understood is reported, never dropped: the caller keeps the raw text.
 */
import type { DictEntry } from '../contract/types.ts';

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; message: string };

/**
 * Full-width digits and Latin letters → half-width, ideographic and non-breaking spaces →
 * spaces, trimmed. Chinese punctuation such as （兼） stays: it belongs to the text.
 */
export function normalizeText(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2002-\u200B\uFEFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** In numbers, dates and phone numbers full-width marks mean the ASCII ones: １，２３４ ２０２４．３．５ ０４７６－… */
function halfWidthMarks(text: string): string {
  return text.replace(/[，．／－＋（）]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const EMPTY = new Set(['', '无', '—', '-', '--', '/', '／']);

function isEmpty(text: string): boolean {
  return EMPTY.has(text);
}

/** Whole numbers, with thousands separators, full-width digits, or a unit after them (12人, 3个). */
export function parseInteger(input: unknown, options: { min?: number; max?: number } = {}): Parsed<number> {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `“${input}”不是整数` };
    if (!Number.isInteger(input)) return { ok: false, message: `应为整数，“${input}”有小数` };
    if (options.min !== undefined && input < options.min) return { ok: false, message: `不能小于 ${options.min}` };
    if (!Number.isSafeInteger(input) || (options.max !== undefined && input > options.max)) return { ok: false, message: `“${input}”过大（最大 ${(options.max ?? Number.MAX_SAFE_INTEGER).toLocaleString('en-US')}）` };
    return { ok: true, value: input };
  }
  const text = halfWidthMarks(normalizeText(String(input)));
  if (isEmpty(text)) return { ok: true, value: null };
  const m = /^(-?\d{1,3}(?:,\d{3})+|-?\d+)(?:\.0+)?\s*(?:人|名|个|户|家|次|项)?$/.exec(text);
  if (!m) return { ok: false, message: `“${text}”不是整数` };
  return parseInteger(Number(m[1]!.replace(/,/g, '')), options);
}

/**
 * Decimal numbers such as funds in 万元: 12.5, １２．５, 1,234.5, 12.5万元, with at most `scale`
 * places. More places are refused, not rounded (3.456 万元 is 60 元 more than 3.46); only a
 * spreadsheet's binary noise (0.1 + 0.2) is rounded away.
 */
export function parseDecimal(input: unknown, options: { min?: number; max?: number; scale?: number } = {}): Parsed<number> {
  if (input === null || input === undefined) return { ok: true, value: null };
  const scale = options.scale ?? 2;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `“${input}”不是数字` };
    if (options.min !== undefined && input < options.min) return { ok: false, message: `不能小于 ${options.min}` };
    if (options.max !== undefined && input > options.max) return { ok: false, message: `“${input}”过大（最大 ${options.max.toLocaleString('en-US')}）` };
    const f = 10 ** scale;
    const rounded = Math.round(input * f) / f;
    if (Math.abs(rounded - input) > 1e-9 * Math.max(1, Math.abs(input))) return { ok: false, message: `“${input}”超过 ${scale} 位小数，请核对后重填` };
    return { ok: true, value: rounded };
  }
  const text = halfWidthMarks(normalizeText(String(input)));
  if (isEmpty(text)) return { ok: true, value: null };
  const m = /^(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+)\s*(?:万元|万)?$/.exec(text);
  if (!m) return { ok: false, message: `“${text}”不是数字` };
  return parseDecimal(Number(m[1]!.replace(/,/g, '')), options);
}

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Spreadsheet serial numbers of 1921-07-01 and 2100-12-31 (days since 1899-12-30): the dates a ledger holds. */
const SERIAL_MIN = 7853;
const SERIAL_MAX = 73415;

/**
 * Dates as YYYY-MM-DD. A month alone (2023年5月, 2023.5, 2023-05) is not a day: with
 * `month` (a field that is kept by the month, as 换届时间 often is) it is kept as YYYY-MM;
 * otherwise it is refused with the reason. A day is never made up.
 */
export function parseDate(input: unknown, options: { month?: boolean } = {}): Parsed<string> {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (input instanceof Date) {
    // Spreadsheet dates arrive as UTC midnight: read them in UTC so they do not shift in UTC+8.
    return { ok: true, value: isoDate(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate()) };
  }
  // A date in a cell formatted 常规 (General) arrives as its serial number: 45047 is 2023-05-01.
  if (typeof input === 'number' && input >= SERIAL_MIN && input <= SERIAL_MAX) {
    return parseDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(input) * 86_400_000));
  }
  // A spreadsheet keeps 2024.10 typed as a number as 2024.1: as a number, ".1" may be January or October.
  if (typeof input === 'number' && Number.isFinite(input) && Math.floor(input) >= 1900 && Math.round((input % 1) * 10) === 1 && Math.abs(input * 10 - Math.round(input * 10)) < 1e-9) {
    return { ok: false, message: `“${input}”可能是 ${Math.floor(input)} 年 1 月，也可能是 10 月（表格会把 ${Math.floor(input)}.10 存成 ${input}），请写成 ${Math.floor(input)}年1月 或 ${Math.floor(input)}年10月` };
  }
  const text = halfWidthMarks(normalizeText(String(input)));
  if (isEmpty(text)) return { ok: true, value: null };
  const full = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$/.exec(text);
  const month = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$/.exec(text);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const parts = full ?? compact;
  if (!parts && month && isoDate(+month[1]!, +month[2]!, 1) !== null) {
    if (!options.month) return { ok: false, message: `“${text}”只有年月、没有日，请写完整日期（如 ${month[1]}-${month[2]!.padStart(2, '0')}-05）` };
    const value = `${month[1]}-${month[2]!.padStart(2, '0')}`;
    if (value < '1921-07' || value > '2100-12') return { ok: false, message: `日期“${text}”超出合理范围` };
    return { ok: true, value };
  }
  const value = parts ? isoDate(+parts[1]!, +parts[2]!, +parts[3]!) : null;
  if (value === null) return { ok: false, message: `“${text}”不是有效日期（可写作 2024-03-05、2024.3.5 或 2024年3月5日${options.month ? '，或只写年月如 2024年3月' : ''}）` };
  if (value < '1921-07-01' || value > '2100-12-31') return { ok: false, message: `日期“${text}”超出合理范围` };
  return { ok: true, value };
}

/** Yes and no as offices write them, also of a thing set up or not (已建 / 未建 a branch committee). */
const TRUE_WORDS = new Set(['是', '√', '✓', '✔', '有', '达标', 'y', 'yes', 'true', '1', '对', '已建', '已建立', '已成立', '已设立', '已配备', '已达标']);
const FALSE_WORDS = new Set(['否', '×', '✗', '✘', 'x', '未达标', '不达标', 'n', 'no', 'false', '0', '不是', '没有', '未建', '未建立', '未成立', '未设立', '未配备']);

export function parseFlag(input: unknown): Parsed<boolean> {
  if (input === null || input === undefined) return { ok: true, value: null };
  if (typeof input === 'boolean') return { ok: true, value: input };
  const text = normalizeText(String(input)).toLowerCase();
  if (text === '' || text === '—' || text === '-') return { ok: true, value: null };
  if (TRUE_WORDS.has(text)) return { ok: true, value: true };
  if (FALSE_WORDS.has(text) || text === '无') return { ok: true, value: false };
  return { ok: false, message: `“${text}”应填“是”或“否”` };
}

/**
 * A dictionary value reduced to what it says: no quotes of any kind (旗县级“最强党支部”,
 * 旗县级‘最强党支部’ and 旗县级"最强党支部" are one value), no spaces, Latin letters in lower case.
 */
export function dictKey(input: unknown): string {
  return normalizeText(String(input ?? ''))
    .replace(/[“”‘’"'「」『』〝〞＂＇`]/g, '')
    .replace(/\s/g, '')
    .toLowerCase();
}

/** Each dictionary's keys (labels, codes, synonyms) → code, made once per list of entries: resolving runs for every distinct cell of a file. */
const keyIndex = new WeakMap<readonly DictEntry[], Map<string, Map<string, string>>>();

function keysOf(entries: readonly DictEntry[], dict: string): Map<string, string> {
  let byDict = keyIndex.get(entries);
  if (!byDict) keyIndex.set(entries, (byDict = new Map()));
  let keys = byDict.get(dict);
  if (keys) return keys;
  keys = new Map();
  const own = entries.filter((e) => e.dict === dict);
  // Labels and codes first, then synonyms: a synonym never takes another entry's label.
  for (const e of own) for (const k of [e.label, e.code].map(dictKey)) if (k && !keys.has(k)) keys.set(k, e.code);
  for (const e of own) for (const k of e.synonyms.map(dictKey)) if (k && !keys.has(k)) keys.set(k, e.code);
  byDict.set(dict, keys);
  return keys;
}

/** What a dictionary's refusal says: the import lists such values once each (services/import/values.ts). */
export const NOT_IN_DICT = '不在可选范围内';

/** A label, a code or a synonym → the entry's code; quotes and spaces do not matter. */
export function resolveDict(entries: readonly DictEntry[], dict: string, input: unknown): Parsed<string> {
  if (input === null || input === undefined) return { ok: true, value: null };
  const text = normalizeText(String(input));
  if (text === '') return { ok: true, value: null };
  const own = entries.filter((e) => e.dict === dict);
  // Before the placeholders: 无 in the “最强党支部” column says the branch holds no title, not that nothing was written.
  const hit = own.find((e) => e.label === text || e.code === text)?.code ?? keysOf(entries, dict).get(dictKey(text));
  if (hit) return { ok: true, value: hit };
  if (isEmpty(text)) return { ok: true, value: null };
  const choices = own.filter((e) => e.active).map((e) => e.label).join('、');
  return { ok: false, message: `“${text}”${NOT_IN_DICT}（可选：${choices}）` };
}

/** Mobile (11 digits) or landline with area code; typed as a number is fine. */
export function parsePhone(input: unknown): Parsed<string> {
  if (input === null || input === undefined) return { ok: true, value: null };
  // 0476 8221234, (0476)8221234: the area code is set apart by a hyphen, as offices print it.
  const text = halfWidthMarks(normalizeText(String(input)))
    .replace(/^\((0\d{2,3})\)\s*|^(0\d{2,3})[\s.]+(?=\d{7,8}\b)/, (_, a: string | undefined, b: string | undefined) => `${a ?? b}-`)
    .replace(/\s|[()]/g, '');
  if (isEmpty(text)) return { ok: true, value: null };
  if (/^1[3-9]\d{9}$/.test(text) || /^0\d{2,3}-?\d{7,8}(-\d{1,5})?$/.test(text) || /^\d{7,8}$/.test(text)) return { ok: true, value: text };
  return { ok: false, message: `“${text}”不像电话号码（手机 11 位，座机如 0476-8221234）` };
}

/**
 * Text as typed, normalised. `multiline` (a long text: notes, measures, problems found) keeps
 * the lines a person broke (Alt+Enter in a cell, Enter in a dialog's text area); blank lines
 * at either end go.
 */
export function parseText(input: unknown, maxLength = 500, multiline = false): Parsed<string> {
  if (input === null || input === undefined) return { ok: true, value: null };
  const text = multiline
    ? String(input)
        .split(/\r\n|[\r\n\u2028\u2029]/)
        .map(normalizeText)
        .join('\n')
        .replace(/^\n+|\n+$/g, '')
    : normalizeText(String(input));
  if (text === '') return { ok: true, value: null };
  if (text.length > maxLength) return { ok: false, message: `内容过长（${text.length} 字，最多 ${maxLength} 字）` };
  return { ok: true, value: text };
}
