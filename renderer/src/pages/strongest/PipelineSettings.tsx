/**
 * 设置 → “最强党支部”评定: the weights of the township's four evaluations (四评) and the pass mark.
 * A township score is computed from them when it is recorded; scores already recorded keep theirs.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Form, Input, Space, Typography } from 'antd';
import type { PipelineSettings as Settings } from '../../../../shared/domain/evaluation.ts';
import { useApi, useCall } from '../../api/context.tsx';
import { numberOf, numberRule } from '../../numberRule.ts';

const parts = [
  ['org', '组织评定'],
  ['members', '党员评议'],
  ['public', '群众评判'],
  ['society', '社会评价'],
] as const;

export function PipelineSettings() {
  const api = useApi();
  const { message } = AntApp.useApp();
  const current = useCall('pipeline.settings', {});
  const [form] = Form.useForm<Record<keyof Settings['weights'] | 'passMark', string>>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (current.data) {
      const { weights, passMark } = current.data;
      form.setFieldsValue({ org: String(weights.org), members: String(weights.members), public: String(weights.public), society: String(weights.society), passMark: String(passMark) });
    }
  }, [current.data, form]);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.call('pipeline.saveSettings', { weights: { org: numberOf(v.org)!, members: numberOf(v.members)!, public: numberOf(v.public)!, society: numberOf(v.society)! }, passMark: numberOf(v.passMark)! });
      message.success('“最强党支部”评定规则已保存');
      current.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={() => void save()} data-testid="pipeline-settings">
      <Space wrap align="start">
        {parts.map(([key, label]) => (
          <Form.Item key={key} name={key} label={`${label}权重`} rules={[numberRule(`${label}权重`, { min: 0, max: 100, decimals: 0, required: true, example: '40' })]}>
            <Input style={{ width: 80 }} />
          </Form.Item>
        ))}
        <Form.Item name="passMark" label="合格线（分）" rules={[numberRule('合格线', { min: 0, max: 100, decimals: 1, required: true, example: '85' })]}>
          <Input style={{ width: 80 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        乡镇“四评”综合得分 = 四项得分按权重加权平均；达到合格线为通过。已记录的评定保留当时的得分。
      </Typography.Paragraph>
    </Form>
  );
}
