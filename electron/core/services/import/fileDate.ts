/**
 * When a file without our manifest was made: the date its office wrote (填报日期 in the title
 * rows or the footer), else the time the workbook was last saved. An older file compared with
 * what we hold must not quietly revert what was changed here after it (judge.ts `olderFile`).
 */
import type { RawCell, RawSheet } from '../../excel/reader/index.ts';
import type { TableLayout } from './layout.ts';

export interface FileMade {
  /** As a person reads it: 2026-01-10 (written), or 2026-01-20 16:30 (saved, China time). */
  shown: string;
  /** The moment after which a change here is newer than the file (ISO, UTC). */
  since: string;
  by: 'filled' | 'saved';
}

const DATED = /(填报|填表|报送|制表)(日期|时间)/;
const DATE = /(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})/;

/** China's time (UTC+8), as the offices' PCs keep it. */
const CHINA_MS = 8 * 3600_000;

/** A moment as a person in the office reads it: 2026-01-20 16:30. */
export const chinaTime = (iso: string): string => new Date(Date.parse(iso) + CHINA_MS).toISOString().slice(0, 16).replace('T', ' ');

function dateIn(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const text = (c: RawCell | undefined) => (c === null || c === undefined ? '' : String(c).trim());

/** The 填报日期 written above or below the table: in its cell (填报日期：2026年1月10日) or the next one filled. */
export function filledOn(sheet: RawSheet, layout: Pick<TableLayout, 'headerRows' | 'dataRows'>): string | null {
  const data = new Set([...layout.headerRows, ...layout.dataRows]);
  for (let r = 0; r < sheet.rows.length; r++) {
    if (data.has(r)) continue;
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const t = text(row[c]);
      const at = t.search(DATED);
      if (at < 0) continue;
      const same = dateIn(t.slice(at));
      if (same) return same;
      const next = row.slice(c + 1).map(text).find(Boolean);
      const after = next ? dateIn(next) : null;
      if (after) return after;
    }
  }
  return null;
}

/** When the file was made: its 填报日期 (a change here after that day, China time, is newer), else its saved time. */
export function fileMade(sheet: RawSheet, layout: Pick<TableLayout, 'headerRows' | 'dataRows'>, savedAt: string | null | undefined): FileMade | null {
  const day = filledOn(sheet, layout);
  if (day) return { shown: day, since: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000 - CHINA_MS).toISOString(), by: 'filled' };
  if (savedAt && !Number.isNaN(Date.parse(savedAt))) return { shown: chinaTime(savedAt), since: new Date(Date.parse(savedAt)).toISOString(), by: 'saved' };
  return null;
}
