/** Counts for the dashboard and `cli stats`: orgs by level, branches by banner, field and grade. */
import type SQLite from 'better-sqlite3';
import { all, build, first } from '../db/query.ts';
import { subtreeEnd } from './parts.ts';

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
          .on('b.level', '=', 'branch')
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
