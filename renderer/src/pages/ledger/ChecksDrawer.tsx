import { Badge, Collapse, Drawer, Empty, List, Typography } from 'antd';
import type { CheckRowRef } from '../../../../shared/contract/types.ts';
import { useCall } from '../../api/context.tsx';

/** Derived checks, each a list of rows; a click takes the grid to the row. */
export function ChecksDrawer({ year, scopeOrgId, scopeName, onClose, onPick }: { year: number; scopeOrgId: number | undefined; scopeName?: string; onClose: () => void; onPick: (ref: CheckRowRef) => void }) {
  const checks = useCall('ledger.checks', scopeOrgId === undefined ? { year } : { year, scopeOrgId });
  return (
    // No mask: a row picked here is shown (and can be fixed) in the grid beside the drawer.
    <Drawer open mask={false} title={`台账检查（${scopeName ? `${scopeName}，` : ''}${year} 年）`} width={520} onClose={onClose} loading={checks.loading}>
      {checks.error && <Typography.Text type="danger">{checks.error.message}</Typography.Text>}
      <Collapse
        items={(checks.data ?? []).map((c) => ({
          key: c.rule,
          label: (
            <span>
              {c.label} <Badge count={c.rows.length} showZero color={c.rows.length ? '#cf1322' : '#52c41a'} overflowCount={99999} />
            </span>
          ),
          children: (
            <>
              <Typography.Paragraph type="secondary">{c.description}</Typography.Paragraph>
              {c.rows.length === 0 ? (
                <Empty description="没有发现问题" image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <List
                  size="small"
                  dataSource={c.rows.slice(0, 500)}
                  footer={c.rows.length > 500 ? `仅列出前 500 条，共 ${c.rows.length} 条。可在表格中筛选查看全部。` : null}
                  renderItem={(r) => (
                    <List.Item onClick={() => onPick(r)} style={{ cursor: 'pointer' }}>
                      <Typography.Link>{r.name}</Typography.Link>
                      <Typography.Text type="secondary">{[r.township, r.detail].filter(Boolean).join(' · ')}</Typography.Text>
                    </List.Item>
                  )}
                />
              )}
            </>
          ),
        }))}
      />
    </Drawer>
  );
}
