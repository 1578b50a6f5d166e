import { describe, expect, it } from 'vitest';
import { bottomCount, rankBranches, rankingScore } from '../../shared/domain/ranking.ts';

describe('ranking rules', () => {
  it('scores the weighted parts out of 100, a missing part counting 0', () => {
    const w = { checklist: 40, evaluation: 40, problems: 20 };
    expect(rankingScore({ checklist: 1, evaluation: 100, problems: 1 }, w)).toBe(100);
    expect(rankingScore({ checklist: 0.5, evaluation: 90, problems: 0.5 }, w)).toBe(66);
    expect(rankingScore({ checklist: null, evaluation: null, problems: 1 }, w)).toBe(20);
    expect(rankingScore({ checklist: 1, evaluation: 50, problems: 0 }, { checklist: 0, evaluation: 1, problems: 0 })).toBe(50);
  });

  it('counts the bottom share rounded half up, at least one where there are branches', () => {
    expect([0, 1, 4, 5, 14, 15, 25, 120].map((n) => bottomCount(n, 0.1))).toEqual([0, 1, 1, 1, 1, 2, 3, 12]);
    expect(bottomCount(10, 0.2)).toBe(2);
  });

  it('ranks equal scores alike and takes every branch tied with the last of the bottom', () => {
    const rows = [
      { orgId: 1, score: 90, order: 1 },
      { orgId: 2, score: 60, order: 2 },
      { orgId: 3, score: 80, order: 3 },
      { orgId: 4, score: 60, order: 4 },
      { orgId: 5, score: 80, order: 5 },
      { orgId: 6, score: 70, order: 6 },
    ];
    const ranked = rankBranches(rows, 0.1);
    expect(ranked.map((r) => [r.orgId, r.rank, r.bottom])).toEqual([
      [1, 1, false], [3, 2, false], [5, 2, false], [6, 4, false], [2, 5, true], [4, 5, true],
    ]);
  });

  it('puts no branch near the bottom when all have the same score (nothing tells them apart)', () => {
    const same = [1, 2, 3].map((orgId) => ({ orgId, score: 20, order: orgId }));
    expect(rankBranches(same, 0.1).map((r) => [r.rank, r.bottom])).toEqual([[1, false], [1, false], [1, false]]);
  });
});
