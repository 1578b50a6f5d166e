/**
 * What a branch's rank is made of, for every branch of a unit in one year: four grouped
 * reads (branches, township scores, problems, checklists), each one pass over its table's
 * year, so ranking a league is a few statements whatever its size.
 */
import type SQLite from 'better-sqlite3';
import { all, build } from '../db/query.ts';
import { subtreeEnd } from './parts.ts';

export interface RankingBranch {
  orgId: number;
  name: string;
  parentId: number | null;
  nameSort: string;
  secretary: string | null;
}

/** The year's branches under a path (the ledger's rows: a branch without a row that year is not ranked). */
export function rankingBranches(sqlite: SQLite.Database, year: number, path: string | undefined): RankingBranch[] {
  return all(
    sqlite,
    build
      .selectFrom('branch_ledger as l')
      .innerJoin('org as o', 'o.id', 'l.org_id')
      .select(['o.id as orgId', 'o.name', 'o.parent_id as parentId', 'o.name_sort as nameSort', 'l.secretary'])
      .where('l.year', '=', year)
      .where('l.deleted_at', 'is', null)
      .where('o.level', '=', 'branch')
      .where((eb) => eb.or([eb('o.closed_on', 'is', null), eb('o.closed_on', '>=', `${year}-01-01`)]))
      .$if(path !== undefined, (q) => q.where('o.path', '>=', path!).where('o.path', '<', subtreeEnd(path!))),
  );
}

/** The township's four-evaluation score (乡镇评定 综合得分) of each branch that has one this year. */
export function townshipScores(sqlite: SQLite.Database, year: number): Map<number, number> {
  const rows = all(
    sqlite,
    build
      .selectFrom('evaluation')
      .select(['org_id', 'score'])
      .where('year', '=', year)
      .where('stage', '=', 'township')
      .where('deleted_at', 'is', null)
      .where('score', 'is not', null),
  );
  return new Map(rows.map((r) => [r.org_id, r.score!]));
}

/** Each org's problems of the year: how many, and how many crossed off (已销号). */
export function problemCounts(sqlite: SQLite.Database, year: number): Map<number, { total: number; cleared: number }> {
  const rows = all(
    sqlite,
    build
      .selectFrom('problem')
      .select((eb) => [
        'org_id',
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'cleared').then(1).else(0).end()).as('cleared'),
      ])
      .where('year', '=', year)
      .where('deleted_at', 'is', null)
      .groupBy('org_id'),
  );
  return new Map(rows.map((r) => [r.org_id, { total: Number(r.total), cleared: Number(r.cleared) }]));
}
