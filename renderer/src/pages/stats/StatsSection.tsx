/**
 * One statistic: its chart and the table behind it (both, or either), and 保存为图片 (the chart
 * drawn again at a fixed size on a canvas, saved as PNG where the save dialog says).
 */
import { App as AntApp, Button, Card, Empty, Segmented, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { statsFileName, type StatsTable, type StatsTables } from '../../../../shared/domain/stats.ts';
import { useApi } from '../../api/context.tsx';
import { Chart, chartPng } from '../../charts/Chart.tsx';
import { chartHeight, statsChartOption } from '../../charts/statsOption.ts';
import { StatsTableView } from './StatsTableView.tsx';
import { useSavedNotice } from './useSaved.tsx';

type Shown = 'both' | 'chart' | 'table';

export function StatsSection({ table, stats }: { table: StatsTable; stats: StatsTables }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const saved = useSavedNotice();
  const [shown, setShown] = useState<Shown>('both');
  const [saving, setSaving] = useState(false);
  // The table comes a frame after the chart: the chart is what the page is opened for.
  const [tableShown, setTableShown] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setTableShown(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  const compared = stats.compareYear !== null;
  const words = useMemo(() => ({ year: stats.year, compareYear: stats.compareYear }), [stats.year, stats.compareYear]);
  const option = useMemo(() => statsChartOption(table, words), [table, words]);
  const height = chartHeight(table, compared);
  const heading = `${stats.unit.place}${stats.year}年${table.chartTitle}`;

  const saveImage = async () => {
    setSaving(true);
    try {
      const { path } = await api.call('shell.chooseSaveFile', { suggestedName: statsFileName(stats.unit.place, stats.year, table.chartTitle, 'png') });
      if (!path) return;
      const subtext = `统计单位：${stats.unit.name}　统计日期：${stats.asOf}${compared ? `　与 ${stats.compareYear} 年比较` : ''}`;
      const png = await chartPng(statsChartOption(table, { ...words, title: { text: heading, subtext } }), 1600, Math.max(600, height + 120));
      const r = await api.call('stats.saveImage', { path, data: png });
      saved('stats-image-saved', '已保存统计图', r.file);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      className="stats-section"
      data-testid={`stats-section-${table.id}`}
      title={heading}
      extra={
        <Space className="stats-no-print">
          <Segmented<Shown> size="small" value={shown} onChange={setShown} options={[{ value: 'both', label: '图表和表格' }, { value: 'chart', label: '仅图表' }, { value: 'table', label: '仅表格' }]} />
          <Button size="small" onClick={() => void saveImage()} loading={saving} disabled={table.empty !== null || shown === 'table'}>
            保存为图片
          </Button>
        </Space>
      }
    >
      {table.empty ? (
        <Empty description={table.empty} />
      ) : (
        <>
          {shown !== 'table' && <Chart option={option} height={height} testId={`stats-chart-${table.id}`} />}
          {shown !== 'chart' && tableShown && <StatsTableView table={table} compared={compared} />}
        </>
      )}
      <div className="stats-note">说明：{table.note}</div>
    </Card>
  );
}
