/**
 * The demo league's standards checklist: the bundled example standards for the seed year, and
 * each branch's checklist in proportion with its ledger row. A standardised branch (about 53 %
 * in Chifeng) has met nearly everything; the others less the weaker they are, with notes on what
 * is missing and some items not checked yet. Drawn from a random stream of its own, so the rest
 * of the demo league stays as it was.
 */
import type { Selectable } from 'kysely';
import { exampleStandards, type StrongCriterion } from '../../../../shared/domain/standards.ts';
import type { ChecklistItemTable, StandardTable } from '../../db/schema.ts';
import type { LedgerSeedRow, OrgSeedRow } from './generate.ts';
import * as names from './names.ts';
import { Random } from './random.ts';

export type StandardSeedRow = Omit<Selectable<StandardTable>, 'revision' | 'deleted_at'>;
export type ChecklistItemSeedRow = Omit<Selectable<ChecklistItemTable>, 'revision' | 'deleted_at'>;

export interface ChecklistSeed {
  standards: StandardSeedRow[];
  checklistItems: ChecklistItemSeedRow[];
}

const unmetNotes: Record<StrongCriterion, string[]> = {
  political: ['“第一议题”学习记录不完整', '重大事项未经支部研究讨论'],
  team: ['支部委员缺额未及时补选', '两年未发展党员', '流动党员联系不经常'],
  org_life: ['“三会一课”记录不规范', '主题党日活动不经常', '党费收缴不及时'],
  role: ['党员活动阵地标识不规范', '集体经济收入偏低', '网格员配备不足'],
  masses: ['群众诉求办理不及时', '党务公开栏未及时更新', '群团组织作用发挥不明显'],
};

/** Chance that an item of a branch that is not standardised is met / not met (the rest: not checked yet), by grade. */
const odds: Record<string, [number, number]> = { advanced: [0.82, 0.14], middle: [0.62, 0.28], lagging: [0.36, 0.42] };

export function generateChecklists(options: { seed: number; year: number; now: string; size: string }, orgs: OrgSeedRow[], ledger: LedgerSeedRow[]): ChecklistSeed {
  const r = new Random(options.seed * 104_729 + 23);
  const { year, now } = options;
  const today = now.slice(0, 10);
  const standards: StandardSeedRow[] = exampleStandards.map((s, i) => ({
    id: i + 1, uid: r.uid(), year, criterion: s.criterion, ordinal: i + 1, text: s.text, field: s.field ?? null, active: 1, created_at: now, updated_at: now,
  }));
  // The 100k size is a scale test of the ledger: 1.8 million checklist rows would only slow it.
  if (options.size === '100k') return { standards, checklistItems: [] };

  const orgById = new Map(orgs.map((o) => [o.id, o]));
  // One person checks the branches of a township (its 组织委员), dating each item on a day up to today.
  const checker = new Map<number, string>();
  const start = Date.parse(`${year}-01-01T00:00:00Z`);
  const days = Math.max(0, Math.round((Math.min(Date.parse(`${year}-12-31T00:00:00Z`), Date.parse(`${today}T00:00:00Z`)) - start) / 86_400_000));
  const checklistItems: ChecklistItemSeedRow[] = [];
  for (const l of ledger) {
    if (l.year !== year) continue;
    const branch = orgById.get(l.org_id)!;
    const parent = branch.parent_id ?? 0;
    if (!checker.has(parent)) checker.set(parent, names.personName(r));
    const applicable = standards.filter((s) => s.field === null || s.field === branch.field);
    // A standardised branch: all met, or one or two items short.
    const short = l.standardised === 1 ? (r.chance(0.8) ? 0 : r.int(1, 2)) : -1;
    const shortOnes = new Set<number>();
    while (short > 0 && shortOnes.size < short) shortOnes.add(r.int(0, applicable.length - 1));
    const [pMet, pUnmet] = odds[l.grade ?? 'middle'] ?? odds.middle!;
    applicable.forEach((s, i) => {
      let met: number | null;
      if (short >= 0) met = shortOnes.has(i) ? 0 : 1;
      else {
        const x = r.next();
        met = x < pMet ? 1 : x < pMet + pUnmet ? 0 : null;
      }
      if (met === null) return;
      const day = new Date(start + r.int(0, days) * 86_400_000).toISOString().slice(0, 10);
      checklistItems.push({
        id: checklistItems.length + 1, uid: r.uid(), org_id: l.org_id, year, standard_id: s.id, met,
        note: met === 0 ? r.pick(unmetNotes[s.criterion as StrongCriterion]) : null,
        checked_on: day, checked_by: checker.get(parent)!, problem_id: null, created_at: now, updated_at: now,
      });
    });
  }
  return { standards, checklistItems };
}
