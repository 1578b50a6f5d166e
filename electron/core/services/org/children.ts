/**
 * `org.children`: a unit's children with their subtree counts (issue 18). At the top of a
 * 100,000-branch region the counts read every branch and its ledger row (~80 ms for the city);
 * the tree panel asks again for the same levels as a person goes up and down, so answers are
 * kept until the database changes (any write, ours or another process's: `changeCounter`).
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { OrgNode } from '../../../../shared/contract/types.ts';
import type { Connection } from '../../db/connection.ts';
import { changeCounter } from '../../repos/ledger.ts';
import { orgChildren, orgNode } from '../../repos/orgs.ts';
import { latestLedgerYear } from '../../repos/stats.ts';
import type { ServiceContext } from '../context.ts';

interface Kept {
  stamp: string;
  answers: Map<string, OrgNode[]>;
}
// Per connection, not per process: each core (and each test's) has its own.
const kept = new WeakMap<Connection, Kept>();

/** The children of `parentId` with counts (closed ones too), as kept since the last change, else read now. */
function countedChildren(ctx: ServiceContext, parentId: number | null, year: number): OrgNode[] {
  const stamp = changeCounter(ctx.conn.sqlite);
  let k = kept.get(ctx.conn);
  if (!k || k.stamp !== stamp) kept.set(ctx.conn, (k = { stamp, answers: new Map() }));
  const key = `${parentId}|${year}`;
  let nodes = k.answers.get(key);
  if (!nodes) k.answers.set(key, (nodes = orgChildren(ctx.conn.sqlite, parentId, year, true)));
  return nodes;
}

/**
 * A unit's own counts are its children's summed: every branch below it is below one of them
 * (a closed child's branches are closed with it). A general branch also counts itself: read directly.
 */
function withCounts(ctx: ServiceContext, self: OrgNode, children: OrgNode[], year: number): OrgNode {
  if (self.level === 'branch') return orgNode(ctx.conn.sqlite, self.id, year)!;
  return {
    ...self,
    branchCount: children.reduce((n, c) => n + c.branchCount, 0),
    memberCount: children.reduce((n, c) => n + c.memberCount, 0),
  };
}

export function childrenOf(ctx: ServiceContext, args: ParsedArgs<'org.children'>): { year: number; parent: OrgNode | null; nodes: OrgNode[] } {
  const { sqlite } = ctx.conn;
  const year = args.year ?? latestLedgerYear(sqlite) ?? ctx.now().getFullYear();
  const counts = args.counts ?? true;
  const self = args.parentId === null ? null : orgNode(sqlite, args.parentId, year, false);
  if (args.parentId !== null && self === null) {
    throw new AppError('NOT_FOUND', `找不到编号为 ${args.parentId} 的党组织，可能已被删除。请刷新后重试。`, { id: args.parentId });
  }
  if (!counts) return { year, parent: self, nodes: orgChildren(sqlite, args.parentId, year, args.includeClosed ?? false, false) };
  const all = countedChildren(ctx, args.parentId, year);
  const nodes = args.includeClosed ? all : all.filter((n) => n.closedOn === null);
  return { year, parent: self && withCounts(ctx, self, all, year), nodes };
}

/**
 * One unit with its counts, taken from (and kept with) its siblings' answer: every page asks for our
 * unit at start (`setup.status`), and a city's own counts read every branch of the region.
 */
export function countedNode(ctx: ServiceContext, id: number, year: number): OrgNode | null {
  const self = orgNode(ctx.conn.sqlite, id, year, false);
  if (!self) return null;
  return countedChildren(ctx, self.parentId, year).find((s) => s.id === id) ?? null;
}
