/**
 * 联系点: leaders, their liaison points, work records and practical projects, each in
 * the shared grid, and the rules a city sets for them; a leader's and a branch's
 * card open from any name; the points behind on their visits, with a reminder list.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, Badge, Select, Tabs } from 'antd';
import { useCall } from '../../api/context.tsx';
import { useWorkYear } from '../../workYear.ts';
import { Choices } from '../../Choices.tsx';
import './liaison.css';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { useUnit } from '../../unit.tsx';
import { AddRecordDialog, type AddPreset } from '../records/AddRecordDialog.tsx';
import { RecordsGrid, type RecordFilter } from '../records/RecordsGrid.tsx';
import { BranchCard, LeaderCard } from './Cards.tsx';
import { RulesPanel } from './RulesPanel.tsx';
import { BehindPanel } from './BehindPanel.tsx';

type Card = { leader: number } | { branch: number } | null;
type Due = 'all' | 'overdue' | 'soon10' | 'soon20';
const dueOptions: { value: Due; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'overdue', label: '已超期' },
  { value: 'soon10', label: '10 天内到期' },
  { value: 'soon20', label: '20 天内到期' },
];

export function LiaisonPage() {
  const { year, setYear, yearOptions } = useWorkYear();
  return year === null ? null : <LiaisonWork year={year} setYear={setYear} yearOptions={yearOptions} />;
}

function LiaisonWork({ year, setYear, yearOptions }: { year: number; setYear: (y: number) => void; yearOptions: { value: number; label: string }[] }) {
  const { message } = AntApp.useApp();
  const dicts = useCall('dict.list', {});
  // The unit every page shows: the department's at first, then whatever was chosen on any page.
  const { current: scope, setCurrent: setScope } = useUnit();
  const [tab, setTab] = useState('points');
  const [card, setCard] = useState<Card>(null);
  const [adding, setAdding] = useState<{ table: 'liaison'; preset: AddPreset } | null>(null);
  const [due, setDue] = useState<Due>('all');
  // A grid's own edits change the rules; a point added from a card or the rules changes the grids too.
  const [edits, setEdits] = useState(0);
  const [added, setAdded] = useState(0);
  const edited = useCallback(() => setEdits((n) => n + 1), []);
  const rules = useCall('liaison.rules', scope ? { year, scopeOrgId: scope.id } : { year });
  const reloadRules = rules.reload;
  useEffect(() => reloadRules(), [edits, added, reloadRules]);
  const behind = useCall('liaison.behind', scope ? { year, scopeOrgId: scope.id } : { year });
  const reloadBehind = behind.reload;
  useEffect(() => reloadBehind(), [edits, added, reloadBehind]);
  // A visit recorded from a card or the list: grids, rules and the list read afresh (the open card reloads itself).
  const visited = useCallback(() => setAdded((n) => n + 1), []);
  const broken = (rules.data?.outcomes ?? []).reduce((n, o) => n + o.violations.length, 0);
  const projectFilter = useMemo<RecordFilter>(() => (due === 'all' ? {} : { due }), [due]);

  const openLeader = (id: number) => setCard({ leader: id });
  const openBranch = (orgId: number) => setCard({ branch: orgId });
  const assign = (orgId: number, name: string) => setAdding({ table: 'liaison', preset: { values: { orgId }, labels: { orgId: name } } });
  const common = { year, scopeOrgId: scope?.id, onOpenLeader: openLeader, onOpenBranch: openBranch, reloadKey: added, onChanged: edited };
  const toolbar = (
    <>
      <Select style={{ width: 110 }} value={year} options={yearOptions} onChange={setYear} aria-label="年度" />
      <ScopePicker value={scope} onChange={setScope} />
    </>
  );

  return (
    <div className="ledger-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        // Only the tab in view is mounted: switching tabs reads its table afresh.
        destroyOnHidden
        className="liaison-tabs"
        items={[
          { key: 'leaders', label: '领导干部', children: <RecordsGrid table="leader" {...common} pinned={['name']} toolbar={toolbar} /> },
          { key: 'points', label: '联系点', children: <RecordsGrid table="liaison" {...common} pinned={['leaderName', 'branchName']} toolbar={toolbar} /> },
          { key: 'visits', label: '工作记录', children: <RecordsGrid table="visit" {...common} pinned={['leaderName', 'branchName', 'visitedOn']} toolbar={toolbar} /> },
          {
            key: 'projects',
            label: '领办实事项目',
            children: (
              <RecordsGrid
                table="project"
                {...common}
                filter={projectFilter}
                pinned={['leaderName', 'name']}
                toolbar={
                  <>
                    {toolbar}
                    <Choices<Due> value={due} onChange={setDue} options={dueOptions} label="完成时限" width={120} />
                  </>
                }
              />
            ),
          },
          {
            key: 'behind',
            label: (
              <span>
                走访提醒 <Badge count={behind.data?.rows.length ?? 0} overflowCount={9999} color="#fa8c16" />
              </span>
            ),
            children: (
              <div style={{ overflow: 'auto', height: '100%' }}>
                <div className="ledger-toolbar">{toolbar}</div>
                <BehindPanel
                  year={year}
                  dicts={dicts.data ?? []}
                  scopeId={scope?.id}
                  scopeName={scope?.name}
                  behind={behind}
                  onOpenLeader={openLeader}
                  onOpenBranch={openBranch}
                  onVisited={visited}
                />
              </div>
            ),
          },
          {
            key: 'rules',
            label: (
              <span>
                规则检查 <Badge count={broken} overflowCount={9999} />
              </span>
            ),
            children: (
              <div style={{ overflow: 'auto', height: '100%' }}>
                <div className="ledger-toolbar">{toolbar}</div>
                <RulesPanel year={year} scopeName={scope?.name} rules={rules} onOpenLeader={openLeader} onOpenBranch={openBranch} onAssignLeader={assign} />
              </div>
            ),
          },
        ]}
      />
      {card && 'leader' in card && (
        <LeaderCard
          leaderId={card.leader}
          year={year}
          dicts={dicts.data ?? []}
          onClose={() => setCard(null)}
          onOpenBranch={openBranch}
          onAddPoint={(leaderId) => setAdding({ table: 'liaison', preset: { values: { leaderId } } })}
          onVisited={visited}
        />
      )}
      {card && 'branch' in card && (
        <BranchCard orgId={card.branch} year={year} dicts={dicts.data ?? []} onClose={() => setCard(null)} onOpenLeader={openLeader} onAddLeader={assign} onVisited={visited} />
      )}
      {adding && (
        <AddRecordDialog
          table={adding.table}
          year={year}
          dicts={dicts.data ?? []}
          preset={adding.preset}
          onClose={() => setAdding(null)}
          onAdded={() => {
            setAdding(null);
            setCard(null);
            message.success('已新增联系点');
            setAdded((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
