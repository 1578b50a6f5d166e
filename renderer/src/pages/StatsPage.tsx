/**
 * 统计分析: for the unit every page shows (the department's, or one below it chosen here) and a
 * year of the ledger, optionally against the year before: the figures a leader asks for, each a
 * chart with its table (pages/stats/), all tables exported as one workbook in the official style,
 * and the page printed on A4 landscape (pages/stats/stats.css).
 */
import { App as AntApp, Alert, Button, Card, Col, Empty, Row, Select, Space, Statistic, Switch, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { statsFileName, type StatsTables } from '../../../shared/domain/stats.ts';
import type { AppError } from '../../../shared/contract/errors.ts';
import { useApi } from '../api/context.tsx';
import { useUnit } from '../unit.tsx';
import { useWorkYear } from '../workYear.ts';
import { loadECharts } from '../charts/Chart.tsx';
import { ScopePicker } from './ledger/ScopePicker.tsx';
import { StatsSection } from './stats/StatsSection.tsx';
import { useSavedNotice } from './stats/useSaved.tsx';
import './stats/stats.css';

function Headline({ s }: { s: StatsTables }) {
  /** A 合计 cell of a table, this year's or (previous) the year compared with. */
  const total = (id: string, key: string, previous = false) => {
    const t = s.tables.find((x) => x.id === id);
    const i = t?.columns.findIndex((c) => c.key === key) ?? -1;
    const row = previous ? t?.total?.previous : t?.total?.values;
    return row && i >= 0 ? (row[i] ?? null) : null;
  };
  const cards: [string, string, string, string][] = [
    ['党支部（党总支）', 'shares', 'branches', '个'],
    ['标准化规范化', 'shares', 'standardisedShare', '%'],
    ['达到“最强党支部”标准', 'shares', 'reachedShare', '%'],
    ['命名市级“最强党支部”', 'shares', 'namedShare', '%'],
    ['后进党支部联系点覆盖率', 'liaison', 'coverage', '%'],
    ['问题销号率', 'problems', 'rate', '%'],
  ];
  return (
    <Row gutter={12} className="stats-headline">
      {cards.map(([title, id, key, suffix]) => {
        const share = suffix === '%';
        const value = key === 'branches' ? s.branches : total(id, key);
        const before = s.compareYear === null ? null : total(id, key, true);
        // Against last year as the tables say it: shares in percentage points, counts in units.
        const diff = value !== null && before !== null ? Math.round((value - before) * 10) / 10 : null;
        return (
          <Col span={4} key={title}>
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={title} value={value ?? '—'} suffix={value === null ? undefined : suffix} {...(share ? { precision: 1 } : {})} />
              {diff !== null && (
                <div className="stats-headline-diff" data-testid="headline-diff">
                  较上年 {diff > 0 ? '+' : ''}
                  {share ? `${diff.toFixed(1)} 个百分点` : `${diff} ${suffix}`}
                </div>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

export function StatsPage() {
  const api = useApi();
  const { message } = AntApp.useApp();
  const saved = useSavedNotice();
  const { current: scope, setCurrent: setScope } = useUnit();
  const { ledgerYears } = useWorkYear();
  // The year asked for; until one is picked, the core counts the ledger's latest (no wait for the list of years first).
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const [compare, setCompare] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [s, setS] = useState<{ data?: StatsTables; error?: AppError }>({});
  const year = chosenYear ?? s.data?.year ?? null;
  const canCompare = year !== null && ledgerYears.includes(year - 1);
  const compareYear = compare && canCompare ? year - 1 : undefined;
  const args = { ...(year !== null ? { year } : {}), ...(scope ? { scopeOrgId: scope.id } : {}), ...(compareYear !== undefined ? { compareYear } : {}) };
  // The last answer stays on screen while the next is counted.
  const key = JSON.stringify(args);
  useEffect(() => {
    let live = true;
    api.call('stats.tables', JSON.parse(key) as typeof args).then(
      (data) => live && setS({ data }),
      (error: AppError) => live && setS({ error }),
    );
    return () => {
      live = false;
    };
  }, [api, key]);
  const data = s.data;

  // Sections come one a frame, so the first chart is drawn without waiting for the tables and charts below it.
  useEffect(() => {
    void loadECharts();
  }, []);
  const [shownSections, setShownSections] = useState(1);
  const sectionCount = data?.tables.length ?? 0;
  useEffect(() => {
    if (shownSections >= sectionCount) return;
    const frame = requestAnimationFrame(() => setShownSections((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  }, [shownSections, sectionCount]);

  // While this page is open, a print is of it alone (the side menu and header are left out).
  useEffect(() => {
    document.body.classList.add('stats-open');
    return () => document.body.classList.remove('stats-open');
  }, []);

  const exportAll = async () => {
    if (!data) return;
    setExporting(true);
    try {
      const { path } = await api.call('shell.chooseSaveFile', { suggestedName: statsFileName(data.unit.place, data.year, '统计分析表', 'xlsx') });
      if (!path) return;
      const r = await api.call('stats.export', { ...args, year: data.year, path });
      saved('stats-exported', `已导出统计表（${r.sheets.length} 张）`, r.file);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const toolbar = (
    <Space wrap className="stats-toolbar stats-no-print" data-testid="stats-toolbar">
      统计单位
      <ScopePicker value={scope} onChange={setScope} />
      年度
      <Select
        style={{ width: 110 }}
        value={year ?? undefined}
        onChange={setChosenYear}
        options={ledgerYears.map((y) => ({ value: y, label: `${y} 年` }))}
        aria-label="统计年度"
        data-testid="stats-year"
      />
      <Tooltip title={canCompare ? undefined : `${year === null ? '上' : year - 1} 年没有台账，无法比较`}>
        <Space>
          <Switch checked={compare && canCompare} disabled={!canCompare} onChange={setCompare} aria-label="与上年比较" data-testid="stats-compare" />
          与上年比较
        </Space>
      </Tooltip>
      <Button onClick={() => void exportAll()} loading={exporting} disabled={!data}>
        导出全部统计表
      </Button>
      <Button onClick={() => window.print()} disabled={!data || shownSections < sectionCount}>
        打印
      </Button>
    </Space>
  );

  if (s.error && ledgerYears.length === 0) {
    return <>{toolbar}<Card><Empty description="还没有台账数据，导入或建立分类台账后这里会显示统计。" /></Card></>;
  }
  if (s.error) return <>{toolbar}<Alert type="error" showIcon message="统计失败" description={s.error.message} /></>;
  if (!data) return <>{toolbar}<Card loading /></>;
  return (
    <div className="stats-page" data-testid="stats-page">
      {toolbar}
      <div className="stats-print-title">
        {data.unit.place}{data.year}年统计分析{data.compareYear ? `（与 ${data.compareYear} 年比较）` : ''}　统计日期：{data.asOf}
      </div>
      <Headline s={data} />
      {data.tables.slice(0, shownSections).map((t) => (
        <StatsSection key={t.id} table={t} stats={data} />
      ))}
    </div>
  );
}
