/** Picks the unit whose branches the ledger shows (a banner, a township …), loading the tree as it opens. */
import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import type { OrgNode } from '../../../../shared/contract/types.ts';
import { useApi } from '../../api/context.tsx';

interface Option {
  id: number;
  pId: number | null;
  value: number;
  title: string;
  isLeaf: boolean;
  node: OrgNode;
}

const toOption = (n: OrgNode): Option => ({ id: n.id, pId: n.parentId, value: n.id, title: n.name, isLeaf: n.level === 'township', node: n });

export function ScopePicker({ value, onChange }: { value: OrgNode | null; onChange: (node: OrgNode | null) => void }) {
  const api = useApi();
  const [options, setOptions] = useState<Option[]>([]);
  const load = async (parentId: number | null) => {
    const r = await api.call('org.children', { parentId, counts: false });
    const fresh = r.nodes.filter((n) => n.level !== 'branch').map(toOption);
    setOptions((prev) => [...prev.filter((o) => !fresh.some((f) => f.id === o.id)), ...fresh]);
    return fresh;
  };
  useEffect(() => {
    void load(null).then((roots) => roots[0] && load(roots[0].id));
  }, [api]);
  return (
    <TreeSelect<number>
      style={{ width: 280 }}
      treeDataSimpleMode
      // A unit given from outside (the last export's) shows by name before its branch of the tree is loaded.
      treeData={value && !options.some((o) => o.id === value.id) ? [...options, { ...toOption(value), pId: null }] : options}
      value={value?.id}
      placeholder="范围：全部单位"
      allowClear
      showSearch
      treeNodeFilterProp="title"
      loadData={async (o) => {
        await load(Number(o.value));
      }}
      onChange={(id) => onChange(id === undefined ? null : (options.find((o) => o.id === id)?.node ?? null))}
      data-testid="scope-picker"
    />
  );
}
