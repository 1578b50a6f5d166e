/**
 * What staff expect from Excel and WPS, built once for every ledger grid (AG Grid Community has
 * none of it), composed here from its parts: the selected range (useSelection, moved by the mouse
 * and the focus in usePointer), copy and paste as tab-separated text (useClipboard), fill down
 * and the fill handle (useFill), undo and redo on the core's change sets (useUndo), typing onto a
 * selected cell (useTypingOnto), a status bar and a context menu (GridContextMenu). Every write,
 * typed or not, goes through one path (useWrites).
 */
import { useCallback, useMemo } from 'react';
import type { CellFocusedEvent, ColDef } from 'ag-grid-community';
import { useGridMenu } from './GridContextMenu.tsx';
import { gridCommand } from './gridKeys.ts';
import { cellsOf, useGridView, type GridView, type SpreadsheetOptions } from './gridView.ts';
import { bounds, cellCount, summarise, type CellRange } from './range.ts';
import { useClipboard } from './useClipboard.ts';
import { useFill } from './useFill.ts';
import { usePointer } from './usePointer.ts';
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
  const pointer = usePointer(sel);
  const fill = useFill(view, sel, writes.write);
  const clipboard = useClipboard(view, sel, writes);
  const typing = useTypingOnto(view);
  const menu = useGridMenu<T>({
    options: () => view.options.current,
    pointAt: sel.pointAt,
    selectedRows: sel.rows,
    copy: clipboard.copyToSystem,
    paste: clipboard.pasteFromSystem,
    fillDown: fill.fillDown,
    revert: undoOrRedo,
    can: (as) => stack.can(as),
  });

  /** The selection's and the fill handle's marks added to each column's own class rules; typing onto its cells. */
  const decorate = useCallback(
    (columns: ColDef<T>[]): ColDef<T>[] => columns.map((c) => typing.withTyping({ ...c, cellClassRules: { ...c.cellClassRules, ...sel.classRules, ...fill.classRules } })),
    [typing.withTyping, sel.classRules, fill.classRules],
  );

  /** The keys the grid layer takes from AG Grid (see gridKeys.ts), outside an editor. */
  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    // Keys typed in a column's filter or the strip of filters are theirs (Ctrl+A, Backspace in its search box).
    if ((e.target as HTMLElement).closest('.grid-own-keys')) return;
    pointer.key(e);
    const command = gridCommand(e);
    if (!command || (view.api()?.getEditingCells().length ?? 1) > 0) return;
    // One cell AG Grid clears itself (as a typed edit); a block is ours.
    if (command.kind === 'clear' && !isBlock(sel.selection())) return;
    e.preventDefault();
    e.stopPropagation();
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
      if (!fill.dragging()) pointer.focused(e);
    },
    onCellContextMenu: menu.onCellContextMenu,
    // Sorting and filtering move rows: a selection by position would point elsewhere.
    onSortChanged: () => sel.setRange(null),
    onFilterChanged: () => sel.setRange(null),
  };

  const containerProps = {
    ref: typing.containerRef,
    onKeyDownCapture,
    onKeyUpCapture: pointer.keyUp,
    onMouseDownCapture: (e: React.MouseEvent) => pointer.press(e, fill.grab(e)),
    onMouseOverCapture: pointer.hover,
    onCopy: clipboard.onCopy,
    onPaste: clipboard.onPaste,
  };

  // `tick` moves with every selection change and write: the status bar is added up afresh then.
  const status = useMemo(() => statusOf(view, sel.range.current), [tick, view, sel.range]);
  const pushUndo = useCallback((changeSetId: string | null, label: string) => stack.push(changeSetId, label), [stack]);
  return { gridProps, containerProps, decorate, status, contextMenu: menu.contextMenu, pushUndo };
}

const isBlock = (r: CellRange | null) => !!r && cellCount(bounds(r)) > 1;

/** What the selection adds up to, for the status bar. */
function statusOf<T>(view: GridView<T>, range: CellRange | null) {
  const g = view.api();
  if (!g || !range) return null;
  const b = bounds(range);
  const { cols, rows } = cellsOf(g, b);
  const values = rows.flatMap((node) => cols.map((colId) => g.getCellValue({ rowNode: node, colKey: colId })));
  return { cells: cellCount(b), ...summarise(values) };
}
