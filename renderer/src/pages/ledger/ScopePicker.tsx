/** Picks the unit whose branches the ledger shows (a banner, a township …), loading the tree as it opens. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
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

/**
 * The units top to bottom as the tree shows them: children under their parent in the order of
 * the list, as treeDataSimpleMode builds them (one whose parent is not loaded at the top), and
 * a unit's children only while it is open.
 */
function shownInOrder(options: readonly Option[], expanded: readonly (string | number)[]): Option[] {
  const ids = new Set(options.map((o) => o.id));
  const children = new Map<number | null, Option[]>();
  for (const o of options) {
    const parent = o.pId !== null && ids.has(o.pId) ? o.pId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const open = new Set(expanded.map(Number));
  const out: Option[] = [];
  const walk = (parent: number | null) => {
    for (const o of children.get(parent) ?? []) {
      out.push(o);
      if (open.has(o.id)) walk(o.id);
    }
  };
  walk(null);
  return out;
}

export function ScopePicker({ value, onChange }: { value: OrgNode | null; onChange: (node: OrgNode | null) => void }) {
  const api = useApi();
  const [options, setOptions] = useState<Option[]>([]);
  /** Units the core found for what is typed (by name, code or pinyin initials: tyz → 天义镇), loaded or not. */
  const [hits, setHits] = useState<Set<number>>(new Set());
  /** Open branches of the tree: the user's, and the way down to each unit found. */
  const [expanded, setExpanded] = useState<(string | number)[]>([]);
  /** What is typed in the box now, and the search whose units `hits` holds. */
  const typed = useRef('');
  /** The arrow keys moved antd's mark since the text changed: Enter takes the unit marked. */
  const moved = useRef(false);
  const [answered, setAnswered] = useState('');
  /** Enter was pressed for this search: the first unit it shows is picked once its units are in. */
  const [enterFor, setEnterFor] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const search = (text: string) => {
    const query = text.trim();
    typed.current = query;
    moved.current = false;
    setAnswered('');
    setEnterFor(null);
    if (!query) return setHits(new Set());
    void api.call('org.search', { query, limit: 30 }).then((found) => {
      // An answer to an earlier, shorter text can come after the last one's.
      if (query !== typed.current) return;
      const units = found.filter((h) => h.node.level !== 'branch');
      setOptions((prev) => [...prev.filter((o) => !units.some((h) => h.node.id === o.id)), ...units.map((h) => toOption(h.node))]);
      setHits(new Set(units.map((h) => h.node.id)));
      setExpanded((prev) => [...new Set([...prev, ...units.flatMap((h) => h.pathIds.slice(0, -1))])]);
      setAnswered(query);
    });
  };
  const matches = (title: string, id: number, query: string) => title.includes(query) || hits.has(id);
  const load = async (parentId: number | null) => {
    const r = await api.call('org.children', { parentId, counts: false });
    const fresh = r.nodes.filter((n) => n.level !== 'branch').map(toOption);
    setOptions((prev) => [...prev.filter((o) => !fresh.some((f) => f.id === o.id)), ...fresh]);
    return fresh;
  };
  useEffect(() => {
    void load(null).then((roots) => roots[0] && load(roots[0].id));
  }, [api]);
  const treeData = value && !options.some((o) => o.id === value.id) ? [...options, { ...toOption(value), pId: null }] : options;
  /**
   * antd's Enter takes the node it marked when the text changed, found by the node's value (our
   * ids) before the core's units came back: none, so the unit picked before stays (the city).
   * After a search, Enter is ours: taken before antd's handler sees it.
   */
  const onKeyDownCapture = (e: KeyboardEvent) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') moved.current = true;
    // Nothing typed, or a unit marked with the arrows: antd's Enter is right; an input method's Enter only ends its composition.
    if (e.key !== 'Enter' || !typed.current || moved.current || e.nativeEvent.isComposing) return;
    e.stopPropagation();
    e.preventDefault();
    setEnterFor(typed.current);
  };
  // The first unit found, as the tree shows them (by pinyin initials too, which the title does not hold).
  useEffect(() => {
    if (enterFor === null || enterFor !== answered) return;
    setEnterFor(null);
    const first = shownInOrder(treeData, expanded).find((o) => matches(o.title, o.id, enterFor));
    if (!first) return;
    onChange(first.node);
    setOpen(false);
  }, [enterFor, answered]);
  return (
    <TreeSelect<number>
      // Wide enough for a township's full name; the tree opens wider, for its indents (the toolbar keeps one line at 1366).
      style={{ width: 240 }}
      popupMatchSelectWidth={320}
      treeDataSimpleMode
      // A unit given from outside (the last export's) shows by name before its branch of the tree is loaded.
      treeData={treeData}
      value={value?.id}
      placeholder="范围：全部单位"
      allowClear
      showSearch
      onSearch={search}
      open={open}
      onOpenChange={setOpen}
      {...{ onKeyDownCapture }}
      treeExpandedKeys={expanded}
      onTreeExpand={setExpanded}
      filterTreeNode={(input, node) => matches(String(node.title ?? ''), Number(node.value), input.trim())}
      loadData={async (o) => {
        await load(Number(o.value));
      }}
      onChange={(id) => onChange(id === undefined ? null : (options.find((o) => o.id === id)?.node ?? null))}
      data-testid="scope-picker"
    />
  );
}
