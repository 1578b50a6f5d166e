/**
 * The organisation tree. `path` ('/1/5/37/') is the materialised list of ancestors:
 * a subtree is the index range [path, subtreeEnd(path)), so counts over 100,000 branches
 * are range scans, not recursive queries.
 */
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { OrgNode } from '../../../shared/contract/types.ts';
import type { OrgKind } from '../../../shared/domain/org.ts';
import { all, build, first, run } from '../db/query.ts';
import type { OrgRow } from '../db/schema.ts';
import { listed, subtreeEnd, unindexed } from './parts.ts';

export function countOrgs(sqlite: SQLite.Database): number {
  return first(sqlite, build.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')))!.n;
}

/** Children of `parentId` (null: the roots), each with its subtree's open branches and members in `year`. */
export function orgChildren(sqlite: SQLite.Database, parentId: number | null, year: number, includeClosed: boolean, withCounts = true): OrgNode[] {
  let q = build
    .selectFrom('org as c')
    .select(['c.id', 'c.uid', 'c.parent_id', 'c.level', 'c.kind', 'c.name', 'c.code', 'c.field', 'c.closed_on', 'c.path'])
    .select((eb) => [
      eb
        .selectFrom('org as k')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('k.parent_id', '=', 'c.id')
        .where('k.closed_on', 'is', null)
        .as('child_count'),
    ]);
  q = parentId === null ? q.where('c.parent_id', 'is', null) : q.where('c.parent_id', '=', parentId);
  if (!includeClosed) q = q.where('c.closed_on', 'is', null);
  const nodes = all(sqlite, q.orderBy('c.sort_order').orderBy('c.name_sort'));
  if (nodes.length === 0) return [];
  if (!withCounts) return nodes.map((n) => toNode(n, undefined));

  const topOfRegion = parentId === null || getOrg(sqlite, parentId)?.level === 'city';
  const totals = topOfRegion ? totalsFromTallies(sqlite, nodes, year) : all(sqlite, childTotals(parentId, year));
  const byId = new Map(totals.map((t) => [t.child_id, t]));

  return nodes.map((n) => toNode(n, byId.get(n.id)));
}

/**
 * Each child's open branches and members in `year`: one pass over the parent's subtree,
 * attributing each branch to the child whose path range holds it (by the path index, see
 * `unindexed`). Exported so a test can check the plan SQLite picks on a file without statistics.
 */
export function childTotals(parentId: number | null, year: number) {
  return build
    .with('kids', (db) => {
      const kids = db.selectFrom('org').select(['id', 'path']);
      return parentId === null ? kids.where('parent_id', 'is', null) : kids.where('parent_id', '=', parentId);
    })
    .selectFrom('kids')
    .innerJoin('org as b', (join) =>
      join
        .onRef('b.path', '>=', 'kids.path')
        .on('b.path', '<', (eb) => subtreeEnd(eb.ref('kids.path')))
        .on(unindexed('b.level'), '=', 'branch')
        .on('b.closed_on', 'is', null),
    )
    .leftJoin('branch_ledger as l', (join) => join.onRef('l.org_id', '=', 'b.id').on('l.year', '=', year).on('l.deleted_at', 'is', null))
    .select((eb) => [
      'kids.id as child_id',
      eb.fn.count<number>('b.id').as('branches'),
      eb.fn
        .coalesce(eb.fn.sum<number>(eb(eb.fn.coalesce('l.members_formal', eb.lit(0)), '+', eb.fn.coalesce('l.members_probationary', eb.lit(0)))), eb.lit(0))
        .as('members'),
    ])
    .groupBy('kids.id');
}

/**
 * Each parent's open branches (its children of level branch) and their members in `year`, over
 * the whole file: one pass over the `org_level_parent` index in parent order (migration 0017),
 * each branch's ledger row found by its key. At the top of a region, where every child's
 * subtree is most of the file, this reads each branch once, and no branch's own row; the path
 * range join of `childTotals` read each branch's row as well (73 → 43 ms of CPU at 100,000).
 * Exported so a test can check the plan SQLite picks on a file without statistics.
 */
export function branchTallies(year: number) {
  return build
    .selectFrom('org as b')
    .leftJoin('branch_ledger as l', (join) => join.onRef('l.org_id', '=', 'b.id').on('l.year', '=', year).on('l.deleted_at', 'is', null))
    .select((eb) => [
      'b.parent_id',
      eb.fn.countAll<number>().as('branches'),
      eb.fn
        .coalesce(eb.fn.sum<number>(eb(eb.fn.coalesce('l.members_formal', eb.lit(0)), '+', eb.fn.coalesce('l.members_probationary', eb.lit(0)))), eb.lit(0))
        .as('members'),
    ])
    .where('b.level', '=', 'branch')
    .where('b.closed_on', 'is', null)
    .groupBy('b.parent_id');
}

/**
 * The children's totals from every parent's tally: a child's subtree holds the branches of each
 * parent within its path range, and itself when it is an open branch (counted in its own
 * parent's tally, which is outside that range).
 */
function totalsFromTallies(sqlite: SQLite.Database, children: { id: number; path: string; level: string; closed_on: string | null }[], year: number) {
  const tallies = all(sqlite, branchTallies(year));
  const pathOf = new Map(
    all(sqlite, build.selectFrom('org').select(['id', 'path']).where('id', 'in', listed(tallies.flatMap((t) => (t.parent_id === null ? [] : [t.parent_id]))))).map(
      (o) => [o.id, o.path],
    ),
  );
  const ownBranches = children.filter((c) => c.level === 'branch' && c.closed_on === null).map((c) => c.id);
  const ownMembers = new Map(
    ownBranches.length === 0
      ? []
      : all(
          sqlite,
          build
            .selectFrom('branch_ledger')
            .select((eb) => ['org_id', eb(eb.fn.coalesce('members_formal', eb.lit(0)), '+', eb.fn.coalesce('members_probationary', eb.lit(0))).as('members')])
            .where('org_id', 'in', listed(ownBranches))
            .where('year', '=', year)
            .where('deleted_at', 'is', null),
        ).map((r) => [r.org_id, r.members]),
  );
  const open = new Set(ownBranches);
  return children.map((k) => {
    const end = subtreeEnd(k.path);
    let branches = open.has(k.id) ? 1 : 0;
    let members = open.has(k.id) ? (ownMembers.get(k.id) ?? 0) : 0;
    for (const t of tallies) {
      const p = t.parent_id === null ? undefined : pathOf.get(t.parent_id);
      if (p !== undefined && p >= k.path && p < end) {
        branches += t.branches;
        members += t.members;
      }
    }
    return { child_id: k.id, branches, members };
  });
}

function toNode(
  n: Pick<OrgRow, 'id' | 'uid' | 'parent_id' | 'level' | 'kind' | 'name' | 'code' | 'field' | 'closed_on'> & { child_count: number | null },
  totals: { branches: number; members: number } | undefined,
): OrgNode {
  return {
    id: n.id,
    uid: n.uid,
    parentId: n.parent_id,
    level: n.level,
    kind: n.kind as OrgKind,
    name: n.name,
    code: n.code,
    field: n.field,
    closedOn: n.closed_on,
    childCount: n.child_count ?? 0,
    branchCount: totals?.branches ?? 0,
    memberCount: totals?.members ?? 0,
  };
}

/** The node itself with its subtree totals (the header of a tree page). */
export function orgNode(sqlite: SQLite.Database, id: number, year: number, withCounts = true): OrgNode | null {
  const org = getOrg(sqlite, id);
  if (!org) return null;
  const childCount = first(sqlite, build.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).where('closed_on', 'is', null))!.n;
  if (!withCounts) return toNode({ ...org, child_count: childCount }, undefined);
  // Its own subtree only: the siblings' totals (a whole city's, for a county) are not needed here.
  const totals = first(
    sqlite,
    build
      .selectFrom('org as b')
      .leftJoin('branch_ledger as l', (join) => join.onRef('l.org_id', '=', 'b.id').on('l.year', '=', year).on('l.deleted_at', 'is', null))
      .select((eb) => [
        eb.fn.count<number>('b.id').as('branches'),
        eb.fn.coalesce(eb.fn.sum<number>(eb(eb.fn.coalesce('l.members_formal', eb.lit(0)), '+', eb.fn.coalesce('l.members_probationary', eb.lit(0)))), eb.lit(0)).as('members'),
      ])
      .where('b.path', '>=', org.path)
      .where('b.path', '<', subtreeEnd(org.path))
      .where(unindexed('b.level'), '=', 'branch')
      .where('b.closed_on', 'is', null),
  );
  return toNode({ ...org, child_count: childCount }, totals);
}

// ---- Writes and lookups used inside better-sqlite3 transactions (synchronous).

export function getOrg(sqlite: SQLite.Database, id: number): OrgRow | undefined {
  return first(sqlite, build.selectFrom('org').selectAll().where('id', '=', id));
}

export function openSiblingNamed(sqlite: SQLite.Database, parentId: number | null, name: string, exceptId: number | null): boolean {
  const sibling = build
    .selectFrom('org')
    .select('id')
    .where('parent_id', 'is', parentId)
    .where('name', '=', name)
    .where('closed_on', 'is', null)
    .where('id', 'is not', exceptId)
    .limit(1);
  return first(sqlite, sibling) !== undefined;
}

/** The place after the last child of a parent (null: after the last root). */
function nextSortOrder(sqlite: SQLite.Database, parentId: number | null): number {
  const q = build
    .selectFrom('org')
    .select((eb) => eb.fn.coalesce(eb(eb.fn.max('sort_order'), '+', 1), eb.lit(0)).as('n'))
    .where('parent_id', 'is', parentId);
  return first(sqlite, q)!.n;
}

export function insertOrg(
  sqlite: SQLite.Database,
  o: { uid: string; parent: OrgRow | null; level: OrgRow['level']; kind: string; name: string; code: string | null; field: string | null; sortKey: string; initials: string; now: string },
): number {
  const inserted = run(
    sqlite,
    build.insertInto('org').values({
      uid: o.uid,
      parent_id: o.parent?.id ?? null,
      level: o.level,
      kind: o.kind,
      name: o.name,
      code: o.code,
      field: o.field,
      sort_order: nextSortOrder(sqlite, o.parent?.id ?? null),
      // The path needs the new id: set just below.
      path: '',
      depth: o.parent ? o.parent.depth + 1 : 0,
      name_sort: o.sortKey,
      name_initials: o.initials,
      created_at: o.now,
      updated_at: o.now,
    }),
  );
  const id = Number(inserted.lastInsertRowid);
  run(sqlite, build.updateTable('org').set({ path: `${o.parent?.path ?? '/'}${id}/` }).where('id', '=', id));
  return id;
}

export function setOrgColumn(sqlite: SQLite.Database, id: number, column: 'name' | 'kind' | 'code' | 'field', value: string | null, now: string): void {
  run(sqlite, build.updateTable('org').set(column, value).set('updated_at', now).where('id', '=', id));
}

export function setOrgNameKeys(sqlite: SQLite.Database, id: number, sortKey: string, initials: string): void {
  run(sqlite, build.updateTable('org').set({ name_sort: sortKey, name_initials: initials }).where('id', '=', id));
}

/** Re-roots a subtree: one statement rewrites every descendant's path and depth. */
export function moveSubtree(sqlite: SQLite.Database, org: OrgRow, parent: OrgRow, now: string): void {
  const newPath = `${parent.path}${org.id}/`;
  const depthShift = parent.depth + 1 - org.depth;
  run(sqlite, build.updateTable('org').set({ parent_id: parent.id, sort_order: nextSortOrder(sqlite, parent.id), updated_at: now }).where('id', '=', org.id));
  run(
    sqlite,
    build
      .updateTable('org')
      .set((eb) => ({
        path: sql<string>`${newPath} || substr(${eb.ref('path')}, ${org.path.length + 1})`,
        depth: eb('depth', '+', depthShift),
      }))
      .where('path', '>=', org.path)
      .where('path', '<', subtreeEnd(org.path)),
  );
}

/** Open orgs of a subtree, the node first. */
export function openSubtree(sqlite: SQLite.Database, org: OrgRow): { id: number; uid: string }[] {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(['id', 'uid'])
      .where('path', '>=', org.path)
      .where('path', '<', subtreeEnd(org.path))
      .where('closed_on', 'is', null)
      .orderBy('depth'),
  );
}

export function setClosedOn(sqlite: SQLite.Database, id: number, closedOn: string | null, now: string): void {
  run(sqlite, build.updateTable('org').set({ closed_on: closedOn, updated_at: now }).where('id', '=', id));
}

/** Units whose name contains the text, or whose pinyin initials start with it, or whose code is it (open ones, unless `includeClosed`). */
export function searchOrgs(sqlite: SQLite.Database, query: string, limit: number, includeClosed = false): OrgRow[] {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .selectAll()
      .$if(!includeClosed, (qb) => qb.where('closed_on', 'is', null))
      .where((eb) => eb.or([eb('name', 'like', `%${query}%`), eb('name_initials', 'like', `${query.toLowerCase()}%`), eb('code', '=', query)]))
      // The unit of exactly that name first, then the higher levels, then the shorter names.
      .orderBy((eb) => eb('name', '=', query), 'desc')
      .orderBy((eb) => eb.case('level').when('city').then(0).when('county').then(1).when('township').then(2).else(3).end())
      .orderBy((eb) => eb.fn('length', ['name_initials']))
      .orderBy('name_sort')
      .limit(limit),
  );
}

export function orgNamesByIds(sqlite: SQLite.Database, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = all(sqlite, build.selectFrom('org').select(['id', 'name']).where('id', 'in', listed(ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The open units directly under `parentId` that are not branches: the rows of a summary table. */
export function childUnits(sqlite: SQLite.Database, parentId: number): Pick<OrgRow, 'id' | 'uid' | 'name' | 'code' | 'path'>[] {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(['id', 'uid', 'name', 'code', 'path'])
      .where('parent_id', '=', parentId)
      .where('level', '!=', 'branch')
      .where('closed_on', 'is', null)
      .orderBy('sort_order')
      .orderBy('name_sort'),
  );
}

export function orgUids(sqlite: SQLite.Database, ids: number[]): Map<number, string> {
  const rows = all(sqlite, build.selectFrom('org').select(['id', 'uid']).where('id', 'in', listed(ids)));
  return new Map(rows.map((r) => [r.id, r.uid]));
}

/** The first top unit (the city or league): what an export or a summary without a scope is about. */
export function rootOrgId(sqlite: SQLite.Database): number | undefined {
  return first(sqlite, build.selectFrom('org').select('id').where('parent_id', 'is', null).orderBy('sort_order').limit(1))?.id;
}

/** Every branch under a path, with its path: which unit of a summary it counts under. */
export function branchPathsUnder(sqlite: SQLite.Database, path: string): Map<number, string> {
  const rows = all(
    sqlite,
    build.selectFrom('org').select(['id', 'path']).where('path', '>=', path).where('path', '<', subtreeEnd(path)).where('level', '=', 'branch'),
  );
  return new Map(rows.map((r) => [r.id, r.path]));
}

/**
 * What else refers to a unit, besides the given ledger row: other ledger rows (other years),
 * units under it, leaders, liaison points, projects, problems, evaluations, draws and exports.
 * A unit nothing refers to can be removed without losing anything but itself.
 */
export function orgReferences(sqlite: SQLite.Database, orgId: number, exceptLedgerId: number): number {
  const counts = first(
    sqlite,
    build.selectNoFrom((eb) => {
      const n = eb.fn.countAll<number>().as('n');
      return [
        eb.selectFrom('branch_ledger').select(n).where('org_id', '=', orgId).where('id', '!=', exceptLedgerId).as('ledgerRows'),
        eb.selectFrom('org').select(n).where('parent_id', '=', orgId).as('units'),
        eb.selectFrom('leader').select(n).where('committee_org_id', '=', orgId).as('leaders'),
        eb.selectFrom('liaison').select(n).where('org_id', '=', orgId).as('points'),
        eb.selectFrom('project').select(n).where('org_id', '=', orgId).as('projects'),
        eb.selectFrom('problem').select(n).where('org_id', '=', orgId).as('problems'),
        eb.selectFrom('evaluation').select(n).where('org_id', '=', orgId).as('evaluations'),
        eb.selectFrom('evaluation_draw').select(n).where('scope_org_id', '=', orgId).as('draws'),
        eb.selectFrom('export_batch').select(n).where('unit_org_id', '=', orgId).as('exports'),
      ];
    }),
  )!;
  return Object.values(counts).reduce<number>((sum, c) => sum + (c ?? 0), 0);
}

export function removeOrg(sqlite: SQLite.Database, id: number): void {
  run(sqlite, build.deleteFrom('org').where('id', '=', id));
}
