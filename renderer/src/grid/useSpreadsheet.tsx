/**
 * What staff expect from Excel and WPS, built once for every ledger grid (AG Grid
 * Community has none of it): range selection by mouse and Shift, copy and paste as
 * tab-separated text, fill down (Ctrl+D) and a fill handle, undo and redo by user
 * action (on the core's change sets, so they survive sorting and filtering and are
 * audited), a status bar, and a context menu. Every write goes through `write`.
 * Text an input method commits onto a selected cell opens that cell's editor with it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { App as AntApp, Dropdown } from 'antd';
import type { AgGridReact } from 'ag-grid-react';
import type { CellClassParams, CellContextMenuEvent, CellFocusedEvent, ColDef, GridApi, ICellEditorParams, IRowNode } from 'ag-grid-community';
import { formatTsv, parseTsv } from '../../../shared/domain/tsv.ts';
import { bounds, cellCount, contains, summarise, type Bounds, type CellRange, type CellRef } from './range.ts';
import { isCharacter, TextEditor } from './TextEditor.ts';

export type CellValue = string | number | boolean | null;

export interface CellChange<T> {
  row: T;
  colId: string;
  value: CellValue;
}

export interface WriteResult<T> {
  changeSetId: string | null;
  rows: T[];
  problems: { message: string }[];
}

export interface SpreadsheetOptions<T> {
  grid: RefObject<AgGridReact<T> | null>;
  write(changes: CellChange<T>[], source: 'typed' | 'paste' | 'fill'): Promise<WriteResult<T>>;
  revert(changeSetId: string, as: 'undo' | 'redo'): Promise<WriteResult<T>>;
  isEditable(colId: string): boolean;
  /** What fill copies: the stored value (a code for a dictionary, the raw text of an invalid value). */
  rawValue(row: T, colId: string): CellValue;
  /** Rows for a paste longer than the grid; undefined: the grid cannot grow. */
  addRows?(count: number): Promise<T[]>;
  menu?: { insertRow?(): void; deleteRows?(rows: T[]): void; history?(row: T): void };
}

interface UndoEntry {
  changeSetId: string;
  label: string;
}

const MAX_UNDO = 200;
/** The editor of dictionary and 是/否 columns (see columns.ts). */
const listEditor = 'agSelectCellEditor';

function dataColumns<T>(api: GridApi<T>): string[] {
  return api
    .getAllDisplayedColumns()
    .map((c) => c.getColId())
    .filter((id) => !id.startsWith('ag-Grid-'));
}

export function useSpreadsheet<T>(options: SpreadsheetOptions<T>) {
  const { message, modal } = AntApp.useApp();
  const opts = useRef(options);
  opts.current = options;
  const range = useRef<CellRange | null>(null);
  const fillTo = useRef<number | null>(null);
  /**
   * A drag in progress, started and ended only by the browser's own mouse events, which arrive in
   * order: AG Grid's cell mouse events arrive late (after a quick click's release), and a drag they
   * started would outlive the button and go on selecting as the mouse merely moves.
   */
  const drag = useRef<'select' | 'fill' | null>(null);
  const shiftHeld = useRef(false);
  /**
   * Set by a mouse press in the grid, cleared by the next key: AG Grid reports focus
   * changes late (after the click, sometimes after Shift is released), so while the
   * mouse is in charge the focus events must not touch the range the mouse set.
   */
  const pointerFocus = useRef(false);
  /** Text committed onto a selected cell, held only while that cell's editor is being opened with it. */
  const typedOnto = useRef<{ rowIndex: number; colId: string; text: string } | null>(null);
  const undoStack = useRef<UndoEntry[]>([]);
  const redoStack = useRef<UndoEntry[]>([]);
  const [tick, setTick] = useState(0);
  const [menu, setMenu] = useState<{ x: number; y: number; row: T | null } | null>(null);

  const api = () => opts.current.grid.current?.api;

  const changed = useCallback(() => {
    api()?.refreshCells({ force: true, suppressFlash: true });
    setTick((t) => t + 1);
  }, []);

  const colIndex = (colId: string) => {
    const g = api();
    return g ? dataColumns(g).indexOf(colId) : -1;
  };

  const setRange = useCallback(
    (r: CellRange | null) => {
      range.current = r;
      changed();
    },
    [changed],
  );

  /**
   * The selection a paste, a copy, a fill or Delete acts on. It always holds the focused cell: when it
   * does not, a focus move has not reached it yet (AG Grid reports focus late, and a key right after
   * an arrow can come first), and the focused cell, where the person is, is what they mean.
   */
  const selection = useCallback((): CellRange | null => {
    const g = api();
    const focused = g?.getFocusedCell();
    if (!g || !focused || focused.rowPinned) return range.current;
    const here = { row: focused.rowIndex, col: dataColumns(g).indexOf(focused.column.getColId()) };
    if (here.col < 0 || (range.current && contains(bounds(range.current), here.row, here.col))) return range.current;
    setRange({ anchor: here, focus: here });
    return range.current;
  }, [setRange]);

  const pushUndo = useCallback((changeSetId: string | null, label: string) => {
    if (!changeSetId) return;
    undoStack.current.push({ changeSetId, label });
    if (undoStack.current.length > MAX_UNDO) undoStack.current.shift();
    redoStack.current = [];
  }, []);

  const applyResult = useCallback(
    (result: WriteResult<T>, label: string, undoable = true) => {
      const g = api();
      if (g && result.rows.length) g.applyTransaction({ update: result.rows });
      if (undoable) pushUndo(result.changeSetId, label);
      const problems = result.problems;
      if (problems.length === 1) message.warning(problems[0]!.message);
      else if (problems.length > 1) message.warning(`${problems.length} 个值未通过校验或未修改，已原样保留并标红；鼠标停在红色单元格上可查看原因。`);
      changed();
    },
    [changed, message, pushUndo],
  );

  /** Cells of the current range as displayed rows × data columns. */
  const cellsOf = useCallback((b: Bounds) => {
    const g = api()!;
    const cols = dataColumns(g).slice(b.left, b.right + 1);
    const rows: IRowNode<T>[] = [];
    for (let i = b.top; i <= b.bottom; i++) {
      const node = g.getDisplayedRowAtIndex(i);
      if (node?.data && !node.rowPinned) rows.push(node);
    }
    return { cols, rows };
  }, []);

  const copyText = useCallback(
    (withHeaders = false): string | null => {
      const g = api();
      const r = selection();
      if (!g || !r) return null;
      const { cols, rows } = cellsOf(bounds(r));
      const lines = rows.map((node) => cols.map((colId) => String(g.getCellValue({ rowNode: node, colKey: colId, useFormatter: true }) ?? '')));
      if (withHeaders) lines.unshift(cols.map((colId) => g.getColumn(colId)?.getColDef().headerName ?? colId));
      return formatTsv(lines);
    },
    [cellsOf, selection],
  );

  const write = useCallback(
    async (changes: CellChange<T>[], source: 'typed' | 'paste' | 'fill', label: string) => {
      if (changes.length === 0) return;
      try {
        applyResult(await opts.current.write(changes, source), label);
      } catch (e) {
        message.error((e as Error).message);
      }
    },
    [applyResult, message],
  );

  const pasteText = useCallback(
    async (text: string) => {
      const g = api();
      if (!g) return;
      const r = selection();
      if (!r) {
        message.info('请先点选要粘贴到的单元格。');
        return;
      }
      let block = parseTsv(text);
      if (block.length === 0) return;
      const b = bounds(r);
      // One value onto a larger selection fills it, as in Excel.
      if (block.length === 1 && block[0]!.length === 1 && cellCount(b) > 1) {
        block = Array.from({ length: b.bottom - b.top + 1 }, () => Array<string>(b.right - b.left + 1).fill(block[0]![0]!));
      }
      const cols = dataColumns(g);
      const rowCount = g.getDisplayedRowCount();
      let extra = b.top + block.length - rowCount;
      let added: T[] = [];
      if (extra > 0) {
        const grow = opts.current.addRows;
        const ok =
          grow !== undefined &&
          (await new Promise<boolean>((resolve) =>
            modal.confirm({
              title: '粘贴的行比表格多',
              content: `粘贴的内容有 ${block.length} 行，表格在此之下只有 ${rowCount - b.top} 行。是否新增 ${extra} 行来容纳其余内容？选“取消”则只粘贴到表格末尾。`,
              okText: `新增 ${extra} 行`,
              cancelText: '取消',
              onOk: () => resolve(true),
              onCancel: () => resolve(false),
            }),
          ));
        if (ok) added = await grow!(extra);
        else extra = 0;
      }
      const skipped = new Set<string>();
      const changes: CellChange<T>[] = [];
      block.forEach((line, i) => {
        const index = b.top + i;
        const row = index < rowCount ? g.getDisplayedRowAtIndex(index)?.data : added[index - rowCount];
        if (!row) return;
        line.forEach((text, j) => {
          const colId = cols[b.left + j];
          if (!colId) return;
          if (!opts.current.isEditable(colId)) {
            if (text.trim() !== '') skipped.add(g.getColumn(colId)?.getColDef().headerName ?? colId);
            return;
          }
          changes.push({ row, colId, value: text });
        });
      });
      if (skipped.size) message.info(`“${[...skipped].join('”“')}”是只读列，粘贴时已跳过。`);
      const width = Math.min(block[0]!.length, cols.length - b.left);
      setRange({ anchor: { row: b.top, col: b.left }, focus: { row: b.top + block.length - 1, col: b.left + width - 1 } });
      // The focus goes with the pasted block (it may have been outside it, in a larger selection).
      const focused = g.getFocusedCell();
      if (!focused || !contains(bounds(range.current!), focused.rowIndex, cols.indexOf(focused.column.getColId()))) g.setFocusedCell(b.top, cols[b.left]!);
      await write(changes, 'paste', `粘贴 ${block.length} 行`);
    },
    [message, modal, selection, setRange, write],
  );

  const fill = useCallback(
    async (target: Bounds, source: Bounds) => {
      const { cols, rows: sourceRows } = cellsOf(source);
      const { rows: targetRows } = cellsOf(target);
      const changes: CellChange<T>[] = [];
      targetRows.forEach((node, i) => {
        const from = sourceRows[i % sourceRows.length]!;
        for (const colId of cols) {
          if (!opts.current.isEditable(colId)) continue;
          changes.push({ row: node.data!, colId, value: opts.current.rawValue(from.data!, colId) });
        }
      });
      await write(changes, 'fill', `填充 ${targetRows.length} 行`);
    },
    [cellsOf, write],
  );

  const fillDown = useCallback(async () => {
    const r = selection();
    if (!r) return;
    const b = bounds(r);
    if (b.bottom === b.top) {
      message.info('请先向下选中要填充的单元格（第一行是要复制的值）。');
      return;
    }
    await fill({ ...b, top: b.top + 1 }, { ...b, bottom: b.top });
  }, [fill, message, selection]);

  const clearRange = useCallback(async () => {
    const r = selection();
    if (!r) return;
    const { cols, rows } = cellsOf(bounds(r));
    const changes = rows.flatMap((node) => cols.filter((c) => opts.current.isEditable(c)).map((colId) => ({ row: node.data!, colId, value: null })));
    await write(changes, 'typed', `清除 ${changes.length} 个单元格`);
  }, [cellsOf, selection, write]);

  // Undo and redo run one after another: a quick Ctrl+Y must find the undo it redoes.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const undoOrRedoNow = useCallback(
    async (as: 'undo' | 'redo') => {
      const from = as === 'undo' ? undoStack.current : redoStack.current;
      const to = as === 'undo' ? redoStack.current : undoStack.current;
      const entry = from.pop();
      if (!entry) {
        message.info(as === 'undo' ? '没有可以撤销的操作。' : '没有可以重做的操作。');
        return;
      }
      try {
        const result = await opts.current.revert(entry.changeSetId, as);
        applyResult(result, entry.label, false);
        if (result.changeSetId) to.push({ changeSetId: result.changeSetId, label: entry.label });
        message.success(`已${as === 'undo' ? '撤销' : '重做'}：${entry.label}`);
      } catch (e) {
        message.error((e as Error).message);
      }
    },
    [applyResult, message],
  );
  const undoOrRedo = useCallback(
    (as: 'undo' | 'redo') => (queue.current = queue.current.then(() => undoOrRedoNow(as))),
    [undoOrRedoNow],
  );

  // The end of a drag can happen outside the grid.
  useEffect(() => {
    const up = () => {
      if (drag.current === 'fill' && range.current && fillTo.current !== null) {
        const b = bounds(range.current);
        const target = { ...b, top: b.bottom + 1, bottom: fillTo.current };
        fillTo.current = null;
        if (target.bottom >= target.top) void fill(target, b).then(() => setRange({ anchor: { row: b.top, col: b.left }, focus: { row: target.bottom, col: b.right } }));
        else changed();
      }
      drag.current = null;
    };
    const move = (e: MouseEvent) => {
      if (drag.current && (e.buttons & 1) === 0) {
        // The button came up where we could not see it: the drag is over, and a fill not let go is not made.
        drag.current = null;
        if (fillTo.current !== null) {
          fillTo.current = null;
          changed();
        }
        return;
      }
      if (drag.current !== 'fill' || !range.current) return;
      const rowEl = document.elementFromPoint(e.clientX, e.clientY)?.closest('.ag-row');
      const row = Number(rowEl?.getAttribute('row-index'));
      if (!Number.isInteger(row)) return;
      const to = Math.max(row, bounds(range.current).bottom);
      if (to !== fillTo.current) {
        fillTo.current = to;
        changed();
      }
    };
    window.addEventListener('mouseup', up);
    window.addEventListener('mousemove', move);
    return () => {
      window.removeEventListener('mouseup', up);
      window.removeEventListener('mousemove', move);
    };
  }, [changed, fill, setRange]);

  const inRange = (p: CellClassParams<T>) => {
    if (!range.current || p.node.rowPinned || p.node.rowIndex === null) return false;
    return contains(bounds(range.current), p.node.rowIndex, colIndex(p.column.getColId()));
  };
  const isCorner = (p: CellClassParams<T>) => {
    if (!range.current || p.node.rowPinned) return false;
    const b = bounds(range.current);
    return p.node.rowIndex === b.bottom && colIndex(p.column.getColId()) === b.right;
  };
  const inFill = (p: CellClassParams<T>) => {
    if (!range.current || fillTo.current === null || p.node.rowIndex === null) return false;
    const b = bounds(range.current);
    return p.node.rowIndex > b.bottom && p.node.rowIndex <= fillTo.current && contains({ ...b, top: 0, bottom: Infinity }, p.node.rowIndex, colIndex(p.column.getColId()));
  };

  /** Text committed onto the cell an editor is opening for, if it was opened by `onBeforeInput` below. */
  const committedOnto = (p: ICellEditorParams<T>): string | null => {
    const t = typedOnto.current;
    return t && t.rowIndex === p.rowIndex && t.colId === p.column.getColId() ? t.text : null;
  };

  /**
   * Adds the range marks to each column's own class rules, and hands what was typed onto a
   * selected cell to the text editor, for list columns too.
   */
  const decorate = useCallback(
    (columns: ColDef<T>[]): ColDef<T>[] =>
      columns.map((c) => {
        const marked: ColDef<T> = {
          ...c,
          cellClassRules: { ...c.cellClassRules, 'cell-in-range': inRange, 'cell-range-corner': isCorner, 'cell-fill-target': inFill },
        };
        if (c.cellEditor === TextEditor) {
          const own: unknown = c.cellEditorParams;
          const base = typeof own === 'object' && own !== null ? own : {};
          // Called by AG Grid as it opens the editor, inside `startEditingCell` below.
          marked.cellEditorParams = (p: ICellEditorParams<T>) => {
            const typed = committedOnto(p);
            return typed === null ? base : { ...base, typed };
          };
        } else if (c.cellEditor === listEditor) {
          // A list cell takes typing as in Excel and WPS: characters typed onto it open a text
          // editor with them, and the core reads the text (a label, a code, a synonym such as
          // 差 → 后进; a word it cannot read is kept and marked red). Enter, F2 and a double
          // click still open the list to pick from.
          marked.cellEditorSelector = (p: ICellEditorParams<T>) => {
            const typed = committedOnto(p) ?? (isCharacter(p.eventKey) ? p.eventKey : null);
            return typed === null ? undefined : { component: TextEditor, params: { typed } };
          };
        }
        return marked;
      }),
    [],
  );

  /**
   * A selected cell is not a text field: text committed onto it as a whole (an input method's
   * commit, a handwriting pad, an automation's insertText) comes as no key the grid would start
   * editing on, and the browser drops it. Open the cell's editor with that text instead.
   */
  const onBeforeInput = useCallback((e: InputEvent) => {
    const target = e.target as HTMLElement;
    if (!e.data || !e.inputType.startsWith('insert') || target.closest('input, textarea, [contenteditable="true"]')) return;
    const cell = target.closest('.ag-cell');
    const colId = cell?.getAttribute('col-id');
    const rowIndex = Number(cell?.closest('.ag-row')?.getAttribute('row-index'));
    const g = api();
    if (!g || !colId || !Number.isInteger(rowIndex) || !opts.current.isEditable(colId)) return;
    const editor: unknown = g.getColumn(colId)?.getColDef().cellEditor;
    if (editor !== TextEditor && editor !== listEditor) return;
    e.preventDefault();
    typedOnto.current = { rowIndex, colId, text: e.data };
    try {
      g.startEditingCell({ rowIndex, colKey: colId });
    } finally {
      typedOnto.current = null;
    }
  }, []);
  const containerRef = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return;
      el.addEventListener('beforeinput', onBeforeInput);
      return () => el.removeEventListener('beforeinput', onBeforeInput);
    },
    [onBeforeInput],
  );

  const cellRef = (rowIndex: number | null, colId: string) => ({ row: rowIndex ?? 0, col: colIndex(colId) });
  /** The data cell an element is in: not the totals row (its row index is not a number), not the checkbox column. */
  const dataCellAt = (el: HTMLElement): CellRef | null => {
    const cell = el.closest('.ag-cell');
    const colId = cell?.getAttribute('col-id');
    const rowIndex = Number(cell?.closest('.ag-row')?.getAttribute('row-index'));
    return colId && !colId.startsWith('ag-Grid-') && Number.isInteger(rowIndex) ? cellRef(rowIndex, colId) : null;
  };

  const gridProps = {
    preventDefaultOnContextMenu: true,
    onCellFocused: (e: CellFocusedEvent<T>) => {
      if (pointerFocus.current) return;
      if (drag.current || e.rowIndex === null || e.rowPinned || typeof e.column !== 'object' || !e.column) return;
      const colId = e.column.getColId();
      if (colId.startsWith('ag-Grid-')) return;
      const here = cellRef(e.rowIndex, colId);
      // The grid focusing the selection's anchor again (new rows arrived, e.g. the rest of the
      // year after its first screenful) is not a move: the selection stays.
      const a = range.current?.anchor;
      if (a && a.row === here.row && a.col === here.col && !shiftHeld.current) return;
      setRange(shiftHeld.current && range.current ? { anchor: range.current.anchor, focus: here } : { anchor: here, focus: here });
    },
    onCellContextMenu: (e: CellContextMenuEvent<T>) => {
      const ev = e.event as MouseEvent | null;
      if (!ev || e.node.rowPinned) return;
      const here = cellRef(e.rowIndex, e.column.getColId());
      if (!range.current || !contains(bounds(range.current), here.row, here.col)) setRange({ anchor: here, focus: here });
      setMenu({ x: ev.clientX, y: ev.clientY, row: e.node.data ?? null });
    },
    // Sorting and filtering move rows: a selection by position would point elsewhere.
    onSortChanged: () => setRange(null),
    onFilterChanged: () => setRange(null),
  };

  const containerProps = {
    ref: containerRef,
    onKeyDownCapture: (e: React.KeyboardEvent) => {
      shiftHeld.current = e.shiftKey;
      pointerFocus.current = false;
      const g = api();
      if (!g || g.getEditingCells().length > 0) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const stop = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      if (e.shiftKey && !mod && e.key.startsWith('Arrow')) {
        // AG Grid Community has no range selection: Shift+arrows move our selection's far corner.
        stop();
        const cols = dataColumns(g);
        const start = selection();
        if (!start) return;
        const dRow = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
        const dCol = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        const focus = {
          row: Math.max(0, Math.min(g.getDisplayedRowCount() - 1, start.focus.row + dRow)),
          col: Math.max(0, Math.min(cols.length - 1, start.focus.col + dCol)),
        };
        setRange({ anchor: start.anchor, focus });
        g.ensureIndexVisible(focus.row);
        g.ensureColumnVisible(cols[focus.col]!);
      } else if (mod && key === 'a') {
        stop();
        const last = g.getDisplayedRowCount() - 1;
        if (last >= 0) setRange({ anchor: { row: 0, col: 0 }, focus: { row: last, col: dataColumns(g).length - 1 } });
      } else if (mod && key === 'd') {
        stop();
        void fillDown();
      } else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) {
        stop();
        void undoOrRedo('redo');
      } else if (mod && key === 'z') {
        stop();
        void undoOrRedo('undo');
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        // One cell AG Grid clears itself; a block is ours.
        const r = selection();
        if (!r || cellCount(bounds(r)) === 1) return;
        stop();
        void clearRange();
      }
    },
    onMouseDownCapture: (e: React.MouseEvent) => {
      const target = e.target as HTMLElement;
      // Whatever was dragging is over: a new press starts afresh.
      drag.current = null;
      fillTo.current = null;
      pointerFocus.current = true;
      if (e.button !== 0) return;
      // The fill handle, the small square at the selection's bottom-right corner. Handled here,
      // synchronously, before AG Grid would start a new selection (its events arrive late).
      const corner = target.closest('.ag-cell.cell-range-corner');
      const rect = corner?.getBoundingClientRect();
      if (range.current && rect && rect.right - e.clientX <= 10 && rect.bottom - e.clientY <= 10) {
        e.preventDefault();
        e.stopPropagation();
        drag.current = 'fill';
        fillTo.current = bounds(range.current).bottom;
        return;
      }
      // A press on a cell starts the selection here, at once: AG Grid's own mouse-down event comes
      // later, and a paste or key right after the click would still find the old selection. The
      // selection drags on only while this button is held (see onMouseOverCapture).
      const here = dataCellAt(target);
      if (!here) return;
      // Shift extends what was selected (not `selection()`: AG Grid has moved its focus here on pointerdown).
      setRange(e.shiftKey && range.current ? { anchor: range.current.anchor, focus: here } : { anchor: here, focus: here });
      if (e.buttons & 1) drag.current = 'select';
    },
    onMouseOverCapture: (e: React.MouseEvent) => {
      if (drag.current !== 'select') return;
      if ((e.buttons & 1) === 0) {
        drag.current = null;
        return;
      }
      const here = dataCellAt(e.target as HTMLElement);
      const r = range.current;
      if (here && r && (r.focus.row !== here.row || r.focus.col !== here.col)) setRange({ anchor: r.anchor, focus: here });
    },
    onKeyUpCapture: (e: React.KeyboardEvent) => {
      shiftHeld.current = e.shiftKey;
    },
    onCopy: (e: React.ClipboardEvent) => {
      if (api()?.getEditingCells().length) return;
      const text = copyText();
      if (text === null) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', text);
    },
    onPaste: (e: React.ClipboardEvent) => {
      if (api()?.getEditingCells().length) return;
      e.preventDefault();
      void pasteText(e.clipboardData.getData('text/plain'));
    },
  };

  const status = useMemo(() => {
    void tick;
    const g = api();
    if (!g || !range.current) return null;
    const b = bounds(range.current);
    const { cols, rows } = cellsOf(b);
    const values = rows.flatMap((node) => cols.map((colId) => g.getCellValue({ rowNode: node, colKey: colId })));
    return { cells: cellCount(b), ...summarise(values) };
  }, [tick, cellsOf]);

  const contextMenu: ReactNode = menu && (
    <Dropdown
      open
      onOpenChange={(open) => !open && setMenu(null)}
      trigger={['contextMenu']}
      menu={{
        items: [
          { key: 'copy', label: '复制（Ctrl+C）' },
          { key: 'copy-headers', label: '复制（含表头）' },
          { key: 'paste', label: '粘贴（Ctrl+V）' },
          { key: 'fill', label: '向下填充（Ctrl+D）' },
          { type: 'divider' },
          { key: 'undo', label: '撤销（Ctrl+Z）', disabled: undoStack.current.length === 0 },
          { key: 'redo', label: '重做（Ctrl+Y）', disabled: redoStack.current.length === 0 },
          { type: 'divider' },
          { key: 'insert', label: '插入行', disabled: !opts.current.menu?.insertRow },
          { key: 'delete', label: '删除行', disabled: !opts.current.menu?.deleteRows },
          { key: 'history', label: '这一行的修改记录', disabled: !opts.current.menu?.history || !menu.row },
        ],
        onClick: async ({ key }) => {
          const row = menu.row;
          setMenu(null);
          if (key === 'copy' || key === 'copy-headers') {
            const text = copyText(key === 'copy-headers');
            if (text !== null) await navigator.clipboard.writeText(text).catch(() => message.info('请使用 Ctrl+C 复制。'));
          } else if (key === 'paste') {
            const text = await navigator.clipboard.readText().catch(() => null);
            if (text === null) message.info('浏览器不允许从菜单读取剪贴板，请使用 Ctrl+V 粘贴。');
            else await pasteText(text);
          } else if (key === 'fill') await fillDown();
          else if (key === 'undo') await undoOrRedo('undo');
          else if (key === 'redo') await undoOrRedo('redo');
          else if (key === 'insert') opts.current.menu?.insertRow?.();
          else if (key === 'delete' && range.current) opts.current.menu?.deleteRows?.(cellsOf(bounds(range.current)).rows.map((n) => n.data!));
          else if (key === 'history' && row) opts.current.menu?.history?.(row);
        },
      }}
    >
      <div style={{ position: 'fixed', left: menu.x, top: menu.y, width: 1, height: 1 }} />
    </Dropdown>
  );

  return { gridProps, containerProps, decorate, status, contextMenu, pushUndo, undoOrRedo };
}
