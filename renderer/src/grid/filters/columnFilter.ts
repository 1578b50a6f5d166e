/**
 * The column filter every grid uses, in AG Grid's terms: the filtering itself (a handler, run
 * for each row) apart from the popup that sets it (ValuesFilter.tsx), so a filter set from a
 * saved view works before its popup was ever opened. Needs the grid option `enableFilterHandlers`.
 */
import type { ColDef, ColGroupDef, DoesFilterPassParams, FilterHandler, FilterHandlerParams } from 'ag-grid-community';
import { compileFilter, filterSummary, keyOf, type ColumnFilterModel, type FilterKey, type FilterKind, type FilterLabels } from './model.ts';
import { ValuesFilter } from './ValuesFilter.tsx';

/** What the filter of a column is told (its `filterParams`). */
export interface ValuesFilterParams {
  labels: FilterLabels;
}

class ValuesFilterHandler<T> implements FilterHandler<T, unknown, ColumnFilterModel, ValuesFilterParams> {
  private test: (key: FilterKey) => boolean = () => true;
  private labels: FilterLabels = textLabels;

  init(params: FilterHandlerParams<T, unknown, ColumnFilterModel, ValuesFilterParams>): void {
    this.refresh(params);
  }

  refresh(params: FilterHandlerParams<T, unknown, ColumnFilterModel, ValuesFilterParams>): boolean {
    this.labels = params.filterParams.labels;
    // Made once per model: each row is then one lookup.
    this.test = compileFilter(params.model, this.labels);
    return true;
  }

  doesFilterPass(params: DoesFilterPassParams<T, unknown, ColumnFilterModel, ValuesFilterParams>): boolean {
    return this.test(keyOf(params.handlerParams.getValue(params.node)));
  }

  getModelAsString(model: ColumnFilterModel | null): string {
    return model ? filterSummary(model, this.labels) : '';
  }
}

/** One filter for every column (its params differ): a column defined afresh keeps its filter and the filter's state. */
const columnFilter = { component: ValuesFilter, handler: () => new ValuesFilterHandler() };

/** The filter of a column whose values show as `labels` says. */
export function valuesFilter<T>(labels: FilterLabels): Pick<ColDef<T>, 'filter' | 'filterParams'> {
  const params: ValuesFilterParams = { labels };
  return { filter: columnFilter, filterParams: params };
}

const integerFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 });

export const textLabels: FilterLabels = { kind: 'text', label: (k) => String(k) };

export function labelsOf(kind: FilterKind): FilterLabels {
  if (kind === 'number') return { kind, label: (k) => (typeof k === 'number' ? integerFormat.format(k) : String(k)) };
  return { kind, label: (k) => String(k) };
}

/** The labels of a column's filter, from its definition (the strip names what each filter keeps). */
export function filterLabelsOf<T>(colDef: ColDef<T> | undefined): FilterLabels {
  const params: unknown = colDef?.filterParams;
  const labels = typeof params === 'object' && params !== null ? (params as Partial<ValuesFilterParams>).labels : undefined;
  return labels ?? textLabels;
}

/** AG Grid's own filters, named by a page's column: ours instead, so every grid filters as in Excel. */
const providedKinds: Record<string, FilterKind> = { agTextColumnFilter: 'text', agNumberColumnFilter: 'number', agDateColumnFilter: 'date' };

/** The columns with AG Grid's own filters (or `filter: true`) given ours. */
export function withValuesFilters<T>(columns: (ColDef<T> | ColGroupDef<T>)[] | null | undefined): (ColDef<T> | ColGroupDef<T>)[] | null | undefined {
  if (!columns) return columns;
  return columns.map((c) => {
    if ('children' in c) return { ...c, children: withValuesFilters(c.children) ?? [] };
    const filter: unknown = c.filter;
    const kind = filter === true ? 'text' : typeof filter === 'string' ? providedKinds[filter] : undefined;
    return kind ? { ...c, ...valuesFilter<T>(labelsOf(kind)) } : c;
  });
}
