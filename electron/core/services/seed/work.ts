/**
 * The work on top of the demo league: leaders' work records at their points,
 * practical projects, problem lists and the "strongest branch" evaluation path.
 * Drawn from a random stream of its own, so the tree and ledger stay as they were.
 *
 * Proportions follow docs/domain.md, "Figures": ~1,035 projects for ~1,060 points in Chifeng; about
 * four records a point a year (a few points neglected, for the rules to find);
 * problems mostly cleared (125 of 153; 415 of 625); evaluations along the path each
 * branch's "strongest branch" status has reached.
 */
import type { Selectable } from 'kysely';
import {
  defaultPipelineSettings, evaluationStages, passingResult, stageIndex, stageOfStatus, townshipResult, townshipScore,
  type EvaluationStage, type FourScores, type StrongestStatus,
} from '../../../../shared/domain/evaluation.ts';
import type { EvaluationStepTable, EvaluationTable, LiaisonVisitTable, ProblemStepTable, ProblemTable, ProjectTable } from '../../db/schema.ts';
import type { LedgerSeedRow, LiaisonSeedRow, LeaderSeedRow, OrgSeedRow } from './generate.ts';
import * as names from './names.ts';
import { Random } from './random.ts';

type Bookkeeping = 'revision' | 'invalid_json' | 'deleted_at' | 'notes';
export type VisitSeedRow = Omit<Selectable<LiaisonVisitTable>, Bookkeeping>;
export type ProjectSeedRow = Omit<Selectable<ProjectTable>, Bookkeeping>;
export type ProblemSeedRow = Omit<Selectable<ProblemTable>, Bookkeeping>;
export type ProblemStepSeedRow = Omit<Selectable<ProblemStepTable>, 'revision' | 'deleted_at'>;
export type EvaluationSeedRow = Omit<Selectable<EvaluationTable>, Exclude<Bookkeeping, 'notes'>>;
export type StepSeedRow = Omit<Selectable<EvaluationStepTable>, 'revision' | 'deleted_at'>;

export interface WorkSeed {
  visits: VisitSeedRow[];
  projects: ProjectSeedRow[];
  problems: ProblemSeedRow[];
  problemSteps: ProblemStepSeedRow[];
  evaluations: EvaluationSeedRow[];
  steps: StepSeedRow[];
}

const four = (s: number[]): FourScores => ({ scoreOrg: s[0]!, scoreMembers: s[1]!, scorePublic: s[2]!, scoreSociety: s[3]! });

const pad = (n: number) => String(n).padStart(2, '0');

/** A day of `year` no later than `until`, as YYYY-MM-DD. */
function dayIn(r: Random, year: number, until: string, from = `${year}-01-01`): string | null {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Math.min(Date.parse(`${year}-12-31T00:00:00Z`), Date.parse(`${until}T00:00:00Z`));
  if (end < start) return null;
  const d = new Date(start + r.int(0, Math.round((end - start) / 86_400_000)) * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const visitContent: Record<string, string[]> = {
  research: ['调研支部班子建设和“三会一课”落实情况', '督导软弱涣散整顿任务推进', '调研村集体经济发展思路', '指导规范党员发展程序'],
  lecture: ['讲授专题党课“学思想、强党性”', '为支部党员讲授党的二十大精神专题党课', '讲授“铸牢中华民族共同体意识”专题党课'],
  org_life: ['参加支部主题党日活动', '参加支部组织生活会并点评', '参加支部党员大会'],
  talk: ['召开党员群众座谈会听取意见', '入户走访困难党员和群众', '走访脱贫户了解帮扶情况'],
  stay: ['驻村蹲点调研三天', '蹲点指导换届准备工作'],
  other: ['协调解决阵地维修资金', '对接帮扶单位落实项目'],
};
const visitProblems = ['支部学习记录不规范', '党员活动室设施老化', '集体经济收入来源单一', '部分党员作用发挥不明显', '村务公开不及时', '流动党员管理不到位'];
const guidance = ['建立问题清单，明确整改时限', '规范“三会一课”记录，每月报乡镇党委', '结合实际谋划增收项目', '落实党员联系户制度'];
const followUps = ['已整改到位', '正在推进，下次调研时复查', '已协调有关部门落实', '纳入年度重点任务跟踪'];

const projectsByCategory: Record<string, string[]> = {
  industry: ['发展肉牛养殖合作社', '建设设施农业大棚', '培育特色杂粮加工项目', '村集体光伏电站增收'],
  infrastructure: ['硬化村内巷道', '修缮党群服务中心', '安装太阳能路灯', '维修人畜饮水工程'],
  livelihood: ['建设老年互助幸福院', '开设便民服务代办点', '开展冬季送温暖活动', '改善社区居家养老服务'],
  governance: ['推行积分制管理', '建立网格化服务队伍', '完善村规民约'],
  party_building: ['建设党员教育实践基地', '打造支部党建品牌', '建立流动党员服务站'],
  other: ['组织就业技能培训', '开展移风易俗宣传'],
};

const problemsByCategory: Record<string, string[]> = {
  organisation: ['支部班子成员年龄偏大，后备力量不足', '支部委员分工不明确'],
  members: ['两年未发展党员', '流动党员底数不清'],
  org_life: ['“三会一课”开展不经常', '组织生活会批评和自我批评不够'],
  position: ['党群服务中心面积不达标', '活动场所设施陈旧'],
  economy: ['村集体经济收入低于10万元', '合作社运营不规范'],
  livelihood: ['村内道路坑洼群众出行不便', '冬季供暖不稳定', '自来水水压不足', '小区路灯损坏'],
  other: ['档案资料不齐全'],
};

export function generateWork(options: { seed: number; year: number; now: string }, orgs: OrgSeedRow[], ledger: LedgerSeedRow[], leaders: LeaderSeedRow[], liaisons: LiaisonSeedRow[]): WorkSeed {
  const r = new Random(options.seed * 7919 + 17);
  const { year, now } = options;
  const today = now.slice(0, 10);
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const leaderById = new Map(leaders.map((l) => [l.id, l]));
  const secretaryOf = new Map(ledger.map((l) => [l.org_id, l.secretary]));

  // 1. Work records: about four a point a year, fewer at a neglected few; only days up to today.
  const visits: VisitSeedRow[] = [];
  for (const p of liaisons) {
    const perYear = r.chance(0.12) ? r.int(0, 2) : r.int(4, 7);
    for (let i = 0; i < perYear; i++) {
      // Spread over the year: the i-th visit falls in the i-th part of it.
      const from = addDays(`${year}-01-01`, Math.floor((365 * i) / perYear));
      const until = addDays(from, Math.floor(365 / perYear) - 1);
      const day = dayIn(r, year, until < today ? until : today, from);
      if (!day) continue;
      const kind = r.weighted({ research: 40, lecture: 15, org_life: 15, talk: 20, stay: 5, other: 5 });
      const found = kind === 'lecture' ? null : r.pick(visitProblems);
      visits.push({
        id: visits.length + 1, uid: r.uid(), liaison_id: p.id, visited_on: day, kind,
        content: r.pick(visitContent[kind]!), problems_found: found, problems_solved: found ? r.int(0, 2) : 0,
        guidance: found ? r.pick(guidance) : null, follow_up: found ? r.pick(followUps) : null,
        signed_by: secretaryOf.get(p.org_id) ?? null,
        created_at: now, updated_at: now,
      });
    }
  }

  // 2. Practical projects: nearly one a point (1,035 for 1,060 points).
  const projects: ProjectSeedRow[] = [];
  for (const p of liaisons) {
    if (!r.chance(0.975)) continue;
    const category = r.weighted({ industry: 25, infrastructure: 25, livelihood: 25, governance: 10, party_building: 10, other: 5 });
    const handling = r.weighted({ immediate: 25, deadline: 55, phased: 20 });
    const due = addDays(`${year}-01-01`, r.int(handling === 'immediate' ? 20 : 90, 360));
    const overdue = due < today;
    const progress = overdue ? (r.chance(0.85) ? 'done' : 'in_progress') : r.weighted({ not_started: 15, in_progress: 65, done: 20 });
    const done = progress === 'done' ? (dayIn(r, year, due < today ? due : today) ?? null) : null;
    const leader = leaderById.get(p.leader_id)!;
    projects.push({
      id: projects.length + 1, uid: r.uid(), year, leader_id: p.leader_id, org_id: p.org_id, liaison_id: p.id,
      name: r.pick(projectsByCategory[category]!), category, content: `${leader.name}领办，协调资金和力量推进`,
      goal: '年内见到实效，群众满意', funds: r.chance(0.3) ? 0 : Math.round(r.next() * r.pick([5, 20, 80]) * 100) / 100,
      responsible: names.personName(r), handling, due_on: due, progress, done_on: done,
      crossed_off: done && r.chance(0.8) ? 1 : 0, effect: done ? '已完成，群众反映良好' : null, evidence: done ? '照片、验收单' : null,
      created_at: now, updated_at: now,
    });
  }

  // 3. Problem lists: ~150 over the league at township and branch level, ~80 % crossed off
  // (Chifeng: 125 of 153), each with the steps of its loop; from a stream of its own.
  const { problems, problemSteps } = generateProblems(new Random(options.seed * 104_729 + 3), options, orgs, leaders);

  // 4. The "strongest branch" pipeline, from a random stream of its own (the sections above stay as
  // they were): as far as each branch's status (generate.ts) says, every stage passed, with every
  // move logged. Along the way, as offices report it, some branches fail a stage and are sent back
  // (the failed record kept as history) before passing; some stop at a failed stage; the city keeps
  // (保留) a few branches at the county level; ~19 % of all branches are named (命名) at city level.
  const rp = new Random(options.seed * 104_729 + 4);
  const settings = defaultPipelineSettings;
  const evaluations: EvaluationSeedRow[] = [];
  const steps: StepSeedRow[] = [];
  const evaluatorOf = (stage: EvaluationStage, org: OrgSeedRow) =>
    ({ self: org.name, applied: '所在党（工）委', township: '苏木乡镇党委', county: '旗县验收专班', city: '市委组织部评估组' })[stage];
  for (const l of ledger) {
    const reach = stageOfStatus[l.strongest_status as StrongestStatus];
    const org = orgById.get(l.org_id)!;
    // One accepted by the county was sometimes assessed by the city and only kept its county-level title.
    const cityKept = l.strongest_status === 'county_accepted' && rp.chance(0.2);
    const last = reach === undefined ? -1 : stageIndex(reach) + (cityKept ? 1 : 0);
    let day = `${year - 1}-0${rp.int(3, 5)}-${pad(rp.int(1, 28))}`;
    let from: EvaluationStage | null = null;
    const record = (stage: EvaluationStage, fail: boolean, supersededAt: string | null) => {
      day = addDays(day, rp.int(20, 60));
      let scores: number[] | null = null;
      let score: number | null = null;
      let result = passingResult(stage);
      if (stage === 'township') {
        // Scores that give the result the settings' pass mark gives.
        do scores = [0, 0, 0, 0].map(() => (fail ? rp.int(70, 88) : rp.int(84, 98)));
        while ((townshipResult(townshipScore(four(scores), settings), settings) === 'fail') !== fail);
        score = townshipScore(four(scores), settings);
        result = fail ? 'fail' : 'pass';
      } else if (stage === 'county' || stage === 'city') {
        score = fail ? rp.int(70, 84) : rp.int(85, 98);
        result = fail ? (stage === 'city' ? 'kept' : 'fail') : result;
      }
      const at = `${day}T09:00:00.000Z`;
      evaluations.push({
        id: evaluations.length + 1, uid: rp.uid(), year, org_id: l.org_id, stage, evaluated_on: day, evaluator: evaluatorOf(stage, org),
        score_org: scores?.[0] ?? null, score_members: scores?.[1] ?? null, score_public: scores?.[2] ?? null, score_society: scores?.[3] ?? null,
        score, result, draw_id: null, evidence: stage === 'township' ? '四评记录表、群众测评表' : stage === 'county' ? '验收报告' : null,
        notes: stage === 'city' && !fail && !rp.chance(0.1) ? '未抽中，随抽查结果一并命名' : null,
        superseded_at: supersededAt, created_at: at, updated_at: supersededAt ?? at,
      });
      steps.push({
        id: steps.length + 1, uid: rp.uid(), org_id: l.org_id, year, from_stage: from, to_stage: stage, action: 'advance', result, reason: null,
        actor: evaluatorOf(stage, org), at, created_at: at, updated_at: at,
      });
      from = stage;
    };
    for (let s = 0; s <= last; s++) {
      const stage = evaluationStages[s]!;
      const isLast = s === last;
      // Failed once and sent back to the stage before, then passed: the failed record stays as history.
      if ((stage === 'township' || stage === 'county') && rp.chance(0.06)) {
        record(stage, true, null);
        const back = evaluationStages[s - 1]!;
        const at = `${addDays(day, rp.int(3, 10))}T09:00:00.000Z`;
        evaluations[evaluations.length - 1]!.superseded_at = at;
        evaluations[evaluations.length - 1]!.updated_at = at;
        steps.push({
          id: steps.length + 1, uid: rp.uid(), org_id: l.org_id, year, from_stage: stage, to_stage: back, action: 'send_back', result: null,
          reason: stage === 'township' ? '四评得分未达合格线，退回整改后重新申报' : '验收未通过，退回乡镇督促整改', actor: evaluatorOf(stage, org), at, created_at: at, updated_at: at,
        });
        from = back;
      }
      record(stage, isLast && cityKept, null);
    }
    // A branch that has applied and failed the township's evaluation, sent back: it stands at 申报 again.
    if (l.strongest_status === 'applied' && rp.chance(0.25)) {
      record('township', true, null);
      const at = `${addDays(day, rp.int(3, 10))}T09:00:00.000Z`;
      Object.assign(evaluations[evaluations.length - 1]!, { superseded_at: at, updated_at: at });
      steps.push({
        id: steps.length + 1, uid: rp.uid(), org_id: l.org_id, year, from_stage: 'township', to_stage: 'applied', action: 'send_back', result: null,
        reason: '四评得分未达合格线，退回整改后重新申报', actor: evaluatorOf('township', org), at, created_at: at, updated_at: at,
      });
    }
  }
  return { visits, projects, problems, problemSteps, evaluations, steps };
}

const problemMeasures: Record<string, string[]> = {
  organisation: ['调整充实支部班子，选配后备力量', '明确支委分工，建立工作台账'],
  members: ['制定发展党员计划，培养入党积极分子', '逐一联系流动党员，建立管理台账'],
  org_life: ['按月制定“三会一课”计划，乡镇党委督查', '会前谈心谈话，列出批评意见清单'],
  position: ['协调资金改扩建党群服务中心', '更新活动场所桌椅和电教设备'],
  economy: ['谋划村集体增收项目，盘活闲置资产', '规范合作社财务管理和分红'],
  livelihood: ['协调交通部门修补道路', '联系供热公司排查管网', '协调水务部门更换加压设备', '协调物业和街道维修路灯'],
  other: ['按档案管理规定补齐资料'],
};
const progressNotes = ['已召开专题会研究整改方案', '资金已落实，正在施工', '已完成一半，下周复查', '乡镇党委督导，进度正常'];

/**
 * The demo league's problem list: each problem's state and its steps agree (建账, 领账, 开始整改,
 * 销号 on days in order, none after today), a few 即知即办 crossed off at once with the reason
 * written, some still open past their deadline.
 */
function generateProblems(r: Random, options: { year: number; now: string }, orgs: OrgSeedRow[], leaders: LeaderSeedRow[]): { problems: ProblemSeedRow[]; problemSteps: ProblemStepSeedRow[] } {
  const { year, now } = options;
  const today = now.slice(0, 10);
  const townships = orgs.filter((o) => o.level === 'township' && o.closed_on === null);
  const branches = orgs.filter((o) => o.level === 'branch' && o.closed_on === null);
  const leadersOf = new Map<number, LeaderSeedRow[]>();
  for (const l of leaders) leadersOf.set(l.committee_org_id, [...(leadersOf.get(l.committee_org_id) ?? []), l]);
  const problems: ProblemSeedRow[] = [];
  const problemSteps: ProblemStepSeedRow[] = [];
  if (townships.length === 0) return { problems, problemSteps };
  const total = Math.min(150 + r.int(0, 6), townships.length * 3);
  const step = (problemId: number, from: string | null, to: string, at: string, reason: string | null, note: string | null) =>
    problemSteps.push({ id: problemSteps.length + 1, uid: r.uid(), problem_id: problemId, from_status: from, to_status: to, at, actor: '演示数据', reason, note, created_at: now, updated_at: now });
  for (let n = 0; n < total; n++) {
    const unit = branches.length && r.chance(0.6) ? r.pick(branches) : r.pick(townships);
    const township = unit.level === 'township' ? unit : orgs.find((o) => o.id === unit.parent_id && o.level === 'township');
    const found = dayIn(r, year, today);
    if (!found) continue;
    const category = r.weighted({ organisation: 15, members: 15, org_life: 15, position: 10, economy: 15, livelihood: 25, other: 5 });
    const handling = r.weighted({ immediate: 25, claimed: 40, joint: 15, followed: 20 });
    // How far it has come: most crossed off (~80 %), the rest spread over the loop.
    const target = r.weighted({ cleared: 84, rectifying: 7, claimed: 4, open: 5 });
    const responsible = names.personName(r);
    const committeeLeaders = township ? (leadersOf.get(township.id) ?? []) : [];
    const leader = committeeLeaders.length && r.chance(0.5) ? r.pick(committeeLeaders) : null;
    const id = problems.length + 1;
    const row: ProblemSeedRow = {
      id, uid: r.uid(), year, org_id: unit.id, category,
      source: r.weighted({ self: 25, inspection: 15, patrol: 10, masses: 15, hotline: 15, research: 15, checklist: 5 }),
      description: r.pick(problemsByCategory[category]!), found_on: found, handling,
      measures: null, responsible: null, leader_id: null, liaison_visit_id: null,
      due_on: addDays(found, handling === 'immediate' ? r.int(5, 15) : r.int(30, 120)), status: 'open', cleared_on: null, result: null,
      claimed_by: null, claimed_on: null, accepted_by: null, accepted_on: null, created_at: now, updated_at: now,
    };
    problems.push(row);
    step(id, null, 'open', found, null, null);
    // Some still open are past their deadline.
    const avail = daysBetween(found, today);
    if (target !== 'cleared' && avail > 1 && r.chance(0.4)) row.due_on = addDays(found, r.int(0, avail - 1));
    if (target === 'open') continue;
    // 即知即办: crossed off at once, the skip's reason written down.
    if (handling === 'immediate' && target === 'cleared' && r.chance(0.5)) {
      const on = addDays(found, Math.min(avail, r.int(0, 3)));
      Object.assign(row, { status: 'cleared', responsible, measures: r.pick(problemMeasures[category]!), accepted_by: names.personName(r), accepted_on: on, cleared_on: on, result: '当场解决，群众满意' });
      step(id, 'open', 'cleared', on, '即知即办，当场解决', null);
      continue;
    }
    // Days from one step to the next, shrunk to fit between the day it was found and today.
    const gaps = [r.int(1, 7), r.int(0, 10), ...Array.from({ length: r.int(0, 2) }, () => r.int(3, 20)), r.int(5, 45)];
    const scale = Math.min(1, avail / gaps.reduce((a, b) => a + b, 0));
    let day = found;
    const next = () => (day = addDays(day, Math.floor(gaps.shift()! * scale)));
    Object.assign(row, { status: 'claimed', responsible, claimed_by: leader?.name ?? responsible, claimed_on: next(), leader_id: leader?.id ?? null });
    step(id, 'open', 'claimed', day, null, null);
    if (target === 'claimed') continue;
    Object.assign(row, { status: 'rectifying', measures: r.pick(problemMeasures[category]!) });
    step(id, 'claimed', 'rectifying', next(), null, null);
    while (gaps.length > 1) step(id, 'rectifying', 'rectifying', next(), null, r.pick(progressNotes));
    if (target === 'rectifying') continue;
    Object.assign(row, { status: 'cleared', accepted_by: names.personName(r), accepted_on: next(), cleared_on: day, result: '已整改到位，验收合格' });
    step(id, 'rectifying', 'cleared', day, null, null);
  }
  return { problems, problemSteps };
}
