/**
 * What we hold of a returned sheet of records: the one place its comparison reads the
 * database, before the pure stages run. The records of the file's unit and year (what the
 * export sent, and what a row without an id may be), those its ids name wherever they are,
 * the audit since the export (each cell's value as sent), and the names a new row's refs may mean.
 */
import type { RecordRow } from '../../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../../shared/domain/fields.ts';
import { evaluationPathCells } from '../../../../../shared/domain/evaluation.ts';
import { writableFields } from '../../../../../shared/domain/returns.ts';
import type { RecordTable } from '../../../../../shared/domain/records.ts';
import { changesSince } from '../../../repos/audit.ts';
import { recordSpecs } from '../../../repos/records.ts';
import { addedSince, leadersNamed, pointsOf, recordsByUid, townshipsIn, unitsByUid, unitsNamed } from '../../../repos/returns.ts';
import { today, type ServiceContext } from '../../context.ts';
import { sourceRows } from '../../export/sources.ts';
import { readRecords, recordsByIds } from '../../records/list.ts';
import { nameKey } from '../branchNames.ts';
import { keyOf, labelOf, type Binding } from './binding.ts';
import type { HeldCell, SentCell } from '../judge.ts';
import type { Matchable } from './match.ts';
import type { FileRow } from '../read.ts';
import { getOrg, rootOrgId } from '../../../repos/orgs.ts';
import { withoutNameSpaces } from '../../../../../shared/domain/fields.ts';
import { nobodyNamed, positionOf, refColumns, splitTownship, type NameBook, type NewLeader } from './refs.ts';

/** Where a writable cell of a row is kept: a field of a record, or of a stage's record the branch has not got yet. */
export interface Slot {
  table: RecordTable;
  /** null: a stage of the 评定验收台账 with no record yet (the commit adds it). */
  recordId: number | null;
  /** The record's field (for the 评定验收台账, the stage's: 得分 of 旗县验收 is `score`). */
  field: string;
  held: HeldCell;
  /** What a missing stage's record is made of. */
  makes?: { orgId: number; stage: string };
}

export interface HeldRow extends Matchable {
  label: string;
  /** What the file's columns show of it now (names of what its refs point to included). */
  values: Record<string, CellValue>;
  /** The file's writable fields, and where each is kept. */
  slots: Map<string, Slot>;
}

export interface HeldSheet {
  /** Every row the file's ids (and the manifest's) name, deleted or not. */
  byUid: Map<string, HeldRow>;
  /** The live rows of the file's unit and year: what a row without an id may be. */
  live: HeldRow[];
}

const heldCell = (r: RecordRow, field: string): HeldCell => {
  const red = r.invalid?.[field];
  return red ? { value: red.raw, red: true } : { value: r.values[field] ?? null, red: false };
};

function recordRow(binding: Binding, r: RecordRow): HeldRow {
  const slots = new Map<string, Slot>();
  for (const field of writableFields(binding.source)) slots.set(field, { table: binding.table, recordId: r.id, field, held: heldCell(r, field) });
  return { id: r.id, uid: r.uid, deleted: r.deletedAt !== null, key: keyOf(binding, r.values), label: labelOf(binding, r.values), values: r.values, slots };
}

/** The records of a table the file's unit holds in the year, and any others its ids name. */
export function heldRecords(ctx: ServiceContext, binding: Binding, year: number, scopePath: string, uids: readonly string[]): HeldSheet {
  const live = readRecords(ctx, binding.table, { year, scopePath }).map((r) => recordRow(binding, r));
  const byUid = new Map(live.map((h) => [h.uid, h]));
  const elsewhere = recordsByUid(ctx.conn.sqlite, binding.table, uids.filter((u) => !byUid.has(u)));
  for (const r of recordsByIds(ctx, binding.table, year, elsewhere.map((e) => e.id))) byUid.set(r.uid, recordRow(binding, r));
  return { byUid, live };
}

/**
 * The 评定验收台账 as held: one row per branch on the path (as the export fills it), each
 * writable cell kept in its stage's record, or in none yet. A branch the file's ids name
 * that is no longer on the path has only records to be made.
 */
export function heldPath(ctx: ServiceContext, binding: Binding, year: number, unit: { id: number; path: string }, uids: readonly string[]): HeldSheet {
  const records = new Map<string, RecordRow>();
  // A record a send-back made history is not its stage's record any more (it is kept, and not written to).
  for (const r of readRecords(ctx, 'evaluation', { year, scopePath: unit.path })) if (!r.values.supersededAt) records.set(`${String(r.values.orgId)}:${String(r.values.stage)}`, r);
  const rowOf = (orgId: number, uid: string, values: Record<string, CellValue>, label: string): HeldRow => {
    const slots = new Map<string, Slot>();
    for (const [field, { stage, field: recordField }] of Object.entries(evaluationPathCells)) {
      const r = records.get(`${orgId}:${stage}`);
      slots.set(field, r
        ? { table: 'evaluation', recordId: r.id, field: recordField, held: heldCell(r, recordField) }
        : { table: 'evaluation', recordId: null, field: recordField, held: { value: null, red: false }, makes: { orgId, stage } });
    }
    return { id: orgId, uid, deleted: false, key: keyOf(binding, values), label, values, slots };
  };
  const live = sourceRows(ctx, 'evaluationPath', { year, scopeOrgId: unit.id }).map((s) => rowOf(s.id, s.uid, s.values, s.label ?? String(s.values.name)));
  const byUid = new Map(live.map((h) => [h.uid, h]));
  for (const u of unitsByUid(ctx.conn.sqlite, uids.filter((x) => !byUid.has(x)))) {
    if (u.level === 'branch') byUid.set(u.uid, { ...rowOf(u.id, u.uid, { name: u.name }, u.name), deleted: u.closed_on !== null });
  }
  return { byUid, live };
}

/** A value as the audit log keeps it: a value kept but not understood as its text. */
function auditValue(json: string | null): CellValue {
  const v = json === null ? null : (JSON.parse(json) as unknown);
  return typeof v === 'object' && v !== null ? ((v as { invalid?: string }).invalid ?? null) : (v as CellValue);
}

/**
 * Each cell's value as sent in an export (its audit mark): the first old value recorded
 * since for a cell changed here, nothing for a record added here since, else what we hold.
 */
export function sentValues(ctx: ServiceContext, mark: number, rows: readonly HeldRow[]): (row: HeldRow, field: string) => SentCell | undefined {
  const { sqlite } = ctx.conn;
  const byTable = new Map<RecordTable, Set<number>>();
  for (const row of rows) {
    for (const slot of row.slots.values()) if (slot.recordId !== null) (byTable.get(slot.table) ?? byTable.set(slot.table, new Set()).get(slot.table)!).add(slot.recordId);
  }
  const firstOld = new Map<string, CellValue>();
  const added = new Set<string>();
  for (const [table, ids] of byTable) {
    const entity = recordSpecs[table].sqlTable;
    for (const c of changesSince(sqlite, mark, [...ids].map((rowId) => ({ entity, rowId })))) {
      const k = `${c.entity}:${c.row_id}:${c.field}`;
      if (!firstOld.has(k)) firstOld.set(k, auditValue(c.old_value));
    }
    for (const id of addedSince(sqlite, mark, table, [...ids])) added.add(`${entity}:${id}`);
  }
  return (row, field) => {
    const slot = row.slots.get(field);
    if (!slot) return undefined;
    if (slot.recordId === null) return { value: null, changedHere: false };
    const entity = recordSpecs[slot.table].sqlTable;
    if (added.has(`${entity}:${slot.recordId}`)) return { value: null, changedHere: true };
    const k = `${entity}:${slot.recordId}:${slot.field}`;
    return firstOld.has(k) ? { value: firstOld.get(k)!, changedHere: true } : { value: slot.held.value, changedHere: false };
  };
}

const named = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v).trim());
/** A name as typed, and without the spaces people put in it (compared by nameKey afterwards). */
const asTyped = (names: Set<string>) => [...new Set([...names, ...[...names].map(nameKey)])];

/** The units, leaders and points the names of the file's new rows may mean, read at once. */
export function readNameBook(ctx: ServiceContext, binding: Binding, scopePath: string, rows: readonly FileRow[]): NameBook {
  const { sqlite } = ctx.conn;
  const cols = refColumns[binding.source];
  const unitNames = new Set<string>();
  const leaderNames = new Set<string>();
  for (const r of rows) {
    for (const f of [cols.branch, cols.unit, 'township']) if (f && named(r.values[f])) unitNames.add(named(r.values[f]));
    if (cols.leader && named(r.values[cols.leader])) leaderNames.add(named(r.values[cols.leader]));
  }
  // A branch written with its township before it is looked for by the rest of its name too.
  const townships = cols.branch ? townshipsIn(sqlite, scopePath) : [];
  for (const n of [...unitNames]) {
    const split = splitTownship(townships, n);
    if (split) unitNames.add(split.rest);
  }
  const units = unitsNamed(sqlite, scopePath, asTyped(unitNames));
  const leaders = leadersNamed(sqlite, asTyped(leaderNames));
  const branches = units.filter((u) => u.level === 'branch').map((u) => u.id);
  return { scopePath, units, leaders, points: pointsOf(sqlite, leaders.map((l) => l.id), branches), today: today(ctx), townships };
}

/**
 * The leaders a hand-made 联系点台账 names, with a post written beside them, whom nobody here is:
 * each to be added with the import, in the committee its title begins with (经棚镇党委副书记:
 * 经棚镇党委), else in the file's unit. Rows name a leader once per point; the first cell counts.
 */
export function plannedLeaders(ctx: ServiceContext, book: NameBook, rows: readonly { sourceRow: number; values: Readonly<Record<string, CellValue>> }[], unit: { id: number; path: string; name: string }, cellOf: (sourceRow: number, field: string) => string): NewLeader[] {
  const { sqlite } = ctx.conn;
  const byName = new Map<string, NewLeader>();
  const root = rootOrgId(sqlite);
  const treePath = (root === undefined ? undefined : getOrg(sqlite, root)?.path) ?? unit.path;
  for (const r of rows) {
    // A name as offices line it up (孙 晓红) is added as the name it is (孙晓红).
    const name = withoutNameSpaces(named(r.values.leaderName));
    const title = named(r.values.leaderTitle);
    if (!name || !title || byName.has(nameKey(name)) || !nobodyNamed(book, name)) continue;
    const key = nameKey(title);
    const prefixes = Array.from({ length: Math.max(0, key.length - 2) }, (_, i) => key.slice(0, i + 2));
    const committee = unitsNamed(sqlite, treePath, prefixes)
      .filter((u) => u.level !== 'branch' && u.closed_on === null)
      .sort((a, b) => b.name.length - a.name.length)[0];
    // Else the file's unit: 旗委书记 of a banner's 联系点台账 is a leader of the banner's committee,
    // also when that committee is the top of the tree (a department that serves a banner).
    const at = committee ?? (!unit.path ? null : { id: unit.id, name: unit.name });
    if (!at) continue;
    byName.set(nameKey(name), { placeholder: -(byName.size + 1), name, title, position: positionOf(title), committeeId: at.id, committeeName: at.name, cell: cellOf(r.sourceRow, 'leaderName') });
  }
  return [...byName.values()];
}
