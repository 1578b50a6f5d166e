/**
 * 对标检查: the branches of a unit with their share of the year's standards met (sortable), the
 * share per unit (the unit and those directly below it), and a branch's checklist: each standard
 * marked 达标 / 未达标 with a note, crossed off with the day and who (逐条销号), and its unmet
 * items turned into problems of its problem list in one step (生成问题清单), which can be undone.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Drawer, Empty, Input, Popconfirm, Progress, Radio, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { OrgNode } from '../../../../shared/contract/types.ts';
import { shareText, type BranchChecklist, type BranchShare, type ChecklistEntry, type UnitShare } from '../../../../shared/domain/standards.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { useWorkYear } from '../../workYear.ts';
import type { PageKey } from '../../nav.ts';
import { useUnit } from '../../unit.tsx';
import { ScopePicker } from '../ledger/ScopePicker.tsx';

const collator = new Intl.Collator('zh-CN');

function ShareBar({ share }: { share: number | null }) {
  if (share === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Progress percent={Math.round(share * 1000) / 10} size="small" format={() => shareText(share)} status={share === 1 ? 'success' : 'normal'} style={{ width: 150, margin: 0 }} />;
}

export function ChecklistPage({ go }: { go: (key: PageKey) => void }) {
  const { year, setYear, ledgerYears } = useWorkYear();
  return year === null ? null : <Checklists year={year} setYear={setYear} ledgerYears={ledgerYears} go={go} />;
}

function Checklists({ year, setYear, ledgerYears, go }: { year: number; setYear: (y: number) => void; ledgerYears: number[]; go: (key: PageKey) => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const dicts = useCall('dict.list', {});
  const { current: unit, setCurrent: setUnit } = useUnit();
  const shares = useCall('checklist.shares', unit ? { year, unitId: unit.id } : { year });
  const standards = useCall('standards.list', { year });
  const [open, setOpen] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [text, setText] = useState('');
  useEffect(() => setSelected([]), [year, unit?.id]);

  const label = (dict: string, code: string | null) => (dicts.data ?? []).find((d) => d.dict === dict && d.code === code)?.label ?? code ?? '';
  const yearOptions = useMemo(() => {
    const all = new Set([...ledgerYears, ...(standards.data?.years ?? []), new Date().getFullYear(), year]);
    return [...all].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y} 年` }));
  }, [ledgerYears, standards.data?.years, year]);
  const branches = useMemo(() => {
    const t = text.trim();
    return (shares.data?.branches ?? []).filter((b) => !t || b.name.includes(t) || b.parentName.includes(t));
  }, [shares.data, text]);

  /** A unit's row opens that unit: its own units and branches. */
  const openUnit = async (orgId: number) => {
    const r = await api.call('org.children', { parentId: orgId, counts: false });
    if (r.parent) setUnit(r.parent as OrgNode);
  };
  const generate = async (orgIds: number[]) => {
    try {
      const r = await api.call('checklist.generateProblems', { year, orgIds });
      message.success(`已生成问题 ${r.created} 条，记入各党支部的问题清单`);
      setSelected([]);
      shares.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const toolbar = (
    <Space wrap>
      <Select style={{ width: 110 }} value={year} options={yearOptions} onChange={setYear} aria-label="年度" />
      <ScopePicker value={unit} onChange={setUnit} />
      <Input.Search allowClear style={{ width: 220 }} placeholder="查找党支部" value={text} onChange={(e) => setText(e.target.value)} aria-label="查找党支部" />
      <Popconfirm
        title={`为所选的 ${selected.length} 个党支部生成问题清单？`}
        description="每个尚未生成问题的“未达标”项生成一条问题（来源：对标检查）。"
        okText="生成"
        cancelText="取消"
        disabled={selected.length === 0}
        onConfirm={() => generate(selected)}
      >
        <Button disabled={selected.length === 0}>为所选党支部生成问题清单{selected.length ? `（${selected.length}）` : ''}</Button>
      </Popconfirm>
    </Space>
  );

  if (shares.error) return <Alert type="error" showIcon message="读取对标检查情况失败" description={shares.error.message} />;
  const data = shares.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="checklist-page">
      {toolbar}
      {data && data.standards === 0 && (
        <Alert
          type="info"
          showIcon
          message={`${year} 年还没有对标标准`}
          description="请先在“设置 → 对标标准”中为这一年载入示例标准、复制上年标准或逐条新增，然后逐个党支部对标检查。"
          action={<Button onClick={() => go('settings')}>去设置</Button>}
        />
      )}
      {data && data.units.length > 0 && (
        <Card size="small" title={`各单位达标情况（${year} 年，${data.standards} 条标准）`}>
          <Table<UnitShare>
            size="small"
            rowKey="orgId"
            pagination={false}
            dataSource={data.units}
            data-testid="unit-shares"
            columns={[
              {
                title: '单位',
                dataIndex: 'name',
                render: (n: string, u) => (u.own ? <Typography.Text strong>{n}（合计）</Typography.Text> : <Typography.Link onClick={() => void openUnit(u.orgId)}>{n}</Typography.Link>),
              },
              { title: '党支部数', dataIndex: 'branches', width: 100, align: 'right' },
              { title: '全部达标', dataIndex: 'fullyMet', width: 100, align: 'right' },
              { title: '应检查项', dataIndex: 'applicable', width: 100, align: 'right' },
              { title: '达标项', dataIndex: 'met', width: 90, align: 'right' },
              { title: '未达标项', dataIndex: 'unmet', width: 90, align: 'right' },
              { title: '达标率', dataIndex: 'share', width: 190, render: (s: number | null) => <ShareBar share={s} /> },
            ]}
          />
        </Card>
      )}
      <Card size="small" title={`党支部达标情况（${branches.length} 个）`}>
        <Table<BranchShare>
          size="small"
          rowKey="orgId"
          loading={shares.loading}
          dataSource={branches}
          data-testid="branch-shares"
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => `共 ${n} 个党支部` }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
          onRow={(b) => ({ onDoubleClick: () => setOpen(b.orgId) })}
          columns={[
            {
              title: '党支部',
              dataIndex: 'name',
              sorter: (a, b) => collator.compare(a.name, b.name),
              render: (n: string, b) => <Typography.Link onClick={() => setOpen(b.orgId)}>{n}</Typography.Link>,
            },
            { title: '所在单位', dataIndex: 'parentName', width: 200, sorter: (a, b) => collator.compare(a.parentName, b.parentName) },
            { title: '领域', dataIndex: 'field', width: 140, render: (f: string | null) => label('field', f) },
            { title: '应检查', dataIndex: 'applicable', width: 80, align: 'right' },
            { title: '达标', dataIndex: 'met', width: 80, align: 'right', sorter: (a, b) => a.met - b.met },
            { title: '未达标', dataIndex: 'unmet', width: 80, align: 'right', sorter: (a, b) => a.unmet - b.unmet },
            { title: '未检查', dataIndex: 'unchecked', width: 80, align: 'right', sorter: (a, b) => a.unchecked - b.unchecked },
            {
              title: '达标率',
              dataIndex: 'share',
              width: 190,
              defaultSortOrder: undefined,
              sorter: (a, b) => (a.share ?? -1) - (b.share ?? -1),
              render: (s: number | null) => <ShareBar share={s} />,
            },
          ]}
        />
      </Card>
      {open !== null && <ChecklistDrawer orgId={open} year={year} onClose={() => setOpen(null)} onChanged={shares.reload} label={label} />}
    </Space>
  );
}

type Mark = 'met' | 'unmet' | 'none';
const markOf = (e: ChecklistEntry): Mark => (e.met === null ? 'none' : e.met ? 'met' : 'unmet');

function ChecklistDrawer({ orgId, year, onClose, onChanged, label }: { orgId: number; year: number; onClose: () => void; onChanged: () => void; label: (dict: string, code: string | null) => string }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const loaded = useCall('checklist.branch', { orgId, year });
  const problems = useCall('records.list', { table: 'problem', year, orgId });
  const [checklist, setChecklist] = useState<BranchChecklist | undefined>(undefined);
  useEffect(() => setChecklist(loaded.data), [loaded.data]);
  /** The last change made here, for 撤销. */
  const [last, setLast] = useState<{ id: string; what: string } | null>(null);

  const mark = async (standardId: number, patch: { met?: boolean | null; note?: string | null }, what: string) => {
    try {
      const r = await api.call('checklist.mark', { orgId, year, marks: [{ standardId, ...patch }] });
      setChecklist(r.checklist);
      if (r.changeSetId) setLast({ id: r.changeSetId, what });
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const generate = async () => {
    try {
      const r = await api.call('checklist.generateProblems', { year, orgIds: [orgId] });
      message.success(`已生成问题 ${r.created} 条，记入本支部问题清单`);
      if (r.changeSetId) setLast({ id: r.changeSetId, what: `生成问题 ${r.created} 条` });
      loaded.reload();
      problems.reload();
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const undo = async () => {
    if (!last) return;
    try {
      await api.call('changes.undo', { changeSetId: last.id, year });
      message.success(`已撤销：${last.what}`);
      setLast(null);
      loaded.reload();
      problems.reload();
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const entries = checklist?.entries ?? [];
  const open = entries.filter((e) => e.met === false && e.problemId === null).length;
  const criteria = [...new Set(entries.map((e) => e.criterion))];
  return (
    <Drawer
      open
      width={980}
      onClose={onClose}
      title={checklist ? `${checklist.name} · ${year} 年对标检查清单` : '对标检查清单'}
      data-testid="checklist-drawer"
      extra={
        <Space>
          {last && <Button onClick={() => void undo()}>撤销：{last.what}</Button>}
          <Popconfirm title={`为 ${open} 个未达标项生成问题？`} description="每项生成一条问题，记入本支部问题清单（来源：对标检查，状态：已建账（待领账））。" okText="生成" cancelText="取消" disabled={open === 0} onConfirm={generate}>
            <Button type="primary" disabled={open === 0} title={open === 0 ? '没有尚未生成问题的“未达标”项' : undefined}>
              生成问题清单{open ? `（${open}）` : ''}
            </Button>
          </Popconfirm>
        </Space>
      }
    >
      {loaded.error && <Alert type="error" showIcon message="读取检查清单失败" description={loaded.error.message} />}
      {checklist && (
        <Space size="large" style={{ marginBottom: 12 }} data-testid="checklist-tally">
          <Statistic title="达标率" value={shareText(checklist.tally.share)} />
          <Statistic title="应检查" value={checklist.tally.applicable} />
          <Statistic title="达标" value={checklist.tally.met} />
          <Statistic title="未达标" value={checklist.tally.unmet} />
          <Statistic title="未检查" value={checklist.tally.unchecked} />
          <Typography.Text type="secondary">领域：{label('field', checklist.field) || '未填写'}</Typography.Text>
        </Space>
      )}
      {checklist && entries.length === 0 && <Empty description={`${year} 年没有适用于本支部的对标标准`} />}
      {criteria.map((c) => (
        <div key={c} style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: '8px 0' }}>
            {label('strong_criterion', c)}
          </Typography.Title>
          {entries
            .filter((e) => e.criterion === c)
            .map((e) => (
              <div key={e.standardId} className="checklist-item" data-testid="checklist-item" style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
                <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text>
                    <Typography.Text strong>第{e.number}条</Typography.Text> {e.text}
                    {e.field && (
                      <Tag color="blue" style={{ marginLeft: 8 }}>
                        {label('field', e.field)}
                      </Tag>
                    )}
                  </Typography.Text>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    size="small"
                    value={markOf(e)}
                    aria-label={`第${e.number}条是否达标`}
                    onChange={(ev) => {
                      const v = ev.target.value as Mark;
                      void mark(e.standardId, { met: v === 'none' ? null : v === 'met' }, `第${e.number}条${v === 'met' ? '标为达标' : v === 'unmet' ? '标为未达标' : '改回未检查'}`);
                    }}
                    options={[
                      { value: 'met', label: '达标' },
                      { value: 'unmet', label: '未达标' },
                      { value: 'none', label: '未检查' },
                    ]}
                    style={{ whiteSpace: 'nowrap' }}
                  />
                </Space>
                <Space style={{ marginTop: 6, width: '100%' }} wrap>
                  <Input
                    key={`${e.itemId ?? 'new'}:${e.note ?? ''}`}
                    defaultValue={e.note ?? ''}
                    maxLength={500}
                    style={{ width: 480 }}
                    placeholder="备注（未达标的原因、整改要求）"
                    aria-label={`第${e.number}条备注`}
                    onBlur={(ev) => {
                      const note = ev.target.value.trim();
                      if (note !== (e.note ?? '')) void mark(e.standardId, { note: note || null }, `第${e.number}条备注`);
                    }}
                    onPressEnter={(ev) => (ev.target as HTMLInputElement).blur()}
                  />
                  {e.checkedOn && (
                    <Typography.Text type={e.met ? 'success' : 'danger'} data-testid="checked">
                      {e.met ? '已达标' : '未达标'} · {e.checkedOn} · {e.checkedBy}
                    </Typography.Text>
                  )}
                  {e.problemId !== null && <Tag color="orange">已生成问题：{label('problem_status', e.problemStatus)}</Tag>}
                  {/* The problem and the item are crossed off apart: the item is 达标 when the township checks it again. */}
                  {e.problemId !== null && e.problemStatus === 'cleared' && e.met === false && <Typography.Text type="secondary">问题已销号，复查后可标为达标</Typography.Text>}
                  {e.problemId !== null && e.problemStatus !== 'cleared' && e.met === true && <Typography.Text type="warning">所生成的问题尚未销号</Typography.Text>}
                </Space>
              </div>
            ))}
        </div>
      ))}
      <Card size="small" title={`本支部 ${year} 年问题清单`} style={{ marginTop: 16 }}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          loading={problems.loading}
          data-testid="branch-problems"
          dataSource={problems.data?.rows ?? []}
          locale={{ emptyText: '暂无问题' }}
          columns={[
            { title: '问题描述', render: (_: unknown, p) => String(p.values.description ?? '') },
            { title: '问题类别', width: 110, render: (_: unknown, p) => label('problem_category', p.values.category as string | null) },
            { title: '问题来源', width: 110, render: (_: unknown, p) => label('problem_source', p.values.source as string | null) },
            { title: '整改状态', width: 100, render: (_: unknown, p) => label('problem_status', p.values.status as string | null) },
            { title: '发现时间', width: 110, render: (_: unknown, p) => String(p.values.foundOn ?? '') },
          ]}
        />
      </Card>
    </Drawer>
  );
}
