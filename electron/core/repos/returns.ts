/**
 * What a returned file of records is compared with and resolved against: records by the
 * stable ids the file carries, the units, leaders and liaison points its names may mean, and
 * what was added since its export.
 */
import type SQLite from 'better-sqlite3';
import type { RecordTable } from '../../../shared/domain/records.ts';
import { all, build } from '../db/query.ts';
import { listed, subtreeEnd } from './parts.ts';
import { sqlTables } from './records.ts';


export interface RecordIdRow {
  id: number;
  uid: string;
  deleted_at: string | null;
}

/** Rows of a record table by stable id, deleted or not. */
export function recordsByUid(sqlite: SQLite.Database, table: RecordTable, uids: readonly string[]): RecordIdRow[] {
  if (uids.length === 0) return [];
  return all(sqlite, build.selectFrom(sqlTables[table]).select(['id', 'uid', 'deleted_at']).where('uid', 'in', listed(uids)));
}

export interface UnitRow {
  id: number;
  uid: string;
  name: string;
  level: string;
  path: string;
  closed_on: string | null;
}

const unitColumns = ['id', 'uid', 'name', 'level', 'path', 'closed_on'] as const;

/** Units of these exact names in a subtree (the file's unit and everything under it). */
export function unitsNamed(sqlite: SQLite.Database, scopePath: string, names: readonly string[]): UnitRow[] {
  if (names.length === 0) return [];
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(unitColumns)
      .where('path', '>=', scopePath)
      .where('path', '<', subtreeEnd(scopePath))
      .where('name', 'in', listed(names))
      .orderBy('path'),
  );
}

/** The townships under a unit: a branch written with its township before it (乌丹镇头道营子村党支部) is found by them. */
export function townshipsIn(sqlite: SQLite.Database, scopePath: string): UnitRow[] {
  return all(sqlite, build.selectFrom('org').select(unitColumns).where('path', '>=', scopePath).where('path', '<', subtreeEnd(scopePath)).where('level', '=', 'township').where('closed_on', 'is', null));
}

/** Units by stable id. */
export function unitsByUid(sqlite: SQLite.Database, uids: readonly string[]): UnitRow[] {
  if (uids.length === 0) return [];
  return all(sqlite, build.selectFrom('org').select(unitColumns).where('uid', 'in', listed(uids)));
}

/** The open unit with this code (a file exported elsewhere names its unit by code), if exactly one. */
export function unitByCode(sqlite: SQLite.Database, code: string): UnitRow | undefined {
  const rows = all(sqlite, build.selectFrom('org').select(unitColumns).where('code', '=', code).where('closed_on', 'is', null).limit(2));
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
  return all(
    sqlite,
    build
      .selectFrom('leader as l')
      .innerJoin('org as c', 'c.id', 'l.committee_org_id')
      .select(['l.id', 'l.name', 'c.path as committee_path', 'l.active_to'])
      .where('l.deleted_at', 'is', null)
      .where('l.name', 'in', listed(names)),
  );
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
  return all(
    sqlite,
    build
      .selectFrom('liaison')
      .select(['id', 'leader_id', 'org_id', 'established_on', 'ended_on'])
      .where('deleted_at', 'is', null)
      .where('leader_id', 'in', listed(leaderIds))
      .where('org_id', 'in', listed(orgIds)),
  );
}

/** Rows of a table added after an audit mark (an export's): what was not there to be sent. */
export function addedSince(sqlite: SQLite.Database, mark: number, table: RecordTable, ids: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = all(
    sqlite,
    build
      .selectFrom('audit_log')
      .select('row_id')
      .distinct()
      .where('id', '>', mark)
      .where('entity', '=', sqlTables[table])
      .where('op', '=', 'insert')
      .where('row_id', 'in', listed(ids)),
  );
  return new Set(rows.flatMap((r) => (r.row_id === null ? [] : [r.row_id])));
}
