/**
 * Units a hand-made file names and the tree lacks (a township, a 开发区): each shown once with
 * its rows and cells, the county it is proposed under (which the person can change), and the
 * decision to create it or not (not: its rows are not taken). The choice goes into the import's
 * decisions, so the plan's figures and the commit follow it.
 */
import { useEffect, useState } from 'react';
import { Alert, Radio, Select, Space, Table, Typography } from 'antd';
import type { ImportNewUnit, OrgNode } from '../../../../shared/contract/types.ts';
import type { ImportChoices } from '../../../../shared/domain/importPlan.ts';
import { useApi } from '../../api/context.tsx';

/** The choices the panel starts from: each unit created under its proposed county (none proposed: waits for one). */
export function proposedUnits(units: readonly ImportNewUnit[] | undefined): ImportChoices['units'] {
  return new Map((units ?? []).map((u) => [u.key, u.parent ? { create: true, parentId: u.parent.id } : { create: false }]));
}

/** The counties of the tree (a new unit holding branches goes under one): under each city, or a county at the top. */
function useCounties(): OrgNode[] {
  const api = useApi();
  const [counties, setCounties] = useState<OrgNode[]>([]);
  useEffect(() => {
    void (async () => {
      const roots = (await api.call('org.children', { parentId: null, counts: false })).nodes;
      const below = await Promise.all(roots.filter((r) => r.level === 'city').map((r) => api.call('org.children', { parentId: r.id, counts: false })));
      setCounties([...roots, ...below.flatMap((b) => b.nodes)].filter((n) => n.level === 'county'));
    })();
  }, [api]);
  return counties;
}

export function NewUnitsPanel({ units, decisions, setDecisions }: { units: ImportNewUnit[]; decisions: ImportChoices; setDecisions: (update: (d: ImportChoices) => ImportChoices) => void }) {
  const counties = useCounties();
  const set = (key: string, choice: { create: boolean; parentId?: number | null }) => setDecisions((d) => ({ ...d, units: new Map(d.units).set(key, { ...d.units.get(key), ...choice }) }));
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="import-new-units"
      message={`组织机构中没有文件里的 ${units.length} 个单位：请决定是否新建、建在哪个旗县区之下`}
      description={
        <Table<ImportNewUnit>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={units}
          columns={[
            {
              title: '单位',
              dataIndex: 'name',
              width: 200,
              render: (name: string, u) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{name}</Typography.Text>
                  {u.division && (
                    <Typography.Text type="secondary" data-testid={`new-unit-division-${u.key}`}>
                      即区划中的“{u.division.name}”（{u.division.code}），按此新建
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: '文件中的行',
              render: (_: unknown, u) => `${u.rows} 个党支部（${u.cells.slice(0, 4).join('、')}${u.cells.length > 4 ? ' 等' : ''}）`,
            },
            {
              title: '建在',
              width: 220,
              render: (_: unknown, u) => {
                const chosen = decisions.units.get(u.key);
                const parentId = chosen?.parentId !== undefined ? chosen.parentId : (u.parent?.id ?? null);
                return (
                  <Select<number>
                    style={{ width: 200 }}
                    showSearch
                    optionFilterProp="label"
                    placeholder="选择旗县区"
                    value={parentId ?? undefined}
                    options={[...counties, ...(u.parent && !counties.some((c) => c.id === u.parent!.id) ? [{ id: u.parent.id, name: u.parent.name }] : [])].map((c) => ({ value: c.id, label: c.name }))}
                    onChange={(id) => set(u.key, { parentId: id, create: true })}
                    aria-label={`“${u.name}”建在`}
                    data-testid={`new-unit-parent-${u.key}`}
                  />
                );
              },
            },
            {
              title: '决定',
              width: 260,
              render: (_: unknown, u) => {
                const chosen = decisions.units.get(u.key);
                const parentId = chosen?.parentId !== undefined ? chosen.parentId : (u.parent?.id ?? null);
                return (
                  <Space direction="vertical" size={0}>
                    <Radio.Group
                      value={chosen?.create === true ? 'create' : 'skip'}
                      onChange={(e) => set(u.key, { create: e.target.value === 'create' })}
                      data-testid={`new-unit-decision-${u.key}`}
                    >
                      <Radio value="create" disabled={parentId === null}>新建</Radio>
                      <Radio value="skip">不新建</Radio>
                    </Radio.Group>
                    {chosen?.create !== true && <Typography.Text type="warning">其下 {u.rows} 行不导入</Typography.Text>}
                  </Space>
                );
              },
            },
          ]}
        />
      }
    />
  );
}
