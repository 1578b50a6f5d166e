/**
 * The organisation tree. `path` ('/1/5/37/') is the materialised list of ancestors:
 * a subtree is the index range [path, path + '~'), so counts over 100,000 branches
 * are range scans, not recursive queries.
 */
import { sql, type Kysely } from 'kysely';
import type { OrgNode } from '../../../shared/contract/types.ts';
import type { OrgKind } from '../../../shared/domain/org.ts';
import type SQLite from 'better-sqlite3';
import type { Database, OrgRow } from '../db/schema.ts';

/** The first byte after every character that may follow a path prefix ('/' and digits). */
const PATH_END = '~';

export async function findOrg(db: Kysely<Database>, id: number) {
  return db.selectFrom('org').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countOrgs(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('org').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Children of `parentId` (null: the roots), each with its subtree's open branches and members in `year`. */
export async function orgChildren(
  db: Kysely<Database>,
  parentId: number | null,
  year: number,
  includeClosed: boolean,
  withCounts = true,
): Promise<OrgNode[]> {
  let q = db
    .selectFrom('org as c')
    .select([
      'c.id', 'c.uid', 'c.parent_id', 'c.level', 'c.kind', 'c.name', 'c.code', 'c.field', 'c.closed_on', 'c.path', 'c.sort_order', 'c.name_sort',
    ])
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
  const nodes = await q.orderBy('c.sort_order').orderBy('c.name_sort').execute();
  if (nodes.length === 0) return [];
  if (!withCounts) return nodes.map((n) => toNode(n, undefined));

  // One pass over the parent's subtree, attributing each branch to the child whose path it starts with.
  const totals = await sql<{ child_id: number; branches: number; members: number }>`
    WITH kids(id, path) AS (SELECT id, path FROM org WHERE ${parentId === null ? sql`parent_id IS NULL` : sql`parent_id = ${parentId}`})
    SELECT kids.id AS child_id,
           count(b.id) AS branches,
           coalesce(sum(coalesce(l.members_formal, 0) + coalesce(l.members_probationary, 0)), 0) AS members
    FROM kids
    JOIN org b ON b.path >= kids.path AND b.path < kids.path || ${PATH_END}
              AND b.level = 'branch' AND b.closed_on IS NULL
    LEFT JOIN branch_ledger l ON l.org_id = b.id AND l.year = ${year} AND l.deleted_at IS NULL
    GROUP BY kids.id`.execute(db);
  const byId = new Map(totals.rows.map((t) => [t.child_id, t]));

  return nodes.map((n) => toNode(n, byId.get(n.id)));
}

function toNode(
  n: { id: number; uid: string; parent_id: number | null; level: OrgNode['level']; kind: string; name: string; code: string | null; field: string | null; closed_on: string | null; child_count: number | null },
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
    childCount: Number(n.child_count ?? 0),
    branchCount: Number(totals?.branches ?? 0),
    memberCount: Number(totals?.members ?? 0),
  };
}

/** The node itself with its subtree totals (the header of a tree page). */
export async function orgNode(db: Kysely<Database>, id: number, year: number, withCounts = true): Promise<OrgNode | null> {
  const org = await findOrg(db, id);
  if (!org) return null;
  const siblings = await orgChildren(db, org.parent_id, year, true, withCounts);
  return siblings.find((s) => s.id === id) ?? null;
}

// ---- Writes and lookups used inside better-sqlite3 transactions (synchronous).

export function getOrg(sqlite: SQLite.Database, id: number): OrgRow | undefined {
  return sqlite.prepare('SELECT * FROM org WHERE id = ?').get(id) as OrgRow | undefined;
}

export function openSiblingNamed(sqlite: SQLite.Database, parentId: number | null, name: string, exceptId: number | null): boolean {
  return (
    sqlite
      .prepare('SELECT 1 FROM org WHERE parent_id IS ? AND name = ? AND closed_on IS NULL AND id IS NOT ? LIMIT 1')
      .get(parentId, name, exceptId) !== undefined
  );
}

export function insertOrg(
  sqlite: SQLite.Database,
  o: { uid: string; parent: OrgRow | null; level: string; kind: string; name: string; code: string | null; field: string | null; sortKey: string; initials: string; now: string },
): number {
  const order = (
    sqlite.prepare('SELECT coalesce(max(sort_order) + 1, 0) AS n FROM org WHERE parent_id IS ?').get(o.parent?.id ?? null) as { n: number }
  ).n;
  const id = Number(
    sqlite
      .prepare(
        `INSERT INTO org (uid, parent_id, level, kind, name, code, field, sort_order, path, depth, name_sort, name_initials, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
      )
      .run(o.uid, o.parent?.id ?? null, o.level, o.kind, o.name, o.code, o.field, order, o.parent ? o.parent.depth + 1 : 0, o.sortKey, o.initials, o.now, o.now)
      .lastInsertRowid,
  );
  sqlite.prepare('UPDATE org SET path = ? WHERE id = ?').run(`${o.parent?.path ?? '/'}${id}/`, id);
  return id;
}

export function setOrgColumn(sqlite: SQLite.Database, id: number, column: 'name' | 'kind' | 'code' | 'field', value: string | null, now: string): void {
  sqlite.prepare(`UPDATE org SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, now, id);
}

export function setOrgNameKeys(sqlite: SQLite.Database, id: number, sortKey: string, initials: string): void {
  sqlite.prepare('UPDATE org SET name_sort = ?, name_initials = ? WHERE id = ?').run(sortKey, initials, id);
}

/** Re-roots a subtree: one statement rewrites every descendant's path and depth. */
export function moveSubtree(sqlite: SQLite.Database, org: OrgRow, parent: OrgRow, now: string): void {
  const newPath = `${parent.path}${org.id}/`;
  const depthShift = parent.depth + 1 - org.depth;
  const order = (sqlite.prepare('SELECT coalesce(max(sort_order) + 1, 0) AS n FROM org WHERE parent_id = ?').get(parent.id) as { n: number }).n;
  sqlite.prepare('UPDATE org SET parent_id = ?, sort_order = ?, updated_at = ? WHERE id = ?').run(parent.id, order, now, org.id);
  sqlite
    .prepare(`UPDATE org SET path = ? || substr(path, ?), depth = depth + ? WHERE path >= ? AND path < ? || '~'`)
    .run(newPath, org.path.length + 1, depthShift, org.path, org.path);
}

/** Open orgs of a subtree, the node first. */
export function openSubtree(sqlite: SQLite.Database, org: OrgRow): { id: number; uid: string }[] {
  return sqlite
    .prepare("SELECT id, uid FROM org WHERE path >= ? AND path < ? || '~' AND closed_on IS NULL ORDER BY depth")
    .all(org.path, org.path) as { id: number; uid: string }[];
}

export function setClosedOn(sqlite: SQLite.Database, id: number, closedOn: string | null, now: string): void {
  sqlite.prepare('UPDATE org SET closed_on = ?, updated_at = ? WHERE id = ?').run(closedOn, now, id);
}

/** Units whose name contains the text, or whose pinyin initials start with it, or whose code is it. */
export function searchOrgs(sqlite: SQLite.Database, query: string, limit: number): OrgRow[] {
  const levelRank = "CASE level WHEN 'city' THEN 0 WHEN 'county' THEN 1 WHEN 'township' THEN 2 ELSE 3 END";
  return sqlite
    .prepare(
      `SELECT * FROM org
       WHERE closed_on IS NULL AND (name LIKE @like OR name_initials LIKE @prefix OR code = @code)
       ORDER BY (name = @code) DESC, ${levelRank}, length(name_initials), name_sort
       LIMIT @limit`,
    )
    .all({ like: `%${query}%`, prefix: `${query.toLowerCase()}%`, code: query, limit }) as OrgRow[];
}

export function orgNamesByIds(sqlite: SQLite.Database, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  const rows = sqlite.prepare('SELECT id, name FROM org WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The open units directly under `parentId` that are not branches: the rows of a summary table. */
export function childUnits(sqlite: SQLite.Database, parentId: number): { id: number; uid: string; name: string; code: string | null; path: string }[] {
  return sqlite
    .prepare("SELECT id, uid, name, code, path FROM org WHERE parent_id = ? AND level != 'branch' AND closed_on IS NULL ORDER BY sort_order, name_sort")
    .all(parentId) as never;
}

export function orgUids(sqlite: SQLite.Database, ids: number[]): Map<number, string> {
  const rows = sqlite.prepare('SELECT id, uid FROM org WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(ids)) as [number, string][];
  return new Map(rows);
}

/** The first top unit (the city or league): what an export or a summary without a scope is about. */
export function rootOrgId(sqlite: SQLite.Database): number | undefined {
  return (sqlite.prepare('SELECT id FROM org WHERE parent_id IS NULL ORDER BY sort_order LIMIT 1').get() as { id: number } | undefined)?.id;
}

/** Every branch under a path, with its path: which unit of a summary it counts under. */
export function branchPathsUnder(sqlite: SQLite.Database, path: string): Map<number, string> {
  const rows = sqlite.prepare("SELECT id, path FROM org WHERE path >= ? AND path < ? || '~' AND level = 'branch'").raw().all(path, path) as [number, string][];
  return new Map(rows);
}

/**
 * What else refers to a unit, besides the given ledger row: other ledger rows (other years),
 * units under it, leaders, liaison points, projects, problems, evaluations, draws and exports.
 * A unit nothing refers to can be removed without losing anything but itself.
 */
export function orgReferences(sqlite: SQLite.Database, orgId: number, exceptLedgerId: number): number {
  const row = sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM branch_ledger WHERE org_id = @org AND id != @ledger)
            + (SELECT count(*) FROM org WHERE parent_id = @org)
            + (SELECT count(*) FROM leader WHERE committee_org_id = @org)
            + (SELECT count(*) FROM liaison WHERE org_id = @org)
            + (SELECT count(*) FROM project WHERE org_id = @org)
            + (SELECT count(*) FROM problem WHERE org_id = @org)
            + (SELECT count(*) FROM evaluation WHERE org_id = @org)
            + (SELECT count(*) FROM evaluation_draw WHERE scope_org_id = @org)
            + (SELECT count(*) FROM export_batch WHERE unit_org_id = @org) AS n`,
    )
    .get({ org: orgId, ledger: exceptLedgerId }) as { n: number };
  return row.n;
}

export function removeOrg(sqlite: SQLite.Database, id: number): void {
  sqlite.prepare('DELETE FROM org WHERE id = ?').run(id);
}
