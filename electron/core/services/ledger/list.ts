/**
 * The ledger of one year: filtered in SQL (scope by the tree, grade, field, text),
 * sorted in memory by pinyin keys and tree order (SQLite knows no pinyin).
 */
import type { LedgerList, LedgerRow } from '../../../../shared/contract/types.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import { ledgerRowsById, loadCommittees, loadLiaisonLeaders, orgPath, queryLedger, toLedgerRow, townshipOrder, type RowContext } from '../../repos/ledger.ts';
import { today, type ServiceContext } from '../context.ts';

export type ListArgs = ParsedArgs<'ledger.list'>;

export function rowContext(ctx: ServiceContext): RowContext {
  return { committees: loadCommittees(ctx.conn.sqlite), leaders: loadLiaisonLeaders(ctx.conn.sqlite, today(ctx)) };
}

export function listLedger(ctx: ServiceContext, args: ListArgs): LedgerList {
  const { sqlite } = ctx.conn;
  let scopePath: string | undefined;
  if (args.scopeOrgId !== undefined) {
    scopePath = orgPath(sqlite, args.scopeOrgId) ?? undefined;
    if (scopePath === undefined) throw new AppError('NOT_FOUND', `找不到编号为 ${args.scopeOrgId} 的党组织，请刷新后重试。`);
  }
  const f = args.filter;
  const raw = queryLedger(sqlite, {
    year: args.year,
    deleted: args.deleted ?? false,
    ...(scopePath !== undefined ? { scopePath } : {}),
    ...(f?.grade ? { grades: f.grade } : {}),
    ...(f?.field ? { fields: f.field } : {}),
    ...(f?.standardised !== undefined ? { standardised: f.standardised } : {}),
    ...(f?.text ? { text: f.text } : {}),
  });
  const rc = rowContext(ctx);
  const rows = raw.map((r) => toLedgerRow(r, rc));
  sortRows(rows, args.sort ?? [{ key: 'township', dir: 'asc' }], rc);
  const offset = args.offset ?? 0;
  const page = args.limit === undefined && offset === 0 ? rows : rows.slice(offset, offset + (args.limit ?? rows.length));
  return { year: args.year, total: rows.length, rows: page };
}

type SortSpec = NonNullable<ListArgs['sort']>;

const byString = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const byNumber = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

function sortRows(rows: LedgerRow[], spec: SortSpec, rc: RowContext): void {
  const comparators = spec.map(({ key, dir }) => {
    const sign = dir === 'desc' ? -1 : 1;
    switch (key) {
      case 'township':
        return (a: LedgerRow, b: LedgerRow) => sign * (townshipOrder(a, rc.committees) - townshipOrder(b, rc.committees)) || byString(a.nameSort, b.nameSort);
      case 'name':
        return (a: LedgerRow, b: LedgerRow) => sign * byString(a.nameSort, b.nameSort);
      case 'membersFormal':
      case 'membersProbationary':
        return (a: LedgerRow, b: LedgerRow) => sign * byNumber(a[key], b[key]);
      default:
        return (a: LedgerRow, b: LedgerRow) => sign * byString(a[key], b[key]);
    }
  });
  rows.sort((a, b) => {
    for (const c of comparators) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return a.id - b.id;
  });
}

/** Rows by id (after an edit), in the shape the grid holds. */
export function ledgerRowsByIds(ctx: ServiceContext, ids: number[], rc: RowContext = rowContext(ctx)): LedgerRow[] {
  return ledgerRowsById(ctx.conn.sqlite, ids).map((r) => toLedgerRow(r, rc));
}
