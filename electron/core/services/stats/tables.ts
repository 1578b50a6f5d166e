/**
 * 统计分析 for a unit and a year (and, asked, the year to compare with): the cross tables of the
 * units directly below it and of fields by grade, the shares the reports quote, liaison coverage
 * of lagging branches, projects by progress, problems by state and overdue, and returns by state.
 * Each cell is a count the database gives now (repos/stats.ts, a handful of GROUP BY queries for
 * the whole league); rows and totals are sums of those counts, shares worked out from them.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import { percent, type StatsColumn, type StatsRow, type StatsTable, type StatsTableId, type StatsTables } from '../../../../shared/domain/stats.ts';
import { problemStatuses, problemStatusLabels } from '../../../../shared/domain/problems.ts';
import { returnStateLabels, returnStates } from '../../../../shared/domain/reportReturns.ts';
import { findTemplate, plainTitle } from '../../../../shared/templates/index.ts';
import { dictLabels } from '../../repos/dicts.ts';
import { getOrg } from '../../repos/orgs.ts';
import { ourUnitId } from '../../repos/settings.ts';
import * as repo from '../../repos/stats.ts';
import { today, type ServiceContext } from '../context.ts';
import { placeName } from '../export/index.ts';

export interface StatsArgs {
  /** Default: the ledger's latest year. */
  year?: number | undefined;
  scopeOrgId?: number | undefined;
  compareYear?: number | undefined;
}

/** What one year's queries answer, for the rows to take their cells from. */
interface YearCounts {
  ledger: repo.LedgerCountRow[];
  lagging: { child: number; lagging: number; covered: number }[];
  projects: { child: number; progress: string | null; n: number }[];
  problems: { child: number; status: string; n: number; overdue: number }[];
  returns: { templateId: string; state: string; n: number }[];
}

type Counts = Record<string, number>;

/** A table described once: its columns, its rows, a row's counts in a year, and the cells made of them. */
interface TableSpec {
  id: StatsTableId;
  title: string;
  chartTitle: string;
  rowHeader: string;
  columns: StatsColumn[];
  rows: { key: string; label: string; orgId: number | null }[];
  counts(y: YearCounts, rowKey: string): Counts;
  cells(c: Counts): (number | null)[];
  note: string;
  empty?: string;
}

const OWN = 'own';
const NONE = '—';

function add(into: Counts, key: string, n: number): void {
  into[key] = (into[key] ?? 0) + n;
}

function build(spec: TableSpec, now: YearCounts, before: YearCounts | null): StatsTable {
  const sum: Counts = {};
  const sumBefore: Counts = {};
  const rows: StatsRow[] = spec.rows.map((r) => {
    const c = spec.counts(now, r.key);
    for (const [k, n] of Object.entries(c)) add(sum, k, n);
    let previous: (number | null)[] | null = null;
    if (before) {
      const p = spec.counts(before, r.key);
      for (const [k, n] of Object.entries(p)) add(sumBefore, k, n);
      previous = spec.cells(p);
    }
    return { key: r.key, label: r.label, orgId: r.orgId, values: spec.cells(c), previous };
  });
  const empty = spec.rows.length === 0 ? (spec.empty ?? '暂无数据') : null;
  return {
    id: spec.id,
    title: spec.title,
    chartTitle: spec.chartTitle,
    rowHeader: spec.rowHeader,
    columns: spec.columns,
    rows,
    total: empty ? null : { key: 'total', label: '合计', orgId: null, values: spec.cells(sum), previous: before ? spec.cells(sumBefore) : null },
    note: spec.note,
    empty,
  };
}

/** Categories of a dictionary as columns, then 未填 (only where something is blank or unknown), then 合计. */
function categoryColumns(labels: Map<string, string>, hasOther: boolean, otherLabel: string, unit = '个'): StatsColumn[] {
  return [
    ...[...labels].map(([key, label]) => ({ key, label: `${label}（${unit}）`, kind: 'count' as const })),
    ...(hasOther ? [{ key: NONE, label: `${otherLabel}（${unit}）`, kind: 'count' as const }] : []),
    { key: 'total', label: `合计（${unit}）`, kind: 'count', aside: true },
  ];
}

const categoryCells = (columns: StatsColumn[]) => (c: Counts) => {
  const parts = columns.filter((k) => !k.aside).map((k) => c[k.key] ?? 0);
  return [...parts, parts.reduce((a, b) => a + b, 0)];
};

const known = (labels: Map<string, string>, code: string | null) => (code !== null && labels.has(code) ? code : NONE);

/** Where the unit sits: the header of its rows and the words of its titles. */
function belowWords(levels: string[]): { header: string; plural: string } {
  if (levels.length > 0 && levels.every((l) => l === 'county')) return { header: '旗县区（市直）', plural: '各旗县区' };
  if (levels.length > 0 && levels.every((l) => l === 'township')) return { header: '苏木乡镇（街道）', plural: '各苏木乡镇（街道）' };
  return { header: '单位', plural: '各单位' };
}

/** The unit and year asked, checked: refused in Chinese when there is nothing to count there. */
function scopeAndYear(ctx: ServiceContext, args: StatsArgs) {
  const { sqlite } = ctx.conn;
  const ours = ourUnitId(sqlite);
  const scopeId = args.scopeOrgId ?? ours ?? undefined;
  const scope = scopeId === undefined ? undefined : getOrg(sqlite, scopeId);
  if (scopeId === undefined) throw new AppError('NOT_FOUND', '还没有组织机构，无法统计。请先在“组织机构”中建立本单位。');
  if (!scope) throw new AppError('NOT_FOUND', `找不到编号为 ${scopeId} 的党组织，可能已被删除。请重新选择统计单位。`, { id: scopeId });
  if (scope.level === 'branch') throw new AppError('INVALID_ARGS', `“${scope.name}”是党支部，请选择本单位或下级的旗县区、苏木乡镇（街道）来统计。`, { id: scope.id });
  const home = ours === null ? undefined : getOrg(sqlite, ours);
  if (home && !scope.path.startsWith(home.path)) {
    throw new AppError('INVALID_ARGS', `“${scope.name}”不在本单位（${home.name}）之下，只能统计本单位及其下级单位。`, { id: scope.id });
  }
  const years = repo.yearsWithLedger(sqlite);
  if (years.size === 0) throw new AppError('NOT_FOUND', '还没有台账数据，无法统计。请先导入或建立分类台账。');
  const listed = [...years].sort((a, b) => b - a).map((y) => `${y} 年`).join('、');
  for (const [y, what] of [[args.year, '统计年度'], [args.compareYear, '对比年度']] as const) {
    if (y !== undefined && !years.has(y)) throw new AppError('INVALID_ARGS', `${what} ${y} 年没有台账数据（有台账的年度：${listed}），请另选年度。`, { year: y });
  }
  const year = args.year ?? Math.max(...years);
  if (args.compareYear === year) throw new AppError('INVALID_ARGS', `对比年度不能与统计年度相同（都是 ${year} 年）。`, { year });
  return { scope, year };
}

export function statsTables(ctx: ServiceContext, args: StatsArgs): StatsTables {
  const { sqlite } = ctx.conn;
  const { scope, year } = scopeAndYear(ctx, args);

  const day = today(ctx);
  const asOfOf = (y: number) => (day < `${y}-12-31` ? day : `${y}-12-31`);
  const countsOf = (y: number): YearCounts => {
    const s: repo.CountScope = { path: scope.path, year: y, asOf: asOfOf(y), today: day };
    return {
      ledger: repo.ledgerCounts(sqlite, s),
      lagging: repo.laggingCoverage(sqlite, s),
      projects: repo.projectCounts(sqlite, s),
      problems: repo.problemCounts(sqlite, s),
      returns: repo.returnCounts(sqlite, scope.id, String(y)),
    };
  };
  const now = countsOf(year);
  const before = args.compareYear === undefined ? null : countsOf(args.compareYear);
  const both = before ? [now, before] : [now];

  // The units directly below, each a row; branches directly below (and the unit's own records) make the 本级直属 row.
  const below = repo.unitsBelow(sqlite, scope.id);
  const rowOfChild = new Map(below.map((u) => [u.id, `u${u.id}`]));
  const rowOf = (child: number) => rowOfChild.get(child) ?? OWN;
  const words = belowWords(below.filter((u) => u.closedOn === null).map((u) => u.level));
  const place = placeName(scope.name);
  /** The rows of a table: the 本级直属 row and closed units only where they have something counted. */
  const unitRows = (has: (y: YearCounts, rowKey: string) => boolean) => [
    ...(both.some((y) => has(y, OWN)) ? [{ key: OWN, label: `${scope.name}（本级直属）`, orgId: scope.id }] : []),
    ...below.filter((u) => u.closedOn === null || both.some((y) => has(y, `u${u.id}`))).map((u) => ({ key: `u${u.id}`, label: u.name, orgId: u.id })),
  ];
  const hasRows = <T extends { child: number }>(pick: (y: YearCounts) => T[]) => (y: YearCounts, key: string) => pick(y).some((r) => rowOf(r.child) === key);

  const grades = dictLabels(sqlite, 'grade');
  const fields = dictLabels(sqlite, 'field');
  const ungraded = both.some((y) => y.ledger.some((r) => known(grades, r.grade) === NONE));
  const gradeColumns = categoryColumns(grades, ungraded, '未定等次');
  const unitGrade: TableSpec = {
    id: 'unitGrade',
    title: `${words.plural}党支部分类等次统计表`,
    chartTitle: `${words.plural}党支部分类等次`,
    rowHeader: words.header,
    columns: gradeColumns,
    rows: unitRows(hasRows((y) => y.ledger)),
    counts: (y, key) => {
      const c: Counts = {};
      for (const r of y.ledger) if (rowOf(r.child) === key) add(c, known(grades, r.grade), r.branches);
      return c;
    },
    cells: categoryCells(gradeColumns),
    note: `按 ${year} 年分类台账中各党支部（党总支）的“等次”计数；本级直属：直接隶属于${scope.name}的党支部。`,
  };

  const unfielded = both.some((y) => y.ledger.some((r) => known(fields, r.field) === NONE));
  const fieldGrade: TableSpec = {
    id: 'fieldGrade',
    title: '各领域党支部分类等次统计表',
    chartTitle: '各领域党支部分类等次',
    rowHeader: '领域',
    columns: gradeColumns,
    rows: [...[...fields].map(([code, label]) => ({ key: code, label, orgId: null })), ...(unfielded ? [{ key: NONE, label: '（未填领域）', orgId: null }] : [])],
    counts: (y, key) => {
      const c: Counts = {};
      for (const r of y.ledger) if (known(fields, r.field) === key) add(c, known(grades, r.grade), r.branches);
      return c;
    },
    cells: categoryCells(gradeColumns),
    note: `按 ${year} 年分类台账中各党支部（党总支）的领域和“等次”计数。`,
  };

  const share = (group: string, key: string): StatsColumn[] => [
    { key, label: '个数', group, kind: 'count' },
    { key: `${key}Share`, label: '占比（%）', group, kind: 'percent' },
  ];
  const shares: TableSpec = {
    id: 'shares',
    title: `${words.plural}党支部标准化规范化和“最强党支部”创建情况统计表`,
    chartTitle: `${words.plural}党支部标准化规范化和“最强党支部”占比`,
    rowHeader: words.header,
    columns: [
      { key: 'branches', label: '党支部（个）', kind: 'count' },
      ...share('标准化规范化', 'standardised'),
      ...share('达到“最强党支部”标准', 'reached'),
      ...share('其中：命名市级“最强党支部”', 'named'),
    ],
    rows: unitRows(hasRows((y) => y.ledger)),
    counts: (y, key) => {
      const c: Counts = { branches: 0, standardised: 0, reached: 0, named: 0 };
      for (const r of y.ledger) {
        if (rowOf(r.child) !== key) continue;
        c.branches! += r.branches;
        c.standardised! += r.standardised;
        c.reached! += r.reached;
        c.named! += r.named;
      }
      return c;
    },
    cells: (c) => [c.branches!, c.standardised!, percent(c.standardised!, c.branches!), c.reached!, percent(c.reached!, c.branches!), c.named!, percent(c.named!, c.branches!)],
    note: `占比 = 个数 ÷ 党支部数。达到“最强党支部”标准：“最强党支部”创建已通过乡镇评定（含旗县验收通过、市级评估通过）；命名市级“最强党支部”：市级评估通过。${before ? '较上年的占比为百分点。' : ''}`,
  };

  const liaison: TableSpec = {
    id: 'liaison',
    title: `${words.plural}后进党支部联系点覆盖情况统计表`,
    chartTitle: `${words.plural}后进党支部联系点覆盖情况`,
    rowHeader: words.header,
    columns: [
      { key: 'lagging', label: '后进党支部（个）', kind: 'count' },
      { key: 'covered', label: '有领导干部联系（个）', kind: 'count' },
      { key: 'uncovered', label: '无领导干部联系（个）', kind: 'count' },
      { key: 'coverage', label: '覆盖率（%）', kind: 'percent' },
    ],
    rows: unitRows(hasRows((y) => y.lagging)),
    counts: (y, key) => {
      const c: Counts = { lagging: 0, covered: 0 };
      for (const r of y.lagging) {
        if (rowOf(r.child) !== key) continue;
        c.lagging! += r.lagging;
        c.covered! += r.covered;
      }
      return c;
    },
    cells: (c) => [c.lagging!, c.covered!, c.lagging! - c.covered!, percent(c.covered!, c.lagging!)],
    note: `后进党支部：${year} 年台账等次为“后进”、${asOfOf(year)} 仍存在的党支部；有领导干部联系：当日有在职领导干部的联系点（与联系点规则检查一致）。`,
  };

  const progress = dictLabels(sqlite, 'project_progress');
  const unprogressed = both.some((y) => y.projects.some((r) => known(progress, r.progress) === NONE));
  const projectColumns = categoryColumns(progress, unprogressed, '未填进展');
  const projects: TableSpec = {
    id: 'projects',
    title: `${words.plural}领办实事项目进展情况统计表`,
    chartTitle: `${words.plural}领办实事项目进展`,
    rowHeader: words.header,
    columns: projectColumns,
    rows: unitRows(hasRows((y) => y.projects)),
    counts: (y, key) => {
      const c: Counts = {};
      for (const r of y.projects) if (rowOf(r.child) === key) add(c, known(progress, r.progress), r.n);
      return c;
    },
    cells: categoryCells(projectColumns),
    note: `${year} 年领导干部领办实事项目，按项目所在党组织计入单位。`,
  };

  const statusLabels = dictLabels(sqlite, 'problem_status');
  const stateColumns: StatsColumn[] = problemStatuses.map((s) => ({ key: s, label: `${statusLabels.get(s) ?? problemStatusLabels[s]}（个）`, kind: 'count' }));
  const problems: TableSpec = {
    id: 'problems',
    title: `${words.plural}问题清单整改情况统计表`,
    chartTitle: `${words.plural}问题清单整改情况`,
    rowHeader: words.header,
    columns: [
      ...stateColumns,
      { key: 'total', label: '合计（个）', kind: 'count', aside: true },
      { key: 'overdue', label: '其中已超期（个）', kind: 'count', aside: true },
      { key: 'rate', label: '销号率（%）', kind: 'percent', aside: true },
    ],
    rows: unitRows(hasRows((y) => y.problems)),
    counts: (y, key) => {
      const c: Counts = {};
      for (const r of y.problems) {
        if (rowOf(r.child) !== key) continue;
        add(c, r.status, r.n);
        add(c, 'overdue', r.overdue);
      }
      return c;
    },
    cells: (c) => {
      const parts = problemStatuses.map((s) => c[s] ?? 0);
      const total = parts.reduce((a, b) => a + b, 0);
      return [...parts, total, c.overdue ?? 0, percent(c.cleared ?? 0, total)];
    },
    note: `${year} 年问题清单，按问题所在单位计入；已超期：截至 ${day} 过了整改时限仍未销号。`,
  };

  const sentStates = returnStates.filter((s) => s !== 'unsent');
  const returnColumns: StatsColumn[] = [
    ...sentStates.map((s) => ({ key: s, label: `${returnStateLabels[s]}（个）`, kind: 'count' as const })),
    { key: 'total', label: '合计（个）', kind: 'count', aside: true },
  ];
  const templateIds = [...new Set(both.flatMap((y) => y.returns.map((r) => r.templateId)))].sort();
  const returnsSpec: TableSpec = {
    id: 'returns',
    title: '下级单位报表报送情况统计表',
    chartTitle: '下级单位报表报送情况',
    rowHeader: '报表',
    columns: returnColumns,
    rows: templateIds.map((t) => {
      const template = findTemplate(t);
      return { key: t, label: template ? plainTitle(template) : t, orgId: null };
    }),
    counts: (y, key) => {
      const c: Counts = {};
      for (const r of y.returns) if (r.templateId === key) add(c, r.state, r.n);
      return c;
    },
    cells: categoryCells(returnColumns),
    note: `${scope.name}直接下级单位 ${year} 年度报表的报送状态，每个单位每张报表计 1 个。`,
    empty: '暂无下发记录',
  };

  const specs = [unitGrade, fieldGrade, shares, liaison, projects, problems, returnsSpec];
  const tables = specs.map((s) => build(s, now, before));
  return {
    year: year,
    compareYear: args.compareYear ?? null,
    unit: { id: scope.id, name: scope.name, place },
    asOf: asOfOf(year),
    branches: now.ledger.reduce((n, r) => n + r.branches, 0),
    tables,
  };
}
