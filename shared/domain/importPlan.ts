/**
 * What an import's commit will write, from the comparison and what a person decided:
 * one pure function that the preview's summary and the commit both use, so the figures
 * a person reads before committing are the ones written.
 */
import type { ImportCellDiff, ImportRowView } from '../contract/types.ts';
import { importedFields } from './ledger.ts';

/**
 * The ledger's fields a returned or hand-made file may write (and the preview lets a person
 * correct): the one place the import, its preview and its plan take them from. A branch's
 * name is not among them: it identifies the row, and is written only to a row matched by its id.
 */
export const importWritable: ReadonlySet<string> = importedFields;

export const decisionKey = (sourceRow: number, field: string): string => `${sourceRow}:${field}`;

/**
 * A cell the unit emptied where we hold a value. A stray Delete key looks exactly like a
 * deliberate clearing, so erasures are a decision of their own (off unless chosen).
 */
export function erases(d: ImportCellDiff): boolean {
  return (d.status === 'change' || d.status === 'conflict') && d.value === null && d.current !== null && d.current !== '';
}

/** Rows that wait for a person: a near name to confirm, a value that cannot be read, a deleted row the file would bring back. */
export function needsDecision(r: ImportRowView): boolean {
  return r.status === 'fuzzy' || r.status === 'error' || (r.status === 'conflict' && r.match === null);
}

export interface ImportChoices {
  /** Rows taken (true) or left out (false), by Excel row number; absent: the default. */
  rows: ReadonlyMap<number, boolean>;
  /** Cells taken or not, by `decisionKey`; absent: the default. */
  cells: ReadonlyMap<string, boolean>;
  /** Whether the cells the unit emptied are emptied here too (conflicts excepted; each can still be chosen on its own). */
  clears: boolean;
}

export const noChoices = (): ImportChoices => ({ rows: new Map(), cells: new Map(), clears: false });

/** Whether a row goes in: as decided, or by default (new and changed rows; a deleted row only when asked). */
export function rowTaken(r: ImportRowView, c: ImportChoices): boolean {
  if (r.status === 'unchanged') return false;
  if (r.match === null && r.parent === null && r.restores === undefined) return false; // nowhere to put it
  return c.rows.get(r.sourceRow) ?? (r.status === 'new' || r.status === 'changed' || (r.status === 'conflict' && r.match !== null));
}

/** Whether a cell of a taken row goes in: as decided, or by default (changes yes; conflicts and erasures no; an unreadable value only with its row accepted). */
export function cellTaken(r: ImportRowView, d: ImportCellDiff, c: ImportChoices): boolean {
  if (d.status === 'kept') return false;
  if (d.status === 'error') return c.rows.get(r.sourceRow) === true;
  const chosen = c.cells.get(decisionKey(r.sourceRow, d.field));
  if (chosen !== undefined) return chosen;
  // "Empty them all" settles the unit's own erasures; a conflict (changed here too) is decided cell by cell.
  if (d.status === 'change' && erases(d)) return c.clears;
  return d.status === 'change';
}

/** A value of a row the file adds (or brings back): what goes into its new ledger row. */
export interface PlannedValue {
  field: string;
  value: ImportCellDiff['value'];
  /** Written as typed and marked red: a value that could not be read, in a row the person accepted. */
  asTyped: boolean;
}

export interface PlannedRow {
  row: ImportRowView;
  /** Cells of a matched row that change. */
  cells: ImportCellDiff[];
  /** Values of a row the file adds or brings back. */
  values: PlannedValue[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  newRows: number;
  /** Values filled into the rows added or brought back. */
  newCells: number;
  changedRows: number;
  /** Cells changed in rows already held (erasures included). */
  cells: number;
  /** Of those, cells emptied. */
  clears: number;
  /** Rows with something to apply that are left out, and cells of taken rows left out. */
  skippedRows: number;
  skippedCells: number;
}

/** Fields a new row's values fill: what an import writes, but not the branch's name, kind or field (they make the branch itself). */
function fillsNewRow(field: string): boolean {
  return importWritable.has(field) && field !== 'name' && field !== 'kind' && field !== 'field';
}

export function importPlan(rows: readonly ImportRowView[], c: ImportChoices): ImportPlan {
  const plan: ImportPlan = { rows: [], newRows: 0, newCells: 0, changedRows: 0, cells: 0, clears: 0, skippedRows: 0, skippedCells: 0 };
  for (const row of rows) {
    if (!rowTaken(row, c)) {
      if (row.status !== 'unchanged') plan.skippedRows++;
      continue;
    }
    if (row.match === null) {
      const unreadable = new Map(row.diffs.filter((d) => d.status === 'error').map((d) => [d.field, d]));
      const values: PlannedValue[] = [];
      for (const [field, value] of Object.entries(row.values)) {
        if (!fillsNewRow(field) || unreadable.has(field)) continue;
        // A row brought back takes the file's empty cells too: the file is what the unit says of it now.
        if (value === null && row.restores === undefined) continue;
        values.push({ field, value, asTyped: false });
      }
      for (const d of unreadable.values()) if (c.rows.get(row.sourceRow) === true) values.push({ field: d.field, value: d.raw === null ? null : String(d.raw), asTyped: true });
      plan.rows.push({ row, cells: [], values });
      plan.newRows++;
      plan.newCells += values.length;
      continue;
    }
    const active = row.diffs.filter((d) => d.status !== 'kept');
    const cells = active.filter((d) => cellTaken(row, d, c));
    plan.skippedCells += active.length - cells.length;
    if (cells.length === 0) continue;
    plan.rows.push({ row, cells, values: [] });
    plan.changedRows++;
    plan.cells += cells.length;
    plan.clears += cells.filter(erases).length;
  }
  return plan;
}
