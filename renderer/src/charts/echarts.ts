/**
 * Apache ECharts, only what the app draws: bar and pie charts, their axes, legend, titles and
 * tooltips, the decal patterns that keep series apart on a black-and-white print (aria), label
 * layout (labels that would overlap are hidden), and both renderers: SVG on screen (sharp when
 * printed), canvas for a PNG. Imported per chart type from echarts/core, so the bundle holds
 * nothing else; loaded when the first chart is drawn, not at start.
 */
import * as echarts from 'echarts/core';
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent,
  type AriaComponentOption, type GridComponentOption, type LegendComponentOption, type TitleComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, LabelLayout, SVGRenderer, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | PieSeriesOption | AriaComponentOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;

export { echarts };
