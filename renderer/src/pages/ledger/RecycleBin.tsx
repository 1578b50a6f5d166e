import { App as AntApp, Button, Drawer, Table } from 'antd';
import type { LedgerRow } from '../../../../shared/contract/types.ts';
import { useApi, useCall } from '../../api/context.tsx';

/** Deleted rows of the year, to be restored. */
export function RecycleBin({ year, scopeOrgId, onClose, onRestored }: { year: number; scopeOrgId: number | undefined; onClose: () => void; onRestored: (rows: LedgerRow[]) => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const deleted = useCall('ledger.list', scopeOrgId === undefined ? { year, deleted: true } : { year, deleted: true, scopeOrgId });
  const restore = async (row: LedgerRow) => {
    const rows = await api.call('ledger.restore', { ids: [row.id] });
    message.success(`已恢复“${row.name}”`);
    deleted.reload();
    onRestored(rows);
  };
  return (
    <Drawer open title={`已删除的台账行（${year} 年）`} width={640} onClose={onClose}>
      <Table<LedgerRow>
        size="small"
        rowKey="id"
        loading={deleted.loading}
        dataSource={deleted.data?.rows ?? []}
        locale={{ emptyText: '没有已删除的行' }}
        columns={[
          { title: '党组织名称', dataIndex: 'name' },
          { title: '所属单位', dataIndex: 'township' },
          { title: '删除时间', dataIndex: 'deletedAt', width: 160, render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }) },
          { title: '', width: 80, render: (_: unknown, r) => <Button size="small" onClick={() => void restore(r)}>恢复</Button> },
        ]}
      />
    </Drawer>
  );
}
