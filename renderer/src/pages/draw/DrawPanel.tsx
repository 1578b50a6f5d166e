/**
 * 抽签评估: the city's draw by lot of the branches its counties accepted, for a year and unit.
 * The candidates per county (and field), the share, stratification and an optional seed; a
 * preview; the draw itself after naming the witnesses; the result with its seed; the records
 * of the year's draws, each exported as the printable record, the standing one redrawn only
 * with a reason. Self-contained: it takes a year and a unit (the 最强党支部 page hosts it).
 */
import { App as AntApp, Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { maxDrawSeed, parseSharePercent, shareText, witnessNames, type DrawResult, type DrawnBranch } from '../../../../shared/domain/draw.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { inputDialogProps } from '../../dialogs.ts';

const dateTime = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

interface Ask {
  /** A redraw of this record (a reason is asked), or the first draw. */
  replacing: DrawResult | null;
}

export function DrawPanel({ year, unitId }: { year: number; unitId: number | null }) {
  const api = useApi();
  const { message, notification } = AntApp.useApp();
  // The share box's text as typed; the share drawn with is the last one read as typed (never a clamped one).
  const [shareTyped, setShareTyped] = useState('10');
  const [share, setShare] = useState(0.1);
  const shareRead = parseSharePercent(shareTyped);
  const shareError = 'error' in shareRead ? shareRead.error : null;
  const [byField, setByField] = useState(false);
  // The seed as typed: empty draws a random one; anything else must be a whole number in range, never clamped.
  const [seedTyped, setSeedTyped] = useState('');
  const seedText = seedTyped.trim();
  const seed = /^\d{1,10}$/.test(seedText) && Number(seedText) <= maxDrawSeed ? Number(seedText) : null;
  const seedError = seedText !== '' && seed === null ? `随机种子“${seedText}”有误：应为 0 到 ${maxDrawSeed} 之间的整数，或不填由计算机随机产生` : null;
  const inputError = shareError ?? seedError;
  const [result, setResult] = useState<DrawResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [form] = Form.useForm<{ witnesses: string; reason?: string }>();
  const scope = unitId === null ? {} : { scopeOrgId: unitId };
  const candidates = useCall('draw.candidates', { year, ...scope, share, byField });
  const records = useCall('draw.list', { year });
  const fields = useCall('dict.list', { dict: 'field' });
  const fieldLabels = new Map((fields.data ?? []).map((e) => [e.code, e.label]));
  // The records of the unit drawn for (the department's unit when none is given).
  const shown = (records.data ?? []).filter((d) => d.scopeOrgId === (candidates.data?.scopeOrgId ?? unitId));

  const options = () => ({ year, ...scope, share, byField, ...(seed !== null ? { seed } : {}) });
  const preview = async () => {
    setBusy(true);
    try {
      setResult(await api.call('draw.run', { ...options(), dryRun: true }));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const draw = async () => {
    const values = await form.validateFields();
    if (inputError) {
      message.error(inputError);
      return;
    }
    setBusy(true);
    try {
      const r = await api.call('draw.run', { ...options(), witnesses: witnessNames(values.witnesses), ...(ask?.replacing ? { reason: values.reason ?? '' } : {}) });
      setResult(r);
      setAsk(null);
      form.resetFields();
      message.success(`抽签完成：随机种子 ${r.seed}，抽中 ${r.picked.length} 个党支部。`);
      candidates.reload();
      records.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const openExported = async (file: string) => {
    try {
      const { opened } = await api.call('shell.openPath', { path: file });
      if (!opened) message.info(`无法直接打开，文件保存在：${file}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const exportRecord = async (d: DrawResult) => {
    try {
      const { path } = await api.call('shell.chooseSaveFile', { suggestedName: `${d.title}（第${d.id}号）.xlsx`.replace(/[\\/:*?"<>|]/g, '_') });
      if (!path) return;
      const r = await api.call('draw.print', { drawId: d.id!, path });
      // The whole path: the name alone leaves the clerk hunting for the file.
      // A notice rather than a toast: a long path fits, and it stays until read.
      notification.success({
        key: 'draw-exported',
        duration: 0,
        message: '已导出抽签记录',
        description: (
          <div data-testid="draw-exported">
            保存在：<Typography.Text copyable>{r.file}</Typography.Text>
            <div><Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => void openExported(r.file)}>打开文件</Button></div>
          </div>
        ),
      });
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const c = candidates.data;
  const current = c?.current ?? null;
  const standing = shown.find((d) => d.id === current?.id) ?? null;

  return (
    <div data-testid="draw-panel">
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title={`候选党支部（${year} 年旗县验收结果为“通过”）`} loading={!c && !candidates.error}>
            {candidates.error && <Alert type="error" showIcon message="读取候选党支部失败" description={candidates.error.message} />}
            {c && c.population === 0 && <Empty description={`${year} 年“${c.scopeName}”还没有通过旗县验收的党支部。在评定记录中录入旗县验收结果后，这里会列出候选党支部。`} />}
            {c && c.population > 0 && (
              <Table
                size="small"
                pagination={false}
                scroll={{ y: 300 }}
                rowKey={(s) => `${s.countyId ?? '-'}|${s.field ?? ''}`}
                dataSource={c.strata}
                columns={[
                  { title: '旗县区', dataIndex: 'countyName' },
                  ...(byField ? [{ title: '领域', dataIndex: 'fieldLabel', render: (v: string | null) => v ?? '（未填领域）' }] : []),
                  { title: '候选（个）', dataIndex: 'candidates', align: 'right' as const, width: 90 },
                  { title: '拟抽取（个）', dataIndex: 'quota', align: 'right' as const, width: 100 },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={byField ? 2 : 1}>合计</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">{c.population}</Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">{c.strata.reduce((n, s) => n + s.quota, 0)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            )}
          </Card>
        </Col>
        <Col span={14}>
          <Card size="small" title="抽签">
            <Form layout="inline" size="small" style={{ rowGap: 8 }}>
              <Form.Item label="抽取比例" validateStatus={shareError ? 'error' : ''} help={shareError ?? undefined}>
                <Input
                  aria-label="抽取比例"
                  value={shareTyped}
                  onChange={(e) => {
                    setShareTyped(e.target.value);
                    const read = parseSharePercent(e.target.value);
                    if ('share' in read) setShare(read.share);
                  }}
                  addonAfter="%"
                  style={{ width: 110 }}
                />
              </Form.Item>
              <Form.Item label="按领域分层">
                <Switch aria-label="按领域分层" checked={byField} onChange={setByField} />
              </Form.Item>
              <Form.Item label="随机种子" validateStatus={seedError ? 'error' : ''} help={seedError ?? undefined} tooltip="不填则在抽签时由计算机随机产生；填写已有记录的随机种子，可复核该次抽签。">
                <Input aria-label="随机种子" value={seedTyped} onChange={(e) => setSeedTyped(e.target.value)} placeholder="不填则随机产生" style={{ width: 160 }} />
              </Form.Item>
            </Form>
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
              每个旗县区{byField ? '的每个领域' : ''}抽取数 = 候选数 × {shareText(share)}，四舍五入；有候选的至少抽取 1 个。同一随机种子、同一候选名单，抽取结果完全相同。
            </Typography.Paragraph>
            {current && (
              <Alert
                style={{ marginBottom: 8 }}
                type={current.samePopulation ? 'info' : 'warning'}
                showIcon
                message={`${year} 年已于 ${dateTime(current.drawnAt)} 抽签（第 ${current.id} 号记录，随机种子 ${current.seed}，抽中 ${current.picked} 个）。${current.samePopulation ? '' : '此后候选名单有变化（校验码不同）。'}确需重新抽签，请在下方抽签记录中点“重新抽签”并写明理由。`}
              />
            )}
            <Space>
              <Button onClick={() => void preview()} loading={busy} disabled={!c || c.population === 0 || inputError !== null}>预览</Button>
              <Button type="primary" onClick={() => setAsk({ replacing: null })} disabled={!c || c.population === 0 || current !== null || busy || inputError !== null}>抽签</Button>
            </Space>
          </Card>
        </Col>
      </Row>

      {result && <ResultCard result={result} fieldLabels={fieldLabels} onExport={result.stored ? () => void exportRecord(result) : undefined} />}

      <Card size="small" title="抽签记录" style={{ marginTop: 16 }} loading={!records.data && !records.error} data-testid="draw-records">
        {records.error && <Alert type="error" showIcon message="读取抽签记录失败" description={records.error.message} />}
        <Table<DrawResult>
          size="small"
          rowKey={(d) => String(d.id)}
          pagination={false}
          dataSource={shown}
          locale={{ emptyText: `${year} 年还没有抽签记录` }}
          scroll={{ x: 1350 }}
          columns={[
            { title: '编号', dataIndex: 'id', width: 60 },
            { title: '抽签时间', dataIndex: 'drawnAt', render: dateTime, width: 140 },
            { title: '范围', dataIndex: 'scopeName', width: 110, ellipsis: { showTitle: true } },
            { title: '随机种子', dataIndex: 'seed', width: 110 },
            { title: '比例', dataIndex: 'shareText', width: 60 },
            { title: '分层', dataIndex: 'byField', render: (v: boolean) => (v ? '旗县区·领域' : '旗县区'), width: 90 },
            { title: '候选 / 抽中', render: (_, d) => `${d.population} / ${d.picked.length}`, width: 90 },
            { title: '抽签人', dataIndex: 'actor', width: 70 },
            { title: '监督人', dataIndex: 'witnesses', render: (w: string[]) => w.join('、'), width: 110, ellipsis: { showTitle: true } },
            {
              title: '状态',
              render: (_, d) => (d.supersededById ? <Tag>已被第 {d.supersededById} 号替代</Tag> : <Tag color="green">有效</Tag>),
              width: 110,
            },
            { title: '重新抽签理由', dataIndex: 'reason', width: 180, ellipsis: { showTitle: true }, render: (r: string | null) => r ?? '' },
            {
              title: '操作',
              width: 220,
              render: (_, d) => (
                <Space size="small">
                  <Button size="small" type="link" onClick={() => setResult(d)}>查看</Button>
                  <Button size="small" type="link" onClick={() => void exportRecord(d)}>导出抽签记录</Button>
                  {d.id === standing?.id && !d.supersededById && (
                    <Button size="small" type="link" danger disabled={inputError !== null} onClick={() => setAsk({ replacing: d })}>重新抽签</Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Modal
        {...inputDialogProps}
        open={ask !== null}
        title={ask?.replacing ? `重新抽签（替代第 ${ask.replacing.id} 号记录）` : `确认抽签：${year} 年${c?.scopeName ?? ''}`}
        okText={ask?.replacing ? '重新抽签' : '抽签'}
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void draw()}
        onCancel={() => {
          setAsk(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          从 {c?.population ?? 0} 个通过旗县验收的党支部中，按{byField ? '旗县区和领域' : '旗县区'}分层抽取 {shareText(share)}，共约 {c?.strata.reduce((n, s) => n + s.quota, 0) ?? 0} 个。
          {seed === null ? '随机种子将在抽签时随机产生，' : `随机种子为 ${seed}（指定），`}并记入抽签记录。抽签一经作出不能撤销。
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="witnesses" label="监督人" rules={[
              {
                // Split as the core splits: separators or spaces alone name nobody.
                validator: (_, v: string | undefined) => (witnessNames(v).length ? Promise.resolve() : Promise.reject(new Error('请填写至少一名监督人的姓名'))),
              },
            ]} extra="多人用顿号或逗号分隔，如：张三、李四；打印的抽签记录为每人留签字栏。">
            <Input aria-label="监督人" placeholder="张三、李四" maxLength={100} />
          </Form.Item>
          {ask?.replacing && (
            <Form.Item name="reason" label="重新抽签理由" rules={[{ required: true, whitespace: true, message: '请写明重新抽签的理由' }]} extra="理由记入新的抽签记录；原记录保留，注明被替代。">
              <Input.TextArea aria-label="重新抽签理由" rows={2} maxLength={200} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}

function ResultCard({ result: r, fieldLabels: fieldLabel, onExport }: { result: DrawResult; fieldLabels: Map<string, string>; onExport: (() => void) | undefined }) {
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="draw-result"
      title={
        <Space>
          {r.stored ? `第 ${r.id} 号抽签结果` : '抽签预览'}
          {!r.stored && <Tag color="orange">预览，未保存</Tag>}
          {r.supersededById && <Tag>已被第 {r.supersededById} 号替代</Tag>}
        </Space>
      }
      extra={onExport && <Button size="small" onClick={onExport}>导出抽签记录</Button>}
    >
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label="随机种子"><Typography.Text strong copyable data-testid="draw-seed">{r.seed}</Typography.Text>{r.seedGiven ? '（指定）' : '（随机产生）'}</Descriptions.Item>
        <Descriptions.Item label="抽取比例">{r.shareText}，{r.byField ? '按旗县区和领域分层' : '按旗县区分层'}</Descriptions.Item>
        <Descriptions.Item label="候选 / 抽中">{r.population} / {r.picked.length} 个</Descriptions.Item>
        <Descriptions.Item label="取整规则" span={2}>{r.roundingText}</Descriptions.Item>
        <Descriptions.Item label="抽签人 / 时间">{r.stored ? `${r.actor ?? ''} ${dateTime(r.drawnAt)}` : '—'}</Descriptions.Item>
        {r.reason && <Descriptions.Item label="重新抽签理由" span={3}>{r.reason}</Descriptions.Item>}
      </Descriptions>
      <Table<DrawnBranch & { serial: number }>
        style={{ marginTop: 8 }}
        size="small"
        rowKey="uid"
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个` }}
        dataSource={r.picked.map((p, i) => ({ ...p, serial: i + 1 }))}
        columns={[
          { title: '序号', dataIndex: 'serial', width: 60 },
          { title: '旗县区', dataIndex: 'countyName', width: 160 },
          { title: '苏木乡镇（街道）', dataIndex: 'township', width: 200 },
          { title: '党支部名称', dataIndex: 'name' },
          { title: '领域', dataIndex: 'field', render: (f: string | null) => (f === null ? '' : (fieldLabel.get(f) ?? f)), width: 120 },
        ]}
      />
    </Card>
  );
}
