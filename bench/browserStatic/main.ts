/**
 * The floor of bench/browserLedger.ts: a static page with AG Grid alone (the app's version, its
 * modules, theme and Chinese locale, through ag-grid-react as the app renders it) showing rows
 * it reads from a JSON file beside it, with the ledger's columns. Nothing of the app: no core,
 * no api client, no antd. `?data=first` (the first screenful) or `?data=year` (the whole year).
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

ModuleRegistry.registerModules([AllCommunityModule]);

/** What the benchmark wrote beside the page: the grid's columns, the dictionaries' labels and the rows. */
export interface StaticData {
  columns: { field: string; headerName: string; width: number; pinned?: 'left'; kind: 'text' | 'integer' | 'flag' | 'dict' }[];
  labels: Record<string, Record<string, string>>;
  rows: Record<string, unknown>[];
}

const theme = themeQuartz.withParams({
  fontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'sans-serif'],
  fontSize: 13,
  headerFontWeight: 600,
  rowHeight: 32,
  headerHeight: 36,
  accentColor: '#b71c1c',
  wrapperBorderRadius: 4,
});

const integer = new Intl.NumberFormat('zh-CN');

function columnDef(c: StaticData['columns'][number], labels: StaticData['labels']): ColDef {
  const def: ColDef = { colId: c.field, field: c.field, headerName: c.headerName, width: c.width, ...(c.pinned ? { pinned: c.pinned } : {}) };
  switch (c.kind) {
    case 'integer':
      return { ...def, type: 'rightAligned', valueFormatter: (p) => (typeof p.value === 'number' ? integer.format(p.value) : '') };
    case 'flag':
      return { ...def, valueFormatter: (p) => (p.value === true ? '是' : p.value === false ? '否' : '') };
    case 'dict': {
      const names = labels[c.field] ?? {};
      return { ...def, valueFormatter: (p) => (typeof p.value === 'string' ? (names[p.value] ?? p.value) : '') };
    }
    default:
      return def;
  }
}

const which = new URLSearchParams(window.location.search).get('data') ?? 'first';
void fetch(`./rows-${which}.json`)
  .then((r) => r.json() as Promise<StaticData>)
  .then((data) =>
    createRoot(document.getElementById('grid')!).render(
      createElement(AgGridReact<Record<string, unknown>>, {
        theme,
        localeText: AG_GRID_LOCALE_CN,
        rowData: data.rows,
        columnDefs: data.columns.map((c) => columnDef(c, data.labels)),
        getRowId: (p) => String(p.data.id),
        rowSelection: { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false },
        selectionColumnDef: { pinned: 'left', width: 44 },
        defaultColDef: { sortable: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true, filter: true },
        animateRows: false,
      }),
    ),
  );
