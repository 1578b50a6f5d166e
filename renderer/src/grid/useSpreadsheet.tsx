/**
 * What staff expect from Excel and WPS, built once for every ledger grid (AG Grid Community has
 * none of it): range selection (useSelection), copy and paste as tab-separated text
 * (useClipboard), fill down and a fill handle (useFill), undo and redo by user action on the
 * core's change sets (useUndo), typing onto a selected cell (useTypingOnto), a status bar and a
 * context menu. Every write, typed or not, goes through one path (useWrites).
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { CellContextMenuEvent, CellFocusedEvent, ColDef } from 'ag-grid-community';
import { GridContextMenu, type MenuAction, type MenuAt } from './GridContextMenu.tsx';
import { gridCommand, type GridCommand } from './gridKeys.ts';
import { cellsOf, useGridView, type SpreadsheetOptions } from './gridView.ts';
import { bounds, cellCount, summarise } from './range.ts';
import { useClipboard } from './useClipboard.ts';
import { useFill } from './useFill.ts';
import { useSelection } from './useSelection.ts';
import { useTypingOnto } from './useTypingOnto.ts';
import { useUndo, useUndoStack } from './useUndo.ts';
import { useWrites } from './useWrites.ts';

export type { SpreadsheetOptions } from './gridView.ts';

export function useSpreadsheet<T>(options: SpreadsheetOptions<T>) {
  const { view, tick } = useGridView(options);
  const stack = useUndoStack();
  const writes = useWrites(view, stack);
  const undoOrRedo = useUndo(view, stack, writes);
  const sel = useSelection(view);
  const fill = useFill(view, sel, writes.write);
  const clipboard = useClipboard(view, sel, writes);
  const typing = useTypingOnto(view);
  const [menu, setMenu] = useState<MenuAt<T> | null>(null);
  const pushUndo = useCallback((changeSetId: string | null, label: string) => stack.push(changeSetId, label), [stack]);

  /** The selection's and the fill handle's marks added to each column's own class rules; typing onto its cells. */
  const decorate = useCallback(
    (columns: ColDef<T>[]): ColDef<T>[] =>
      columns.map((c) => typing.withTyping({ ...c, cellClassRules: { ...c.cellClassRules, ...sel.classRules, ...fill.classRules } })),
    [typing.withTyping, sel.classRules, fill.classRules],
  );

  const run = (command: GridCommand) => {
    if (command.kind === 'extend') sel.extend(command.dRow, command.dCol);
    else if (command.kind === 'selectAll') sel.selectAll();
    else if (command.kind === 'fillDown') void fill.fillDown();
    else if (command.kind === 'undo' || command.kind === 'redo') void undoOrRedo(command.kind);
    else void clipboard.clear();
  };

  const gridProps = {
    preventDefaultOnContextMenu: true,
    onCellEditRequest: writes.onCellEditRequest,
    onCellFocused: (e: CellFocusedEvent<T>) => {
      if (!fill.dragging()) sel.focused(e);
    },
    onCellContextMenu: (e: CellContextMenuEvent<T>) => {
      const ev = e.event as MouseEvent | null;
      if (!ev || e.node.rowPinned) return;
      sel.pointAt(e.rowIndex, e.column.getColId());
      setMenu({ x: ev.clientX, y: ev.clientY, row: e.node.data ?? null });
    },
    // Sorting and filtering move rows: a selection by position would point elsewhere.
    onSortChanged: () => sel.setRange(null),
    onFilterChanged: () => sel.setRange(null),
  };

  const containerProps = {
    ref: typing.containerRef,
    onKeyDownCapture: (e: React.KeyboardEvent) => {
      sel.key(e);
      const command = gridCommand(e);
      if (!command || (view.api()?.getEditingCells().length ?? 1) > 0) return;
      // One cell AG Grid clears itself (as a typed edit); a block is ours.
      if (command.kind === 'clear') {
        const r = sel.selection();
        if (!r || cellCount(bounds(r)) === 1) return;
      }
      e.preventDefault();
      e.stopPropagation();
      run(command);
    },
    onMouseDownCapture: (e: React.MouseEvent) => sel.press(e, fill.grab(e)),
    onMouseOverCapture: sel.hover,
    onKeyUpCapture: sel.keyUp,
    onCopy: clipboard.onCopy,
    onPaste: clipboard.onPaste,
  };

  const status = useMemo(() => {
    void tick;
    const g = view.api();
    if (!g || !sel.range.current) return null;
    const b = bounds(sel.range.current);
    const { cols, rows } = cellsOf(g, b);
    const values = rows.flatMap((node) => cols.map((colId) => g.getCellValue({ rowNode: node, colKey: colId })));
    return { cells: cellCount(b), ...summarise(values) };
  }, [tick, view, sel.range]);

  const pick = (action: MenuAction, row: T | null) => {
    const page = view.options.current.menu;
    if (action === 'copy' || action === 'copy-headers') void clipboard.copyToSystem(action === 'copy-headers');
    else if (action === 'paste') void clipboard.pasteFromSystem();
    else if (action === 'fill') void fill.fillDown();
    else if (action === 'undo' || action === 'redo') void undoOrRedo(action);
    else if (action === 'insert') page?.insertRow?.();
    else if (action === 'delete' && sel.range.current) page?.deleteRows?.(sel.rows());
    else if (action === 'history' && row) page?.history?.(row);
  };

  const contextMenu: ReactNode = menu && <GridContextMenu at={menu} disabled={menuDisabled(options, stack.can('undo'), stack.can('redo'), menu.row !== null)} onClose={() => setMenu(null)} onPick={pick} />;

  return { gridProps, containerProps, decorate, status, contextMenu, pushUndo };
}

function menuDisabled<T>(options: SpreadsheetOptions<T>, canUndo: boolean, canRedo: boolean, onRow: boolean): Set<MenuAction> {
  const off = new Set<MenuAction>();
  if (!canUndo) off.add('undo');
  if (!canRedo) off.add('redo');
  if (!options.menu?.insertRow) off.add('insert');
  if (!options.menu?.deleteRows) off.add('delete');
  if (!options.menu?.history || !onRow) off.add('history');
  return off;
}
