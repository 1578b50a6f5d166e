import { Form, Input, Modal, Select } from 'antd';
import type { DictEntry, LedgerRow, OrgNode } from '../../../../shared/contract/types.ts';
import { useApi } from '../../api/context.tsx';
import { inputDialogProps, useGuardedClose } from '../../dialogs.ts';
import { ScopePicker } from './ScopePicker.tsx';
import { useState } from 'react';

interface Values {
  name: string;
  field?: string;
  kind: string;
}

/** A new branch: its unit, name and field; it gets a ledger row for the year shown. */
export function AddBranchDialog({ year, scope, dicts, onClose, onAdded }: { year: number; scope: OrgNode | null; dicts: DictEntry[]; onClose: () => void; onAdded: (row: LedgerRow & { changeSetId: string }) => void }) {
  const api = useApi();
  const [form] = Form.useForm<Values>();
  const [parent, setParent] = useState<OrgNode | null>(scope && scope.level === 'township' ? scope : null);
  const [error, setError] = useState<string | null>(null);
  const close = useGuardedClose(form, onClose);
  return (
    <Modal
      open
      {...inputDialogProps}
      title="新增党支部"
      okText="新增"
      cancelText="取消"
      onCancel={close}
      onOk={async () => {
        const v = await form.validateFields();
        if (!parent) {
          setError('请选择所属的苏木乡镇（街道）或部门党组织。');
          return;
        }
        try {
          const row = await api.call('ledger.addBranch', { year, parentId: parent.id, name: v.name.trim(), kind: v.kind, field: v.field ?? null });
          onAdded(row);
        } catch (e) {
          setError((e as Error).message);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'branch' }}>
        <Form.Item label="所属党组织" required validateStatus={error && !parent ? 'error' : ''} help={!parent ? '选择苏木乡镇（街道）党委或部门党组' : undefined}>
          <ScopePicker value={parent} onChange={setParent} />
        </Form.Item>
        <Form.Item name="name" label="党组织名称" rules={[{ required: true, whitespace: true, message: '请填写党组织名称' }]}>
          <Input placeholder="如：新立村党支部" maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label="组织类别">
          <Select options={[{ value: 'branch', label: '党支部' }, { value: 'general_branch', label: '党总支' }]} />
        </Form.Item>
        <Form.Item name="field" label="领域">
          <Select allowClear options={dicts.filter((d) => d.dict === 'field' && d.active).map((d) => ({ value: d.code, label: d.label }))} />
        </Form.Item>
        {error && <div style={{ color: '#cf1322' }}>{error}</div>}
      </Form>
    </Modal>
  );
}
