/**
 * 分类台账: one row per branch for a year, edited in the grid like a spreadsheet.
 * Every edit goes to the core, which parses, checks, audits and answers with the
 * row as stored; the grid shows that answer (a value not understood stays, in red).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App as AntApp, Button, Dropdown, Input, Modal, Popconfirm, Select, Space, Tooltip, Typography } from 'antd';
import { DeleteOutlined, ExportOutlined, IdcardOutlined, FileSearchOutlined, HistoryOutlined, PlusOutlined, RestOutlined, SafetyCertificateOutlined, CopyOutlined, EllipsisOutlined } from '@ant-design/icons';
import type { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import type { CheckRowRef, DictEntry, LedgerList, LedgerRow } from '../../../../shared/contract/types.ts';
import { ledgerColumns } from '../../../../shared/domain/ledger.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { DataGrid } from '../../grid/DataGrid.tsx';
import { columnFor, compareZh } from '../../grid/columns.ts';
import { numberFormat } from '../../labels.ts';
import { fitScreenBody } from '../../dialogs.ts';
import { ScopePicker } from './ScopePicker.tsx';
import { useUnit } from '../../unit.tsx';
import { ChecksDrawer } from './ChecksDrawer.tsx';
import { HistoryDrawer } from './HistoryDrawer.tsx';
import { RecycleBin } from './RecycleBin.tsx';
import { AddBranchDialog } from './AddBranchDialog.tsx';
import { useSpreadsheet } from '../../grid/useSpreadsheet.tsx';
import { leftOutMarks, totalsOf } from '../../grid/totals.ts';
import { revertLedger } from '../../grid/undoStack.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { StatusBar } from '../../grid/StatusBar.tsx';
import { BranchCard, LeaderCard } from '../liaison/Cards.tsx';
import { AddRecordDialog } from '../records/AddRecordDialog.tsx';
import { ExportPanel, type GridScope } from '../export/ExportPanel.tsx';
import { startingState, ViewsMenu } from '../../grid/ViewsMenu.tsx';
import { useFold } from '../../screen.ts';
import { askFirstScreen, FIRST_PAGE, ledgerQuery, openingYear } from './firstScreen.ts';

const editableFields = new Set<string>(ledgerColumns.filter((c) => c.editable).map((c) => c.field));

type Drawer = 'checks' | 'bin' | 'add' | { export: GridScope } | { history: LedgerRow } | { branch: number } | { leader: number } | { assign: { orgId: number; name: string } } | null;

const readLedger = (row: LedgerRow, field: string): unknown => (row as unknown as Record<string, unknown>)[field];

function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function useLedgerColumns(dicts: DictEntry[], showCounty: boolean): ColDef<LedgerRow>[] {
  return useMemo(() => {
    const byField = new Map(ledgerColumns.map((c) => [c.field, columnFor<LedgerRow>(c, dicts)]));
    const name = byField.get('name')!;
    return [
      { colId: 'county', headerName: '旗县区', field: 'county', width: 130, pinned: 'left', hide: !showCounty, comparator: compareZh, filter: 'agTextColumnFilter' },
      {
        colId: 'township',
        headerName: '苏木乡镇（街道）',
        field: 'township',
        width: 160,
        pinned: 'left',
        comparator: compareZh,
        filter: 'agTextColumnFilter',
        // Found by its initials too, as in the tree: tyz shows 天义镇's branches.
        getQuickFilterText: (p) => `${p.data.township ?? ''} ${p.data.townshipInitials ?? ''}`,
      },
      {
        ...name,
        pinned: 'left',
        // Pinyin order from the stored key; the quick search also matches the initials (xhc → 新华村党支部).
        comparator: (_a, _b, na, nb) => compareZh(na.data?.nameSort, nb.data?.nameSort),
        getQuickFilterText: (p) => `${p.data.name} ${p.data.initials}`,
      },
      ...ledgerColumns.filter((c) => c.field !== 'name').map((c) => byField.get(c.field)!),
      { colId: 'liaisonLeaders', headerName: '联系领导', field: 'liaisonLeaders', width: 140, editable: false, comparator: compareZh, filter: 'agTextColumnFilter', headerTooltip: '由“联系点”自动得出，不在此处填写' },
    ];
  }, [dicts, showCounty]);
}

export function LedgerPage() {
  const api = useApi();
  const { message } = AntApp.useApp();
  const grid = useRef<AgGridReact<LedgerRow>>(null);
  const gridApi = useCallback(() => grid.current?.api, []);
  // 1366×768: the toolbar keeps one line, its rarer buttons in 更多.
  const toolbar = useRef<HTMLDivElement>(null);
  // Folded first: 修改记录, then 已删除, then 党支部名片 and 检查, as many as the line needs (1366×768: all).
  const fold = useFold(toolbar, 3);
  const shows = (rank: number) => fold < rank;
  // The unit every page shows: the department's at first, then whatever was chosen on any page.
  const { current: scope, setCurrent: setScope } = useUnit();
  // Asked as the page is first drawn, before the calls below go out one part at a time: they take these answers.
  const asked = useRef(false);
  if (!asked.current) {
    asked.current = true;
    askFirstScreen(api, scope?.id ?? null);
  }
  const dicts = useCall('dict.list', {});
  const years = useCall('ledger.years', {});
  const [year, setYear] = useState<number | null>(() => (years.data ? openingYear(years.data) : null));
  // The first screenful, when it was asked for at start and is here before the page is drawn: drawn with at once
  // (taken on the first render only; the first load then reads the rest).
  const opening = useRef<LedgerList | undefined | null>(null);
  if (opening.current === null) opening.current = year === null ? undefined : api.takeAnswered('ledger.list', { ...ledgerQuery(year, scope?.id), limit: FIRST_PAGE });
  const [rows, setRows] = useState<LedgerRow[] | null>(() => opening.current?.rows ?? null);
  const [quick, setQuick] = useState('');
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [selected, setSelected] = useState<LedgerRow[]>([]);
  const [shown, setShown] = useState(0);
  // The rows the grid holds, filtered or not: rows added or deleted in the grid change it, the year read does not.
  const [held, setHeld] = useState<number | null>(null);
  const [total, setTotal] = useState(() => opening.current?.total ?? 0);
  const [partial, setPartial] = useState(() => (opening.current?.total ?? 0) > FIRST_PAGE);
  // Why the rows could not be read (a damaged database): said where the count would be, not 正在读取… for ever.
  const [failed, setFailed] = useState<string | null>(null);
  const readFailure = years.error?.message ?? failed;
  const columns = useLedgerColumns(dicts.data ?? [], scope === null || scope.level === 'city');

  useEffect(() => {
    if (year === null && years.data) setYear(openingYear(years.data));
  }, [years.data, year]);

  // Which load is the latest: a unit or year chosen while the last one's rows are on their way
  // must not be overwritten by them when they arrive (a slow league after a quick township).
  const loadSeq = useRef(0);
  const load = useCallback(async () => {
    if (year === null) return;
    const seq = ++loadSeq.current;
    const stale = () => seq !== loadSeq.current;
    const args = ledgerQuery(year, scope?.id);
    // The first screenful at once, then the whole year: a league of 100,000 rows is
    // seconds of transfer, and staff start reading at the top. The page may have been drawn with it.
    let first = opening.current;
    opening.current = undefined;
    if (!first) {
      setRows(null);
      setFailed(null);
      // Another year or unit: nothing of the last one stays selected (a 删除 must only ever act on rows in view).
      setSelected([]);
      setShown(0);
      setHeld(null);
      setPartial(false);
      first = await api.call('ledger.list', { ...args, limit: FIRST_PAGE });
      if (stale()) return;
      setRows(first.rows);
      setTotal(first.total);
    }
    if (first.total <= FIRST_PAGE) return;
    setPartial(true);
    // Let the first rows paint before the whole year's answer occupies the page.
    await afterPaint();
    if (stale()) return;
    const all = await api.call('ledger.list', args);
    if (stale()) return;
    setRows(all.rows);
    setTotal(all.total);
    // The grid's count of the first rows is not the year's: counted again once it holds them all.
    setHeld(null);
    setPartial(false);
  }, [api, year, scope]);
  useEffect(() => {
    void load().catch((e: Error) => {
      message.error(e.message);
      setFailed(e.message);
    });
  }, [load, message]);

  // While the rest of the year is on its way (the first rows shown alone).
  const partialRef = useRef(false);
  partialRef.current = partial;
  // The 合计 row: every summed column of the ledger, over the rows the filters leave; none of the first rows alone.
  const updateTotals = useCallback((gridApi: GridApi<LedgerRow>) => {
    const totals = totalsOf<LedgerRow>(ledgerColumns, (add) => gridApi.forEachNodeAfterFilter((n) => n.data && add(n.data)), readLedger);
    const { count, sums } = totals;
    const totalsRow = partialRef.current ? { name: '合计（正在读取其余…）' } : { ...sums, name: `合计（${numberFormat.format(count)} 个）`, invalid: leftOutMarks(totals) };
    gridApi.setGridOption('pinnedBottomRowData', [totalsRow]);
    setShown(count);
    let all = 0;
    gridApi.forEachNode((n) => void (n.data && all++));
    setHeld(all);
  }, []);

  // What the status bar counts: no rows, no grid (its count would be the last year's); else the grid's own.
  const all = rows === null || rows.length === 0 ? 0 : (held ?? rows.length);

  const sheet = useSpreadsheet<LedgerRow>({
    grid,
    write: (changes, source) =>
      api.call('ledger.edit', { changes: changes.map((c) => ({ id: c.row.id, field: c.colId, value: c.value })), source }),
    revert: revertLedger(api, (ids) => grid.current?.api.applyTransaction({ remove: ids.flatMap((id) => grid.current?.api.getRowNode(String(id))?.data ?? []) })),
    isEditable: (colId) => editableFields.has(colId),
    rawValue: (row, colId) => (row.invalid?.[colId]?.raw ?? (readLedger(row, colId) as CellValue | undefined) ?? null),
    editLabel: (row, header) => `修改“${row.name}”的${header}`,
    // The first screenful is all the grid holds while the rest of the year is read: an edit now
    // would be overwritten by the year's answer, read before it.
    writesWait: () => (partialRef.current ? '正在读取其余的行，请稍候再编辑。' : null),
    addRows: async (count) => {
      const parentId = (scope?.level === 'township' ? scope.id : null) ?? lastTownshipId();
      if (parentId === null || year === null) {
        message.warning('无法确定新行所属的苏木乡镇（街道），请先在“范围”中选择一个乡镇。');
        return [];
      }
      // Placeholder names, unique in the unit; a pasted 党组织名称 column renames them at once.
      const stamp = Date.now().toString(36).slice(-4);
      const result = await api.call('ledger.addBranches', { year, parentId, names: Array.from({ length: count }, (_, i) => `新增党支部${stamp}-${i + 1}`) });
      const added = result.rows;
      sheet.pushUndo(result.changeSetId, `新增 ${count} 行`);
      grid.current?.api.applyTransaction({ add: added });
      return added;
    },
    menu: {
      insertRow: () => setDrawer('add'),
      deleteRows: (rows) => void deleteRows(rows),
      history: (row) => setDrawer({ history: row }),
    },
  });
  // A saved view's widths and pinning survive the columns being set again (startingState).
  const decorated = useMemo(() => startingState(sheet.decorate(columns)), [sheet.decorate, columns]);
  // New columns (the dictionaries arrived or changed) do not redraw the cells already drawn: redraw them.
  useEffect(() => {
    const t = setTimeout(() => grid.current?.api?.refreshCells({ force: true }), 0);
    return () => clearTimeout(t);
  }, [decorated]);

  const lastTownshipId = () => {
    const g = grid.current?.api;
    const n = g ? g.getDisplayedRowCount() : 0;
    return (n > 0 ? g!.getDisplayedRowAtIndex(n - 1)?.data?.townshipId : null) ?? null;
  };

  const deleteRows = async (toDelete: LedgerRow[]) => {
    if (toDelete.length === 0) return;
    const ids = toDelete.map((r) => r.id);
    const result = await api.call('ledger.delete', { ids });
    grid.current?.api.applyTransaction({ remove: toDelete });
    sheet.pushUndo(result.changeSetId, `删除 ${ids.length} 行`);
    setSelected([]);
    updateTotals(grid.current!.api);
    message.success(`已删除 ${ids.length} 行，可按 Ctrl+Z 撤销，或在“已删除”中恢复。`);
  };

  const focusRow = (ref: CheckRowRef) => {
    const g = grid.current?.api;
    const node = g?.getRowNode(String(ref.ledgerId));
    if (!g || !node) {
      message.info('这一行不在当前筛选结果中，请清除筛选后再试。');
      return;
    }
    g.ensureNodeVisible(node, 'middle');
    g.setFocusedCell(node.rowIndex!, 'name');
    g.flashCells({ rowNodes: [node] });
  };

  // Exactly what the grid shows, in its order: the scope "the rows of the current view".
  const exportView = () => {
    const g = grid.current?.api;
    if (!g) return;
    const ids: number[] = [];
    g.forEachNodeAfterFilterAndSort((n) => n.data && ids.push(n.data.id));
    const filtered = ids.length !== (rows?.length ?? 0);
    setDrawer({ export: { rowIds: ids, ...(scope ? { unitId: scope.id } : {}), label: `表格中当前显示的 ${numberFormat.format(ids.length)} 行${filtered ? '（已筛选）' : ''}` } });
  };

  const yearOptions = useMemo(() => {
    // Last year's ledger can start the next one: offer the year after the newest too.
    const newest = Math.max(new Date().getFullYear(), ...(years.data ?? []));
    const list = new Set([...(years.data ?? []), new Date().getFullYear(), newest + 1]);
    return [...list].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y} 年` }));
  }, [years.data]);

  const copyFromLastYear = async () => {
    if (year === null) return;
    try {
      const r = await api.call('ledger.copyYear', { from: year - 1, to: year });
      const n = numberFormat.format;
      message.success(`已从 ${year - 1} 年复制 ${n(r.copied)} 行${r.skipped ? `，${n(r.skipped)} 行本年已有，未覆盖` : ''}${r.closed ? `，${n(r.closed)} 个已撤销的党支部未复制` : ''}。`);
      years.reload();
      void load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const labelOf = useCallback(
    (field: string | null, v: unknown) => {
      const col = ledgerColumns.find((c) => c.field === field);
      if (!col?.dict || typeof v !== 'string') return v;
      return dicts.data?.find((d) => d.dict === col.dict && d.code === v)?.label ?? v;
    },
    [dicts.data],
  );

  return (
    <div className="ledger-page">
      <div className="ledger-toolbar" ref={toolbar}>
        <Select style={{ width: 110 }} value={year ?? undefined} options={yearOptions} onChange={setYear} aria-label="台账年度" />
        <ScopePicker value={scope} onChange={setScope} />
        <Input.Search
          allowClear
          style={{ width: 200 }}
          placeholder="搜索名称、书记或拼音首字母"
          value={quick}
          onChange={(e) => setQuick(e.target.value)}
          aria-label="快速搜索"
        />
        <Space.Compact>
          <Button icon={<PlusOutlined />} onClick={() => setDrawer('add')}>新增</Button>
          <Popconfirm
            title={`删除所选 ${selected.length} 行？`}
            description="删除后可在“已删除”中恢复。"
            okText="删除"
            cancelText="取消"
            disabled={selected.length === 0}
            onConfirm={() => deleteRows(selected)}
          >
            <Button icon={<DeleteOutlined />} disabled={selected.length === 0}>删除</Button>
          </Popconfirm>
          {shows(2) && <Button data-fold={2} icon={<RestOutlined />} onClick={() => setDrawer('bin')}>已删除</Button>}
        </Space.Compact>
        {shows(1) && (
          <Tooltip title="选中一行后查看它的修改记录">
            <Button data-fold={1} icon={<HistoryOutlined />} disabled={selected.length !== 1} onClick={() => setDrawer({ history: selected[0]! })}>修改记录</Button>
          </Tooltip>
        )}
        {shows(3) && (
          <>
            <Tooltip title="选中一行后查看这个党支部的联系领导、工作记录、实事项目、问题清单、对标检查和“最强党支部”评定环节">
              <Button data-fold={3} icon={<IdcardOutlined />} disabled={selected.length !== 1} onClick={() => setDrawer({ branch: selected[0]!.orgId })}>党支部名片</Button>
            </Tooltip>
            <Button data-fold={3} icon={<SafetyCertificateOutlined />} onClick={() => setDrawer('checks')}>检查</Button>
          </>
        )}
        <Tooltip title="按正式格式导出表格中现在显示的行（筛选、排序后的），或按组织机构导出、下发">
          <Button icon={<ExportOutlined />} disabled={rows === null || partial} onClick={exportView}>导出</Button>
        </Tooltip>
        <ViewsMenu<LedgerRow> grid="ledger" api={gridApi} quick={quick} setQuick={setQuick} ready={rows !== null && rows.length > 0 && dicts.data !== undefined} />
        {fold > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'history', icon: <HistoryOutlined />, label: '修改记录（选中一行）', disabled: selected.length !== 1 },
                ...(shows(2) ? [] : [{ key: 'bin', icon: <RestOutlined />, label: '已删除' }]),
                ...(shows(3)
                  ? []
                  : [
                      { key: 'branch', icon: <IdcardOutlined />, label: '党支部名片（选中一行）', disabled: selected.length !== 1 },
                      { key: 'checks', icon: <SafetyCertificateOutlined />, label: '检查' },
                    ]),
              ],
              onClick: ({ key }) => {
                if (key === 'bin') setDrawer('bin');
                else if (key === 'history') setDrawer({ history: selected[0]! });
                else if (key === 'branch') setDrawer({ branch: selected[0]!.orgId });
                else setDrawer('checks');
              },
            }}
          >
            <Button data-fold-more icon={<EllipsisOutlined />}>更多</Button>
          </Dropdown>
        )}
        {rows !== null && rows.length === 0 && year !== null && (
          <Popconfirm
            title={`用 ${year - 1} 年台账生成 ${year} 年台账？`}
            description={`复制 ${year - 1} 年全部单位（不只是当前范围）各党支部的书记、人数、等次等，备注不复制；本年已有的行不会被覆盖。`}
            okText="复制"
            cancelText="取消"
            onConfirm={copyFromLastYear}
          >
            <Button type="primary" icon={<CopyOutlined />}>复制上年台账</Button>
          </Popconfirm>
        )}

      </div>
      {rows !== null && rows.length === 0 ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <FileSearchOutlined style={{ fontSize: 40, color: '#bfbfbf' }} />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {year} 年{scope ? `“${scope.name}”` : ''}还没有台账。可以点“复制上年台账”以上一年为基础，或点“新增”逐个添加党支部。
          </Typography.Paragraph>
        </div>
      ) : (
        <div className="ledger-grid" {...sheet.containerProps}>
          <DataGrid<LedgerRow>
            ref={grid}
            rowData={rows}
            columnDefs={decorated}
            {...sheet.gridProps}
            getRowId={(p) => String(p.data.id)}
            quickFilterText={quick}
            cacheQuickFilter
            loading={rows === null && !readFailure}
            rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
            selectionColumnDef={{ pinned: 'left', width: 44 }}
            defaultColDef={{ sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
            onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
            onModelUpdated={(e) => updateTotals(e.api)}
            overlayNoRowsTemplate={readFailure ? "台账无法读取，原因见下方" : "没有符合条件的党支部"}
          />
        </div>
      )}
      <StatusBar
        status={sheet.status}
        rows={
          <span data-testid="row-count">
          {readFailure
            ? `读取失败：${readFailure}`
            : rows === null
            ? '正在读取…'
            : partial
              ? `共 ${numberFormat.format(total)} 行，正在读取其余…`
              : // No rows: no grid whose filter could show any (a count left from the year before is not this year's).
                // (筛选后: the grid's own count, once it has counted the rows it holds.)
                `共 ${numberFormat.format(all)} 行${all > 0 && held !== null && shown !== all ? `，筛选后 ${numberFormat.format(shown)} 行` : ''}`}
        </span>
        }
      />
      {sheet.contextMenu}
      {drawer === 'checks' && year !== null && <ChecksDrawer year={year} scopeOrgId={scope?.id} {...(scope ? { scopeName: scope.name } : {})} onClose={() => setDrawer(null)} onPick={focusRow} />}
      {drawer === 'bin' && year !== null && (
        <RecycleBin year={year} scopeOrgId={scope?.id} onClose={() => setDrawer(null)} onRestored={(restored) => (rows?.length === 0 ? setRows(restored) : grid.current?.api.applyTransaction({ add: restored }))} />
      )}
      {drawer === 'add' && year !== null && (
        <AddBranchDialog
          year={year}
          scope={scope}
          dicts={dicts.data ?? []}
          onClose={() => setDrawer(null)}
          onAdded={(row) => {
            setDrawer(null);
            // A year with no rows yet shows no grid: the first row added makes it (before, it went to no grid and did not show).
            if (rows?.length === 0) setRows([row]);
            const g = grid.current?.api;
            g?.applyTransaction({ add: [row], addIndex: 0 });
            const node = g?.getRowNode(String(row.id));
            if (g && node) g.ensureNodeVisible(node, 'top');
            sheet.pushUndo(row.changeSetId, `新增“${row.name}”`);
            message.success(`已新增“${row.name}”`);
          }}
        />
      )}
      {drawer !== null && typeof drawer === 'object' && 'export' in drawer && year !== null && (
        <ExportModal gridScope={drawer.export} year={year} onClose={() => setDrawer(null)} />
      )}
      {drawer !== null && typeof drawer === 'object' && 'branch' in drawer && year !== null && (
        <BranchCard
          orgId={drawer.branch}
          year={year}
          dicts={dicts.data ?? []}
          onClose={() => setDrawer(null)}
          onOpenLeader={(id) => setDrawer({ leader: id })}
          onAddLeader={(orgId, name) => setDrawer({ assign: { orgId, name } })}
        />
      )}
      {drawer !== null && typeof drawer === 'object' && 'assign' in drawer && year !== null && (
        <AddRecordDialog
          table="liaison"
          year={year}
          dicts={dicts.data ?? []}
          preset={{ values: { orgId: drawer.assign.orgId }, labels: { orgId: drawer.assign.name } }}
          onClose={() => setDrawer(null)}
          onAdded={() => {
            setDrawer(null);
            message.success('已指定联系领导');
            // The 联系领导 column is derived from the points: read the year again.
            void load();
          }}
        />
      )}
      {drawer !== null && typeof drawer === 'object' && 'leader' in drawer && year !== null && (
        <LeaderCard leaderId={drawer.leader} year={year} dicts={dicts.data ?? []} onClose={() => setDrawer(null)} onOpenBranch={(orgId) => setDrawer({ branch: orgId })} onAddPoint={() => (window.location.hash = '#/liaison')} />
      )}
      {drawer !== null && typeof drawer === 'object' && 'history' in drawer && (
        <HistoryDrawer load={() => api.call('ledger.history', { id: (drawer.history as LedgerRow).id })} title={drawer.history.name} labelOf={labelOf} onClose={() => setDrawer(null)} />
      )}
    </div>
  );
}

function ExportModal({ gridScope, year, onClose }: { gridScope: GridScope; year: number; onClose: () => void }) {
  const templates = useCall('templates.list', {});
  const template = templates.data?.find((t) => t.id === 'branch-ledger');
  return (
    <Modal open title="导出党支部分类台账" width={1280} footer={null} onCancel={onClose} destroyOnHidden styles={{ body: fitScreenBody }}>
      {template ? <ExportPanel template={template} years={[year]} gridScope={gridScope} /> : null}
    </Modal>
  );
}
