/**
 * One ECharts chart in a React page, without a wrapper library (echarts-for-react declares
 * echarts ≤ 5): initialised once on its element with the SVG renderer, given each new option
 * whole, resized with its box, disposed with the component. `data-finished` is set when ECharts
 * says it has drawn (its 'finished' event), which the tests and the benchmark wait for.
 */
import { useEffect, useRef, useState } from 'react';
import type { ChartOption } from './echarts.ts';

type EChartsModule = typeof import('./echarts.ts');
let loading: Promise<EChartsModule> | null = null;
/** The charting code, loaded with the first chart rather than at start. */
export function loadECharts(): Promise<EChartsModule> {
  return (loading ??= import('./echarts.ts'));
}

export function Chart({ option, height, testId }: { option: ChartOption; height: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const drawn = useRef(false);
  const [chart, setChart] = useState<ReturnType<EChartsModule['echarts']['init']> | null>(null);
  useEffect(() => {
    let live = true;
    let made: ReturnType<EChartsModule['echarts']['init']> | null = null;
    const el = box.current!;
    // Not while printing: the print stylesheet scales the drawn SVG to the page (its viewBox keeps
    // the proportions); a resize then would draw it again into a box the print has made 0 high.
    const printing = window.matchMedia('print');
    const resize = new ResizeObserver(() => {
      if (!printing.matches) made?.resize();
    });
    void loadECharts().then(({ echarts }) => {
      if (!live) return;
      made = echarts.init(el, null, { renderer: 'svg', locale: 'ZH' });
      made.on('finished', () => {
        // Only a chart with its option: ECharts says 'finished' for the empty one it starts as, too.
        if (!drawn.current) return;
        // A viewBox, so that the print stylesheet can scale the drawing to the page whole.
        const svg = el.querySelector('svg');
        if (svg) svg.setAttribute('viewBox', `0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`);
        el.dataset.finished = 'true';
      });
      resize.observe(el);
      setChart(made);
    });
    return () => {
      live = false;
      resize.disconnect();
      made?.dispose();
    };
  }, []);
  useEffect(() => {
    if (!chart) return;
    delete box.current!.dataset.finished;
    drawn.current = true;
    chart.setOption(option, { notMerge: true });
    chart.resize();
  }, [chart, option, height]);
  return <div ref={box} className="stats-chart" data-testid={testId} style={{ width: '100%', height }} />;
}

/**
 * The chart drawn again off screen on a canvas at a fixed size, as a PNG data URL: the saved
 * image does not depend on the window's size, and carries its title.
 */
export async function chartPng(option: ChartOption, width: number, height: number): Promise<string> {
  const { echarts } = await loadECharts();
  const el = document.createElement('div');
  el.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height}px`;
  document.body.appendChild(el);
  const chart = echarts.init(el, null, { renderer: 'canvas', width, height, devicePixelRatio: 2, locale: 'ZH' });
  try {
    chart.setOption({ ...option, backgroundColor: '#fff' });
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
  } finally {
    chart.dispose();
    el.remove();
  }
}
