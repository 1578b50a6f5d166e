/**
 * A new record of any table: the refs chosen with pickers, then the table's fields
 * (shared/domain/records.ts `addForm`) as a form. Each field is checked as it is typed
 * by the same parser the core uses, so a value that cannot be read is said under its
 * field and stays there to be corrected, never dropped. The core parses and checks
 * again and fills defaults (a point's category from its branch's grade); a refusal
 * comes back as a Chinese message shown here. A new point is chosen branch first: the
 * dialog then proposes its category from the branch's grade and offers the leaders of the
 * branch's own township and county first.
 */
import { useEffect, useRef, useState } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { DictEntry, OrgNode, PointProposal, RecordEditResult } from '../../../../shared/contract/types.ts';
import { isLongText, parseFieldValue, type CellValue, type FieldDef } from '../../../../shared/domain/fields.ts';
import { recordTables, type RecordTable } from '../../../../shared/domain/records.ts';
import { useApi } from '../../api/context.tsx';
import { inputDialogProps, useGuardedClose } from '../../dialogs.ts';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { BranchSelect, LeaderSelect, LiaisonSelect } from './pickers.tsx';

export interface AddPreset {
  values?: Record<string, CellValue>;
  /** Labels of preset refs, shown before the picker has searched. */
  labels?: Record<string, string>;
}

/** What antd's Form.Item hands the control it wraps: the control must pass both on. */
interface Controlled<V> {
  value?: V;
  onChange?: (value: V) => void;
  id?: string;
}

/**
 * A date as text (2024.3.5 and 2024年3月5日 are read as the grid reads them) with a
 * calendar beside it. A picker alone would drop on blur any text it cannot read.
 */
export function DateField({ value, onChange, id }: Controlled<string>) {
  const [open, setOpen] = useState(false);
  const picked = value && dayjs(value, 'YYYY-MM-DD', true).isValid() ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <Input
      id={id}
      value={value ?? ''}
      onChange={(e) => onChange?.(e.target.value)}
      placeholder="如 2026-03-05、2026.3.5"
      maxLength={20}
      suffix={
        <span style={{ position: 'relative' }}>
          <CalendarOutlined aria-label="选择日期" role="button" onClick={() => setOpen((o) => !o)} style={{ cursor: 'pointer', color: '#888' }} />
          <DatePicker
            open={open}
            value={picked}
            onOpenChange={setOpen}
            onChange={(d) => {
              if (d) onChange?.(d.format('YYYY-MM-DD'));
              setOpen(false);
            }}
            style={{ position: 'absolute', right: 0, top: 0, width: 0, height: 0, padding: 0, border: 0, overflow: 'hidden', opacity: 0 }}
            tabIndex={-1}
            aria-hidden
          />
        </span>
      }
    />
  );
}

/** The control for one field. Numbers, phones and text are typed as text: the parser reads 十二 or ５ and says what it cannot. */
function FieldInput({ def, dicts, ...control }: { def: FieldDef; dicts: DictEntry[] } & Controlled<CellValue>) {
  switch (def.type) {
    case 'dict':
      return (
        <Select
          {...(control as Controlled<string>)}
          allowClear
          showSearch
          optionFilterProp="label"
          options={dicts.filter((d) => d.dict === def.dict && d.active).map((d) => ({ value: d.code, label: d.label }))}
        />
      );
    case 'flag':
      return <Select {...(control as Controlled<boolean>)} allowClear options={[{ value: true, label: '是' }, { value: false, label: '否' }]} />;
    case 'date':
      return <DateField {...(control as Controlled<string>)} />;
    default: {
      const text = control as Controlled<string>;
      const onChange = (e: { target: { value: string } }) => text.onChange?.(e.target.value);
      return isLongText(def) ? (
        <Input.TextArea id={text.id} value={text.value ?? ''} onChange={onChange} autoSize={{ minRows: 1, maxRows: 4 }} />
      ) : (
        <Input id={text.id} value={text.value ?? ''} onChange={onChange} {...(def.type === 'integer' || def.type === 'decimal' ? { inputMode: 'decimal' as const } : {})} />
      );
    }
  }
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function AddRecordDialog({ table, year, dicts, preset, onClose, onAdded }: { table: RecordTable; year: number; dicts: DictEntry[]; preset?: AddPreset; onClose: () => void; onAdded: (result: RecordEditResult) => void }) {
  const api = useApi();
  const def = recordTables[table];
  const [form] = Form.useForm<Record<string, CellValue>>();
  const [committee, setCommittee] = useState<OrgNode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldsBox = useRef<HTMLDivElement>(null);
  const { refs, fields } = def.addForm;
  const fieldDef = (f: string) => def.fields.find((x) => x.field === f)!;
  const leaderId = Form.useWatch('leaderId', form) as number | undefined;
  const close = useGuardedClose(form, onClose, committee !== null);
  const orgId = Form.useWatch('orgId', form) as number | undefined;
  const proposal = usePointProposal(table === 'liaison' ? orgId : undefined, year);
  useEffect(() => {
    // The proposed category fills the field until the person chooses one.
    if (proposal && !form.isFieldTouched('category')) form.setFieldValue('category', proposal.category);
  }, [proposal, form]);
  const label = (dict: string, code: string | null) => (code === null ? '' : (dicts.find((d) => d.dict === dict && d.code === code)?.label ?? code));
  // A point is chosen branch first (so the leaders near it can come first), unless opened from a leader's card.
  const branchFirst = table === 'liaison' && preset?.values?.leaderId === undefined;

  const submit = async () => {
    setError(null);
    let typed: Record<string, CellValue>;
    try {
      typed = await form.validateFields();
    } catch (e) {
      // Each field says what is wrong under it, and what was typed stays; the first is brought into sight
      // (on a 768-line screen the body scrolls, and the field may be above or below what shows).
      if ((e as { errorFields?: unknown[] }).errorFields?.length) {
        requestAnimationFrame(() => fieldsBox.current?.querySelector('.ant-form-item-has-error')?.scrollIntoView({ block: 'nearest' }));
      }
      return;
    }
    const values: Record<string, CellValue> = {};
    for (const [k, v] of Object.entries({ ...preset?.values, ...typed })) if (!isBlank(v)) values[k] = v;
    if (refs.includes('committeeId')) {
      if (!committee) {
        setError('请选择所在党委（党组）。');
        return;
      }
      values.committeeId = committee.id;
    }
    setBusy(true);
    try {
      onAdded(await api.call('records.add', { table, year, rows: [values], source: 'typed' }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const leaderPicker = refs.includes('leaderId') && (
    <Form.Item
      name="leaderId"
      label="联系领导"
      rules={[{ required: true, message: '请选择领导干部' }]}
      extra={branchFirst && proposal?.near.some((c) => c.leaderIds.length) ? '本苏木乡镇（街道）和本旗县区的领导排在前面' : undefined}
    >
      <LeaderSelect year={year} {...(proposal ? { near: proposal.near, guidedBy: proposal.guidedBy } : {})} />
    </Form.Item>
  );

  return (
    <Modal open {...inputDialogProps} title={`新增${def.noun}`} okText="新增" cancelText="取消" confirmLoading={busy} onCancel={close} onOk={() => void submit()} width={620} destroyOnHidden>
      <div ref={fieldsBox}>
        <Form form={form} layout="vertical" initialValues={preset?.values ?? {}} data-testid={`add-${table}`}>
          {refs.includes('committeeId') && (
            <Form.Item label="所在党委（党组）" required>
              <ScopePicker value={committee} onChange={setCommittee} />
            </Form.Item>
          )}
          {!branchFirst && leaderPicker}
          {refs.includes('orgId') && (
            <Form.Item name="orgId" label={table === 'problem' ? '所在单位' : '党支部'} rules={[{ required: true, message: table === 'problem' ? '请选择所在单位' : '请选择党支部' }]}>
              <BranchSelect anyUnit={table === 'problem'} initial={preset?.values?.orgId ? { id: Number(preset.values.orgId), label: preset.labels?.orgId ?? '' } : undefined} />
            </Form.Item>
          )}
          {branchFirst && leaderPicker}
          {refs.includes('liaisonId') && (
            <Form.Item name="liaisonId" label="联系点（领导 → 党支部）" rules={[{ required: true, message: '请选择联系点' }]}>
              <LiaisonSelect year={year} {...(leaderId ? { leaderId } : {})} />
            </Form.Item>
          )}
          {fields.map((f) => {
            const d = fieldDef(f);
            return (
              <Form.Item
                key={f}
                name={f}
                label={d.label}
                required={d.required ?? false}
                extra={
                  f === 'category' && proposal ? (
                    <span data-testid="category-proposal">
                      按该党支部 {year} 年等次“{label('grade', proposal.grade) || '未评定'}”建议为“{label('liaison_category', proposal.category)}”
                    </span>
                  ) : undefined
                }
                rules={[
                  {
                    validator: async (_rule, v: unknown) => {
                      if (isBlank(v)) {
                        if (d.required) throw new Error(`请填写${d.label}`);
                        return;
                      }
                      const parsed = parseFieldValue(d, v, dicts);
                      if (!parsed.ok) throw new Error(parsed.message);
                    },
                  },
                ]}
              >
                <FieldInput def={d} dicts={dicts} />
              </Form.Item>
            );
          })}
          {error && (
            // Below the last field: brought into sight when it appears, however the body was scrolled.
            <div ref={(el) => el?.scrollIntoView({ block: 'nearest' })} style={{ color: '#cf1322' }} role="alert">
              {error}
            </div>
          )}
        </Form>
      </div>
    </Modal>
  );
}

/** What the core proposes for a new point at the chosen branch (none until one is chosen). */
function usePointProposal(orgId: number | undefined, year: number): PointProposal | null {
  const api = useApi();
  const [proposal, setProposal] = useState<PointProposal | null>(null);
  useEffect(() => {
    setProposal(null);
    if (!orgId) return;
    let live = true;
    api.call('liaison.pointProposal', { orgId, year }).then(
      (p) => live && setProposal(p),
      () => undefined, // no proposal: the person chooses, and the core fills the category as before
    );
    return () => {
      live = false;
    };
  }, [api, orgId, year]);
  return proposal;
}
