/**
 * Pinyin keys stored beside Chinese names: SQLite's collation knows no pinyin, so
 * the sort key (full pinyin) and the search key (initials, `tyz` for 天义镇) are
 * computed once when a name is written.
 */
import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  /** Full pinyin without tones, syllables joined by spaces: sorts as the collator does for most names. */
  sortKey: string;
  /** First letters of each syllable, lower case: what people type to find a unit. */
  initials: string;
}

export function pinyinKeys(name: string): PinyinKeys {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const sortKey = syllables.join(' ').toLowerCase();
  const initials = syllables
    .map((s) => s.trim().charAt(0))
    .join('')
    .toLowerCase();
  return { sortKey, initials };
}

