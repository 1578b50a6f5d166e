/** A problem's steps (建账, 领账, 开始整改, 进展, 销号, 重新打开), oldest first, with who, why and what. */
import { Drawer, Empty, Spin, Tag, Timeline, Typography } from 'antd';
import type { DictEntry, RecordRow } from '../../../../shared/contract/types.ts';
import { isProblemStatus, problemStatusLabels, stepKind } from '../../../../shared/domain/problems.ts';
import { useCall } from '../../api/context.tsx';

export function StepsDrawer({ row, dicts, onClose }: { row: RecordRow; dicts: DictEntry[]; onClose: () => void }) {
  const steps = useCall('problems.steps', { id: row.id });
  const label = (s: string) => dicts.find((d) => d.dict === 'problem_status' && d.code === s)?.label ?? (isProblemStatus(s) ? problemStatusLabels[s] : s);
  const what = (from: string | null, to: string) => {
    if (from === null) return `建账（${label(to)}）`;
    if (from === to) return '记进展';
    const kind = isProblemStatus(from) && isProblemStatus(to) ? stepKind(from, to) : 'forward';
    return `${label(from)} → ${label(to)}${kind === 'skip' ? '（跳过中间环节）' : kind === 'back' ? '（退回）' : ''}`;
  };
  return (
    <Drawer open title={`整改记录：${String(row.values.description ?? '')}`} width={520} onClose={onClose}>
      {steps.loading && !steps.data ? (
        <Spin />
      ) : steps.error ? (
        <Typography.Text type="danger">{steps.error.message}</Typography.Text>
      ) : (steps.data ?? []).length === 0 ? (
        <Empty description="还没有整改记录" />
      ) : (
        <Timeline
          data-testid="problem-steps"
          items={(steps.data ?? []).map((s) => ({
            color: s.to === 'cleared' ? 'green' : s.from === s.to ? 'gray' : s.reason ? 'orange' : 'blue',
            children: (
              <div>
                <div>
                  <b>{s.at}</b> {what(s.from, s.to)} <Tag>{s.actor}</Tag>
                </div>
                {s.reason && <div>理由：{s.reason}</div>}
                {s.note && <div style={{ color: '#555' }}>{s.from === s.to ? s.note : `说明：${s.note}`}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
