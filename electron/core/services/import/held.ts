/**
 * What we hold of the ledger for one file: the one place an import's comparison reads
 * the database, before the pure stages run. What the file names is read, and no more (a
 * league's year is 100,000 rows, a returned file a few thousand): the rows its ids name and
 * those sent, the rows of the townships where its rows are looked for by name, the units a
 * new row may already be, and the audit since the export.
 */
import type SQLite from 'better-sqlite3';
import type { LedgerRow } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { changesSince } from '../../repos/audit.ts';
import { ourUnitId } from '../../repos/settings.ts';
import { branchesNamed, changedAfter, openCommittees } from '../../repos/imports.ts';
import { changeCounter, ledgerRowsByNames, ledgerRowsByUid, ledgerRowsUnder, toLedgerRow, type RowContext } from '../../repos/ledger.ts';
import { nameKey, placeKey, unitKey } from './branchNames.ts';
import type { FileRow } from './read.ts';

/** An open unit of a new row's name under its township, and its ledger row of the year if any (deleted or not). */
export interface ExistingBranch {
  orgId: number;
  ledger: { id: number; uid: string; deletedAt: string | null } | null;
}

export interface HeldLedger {
  year: number;
  /** Ledger rows by the stable id a file carries: of which year, deleted or not. */
  byUid: Map<string, { id: number; year: number; deleted: boolean }>;
  /** The live rows of the year that were read, by id. */
  byId: Map<number, LedgerRow>;
  /** The townships by their name as people write it (`placeKey`); null where two have the same. */
  places: Map<string, Township | null>;
  /** The live rows under each township read. */
  inTownship: Map<number, LedgerRow[]>;
  /** Live rows of the year by name (`nameKey`), for a file without townships. */
  byName: Map<string, LedgerRow[]>;
  /** Units a new row may already be, by `branchKey`. */
  branches: Map<string, ExistingBranch>;
  /** For a returned export of ours: the first old value of each cell in the audit since the export (`sentKey`), its value as sent. */
  sentBefore: Map<string, CellValue> | null;
  /** The units above the branches: a township written with its county's name, and where a unit the tree lacks would go. */
  above: AboveUnits;
  /**
   * For a file without our manifest that says when it was made (its 填报日期, else its saved
   * time): when each cell of the rows read was last changed here after that (`sentKey`).
   */
  changedAfter: { since: string; at: Map<string, string> } | null;
}

export interface AboveUnit {
  id: number;
  name: string;
  parentId: number | null;
  level: string;
}

export interface AboveUnits {
  byId: Map<number, AboveUnit>;
  /** Cities and counties by their name as people write it (`unitKey`: 宁城县委 → 宁城县), longest first. */
  prefixes: { key: string; unit: AboveUnit }[];
  /** The department's own unit (设置), where a township the tree lacks goes when nothing else says. */
  ours: number | null;
}

export function aboveOf(units: readonly AboveUnit[], ours: number | null = null): AboveUnits {
  const prefixes = units.filter((u) => u.level !== 'township').map((unit) => ({ key: unitKey(unit.name), unit }));
  return { byId: new Map(units.map((u) => [u.id, u])), prefixes: prefixes.filter((p) => p.key.length >= 2).sort((a, b) => b.key.length - a.key.length), ours };
}

export const branchKey = (townshipId: number, name: string): string => `${townshipId}|${name}`;
export const sentKey = (entity: 'branch_ledger' | 'org', rowId: number, field: string): string => `${entity}:${rowId}:${field}`;

export interface Township {
  id: number;
  name: string;
}

export function placesOf(townships: readonly Township[]): HeldLedger['places'] {
  const places: HeldLedger['places'] = new Map();
  for (const t of townships) {
    const k = placeKey(t.name);
    places.set(k, places.has(k) ? null : { id: t.id, name: t.name });
  }
  return places;
}

/** The township a row names: the one township its name as written means (null: none written, none known, or more than one). */
export function placeOf(held: Pick<HeldLedger, 'places' | 'above'>, row: FileRow): Township | null {
  return row.values.township ? placeNamed(held, row.values.township) : null;
}

/**
 * The one township a name means, as offices write it: 天义镇, 天义镇党委, 天义镇党委（宁城县）,
 * or with its county's (and city's) name before it, 宁城县天义镇 and 赤峰市宁城县天义镇.
 */
export function placeNamed(held: Pick<HeldLedger, 'places' | 'above'>, written: CellValue): Township | null {
  let k = placeKey(written);
  for (let cut = 0; cut < 3; cut++) {
    const hit = held.places.get(k);
    if (hit !== undefined) return hit;
    const prefix = held.above.prefixes.find((p) => k.length > p.key.length + 1 && k.startsWith(p.key));
    if (!prefix) return null;
    k = k.slice(prefix.key.length);
  }
  return null;
}

/** A name with the cities' and counties' names before it taken off (宁城县经济开发区 → 经济开发区): what a unit the tree lacks is called. */
export function withoutCounty(held: Pick<HeldLedger, 'above'>, written: CellValue): { name: string; county: AboveUnit | null } {
  let k = placeKey(written);
  let county: AboveUnit | null = null;
  for (let cut = 0; cut < 2; cut++) {
    const prefix = held.above.prefixes.find((p) => k.length > p.key.length + 1 && k.startsWith(p.key));
    if (!prefix) break;
    k = k.slice(prefix.key.length);
    county = prefix.unit;
  }
  return { name: k, county };
}

export interface HeldRequest {
  year: number;
  /** The file's rows as read (townships written once over their branches filled in). */
  rows: readonly FileRow[];
  /** The file has a township column; and where its names are (their text as typed finds the rows of a file without townships). */
  hasTownship: boolean;
  nameColumn: number | undefined;
  /** A returned export's rows as sent (their ids), and its mark in the audit log (null: not exported here). */
  sent: readonly { uid: string }[] | null;
  auditMark: number | null;
  /** When a file without our manifest was made (ISO): cells changed here after it are looked up. */
  madeAt?: string | null;
  /** The rows its manifest says were sent, read while the file was still being read (taken only if of this year and nothing was written since). */
  ahead?: HeldAhead | null;
  /** The year kept in memory (the grid's rows), where it is worth taking for so many ids (see `findRows`); none: rows are read from the database. */
  keptYear?: KeptYear;
}

/** The live rows of the year by stable id as the core keeps them, for `asked` ids, or null where looking them up costs less (services/ledger/list.ts `keptYearByUid`). */
export type KeptYear = (asked: number) => Map<string, LedgerRow> | null;

/** A row an id of the file or its manifest names: of which year, deleted or not, and the grid's row of it where it is of the year and not deleted. */
interface FoundRow {
  uid: string;
  id: number;
  year: number;
  deleted: boolean;
  row: LedgerRow | null;
}

/** The rows a manifest says were sent, found ahead (`readAhead`), with the database's change counter then. */
export interface HeldAhead {
  year: number;
  stamp: string;
  asked: ReadonlySet<string>;
  found: readonly FoundRow[];
  /** `sentBefore` of the live rows found, from the export's mark in the audit log (null: no mark given). */
  sentBefore: { mark: number; cells: Map<string, CellValue> } | null;
}

/**
 * The rows a returned export's manifest says were sent, and their cells as sent where changed here
 * since (the audit from `mark`), found while the reader's worker is still reading the file's rows:
 * the core's thread is otherwise idle then, and this is the larger part of `readHeldLedger` for a
 * returned year.
 */
export function readAhead(sqlite: SQLite.Database, rc: RowContext, uids: readonly string[], year: number, more: { mark?: number | null; keptYear?: KeptYear } = {}): HeldAhead {
  const asked = new Set(uids);
  const stamp = changeCounter(sqlite);
  const found = findRows(sqlite, rc, [...asked], year, more.keptYear);
  const mark = more.mark ?? null;
  return { year, stamp, asked, found, sentBefore: mark === null ? null : { mark, cells: sentBefore(sqlite, liveRows(found, year), mark) } };
}

/**
 * The rows these ids name. Those of the year come from the year the core keeps in memory where
 * `keptYear` gives it (a returned year's file): the grid's own rows, not a second copy made of the
 * database's. The others (deleted, of another year, closed before it), and all otherwise, are read.
 */
function findRows(sqlite: SQLite.Database, rc: RowContext, uids: readonly string[], year: number, keptYear: KeptYear | undefined): FoundRow[] {
  const kept = uids.length && keptYear ? keptYear(uids.length) : null;
  const found: FoundRow[] = [];
  const rest: string[] = [];
  for (const uid of uids) {
    const row = kept?.get(uid);
    if (row) found.push({ uid, id: row.id, year, deleted: false, row });
    else rest.push(uid);
  }
  for (const r of sharedTexts(ledgerRowsByUid(sqlite, rest, year))) {
    const deleted = r.deleted_at !== null;
    found.push({ uid: r.uid, id: r.id, year: r.year, deleted, row: r.year === year && !deleted ? toLedgerRow(r, rc) : null });
  }
  return found;
}

/** A row the import may match in `year`: of the year, not deleted, its branch open in the year. */
const liveIn = (r: LedgerRow, year: number) => r.year === year && r.deletedAt === null && (r.closedOn === null || r.closedOn >= `${year}-01-01`);

function liveRows(found: readonly FoundRow[], year: number): LedgerRow[] {
  return found.flatMap((f) => (f.row && liveIn(f.row, year) ? [f.row] : []));
}

/** Texts up to this long are kept once however many rows hold them (a kind, a grade's code, a date). */
const SHARED_TEXT_CHARS = 24;

/**
 * SQLite gives every row its own copy of each text: a year's rows held "branch", "middle" and
 * their dates 100,000 times over (~17 MB at the comparison's peak). Done here, while the file is
 * still being read, each short text kept once.
 */
function sharedTexts<T extends object>(rows: T[]): T[] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    for (const k in r) {
      const v = r[k];
      if (typeof v !== 'string' || v.length > SHARED_TEXT_CHARS) continue;
      const kept = seen.get(v);
      if (kept === undefined) seen.set(v, v);
      else r[k] = kept;
    }
  }
  return rows;
}

/** The townships by name, and the units above them: what a file's townships are found by. */
export function placeLookup(sqlite: SQLite.Database, rc: RowContext): Pick<HeldLedger, 'places' | 'above'> {
  return {
    places: placesOf([...rc.committees.values()].filter((c) => c.level === 'township')),
    above: aboveOf(openCommittees(sqlite).map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id, level: u.level })), ourUnitId(sqlite)),
  };
}

/** `rc`: how a ledger row is made (its township and county, its liaison leaders). */
export function readHeldLedger(sqlite: SQLite.Database, rc: RowContext, request: HeldRequest): HeldLedger {
  const { year, rows } = request;
  const held: HeldLedger = {
    year,
    byUid: new Map(),
    byId: new Map(),
    ...placeLookup(sqlite, rc),
    inTownship: new Map(),
    byName: new Map(),
    branches: new Map(),
    sentBefore: null,
    changedAfter: null,
  };
  const remember = (list: LedgerRow[]) => {
    const kept = list.filter((r) => liveIn(r, year));
    for (const r of kept) held.byId.set(r.id, r);
    return kept;
  };

  // The ids in the file and those the manifest says were sent (for the missing ones): a year's
  // 100,000 of each, so added to one set as they come (no lists made of them on the way).
  const wanted = new Set<string>();
  for (const r of rows) if (r.id) wanted.add(r.id);
  for (const s of request.sent ?? []) wanted.add(s.uid);
  const uids = [...wanted];
  // What was found ahead holds only while nothing has been written since (an edit made during the read is seen).
  const ahead = request.ahead && request.ahead.year === year && request.ahead.stamp === changeCounter(sqlite) ? request.ahead : null;
  const early = ahead ? ahead.found.filter((f) => wanted.has(f.uid)) : [];
  const now = findRows(sqlite, rc, ahead ? uids.filter((u) => !ahead.asked.has(u)) : uids, year, request.keptYear);
  for (const list of [early, now]) {
    const found: LedgerRow[] = [];
    for (const f of list) {
      held.byUid.set(f.uid, { id: f.id, year: f.year, deleted: f.deleted });
      if (f.row) found.push(f.row);
    }
    remember(found);
  }
  if (request.sent && request.auditMark !== null) {
    const sentEarly = ahead?.sentBefore?.mark === request.auditMark ? ahead.sentBefore.cells : null;
    const cells = sentBefore(sqlite, liveRows(sentEarly ? now : [...early, ...now], year), request.auditMark);
    held.sentBefore = sentEarly ? new Map([...sentEarly, ...cells]) : cells;
  }

  // Rows without a usable id are found by name: under their township, or by exact name in the year.
  if (!request.hasTownship && rows.some((r) => !r.id)) {
    const names = rows.map((r) => (request.nameColumn === undefined ? '' : String(r.cells[request.nameColumn] ?? '').trim()));
    for (const r of remember(ledgerRowsByNames(sqlite, year, [...new Set(names.filter(Boolean))]).map((x) => toLedgerRow(x, rc)))) {
      const k = nameKey(r.name);
      (held.byName.get(k) ?? held.byName.set(k, []).get(k)!).push(r);
    }
  }
  readTownships(sqlite, rc, held, rows, remember);
  if (!request.sent && request.madeAt) held.changedAfter = { since: request.madeAt, at: lastChanged(sqlite, held, request.madeAt) };
  return held;
}

/**
 * The rows of the townships where the file's rows may be looked for by name, and the units
 * a new row there may already be. A row is looked for by name unless its id names a row of
 * the year (or one deleted here), or when another row took that row by name first: so a
 * row whose id names a row of a township read is looked for too, until nothing more is read.
 */
function readTownships(sqlite: SQLite.Database, rc: RowContext, held: HeldLedger, rows: readonly FileRow[], remember: (list: LedgerRow[]) => LedgerRow[]): void {
  const ids = new Map<string, number>();
  for (const r of rows) if (r.id) ids.set(r.id, (ids.get(r.id) ?? 0) + 1);
  const idHit = (r: FileRow) => {
    const hit = r.id && ids.get(r.id) === 1 ? held.byUid.get(r.id) : undefined;
    return hit && hit.year === held.year && (hit.deleted || held.byId.has(hit.id)) ? hit : undefined;
  };
  const named = rows.filter((r) => r.values.name);
  const byName = new Set(named.filter((r) => !idHit(r)));
  const inRead = new Set<number>();
  for (let grew = byName.size > 0; grew; ) {
    grew = false;
    const places = new Set<number>();
    for (const r of byName) {
      const place = placeOf(held, r);
      if (place && !held.inTownship.has(place.id)) places.add(place.id);
    }
    for (const [id, raw] of ledgerRowsUnder(sqlite, held.year, [...places])) {
      const list = remember(raw.map((x) => toLedgerRow(x, rc)));
      held.inTownship.set(id, list);
      for (const x of list) inRead.add(x.id);
    }
    for (const r of named) {
      const hit = idHit(r);
      if (byName.has(r) || !hit || hit.deleted || !inRead.has(hit.id)) continue;
      byName.add(r);
      grew = true;
    }
  }
  const wanted = [...byName].flatMap((r) => {
    const place = placeOf(held, r);
    return place ? [{ parentId: place.id, name: String(r.values.name) }] : [];
  });
  for (const b of branchesNamed(sqlite, held.year, wanted)) {
    const k = branchKey(b.parent_id, b.name);
    if (held.branches.has(k)) continue;
    held.branches.set(k, { orgId: b.org_id, ledger: b.ledger_id === null ? null : { id: b.ledger_id, uid: b.ledger_uid!, deletedAt: b.deleted_at } });
  }
}

/**
 * A returned export's cells as sent, where they changed here since: the first old value
 * after the batch's mark in the audit log, for the live rows of the year the file's ids name
 * or the manifest says was sent (a cell not changed since was sent as it is held).
 */
function sentBefore(sqlite: SQLite.Database, live: readonly LedgerRow[], mark: number): Map<string, CellValue> {
  const rows = live.flatMap((r) => [{ entity: 'branch_ledger', rowId: r.id }, { entity: 'org', rowId: r.orgId }]);
  const firstOld = new Map<string, CellValue>();
  for (const c of changesSince(sqlite, mark, rows)) {
    const k = `${c.entity}:${c.row_id}:${c.field}`;
    if (firstOld.has(k)) continue;
    const old = c.old_value === null ? null : (JSON.parse(c.old_value) as unknown);
    // A value kept but not understood was written to the file as its text.
    firstOld.set(k, typeof old === 'object' && old !== null ? ((old as { invalid?: string }).invalid ?? null) : (old as CellValue));
  }
  return firstOld;
}

/** When each cell of the rows read (a ledger row's, its branch's) was last changed here after `since` (`sentKey`). */
function lastChanged(sqlite: SQLite.Database, held: HeldLedger, since: string): Map<string, string> {
  const rows = [...held.byId.values()].flatMap((r) => [{ entity: 'branch_ledger', rowId: r.id }, { entity: 'org', rowId: r.orgId }]);
  return new Map(changedAfter(sqlite, since, rows).map((c) => [sentKey(c.entity as 'branch_ledger' | 'org', c.row_id, c.field), c.at]));
}
