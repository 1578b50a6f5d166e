/**
 * One step of a problem's loop in a small dialog: 领账, 开始整改, 销号, 重新打开 or 记进展, with
 * what that step asks for. A step that skips a state or goes back asks for its reason, as the
 * core does; the core checks again and its refusal is shown here, in its own words.
 */
import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import type { DictEntry, RecordEditResult, RecordRow } from '../../../../shared/contract/types.ts';
import { parseDate } from '../../../../shared/domain/normalize.ts';
import { isProblemStatus, problemActions, problemStatusLabels, stepKind, type ProblemAction } from '../../../../shared/domain/problems.ts';
import { useApi } from '../../api/context.tsx';
import { inputDialogProps, useGuardedClose } from '../../dialogs.ts';
import { DateField } from '../records/AddRecordDialog.tsx';
import { LeaderSelect } from '../records/pickers.tsx';

export type StepKind = ProblemAction | 'note';

type Values = Record<string, string | number | null | undefined>;
const given = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** A day as typed (2026-03-05, 2026.3.5, 2026年3月5日 …) read the one way the app reads dates; null when not a day. */
const dayOf = (v: unknown): string | null => {
  const d = parseDate(v);
  return d.ok ? d.value : null;
};
/** Why a typed day is not one, in the words every date cell uses. */
const whyNotDay = (v: unknown): string => {
  const d = parseDate(v);
  return d.ok ? '' : d.message;
};

export function StepDialog({ kind, row, year, today, dicts, onClose, onDone }: {
  kind: StepKind;
  row: RecordRow;
  year: number;
  /** The day a step's dates start from: the core's, which judges them. */
  today: string;
  dicts: DictEntry[];
  onClose: () => void;
  onDone: (result: RecordEditResult, label: string) => void;
}) {
  const api = useApi();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = useGuardedClose(form, onClose);
  const v = row.values;
  const from = String(v.status);
  const label = kind === 'note' ? '记进展' : problemActions[kind].label;
  const statusLabel = (s: string) => dicts.find((d) => d.dict === 'problem_status' && d.code === s)?.label ?? (isProblemStatus(s) ? problemStatusLabels[s] : s);
  const step = kind === 'note' || !isProblemStatus(from) ? 'same' : stepKind(from, problemActions[kind].to);
  const needsReason = step === 'skip' || step === 'back';

  const submit = async () => {
    setError(null);
    let f: Values;
    try {
      f = await form.validateFields();
    } catch {
      return;
    }
    const id = row.id;
    const words = { ...(given(f.reason) ? { reason: given(f.reason)! } : {}), ...(given(f.note) ? { note: given(f.note)! } : {}) };
    setBusy(true);
    try {
      let result: RecordEditResult;
      switch (kind) {
        case 'claim':
          result = await api.call('problems.claim', {
            id,
            responsible: String(f.responsible).trim(),
            ...(given(f.claimedBy) ? { claimedBy: given(f.claimedBy)! } : {}),
            ...(typeof f.leaderId === 'number' ? { leaderId: f.leaderId } : {}),
            claimedOn: dayOf(f.claimedOn)!,
            ...(given(f.dueOn) ? { dueOn: dayOf(f.dueOn)! } : {}),
            ...words,
          });
          break;
        case 'start':
          result = await api.call('problems.start', { id, measures: String(f.measures).trim(), ...(given(f.dueOn) ? { dueOn: dayOf(f.dueOn)! } : {}), ...words });
          break;
        case 'clear':
          result = await api.call('problems.clear', { id, acceptedBy: String(f.acceptedBy).trim(), acceptedOn: dayOf(f.acceptedOn)!, ...(given(f.result) ? { result: given(f.result)! } : {}), ...words });
          break;
        case 'reopen':
          result = await api.call('problems.reopen', { id, reason: given(f.reason) ?? '', ...(given(f.note) ? { note: given(f.note)! } : {}) });
          break;
        case 'note':
          result = await api.call('problems.note', { id, note: String(f.note).trim(), at: dayOf(f.at)! });
          break;
      }
      onDone(result, label);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];
  const day = (what: string, need: boolean) => [
    {
      validator: async (_r: unknown, value: unknown) => {
        if (!given(value)) {
          if (need) throw new Error(`请填写${what}`);
          return;
        }
        if (dayOf(value) === null) throw new Error(`${what}：${whyNotDay(value) || `应为日期，如 ${today}`}`);
      },
    },
  ];
  const initial: Values = {
    responsible: (v.responsible as string | null) ?? '',
    measures: (v.measures as string | null) ?? '',
    claimedOn: today,
    acceptedOn: today,
    at: today,
    dueOn: (v.dueOn as string | null) ?? '',
    leaderId: (v.leaderId as number | null) ?? undefined,
  };

  return (
    <Modal open {...inputDialogProps} title={`${label}：${String(v.description ?? '')}`} okText={label} cancelText="取消" confirmLoading={busy} onCancel={close} onOk={() => void submit()} width={560} destroyOnHidden>
      <div style={{ marginBottom: 12, color: '#666' }} data-testid="step-from">
        {String(v.unitName ?? '')} · 当前状态：{statusLabel(from)}
        {kind !== 'note' && ` → ${statusLabel(problemActions[kind].to)}`}
      </div>
      <Form form={form} layout="vertical" initialValues={initial} data-testid={`step-${kind}`}>
        {kind === 'claim' && (
          <>
            <Form.Item name="responsible" label="责任人" rules={required('责任人')}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="claimedBy" label="领账人（不填则为责任人）">
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="leaderId" label="包联领导（可不选）">
              <LeaderSelect year={year} />
            </Form.Item>
            <Form.Item name="claimedOn" label="领账时间" rules={day('领账时间', true)}>
              <DateField />
            </Form.Item>
            <Form.Item name="dueOn" label="整改时限" rules={day('整改时限', false)}>
              <DateField />
            </Form.Item>
          </>
        )}
        {kind === 'start' && (
          <>
            <Form.Item name="measures" label="整改措施" rules={required('整改措施')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
            </Form.Item>
            <Form.Item name="dueOn" label="整改时限" rules={day('整改时限', false)}>
              <DateField />
            </Form.Item>
          </>
        )}
        {kind === 'clear' && (
          <>
            <Form.Item name="acceptedBy" label="验收人" rules={required('验收人')}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="acceptedOn" label="验收时间（即销号时间）" rules={day('验收时间', true)}>
              <DateField />
            </Form.Item>
            <Form.Item name="result" label="整改成效">
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {(needsReason || kind === 'reopen') && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={step === 'back' ? `从“${statusLabel(from)}”退回，需要写明理由。` : `这一步跳过了中间环节（当前为“${statusLabel(from)}”），需要写明理由。`}
            />
            <Form.Item name="reason" label="理由" rules={required('理由')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={kind === 'clear' ? '如：即知即办，当场解决' : ''} />
            </Form.Item>
          </>
        )}
        {kind === 'note' ? (
          <>
            <Form.Item name="note" label="进展情况" rules={required('进展情况')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
            </Form.Item>
            <Form.Item name="at" label="日期" rules={day('日期', true)}>
              <DateField />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="note" label="说明（可不填）">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Form>
    </Modal>
  );
}
