/**
 * What a date cell holds, judged by its number format: the rule both readers follow (stream.ts
 * for returned exports, parse-worker.mjs with SheetJS for everything else). A month is not a
 * day: typing 2024年3月 or 2024-3 in Excel or WPS makes a date cell holding 2024-03-01 that
 * shows only 2024年3月 (yyyy"年"m"月", yyyy-mm, mmm-yy…). Such a cell is read as the month it
 * shows, YYYY-MM, and parseDate keeps it as a month where the field allows it and refuses it
 * with the reason elsewhere; the day 1 it holds is never taken for a day the unit wrote.
 * Plain erasable TypeScript, so the worker loads it as it is (Node strips the types) or bundled.
 */
import type { RawCell } from './index.ts';

/** How a date cell is read: as its day, or only as the month or the year its format shows. */
export type DateReading = 'day' | 'month' | 'year';

/**
 * The built-in number formats that show dates and times, by id, as Excel and WPS in Chinese
 * show them (a file names them by id only). 27–36 and 50–58 are East Asian: in the zh-CN
 * table 27, 36, 50, 52 and 57 are yyyy"年"m"月" (a month), the others month and day, or a time.
 */
export const BUILTIN_DATE_FORMATS: Readonly<Record<number, string>> = {
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/**
 * How a cell with this number format is read if it holds a date, or null when the format shows
 * no date (General, 0.00, @…). Only the first section counts (the one a date, a positive number,
 * is shown with); quoted text, escaped characters and [colours] or [$-804] are not codes; an m
 * after an h or before an s is minutes. A format with a day, or a time alone, reads the date as
 * before; one with a month and no day, the month; a year alone, the year.
 */
export function dateReading(format: string): DateReading | null {
  const f = format.toLowerCase();
  // The date and time codes in order, a run of one letter as one code: y (and e, b: era years), m, d, h, s.
  const codes: string[] = [];
  let time = false;
  for (let i = 0; i < f.length; ) {
    const c = f[i]!;
    if (c === ';') break;
    if (c === '"') {
      const end = f.indexOf('"', i + 1);
      i = end < 0 ? f.length : end + 1;
    } else if (c === '\\' || c === '_' || c === '*') i += 2;
    else if (c === '[') {
      const end = f.indexOf(']', i);
      // [h]:mm:ss and the like: elapsed time.
      const inside = f.slice(i + 1, end < 0 ? f.length : end);
      if (/^(h+|m+|s+)$/.test(inside)) codes.push(inside[0] === 'm' ? 'minutes' : inside[0]!);
      i = end < 0 ? f.length : end + 1;
    } else if (f.startsWith('general', i)) i += 7;
    else if (f.startsWith('am/pm', i) || f.startsWith('上午/下午', i)) {
      time = true;
      i += 5;
    } else if (f.startsWith('a/p', i)) {
      time = true;
      i += 3;
    } else if (c === 'e' && (f[i + 1] === '+' || f[i + 1] === '-')) i += 2; // 0.00E+00
    else if (c === 'b' && (f[i + 1] === '1' || f[i + 1] === '2')) i += 2; // a calendar (B2: Hijri), not a code
    else if ('ymdhseb'.includes(c)) {
      const code = c === 'e' || c === 'b' ? 'y' : c;
      if (codes.at(-1) !== code) codes.push(code);
      while (f[i] === c) i++;
    } else i++;
  }
  let day = false;
  let month = false;
  let year = false;
  codes.forEach((code, k) => {
    if (code === 'd') day = true;
    else if (code === 'y') year = true;
    else if (code === 'm') {
      if (codes[k - 1] === 'h' || codes[k + 1] === 's') time = true;
      else month = true;
    } else time = true;
  });
  if (day) return 'day';
  if (month) return 'month';
  if (year) return 'year';
  return time ? 'day' : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel shows no date for a number below 0 or past 9999-12-31 (it fills the cell with ####). */
const LAST_SERIAL = 2958465;

/**
 * Whether a number in a date cell is what the unit typed rather than a date: 2024.3, 2024 or
 * 202403 typed into a date-formatted cell stay those numbers (Excel then shows 1905-07-16,
 * 1905-07-16 or 2454-03-…, dates no ledger holds), and a number no date can be (20240301) is
 * one too. Read as the number, it is judged, and reported, as what the unit typed.
 */
function typedNotDate(n: number): boolean {
  if (n < 0 || n > LAST_SERIAL) return true;
  if (n >= 1900 && n < 2101) return true;
  return Number.isInteger(n) && n >= 190001 && n <= 210012 && n % 100 >= 1 && n % 100 <= 12;
}

/**
 * A number in a date cell read as its format shows it: YYYY-MM-DD, YYYY-MM or YYYY (rounded to
 * the second first: a serial of 23:59:59.999 is the next day); a number the unit typed, as itself.
 */
export function dateCellValue(serial: number, reading: DateReading, date1904: boolean): RawCell {
  if (typedNotDate(serial)) return serial;
  const d = new Date(Math.round((serial - (date1904 ? 24107 : 25569)) * 86400) * 1000);
  const year = String(d.getUTCFullYear());
  if (reading === 'year') return year;
  const month = `${year}-${pad(d.getUTCMonth() + 1)}`;
  return reading === 'month' ? month : `${month}-${pad(d.getUTCDate())}`;
}
