/**
 * Reverting one change set, whatever it touched: ledger cells (a unit's name, kind and field
 * edited from the ledger among them), record tables, the tree, and rows added, deleted or
 * removed. First every target is compared with what the change set left there; when anything
 * changed since, the revert is refused as a whole, naming each thing and what it holds now,
 * and nothing is written. (An import's undo keeps instead what was worked on since, and names
 * it: see services/import/undo.ts.) Then each row kind is written through its own write path,
 * all into one new change set that is undone the same way.
 *
 * What an inverse is: a field goes back to its old value; a recoverably deleted row is
 * restored, a restored one deleted again; a row the change set added is removed for good when
 * nothing has used or changed it since (the audit record keeps the row, and what it pointed
 * at by uid), and a removed row is put back as it was.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { EditProblem } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import type { RecordTable } from '../../../../shared/domain/records.ts';
import SQLite from 'better-sqlite3';
import type { OrgRow } from '../../db/schema.ts';
import { recordsOfChangeSet, recordsSince, type ChangeSet, type ChangeSetRecord } from '../../repos/audit.ts';
import type { ChangeSetRow } from '../../repos/changeSets.ts';
import { openSiblingNamed, setClosedOn } from '../../repos/orgs.ts';
import { recordSpecs } from '../../repos/records.ts';
import { isPlainTable, isUndoableTable, linkColumns, pointers, type PlainTable, type StoredRow, type UndoableTable } from '../../repos/rows.ts';
import type { ServiceContext } from '../context.ts';
import { recordTableOfEntity } from '../history.ts';
import { applyLedgerEdits, type LedgerChange } from '../ledger/edit.ts';
import { moveOrgSync, setOrgField } from '../org/index.ts';
import { applyRecordEdits, type RecordChange } from '../records/edit.ts';
import { GONE, ledgerIdOfRef, RowsNow, same } from './now.ts';

export interface RevertOptions {
  as: 'undo' | 'redo';
  /** The year whose counters record rows are read with (a grid's year). */
  year: number;
  /**
   * An import's undo: a row it added or brought back that was worked on or used since stays,
   * values and all, and a cell changed since keeps its value; each is named in `kept`.
   */
  keepWorkedOn: boolean;
}

export interface Reverted {
  changeSetId: string | null;
  kept: string[];
  /** Rows removed for good, named. */
  removed: string[];
  /** Rows written (and live), and rows removed or deleted, by table. */
  written: Map<UndoableTable, Set<number>>;
  gone: Map<UndoableTable, Set<number>>;
  /** Branches whose ledger rows changed; `ledgerOnly`: nothing else did (the ledger's cache can be patched). */
  orgIds: Set<number>;
  ledgerOnly: boolean;
}

/** A removed row as its audit record keeps it: the stored columns, and what it pointed at by uid. */
interface Removed {
  row: Record<string, unknown>;
  refs: Record<string, string>;
}

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));
const isRemoval = (r: ChangeSetRecord) => r.op === 'delete' && (parse(r.new_value) as { removed?: boolean } | null)?.removed === true;
const quoted = (name: string) => `“${name}”`;

/** Runs inside the caller's write transaction; throws (and so writes nothing) when it must refuse. */
export function revertChangeSet(ctx: ServiceContext, cs: ChangeSetRow, options: RevertOptions): Reverted {
  const verb = options.as === 'undo' ? '撤销' : '重做';
  const records = recordsOfChangeSet(ctx.conn.sqlite, cs.id);
  const foreign = records.find((r) => r.op === 'bulk_insert' || !isUndoableTable(r.entity) || r.row_uid === null);
  if (foreign) {
    const what = foreign.op === 'bulk_insert' ? '批量生成的数据' : foreign.entity === 'setting' || foreign.entity === 'dict_entry' ? '设置或字典的修改'
      : foreign.entity === 'evaluation_draw' ? '抽签结果（抽签一经作出不能撤销；确需重抽，请“重新抽签”并写明理由，原记录保留）' : '无法逐行还原的修改';
    throw new AppError('CONFLICT', `“${cs.summary}”包含${what}，不能${verb}。`);
  }
  const now = new RowsNow(ctx);
  const plan = new Plan(ctx, cs, records, now, options);
  plan.check();
  if (plan.conflicts.size) refuse(cs, verb, [...plan.conflicts]);
  return plan.apply(verb);
}

function refuse(cs: ChangeSetRow, verb: string, items: string[]): never {
  const shown = items.slice(0, 8).join('；') + (items.length > 8 ? ` 等 ${items.length} 处` : '');
  throw new AppError('CONFLICT', `不能${verb}“${cs.summary}”：${shown}。为免覆盖此后的修改，本次${verb}没有改动任何数据。`, { conflicts: items });
}

class Plan {
  readonly conflicts = new Set<string>();
  private readonly kept: string[] = [];
  /** Rows the change set added that the revert removes. */
  private readonly going = new Set<string>();
  /** Rows an import's undo leaves as they are, values and all. */
  private readonly keptUids = new Set<string>();
  /** Rows the revert puts back, by uid: a row put back after them may point at them. */
  private readonly coming = new Map<string, Record<string, unknown>>();

  private readonly ledgerChanges: LedgerChange[] = [];
  private readonly recordChanges = new Map<RecordTable, RecordChange[]>();
  private readonly orgSteps: { uid: string; field: string; value: unknown }[] = [];
  /** Fields of the standards checklist, written straight back: what they hold now, what they go back to. */
  private readonly plainSteps: { table: PlainTable; uid: string; field: string; now: unknown; value: unknown }[] = [];
  private readonly lifecycle: { step: 'delete' | 'restore' | 'remove' | 'put back'; table: UndoableTable; uid: string; removed?: Removed }[] = [];

  private readonly newest: number;
  private readonly since: Map<string, ChangeSetRecord[]>;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly cs: ChangeSetRow,
    private readonly records: ChangeSetRecord[],
    private readonly now: RowsNow,
    private readonly options: RevertOptions,
  ) {
    this.newest = records[0]?.id ?? 0;
    for (const r of records) if (r.op === 'insert') this.going.add(r.row_uid!);
    // What happened since to the rows this revert would remove or delete again, in one query.
    const watched = records.filter((r) => r.op === 'insert' || r.op === 'restore').map((r) => r.row_uid!);
    this.since = new Map();
    for (const r of recordsSince(ctx.conn.sqlite, watched, this.newest, cs.id)) {
      const list = this.since.get(r.row_uid!);
      if (list) list.push(r);
      else this.since.set(r.row_uid!, [r]);
    }
  }

  /** Refused, or (an import's undo, when it says how) kept and named. */
  private conflict(item: string, keptAs?: string): void {
    if (this.options.keepWorkedOn && keptAs !== undefined) this.kept.push(keptAs);
    else this.conflicts.add(item);
  }

  private keep(uid: string): void {
    this.going.delete(uid);
    this.keptUids.add(uid);
  }

  check(): void {
    const { rows } = this.now;
    this.now.readLedgerRows(
      this.records.flatMap((r) => {
        const id = r.entity === 'branch_ledger' ? rows.idOf('branch_ledger', r.row_uid!) : ledgerIdOfRef(r.source_ref);
        return id === undefined ? [] : [id];
      }),
    );
    // Rows first (the newest first: a branch's row before its unit), so that a field of a row
    // that goes, or that an import's undo keeps, is left alone.
    for (const r of this.records) if (r.op !== 'update') this.checkRow(r);
    for (const r of this.records) if (r.op === 'update') this.checkField(r);
  }

  /**
   * How a row differs now from what the change set left: the first record since of each of its
   * fields holds, as its old value, what the change set left there. (A change undone since is
   * no difference.)
   */
  private changedSince(table: UndoableTable, row: StoredRow): string | null {
    const seen = new Set<string>();
    for (const r of this.since.get(row.uid) ?? []) {
      const key = r.field ?? '';
      if (seen.has(key)) continue;
      seen.add(key);
      if (r.field === null) {
        // Deleted or restored since, and still so; removed and put back since counts as changed.
        const deleted = (row.deleted_at ?? null) !== null;
        if (r.op === 'delete' && !isRemoval(r)) {
          if (deleted) return '已被删除';
        } else if (r.op === 'restore') {
          if (!deleted) return '已被恢复';
        } else return '已被移除后又放回';
        continue;
      }
      const value = this.now.value(table, row.uid, r.field, r.source_ref);
      if (value !== GONE && !same(value, parse(r.old_value))) return `的${this.now.label(table, r.field)}已被改为“${this.now.text(table, r.field, value)}”`;
    }
    return null;
  }

  private checkRow(r: ChangeSetRecord): void {
    const table = r.entity as UndoableTable;
    const uid = r.row_uid!;
    const row = this.now.rows.byUid(table, uid);
    if (r.op === 'insert') {
      if (!this.going.has(uid)) return; // kept with its branch's row
      if (!row) {
        // Already gone: an import's undo has nothing left to remove; any other revert says so.
        if (!this.options.keepWorkedOn) this.conflict(`${RowsNow.noun(table)}“${this.describe(r)}”已不存在`);
        this.going.delete(uid);
        return;
      }
      const name = this.now.nameOf(table, row);
      // A branch's row and the unit made for it go together: what was done to either keeps both.
      const unit = table === 'branch_ledger' ? this.now.rows.byId('org', row.org_id as number) : undefined;
      const withUnit = unit && this.going.has(unit.uid) ? unit : undefined;
      const changed = this.changedSince(table, row) ?? (withUnit ? this.changedSince('org', withUnit) : null);
      const users = RowsNow.users([
        ...this.now.rows.usersOf(table, row.id, this.going),
        ...(withUnit ? this.now.rows.usersOf('org', withUnit.id, this.going) : []),
      ]);
      if (changed || users) {
        this.conflict(
          changed ? `${quoted(name)}${changed}` : `${quoted(name)}此后已被使用（${users}）`,
          changed
            ? `${name}：这一行在此之后又被修改过，未删除，它的值也保持不变，以免丢失后来的修改。`
            : `${name}：这次导入新增的党支部此后已被使用（${users}），未移除，它的台账行和值保持不变。`,
        );
        this.keep(uid);
        if (withUnit) this.keep(withUnit.uid);
        return;
      }
      this.lifecycle.push({ step: 'remove', table, uid });
      return;
    }
    if (isRemoval(r)) return this.checkPutBack(r, table, uid, row);
    if (!row) return this.conflict(`${RowsNow.noun(table)}“${this.describe(r)}”已不存在`, `${this.describe(r)}：这一行已不存在，未${this.verb()}。`);
    const name = this.now.nameOf(table, row);
    if (r.op === 'delete') {
      // Undoing a delete restores the row.
      if (row.deleted_at === null) return this.conflict(`${quoted(name)}此后已被恢复`);
      if (table === 'evaluation' && this.now.rows.liveEvaluation(row.org_id as number, row.year as number, String(row.stage))) {
        return this.conflict(`${quoted(name)}：同一党支部同一年度已有这一环节的评定记录`);
      }
      this.lifecycle.push({ step: 'restore', table, uid });
      return;
    }
    // Undoing a restore (an import's, a person's) deletes the row again, recoverably.
    if (row.deleted_at !== null) {
      if (!this.options.keepWorkedOn) this.conflict(`${quoted(name)}此后已被删除`);
      return;
    }
    if (this.options.keepWorkedOn && this.changedSince(table, row)) {
      this.kept.push(`${name}：这一行在此之后又被修改过，未重新删除，它的值也保持不变，以免丢失后来的修改。`);
      this.keptUids.add(uid);
      return;
    }
    this.lifecycle.push({ step: 'delete', table, uid });
  }

  /** A row removed by an undo, put back by its redo: only where nothing has taken its place. */
  private checkPutBack(r: ChangeSetRecord, table: UndoableTable, uid: string, now: StoredRow | undefined): void {
    const kept = parse(r.old_value) as Partial<Removed> | null;
    if (!kept?.row || !kept.refs) {
      throw new AppError('CONFLICT', `“${this.cs.summary}”由旧版本记录，被移除的行没有完整保存，不能${this.verb()}。`);
    }
    const removed = { row: kept.row, refs: kept.refs };
    const row = removed.row;
    const name = this.now.nameOf(table, { ...row, ...this.pointedNow(table, removed) });
    if (now) return this.conflict(`${quoted(name)}已经存在`);
    const ids = this.pointedNow(table, removed);
    for (const [column, refUid] of Object.entries(removed.refs)) {
      if (ids[column] === undefined && !this.coming.has(refUid)) this.conflict(`${quoted(name)}所属的${this.now.label(table, column)}已不存在`);
    }
    const parentId = ids.parent_id;
    if (table === 'org' && row.closed_on === null && typeof parentId === 'number' && openSiblingNamed(this.ctx.conn.sqlite, parentId, String(row.name), null)) {
      this.conflict(`${quoted(String(this.now.rows.byId('org', parentId)?.name))}下已有名为${quoted(name)}的党组织`);
    }
    if (table === 'branch_ledger' && typeof ids.org_id === 'number' && this.now.rows.ledgerRowOf(ids.org_id, row.year as number)) {
      this.conflict(`${quoted(name)}${String(row.year)} 年已有台账行`);
    }
    if (
      table === 'evaluation' && row.deleted_at === null && (row.superseded_at ?? null) === null && typeof ids.org_id === 'number' &&
      this.now.rows.liveEvaluation(ids.org_id, row.year as number, String(row.stage)) && !this.supersedesHere(ids.org_id, row.year as number, String(row.stage))
    ) {
      this.conflict(`${quoted(name)}：同一党支部同一年度已有这一环节的评定记录`);
    }
    this.coming.set(uid, row);
    this.lifecycle.push({ step: 'put back', table, uid, removed });
  }

  /** Whether this revert makes the live record of a branch's stage history again (a repeat redone): the one put back then takes its place. */
  private supersedesHere(orgId: number, year: number, stage: string): boolean {
    return this.records.some((r) => {
      if (r.entity !== 'evaluation' || r.field !== 'supersededAt' || parse(r.old_value) === null) return false;
      const row = this.now.rows.byUid('evaluation', r.row_uid!);
      return row !== undefined && row.org_id === orgId && row.year === year && row.stage === stage && (row.superseded_at ?? null) === null;
    });
  }

  /** The ids, now, of the rows a removed row pointed at (those that exist). */
  private pointedNow(table: UndoableTable, removed: Removed): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [column, refUid] of Object.entries(removed.refs)) {
      const id = this.now.rows.idOf(pointers[table][column]!, refUid);
      if (id !== undefined) out[column] = id;
    }
    return out;
  }

  private checkField(r: ChangeSetRecord): void {
    const table = r.entity as UndoableTable;
    const uid = r.row_uid!;
    const field = r.field!;
    if (this.going.has(uid) || this.keptUids.has(uid)) return;
    // A ledger cell, or a unit's field edited from the ledger, goes back through the ledger row.
    const ledgerId = table === 'branch_ledger' ? this.now.rows.idOf('branch_ledger', uid) : ledgerIdOfRef(r.source_ref);
    const ledgerRow = ledgerId === undefined ? undefined : this.now.ledgerRow(ledgerId);
    if (ledgerRow && this.keptUids.has(ledgerRow.uid)) return;
    const viaLedger = ledgerRow && (table === 'branch_ledger' ? ledgerRow.uid : ledgerRow.org_uid) === uid ? ledgerRow : undefined;
    const value = this.now.value(table, uid, field, r.source_ref);
    const label = this.now.label(table, field);
    const row = this.now.rows.byUid(table, uid);
    const name = viaLedger ? viaLedger.name : row ? this.now.nameOf(table, row) : uid;
    const old = parse(r.old_value);
    const wasInvalid = typeof old === 'object' && old !== null && 'invalid' in old;
    // A unit's value not understood lives on the ledger row it was typed in: without that row it cannot come back.
    if (value === GONE || !row || (table === 'org' && !viaLedger && wasInvalid)) {
      return this.conflict(`${quoted(name)}已不存在`, `${name}：这一行已不存在，未${this.verb()}。`);
    }
    if (((table === 'org' ? viaLedger?.deleted_at : row.deleted_at) ?? null) !== null) {
      return this.conflict(`${quoted(name)}已被删除`, `${name}：这一行已被删除，${label}未${this.verb()}。`);
    }
    if (!same(value, parse(r.new_value))) {
      const text = this.now.text(table, field, value);
      return this.conflict(`${quoted(name)}的${label}已被改为“${text}”`, `${name}：${label}在此之后又被改为“${text}”，未${this.verb()}，以免覆盖。`);
    }
    // A value kept but not understood goes back as it was typed: the write path keeps it again.
    const typed = wasInvalid ? String((old as { invalid: unknown }).invalid) : (old as CellValue);
    const recordTable = recordTableOfEntity(table);
    if (viaLedger) this.ledgerChanges.push({ id: viaLedger.id, field, value: typed });
    else if (recordTable) this.recordChange(recordTable, { id: row.id, field, value: typed });
    else if (isPlainTable(table)) this.plainSteps.push({ table, uid, field, now: value, value: old });
    else this.orgSteps.push({ uid, field, value: old });
  }

  private recordChange(table: RecordTable, change: RecordChange): void {
    const changes = this.recordChanges.get(table);
    if (changes) changes.push(change);
    else this.recordChanges.set(table, [change]);
  }

  private verb(): string {
    return this.options.as === 'undo' ? '撤销' : '重做';
  }

  /** A row that is no longer there, named from what the change set recorded of it. */
  private describe(r: ChangeSetRecord): string {
    const v = parse(r.new_value) as { name?: unknown } | null;
    return typeof v?.name === 'string' ? v.name : `编号 ${r.row_id ?? ''}`;
  }

  apply(verb: string): Reverted {
    const { ctx } = this;
    const out = ctx.audit.begin(this.options.as, `${verb}：${this.cs.summary}`, { undoOf: this.cs.id });
    const result: Reverted = { changeSetId: null, kept: this.kept, removed: [], written: new Map(), gone: new Map(), orgIds: new Set(), ledgerOnly: true };
    const mark = (map: Map<UndoableTable, Set<number>>, table: UndoableTable, id: number) => map.set(table, (map.get(table) ?? new Set()).add(id));
    const problems: EditProblem[] = [];
    const refused = (name: (p: EditProblem) => string) => {
      for (const p of problems.splice(0)) if (!p.kept) this.conflicts.add(`${quoted(name(p))}：${p.message.replace(/，?未修改。$/, '')}`);
      if (this.conflicts.size) refuse(this.cs, verb, [...this.conflicts]);
    };
    const summary = `${verb}：${this.cs.summary}`;
    const at = ctx.now().toISOString();
    // A stage record a repeat added goes before the one it made history is live again (one live record
    // a stage); nothing points at a stage record, so removing it first cannot strand another row.
    const first = (s: Plan['lifecycle'][number]) => s.step === 'remove' && s.table === 'evaluation';
    for (const step of this.lifecycle.filter(first)) {
      result.ledgerOnly = false;
      this.lifecycleStep(step, out, at, result, mark);
    }

    if (this.ledgerChanges.length) {
      const edited = applyLedgerEdits(ctx, this.ledgerChanges, { source: this.options.as, summary, changeSet: out, problems });
      refused((p) => this.now.ledgerRow(p.id)?.name ?? `第 ${p.id} 行`);
      for (const row of edited.rows) {
        mark(result.written, 'branch_ledger', row.id);
        result.orgIds.add(row.orgId);
      }
    }
    for (const [table, changes] of this.recordChanges) {
      result.ledgerOnly = false;
      const edited = applyRecordEdits(ctx, table, this.options.year, changes, { source: this.options.as, summary, changeSet: out, problems });
      refused((p) => {
        const row = this.now.rows.byId(this.entityOf(table), p.id);
        return row ? this.now.nameOf(this.entityOf(table), row) : `编号 ${p.id}`;
      });
      for (const row of edited.rows) mark(result.written, this.entityOf(table), row.id);
    }
    for (const step of this.orgSteps) {
      result.ledgerOnly = false;
      const org = this.now.rows.byUid('org', step.uid) as unknown as OrgRow;
      this.tree(org, () => {
        if (step.field === 'closed_on') {
          setClosedOn(ctx.conn.sqlite, org.id, step.value as string | null, ctx.now().toISOString());
          out.record('org', org.id, org.uid, 'closed_on', 'update', org.closed_on, step.value);
        } else if (step.field === 'parent_id') {
          const parent = this.now.rows.byId('org', step.value as number) as unknown as OrgRow | undefined;
          if (!parent) throw new AppError('CONFLICT', '原来的上级党组织已不存在');
          moveOrgSync(ctx, org, parent, out);
        } else {
          setOrgField(ctx, org, step.field as 'name' | 'kind' | 'code' | 'field', step.value as string | null, out);
        }
      });
      mark(result.written, 'org', org.id);
    }
    for (const step of this.lifecycle.filter((s) => !first(s))) {
      if (step.table !== 'branch_ledger') result.ledgerOnly = false;
      this.lifecycleStep(step, out, at, result, mark);
    }
    // After the rows: a link goes back to a row put back just now (found by its uid), and a row
    // removed just now has already left its links empty (ON DELETE SET NULL).
    for (const step of this.plainSteps) {
      result.ledgerOnly = false;
      const row = this.now.rows.byUid(step.table, step.uid)!;
      const to = linkColumns[step.table][step.field];
      let stored = step.value;
      if (to && step.value !== null) {
        stored = this.now.rows.idOf(to, String(step.value));
        if (stored === undefined) refuse(this.cs, verb, [`${quoted(this.now.nameOf(step.table, row))}的${this.now.label(step.table, step.field)}已不存在`]);
      }
      this.now.rows.setColumn(step.table, row.id, step.field, stored, at);
      out.record(step.table, row.id, step.uid, step.field, 'update', step.now, step.value);
      mark(result.written, step.table, row.id);
    }
    result.changeSetId = out.count ? out.id : null;
    return result;
  }

  private entityOf(table: RecordTable): UndoableTable {
    return recordSpecs[table].sqlTable as UndoableTable;
  }

  /** A change of the tree by its own rules; a rule it breaks now refuses the revert, named. */
  private tree(org: OrgRow, write: () => void): void {
    try {
      write();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refuse(this.cs, this.verb(), [`${quoted(org.name)}：${e.message.replace(/。$/, '')}`]);
    }
  }

  private lifecycleStep(
    step: Plan['lifecycle'][number],
    out: ChangeSet,
    at: string,
    result: Reverted,
    mark: (map: Map<UndoableTable, Set<number>>, table: UndoableTable, id: number) => void,
  ): void {
    const { rows } = this.now;
    const { table, uid } = step;
    const ledgerOrg = (row: Record<string, unknown>) => {
      if (table === 'branch_ledger') result.orgIds.add(row.org_id as number);
    };
    if (step.step === 'put back') {
      const { row: stored, refs } = step.removed!;
      const row = { ...stored };
      for (const [column, refUid] of Object.entries(refs)) row[column] = rows.idOf(pointers[table][column]!, refUid) ?? null;
      let id: number;
      try {
        id = rows.insert(table, row);
      } catch (e) {
        if (!(e instanceof SQLite.SqliteError) || !e.code.startsWith('SQLITE_CONSTRAINT')) throw e;
        return refuse(this.cs, this.verb(), [`${quoted(this.now.nameOf(table, row))}与现有的数据重复`]);
      }
      if (table === 'org') rows.placeOrg(id, row.parent_id as number | null);
      out.record(table, id, uid, null, 'insert', null, { row: rows.byId(table, id), refs });
      mark(result.written, table, id);
      ledgerOrg(row);
      return;
    }
    const row = rows.byUid(table, uid)!;
    if (step.step === 'remove') {
      const refs: Record<string, string> = {};
      for (const [column, to] of Object.entries(pointers[table])) {
        const refUid = typeof row[column] === 'number' ? rows.uidOf(to, row[column] as number) : undefined;
        if (refUid) refs[column] = refUid;
      }
      // A problem's steps and a pipeline's moves are logs that go with their change: not named apart.
      if (table !== 'problem_step' && table !== 'evaluation_step') result.removed.push(this.now.nameOf(table, row));
      out.record(table, row.id, uid, null, 'delete', { row, refs }, { removed: true });
      rows.remove(table, row.id);
      mark(result.gone, table, row.id);
      ledgerOrg(row);
      return;
    }
    const deleting = step.step === 'delete';
    rows.setDeleted(table as Exclude<UndoableTable, 'org'>, row.id, deleting ? at : null, at);
    out.record(table, row.id, uid, null, step.step, row.deleted_at, deleting ? at : null);
    mark(deleting ? result.gone : result.written, table, row.id);
    ledgerOrg(row);
  }
}
