import type { DictEntry } from '../../shared/contract/types.ts';

/** code → label lookup for one dictionary, falling back to the code itself. */
export function labeler(entries: DictEntry[] | undefined, dict: string): (code: string | null) => string {
  const map = new Map((entries ?? []).filter((e) => e.dict === dict).map((e) => [e.code, e.label]));
  return (code) => (code === null ? '' : (map.get(code) ?? code));
}

export const numberFormat = new Intl.NumberFormat('zh-CN');

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A moment the core records (ISO text, in UTC) as the PC's clock shows it: 2026-12-08 01:33.
 * Cutting the ISO text showed UTC: eight hours behind on a PC in China.
 */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDay(iso)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The day of a recorded moment on the PC's calendar (a moment before 8:00 in China is on the day UTC calls the one before). */
export function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}
