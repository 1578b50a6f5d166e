/** Branch and place names compared as people write them in returned and hand-made ledgers. */
import type { CellValue } from '../../../../shared/domain/fields.ts';

/**
 * Names compared as people write them: no spaces, either kind of bracket. What is in
 * brackets is part of a branch's name (（第一联合）and（第二联合）党支部 are two branches);
 * a township is compared without a bracketed note, a leading 中共 or its 党委/党工委
 * (天义镇党委（宁城县）, 中共天义镇委员会 and 天义镇 are one place; 宁城县天义镇 is matched
 * with its county's name taken off, see held.ts `placeNamed`).
 */
export const nameKey = remembered((v) => String(v ?? '').replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）'));
export const placeKey = remembered((v) =>
  nameKey(v)
    .replace(/（.*?）/g, '')
    .replace(/^中共/, '')
    .replace(/(党工委|党委|人民政府|办事处|委员会)$/, ''),
);

/**
 * A key remembered for the texts last asked (at most 4,096, then forgotten all at once): an
 * import of a year asks the key of each row's township and name several times while matching,
 * and a few hundred townships 100,000 times; each regular expression pass cost more than a lookup.
 */
function remembered(key: (v: unknown) => string): (v: unknown) => string {
  const known = new Map<string, string>();
  return (v) => {
    if (typeof v !== 'string') return key(v);
    let k = known.get(v);
    if (k === undefined) {
      if (known.size >= 4096) known.clear();
      known.set(v, (k = key(v)));
    }
    return k;
  };
}

/** A unit's name as people write it: 克什克腾旗委, 克什克腾旗 and 克什克腾旗党委 are one place. */
export const unitKey = (v: unknown): string => placeKey(v).replace(/([旗县区市盟])委$/, '$1');

/**
 * Names that differ only in how people write the kind of organisation (东村党支部,
 * 东村支部, 东村党总支) or a doubled 村: likely the same branch, asked to be confirmed.
 * Nothing looser: 东营子村 and 西营子村 are one character apart and different villages.
 */
export function similar(a: string, b: string): boolean {
  const core = (s: string) => s.replace(/(党总支部|党总支|党支部|总支部|总支|支部)$/, '').replace(/村村$/, '村').replace(/^中共/, '');
  return a !== b && core(a) === core(b) && core(a).length >= 2;
}

/** Lists of names as people write them (张三、李四 / 李四，张三): the same people in any order. */
export function sameNames(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const names = (v: CellValue | undefined) => String(v ?? '').split(/[、，,；;\s]+/).filter(Boolean).sort().join('、');
  return names(a) === names(b);
}
