/**
 * How every consolidation figure is counted, once: each column names the rows it counts (branches,
 * liaison points, work records, projects, problems, leaders) and what each row adds. The figures of
 * a unit and the trace of a figure are both made from these, so a figure is always the sum of the
 * rows its trace lists. A rate is the ratio of two such figures (合计 too: of the totals, not a sum
 * of rates).
 */
import type { LedgerRow, RecordRow } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { orgPath } from '../../repos/ledger.ts';
import { orgPathsUnder } from '../../repos/consolidate.ts';
import { today, type ServiceContext } from '../context.ts';
import { listLedger } from '../ledger/list.ts';
import { readRecords } from '../records/list.ts';
import { reachedStandardStatuses, type StrongestStatus } from '../../../../shared/domain/evaluation.ts';
import type { ConsolidationTemplateId } from '../../../../shared/domain/consolidate.ts';

export type ItemKind = 'branch' | 'point' | 'leader' | 'visit' | 'project' | 'problem';

export const itemKindLabels: Record<ItemKind, string> = {
  branch: '党支部',
  point: '联系点',
  leader: '领导干部',
  visit: '工作记录',
  project: '领办实事项目',
  problem: '问题',
};

/** A row a figure counts, with where it sits (its org's path) and the facts the measures read. */
export interface Item {
  kind: ItemKind;
  id: number;
  path: string;
  name: string;
  place: string;
  facts: Record<string, CellValue>;
}

export interface CountMeasure {
  field: string;
  items: ItemKind;
  /** What one row adds (0: not counted). */
  add: (facts: Record<string, CellValue>) => number;
  /** The row's values that decide it, in words. */
  show: (facts: Record<string, CellValue>) => string;
  rule: string;
  /** The returned tables these rows come in with. */
  returns: readonly string[];
}

export interface RateMeasure {
  field: string;
  ratio: { of: string; to: string };
  rule: string;
}

export type Measure = CountMeasure | RateMeasure;

export const isRate = (m: Measure): m is RateMeasure => 'ratio' in m;

const n = (v: CellValue | undefined): number => (typeof v === 'number' ? v : 0);
const yes = (v: CellValue | undefined): number => (v === true ? 1 : 0);
const LEDGER = ['branch-ledger'] as const;
const STRONGEST = ['branch-ledger', 'strongest-branch'] as const;
const LIAISON = ['liaison-points'] as const;
const PROJECTS = ['projects'] as const;
const PROBLEMS = ['problems'] as const;

type Labels = (dict: string, code: CellValue | undefined) => string;

function ledgerMeasures(label: Labels): Record<string, CountMeasure> {
  const branch = (field: string, rule: string, add: CountMeasure['add'], show: CountMeasure['show'], returns: readonly string[] = LEDGER): CountMeasure => ({ field, items: 'branch', add, show, rule, returns });
  const grade = (field: string, code: string, word: string) => branch(field, `等次为“${word}”的党支部数`, (f) => (f.grade === code ? 1 : 0), (f) => `等次：${label('grade', f.grade)}`);
  return {
    branches: branch('branches', '本年分类台账中的党支部（党总支）数', () => 1, (f) => `${label('field', f.field)}`),
    membersFormal: branch('membersFormal', '各党支部正式党员人数之和', (f) => n(f.membersFormal), (f) => `正式党员 ${n(f.membersFormal)} 名`),
    membersProbationary: branch('membersProbationary', '各党支部预备党员人数之和', (f) => n(f.membersProbationary), (f) => `预备党员 ${n(f.membersProbationary)} 名`),
    members: branch('members', '各党支部正式党员与预备党员人数之和', (f) => n(f.membersFormal) + n(f.membersProbationary), (f) => `正式 ${n(f.membersFormal)} 名、预备 ${n(f.membersProbationary)} 名`),
    advanced: grade('advanced', 'advanced', '先进'),
    middle: grade('middle', 'middle', '中间'),
    lagging: grade('lagging', 'lagging', '后进'),
    standardised: branch('standardised', '“标准化规范化”为“是”的党支部数', (f) => yes(f.standardised), (f) => `标准化规范化：${f.standardised === true ? '是' : f.standardised === false ? '否' : '未填'}`),
    weakLax: branch('weakLax', '“软弱涣散”为“是”的党支部数', (f) => yes(f.weakLax), (f) => `软弱涣散：${f.weakLax === true ? '是' : '否'}`),
    reachedStandard: branch('reachedStandard', '“最强党支部”创建已通过乡镇评定（含旗县验收、市级评估通过）的党支部数', (f) => (reachedStandardStatuses.includes(f.strongestStatus as StrongestStatus) ? 1 : 0), (f) => `“最强党支部”：${label('strongest_status', f.strongestStatus)}`, STRONGEST),
    strongest: branch('strongest', '“最强党支部”创建状态为“市级评估通过”的党支部数', (f) => (f.strongestStatus === 'city_assessed' ? 1 : 0), (f) => `“最强党支部”：${label('strongest_status', f.strongestStatus)}`, STRONGEST),
  };
}

/** The measures of each consolidation table, column by column. */
export function measuresOf(templateId: ConsolidationTemplateId, label: Labels): Measure[] {
  const l = ledgerMeasures(label);
  const point = (field: string, rule: string, add: CountMeasure['add'], show: CountMeasure['show']): CountMeasure => ({ field, items: 'point', add, show, rule, returns: LIAISON });
  const project = (field: string, rule: string, add: CountMeasure['add']): CountMeasure => ({ field, items: 'project', add, show: (f) => `进展：${label('project_progress', f.progress)}${f.crossedOff === true ? '，已销号' : ''}`, rule, returns: PROJECTS });
  const projectDone = (f: Record<string, CellValue>) => (f.progress === 'done' || f.crossedOff === true ? 1 : 0);
  const points = point('points', '本年在联系的联系点数（按所联系党支部所在单位）', () => 1, (f) => `联系领导：${String(f.leaderName ?? '')}`);
  const projects = project('projects', '领办实事项目数（含往年结转未完成的）', () => 1);
  switch (templateId) {
    case 'org-summary':
      return [
        l.branches!, l.membersFormal!, l.membersProbationary!, l.members!, l.advanced!, l.middle!, l.lagging!, l.standardised!,
        { field: 'standardisedRate', ratio: { of: 'standardised', to: 'branches' }, rule: '标准化规范化达标的党支部数 ÷ 党支部数' },
        l.weakLax!, l.strongest!,
        { ...points, field: 'liaisonPoints' },
        projects,
      ];
    case 'liaison-summary':
      return [
        { field: 'leaders', items: 'leader', add: () => 1, show: (f) => `在本单位联系点 ${n(f.points)} 个`, rule: '在本单位有联系点的领导干部人数', returns: LIAISON },
        points,
        point('laggingPoints', '所联系党支部本年等次为“后进”的联系点数', (f) => (f.branchGrade === 'lagging' ? 1 : 0), (f) => `支部等次：${label('grade', f.branchGrade)}`),
        { field: 'visits', items: 'visit', add: (f) => (f.kind === 'lecture' ? 0 : 1), show: (f) => `${String(f.visitedOn ?? '')} ${label('visit_kind', f.kind)}`, rule: '工作记录中讲党课以外的活动次数', returns: LIAISON },
        { field: 'lectures', items: 'visit', add: (f) => (f.kind === 'lecture' ? 1 : 0), show: (f) => `${String(f.visitedOn ?? '')} ${label('visit_kind', f.kind)}`, rule: '工作记录中活动形式为“讲党课”的次数', returns: LIAISON },
        { field: 'problemsSolved', items: 'visit', add: (f) => n(f.problemsSolved), show: (f) => `${String(f.visitedOn ?? '')} 解决问题 ${n(f.problemsSolved)} 个`, rule: '工作记录中解决问题个数之和', returns: LIAISON },
        projects,
        project('projectsDone', '进展为“已完成”或已销号的项目数', projectDone),
        project('projectsInProgress', '进展为“推进中”且未销号的项目数', (f) => (projectDone(f) === 0 && f.progress === 'in_progress' ? 1 : 0)),
      ];
    case 'key-shares':
      return [
        l.branches!,
        l.standardised!,
        { field: 'standardisedRate', ratio: { of: 'standardised', to: 'branches' }, rule: '标准化规范化达标的党支部数 ÷ 党支部数' },
        { ...l.strongest!, field: 'strongestNamed', rule: '经市级评估命名（“最强党支部”创建状态为“市级评估通过”）的党支部数' },
        { field: 'strongestNamedRate', ratio: { of: 'strongestNamed', to: 'branches' }, rule: '命名“最强党支部”的党支部数 ÷ 党支部数' },
        { ...l.reachedStandard!, field: 'standardMet' },
        { field: 'standardMetRate', ratio: { of: 'standardMet', to: 'branches' }, rule: '达到“最强党支部”建设标准的党支部数 ÷ 党支部数' },
      ];
    case 'problem-closure': {
      const problem = (field: string, rule: string, add: CountMeasure['add']): CountMeasure => ({
        field, items: 'problem', add, rule, returns: PROBLEMS,
        show: (f) => `整改状态：${label('problem_status', f.status)}${f.dueOn ? `，时限 ${String(f.dueOn)}` : ''}`,
      });
      return [
        problem('problems', '本年问题清单中的问题数', () => 1),
        problem('cleared', '整改状态为“已销号”的问题数', (f) => (f.status === 'cleared' ? 1 : 0)),
        { field: 'clearedRate', ratio: { of: 'cleared', to: 'problems' }, rule: '已销号的问题数 ÷ 问题数' },
        problem('overdue', '未销号且整改时限早于今天的问题数', (f) => (f.status !== 'cleared' && typeof f.dueOn === 'string' && f.dueOn < String(f.today) ? 1 : 0)),
      ];
    }
  }
}

/** The rows of the scope a set of measures counts, read once each (a whole league in one pass per kind). */
export function loadItems(ctx: ServiceContext, rootId: number, year: number, kinds: ReadonlySet<ItemKind>): Item[] {
  const path = orgPath(ctx.conn.sqlite, rootId)!;
  const paths = orgPathsUnder(ctx.conn.sqlite, path);
  const items: Item[] = [];
  const pathOf = (orgId: CellValue | undefined) => paths.get(Number(orgId));
  if (kinds.has('branch')) {
    for (const r of listLedger(ctx, { year, scopeOrgId: rootId }).rows as LedgerRow[]) {
      const p = paths.get(r.orgId);
      if (p === undefined) continue;
      const facts: Record<string, CellValue> = {
        field: r.field, grade: r.grade, membersFormal: r.membersFormal, membersProbationary: r.membersProbationary, standardised: r.standardised,
        weakLax: r.weakLax, strongestStatus: r.strongestStatus,
      };
      items.push({ kind: 'branch', id: r.orgId, path: p, name: r.name, place: r.township ?? '', facts });
    }
  }
  const records = (table: 'liaison' | 'visit' | 'project' | 'problem'): RecordRow[] => readRecords(ctx, table, { year, scopePath: path });
  const pointOrg = new Map<number, number>();
  // Points are read for the leaders too (a leader is counted from their points) and for the work records' places.
  if (kinds.has('point') || kinds.has('leader') || kinds.has('visit')) {
    for (const r of records('liaison')) {
      const p = pathOf(r.values.orgId);
      if (p === undefined) continue;
      pointOrg.set(r.id, Number(r.values.orgId));
      items.push({ kind: 'point', id: r.id, path: p, name: `${String(r.values.leaderName ?? '')} → ${String(r.values.branchName ?? '')}`, place: String(r.values.township ?? ''), facts: r.values });
    }
  }
  if (kinds.has('visit')) {
    for (const r of records('visit')) {
      const p = pathOf(pointOrg.get(Number(r.values.liaisonId)));
      if (p === undefined) continue;
      items.push({ kind: 'visit', id: r.id, path: p, name: `${String(r.values.leaderName ?? '')} → ${String(r.values.branchName ?? '')}`, place: String(r.values.visitedOn ?? ''), facts: r.values });
    }
  }
  if (kinds.has('project')) {
    for (const r of records('project')) {
      const p = pathOf(r.values.orgId);
      if (p === undefined) continue;
      items.push({ kind: 'project', id: r.id, path: p, name: String(r.values.name ?? ''), place: `${String(r.values.leaderName ?? '')} · ${String(r.values.branchName ?? '')}`, facts: r.values });
    }
  }
  if (kinds.has('problem')) {
    const day = today(ctx);
    for (const r of records('problem')) {
      const p = pathOf(r.values.orgId);
      if (p === undefined) continue;
      items.push({ kind: 'problem', id: r.id, path: p, name: String(r.values.description ?? ''), place: String(r.values.unitName ?? ''), facts: { ...r.values, today: day } });
    }
  }
  return items;
}
