/**
 * The city's 10 % draw (市级按 10% 比例随机抽签评估): from the branches that passed the county's
 * acceptance (旗县验收), a share is drawn by lot within each county (旗县区), optionally within
 * each field (领域) of a county, for the city's assessment.
 *
 * A draw must be reproducible by anyone holding the record: the seed is chosen at draw time,
 * stored and printed, and the same seed over the same candidates gives the same branches. So
 * everything here is plain arithmetic, the same in any JavaScript engine:
 * - candidates are ordered by their uid (a stable key: not a name, which can be renamed or
 *   sorted differently by another collator; not an id, which differs between databases);
 * - each stratum (a county, or a county's field) draws from its own stream, seeded by the
 *   draw's seed mixed with the stratum's key (FNV-1a of the key text): a candidate added to
 *   one county changes nothing in another county's result;
 * - the stream is mulberry32 (a well-known 32-bit PRNG, a few lines, public reference
 *   implementations in many languages), and the pick is a partial Fisher–Yates shuffle: the
 *   first k places of a uniformly shuffled list, so each k-subset is equally likely and only k
 *   numbers are drawn. A u32 scaled to 0..n−1 is biased by at most n / 2³², nothing for n ≤ 10⁴.
 * - the share is exact: counted in ten-thousandths (0.1 → 1000), so 0.1 × 25 is 2.5 and rounds
 *   up, where floating point would give 2.4999… or 2.5000…1 depending on the numbers.
 */

/** A branch that may be drawn, as the draw needs it. */
export interface DrawCandidate {
  orgId: number;
  uid: string;
  name: string;
  /** The township committee (苏木乡镇党委, 街道党工委 …) above it, if any. */
  township: string | null;
  /** The 旗县区 (or 市直属) committee above it: the stratum of a draw. Null when it has none. */
  countyId: number | null;
  countyUid: string | null;
  countyName: string | null;
  /** The field's code (领域), null when unset. */
  field: string | null;
}

/** How a stratum's share becomes a count: the rule is part of the record, printed with it. */
export const roundingRules = {
  half_up_min1: { label: '四舍五入，有候选的层至少抽取 1 个', halfUp: true, atLeastOne: true },
  half_up: { label: '四舍五入（不足 0.5 个的层不抽取）', halfUp: true, atLeastOne: false },
} as const;
export type RoundingRule = keyof typeof roundingRules;
export const defaultRounding: RoundingRule = 'half_up_min1';
export const defaultDrawShare = 0.1;

/** The share in ten-thousandths (0.1 → 1000), the exact unit the counts are computed in. */
export function shareUnits(share: number): number {
  return Math.round(share * 10_000);
}

/** How many of `candidates` a stratum draws under `rule`: never more than it has. */
export function stratumQuota(candidates: number, share: number, rule: RoundingRule = defaultRounding): number {
  if (candidates <= 0) return 0;
  const units = candidates * shareUnits(share); // exact: integers well below 2⁵³
  const r = roundingRules[rule];
  const rounded = r.halfUp ? Math.floor((units + 5_000) / 10_000) : Math.floor(units / 10_000);
  return Math.min(candidates, Math.max(r.atLeastOne ? 1 : 0, rounded));
}

/** The share as people write it: 0.1 → 10%. */
export function shareText(share: number): string {
  return `${shareUnits(share) / 100}%`;
}

/** FNV-1a over the UTF-16 code units of a text, as a u32: mixes a stratum's key into the seed. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a u32 seed → a stream of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first `k` of `items` after a uniform shuffle driven by `random` (a partial Fisher–Yates). */
export function partialShuffle<T>(items: readonly T[], k: number, random: () => number): T[] {
  const a = [...items];
  const n = a.length;
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a.slice(0, Math.min(k, n));
}

/** A seed is a u32, written in decimal: short enough to read out and type again. */
export const maxDrawSeed = 4_294_967_295;
export function isDrawSeed(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= maxDrawSeed;
}

/** One stratum of a draw: a county, or a county's field. */
export interface DrawStratum {
  /** The stratum's key, part of its stream's seed: the county's uid, and `|field` when stratified by field. */
  key: string;
  countyId: number | null;
  countyName: string;
  /** The field's code when stratified by field. */
  field: string | null;
  candidates: number;
  quota: number;
  /** The drawn branches, in the order drawn. */
  picked: DrawCandidate[];
}

export interface DrawPlan {
  seed: number;
  share: number;
  byField: boolean;
  rounding: RoundingRule;
  population: number;
  strata: DrawStratum[];
}

const noCounty = '（未归属旗县区）';

/**
 * Splits the candidates into strata, ordered as the caller listed the counties (the tree's
 * order) and, within a county, by field code; each stratum's candidates ordered by uid.
 */
export function stratify(candidates: readonly DrawCandidate[], byField: boolean, fieldOrder: readonly string[] = []): { key: string; countyId: number | null; countyName: string; field: string | null; members: DrawCandidate[] }[] {
  const groups = new Map<string, { key: string; countyId: number | null; countyName: string; field: string | null; members: DrawCandidate[] }>();
  for (const c of candidates) {
    const county = c.countyUid ?? '-';
    const key = byField ? `${county}|${c.field ?? ''}` : county;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, countyId: c.countyId, countyName: c.countyName ?? noCounty, field: byField ? c.field : null, members: [] }));
    g.members.push(c);
  }
  const byUid = (a: DrawCandidate, b: DrawCandidate) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);
  for (const g of groups.values()) g.members.sort(byUid);
  // Counties in the order they first appear (the caller lists candidates in the tree's order), fields by code.
  // Fields in the dictionary's order (as the ledger lists them), unknown ones and none after: the order shown, never the picks.
  const fieldRank = (f: string | null) => {
    const i = f === null ? -1 : fieldOrder.indexOf(f);
    return i < 0 ? fieldOrder.length : i;
  };
  const countyOrder = new Map<string, number>();
  for (const c of candidates) if (!countyOrder.has(c.countyUid ?? '-')) countyOrder.set(c.countyUid ?? '-', countyOrder.size);
  return [...groups.values()].sort((a, b) => {
    const ca = countyOrder.get(a.key.split('|')[0]!)!;
    const cb = countyOrder.get(b.key.split('|')[0]!)!;
    return ca - cb || fieldRank(a.field) - fieldRank(b.field) || (a.field ?? '').localeCompare(b.field ?? '');
  });
}

/** The draw itself: pure, so a test, the preview and the stored draw compute it the same way. */
export function planDraw(candidates: readonly DrawCandidate[], options: { seed: number; share: number; byField: boolean; rounding?: RoundingRule; fieldOrder?: readonly string[] }): DrawPlan {
  const rounding = options.rounding ?? defaultRounding;
  const strata = stratify(candidates, options.byField, options.fieldOrder).map((g) => {
    const quota = stratumQuota(g.members.length, options.share, rounding);
    const random = mulberry32((options.seed ^ fnv1a(g.key)) >>> 0);
    return { key: g.key, countyId: g.countyId, countyName: g.countyName, field: g.field, candidates: g.members.length, quota, picked: partialShuffle(g.members, quota, random) };
  });
  return { seed: options.seed, share: options.share, byField: options.byField, rounding, population: candidates.length, strata };
}

/**
 * The text the population hash is taken of: each candidate's uid, county and field, one a line,
 * in uid order. A later check hashes the candidates again: a branch added, removed, moved to
 * another county or given another field changes it.
 */
export function populationText(candidates: readonly DrawCandidate[]): string {
  return [...candidates]
    .map((c) => `${c.uid}\t${c.countyUid ?? ''}\t${c.field ?? ''}`)
    .sort()
    .join('\n');
}

/** A drawn branch as the record keeps it (its name as it was on the day). */
export interface DrawnBranch {
  orgId: number;
  uid: string;
  name: string;
  township: string | null;
  countyId: number | null;
  countyName: string;
  field: string | null;
}

/** A stratum as a result or a record shows it. */
export interface DrawStratumResult {
  countyId: number | null;
  countyName: string;
  field: string | null;
  fieldLabel: string | null;
  candidates: number;
  drawn: number;
}

/** What a draw (or its preview) answers, and what a stored record reads back as. */
export interface DrawResult {
  /** Null for a preview: nothing was stored. */
  id: number | null;
  year: number;
  scopeOrgId: number;
  scopeName: string;
  title: string;
  seed: number;
  /** The seed was given by the person drawing (else chosen at random at draw time). */
  seedGiven: boolean;
  share: number;
  shareText: string;
  byField: boolean;
  rounding: RoundingRule;
  roundingText: string;
  population: number;
  populationHash: string;
  strata: DrawStratumResult[];
  picked: DrawnBranch[];
  witnesses: string[];
  reason: string | null;
  /** The record this one replaces (a redraw), and the one replacing it. */
  supersedesId: number | null;
  supersededById: number | null;
  drawnAt: string | null;
  actor: string | null;
  stored: boolean;
}

/** The candidates of a year and scope, per stratum, before drawing. */
export interface DrawCandidates {
  year: number;
  scopeOrgId: number;
  scopeName: string;
  population: number;
  populationHash: string;
  strata: (DrawStratumResult & { quota: number })[];
  /** The live draw of this year and scope, if one was made. */
  current: { id: number; drawnAt: string; seed: number; picked: number; samePopulation: boolean } | null;
}

/** The title printed on a draw record. */
export function drawTitle(unitName: string, year: number): string {
  return `${unitName}${year}年“最强党支部”市级抽查评估抽签记录`;
}

/**
 * The witnesses' names as typed: one box (张三、李四, 张三,李四, 张三 李四) or a list whose items
 * may themselves hold several. Split on 、，, ;； and spaces, empties dropped: separators alone
 * name nobody, and a draw with nobody watching is refused (the printed record would carry blank
 * 监督人 lines). The window, the CLI and the core split the same way.
 */
export function witnessNames(typed: string | readonly string[] | undefined): string[] {
  const texts = typeof typed === 'string' ? [typed] : (typed ?? []);
  return texts.flatMap((t) => t.split(/[、，,;；\s]+/u)).filter((s) => s !== '');
}

/**
 * The share as typed in percent ("10", "12.5"), read as typed or refused with the reason: never
 * clamped or replaced (0 silently becoming 0.01 %, 150 becoming 100, "abc" becoming 10).
 */
export function parseSharePercent(typed: string): { share: number } | { error: string } {
  const t = typed.trim().replace(/[%％]$/u, '').trim();
  if (t === '') return { error: '请填写抽取比例（如 10 表示 10%）' };
  if (!/^\d+(\.\d+)?$/u.test(t)) return { error: `抽取比例应为数字（如 10 表示 10%），“${typed.trim()}”不是` };
  const percent = Number(t);
  if (percent <= 0) return { error: '抽取比例应大于 0%' };
  if (percent > 100) return { error: `抽取比例不能大于 100%，填的是 ${t}%` };
  if (!/^\d+(\.\d{1,2})?$/u.test(t)) return { error: '抽取比例最多精确到 0.01%' };
  return { share: Math.round(percent * 100) / 10_000 };
}
