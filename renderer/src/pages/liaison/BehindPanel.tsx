/**
 * 走访提醒: the points behind on their work records for the year (the rule's minimum, pro
 * rata to the day), each with what is missing and a way to act: open the leader's card, record
 * a visit at once; and the printable reminder list (联系点走访提醒名单) for the leaders.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Empty, Table, Typography } from 'antd';
import type { BehindPoint, DictEntry, LiaisonBehind } from '../../../../shared/contract/types.ts';
import { useApi, type CallState } from '../../api/context.tsx';
import { VisitNowDialog } from '../records/VisitNowDialog.tsx';
import { suggestedFileName } from '../export/fileName.ts';

export const visitReminderTemplate = 'liaison-visit-reminders';

export function BehindPanel({ year, dicts, scopeId, scopeName, behind, onOpenLeader, onOpenBranch, onVisited }: {
  year: number;
  dicts: DictEntry[];
  scopeId?: number | undefined;
  /** The unit whose branches are listed; undefined: all. */
  scopeName?: string | undefined;
  behind: CallState<LiaisonBehind>;
  onOpenLeader: (id: number) => void;
  onOpenBranch: (orgId: number) => void;
  onVisited: () => void;
}) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const [visiting, setVisiting] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  if (behind.error) return <Alert type="error" showIcon message="读取工作记录不足的联系点失败" description={behind.error.message} />;
  const data = behind.data;

  const exportList = async () => {
    const scope = { year, ...(scopeId !== undefined ? { scopeOrgId: scopeId } : {}) };
    // Named as 报表导出 names it: 附件12 某某苏木2026年联系点走访提醒名单 (the unit as a place, never 某某市委…).
    setExporting(true);
    try {
      // The name and the save dialog too: a failure of either is said, not lost.
      const { path } = await api.call('shell.chooseSaveFile', { suggestedName: await suggestedFileName(api, visitReminderTemplate, scope) });
      if (!path) return;
      await api.call('export.run', { templateId: visitReminderTemplate, scope, path });
      message.success(`提醒名单已导出：${path}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="liaison-behind">
      <Typography.Paragraph type="secondary">
        {data
          ? data.enabled
            ? `按 ${data.asOf} 计：每个联系点每年至少 ${data.perYear} 次工作记录，按天数折算（年中确定的联系点从确定之日算起）；${scopeName ? `“${scopeName}”` : '全部单位'}共 ${data.rows.length} 个联系点记录不足。`
            : '“联系点工作记录不足”规则未启用，可在“设置 → 联系点规则”中打开。'
          : '正在计算…'}
      </Typography.Paragraph>
      <div style={{ marginBottom: 8 }}>
        <Button type="primary" loading={exporting} disabled={!data?.rows.length} onClick={() => void exportList()} data-testid="export-visit-reminders">
          导出提醒名单
        </Button>
      </div>
      <Table<BehindPoint>
        size="small"
        rowKey="liaisonId"
        loading={behind.loading}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有工作记录不足的联系点" /> }}
        rowClassName={() => 'behind-row'}
        columns={[
          { title: '联系领导', width: 90, render: (_: unknown, r) => <Typography.Link onClick={() => onOpenLeader(r.leaderId)}>{r.leaderName}</Typography.Link> },
          { title: '职务', dataIndex: 'leaderTitle', ellipsis: true },
          { title: '苏木乡镇（街道）', dataIndex: 'township', width: 150, ellipsis: true },
          { title: '联系党支部', render: (_: unknown, r) => <Typography.Link onClick={() => onOpenBranch(r.orgId)}>{r.branchName}</Typography.Link> },
          { title: '确定时间', dataIndex: 'since', width: 100 },
          { title: '已记录', dataIndex: 'records', width: 80, align: 'right', sorter: (a, b) => a.records - b.records },
          { title: '至今应有', dataIndex: 'expected', width: 90, align: 'right', sorter: (a, b) => a.expected - b.expected },
          // The furthest behind first: whom to remind first.
          { title: '还差', dataIndex: 'short', width: 70, align: 'right', sorter: (a, b) => a.short - b.short, defaultSortOrder: 'descend' },
          { title: '最近一次', dataIndex: 'lastVisitOn', width: 110, sorter: (a, b) => (a.lastVisitOn ?? '').localeCompare(b.lastVisitOn ?? '') },
          { title: '', width: 100, render: (_: unknown, r) => <Button size="small" onClick={() => setVisiting(r.liaisonId)}>记一次走访</Button> },
        ]}
      />
      {visiting !== null && (
        <VisitNowDialog
          year={year}
          dicts={dicts}
          of={{ liaisonId: visiting }}
          onClose={() => setVisiting(null)}
          onAdded={() => {
            setVisiting(null);
            message.success('已记录这次走访');
            onVisited();
          }}
        />
      )}
    </div>
  );
}
