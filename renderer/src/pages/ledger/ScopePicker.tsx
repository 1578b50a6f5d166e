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
  /** Units the core found for what is typed (by name, code or pinyin initials: tyz → 天义镇), loaded or not. */
  const [hits, setHits] = useState<Set<number>>(new Set());
  /** Open branches of the tree: the user's, and the way down to each unit found. */
  const [expanded, setExpanded] = useState<(string | number)[]>([]);
  const search = (typed: string) => {
    const query = typed.trim();
    if (!query) return setHits(new Set());
    void api.call('org.search', { query, limit: 30 }).then((found) => {
      const units = found.filter((h) => h.node.level !== 'branch');
      setOptions((prev) => [...prev.filter((o) => !units.some((h) => h.node.id === o.id)), ...units.map((h) => toOption(h.node))]);
      setHits(new Set(units.map((h) => h.node.id)));
      setExpanded((prev) => [...new Set([...prev, ...units.flatMap((h) => h.pathIds.slice(0, -1))])]);
    });
  };
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
      // Wide enough for a township's full name; the tree opens wider, for its indents (the toolbar keeps one line at 1366).
      style={{ width: 240 }}
      popupMatchSelectWidth={320}
      treeDataSimpleMode
      // A unit given from outside (the last export's) shows by name before its branch of the tree is loaded.
      treeData={value && !options.some((o) => o.id === value.id) ? [...options, { ...toOption(value), pId: null }] : options}
      value={value?.id}
      placeholder="范围：全部单位"
      allowClear
      showSearch
      onSearch={search}
      treeExpandedKeys={expanded}
      onTreeExpand={setExpanded}
      filterTreeNode={(input, node) => String(node.title ?? '').includes(input.trim()) || hits.has(Number(node.value))}
      loadData={async (o) => {
        await load(Number(o.value));
      }}
      onChange={(id) => onChange(id === undefined ? null : (options.find((o) => o.id === id)?.node ?? null))}
      data-testid="scope-picker"
    />
  );
}
