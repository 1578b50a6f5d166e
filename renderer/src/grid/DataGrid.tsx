/**
 * The one grid every ledger page uses: AG Grid Community with the Chinese locale,
 * a theme in office fonts, and read-only-edit mode so that every edit goes through
 * the core (and its audit log) and the grid shows what the core answered.
 */
import { forwardRef, useCallback, useMemo, useRef, useState } from 'react';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type CellKeyDownEvent,
  type FullWidthCellKeyDownEvent,
  type CellPosition,
  type GridApi,
  type GridReadyEvent,
  type NavigateToNextCellParams,
} from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { shortRowHeight, useShortWindow } from '../screen.ts';
import { withValuesFilters } from './filters/columnFilter.ts';
import { FilterStrip } from './filters/FilterStrip.tsx';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
  fontFamily: ['Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'sans-serif'],
  fontSize: 13,
  headerFontWeight: 600,
  rowHeight: 32,
  headerHeight: 36,
  accentColor: '#b71c1c',
  wrapperBorderRadius: 4,
});

export type DataGridProps<T> = AgGridReactProps<T>;

/**
 * Enter after an edit on the last row stays there, as in a sheet whose next row is its totals: AG
 * Grid's own Enter (enterNavigatesVerticallyAfterEdit) saves and goes on into the pinned 合计 row, where
 * nothing can be typed. The grid has moved the focus by the time it tells of the key; it is put back
 * on the last row. Enter outside an editor never gets that far (useEdges' `enterOnLastRow`).
 */
function stayOffTotals<T>(e: CellKeyDownEvent<T> | FullWidthCellKeyDownEvent<T>) {
  const key = e.event as KeyboardEvent | null | undefined;
  if (key?.key !== 'Enter' || key.shiftKey || e.rowPinned || !('column' in e)) return;
  // The last row, not the event's own: that is where Enter from any row before the totals lands.
  const last = e.api.getDisplayedRowCount() - 1;
  if (last >= 0 && e.api.getFocusedCell()?.rowPinned === 'bottom') e.api.setFocusedCell(last, e.column);
}

/** The arrows stop on the last row as Enter does: the 合计 row below is not data (a click still reaches it, for its tooltip). */
function arrowsOffTotals<T>(p: NavigateToNextCellParams<T>): CellPosition | null {
  const next = p.nextCellPosition;
  return next?.rowPinned === 'bottom' && !p.previousCellPosition.rowPinned ? p.previousCellPosition : next;
}

function DataGridInner<T>(props: DataGridProps<T>, ref: React.ForwardedRef<AgGridReact<T>>) {
  // A 768-line screen: denser rows, so at least 20 show (a page may still set its own).
  const short = useShortWindow();
  // Column filters as in Excel (filters/), also where a page asked for AG Grid's own; the strip of those in force above the grid.
  const columnDefs = useMemo(() => withValuesFilters(props.columnDefs), [props.columnDefs]);
  const [api, setApi] = useState<GridApi<T> | null>(null);
  const onGridReady = useRef(props.onGridReady);
  onGridReady.current = props.onGridReady;
  const ready = useCallback((e: GridReadyEvent<T>) => {
    setApi(e.api);
    onGridReady.current?.(e);
  }, []);
  const onCellKeyDown = useRef(props.onCellKeyDown);
  onCellKeyDown.current = props.onCellKeyDown;
  const keyDown = useCallback((e: CellKeyDownEvent<T> | FullWidthCellKeyDownEvent<T>) => {
    stayOffTotals(e);
    onCellKeyDown.current?.(e);
  }, []);
  const grid = (
    <AgGridReact<T>
      ref={ref}
      theme={theme}
      localeText={AG_GRID_LOCALE_CN}
      readOnlyEdit
      tooltipShowDelay={200}
      enableCellTextSelection={false}
      stopEditingWhenCellsLoseFocus
      // Enter saves the cell and moves down, as in Excel and WPS: the next keys go to the cell below.
      enterNavigatesVerticallyAfterEdit
      // On a cell not being edited too (Shift+Enter up); F2, a double click or typing edit it, Alt+↓ opens its list.
      enterNavigatesVertically
      animateRows={false}
      enableFilterHandlers
      {...(short ? { rowHeight: shortRowHeight } : {})}
      {...props}
      columnDefs={columnDefs}
      onGridReady={ready}
      onCellKeyDown={keyDown}
      navigateToNextCell={arrowsOffTotals}
    />
  );
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      {api && <FilterStrip api={api} />}
      <div style={{ flex: 1, minHeight: 0 }}>{grid}</div>
    </div>
  );
}

export const DataGrid = forwardRef(DataGridInner) as <T>(props: DataGridProps<T> & { ref?: React.Ref<AgGridReact<T>> }) => React.ReactElement;
