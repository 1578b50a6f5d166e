/**
 * A return after a send-back, at the top of its preview: the round, what became of each cell
 * sent back (已改正 / 仍有 / 所在行已删除) and what is new; a click on one shows its row.
 */
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { roundSummary, type RoundComparison, type SendBackItem } from '../../../../shared/domain/sendBack.ts';

export type RowFocus = { sheet: string; sourceRow: number; field: string | null };

type Entry = { key: string; tag: { color: string; text: string }; where: { sheet: string; cell: string; sourceRow: number } | null; item: SendBackItem };

export function RoundBanner({ comparison, several, onShow }: { comparison: RoundComparison; several: boolean; onShow: (at: RowFocus) => void }) {
  const c = comparison;
  const entries: Entry[] = [
    ...c.remaining.map((e) => ({ key: `r${e.item.sheet}!${e.item.cell}`, tag: { color: 'red', text: '仍有' }, where: e.now, item: e.item })),
    ...c.added.map((i) => ({ key: `a${i.sheet}!${i.cell}`, tag: { color: 'orange', text: '新发现' }, where: { sheet: i.sheet, cell: i.cell, sourceRow: i.sourceRow }, item: i })),
    ...c.gone.map((e) => ({ key: `g${e.item.sheet}!${e.item.cell}`, tag: { color: 'default', text: '所在行已删除' }, where: null, item: e.item })),
    ...c.fixed.map((e) => ({ key: `f${e.item.sheet}!${e.item.cell}`, tag: { color: 'green', text: '已改正' }, where: e.now, item: e.item })),
  ];
  const clean = c.remaining.length === 0 && c.added.length === 0 && !c.unchangedCopy;
  return (
    <Alert
      type={clean ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="round-banner"
      message={<span data-testid="round-summary">{roundSummary(c)}</span>}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            上次于 {new Date(c.sentBackAt).toLocaleString('zh-CN', { hour12: false })} 由 {c.sentBackBy} 退回{c.reason ? `，原因：${c.reason}` : ''}。单击一项可在下方表格中查看那一行。
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={entries}
            style={{ maxHeight: 200, overflow: 'auto' }}
            renderItem={(e) => (
              <List.Item style={{ padding: '2px 0' }}>
                <Space size={6} wrap>
                  <Tag color={e.tag.color}>{e.tag.text}</Tag>
                  {e.where ? (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onShow({ sheet: e.where!.sheet, sourceRow: e.where!.sourceRow, field: e.item.field })}>
                      {several ? `${e.where.sheet}!` : ''}
                      {e.where.cell}
                    </Button>
                  ) : (
                    <Typography.Text type="secondary">原 {e.item.cell}</Typography.Text>
                  )}
                  <Typography.Text>
                    {e.item.rowLabel}：{e.item.reason.split('\n')[0]}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      }
    />
  );
}
