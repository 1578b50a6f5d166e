/**
 * The one grid every ledger page uses: AG Grid Community with the Chinese locale,
 * a theme in office fonts, and read-only-edit mode so that every edit goes through
 * the core (and its audit log) and the grid shows what the core answered.
 */
import { forwardRef } from 'react';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

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

function DataGridInner<T>(props: DataGridProps<T>, ref: React.ForwardedRef<AgGridReact<T>>) {
  return (
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
      {...props}
    />
  );
}

export const DataGrid = forwardRef(DataGridInner) as <T>(props: DataGridProps<T> & { ref?: React.Ref<AgGridReact<T>> }) => React.ReactElement;
