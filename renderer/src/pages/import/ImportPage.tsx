/**
 * 导入回收: a returned or hand-made ledger, dropped on the page or picked; the column
 * mapping when the layout is new; the comparison in a grid with filters and per-cell
 * decisions; the commit; and the history of imports, each undone as a whole.
 */
import { ReturnBanner } from '../returns/ReturnBanner.tsx';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Badge, Button, Card, Checkbox, Collapse, Descriptions, List, Popconfirm, Progress, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportBatchInfo, ImportCellDiff, ImportCommitResult, ImportPreview, ImportRowView, ImportValueChoice } from '../../../../shared/contract/types.ts';
import { cellTaken, decisionKey, decisionsOf, erases, importPlan, isHeld, needsDecision, newRowFills, noChoices, rowKey, unitCreated, type ImportChoices, type ImportPlan } from '../../../../shared/domain/importPlan.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { MappingStep } from './MappingStep.tsx';
import { NewUnitsPanel, proposedUnits } from './NewUnitsPanel.tsx';
import { ValuesStep } from './ValuesStep.tsx';
import { PreviewGrid } from './PreviewGrid.tsx';
import type { AgGridReact } from 'ag-grid-react';
import type { RoundCheckResult, SendBackResult } from '../../../../shared/domain/sendBack.ts';
import { RoundBanner, type RowFocus } from './RoundBanner.tsx';
import { SendBackDialog } from './SendBackDialog.tsx';
import { localMinute } from '../../labels.ts';

type Filter = 'all' | 'changed' | 'errors' | 'conflicts' | 'clears' | 'new' | 'pending';

/** Which rows each filter shows: the same tests as the lists and figures, so they always agree. */
const filters: Record<Exclude<Filter, 'all'>, (r: ImportRowView) => boolean> = {
  changed: (r) => r.status === 'changed' || r.status === 'conflict',
  errors: (r) => r.status === 'error' || r.diffs.some((d) => d.status === 'error'),
  conflicts: (r) => r.diffs.some((d) => d.status === 'conflict'),
  clears: (r) => isHeld(r) && r.diffs.some(erases),
  new: (r) => r.status === 'new',
  pending: needsDecision,
};

/** How the rows a file adds are counted: 个党支部 for the ledger, 条工作记录 for a sheet of records, 条记录 for a file of several. */
function unitsOf(preview: ImportPreview): string {
  if (preview.sheets.length !== 1) return '条记录';
  const [sheet] = preview.sheets;
  return sheet!.source === 'ledger' ? '个党支部' : `条${sheet!.noun}`;
}

/** What the commit will write, in the words of its result. */
function planText(p: Pick<ImportPlan, 'newRows' | 'newCells' | 'changedRows' | 'cells' | 'clears'>, units: string): string {
  const parts = [`新增 ${p.newRows} ${units}${p.newCells ? `（填入 ${p.newCells} 处）` : ''}`, `修改 ${p.changedRows} 行（${p.cells} 处${p.clears ? `，其中清空 ${p.clears} 处` : ''}）`];
  return parts.join('，');
}

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * A file brought to 导入回收 from elsewhere (App.tsx): dropped on the window, or the path of a
 * spreadsheet the desktop app was started with, which the core has granted for reading.
 */
export type BroughtFile = File | { path: string };

/** `dropped`: a file brought here from elsewhere (App.tsx). */
export function ImportPage({ dropped, onDropTaken }: { dropped?: BroughtFile | null; onDropTaken?: () => void } = {}) {
  const api = useApi();
  const { message, modal } = AntApp.useApp();
  const templates = useCall('templates.list', {});
  const dicts = useCall('dict.list', {});
  const history = useCall('import.history', {});
  const [path, setPath] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [decisions, setDecisions] = useState<ImportChoices>(noChoices);
  const [result, setResult] = useState<(ImportCommitResult & { units: string; createdUnits: number }) | null>(null);
  /** What the last 整批撤销 did: kept in sight above the history (which units it removed), not a toast that fades. */
  const [undone, setUndone] = useState<string | null>(null);
  /** The sheet shown, of a file of several (a 联系点台账 and its 工作记录). */
  const [sheet, setSheet] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  /** The mapping step asked for again, for a layout whose mapping was remembered. */
  const [remap, setRemap] = useState(false);
  const mapping = preview !== null && (preview.needsMapping || remap);
  useEffect(() => setRemap(false), [preview?.sessionId]);
  /** The values step put off by the person ("暂不处理"), for this file; the "核对取值" button brings it back. */
  const [valuesLater, setValuesLater] = useState(false);
  /** The values step asked for again (values kept as written can be chosen again). */
  const [valuesAgain, setValuesAgain] = useState(false);
  useEffect(() => {
    setValuesLater(false);
    setValuesAgain(false);
  }, [preview?.sessionId]);
  const askValues = preview !== null && !mapping && preview.unknownValues.length > 0 && (valuesAgain || (!valuesLater && preview.unknownValues.some((v) => !v.kept)));
  const input = useRef<HTMLInputElement>(null);
  // 退回修改: the file's problem cells and, after a send-back, this round against the last (asked again as the problems change).
  const [round, setRound] = useState<RoundCheckResult | null>(null);
  const [sendingBack, setSendingBack] = useState(false);
  const [sentBack, setSentBack] = useState<SendBackResult | null>(null);
  const grid = useRef<AgGridReact<ImportRowView>>(null);
  const [focus, setFocus] = useState<RowFocus | null>(null);
  useEffect(() => {
    if (!preview) return setRound(null);
    let live = true;
    api.call('returns.roundCheck', { sessionId: preview.sessionId }).then((r) => live && setRound(r), () => live && setRound(null));
    return () => {
      live = false;
    };
  }, [api, preview?.sessionId, preview?.problems]);
  // A cell of the comparison clicked: its sheet, every row, then the row brought into view and its cell focused.
  useEffect(() => {
    if (!focus) return;
    // After the grid has taken the sheet's rows (a click may have changed the sheet and the filter).
    const frame = requestAnimationFrame(() => {
      const g = grid.current?.api;
      const node = g?.getRowNode(`${focus.sheet}:${focus.sourceRow}`);
      if (!g || node?.rowIndex === null || node?.rowIndex === undefined) return;
      g.ensureIndexVisible(node.rowIndex, 'middle');
      g.setFocusedCell(node.rowIndex, focus.field ?? 'sourceRow');
      g.flashCells({ rowNodes: [node] });
    });
    return () => cancelAnimationFrame(frame);
  }, [focus]);

  const open = useCallback(
    async (file: string, extra: { mapping?: { index: number; field: string | null }[]; rememberMapping?: boolean } = {}) => {
      setBusy('正在读取和核对…');
      setError(null);
      setResult(null);
      const off = api.on('progress', (p) => p.task === 'import' && p.message && setBusy(p.message));
      try {
        const opened = await api.call('import.open', { path: file, ...extra });
        setPreview(opened);
        setSheet(opened.sheet);
        setPath(file);
        setDecisions({ ...noChoices(), units: proposedUnits(opened.newUnits) });
        setFilter('all');
        setSentBack(null);
      } catch (e) {
        setPreview(null);
        setError((e as Error).message);
      } finally {
        off();
        setBusy(null);
      }
    },
    [api],
  );

  // The desktop window has a file dialog; a browser picks with its own file chooser.
  const pick = async () => {
    if (api.transport !== 'electron') return input.current?.click();
    const { path: p } = await api.call('shell.chooseOpenFile', {});
    if (p) await open(p);
  };
  const drop = async (f: File | undefined) => {
    if (!f) return;
    setBusy(`正在接收“${f.name}”…`);
    try {
      const { path: p } = await api.call('import.upload', { name: f.name, data: toBase64(await f.arrayBuffer()) });
      await open(p);
    } catch (e) {
      setError((e as Error).message);
      setBusy(null);
    }
  };

  useEffect(() => {
    if (!dropped) return;
    onDropTaken?.();
    // A comparison being decided is not replaced by a stray drop.
    if (preview) message.warning('请先提交或放弃正在核对的文件，再导入新的文件。');
    else if (dropped instanceof File) void drop(dropped);
    else void open(dropped.path);
  }, [dropped]);

  /** Rows corrected while a filter is on stay in view until the filter changes: a row that vanished on its fix would move the next one under the mouse. */
  const [stay, setStay] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setStay(new Set()), [filter, preview?.sessionId, sheet]);
  const sheetView = preview?.sheets.find((s) => s.name === sheet) ?? preview?.sheets[0];
  const sheetRows = useMemo(() => (preview?.rows ?? []).filter((r) => r.sheet === sheetView?.name), [preview, sheetView]);
  const rows = useMemo(() => (filter === 'all' ? sheetRows : sheetRows.filter((r) => filters[filter](r) || stay.has(rowKey(r)))), [sheetRows, filter, stay]);
  const shownOf = (f: Exclude<Filter, 'all'>) => sheetRows.filter(filters[f]).length;
  // The figures the commit will write: the same function the core commits with.
  const plan = useMemo(() => (preview ? importPlan(preview.rows, decisions, newRowFills(preview.sheets)) : null), [preview, decisions]);

  const toggleCell = useCallback((row: ImportRowView, diff: ImportCellDiff) => {
    setDecisions((d) => ({ ...d, cells: new Map(d.cells).set(decisionKey(row, diff.field), !cellTaken(row, diff, d)) }));
  }, []);
  // A correction is compared again by the core at once: the row, the figures, the problems and the filters follow it.
  const fix = useCallback(
    async (row: ImportRowView, field: string, value: string) => {
      if (!preview) return;
      try {
        const r = await api.call('import.fix', { sessionId: preview.sessionId, ...(row.sheet !== preview.sheet ? { sheet: row.sheet } : {}), sourceRow: row.sourceRow, field, value });
        setStay((s) => new Set(s).add(rowKey(row)));
        setPreview((p) => p && { ...p, rows: p.rows.map((x) => (rowKey(x) === rowKey(r.row) ? r.row : x)), counts: r.counts, problems: r.problems, unknownValues: r.unknownValues });
      } catch (e) {
        message.error((e as Error).message);
      }
    },
    [api, message, preview],
  );
  // What the values mean, for every cell holding them: the core reads and compares them again, and remembers them.
  const mapValues = async (choices: ImportValueChoice[]) => {
    if (!preview) return;
    setBusy('正在按所选取值重新核对…');
    try {
      setPreview(await api.call('import.mapValues', { sessionId: preview.sessionId, choices }));
      if (choices.some((c) => c.remember && c.code !== null)) dicts.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const setAll = (accept: boolean) => {
    if (!preview) return;
    const rowsTaken = new Map<string, boolean>();
    const cells = new Map<string, boolean>();
    for (const r of preview.rows) {
      if (r.status === 'unchanged') continue;
      // Errors are overridden and deleted rows brought back one by one, never by "all"; erasures have their own switch.
      rowsTaken.set(rowKey(r), accept && r.status !== 'error' && !(r.status === 'conflict' && !isHeld(r)));
      for (const d of r.diffs) if ((d.status === 'change' || d.status === 'conflict') && !erases(d)) cells.set(decisionKey(r, d.field), accept);
    }
    setDecisions({ ...decisions, rows: rowsTaken, cells });
  };

  const commit = async () => {
    if (!preview) return;
    const d = decisionsOf(decisions, preview.rows, preview.sheet);
    setBusy('正在提交…');
    try {
      // The units it creates are all or none of the commit (a refused parent refuses it whole): as the plan said.
      setResult({ ...(await api.call('import.commit', { sessionId: preview.sessionId, decisions: d })), units: unitsOf(preview), createdUnits: plan?.newUnits.length ?? 0 });
      setPreview(null);
      history.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const undo = async (b: ImportBatchInfo) => {
    if (!b.changeSetId) return; // nothing was written: nothing to undo
    const r = await api.call('changes.undo', { changeSetId: b.changeSetId });
    // The banner of the commit no longer holds.
    if (result?.batchId === b.id) setResult(null);
    const names = r.removed.slice(0, 5).join('、') + (r.removed.length > 5 ? ' 等' : '');
    const units = b.templateId === 'branch-ledger' || b.templateId === null ? '个党支部' : '条记录';
    const removed = r.removed.length ? `，并移除了它新增的 ${r.removed.length} ${units}（${names}）` : '';
    if (r.problems.length) {
      modal.warning({
        title: `已撤销“${b.fileName}”的导入${removed}。以下几处请留意`,
        width: 640,
        content: (
          <ul className="import-result-problems">
            {r.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ),
      });
    } else setUndone(`已撤销“${b.fileName}”的导入${removed}。`);
    history.reload();
  };

  const template = templates.data?.find((t) => t.id === preview?.template.id);
  const c = preview?.counts;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="import-page">
      {!preview && (
        <div
          className={`import-drop${over ? ' over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            void drop(e.dataTransfer.files[0]);
          }}
          data-testid="import-drop"
        >
          <InboxOutlined style={{ fontSize: 40, color: '#b71c1c' }} />
          <Typography.Paragraph style={{ marginTop: 8 }}>把下级报送回来的表格、或本单位现有的台账（.xlsx / .xls / .ods / .csv）拖到这里</Typography.Paragraph>
          <Button icon={<FolderOpenOutlined />} onClick={() => void pick()}>选择文件…</Button>
          <input
            ref={input}
            type="file"
            accept=".xlsx,.xls,.ods,.csv,.tsv,.txt"
            style={{ display: 'none' }}
            data-testid="import-file-input"
            onChange={(e) => void drop(e.target.files?.[0])}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>读取和核对不会改动任何数据；核对无误、点“提交”后才写入，并可整批撤销。</Typography.Paragraph>
        </div>
      )}
      {busy && <Progress percent={100} status="active" showInfo={false} />}
      {busy && <Typography.Text>{busy}</Typography.Text>}
      {error && <Alert type="error" showIcon message="无法导入" description={error} closable onClose={() => setError(null)} data-testid="import-error" />}
      {sentBack && (
        <Alert type="info" showIcon closable onClose={() => setSentBack(null)} data-testid="send-back-done" message="已退回修改" description={`${sentBack.message} 文件：${sentBack.path}`} />
      )}
      {preview && sendingBack && round && (
        <SendBackDialog
          preview={preview}
          items={round.items}
          onSent={(r) => {
            setSentBack(r);
            history.reload();
          }}
          onClose={() => {
            setSendingBack(false);
            // Sent back: the core has dropped the preview (a file sent back is not imported).
            setPreview((p) => (sentBack || p === null ? null : p));
          }}
        />
      )}
      {result && (
        <Alert
          type={result.problems.length ? 'warning' : 'success'}
          showIcon
          data-testid="import-result"
          message={`已导入：${result.createdUnits ? `新建 ${result.createdUnits} 个单位，` : ''}${planText(result.applied, result.units)}${result.skipped.rows || result.skipped.cells ? `；未采用 ${result.skipped.rows} 行、${result.skipped.cells} 处` : ''}。`}
          description={
            <>
              {result.problems.length > 0 && (
                <ul className="import-result-problems">
                  {result.problems.map((p, i) => (
                    <li key={i}>{p.cell ? `${p.sheet}!${p.cell}：` : ''}{p.message}</li>
                  ))}
                </ul>
              )}
              可在下方“导入记录”中整批撤销。
            </>
          }
        />
      )}
      {preview && c && (
        <Card
          size="small"
          title={`${preview.file.name} · ${preview.recognisedBy === 'manifest' ? '识别为导出的报送表' : '按表头识别'} · ${preview.year} 年`}
          extra={
            <Space>
              {preview.recognisedBy === 'headers' && !mapping && <Button onClick={() => setRemap(true)}>核对列的对应关系</Button>}
              {!mapping && !askValues && preview.unknownValues.length > 0 && <Button onClick={() => setValuesAgain(true)}>核对取值</Button>}
              <Button onClick={() => void api.call('import.discard', { sessionId: preview.sessionId }).then(() => setPreview(null))}>放弃</Button>
              {plan && (
                <Typography.Text data-testid="import-plan">
                  提交将写入：{plan.newUnits.length ? `新建 ${plan.newUnits.length} 个单位，` : ''}
                  {planText(plan, unitsOf(preview))}
                  {plan.skippedRows || plan.skippedCells ? `；不采用 ${plan.skippedRows} 行、${plan.skippedCells} 处` : ''}
                </Typography.Text>
              )}
              <Button danger disabled={busy !== null || mapping || !round} onClick={() => setSendingBack(true)} data-testid="send-back">退回修改</Button>
              <Popconfirm title="按当前选择写入台账？" description={plan ? `将${plan.newUnits.length ? `新建 ${plan.newUnits.length} 个单位，` : ''}${planText(plan, unitsOf(preview))}。写入后可在“导入记录”中整批撤销。` : '写入后可在“导入记录”中整批撤销。'} okText="提交" cancelText="取消" onConfirm={() => void commit()}
                // The rightmost button: opened below it and growing leftwards, a long plan stays inside a 1366-wide window.
                placement="bottomRight" styles={{ root: { maxWidth: 480 } }}>
                <Button type="primary" disabled={busy !== null || mapping}>提交</Button>
              </Popconfirm>
            </Space>
          }
        >
          {preview.report && <ReturnBanner report={preview.report} />}
          {round?.comparison && (
            <RoundBanner
              comparison={round.comparison}
              several={preview.sheets.length > 1}
              onShow={(at) => {
                setSheet(at.sheet);
                setFilter('all');
                setFocus({ ...at });
              }}
            />
          )}
          {preview.exported && (
            <Descriptions size="small" column={4} style={{ marginBottom: 8 }}>
              <Descriptions.Item label="报送单位">{preview.exported.unitName}</Descriptions.Item>
              <Descriptions.Item label="所属期">{preview.exported.period}</Descriptions.Item>
              <Descriptions.Item label="导出时间">{localMinute(preview.exported.at)}</Descriptions.Item>
              <Descriptions.Item label="来源">{preview.exported.ours ? <Tag color="green">本机导出</Tag> : <Tag>其他单位导出</Tag>}</Descriptions.Item>
            </Descriptions>
          )}
          <Space size="large" wrap data-testid="import-counts">
            <Statistic title="读取" value={c.read} />
            <Statistic title="新增" value={c.new} />
            <Statistic title="有修改" value={c.changed} />
            <Statistic title="未变" value={c.unchanged} />
            <Statistic title="缺少" value={c.missing} />
            <Statistic title="冲突" value={c.conflicts} valueStyle={{ color: c.conflicts ? '#d46b08' : undefined }} />
            <Statistic title="清空" value={c.clears} valueStyle={{ color: c.clears ? '#d46b08' : undefined }} />
            <Statistic title="错误" value={c.errors} valueStyle={{ color: c.errors ? '#cf1322' : undefined }} />
            <Statistic title="提示" value={c.warnings} />
          </Space>
          {preview.newUnits && preview.newUnits.length > 0 && <NewUnitsPanel units={preview.newUnits} decisions={decisions} setDecisions={setDecisions} />}
          {(preview.problems.length > 0 || (preview.synonymReads?.length ?? 0) > 0) && (
            <Collapse
              size="small"
              style={{ marginTop: 12 }}
              items={[
                ...(preview.problems.length > 0
                  ? [
                      {
                        key: 'p',
                        label: (
                          <span>
                            问题与提示 <Badge count={preview.problems.length} overflowCount={9999} />
                          </span>
                        ),
                        children: (
                          <List
                            size="small"
                            dataSource={preview.problems.slice(0, 500)}
                            data-testid="import-problems"
                            renderItem={(p) => (
                              <List.Item>
                                <Tag color={p.severity === 'error' ? 'red' : 'orange'}>{p.severity === 'error' ? '错误' : '提示'}</Tag>
                                {p.sheet && `${p.sheet}${p.cell ? `!${p.cell}` : ''}：`}
                                {p.message}
                              </List.Item>
                            )}
                          />
                        ),
                      },
                    ]
                  : []),
                ...(preview.synonymReads?.length
                  ? [
                      {
                        key: 's',
                        label: <span>按字典同义词读取的写法（{preview.synonymReads.length} 种）</span>,
                        children: (
                          <div data-testid="import-synonyms">
                            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                              这些取值与字典中的名称写法不同，按字典的同义词读作右边的选项。如果本单位的意思不同，请先在“设置 → 字典”中修改同义词，再重新核对这个文件。
                            </Typography.Paragraph>
                            <List
                              size="small"
                              dataSource={preview.synonymReads}
                              renderItem={(v) => (
                                <List.Item>
                                  {v.header}：“{v.value}”读作“{v.label}”，{v.count} 处（{v.cells.slice(0, 4).join('、')}
                                  {v.cells.length > 4 ? ' 等' : ''}）
                                </List.Item>
                              )}
                            />
                          </div>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
          {preview.missing.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              message={`台账中有 ${preview.missing.length} 个党支部不在这份表格里`}
              description={`如：${preview.missing.slice(0, 5).map((m) => m.name).join('、')}${preview.missing.length > 5 ? ' 等' : ''}。导入不会删除它们；如确已撤销，请在组织机构中处理。`}
            />
          )}
        </Card>
      )}
      {preview && mapping && (
        <MappingStep
          preview={preview}
          template={template}
          onApply={(chosen, remember) => {
            setRemap(false);
            if (path) void open(path, { mapping: chosen, rememberMapping: remember });
          }}
        />
      )}
      {preview && askValues && <ValuesStep key={preview.sessionId + preview.unknownValues.length} values={preview.unknownValues} dicts={dicts.data ?? []} busy={busy !== null} onApply={(choices) => void mapValues(choices)} onLater={() => {
            setValuesLater(true);
            setValuesAgain(false);
          }} />}
      {preview && !mapping && (
        <Card size="small" styles={{ body: { padding: 8 } }}>
          {preview.sheets.length > 1 && (
            <Segmented<string>
              style={{ marginBottom: 8 }}
              value={sheetView?.name ?? preview.sheet}
              onChange={setSheet}
              options={preview.sheets.map((s) => ({ value: s.name, label: `${s.name}（${preview.rows.filter((r) => r.sheet === s.name).length} 行）` }))}
              aria-label="工作表"
            />
          )}
          <Space style={{ marginBottom: 8 }} wrap>
            <Segmented<Filter>
              value={filter}
              onChange={setFilter}
              options={[
                { value: 'all', label: `全部 ${sheetRows.length}` },
                { value: 'changed', label: `有修改 ${shownOf('changed')}` },
                { value: 'errors', label: `有错误 ${shownOf('errors')}` },
                { value: 'conflicts', label: `有冲突 ${shownOf('conflicts')}` },
                { value: 'clears', label: `有清空 ${shownOf('clears')}` },
                { value: 'new', label: `新增 ${shownOf('new')}` },
                { value: 'pending', label: `待确认 ${shownOf('pending')}` },
              ]}
              aria-label="筛选"
            />
            <Button size="small" onClick={() => setAll(true)}>全部采用</Button>
            <Button size="small" onClick={() => setAll(false)}>全部不采用</Button>
            <Typography.Text type="secondary">单击黄色或橙色单元格切换是否采用；红色单元格双击可改正。</Typography.Text>
          </Space>
          {c && c.clears > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="import-clears"
              message={`报送单位清空了 ${c.clears} 个有内容的单元格（表中显示为“（清空）”）`}
              description={
                <Checkbox checked={decisions.clears} onChange={(e) => setDecisions((d) => ({ ...d, clears: e.target.checked }))}>
                  一并清空这些单元格（不勾选则保留现有的值；误按 Delete 和有意清空看起来一样，请核对后再勾选，也可逐个单击决定。导出后本机也改过的单元格算作冲突，须逐个决定）
                </Checkbox>
              }
            />
          )}
          <div style={{ height: 480 }} data-testid="import-grid">
            {sheetView && <PreviewGrid gridRef={grid} sheet={sheetView} rows={rows} template={template} dicts={dicts.data ?? []} decisions={decisions} onToggleCell={toggleCell} onFix={fix} />}
          </div>
          <RowActions rows={preview.rows} several={preview.sheets.length > 1} decisions={decisions} setDecisions={setDecisions} />
        </Card>
      )}
      {undone && <Alert type="success" showIcon closable onClose={() => setUndone(null)} message={undone} data-testid="import-undo-result" style={{ marginBottom: 12 }} />}
      <Card size="small" title="导入记录">
        <Table<ImportBatchInfo>
          size="small"
          rowKey="id"
          loading={history.loading}
          dataSource={history.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '还没有导入过' }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => new Date(at).toLocaleString('zh-CN', { hour12: false }) },
            { title: '文件', dataIndex: 'fileName' },
            { title: '识别', dataIndex: 'recognisedBy', width: 90, render: (v: string) => (v === 'manifest' ? '报送表' : '按表头') },
            { title: '结果', render: (_: unknown, b) => (b.counts.applied ? `新增 ${b.counts.applied.newRows}，修改 ${b.counts.applied.changedRows} 行` : '') },
            { title: '操作人', dataIndex: 'actor', width: 90 },
            {
              title: '',
              width: 110,
              render: (_: unknown, b) =>
                b.status === 'undone' ? (
                  <Tag>已撤销</Tag>
                ) : (
                  <Popconfirm
                    title={`撤销“${b.fileName}”的这次导入？`}
                    description="导入后又被修改过的单元格会保留后来的值。"
                    okText="撤销"
                    cancelText="取消"
                    // A refusal (an accepted return's lock) is said, not lost in the console.
                    onConfirm={() => void undo(b).catch((e: Error) => message.error(e.message))}
                  >
                    <Button size="small" disabled={!b.changeSetId}>整批撤销</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Whole rows: confirm a near-name match, apply a row with errors as written, bring back a deleted row, or leave a row out. */
function RowActions({ rows, several, decisions, setDecisions }: { rows: ImportRowView[]; several: boolean; decisions: ImportChoices; setDecisions: (d: ImportChoices) => void }) {
  const pending = rows.filter(needsDecision);
  // A row with nowhere to go (a new record whose names were not found) can only be left out.
  const placeable = (r: ImportRowView) => isHeld(r) || r.parent !== null || r.restores !== undefined || r.refs !== undefined || (r.newUnit !== undefined && unitCreated(r.newUnit, decisions));
  const accept = (r: ImportRowView) => {
    if (!placeable(r)) return null;
    if (r.status === 'fuzzy') return '确认是同一党支部';
    if (r.restores !== undefined) return '恢复这一行并采用文件中的值';
    if (!r.diffs.some((d) => d.status === 'error')) return null;
    return r.match?.by === 'fuzzy' ? '确认是同一党支部，错误值原样导入' : '仍然导入（错误值原样保留）';
  };
  if (pending.length === 0) return null;
  const set = (r: ImportRowView, accept: boolean) => setDecisions({ ...decisions, rows: new Map(decisions.rows).set(rowKey(r), accept) });
  return (
    <List
      size="small"
      header={<Typography.Text strong>需要确认的行（{pending.length}）</Typography.Text>}
      dataSource={pending.slice(0, 200)}
      style={{ marginTop: 8 }}
      data-testid="import-row-actions"
      renderItem={(r) => (
        <List.Item
          actions={[
            ...(accept(r)
              ? [
                  <Button key="a" size="small" type={decisions.rows.get(rowKey(r)) ? 'primary' : 'default'} onClick={() => set(r, true)}>
                    {accept(r)}
                  </Button>,
                ]
              : []),
            <Button key="r" size="small" onClick={() => set(r, false)}>不导入这一行</Button>,
          ]}
        >
          {several ? `${r.sheet} ` : ''}第 {r.sourceRow} 行 {r.record?.label ?? String(r.values.name ?? r.values.branchName ?? r.values.unitName ?? '')}：{r.messages.join('；') || r.diffs.filter((d) => d.status === 'error').map((d) => d.message).join('；')}
        </List.Item>
      )}
    />
  );
}
