/**
 * Choosing what a record points to: a leader, a branch (searched by name or pinyin
 * initials, 8,000 of them in a league), or a liaison point. Refs are never typed.
 */
import { useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import type { RecordRow } from '../../../../shared/contract/types.ts';
import { useApi, useCall } from '../../api/context.tsx';

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export function LeaderSelect({ year, value, onChange }: { year: number; value?: number | null; onChange?: (id: number | null) => void }) {
  const leaders = useCall('records.list', { table: 'leader', year });
  const options = useMemo(
    () => (leaders.data?.rows ?? []).map((r: RecordRow) => ({ value: r.id, label: `${text(r.values.name)}（${text(r.values.title) || text(r.values.committeeName)}）` })),
    [leaders.data],
  );
  return (
    <Select<number>
      showSearch
      allowClear
      loading={leaders.loading}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      optionFilterProp="label"
      placeholder="输入姓名或职务查找"
      aria-label="选择领导干部"
      data-testid="leader-select"
    />
  );
}

/** Branches (or, with `anyUnit`, any unit) found by the core's search (name, code or pinyin initials), shown with where they are. */
export function BranchSelect({ value, onChange, initial, anyUnit }: { value?: number | null; onChange?: (id: number | null) => void; initial?: { id: number; label: string }; anyUnit?: boolean }) {
  const api = useApi();
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<{ value: number; label: string }[]>(initial ? [{ value: initial.id, label: initial.label }] : []);
  useEffect(() => {
    if (!query.trim()) return;
    let live = true;
    const t = setTimeout(() => {
      void api.call('org.search', { query: query.trim(), limit: 50 }).then((hits) => {
        if (!live) return;
        setOptions(
          hits
            .filter((h) => (anyUnit || h.node.level === 'branch') && !h.node.closedOn)
            .map((h) => ({ value: h.node.id, label: `${h.node.name}（${h.pathNames.slice(-1)[0] ?? ''}）` })),
        );
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, query, anyUnit]);
  return (
    <Select<number>
      showSearch
      allowClear
      filterOption={false}
      value={value ?? undefined}
      onSearch={setQuery}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder="输入党支部名称或拼音首字母查找"
      notFoundContent={query ? '没有找到，请换个写法' : '请输入名称或拼音首字母'}
      aria-label="选择党支部"
      data-testid="branch-select"
    />
  );
}

export function LiaisonSelect({ year, value, onChange, leaderId }: { year: number; value?: number | null; onChange?: (id: number | null) => void; leaderId?: number }) {
  const points = useCall('records.list', leaderId ? { table: 'liaison', year, leaderId } : { table: 'liaison', year });
  const options = useMemo(
    () => (points.data?.rows ?? []).map((r) => ({ value: r.id, label: `${text(r.values.leaderName)} → ${text(r.values.branchName)}` })),
    [points.data],
  );
  return (
    <Select<number>
      showSearch
      allowClear
      loading={points.loading}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      optionFilterProp="label"
      placeholder="输入领导姓名或党支部名称查找"
      aria-label="选择联系点"
      data-testid="liaison-select"
    />
  );
}
