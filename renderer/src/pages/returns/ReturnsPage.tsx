/**
 * 报送情况: for the tables and years chosen, each subordinate unit's return: 未下发 → 已下发 →
 * 已报送 → 已审核 → 已采纳 / 退回修改, with the round, the dates, the deadline and how late. From
 * here a return is accepted (which locks the unit's figures) or reopened with a reason, the
 * deadline is set, and the 催报 list of those still owing is exported. Opened from an import's
 * preview (#/returns?return=…), it shows that return's table and year and marks its row.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Empty, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { OrgNode } from '../../../../shared/contract/types.ts';
import type { ReturnBoardRow, ReturnCell, ReturnEventView } from '../../../../shared/contract/returnsBoard.ts';
import { isOwing, returnStateLabels, returnStates } from '../../../../shared/domain/reportReturns.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { useUnit } from '../../unit.tsx';
import { useWorkYear } from '../../workYear.ts';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { stateLook } from './stateLook.ts';
import { suggestedFileName } from '../export/fileName.ts';
import { DateField } from '../records/AddRecordDialog.tsx';
import { parseDate } from '../../../../shared/domain/normalize.ts';
import './returns.css';
import { localMinute } from '../../labels.ts';

/** What the address asks for: a return to mark, its table, year and scope. */
function linked(): { returnId: number | null; template: string | null; period: string | null; scope: number | null } {
  const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const num = (k: string) => (q.get(k) && Number.isInteger(Number(q.get(k))) ? Number(q.get(k)) : null);
  return { returnId: num('return'), template: q.get('template'), period: q.get('period'), scope: num('scope') };
}

const dateOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

type Filter = 'all' | 'owing' | 'late';

export function ReturnsPage() {
  const api = useApi();
  const { message } = App.useApp();
  const { current } = useUnit();
  const link = useMemo(linked, []);
  const templates = useCall('templates.list', {});
  const { year, yearOptions } = useWorkYear();
  const returnable = useMemo(() => (templates.data ?? []).filter((t) => t.returnable), [templates.data]);
  const [templateIds, setTemplateIds] = useState<string[]>(link.template ? [link.template] : ['branch-ledger']);
  const [periods, setPeriods] = useState<string[]>(link.period ? [link.period] : []);
  useEffect(() => {
    if (periods.length === 0 && year !== null) setPeriods([String(year)]);
  }, [year, periods.length]);
  const [scope, setScope] = useState<OrgNode | null>(null);
  const scopeOrgId = scope?.id ?? link.scope ?? current?.id;
  const [filter, setFilter] = useState<Filter>('all');
  const [tick, setTick] = useState(0);
  const [board, setBoard] = useState<Awaited<ReturnType<typeof api.call<'returns.board'>>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [history, setHistory] = useState<{ title: string; events: ReturnEventView[] } | null>(null);
  const [reopening, setReopening] = useState<{ cell: ReturnCell; unit: string } | null>(null);
  const [dueOpen, setDueOpen] = useState(false);

  useEffect(() => {
    if (templateIds.length === 0 || periods.length === 0) return;
    let live = true;
    api.call('returns.board', { templateIds, periods, ...(scopeOrgId !== undefined ? { scopeOrgId } : {}) }).then(
      (b) => live && (setBoard(b), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, templateIds, periods, scopeOrgId, tick]);

  // Opened for a unit named by the address: the picker shows that unit once it is found.
  useEffect(() => {
    if (scope || link.scope === null || !board || board.scope.id !== link.scope) return;
    void api.call('org.search', { query: board.scope.name, limit: 30 }).then((hits) => {
      const hit = hits.find((h) => h.node.id === link.scope);
      if (hit) setScope(hit.node);
    });
  }, [api, board, link.scope, scope]);

  // The return the address names: its row scrolled to once the board shows it.
  // Only when the address names one: a unit never sent a table (returnId null) is not that return.
  const markedUnit = link.returnId === null ? undefined : board?.rows.find((r) => r.cells.some((c) => c.returnId === link.returnId))?.unitOrgId;
  useEffect(() => {
    if (markedUnit === undefined) return;
    document.querySelector(`[data-row-key="${markedUnit}"]`)?.scrollIntoView({ block: 'center' });
  }, [markedUnit]);

  const reload = () => setTick((t) => t + 1);
  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const showHistory = async (cell: ReturnCell, unit: string) => {
    try {
      setHistory({ title: `${unit} · ${cell.period}年 · ${board?.columns.find((c) => c.templateId === cell.templateId)?.title ?? ''}`, events: await api.call('returns.history', { returnId: cell.returnId! }) });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const exportChase = async () => {
    const period = periods[0]!;
    const scope = { year: Number(period), ...(scopeOrgId !== undefined ? { scopeOrgId } : {}) };
    // Named as 报表导出 names it: 附件11 某某旗2026年报表催报名单 (the unit as a place: 某某镇, never 某某镇党).
    let path: string | null;
    try {
      ({ path } = await api.call('shell.chooseSaveFile', { suggestedName: await suggestedFileName(api, 'returns-chase', scope) }));
    } catch (e) {
      message.error((e as Error).message);
      return;
    }
    if (!path) return;
    await act(() => api.call('export.run', { templateId: 'returns-chase', scope, path }), `催报名单已导出：${path}`);
  };

  const rows = (board?.rows ?? []).filter((r) => filter === 'all' || r.cells.some((c) => (filter === 'owing' ? isOwing(c.state) : c.daysLate !== null)));
  const columns: ColumnsType<ReturnBoardRow> = [
    {
      title: '单位',
      dataIndex: 'unitName',
      fixed: 'left',
      width: 190,
      render: (name: string, r) => (
        <span>
          {name} {!r.onRoster && <Tag title="已撤销或已不在下级单位中，保留其报送记录">不在名册</Tag>}
          {r.unitOrgId === markedUnit && <Tag color="orange">刚打开的报送文件</Tag>}
        </span>
      ),
    },
    ...(board?.columns ?? []).map((col, i) => ({
      title: `${col.period}年 ${col.title}`,
      key: `${col.templateId}|${col.period}`,
      width: 260,
      render: (_: unknown, r: ReturnBoardRow) => <CellView cell={r.cells[i]!} unit={r.unitName} onAccept={(c) => void act(() => api.call('returns.accept', { returnId: c.returnId! }), `已采纳“${r.unitName}”的报表`)} onReopen={(c) => setReopening({ cell: c, unit: r.unitName })} onHistory={(c) => void showHistory(c, r.unitName)} />,
    })),
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <div className="returns-toolbar">
          <span>单位</span>
          <ScopePicker value={scope ?? current} onChange={setScope} />
          <span>报表</span>
          <Select mode="multiple" maxTagCount="responsive" className="returns-shrink" style={{ maxWidth: 360 }} value={templateIds} onChange={setTemplateIds} options={returnable.map((t) => ({ value: t.id, label: t.title.replace('{unit}', '').replace('{year}年', '') }))} data-testid="returns-templates" />
          <span>年度</span>
          <Select mode="multiple" maxTagCount="responsive" className="returns-shrink" style={{ maxWidth: 220 }} value={periods} onChange={setPeriods} options={yearOptions.map((o) => ({ value: String(o.value), label: o.label }))} data-testid="returns-periods" />
          <Segmented<Filter> value={filter} onChange={setFilter} options={[{ value: 'all', label: '全部' }, { value: 'owing', label: '未报' }, { value: 'late', label: '逾期' }]} data-testid="returns-filter" />
          <Button onClick={() => setDueOpen(true)} disabled={!board}>设截止日期</Button>
          <Button type="primary" onClick={() => void exportChase()} disabled={!board} data-testid="returns-chase">导出催报名单</Button>
        </div>
      </Card>
      {error && <Alert type="error" showIcon message="读取报送情况失败" description={error} />}
      {board && (
        <Space wrap data-testid="returns-counts">
          {returnStates.map((s) => (
            <span key={s} style={{ color: stateLook[s].color, border: stateLook[s].border, background: stateLook[s].background, padding: '1px 8px', borderRadius: 4 }}>
              {stateLook[s].mark} {returnStateLabels[s]} {board.counts[s]}
            </span>
          ))}
          <span style={{ border: '2px solid #cf1322', padding: '1px 8px', borderRadius: 4, fontWeight: 600 }}>逾期 {board.counts.late}（其中未报 {board.counts.lateOwing}）</span>
          <Typography.Text type="secondary">名册日期 {board.onDate}，今天 {board.today}</Typography.Text>
        </Space>
      )}
      {board ? (
        <Table<ReturnBoardRow>
          size="small"
          bordered
          rowKey="unitOrgId"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={columns}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)) }}
          rowClassName={(r) => (r.unitOrgId === markedUnit ? 'returns-marked' : '')}
          onRow={(r) => (r.unitOrgId === markedUnit ? { style: { outline: '3px solid #fa8c16', outlineOffset: -3 }, 'data-marked': 'true' } as React.HTMLAttributes<HTMLElement> : {})}
          locale={{ emptyText: <Empty description={filter === 'all' ? '没有下级单位' : '没有符合条件的单位'} /> }}
          data-testid="returns-board"
        />
      ) : (
        !error && <Empty description="请选择报表和年度" />
      )}
      <Drawer open={history !== null} onClose={() => setHistory(null)} title={`报送记录：${history?.title ?? ''}`} width={460}>
        <Timeline
          items={(history?.events ?? []).map((e) => ({
            children: (
              <div>
                <div>
                  <b>{e.from ? `${e.from} → ${e.to}` : e.to}</b>（第 {e.round} 轮）
                </div>
                <div>
                  {localMinute(e.at)} · {e.actor}
                </div>
                {e.fileName && <div>文件：{e.fileName}</div>}
                {e.reason && <div>原因：{e.reason}</div>}
              </div>
            ),
          }))}
        />
      </Drawer>
      <ReopenDialog target={reopening} onClose={() => setReopening(null)} onReopen={(reason) => act(() => api.call('returns.reopen', { returnId: reopening!.cell.returnId!, reason }), `已重新打开“${reopening!.unit}”的报表`).then(() => setReopening(null))} />
      {board && (
        <DueDialog
          open={dueOpen}
          columns={board.columns}
          units={board.rows.filter((r) => (selected.length ? selected.includes(r.unitOrgId) : r.onRoster))}
          onClose={() => setDueOpen(false)}
          onSet={(col, dueOn, units) =>
            act(() => api.call('returns.setDue', { templateId: col.templateId, period: col.period, unitOrgIds: units, dueOn }), '截止日期已设置').then(() => setDueOpen(false))
          }
        />
      )}
    </Space>
  );
}

function CellView({ cell, unit, onAccept, onReopen, onHistory }: { cell: ReturnCell; unit: string; onAccept: (c: ReturnCell) => void; onReopen: (c: ReturnCell) => void; onHistory: (c: ReturnCell) => void }) {
  const look = stateLook[cell.state];
  return (
    <div data-testid="return-cell" data-state={cell.state} data-unit={unit}>
      <span style={{ color: look.color, background: look.background, border: look.border, padding: '0 6px', borderRadius: 4, fontWeight: 600 }}>
        {look.mark} {cell.stateLabel}
        {cell.round > 0 ? ` · 第${cell.round}轮` : ''}
      </span>
      {cell.daysLate !== null && (
        <span style={{ marginLeft: 6, color: '#a8071a', fontWeight: 700, textDecoration: 'underline' }} data-testid="days-late">
          {/* A file that came in late is told from one still owed. */}
          逾期 {cell.daysLate} 天{isOwing(cell.state) ? '' : '报送'}
        </span>
      )}
      <div style={{ fontSize: 12, color: '#595959', marginTop: 2 }}>
        {cell.sentAt && <div>下发 {dateOf(cell.sentAt)}</div>}
        {cell.returnedAt && (
          <div title={cell.fileName ?? ''}>
            报送 {dateOf(cell.returnedAt)} · {cell.returnedBy} · {cell.fileName}
          </div>
        )}
        {cell.dueOn && <div>截止 {cell.dueOn}</div>}
      </div>
      <Space size={4} style={{ marginTop: 2 }}>
        {cell.state === 'reviewed' && (
          <Button size="small" type="primary" onClick={() => onAccept(cell)}>
            采纳
          </Button>
        )}
        {cell.state === 'accepted' && (
          <Button size="small" onClick={() => onReopen(cell)}>
            重新打开
          </Button>
        )}
        {cell.returnId !== null && (
          <Button size="small" type="link" onClick={() => onHistory(cell)}>
            记录
          </Button>
        )}
      </Space>
    </div>
  );
}

function ReopenDialog({ target, onClose, onReopen }: { target: { cell: ReturnCell; unit: string } | null; onClose: () => void; onReopen: (reason: string) => Promise<void> }) {
  const [reason, setReason] = useState('');
  useEffect(() => setReason(''), [target]);
  return (
    <Modal open={target !== null} title={`重新打开“${target?.unit ?? ''}”已采纳的报表`} okText="重新打开" cancelText="取消" onCancel={onClose} onOk={() => void onReopen(reason)} maskClosable={false}>
      <Typography.Paragraph>重新打开后该单位本年度的数据解除锁定，可以修改；原因记入报送记录。</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="原因" required>
          <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} data-testid="reopen-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DueDialog({ open, columns, units, onClose, onSet }: {
  open: boolean;
  columns: { templateId: string; title: string; period: string }[];
  units: ReturnBoardRow[];
  onClose: () => void;
  onSet: (col: { templateId: string; period: string }, dueOn: string | null, units: number[]) => Promise<void>;
}) {
  const [col, setCol] = useState(0);
  const { message } = App.useApp();
  const [dueOn, setDueOn] = useState('');
  // Only units the table was sent to can have a deadline.
  const sent = units.filter((u) => u.cells[col]?.returnId !== null);
  // Typed as staff write dates (2026.4.5, 2026年4月5日) or picked; a date not understood is said, and the dialog stays.
  const set = () => {
    const due = parseDate(dueOn);
    if (!due.ok) return void message.warning(`截止日期：${due.message}`);
    void onSet(columns[col]!, due.value, sent.map((u) => u.unitOrgId));
  };
  return (
    <Modal open={open} title="设置报送截止日期" okText="设置" cancelText="取消" onCancel={onClose} okButtonProps={{ disabled: sent.length === 0 }} onOk={set} maskClosable={false}>
      <Form layout="vertical">
        <Form.Item label="报表">
          <Select value={col} onChange={setCol} options={columns.map((c, i) => ({ value: i, label: `${c.period}年 ${c.title}` }))} />
        </Form.Item>
        <Form.Item label="截止日期（留空为取消）">
          <div data-testid="due-on">
            <DateField value={dueOn} onChange={setDueOn} />
          </div>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        适用于{units.length === 0 ? '' : `已下发的 ${sent.length} 个单位`}（先在表中勾选单位，则只设所选单位）。
      </Typography.Text>
    </Modal>
  );
}
