/**
 * 问题清单: the problems of the chosen unit and year in the shared grid, filtered by state and
 * deadline; the loop's steps (领账, 开始整改, 销号, 记进展, 重新打开) act on the selected problem
 * through small dialogs, each one change set the grid's Ctrl+Z undoes; a problem's steps in a
 * drawer; the closure rates (销号率) of the unit, the units below it and each category beside it.
 */
import { useCallback, useMemo, useState } from 'react';
import dayjs from 'dayjs';
import { App as AntApp, Button, Dropdown, Select, Space, Tooltip } from 'antd';
import { CheckCircleOutlined, DownOutlined, FieldTimeOutlined, FlagOutlined, PieChartOutlined, RedoOutlined, ToolOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { RecordEditResult, RecordRow } from '../../../../shared/contract/types.ts';
import { useCall } from '../../api/context.tsx';
import { useWorkYear } from '../../workYear.ts';
import { useUnit } from '../../unit.tsx';
import { useShortWindow } from '../../screen.ts';
import { Choices } from '../../Choices.tsx';
import { ScopePicker } from '../ledger/ScopePicker.tsx';
import { RecordsGrid, type RecordFilter } from '../records/RecordsGrid.tsx';
import { ClosurePanel } from './ClosurePanel.tsx';
import { StepDialog, type StepKind } from './StepDialog.tsx';
import { StepsDrawer } from './StepsDrawer.tsx';

type StatusFilter = 'all' | 'unfinished' | 'open' | 'claimed' | 'rectifying' | 'cleared';
type Due = 'all' | 'overdue' | 'soon10' | 'soon20';
/** Puts a step's rows into the grid and its change set on the grid's undo. */
type Applied = (result: RecordEditResult, label: string) => void;

export function ProblemsPage() {
  const { year, setYear, yearOptions } = useWorkYear();
  return year === null ? null : <ProblemsWork year={year} setYear={setYear} yearOptions={yearOptions} />;
}

/** The buttons of the loop: which states each may start from (a skip asks for its reason). */
const buttons: { kind: StepKind; label: string; icon: React.ReactNode; from: string[] }[] = [
  { kind: 'claim', label: '领账', icon: <FlagOutlined />, from: ['open'] },
  { kind: 'start', label: '开始整改', icon: <ToolOutlined />, from: ['open', 'claimed'] },
  { kind: 'clear', label: '销号', icon: <CheckCircleOutlined />, from: ['open', 'claimed', 'rectifying'] },
  { kind: 'note', label: '记进展', icon: <FieldTimeOutlined />, from: ['open', 'claimed', 'rectifying'] },
  { kind: 'reopen', label: '重新打开', icon: <RedoOutlined />, from: ['cleared'] },
];

const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'unfinished', label: '未销号' },
  { value: 'open', label: '待领账' },
  { value: 'claimed', label: '已领账' },
  { value: 'rectifying', label: '整改中' },
  { value: 'cleared', label: '已销号' },
];
const dueOptions: { value: Due; label: string }[] = [
  { value: 'all', label: '不限时限' },
  { value: 'overdue', label: '已超期' },
  { value: 'soon10', label: '10 天内到期' },
  { value: 'soon20', label: '20 天内到期' },
];

function ProblemsWork({ year, setYear, yearOptions }: { year: number; setYear: (y: number) => void; yearOptions: { value: number; label: string }[] }) {
  const { message } = AntApp.useApp();
  const dicts = useCall('dict.list', {});
  const { current: scope, setCurrent: setScope } = useUnit();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [due, setDue] = useState<Due>('all');
  const [dialog, setDialog] = useState<{ kind: StepKind; row: RecordRow; applied: Applied } | null>(null);
  const [stepsOf, setStepsOf] = useState<RecordRow | null>(null);
  // A short window (1366×768) keeps the toolbar on one line: the filters as compact selects, the
  // steps under one 整改 menu, the closure rates hidden until asked for (更多 › 销号率).
  const short = useShortWindow();
  const [panelAsked, setPanelAsked] = useState(false);
  const panel = !short || panelAsked;
  const closure = useCall('problems.closure', scope ? { year, unitOrgId: scope.id } : { year });
  const reloadClosure = closure.reload;
  const changed = useCallback(() => reloadClosure(), [reloadClosure]);
  const filter = useMemo<RecordFilter>(
    () => ({
      ...(due === 'all' ? {} : { due }),
      ...(status === 'all' ? {} : { status: status === 'unfinished' ? ['open', 'claimed', 'rectifying'] : [status] }),
    }),
    [due, status],
  );

  const toolbar = (
    <>
      <Select style={{ width: 110 }} value={year} options={yearOptions} onChange={setYear} aria-label="年度" />
      <ScopePicker value={scope} onChange={setScope} />
      <Choices<StatusFilter> value={status} onChange={setStatus} options={statusOptions} label="整改状态" width={96} testId="problems-status" />
      <Choices<Due> value={due} onChange={setDue} options={dueOptions} label="整改时限" width={120} testId="problems-due" />
    </>
  );

  return (
    <div className="problems-page" style={{ display: 'flex', gap: 12, height: '100%' }}>
      <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <RecordsGrid
          table="problem"
          year={year}
          scopeOrgId={scope?.id}
          filter={filter}
          pinned={['unitName', 'description', 'status']}
          hide={['township']}
          toolbar={toolbar}
          onChanged={changed}
          more={[{ key: 'closure', label: panelAsked ? '隐藏销号率' : '显示销号率', icon: <PieChartOutlined />, onClick: () => setPanelAsked((a) => !a) }]}
          actions={(selected, applied) => {
            const row = selected.length === 1 ? selected[0]! : null;
            const state = row ? String(row.values.status) : '';
            if (short)
              return (
                <Dropdown
                  trigger={['click']}
                  autoFocus
                  menu={{
                    items: [
                      ...buttons.map((b) => ({ key: b.kind, icon: b.icon, label: b.label, disabled: !row || !b.from.includes(state) })),
                      { type: 'divider' as const },
                      { key: 'steps', icon: <UnorderedListOutlined />, label: '整改记录', disabled: !row },
                    ],
                    onClick: ({ key }) => {
                      if (!row) return;
                      if (key === 'steps') setStepsOf(row);
                      else setDialog({ kind: key as StepKind, row, applied });
                    },
                  }}
                >
                  {/* Open without a problem chosen too: its steps show, greyed until one is ticked. */}
                  <Button icon={<ToolOutlined />}>
                    整改 <DownOutlined />
                  </Button>
                </Dropdown>
              );
            return (
              <Space.Compact>
                {buttons.map((b) => (
                  <Tooltip key={b.kind} title={row ? undefined : '先勾选一个问题'}>
                    <Button icon={b.icon} disabled={!row || !b.from.includes(state)} onClick={() => row && setDialog({ kind: b.kind, row, applied })}>
                      {b.label}
                    </Button>
                  </Tooltip>
                ))}
                <Button icon={<UnorderedListOutlined />} disabled={!row} onClick={() => row && setStepsOf(row)}>
                  整改记录
                </Button>
              </Space.Compact>
            );
          }}
        />
      </div>
      {panel && (
        <div style={{ width: short ? 340 : 380, flex: 'none', overflow: 'auto' }}>
          <ClosurePanel closure={closure.data} loading={closure.loading} />
        </div>
      )}
      {dialog && (
        <StepDialog
          kind={dialog.kind}
          row={dialog.row}
          year={year}
          today={closure.data?.asOf ?? dayjs().format('YYYY-MM-DD')}
          dicts={dicts.data ?? []}
          onClose={() => setDialog(null)}
          onDone={(result, label) => {
            dialog.applied(result, label);
            setDialog(null);
            message.success(`已${label}，可按 Ctrl+Z 撤销`);
          }}
        />
      )}
      {stepsOf && <StepsDrawer row={stepsOf} dicts={dicts.data ?? []} onClose={() => setStepsOf(null)} />}
    </div>
  );
}
