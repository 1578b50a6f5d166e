/**
 * 退回修改 from the import preview: the reason (required), the problem cells to mark (ticked
 * as proposed; a person's own note on any cell added below), where to save the annotated copy,
 * then what was done (the file, 打开所在文件夹). Nothing is written until 生成批注副本并退回;
 * Enter never closes the dialog (the reason is several lines), Esc and 取消 ask before
 * anything typed is thrown away.
 */
import { useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import type { ImportPreview } from '../../../../shared/contract/types.ts';
import { itemKey, sendBackKindLabels, type SendBackItem, type SendBackResult } from '../../../../shared/domain/sendBack.ts';
import { useApi } from '../../api/context.tsx';
import { inputDialogProps, useGuardedClose } from '../../dialogs.ts';

type Note = { sheet: string; sourceRow: number; field: string; header: string; text: string };

const kindColors: Record<SendBackItem['kind'], string> = { error: 'red', unknown: 'volcano', conflict: 'orange', cleared: 'gold', warning: 'blue', note: 'purple' };

export function SendBackDialog({ preview, items, onClose, onSent }: { preview: ImportPreview; items: SendBackItem[]; onClose: () => void; onSent: (r: SendBackResult) => void }) {
  const api = useApi();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [chosen, setChosen] = useState<string[]>(() => items.filter((i) => i.proposed).map(itemKey));
  const [notes, setNotes] = useState<Note[]>([]);
  const [draft, setDraft] = useState<{ sheet: string; sourceRow: number | null; field: string | null; text: string }>({ sheet: preview.sheet, sourceRow: null, field: null, text: '' });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SendBackResult | null>(null);
  const touched = notes.length > 0 || draft.text !== '' || chosen.length !== items.filter((i) => i.proposed).length;
  const close = useGuardedClose(form, onClose, touched && !done);
  const finish = done ? onClose : close;

  const sheetOf = (name: string) => preview.sheets.find((s) => s.name === name) ?? preview.sheets[0]!;
  const fieldOptions = useMemo(() => sheetOf(draft.sheet).columns.filter((c) => c.field).map((c) => ({ value: c.field!, label: `${c.letter} 列 · ${c.header}` })), [draft.sheet, preview]);
  const rowNames = useMemo(() => new Map(preview.rows.map((r) => [`${r.sheet}!${r.sourceRow}`, String(r.values.name ?? r.match?.name ?? r.record?.label ?? '')])), [preview]);

  const addNote = () => {
    const text = draft.text.trim();
    if (draft.sourceRow === null || !draft.field || !text) return message.warning('请填写行号、选择栏目并写明要说明的内容。');
    const header = sheetOf(draft.sheet).columns.find((c) => c.field === draft.field)?.header ?? draft.field;
    setNotes((n) => [...n, { sheet: draft.sheet, sourceRow: draft.sourceRow!, field: draft.field!, header, text }]);
    setDraft((d) => ({ ...d, text: '' }));
  };

  const send = async () => {
    let reason: string;
    try {
      ({ reason } = await form.validateFields());
    } catch {
      return;
    }
    const base = preview.file.name.replace(/\.[^.]+$/, '');
    const { path } = await api.call('shell.chooseSaveFile', { suggestedName: `${base}（退回修改）.xlsx` });
    if (!path) return;
    setBusy(true);
    try {
      const cells = items.filter((i) => chosen.includes(itemKey(i))).map((i) => ({ sheet: i.sheet, cell: i.cell }));
      const r = await api.call('returns.sendBack', {
        sessionId: preview.sessionId,
        reason,
        cells,
        ...(notes.length ? { notes: notes.map((n) => ({ sheet: n.sheet, sourceRow: n.sourceRow, field: n.field, text: n.text })) } : {}),
        path,
      });
      setDone(r);
      onSent(r);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const openFolder = async (path: string) => {
    const { opened } = await api.call('shell.openPath', { path });
    if (!opened) message.info(`文件已保存在：${path}`);
  };

  const several = preview.sheets.length > 1;
  return (
    <Modal
      open
      title="退回修改"
      width={1000}
      {...inputDialogProps}
      onCancel={finish}
      footer={
        done
          ? [<Button key="c" type="primary" onClick={onClose}>完成</Button>]
          : [
              <Button key="c" onClick={close}>取消</Button>,
              <Button key="s" type="primary" danger loading={busy} onClick={() => void send()} data-testid="send-back-confirm">
                生成批注副本并退回…
              </Button>,
            ]
      }
    >
      <div data-testid="send-back-dialog">
      {done ? (
        <Result
          status={done.board ? 'success' : 'info'}
          title={`已生成批注副本，标出 ${done.marked} 处`}
          subTitle={<span data-testid="send-back-result">{done.message}</span>}
          extra={
            <Space direction="vertical">
              <Typography.Text copyable={{ text: done.path }} data-testid="send-back-path">{done.path}</Typography.Text>
              <Button icon={<FolderOpenOutlined />} onClick={() => void openFolder(done.path)}>打开所在文件夹</Button>
            </Space>
          }
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            将把“{preview.file.name}”另存一份批注副本：勾选的单元格标黄加粗框、批注写明问题，并附“退回说明”工作表，发回报送单位改正。这份文件不会导入。
          </Typography.Paragraph>
          {/* No <form>: Enter in a field never submits or closes the dialog. */}
          <Form form={form} component={false} layout="vertical">
            <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}>
              <Input.TextArea rows={2} maxLength={2000} placeholder="如：部分数据填写有误，请按批注改正后于 3 月 20 日前重新报送" data-testid="send-back-reason" />
            </Form.Item>
          </Form>
          <Typography.Text strong>
            标注的单元格（已选 {chosen.length + notes.length} / {items.length + notes.length}）
          </Typography.Text>
          <Table<SendBackItem>
            size="small"
            rowKey={itemKey}
            dataSource={items}
            pagination={items.length > 50 ? { pageSize: 50 } : false}
            scroll={{ y: 260 }}
            style={{ marginTop: 6 }}
            data-testid="send-back-items"
            locale={{ emptyText: '预览中没有发现问题单元格；可在下方添加标注，或只写退回原因' }}
            rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys.map(String)) }}
            columns={[
              { title: '单元格', width: 90, render: (_: unknown, i) => `${several ? `${i.sheet}!` : ''}${i.cell}` },
              { title: '行（党组织名称）', dataIndex: 'rowLabel', width: 180, ellipsis: true },
              { title: '栏目', dataIndex: 'header', width: 170, ellipsis: true },
              { title: '填报值', dataIndex: 'value', width: 100, ellipsis: true },
              { title: '问题说明', dataIndex: 'reason', render: (r: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{r}</span> },
              { title: '类别', dataIndex: 'kind', width: 110, render: (k: SendBackItem['kind']) => <Tag color={kindColors[k]}>{sendBackKindLabels[k]}</Tag> },
            ]}
          />
          {notes.length > 0 && (
            <Table<Note>
              size="small"
              rowKey={(n) => `${n.sheet}!${n.sourceRow}:${n.field}:${n.text}`}
              dataSource={notes}
              pagination={false}
              style={{ marginTop: 8 }}
              data-testid="send-back-notes"
              columns={[
                { title: '经办人标注', width: 200, render: (_: unknown, n) => `${several ? `${n.sheet} ` : ''}第 ${n.sourceRow} 行 ${rowNames.get(`${n.sheet}!${n.sourceRow}`) ?? ''}` },
                { title: '栏目', dataIndex: 'header', width: 130 },
                { title: '说明', dataIndex: 'text' },
                { title: '', width: 70, render: (_: unknown, n) => <Button size="small" type="link" onClick={() => setNotes((all) => all.filter((x) => x !== n))}>删除</Button> },
              ]}
            />
          )}
          <Space wrap style={{ marginTop: 8 }} data-testid="send-back-add-note">
            <Typography.Text>添加标注：</Typography.Text>
            {several && <Select style={{ width: 140 }} value={draft.sheet} onChange={(sheet) => setDraft((d) => ({ ...d, sheet, field: null }))} options={preview.sheets.map((s) => ({ value: s.name, label: s.name }))} aria-label="工作表" />}
            <InputNumber min={1} max={1_000_000} placeholder="行号" value={draft.sourceRow} onChange={(v) => setDraft((d) => ({ ...d, sourceRow: v ?? null }))} aria-label="行号" />
            <Select style={{ width: 200 }} placeholder="栏目" value={draft.field} onChange={(field) => setDraft((d) => ({ ...d, field }))} options={fieldOptions} aria-label="栏目" showSearch optionFilterProp="label" />
            <Input style={{ width: 280 }} placeholder="要报送单位核对或改正的内容" value={draft.text} maxLength={500} onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))} onPressEnter={addNote} aria-label="标注内容" />
            <Button onClick={addNote}>添加</Button>
          </Space>
          {!preview.exported?.ours && (
            <Alert style={{ marginTop: 8 }} type="info" showIcon message="这份文件不是本机下发的报表：仍会生成批注副本，但不会改动报送情况。" />
          )}
        </>
      )}
      </div>
    </Modal>
  );
}
