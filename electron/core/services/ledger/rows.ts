/** Adding, deleting (recoverably), restoring ledger rows, and starting a new year from the last. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { LedgerRow } from '../../../../shared/contract/types.ts';
import { closedBefore, copyLedgerYear, countLedgerRows, insertLedgerRow, ledgerRowsInRange, ledgerWriter, recordCopiedRows } from '../../repos/ledger.ts';
import type { ServiceContext } from '../context.ts';
import { createOrgSync } from '../org/index.ts';
import { ledgerRowsByIds, patchingLedger } from './list.ts';

export function addBranch(ctx: ServiceContext, args: ParsedArgs<'ledger.addBranch'>): LedgerRow & { changeSetId: string } {
  const { sqlite } = ctx.conn;
  const id = patchingLedger(ctx, ctx.conn.writeTransaction(() => {
    // The unit and its row are one action: one undo takes both away.
    const cs = ctx.audit.begin('typed', `台账新增“${args.name}”`);
    const orgId = createOrgSync(ctx, {
      parentId: args.parentId,
      name: args.name,
      kind: args.kind ?? 'branch',
      ...(args.field !== undefined ? { field: args.field } : {}),
    }, 'typed', cs);
    const uid = randomUUID();
    const rowId = insertLedgerRow(sqlite, { uid, orgId, year: args.year, now: ctx.now().toISOString() });
    cs.record('branch_ledger', rowId, uid, null, 'insert', null, { orgId, year: args.year });
    return { rowId, orgId, changeSetId: cs.id };
  }), (r) => [r.orgId]);
  ctx.events.emit('data.changed', { entity: 'branch_ledger', ids: [id.rowId] });
  return { ...ledgerRowsByIds(ctx, [id.rowId])[0]!, changeSetId: id.changeSetId };
}

export function addBranches(ctx: ServiceContext, args: ParsedArgs<'ledger.addBranches'>): { changeSetId: string; rows: LedgerRow[] } {
  const { sqlite } = ctx.conn;
  const result = patchingLedger(ctx, ctx.conn.writeTransaction(() => {
    const now = ctx.now().toISOString();
    const cs = ctx.audit.begin('paste', `台账新增 ${args.names.length} 行`);
    const ids: number[] = [];
    const orgIds: number[] = [];
    for (const name of args.names) {
      const orgId = createOrgSync(ctx, { parentId: args.parentId, name, kind: 'branch' }, 'paste', cs);
      const uid = randomUUID();
      const rowId = insertLedgerRow(sqlite, { uid, orgId, year: args.year, now });
      cs.record('branch_ledger', rowId, uid, null, 'insert', null, { orgId, year: args.year });
      ids.push(rowId);
      orgIds.push(orgId);
    }
    return { changeSetId: cs.id, ids, orgIds };
  }), (r) => r.orgIds);
  ctx.events.emit('data.changed', { entity: 'branch_ledger', ids: result.ids });
  return { changeSetId: result.changeSetId, rows: ledgerRowsByIds(ctx, result.ids) };
}

function setDeleted(ctx: ServiceContext, ids: number[], deleting: boolean): { changeSetId: string; count: number } {
  const { sqlite } = ctx.conn;
  const writer = ledgerWriter(sqlite);
  const now = ctx.now().toISOString();
  const result = patchingLedger(ctx, ctx.conn.writeTransaction(() => {
    const cs = ctx.audit.begin('typed', `${deleting ? '删除' : '恢复'}台账 ${ids.length} 行`);
    const orgIds: number[] = [];
    for (const id of ids) {
      const row = writer.get(id);
      if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的台账行，请刷新后重试。`);
      if ((row.deleted_at !== null) === deleting) continue;
      writer.setDeleted(id, deleting ? now : null, now);
      cs.record('branch_ledger', id, row.uid, null, deleting ? 'delete' : 'restore', row.deleted_at, deleting ? now : null);
      orgIds.push(row.org_id);
    }
    return { changeSetId: cs.id, count: cs.count, orgIds };
  }), (r) => r.orgIds);
  ctx.events.emit('data.changed', { entity: 'branch_ledger', ids });
  return result;
}

export function deleteRows(ctx: ServiceContext, args: ParsedArgs<'ledger.delete'>) {
  const r = setDeleted(ctx, args.ids, true);
  return { changeSetId: r.changeSetId, deleted: r.count };
}

export function restoreRows(ctx: ServiceContext, args: ParsedArgs<'ledger.restore'>): LedgerRow[] {
  setDeleted(ctx, args.ids, false);
  return ledgerRowsByIds(ctx, args.ids);
}

export function copyYear(ctx: ServiceContext, args: ParsedArgs<'ledger.copyYear'>): { copied: number; skipped: number; closed: number } {
  const { sqlite } = ctx.conn;
  if (args.from === args.to) throw new AppError('INVALID_ARGS', '源年度和目标年度不能相同。');
  const available = countLedgerRows(sqlite, args.from);
  if (available === 0) throw new AppError('NOT_FOUND', `${args.from} 年还没有台账，无法复制。`);
  const now = ctx.now().toISOString();
  const copied = ctx.conn.writeTransaction(() => {
    const r = copyLedgerYear(sqlite, args.from, args.to, now);
    if (r.copied > 0) {
      // One record per row, so that each row's history begins with where it came from.
      const cs = ctx.audit.begin('copy-year', `由 ${args.from} 年台账生成 ${args.to} 年台账（${r.copied} 行）`);
      const range = { from: args.from, to: args.to, firstId: r.firstId!, lastId: r.lastId! };
      cs.recordInserts('branch_ledger', () => ledgerRowsInRange(sqlite, args.to, range.firstId, range.lastId).map((row) => row.id), (head) =>
        recordCopiedRows(sqlite, head, range),
      );
    }
    return r.copied;
  })();
  ctx.events.emit('data.changed', { entity: 'branch_ledger' });
  // Not copied: rows the new year has already, and branches closed before it began.
  const closed = closedBefore(sqlite, args.from, `${args.to}-01-01`);
  return { copied, skipped: available - copied - closed, closed };
}
