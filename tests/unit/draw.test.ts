/**
 * The draw's arithmetic (shared/domain/draw.ts): counts per stratum, the seeded stream, the
 * partial shuffle, strata, and the population's text. The pinned lists below were computed
 * once by this code and written down: a change of PRNG, of the order candidates are taken in,
 * of how a stratum's seed is mixed or of the shuffle changes them, and every draw record ever
 * printed could no longer be reproduced from its seed. Such a change must fail here.
 */
import { describe, expect, it } from 'vitest';
import { fnv1a, mulberry32, parseSharePercent, partialShuffle, planDraw, populationText, stratify, stratumQuota, witnessNames, type DrawCandidate } from '../../shared/domain/draw.ts';

/** A fixed candidate set: two counties, three fields; uids chosen so their order is not the list's order. */
function candidates(): DrawCandidate[] {
  const out: DrawCandidate[] = [];
  const county = (n: number) => ({ countyId: n, countyUid: `county-${n}`, countyName: n === 1 ? '宁城县委' : '敖汉旗委' });
  for (let i = 0; i < 25; i++) out.push({ orgId: 100 + i, uid: `b${String((i * 7) % 25).padStart(2, '0')}`, name: `宁城第${i + 1}党支部`, township: '天义镇党委', field: i % 5 === 0 ? 'community' : 'village', ...county(1) });
  for (let i = 0; i < 15; i++) out.push({ orgId: 200 + i, uid: `c${String((i * 4) % 15).padStart(2, '0')}`, name: `敖汉第${i + 1}党支部`, township: '新惠镇党委', field: i < 3 ? 'organ' : 'village', ...county(2) });
  return out;
}

const uidsOf = (plan: ReturnType<typeof planDraw>) => plan.strata.map((s) => s.picked.map((c) => c.uid));

describe('the draw', () => {
  it('rounds each stratum half up, at least one where there is any candidate, never more than it has', () => {
    expect(stratumQuota(5, 0.1)).toBe(1); // 0.5 → 1
    expect(stratumQuota(15, 0.1)).toBe(2); // 1.5 → 2
    expect(stratumQuota(25, 0.1)).toBe(3); // 2.5 → 3 (floating point would give 2.4999… for some shares)
    expect(stratumQuota(24, 0.1)).toBe(2); // 2.4 → 2
    expect(stratumQuota(3, 0.1)).toBe(1); // 0.3 → 0, raised to 1
    expect(stratumQuota(0, 0.1)).toBe(0);
    expect(stratumQuota(2, 1)).toBe(2);
    expect(stratumQuota(35, 0.1)).toBe(4); // 3.5 → 4
    expect(stratumQuota(45, 0.15)).toBe(7); // 6.75 → 7
    // The other rule, stated on the record as it is: a small stratum may draw none.
    expect(stratumQuota(3, 0.1, 'half_up')).toBe(0);
    expect(stratumQuota(5, 0.1, 'half_up')).toBe(1);
  });

  it('gives the pinned branches for a known seed (by county)', () => {
    const plan = planDraw(candidates(), { seed: 20261206, share: 0.1, byField: false });
    expect(plan.strata.map((s) => [s.countyName, s.candidates, s.quota])).toEqual([['宁城县委', 25, 3], ['敖汉旗委', 15, 2]]);
    expect(uidsOf(plan)).toEqual(PINNED_BY_COUNTY);
  });

  it('gives the pinned branches for a known seed (by county and field)', () => {
    const plan = planDraw(candidates(), { seed: 20261206, share: 0.1, byField: true, fieldOrder: ['village', 'community', 'organ'] });
    expect(plan.strata.map((s) => [s.countyName, s.field, s.candidates, s.quota])).toEqual([
      ['宁城县委', 'village', 20, 2],
      ['宁城县委', 'community', 5, 1],
      ['敖汉旗委', 'village', 12, 1],
      ['敖汉旗委', 'organ', 3, 1],
    ]);
    // Each stratum draws from its own members only.
    for (const s of plan.strata) for (const c of s.picked) expect([c.countyName, c.field]).toEqual([s.countyName, s.field]);
    expect(uidsOf(plan)).toEqual(PINNED_BY_FIELD);
  });

  it('gives the same branches for the same seed, whatever order the candidates come in', () => {
    const a = planDraw(candidates(), { seed: 77, share: 0.2, byField: true });
    const b = planDraw([...candidates()].reverse(), { seed: 77, share: 0.2, byField: true });
    // The strata may be listed in another order (counties as the caller lists them); each one's picks are the same.
    const byKey = (p: ReturnType<typeof planDraw>) => Object.fromEntries(p.strata.map((s) => [s.key, s.picked.map((c) => c.uid)]));
    expect(byKey(b)).toEqual(byKey(a));
    expect(uidsOf(planDraw(candidates(), { seed: 78, share: 0.2, byField: true }))).not.toEqual(uidsOf(a));
  });

  it("keeps one county's branches when another county's candidates change", () => {
    const before = planDraw(candidates(), { seed: 5, share: 0.1, byField: false });
    const more = [...candidates(), { orgId: 999, uid: 'c99', name: '敖汉新党支部', township: null, field: 'village', countyId: 2, countyUid: 'county-2', countyName: '敖汉旗委' }];
    const after = planDraw(more, { seed: 5, share: 0.1, byField: false });
    expect(after.strata[0]!.picked).toEqual(before.strata[0]!.picked);
  });

  it('picks distinct candidates, a uniform share of the time each', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const hits = new Array<number>(10).fill(0);
    const random = mulberry32(1);
    for (let n = 0; n < 20_000; n++) {
      const picked = partialShuffle(items, 3, random);
      expect(new Set(picked).size).toBe(3);
      for (const i of picked) hits[i]!++;
    }
    // Each is picked 3 times in 10: 6,000 of 20,000, within a few standard deviations (~65).
    for (const h of hits) expect(Math.abs(h - 6000)).toBeLessThan(300);
  });

  it('is the published mulberry32 and FNV-1a', () => {
    // mulberry32(0)'s first outputs as a separate Python transcription of the published algorithm gives them; FNV-1a's test vectors.
    const r = mulberry32(0);
    expect([r(), r(), r()].map((x) => Math.floor(x * 4294967296))).toEqual([1144304738, 1416247, 958946056]);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('')).toBe(0x811c9dc5);
  });

  it('writes the population so that any change of its branches, counties or fields shows', () => {
    const base = populationText(candidates());
    expect(populationText([...candidates()].reverse())).toBe(base);
    expect(populationText(candidates().slice(1))).not.toBe(base);
    const moved = candidates().map((c, i) => (i === 0 ? { ...c, field: 'organ' } : c));
    expect(populationText(moved)).not.toBe(base);
  });

  it('lists strata in the counties\' order, fields in the dictionary\'s', () => {
    const strata = stratify(candidates(), true, ['organ', 'community', 'village']);
    expect(strata.map((s) => s.key)).toEqual(['county-1|community', 'county-1|village', 'county-2|organ', 'county-2|village']);
  });
});

/**
 * Pinned once (2026-12-06). The by-county list was also reproduced by a separate Python
 * transcription of the same steps (sorted uids, mulberry32(seed ^ FNV-1a(county uid)), partial
 * Fisher–Yates), so it is the algorithm's answer, not just this code's.
 */
const PINNED_BY_COUNTY = [['b04', 'b24', 'b10'], ['c05', 'c07']];
const PINNED_BY_FIELD = [['b11', 'b21'], ['b05'], ['c12'], ['c00']];

describe('what is typed in the draw', () => {
  it('splits witnesses on 、，, ;； and spaces; separators alone name nobody', () => {
    expect(witnessNames('张三、李四，王五,赵六 钱七　孙八；')).toEqual(['张三', '李四', '王五', '赵六', '钱七', '孙八']);
    expect(witnessNames(['张三、李四', ' ', '王五'])).toEqual(['张三', '李四', '王五']);
    expect(witnessNames(' 、 ,')).toEqual([]);
    expect(witnessNames(undefined)).toEqual([]);
  });

  it('reads the share as typed in percent, or says why not', () => {
    expect(parseSharePercent('10')).toEqual({ share: 0.1 });
    expect(parseSharePercent(' 12.5% ')).toEqual({ share: 0.125 });
    expect(parseSharePercent('0.07')).toEqual({ share: 0.0007 });
    expect(parseSharePercent('100')).toEqual({ share: 1 });
    expect(parseSharePercent('0')).toEqual({ error: '抽取比例应大于 0%' });
    expect(parseSharePercent('150')).toEqual({ error: '抽取比例不能大于 100%，填的是 150%' });
    expect(parseSharePercent('abc')).toEqual({ error: '抽取比例应为数字（如 10 表示 10%），“abc”不是' });
    expect(parseSharePercent('-5')).toHaveProperty('error');
    expect(parseSharePercent('')).toHaveProperty('error');
    expect(parseSharePercent('1.234')).toEqual({ error: '抽取比例最多精确到 0.01%' });
  });
});
