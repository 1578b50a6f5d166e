/**
 * Column definitions from the domain's column list: editors by type, dictionary
 * labels, pinyin sorting, and the red mark with a Chinese tooltip for a value that
 * was kept but not understood.
 */
import type { ColDef, ValueGetterParams, ITooltipParams, CellClassParams } from 'ag-grid-community';
import type { DictEntry, InvalidValue } from '../../../shared/contract/types.ts';
import { isLongText, type FieldDef } from '../../../shared/domain/fields.ts';
import { zhCollator } from '../../../shared/domain/collator.ts';
import { TextEditor } from './TextEditor.ts';
import { labelsOf, valuesFilter } from './filters/columnFilter.ts';

interface WithInvalid {
  invalid: Record<string, InvalidValue> | null;
}

/** 是/否 for a flag; a kept raw text (red) shows as typed; the totals row's count of 是 as a number. */
const flagLabel = (value: unknown): string =>
  value === true ? '是' : value === false ? '否' : typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const integerFormat = new Intl.NumberFormat('zh-CN');
/** The list's entry that leaves a cell empty. */
const BLANK_CHOICE = '（空白）';

export function compareZh(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  return zhCollator.compare(String(a), String(b));
}

const readField = (data: unknown, field: string) => (data as Record<string, unknown> | undefined)?.[field];
const decimalFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });

/**
 * A grid column for a field. `read` says where a row keeps its values: the ledger's
 * rows are flat, record rows keep them under `values`.
 */
export function columnFor<T extends WithInvalid>(column: FieldDef, dicts: DictEntry[], read: (data: T | undefined, field: string) => unknown = readField): ColDef<T> {
  const field = column.field;
  const invalidOf = (data: T | undefined) => data?.invalid?.[field];
  const def: ColDef<T> = {
    colId: field,
    headerName: column.label,
    // The grid layer reads the column's rules here: find/replace checks a replacement as the core will parse it.
    context: { field: column, dicts } satisfies ColumnFacts,
    width: column.width,
    editable: (p) => column.editable && !p.node.rowPinned,
    // The raw text of a kept-but-invalid value wins: the user sees what they typed.
    valueGetter: (p: ValueGetterParams<T>) => invalidOf(p.data)?.raw ?? read(p.data, field),
    cellClassRules: { 'cell-invalid': (p: CellClassParams<T>) => invalidOf(p.data) !== undefined },
    tooltipValueGetter: (p: ITooltipParams<T>) => invalidOf(p.data as T)?.message,
    // Filters as in Excel (filters/): the column's values ticked in a list, by the stored value (a
    // dictionary's code, so a saved view survives a renamed label), shown as the cell shows it.
    ...valuesFilter<T>(labelsOf('text')),
  };
  switch (column.type) {
    case 'integer':
      return {
        ...def,
        type: 'rightAligned',
        ...valuesFilter<T>(labelsOf('number')),
        cellEditor: TextEditor,
        valueFormatter: (p) => (typeof p.value === 'number' ? integerFormat.format(p.value) : (p.value ?? '')),
        comparator: (a, b) => Number(typeof a === 'number' ? a : -1) - Number(typeof b === 'number' ? b : -1),
      };
    case 'decimal':
      return {
        ...def,
        type: 'rightAligned',
        ...valuesFilter<T>(labelsOf('number')),
        cellEditor: TextEditor,
        valueFormatter: (p) => (typeof p.value === 'number' ? decimalFormat.format(p.value) : (p.value ?? '')),
        comparator: (a, b) => Number(typeof a === 'number' ? a : -1) - Number(typeof b === 'number' ? b : -1),
      };
    case 'date':
      return { ...def, ...valuesFilter<T>(labelsOf('date')), cellEditor: TextEditor, cellEditorParams: { maxLength: 20 } };
    case 'flag': {
      return {
        ...def,
        cellEditor: 'agSelectCellEditor',
        // Blank first: AG Grid's list shows its first entry for a value not listed, so an empty cell
        // opened with Alt+↓ looked filled (是) while nothing was stored; and a list can empty a cell.
        cellEditorParams: { values: [null, true, false], formatValue: (v: unknown) => (v === null || v === undefined ? BLANK_CHOICE : flagLabel(v)) },
        valueFormatter: (p) => flagLabel(p.value),
        ...valuesFilter<T>({ kind: 'list', label: flagLabel }),
        // The quick search finds 是 and 否 (AG Grid reads it from the stored value, true/false).
        getQuickFilterText: (p) => {
          const v = read(p.data, field);
          return v === true ? '是' : v === false ? '否' : '';
        },
        cellStyle: { textAlign: 'center' },
      };
    }
    case 'dict': {
      const entries = dicts.filter((e) => e.dict === column.dict);
      const labels = Object.fromEntries(entries.map((e) => [e.code, e.label]));
      const order = new Map(entries.map((e, i) => [e.code, i]));
      return {
        ...def,
        cellEditor: 'agSelectCellEditor',
        // Blank first, as for 是/否: an empty 等次 opened showed 先进, stored nowhere.
        cellEditorParams: {
          values: [null, ...entries.filter((e) => e.active && (!column.offered || column.offered.includes(e.code))).map((e) => e.code)],
          formatValue: (v: unknown) => (v === null || v === undefined ? BLANK_CHOICE : typeof v === 'string' ? (labels[v] ?? v) : String(v)),
        },
        // A kept raw text (red) is no code: it shows as typed, not as an empty cell.
        valueFormatter: (p) => (typeof p.value === 'string' ? (labels[p.value] ?? p.value) : ''),
        // The dictionary's order in the list (先进, 中间, 后进), a kept raw text after it.
        ...valuesFilter<T>({ kind: 'list', label: (k) => labels[String(k)] ?? String(k), order: (k) => order.get(String(k)) ?? entries.length }),
        // The quick search finds the label (后进), not the code.
        getQuickFilterText: (p) => labels[String(read(p.data, field))] ?? '',
        comparator: (a, b) => compareZh(labels[String(a)] ?? a, labels[String(b)] ?? b),
      };
    }
    default:
      return { ...def, cellEditor: TextEditor, ...(isLongText(column) ? { cellEditorParams: { multiline: true } } : {}), comparator: compareZh };
  }
}

/** What the grid layer knows of a column made by `columnFor` (its ColDef's `context`). */
export interface ColumnFacts {
  field: FieldDef;
  dicts: readonly DictEntry[];
}

/** The facts of a column made by `columnFor`; undefined for the page's own columns (联系领导, 旗县区). */
export function columnFacts(context: unknown): ColumnFacts | undefined {
  const c = context as Partial<ColumnFacts> | null | undefined;
  return c && typeof c === 'object' && c.field && Array.isArray(c.dicts) ? (c as ColumnFacts) : undefined;
}
