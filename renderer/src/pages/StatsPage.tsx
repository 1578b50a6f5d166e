import { Alert, Card, Col, Empty, Row, Space, Statistic, Table } from 'antd';
import type { CountRow } from '../../../shared/contract/types.ts';
import { useCall } from '../api/context.tsx';
import { useUnit } from '../unit.tsx';
import { ScopePicker } from './ledger/ScopePicker.tsx';

function CountTable({ title, rows }: { title: string; rows: CountRow[] }) {
  return (
    <Card title={title} size="small">
      <Table<CountRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '项目', dataIndex: 'label' },
          { title: '数量（个）', dataIndex: 'count', align: 'right', width: 120 },
        ]}
      />
    </Card>
  );
}

export function StatsPage() {
  // Counted within the unit every page shows (the department's, or the one chosen on any page).
  const { current: scope, setCurrent: setScope } = useUnit();
  const s = useCall('stats.summary', scope ? { scopeOrgId: scope.id } : {});
  const picker = (
    <Space style={{ marginBottom: 16 }}>
      统计范围
      <ScopePicker value={scope} onChange={setScope} />
    </Space>
  );
  if (s.error) return <>{picker}<Alert type="error" showIcon message="统计失败" description={s.error.message} /></>;
  if (!s.data) return <>{picker}<Card loading /></>;
  if (s.data.branches === 0) return <>{picker}<Card><Empty description={`${s.data.scopeName ? `“${s.data.scopeName}”` : ''}还没有党支部数据，导入或建立台账后这里会显示统计。`} /></Card></>;
  const d = s.data;
  return (
    <>
      {picker}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}><Card><Statistic title="党支部（党总支）" value={d.branches} suffix="个" /></Card></Col>
        <Col span={6}><Card><Statistic title="领导干部" value={d.leaders} suffix="名" /></Card></Col>
        <Col span={6}><Card><Statistic title="联系点" value={d.liaisonPoints} suffix="个" /></Card></Col>
        <Col span={6}><Card><Statistic title="台账年度" value={d.year ?? '—'} groupSeparator="" /></Card></Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}><CountTable title={d.scopeName ? '按下级单位' : '按旗县区'} rows={d.branchesByCounty} /></Col>
        <Col span={8}><CountTable title="按领域" rows={d.branchesByField} /></Col>
        <Col span={8}><CountTable title="按等次" rows={d.branchesByGrade} /><div style={{ height: 16 }} /><CountTable title="各级党组织" rows={d.orgsByLevel} /></Col>
      </Row>
    </>
  );
}
