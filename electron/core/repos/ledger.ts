/**
 * Reading and writing the classified branch ledger. A ledger row joins its org
 * (name, kind, field, place in the tree); the township and county come from the
 * small map of committees, the liaison leaders from the liaison points.
 */
import type SQLite from 'better-sqlite3';
import { sql, type Selectable, type UpdateResult } from 'kysely';
import { all, arrayStatement, build, first, iterate, prepare, run, type Prepared } from '../db/query.ts';
import type { BranchLedgerTable, LedgerOrgColumn, LedgerValues, OrgRow } from '../db/schema.ts';
import type { InvalidValue, LedgerRow } from '../../../shared/contract/types.ts';
import { ledgerColumns, type LedgerField } from '../../../shared/domain/ledger.ts';
import { orgLevels } from '../../../shared/domain/org.ts';
import { listed, subtreeEnd } from './parts.ts';
import type { AuditHead } from './audit.ts';
import { strongestStatusSql } from './pipeline.ts';
import { fromStored, storable, storableText, storedFields } from './tableSql.ts';

/** The ledger's fields stored on branch_ledger, and those kept on the branch's org: from the definitions. */
export const ledgerRowFields = storedFields(ledgerColumns, 'row');
export const ledgerOrgFields = storedFields(ledgerColumns, 'org');
/** Ledger fields stored on branch_ledger, by the domain's name. */
export const ledgerDbColumn: Partial<Record<LedgerField, string>> = Object.fromEntries(ledgerRowFields.map((f) => [f.field, f.column]));
/** Ledger fields that belong to the organisation itself. */
export const orgDbColumn: Partial<Record<LedgerField, string>> = Object.fromEntries(ledgerOrgFields.map((f) => [f.field, f.column]));
export const flagFields = new Set<LedgerField>([...ledgerRowFields, ...ledgerOrgFields].filter((f) => f.flag).map((f) => f.field));

/** A ledger row joined with what the grid needs of its org (see ledgerRows). */
export type RawLedgerRow = Omit<Selectable<BranchLedgerTable>, 'updated_at' | 'strongest_status_typed'> &
  Pick<OrgRow, 'name' | 'name_sort' | 'name_initials' | 'kind' | 'field' | 'path' | 'closed_on'> & {
    /** Derived from the pipeline in the SELECT (repos/pipeline.ts), never stored. */
    strongest_status: string;
  };

/** A row as the writers need it: with the stable ids the audit log records. */
export interface RawLedgerRowWithUids extends RawLedgerRow {
  org_uid: string;
}

/** The value a ledger cell holds in a raw row, as the contract carries it. */
export function storedLedgerValue(row: RawLedgerRow, field: LedgerField): unknown {
  if (field === 'strongestStatus') return row.strongest_status;
  const f = ledgerRowFields.find((x) => x.field === field) ?? ledgerOrgFields.find((x) => x.field === field)!;
  const values: Readonly<Record<string, unknown>> = row;
  return fromStored(f, values[f.column]);
}

type LedgerValueColumn = keyof LedgerValues & string;
/**
 * The definitions' columns, named as the schema's types name them: both come from the same
 * definitions (storedColumn() here, its type-level twin in db/schema.ts), so Kysely types
 * the rows that select them.
 */
const valueColumns = ledgerRowFields.map((f) => f.column as LedgerValueColumn);
const orgColumns = ledgerOrgFields.map((f) => f.column as LedgerOrgColumn);

/** Ledger rows joined with what the grid needs of their org; only that: every column read costs time over 100,000 rows. */
function ledgerRows() {
  return build
    .selectFrom('branch_ledger as l')
    .innerJoin('org as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.uid', 'l.org_id', 'l.year'])
    .select(valueColumns.map((c) => `l.${c}` as const))
    .select(['l.deleted_at', 'l.revision', 'l.invalid_json'])
    .select(orgColumns.map((c) => `o.${c}` as const))
    .select(['o.name_sort', 'o.name_initials', 'o.path', 'o.closed_on'])
    .select(sql<string>`${sql.raw(strongestStatusSql('l.org_id', 'l.year'))}`.as('strongest_status'));
}
type LedgerRowsQuery = ReturnType<typeof ledgerRows>;

/** A unit closed during or after the year still belongs to that year's ledger. */
function openInYear(q: LedgerRowsQuery, year: number): LedgerRowsQuery {
  return q.where((eb) => eb.or([eb('o.closed_on', 'is', null), eb('o.closed_on', '>=', `${year}-01-01`)]));
}

export interface Committee {
  id: number;
  name: string;
  /** Pinyin initials of the name (天义镇党委 → tyzdw): the ledger's quick search finds a township's branches by them. */
  initials: string;
  level: string;
  /** Position in a depth-first walk of the tree by sort order: the order staff expect. */
  order: number;
}

/** Every org that is not a branch: a few hundred rows even for 100,000 branches. */
export function loadCommittees(sqlite: SQLite.Database): Map<number, Committee> {
  const rows = all(
    sqlite,
    build
      .selectFrom('org')
      .select(['id', 'parent_id', 'name', 'level', 'sort_order', 'name_sort', 'name_initials'])
      .where('level', 'in', ['city', 'county', 'township']),
  );
  const children = new Map<number | null, typeof rows>();
  for (const r of rows) {
    const list = children.get(r.parent_id) ?? [];
    list.push(r);
    children.set(r.parent_id, list);
  }
  const map = new Map<number, Committee>();
  let order = 0;
  const walk = (parent: number | null) => {
    const kids = (children.get(parent) ?? []).sort((a, b) => a.sort_order - b.sort_order || (a.name_sort < b.name_sort ? -1 : 1));
    for (const k of kids) {
      map.set(k.id, { id: k.id, name: k.name, initials: k.name_initials, level: k.level, order: order++ });
      walk(k.id);
    }
  };
  walk(null);
  return map;
}

/**
 * Names of the leaders guiding each branch on a day, joined with 、: points and leaders
 * not deleted and running on that day, as the liaison rules count them.
 */
export function loadLiaisonLeaders(sqlite: SQLite.Database, day: string): Map<number, string> {
  const guiding = build
    .selectFrom('liaison as l')
    .innerJoin('leader as ld', 'ld.id', 'l.leader_id')
    .select(['l.org_id', 'ld.name'])
    .where('l.deleted_at', 'is', null)
    .where('ld.deleted_at', 'is', null)
    .where((eb) =>
      eb.and([
        eb.or([eb('l.established_on', 'is', null), eb('l.established_on', '<=', day)]),
        eb.or([eb('l.ended_on', 'is', null), eb('l.ended_on', '>=', day)]),
        eb.or([eb('ld.active_from', 'is', null), eb('ld.active_from', '<=', day)]),
        eb.or([eb('ld.active_to', 'is', null), eb('ld.active_to', '>=', day)]),
      ]),
    )
    // group_concat joins in the order its rows come: the leaders by name.
    .orderBy('l.org_id')
    .orderBy('ld.name_sort');
  const rows = all(
    sqlite,
    build
      .selectFrom(guiding.as('g'))
      .select(['g.org_id', sql<string>`group_concat(${sql.ref('g.name')}, '、')`.as('names')])
      .groupBy('g.org_id'),
  );
  return new Map(rows.map((r) => [r.org_id, r.names]));
}

export interface RowContext {
  committees: Map<number, Committee>;
  /** The liaison leaders of each branch for a ledger year: on its last day, or today for the year under way. */
  leaders(year: number): Map<number, string>;
}

/**
 * A LedgerRow's fields, each as an expression of the raw row `r` (its column `c` read as
 * `col(c)`) and of what the row context gives it (`county`, `township`, `liaisonLeaders`,
 * `invalid`), written out once from the definitions: the row maker and the check that a kept
 * row is still what the raw row makes are both compiled from this one list (`rowFunctions`).
 */
function ledgerRowFieldCode(col: (column: string) => string): [field: string, expression: string][] {
  const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;
  const values = [...ledgerOrgFields, ...ledgerRowFields].map((f): [string, string] => {
    // Names from our own definitions; checked all the same, as they become code.
    if (!identifier.test(f.field) || !identifier.test(f.column)) throw new Error(`台账列定义的名称不合法：${f.field}`);
    const v = col(f.column);
    return [f.field, f.flag ? `${v} === null ? null : ${v} === 1` : v];
  });
  return [
    ['id', col('id')], ['orgId', col('org_id')], ['year', col('year')],
    ['county', 'county ? county.name : null'], ['countyId', 'county ? county.id : null'],
    ['township', 'township ? township.name : null'], ['townshipId', 'township ? township.id : null'], ['townshipInitials', 'township ? township.initials : null'],
    ['nameSort', col('name_sort')], ['initials', col('name_initials')],
    ...values,
    ['strongestStatus', col('strongest_status')],
    ['liaisonLeaders', 'liaisonLeaders'], ['invalid', 'invalid'], ['revision', col('revision')], ['closedOn', col('closed_on')], ['deletedAt', col('deleted_at')],
  ];
}

interface RowFunctions<R> {
  /**
   * Makes a LedgerRow in one object literal, written out once from the definitions. Built key
   * by key instead, 100,000 rows took about ten times as long (V8 keeps such objects as slow
   * dictionaries), and every filter of the year paid for it.
   */
  make(r: R, county: Committee | undefined, township: Committee | undefined, liaisonLeaders: string | null, invalid: unknown): LedgerRow;
  /**
   * Whether a row made before (`kept`) has every field the raw row makes now: then it is kept
   * as it is. A year read again after another process wrote differs from the rows kept in a
   * few rows at most; each one made again would be held anew, and copying 100,000 new rows out
   * of V8's young generation cost more than reading them.
   */
  same(kept: LedgerRow, r: R, county: Committee | undefined, township: Committee | undefined, liaisonLeaders: string | null, invalid: unknown): boolean;
}

function rowFunctions<R>(col: (column: string) => string): RowFunctions<R> {
  const code = ledgerRowFieldCode(col);
  const params = ['r', 'county', 'township', 'liaisonLeaders', 'invalid'];
  return {
    make: new Function(...params, `return {\n    ${code.map(([f, e]) => `${f}: ${e}`).join(',\n    ')},\n  };`) as RowFunctions<R>['make'],
    same: new Function('kept', ...params, `return ${code.map(([f, e]) => `kept.${f} === (${e})`).join('\n    && ')};`) as RowFunctions<R>['same'],
  };
}

const objectRows = rowFunctions<RawLedgerRow>((c) => `r.${c}`);

/** Where a branch sits: the county and township committees above it, deepest last. */
interface Place {
  county: Committee | undefined;
  township: Committee | undefined;
}

/**
 * Places by the path of a row's parent, for each map of committees (the committees of one
 * state of the database): the branches of a township share one, so each row's place is one
 * lookup instead of a walk that cut its path into pieces.
 */
const placesByCommittees = new WeakMap<Map<number, Committee>, Map<string, Place>>();

function placeOf(path: string, orgId: number, committees: Map<number, Committee>): Place {
  let places = placesByCommittees.get(committees);
  if (!places) placesByCommittees.set(committees, (places = new Map()));
  // A path is the parent's path and the org's own id (repos/orgs.ts): /1/2/3/221/.
  const parent = path.slice(0, path.lastIndexOf('/', path.length - 2) + 1);
  let place = places.get(parent);
  if (!place) {
    let township: Committee | undefined;
    let county: Committee | undefined;
    // Walk the ancestors in the path (root first) to find the county and township committees.
    let start = 1;
    for (let i = 1; i < parent.length; i++) {
      if (parent.charCodeAt(i) !== 47) continue;
      const c = committees.get(Number(parent.slice(start, i)));
      start = i + 1;
      if (!c) continue;
      if (c.level === 'county') county = c;
      else if (c.level === 'township') township = c;
    }
    places.set(parent, (place = { county, township }));
  }
  // A row of a committee itself (not a branch) is its own county or township, as the walk of its whole path found.
  const self = committees.get(orgId);
  if (self?.level === 'county') return { county: self, township: place.township };
  if (self?.level === 'township') return { county: place.county, township: self };
  return place;
}

/** The grid's row of a raw row (either form), or `kept` when that is what it makes. */
function rowOf<R>(f: RowFunctions<R>, r: R, orgId: number, path: string, invalidJson: string | null, leaders: Map<number, string>, ctx: RowContext, kept: LedgerRow | undefined): LedgerRow {
  const { county, township } = placeOf(path, orgId, ctx.committees);
  const liaisonLeaders = leaders.get(orgId) ?? null;
  // A row with invalid values is made again: its parsed values are not compared.
  if (invalidJson !== null) return f.make(r, county, township, liaisonLeaders, JSON.parse(invalidJson) as Record<string, InvalidValue>);
  if (kept !== undefined && f.same(kept, r, county, township, liaisonLeaders, null)) return kept;
  return f.make(r, county, township, liaisonLeaders, null);
}

/**
 * The grid's row of a raw row. `kept`: the row made of it before (the year kept in memory),
 * returned as it is when every field is still the same.
 */
export function toLedgerRow(r: RawLedgerRow, ctx: RowContext, kept?: LedgerRow): LedgerRow {
  return rowOf(objectRows, r, r.org_id, r.path, r.invalid_json, ctx.leaders(r.year), ctx, kept);
}

/**
 * What the grid's opening order (`townshipOrder`, then the name's sort key, then the id) needs of
 * each live row of a year, within a subtree: [id, committee order, name_sort], read without the
 * rows themselves (a fifth of the time of the year's rows at 100,000).
 */
export function ledgerOrderKeys(sqlite: SQLite.Database, year: number, committees: Map<number, Committee>, scopePath?: string): [id: number, unit: number, nameSort: string | null][] {
  let rows = build
    .selectFrom('branch_ledger as l')
    .innerJoin('org as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.org_id', 'o.path', 'o.name_sort'])
    .where('l.year', '=', year)
    .where('l.deleted_at', 'is', null)
    // The rows `openInYear` keeps.
    .where((eb) => eb.or([eb('o.closed_on', 'is', null), eb('o.closed_on', '>=', `${year}-01-01`)]));
  if (scopePath !== undefined) rows = rows.where('o.path', '>=', scopePath).where('o.path', '<', subtreeEnd(scopePath));
  const { sql: text, parameters } = rows.compile();
  return arrayStatement(sqlite, text).all(...parameters).map(([id, orgId, path, nameSort]) => {
    const { county, township } = placeOf(path as string, orgId as number, committees);
    const unit = township ?? county;
    return [id as number, unit ? unit.order : -1, nameSort as string | null];
  });
}

/** Order of the committee a row belongs to (its township, else its county-level committee), as the tree lists them. */
export function townshipOrder(row: LedgerRow, committees: Map<number, Committee>): number {
  const unit = row.townshipId ?? row.countyId;
  return unit === null ? -1 : (committees.get(unit)?.order ?? -1);
}

export interface LedgerQuery {
  year: number;
  deleted?: boolean;
  /** Path of the org whose subtree is in scope. */
  scopePath?: string;
}

export function queryLedger(sqlite: SQLite.Database, q: LedgerQuery): RawLedgerRow[] {
  return [...iterateLedger(sqlite, q)];
}

/**
 * The rows one at a time: 100,000 raw rows never all in memory beside the ones made of
 * them. Filters and search run on the rows the core keeps (services/ledger/list.ts).
 */
export function iterateLedger(sqlite: SQLite.Database, q: LedgerQuery): IterableIterator<RawLedgerRow> {
  let rows = openInYear(ledgerRows().where('l.year', '=', q.year).where('l.deleted_at', q.deleted ? 'is not' : 'is', null), q.year);
  if (q.scopePath !== undefined) rows = rows.where('o.path', '>=', q.scopePath).where('o.path', '<', subtreeEnd(q.scopePath));
  return iterate(sqlite, rows);
}

/** The year's read on one connection (better-sqlite3's raw mode), and where each column comes in a row. */
interface YearRead {
  sql: string;
  statement: SQLite.Statement<unknown[], unknown[]>;
  at: Record<string, number>;
  rows: RowFunctions<unknown[]>;
}
const yearReads = new WeakMap<SQLite.Database, YearRead>();

function yearRead(sqlite: SQLite.Database, sql: string): YearRead {
  const kept = yearReads.get(sqlite);
  if (kept?.sql === sql) return kept;
  const statement = arrayStatement(sqlite, sql);
  const at = Object.fromEntries(statement.columns().map((c, i) => [c.name, i]));
  const read = { sql, statement, at, rows: rowFunctions<unknown[]>((c) => `r[${at[c]!}]`) };
  yearReads.set(sqlite, read);
  return read;
}

/** Rows of the year read at once (see `readLedgerYear`). */
const yearPiece = 4096;

/**
 * The live rows of a year as the grid's rows, handed to `visit` one at a time with the row
 * `kept` had of the same id (returned as it is when nothing in it changed), its stable id and
 * its path. As `iterateLedger`, but read in pieces of rows by id, each one `all()` of arrays
 * (better-sqlite3's raw mode): stepping through 100,000 rows one at a time crossed between
 * JavaScript and SQLite twice a row, and an object with 27 names a row cost more than an array
 * (together ~10 % of the year's read). The pieces are read in one transaction, one snapshot of
 * the file as one statement would be: another process's write between two pieces would mix
 * its rows with the ones before it. `visit` must not write.
 */
export function readLedgerYear<E extends { row: LedgerRow }>(
  sqlite: SQLite.Database,
  year: number,
  ctx: RowContext,
  kept: ReadonlyMap<number, E>,
  visit: (row: LedgerRow, before: E | undefined, uid: string, path: string) => void,
): void {
  const live = openInYear(ledgerRows().where('l.year', '=', year).where('l.deleted_at', 'is', null), year);
  const leaders = ctx.leaders(year);
  // Within a transaction already (a write's), its snapshot is this one's.
  const own = !sqlite.inTransaction;
  if (own) sqlite.exec('BEGIN');
  try {
    for (let after = 0; ; ) {
      const { sql, parameters } = live.where('l.id', '>', after).orderBy('l.id').limit(yearPiece).compile();
      const { statement, at, rows } = yearRead(sqlite, sql);
      const [id, uid, orgId, path, invalidJson] = [at.id!, at.uid!, at.org_id!, at.path!, at.invalid_json!];
      const piece = statement.all(...parameters);
      for (const v of piece) {
        const before = kept.get(v[id] as number);
        visit(rowOf(rows, v, v[orgId] as number, v[path] as string, v[invalidJson] as string | null, leaders, ctx, before?.row), before, v[uid] as string, v[path] as string);
      }
      if (piece.length < yearPiece) return;
      after = piece[piece.length - 1]![id] as number;
    }
  } finally {
    // (An error SQLite ended the transaction for has left none to end.)
    if (own && sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

export function ledgerRowsById(sqlite: SQLite.Database, ids: number[]): RawLedgerRow[] {
  if (ids.length === 0) return [];
  return all(sqlite, ledgerRows().where('l.id', 'in', listed(ids)));
}

/** Rows as the writers read them (with their org's uid), many at once: one by one, the join costs a paste's time over again. */
export function ledgerRowsWithUids(sqlite: SQLite.Database, ids: readonly number[]): RawLedgerRowWithUids[] {
  if (ids.length === 0) return [];
  return all(sqlite, ledgerRows().select('o.uid as org_uid').where('l.id', 'in', listed(ids)));
}

/** The live rows of some branches in a year, as queryLedger would return them. */
export function ledgerRowsOfOrgs(sqlite: SQLite.Database, year: number, orgIds: number[]): RawLedgerRow[] {
  const rows = ledgerRows().where('l.year', '=', year).where('l.deleted_at', 'is', null).where('l.org_id', 'in', listed(orgIds));
  return all(sqlite, openInYear(rows, year));
}

/**
 * The live rows of a year under each of several units (townships), in one statement: an import
 * looks for a hand-made file's branches under every township it names, and one query a township
 * cost more than the comparison itself.
 */
export function ledgerRowsUnder(sqlite: SQLite.Database, year: number, unitIds: readonly number[]): Map<number, RawLedgerRow[]> {
  const out = new Map<number, RawLedgerRow[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return out;
  const units = all(sqlite, build.selectFrom('org').select(['id', 'path']).where('id', 'in', listed([...unitIds])));
  if (units.length === 0) return out;
  const rows = openInYear(ledgerRows().where('l.year', '=', year).where('l.deleted_at', 'is', null), year).where((eb) =>
    eb.or(units.map((u) => eb.and([eb('o.path', '>=', u.path), eb('o.path', '<', subtreeEnd(u.path))]))),
  );
  // Longest path first: a row belongs to the deepest of the units it is under.
  const byDepth = [...units].sort((a, b) => b.path.length - a.path.length);
  for (const row of iterate(sqlite, rows)) {
    const unit = byDepth.find((u) => row.path >= u.path && row.path < subtreeEnd(u.path));
    if (unit) out.get(unit.id)!.push(row);
  }
  return out;
}

export function orgPath(sqlite: SQLite.Database, id: number): string | null {
  return first(sqlite, build.selectFrom('org').select('path').where('id', '=', id))?.path ?? null;
}

export function ledgerYears(sqlite: SQLite.Database): number[] {
  return all(sqlite, build.selectFrom('branch_ledger').select('year').distinct().orderBy('year', 'desc')).map((r) => r.year);
}

/** A ledger column named by the definitions (ledgerDbColumn), checked: it becomes part of the SQL. */
function valueColumn(column: string): LedgerValueColumn {
  const found = valueColumns.find((c) => c === column);
  if (!found) throw new TypeError(`branch_ledger has no value column ${column}`);
  return found;
}

function orgColumn(column: string): LedgerOrgColumn {
  const found = orgColumns.find((c) => c === column);
  if (!found) throw new TypeError(`the ledger keeps no column ${column} on the org`);
  return found;
}

/**
 * Writes for editing ledger rows cell by cell; one instance per edit call. A paste runs
 * these once per cell: each is compiled once (per column) and run with each cell's values.
 */
export function ledgerWriter(sqlite: SQLite.Database) {
  const get = prepare(sqlite, (p: { id: number }) => ledgerRows().select('o.uid as org_uid').where('l.id', '=', p.id));
  const valueSetters = new Map<string, Prepared<{ value: string | number | null; now: string; id: number }, UpdateResult>>();
  const orgSetters = new Map<string, Prepared<{ value: string | null; now: string; id: number }, UpdateResult>>();
  const finish = prepare(sqlite, (p: { invalidJson: string | null; now: string; id: number }) =>
    build
      .updateTable('branch_ledger')
      .set((eb) => ({ invalid_json: p.invalidJson, revision: eb('revision', '+', 1), updated_at: p.now }))
      .where('id', '=', p.id),
  );
  const deleted = prepare(sqlite, (p: { deletedAt: string | null; now: string; id: number }) =>
    build
      .updateTable('branch_ledger')
      .set((eb) => ({ deleted_at: p.deletedAt, revision: eb('revision', '+', 1), updated_at: p.now }))
      .where('id', '=', p.id),
  );
  const orgName = prepare(sqlite, (p: { name: string; sortKey: string; initials: string; now: string; id: number }) =>
    build.updateTable('org').set({ name: p.name, name_sort: p.sortKey, name_initials: p.initials, updated_at: p.now }).where('id', '=', p.id),
  );
  return {
    get: (id: number): RawLedgerRowWithUids | undefined => get.first({ id }),
    setLedgerValue(id: number, column: string, value: unknown, now: string) {
      let set = valueSetters.get(column);
      if (!set) {
        const c = build.dynamic.ref<LedgerValueColumn>(valueColumn(column));
        set = prepare(sqlite, (p: { value: string | number | null; now: string; id: number }) =>
          build.updateTable('branch_ledger').set(c, p.value).set('updated_at', p.now).where('id', '=', p.id),
        );
        valueSetters.set(column, set);
      }
      set.run({ value: storable(value), now, id });
    },
    setOrgValue(orgId: number, column: string, value: unknown, now: string) {
      let set = orgSetters.get(column);
      if (!set) {
        const c = build.dynamic.ref<LedgerOrgColumn>(orgColumn(column));
        set = prepare(sqlite, (p: { value: string | null; now: string; id: number }) =>
          build.updateTable('org').set(c, p.value).set('updated_at', p.now).where('id', '=', p.id),
        );
        orgSetters.set(column, set);
      }
      set.run({ value: storableText(value), now, id: orgId });
    },
    setOrgName(orgId: number, name: string, sortKey: string, initials: string, now: string) {
      orgName.run({ name, sortKey, initials, now, id: orgId });
    },
    finishRow(id: number, invalidJson: string | null, now: string) {
      finish.run({ invalidJson, now, id });
    },
    setDeleted(id: number, deletedAt: string | null, now: string) {
      deleted.run({ deletedAt, now, id });
    },
  };
}

export function insertLedgerRow(sqlite: SQLite.Database, row: { uid: string; orgId: number; year: number; now: string }): number {
  return Number(run(sqlite, build.insertInto('branch_ledger').values({ uid: row.uid, org_id: row.orgId, year: row.year, updated_at: row.now })).lastInsertRowid);
}

export function removeLedgerRow(sqlite: SQLite.Database, id: number): void {
  run(sqlite, build.deleteFrom('branch_ledger').where('id', '=', id));
}

/** A random version-4 UUID, made by SQLite for each row a statement inserts. */
const newUid = sql<string>`lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;
/** What belongs to its year alone (notes): a copy into another year leaves it empty. */
const yearlyColumns = new Set(ledgerRowFields.filter((f) => f.yearly).map((f) => f.column));

/** Copies a year's live rows of open units into another year where that unit has no row yet. */
export function copyLedgerYear(sqlite: SQLite.Database, from: number, to: number, now: string): { copied: number; firstId: number | null; lastId: number | null } {
  const before = first(sqlite, build.selectFrom('branch_ledger').select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('m')))!.m;
  const rows = build
    .selectFrom('branch_ledger as l')
    .innerJoin('org as o', 'o.id', 'l.org_id')
    .select([newUid.as('uid'), 'l.org_id', sql.val(to).as('year')])
    // Every value column the definitions store on the row is carried over but a year's own; a test checks none is left behind.
    .select(valueColumns.map((c) => (yearlyColumns.has(c) ? sql<null>`NULL`.as(c) : (`l.${c}` as const))))
    .select(['l.invalid_json', sql.val(now).as('updated_at')])
    .where('l.year', '=', from)
    .where('l.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('o.closed_on', 'is', null), eb('o.closed_on', '>=', `${to}-01-01`)]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('branch_ledger as x').select('x.id').whereRef('x.org_id', '=', 'l.org_id').where('x.year', '=', to))),
    )
    // In id order, so the new rows' ids run in the old rows' order from before + 1.
    .orderBy('l.id');
  const result = run(sqlite, build.insertInto('branch_ledger').columns(['uid', 'org_id', 'year', ...valueColumns, 'invalid_json', 'updated_at']).expression(rows));
  const copied = result.changes;
  return { copied, firstId: copied ? before + 1 : null, lastId: copied ? Number(result.lastInsertRowid) : null };
}

/** The rows of a year with ids in a range (those one statement inserted): for their audit records. */
export function ledgerRowsInRange(sqlite: SQLite.Database, year: number, firstId: number, lastId: number): { id: number; uid: string; org_id: number }[] {
  return all(
    sqlite,
    build.selectFrom('branch_ledger').select(['id', 'uid', 'org_id']).where('year', '=', year).where('id', '>=', firstId).where('id', '<=', lastId).orderBy('id'),
  );
}

/**
 * The audit records of rows a year copy inserted (ids firstId … lastId), one a row as
 * `ChangeSet.record` writes them (new value {orgId, year, copiedFrom}: json_object writes the
 * keys in this order and without spaces, as JSON.stringify does), in one statement.
 */
export function recordCopiedRows(sqlite: SQLite.Database, head: AuditHead, range: { from: number; to: number; firstId: number; lastId: number }): number {
  const rows = build
    .selectFrom('branch_ledger')
    .select([
      sql.val(head.changeSetId).as('change_set_id'), sql.val(head.at).as('at'), sql.val(head.actor).as('actor'), sql.lit('branch_ledger').as('entity'),
      'id as row_id', 'uid as row_uid', sql<null>`NULL`.as('field'), sql.lit('insert').as('op'), sql<null>`NULL`.as('old_value'),
      // A bound number is a REAL to SQLite (2026.0 in JSON): cast, as JSON.stringify writes 2026.
      sql<string>`json_object('orgId', org_id, 'year', year, 'copiedFrom', CAST(${range.from} AS INTEGER))`.as('new_value'), sql.val(head.source).as('source'), sql<null>`NULL`.as('source_ref'),
    ])
    .where('year', '=', range.to)
    .where('id', '>=', range.firstId)
    .where('id', '<=', range.lastId)
    .orderBy('id');
  const columns = ['change_set_id', 'at', 'actor', 'entity', 'row_id', 'row_uid', 'field', 'op', 'old_value', 'new_value', 'source', 'source_ref'] as const;
  return run(sqlite, build.insertInto('audit_log').columns(columns).expression(rows)).changes;
}

/** Live rows of a year whose branch closed before `day`. */
export function closedBefore(sqlite: SQLite.Database, year: number, day: string): number {
  // From the closed units (a few, by the index on level and closed_on) to their rows: CROSS JOIN
  // keeps that order, which SQLite without statistics turned round, reading the whole year's rows
  // to find them (150–650 ms at 100,000 branches, after every year copy; now under a millisecond).
  const q = build
    .selectFrom('org as o')
    .crossJoin('branch_ledger as l')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .whereRef('l.org_id', '=', 'o.id')
    .where('o.level', 'in', [...orgLevels])
    .where('o.closed_on', 'is not', null)
    .where('o.closed_on', '<', day)
    .where('l.year', '=', year)
    .where('l.deleted_at', 'is', null);
  return first(sqlite, q)!.n;
}

export function countLedgerRows(sqlite: SQLite.Database, year: number): number {
  return first(sqlite, build.selectFrom('branch_ledger').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', year).where('deleted_at', 'is', null))!.n;
}

/**
 * Changes since the connection opened (ours: total_changes; other processes', such as
 * the CLI: data_version). Equal values mean the database is as it was.
 */
export function changeCounter(sqlite: SQLite.Database): string {
  const ours = first(sqlite, build.selectNoFrom(sql<number>`total_changes()`.as('n')))!.n;
  const theirs = sqlite.pragma('data_version', { simple: true }) as number;
  return `${ours}:${theirs}`;
}

/**
 * The rows with these stable ids, of any year, deleted or not (what a returned file's hidden ids
 * point at), in order of uid. `year`: the year most of them are likely of (a returned year's
 * file): when they are half that year or more, it is read in one scan and only the rest looked
 * up one by one; random lookups of a whole year cost four times its scan (1.1 s against 0.26 s
 * at 100,000 rows).
 */
export function ledgerRowsByUid(sqlite: SQLite.Database, uids: string[], year?: number): RawLedgerRow[] {
  if (uids.length === 0) return [];
  if (year === undefined || uids.length * 2 < ledgerRowCount(sqlite, year)) return all(sqlite, ledgerRows().where('l.uid', 'in', listed(uids)));
  const wanted = new Set(uids);
  const found = new Map<string, RawLedgerRow>();
  // One at a time: the rows of the year the file does not name are not held.
  for (const r of iterate(sqlite, ledgerRows().where('l.year', '=', year))) if (wanted.has(r.uid)) found.set(r.uid, r);
  const rest = uids.filter((u) => !found.has(u));
  if (rest.length) for (const r of all(sqlite, ledgerRows().where('l.uid', 'in', listed(rest)))) found.set(r.uid, r);
  // In the order the lookup alone gives (SQLite's, by uid): what is done with them next follows it.
  return [...found.values()].sort((a, b) => byteOrder(a.uid, b.uid));
}

/** All the rows a year has, deleted too. */
export function ledgerRowCount(sqlite: SQLite.Database, year: number): number {
  return first(sqlite, build.selectFrom('branch_ledger').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', year))!.n;
}

/** Strings in SQLite's BINARY order (their UTF-8 bytes, i.e. code points), not JavaScript's UTF-16 units. */
function byteOrder(a: string, b: string): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return codeRank(x) - codeRank(y);
  }
  return a.length - b.length;
}

/** A UTF-16 unit's place in code point order: surrogates (code points past U+FFFF) sort after U+E000–U+FFFF, not before. */
function codeRank(c: number): number {
  return c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c;
}

/**
 * An open branch of this name directly under `parentId`, and its ledger row for the year
 * if it has one (deleted or not): what an import adding a branch of that name must reuse.
 */
export function existingBranch(sqlite: SQLite.Database, parentId: number, name: string, year: number): { orgId: number; ledger: { id: number; uid: string; deletedAt: string | null } | null } | null {
  const org = first(sqlite, build.selectFrom('org').select('id').where('parent_id', '=', parentId).where('name', '=', name).where('closed_on', 'is', null).limit(1));
  if (!org) return null;
  const row = first(sqlite, build.selectFrom('branch_ledger').select(['id', 'uid', 'deleted_at']).where('org_id', '=', org.id).where('year', '=', year));
  return { orgId: org.id, ledger: row ? { id: row.id, uid: row.uid, deletedAt: row.deleted_at } : null };
}

/** Live rows of a year whose branch has one of these names exactly (a hand-made file without townships). */
export function ledgerRowsByNames(sqlite: SQLite.Database, year: number, names: string[]): RawLedgerRow[] {
  if (names.length === 0) return [];
  const rows = ledgerRows().where('l.year', '=', year).where('l.deleted_at', 'is', null).where('o.name', 'in', listed(names));
  return all(sqlite, openInYear(rows, year));
}
