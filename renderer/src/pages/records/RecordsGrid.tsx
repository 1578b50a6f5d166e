/**
 * A record table (leaders, points, work records, projects, problems, evaluations)
 * in the shared spreadsheet grid: typed editors, kept-but-invalid values in red,
 * paste, fill, undo and redo on the core's change sets, a totals row, a recycle
 * bin, each row's history. Names link to the leader's or the branch's card.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Drawer, Dropdown, Input, Popconfirm, Space, Table, Tooltip, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, EllipsisOutlined, HistoryOutlined, PlusOutlined, RestOutlined } from '@ant-design/icons';
import type { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ICellRendererParams } from 'ag-grid-community';
import type { DictEntry, RecordEditResult, RecordRow } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { recordTables, type RecordTable } from '../../../../shared/domain/records.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { DataGrid } from '../../grid/DataGrid.tsx';
import { columnFor } from '../../grid/columns.ts';
import { StatusBar } from '../../grid/StatusBar.tsx';
import { useSpreadsheet } from '../../grid/useSpreadsheet.tsx';
import { leftOutMarks, totalsOf } from '../../grid/totals.ts';
import { revertRecords } from '../../grid/undoStack.ts';
import { numberFormat } from '../../labels.ts';
import { useFold, useShortWindow } from '../../screen.ts';
import { HistoryDrawer } from '../ledger/HistoryDrawer.tsx';
import { AddRecordDialog, type AddPreset } from './AddRecordDialog.tsx';

export interface RecordFilter {
  leaderId?: number;
  orgId?: number;
  liaisonId?: number;
  due?: 'overdue' | 'soon10' | 'soon20';
  /** Problems: only these states. */
  status?: string[];
}

export interface RecordsGridProps {
  table: RecordTable;
  year: number;
  scopeOrgId?: number | undefined;
  filter?: RecordFilter;
  /** Fields to leave out (refs are always left out: their names show instead). */
  hide?: string[];
  /** Fields pinned at the left. */
  pinned?: string[];
  onOpenLeader?: (id: number) => void;
  onOpenBranch?: (orgId: number) => void;
  /** What a new record starts with (a point for a leader's card …). */
  addPreset?: AddPreset;
  toolbar?: ReactNode;
  /** Bumped by the page when something else changed these records. */
  reloadKey?: number;
  onChanged?: () => void;
  /**
   * Buttons that act on the selected rows (a problem's 领账, 销号 …): `applied` puts the rows a
   * call returned into the grid and its change set on the grid's undo (Ctrl+Z).
   */
  actions?: (selected: RecordRow[], applied: (result: RecordEditResult, label: string) => void) => ReactNode;
  /** The page's own items of the 更多 menu on a short window (a side panel shown or hidden …). */
  more?: MoreItem[];
}

export interface MoreItem {
  key: string;
  label: string;
  icon?: ReactNode;
  onClick: () => void;
}

const read = (data: RecordRow | undefined, field: string) => data?.values[field];

/** Cells that open a card: a leader's name, a branch's name. */
function linkRenderer(open: (row: RecordRow) => void) {
  return (p: ICellRendererParams<RecordRow>) =>
    p.node.rowPinned || !p.data ? (
      p.valueFormatted ?? p.value
    ) : (
      <Typography.Link onClick={() => open(p.data!)} onMouseDown={(e) => e.stopPropagation()}>
        {p.valueFormatted ?? p.value}
      </Typography.Link>
    );
}

export function RecordsGrid(props: RecordsGridProps) {
  const { table, year, scopeOrgId, filter, onOpenLeader, onOpenBranch } = props;
  const api = useApi();
  const { message } = AntApp.useApp();
  const def = recordTables[table];
  const grid = useRef<AgGridReact<RecordRow>>(null);
  const dicts = useCall('dict.list', {});
  const [rows, setRows] = useState<RecordRow[] | null>(null);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<RecordRow[]>([]);
  const [drawer, setDrawer] = useState<'add' | 'bin' | { history: RecordRow } | null>(null);
  const [shown, setShown] = useState(0);
  /** Rows in the grid: what was read, plus those added and less those deleted since (the grid is told each). */
  const [total, setTotal] = useState(0);
  // A short window (1366×768): the toolbar keeps one line so 20 rows show; 修改记录 folds into 更多
  // first, then 已删除, as the line needs. A taller window may wrap it and keeps every button in sight.
  const short = useShortWindow();
  const toolbarRef = useRef<HTMLDivElement>(null);
  const fold = useFold(toolbarRef, short ? 2 : 0);
  const shows = (rank: number) => fold < rank;
  const more = short ? (props.more ?? []) : [];

  // The core searches too (names, pinyin initials), a moment after typing stops.
  useEffect(() => {
    const t = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(t);
  }, [text]);

  const args = useMemo(
    () => ({ table, year, ...(scopeOrgId !== undefined ? { scopeOrgId } : {}), ...filter, ...(search ? { text: search } : {}) }),
    [table, year, scopeOrgId, filter, search],
  );
  const load = useCallback(async () => {
    setRows(null);
    setRows((await api.call('records.list', args)).rows);
  }, [api, args]);
  useEffect(() => {
    void load().catch((e: Error) => message.error(e.message));
  }, [load, message, props.reloadKey]);

  const editable = useMemo(() => new Set(def.fields.filter((f) => f.editable).map((f) => f.field)), [def]);
  // The page re-renders after every write (its rules are read again) with new handlers and new
  // arrays: the columns must not be rebuilt for that, or AG Grid redraws them (and drops an
  // editor being opened). They change only with what they show.
  const opens = useRef({ onOpenLeader, onOpenBranch });
  opens.current = { onOpenLeader, onOpenBranch };
  const [canOpenLeader, canOpenBranch] = [!!onOpenLeader, !!onOpenBranch];
  const hideKey = (props.hide ?? []).join(',');
  const pinnedKey = (props.pinned ?? []).join(',');
  const columns = useMemo<ColDef<RecordRow>[]>(() => {
    const hide = new Set(hideKey.split(','));
    const pinned = new Set(pinnedKey.split(','));
    const leader = (id: number) => opens.current.onOpenLeader?.(id);
    const branch = (orgId: number) => opens.current.onOpenBranch?.(orgId);
    return def.fields
      .filter((f) => f.type !== 'ref' && !hide.has(f.field))
      .map((f) => {
        const col: ColDef<RecordRow> = { ...columnFor<RecordRow>(f, dicts.data ?? [], read), ...(pinned.has(f.field) ? { pinned: 'left' as const } : {}) };
        if (f.field === 'leaderName' && canOpenLeader) col.cellRenderer = linkRenderer((r) => leader(Number(r.values.leaderId)));
        if (table === 'leader' && f.field === 'name' && canOpenLeader) col.cellRenderer = linkRenderer((r) => leader(r.id));
        if ((f.field === 'branchName' || f.field === 'unitName') && canOpenBranch) col.cellRenderer = linkRenderer((r) => branch(Number(r.values.orgId)));
        return col;
      });
  }, [def, dicts.data, hideKey, pinnedKey, table, canOpenLeader, canOpenBranch]);

  // The 合计 row: every summed column of the table, over the rows the filters leave; the label in the first column shown.
  const updateTotals = useCallback(
    (g: GridApi<RecordRow>) => {
      const sum = totalsOf<RecordRow>(def.fields, (add) => g.forEachNodeAfterFilter((n) => n.data && add(n.data)), read);
      const { count, sums } = sum;
      const totals: RecordRow = { id: -1, uid: '', revision: 0, deletedAt: null, invalid: leftOutMarks(sum), values: sums };
      const first = columns.find((c) => !c.hide)?.colId;
      if (first) totals.values[first] = '合计';
      g.setGridOption('pinnedBottomRowData', [totals]);
      setShown(count);
      let all = 0;
      g.forEachNode((n) => n.data && all++);
      setTotal(all);
    },
    [def, columns],
  );

  const sheet = useSpreadsheet<RecordRow>({
    grid,
    write: (changes, source) => api.call('records.edit', { table, year, changes: changes.map((c) => ({ id: c.row.id, field: c.colId, value: c.value })), source }),
    revert: revertRecords(api, table, year, (ids) => grid.current?.api.applyTransaction({ remove: ids.flatMap((id) => grid.current?.api.getRowNode(String(id))?.data ?? []) })),
    isEditable: (colId) => editable.has(colId),
    rawValue: (row, colId) => (row.invalid?.[colId]?.raw ?? row.values[colId] ?? null) as CellValue,
    editLabel: (_row, header) => `修改${header}`,
    // The liaison rules and the cards depend on these rows: every write tells the page, typed or pasted.
    onWritten: () => {
      // An undo brings rows back as new objects: the selection the buttons act on is read again.
      setSelected(grid.current?.api.getSelectedRows() ?? []);
      props.onChanged?.();
    },
    menu: {
      insertRow: () => setDrawer('add'),
      deleteRows: (r) => void remove(r),
      history: (row) => setDrawer({ history: row }),
    },
  });
  const decorated = useMemo(() => sheet.decorate(columns), [sheet.decorate, columns]);
  // New columns (the dictionaries arrived or changed) do not redraw the cells already drawn:
  // a dictionary cell would stay blank until scrolled. Redraw them.
  useEffect(() => {
    const t = setTimeout(() => grid.current?.api?.refreshCells({ force: true }), 0);
    return () => clearTimeout(t);
  }, [decorated]);

  const remove = async (toDelete: RecordRow[]) => {
    if (toDelete.length === 0) return;
    const result = await api.call('records.delete', { table, ids: toDelete.map((r) => r.id) });
    grid.current?.api.applyTransaction({ remove: toDelete });
    sheet.pushUndo(result.changeSetId, `删除 ${toDelete.length} 条`);
    setSelected([]);
    message.success(`已删除 ${result.deleted} 条${def.noun}，可按 Ctrl+Z 撤销，或在“已删除”中恢复。`);
    props.onChanged?.();
  };

  const applied = (result: RecordEditResult, label: string) => {
    const g = grid.current?.api;
    g?.applyTransaction({ update: result.rows });
    setSelected(g?.getSelectedRows() ?? []);
    sheet.pushUndo(result.changeSetId, label);
    props.onChanged?.();
  };

  const labelOf = useCallback(
    (field: string | null, v: unknown) => {
      const f = def.fields.find((x) => x.field === field);
      if (!f?.dict || typeof v !== 'string') return v;
      return dicts.data?.find((d: DictEntry) => d.dict === f.dict && d.code === v)?.label ?? v;
    },
    [def, dicts.data],
  );

  return (
    <div className="ledger-page" data-testid={`records-${table}`}>
      <div className="ledger-toolbar" ref={toolbarRef}>
        {props.toolbar}
        <Input.Search allowClear style={{ width: short ? 160 : 220 }} placeholder="搜索姓名、名称或拼音首字母" value={text} onChange={(e) => setText(e.target.value)} aria-label={`搜索${def.noun}`} />
        <Space.Compact>
          <Button icon={<PlusOutlined />} onClick={() => setDrawer('add')}>新增</Button>
          <Popconfirm title={`删除所选 ${selected.length} 条？`} description="删除后可在“已删除”中恢复。" okText="删除" cancelText="取消" disabled={selected.length === 0} onConfirm={() => remove(selected)}>
            <Button icon={<DeleteOutlined />} disabled={selected.length === 0}>删除</Button>
          </Popconfirm>
          {shows(2) && <Button data-fold={2} icon={<RestOutlined />} onClick={() => setDrawer('bin')}>已删除</Button>}
        </Space.Compact>
        {shows(1) && (
          <Tooltip title="选中一行后查看它的修改记录">
            <Button data-fold={1} icon={<HistoryOutlined />} disabled={selected.length !== 1} onClick={() => setDrawer({ history: selected[0]! })}>修改记录</Button>
          </Tooltip>
        )}
        {props.actions?.(selected, applied)}
        {(fold > 0 || more.length > 0) && (
          <Dropdown
            trigger={['click']}
            autoFocus
            menu={{
              items: [
                ...(shows(1) ? [] : [{ key: 'history', icon: <HistoryOutlined />, label: '修改记录（选中一行）', disabled: selected.length !== 1 }]),
                ...(shows(2) ? [] : [{ key: 'bin', icon: <RestOutlined />, label: '已删除' }]),
                ...more.map((m) => ({ key: `page-${m.key}`, icon: m.icon, label: m.label })),
              ] satisfies MenuProps['items'],
              onClick: ({ key }) => {
                if (key === 'history') setDrawer({ history: selected[0]! });
                else if (key === 'bin') setDrawer('bin');
                else more.find((m) => `page-${m.key}` === key)?.onClick();
              },
            }}
          >
            <Button data-fold-more icon={<EllipsisOutlined />}>更多</Button>
          </Dropdown>
        )}
      </div>
      <div className="ledger-grid" {...sheet.containerProps}>
        <DataGrid<RecordRow>
          ref={grid}
          // Rows wait for the dictionaries: a cell drawn before its labels are known stays blank.
          rowData={dicts.data ? rows : null}
          columnDefs={decorated}
          {...sheet.gridProps}
          getRowId={(p) => String(p.data.id)}
          loading={rows === null || !dicts.data}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
          selectionColumnDef={{ pinned: 'left', width: 44 }}
          defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
          onModelUpdated={(e) => updateTotals(e.api)}
          overlayNoRowsTemplate={`没有${def.noun}`}
        />
      </div>
      <StatusBar
        status={sheet.status}
        rows={<span data-testid={`row-count-${table}`}>{rows === null ? '正在读取…' : `共 ${numberFormat.format(total)} 条${shown !== total ? `，筛选后 ${numberFormat.format(shown)} 条` : ''}`}</span>}
      />
      {sheet.contextMenu}
      {drawer === 'add' && (
        <AddRecordDialog
          table={table}
          year={year}
          dicts={dicts.data ?? []}
          {...(props.addPreset ? { preset: props.addPreset } : {})}
          onClose={() => setDrawer(null)}
          onAdded={(result) => {
            setDrawer(null);
            const g = grid.current?.api;
            g?.applyTransaction({ add: result.rows, addIndex: 0 });
            const node = result.rows[0] && g?.getRowNode(String(result.rows[0].id));
            if (g && node) g.ensureNodeVisible(node, 'top');
            sheet.pushUndo(result.changeSetId, `新增${def.noun}`);
            for (const p of result.problems) message.warning(p.message);
            message.success(`已新增${def.noun}`);
            props.onChanged?.();
          }}
        />
      )}
      {drawer === 'bin' && (
        <RecordBin
          table={table}
          year={year}
          scopeOrgId={scopeOrgId}
          onClose={() => setDrawer(null)}
          onRestored={(restored) => {
            grid.current?.api.applyTransaction({ add: restored });
            props.onChanged?.();
          }}
        />
      )}
      {drawer !== null && typeof drawer === 'object' && (
        <HistoryDrawer load={() => api.call('records.history', { table, id: drawer.history.id })} title={String(drawer.history.values.name ?? drawer.history.values.branchName ?? drawer.history.values.description ?? def.noun)} labelOf={labelOf} onClose={() => setDrawer(null)} />
      )}
    </div>
  );
}

function RecordBin({ table, year, scopeOrgId, onClose, onRestored }: { table: RecordTable; year: number; scopeOrgId: number | undefined; onClose: () => void; onRestored: (rows: RecordRow[]) => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const def = recordTables[table];
  const deleted = useCall('records.list', scopeOrgId === undefined ? { table, year, deleted: true } : { table, year, deleted: true, scopeOrgId });
  const shownFields = def.fields.filter((f) => f.type !== 'ref').slice(0, 3);
  return (
    <Drawer open title={`已删除的${def.noun}（${year} 年）`} width={640} onClose={onClose}>
      <Table<RecordRow>
        size="small"
        rowKey="id"
        loading={deleted.loading}
        dataSource={deleted.data?.rows ?? []}
        locale={{ emptyText: `没有已删除的${def.noun}` }}
        columns={[
          ...shownFields.map((f) => ({ title: f.label, render: (_: unknown, r: RecordRow) => String(r.values[f.field] ?? '') })),
          { title: '删除时间', dataIndex: 'deletedAt', width: 160, render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }) },
          {
            title: '',
            width: 80,
            render: (_: unknown, r: RecordRow) => (
              <Button
                size="small"
                onClick={async () => {
                  onRestored(await api.call('records.restore', { table, year, ids: [r.id] }));
                  message.success('已恢复');
                  deleted.reload();
                }}
              >
                恢复
              </Button>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
