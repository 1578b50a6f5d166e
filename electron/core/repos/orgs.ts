/**
 * The organisation tree. `path` ('/1/5/37/') is the materialised list of ancestors:
 * a subtree is the index range [path, path + '~'), so counts over 100,000 branches
 * are range scans, not recursive queries.
 */
import { sql, type Kysely } from 'kysely';
import type { OrgNode } from '../../../shared/contract/types.ts';
import type { OrgKind } from '../../../shared/domain/org.ts';
import type { Database } from '../db/schema.ts';

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

  return nodes.map((n) => ({
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
    branchCount: Number(byId.get(n.id)?.branches ?? 0),
    memberCount: Number(byId.get(n.id)?.members ?? 0),
  }));
}

/** The node itself with its subtree totals (the header of a tree page). */
export async function orgNode(db: Kysely<Database>, id: number, year: number): Promise<OrgNode | null> {
  const org = await findOrg(db, id);
  if (!org) return null;
  const siblings = await orgChildren(db, org.parent_id, year, true);
  return siblings.find((s) => s.id === id) ?? null;
}
