/**
 * The one path of every write in every grid: a typed edit, a paste, a fill, a clear, an undo or a
 * redo goes to the core, and its answer is applied here alike: the stored rows into the grid, the
 * change set onto the undo stack, the values kept red or refused told in Chinese, the page told.
 */
import { useCallback, useMemo } from 'react';
import { App as AntApp } from 'antd';
import type { CellEditRequestEvent } from 'ag-grid-community';
import type { CellValue } from '../../../shared/domain/fields.ts';
import type { CellChange } from './cellChanges.ts';
import { problemMessages, type WriteResult } from './editResult.ts';
import type { GridView, WriteSource } from './gridView.ts';
import type { UndoStack } from './undoStack.ts';

export interface Writes<T> {
  /** False (and the person told why) while the grid must not be written. */
  ready(): boolean;
  write(changes: CellChange<T>[], source: WriteSource, label: string): Promise<void>;
  /** The core's answer shown; `undoable`: pushed as a new action (not for an undo or redo itself). */
  applyResult(result: WriteResult<T>, label: string, undoable: boolean): void;
  /** AG Grid's read-only-edit request: a cell typed, picked from its list, or cleared with Delete. */
  onCellEditRequest(e: CellEditRequestEvent<T>): void;
}

export function useWrites<T>(view: GridView<T>, stack: UndoStack): Writes<T> {
  const { message } = AntApp.useApp();

  const ready = useCallback(() => {
    const wait = view.options.current.writesWait?.();
    if (wait) message.info(wait);
    return !wait;
  }, [view, message]);

  const applyResult = useCallback(
    (result: WriteResult<T>, label: string, undoable: boolean) => {
      const g = view.api();
      if (g && result.rows.length) g.applyTransaction({ update: result.rows });
      if (undoable) stack.push(result.changeSetId, label);
      for (const text of problemMessages(result.problems)) message.warning(text);
      view.changed();
      view.options.current.onWritten?.();
    },
    [view, stack, message],
  );

  const write = useCallback(
    async (changes: CellChange<T>[], source: WriteSource, label: string) => {
      if (changes.length === 0 || !ready()) return;
      try {
        applyResult(await view.options.current.write(changes, source), label, true);
      } catch (e) {
        message.error((e as Error).message);
      }
    },
    [view, ready, applyResult, message],
  );

  return useMemo(
    () => ({
      ready,
      write,
      applyResult,
      onCellEditRequest: (e: CellEditRequestEvent<T>) => {
        if (!e.data) return;
        const change = { row: e.data, colId: e.colDef.colId!, value: (e.newValue ?? null) as CellValue };
        void write([change], 'typed', view.options.current.editLabel(e.data, e.colDef.headerName ?? ''));
      },
    }),
    [ready, write, applyResult, view],
  );
}
