/**
 * The bundled divisions of Inner Mongolia as the first run offers them: a league or city,
 * a banner/county/district, or a sumu/township/street office, found by name, code or
 * pinyin initials; and which units below one of them are Party committees of their own.
 *
 * The statistical code says little about that (a 4xx township code is a park or a farm,
 * but 宁城县铁西街道 is 150429407), so a unit below a county is decided by its name:
 * 街道 / 镇 / 乡 / 苏木 are committees, parks, farms, zones and the rest are offered as extras
 * the user may tick. Banner-level codes 15xx7x are development zones: extras too.
 */
import type { Division } from '../../../../shared/contract/types.ts';
import { pinyinKeys } from '../../../../shared/domain/pinyin.ts';
import { divisionLines } from './divisionList.ts';

interface Entry extends Division {
  /** Pinyin initials of the official and of the shown name. */
  initials: string[];
}

const regularTownship = /(街道|街道办事处|镇|乡|苏木)$/;
const statisticalCounty = /^\d{4}7\d$/;

/** The name a unit is known by at home: 宁城县铁西街道 → 铁西街道, 敖汉旗人民政府新州街道 → 新州街道, 保康街道办事处 → 保康街道. */
export function shownName(name: string, countyName: string | null): string {
  let n = name;
  if (countyName && n.startsWith(countyName) && n.length > countyName.length + 1) n = n.slice(countyName.length);
  if (n.startsWith('人民政府') && n.length > 5) n = n.slice(4);
  return n.replace(/街道办事处$/, '街道');
}

function levelOf(code: string): Division['level'] {
  return code.length === 4 ? 'city' : code.length === 6 ? 'county' : 'township';
}

let loaded: { list: Entry[]; byCode: Map<string, Entry> } | null = null;

/** Parsed once, on first use (the first run and the CLI's init need it; nothing else does). */
function divisions(): { list: Entry[]; byCode: Map<string, Entry> } {
  if (loaded) return loaded;
  const byCode = new Map<string, Entry>();
  const list: Entry[] = [];
  for (const line of divisionLines.split('\n')) {
    if (!line) continue;
    const [code, official, initials] = line.split('\t') as [string, string, string];
    const level = levelOf(code);
    const parentCode = level === 'city' ? null : code.slice(0, level === 'county' ? 4 : 6);
    const parent = parentCode ? byCode.get(parentCode) : undefined;
    const name = level === 'township' ? shownName(official, parent?.name ?? null) : official;
    const city = level === 'city' ? null : byCode.get(code.slice(0, 4));
    const entry: Entry = {
      code,
      name,
      official,
      level,
      parentCode,
      place: level === 'township' ? `${city?.name ?? ''}${parent?.name ?? ''}` : (city?.name ?? '内蒙古自治区'),
      regular: level === 'city' || (level === 'county' ? !statisticalCounty.test(code) : regularTownship.test(official)),
      initials: name === official ? [initials] : [initials, pinyinKeys(name).initials],
    };
    byCode.set(code, entry);
    list.push(entry);
  }
  loaded = { list, byCode };
  return loaded;
}

const plain = ({ initials: _initials, ...d }: Entry): Division => d;

export function divisionByCode(code: string): Division | undefined {
  const d = divisions().byCode.get(code);
  return d && plain(d);
}

/** Units whose name is exactly `name` (the shown or the official one). */
export function divisionsNamed(name: string): Division[] {
  return divisions().list.filter((d) => d.name === name || d.official === name).map(plain);
}

/**
 * Divisions for what is typed: a code (its prefix), a name (or part of it), or pinyin initials.
 * Exact names first, then the start of a name or initials, then anywhere in it; leagues before
 * banners before townships; committees before parks and farms.
 */
export function searchDivisions(query: string, limit: number): Division[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const levelRank = { city: 0, county: 1, township: 2 } as const;
  const scored: { d: Entry; rank: number }[] = [];
  for (const d of divisions().list) {
    let rank: number;
    if (/^\d+$/.test(q)) rank = d.code === q ? 0 : d.code.startsWith(q) ? 1 : -1;
    else if (d.name === query.trim() || d.official === query.trim()) rank = 0;
    else if (d.name.startsWith(query.trim()) || d.initials.some((i) => i.startsWith(q))) rank = 1;
    else if (d.official.includes(query.trim()) || d.initials.some((i) => i.includes(q))) rank = 2;
    else rank = -1;
    if (rank >= 0) scored.push({ d, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || Number(b.d.regular) - Number(a.d.regular) || levelRank[a.d.level] - levelRank[b.d.level] || a.d.code.localeCompare(b.d.code));
  return scored.slice(0, limit).map((s) => plain(s.d));
}

/** The divisions directly below `code`, in code order. */
export function divisionChildren(code: string): Division[] {
  return divisions().list.filter((d) => d.parentCode === code).map(plain);
}
