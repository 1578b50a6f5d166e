/**
 * Copy and paste as tab-separated text, as Excel, WPS and LibreOffice put it on the clipboard,
 * and Delete on a block. A paste longer than the grid asks to add the rows it needs.
 */
import { useCallback } from 'react';
import { App as AntApp } from 'antd';
import type { GridApi } from 'ag-grid-community';
import { formatTsv, parseTsv } from '../../../shared/domain/tsv.ts';
import { clearChanges, pasteChanges, pastedWidth, spreadOne } from './cellChanges.ts';
import { cellsOf, dataColumns, headerOf, rowsOf, type GridView } from './gridView.ts';
import { bounds, contains, pastedRange, type Bounds } from './range.ts';
import type { Selection } from './useSelection.ts';
import type { Writes } from './useWrites.ts';

export function useClipboard<T>(view: GridView<T>, sel: Selection<T>, writes: Pick<Writes<T>, 'ready' | 'write'>) {
  const { message, modal } = AntApp.useApp();
  const { selection, setRange } = sel;
  const { ready, write } = writes;

  const copyText = useCallback(
    (withHeaders = false): string | null => {
      const g = view.api();
      const r = selection();
      return g && r ? tsvOf(g, bounds(r), withHeaders) : null;
    },
    [view, selection],
  );

  const pasteText = useCallback(
    async (text: string) => {
      const g = view.api();
      if (!g || !ready()) return;
      const r = selection();
      if (!r) {
        message.info('请先点选要粘贴到的单元格。');
        return;
      }
      const b = bounds(r);
      const block = spreadOne(parseTsv(text), b);
      if (block.length === 0) return;
      const cols = dataColumns(g);
      const rowCount = g.getDisplayedRowCount();
      const extra = b.top + block.length - rowCount;
      const addRows = view.options.current.addRows;
      const added = extra > 0 && addRows && (await askToGrow(modal, block.length, rowCount - b.top, extra)) ? await addRows(extra) : [];
      const rowAt = (i: number) => (i < rowCount ? g.getDisplayedRowAtIndex(i)?.data : added[i - rowCount]);
      const plan = pasteChanges(block, b.top, b.left, cols, rowAt, view.options.current.isEditable);
      if (plan.readOnly.length) message.info(`“${[...new Set(plan.readOnly.map((c) => headerOf(g, c)))].join('”“')}”是只读列，粘贴时已跳过。`);
      const pasted = pastedRange(b.top, b.left, block.length, pastedWidth(block, b.left, cols.length));
      setRange(pasted);
      // The focus goes with the pasted block (it may have been outside it, in a larger selection).
      const focused = g.getFocusedCell();
      if (!focused || !contains(bounds(pasted), focused.rowIndex, cols.indexOf(focused.column.getColId()))) g.setFocusedCell(b.top, cols[b.left]!);
      await write(plan.changes, 'paste', `粘贴 ${block.length} 行`);
    },
    [view, ready, selection, modal, message, setRange, write],
  );

  const clear = useCallback(async () => {
    const g = view.api();
    const r = selection();
    if (!g || !r) return;
    const { cols, rows } = cellsOf(g, bounds(r));
    const changes = clearChanges(rowsOf(rows), cols, view.options.current.isEditable);
    await write(changes, 'typed', `清除 ${changes.length} 个单元格`);
  }, [view, selection, write]);

  const editing = () => (view.api()?.getEditingCells().length ?? 0) > 0;

  return {
    pasteText,
    clear,
    onCopy: (e: React.ClipboardEvent) => {
      if (editing()) return;
      const text = copyText();
      if (text === null) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', text);
    },
    onPaste: (e: React.ClipboardEvent) => {
      if (editing()) return;
      e.preventDefault();
      void pasteText(e.clipboardData.getData('text/plain'));
    },
    /** From the context menu: the browser's clipboard API, which may refuse. */
    copyToSystem: async (withHeaders: boolean) => {
      const text = copyText(withHeaders);
      if (text !== null) await navigator.clipboard.writeText(text).catch(() => message.info('请使用 Ctrl+C 复制。'));
    },
    pasteFromSystem: async () => {
      const text = await navigator.clipboard.readText().catch(() => null);
      if (text === null) message.info('浏览器不允许从菜单读取剪贴板，请使用 Ctrl+V 粘贴。');
      else await pasteText(text);
    },
  };
}

/** The cells within bounds as shown (labels, not codes), as tab-separated text; with the headers above them. */
function tsvOf<T>(g: GridApi<T>, b: Bounds, withHeaders: boolean): string {
  const { cols, rows } = cellsOf(g, b);
  const lines = rows.map((node) => cols.map((colId) => String(g.getCellValue({ rowNode: node, colKey: colId, useFormatter: true }) ?? '')));
  if (withHeaders) lines.unshift(cols.map((colId) => headerOf(g, colId)));
  return formatTsv(lines);
}

/** A paste longer than the grid: whether to add the `extra` rows it needs (or paste down to the last row). */
function askToGrow(modal: ReturnType<typeof AntApp.useApp>['modal'], lines: number, below: number, extra: number): Promise<boolean> {
  return new Promise<boolean>((resolve) =>
    modal.confirm({
      title: '粘贴的行比表格多',
      content: `粘贴的内容有 ${lines} 行，表格在此之下只有 ${below} 行。是否新增 ${extra} 行来容纳其余内容？选“取消”则只粘贴到表格末尾。`,
      okText: `新增 ${extra} 行`,
      cancelText: '取消',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    }),
  );
}
