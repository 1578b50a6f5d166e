/**
 * Typing onto a selected cell opens its editor with what was typed, as in Excel and WPS: text an
 * input method commits (it comes as no key the grid would start editing on, and the browser drops
 * it), and characters typed onto a list cell (dictionary, 是/否), which then edits as text.
 * Date columns edit in DateEditor (the text editor with a calendar); a double click or Alt+↓ opens
 * it with the calendar shown (`openToPick`).
 */
import { useCallback, useRef } from 'react';
import type { ColDef, ICellEditorParams } from 'ag-grid-community';
import { columnFacts } from './columns.ts';
import { DateEditor } from './DateEditor.tsx';
import type { GridView } from './gridView.ts';
import { isCharacter, TextEditor } from './TextEditor.ts';

/** The editor of dictionary and 是/否 columns (see columns.ts). */
const listEditor = 'agSelectCellEditor';

/** The text editor or one built on it (DateEditor): they take what was typed onto the cell. */
const isTextEditor = (editor: unknown): boolean => editor === TextEditor || (typeof editor === 'function' && editor.prototype instanceof TextEditor);

interface CellAt {
  rowIndex: number;
  colId: string;
}
const sameCell = (a: CellAt | null, p: ICellEditorParams<unknown>) => !!a && a.rowIndex === p.rowIndex && a.colId === p.column.getColId();

export function useTypingOnto<T>(view: GridView<T>) {
  /** Text committed onto a selected cell, held only while that cell's editor is being opened with it. */
  const typedOnto = useRef<{ rowIndex: number; colId: string; text: string } | null>(null);

  /** A cell double-clicked or Alt+↓ pressed on, held only while its editor is being opened. */
  const toPick = useRef<CellAt | null>(null);

  /** Text committed onto the cell an editor is opening for, if it was opened by `onBeforeInput` below. */
  const committedOnto = useCallback((p: ICellEditorParams<T>): string | null => {
    const t = typedOnto.current;
    return t && sameCell(t, p as ICellEditorParams<unknown>) ? t.text : null;
  }, []);

  /** A column whose editor takes what was typed onto its cell. */
  const withTyping = useCallback(
    (c: ColDef<T>): ColDef<T> => {
      if (isTextEditor(c.cellEditor)) {
        const own: unknown = c.cellEditorParams;
        const base = typeof own === 'object' && own !== null ? own : {};
        const date = columnFacts(c.context)?.field;
        const isDate = date?.type === 'date';
        // Called by AG Grid as it opens the editor, inside `startEditingCell` below.
        return {
          ...c,
          ...(isDate ? { cellEditor: DateEditor } : {}),
          cellEditorParams: (p: ICellEditorParams<T>) => {
            const typed = committedOnto(p);
            const withTyped = typed === null ? base : { ...base, typed };
            return isDate ? { ...withTyped, month: date.month ?? false, pick: sameCell(toPick.current, p as ICellEditorParams<unknown>) } : withTyped;
          },
        };
      }
      if (c.cellEditor === listEditor) {
        // Characters typed onto a list cell open a text editor with them, and the core reads the
        // text (a label, a code, a synonym such as 差 → 后进; a word it cannot read is kept and
        // marked red). Alt+↓, F2 and a double click open the list to pick from (Enter moves down).
        return {
          ...c,
          cellEditorSelector: (p: ICellEditorParams<T>) => {
            const typed = committedOnto(p) ?? (isCharacter(p.eventKey) ? p.eventKey : null);
            return typed === null ? undefined : { component: TextEditor, params: { typed } };
          },
        };
      }
      return c;
    },
    [committedOnto],
  );

  /** Text committed onto a selected cell (an input method, a handwriting pad, insertText) opens its editor with it. */
  const onBeforeInput = useCallback(
    (e: InputEvent) => {
      const target = e.target as HTMLElement;
      if (!e.data || !e.inputType.startsWith('insert') || target.closest('input, textarea, [contenteditable="true"]')) return;
      const cell = target.closest('.ag-cell');
      const colId = cell?.getAttribute('col-id');
      const rowIndex = Number(cell?.closest('.ag-row')?.getAttribute('row-index'));
      const g = view.api();
      if (!g || !colId || !Number.isInteger(rowIndex) || !view.options.current.isEditable(colId)) return;
      const editor: unknown = g.getColumn(colId)?.getColDef().cellEditor;
      if (!isTextEditor(editor) && editor !== listEditor) return;
      e.preventDefault();
      typedOnto.current = { rowIndex, colId, text: e.data };
      try {
        g.startEditingCell({ rowIndex, colKey: colId });
      } finally {
        typedOnto.current = null;
      }
    },
    [view],
  );

  const containerRef = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return;
      el.addEventListener('beforeinput', onBeforeInput);
      return () => el.removeEventListener('beforeinput', onBeforeInput);
    },
    [onBeforeInput],
  );

  /** Opens a cell's editor to pick from it (a list, a calendar): Alt+↓, as Excel opens a dropdown list. */
  const openToPick = useCallback(
    (rowIndex: number, colId: string) => {
      const g = view.api();
      if (!g || !view.options.current.isEditable(colId)) return;
      toPick.current = { rowIndex, colId };
      try {
        // As if by Enter: AG Grid's list editor opens its list then.
        g.startEditingCell({ rowIndex, colKey: colId, key: 'Enter' });
      } finally {
        toPick.current = null;
      }
    },
    [view],
  );

  /** Alt+↓ on the focused cell. */
  const openFocusedToPick = useCallback(() => {
    const focused = view.api()?.getFocusedCell();
    if (focused && !focused.rowPinned) openToPick(focused.rowIndex, focused.column.getColId());
  }, [view, openToPick]);

  /** A double click on a cell (seen before AG Grid opens its editor): a date cell opens with its calendar. */
  const onDoubleClickCapture = useCallback((e: React.MouseEvent) => {
    const cell = (e.target as HTMLElement).closest('.ag-cell');
    const colId = cell?.getAttribute('col-id');
    const rowIndex = Number(cell?.closest('.ag-row')?.getAttribute('row-index'));
    if (!colId || !Number.isInteger(rowIndex)) return;
    toPick.current = { rowIndex, colId };
    // AG Grid opens the editor in its own handler of this double click, or not at all: either way it is over then.
    setTimeout(() => (toPick.current = null), 0);
  }, []);

  return { withTyping, containerRef, openFocusedToPick, onDoubleClickCapture };
}
