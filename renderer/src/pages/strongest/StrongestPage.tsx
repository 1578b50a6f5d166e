/**
 * “最强党支部”: the evaluation pipeline of a unit and year, the city's draw (市级抽签) and the ranking
 * with its reminder talks, each a tab; the first, 评定流程, is the board:
 * the counts the reports quote, the branches by the stage reached, and the moves 推进到下一环节 / 退回.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Form, Input, Modal, Row, Segmented, Select, Space, Statistic, Table, Tabs, type TabsProps } from 'antd';
import type { PipelineBoard, PipelineBoardBranch, PipelineMoveResult } from '../../../../shared/contract/types.ts';
import { evaluationStages, stageLabels, type EvaluationStage } from '../../../../shared/domain/evaluation.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { useWorkYear } from '../../workYear.ts';
import { labeler } from '../../labels.ts';
import { useUnit } from '../../unit.tsx';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { numberOf, numberRule } from '../../numberRule.ts';
import { DrawPanel } from '../draw/DrawPanel.tsx';
import { RankingPanel } from '../ranking/RankingPanel.tsx';

const statusOrder = ['none', 'creating', 'applied', 'township_rated', 'county_accepted', 'city_assessed', 'not_passed'];

export function StrongestPage() {
  const { year, setYear, yearOptions } = useWorkYear();
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
          options={yearOptions}
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
  const draws = useCall('draw.list', { year });
  if (board.error) return <Alert type="error" showIcon message="读取评定流程失败" description={board.error.message} />;
  if (!board.data) return <Card loading />;
  const b = board.data;
  const branches = b.columns.find((c) => c.status === column)?.branches ?? [];
  return (
    <>
      <Counts board={b} />
      <NameUndrawn year={year} scopeOrgId={scopeOrgId} board={b} drawHeld={(draws.data?.length ?? 0) > 0} onDone={() => board.reload()} />
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
      {advancing && <AdvanceDialog year={year} branch={advancing} resultLabel={result} onClose={(done) => { setAdvancing(null); if (done) board.reload(); }} />}
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

/**
 * 未抽中的一并命名: after the year's draw, the accepted branches it did not pick are named in one
 * undoable step (pipeline.nameUndrawn) — the way the city stage's refusal for them points to.
 */
function NameUndrawn({ year, scopeOrgId, board, drawHeld, onDone }: { year: number; scopeOrgId: number | null; board: PipelineBoard; drawHeld: boolean; onDone: () => void }) {
  const api = useApi();
  const { message, modal } = AntApp.useApp();
  const [last, setLast] = useState<{ changeSetId: string; named: number } | null>(null);
  // As the core picks them: accepted at the county, their top record still the county's, not drawn.
  const undrawn = (board.columns.find((c) => c.status === 'county_accepted')?.branches ?? []).filter((x) => !x.drawn && x.stage === 'county').length;
  const run = async () => {
    try {
      const r = await api.call('pipeline.nameUndrawn', scopeOrgId === null ? { year } : { year, scopeOrgId });
      setLast(r.changeSetId ? { changeSetId: r.changeSetId, named: r.named } : null);
      message.success(r.named ? `已将 ${r.named} 个未抽中的验收通过党支部一并命名` : '没有需要一并命名的党支部');
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const confirm = () =>
    modal.confirm({
      title: '未抽中的一并命名',
      content: `将把 ${undrawn} 个通过旗县验收、未被 ${year} 年市级抽签抽中的党支部一并命名为“最强党支部”（作为一步操作记录，可撤销）。`,
      okText: '一并命名',
      cancelText: '取消',
      onOk: run,
    });
  const undo = async () => {
    if (!last) return;
    try {
      await api.call('changes.undo', { changeSetId: last.changeSetId, year });
      message.success(`已撤销一并命名（${last.named} 个）`);
      setLast(null);
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Space style={{ display: 'flex', marginTop: 12 }} wrap>
      <Button disabled={!drawHeld || undrawn === 0} onClick={confirm} data-testid="name-undrawn">未抽中的一并命名</Button>
      <span style={{ color: 'rgba(0,0,0,0.45)' }}>
        {drawHeld ? `通过旗县验收、未被抽中的党支部：${undrawn} 个` : `${year} 年的市级抽签还没有进行，抽签之后才能一并命名。`}
      </span>
      {last && (
        <Alert
          type="success"
          showIcon
          data-testid="name-undrawn-result"
          message={`已一并命名 ${last.named} 个未抽中的党支部`}
          action={<Button size="small" onClick={() => void undo()}>撤销</Button>}
        />
      )}
    </Space>
  );
}

/** A score as typed, kept as text and checked (see numberRule): 0–100, one decimal. */
const scoreRule = (label: string, required: boolean) => numberRule(label, { min: 0, max: 100, decimals: 1, required, example: '92 或 88.5' });
const scoreOf = numberOf;

/**
 * Enter submits a dialog, as people expect — but not while an input method is composing (Enter
 * then picks the characters), nor in a multi-line box (a new line; Ctrl+Enter submits there) or
 * a list (Enter opens it or picks an option), nor on a button (it does its own thing).
 */
function submitOnEnter(submit: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.shiftKey || e.altKey) return;
    const target = e.target as HTMLElement;
    const own = target.tagName === 'TEXTAREA' || target.getAttribute('role') === 'combobox' || target.tagName === 'BUTTON';
    if (own && !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    submit();
  };
}

interface AdvanceForm {
  to: EvaluationStage;
  evaluatedOn?: string;
  evaluator?: string;
  scoreOrg?: string;
  scoreMembers?: string;
  scorePublic?: string;
  scoreSociety?: string;
  score?: string;
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

/** The toast after a move, worded by what was recorded: a failed acceptance is not “推进到旗县验收”. */
function movedMessage(name: string, to: EvaluationStage, moved: PipelineMoveResult, resultLabel: (r: string | null) => string): string {
  const record = moved.branch.records.filter((r) => r.supersededAt === null).at(-1);
  if (!record?.result) return `“${name}”已推进到${stageLabels[to]}`;
  const score = record.score === null ? '' : `${record.score} 分，`;
  return `已记录“${name}”的${stageLabels[to]}：${score}${resultLabel(record.result)}`;
}

function AdvanceDialog({ year, branch, resultLabel, onClose }: { year: number; branch: PipelineBoardBranch; resultLabel: (r: string | null) => string; onClose: (done: boolean) => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AdvanceForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial = useMemo<AdvanceForm>(() => ({ to: nextStage(branch), evaluatedOn: today() }), [branch]);
  const to = Form.useWatch('to', form) ?? initial.to;
  const submit = async () => {
    // A refused field shows its message beside it; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v || busy) return;
    setBusy(true);
    setError(null);
    try {
      const moved = await api.call('pipeline.advance', {
        orgId: branch.orgId, year, to: v.to, evaluatedOn: v.evaluatedOn || null, evaluator: v.evaluator || null,
        ...(v.to === 'township'
          ? { scores: { scoreOrg: scoreOf(v.scoreOrg) ?? 0, scoreMembers: scoreOf(v.scoreMembers) ?? 0, scorePublic: scoreOf(v.scorePublic) ?? 0, scoreSociety: scoreOf(v.scoreSociety) ?? 0 } }
          : {}),
        score: v.to === 'county' || v.to === 'city' ? scoreOf(v.score) : null,
        result: v.result ?? null, evidence: v.evidence || null, notes: v.notes || null, reason: v.reason || null,
      });
      message.success(movedMessage(branch.name, v.to, moved, resultLabel));
      onClose(true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const score = (name: keyof AdvanceForm, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={[scoreRule(label, required)]}>
      <Input inputMode="decimal" placeholder="0–100" />
    </Form.Item>
  );
  return (
    <Modal open title={`推进到下一环节：${branch.name}`} okText="确定" cancelText="取消" confirmLoading={busy} onOk={() => void submit()} onCancel={() => onClose(false)} destroyOnHidden data-testid="advance-dialog">
      <Form form={form} layout="vertical" initialValues={initial} onKeyDown={submitOnEnter(() => void submit())}>
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
            <Col span={12}>{score('score', '得分', false)}</Col>
          </Row>
        )}
        <Form.Item name="evidence" label="佐证材料" extra="Enter 换行，Ctrl+Enter 提交"><Input.TextArea rows={2} /></Form.Item>
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
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
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
      <Form form={form} layout="vertical" initialValues={{ to: earlier[earlier.length - 1] }} onKeyDown={submitOnEnter(() => void submit())}>
        <Form.Item name="to" label="退回到" rules={[{ required: true, message: '请选择退回到的环节' }]}>
          <Select options={earlier.map((s) => ({ value: s, label: stageLabels[s] }))} />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '退回须写明理由' }]} extra="Enter 换行，Ctrl+Enter 提交">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon message="退回后，之后各环节的评定记录作为历史保留，不会删除。" />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
