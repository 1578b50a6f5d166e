/**
 * What an import's commit will write, from the comparison and what a person decided:
 * one pure function that the preview's summary and the commit both use, so the figures
 * a person reads before committing are the ones written.
 */
import type { ImportCellDiff, ImportDecisions, ImportRowView, ImportSheetView } from '../contract/types.ts';
import { importedFields } from './ledger.ts';
import { writableFields } from './returns.ts';

/**
 * The ledger's fields a returned or hand-made file may write (and the preview lets a person
 * correct): the one place the import, its preview and its plan take them from. A branch's
 * name is not among them: it identifies the row, and is written only to a row matched by its id.
 * (A sheet of records has its own: `writableFields` in returns.ts.)
 */
export const importWritable: ReadonlySet<string> = importedFields;

type RowPlace = Pick<ImportRowView, 'sheet' | 'sourceRow'>;

/** A row of the file: its sheet and Excel row number (a 联系点台账 has rows 6… on both of its sheets). */
export const rowKey = (r: RowPlace): string => `${r.sheet}!${r.sourceRow}`;
export const decisionKey = (r: RowPlace, field: string): string => `${rowKey(r)}:${field}`;

/** Whether the row was matched to one held here (a ledger row, or a record of a sheet of records). */
export function isHeld(r: ImportRowView): boolean {
  return r.match !== null || r.record !== undefined;
}

/**
 * A cell the unit emptied where we hold a value. A stray Delete key looks exactly like a
 * deliberate clearing, so erasures are a decision of their own (off unless chosen).
 */
export function erases(d: ImportCellDiff): boolean {
  return (d.status === 'change' || d.status === 'conflict') && d.value === null && d.current !== null && d.current !== '';
}

/** Rows that wait for a person: a near name to confirm, a value that cannot be read, a deleted row the file would bring back. */
export function needsDecision(r: ImportRowView): boolean {
  return r.status === 'fuzzy' || r.status === 'error' || (r.status === 'conflict' && !isHeld(r));
}

export interface ImportChoices {
  /** Rows taken (true) or left out (false), by `rowKey`; absent: the default. */
  rows: ReadonlyMap<string, boolean>;
  /** Cells taken or not, by `decisionKey`; absent: the default. */
  cells: ReadonlyMap<string, boolean>;
  /** Whether the cells the unit emptied are emptied here too (conflicts excepted; each can still be chosen on its own). */
  clears: boolean;
  /** Units the file names and the tree lacks, by `ImportNewUnit.key`: created (under the parent chosen, else the proposed one) or not; absent: not created. */
  units: ReadonlyMap<string, { create: boolean; parentId?: number | null }>;
}

export const noChoices = (): ImportChoices => ({ rows: new Map(), cells: new Map(), clears: false, units: new Map() });

/** Whether a unit the tree lacks is created: only when a person said so (the CLI's --create-units, the preview's panel). */
export const unitCreated = (key: string, c: ImportChoices): boolean => c.units.get(key)?.create === true;

/** Whether a row goes in: as decided, or by default (new and changed rows; a deleted row only when asked). */
export function rowTaken(r: ImportRowView, c: ImportChoices): boolean {
  if (r.status === 'unchanged') return false;
  // Under a unit the tree lacks: only once that unit is to be created.
  if (r.newUnit !== undefined) return unitCreated(r.newUnit, c) && (c.rows.get(rowKey(r)) ?? r.status === 'new');
  if (!isHeld(r) && r.parent === null && r.restores === undefined && r.refs === undefined) return false; // nowhere to put it
  return c.rows.get(rowKey(r)) ?? (r.status === 'new' || r.status === 'changed' || (r.status === 'conflict' && isHeld(r)));
}

/** Whether a cell of a taken row goes in: as decided, or by default (changes yes; conflicts and erasures no; an unreadable value only with its row accepted). */
export function cellTaken(r: ImportRowView, d: ImportCellDiff, c: ImportChoices): boolean {
  if (d.status === 'kept') return false;
  if (d.status === 'error') return c.rows.get(rowKey(r)) === true;
  const chosen = c.cells.get(decisionKey(r, d.field));
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
  /** Units the tree lacks that are created, each with at least one row going under it (by key). */
  newUnits: string[];
  /** Rows not taken because the unit they are under is not created, by its key. */
  unitsDeclined: Map<string, number>;
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

/** Fields a new ledger row's values fill: what an import writes, but not the branch's name, kind or field (they make the branch itself). */
function fillsNewLedgerRow(_row: ImportRowView, field: string): boolean {
  return importWritable.has(field) && field !== 'name' && field !== 'kind' && field !== 'field';
}

/** Which fields a new row fills, by the sheet it is on: the ledger's rule, or what a sheet of records may write. */
export function newRowFills(sheets: readonly Pick<ImportSheetView, 'name' | 'source'>[]): (row: ImportRowView, field: string) => boolean {
  const sourceOf = new Map(sheets.map((s) => [s.name, s.source]));
  return (row, field) => {
    const source = sourceOf.get(row.sheet) ?? 'ledger';
    return source === 'ledger' ? fillsNewLedgerRow(row, field) : writableFields(source).has(field);
  };
}

/** The choices a commit's decisions say: the top-level ones for the main sheet, `sheets` for the others. */
export function choicesOf(d: ImportDecisions, mainSheet: string): ImportChoices {
  const rows = new Map<string, boolean>();
  const cells = new Map<string, boolean>();
  for (const part of [{ sheet: mainSheet, ...d }, ...(d.sheets ?? [])]) {
    for (const r of part.rejectRows ?? []) rows.set(rowKey({ sheet: part.sheet, sourceRow: r }), false);
    for (const r of part.acceptRows ?? []) rows.set(rowKey({ sheet: part.sheet, sourceRow: r }), true);
    for (const c of part.cells ?? []) cells.set(decisionKey({ sheet: part.sheet, sourceRow: c.sourceRow }, c.field), c.accept);
  }
  const units = new Map((d.newUnits ?? []).map((u) => [u.key, { create: u.create, ...(u.parentId !== undefined ? { parentId: u.parentId } : {}) }]));
  return { rows, cells, clears: d.clears ?? false, units };
}

/** The decisions to send for these choices (the inverse of `choicesOf`), given the rows they are about. */
export function decisionsOf(c: ImportChoices, rows: readonly ImportRowView[], mainSheet: string): ImportDecisions {
  type Part = { sheet: string; rejectRows: number[]; acceptRows: number[]; cells: { sourceRow: number; field: string; accept: boolean }[] };
  const parts = new Map<string, Part>();
  const partOf = (sheet: string) => parts.get(sheet) ?? parts.set(sheet, { sheet, rejectRows: [], acceptRows: [], cells: [] }).get(sheet)!;
  for (const r of rows) {
    const taken = c.rows.get(rowKey(r));
    if (taken !== undefined) (taken ? partOf(r.sheet).acceptRows : partOf(r.sheet).rejectRows).push(r.sourceRow);
    for (const d of r.diffs) {
      const accept = c.cells.get(decisionKey(r, d.field));
      if (accept !== undefined) partOf(r.sheet).cells.push({ sourceRow: r.sourceRow, field: d.field, accept });
    }
  }
  const { sheet: _main, ...main } = parts.get(mainSheet) ?? { sheet: mainSheet, rejectRows: [], acceptRows: [], cells: [] };
  const others = [...parts.values()].filter((p) => p.sheet !== mainSheet);
  const newUnits = [...c.units].map(([key, u]) => ({ key, ...u }));
  return { ...main, clears: c.clears, ...(newUnits.length ? { newUnits } : {}), ...(others.length ? { sheets: others } : {}) };
}

/** `fills`: which fields a new row's values fill (default: the ledger's rule; see `newRowFills`). */
export function importPlan(rows: readonly ImportRowView[], c: ImportChoices, fills: (row: ImportRowView, field: string) => boolean = fillsNewLedgerRow): ImportPlan {
  const plan: ImportPlan = { rows: [], newUnits: [], unitsDeclined: new Map(), newRows: 0, newCells: 0, changedRows: 0, cells: 0, clears: 0, skippedRows: 0, skippedCells: 0 };
  for (const row of rows) {
    if (!rowTaken(row, c)) {
      if (row.status !== 'unchanged') plan.skippedRows++;
      if (row.newUnit !== undefined && !unitCreated(row.newUnit, c)) plan.unitsDeclined.set(row.newUnit, (plan.unitsDeclined.get(row.newUnit) ?? 0) + 1);
      continue;
    }
    if (row.newUnit !== undefined && !plan.newUnits.includes(row.newUnit)) plan.newUnits.push(row.newUnit);
    if (!isHeld(row)) {
      const unreadable = new Map(row.diffs.filter((d) => d.status === 'error').map((d) => [d.field, d]));
      const values: PlannedValue[] = [];
      for (const [field, value] of Object.entries(row.values)) {
        if (!fills(row, field) || unreadable.has(field)) continue;
        // A row brought back takes the file's empty cells too: the file is what the unit says of it now.
        if (value === null && row.restores === undefined) continue;
        values.push({ field, value, asTyped: false });
      }
      for (const d of unreadable.values()) if (c.rows.get(rowKey(row)) === true) values.push({ field: d.field, value: d.raw === null ? null : String(d.raw), asTyped: true });
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
