/**
 * Typing onto a selected cell opens its editor with what was typed, as in Excel and WPS: text an
 * input method commits (it comes as no key the grid would start editing on, and the browser drops
 * it), and characters typed onto a list cell (dictionary, 是/否), which then edits as text.
 */
import { useCallback, useRef } from 'react';
import type { ColDef, ICellEditorParams } from 'ag-grid-community';
import type { GridView } from './gridView.ts';
import { isCharacter, TextEditor } from './TextEditor.ts';

/** The editor of dictionary and 是/否 columns (see columns.ts). */
const listEditor = 'agSelectCellEditor';

export function useTypingOnto<T>(view: GridView<T>) {
  /** Text committed onto a selected cell, held only while that cell's editor is being opened with it. */
  const typedOnto = useRef<{ rowIndex: number; colId: string; text: string } | null>(null);

  /** Text committed onto the cell an editor is opening for, if it was opened by `onBeforeInput` below. */
  const committedOnto = useCallback((p: ICellEditorParams<T>): string | null => {
    const t = typedOnto.current;
    return t && t.rowIndex === p.rowIndex && t.colId === p.column.getColId() ? t.text : null;
  }, []);

  /** A column whose editor takes what was typed onto its cell. */
  const withTyping = useCallback(
    (c: ColDef<T>): ColDef<T> => {
      if (c.cellEditor === TextEditor) {
        const own: unknown = c.cellEditorParams;
        const base = typeof own === 'object' && own !== null ? own : {};
        // Called by AG Grid as it opens the editor, inside `startEditingCell` below.
        return {
          ...c,
          cellEditorParams: (p: ICellEditorParams<T>) => {
            const typed = committedOnto(p);
            return typed === null ? base : { ...base, typed };
          },
        };
      }
      if (c.cellEditor === listEditor) {
        // Characters typed onto a list cell open a text editor with them, and the core reads the
        // text (a label, a code, a synonym such as 差 → 后进; a word it cannot read is kept and
        // marked red). Enter, F2 and a double click still open the list to pick from.
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
      if (editor !== TextEditor && editor !== listEditor) return;
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

  return { withTyping, containerRef };
}
