/**
 * The standards checklist (对标检查): a city's reference standards for the "strongest branch"
 * (赤峰's 19 items, another city's 22 requirements in 5 areas), grouped under the five
 * “strong” criteria (五强), optionally for one field only, kept per year; and each branch's
 * checklist, crossed off item by item (逐条销号、逐项达标). The share met is what a branch
 * is ranked by, so it is computed once, here.
 */

/** The five criteria, as codes of the dictionary `strong_criterion` (their labels are data). */
export const strongCriteria = ['political', 'team', 'org_life', 'role', 'masses'] as const;
export type StrongCriterion = (typeof strongCriteria)[number];

/**
 * The problem category an unmet item of a criterion opens its problem under (codes of
 * `problem_category`): 政治功能 and 队伍 are 组织建设 and 党员队伍, 组织生活 itself, 作用发挥
 * is mostly the branch's place and its economy (阵地, 集体经济), 群众工作 the people's needs.
 */
export const criterionProblemCategory: Readonly<Record<StrongCriterion, string>> = {
  political: 'organisation',
  team: 'members',
  org_life: 'org_life',
  role: 'position',
  masses: 'livelihood',
};

/** The problem source of problems opened from a checklist (a code of `problem_source`). */
export const checklistProblemSource = 'checklist';

/**
 * AN EXAMPLE, bundled so a new database has something to check against: 19 items under the five
 * criteria, written after the Chifeng reports (19条“最强党支部”建设参考标准). Each city replaces
 * them with its own in 设置 (text, order, fields), year by year. `field`: only branches of that
 * field are checked against the item (a code of the dictionary `field`).
 */
export const exampleStandards: readonly { criterion: StrongCriterion; text: string; field?: string }[] = [
  { criterion: 'political', text: '坚持把党的政治建设摆在首位，落实“第一议题”制度，深入学习贯彻习近平新时代中国特色社会主义思想' },
  { criterion: 'political', text: '严格执行党的政治纪律和政治规矩，落实意识形态工作责任制，党员政治立场坚定' },
  { criterion: 'political', text: '党支部在本单位发挥政治引领作用，重大事项经党支部研究讨论' },
  { criterion: 'political', text: '铸牢中华民族共同体意识，民族团结进步创建工作扎实有效' },
  { criterion: 'team', text: '党支部班子健全、分工明确，书记政治素质好、带富能力强、协调能力强' },
  { criterion: 'team', text: '按期换届，届满及时选举，无超期未换届情况' },
  { criterion: 'team', text: '严格发展党员程序，注重在青年和致富能手中发展党员，党员队伍结构合理' },
  { criterion: 'team', text: '党员教育管理经常，流动党员有人管，党员积分管理和承诺践诺落实到位' },
  { criterion: 'org_life', text: '严格落实“三会一课”制度，按规定召开党员大会、支委会、党小组会，讲好党课，记录规范完整' },
  { criterion: 'org_life', text: '每年召开组织生活会，开展民主评议党员，批评和自我批评严肃认真' },
  { criterion: 'org_life', text: '每月开展主题党日活动，内容充实、形式多样' },
  { criterion: 'org_life', text: '党费按月足额收缴，管理使用规范' },
  { criterion: 'role', text: '党员活动阵地标准化建设达标，场所、标识、制度、档案规范' },
  { criterion: 'role', text: '嘎查村集体经济稳定增收，党支部领办合作社或发展特色产业', field: 'village' },
  { criterion: 'role', text: '党员设岗定责、亮明身份，在中心工作和急难险重任务中发挥先锋模范作用' },
  { criterion: 'role', text: '网格化管理全覆盖，党员进网格联系服务居民', field: 'community' },
  { criterion: 'masses', text: '落实党员联系服务群众制度，经常走访群众，群众诉求及时回应、办结' },
  { criterion: 'masses', text: '党务、村务（居务）公开及时规范，群众满意度高' },
  { criterion: 'masses', text: '党建带群建“1+3”，工会、共青团、妇联等群团组织健全、作用明显' },
];

/** One standard of a year, as the settings and the checklists show it. */
export interface Standard {
  id: number;
  year: number;
  criterion: string;
  /** Its place in the year's order (the list is shown by criterion, then by this). */
  ordinal: number;
  /** 第N条: its number among the year's active standards in the order shown; null while inactive. */
  number: number | null;
  text: string;
  /** Only branches of this field are checked against it; null: every branch. */
  field: string | null;
  active: boolean;
  revision: number;
}

export interface StandardList {
  year: number;
  standards: Standard[];
  /** The years that have standards, newest first. */
  years: number[];
}

/** What a change of the standards returns: its change set (for undo) and the year's list as it is now. */
export interface StandardsChange {
  changeSetId: string | null;
  list: StandardList;
}

/** How far a branch (or the branches of a unit, pooled) is: unchecked items count as not met. */
export interface ChecklistTally {
  /** Items that apply (active, for every field or for the branch's). */
  applicable: number;
  met: number;
  unmet: number;
  unchecked: number;
  /** met / applicable; null when nothing applies. */
  share: number | null;
}

/** One standard on a branch's checklist. */
export interface ChecklistEntry {
  standardId: number;
  number: number;
  criterion: string;
  text: string;
  field: string | null;
  /** The branch's row for it (null until first checked). */
  itemId: number | null;
  /** 达标 / 未达标; null: not checked yet. */
  met: boolean | null;
  note: string | null;
  /** When and by whom it was last crossed off or marked (逐条销号). */
  checkedOn: string | null;
  checkedBy: string | null;
  /** The problem opened for it, and that problem's status (a code of problem_status). */
  problemId: number | null;
  problemStatus: string | null;
}

export interface BranchChecklist {
  orgId: number;
  name: string;
  field: string | null;
  year: number;
  entries: ChecklistEntry[];
  tally: ChecklistTally;
}

export interface BranchShare extends ChecklistTally {
  orgId: number;
  name: string;
  /** The unit the branch sits under (its township, or a department). */
  parentName: string;
  field: string | null;
}

export interface UnitShare extends ChecklistTally {
  orgId: number;
  name: string;
  /** The chosen unit itself (its whole subtree), not one below it. */
  own: boolean;
  branches: number;
  /** Branches with every applicable item met. */
  fullyMet: number;
}

export interface ChecklistShares {
  year: number;
  standards: number;
  unit: { id: number; name: string } | null;
  /** The chosen unit first, then the units directly below it. */
  units: UnitShare[];
  /** Every branch below the chosen unit. */
  branches: BranchShare[];
}

/** Does a standard apply to a branch of this field? */
export function applies(standard: { field: string | null; active: boolean }, branchField: string | null): boolean {
  return standard.active && (standard.field === null || standard.field === branchField);
}

/** The order a year's standards are shown and numbered in: by criterion (in the dictionary's order), then by ordinal. */
export function standardOrder(criteria: readonly string[]): (a: { criterion: string; ordinal: number; id: number }, b: { criterion: string; ordinal: number; id: number }) => number {
  const rank = (c: string) => {
    const i = criteria.indexOf(c);
    return i < 0 ? criteria.length : i;
  };
  return (a, b) => rank(a.criterion) - rank(b.criterion) || a.ordinal - b.ordinal || a.id - b.id;
}

/** A tally from counts; share rounded to 4 places (a percentage with two decimals). */
export function tallyOf(applicable: number, met: number, unmet: number): ChecklistTally {
  return {
    applicable,
    met,
    unmet,
    unchecked: Math.max(0, applicable - met - unmet),
    share: applicable === 0 ? null : Math.round((met / applicable) * 10_000) / 10_000,
  };
}

/** 0.8421 → 84.2%; null → —. */
export function shareText(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** The description of the problem an unmet item opens (对照标准第N条“…”未达标：备注). */
export function unmetProblemText(number: number, text: string, note: string | null): string {
  const why = note?.trim();
  return `对照标准第${number}条“${text}”未达标${why ? `：${why}` : '。'}`;
}

/** Column names of the two tables in words (history and undo messages name a field by them). */
export const standardsColumnLabels: Readonly<Record<string, string>> = {
  criterion: '“五强”标准',
  ordinal: '顺序',
  text: '标准内容',
  field: '适用领域',
  active: '是否启用',
  met: '是否达标',
  note: '备注',
  checked_on: '销号日期',
  checked_by: '销号人',
  problem_id: '生成的问题',
};
