/**
 * The city's draw (evaluation_draw): who may be drawn, the draws of a year, and which branches
 * a year's draws picked. A draw is never changed once stored: a redraw is a new row pointing at
 * the one it replaces (supersedes_id), and the replaced row stays as it was.
 */
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { DrawCandidate, DrawnBranch, DrawStratumResult, RoundingRule } from '../../../shared/domain/draw.ts';
import { all, build, first, run } from '../db/query.ts';
import { listed, subtreeEnd } from './parts.ts';

/** The stage a draw selects branches for (the city's assessment, 市级抽查评估). */
export const drawStage = 'city';

interface CandidateRow {
  id: number;
  uid: string;
  name: string;
  field: string | null;
  path: string;
}

/**
 * The branches that may be drawn in `year` under the unit at `scopePath`: those whose county
 * acceptance (旗县验收, stage `county`) of that year passed, on a record not deleted, and whose
 * unit is not closed, and that a send-back did not make history. THE one query of who may be
 * drawn: a rule about which acceptance counts is added here, and only here.
 * Each comes with its 旗县区 committee and township committee (the nearest above it), found
 * from its path among the few hundred committees rather than by a join per branch.
 */
export function countyPassedBranches(sqlite: SQLite.Database, year: number, scopePath: string): DrawCandidate[] {
  const rows: CandidateRow[] = all(
    sqlite,
    build
      .selectFrom('evaluation as e')
      .innerJoin('org as o', 'o.id', 'e.org_id')
      .select(['o.id', 'o.uid', 'o.name', 'o.field', 'o.path'])
      .where('e.year', '=', year)
      .where('e.stage', '=', 'county')
      .where('e.result', '=', 'pass')
      .where('e.deleted_at', 'is', null)
      // An acceptance a send-back made history (superseded) no longer counts.
      .where('e.superseded_at', 'is', null)
      .where('o.closed_on', 'is', null)
      .where('o.level', '=', 'branch')
      .where('o.path', '>=', scopePath)
      .where('o.path', '<', subtreeEnd(scopePath)),
  );
  const committees = new Map(
    all(sqlite, build.selectFrom('org').select(['id', 'uid', 'name', 'level', 'sort_order', 'name_sort']).where('level', 'in', ['county', 'township'])).map((c) => [c.id, c]),
  );
  const out: (DrawCandidate & { order: [number, string] })[] = rows.map((r) => {
    let county: { id: number; uid: string; name: string; sort_order: number; name_sort: string } | undefined;
    let township: string | null = null;
    // The path lists the ancestors from the top: the last township above wins, the county is one of them.
    for (const part of r.path.split('/')) {
      const c = part ? committees.get(Number(part)) : undefined;
      if (!c || c.id === r.id) continue;
      if (c.level === 'county') county = c;
      else township = c.name;
    }
    return {
      orgId: r.id, uid: r.uid, name: r.name, township, field: r.field,
      countyId: county?.id ?? null, countyUid: county?.uid ?? null, countyName: county?.name ?? null,
      order: [county?.sort_order ?? Number.MAX_SAFE_INTEGER, county?.name_sort ?? ''],
    };
  });
  // Counties in the tree's order (as every other page lists them); within one, by uid (the draw's own order).
  out.sort((a, b) => a.order[0] - b.order[0] || (a.order[1] < b.order[1] ? -1 : a.order[1] > b.order[1] ? 1 : 0) || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  return out.map(({ order: _order, ...c }) => c);
}

/** A stored draw, its JSON parsed. */
export interface DrawRow {
  id: number;
  uid: string;
  year: number;
  scopeOrgId: number | null;
  share: number;
  seed: number;
  seedGiven: boolean;
  byField: boolean;
  rounding: RoundingRule;
  title: string | null;
  population: number;
  populationHash: string;
  picked: DrawnBranch[];
  strata: DrawStratumResult[];
  witnesses: string[];
  reason: string | null;
  supersedesId: number | null;
  /** The draw that replaced this one, if any. */
  supersededById: number | null;
  drawnAt: string;
  actor: string;
}

function drawQuery() {
  return build
    .selectFrom('evaluation_draw as d')
    .leftJoin('evaluation_draw as n', 'n.supersedes_id', 'd.id')
    .select([
      'd.id', 'd.uid', 'd.year', 'd.scope_org_id', 'd.ratio', 'd.seed', 'd.seed_given', 'd.by_field', 'd.rounding', 'd.title', 'd.population',
      'd.population_hash', 'd.picked_json', 'd.strata_json', 'd.witnesses', 'd.reason', 'd.supersedes_id', 'd.drawn_at', 'd.actor', 'n.id as superseded_by',
    ])
    .where('d.stage', '=', drawStage);
}

function toDraw(r: {
  id: number; uid: string; year: number; scope_org_id: number | null; ratio: number; seed: string; seed_given: number; by_field: number; rounding: string;
  title: string | null; population: number; population_hash: string; picked_json: string; strata_json: string; witnesses: string | null; reason: string | null;
  supersedes_id: number | null; drawn_at: string; actor: string; superseded_by: number | null;
}): DrawRow {
  return {
    id: r.id, uid: r.uid, year: r.year, scopeOrgId: r.scope_org_id, share: r.ratio, seed: Number(r.seed), seedGiven: r.seed_given === 1,
    byField: r.by_field === 1, rounding: r.rounding as RoundingRule, title: r.title, population: r.population, populationHash: r.population_hash,
    picked: JSON.parse(r.picked_json) as DrawnBranch[], strata: JSON.parse(r.strata_json) as DrawStratumResult[],
    witnesses: r.witnesses ? (JSON.parse(r.witnesses) as string[]) : [], reason: r.reason, supersedesId: r.supersedes_id, supersededById: r.superseded_by,
    drawnAt: r.drawn_at, actor: r.actor,
  };
}

/** The draws of a year (every year when none), newest first, replaced ones included. */
export function listDraws(sqlite: SQLite.Database, year?: number): DrawRow[] {
  return all(sqlite, drawQuery().$if(year !== undefined, (q) => q.where('d.year', '=', year!)).orderBy('d.id', 'desc')).map(toDraw);
}

export function getDraw(sqlite: SQLite.Database, id: number): DrawRow | undefined {
  const r = first(sqlite, drawQuery().where('d.id', '=', id));
  return r ? toDraw(r) : undefined;
}

/** The draws of a year that no later draw replaced. */
export function liveDraws(sqlite: SQLite.Database, year: number): DrawRow[] {
  return listDraws(sqlite, year).filter((d) => d.supersededById === null);
}

/** A draw to store: as it will be read back, before it has an id or a successor; a new draw always has its unit and title. */
export type NewDraw = Omit<DrawRow, 'id' | 'supersededById' | 'scopeOrgId' | 'title'> & { scopeOrgId: number; title: string };

/** Stores a draw; returns its id. */
export function insertDraw(sqlite: SQLite.Database, d: NewDraw): number {
  return Number(
    run(
      sqlite,
      build.insertInto('evaluation_draw').values({
        uid: d.uid, year: d.year, stage: drawStage, scope_org_id: d.scopeOrgId, ratio: d.share,
        // Text, as the column was made: a seed is a name to read out, not a quantity.
        seed: String(d.seed), seed_given: d.seedGiven ? 1 : 0, by_field: d.byField ? 1 : 0, rounding: d.rounding, title: d.title,
        population: d.population, population_hash: d.populationHash, picked_json: JSON.stringify(d.picked), strata_json: JSON.stringify(d.strata),
        witnesses: JSON.stringify(d.witnesses), reason: d.reason, supersedes_id: d.supersedesId, drawn_at: d.drawnAt, actor: d.actor,
      }),
    ).lastInsertRowid,
  );
}

/**
 * The branches drawn in `year`: those a draw of that year picked, where no later draw
 * replaced that draw. The evaluation table's derived 抽中 and the city's stage use this.
 */
export function drawnOrgIds(sqlite: SQLite.Database, year: number): Set<number> {
  const rows = all(
    sqlite,
    build
      .selectFrom('evaluation_draw as d')
      .innerJoin(sql<{ value: string }>`json_each(d.picked_json)`.as('j'), (join) => join.onTrue())
      .select(sql<number>`j.value ->> 'orgId'`.as('orgId'))
      .where('d.year', '=', year)
      .where('d.stage', '=', drawStage)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('evaluation_draw as n').select('n.id').whereRef('n.supersedes_id', '=', 'd.id')))),
  );
  return new Set(rows.map((r) => r.orgId));
}

/**
 * The same as SQL, for a record table's SELECT (repos/records.ts): the org ids drawn in the year
 * `year` names (a parameter such as @year, or a column). With a parameter, SQLite computes the
 * list once per query; with a column, once per row (as slow as it sounds over a league's year).
 */
export function drawnOrgsSql(year: string): string {
  return `SELECT j.value ->> 'orgId' FROM evaluation_draw d, json_each(d.picked_json) j
    WHERE d.year = ${year} AND d.stage = '${drawStage}' AND NOT EXISTS (SELECT 1 FROM evaluation_draw n WHERE n.supersedes_id = d.id)`;
}

/**
 * Of `orgIds`, the branches with a standing city assessment (市级评估) in `year`: a record of the
 * city's stage neither made history by a send-back nor deleted. A redraw that would drop them
 * is refused. In the tree's order, with their names.
 */
export function cityAssessedBranches(sqlite: SQLite.Database, year: number, orgIds: readonly number[]): { orgId: number; name: string }[] {
  if (orgIds.length === 0) return [];
  return all(
    sqlite,
    build
      .selectFrom('evaluation as e')
      .innerJoin('org as o', 'o.id', 'e.org_id')
      .select(['o.id as orgId', 'o.name'])
      .distinct()
      .where('e.year', '=', year)
      .where('e.stage', '=', drawStage)
      .where('e.superseded_at', 'is', null)
      .where('e.deleted_at', 'is', null)
      .where('e.org_id', 'in', listed(orgIds))
      .orderBy('o.path'),
  );
}
