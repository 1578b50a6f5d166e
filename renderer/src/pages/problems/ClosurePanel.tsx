/** 销号率: the unit's problems crossed off, per unit directly below it and per category. */
import { Card, Empty, Spin, Statistic, Table, Typography } from 'antd';
import type { ProblemClosure, ProblemCounts } from '../../../../shared/contract/types.ts';

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

const countColumns = [
  { title: '问题', dataIndex: 'total', width: 52, align: 'right' as const },
  { title: '已销号', dataIndex: 'cleared', width: 62, align: 'right' as const },
  { title: '销号率', dataIndex: 'rate', width: 66, align: 'right' as const, render: (r: number | null) => percent(r) },
  { title: '超期', dataIndex: 'overdue', width: 48, align: 'right' as const, render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
];

export function ClosurePanel({ closure, loading }: { closure: ProblemClosure | undefined; loading: boolean }) {
  if (!closure) return <Spin style={{ margin: 24 }} />;
  const t: ProblemCounts = closure.total;
  return (
    <div className="problems-closure" data-testid="closure-panel">
      <Card size="small" title={`${closure.unit?.name ?? '全部'}${closure.year} 年问题销号率`} loading={loading && !closure}>
        <Statistic title={`已销号 ${t.cleared} / 共 ${t.total} 个`} value={percent(t.rate)} valueStyle={{ color: '#b71c1c' }} data-testid="closure-total" />
        <div style={{ color: '#666', marginTop: 4 }}>
          截至 {closure.asOf}：
          待领账 {t.open} · 已领账 {t.claimed} · 整改中 {t.rectifying} · <Typography.Text type={t.overdue ? 'danger' : undefined}>超期 {t.overdue}</Typography.Text>
        </div>
      </Card>
      <Card size="small" title="按单位" style={{ marginTop: 8 }}>
        {closure.units.length === 0 ? (
          <Empty description="没有下级单位" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table
            size="small"
            rowKey={(u) => `${u.orgId}-${String(u.own)}`}
            pagination={false}
            dataSource={closure.units}
            data-testid="closure-units"
            columns={[{ title: '单位', dataIndex: 'name', ellipsis: true }, ...countColumns]}
          />
        )}
      </Card>
      <Card size="small" title="按问题类别" style={{ marginTop: 8 }}>
        <Table size="small" rowKey={(c) => c.category ?? ''} pagination={false} dataSource={closure.categories} data-testid="closure-categories" columns={[{ title: '类别', dataIndex: 'label', ellipsis: true }, ...countColumns]} />
      </Card>
    </div>
  );
}
