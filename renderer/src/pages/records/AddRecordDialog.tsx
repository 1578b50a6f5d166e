/**
 * A new record of any table: the refs chosen with pickers, then the table's main
 * fields as a form. The core parses, checks and defaults (a point's category from
 * its branch's grade); a refusal comes back as a Chinese message shown here.
 */
import { useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { DictEntry, OrgNode, RecordEditResult } from '../../../../shared/contract/types.ts';
import type { CellValue, FieldDef } from '../../../../shared/domain/fields.ts';
import { recordTables, type RecordTable } from '../../../../shared/domain/records.ts';
import { useApi } from '../../api/context.tsx';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { BranchSelect, LeaderSelect, LiaisonSelect } from './pickers.tsx';

/** The refs each table needs and the fields asked for when adding one. */
const forms: Record<RecordTable, { refs: string[]; fields: string[] }> = {
  leader: { refs: ['committeeId'], fields: ['name', 'position', 'title', 'phone', 'activeFrom'] },
  liaison: { refs: ['leaderId', 'orgId'], fields: ['category', 'establishedOn', 'mainProblems', 'goals', 'measures'] },
  visit: { refs: ['liaisonId'], fields: ['visitedOn', 'kind', 'content', 'problemsFound', 'problemsSolved', 'guidance', 'followUp', 'signedBy'] },
  project: { refs: ['liaisonId'], fields: ['name', 'category', 'handling', 'dueOn', 'funds', 'responsible', 'content', 'goal'] },
  problem: { refs: ['orgId'], fields: ['description', 'category', 'source', 'handling', 'dueOn', 'responsible', 'measures'] },
  evaluation: { refs: ['orgId'], fields: ['stage', 'evaluatedOn', 'evaluator', 'score', 'result'] },
};

export interface AddPreset {
  values?: Record<string, CellValue>;
  /** Labels of preset refs, shown before the picker has searched. */
  labels?: Record<string, string>;
}

function FieldInput({ def, dicts }: { def: FieldDef; dicts: DictEntry[] }) {
  switch (def.type) {
    case 'dict':
      return <Select allowClear options={dicts.filter((d) => d.dict === def.dict && d.active).map((d) => ({ value: d.code, label: d.label }))} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} format={['YYYY-MM-DD', 'YYYY.M.D', 'YYYYMMDD']} />;
    case 'integer':
    case 'decimal':
      return <InputNumber style={{ width: '100%' }} min={0} precision={def.type === 'integer' ? 0 : (def.scale ?? 2)} />;
    case 'flag':
      return <Select allowClear options={[{ value: true, label: '是' }, { value: false, label: '否' }]} />;
    default:
      return (def.maxLength ?? 100) > 200 ? <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={def.maxLength} /> : <Input maxLength={def.maxLength ?? 100} />;
  }
}

export function AddRecordDialog({ table, year, dicts, preset, onClose, onAdded }: { table: RecordTable; year: number; dicts: DictEntry[]; preset?: AddPreset; onClose: () => void; onAdded: (result: RecordEditResult) => void }) {
  const api = useApi();
  const def = recordTables[table];
  const [form] = Form.useForm<Record<string, unknown>>();
  const [committee, setCommittee] = useState<OrgNode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { refs, fields } = forms[table];
  const fieldDef = (f: string) => def.fields.find((x) => x.field === f)!;
  const leaderId = Form.useWatch('leaderId', form) as number | undefined;

  const submit = async () => {
    const raw = await form.validateFields();
    const values: Record<string, CellValue> = {};
    for (const [k, v] of Object.entries({ ...preset?.values, ...raw })) {
      if (v === undefined || v === null || v === '') continue;
      values[k] = typeof v === 'object' && 'format' in (v as object) ? (v as Dayjs).format('YYYY-MM-DD') : (v as CellValue);
    }
    if (refs.includes('committeeId')) {
      if (!committee) {
        setError('请选择所在党委（党组）。');
        return;
      }
      values.committeeId = committee.id;
    }
    setBusy(true);
    try {
      const result = await api.call('records.add', { table, year, rows: [values], source: 'typed' });
      onAdded(result);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`新增${def.noun}`} okText="新增" confirmLoading={busy} onCancel={onClose} onOk={() => void submit()} width={620} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={preset?.values ?? {}} data-testid={`add-${table}`}>
        {refs.includes('committeeId') && (
          <Form.Item label="所在党委（党组）" required>
            <ScopePicker value={committee} onChange={setCommittee} />
          </Form.Item>
        )}
        {refs.includes('leaderId') && (
          <Form.Item name="leaderId" label="联系领导" rules={[{ required: true, message: '请选择领导干部' }]}>
            <LeaderSelect year={year} />
          </Form.Item>
        )}
        {refs.includes('orgId') && (
          <Form.Item name="orgId" label={table === 'problem' ? '所在单位' : '党支部'} rules={[{ required: true, message: '请选择党支部' }]}>
            <BranchSelect anyUnit={table === 'problem'} initial={preset?.values?.orgId ? { id: Number(preset.values.orgId), label: preset.labels?.orgId ?? '' } : undefined} />
          </Form.Item>
        )}
        {refs.includes('liaisonId') && (
          <Form.Item name="liaisonId" label="联系点（领导 → 党支部）" rules={[{ required: true, message: '请选择联系点' }]}>
            <LiaisonSelect year={year} {...(leaderId ? { leaderId } : {})} />
          </Form.Item>
        )}
        {fields.map((f) => {
          const d = fieldDef(f);
          return (
            <Form.Item key={f} name={f} label={d.label} rules={d.required ? [{ required: true, message: `请填写${d.label}` }] : []}>
              <FieldInput def={d} dicts={dicts} />
            </Form.Item>
          );
        })}
        {error && <div style={{ color: '#cf1322' }} role="alert">{error}</div>}
      </Form>
    </Modal>
  );
}
