import type SQLite from 'better-sqlite3';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { CountRow, StatsSummary } from '../../../../shared/contract/types.ts';
import { orgLevelLabels, orgLevels } from '../../../../shared/domain/org.ts';
import { dictLabels } from '../../repos/dicts.ts';
import { getOrg } from '../../repos/orgs.ts';
import * as stats from '../../repos/stats.ts';

const NONE = '（未填）';

/** The counts of the whole tree, or of one unit's subtree (the department's, or one chosen on the page). */
export function statsSummary(sqlite: SQLite.Database, year?: number, scopeOrgId?: number): StatsSummary {
  const scope = scopeOrgId === undefined ? undefined : getOrg(sqlite, scopeOrgId);
  if (scopeOrgId !== undefined && !scope) throw new AppError('NOT_FOUND', `找不到编号为 ${scopeOrgId} 的党组织，可能已被删除。请重新选择范围。`, { id: scopeOrgId });
  const within = scope?.path;
  const ledgerYear = year ?? stats.latestLedgerYear(sqlite);
  const levels = stats.orgsByLevel(sqlite, within);
  const counties = stats.branchesByCounty(sqlite, scope && { path: scope.path, depth: scope.depth });
  const fields = stats.branchesByField(sqlite, within);
  const grades = ledgerYear === null ? [] : stats.branchesByGrade(sqlite, ledgerYear, within);
  const leaders = stats.countLeaders(sqlite, within);
  const liaisonPoints = stats.countLiaisonPoints(sqlite, within);
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
    scopeName: scope?.name ?? null,
    orgsByLevel,
    branches: levelCount.get('branch') ?? 0,
    branchesByCounty: counties.map((c) => ({ key: String(c.id), label: c.name, count: Number(c.count) })),
    branchesByField: byDict(fields.map((f) => ({ key: f.field, count: f.count })), fieldLabels),
    branchesByGrade: byDict(grades.map((g) => ({ key: g.grade, count: g.count })), gradeLabels),
    leaders,
    liaisonPoints,
  };
}
