/**
 * Ranking the branches of a unit (党支部综合排名) and the reminder talk (提醒谈话) for a
 * secretary whose branch ranked near the bottom two years running (连续两年排名靠后).
 * The score is made of settings: each part's weight, and the bottom share.
 */

export interface RankingWeights {
  /** Share of the year's standards met (对标检查达标率). */
  checklist: number;
  /** The township's four-evaluation score (乡镇“四评”综合得分, out of 100). */
  evaluation: number;
  /** Share of the branch's problems of the year crossed off (问题销号率). */
  problems: number;
}

export interface RankingSettings {
  weights: RankingWeights;
  /** The bottom share of a unit's branches that counts as 排名靠后 (0.1 = the lowest 10 %). */
  bottomShare: number;
}

export const defaultRankingSettings: RankingSettings = { weights: { checklist: 40, evaluation: 40, problems: 20 }, bottomShare: 0.1 };

export const rankingPartLabels: Record<keyof RankingWeights, string> = {
  checklist: '对标达标率',
  evaluation: '“四评”得分',
  problems: '问题销号率',
};

/** What a branch's score is made of; null where the branch has no record of that part this year. */
export interface RankingParts {
  /** 0–1 */
  checklist: number | null;
  /** 0–100 */
  evaluation: number | null;
  /** 0–1; a branch with no problem this year has nothing left open: 1. */
  problems: number;
}

/**
 * The score out of 100: the weighted mean of the parts, each as a share of its full mark.
 * A part the branch has no record of counts 0 (as an empty cell in a spreadsheet sum):
 * the list names what is missing, so a low rank from missing records is seen as such.
 */
export function rankingScore(parts: RankingParts, w: RankingWeights): number {
  const total = w.checklist + w.evaluation + w.problems;
  if (total <= 0) return 0;
  const sum = w.checklist * (parts.checklist ?? 0) + w.evaluation * ((parts.evaluation ?? 0) / 100) + w.problems * parts.problems;
  return Math.round((sum / total) * 1000) / 10;
}

/** How many branches of n are "near the bottom": the share rounded half up, at least 1 where there are any. */
export function bottomCount(n: number, share: number): number {
  if (n <= 0 || share <= 0) return 0;
  return Math.min(n, Math.max(1, Math.floor(n * share + 0.5)));
}

/** The rule as printed under the list. */
export function bottomRule(share: number): string {
  return `排名靠后：综合得分位于本单位后 ${Math.round(share * 1000) / 10}%（按四舍五入取整，至少 1 个；与末位同分者一并列入；全部同分时无法区分，不列入）`;
}

export interface Scored {
  orgId: number;
  score: number;
  /** Stable order among equal scores: the tree's order. */
  order: number;
}

/**
 * Ranks by score, highest first; equal scores share a rank (1, 2, 2, 4). The bottom are the
 * lowest `bottomCount` places, and any branch with the same score as the last of them; when every
 * branch has the same score (a year with no records to tell them apart) none is near the bottom.
 */
export function rankBranches<T extends Scored>(rows: readonly T[], share: number): (T & { rank: number; bottom: boolean })[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.order - b.order);
  const k = bottomCount(sorted.length, share);
  const spread = sorted.length > 0 && sorted[0]!.score !== sorted[sorted.length - 1]!.score;
  const cutoff = k > 0 && spread ? sorted[sorted.length - k]!.score : Number.NEGATIVE_INFINITY;
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || r.score !== sorted[i - 1]!.score) rank = i + 1;
    return { ...r, rank, bottom: r.score <= cutoff };
  });
}
