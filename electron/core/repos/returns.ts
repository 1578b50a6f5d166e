/**
 * What a returned file of records is compared with and resolved against: records by the
 * stable ids the file carries, the units, leaders and liaison points its names may mean, what
 * was added since its export.
 * `sqlTable` is always the code's own table name (recordSpecs), never a caller's text.
 */
import type SQLite from 'better-sqlite3';

/** A JSON array parameter: one statement for any number of values. */
const list = (values: readonly unknown[]) => JSON.stringify(values);

export interface RecordIdRow {
  id: number;
  uid: string;
  deleted_at: string | null;
}

/** Rows of a record table by stable id, deleted or not. */
export function recordsByUid(sqlite: SQLite.Database, sqlTable: string, uids: readonly string[]): RecordIdRow[] {
  if (uids.length === 0) return [];
  return sqlite.prepare(`SELECT id, uid, deleted_at FROM ${sqlTable} WHERE uid IN (SELECT value FROM json_each(?))`).all(list(uids)) as RecordIdRow[];
}

export interface UnitRow {
  id: number;
  uid: string;
  name: string;
  level: string;
  path: string;
  closed_on: string | null;
}

/** Units of these exact names in a subtree (the file's unit and everything under it). */
export function unitsNamed(sqlite: SQLite.Database, scopePath: string, names: readonly string[]): UnitRow[] {
  if (names.length === 0) return [];
  return sqlite
    .prepare(
      `SELECT id, uid, name, level, path, closed_on FROM org
       WHERE path >= @scope AND path < @scope || '~' AND name IN (SELECT value FROM json_each(@names))
       ORDER BY path`,
    )
    .all({ scope: scopePath, names: list(names) }) as UnitRow[];
}

/** Units by stable id. */
export function unitsByUid(sqlite: SQLite.Database, uids: readonly string[]): UnitRow[] {
  if (uids.length === 0) return [];
  return sqlite.prepare('SELECT id, uid, name, level, path, closed_on FROM org WHERE uid IN (SELECT value FROM json_each(?))').all(list(uids)) as UnitRow[];
}

/** The open unit with this code (a file exported elsewhere names its unit by code), if exactly one. */
export function unitByCode(sqlite: SQLite.Database, code: string): UnitRow | undefined {
  const rows = sqlite.prepare('SELECT id, uid, name, level, path, closed_on FROM org WHERE code = ? AND closed_on IS NULL LIMIT 2').all(code) as UnitRow[];
  return rows.length === 1 ? rows[0] : undefined;
}

export interface LeaderNameRow {
  id: number;
  name: string;
  committee_path: string;
  active_to: string | null;
}

/** Leaders not deleted of these exact names, with where their committee is in the tree. */
export function leadersNamed(sqlite: SQLite.Database, names: readonly string[]): LeaderNameRow[] {
  if (names.length === 0) return [];
  return sqlite
    .prepare(
      `SELECT l.id, l.name, c.path AS committee_path, l.active_to FROM leader l JOIN org c ON c.id = l.committee_org_id
       WHERE l.deleted_at IS NULL AND l.name IN (SELECT value FROM json_each(?))`,
    )
    .all(list(names)) as LeaderNameRow[];
}

export interface PointRow {
  id: number;
  leader_id: number;
  org_id: number;
  established_on: string | null;
  ended_on: string | null;
}

/** Liaison points not deleted of these leaders at these branches. */
export function pointsOf(sqlite: SQLite.Database, leaderIds: readonly number[], orgIds: readonly number[]): PointRow[] {
  if (leaderIds.length === 0 || orgIds.length === 0) return [];
  return sqlite
    .prepare(
      `SELECT id, leader_id, org_id, established_on, ended_on FROM liaison
       WHERE deleted_at IS NULL AND leader_id IN (SELECT value FROM json_each(?)) AND org_id IN (SELECT value FROM json_each(?))`,
    )
    .all(list(leaderIds), list(orgIds)) as PointRow[];
}

/** Rows of a table added after an audit mark (an export's): what was not there to be sent. */
export function addedSince(sqlite: SQLite.Database, mark: number, entity: string, ids: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = sqlite
    .prepare(`SELECT DISTINCT row_id FROM audit_log WHERE id > ? AND entity = ? AND op = 'insert' AND row_id IN (SELECT value FROM json_each(?))`)
    .all(mark, entity, list(ids)) as { row_id: number }[];
  return new Set(rows.map((r) => r.row_id));
}
