/**
 * The ledger of one year. The core keeps the year's rows in memory (a whole league
 * is ~100,000 rows) and filters and sorts them there: SQLite knows no pinyin, and
 * decoding 100,000 joined rows for every filter was most of the time a query took.
 * Edits made through the core patch the rows they touched; any other change to the
 * database (another process, the tree, liaison points) makes the next query reread.
 */
import type { LedgerList, LedgerRow } from '../../../../shared/contract/types.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import {
  changeCounter, iterateLedger, ledgerRowsById, ledgerRowsOfOrgs, loadCommittees, loadLiaisonLeaders, orgPath, queryLedger, toLedgerRow, townshipOrder,
  type RawLedgerRow, type RowContext,
} from '../../repos/ledger.ts';
import { today, type ServiceContext } from '../context.ts';

export type ListArgs = ParsedArgs<'ledger.list'>;

/** A row of the year with what filtering and sorting need and the grid does not. */
interface YearEntry {
  row: LedgerRow;
  /** The row's stable id (exports write it into the file). */
  uid: string;
  path: string;
  unit: number;
}

interface YearRows {
  year: number;
  entries: Map<number, YearEntry>;
}

/**
 * What the core remembers between calls, valid while the database is as it was
 * (`stateKey`): the committees and liaison leaders every row is joined with, the
 * live rows of the last year asked for, and the last answer (the grid asks for its
 * first screenful and then for the whole year with the same filter and order).
 */
export class LedgerListCache {
  key = '';
  context: RowContext | null = null;
  year: YearRows | null = null;
  answer: { query: string; rows: LedgerRow[] } | null = null;
  /**
   * The ids of the last answer of the whole year (no filter, no scope), in its order, by its
   * sort: kept when the database changes. The year reread after a change (a unit renamed) is
   * gathered in this order, which is all but sorted: the sort then costs one pass, not a full
   * sort of 100,000 rows. Any order gives the same answer (the comparison ends on the id);
   * this one is only quicker to sort.
   */
  lastOrder: { sort: string; ids: number[] } | null = null;
  /** Set while a write that patches the cache runs: its own changes do not make the cache stale. */
  writing = false;

  /** Forgets everything when the database changed since `key`. */
  validate(key: string): void {
    if (key === this.key || this.writing) return;
    this.key = key;
    this.context = null;
    this.year = null;
    this.answer = null;
  }
}

export function stateKey(ctx: ServiceContext): string {
  // Liaison leaders count as active up to a date: a new day is a new answer too.
  return `${changeCounter(ctx.conn.sqlite)}|${today(ctx)}`;
}

export function rowContext(ctx: ServiceContext): RowContext {
  const cache = ctx.ledgerCache;
  cache.validate(stateKey(ctx));
  if (cache.context) return cache.context;
  const day = today(ctx);
  const byYear = new Map<number, Map<number, string>>();
  return (cache.context = {
    committees: loadCommittees(ctx.conn.sqlite),
    leaders: (year) => {
      let m = byYear.get(year);
      if (!m) byYear.set(year, (m = loadLiaisonLeaders(ctx.conn.sqlite, day < `${year}-12-31` ? day : `${year}-12-31`)));
      return m;
    },
  });
}

function entryOf(raw: RawLedgerRow, rc: RowContext): YearEntry {
  const row = toLedgerRow(raw, rc);
  return { row, uid: raw.uid, path: raw.path, unit: townshipOrder(row, rc.committees) };
}

function yearRows(ctx: ServiceContext, year: number): YearRows {
  const rc = rowContext(ctx);
  const cache = ctx.ledgerCache;
  if (cache.year?.year !== year) {
    const entries = new Map<number, YearEntry>();
    for (const raw of iterateLedger(ctx.conn.sqlite, { year })) entries.set(raw.id, entryOf(raw, rc));
    cache.year = { year, entries };
  }
  return cache.year;
}

/**
 * Runs a write of ledger rows and keeps the cached year current: the rows of the
 * branches it touched (org ids, from `touched`) are reread and patched in, so the
 * next query need not reread the year. Only for writes that change ledger rows and
 * their branches' names, kinds and fields, nothing the row context is built from.
 * Nested calls (an undo runs edits) patch once, in the outermost.
 */
export function patchingLedger<R>(ctx: ServiceContext, write: () => R, touched: (result: R) => Iterable<number>, afterWrite?: () => void): R {
  const cache = ctx.ledgerCache;
  if (cache.writing) return write();
  cache.validate(stateKey(ctx));
  cache.writing = true;
  let result: R;
  try {
    result = write();
  } catch (e) {
    cache.key = ''; // a failed write may still have counted changes: reread next time
    throw e;
  } finally {
    cache.writing = false;
  }
  cache.key = stateKey(ctx);
  afterWrite?.();
  const orgIds = [...new Set(touched(result))];
  if (orgIds.length === 0) return result; // nothing a row shows changed: the last answer stands too
  cache.answer = null;
  const year = cache.year;
  if (!year || !cache.context) return result;
  const fresh = ledgerRowsOfOrgs(ctx.conn.sqlite, year.year, orgIds);
  const live = new Set<number>();
  for (const raw of fresh) {
    live.add(raw.id);
    year.entries.set(raw.id, entryOf(raw, cache.context));
  }
  // Rows of these branches the reread no longer returns were deleted.
  const orgs = new Set(orgIds);
  for (const [id, entry] of year.entries) if (!live.has(id) && orgs.has(entry.row.orgId)) year.entries.delete(id);
  return result;
}

/**
 * Runs a write that renames or reclassifies a committee (a township's, county's or city's name,
 * kind, code or field), whose name every row under it shows. When the year kept is in memory,
 * the committees are read again (a rename may also change their order), the rows under the
 * committee (`path`) reread and patched in, and every row's place in the order recomputed: a
 * township's rows, not the year. A subtree of more than half the year reads the year again.
 */
export function patchingCommittee<R>(ctx: ServiceContext, write: () => R, path: string): R {
  const cache = ctx.ledgerCache;
  cache.validate(stateKey(ctx));
  const under = [...(cache.year?.entries.values() ?? [])].filter((e) => e.path.startsWith(path)).map((e) => e.row.orgId);
  if (!cache.year || !cache.context || under.length > cache.year.entries.size / 2) {
    const result = write();
    cache.key = ''; // read again on the next query
    return result;
  }
  return patchingLedger(
    ctx,
    () => {
      const result = write();
      // Made again from the database before the touched rows are: they show the new name.
      cache.context = null;
      return result;
    },
    () => under,
    () => {
      const { committees } = rowContext(ctx);
      for (const e of cache.year?.entries.values() ?? []) e.unit = townshipOrder(e.row, committees);
      cache.answer = null; // its order may be another now, even with no row under the committee
    },
  );
}

/** Runs a write that changes nothing a ledger row shows (an export batch, a setting): the cached year stays valid. */
export function besideLedger<R>(ctx: ServiceContext, write: () => R): R {
  return patchingLedger(ctx, write, () => []);
}

export function listLedger(ctx: ServiceContext, args: ListArgs): LedgerList {
  const { offset = 0, limit, ...query } = args;
  const key = JSON.stringify(query);
  const cache = ctx.ledgerCache;
  cache.validate(stateKey(ctx));
  let rows = cache.answer?.query === key ? cache.answer.rows : null;
  if (!rows) {
    rows = readLedger(ctx, query);
    cache.answer = { query: key, rows };
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
  const sort = args.sort ?? [{ key: 'township', dir: 'asc' }];
  if (args.deleted) {
    // The recycle bin: a few rows, read from the database each time.
    const rc = rowContext(ctx);
    const entries = queryLedger(sqlite, { year: args.year, deleted: true, ...(scopePath !== undefined ? { scopePath } : {}) }).map((r) => entryOf(r, rc));
    return sortEntries(entries, sort);
  }
  const f = args.filter;
  const grades = f?.grade?.length ? new Set(f.grade) : null;
  const fields = f?.field?.length ? new Set(f.field) : null;
  const text = f?.text?.toLowerCase();
  const matches = (e: YearEntry): boolean => {
    const r = e.row;
    if (scopePath !== undefined && !e.path.startsWith(scopePath)) return false;
    if (grades && (r.grade === null || !grades.has(r.grade))) return false;
    if (fields && (r.field === null || !fields.has(r.field))) return false;
    if (f?.standardised !== undefined && r.standardised !== f.standardised) return false;
    // As SQL's LIKE did: the name or secretary contains the text, or the initials start with it.
    if (text && !r.name.toLowerCase().includes(text) && !r.initials.startsWith(text) && !(r.secretary ?? '').toLowerCase().includes(text)) return false;
    return true;
  };
  const year = yearRows(ctx, args.year).entries;
  const cache = ctx.ledgerCache;
  // Only the whole year is gathered in the last order (a filtered answer is small, and sorts quickly as it is).
  const wholeYear = scopePath === undefined && !grades && !fields && f?.standardised === undefined && !text;
  const sortKey = JSON.stringify(sort);
  const entries: YearEntry[] = [];
  const last = wholeYear && cache.lastOrder?.sort === sortKey ? cache.lastOrder.ids : null;
  if (last) {
    let found = 0;
    for (const id of last) {
      const e = year.get(id);
      if (e === undefined) continue;
      found++;
      if (matches(e)) entries.push(e);
    }
    // Rows the last answer did not have (new since), after the others.
    if (found < year.size) {
      const had = new Set(last);
      for (const e of year.values()) if (!had.has(e.row.id) && matches(e)) entries.push(e);
    }
  } else {
    for (const e of year.values()) if (matches(e)) entries.push(e);
  }
  const rows = sortEntries(entries, sort);
  if (wholeYear) cache.lastOrder = { sort: sortKey, ids: rows.map((r) => r.id) };
  return rows;
}

type SortSpec = NonNullable<ListArgs['sort']>;

const byString = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const byNumber = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

function sortEntries(entries: YearEntry[], spec: SortSpec): LedgerRow[] {
  const comparators = spec.map(({ key, dir }) => {
    const sign = dir === 'desc' ? -1 : 1;
    switch (key) {
      case 'township':
        return (a: YearEntry, b: YearEntry) => sign * (a.unit - b.unit) || byString(a.row.nameSort, b.row.nameSort);
      case 'name':
        return (a: YearEntry, b: YearEntry) => sign * byString(a.row.nameSort, b.row.nameSort);
      case 'membersFormal':
      case 'membersProbationary':
        return (a: YearEntry, b: YearEntry) => sign * byNumber(a.row[key], b.row[key]);
      default:
        return (a: YearEntry, b: YearEntry) => sign * byString(a.row[key], b.row[key]);
    }
  });
  entries.sort((a, b) => {
    for (const c of comparators) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return a.row.id - b.row.id;
  });
  return entries.map((e) => e.row);
}

/** Stable ids of a year's live rows, from the year in memory. */
export function ledgerUidOf(ctx: ServiceContext, year: number): (id: number) => string | undefined {
  const entries = yearRows(ctx, year).entries;
  return (id) => entries.get(id)?.uid;
}

/** Live rows of a year by id, in the order given (the rows of a grid view), from the year in memory. */
export function ledgerRowsInOrder(ctx: ServiceContext, year: number, ids: readonly number[]): LedgerRow[] {
  const entries = yearRows(ctx, year).entries;
  return ids.map((id) => entries.get(id)?.row).filter((r): r is LedgerRow => r !== undefined);
}

/** Rows by id (after an edit), in the shape the grid holds. */
export function ledgerRowsByIds(ctx: ServiceContext, ids: number[], rc: RowContext = rowContext(ctx)): LedgerRow[] {
  return ledgerRowsById(ctx.conn.sqlite, ids).map((r) => toLedgerRow(r, rc));
}

/** The live rows of some branches in a year (a branch's card). */
export function ledgerRowsOfYear(ctx: ServiceContext, year: number, orgIds: number[]): LedgerRow[] {
  const rc = rowContext(ctx);
  return ledgerRowsOfOrgs(ctx.conn.sqlite, year, orgIds).map((r) => toLedgerRow(r, rc));
}
