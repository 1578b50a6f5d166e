/** Counts for the dashboard and `cli stats`: orgs by level, branches by banner, field and grade. */
import type SQLite from 'better-sqlite3';
import { reachedStandardStatuses } from '../../../shared/domain/evaluation.ts';
import { all, build, first, raw } from '../db/query.ts';
import { strongestStatusSql } from './pipeline.ts';
import { subtreeEnd, unindexed } from './parts.ts';

export function latestLedgerYear(sqlite: SQLite.Database): number | null {
  const row = first(sqlite, build.selectFrom('branch_ledger').select((eb) => eb.fn.max('year').as('year')).where('deleted_at', 'is', null));
  return row?.year ?? null;
}

/** The path of a unit whose subtree the counts are limited to (the department's unit); undefined: the whole tree. */
export type Within = string | undefined;

export function orgsByLevel(sqlite: SQLite.Database, within?: Within) {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(['level', (eb) => eb.fn.countAll<number>().as('count')])
      .where('closed_on', 'is', null)
      .$if(within !== undefined, (q) => q.where('path', '>=', within!).where('path', '<', subtreeEnd(within!)))
      .groupBy('level'),
  );
}

/**
 * Open branches grouped by the units one level below the top (banners, counties and city-level
 * committees), or, within a unit, by the units directly below it (a banner's townships).
 */
export function branchesByCounty(sqlite: SQLite.Database, within?: { path: string; depth: number }) {
  return all(
    sqlite,
    build
      .selectFrom('org as c')
      .innerJoin('org as b', (join) =>
        join
          .onRef('b.path', '>=', 'c.path')
          .on('b.path', '<', (eb) => subtreeEnd(eb.ref('c.path')))
          .on(unindexed('b.level'), '=', 'branch')
          .on('b.closed_on', 'is', null),
      )
      .select(['c.id', 'c.name', 'c.sort_order', (eb) => eb.fn.count<number>('b.id').as('count')])
      .$if(within === undefined, (q) => q.where('c.level', '=', 'county'))
      .$if(within !== undefined, (q) => q.where('c.path', '>', within!.path).where('c.path', '<', subtreeEnd(within!.path)).where('c.depth', '=', within!.depth + 1))
      .where('c.closed_on', 'is', null)
      .groupBy('c.id')
      .orderBy('c.sort_order'),
  );
}

export function branchesByField(sqlite: SQLite.Database, within?: Within) {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(['field', (eb) => eb.fn.countAll<number>().as('count')])
      .where('level', '=', 'branch')
      .where('closed_on', 'is', null)
      .$if(within !== undefined, (q) => q.where('path', '>=', within!).where('path', '<', subtreeEnd(within!)))
      .groupBy('field'),
  );
}

export function branchesByGrade(sqlite: SQLite.Database, year: number, within?: Within) {
  return all(
    sqlite,
    build
      .selectFrom('branch_ledger as l')
      .innerJoin('org as o', 'o.id', 'l.org_id')
      .select(['l.grade', (eb) => eb.fn.countAll<number>().as('count')])
      .where('l.year', '=', year)
      .where('l.deleted_at', 'is', null)
      .where('o.closed_on', 'is', null)
      .$if(within !== undefined, (q) => q.where('o.path', '>=', within!).where('o.path', '<', subtreeEnd(within!)))
      .groupBy('l.grade'),
  );
}

/** Serving leaders (of committees within the unit). */
export function countLeaders(sqlite: SQLite.Database, within?: Within): number {
  return first(
    sqlite,
    build
      .selectFrom('leader')
      .innerJoin('org as o', 'o.id', 'leader.committee_org_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('leader.active_to', 'is', null)
      .$if(within !== undefined, (q) => q.where('o.path', '>=', within!).where('o.path', '<', subtreeEnd(within!))),
  )!.n;
}

/** Liaison points in force (at branches within the unit). */
export function countLiaisonPoints(sqlite: SQLite.Database, within?: Within): number {
  return first(
    sqlite,
    build
      .selectFrom('liaison')
      .innerJoin('org as o', 'o.id', 'liaison.org_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('liaison.deleted_at', 'is', null)
      .where('liaison.ended_on', 'is', null)
      .$if(within !== undefined, (q) => q.where('o.path', '>=', within!).where('o.path', '<', subtreeEnd(within!))),
  )!.n;
}

// ---- 统计分析: counts grouped by the unit directly below the chosen one (its child on each path).

/** A subtree counted: the chosen unit's path, and the day the year's liaison points and deadlines are judged on. */
export interface CountScope {
  path: string;
  year: number;
  /** Today, or the year's last day for a past year. */
  asOf: string;
  /** Today: a problem past its deadline and not crossed off is 已超期. */
  today: string;
}

/**
 * The id of the unit directly below the chosen one that a path runs through (0: the chosen unit
 * itself). A branch directly below gets its own id: the service counts it under 直属.
 */
const childOn = (pathColumn: string) =>
  `CASE WHEN ${pathColumn} = @path THEN 0 ELSE CAST(substr(${pathColumn}, length(@path) + 1, instr(substr(${pathColumn}, length(@path) + 1), '/') - 1) AS INTEGER) END`;
const inScope = (pathColumn: string) => `${pathColumn} >= @path AND ${pathColumn} < @pathEnd`;
const bound = (s: CountScope) => ({ path: s.path, pathEnd: subtreeEnd(s.path), year: s.year, yearStart: `${s.year}-01-01`, asOf: s.asOf, today: s.today });

export interface LedgerCountRow {
  child: number;
  field: string | null;
  grade: string | null;
  branches: number;
  standardised: number;
  /** 乡镇评定通过 and beyond: reaching the standard. */
  reached: number;
  /** 市级评估通过: named a city-level strongest branch. */
  named: number;
}

/**
 * The year's ledger rows (as the ledger lists them: live, of units open in the year) counted by
 * unit below, field and grade, with how many are standardised and how far on the strongest path.
 */
export function ledgerCounts(sqlite: SQLite.Database, s: CountScope): LedgerCountRow[] {
  // raw SQL: the child on the path and the derived status are expressions Kysely would only wrap.
  return raw.all<LedgerCountRow>(
    sqlite,
    `SELECT child, field, grade, count(*) AS branches, sum(standardised = 1) AS standardised,
            sum(status IN (${reachedStandardStatuses.map((x) => `'${x}'`).join(', ')})) AS reached, sum(status = 'city_assessed') AS named
     FROM (SELECT ${childOn('o.path')} AS child, o.field, l.grade, l.standardised, ${strongestStatusSql('l.org_id', 'l.year')} AS status
           FROM branch_ledger l JOIN org o ON o.id = l.org_id
           WHERE l.year = @year AND l.deleted_at IS NULL AND (o.closed_on IS NULL OR o.closed_on >= @yearStart) AND ${inScope('o.path')})
     GROUP BY child, field, grade`,
    bound(s),
  );
}

/**
 * Lagging branches of the year open on the day judged, and of them those a leader guides: a
 * point running that day (not deleted) of a leader in office that day, as the liaison rules and
 * the ledger's 联系领导 count them.
 */
export function laggingCoverage(sqlite: SQLite.Database, s: CountScope): { child: number; lagging: number; covered: number }[] {
  return raw.all(
    sqlite,
    `SELECT ${childOn('o.path')} AS child, count(*) AS lagging,
            sum(EXISTS (SELECT 1 FROM liaison p JOIN leader ld ON ld.id = p.leader_id
                        WHERE p.org_id = l.org_id AND p.deleted_at IS NULL AND ld.deleted_at IS NULL
                          AND (p.established_on IS NULL OR p.established_on <= @asOf) AND (p.ended_on IS NULL OR p.ended_on >= @asOf)
                          AND (ld.active_from IS NULL OR ld.active_from <= @asOf) AND (ld.active_to IS NULL OR ld.active_to >= @asOf))) AS covered
     FROM branch_ledger l JOIN org o ON o.id = l.org_id
     WHERE l.year = @year AND l.deleted_at IS NULL AND l.grade = 'lagging' AND (o.closed_on IS NULL OR o.closed_on > @asOf) AND ${inScope('o.path')}
     GROUP BY child`,
    bound(s),
  );
}

/** The year's practical projects (领办实事项目) at units in the subtree, by unit below and progress. */
export function projectCounts(sqlite: SQLite.Database, s: CountScope): { child: number; progress: string | null; n: number }[] {
  return raw.all(
    sqlite,
    `SELECT ${childOn('o.path')} AS child, p.progress, count(*) AS n
     FROM project p JOIN org o ON o.id = p.org_id
     WHERE p.year = @year AND p.deleted_at IS NULL AND ${inScope('o.path')}
     GROUP BY child, p.progress`,
    bound(s),
  );
}

/** The year's problems in the subtree, by unit below and state, with those past their deadline and not crossed off. */
export function problemCounts(sqlite: SQLite.Database, s: CountScope): { child: number; status: string; n: number; overdue: number }[] {
  return raw.all(
    sqlite,
    `SELECT ${childOn('o.path')} AS child, r.status, count(*) AS n,
            sum(r.status <> 'cleared' AND r.due_on IS NOT NULL AND r.due_on < @today) AS overdue
     FROM problem r JOIN org o ON o.id = r.org_id
     WHERE r.year = @year AND r.deleted_at IS NULL AND ${inScope('o.path')}
     GROUP BY child, r.status`,
    bound(s),
  );
}

/** Returns (报送情况) of the units directly below a unit for a period, by table and state. */
export function returnCounts(sqlite: SQLite.Database, unitId: number, period: string): { templateId: string; state: string; n: number }[] {
  return raw.all(
    sqlite,
    `SELECT r.template_id AS templateId, r.state, count(*) AS n
     FROM report_return r JOIN org u ON u.id = r.unit_org_id
     WHERE r.period = @period AND u.parent_id = @unitId
     GROUP BY r.template_id, r.state`,
    { unitId, period },
  );
}

/** The units directly below a unit that are not branches, in the tree's order, with when each closed. */
export function unitsBelow(sqlite: SQLite.Database, unitId: number): { id: number; name: string; level: string; closedOn: string | null }[] {
  return raw.all(
    sqlite,
    `SELECT id, name, level, closed_on AS closedOn FROM org WHERE parent_id = @unitId AND level <> 'branch' ORDER BY sort_order, name_sort`,
    { unitId },
  );
}

/** The years the ledger has live rows in. */
export function yearsWithLedger(sqlite: SQLite.Database): Set<number> {
  return new Set(raw.all<{ year: number }>(sqlite, 'SELECT DISTINCT year FROM branch_ledger WHERE deleted_at IS NULL').map((r) => r.year));
}
