/** Counts for the dashboard and `cli stats`: orgs by level, branches by banner, field and grade. */
import type SQLite from 'better-sqlite3';
import { all, build, first } from '../db/query.ts';
import { subtreeEnd } from './parts.ts';

export function latestLedgerYear(sqlite: SQLite.Database): number | null {
  const row = first(sqlite, build.selectFrom('branch_ledger').select((eb) => eb.fn.max('year').as('year')).where('deleted_at', 'is', null));
  return row?.year ?? null;
}

export function orgsByLevel(sqlite: SQLite.Database) {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(['level', (eb) => eb.fn.countAll<number>().as('count')])
      .where('closed_on', 'is', null)
      .groupBy('level'),
  );
}

/** Open branches grouped by their ancestor at depth 1 (a banner/county or a city-level committee). */
export function branchesByCounty(sqlite: SQLite.Database) {
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
      .where('c.level', '=', 'county')
      .where('c.closed_on', 'is', null)
      .groupBy('c.id')
      .orderBy('c.sort_order'),
  );
}

export function branchesByField(sqlite: SQLite.Database) {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(['field', (eb) => eb.fn.countAll<number>().as('count')])
      .where('level', '=', 'branch')
      .where('closed_on', 'is', null)
      .groupBy('field'),
  );
}

export function branchesByGrade(sqlite: SQLite.Database, year: number) {
  return all(
    sqlite,
    build
      .selectFrom('branch_ledger as l')
      .innerJoin('org as o', 'o.id', 'l.org_id')
      .select(['l.grade', (eb) => eb.fn.countAll<number>().as('count')])
      .where('l.year', '=', year)
      .where('l.deleted_at', 'is', null)
      .where('o.closed_on', 'is', null)
      .groupBy('l.grade'),
  );
}

export function countLeaders(sqlite: SQLite.Database): number {
  return first(sqlite, build.selectFrom('leader').select((eb) => eb.fn.countAll<number>().as('n')).where('active_to', 'is', null))!.n;
}

export function countLiaisonPoints(sqlite: SQLite.Database): number {
  return first(
    sqlite,
    build
      .selectFrom('liaison')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleted_at', 'is', null)
      .where('ended_on', 'is', null),
  )!.n;
}
