/**
 * The first run of a new database: which department is this (a league or city, a banner or
 * county, a township or street office, found by name, code or pinyin initials), and who is
 * working. The tree below the unit is built from the bundled divisions; parks and farms only
 * when ticked.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import type { Division, SetupPlan } from '../../shared/contract/types.ts';
import { useApi } from './api/context.tsx';

const levelWords: Record<Division['level'], string> = { city: '盟市', county: '旗县区', township: '苏木乡镇（街道）' };

/** What choosing the unit builds, in words: 宁城县委，下设 18 个苏木乡镇（街道）. */
function planWords(plan: SetupPlan): string {
  const banners = plan.units.filter((d) => d.level === 'county').length;
  const towns = plan.units.filter((d) => d.level === 'township').length;
  const below = [banners ? `${banners} 个旗县区` : '', towns ? `${towns} 个苏木乡镇（街道）` : ''].filter(Boolean).join('、');
  return below ? `将建立“${plan.unit.name}”及其下 ${below}的党（工）委。` : `将建立“${plan.unit.name}”的党（工）委。`;
}

export function FirstRunDialog({ account, onDone }: { account: string; onDone: () => void }) {
  const api = useApi();
  const [hits, setHits] = useState<Division[]>([]);
  const [chosen, setChosen] = useState<Division | null>(null);
  const [plan, setPlan] = useState<SetupPlan | null>(null);
  const [extras, setExtras] = useState<string[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setPlan(null);
    setExtras([]);
    if (!chosen) return;
    let live = true;
    api.call('setup.plan', { code: chosen.code }).then(
      (p) => live && setPlan(p),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, chosen]);

  // Answers may come back out of order as one types: only the last query's is shown.
  const asked = useRef(0);
  const search = (typed: string) => {
    const query = typed.trim();
    const n = ++asked.current;
    if (!query) return setHits([]);
    void api.call('divisions.search', { query, limit: 30 }).then(
      (found) => n === asked.current && setHits(found),
      (e: Error) => setError(e.message),
    );
  };

  const start = async () => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('setup.init', { unit: chosen.code, ...(extras.length ? { extras } : {}), ...(name.trim() ? { operatorName: name.trim() } : {}) });
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="欢迎使用组工台账：先选择本单位"
      closable={false}
      maskClosable={false}
      keyboard={false}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText="开始使用"
      okButtonProps={{ disabled: !plan, loading: busy }}
      onOk={() => void start()}
      width={640}
      data-testid="first-run"
    >
      <Typography.Paragraph type="secondary">
        这是一个新的数据库。请选择本组织部门所在的盟市、旗县区或苏木乡镇（街道），程序会按内蒙古自治区行政区划建立其下的党（工）委，之后可在“组织机构”页中增删。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="本单位" required extra="输入名称、区划代码或拼音首字母，如“宁城”“150429”“ncx”。">
          <Select<string>
            showSearch
            filterOption={false}
            onSearch={search}
            placeholder="查找盟市、旗县区或苏木乡镇（街道）"
            notFoundContent={null}
            value={chosen?.code}
            onChange={(code) => setChosen(hits.find((d) => d.code === code) ?? null)}
            options={hits.map((d) => ({
              value: d.code,
              label: (
                <Space>
                  {d.name}
                  <Typography.Text type="secondary">{`${d.place} · ${levelWords[d.level]}${d.regular ? '' : '（园区、农牧场等）'} · ${d.code}`}</Typography.Text>
                </Space>
              ),
            }))}
            data-testid="first-run-unit"
          />
        </Form.Item>
        {plan && (
          <Form.Item>
            <Alert type="info" showIcon message={planWords(plan)} description={<Space size={[4, 4]} wrap>{plan.units.slice(0, 60).map((d) => <Tag key={d.code}>{d.name}</Tag>)}{plan.units.length > 60 ? `等 ${plan.units.length} 个` : null}</Space>} data-testid="first-run-plan" />
          </Form.Item>
        )}
        {plan && plan.extras.length > 0 && (
          <Form.Item label="另外建立（园区、农牧场、开发区等，不是苏木乡镇，默认不建）">
            <Checkbox.Group value={extras} onChange={(v) => setExtras(v)} options={plan.extras.map((d) => ({ value: d.code, label: d.name }))} />
          </Form.Item>
        )}
        <Form.Item label="您的姓名（操作人）" extra={`记入每一条修改记录。不填则记为本机账户“${account}”；以后可在“设置”中修改。`}>
          <Input value={name} maxLength={20} onChange={(e) => setName(e.target.value)} placeholder="如：李明" data-testid="first-run-name" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
