import { useEffect, useState } from 'react';
import { Drawer, Empty, Table, Tag, Typography } from 'antd';
import type { AuditEntry } from '../../../../shared/contract/types.ts';

const sourceLabels: Record<string, string> = { typed: '手工编辑', paste: '粘贴', fill: '填充', import: '导入', seed: '演示数据', 'copy-year': '复制上年', undo: '撤销', redo: '重做' };
const opLabels: Record<string, string> = { insert: '新增', update: '修改', delete: '删除', restore: '恢复', bulk_insert: '批量新增' };

function show(value: unknown): string {
  if (value === null || value === undefined) return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object' && 'invalid' in (value as object)) return `${String((value as { invalid: string }).invalid)}（未通过校验）`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A row's history from the audit log: who changed what, when, from what to what. `load` reads it (the ledger's or a record table's). */
export function HistoryDrawer({ load, title, onClose, labelOf }: { load: () => Promise<AuditEntry[]>; title: string; onClose: () => void; labelOf: (field: string | null, v: unknown) => unknown }) {
  const [history, setHistory] = useState<{ data?: AuditEntry[]; error?: string; loading: boolean }>({ loading: true });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setHistory({ data, loading: false }),
      (e: Error) => live && setHistory({ error: e.message, loading: false }),
    );
    return () => {
      live = false;
    };
    // Loaded once per drawer: it opens for one row.
  }, []);
  return (
    <Drawer open title={`修改记录：${title}`} width={760} onClose={onClose}>
      {history.error && <Typography.Text type="danger">{history.error}</Typography.Text>}
      {history.data && history.data.length === 0 ? (
        <Empty description="这一行还没有修改记录" />
      ) : (
        <Table<AuditEntry>
          size="small"
          rowKey="id"
          loading={history.loading}
          dataSource={history.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }) },
            { title: '操作人', dataIndex: 'actor', width: 90 },
            { title: '操作', dataIndex: 'op', width: 70, render: (op: string) => opLabels[op] ?? op },
            { title: '项目', dataIndex: 'fieldLabel', width: 120, render: (l: string | null) => l ?? '整行' },
            { title: '原值 → 新值', render: (_: unknown, e) => (e.op === 'update' ? `${show(labelOf(e.field, e.oldValue))} → ${show(labelOf(e.field, e.newValue))}` : '') },
            { title: '来源', dataIndex: 'source', width: 90, render: (s: string) => <Tag>{sourceLabels[s] ?? s}</Tag> },
          ]}
        />
      )}
    </Drawer>
  );
}
