/**
 * 排名与提醒: the unit's branches ranked by the score its settings make, the bottom share
 * marked, and the secretaries for a reminder talk (连续两年排名靠后) with the figures behind
 * each, printable in the official style.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined, SettingOutlined } from '@ant-design/icons';
import type { RankedBranch, ReminderTalk } from '../../../../shared/contract/types.ts';
import { rankingPartLabels, type RankingSettings } from '../../../../shared/domain/ranking.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { ExportPanel } from '../export/ExportPanel.tsx';
import { numberOf, numberRule } from '../../numberRule.ts';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

export function RankingPanel({ year, scopeOrgId, scopeName }: { year: number; scopeOrgId: number | undefined; scopeName: string | undefined }) {
  const [view, setView] = useState<'reminders' | 'ranking'>('reminders');
  const args = scopeOrgId === undefined ? { year } : { year, scopeOrgId };
  const ranking = useCall('ranking.list', args);
  const reminders = useCall('ranking.reminders', args);
  const [editing, setEditing] = useState(false);
  const [printing, setPrinting] = useState(false);
  const settings = ranking.data?.settings;
  const unit = scopeName ?? '全部单位';

  return (
    <div style={{ overflow: 'auto', height: '100%' }} data-testid="ranking-panel">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<'reminders' | 'ranking'>
          value={view}
          onChange={setView}
          options={[
            { value: 'reminders', label: `提醒谈话名单（${reminders.data?.rows.length ?? '…'}）` },
            { value: 'ranking', label: `综合排名（${ranking.data?.total ?? '…'}）` },
          ]}
        />
        <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} disabled={!reminders.data?.rows.length}>
          打印提醒谈话名单
        </Button>
        <Button icon={<SettingOutlined />} onClick={() => setEditing(true)} disabled={!settings}>
          排名规则
        </Button>
      </Space>
      {settings && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {unit}{year} 年：综合得分 = {rankingPartLabels.checklist}×{settings.weights.checklist} + {rankingPartLabels.evaluation}×{settings.weights.evaluation} +{' '}
          {rankingPartLabels.problems}×{settings.weights.problems}（按权重折算为百分制；缺少的记录按 0 计）。{ranking.data?.rule}。
        </Typography.Paragraph>
      )}
      {(ranking.error ?? reminders.error) && <Alert type="error" showIcon message={(ranking.error ?? reminders.error)!.message} />}
      {view === 'reminders' ? <Reminders rows={reminders.data?.rows ?? []} loading={reminders.loading} year={year} /> : <Ranking rows={ranking.data?.rows ?? []} loading={ranking.loading} />}
      {editing && settings && (
        <RulesDialog
          settings={settings}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            ranking.reload();
            reminders.reload();
          }}
        />
      )}
      {printing && <PrintDialog year={year} onClose={() => setPrinting(false)} />}
    </div>
  );
}

function Reminders({ rows, loading, year }: { rows: ReminderTalk[]; loading: boolean; year: number }) {
  return (
    <Table<ReminderTalk>
      size="small"
      rowKey="orgId"
      loading={loading}
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: `没有连续两年（${year - 1}、${year} 年）排名靠后的党支部` }}
      columns={[
        { title: '苏木乡镇（街道）', dataIndex: 'township', width: 150 },
        { title: '党支部', dataIndex: 'name' },
        { title: '书记', dataIndex: 'secretary', width: 90, render: (s: string | null, r) => (r.previousSecretary ? <span>{s ?? '—'}<br /><Typography.Text type="secondary">上年：{r.previousSecretary}</Typography.Text></span> : (s ?? '—')) },
        { title: `${year - 1} 年`, children: [
          { title: '得分', dataIndex: 'previousScore', width: 70 },
          { title: '排名', width: 80, render: (_: unknown, r) => `${r.previousRank}/${r.previousTotal}` },
        ] },
        { title: `${year} 年`, children: [
          { title: '得分', dataIndex: 'score', width: 70 },
          { title: '排名', width: 80, render: (_: unknown, r) => `${r.rank}/${r.total}` },
        ] },
        { title: rankingPartLabels.checklist, width: 100, render: (_: unknown, r) => pct(r.parts.checklist) },
        { title: rankingPartLabels.evaluation, width: 90, render: (_: unknown, r) => num(r.parts.evaluation) },
        { title: rankingPartLabels.problems, width: 100, render: (_: unknown, r) => pct(r.parts.problems) },
        { title: '缺少的记录', width: 150, render: (_: unknown, r) => r.missing.map((m) => <Tag key={m}>{m}</Tag>) },
      ]}
    />
  );
}

function Ranking({ rows, loading }: { rows: RankedBranch[]; loading: boolean }) {
  return (
    <Table<RankedBranch>
      size="small"
      rowKey="orgId"
      loading={loading}
      pagination={{ pageSize: 50, showSizeChanger: false }}
      dataSource={rows}
      rowClassName={(r) => (r.bottom ? 'ranking-bottom' : '')}
      columns={[
        { title: '排名', dataIndex: 'rank', width: 70 },
        { title: '苏木乡镇（街道）', dataIndex: 'township', width: 150 },
        { title: '党支部', dataIndex: 'name', render: (n: string, r) => (r.bottom ? <span>{n} <Tag color="red">排名靠后</Tag></span> : n) },
        { title: '书记', dataIndex: 'secretary', width: 90 },
        { title: '综合得分', dataIndex: 'score', width: 90 },
        { title: rankingPartLabels.checklist, width: 100, render: (_: unknown, r) => pct(r.parts.checklist) },
        { title: rankingPartLabels.evaluation, width: 90, render: (_: unknown, r) => num(r.parts.evaluation) },
        { title: rankingPartLabels.problems, width: 110, render: (_: unknown, r) => (r.problemsTotal ? `${pct(r.parts.problems)}（${r.problemsCleared}/${r.problemsTotal}）` : '无问题') },
        { title: '缺少的记录', width: 150, render: (_: unknown, r) => r.missing.map((m) => <Tag key={m}>{m}</Tag>) },
      ]}
    />
  );
}

function RulesDialog({ settings, onClose, onSaved }: { settings: RankingSettings; onClose: () => void; onSaved: () => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ checklist: string; evaluation: string; problems: string; bottomPercent: string }>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.call('ranking.saveSettings', { weights: { checklist: numberOf(v.checklist)!, evaluation: numberOf(v.evaluation)!, problems: numberOf(v.problems)! }, bottomShare: numberOf(v.bottomPercent)! / 100 });
      message.success('排名规则已保存');
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title="排名规则" okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 10 }}
        initialValues={{ checklist: String(settings.weights.checklist), evaluation: String(settings.weights.evaluation), problems: String(settings.weights.problems), bottomPercent: String(Math.round(settings.bottomShare * 1000) / 10) }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
        }}
      >
        {(['checklist', 'evaluation', 'problems'] as const).map((k) => (
          <Form.Item key={k} name={k} label={`${rankingPartLabels[k]}的权重`} rules={[numberRule(`${rankingPartLabels[k]}的权重`, { min: 0, max: 100, decimals: 0, required: true, example: '40' })]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
        ))}
        <Form.Item name="bottomPercent" label="排名靠后的比例（%）" rules={[numberRule('排名靠后的比例', { min: 1, max: 50, decimals: 1, required: true, example: '10' })]}>
          <Input style={{ width: 100 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PrintDialog({ year, onClose }: { year: number; onClose: () => void }) {
  const templates = useCall('templates.list', {});
  const template = templates.data?.find((t) => t.id === 'reminder-talks');
  return (
    <Modal open title="打印提醒谈话名单" width={1280} footer={null} onCancel={onClose} destroyOnHidden>
      {template ? <ExportPanel template={template} years={[year]} /> : null}
    </Modal>
  );
}
