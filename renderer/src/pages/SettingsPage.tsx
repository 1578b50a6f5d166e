/**
 * 设置: the department's unit and the staff member's name; the dictionaries (fields,
 * grades, org kinds …) are this database's own data, edited here; and the rules of the
 * ledger checks.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { DictEntry, OrgNode } from '../../../shared/contract/types.ts';
import type { LiaisonRuleSettings } from '../../../shared/domain/liaison.ts';
import { defaultDictionaries } from '../../../shared/domain/defaults.ts';
import { useApi, useCall } from '../api/context.tsx';
import { useUnit } from '../unit.tsx';
import { ScopePicker } from './ledger/ScopePicker.tsx';
import { StandardsSettings } from './standards/StandardsSettings.tsx';
import { PipelineSettings } from './strongest/PipelineSettings.tsx';
import { PasswordSettings } from './settings/PasswordSettings.tsx';
import { BackupSettings } from './backup/BackupSettings.tsx';

interface EntryValues {
  label: string;
  synonyms: string[];
  active: boolean;
}

function EntryDialog({ dict, entry, onClose, onSaved }: { dict: string; entry: DictEntry | null; onClose: () => void; onSaved: () => void }) {
  const api = useApi();
  const [form] = Form.useForm<EntryValues>();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={entry ? `修改“${entry.label}”` : `新增${defaultDictionaries[dict]?.title ?? ''}选项`}
      okText="保存"
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await api.call('dict.save', { dict, ...(entry ? { code: entry.code, sortOrder: entry.sortOrder } : {}), label: v.label.trim(), synonyms: v.synonyms ?? [], active: v.active });
          onSaved();
        } catch (e) {
          setError((e as Error).message);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ label: entry?.label ?? '', synonyms: entry?.synonyms ?? [], active: entry?.active ?? true }}>
        <Form.Item name="label" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="synonyms" label="同义词" extra="表格里出现这些写法时，导入和粘贴会自动识别为此项。输入后按回车。">
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="active" label="启用" valuePropName="checked" extra="停用后不再出现在下拉选项中，已填写的数据不受影响。">
          <Switch />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function Dictionaries() {
  const dicts = useCall('dict.list', {});
  const [editing, setEditing] = useState<{ dict: string; entry: DictEntry | null } | null>(null);
  if (dicts.error) return <Alert type="error" showIcon message="读取字典失败" description={dicts.error.message} />;
  return (
    <>
      <Tabs
        items={Object.entries(defaultDictionaries).map(([dict, { title }]) => ({
          key: dict,
          label: title,
          children: (
            <>
              <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setEditing({ dict, entry: null })}>
                新增选项
              </Button>
              <Table<DictEntry>
                size="small"
                rowKey="code"
                pagination={false}
                loading={dicts.loading}
                dataSource={(dicts.data ?? []).filter((e) => e.dict === dict)}
                columns={[
                  { title: '名称', dataIndex: 'label', width: 200, render: (l: string, e) => (e.active ? l : <Typography.Text delete type="secondary">{l}</Typography.Text>) },
                  { title: '同义词（导入和粘贴时自动识别）', dataIndex: 'synonyms', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
                  { title: '', width: 80, render: (_: unknown, e) => <Button size="small" onClick={() => setEditing({ dict, entry: e })}>修改</Button> },
                ]}
              />
            </>
          ),
        }))}
      />
      {editing && (
        <EntryDialog
          dict={editing.dict}
          entry={editing.entry}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            dicts.reload();
          }}
        />
      )}
    </>
  );
}

function CheckRules() {
  const api = useApi();
  const { message } = AntApp.useApp();
  const settings = useCall('settings.get', {});
  // undefined: not touched (the stored value shows); null: cleared, which cannot be saved.
  const [years, setYears] = useState<number | null | undefined>(undefined);
  const value = years === undefined ? (settings.data?.termOverdueYears ?? 5) : years;
  return (
    <Space>
      换届超期：上次换届距今超过
      <InputNumber min={1} max={20} value={value} onChange={(v) => setYears(v)} status={value === null ? 'error' : ''} aria-label="换届年限" />
      年
      <Button
        type="primary"
        disabled={value === null}
        title={value === null ? '请填写 1 到 20 之间的年数' : undefined}
        onClick={async () => {
          if (value === null) return;
          await api.call('settings.save', { termOverdueYears: value });
          message.success('已保存');
          settings.reload();
        }}
      >
        保存
      </Button>
    </Space>
  );
}

/** The rules of liaison points a city sets: which apply, to whom, how many visits a year. */
function LiaisonRules() {
  const api = useApi();
  const { message } = AntApp.useApp();
  const settings = useCall('settings.get', {});
  const dicts = useCall('dict.list', {});
  const [draft, setDraft] = useState<LiaisonRuleSettings | null>(null);
  const rules = draft ?? settings.data?.liaisonRules;
  if (!rules) return null;
  const options = (dict: string) => (dicts.data ?? []).filter((d) => d.dict === dict && d.active).map((d) => ({ value: d.code, label: d.label }));
  const set = <K extends keyof LiaisonRuleSettings>(key: K, patch: Partial<LiaisonRuleSettings[K]>) => setDraft({ ...rules, [key]: { ...rules[key], ...patch } });
  const toggle = (key: keyof LiaisonRuleSettings, label: string) => (
    <Switch checked={rules[key].enabled} onChange={(enabled) => set(key, { enabled })} aria-label={label} />
  );
  return (
    <Space direction="vertical" data-testid="liaison-rule-settings">
      <Space wrap>
        {toggle('leaderHasPoint', '领导干部都有联系点')}每名
        <Select mode="multiple" style={{ minWidth: 260 }} value={rules.leaderHasPoint.positions} options={options('leader_position')} onChange={(positions) => set('leaderHasPoint', { positions })} />
        至少联系 1 个党支部
      </Space>
      <Space>{toggle('secretaryAtLagging', '书记联系后进党支部')}书记至少联系 1 个后进党支部</Space>
      <Space>{toggle('laggingHasLeader', '后进党支部有联系领导')}每个后进党支部都有在职领导干部联系</Space>
      <Space wrap>
        {toggle('fourOnes', '四个一')}“四个一”：
        <Select mode="multiple" style={{ minWidth: 200 }} value={rules.fourOnes.committeeKinds} options={options('org_kind')} onChange={(committeeKinds) => set('fourOnes', { committeeKinds })} />
        的领导干部各联系 1 个
        <Select mode="multiple" style={{ minWidth: 320 }} value={rules.fourOnes.fields} options={options('field')} onChange={(fields) => set('fourOnes', { fields })} />
        党支部
      </Space>
      <Space>
        {toggle('minVisits', '联系点工作次数')}每个联系点每年至少
        <InputNumber min={1} max={52} value={rules.minVisits.perYear} onChange={(perYear) => perYear && set('minVisits', { perYear })} aria-label="每年工作次数" />
        次工作记录（当年按已过天数折算）
      </Space>
      <Button
        type="primary"
        disabled={!draft}
        onClick={async () => {
          try {
            await api.call('settings.save', { liaisonRules: rules });
            setDraft(null);
            message.success('联系点规则已保存');
            settings.reload();
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        保存联系点规则
      </Button>
    </Space>
  );
}

/** Which department this is (every page starts from its unit) and who works here (操作人 in every history). */
function UnitAndOperator() {
  const api = useApi();
  const { message } = AntApp.useApp();
  const { status, reload } = useUnit();
  // undefined: not touched (the stored value shows).
  const [unit, setUnit] = useState<OrgNode | null | undefined>(undefined);
  const [name, setName] = useState<string | undefined>(undefined);
  if (!status) return null;
  const shownUnit = unit === undefined ? status.unit : unit;
  const shownName = name ?? status.operatorName ?? '';
  const touched = unit !== undefined || name !== undefined;
  return (
    <Space direction="vertical" data-testid="unit-settings">
      <Space>
        本单位
        <ScopePicker value={shownUnit} onChange={setUnit} />
        <Typography.Text type="secondary">各页面（分类台账、联系点、报表导出、统计分析）打开时显示本单位。</Typography.Text>
      </Space>
      <Space>
        操作人
        <Input style={{ width: 200 }} maxLength={20} value={shownName} onChange={(e) => setName(e.target.value)} placeholder={`不填则为本机账户“${status.account}”`} aria-label="操作人" />
        <Typography.Text type="secondary">记入每一条修改记录。</Typography.Text>
      </Space>
      <Button
        type="primary"
        disabled={!touched}
        onClick={async () => {
          try {
            await api.call('settings.save', {
              ...(unit !== undefined ? { unitId: unit?.id ?? null } : {}),
              ...(name !== undefined ? { operatorName: name.trim() || null } : {}),
            });
            setUnit(undefined);
            setName(undefined);
            await reload();
            message.success('已保存');
          } catch (e) {
            message.error((e as Error).message);
          }
        }}
      >
        保存
      </Button>
    </Space>
  );
}

export function SettingsPage() {
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="本单位与操作人" size="small">
        <UnitAndOperator />
      </Card>
      <Card title="备份与恢复" size="small" id="backup">
        <BackupSettings />
      </Card>
      <Card title="检查规则" size="small">
        <CheckRules />
      </Card>
      <Card title="联系点规则" size="small">
        <LiaisonRules />
      </Card>
      <Card title="对标标准（“五强”参考标准，按年度）" size="small">
        <StandardsSettings />
      </Card>
      <Card title="“最强党支部”评定（乡镇“四评”的权重与合格线）" size="small">
        <PipelineSettings />
      </Card>
      <Card title="字典（领域、等次等选项）" size="small">
        <Dictionaries />
      </Card>
      <Card title="登录密码" size="small">
        <PasswordSettings />
      </Card>
    </Space>
  );
}
