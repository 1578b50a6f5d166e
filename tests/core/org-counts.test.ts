/**
 * The org tree's counts (issue 18): at every level they equal a plain recount of the rows,
 * on a fresh file without statistics and after ANALYZE, and the subtree join is driven by the
 * path index either way (without statistics SQLite used to pick `org_level` and test every
 * branch against every child: quadratic, 10 s for one township at 100,000 branches).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { branchTallies, childTotals } from '../../electron/core/repos/orgs.ts';
import type { OrgNode } from '../../shared/contract/types.ts';
import { seededCore } from '../helpers/core.ts';

interface Org { id: number; parent_id: number | null; path: string; level: string; closed_on: string | null }

describe('org tree counts', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('league', 7));
  });
  afterAll(() => core.close());

  /** Every open branch's members, attributed to each of its ancestors by walking parent links. */
  function recount(year: number) {
    const db = core.conn.sqlite;
    const orgs = db.prepare('SELECT id, parent_id, path, level, closed_on FROM org').all() as Org[];
    const members = new Map(
      (db.prepare('SELECT org_id, coalesce(members_formal, 0) + coalesce(members_probationary, 0) AS m FROM branch_ledger WHERE year = ? AND deleted_at IS NULL').all(year) as { org_id: number; m: number }[]).map((r) => [r.org_id, r.m]),
    );
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const totals = new Map<number, { branches: number; members: number; children: number }>(orgs.map((o) => [o.id, { branches: 0, members: 0, children: 0 }]));
    for (const o of orgs) {
      if (o.parent_id !== null && o.closed_on === null) totals.get(o.parent_id)!.children++;
      if (o.level !== 'branch' || o.closed_on !== null) continue;
      for (let at: Org | undefined = o; at; at = at.parent_id === null ? undefined : byId.get(at.parent_id)) {
        const t = totals.get(at.id)!;
        t.branches++;
        t.members += members.get(o.id) ?? 0;
      }
    }
    return totals;
  }

  async function compareEveryLevel() {
    const expected = recount(2026);
    const seen: OrgNode[] = [];
    const walk = async (parentId: number | null) => {
      const { nodes, parent } = await core.call('org.children', { parentId, year: 2026 });
      if (parent) seen.push(parent);
      for (const n of nodes) {
        seen.push(n);
        if (n.level !== 'branch' && n.childCount > 0) await walk(n.id);
      }
    };
    await walk(null);
    const levels = new Set(seen.map((n) => n.level));
    expect([...levels].sort()).toEqual(['branch', 'city', 'county', 'township']);
    for (const n of seen) {
      const t = expected.get(n.id)!;
      expect([n.name, n.branchCount, n.memberCount, n.childCount]).toEqual([n.name, t.branches, t.members, t.children]);
    }
    return seen.length;
  }

  function planOfSubtreeJoin(parentId: number) {
    const q = childTotals(parentId, 2026).compile();
    const plan = core.conn.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    return plan.map((p) => p.detail).filter((d) => / b /.test(` ${d} `));
  }

  /** The top of the region: every branch once, from the level index alone, in parent order (migration 0017). */
  function planOfTallies() {
    const q = branchTallies(2026).compile();
    const plan = core.conn.sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[];
    return plan.map((p) => p.detail).join(' | ');
  }

  it('equal a plain recount at every level, and the join uses the path index, without statistics and after ANALYZE', async () => {
    const db = core.conn.sqlite;
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").get()).toEqual({ n: 0 });
    const township = (db.prepare("SELECT id FROM org WHERE level = 'township' LIMIT 1").get() as { id: number }).id;
    expect(planOfSubtreeJoin(township).join(' | ')).toMatch(/org_path/);
    expect(planOfTallies()).toMatch(/^SCAN b USING COVERING INDEX org_level_parent|^SEARCH b USING COVERING INDEX org_level_parent/);
    expect(planOfTallies()).not.toMatch(/TEMP B-TREE/);
    // Each branch's members from the index alone (migration 0018), not its ledger row.
    expect(planOfTallies()).toMatch(/SEARCH l USING COVERING INDEX branch_ledger_members/);
    expect(await compareEveryLevel()).toBeGreaterThan(8000);

    db.exec('ANALYZE');
    expect(planOfSubtreeJoin(township).join(' | ')).toMatch(/org_path/);
    expect(planOfTallies()).toMatch(/^SCAN b USING COVERING INDEX org_level_parent|^SEARCH b USING COVERING INDEX org_level_parent/);
    await compareEveryLevel();

    // Kept answers are dropped by a change: a township closed with its branches, counted again.
    await core.call('org.close', { id: township, closedOn: '2026-03-01' });
    await compareEveryLevel();
  }, 120_000);
});
