/** Counts for the dashboard and `cli stats`: orgs by level, branches by banner, field and grade. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function latestLedgerYear(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('branch_ledger')
    .select((eb) => eb.fn.max('year').as('year'))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.year ?? null;
}

export async function orgsByLevel(db: Kysely<Database>) {
  return db
    .selectFrom('org')
    .select(['level', (eb) => eb.fn.countAll<number>().as('count')])
    .where('closed_on', 'is', null)
    .groupBy('level')
    .execute();
}

/** Open branches grouped by their ancestor at depth 1 (a banner/county or a city-level committee). */
export async function branchesByCounty(db: Kysely<Database>) {
  const result = await sql<{ id: number; name: string; sort_order: number; count: number }>`
    SELECT c.id, c.name, c.sort_order, count(b.id) AS count
    FROM org c
    JOIN org b ON b.path >= c.path AND b.path < c.path || '~' AND b.level = 'branch' AND b.closed_on IS NULL
    WHERE c.level = 'county' AND c.closed_on IS NULL
    GROUP BY c.id
    ORDER BY c.sort_order`.execute(db);
  return result.rows;
}

export async function branchesByField(db: Kysely<Database>) {
  return db
    .selectFrom('org')
    .select(['field', (eb) => eb.fn.countAll<number>().as('count')])
    .where('level', '=', 'branch')
    .where('closed_on', 'is', null)
    .groupBy('field')
    .execute();
}

export async function branchesByGrade(db: Kysely<Database>, year: number) {
  return db
    .selectFrom('branch_ledger as l')
    .innerJoin('org as o', 'o.id', 'l.org_id')
    .select(['l.grade', (eb) => eb.fn.countAll<number>().as('count')])
    .where('l.year', '=', year)
    .where('l.deleted_at', 'is', null)
    .where('o.closed_on', 'is', null)
    .groupBy('l.grade')
    .execute();
}

export async function countLeaders(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('leader')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('active_to', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countLiaisonPoints(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('liaison')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where('ended_on', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
