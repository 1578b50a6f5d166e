/**
 * A leader's card and a branch's card: who, what they guide or who guides them, the
 * year's work records and projects, and the rules a leader does not yet meet; a branch's card
 * also its problems, its standards checklist and its stages on the “strongest branch” path.
 * Both record a visit in two clicks: 记一次走访, then 保存.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Empty, List, Table, Tag, Typography } from 'antd';
import type { BranchCard as BranchCardData, DictEntry, RecordRow } from '../../../../shared/contract/types.ts';
import { stageLabels, type EvaluationStage } from '../../../../shared/domain/evaluation.ts';
import { useCall } from '../../api/context.tsx';
import { labeler } from '../../labels.ts';
import { VisitNowDialog, type VisitFor } from '../records/VisitNowDialog.tsx';
import { branchPlaceLabel } from '../../../../shared/domain/org.ts';

/** 记一次走访 and its dialog; a saved record reloads the card and tells the page. */
function useVisitNow(year: number, dicts: DictEntry[], reload: () => void, onVisited?: () => void) {
  const { message } = AntApp.useApp();
  const [of, setOf] = useState<VisitFor | null>(null);
  const dialog = of && (
    <VisitNowDialog
      year={year}
      dicts={dicts}
      of={of}
      onClose={() => setOf(null)}
      onAdded={() => {
        setOf(null);
        message.success('已记录这次走访');
        reload();
        onVisited?.();
      }}
    />
  );
  return { open: setOf, dialog };
}

const v = (r: RecordRow, f: string) => (r.values[f] === null || r.values[f] === undefined ? '' : String(r.values[f]));

function RecordTable({ rows, columns, empty }: { rows: RecordRow[]; columns: { title: string; render: (r: RecordRow) => React.ReactNode; width?: number }[]; empty: string }) {
  return (
    <Table<RecordRow>
      size="small"
      rowKey="id"
      pagination={{ pageSize: 8, hideOnSinglePage: true }}
      dataSource={rows}
      locale={{ emptyText: empty }}
      columns={columns.map((c, i) => ({ key: i, title: c.title, width: c.width, render: (_: unknown, r: RecordRow) => c.render(r) }))}
    />
  );
}

export function LeaderCard({ leaderId, year, dicts, onClose, onOpenBranch, onAddPoint, onVisited }: { leaderId: number; year: number; dicts: DictEntry[]; onClose: () => void; onOpenBranch: (orgId: number) => void; onAddPoint: (leaderId: number) => void; onVisited?: () => void }) {
  const card = useCall('liaison.leaderCard', { leaderId, year });
  const dict = (d: string) => labeler(dicts, d);
  const l = card.data?.leader;
  const visit = useVisitNow(year, dicts, card.reload, onVisited);
  const hasPoints = (card.data?.points.length ?? 0) > 0;
  return (
    <Drawer
      open
      width={860}
      onClose={onClose}
      title={l ? `领导干部：${v(l, 'name')}` : '领导干部'}
      loading={card.loading}
      data-testid="leader-card"
      extra={
        <Button type="primary" disabled={!hasPoints} title={hasPoints ? undefined : '还没有联系点'} onClick={() => visit.open({ leaderId })} data-testid="visit-now-leader">
          记一次走访
        </Button>
      }
    >
      {visit.dialog}
      {card.error && <Alert type="error" showIcon message={card.error.message} />}
      {card.data && l && (
        <>
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label="职务">{v(l, 'title') || dict('leader_position')(v(l, 'position'))}</Descriptions.Item>
            <Descriptions.Item label="所在党委">{v(l, 'committeeName')}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{v(l, 'phone')}</Descriptions.Item>
            <Descriptions.Item label="任职日期">{v(l, 'activeFrom')}</Descriptions.Item>
            <Descriptions.Item label="离任日期">{v(l, 'activeTo') || '在任'}</Descriptions.Item>
            <Descriptions.Item label={`${year} 年`}>
              工作记录 {v(l, 'visits')} 次 · 实事项目 {v(l, 'projects')} 个
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>规则检查</Typography.Title>
          {card.data.violations.length === 0 ? (
            <Alert type="success" showIcon message="符合全部已启用的联系点规则" />
          ) : (
            <List size="small" bordered dataSource={card.data.violations} renderItem={(x) => <List.Item><Tag color="red">{x.label}</Tag>{x.detail}</List.Item>} />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            联系点 <Button size="small" onClick={() => onAddPoint(leaderId)}>新增联系点</Button>
          </Typography.Title>
          <RecordTable
            rows={card.data.points}
            empty="还没有联系点"
            columns={[
              { title: '联系党支部', render: (r) => <Typography.Link onClick={() => onOpenBranch(Number(r.values.orgId))}>{v(r, 'branchName')}</Typography.Link> },
              { title: '所在乡镇', render: (r) => v(r, 'township') },
              { title: '等次', width: 70, render: (r) => dict('grade')(r.values.branchGrade as string | null) },
              { title: '类别', width: 90, render: (r) => dict('liaison_category')(r.values.category as string | null) },
              { title: '调研/党课/解决问题/实事', width: 150, render: (r) => `${v(r, 'visits')} / ${v(r, 'lectures')} / ${v(r, 'problemsSolved')} / ${v(r, 'projects')}` },
              { title: '', width: 70, render: (r) => <Typography.Link onClick={() => visit.open({ liaisonId: r.id })}>记走访</Typography.Link> },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{year} 年工作记录</Typography.Title>
          <RecordTable
            rows={card.data.visits}
            empty="本年还没有工作记录"
            columns={[
              { title: '日期', width: 100, render: (r) => v(r, 'visitedOn') },
              { title: '形式', width: 100, render: (r) => dict('visit_kind')(r.values.kind as string | null) },
              { title: '党支部', render: (r) => v(r, 'branchName') },
              { title: '主要内容', render: (r) => v(r, 'content') },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{year} 年领办实事项目</Typography.Title>
          <RecordTable
            rows={card.data.projects}
            empty="本年还没有领办实事项目"
            columns={[
              { title: '项目名称', render: (r) => v(r, 'name') },
              { title: '党支部', render: (r) => v(r, 'branchName') },
              { title: '完成时限', width: 100, render: (r) => v(r, 'dueOn') },
              { title: '进展', width: 80, render: (r) => dict('project_progress')(r.values.progress as string | null) },
              { title: '提醒', width: 110, render: (r) => (r.values.dueState ? <Tag color="orange">{v(r, 'dueState')}</Tag> : null) },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

export function BranchCard({ orgId, year, dicts, onClose, onOpenLeader, onAddLeader, onVisited }: { orgId: number; year: number; dicts: DictEntry[]; onClose: () => void; onOpenLeader: (id: number) => void; onAddLeader: (orgId: number, name: string) => void; onVisited?: () => void }) {
  const card = useCall('liaison.branchCard', { orgId, year });
  const dict = (d: string) => labeler(dicts, d);
  const b = card.data;
  const visit = useVisitNow(year, dicts, card.reload, onVisited);
  const hasPoints = (b?.points.length ?? 0) > 0;
  return (
    <Drawer
      open
      width={860}
      onClose={onClose}
      title={b ? `党支部：${branchPlaceLabel(b.org.name, b.ledger?.township)}` : '党支部'}
      loading={card.loading}
      data-testid="branch-card"
      extra={
        <Button type="primary" disabled={!hasPoints} title={hasPoints ? undefined : '没有领导干部联系这个党支部'} onClick={() => visit.open({ orgId })} data-testid="visit-now-branch">
          记一次走访
        </Button>
      }
    >
      {visit.dialog}
      {card.error && <Alert type="error" showIcon message={card.error.message} />}
      {b && (
        <>
          {b.ledger ? (
            <Descriptions size="small" bordered column={3}>
              <Descriptions.Item label="所在乡镇">{b.ledger.township}</Descriptions.Item>
              <Descriptions.Item label="领域">{dict('field')(b.ledger.field)}</Descriptions.Item>
              <Descriptions.Item label="等次">{dict('grade')(b.ledger.grade)}</Descriptions.Item>
              <Descriptions.Item label="书记">{b.ledger.secretary}</Descriptions.Item>
              <Descriptions.Item label="党员">{(b.ledger.membersFormal ?? 0) + (b.ledger.membersProbationary ?? 0)} 名</Descriptions.Item>
              <Descriptions.Item label="“最强党支部”">{dict('strongest_status')(b.ledger.strongestStatus)}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Empty description={`${year} 年台账中没有这个党支部`} />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            联系领导 <Button size="small" onClick={() => onAddLeader(orgId, branchPlaceLabel(b.org.name, b.ledger?.township))}>指定联系领导</Button>
          </Typography.Title>
          <RecordTable
            rows={b.points}
            empty="没有领导干部联系这个党支部"
            columns={[
              { title: '领导', width: 100, render: (r) => <Typography.Link onClick={() => onOpenLeader(Number(r.values.leaderId))}>{v(r, 'leaderName')}</Typography.Link> },
              { title: '职务', render: (r) => v(r, 'leaderTitle') },
              { title: '确定时间', width: 100, render: (r) => v(r, 'establishedOn') },
              { title: '调研/党课/解决问题', width: 140, render: (r) => `${v(r, 'visits')} / ${v(r, 'lectures')} / ${v(r, 'problemsSolved')}` },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{year} 年工作记录</Typography.Title>
          <RecordTable
            rows={b.visits}
            empty="本年还没有工作记录"
            columns={[
              { title: '日期', width: 100, render: (r) => v(r, 'visitedOn') },
              { title: '领导', width: 90, render: (r) => v(r, 'leaderName') },
              { title: '形式', width: 100, render: (r) => dict('visit_kind')(r.values.kind as string | null) },
              { title: '主要内容', render: (r) => v(r, 'content') },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>领办实事项目</Typography.Title>
          <RecordTable
            rows={b.projects}
            empty="本年还没有领办实事项目"
            columns={[
              { title: '项目名称', render: (r) => v(r, 'name') },
              { title: '领导', width: 90, render: (r) => v(r, 'leaderName') },
              { title: '进展', width: 80, render: (r) => dict('project_progress')(r.values.progress as string | null) },
              { title: '提醒', width: 110, render: (r) => (r.values.dueState ? <Tag color="orange">{v(r, 'dueState')}</Tag> : null) },
            ]}
          />
          <BranchStrongest card={b} dict={dict} />
        </>
      )}
    </Drawer>
  );
}

/** A branch's problems, its checklist of the year and its “strongest branch” stages. */
function BranchStrongest({ card, dict }: { card: BranchCardData; dict: (d: string) => (code: string | null) => string }) {
  const { checklist, pipeline, year } = card;
  const unmet = checklist?.entries.filter((e) => e.met === false) ?? [];
  const t = checklist?.tally;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>问题清单</Typography.Title>
      <RecordTable
        rows={card.problems}
        empty="本年没有问题"
        columns={[
          { title: '问题描述', render: (r) => v(r, 'description') },
          { title: '来源', width: 90, render: (r) => dict('problem_source')(r.values.source as string | null) },
          { title: '整改时限', width: 100, render: (r) => v(r, 'dueOn') },
          { title: '状态', width: 120, render: (r) => dict('problem_status')(r.values.status as string | null) },
        ]}
      />
      {checklist && t && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }} data-testid="card-checklist">
            对标检查：达标 {t.met} / {t.applicable} 项{t.share === null ? '' : `（${Math.round(t.share * 1000) / 10}%）`}
            {t.unchecked > 0 && <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}> 未检查 {t.unchecked} 项</Typography.Text>}
          </Typography.Title>
          {unmet.length > 0 && (
            <Table
              size="small"
              rowKey="standardId"
              pagination={false}
              dataSource={unmet}
              columns={[
                { title: '条', dataIndex: 'number', width: 50 },
                { title: '未达标的标准', dataIndex: 'text' },
                { title: '备注', dataIndex: 'note', width: 180 },
                { title: '问题', width: 120, render: (_: unknown, e) => (e.problemId ? dict('problem_status')(e.problemStatus) : <Tag>未生成问题</Tag>) },
              ]}
            />
          )}
        </>
      )}
      {pipeline && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }} data-testid="card-strongest">
            {year} 年“最强党支部”：{dict('strongest_status')(pipeline.status)} {pipeline.drawn && <Tag color="red">市级抽中</Tag>}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={pipeline.records}
            locale={{ emptyText: '本年还没有创建' }}
            rowClassName={(r) => (r.supersededAt ? 'superseded-row' : '')}
            columns={[
              { title: '环节', width: 100, render: (_: unknown, r) => stageLabels[r.stage as EvaluationStage] ?? r.stage },
              { title: '时间', dataIndex: 'evaluatedOn', width: 100 },
              { title: '评定（验收）单位', dataIndex: 'evaluator' },
              { title: '得分', dataIndex: 'score', width: 70 },
              { title: '结果', width: 120, render: (_: unknown, r) => <>{dict('evaluation_result')(r.result)}{r.supersededAt && <Tag style={{ marginLeft: 4 }}>已退回</Tag>}</> },
            ]}
          />
        </>
      )}
    </>
  );
}
