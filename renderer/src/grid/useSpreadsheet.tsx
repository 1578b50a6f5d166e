/**
 * What staff expect from Excel and WPS, built once for every ledger grid (AG Grid Community has
 * none of it), composed here from its parts: the selected range (useSelection, moved by the mouse
 * and the focus in usePointer), copy and paste as tab-separated text (useClipboard), fill down
 * and the fill handle (useFill), undo and redo on the core's change sets (useUndo), typing onto a
 * selected cell (useTypingOnto), a status bar and a context menu (GridContextMenu), find and
 * replace (find/), the moves to the edges of the data (useEdges). Every write, typed or not, goes
 * through one path (useWrites).
 */
import { useCallback, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CellFocusedEvent, ColDef } from 'ag-grid-community';
import { FindBar } from './find/FindBar.tsx';
import { useFind } from './find/useFind.ts';
import { useGridMenu } from './GridContextMenu.tsx';
import { gridCommand } from './gridKeys.ts';
import { cellsOf, useGridView, type GridView, type SpreadsheetOptions } from './gridView.ts';
import { bounds, cellCount, summarise, type CellRange } from './range.ts';
import { useClipboard } from './useClipboard.ts';
import { useEdges } from './useEdges.ts';
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
  const find = useFind(view, sel, writes);
  const edges = useEdges(view, sel);
  /** The grid's container, where the find bar is drawn. */
  const [host, setHost] = useState<HTMLDivElement | null>(null);
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
    (columns: ColDef<T>[]): ColDef<T>[] => columns.map((c) => typing.withTyping({ ...c, cellClassRules: { ...c.cellClassRules, ...sel.classRules, ...fill.classRules, ...find.classRules } })),
    [typing.withTyping, sel.classRules, fill.classRules, find.classRules],
  );

  /** The keys the grid layer takes from AG Grid (see gridKeys.ts), outside an editor. */
  const onKeyDownCapture = (e: React.KeyboardEvent) => {
    // Keys typed in a column's filter or the strip of filters are theirs (Ctrl+A, Backspace in its search box).
    if ((e.target as HTMLElement).closest('.grid-own-keys')) return;
    pointer.key(e);
    if (edges.enterOnLastRow(e)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    const command = gridCommand(e);
    if (!command) return;
    // Ctrl+F and Ctrl+H work from an open editor too (its edit is saved first), as the browser's find would.
    if (command.kind === 'find' || command.kind === 'replace') {
      e.preventDefault();
      e.stopPropagation();
      find.open(command.kind);
      return;
    }
    if ((view.api()?.getEditingCells().length ?? 1) > 0) return;
    // One cell AG Grid clears itself (as a typed edit); a block is ours.
    if (command.kind === 'clear' && !isBlock(sel.selection())) return;
    e.preventDefault();
    e.stopPropagation();
    if (command.kind === 'extend') sel.extend(command.dRow, command.dCol);
    else if (command.kind === 'selectAll') sel.selectAll();
    else if (command.kind === 'fillDown') void fill.fillDown();
    else if (command.kind === 'undo' || command.kind === 'redo') void undoOrRedo(command.kind);
    else if (command.kind === 'edge') edges.edge(command.dRow, command.dCol, command.extend);
    else if (command.kind === 'corner') edges.corner(command.to, command.wholeGrid, command.extend);
    else if (command.kind === 'findNext') find.next(command.back);
    else if (command.kind === 'openEditor') typing.openFocusedToPick();
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

  const typingRef = typing.containerRef;
  const containerRef = useCallback(
    (el: HTMLDivElement | null) => {
      setHost(el);
      const undo = typingRef(el);
      return () => {
        undo?.();
        setHost(null);
      };
    },
    [typingRef],
  );
  const containerProps = {
    ref: containerRef,
    // The find bar is placed within it.
    style: { position: 'relative' as const },
    onKeyDownCapture,
    onDoubleClickCapture: typing.onDoubleClickCapture,
    onKeyUpCapture: pointer.keyUp,
    onMouseDownCapture: (e: React.MouseEvent) => pointer.press(e, fill.grab(e)),
    onMouseOverCapture: pointer.hover,
    onCopy: clipboard.onCopy,
    onPaste: clipboard.onPaste,
  };

  // `tick` moves with every selection change and write: the status bar is added up afresh then.
  const status = useMemo(() => statusOf(view, sel.range.current), [tick, view, sel.range]);
  const pushUndo = useCallback((changeSetId: string | null, label: string) => stack.push(changeSetId, label), [stack]);
  // The find bar comes with the context menu, which every page already places: drawn in the grid's container.
  const contextMenu = (
    <>
      {menu.contextMenu}
      {host && find.mode && createPortal(<FindBar find={find} revert={undoOrRedo} />, host)}
    </>
  );
  return { gridProps, containerProps, decorate, status, contextMenu, pushUndo };
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
