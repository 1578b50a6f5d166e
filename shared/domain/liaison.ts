/**
 * Liaison points (党建工作联系点): leaders, the branches they guide, their work
 * records and the practical projects they lead. Column definitions for the grids
 * and templates, and the pure rules the core and the UI share.
 */
import type { FieldDef } from './fields.ts';
import { branchPlaceLabel } from './org.ts';

export const leaderFields: readonly FieldDef[] = [
  { field: 'name', label: '姓名', type: 'text', editable: true, required: true, width: 100, maxLength: 40, person: true },
  { field: 'position', label: '职务类别', type: 'dict', dict: 'leader_position', editable: true, required: true, width: 110 },
  { field: 'title', label: '职务全称', type: 'text', editable: true, width: 220 },
  { field: 'committeeId', label: '所在党委（党组）', type: 'ref', ref: 'committee', display: 'committeeName', editable: false, required: true, width: 200, column: 'committee_org_id' },
  { field: 'committeeName', label: '所在党委（党组）', type: 'text', editable: false, derived: true, width: 200 },
  { field: 'level', label: '层级', type: 'text', editable: false, derived: true, width: 110 },
  { field: 'phone', label: '联系电话', type: 'phone', editable: true, width: 130 },
  { field: 'activeFrom', label: '任职日期', type: 'date', editable: true, width: 110 },
  { field: 'activeTo', label: '离任日期', type: 'date', editable: true, width: 110 },
  { field: 'points', label: '联系点（个）', type: 'integer', editable: false, derived: true, width: 100, summed: true },
  { field: 'visits', label: '本年工作记录（次）', type: 'integer', editable: false, derived: true, width: 120, summed: true },
  { field: 'projects', label: '本年实事项目（个）', type: 'integer', editable: false, derived: true, width: 120, summed: true },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 160, maxLength: 1000 },
];

export const liaisonFields: readonly FieldDef[] = [
  { field: 'leaderId', label: '联系领导', type: 'ref', ref: 'leader', display: 'leaderName', editable: false, required: true, width: 100 },
  { field: 'leaderName', label: '联系领导', type: 'text', editable: false, derived: true, width: 100 },
  { field: 'leaderTitle', label: '领导职务', type: 'text', editable: false, derived: true, width: 200 },
  { field: 'orgId', label: '联系党支部', type: 'ref', ref: 'branch', display: 'branchName', editable: false, required: true, width: 220 },
  { field: 'township', label: '苏木乡镇（街道）', type: 'text', editable: false, derived: true, width: 150 },
  { field: 'branchName', label: '联系党支部', type: 'text', editable: false, derived: true, width: 220 },
  { field: 'branchGrade', label: '支部等次', type: 'dict', dict: 'grade', editable: false, derived: true, width: 90 },
  { field: 'category', label: '联系点类别', type: 'dict', dict: 'liaison_category', editable: true, width: 110 },
  { field: 'establishedOn', label: '确定时间', type: 'date', editable: true, width: 110 },
  { field: 'mainProblems', label: '存在的主要问题', type: 'text', editable: true, width: 220, maxLength: 1000 },
  { field: 'goals', label: '帮扶目标', type: 'text', editable: true, width: 200, maxLength: 1000 },
  { field: 'measures', label: '帮扶措施', type: 'text', editable: true, width: 220, maxLength: 1000 },
  { field: 'status', label: '帮扶状态', type: 'dict', dict: 'liaison_status', editable: true, width: 100 },
  { field: 'endedOn', label: '结束时间', type: 'date', editable: true, width: 110 },
  { field: 'visits', label: '调研指导（次）', type: 'integer', editable: false, derived: true, width: 110, summed: true },
  { field: 'lectures', label: '讲党课（次）', type: 'integer', editable: false, derived: true, width: 100, summed: true },
  { field: 'problemsSolved', label: '解决问题（个）', type: 'integer', editable: false, derived: true, width: 110, summed: true },
  { field: 'projects', label: '领办实事（个）', type: 'integer', editable: false, derived: true, width: 110, summed: true },
  { field: 'lastVisitOn', label: '最近一次', type: 'date', editable: false, derived: true, width: 110 },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 160, maxLength: 1000 },
];

export const visitFields: readonly FieldDef[] = [
  { field: 'liaisonId', label: '联系点', type: 'ref', ref: 'liaison', display: 'branchName', editable: false, required: true, width: 100 },
  { field: 'leaderName', label: '联系领导', type: 'text', editable: false, derived: true, width: 100 },
  { field: 'branchName', label: '联系党支部', type: 'text', editable: false, derived: true, width: 220 },
  { field: 'visitedOn', label: '日期', type: 'date', editable: true, required: true, width: 110 },
  { field: 'kind', label: '活动形式', type: 'dict', dict: 'visit_kind', editable: true, required: true, width: 120 },
  { field: 'content', label: '主要内容', type: 'text', editable: true, width: 240, maxLength: 1000 },
  { field: 'problemsFound', label: '发现的问题', type: 'text', editable: true, width: 220, maxLength: 1000 },
  { field: 'problemsSolved', label: '解决问题（个）', type: 'integer', editable: true, width: 110, summed: true },
  { field: 'guidance', label: '指导意见', type: 'text', editable: true, width: 220, maxLength: 1000 },
  { field: 'followUp', label: '跟踪落实情况', type: 'text', editable: true, width: 200, maxLength: 1000 },
  { field: 'signedBy', label: '签字确认', type: 'text', editable: true, width: 100, maxLength: 40 },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 160, maxLength: 1000 },
];

export const projectFields: readonly FieldDef[] = [
  { field: 'leaderId', label: '领办领导', type: 'ref', ref: 'leader', display: 'leaderName', editable: false, required: true, width: 100 },
  { field: 'leaderName', label: '领办领导', type: 'text', editable: false, derived: true, width: 100 },
  { field: 'orgId', label: '所在党支部', type: 'ref', ref: 'branch', display: 'branchName', editable: false, required: true, width: 220 },
  { field: 'branchName', label: '所在党支部', type: 'text', editable: false, derived: true, width: 220 },
  { field: 'liaisonId', label: '联系点', type: 'ref', ref: 'liaison', editable: false, width: 100 },
  { field: 'name', label: '项目名称', type: 'text', editable: true, required: true, width: 220, maxLength: 200 },
  /** The year it was taken on: an unfinished project stays in the lists of the years after. */
  { field: 'fromYear', label: '领办年度', type: 'text', editable: false, derived: true, width: 90 },
  { field: 'category', label: '项目类别', type: 'dict', dict: 'project_category', editable: true, width: 110 },
  { field: 'content', label: '项目内容', type: 'text', editable: true, width: 240, maxLength: 1000 },
  { field: 'goal', label: '预期目标', type: 'text', editable: true, width: 200, maxLength: 1000 },
  { field: 'funds', label: '投入资金（万元）', type: 'decimal', scale: 2, editable: true, width: 120, summed: true },
  { field: 'responsible', label: '责任人', type: 'text', editable: true, width: 100, maxLength: 40, person: true },
  { field: 'handling', label: '办理方式', type: 'dict', dict: 'project_handling', editable: true, width: 100 },
  { field: 'dueOn', label: '完成时限', type: 'date', editable: true, width: 110 },
  { field: 'progress', label: '进展情况', type: 'dict', dict: 'project_progress', editable: true, width: 100 },
  { field: 'doneOn', label: '完成时间', type: 'date', editable: true, width: 110 },
  { field: 'crossedOff', label: '是否销号', type: 'flag', editable: true, width: 90 },
  { field: 'effect', label: '取得成效', type: 'text', editable: true, width: 220, maxLength: 1000 },
  { field: 'evidence', label: '佐证材料', type: 'text', editable: true, width: 160, maxLength: 1000 },
  { field: 'dueState', label: '时限提醒', type: 'text', editable: false, derived: true, width: 120 },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 160, maxLength: 1000 },
];

// ---- Practical projects: due and overdue.

export type DueState = 'done' | 'overdue' | 'soon' | 'ok' | 'none';

/** Whole days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Where a project stands against its deadline on `today`: finished (done or crossed
 * off), overdue, due within `soonDays`, or not yet near; `days` is days left (negative: late).
 */
export function projectDue(p: { progress: string | null; crossedOff: boolean | null; dueOn: string | null }, today: string, soonDays = 20): { state: DueState; days: number | null } {
  if (p.progress === 'done' || p.crossedOff === true) return { state: 'done', days: null };
  if (!p.dueOn) return { state: 'none', days: null };
  const days = daysBetween(today, p.dueOn);
  return { state: days < 0 ? 'overdue' : days <= soonDays ? 'soon' : 'ok', days };
}

export function dueLabel(due: { state: DueState; days: number | null }): string | null {
  switch (due.state) {
    case 'overdue':
      return `已超期 ${-due.days!} 天`;
    case 'soon':
      return due.days === 0 ? '今天到期' : `${due.days} 天后到期`;
    default:
      return null;
  }
}

// ---- Rules a city sets for liaison points (each can be switched off and tuned in 设置).

export interface LiaisonRuleSettings {
  /** Every active leader of these positions has at least one active point. */
  leaderHasPoint: { enabled: boolean; positions: string[] };
  /** Every active secretary has at least one point at a lagging branch. */
  secretaryAtLagging: { enabled: boolean };
  /** Every lagging branch has at least one active leader guiding it. */
  laggingHasLeader: { enabled: boolean };
  /** “四个一”: leaders of these committee kinds link one branch of each of these fields. */
  fourOnes: { enabled: boolean; committeeKinds: string[]; fields: string[] };
  /** Work records per point and year; in the year under way, pro rata to the day. */
  minVisits: { enabled: boolean; perYear: number };
}

export const defaultLiaisonRules: LiaisonRuleSettings = {
  leaderHasPoint: { enabled: true, positions: ['secretary', 'deputy_secretary', 'member'] },
  secretaryAtLagging: { enabled: true },
  laggingHasLeader: { enabled: true },
  fourOnes: { enabled: false, committeeKinds: ['county_committee'], fields: ['village', 'community', 'organ', 'private_enterprise'] },
  minVisits: { enabled: true, perYear: 4 },
};

/** What the rules look at, read by the core for one year and scope. */
export interface RuleInput {
  year: number;
  /** The day the rules are judged on: today, or the last day of a past year. */
  asOf: string;
  /** The leaders the rules are about (those of a scope's committees). */
  leaders: { id: number; name: string; position: string; committeeKind: string; committeeName: string; activeFrom: string | null; activeTo: string | null }[];
  /** Every leader, of any committee: a county leader guides a township's branch too. Default: `leaders`. */
  allLeaders?: { id: number; activeFrom: string | null; activeTo: string | null }[];
  /** Points not deleted, with their branch's state in the year. */
  points: {
    id: number;
    leaderId: number;
    orgId: number;
    branchName: string;
    /** Its township, to tell apart two branches of one name (阿拉坦温都尔嘎查党支部 is in several). */
    branchTownship?: string | null;
    branchField: string | null;
    branchGrade: string | null;
    branchClosedOn: string | null;
    establishedOn: string | null;
    endedOn: string | null;
    records: number;
  }[];
  /** Lagging branches of the year's ledger, open on `asOf`. */
  laggingBranches: { orgId: number; ledgerId: number; name: string; township: string | null }[];
}

export interface RuleViolation {
  /** What to open to fix it. */
  leaderId?: number;
  liaisonId?: number;
  orgId?: number;
  ledgerId?: number;
  name: string;
  detail: string;
}

export interface RuleOutcome {
  rule: keyof LiaisonRuleSettings;
  label: string;
  description: string;
  enabled: boolean;
  violations: RuleViolation[];
}

export function activeOn(from: string | null, to: string | null, day: string): boolean {
  return (from === null || from <= day) && (to === null || to >= day);
}

/** Evaluates every rule; a disabled rule is listed with no violations. */
export function evaluateLiaisonRules(input: RuleInput, settings: LiaisonRuleSettings, labels: { position(code: string): string; field(code: string): string }): RuleOutcome[] {
  const { asOf } = input;
  const leaders = input.leaders.filter((l) => activeOn(l.activeFrom, l.activeTo, asOf));
  const active = new Set(leaders.map((l) => l.id));
  // A point counts while it runs on `asOf` and its branch is still open.
  const points = input.points.filter((p) => activeOn(p.establishedOn, p.endedOn, asOf) && (p.branchClosedOn === null || p.branchClosedOn > asOf));
  const pointsOf = new Map<number, typeof points>();
  for (const p of points) pointsOf.set(p.leaderId, [...(pointsOf.get(p.leaderId) ?? []), p]);
  const leaderName = (l: (typeof leaders)[number]) => `${l.name}（${l.committeeName}${labels.position(l.position)}）`;

  const outcomes: RuleOutcome[] = [];
  const add = (rule: keyof LiaisonRuleSettings, label: string, description: string, violations: () => RuleViolation[]) =>
    outcomes.push({ rule, label, description, enabled: settings[rule].enabled, violations: settings[rule].enabled ? violations() : [] });

  const positions = new Set(settings.leaderHasPoint.positions);
  add('leaderHasPoint', '领导干部未确定联系点', `${settings.leaderHasPoint.positions.map(labels.position).join('、')}每人至少联系 1 个党支部。`, () =>
    leaders.filter((l) => positions.has(l.position) && !pointsOf.get(l.id)?.length).map((l) => ({ leaderId: l.id, name: leaderName(l), detail: '没有在联系的党支部' })),
  );
  add('secretaryAtLagging', '书记未联系后进党支部', '党委（党组）书记至少有 1 个联系点是后进党支部。', () =>
    leaders
      .filter((l) => l.position === 'secretary' && !(pointsOf.get(l.id) ?? []).some((p) => p.branchGrade === 'lagging'))
      .map((l) => ({ leaderId: l.id, name: leaderName(l), detail: pointsOf.get(l.id)?.length ? `现联系：${pointsOf.get(l.id)!.map((p) => p.branchName).join('、')}，均非后进` : '没有在联系的党支部' })),
  );
  add('laggingHasLeader', '后进党支部无联系领导', `${input.year} 年台账中等次为“后进”的党支部，都应有在职领导干部联系。`, () => {
    const anyActive = input.allLeaders ? new Set(input.allLeaders.filter((l) => activeOn(l.activeFrom, l.activeTo, asOf)).map((l) => l.id)) : active;
    const guided = new Set(points.filter((p) => anyActive.has(p.leaderId)).map((p) => p.orgId));
    return input.laggingBranches.filter((b) => !guided.has(b.orgId)).map((b) => ({ orgId: b.orgId, ledgerId: b.ledgerId, name: b.name, detail: b.township ?? '' }));
  });
  const kinds = new Set(settings.fourOnes.committeeKinds);
  add('fourOnes', '“四个一”联系不全', `${settings.fourOnes.fields.map(labels.field).join('、')}党支部各联系 1 个。`, () =>
    leaders
      .filter((l) => kinds.has(l.committeeKind))
      .flatMap((l) => {
        const have = new Set((pointsOf.get(l.id) ?? []).map((p) => p.branchField));
        const missing = settings.fourOnes.fields.filter((f) => !have.has(f));
        return missing.length ? [{ leaderId: l.id, name: leaderName(l), detail: `缺少：${missing.map(labels.field).join('、')}` }] : [];
      }),
  );
  const names = new Map(input.leaders.map((l) => [l.id, l.name]));
  add('minVisits', '联系点工作记录不足', `每个联系点每年至少 ${settings.minVisits.perYear} 次工作记录；当年或年中确定的联系点按天数折算。`, () =>
    points.flatMap((p) => {
      const expected = expectedVisits(settings.minVisits.perYear, input.year, asOf, p.establishedOn);
      if (!active.has(p.leaderId) || p.records >= expected) return [];
      return [{ liaisonId: p.id, leaderId: p.leaderId, orgId: p.orgId, name: `${names.get(p.leaderId) ?? ''} → ${branchPlaceLabel(p.branchName, p.branchTownship)}`, detail: `${input.year} 年已记录 ${p.records} 次，至 ${asOf} 应不少于 ${expected} 次` }];
    }),
  );
  return outcomes;
}

/**
 * Records a point should have by `asOf` in `year`: `perYear` for a whole past year,
 * pro rata to the days it has run in the year (from `since`, if later than 1 January).
 */
export function expectedVisits(perYear: number, year: number, asOf: string, since: string | null = null): number {
  const start = since && since > `${year}-01-01` ? since : `${year}-01-01`;
  const end = asOf < `${year}-12-31` ? asOf : `${year}-12-31`;
  if (end < start) return 0;
  const length = daysBetween(`${year}-01-01`, `${year}-12-31`) + 1;
  return Math.floor((perYear * (daysBetween(start, end) + 1)) / length);
}

// ---- A new point: the category proposed from its branch's grade.

/**
 * The 联系点类别 proposed for a branch of this grade: a lagging (后进, also written 软弱涣散)
 * branch is a 后进 point, the one a secretary must hold; an advanced branch a 先进·示范 point;
 * a middle or ungraded branch a 一般 point. The core fills it in when none is chosen.
 */
export function categoryForGrade(grade: string | null): 'lagging' | 'model' | 'ordinary' {
  return grade === 'lagging' ? 'lagging' : grade === 'advanced' ? 'model' : 'ordinary';
}

// ---- Points behind on their work records.

/**
 * Whether a point has fewer records than the rule's minimum asks by `asOf` (pro rata from
 * 1 January, or from the day the point was set up if later); `short` is how many are missing.
 */
export function visitsBehind(perYear: number, year: number, asOf: string, since: string | null, records: number): { expected: number; short: number } | null {
  const expected = expectedVisits(perYear, year, asOf, since);
  return records < expected ? { expected, short: expected - records } : null;
}
