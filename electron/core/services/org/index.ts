/**
 * The organisation tree's operations: create, rename and edit, move, close and
 * reopen, search by name or pinyin initials. Closed units stay, with their past
 * years' ledgers; every change is audited.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { OrgNode, OrgSearchHit } from '../../../../shared/contract/types.ts';
import { childLevel, isBranchKind, orgLevelLabels, type OrgLevel } from '../../../../shared/domain/org.ts';
import { pinyinKeys } from '../../../../shared/domain/pinyin.ts';
import type { OrgRow } from '../../db/schema.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import { insertLedgerRow, ledgerYears, loadCommittees } from '../../repos/ledger.ts';
import { patchingCommittee, patchingLedger } from '../ledger/list.ts';
import * as orgs from '../../repos/orgs.ts';
import { countedNode } from './children.ts';
import { latestLedgerYear } from '../../repos/stats.ts';
import type { ServiceContext } from '../context.ts';
import { townshipOn } from '../records/list.ts';

const defaultKind: Record<OrgLevel, string> = { city: 'city_committee', county: 'county_committee', township: 'township_committee', branch: 'branch' };

function mustGet(ctx: ServiceContext, id: number, what = '党组织'): OrgRow {
  const org = orgs.getOrg(ctx.conn.sqlite, id);
  if (!org) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的${what}，可能已被删除，请刷新后重试。`, { id });
  return org;
}

export async function nodeOf(ctx: ServiceContext, id: number): Promise<OrgNode> {
  const year = latestLedgerYear(ctx.conn.sqlite) ?? ctx.now().getFullYear();
  return countedNode(ctx, id, year)!;
}

/** Which level a new child of `parent` has; a general branch holds branches. */
function levelUnder(parent: OrgRow): OrgLevel {
  if (parent.level === 'branch') {
    if (parent.kind !== 'general_branch') throw new AppError('CONFLICT', `“${parent.name}”是党支部，不能再设下级党组织；只有党总支可以下设党支部。`);
    return 'branch';
  }
  return childLevel(parent.level)!;
}

/** Creates a unit inside the caller's transaction; `into` records it in the caller's change set. */
export function createOrgSync(ctx: ServiceContext, args: ParsedArgs<'org.create'>, source = 'typed', into?: ChangeSet): number {
  const { sqlite } = ctx.conn;
  const parent = args.parentId === null ? null : mustGet(ctx, args.parentId, '上级党组织');
  if (parent?.closed_on) throw new AppError('CONFLICT', `上级党组织“${parent.name}”已撤销，不能在其下新建。`);
  const level = parent ? levelUnder(parent) : (args.level ?? 'city');
  if (parent && args.level !== undefined && args.level !== level) {
    throw new AppError('CONFLICT', `层级不符：“${parent.name}”的下级应为${orgLevelLabels[level]}党组织。`);
  }
  const kind = args.kind ?? defaultKind[level];
  if ((level === 'branch') !== isBranchKind(kind)) throw new AppError('INVALID_ARGS', '组织类别与层级不符：党支部层级只能是“党支部”或“党总支”。');
  if (orgs.openSiblingNamed(sqlite, parent?.id ?? null, args.name, null)) {
    throw new AppError('CONFLICT', `${parent ? `“${parent.name}”下` : '最上级中'}已有名为“${args.name}”的党组织。`, { name: args.name });
  }
  const keys = pinyinKeys(args.name);
  const now = ctx.now().toISOString();
  const uid = randomUUID();
  const cs = into ?? ctx.audit.begin(source, `新建党组织“${args.name}”`);
  const field = level === 'branch' ? (args.field ?? null) : null;
  const id = orgs.insertOrg(sqlite, { uid, parent, level, kind, name: args.name, code: args.code ?? null, field, sortKey: keys.sortKey, initials: keys.initials, now });
  cs.record('org', id, uid, null, 'insert', null, { name: args.name, parentId: parent?.id ?? null, level, kind, code: args.code ?? null, field });
  return id;
}

export async function createOrg(ctx: ServiceContext, args: ParsedArgs<'org.create'>): Promise<OrgNode> {
  const { sqlite } = ctx.conn;
  const { id, ledgerRows } = ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', `新建党组织“${args.name}”`);
    const id = createOrgSync(ctx, args, 'typed', cs);
    // A branch set up in the tree joins the ledger of the year under way, and of any later
    // year already started: otherwise it would be in no ledger until next year's copy.
    const ledgerRows: number[] = [];
    if (orgs.getOrg(sqlite, id)?.level === 'branch') {
      const now = ctx.now();
      for (const year of ledgerYears(sqlite).filter((y) => y >= now.getFullYear())) {
        const uid = randomUUID();
        const rowId = insertLedgerRow(sqlite, { uid, orgId: id, year, now: now.toISOString() });
        cs.record('branch_ledger', rowId, uid, null, 'insert', null, { orgId: id, year });
        ledgerRows.push(rowId);
      }
    }
    return { id, ledgerRows };
  })();
  ctx.events.emit('data.changed', { entity: 'org', ids: [id] });
  if (ledgerRows.length) ctx.events.emit('data.changed', { entity: 'branch_ledger', ids: ledgerRows });
  return nodeOf(ctx, id);
}

/**
 * Sets one of a unit's own fields by the tree's rules (no two open units under one parent share
 * a name; a branch's kind is a branch's), inside the caller's transaction, recorded in `cs`.
 * Edits in the tree and their undo and redo all come here.
 */
export function setOrgField(ctx: ServiceContext, org: OrgRow, field: 'name' | 'kind' | 'code' | 'field', value: string | null, cs: ChangeSet): void {
  const { sqlite } = ctx.conn;
  if (value === org[field]) return;
  const now = ctx.now().toISOString();
  if (field === 'name') {
    if (!value) throw new AppError('INVALID_ARGS', '党组织名称不能为空。');
    if (org.parent_id !== null && orgs.openSiblingNamed(sqlite, org.parent_id, value, org.id)) {
      throw new AppError('CONFLICT', `同一上级下已有名为“${value}”的党组织。`, { name: value });
    }
    const keys = pinyinKeys(value);
    orgs.setOrgColumn(sqlite, org.id, 'name', value, now);
    orgs.setOrgNameKeys(sqlite, org.id, keys.sortKey, keys.initials);
  } else {
    if (field === 'kind' && (value === null || (org.level === 'branch') !== isBranchKind(value))) {
      throw new AppError('INVALID_ARGS', '组织类别与层级不符：党支部层级只能是“党支部”或“党总支”。');
    }
    orgs.setOrgColumn(sqlite, org.id, field, value, now);
  }
  cs.record('org', org.id, org.uid, field, 'update', org[field], value);
}

export async function updateOrg(ctx: ServiceContext, args: ParsedArgs<'org.update'>): Promise<OrgNode> {
  const write = ctx.conn.writeTransaction(() => {
    const org = mustGet(ctx, args.id);
    const cs = ctx.audit.begin('typed', `修改党组织“${org.name}”`);
    for (const field of ['name', 'kind', 'code', 'field'] as const) {
      const value = args[field];
      if (value !== undefined) setOrgField(ctx, org, field, value, cs);
    }
  });
  // The ledger kept in memory rereads the rows that show what changed, not the year (100,000 rows at
  // a region): a branch's own rows, or every row under a committee, whose name they show.
  const org = orgs.getOrg(ctx.conn.sqlite, args.id);
  if (org?.level === 'branch') patchingLedger(ctx, write, () => [args.id]);
  else if (org) patchingCommittee(ctx, write, org.path);
  else write(); // refused by it: not found
  ctx.events.emit('data.changed', { entity: 'org', ids: [args.id] });
  return nodeOf(ctx, args.id);
}

/** Moves a unit (and its subtree) under another by the tree's rules, inside the caller's transaction, recorded in `cs`. */
export function moveOrgSync(ctx: ServiceContext, org: OrgRow, parent: OrgRow, cs: ChangeSet): void {
  const { sqlite } = ctx.conn;
  if (parent.id === org.parent_id) return;
  if (parent.path.startsWith(org.path)) throw new AppError('CONFLICT', `不能把“${org.name}”移到它自己或它的下级之下。`);
  if (parent.closed_on) throw new AppError('CONFLICT', `“${parent.name}”已撤销，不能移入。`);
  let level: OrgLevel;
  try {
    level = levelUnder(parent);
  } catch {
    throw new AppError('CONFLICT', `“${parent.name}”是党支部，不能作为上级。`);
  }
  if (level !== org.level) {
    throw new AppError('CONFLICT', `层级不符：“${org.name}”不能放在“${parent.name}”之下。`);
  }
  if (orgs.openSiblingNamed(sqlite, parent.id, org.name, org.id)) throw new AppError('CONFLICT', `“${parent.name}”下已有同名党组织“${org.name}”。`);
  orgs.moveSubtree(sqlite, org, parent, ctx.now().toISOString());
  cs.record('org', org.id, org.uid, 'parent_id', 'update', org.parent_id, parent.id);
}

export async function moveOrg(ctx: ServiceContext, args: ParsedArgs<'org.move'>): Promise<OrgNode> {
  ctx.conn.writeTransaction(() => {
    const org = mustGet(ctx, args.id);
    const parent = mustGet(ctx, args.newParentId, '新的上级党组织');
    moveOrgSync(ctx, org, parent, ctx.audit.begin('typed', `移动党组织“${org.name}”`));
  })();
  ctx.events.emit('data.changed', { entity: 'org', ids: [args.id] });
  return nodeOf(ctx, args.id);
}

export function closeOrg(ctx: ServiceContext, args: ParsedArgs<'org.close'>): { closed: number } {
  const { sqlite } = ctx.conn;
  const closed = ctx.conn.writeTransaction(() => {
    const org = mustGet(ctx, args.id);
    if (org.closed_on) throw new AppError('CONFLICT', `“${org.name}”已于 ${org.closed_on} 撤销。`);
    if (org.parent_id === null) throw new AppError('CONFLICT', '最上级党组织不能撤销。');
    const cs = ctx.audit.begin('typed', `撤销党组织“${org.name}”及其下级`);
    const now = ctx.now().toISOString();
    const subtree = orgs.openSubtree(sqlite, org);
    for (const o of subtree) {
      orgs.setClosedOn(sqlite, o.id, args.closedOn, now);
      cs.record('org', o.id, o.uid, 'closed_on', 'update', null, args.closedOn);
    }
    return subtree.length;
  })();
  ctx.events.emit('data.changed', { entity: 'org' });
  return { closed };
}

export async function reopenOrg(ctx: ServiceContext, args: ParsedArgs<'org.reopen'>): Promise<OrgNode> {
  const { sqlite } = ctx.conn;
  ctx.conn.writeTransaction(() => {
    const org = mustGet(ctx, args.id);
    if (!org.closed_on) return;
    const parent = org.parent_id === null ? undefined : orgs.getOrg(sqlite, org.parent_id);
    if (parent?.closed_on) throw new AppError('CONFLICT', `上级“${parent.name}”已撤销，请先恢复上级。`);
    const cs = ctx.audit.begin('typed', `恢复党组织“${org.name}”`);
    orgs.setClosedOn(sqlite, org.id, null, ctx.now().toISOString());
    cs.record('org', org.id, org.uid, 'closed_on', 'update', org.closed_on, null);
  })();
  ctx.events.emit('data.changed', { entity: 'org', ids: [args.id] });
  return nodeOf(ctx, args.id);
}

export async function searchOrg(ctx: ServiceContext, args: ParsedArgs<'org.search'>): Promise<OrgSearchHit[]> {
  const { sqlite } = ctx.conn;
  const includeClosed = args.includeClosed ?? false;
  const hits = orgs.searchOrgs(sqlite, args.query, args.limit ?? 30, includeClosed);
  const ancestorIds = [...new Set(hits.flatMap((h) => orgs.pathIds(h.path).slice(0, -1)))];
  const names = orgs.orgNamesByIds(sqlite, ancestorIds);
  const year = latestLedgerYear(ctx.conn.sqlite) ?? ctx.now().getFullYear();
  const byParent = new Map<number | null, OrgNode[]>();
  const nodes: OrgNode[] = [];
  for (const parentId of new Set(hits.map((h) => h.parent_id))) {
    byParent.set(parentId, orgs.orgChildren(ctx.conn.sqlite, parentId, year, includeClosed));
  }
  for (const h of hits) {
    const node = byParent.get(h.parent_id)?.find((n) => n.id === h.id);
    if (node) nodes.push(node);
  }
  // Read afresh, not from the ledger's cached context: that one is kept across an import's own writes,
  // which may have just added the townships these hits sit in.
  const committees = loadCommittees(sqlite);
  return nodes.map((node) => {
    const path = hits.find((h) => h.id === node.id)!.path;
    const ids = orgs.pathIds(path);
    return { node, pathIds: ids, pathNames: ids.slice(0, -1).map((id) => names.get(id) ?? ''), township: townshipOn(path, committees) };
  });
}
