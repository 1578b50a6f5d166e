/** Ctrl+Z and Ctrl+Y on the grid's undo stack: the core reverts the change set, the answer shows as any write's. */
import { useCallback, useRef, useState } from 'react';
import { App as AntApp } from 'antd';
import type { GridView } from './gridView.ts';
import { UndoStack, type RevertAs } from './undoStack.ts';
import type { Writes } from './useWrites.ts';

export function useUndoStack(): UndoStack {
  return useState(() => new UndoStack())[0];
}

export function useUndo<T>(view: GridView<T>, stack: UndoStack, writes: Pick<Writes<T>, 'ready' | 'applyResult'>) {
  const { message } = AntApp.useApp();
  const { ready, applyResult } = writes;

  const revertNow = useCallback(
    async (as: RevertAs) => {
      if (!ready()) return;
      const entry = stack.take(as);
      if (!entry) {
        message.info(as === 'undo' ? '没有可以撤销的操作。' : '没有可以重做的操作。');
        return;
      }
      try {
        const result = await view.options.current.revert(entry.changeSetId, as);
        applyResult(result, entry.label, false);
        stack.reverted(as, entry, result.changeSetId);
        message.success(`已${as === 'undo' ? '撤销' : '重做'}：${entry.label}`);
      } catch (e) {
        message.error((e as Error).message);
      }
    },
    [view, stack, ready, applyResult, message],
  );

  // Undo and redo run one after another: a quick Ctrl+Y must find the undo it redoes.
  const queue = useRef<Promise<void>>(Promise.resolve());
  return useCallback((as: RevertAs) => (queue.current = queue.current.then(() => revertNow(as))), [revertNow]);
}
