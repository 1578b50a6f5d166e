/**
 * 统计分析: the tables a leader asks for (cross tables of units and fields by grade, the shares
 * the reports quote, liaison coverage of lagging branches, projects, problems, returns), each as
 * one shape the page, its chart and the exported workbook all read. Every number is counted by
 * the core at the moment it is asked; a share is worked out from two of those counts.
 */

export const statsTableIds = ['unitGrade', 'fieldGrade', 'shares', 'liaison', 'projects', 'problems', 'returns'] as const;
export type StatsTableId = (typeof statsTableIds)[number];

export interface StatsColumn {
  key: string;
  label: string;
  /** The upper header over several columns (两级表头), e.g. 标准化规范化 over 个数 and 占比. */
  group?: string;
  /** A count (个) or a share in per cent to one decimal; a share's 较上年 is in percentage points. */
  kind: 'count' | 'percent';
  /** A column beside the parts (合计, 其中…, a rate): not stacked with them in the chart. */
  aside?: boolean;
}

export interface StatsRow {
  key: string;
  label: string;
  /** The unit a row counts (null: a dictionary value, a template). */
  orgId: number | null;
  /** A count, or a share (null: nothing to divide by, printed —). */
  values: (number | null)[];
  /** The same cells in the year compared with (null: no comparison asked, or the row is new). */
  previous: (number | null)[] | null;
}

export interface StatsTable {
  id: StatsTableId;
  /** The title without unit and year: 党支部分类等次统计表（按旗县区）. */
  title: string;
  /** What the chart and its file are called: 各旗县区党支部分类等次. */
  chartTitle: string;
  /** The first column's header: 旗县区, 苏木乡镇（街道）, 领域, 报表. */
  rowHeader: string;
  columns: StatsColumn[];
  rows: StatsRow[];
  /** 合计: the sum of the rows' counts (shares worked out again from the summed counts). */
  total: StatsRow | null;
  /** How it is counted, printed under the table. */
  note: string;
  /** Said instead of the table when there is nothing to count (暂无下发记录). */
  empty: string | null;
}

export interface StatsTables {
  year: number;
  compareYear: number | null;
  unit: { id: number; name: string; place: string };
  /** The day liaison points and deadlines are judged on (today, or the year's last day). */
  asOf: string;
  branches: number;
  tables: StatsTable[];
}

/** A share in per cent to one decimal; null when there is nothing to divide by (no lagging branch has no coverage of 0 %). */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** 较上年: this year's cell less last year's (percentage points for a share, one decimal); null without last year. */
export function changeOf(column: StatsColumn, value: number | null | undefined, previous: number | null | undefined): number | null {
  if (value === null || value === undefined || previous === null || previous === undefined) return null;
  const d = value - previous;
  return column.kind === 'percent' ? Math.round(d * 10) / 10 : d;
}

/** A 较上年 cell as printed: +3, −2, 0; +1.5 for percentage points. */
export function changeText(change: number | null): string {
  if (change === null) return '—';
  if (change === 0) return '0';
  return change > 0 ? `+${change}` : `−${-change}`;
}

/** The file name a chart or the tables are saved under: 赤峰市2026年各旗县区党支部分类等次.png. */
export function statsFileName(place: string, year: number, what: string, ext: 'png' | 'xlsx'): string {
  return `${place}${year}年${what}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');
}
