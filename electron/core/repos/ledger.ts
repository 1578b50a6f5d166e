/**
 * Reading and writing the classified branch ledger. A ledger row joins its org
 * (name, kind, field, place in the tree); the township and county come from the
 * small map of committees, the liaison leaders from the liaison points.
 */
import type SQLite from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { BranchLedgerTable, OrgRow } from '../db/schema.ts';
import type { InvalidValue, LedgerRow } from '../../../shared/contract/types.ts';
import { ledgerColumns, type LedgerField } from '../../../shared/domain/ledger.ts';
import { columnList, copiedList, fromStored, storedFields } from './tableSql.ts';

/** The ledger's fields stored on branch_ledger, and those kept on the branch's org: from the definitions. */
export const ledgerRowFields = storedFields(ledgerColumns, 'row');
export const ledgerOrgFields = storedFields(ledgerColumns, 'org');
/** Ledger fields stored on branch_ledger, by the domain's name. */
export const ledgerDbColumn: Partial<Record<LedgerField, string>> = Object.fromEntries(ledgerRowFields.map((f) => [f.field, f.column]));
/** Ledger fields that belong to the organisation itself. */
export const orgDbColumn: Partial<Record<LedgerField, string>> = Object.fromEntries(ledgerOrgFields.map((f) => [f.field, f.column]));
export const flagFields = new Set<LedgerField>([...ledgerRowFields, ...ledgerOrgFields].filter((f) => f.flag).map((f) => f.field));

/** A ledger row joined with what the grid needs of its org (see ledgerSelect). */
export type RawLedgerRow = Omit<Selectable<BranchLedgerTable>, 'updated_at'> &
  Pick<OrgRow, 'name' | 'name_sort' | 'name_initials' | 'kind' | 'field' | 'path' | 'closed_on'>;

/** A row as the writers need it: with the stable ids the audit log records. */
export interface RawLedgerRowWithUids extends RawLedgerRow {
  org_uid: string;
}

/** The value a ledger cell holds in a raw row, as the contract carries it. */
export function storedLedgerValue(row: RawLedgerRow, field: LedgerField): unknown {
  const f = ledgerRowFields.find((x) => x.field === field) ?? ledgerOrgFields.find((x) => x.field === field)!;
  return fromStored(f, (row as unknown as Record<string, unknown>)[f.column]);
}

// Only what the grid shows: every column read costs time over 100,000 rows.
export const ledgerSelect = `
  SELECT l.id, l.uid, l.org_id, l.year, ${columnList(ledgerRowFields, 'l')}, l.deleted_at,
         l.revision, l.invalid_json, ${columnList(ledgerOrgFields, 'o')}, o.name_sort, o.name_initials, o.path, o.closed_on
  FROM branch_ledger l JOIN org o ON o.id = l.org_id`;

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
  const rows = sqlite
    .prepare("SELECT id, parent_id, name, level, sort_order, name_sort, name_initials FROM org WHERE level IN ('city', 'county', 'township')")
    .all() as { id: number; parent_id: number | null; name: string; level: string; sort_order: number; name_sort: string; name_initials: string }[];
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
  const rows = sqlite
    .prepare(
      `SELECT org_id, group_concat(name, '、') AS names FROM (
         SELECT l.org_id, ld.name FROM liaison l JOIN leader ld ON ld.id = l.leader_id
         WHERE l.deleted_at IS NULL AND ld.deleted_at IS NULL
           AND (l.established_on IS NULL OR l.established_on <= @day) AND (l.ended_on IS NULL OR l.ended_on >= @day)
           AND (ld.active_from IS NULL OR ld.active_from <= @day) AND (ld.active_to IS NULL OR ld.active_to >= @day)
         ORDER BY l.org_id, ld.name_sort)
       GROUP BY org_id`,
    )
    .all({ day }) as { org_id: number; names: string }[];
  return new Map(rows.map((r) => [r.org_id, r.names]));
}

export interface RowContext {
  committees: Map<number, Committee>;
  /** The liaison leaders of each branch for a ledger year: on its last day, or today for the year under way. */
  leaders(year: number): Map<number, string>;
}

/** A LedgerRow's keys, in one order: every row is made from it (see toLedgerRow). */
const rowShape: Record<string, null> = Object.fromEntries(
  ['id', 'orgId', 'year', 'county', 'countyId', 'township', 'townshipId', 'townshipInitials', 'nameSort', 'initials',
    ...ledgerOrgFields.map((f) => f.field), ...ledgerRowFields.map((f) => f.field), 'liaisonLeaders', 'invalid', 'revision', 'closedOn', 'deletedAt'].map((k) => [k, null]),
);

export function toLedgerRow(r: RawLedgerRow, ctx: RowContext): LedgerRow {
  let township: Committee | undefined;
  let county: Committee | undefined;
  // Walk the ancestors in the path (root first) to find the county and township committees.
  let start = 1;
  const path = r.path;
  for (let i = 1; i < path.length; i++) {
    if (path.charCodeAt(i) !== 47) continue;
    const c = ctx.committees.get(Number(path.slice(start, i)));
    start = i + 1;
    if (!c) continue;
    if (c.level === 'county') county = c;
    else if (c.level === 'township') township = c;
  }
  // Every key is in the row's shape from the start: adding 20-odd keys one by one would
  // turn each of 100,000 rows into a slow dictionary object (V8), and filtering them with it.
  const row: Record<string, unknown> = { ...rowShape };
  row.id = r.id;
  row.orgId = r.org_id;
  row.year = r.year;
  row.county = county?.name ?? null;
  row.countyId = county?.id ?? null;
  row.township = township?.name ?? null;
  row.townshipId = township?.id ?? null;
  row.townshipInitials = township?.initials ?? null;
  row.nameSort = r.name_sort;
  row.initials = r.name_initials;
  const raw = r as unknown as Record<string, unknown>;
  for (const f of ledgerOrgFields) row[f.field] = fromStored(f, raw[f.column]);
  for (const f of ledgerRowFields) row[f.field] = fromStored(f, raw[f.column]);
  row.liaisonLeaders = ctx.leaders(r.year).get(r.org_id) ?? null;
  row.invalid = r.invalid_json ? (JSON.parse(r.invalid_json) as Record<string, InvalidValue>) : null;
  row.revision = r.revision;
  row.closedOn = r.closed_on;
  row.deletedAt = r.deleted_at;
  return row as LedgerRow;
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

// A unit closed during or after the year still belongs to that year's ledger.
const openInYear = '(o.closed_on IS NULL OR o.closed_on >= @yearStart)';

export function queryLedger(sqlite: SQLite.Database, q: LedgerQuery): RawLedgerRow[] {
  return [...iterateLedger(sqlite, q)];
}

/**
 * The rows one at a time: 100,000 raw rows never all in memory beside the ones made of
 * them. Filters and search run on the rows the core keeps (services/ledger/list.ts).
 */
export function iterateLedger(sqlite: SQLite.Database, q: LedgerQuery): IterableIterator<RawLedgerRow> {
  const where: string[] = ['l.year = @year', q.deleted ? 'l.deleted_at IS NOT NULL' : 'l.deleted_at IS NULL', openInYear];
  const params: Record<string, unknown> = { year: q.year, yearStart: `${q.year}-01-01` };
  if (q.scopePath !== undefined) {
    where.push("o.path >= @scope AND o.path < @scope || '~'");
    params.scope = q.scopePath;
  }
  return sqlite.prepare(`${ledgerSelect} WHERE ${where.join(' AND ')}`).iterate(params) as IterableIterator<RawLedgerRow>;
}

export function ledgerRowsById(sqlite: SQLite.Database, ids: number[]): RawLedgerRow[] {
  if (ids.length === 0) return [];
  return sqlite.prepare(`${ledgerSelect} WHERE l.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as RawLedgerRow[];
}

/** The live rows of some branches in a year, as queryLedger would return them. */
export function ledgerRowsOfOrgs(sqlite: SQLite.Database, year: number, orgIds: number[]): RawLedgerRow[] {
  return sqlite
    .prepare(`${ledgerSelect} WHERE l.year = @year AND l.deleted_at IS NULL AND ${openInYear} AND l.org_id IN (SELECT value FROM json_each(@ids))`)
    .all({ year, yearStart: `${year}-01-01`, ids: JSON.stringify(orgIds) }) as RawLedgerRow[];
}

export function orgPath(sqlite: SQLite.Database, id: number): string | null {
  return (sqlite.prepare('SELECT path FROM org WHERE id = ?').get(id) as { path: string } | undefined)?.path ?? null;
}

export function ledgerYears(sqlite: SQLite.Database): number[] {
  return (sqlite.prepare('SELECT DISTINCT year FROM branch_ledger ORDER BY year DESC').all() as { year: number }[]).map((r) => r.year);
}

/** Prepared writes for editing ledger rows cell by cell; one instance per edit call. */
export function ledgerWriter(sqlite: SQLite.Database) {
  const get = sqlite.prepare(`SELECT q.*, o.uid AS org_uid FROM (${ledgerSelect} WHERE l.id = ?) q JOIN org o ON o.id = q.org_id`);
  const statements = new Map<string, SQLite.Statement>();
  const stmt = (key: string, sql: string) => {
    let s = statements.get(key);
    if (!s) statements.set(key, (s = sqlite.prepare(sql)));
    return s;
  };
  return {
    get: (id: number) => get.get(id) as RawLedgerRowWithUids | undefined,
    setLedgerValue(id: number, column: string, value: unknown, now: string) {
      stmt(`l:${column}`, `UPDATE branch_ledger SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, now, id);
    },
    setOrgValue(orgId: number, column: string, value: unknown, now: string) {
      stmt(`o:${column}`, `UPDATE org SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, now, orgId);
    },
    setOrgName(orgId: number, name: string, sortKey: string, initials: string, now: string) {
      stmt('o:name', 'UPDATE org SET name = ?, name_sort = ?, name_initials = ?, updated_at = ? WHERE id = ?').run(name, sortKey, initials, now, orgId);
    },
    finishRow(id: number, invalidJson: string | null, now: string) {
      stmt('finish', 'UPDATE branch_ledger SET invalid_json = ?, revision = revision + 1, updated_at = ? WHERE id = ?').run(invalidJson, now, id);
    },
    setDeleted(id: number, deletedAt: string | null, now: string) {
      stmt('del', 'UPDATE branch_ledger SET deleted_at = ?, revision = revision + 1, updated_at = ? WHERE id = ?').run(deletedAt, now, id);
    },
  };
}

export function insertLedgerRow(
  sqlite: SQLite.Database,
  row: { uid: string; orgId: number; year: number; now: string },
): number {
  return Number(
    sqlite.prepare('INSERT INTO branch_ledger (uid, org_id, year, updated_at) VALUES (?, ?, ?, ?)').run(row.uid, row.orgId, row.year, row.now).lastInsertRowid,
  );
}

export function removeLedgerRow(sqlite: SQLite.Database, id: number): void {
  sqlite.prepare('DELETE FROM branch_ledger WHERE id = ?').run(id);
}

/** Copies a year's live rows of open units into another year where that unit has no row yet. */
export function copyLedgerYear(sqlite: SQLite.Database, from: number, to: number, now: string): { copied: number; firstId: number | null; lastId: number | null } {
  const before = (sqlite.prepare('SELECT coalesce(max(id), 0) AS m FROM branch_ledger').get() as { m: number }).m;
  const result = sqlite
    .prepare(
      // Every value column the definitions store on the row is carried over but a year's own (notes); a test checks none is left behind.
      `INSERT INTO branch_ledger (uid, org_id, year, ${columnList(ledgerRowFields)}, invalid_json, updated_at)
       SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
              l.org_id, @to, ${copiedList(ledgerRowFields, 'l')}, l.invalid_json, @now
       FROM branch_ledger l JOIN org o ON o.id = l.org_id
       WHERE l.year = @from AND l.deleted_at IS NULL AND (o.closed_on IS NULL OR o.closed_on >= @toStart)
         AND NOT EXISTS (SELECT 1 FROM branch_ledger x WHERE x.org_id = l.org_id AND x.year = @to)
       ORDER BY l.id`,
    )
    .run({ from, to, now, toStart: `${to}-01-01` });
  const copied = result.changes;
  return { copied, firstId: copied ? before + 1 : null, lastId: copied ? Number(result.lastInsertRowid) : null };
}

/** The rows of a year with ids in a range (those one statement inserted): for their audit records. */
export function ledgerRowsInRange(sqlite: SQLite.Database, year: number, firstId: number, lastId: number): { id: number; uid: string; org_id: number }[] {
  return sqlite.prepare('SELECT id, uid, org_id FROM branch_ledger WHERE year = ? AND id BETWEEN ? AND ? ORDER BY id').all(year, firstId, lastId) as never;
}

/** Live rows of a year whose branch closed before `day`. */
export function closedBefore(sqlite: SQLite.Database, year: number, day: string): number {
  return (
    sqlite
      .prepare('SELECT count(*) AS n FROM branch_ledger l JOIN org o ON o.id = l.org_id WHERE l.year = ? AND l.deleted_at IS NULL AND o.closed_on IS NOT NULL AND o.closed_on < ?')
      .get(year, day) as { n: number }
  ).n;
}

export function countLedgerRows(sqlite: SQLite.Database, year: number): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM branch_ledger WHERE year = ? AND deleted_at IS NULL').get(year) as { n: number }).n;
}

/**
 * Changes since the connection opened (ours: total_changes; other processes', such as
 * the CLI: data_version). Equal values mean the database is as it was.
 */
export function changeCounter(sqlite: SQLite.Database): string {
  const ours = (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const theirs = sqlite.pragma('data_version', { simple: true }) as number;
  return `${ours}:${theirs}`;
}


/** Ledger rows (any year) by their stable ids. */
/** The rows with these stable ids, of any year, deleted or not (what a returned file's hidden ids point at). */
export function ledgerRowsByUid(sqlite: SQLite.Database, uids: string[]): RawLedgerRow[] {
  if (uids.length === 0) return [];
  return sqlite.prepare(`${ledgerSelect} WHERE l.uid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(uids)) as RawLedgerRow[];
}

/**
 * An open branch of this name directly under `parentId`, and its ledger row for the year
 * if it has one (deleted or not): what an import adding a branch of that name must reuse.
 */
export function existingBranch(sqlite: SQLite.Database, parentId: number, name: string, year: number): { orgId: number; ledger: { id: number; uid: string; deletedAt: string | null } | null } | null {
  const org = sqlite.prepare('SELECT id FROM org WHERE parent_id = ? AND name = ? AND closed_on IS NULL LIMIT 1').get(parentId, name) as { id: number } | undefined;
  if (!org) return null;
  const row = sqlite.prepare('SELECT id, uid, deleted_at FROM branch_ledger WHERE org_id = ? AND year = ?').get(org.id, year) as { id: number; uid: string; deleted_at: string | null } | undefined;
  return { orgId: org.id, ledger: row ? { id: row.id, uid: row.uid, deletedAt: row.deleted_at } : null };
}

/** Live rows of a year whose branch has one of these names exactly (a hand-made file without townships). */
export function ledgerRowsByNames(sqlite: SQLite.Database, year: number, names: string[]): RawLedgerRow[] {
  if (names.length === 0) return [];
  return sqlite
    .prepare(`${ledgerSelect} WHERE l.year = @year AND l.deleted_at IS NULL AND ${openInYear} AND o.name IN (SELECT value FROM json_each(@names))`)
    .all({ year, yearStart: `${year}-01-01`, names: JSON.stringify(names) }) as RawLedgerRow[];
}
