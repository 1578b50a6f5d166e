/** Dialogs for the tree's operations; each calls the core and reports its Chinese error in place. */
import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { DictEntry, OrgNode } from '../../../../shared/contract/types.ts';
import { childLevel, isBranchKind, orgLevelLabels, type OrgLevel } from '../../../../shared/domain/org.ts';
import { useApi } from '../../api/context.tsx';
import { inputDialogProps, useGuardedClose } from '../../dialogs.ts';
import { ScopePicker } from '../ledger/ScopePicker.tsx';

const kindsByLevel: Record<OrgLevel, string[]> = {
  city: ['city_committee'],
  county: ['county_committee', 'city_direct_committee'],
  township: ['township_committee', 'street_committee', 'department_committee'],
  branch: ['branch', 'general_branch'],
};

function useSubmit(onDone: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

/** Kind, unit code and (for a branch) field: the same in the create and edit dialogs. */
function OrgFields({ level, dicts, error }: { level: OrgLevel; dicts: DictEntry[]; error: string | null }) {
  const label = (code: string) => dicts.find((d) => d.dict === 'org_kind' && d.code === code)?.label ?? code;
  return (
    <>
      <Form.Item name="kind" label="类别">
        <Select options={kindsByLevel[level].map((k) => ({ value: k, label: label(k) }))} />
      </Form.Item>
      <Form.Item name="code" label="单位代码" extra="有行政区划代码的填 6 位或 9 位代码，没有可不填。">
        <Input maxLength={40} />
      </Form.Item>
      {level === 'branch' && (
        <Form.Item name="field" label="领域">
          <Select allowClear options={dicts.filter((d) => d.dict === 'field' && d.active).map((d) => ({ value: d.code, label: d.label }))} />
        </Form.Item>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </>
  );
}

interface OrgValues {
  name: string;
  kind: string;
  code?: string;
  field?: string;
  level?: OrgLevel;
}

/** New child of `parent`, or a new top of the tree when parent is null. */
export function CreateOrgDialog({ parent, dicts, onClose, onDone }: { parent: OrgNode | null; dicts: DictEntry[]; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [form] = Form.useForm<OrgValues>();
  const { error, busy, run } = useSubmit(onDone);
  const fixedLevel: OrgLevel | null = parent ? (parent.kind === 'general_branch' ? 'branch' : childLevel(parent.level)) : null;
  const level = Form.useWatch('level', form) ?? fixedLevel ?? 'city';
  const close = useGuardedClose(form, onClose);
  return (
    <Modal
      open
      {...inputDialogProps}
      title={parent ? `在“${parent.name}”下新建` : '新建最上级党组织'}
      okText="新建"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={close}
      onOk={async () => {
        const v = await form.validateFields();
        await run(() =>
          api.call('org.create', {
            parentId: parent?.id ?? null,
            ...(parent ? {} : { level: v.level ?? 'city' }),
            name: v.name.trim(),
            kind: v.kind,
            code: v.code?.trim() || null,
            field: isBranchKind(v.kind) ? (v.field ?? null) : null,
          }),
        );
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: kindsByLevel[level][0], level: fixedLevel ?? 'city' }}>
        {!parent && (
          <Form.Item name="level" label="层级" extra="盟市组织部选“市（盟）级”；旗县区组织部选“旗县区级”。">
            <Select options={(['city', 'county', 'township'] as OrgLevel[]).map((l) => ({ value: l, label: orgLevelLabels[l] }))} onChange={(l: OrgLevel) => form.setFieldValue('kind', kindsByLevel[l][0])} />
          </Form.Item>
        )}
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={100} placeholder="如：天义镇党委、新立村党支部" />
        </Form.Item>
        <OrgFields level={level} dicts={dicts} error={error} />
      </Form>
    </Modal>
  );
}

export function EditOrgDialog({ org, dicts, onClose, onDone }: { org: OrgNode; dicts: DictEntry[]; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [form] = Form.useForm<OrgValues>();
  const { error, busy, run } = useSubmit(onDone);
  const close = useGuardedClose(form, onClose);
  return (
    <Modal
      open
      {...inputDialogProps}
      title={`修改“${org.name}”`}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={close}
      onOk={async () => {
        const v = await form.validateFields();
        await run(() =>
          api.call('org.update', { id: org.id, name: v.name.trim(), kind: v.kind, code: v.code?.trim() || null, ...(org.level === 'branch' ? { field: v.field ?? null } : {}) }),
        );
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ name: org.name, kind: org.kind, code: org.code ?? '', field: org.field ?? undefined }}>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <OrgFields level={org.level} dicts={dicts} error={error} />
      </Form>
    </Modal>
  );
}

export function MoveOrgDialog({ org, onClose, onDone }: { org: OrgNode; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [target, setTarget] = useState<OrgNode | null>(null);
  const { error, busy, run } = useSubmit(onDone);
  return (
    <Modal
      open
      title={`移动“${org.name}”`}
      okText="移动"
      okButtonProps={{ disabled: !target }}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => run(() => api.call('org.move', { id: org.id, newParentId: target!.id }))}
    >
      <Typography.Paragraph>选择新的上级党组织（下级党组织和台账随之移动）：</Typography.Paragraph>
      <ScopePicker value={target} onChange={setTarget} />
      {error && <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>{error}</Typography.Paragraph>}
    </Modal>
  );
}

export function CloseOrgDialog({ org, onClose, onDone }: { org: OrgNode; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [date, setDate] = useState(dayjs());
  const { error, busy, run } = useSubmit(onDone);
  return (
    <Modal open title={`撤销“${org.name}”`} okText="撤销" okButtonProps={{ danger: true }} confirmLoading={busy} onCancel={onClose} onOk={() => run(() => api.call('org.close', { id: org.id, closedOn: date.format('YYYY-MM-DD') }))}>
      <Typography.Paragraph>
        撤销后它{org.childCount > 0 ? `和下属 ${org.branchCount} 个党支部` : ''}不再出现在组织机构树和以后年度的台账中；以往年度的台账和修改记录都会保留，需要时可以恢复。
      </Typography.Paragraph>
      撤销日期：<DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
      {error && <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>{error}</Typography.Paragraph>}
    </Modal>
  );
}
