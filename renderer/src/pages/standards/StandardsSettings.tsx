/**
 * 设置 → 对标标准: a year's reference standards grouped under the five “strong” criteria, added,
 * changed, deactivated and reordered here, a field restriction per item; a new year copies last
 * year's list or starts from the bundled example (which each city replaces with its own).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, PlusOutlined } from '@ant-design/icons';
import type { DictEntry } from '../../../../shared/contract/types.ts';
import type { Standard, StandardList, StandardsChange } from '../../../../shared/domain/standards.ts';
import { useApi, useCall } from '../../api/context.tsx';

interface StandardValues {
  criterion: string;
  text: string;
  field: string;
  active: boolean;
}

/** The value the field select shows for “every field” (null in the data). */
const allFields = '__all__';

function StandardDialog({ year, standard, dicts, onClose, onSaved }: { year: number; standard: Standard | 'new'; dicts: DictEntry[]; onClose: () => void; onSaved: (r: StandardsChange) => void }) {
  const api = useApi();
  const [form] = Form.useForm<StandardValues>();
  const [error, setError] = useState<string | null>(null);
  const editing = standard === 'new' ? null : standard;
  const options = (dict: string) => dicts.filter((d) => d.dict === dict && d.active).map((d) => ({ value: d.code, label: d.label }));
  return (
    <Modal
      open
      title={editing ? `修改第 ${editing.number ?? '—'} 条标准` : `新增 ${year} 年标准`}
      okText="保存"
      width={640}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          onSaved(
            await api.call('standards.save', {
              ...(editing ? { id: editing.id } : {}),
              year,
              criterion: v.criterion,
              text: v.text.trim(),
              field: v.field === allFields ? null : v.field,
              active: v.active,
            }),
          );
        } catch (e) {
          setError((e as Error).message);
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ criterion: editing?.criterion ?? 'political', text: editing?.text ?? '', field: editing?.field ?? allFields, active: editing?.active ?? true }}
      >
        <Form.Item name="criterion" label="“五强”标准" rules={[{ required: true, message: '请选择“五强”标准' }]}>
          <Select options={options('strong_criterion')} aria-label="“五强”标准" />
        </Form.Item>
        <Form.Item name="text" label="标准内容" rules={[{ required: true, whitespace: true, message: '请填写标准内容' }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount aria-label="标准内容" />
        </Form.Item>
        <Form.Item name="field" label="适用领域" extra="只适用于某一领域的标准，只对这一领域的党支部检查和计算达标率。">
          <Select options={[{ value: allFields, label: '全部领域' }, ...options('field')]} aria-label="适用领域" />
        </Form.Item>
        <Form.Item name="active" label="启用" valuePropName="checked" extra="停用的标准不再检查、不计入达标率，已做的检查记录保留。">
          <Switch />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}

export function StandardsSettings() {
  const api = useApi();
  const { message } = AntApp.useApp();
  const dicts = useCall('dict.list', {});
  const ledgerYears = useCall('ledger.years', {});
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => {
    if (year === null && ledgerYears.data) setYear(ledgerYears.data[0] ?? thisYear);
  }, [ledgerYears.data, year, thisYear]);
  const listed = useCall('standards.list', { year: year ?? thisYear });
  const [list, setList] = useState<StandardList | undefined>(undefined);
  useEffect(() => setList(listed.data), [listed.data]);
  const [editing, setEditing] = useState<Standard | 'new' | null>(null);

  const entries = dicts.data ?? [];
  const label = (dict: string, code: string | null) => entries.find((d) => d.dict === dict && d.code === code)?.label ?? code ?? '';
  const yearOptions = useMemo(() => {
    const all = new Set([...(ledgerYears.data ?? []), ...(list?.years ?? []), thisYear, thisYear + 1, ...(year ? [year] : [])]);
    return [...all].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y} 年` }));
  }, [ledgerYears.data, list?.years, thisYear, year]);
  if (year === null) return null;
  const standards = list?.year === year ? list.standards : [];
  // The year to copy from: the latest before this one that has standards.
  const from = (list?.years ?? []).filter((y) => y < year).sort((a, b) => b - a)[0];

  const run = async (what: string, call: () => Promise<StandardsChange>) => {
    try {
      const r = await call();
      setList(r.list);
      message.success(what);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const criteria = entries.filter((d) => d.dict === 'strong_criterion');

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="standards-settings">
      <Space wrap>
        <Select style={{ width: 110 }} value={year} options={yearOptions} onChange={setYear} aria-label="标准年度" />
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增标准
        </Button>
        {standards.length === 0 && from !== undefined && (
          <Button icon={<CopyOutlined />} onClick={() => void run(`已复制 ${from} 年的标准`, () => api.call('standards.copyYear', { from, to: year }))}>
            复制 {from} 年标准到 {year} 年
          </Button>
        )}
        {standards.length === 0 && (
          <Button onClick={() => void run('已载入示例标准，请按本地要求修改', () => api.call('standards.loadExample', { year }))}>载入示例标准（19 条）</Button>
        )}
        <Typography.Text type="secondary">各党支部按本年度启用的标准逐条对标检查；只适用于某一领域的标准只检查该领域的党支部。</Typography.Text>
      </Space>
      {listed.error && <Alert type="error" showIcon message="读取对标标准失败" description={listed.error.message} />}
      {standards.length === 0 && !listed.loading ? (
        <Empty description={`${year} 年还没有对标标准`} />
      ) : (
        criteria.map((c) => {
          const rows = standards.filter((s) => s.criterion === c.code);
          if (rows.length === 0) return null;
          return (
            <div key={c.code} data-testid={`criterion-${c.code}`}>
              <Typography.Title level={5} style={{ margin: '8px 0' }}>
                {c.label}（{rows.filter((s) => s.active).length} 条）
              </Typography.Title>
              <Table<Standard>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={rows}
                columns={[
                  { title: '序号', dataIndex: 'number', width: 70, render: (n: number | null) => (n === null ? '—' : `第${n}条`) },
                  { title: '标准内容', dataIndex: 'text', render: (t: string, s) => (s.active ? t : <Typography.Text delete type="secondary">{t}</Typography.Text>) },
                  { title: '适用领域', dataIndex: 'field', width: 140, render: (f: string | null) => (f ? <Tag color="blue">{label('field', f)}</Tag> : '全部领域') },
                  {
                    title: '',
                    width: 250,
                    render: (_: unknown, s, i) => (
                      <Space size={4}>
                        <Button size="small" onClick={() => setEditing(s)}>
                          修改
                        </Button>
                        <Button
                          size="small"
                          onClick={() =>
                            void run(s.active ? '已停用' : '已启用', () =>
                              api.call('standards.save', { id: s.id, year, criterion: s.criterion, text: s.text, field: s.field, active: !s.active }),
                            )
                          }
                        >
                          {s.active ? '停用' : '启用'}
                        </Button>
                        <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} title="上移" onClick={() => void run('已上移', () => api.call('standards.move', { id: s.id, direction: 'up' }))} />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={i === rows.length - 1}
                          title="下移"
                          onClick={() => void run('已下移', () => api.call('standards.move', { id: s.id, direction: 'down' }))}
                        />
                      </Space>
                    ),
                  },
                ]}
              />
            </div>
          );
        })
      )}
      {editing && (
        <StandardDialog
          year={year}
          standard={editing}
          dicts={entries}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            setList(r.list);
            message.success('已保存');
          }}
        />
      )}
    </Space>
  );
}
