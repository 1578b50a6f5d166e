/**
 * What the rows an undo reaches hold now, read in the form the audit log records values
 * ({invalid: raw} for a value kept but not understood, flags as booleans), and how to
 * name a row, a field and a value in a message: a unit or branch by its name, a column by
 * its label in the grid, a value as the grid shows it.
 */
import type { DictEntry } from '../../../../shared/contract/types.ts';
import { ledgerColumnByField, type LedgerField } from '../../../../shared/domain/ledger.ts';
import { shownValue } from '../../../../shared/domain/fields.ts';
import { recordField, recordTables } from '../../../../shared/domain/records.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { ledgerWriter, orgDbColumn, storedLedgerValue, type RawLedgerRow, type RawLedgerRowWithUids } from '../../repos/ledger.ts';
import { isPlainTable, ledgerRowsWithUids, linkColumns, pointers, storedRows, type StoredRow, type UndoableTable } from '../../repos/rows.ts';
import type { ServiceContext } from '../context.ts';
import { fieldLabel, recordTableOfEntity } from '../history.ts';
import { storedValue } from '../records/edit.ts';

/** The row a value belonged to is not there (removed, or never existed). */
export const GONE = Symbol('gone');

/** A unit's own columns the tree edits (the ledger edits name, kind and field through its rows). */
const orgColumns = new Set(['name', 'kind', 'code', 'field', 'parent_id', 'closed_on']);

/** A ledger cell as the audit log records it. */
export function ledgerShown(row: RawLedgerRow, field: LedgerField): unknown {
  const invalid = row.invalid_json ? (JSON.parse(row.invalid_json) as Record<string, { raw: string }>)[field] : undefined;
  return invalid ? { invalid: invalid.raw } : storedLedgerValue(row, field);
}

/** The ledger row an audit record's ref names (an org field edited from the ledger, or an import's cell). */
export function ledgerIdOfRef(ref: string | null): number | undefined {
  const m = /^branch_ledger:(\d+)/.exec(ref ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Values compare as the audit log stores them. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const usedAs: Record<string, [string, string]> = {
  branch_ledger: ['台账', '行'],
  org: ['下级党组织', '个'],
  leader: ['领导干部', '名'],
  liaison: ['联系点', '个'],
  liaison_visit: ['工作记录', '条'],
  project: ['实事项目', '个'],
  problem: ['问题', '条'],
  problem_step: ['整改记录', '条'],
  evaluation: ['评定记录', '条'],
  evaluation_draw: ['抽签记录', '次'],
  evaluation_step: ['评定流程记录', '条'],
  export_batch: ['导出记录', '次'],
  standard: ['标准', '条'],
  checklist_item: ['对标检查项', '条'],
};

export class RowsNow {
  readonly rows;
  private readonly sqlite;
  private readonly ledger;
  private readonly dicts: DictEntry[];
  private readonly ledgerRows = new Map<number, RawLedgerRowWithUids | undefined>();

  constructor(ctx: ServiceContext) {
    this.sqlite = ctx.conn.sqlite;
    this.rows = storedRows(ctx.conn.sqlite);
    this.ledger = ledgerWriter(ctx.conn.sqlite);
    this.dicts = listDictEntriesSync(ctx.conn.sqlite);
  }

  /** Reads these ledger rows at once, for the checks that follow (before anything is written). */
  readLedgerRows(ids: Iterable<number>): void {
    const wanted = [...new Set(ids)].filter((id) => !this.ledgerRows.has(id));
    for (const id of wanted) this.ledgerRows.set(id, undefined);
    for (const row of ledgerRowsWithUids(this.sqlite, wanted)) this.ledgerRows.set(row.id, row);
  }

  /** A ledger row as the checks found it. */
  ledgerRow(id: number): RawLedgerRowWithUids | undefined {
    if (!this.ledgerRows.has(id)) this.ledgerRows.set(id, this.ledger.get(id));
    return this.ledgerRows.get(id);
  }

  /**
   * A field's value now, as the audit log records it. An org field edited from the ledger is
   * read through the ledger row it was edited from (a value not understood is kept there).
   */
  value(entity: UndoableTable, uid: string, field: string, ref: string | null): unknown {
    if (isPlainTable(entity)) {
      // As the standards checklist records it: the stored column, a link by the uid it points at.
      const row = this.rows.byUid(entity, uid);
      if (!row || !(field in row)) return GONE;
      const to = linkColumns[entity][field];
      const v = row[field] ?? null;
      return to && typeof v === 'number' ? (this.rows.uidOf(to, v) ?? null) : v;
    }
    const table = recordTableOfEntity(entity);
    if (entity === 'branch_ledger' || (entity === 'org' && ledgerIdOfRef(ref) !== undefined && orgDbColumn[field as LedgerField])) {
      const id = entity === 'branch_ledger' ? this.rows.idOf(entity, uid) : ledgerIdOfRef(ref);
      const row = id === undefined ? undefined : this.ledgerRow(id);
      if (row && (entity === 'branch_ledger' ? row.uid : row.org_uid) === uid && ledgerColumnByField.has(field as LedgerField)) {
        return ledgerShown(row, field as LedgerField);
      }
      if (entity === 'branch_ledger') return GONE;
    }
    const row = this.rows.byUid(entity, uid);
    if (!row) return GONE;
    if (entity === 'org') return orgColumns.has(field) ? row[field] : GONE;
    const def = table ? recordField(table, field) : undefined;
    if (!table || !def) return GONE;
    const invalid = row.invalid_json ? (JSON.parse(row.invalid_json as string) as Record<string, { raw: string }>)[field] : undefined;
    return invalid ? { invalid: invalid.raw } : storedValue(row, table, def);
  }

  /** The row another points at by `column`, as it is now. */
  private pointed(table: UndoableTable, row: Record<string, unknown>, column: string): StoredRow | undefined {
    const to = pointers[table][column] as UndoableTable | undefined;
    const id = row[column];
    return to && typeof id === 'number' ? this.rows.byId(to, id) : undefined;
  }

  /** A row in words: a unit or branch by its name, a record by what staff call it. */
  nameOf(table: UndoableTable, row: Record<string, unknown>): string {
    const name = (r: StoredRow | undefined) => (r ? String(r.name) : '');
    switch (table) {
      case 'org':
      case 'leader':
      case 'project':
        return String(row.name);
      case 'branch_ledger':
        return name(this.pointed(table, row, 'org_id')) || `台账第 ${String(row.id)} 行`;
      case 'liaison':
        return `${name(this.pointed(table, row, 'leader_id'))}联系${name(this.pointed(table, row, 'org_id'))}`;
      case 'liaison_visit': {
        const point = this.pointed(table, row, 'liaison_id');
        return `${point ? `${this.nameOf('liaison', point)}的` : ''}${String(row.visited_on)}工作记录`;
      }
      case 'problem':
        return String(row.description).slice(0, 20);
      case 'evaluation':
        return `${name(this.pointed(table, row, 'org_id'))}${String(row.year)} 年${shownValue(recordField('evaluation', 'stage'), row.stage, this.dicts)}评定`;
      case 'problem_step': {
        const problem = this.pointed(table, row, 'problem_id');
        return `${problem ? `${this.nameOf('problem', problem)}的` : ''}${String(row.at)}整改记录`;
      }
      case 'standard':
        return `${String(row.year)} 年标准“${String(row.text).slice(0, 20)}”`;
      case 'checklist_item': {
        const standard = this.pointed(table, row, 'standard_id');
        return `${name(this.pointed(table, row, 'org_id'))}对照“${standard ? String(standard.text).slice(0, 12) : ''}”的检查`;
      }
      case 'evaluation_step':
        return `${name(this.pointed(table, row, 'org_id'))}${String(row.year)} 年评定流程的一步`;
    }
  }

  /** A field's name in words. */
  label(entity: string, field: string): string {
    return fieldLabel(entity, field);
  }

  /** A value as the grid (or the tree) shows it. */
  text(entity: string, field: string, value: unknown): string {
    if (typeof value === 'object' && value !== null && 'invalid' in value) return String((value as { invalid: unknown }).invalid);
    if (entity === 'org' && field === 'parent_id' && typeof value === 'number') return String(this.rows.byId('org', value)?.name ?? value);
    const table = recordTableOfEntity(entity);
    const def = table ? recordField(table, field) : ledgerColumnByField.get(field as LedgerField);
    return shownValue(def, value, this.dicts);
  }

  /** What uses a row, in words: 联系点 1 个、台账 2 行. */
  static users(list: { table: string; count: number }[]): string {
    return list.map((u) => `${usedAs[u.table]?.[0] ?? u.table} ${u.count} ${usedAs[u.table]?.[1] ?? '处'}`).join('、');
  }

  /** What one row of a record table is called. */
  static noun(entity: string): string {
    const table = recordTableOfEntity(entity);
    if (isPlainTable(entity)) return usedAs[entity]![0];
    return table ? recordTables[table].noun : entity === 'org' ? '党组织' : entity === 'problem_step' ? '整改记录' : '台账行';
  }
}
