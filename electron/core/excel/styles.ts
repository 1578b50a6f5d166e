/**
 * The look of the official tables: 黑体 for the attachment number and headers,
 * 方正小标宋简体 (or 宋体 bold) for the title, 仿宋_GB2312 for the body and the lines
 * around the table, thin borders. Every cell gets a whole, shared, frozen style
 * object: ExcelJS would otherwise write Calibri, and shared objects are what make
 * 100,000 rows fast (it caches the style per object; frozen, so none is changed by
 * accident for all the cells that share it).
 */
import type * as Excel from 'exceljs';
import type { CellType } from '../../../shared/templates/types.ts';

export type Align = 'left' | 'center' | 'right';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

export const fonts = {
  attachment: { name: '黑体', size: 16 },
  title: { fzxbs: { name: '方正小标宋简体', size: 20 }, songBold: { name: '宋体', size: 20, bold: true } },
  line: { name: '仿宋_GB2312', size: 12 },
  header: { name: '黑体', size: 11 },
  body: { name: '仿宋_GB2312', size: 11 },
  hidden: { name: '宋体', size: 9 },
} as const;

export const numFmts: Partial<Record<CellType, string>> = {
  serial: '0',
  integer: '0',
  decimal: '0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  phone: '@',
};

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

const cache = new Map<string, Partial<Excel.Style>>();

function shared(key: string, make: () => Partial<Excel.Style>): Partial<Excel.Style> {
  let s = cache.get(key);
  if (!s) cache.set(key, (s = deepFreeze(make())));
  return s;
}

export const style = {
  attachment: () => shared('attachment', () => ({ font: fonts.attachment, alignment: { horizontal: 'left', vertical: 'middle' } })),
  title: (font: 'fzxbs' | 'songBold') => shared(`title:${font}`, () => ({ font: fonts.title[font], alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } })),
  line: (align: Align) => shared(`line:${align}`, () => ({ font: fonts.line, alignment: { horizontal: align, vertical: 'middle' } })),
  note: () => shared('note', () => ({ font: fonts.line, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } })),
  header: () => shared('header', () => ({ font: fonts.header, border, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, protection: { locked: true } })),
  /** A body cell: aligned by its type, locked unless it is an input cell. */
  body: (type: CellType, align: Align, locked: boolean) =>
    shared(`body:${type}:${align}:${locked}`, () => ({
      font: fonts.body,
      border,
      // Text wraps wherever it may be long (a field such as 非公有制经济组织 in a narrow centred column); numbers never do.
      alignment: { horizontal: align, vertical: 'middle', wrapText: align !== 'right' },
      protection: { locked },
      ...(numFmts[type] ? { numFmt: numFmts[type] } : {}),
    })),
  totals: (type: CellType, align: Align) =>
    shared(`totals:${type}:${align}`, () => ({
      font: { ...fonts.body, bold: true },
      border,
      alignment: { horizontal: align, vertical: 'middle' },
      protection: { locked: true },
      ...(numFmts[type] ? { numFmt: numFmts[type] } : {}),
    })),
  hidden: () => shared('hidden', () => ({ font: fonts.hidden, protection: { locked: true } })),
  /** The hidden sheets' cells: one shared object, so ExcelJS looks the style up once, not per cell. */
  plain: () => shared('plain', () => ({ font: fonts.hidden })),
};

/** Numbers right, serials, flags, dates and short codes centred, text left. */
export function alignOf(type: CellType, explicit?: Align): Align {
  if (explicit) return explicit;
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return 'right';
    case 'serial':
    case 'flag':
    case 'date':
    case 'dict':
    case 'phone':
      return 'center';
    default:
      return 'left';
  }
}
