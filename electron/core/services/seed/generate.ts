/**
 * A deterministic demo league: the same options give the same rows, on any machine.
 * Pure: no database here; ./index.ts writes what this returns.
 *
 * Proportions follow docs/domain.md, "Figures" (Chifeng: ~8,000 branches in 10 fields, 53.3 %
 * standardised, ~19 % "strongest", ~1,000 liaison points, secretaries' points at
 * lagging branches).
 */
import type { Selectable } from 'kysely';
import { pinyinKeys } from '../../../../shared/domain/pinyin.ts';
import type { BranchLedgerTable, LeaderTable, LiaisonTable, OrgRow } from '../../db/schema.ts';
import type { County, Township } from './divisions.ts';
import { cityNames } from './divisions.ts';
import * as names from './names.ts';
import { Random } from './random.ts';
import { generateWork, type WorkSeed } from './work.ts';
import { generateChecklists, type ChecklistSeed } from './checklists.ts';

export type SeedSize = 'small' | 'league' | '100k';
export const seedSizes: readonly SeedSize[] = ['small', 'league', '100k'];

export interface SeedOptions {
  size: SeedSize;
  seed: number;
  year: number;
  /** ISO timestamp written into created_at/updated_at. */
  now: string;
  cityCode?: string;
}

type Level = OrgRow['level'];

/** Rows exactly as the tables hold them (ids assigned here, so paths can be built without the database). */
export type OrgSeedRow = OrgRow;
/** A demo ledger row; `strongest_status` says how far its "strongest branch" pipeline goes (seed/work.ts, section 4), and is not a column. */
export type LedgerSeedRow = Omit<Selectable<BranchLedgerTable>, 'revision' | 'invalid_json' | 'strongest_status_typed'> & { strongest_status: string };
export type LeaderSeedRow = Omit<Selectable<LeaderTable>, 'notes' | 'deleted_at' | 'revision' | 'invalid_json'>;
export type LiaisonSeedRow = Omit<Selectable<LiaisonTable>, 'revision' | 'notes' | 'invalid_json'>;

export interface SeedData extends WorkSeed, ChecklistSeed {
  cityName: string;
  orgs: OrgSeedRow[];
  ledger: LedgerSeedRow[];
  leaders: LeaderSeedRow[];
  liaisons: LiaisonSeedRow[];
}

/** Branch targets per size; `small` keeps one banner's natural count. */
const branchTargets: Record<SeedSize, number | null> = { small: null, league: 8000, '100k': 100_000 };

type FieldCode =
  | 'village' | 'community' | 'organ' | 'institution' | 'state_enterprise' | 'collective_enterprise'
  | 'private_enterprise' | 'social_org' | 'school' | 'hospital' | 'retired';

/** How many branches of each field a unit of this kind has, before scaling to the target. */
type UnitProfile = (r: Random) => Partial<Record<FieldCode, number>>;

const profiles: Record<string, UnitProfile> = {
  township: (r) => ({
    village: r.int(10, 24), organ: r.int(1, 3), institution: r.int(1, 2), school: r.int(1, 2), hospital: 1,
    retired: r.chance(0.6) ? 1 : 0, private_enterprise: r.int(0, 3), collective_enterprise: r.chance(0.3) ? 1 : 0,
    social_org: r.chance(0.3) ? 1 : 0,
  }),
  street: (r) => ({
    community: r.int(4, 12), organ: 1, private_enterprise: r.int(1, 5), social_org: r.int(0, 2), retired: r.chance(0.5) ? 1 : 0,
  }),
  deptOrgan: (r) => ({ organ: r.int(20, 35), institution: r.int(10, 20), retired: r.int(1, 3) }),
  deptEducation: (r) => ({ school: r.int(15, 40) }),
  deptHealth: (r) => ({ hospital: r.int(4, 12), institution: r.int(1, 3) }),
  deptTwoNew: (r) => ({ state_enterprise: r.int(3, 8), collective_enterprise: r.int(0, 2), private_enterprise: r.int(10, 40), social_org: r.int(3, 10) }),
  cityOrgan: (r) => ({ organ: r.int(60, 90), institution: r.int(30, 50), retired: r.int(5, 10) }),
  cityEducation: (r) => ({ school: r.int(40, 70) }),
  cityHealth: (r) => ({ hospital: r.int(20, 40) }),
  cityState: (r) => ({ state_enterprise: r.int(25, 45) }),
  cityTwoNew: (r) => ({ private_enterprise: r.int(50, 90), social_org: r.int(20, 40) }),
  cityPolice: (r) => ({ organ: r.int(20, 30), retired: 2 }),
};

const countyDepartments: { suffix: string; profile: string }[] = [
  { suffix: '直属机关工委', profile: 'deptOrgan' },
  { suffix: '教育体育局党委', profile: 'deptEducation' },
  { suffix: '卫生健康委员会党委', profile: 'deptHealth' },
  { suffix: '非公有制经济组织和社会组织党委', profile: 'deptTwoNew' },
];

const cityDirectCommittees: { name: string; profile: string }[] = [
  { name: '市直属机关工委', profile: 'cityOrgan' },
  { name: '市委教育工委', profile: 'cityEducation' },
  { name: '市卫生健康委员会党委', profile: 'cityHealth' },
  { name: '市国资委党委', profile: 'cityState' },
  { name: '市委社会工作部（两新工委）', profile: 'cityTwoNew' },
  { name: '市公安局党委', profile: 'cityPolice' },
];

/** Members per branch by field: formal [min, max]. */
const memberRanges: Record<FieldCode, [number, number]> = {
  village: [15, 90], community: [12, 160], organ: [5, 45], institution: [4, 40], state_enterprise: [5, 60],
  collective_enterprise: [3, 20], private_enterprise: [3, 30], social_org: [3, 25], school: [6, 70],
  hospital: [8, 120], retired: [10, 110],
};

/** How a branch of a field is named when the word lists run out: 赤峰市机关第十八党支部. */
const fieldWords: Record<FieldCode, string> = {
  village: '农村', community: '社区', organ: '机关', institution: '事业单位', state_enterprise: '国有企业',
  collective_enterprise: '集体企业', private_enterprise: '非公企业', social_org: '社会组织', school: '学校', hospital: '医疗卫生',
  retired: '离退休干部',
};

const problemsByCategory: Record<string, string[]> = {
  lagging: ['班子战斗力不强，组织生活不规范', '集体经济薄弱，党员作用发挥不明显', '党员老龄化严重，发展党员断档', '阵地建设滞后，软弱涣散整顿未销号'],
  ordinary: ['“三会一课”记录不完整', '党员教育管理方式单一', '服务群众载体不多'],
  model: ['示范带动作用有待进一步发挥', '特色品牌需要总结提炼'],
};
const goalsByCategory: Record<string, string> = {
  lagging: '年内完成整顿转化，晋位升级到中间等次',
  ordinary: '巩固提升，争创标准化规范化党支部',
  model: '打造示范点，争创“最强党支部”',
};
const measures = ['每季度至少到联系点调研指导一次', '每年至少讲一次党课', '帮助理清发展思路，领办一件实事', '指导规范“三会一课”和主题党日', '协调解决阵地建设资金'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date drawn for the seed year that lies after `now` moves back a year: nothing starts in the future. */
function notAfter(day: string, now: string): string {
  return day <= now.slice(0, 10) ? day : `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}

export function generateSeed(
  options: SeedOptions,
  divisions: { counties: County[]; townships: Township[] },
): SeedData {
  const r = new Random(options.seed);
  // Columns added later draw from a generator of their own: the rest of the league stays as it was.
  const massOrgs = massOrganisations(new Random(options.seed ^ 0x13));
  const { year, now } = options;
  const cityCode = options.cityCode ?? '1504';
  const cityName = cityNames[cityCode] ?? `${cityCode}市`;
  const areaCode = cityCode === '1504' ? '0476' : '0471';
  const isStatOnlyCounty = (c: County) => /^\d{4}7\d$/.test(c.code);
  let counties = divisions.counties.filter((c) => c.cityCode === cityCode && !isStatOnlyCounty(c));
  if (options.size === 'small') counties = [r.pick(counties)];

  const orgs: OrgSeedRow[] = [];
  const childCount = new Map<number, number>();
  const addOrg = (parent: OrgSeedRow | null, level: Level, kind: string, name: string, code: string | null, field: string | null): OrgSeedRow => {
    const id = orgs.length + 1;
    const order = parent ? (childCount.get(parent.id) ?? 0) : 0;
    if (parent) childCount.set(parent.id, order + 1);
    const keys = pinyinKeys(name);
    const row: OrgSeedRow = {
      id, uid: r.uid(), parent_id: parent?.id ?? null, level, kind, name, short_name: null, code, field,
      sort_order: order, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0,
      name_sort: keys.sortKey, name_initials: keys.initials, closed_on: null, created_at: now, updated_at: now,
    };
    orgs.push(row);
    return row;
  };

  // 1. Committees: the city, its banners and city-level committees, and the townships and departments below.
  const city = addOrg(null, 'city', 'city_committee', `${cityName}委`, `${cityCode}00`, null);
  interface Unit { org: OrgSeedRow; place: string; counts: Partial<Record<FieldCode, number>> }
  const units: Unit[] = [];
  const committees: OrgSeedRow[] = [city];
  for (const county of counties) {
    const c = addOrg(city, 'county', 'county_committee', `${county.name}委`, county.code, null);
    committees.push(c);
    // Township codes 4xx are farms and parks: statistical only, not Party committees of their own.
    const towns = divisions.townships.filter((t) => t.countyCode === county.code && !/^\d{6}4\d\d$/.test(t.code));
    for (const t of towns) {
      const street = t.name.endsWith('街道');
      const org = addOrg(c, 'township', street ? 'street_committee' : 'township_committee', `${t.name}${street ? '党工委' : '党委'}`, t.code, null);
      committees.push(org);
      units.push({ org, place: t.name, counts: profiles[street ? 'street' : 'township']!(r) });
    }
    for (const d of countyDepartments) {
      const org = addOrg(c, 'township', 'department_committee', `${county.name}${d.suffix}`, null, null);
      committees.push(org);
      units.push({ org, place: county.name, counts: profiles[d.profile]!(r) });
    }
  }
  if (options.size !== 'small') {
    for (const d of cityDirectCommittees) {
      const org = addOrg(city, 'county', 'city_direct_committee', d.name, null, null);
      committees.push(org);
      units.push({ org, place: cityName, counts: profiles[d.profile]!(r) });
    }
  }

  // 2. Scale the units' branch counts to the target, exactly (largest remainders).
  const target = branchTargets[options.size];
  if (target !== null) {
    const cells = units.flatMap((u) => (Object.entries(u.counts) as [FieldCode, number][]).map(([f, n]) => ({ u, f, n })));
    const total = cells.reduce((s, c) => s + c.n, 0);
    const scaled = cells.map((c) => ({ ...c, exact: (c.n * target) / total }));
    let sum = 0;
    for (const s of scaled) {
      s.u.counts[s.f] = Math.floor(s.exact);
      sum += Math.floor(s.exact);
    }
    scaled.sort((a, b) => (b.exact % 1) - (a.exact % 1));
    for (let i = 0; sum < target; i = (i + 1) % scaled.length, sum++) {
      const s = scaled[i]!;
      s.u.counts[s.f] = (s.u.counts[s.f] ?? 0) + 1;
    }
  }

  // 3. Branches and their ledger rows for the year.
  const ledger: LedgerSeedRow[] = [];
  const branchesUnder = new Map<number, number[]>();
  const gradeOf = new Map<number, string>();
  const ancestorsOf = (org: OrgSeedRow) => org.path.split('/').filter(Boolean).map(Number).slice(0, -1);
  for (const unit of units) {
    const taken = new Set<string>();
    const perKindIndex = new Map<string, number>();
    const uniqueName = (make: () => string, base: string): string => {
      for (let i = 0; i < 12; i++) {
        const n = make();
        if (!taken.has(n)) return taken.add(n), n;
      }
      const k = (perKindIndex.get(base) ?? 1) + 1;
      perKindIndex.set(base, k);
      const n = `${base}${names.ordinal(k)}党支部`;
      taken.add(n);
      return n;
    };
    for (const [field, count] of Object.entries(unit.counts) as [FieldCode, number][]) {
      for (let i = 0; i < count; i++) {
        const name = uniqueName(() => branchName(r, field, unit.place, i, count), `${unit.place}${fieldWords[field]}`);
        const [lo, hi] = memberRanges[field];
        const formal = r.chance(0.005) ? 0 : r.int(lo, hi);
        const general = formal > 50 && r.chance(0.3);
        const finalName = general ? name.replace(/党支部$/, '党总支') : name;
        const org = addOrg(unit.org, 'branch', general ? 'general_branch' : 'branch', finalName, null, field);
        for (const a of ancestorsOf(org)) {
          let list = branchesUnder.get(a);
          if (!list) branchesUnder.set(a, (list = []));
          list.push(org.id);
        }
        const grade = r.weighted({ advanced: 30, middle: 58, lagging: 12 });
        gradeOf.set(org.id, grade);
        const standardised = r.chance(grade === 'advanced' ? 0.88 : grade === 'middle' ? 0.5 : 0.06);
        const strongest = standardised
          ? r.weighted({ city_assessed: 36, county_accepted: 14, township_rated: 10, applied: 12, creating: 28 })
          : r.weighted({ none: 55, creating: 45 });
        const termYear = r.chance(0.05) ? year - r.int(6, 8) : year - r.int(0, 4);
        ledger.push({
          id: ledger.length + 1, uid: r.uid(), org_id: org.id, year,
          members_formal: formal, members_probationary: r.chance(0.3) ? r.int(1, 3) : 0,
          secretary: r.chance(0.02) ? null : names.personName(r),
          secretary_phone: names.phone(r, areaCode),
          grade, standardised: standardised ? 1 : 0, strongest_status: strongest,
          weak_lax: grade === 'lagging' && r.chance(0.18) ? 1 : 0,
          term_changed_on: `${termYear}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`,
          ...massOrgs(field),
          notes: null, deleted_at: null, updated_at: now,
        });
      }
    }
  }

  // 4. Leaders of every committee, each with 1-2 liaison points; a secretary's first point is a lagging branch.
  const leaders: LeaderSeedRow[] = [];
  const liaisons: LiaisonSeedRow[] = [];
  const ledgerOf = new Map(ledger.map((l) => [l.org_id, l]));
  const leadershipSize = (c: OrgSeedRow): { deputies: number; members: number } => {
    if (c.level === 'city') return { deputies: 1, members: 6 };
    if (c.kind === 'county_committee') return { deputies: 1, members: 5 };
    if (c.kind === 'city_direct_committee') return { deputies: 1, members: 1 };
    if (c.kind === 'department_committee') return { deputies: 1, members: 0 };
    return { deputies: 1, members: 2 };
  };
  for (const committee of committees) {
    const scope = branchesUnder.get(committee.id) ?? [];
    if (scope.length === 0) continue;
    const { deputies, members } = leadershipSize(committee);
    const positions = ['secretary', ...Array<string>(deputies).fill('deputy_secretary'), ...Array<string>(members).fill('member')];
    for (const position of positions) {
      const name = names.personName(r);
      const keys = pinyinKeys(name);
      const left = position !== 'secretary' && r.chance(0.03);
      const leader: LeaderSeedRow = {
        id: leaders.length + 1, uid: r.uid(), name, position,
        title: `${committee.name}${position === 'secretary' ? '书记' : position === 'deputy_secretary' ? '副书记' : '委员'}`,
        committee_org_id: committee.id, level: committee.level, phone: names.phone(r, areaCode),
        active_from: notAfter(`${year - r.int(0, 5)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`, now),
        active_to: left ? `${year - 1}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}` : null,
        name_sort: keys.sortKey, name_initials: keys.initials, created_at: now, updated_at: now,
      };
      leaders.push(leader);
      const points = new Set<number>();
      if (position === 'secretary') {
        let lagging = scope.filter((id) => gradeOf.get(id) === 'lagging');
        if (lagging.length === 0) {
          // Every committee has at least one lagging branch in practice; a small unit may have drawn none.
          const row = ledgerOf.get(r.pick(scope))!;
          Object.assign(row, { grade: 'lagging', standardised: 0, strongest_status: 'none' });
          gradeOf.set(row.org_id, 'lagging');
          lagging = [row.org_id];
        }
        points.add(r.pick(lagging));
      }
      const want = r.chance(0.3) ? 2 : 1;
      for (let tries = 0; points.size < want && tries < 10; tries++) points.add(r.pick(scope));
      for (const orgId of points) {
        const grade = gradeOf.get(orgId)!;
        const category = grade === 'lagging' ? 'lagging' : grade === 'advanced' ? 'model' : 'ordinary';
        liaisons.push({
          id: liaisons.length + 1, uid: r.uid(), leader_id: leader.id, org_id: orgId, category,
          established_on: notAfter(`${year - r.int(0, 1)}-${pad(r.int(1, 6))}-${pad(r.int(1, 28))}`, now), ended_on: null,
          main_problems: r.pick(problemsByCategory[category]!), goals: goalsByCategory[category]!,
          measures: `${r.pick(measures)}；${r.pick(measures)}`, status: 'active', deleted_at: null,
          created_at: now, updated_at: now,
        });
      }
    }
  }

  return { cityName, orgs, ledger, leaders, liaisons, ...generateWork(options, orgs, ledger, leaders, liaisons), ...generateChecklists(options, orgs, ledger) };
}

function branchName(r: Random, field: FieldCode, place: string, i: number, count: number): string {
  const nth = count > 1 ? names.ordinal(i + 1) : '';
  switch (field) {
    case 'village':
      return `${names.villageName(r)}党支部`;
    case 'community':
      return `${names.communityName(r)}党支部`;
    case 'organ':
      return /[镇乡木道]$/.test(place) ? `${place}机关${nth}党支部` : `${place}${r.pick(names.bureaus)}机关党支部`;
    case 'institution':
      return `${place}${r.pick(names.institutions)}党支部`;
    case 'state_enterprise':
      return `${place}${r.pick(names.stateFirms)}党支部`;
    case 'collective_enterprise':
      return `${place}${r.pick(['农牧业', '供销', '林果', '运输'])}集体经济合作社党支部`;
    case 'private_enterprise':
      return `${names.privateFirmName(r)}党支部`;
    case 'social_org':
      return `${place}${r.pick(names.associations)}党支部`;
    case 'school':
      return /[镇乡木]$/.test(place)
        ? `${place}${r.pick(['中心校', '中学', '中心小学', '蒙古族学校', '幼儿园'])}党支部`
        : `${place}${r.pick(['第一中学', '第二中学', '第三中学', '第四中学', '蒙古族中学', '实验小学', '第一小学', '第二小学', '第三小学', '职业中学', '幼儿园'])}党支部`;
    case 'hospital':
      return /[镇乡木]$/.test(place)
        ? `${place}卫生院党支部`
        : `${place}${r.pick(['人民医院', '蒙医医院', '中医医院', '妇幼保健院', '第二医院'])}${r.pick(['', '第一', '第二', '第三'])}党支部`;
    case 'retired':
      return `${place}离退休干部${nth}党支部`;
  }
}

/**
 * 党建带群建 "1+3" in non-public enterprises and social organisations: Ulanqab counts 322
 * trade unions, 110 youth league and 73 women's organisations beside their Party
 * organisations. Other fields leave the three columns empty (the action does not apply).
 */
function massOrganisations(r: Random) {
  return (field: FieldCode): Pick<LedgerSeedRow, 'union_built' | 'youth_league_built' | 'women_federation_built'> => {
    if (field !== 'private_enterprise' && field !== 'social_org') return { union_built: null, youth_league_built: null, women_federation_built: null };
    const union = r.chance(0.62);
    return { union_built: union ? 1 : 0, youth_league_built: union && r.chance(0.34) ? 1 : 0, women_federation_built: union && r.chance(0.23) ? 1 : 0 };
  };
}
