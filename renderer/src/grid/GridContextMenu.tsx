/** The right-click menu of every grid: clipboard, fill, undo, and the page's row actions. */
import { Dropdown } from 'antd';

export type MenuAction = 'copy' | 'copy-headers' | 'paste' | 'fill' | 'undo' | 'redo' | 'insert' | 'delete' | 'history';

export interface MenuAt<T> {
  x: number;
  y: number;
  row: T | null;
}

export interface GridContextMenuProps<T> {
  at: MenuAt<T>;
  /** Actions that cannot be taken now (nothing to undo, no row history on this page…). */
  disabled: ReadonlySet<MenuAction>;
  onClose(): void;
  onPick(action: MenuAction, row: T | null): void;
}

export function GridContextMenu<T>({ at, disabled, onClose, onPick }: GridContextMenuProps<T>) {
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
          onPick(key as MenuAction, at.row);
        },
      }}
    >
      <div style={{ position: 'fixed', left: at.x, top: at.y, width: 1, height: 1 }} />
    </Dropdown>
  );
}
