import type SQLite from 'better-sqlite3';
import type { CountRow, StatsSummary } from '../../../shared/contract/types.ts';
import { orgLevelLabels, orgLevels } from '../../../shared/domain/org.ts';
import { dictLabels } from '../repos/dicts.ts';
import * as stats from '../repos/stats.ts';

const NONE = '（未填）';

export function statsSummary(sqlite: SQLite.Database, year?: number): StatsSummary {
  const ledgerYear = year ?? stats.latestLedgerYear(sqlite);
  const levels = stats.orgsByLevel(sqlite);
  const counties = stats.branchesByCounty(sqlite);
  const fields = stats.branchesByField(sqlite);
  const grades = ledgerYear === null ? [] : stats.branchesByGrade(sqlite, ledgerYear);
  const leaders = stats.countLeaders(sqlite);
  const liaisonPoints = stats.countLiaisonPoints(sqlite);
  const fieldLabels = dictLabels(sqlite, 'field');
  const gradeLabels = dictLabels(sqlite, 'grade');
  const levelCount = new Map(levels.map((l) => [l.level, Number(l.count)]));
  const orgsByLevel: CountRow[] = orgLevels.map((l) => ({ key: l, label: orgLevelLabels[l], count: levelCount.get(l) ?? 0 }));
  const byDict = (rows: { key: string | null; count: number | bigint }[], labels: Map<string, string>): CountRow[] => {
    const order = [...labels.keys()];
    return rows
      .map((r) => ({ key: r.key ?? '', label: r.key === null ? NONE : (labels.get(r.key) ?? r.key), count: Number(r.count) }))
      .sort((a, b) => (order.indexOf(a.key) + 1 || 999) - (order.indexOf(b.key) + 1 || 999));
  };
  return {
    year: ledgerYear,
    orgsByLevel,
    branches: levelCount.get('branch') ?? 0,
    branchesByCounty: counties.map((c) => ({ key: String(c.id), label: c.name, count: Number(c.count) })),
    branchesByField: byDict(fields.map((f) => ({ key: f.field, count: f.count })), fieldLabels),
    branchesByGrade: byDict(grades.map((g) => ({ key: g.grade, count: g.count })), gradeLabels),
    leaders,
    liaisonPoints,
  };
}
