/**
 * 记一次走访: a work record in two clicks where the work is seen (a leader's card, a
 * branch's card, the list of points behind). Everything is filled in: the point (the only
 * one, or the one longest without a record), today, 座谈走访; a person only saves, or first
 * adds what was done. The core parses and checks as for any new record.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Form, Input, Modal, Select, type GetRef } from 'antd';
import dayjs from 'dayjs';
import type { DictEntry, RecordEditResult, RecordRow } from '../../../../shared/contract/types.ts';
import { parseFieldValue } from '../../../../shared/domain/fields.ts';
import { visitFields } from '../../../../shared/domain/liaison.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { inputDialogProps } from '../../dialogs.ts';
import { DateField } from './AddRecordDialog.tsx';
import { pointLabel } from './pickers.tsx';

/** Whose points to offer: a leader's, a branch's, or exactly one point. */
export type VisitFor = { leaderId: number } | { orgId: number } | { liaisonId: number };

interface VisitForm {
  liaisonId?: number;
  visitedOn: string;
  kind: string;
  content?: string;
}

/** 走访 in the dictionary of work forms (座谈走访). */
const visitKind = 'talk';

/** The point longest without a record (never visited first): the one a reminder would name. */
function leastRecent(points: RecordRow[]): RecordRow | undefined {
  return [...points].sort((a, b) => String(a.values.lastVisitOn ?? '').localeCompare(String(b.values.lastVisitOn ?? '')))[0];
}

export function VisitNowDialog({ year, dicts, of, onClose, onAdded }: { year: number; dicts: DictEntry[]; of: VisitFor; onClose: () => void; onAdded: (result: RecordEditResult) => void }) {
  const api = useApi();
  const [form] = Form.useForm<VisitForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const content = useRef<GetRef<typeof Input.TextArea>>(null);
  const points = useCall('records.list', { table: 'liaison', year, ...of });
  // Points that still run: one ended is not visited any more.
  const open = useMemo(() => (points.data?.rows ?? []).filter((r) => !r.values.endedOn || String(r.values.endedOn) >= dayjs().format('YYYY-MM-DD')), [points.data]);
  useEffect(() => {
    const chosen = leastRecent(open);
    if (chosen && form.getFieldValue('liaisonId') === undefined) form.setFieldValue('liaisonId', chosen.id);
  }, [open, form]);
  const dateDef = visitFields.find((f) => f.field === 'visitedOn')!;

  const save = async () => {
    setError(null);
    let v: VisitForm;
    try {
      v = await form.validateFields();
    } catch {
      return; // said under the field
    }
    setBusy(true);
    try {
      const row = { liaisonId: v.liaisonId!, visitedOn: v.visitedOn, kind: v.kind, ...(v.content?.trim() ? { content: v.content.trim() } : {}) };
      onAdded(await api.call('records.add', { table: 'visit', year, rows: [row], source: 'typed' }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      {...inputDialogProps}
      title="记一次走访"
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => void save()}
      width={560}
      destroyOnHidden
      // The point, day and form are filled in: the caret goes where the person writes (not onto ×).
      afterOpenChange={(open) => open && content.current?.focus({ preventScroll: true })}
    >
      <Form form={form} layout="vertical" initialValues={{ visitedOn: dayjs().format('YYYY-MM-DD'), kind: visitKind }} data-testid="visit-now">
        <Form.Item name="liaisonId" label="联系点（领导 → 党支部）" rules={[{ required: true, message: points.loading ? '正在读取联系点，请稍候' : '没有在联系的联系点，请先新增联系点' }]}>
          <Select<number>
            showSearch
            loading={points.loading}
            optionFilterProp="label"
            options={open.map((r) => ({ value: r.id, label: pointLabel(r) }))}
            notFoundContent={points.loading ? '正在读取…' : '没有在联系的联系点'}
            aria-label="选择联系点"
            data-testid="visit-point"
          />
        </Form.Item>
        <Form.Item
          name="visitedOn"
          label="日期"
          required
          rules={[
            {
              validator: async (_r, value: unknown) => {
                const parsed = parseFieldValue(dateDef, value, dicts);
                if (!parsed.ok) throw new Error(parsed.message);
                if (parsed.value === null) throw new Error('请填写日期');
              },
            },
          ]}
        >
          <DateField />
        </Form.Item>
        <Form.Item name="kind" label="活动形式" rules={[{ required: true, message: '请选择活动形式' }]}>
          <Select options={dicts.filter((d) => d.dict === 'visit_kind' && d.active).map((d) => ({ value: d.code, label: d.label }))} aria-label="活动形式" />
        </Form.Item>
        <Form.Item name="content" label="主要内容（可以以后再补）">
          <Input.TextArea ref={content} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
        </Form.Item>
        {error && <div style={{ color: '#cf1322' }} role="alert">{error}</div>}
      </Form>
    </Modal>
  );
}
