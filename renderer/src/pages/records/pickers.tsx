/**
 * Choosing what a record points to: a leader, a branch (searched by name or pinyin
 * initials, 8,000 of them in a league), or a liaison point. Refs are never typed. A
 * branch is always shown with its township (branchPlaceLabel): a league has many
 * 阿拉坦温都尔嘎查党支部, one per sumu.
 */
import { useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import type { PointProposal, RecordRow } from '../../../../shared/contract/types.ts';
import { branchPlaceLabel } from '../../../../shared/domain/org.ts';
import { useApi, useCall } from '../../api/context.tsx';

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

let pinyin: Promise<typeof import('../../../../shared/domain/pinyin.ts')> | null = null;
/**
 * A name's pinyin initials (王刚 → wg), once pinyin-pro is loaded: ~200 KB of dictionary that took
 * ~50 ms of the window's start when loaded with it, now loaded as a leader picker first shows.
 * Until then (a moment) names are found by their characters.
 */
function useInitials(): ((name: string) => string) | null {
  const [initials, setInitials] = useState<((name: string) => string) | null>(null);
  useEffect(() => {
    let live = true;
    (pinyin ??= import('../../../../shared/domain/pinyin.ts')).then(
      (m) => live && setInitials(() => (name: string) => m.pinyinKeys(name).initials),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return initials;
}

interface LeaderOption {
  value: number;
  label: string;
  /** Already guides the branch chosen: a second point would be refused. */
  disabled?: boolean;
  /** The label and the pinyin initials of the name: 王刚 is found by wg. */
  search: string;
}

/**
 * Leaders, searched by name, title or pinyin initials. With `near` (the committees above a
 * branch, nearest first) the leaders of the branch's own township and county come first, each
 * under its committee, then all others grouped by their committee. Those in `guidedBy` already
 * guide the branch: shown 已在联系本党支部, and not to be chosen.
 */
export function LeaderSelect({ year, value, onChange, near, guidedBy }: { year: number; value?: number | null; onChange?: (id: number | null) => void; near?: PointProposal['near']; guidedBy?: number[] }) {
  const leaders = useCall('records.list', { table: 'leader', year });
  const initials = useInitials();
  const options = useMemo((): (LeaderOption | { label: string; title: string; options: LeaderOption[] })[] => {
    const rows = leaders.data?.rows ?? [];
    const guiding = new Set(guidedBy);
    const option = (r: RecordRow): LeaderOption => {
      const label = `${text(r.values.name)}（${text(r.values.title) || text(r.values.committeeName)}）`;
      const search = `${label} ${initials?.(text(r.values.name)) ?? ''}`.toLowerCase();
      return guiding.has(r.id) ? { value: r.id, label: `${label} 已在联系本党支部`, search, disabled: true } : { value: r.id, label, search };
    };
    if (!near) return rows.map(option);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const placed = new Set<number>();
    const groups: { label: string; title: string; options: LeaderOption[] }[] = [];
    for (const c of near) {
      const own = c.leaderIds.filter((id) => byId.has(id) && !placed.has(id));
      if (!own.length) continue;
      own.forEach((id) => placed.add(id));
      const label = `${c.level === 'township' ? '本苏木乡镇（街道）' : '本旗县区'}：${c.committee}`;
      groups.push({ label, title: label, options: own.map((id) => option(byId.get(id)!)) });
    }
    // The rest keep the list's order (by committee), one group per committee.
    const others = new Map<string, LeaderOption[]>();
    for (const r of rows) {
      if (placed.has(r.id)) continue;
      const committee = text(r.values.committeeName) || '其他';
      (others.get(committee) ?? others.set(committee, []).get(committee)!).push(option(r));
    }
    for (const [committee, opts] of others) groups.push({ label: committee, title: committee, options: opts });
    return groups;
  }, [leaders.data, near, guidedBy, initials]);
  return (
    <Select<number>
      showSearch
      allowClear
      loading={leaders.loading}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      filterOption={(input, option) => ((option as Partial<LeaderOption> | undefined)?.search ?? '').includes(input.trim().toLowerCase())}
      placeholder="输入姓名、职务或拼音首字母查找"
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
            // A unit outside any township (a banner's organ) is placed by its parent instead.
            .map((h) => ({ value: h.node.id, label: branchPlaceLabel(h.node.name, h.township ?? h.pathNames.slice(-1)[0]) })),
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

/** A point as pickers and lists name it: 王刚 → 阿拉坦温都尔嘎查党支部（巴彦温都尔苏木党委）. */
export const pointLabel = (r: RecordRow) => `${text(r.values.leaderName)} → ${branchPlaceLabel(text(r.values.branchName), text(r.values.township))}`;

export function LiaisonSelect({ year, value, onChange, leaderId }: { year: number; value?: number | null; onChange?: (id: number | null) => void; leaderId?: number }) {
  const points = useCall('records.list', leaderId ? { table: 'liaison', year, leaderId } : { table: 'liaison', year });
  const options = useMemo(
    () => (points.data?.rows ?? []).map((r) => ({ value: r.id, label: pointLabel(r) })),
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
