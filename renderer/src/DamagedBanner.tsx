/**
 * The database as found at start: when quick_check failed, a red banner on every page says so,
 * that nothing is written, and offers the latest good backup through the same confirmation as
 * 设置 → 备份与恢复. Writes still tried are refused by the core, in Chinese, as any error is.
 */
import { Alert, Button, Space, Typography } from 'antd';
import { useCall } from './api/context.tsx';
import { backupTime } from './pages/backup/format.ts';
import { useRestore } from './pages/backup/useRestore.tsx';
import { backupReasonLabels } from '../../shared/contract/backup.ts';

export function DamagedBanner() {
  const health = useCall('app.health', {});
  const { restoreBackup, restoreFile } = useRestore();
  const h = health.data;
  if (!h || (h.ok && !h.readOnly)) return null;
  if (h.ok) {
    return <Alert banner type="warning" showIcon message="数据库以只读方式打开：可以查看，不能保存修改。" data-testid="readonly-banner" />;
  }
  const latest = h.latestGoodBackup;
  return (
    <Alert
      banner
      type="error"
      showIcon
      data-testid="damaged-banner"
      message="数据库文件已损坏，程序以只读方式打开：任何修改都不会写入，以免损坏扩大。"
      description={
        <Space direction="vertical" size={4}>
          {h.problem && (
            <Typography.Text type="secondary" data-testid="damage-found" style={{ whiteSpace: 'pre-line' }}>
              检查发现：{h.problem}
            </Typography.Text>
          )}
          {latest ? (
            <Space wrap>
              <Button type="primary" danger onClick={() => restoreBackup(latest)}>
                从最近的备份恢复（{backupTime(latest.takenAt)} {backupReasonLabels[latest.reason]}，{latest.branches} 个党支部）
              </Button>
              <Button onClick={() => void restoreFile()}>从文件恢复…</Button>
            </Space>
          ) : (
            <Space wrap>
              <Typography.Text>没有找到完好的备份。如有拷贝到其他电脑或 U 盘的备份文件，可从文件恢复。</Typography.Text>
              <Button onClick={() => void restoreFile()}>从文件恢复…</Button>
            </Space>
          )}
        </Space>
      }
    />
  );
}
