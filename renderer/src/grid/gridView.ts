/**
 * What the parts of the spreadsheet layer (selection, clipboard, fill, undo, writes) share: the
 * page's options, the grid, and one way to redraw the selection's marks and the status bar.
 */
import { useMemo, useRef, useState, type RefObject } from 'react';
import type { AgGridReact } from 'ag-grid-react';
import type { GridApi, IRowNode } from 'ag-grid-community';
import type { CellValue } from '../../../shared/domain/fields.ts';
import type { CellChange } from './cellChanges.ts';
import type { WriteResult } from './editResult.ts';
import type { Bounds } from './range.ts';
import type { Revert } from './undoStack.ts';

export type WriteSource = 'typed' | 'paste' | 'fill';

export interface SpreadsheetOptions<T> {
  grid: RefObject<AgGridReact<T> | null>;
  write(changes: CellChange<T>[], source: WriteSource): Promise<WriteResult<T>>;
  /** From undoStack.ts: revertLedger or revertRecords. */
  revert: Revert<WriteResult<T>>;
  isEditable(colId: string): boolean;
  /** What fill copies: the stored value (a code for a dictionary, the raw text of an invalid value). */
  rawValue(row: T, colId: string): CellValue;
  /** How a typed edit is named in the undo messages: 修改“新华村党支部”的书记. */
  editLabel(row: T, header: string): string;
  /** Why the grid cannot be written just now (its rows are still being read), or null. */
  writesWait?(): string | null;
  /** After every write the core answered (typed, paste, fill, clear, undo, redo). */
  onWritten?(): void;
  /** Rows for a paste longer than the grid; undefined: the grid cannot grow. */
  addRows?(count: number): Promise<T[]>;
  menu?: { insertRow?(): void; deleteRows?(rows: T[]): void; history?(row: T): void };
}

export interface GridView<T> {
  /** The page's options as of its last render. */
  options: RefObject<SpreadsheetOptions<T>>;
  api(): GridApi<T> | undefined;
  /** Redraws the selection's marks and recomputes the status bar. */
  changed(): void;
}

/** The grid view, stable across renders, and a counter that moves with every `changed()`. */
export function useGridView<T>(options: SpreadsheetOptions<T>): { view: GridView<T>; tick: number } {
  const opts = useRef(options);
  opts.current = options;
  const [tick, setTick] = useState(0);
  const view = useMemo<GridView<T>>(
    () => ({
      options: opts,
      api: () => opts.current.grid.current?.api,
      changed: () => {
        opts.current.grid.current?.api?.refreshCells({ force: true, suppressFlash: true });
        setTick((t) => t + 1);
      },
    }),
    [],
  );
  return { view, tick };
}

/** The displayed columns that hold data (not the row checkboxes). */
export function dataColumns<T>(api: GridApi<T>): string[] {
  return api
    .getAllDisplayedColumns()
    .map((c) => c.getColId())
    .filter((id) => !id.startsWith('ag-Grid-'));
}

/** The cells within bounds, as displayed rows (not the totals row) × data columns. */
export function cellsOf<T>(api: GridApi<T>, b: Bounds): { cols: string[]; rows: IRowNode<T>[] } {
  const cols = dataColumns(api).slice(b.left, b.right + 1);
  const rows: IRowNode<T>[] = [];
  for (let i = b.top; i <= b.bottom; i++) {
    const node = api.getDisplayedRowAtIndex(i);
    if (node?.data && !node.rowPinned) rows.push(node);
  }
  return { cols, rows };
}

export function rowsOf<T>(nodes: readonly IRowNode<T>[]): T[] {
  return nodes.map((n) => n.data!);
}

export function headerOf<T>(api: GridApi<T>, colId: string): string {
  return api.getColumn(colId)?.getColDef().headerName ?? colId;
}
