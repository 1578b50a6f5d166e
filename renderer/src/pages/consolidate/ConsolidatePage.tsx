/**
 * 汇总上报: a unit's subordinate units totalled into the superior's tables, each row with where its
 * figures come from; any figure opens the rows behind it; 导出上报 writes the file to send up and
 * records it, and every later run marks the figures that changed since.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Drawer, Empty, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { useApi, useCall } from '../../api/context.tsx';
import { useUnit } from '../../unit.tsx';
import { useWorkYear } from '../../workYear.ts';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import {
  consolidationTemplateIds, differenceText, figureText, sourceStatusLabels,
  type Consolidation, type ConsolidationColumn, type ConsolidationRow, type FigureChange, type FigureTrace, type SourceStatus,
} from '../../../../shared/domain/consolidate.ts';
import { findTemplate, plainTitle } from '../../../../shared/templates/index.ts';
import { localDay } from '../../labels.ts';

const statusColors: Record<SourceStatus, string> = { accepted: 'green', pending: 'orange', sentBack: 'red', own: 'default' };

function SourceTag({ row }: { row: ConsolidationRow }) {
  const s = row.source;
  const lines = [
    ...s.returns.map((r) => `${r.templateTitle}：${r.stateLabel}${r.round ? `（第 ${r.round} 轮${r.fileName ? `，${r.fileName}` : ''}）` : ''}${r.acceptedAt ? `，${localDay(r.acceptedAt)} 采纳` : ''}`),
    ...s.own.map((t) => `${t}：未报送，用本级数据`),
  ];
  return (
    <Tooltip title={<div>{lines.map((l) => <div key={l}>{l}</div>)}</div>}>
      <Tag color={statusColors[s.status]} data-source={s.status}>{s.label}</Tag>
    </Tooltip>
  );
}

const local = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

function Changes({ c }: { c: Consolidation }) {
  if (!c.lastReport) return <Alert type="info" showIcon message="这张表尚未上报过：导出上报后，以后的汇总会与之比较，列出变化的数字。" />;
  const when = local(c.lastReport.reportedAt);
  if (c.changes.length === 0) return <Alert type="success" showIcon message={`与上次上报（${when}，${c.lastReport.fileName}）相比没有变化。`} />;
  const typeOf = (f: string) => c.columns.find((x) => x.field === f)?.type ?? 'integer';
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="changes"
      message={`与上次上报（${when}，${c.lastReport.fileName}）相比有 ${c.changes.length} 处变化`}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {c.changes.map((d: FigureChange) => (
            <li key={`${d.unitId}:${d.field}`}>
              {d.unitName} {d.column}：{figureText(typeOf(d.field), d.reported)} → {figureText(typeOf(d.field), d.now)}（{differenceText(typeOf(d.field), d.difference)}）
            </li>
          ))}
        </ul>
      }
    />
  );
}

function TraceDrawer({ trace, onClose }: { trace: FigureTrace | null; onClose: () => void }) {
  const rate = trace?.items.some((i) => i.inNumerator !== undefined) ?? false;
  return (
    <Drawer open={trace !== null} onClose={onClose} width={760} title={trace ? `${trace.rowUnit.name} · ${trace.column}` : ''} destroyOnHidden>
      {trace && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="trace">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="数字">{trace.figure === null ? '—' : rate ? `${(trace.figure * 100).toFixed(1)}%` : trace.figure}</Descriptions.Item>
            <Descriptions.Item label="统计口径">{trace.rule}</Descriptions.Item>
            <Descriptions.Item label="来源报表">
              {trace.returns.length === 0 && trace.own.length === 0 && '本级对标检查记录'}
              {trace.returns.map((r) => (
                <div key={`${r.unitName}:${r.templateId}`}>
                  {trace.rowUnit.id === trace.unitId ? `${r.unitName}：` : ''}
                  {r.templateTitle} <Tag color={r.state === 'accepted' ? 'green' : r.state === 'sent_back' ? 'red' : 'orange'}>{r.stateLabel}</Tag>
                  {r.round ? `第 ${r.round} 轮` : ''}
                  {r.fileName ? `，文件 ${r.fileName}` : ''}
                  {r.acceptedAt ? `，${local(r.acceptedAt)} 采纳` : ''}
                  {r.reopenedAt ? `；采纳后曾于 ${local(r.reopenedAt)} 重新打开，其间在本机所作的修改也计入此数` : ''}
                </div>
              ))}
              {trace.own.map((t) => <div key={t}>{t}：未报送，按本级掌握的数据统计</div>)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">
            {rate ? `分母 ${trace.items.length} 条，其中计入分子 ${trace.items.filter((i) => i.inNumerator).length} 条` : `共 ${trace.items.length} 条，合计 ${trace.items.reduce((s, i) => s + i.value, 0)}`}
          </Typography.Text>
          <Table
            size="small"
            rowKey={(i) => `${i.kind}:${i.id}:${i.place}`}
            dataSource={trace.items}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            columns={[
              { title: '类别', dataIndex: 'kind', width: 90 },
              { title: '名称', dataIndex: 'name' },
              { title: '所在', dataIndex: 'place', width: 180 },
              { title: '计数依据', dataIndex: 'detail', width: 200 },
              rate
                ? { title: '计入分子', dataIndex: 'inNumerator', width: 80, render: (v: boolean) => (v ? '是' : '否') }
                : { title: '计数', dataIndex: 'value', width: 60, align: 'right' },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

export function ConsolidatePage() {
  const api = useApi();
  const { message, modal } = AntApp.useApp();
  const { current: unit, setCurrent: setUnit } = useUnit();
  const { year, setYear, yearOptions } = useWorkYear();
  const [templateId, setTemplateId] = useState<string>(consolidationTemplateIds[0]);
  const [trace, setTrace] = useState<FigureTrace | null>(null);
  const [busy, setBusy] = useState(false);
  const args = { templateId, year: year ?? new Date().getFullYear(), ...(unit ? { unitId: unit.id } : {}) };
  const c = useCall('consolidate.run', args);

  const open = async (rowUnitId: number, field: string) => {
    try {
      setTrace(await api.call('consolidate.trace', { ...args, rowUnitId, field }));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  /** 导出上报 records a report up: said first, with the units whose figures no accepted return stands behind. */
  const confirmReport = () => {
    const unsettled = (c.data?.rows ?? []).filter((r) => r.source.status !== 'accepted');
    const statuses = [...new Set(unsettled.map((r) => r.source.status))];
    const count = (s: SourceStatus) => unsettled.filter((r) => r.source.status === s).length;
    modal.confirm({
      title: '导出并记为已上报？',
      content: (
        <>
          <p>导出的文件将记为本年度向上级报送的这张表，以后的汇总会与它比较、列出变化。</p>
          {unsettled.length > 0 && (
            <p>
              其中 {unsettled.length} 个单位的数字不是来自已采纳的报表（{statuses.map((st) => `${sourceStatusLabels[st]} ${count(st)} 个`).join('，')}）：文件下方会注明。
            </p>
          )}
        </>
      ),
      okText: '导出上报',
      cancelText: '取消',
      onOk: () => void report(),
    });
  };
  const report = async () => {
    const t = findTemplate(templateId)!;
    const { path } = await api.call('shell.chooseSaveFile', { suggestedName: `附件${t.attachment} ${c.data?.title ?? plainTitle(t)}.xlsx`.replace(/[\\/:*?"<>|]/g, '_') });
    if (!path) return;
    setBusy(true);
    try {
      const r = await api.call('consolidate.export', { ...args, path });
      message.success(`已导出并记为已上报：${r.fileName}`);
      c.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const changed = new Map((c.data?.changes ?? []).map((d) => [`${d.unitId ?? 'total'}:${d.field}`, d]));
  const figureCell = (col: ConsolidationColumn, unitId: number, key: string, v: number | null) => {
    const d = changed.get(`${key}:${col.field}`);
    const text = figureText(col.type, v);
    const link = (
      <Button type="link" size="small" style={{ padding: 0, height: 'auto', color: 'inherit' }} data-cell={`${key}:${col.field}`} onClick={() => void open(unitId, col.field)}>
        {text}
      </Button>
    );
    return d ? (
      <Tooltip title={`上次上报 ${figureText(col.type, d.reported)}，现在 ${text}（${differenceText(col.type, d.difference)}）`}>
        <span data-changed="true" style={{ background: '#ffe58f', borderRadius: 2, padding: '0 4px', display: 'inline-block' }}>{link}</span>
      </Tooltip>
    ) : link;
  };

  const data = c.data;
  const groups = new Map<string, ColumnType<ConsolidationRow>[]>();
  const columns: ColumnsType<ConsolidationRow> = [
    { title: '序号', key: 'serial', width: 56, align: 'center', render: (_v, _r, i) => i + 1 },
    { title: '单位', dataIndex: 'unitName', width: 220 },
  ];
  for (const col of data?.columns ?? []) {
    const column: ColumnType<ConsolidationRow> = { title: col.header, key: col.field, align: 'right', render: (_v, r) => figureCell(col, r.unitId, String(r.unitId), r.values[col.field] ?? null) };
    if (!col.group) columns.push(column);
    else if (groups.has(col.group)) groups.get(col.group)!.push(column);
    else {
      const children = [column];
      groups.set(col.group, children);
      columns.push({ title: col.group, key: `group:${col.group}`, children });
    }
  }
  columns.push({ title: '数据来源', key: 'source', width: 110, align: 'center', render: (_v, r) => <SourceTag row={r} /> });
  const leaves = (data?.columns ?? []);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        汇总单位
        <ScopePicker value={unit} onChange={setUnit} />
        年度
        <Select style={{ width: 110 }} value={year ?? undefined} options={yearOptions} onChange={setYear} aria-label="年度" />
        <Segmented
          value={templateId}
          onChange={(v) => setTemplateId(String(v))}
          options={consolidationTemplateIds.map((id) => ({ value: id, label: plainTitle(findTemplate(id)!) }))}
        />
        <Button type="primary" loading={busy} disabled={!data} onClick={confirmReport}>导出上报</Button>
      </Space>
      {c.error && <Alert type="error" showIcon message="汇总失败" description={c.error.message} />}
      {!data && !c.error && <Card loading />}
      {data && (
        <>
          <Changes c={data} />
          <Card size="small" title={data.title} extra={<Typography.Text type="secondary">点击数字查看其来源</Typography.Text>}>
            {data.rows.length === 0 ? (
              <Empty description={`“${data.unit.name}”下没有下级单位，无需汇总。`} />
            ) : (
              <Table<ConsolidationRow>
                size="small"
                bordered
                rowKey="unitId"
                pagination={false}
                dataSource={data.rows}
                columns={columns}
                summary={() => (
                  <Table.Summary fixed>
                    <Table.Summary.Row style={{ fontWeight: 600 }}>
                      <Table.Summary.Cell index={0} colSpan={2} align="center">合计</Table.Summary.Cell>
                      {leaves.map((col, i) => (
                        <Table.Summary.Cell key={col.field} index={i + 2} align="right">
                          {figureCell(col, data.unit.id, 'total', data.totals[col.field] ?? null)}
                        </Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={leaves.length + 2} />
                    </Table.Summary.Row>
                  </Table.Summary>
                )}
              />
            )}
            {data.notes.map((n) => <Typography.Paragraph key={n} type="secondary" style={{ margin: '8px 0 0' }}>{n}</Typography.Paragraph>)}
          </Card>
        </>
      )}
      <TraceDrawer trace={trace} onClose={() => setTrace(null)} />
    </Space>
  );
}
