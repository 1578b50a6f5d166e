/**
 * 设置 → 备份与恢复: the backups kept beside the database, newest first, with what each holds;
 * a backup now (with a note), restore from one of them or from a file, the folder opened in the
 * file manager, and how many are kept.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Space, Table, Typography } from 'antd';
import { CloudUploadOutlined, FolderOpenOutlined, HistoryOutlined } from '@ant-design/icons';
import { backupReasonLabels, type BackupInfo, type BackupRetention } from '../../../../shared/contract/backup.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { numberOf, numberRule } from '../../numberRule.ts';
import { backupHolds, backupSize, backupTime } from './format.ts';
import { useRestore } from './useRestore.tsx';

export function BackupSettings() {
  const list = useCall('backup.list', {});
  const { restoreBackup, restoreFile } = useRestore();
  if (list.error) return <Alert type="error" showIcon message="读取备份列表失败" description={list.error.message} />;
  const backups = [...(list.data?.backups ?? [])].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="backup-settings">
      <BackupNow onDone={list.reload} />
      <Space wrap>
        <Button icon={<HistoryOutlined />} onClick={() => void restoreFile()}>
          从文件恢复…
        </Button>
        {list.data && <OpenFolder dir={list.data.dir} />}
      </Space>
      <Table<BackupInfo>
        size="small"
        rowKey="name"
        loading={list.loading}
        dataSource={backups}
        pagination={backups.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: '还没有备份' }}
        data-testid="backup-list"
        columns={[
          { title: '备份时间', dataIndex: 'takenAt', width: 150, render: (t: string) => backupTime(t) },
          { title: '类型', dataIndex: 'reason', width: 120, render: (r: BackupInfo['reason']) => backupReasonLabels[r] },
          { title: '大小', dataIndex: 'bytes', width: 90, align: 'right', render: (b: number) => backupSize(b) },
          { title: '内容', key: 'holds', width: 330, render: (_: unknown, b) => backupHolds(b) },
          { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '' },
          {
            title: '',
            key: 'restore',
            width: 80,
            render: (_: unknown, b) => (
              <Button size="small" onClick={() => restoreBackup(b)}>
                恢复
              </Button>
            ),
          },
        ]}
      />
      {list.data && <RetentionForm retention={list.data.retention} onSaved={list.reload} />}
    </Space>
  );
}

/** 立即备份, with an optional note, showing that it runs (and how far, when the core says). */
function BackupNow({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const [note, setNote] = useState('');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  useEffect(
    () =>
      api.on('progress', (p) => {
        if (p.task !== 'backup') return;
        setProgress(p.message ?? (p.total > 0 ? `${Math.round((100 * p.done) / p.total)}%` : null));
      }),
    [api],
  );
  const run = async () => {
    setRunning(true);
    setProgress(null);
    try {
      const b = await api.call('backup.now', { ...(note.trim() ? { note: note.trim() } : {}) });
      message.success(`已备份：${backupTime(b.takenAt)}，${backupHolds(b)}`);
      setNote('');
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Space wrap>
      <Input style={{ width: 320 }} maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} placeholder="备注（可不填），如：年底报送前" aria-label="备份备注" disabled={running} />
      <Button type="primary" icon={<CloudUploadOutlined />} loading={running} onClick={() => void run()}>
        立即备份
      </Button>
      {running && (
        <Typography.Text type="secondary" data-testid="backup-running">
          正在备份{progress ? `：${progress}` : '…'}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The backups folder in the file manager; the browser version cannot open one, so it names the folder. */
function OpenFolder({ dir }: { dir: string }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  return (
    <Space>
      <Button
        icon={<FolderOpenOutlined />}
        onClick={async () => {
          try {
            const { opened } = await api.call('shell.openPath', { path: dir });
            if (!opened) message.info(`未能打开文件夹，请在文件管理器中打开：${dir}`);
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        打开备份文件夹
      </Button>
      <Typography.Text type="secondary" copyable={{ text: dir, tooltips: ['复制路径', '已复制'] }}>
        备份文件夹：{dir}
      </Typography.Text>
    </Space>
  );
}

const retentionFields = [
  { name: 'daily', label: '每日备份保留', unit: '份', rule: numberRule('每日备份保留份数', { min: 1, max: 365, decimals: 0, required: true, example: '30' }) },
  { name: 'monthly', label: '每月备份保留', unit: '份', rule: numberRule('每月备份保留份数', { min: 0, max: 120, decimals: 0, required: true, example: '12' }) },
  { name: 'beforeChangeDays', label: '导入、恢复、升级前的备份保留', unit: '天', rule: numberRule('导入、恢复、升级前的备份保留天数', { min: 1, max: 3650, decimals: 0, required: true, example: '30' }) },
] as const;

/** How many backups are kept: numbers as typed, refused beside the field when out of range, never clamped. */
function RetentionForm({ retention, onSaved }: { retention: BackupRetention; onSaved: () => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Record<keyof BackupRetention, string>>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    form.setFieldsValue({ daily: String(retention.daily), monthly: String(retention.monthly), beforeChangeDays: String(retention.beforeChangeDays) });
  }, [retention, form]);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.call('backup.saveRetention', { daily: numberOf(v.daily)!, monthly: numberOf(v.monthly)!, beforeChangeDays: numberOf(v.beforeChangeDays)! });
      message.success('备份保留设置已保存');
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div data-testid="backup-retention">
      <Typography.Text strong>自动删除旧备份</Typography.Text>
      {/* One field a row, the refusal under its field: a message never pushes the other fields about. */}
      <Form form={form} layout="horizontal" labelCol={{ flex: '230px' }} labelAlign="left" colon={false} onFinish={() => void save()} style={{ marginTop: 8 }}>
        {retentionFields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={[f.rule]} style={{ marginBottom: 12 }}>
            <Input style={{ width: 110 }} suffix={f.unit} aria-label={f.label} />
          </Form.Item>
        ))}
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        每次备份后，超出份数或天数的旧备份自动删除（每月备份为每月的第一份）。手动备份不会自动删除。
      </Typography.Paragraph>
    </div>
  );
}
