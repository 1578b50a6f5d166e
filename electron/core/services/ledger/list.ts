/**
 * The ledger of one year: filtered in SQL (scope by the tree, grade, field, text),
 * sorted in memory by pinyin keys and tree order (SQLite knows no pinyin).
 */
import type { LedgerList, LedgerRow } from '../../../../shared/contract/types.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import { changeCounter, ledgerRowsById, loadCommittees, loadLiaisonLeaders, orgPath, queryLedger, toLedgerRow, townshipOrder, type RowContext } from '../../repos/ledger.ts';
import { today, type ServiceContext } from '../context.ts';

export type ListArgs = ParsedArgs<'ledger.list'>;

export function rowContext(ctx: ServiceContext): RowContext {
  return ctx.ledgerCache.rowContext(stateKey(ctx), () => ({
    committees: loadCommittees(ctx.conn.sqlite),
    leaders: loadLiaisonLeaders(ctx.conn.sqlite, today(ctx)),
  }));
}

/**
 * The last full answer, kept while the database is unchanged: the grid asks for its
 * first screenful and then for the whole year with the same filter and order, and
 * 100,000 rows should be read and sorted once, not twice.
 */
export class LedgerListCache {
  private key = '';
  private rows: LedgerRow[] = [];
  private contextKey = '';
  private context: RowContext | null = null;

  get(key: string): LedgerRow[] | null {
    return key === this.key ? this.rows : null;
  }

  set(key: string, rows: LedgerRow[]): void {
    this.key = key;
    this.rows = rows;
  }

  /** The committees and liaison leaders, rebuilt only when the database changed. */
  rowContext(key: string, build: () => RowContext): RowContext {
    if (key !== this.contextKey || !this.context) {
      this.context = build();
      this.contextKey = key;
    }
    return this.context;
  }
}

function stateKey(ctx: ServiceContext): string {
  // Liaison leaders count as active up to a date: a new day is a new answer too.
  return `${changeCounter(ctx.conn.sqlite)}|${today(ctx)}`;
}

export function listLedger(ctx: ServiceContext, args: ListArgs): LedgerList {
  const { offset = 0, limit, ...query } = args;
  const key = `${stateKey(ctx)}|${JSON.stringify(query)}`;
  let rows = ctx.ledgerCache.get(key);
  if (!rows) {
    rows = readLedger(ctx, query);
    ctx.ledgerCache.set(key, rows);
  }
  const page = limit === undefined && offset === 0 ? rows : rows.slice(offset, offset + (limit ?? rows.length));
  return { year: args.year, total: rows.length, rows: page };
}

function readLedger(ctx: ServiceContext, args: Omit<ListArgs, 'offset' | 'limit'>): LedgerRow[] {
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
  return rows;
}

type SortSpec = NonNullable<ListArgs['sort']>;

const byString = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const byNumber = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

function sortRows(rows: LedgerRow[], spec: SortSpec, rc: RowContext): void {
  const comparators = spec.map(({ key, dir }) => {
    const sign = dir === 'desc' ? -1 : 1;
    switch (key) {
      case 'township':
        return (a: Keyed, b: Keyed) => sign * (a.unit - b.unit) || byString(a.row.nameSort, b.row.nameSort);
      case 'name':
        return (a: Keyed, b: Keyed) => sign * byString(a.row.nameSort, b.row.nameSort);
      case 'membersFormal':
      case 'membersProbationary':
        return (a: Keyed, b: Keyed) => sign * byNumber(a.row[key], b.row[key]);
      default:
        return (a: Keyed, b: Keyed) => sign * byString(a.row[key], b.row[key]);
    }
  });
  // Decorate once: a tree-order lookup per comparison is what made 100,000 rows slow.
  const keyed: Keyed[] = rows.map((row) => ({ row, unit: townshipOrder(row, rc.committees) }));
  keyed.sort((a, b) => {
    for (const c of comparators) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return a.row.id - b.row.id;
  });
  for (let i = 0; i < keyed.length; i++) rows[i] = keyed[i]!.row;
}

interface Keyed {
  row: LedgerRow;
  unit: number;
}

/** Rows by id (after an edit), in the shape the grid holds. */
export function ledgerRowsByIds(ctx: ServiceContext, ids: number[], rc: RowContext = rowContext(ctx)): LedgerRow[] {
  return ledgerRowsById(ctx.conn.sqlite, ids).map((r) => toLedgerRow(r, rc));
}
