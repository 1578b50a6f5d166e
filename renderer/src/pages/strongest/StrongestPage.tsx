/**
 * “最强党支部”: the evaluation pipeline of a unit and year, the city's draw (市级抽签) and the ranking
 * with its reminder talks, each a tab; the first, 评定流程, is the board:
 * the counts the reports quote, the branches by the stage reached, and the moves 推进到下一环节 / 退回.
 */
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Statistic, Table, Tabs, type TabsProps } from 'antd';
import type { PipelineBoard, PipelineBoardBranch } from '../../../../shared/contract/types.ts';
import { evaluationStages, stageLabels, type EvaluationStage } from '../../../../shared/domain/evaluation.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { labeler } from '../../labels.ts';
import { useUnit } from '../../unit.tsx';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { DrawPanel } from '../draw/DrawPanel.tsx';
import { RankingPanel } from '../ranking/RankingPanel.tsx';

const statusOrder = ['none', 'creating', 'applied', 'township_rated', 'county_accepted', 'city_assessed', 'not_passed'];

export function StrongestPage() {
  const years = useCall('ledger.years', {});
  const [year, setYear] = useState<number | null>(null);
  useEffect(() => {
    if (year === null && years.data) setYear(years.data[0] ?? new Date().getFullYear());
  }, [years.data, year]);
  const { current: scope, setCurrent: setScope } = useUnit();
  if (year === null) return <Card loading />;
  const tabs: TabsProps['items'] = [
    { key: 'pipeline', label: '评定流程', children: <PipelineTab year={year} scopeOrgId={scope?.id ?? null} /> },
    { key: 'draw', label: '市级抽签', children: <DrawPanel year={year} unitId={scope?.id ?? null} /> },
    { key: 'ranking', label: '排名与提醒谈话', children: <RankingPanel year={year} scopeOrgId={scope?.id} scopeName={scope?.name} /> },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        单位
        <ScopePicker value={scope} onChange={setScope} />
        年度
        <Select<number>
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          options={[...new Set([...(years.data ?? []), new Date().getFullYear()])].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y} 年` }))}
        />
      </Space>
      <Tabs items={tabs} destroyOnHidden />
    </>
  );
}

function PipelineTab({ year, scopeOrgId }: { year: number; scopeOrgId: number | null }) {
  const board = useCall('pipeline.board', scopeOrgId === null ? { year } : { year, scopeOrgId });
  const dicts = useCall('dict.list', {});
  const status = labeler(dicts.data, 'strongest_status');
  const result = labeler(dicts.data, 'evaluation_result');
  const [column, setColumn] = useState('township_rated');
  const [advancing, setAdvancing] = useState<PipelineBoardBranch | null>(null);
  const [sending, setSending] = useState<PipelineBoardBranch | null>(null);
  if (board.error) return <Alert type="error" showIcon message="读取评定流程失败" description={board.error.message} />;
  if (!board.data) return <Card loading />;
  const b = board.data;
  const branches = b.columns.find((c) => c.status === column)?.branches ?? [];
  return (
    <>
      <Counts board={b} />
      <Segmented
        data-testid="pipeline-columns"
        style={{ margin: '16px 0' }}
        value={column}
        onChange={(v) => setColumn(String(v))}
        options={statusOrder.map((s) => ({ value: s, label: `${status(s)}（${b.columns.find((c) => c.status === s)?.branches.length ?? 0}）` }))}
      />
      <Table<PipelineBoardBranch>
        data-testid="pipeline-branches"
        size="small"
        rowKey="orgId"
        dataSource={branches}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 个` }}
        columns={[
          { title: '苏木乡镇（街道）', dataIndex: 'township', width: 180 },
          { title: '党支部', dataIndex: 'name' },
          { title: '当前环节', dataIndex: 'stage', width: 100, render: (s: string | null) => (s ? stageLabels[s as EvaluationStage] : '—') },
          { title: '结果', dataIndex: 'result', width: 80, render: (r: string | null) => result(r) },
          { title: '得分', dataIndex: 'score', width: 70, align: 'right' },
          { title: '时间', dataIndex: 'evaluatedOn', width: 110 },
          { title: '抽中', dataIndex: 'drawn', width: 60, render: (d: boolean) => (d ? '是' : '') },
          { title: '退回', dataIndex: 'sentBack', width: 60, render: (n: number) => (n ? `${n} 次` : '') },
          {
            title: '操作',
            width: 210,
            render: (_: unknown, row) => (
              <Space>
                <Button size="small" type="primary" disabled={row.stage === 'city'} onClick={() => setAdvancing(row)}>推进到下一环节</Button>
                <Button size="small" disabled={row.stage === null} onClick={() => setSending(row)}>退回</Button>
              </Space>
            ),
          },
        ]}
      />
      {advancing && <AdvanceDialog year={year} branch={advancing} onClose={(done) => { setAdvancing(null); if (done) board.reload(); }} />}
      {sending && <SendBackDialog year={year} branch={sending} onClose={(done) => { setSending(null); if (done) board.reload(); }} />}
    </>
  );
}

/** The figures the reports quote, each counting the branches that got at least this far. */
function Counts({ board }: { board: PipelineBoard }) {
  const c = board.counts;
  const items: [string, string, number | string, string][] = [
    ['branches', '党支部', c.branches, '个'],
    ['created', '已创建', c.created, '个'],
    ['reported', '已申报', c.reported, '个'],
    ['townshipRated', '乡镇评定通过', c.townshipRated, '个'],
    ['accepted', '旗县验收通过', c.accepted, '个'],
    ['drawn', '市级抽中', c.drawn, '个'],
    ['named', '命名', c.named, '个'],
    ['namedShare', '命名占比', c.namedShare.toFixed(1), '%'],
  ];
  return (
    <Row gutter={12} data-testid="pipeline-counts">
      {items.map(([key, title, value, suffix]) => (
        <Col key={key} span={3}>
          <Card size="small" data-testid={`count-${key}`}>
            <Statistic title={title} value={value} suffix={suffix} groupSeparator="" />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

interface AdvanceForm {
  to: EvaluationStage;
  evaluatedOn?: string;
  evaluator?: string;
  scoreOrg?: number;
  scoreMembers?: number;
  scorePublic?: number;
  scoreSociety?: number;
  score?: number;
  result?: 'pass' | 'fail' | 'named' | 'kept';
  evidence?: string;
  notes?: string;
  reason?: string;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function nextStage(branch: PipelineBoardBranch): EvaluationStage {
  const at = branch.stage === null ? -1 : evaluationStages.indexOf(branch.stage as EvaluationStage);
  const failed = branch.result === 'fail';
  return evaluationStages[Math.min(failed ? at : at + 1, evaluationStages.length - 1)]!;
}

function AdvanceDialog({ year, branch, onClose }: { year: number; branch: PipelineBoardBranch; onClose: (done: boolean) => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AdvanceForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial = useMemo<AdvanceForm>(() => ({ to: nextStage(branch), evaluatedOn: today() }), [branch]);
  const to = Form.useWatch('to', form) ?? initial.to;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await api.call('pipeline.advance', {
        orgId: branch.orgId, year, to: v.to, evaluatedOn: v.evaluatedOn || null, evaluator: v.evaluator || null,
        ...(v.to === 'township' ? { scores: { scoreOrg: v.scoreOrg ?? 0, scoreMembers: v.scoreMembers ?? 0, scorePublic: v.scorePublic ?? 0, scoreSociety: v.scoreSociety ?? 0 } } : {}),
        score: v.to === 'county' || v.to === 'city' ? (v.score ?? null) : null,
        result: v.result ?? null, evidence: v.evidence || null, notes: v.notes || null, reason: v.reason || null,
      });
      message.success(`“${branch.name}”已推进到${stageLabels[v.to]}`);
      onClose(true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const score = (name: keyof AdvanceForm, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Modal open title={`推进到下一环节：${branch.name}`} okText="确定" cancelText="取消" confirmLoading={busy} onOk={() => void submit()} onCancel={() => onClose(false)} destroyOnHidden data-testid="advance-dialog">
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="to" label="环节">
          <Select options={evaluationStages.map((s) => ({ value: s, label: stageLabels[s] }))} />
        </Form.Item>
        <Form.Item name="evaluatedOn" label="时间"><Input placeholder="如 2026-03-10" /></Form.Item>
        <Form.Item name="evaluator" label={to === 'county' ? '验收专班' : '评定（验收）单位'} rules={to === 'county' ? [{ required: true, message: '请填写验收专班' }] : []}>
          <Input />
        </Form.Item>
        {to === 'township' && (
          <Row gutter={8}>
            <Col span={6}>{score('scoreOrg', '组织评定')}</Col>
            <Col span={6}>{score('scoreMembers', '党员评议')}</Col>
            <Col span={6}>{score('scorePublic', '群众评判')}</Col>
            <Col span={6}>{score('scoreSociety', '社会评价')}</Col>
          </Row>
        )}
        {(to === 'county' || to === 'city') && (
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name="result" label={to === 'city' ? '评估结论' : '验收结果'} rules={[{ required: true, message: '请选择结果' }]}>
                <Select
                  data-testid="advance-result"
                  options={to === 'city' ? [{ value: 'named', label: '命名' }, { value: 'kept', label: '保留' }, { value: 'fail', label: '未通过' }] : [{ value: 'pass', label: '通过' }, { value: 'fail', label: '未通过' }]}
                />
              </Form.Item>
            </Col>
            <Col span={12}><Form.Item name="score" label="得分"><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
        )}
        <Form.Item name="evidence" label="佐证材料"><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="notes" label="备注"><Input /></Form.Item>
        <Form.Item name="reason" label="理由（跳过或重复环节时必填）"><Input /></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="advance-error" />}
    </Modal>
  );
}

function SendBackDialog({ year, branch, onClose }: { year: number; branch: PipelineBoardBranch; onClose: (done: boolean) => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ to: EvaluationStage; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const at = branch.stage === null ? 0 : evaluationStages.indexOf(branch.stage as EvaluationStage);
  const earlier = evaluationStages.slice(0, Math.max(at, 0));
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await api.call('pipeline.sendBack', { orgId: branch.orgId, year, to: v.to, reason: v.reason });
      message.success(`“${branch.name}”已退回到${stageLabels[v.to]}`);
      onClose(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Modal open title={`退回：${branch.name}`} okText="退回" cancelText="取消" onOk={() => void submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ to: earlier[earlier.length - 1] }}>
        <Form.Item name="to" label="退回到" rules={[{ required: true, message: '请选择退回到的环节' }]}>
          <Select options={earlier.map((s) => ({ value: s, label: stageLabels[s] }))} />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '退回须写明理由' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon message="退回后，之后各环节的评定记录作为历史保留，不会删除。" />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
