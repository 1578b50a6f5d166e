/**
 * Exporting one official table: the choices (remembered per template), the scope (a
 * unit of the tree, or exactly the rows of a grid view), a live preview of the first
 * page, then one file, or one prefilled file per subordinate unit (下发); progress
 * while it writes, and the way to the folder when done.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Col, Form, Input, InputNumber, Progress, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { ExportOutlined, FolderOpenOutlined, SendOutlined } from '@ant-design/icons';
import type { ExportInvalidCells, ExportPreview, ExportResult, SendDownResult, TemplateInfo } from '../../../../shared/contract/types.ts';
import type { ExportChoices } from '../../../../shared/templates/types.ts';
import { useApi } from '../../api/context.tsx';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { useUnit } from '../../unit.tsx';
import { PagePreview } from './Preview.tsx';
import { exportFileName } from './fileName.ts';
import './export.css';
import { DateField } from '../records/AddRecordDialog.tsx';
import { parseDate } from '../../../../shared/domain/normalize.ts';

export interface GridScope {
  /** What the rows are, for the user: 当前表格中的 1,234 行（已筛选、排序）. */
  label: string;
  rowIds: number[];
  /** The unit the grid is scoped to: the file is that unit's (its title, 填报单位 and manifest). */
  unitId?: number;
}

type Done = { kind: 'file'; result: ExportResult } | { kind: 'sendDown'; result: SendDownResult };

/** The red cells of an export, as a list a person can check against the grid. */
function RedCells({ invalid }: { invalid: ExportInvalidCells }) {
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        这些值在台账中标红（未通过校验、按原样保留），导出时按原样写入单元格；数字列中的文字不计入“合计”，汇总表不计入这些党支部的相应数字。建议先在台账中改正。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey={(c) => `${c.sheet}|${c.row}|${c.column}`}
        pagination={false}
        scroll={{ y: 260 }}
        dataSource={invalid.cells}
        data-testid="red-cells"
        columns={[
          { title: '党支部（行）', dataIndex: 'row', width: 200 },
          { title: '列', dataIndex: 'column', width: 120 },
          { title: '填写的内容', dataIndex: 'value', width: 110 },
          { title: '原因', dataIndex: 'message' },
        ]}
      />
      {invalid.count > invalid.cells.length && <Typography.Text type="secondary">另有 {invalid.count - invalid.cells.length} 个未列出。</Typography.Text>}
    </>
  );
}

export function ExportPanel({ template, years, gridScope }: { template: TemplateInfo; years: number[]; gridScope?: GridScope }) {
  const api = useApi();
  const { message, modal } = AntApp.useApp();
  const [choices, setChoices] = useState<ExportChoices>(template.choices);
  // The year of this template's last export is offered again; the unit is the one every page shows (the department's, or the one chosen last on any page).
  const lastYear = (t: TemplateInfo) => (t.lastScope && years.includes(t.lastScope.year) ? t.lastScope.year : (years[0] ?? new Date().getFullYear()));
  const [year, setYear] = useState<number>(lastYear(template));
  const { current: unit, setCurrent: setUnit } = useUnit();
  const [useGrid, setUseGrid] = useState(gridScope !== undefined);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; message?: string } | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [dueText, setDueText] = useState('');
  /** A result is scrolled into view once (a stable ref runs on mount only): the send-down's list under both columns; the file's, in the bar, if that bar sits above a taller preview. */
  const reveal = useCallback((el: HTMLDivElement | null) => el?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), []);
  useEffect(() => {
    setChoices(template.choices);
    setYear(lastYear(template));
    // Only when another template is picked.
  }, [template]);

  const scope = useMemo(
    () => (useGrid && gridScope ? { year, rowIds: gridScope.rowIds, ...(gridScope.unitId !== undefined ? { scopeOrgId: gridScope.unitId } : {}) } : { year, ...(unit ? { scopeOrgId: unit.id } : {}) }),
    [useGrid, gridScope, year, unit],
  );
  // The preview follows every choice, a moment after typing stops.
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api.call('export.preview', { templateId: template.id, scope, choices }).then(
        (p) => live && (setPreview(p), setPreviewError(null)),
        (e: Error) => live && setPreviewError(e.message),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, template.id, scope, choices]);
  useEffect(() => api.on('progress', (p) => (p.task === 'export' || p.task === 'sendDown') && setProgress(p)), [api]);

  const title = preview?.title ?? template.title;
  /** A question before anything is written: resolves true when the person goes on. */
  const asked = (question: Parameters<typeof modal.confirm>[0]) =>
    new Promise<boolean>((resolve) => modal.confirm({ ...question, onOk: () => resolve(true), onCancel: () => resolve(false) }));
  /** The preview read afresh as the button is pressed (the one shown may be a moment old): what the questions below ask about. */
  const freshPreview = () => api.call('export.preview', { templateId: template.id, scope, choices });
  /** Red cells are said, with the choice to go on. */
  const redCellsAccepted = async ({ invalid }: ExportPreview): Promise<boolean> =>
    invalid.count === 0 ||
    asked({ title: `有 ${invalid.count} 个单元格的内容未通过校验`, width: 760, content: <RedCells invalid={invalid} />, okText: '仍按原样导出', cancelText: '取消，先去改正' });
  /** A table with no rows is said: the range or year may be the wrong one. (A send-down's blank tables are meant.) */
  const emptyAccepted = async (p: ExportPreview): Promise<boolean> =>
    p.total > 0 ||
    p.sheets.some((s) => s.rows > 0) ||
    asked({
      title: `“${p.title}”没有数据行`,
      content: `所选范围和年度（${year} 年）中没有可列入这张表的记录，导出的文件只有表头和落款（可作空表下发填写）。若不是要空表，请先检查“范围”和“所属年度”。`,
      okText: '仍然导出',
      cancelText: '取消',
    });
  const run = async () => {
    const fresh = await freshPreview();
    if (!(await emptyAccepted(fresh)) || !(await redCellsAccepted(fresh))) return;
    const { path } = await api.call('shell.chooseSaveFile', { suggestedName: exportFileName(choices.attachment, title) });
    if (!path) return;
    setDone(null);
    setProgress({ done: 0, total: preview?.total ?? 0 });
    try {
      setDone({ kind: 'file', result: await api.call('export.run', { templateId: template.id, scope, choices, path }) });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setProgress(null);
    }
  };
  const sendDown = async () => {
    if (!unit) return;
    // The deadline goes on the board (报送情况): typed as staff write dates, read as the grid reads them.
    const due = parseDate(dueText);
    if (!due.ok) {
      message.warning(`报送截止日期：${due.message}`);
      return;
    }
    // Asked in the order a person decides: is there anyone to send to, then the red cells, then where.
    const below = await api.call('org.children', { parentId: unit.id, counts: false });
    if (!below.nodes.some((n) => n.level !== 'branch' && !n.closedOn)) {
      message.warning(`“${unit.name}”下没有下级单位，无需下发；请在“范围”中选择旗县区或盟市。`);
      return;
    }
    if (!(await redCellsAccepted(await freshPreview()))) return;
    const { path } = await api.call('shell.chooseFolder', { suggestedName: `${title}（下发）`.replace(/[\\/:*?"<>|]/g, '_') });
    if (!path) return;
    setDone(null);
    setProgress({ done: 0, total: 1 });
    try {
      setDone({ kind: 'sendDown', result: await api.call('export.sendDown', { templateId: template.id, parentOrgId: unit.id, year, choices, folder: path, ...(due.value ? { dueOn: due.value } : {}) }) });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setProgress(null);
    }
  };
  const openFolder = async (path: string) => {
    const { opened } = await api.call('shell.openPath', { path });
    if (!opened) message.info(`文件已保存在：${path}`);
  };

  const optional = template.sheets.flatMap((s) => s.columns.filter((c) => c.optional).map((c) => ({ key: `${s.name}.${c.field}`, label: c.group ? `${c.group}·${c.header}` : c.header })));
  const set = (patch: Partial<ExportChoices>) => setChoices((c) => ({ ...c, ...patch }));

  return (
    <Row gutter={16} data-testid="export-panel">
      <Col span={9}>
        <Typography.Paragraph type="secondary">{template.description}</Typography.Paragraph>
        <Form layout="vertical" size="small">
          <Form.Item label="范围">
            {gridScope && (
              <Radio.Group value={useGrid} onChange={(e) => setUseGrid(e.target.value as boolean)} style={{ marginBottom: 8 }}>
                <Radio value={true}>{gridScope.label}</Radio>
                <Radio value={false}>按组织机构</Radio>
              </Radio.Group>
            )}
            {!useGrid && <ScopePicker value={unit} onChange={setUnit} />}
          </Form.Item>
          <Form.Item label="所属年度">
            <Select value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} aria-label="所属年度" />
          </Form.Item>
          <Form.Item label="附件序号">
            <InputNumber min={1} max={99} value={choices.attachment} onChange={(v) => v && set({ attachment: v })} addonBefore="附件" aria-label="附件序号" />
          </Form.Item>
          <Form.Item label="标题" extra="{unit} 为单位名称，{year} 为年度，导出时自动填入。">
            <Input value={choices.title} onChange={(e) => set({ title: e.target.value })} aria-label="标题" />
          </Form.Item>
          <Form.Item label="填报单位（盖章）">
            <Input value={choices.reportingUnit} onChange={(e) => set({ reportingUnit: e.target.value })} placeholder="如：中共××旗委组织部" aria-label="填报单位" />
          </Form.Item>
          {optional.length > 0 && (
            <Form.Item label="可选列">
              <Checkbox.Group
                value={optional.filter((o) => !choices.omitted.includes(o.key)).map((o) => o.key)}
                onChange={(on) => set({ omitted: optional.filter((o) => !on.includes(o.key)).map((o) => o.key) })}
                options={optional.map((o) => ({ value: o.key, label: o.label }))}
              />
            </Form.Item>
          )}
          <Form.Item label="空白单元格">
            <Radio.Group value={choices.emptyAs} onChange={(e) => set({ emptyAs: e.target.value as ExportChoices['emptyAs'] })}>
              <Radio value="">留空</Radio>
              <Radio value="—">填“—”</Radio>
              <Radio value="无">填“无”</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item label="标题字体" extra="本机没有方正小标宋简体时，可改用宋体加粗。">
            <Radio.Group value={choices.titleFont} onChange={(e) => set({ titleFont: e.target.value as ExportChoices['titleFont'] })}>
              <Radio value="fzxbs">方正小标宋简体</Radio>
              <Radio value="songBold">宋体（加粗）</Radio>
            </Radio.Group>
          </Form.Item>
        </Form>
        {/* Under the form, and kept at the bottom of the window while the form scrolls (export.css): on a 768-line screen the form is longer than the window. */}
        <div className="export-actions" data-testid="export-actions">
          <Space wrap>
            <Button type="primary" icon={<ExportOutlined />} onClick={() => void run()} loading={progress !== null} disabled={!preview}>
              导出…
            </Button>
            {template.returnable && (
              <Space size={4} data-testid="send-down-due">
                <span>报送截止日期</span>
                <div style={{ width: 190 }}>
                  <DateField value={dueText} onChange={setDueText} />
                </div>
              </Space>
            )}
            {template.returnable && (
              <Button icon={<SendOutlined />} onClick={() => void sendDown()} disabled={useGrid || !unit || progress !== null} title={!unit ? '先在“范围”中选择一个上级单位' : undefined}>
                按下级单位分别下发…
              </Button>
            )}
          </Space>
          {progress && (
            <Progress percent={progress.total ? Math.round((100 * progress.done) / progress.total) : 0} status="active" format={() => progress.message ?? '正在导出…'} style={{ marginTop: 8 }} />
          )}
          {done?.kind === 'file' && (
            // Where the button was pressed: the person sees at once what was written, and where.
            <div ref={reveal} style={{ marginTop: 8 }}>
              <Alert
                type="success"
                showIcon
                closable
                afterClose={() => setDone(null)}
                message="已导出"
                description={
                  <>
                    {/* A path breaks anywhere: the column is narrow on a small screen. */}
                    <div style={{ wordBreak: 'break-all' }}>
                      {`${done.result.file}：${done.result.sheets.map((s) => `${s.name} ${s.rows} 行`).join('，')}${done.result.invalidCells ? `；${done.result.invalidCells} 个标红的值按原样写入` : ''}`}
                    </div>
                    <Button size="small" icon={<FolderOpenOutlined />} onClick={() => void openFolder(done.result.file)} style={{ marginTop: 4 }}>
                      打开所在文件夹
                    </Button>
                  </>
                }
              />
            </div>
          )}
        </div>
      </Col>
      <Col span={15}>
        {preview && preview.total === 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            message={`${year} 年${unit ? `“${unit.name}”` : ''}这张表还没有数据`}
            description={years.length > 1 ? '导出的将是只有表头的空表（可下发填写）；如要导出已有数据，请改选“所属年度”或“范围”。' : '导出的将是只有表头的空表，可下发填写。'}
          />
        )}
 {preview && preview.invalid.count > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            data-testid="red-cells-alert"
            message={`有 ${preview.invalid.count} 个单元格的内容未通过校验（在台账中标红），将按原样写入`}
            action={
              <Button size="small" onClick={() => modal.info({ title: '未通过校验的单元格', width: 760, content: <RedCells invalid={preview.invalid} />, okText: '知道了' })}>
                查看
              </Button>
            }
          />
        )}
        {previewError ? <Alert type="error" showIcon message="无法预览" description={previewError} /> : preview ? <PagePreview preview={preview} /> : <Typography.Text type="secondary">正在生成预览…</Typography.Text>}
        {preview && preview.sheets.length > 1 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            同一文件中还有：{preview.sheets.slice(1).map((s) => `“${s.name}” ${s.rows} 行`).join('，')}。
          </Typography.Paragraph>
        )}
      </Col>
      {done?.kind === 'sendDown' && (
        // Under both columns, the whole width: a unit's file name is long, one line each.
        <Col span={24}>
          <div style={{ marginTop: 12 }} data-testid="send-down-result" ref={reveal}>
            <Alert type="success" showIcon message={`已为 ${done.result.files.length} 个下级单位各生成一份预填表，清单见“下发清单.txt”。`} action={<Button size="small" onClick={() => void openFolder(done.result.folder)}>打开文件夹</Button>} />
            <Table
              size="small"
              rowKey="file"
              pagination={false}
              style={{ marginTop: 8 }}
              dataSource={done.result.files}
              columns={[
                { title: '单位', dataIndex: 'unitName' },
                { title: '文件', dataIndex: 'fileName' },
                { title: '行数', dataIndex: 'rows', width: 70 },
                { title: '标红的值', dataIndex: 'invalidCells', width: 90, render: (n: number) => (n ? n : '') },
              ]}
            />
          </div>
        </Col>
      )}
    </Row>
  );
}
