/**
 * Above a grid, the filters in force: one chip per column (等次：先进、中间), × removes that one,
 * a click on it opens the column's filter; 清除全部筛选 removes them all. A filter on a hidden
 * column shows here too, so rows are never missing for a reason nobody can see. Nothing shows
 * while no column is filtered.
 */
import { useEffect, useState } from 'react';
import { Button } from 'antd';
import { CloseOutlined, FilterOutlined } from '@ant-design/icons';
import type { FilterModel, GridApi } from 'ag-grid-community';
import { filterSummary, type ColumnFilterModel } from './model.ts';
import { filterLabelsOf } from './columnFilter.ts';
import './filters.css';

export function FilterStrip<T>({ api }: { api: GridApi<T> }) {
  const [model, setModel] = useState<FilterModel>(() => api.getFilterModel());
  useEffect(() => {
    const update = () => setModel(api.getFilterModel());
    update();
    api.addEventListener('filterChanged', update);
    return () => {
      if (!api.isDestroyed()) api.removeEventListener('filterChanged', update);
    };
  }, [api]);

  const filters = Object.entries(model).filter(([, m]) => m !== null && m !== undefined);
  if (filters.length === 0) return null;
  const remove = (colId: string) => void api.setColumnFilterModel(colId, null).then(() => api.onFilterChanged());
  return (
    <div
      className="grid-filter-strip grid-own-keys"
      role="region"
      aria-label="当前筛选"
      data-testid="filter-strip"
      onCopy={(e) => e.stopPropagation()}
      onPaste={(e) => e.stopPropagation()}
    >
      <FilterOutlined style={{ color: '#b71c1c' }} />
      <span>筛选：</span>
      {filters.map(([colId, m]) => {
        const colDef = api.getColumn(colId)?.getColDef();
        const header = colDef?.headerName ?? colId;
        const text = `${header}：${filterSummary(m as ColumnFilterModel, filterLabelsOf(colDef))}`;
        return (
          <span className="grid-filter-chip" key={colId} data-testid={`filter-chip-${colId}`}>
            <button type="button" className="grid-filter-chip-text" title={`${text}（点击修改）`} onClick={() => api.showColumnFilter(colId)}>
              {text}
            </button>
            <button type="button" aria-label={`移除筛选：${header}`} title="移除这一列的筛选" onClick={() => remove(colId)}>
              <CloseOutlined style={{ fontSize: 11 }} />
            </button>
          </span>
        );
      })}
      <Button size="small" type="link" onClick={() => api.setFilterModel(null)}>
        清除全部筛选
      </Button>
    </div>
  );
}
