/** The right-click menu of every grid: clipboard, fill, undo, and the page's row actions. */
import { useState, type ReactNode } from 'react';
import { Dropdown } from 'antd';
import type { CellContextMenuEvent } from 'ag-grid-community';
import type { SpreadsheetOptions } from './gridView.ts';
import type { RevertAs } from './undoStack.ts';

export type MenuAction = 'copy' | 'copy-headers' | 'paste' | 'fill' | 'undo' | 'redo' | 'insert' | 'delete' | 'history';

interface MenuAt<T> {
  x: number;
  y: number;
  row: T | null;
}

/** What the menu's actions do, from the other parts of the spreadsheet layer. */
export interface MenuActions<T> {
  options(): SpreadsheetOptions<T>;
  /** A right click on a cell: the range the menu will act on. */
  pointAt(rowIndex: number | null, colId: string): void;
  selectedRows(): T[];
  copy(withHeaders: boolean): Promise<void>;
  paste(): Promise<void>;
  fillDown(): Promise<void>;
  revert(as: RevertAs): Promise<void>;
  can(as: RevertAs): boolean;
}

export function useGridMenu<T>(actions: MenuActions<T>): { onCellContextMenu(e: CellContextMenuEvent<T>): void; contextMenu: ReactNode } {
  const [at, setAt] = useState<MenuAt<T> | null>(null);
  const onCellContextMenu = (e: CellContextMenuEvent<T>) => {
    const ev = e.event as MouseEvent | null;
    if (!ev || e.node.rowPinned) return;
    actions.pointAt(e.rowIndex, e.column.getColId());
    setAt({ x: ev.clientX, y: ev.clientY, row: e.node.data ?? null });
  };
  const contextMenu = at && <GridContextMenu at={at} disabled={disabledNow(actions, at.row !== null)} onClose={() => setAt(null)} onPick={(action) => pick(actions, action, at.row)} />;
  return { onCellContextMenu, contextMenu };
}

function pick<T>(actions: MenuActions<T>, action: MenuAction, row: T | null): void {
  const page = actions.options().menu;
  if (action === 'copy' || action === 'copy-headers') void actions.copy(action === 'copy-headers');
  else if (action === 'paste') void actions.paste();
  else if (action === 'fill') void actions.fillDown();
  else if (action === 'undo' || action === 'redo') void actions.revert(action);
  else if (action === 'insert') page?.insertRow?.();
  else if (action === 'delete') {
    const rows = actions.selectedRows();
    if (rows.length) page?.deleteRows?.(rows);
  } else if (action === 'history' && row) page?.history?.(row);
}

function disabledNow<T>(actions: MenuActions<T>, onRow: boolean): Set<MenuAction> {
  const page = actions.options().menu;
  const off = new Set<MenuAction>();
  if (!actions.can('undo')) off.add('undo');
  if (!actions.can('redo')) off.add('redo');
  if (!page?.insertRow) off.add('insert');
  if (!page?.deleteRows) off.add('delete');
  if (!page?.history || !onRow) off.add('history');
  return off;
}

function GridContextMenu<T>({ at, disabled, onClose, onPick }: { at: MenuAt<T>; disabled: ReadonlySet<MenuAction>; onClose(): void; onPick(action: MenuAction): void }) {
  const item = (key: MenuAction, label: string) => ({ key, label, disabled: disabled.has(key) });
  return (
    <Dropdown
      open
      onOpenChange={(open) => !open && onClose()}
      trigger={['contextMenu']}
      menu={{
        items: [
          item('copy', '复制（Ctrl+C）'),
          item('copy-headers', '复制（含表头）'),
          item('paste', '粘贴（Ctrl+V）'),
          item('fill', '向下填充（Ctrl+D）'),
          { type: 'divider' },
          item('undo', '撤销（Ctrl+Z）'),
          item('redo', '重做（Ctrl+Y）'),
          { type: 'divider' },
          item('insert', '插入行'),
          item('delete', '删除行'),
          item('history', '这一行的修改记录'),
        ],
        onClick: ({ key }) => {
          onClose();
          onPick(key as MenuAction);
        },
      }}
    >
      <div style={{ position: 'fixed', left: at.x, top: at.y, width: 1, height: 1 }} />
    </Dropdown>
  );
}
