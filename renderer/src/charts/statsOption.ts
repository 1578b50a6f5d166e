/**
 * A statistics table as a chart: the parts of a count table stacked per row (units, fields),
 * shares side by side per row with 合计 first, a composition (projects, returns) as a pie of the
 * 合计. Compared with last year, each series gets a paler twin beside it (a second pie). Every
 * bar and slice carries its number, and aria decals give each series its own pattern, so a black
 * and white print still tells them apart.
 */
import type { StatsColumn, StatsTable } from '../../../shared/domain/stats.ts';
import type { ChartOption } from './echarts.ts';

/** Colours far apart in lightness too (dark, light, middle: a grey print keeps them apart), the Party's red first. */
export const palette = ['#b22222', '#f5c75a', '#4f86b0', '#2f4f2f', '#c9b3e6', '#8c8c8c', '#e8e8e8'];

export type ChartKind = 'stack' | 'group' | 'pie';

export function chartKind(t: StatsTable): ChartKind {
  if (t.id === 'shares') return 'group';
  if (t.id === 'projects' || t.id === 'returns') return 'pie';
  return 'stack';
}

/** The columns a chart draws: the parts of a count table, or the shares of a share table. */
function drawn(t: StatsTable, kind: ChartKind): { column: StatsColumn; index: number }[] {
  return t.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => (kind === 'group' ? column.kind === 'percent' : column.kind === 'count' && !column.aside && !(t.id === 'liaison' && column.key === 'lagging')));
}

/** A column as a series name: its group (标准化规范化) or its label, without the unit in brackets. */
const seriesName = (c: StatsColumn) => (c.group ?? c.label).replace(/（(个|%)）$/, '');

const labelText = { color: '#000', textBorderColor: '#fff', textBorderWidth: 2, fontSize: 12 };
const font = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/** How tall a chart of `t` is drawn, in pixels. */
export function chartHeight(t: StatsTable, compared: boolean): number {
  const kind = chartKind(t);
  if (kind === 'pie') return 360;
  const bars = kind === 'group' ? drawn(t, kind).length * (compared ? 2 : 1) : compared ? 2 : 1;
  const categories = t.rows.length + (kind === 'group' ? 1 : 0);
  return Math.max(220, categories * (10 + bars * 16) + 90);
}

export interface ChartWords {
  year: number;
  compareYear: number | null;
  /** A title drawn into the chart (for the saved image); none on screen, where the card has it. */
  title?: { text: string; subtext: string };
}

export function statsChartOption(t: StatsTable, w: ChartWords): ChartOption {
  const kind = chartKind(t);
  const compared = w.compareYear !== null;
  const columns = drawn(t, kind);
  const top = w.title ? 84 : 36;
  const base: ChartOption = {
    animation: false,
    color: palette,
    textStyle: { fontFamily: font },
    aria: { enabled: true, decal: { show: true } },
    tooltip: { trigger: kind === 'pie' ? 'item' : 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: w.title ? 52 : 4, textStyle: { fontSize: 13 } },
    ...(w.title ? { title: { left: 'center', top: 6, text: w.title.text, subtext: w.title.subtext, textStyle: { fontSize: 18, fontFamily: font }, subtextStyle: { fontSize: 13, color: '#333' } } } : {}),
  };

  if (kind === 'pie') {
    const pie = (data: (number | null)[] | null, year: number, center: string) => ({
      type: 'pie' as const,
      name: `${year}年`,
      radius: compared ? '50%' : '58%',
      center: [center, '58%'],
      data: columns.map(({ column, index }) => ({ name: seriesName(column), value: data?.[index] ?? 0 })).filter((d) => d.value > 0),
      // One decimal, as every share elsewhere on the page (ECharts' {d} gives two).
      label: { ...labelText, formatter: (p: { name: string; value: unknown; percent?: number }) => `${p.name}\n${String(p.value)} 个（${(p.percent ?? 0).toFixed(1)}%）` },
      labelLine: { length: 10, length2: 8 },
    });
    return {
      ...base,
      ...(compared ? { title: [...(w.title ? [base.title as object] : []), { text: `${w.year}年`, left: '25%', top: top - 8, textAlign: 'center', textStyle: { fontSize: 14 } }, { text: `${w.compareYear}年`, left: '75%', top: top - 8, textAlign: 'center', textStyle: { fontSize: 14 } }] } : {}),
      legend: { ...base.legend as object, data: columns.map(({ column }) => seriesName(column)) },
      series: compared ? [pie(t.total?.values ?? null, w.year, '25%'), pie(t.total?.previous ?? null, w.compareYear!, '75%')] : [pie(t.total?.values ?? null, w.year, '50%')],
    };
  }

  // Bars run across, one category a row, first row on top; a share table puts its 合计 first.
  const rows = kind === 'group' && t.total ? [t.total, ...t.rows] : t.rows;
  const percent = kind === 'group';
  const series = columns.flatMap(({ column, index }, i) => {
    const colour = palette[i % palette.length]!;
    const bar = (name: string, data: (number | null)[], stack: string, faded: boolean) => ({
      type: 'bar' as const,
      name,
      ...(percent ? {} : { stack }),
      data,
      barMaxWidth: 26,
      itemStyle: { color: colour, opacity: faded ? 0.45 : 1 },
      label: {
        show: true,
        position: percent ? ('right' as const) : ('inside' as const),
        ...labelText,
        formatter: (p: { value: unknown }) => (typeof p.value !== 'number' ? '' : percent ? `${p.value.toFixed(1)}%` : p.value > 0 ? String(p.value) : ''),
      },
      labelLayout: { hideOverlap: true },
    });
    const now = bar(compared ? `${seriesName(column)}（${w.year}年）` : seriesName(column), rows.map((r) => r.values[index] ?? null), 'now', false);
    if (!compared) return [now];
    return [now, bar(`${seriesName(column)}（${w.compareYear}年）`, rows.map((r) => r.previous?.[index] ?? null), 'before', true)];
  });
  return {
    ...base,
    grid: { left: 8, right: percent ? 56 : 24, top: top + (compared && columns.length > 2 ? 24 : 0), bottom: 8, containLabel: true },
    xAxis: { type: 'value', ...(percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : { minInterval: 1 }) },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { fontSize: 12, width: 320, overflow: 'truncate' } },
    series,
  };
}
