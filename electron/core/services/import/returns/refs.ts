/**
 * A row the file adds points at what it belongs to by name: a work record at a leader's
 * point at a branch, a project at its leader and branch (and their point, if there is one),
 * a problem at a unit, a point at a leader and a branch. The names are looked for within the
 * file's unit (and, for leaders, the committees above it, whose leaders guide its branches);
 * a name found nowhere, or more than once, is an error saying which. Pure, over what was read.
 */
import type { CellValue } from '../../../../../shared/domain/fields.ts';
import type { LeaderNameRow, PointRow, UnitRow } from '../../../repos/returns.ts';
import type { RecordSource } from '../../../../../shared/domain/returns.ts';
import { nameKey, placeKey } from '../branchNames.ts';

/** The units, leaders and points the file's names may mean. */
export interface NameBook {
  /** The file's unit's path: units are looked for under it, leaders in it and above it. */
  scopePath: string;
  units: readonly UnitRow[];
  leaders: readonly LeaderNameRow[];
  points: readonly PointRow[];
  /** The day a point must run on, when the row has no date of its own. */
  today: string;
  /** Leaders the file names, with their post, that nobody here is: a placeholder id (negative) each, by name (nameKey). */
  newLeaders?: ReadonlyMap<string, number>;
  /** The townships under the file's unit: a branch written with its township before it is found by them. */
  townships?: readonly UnitRow[];
}

/**
 * A branch written with its township before it (乌丹镇头道营子村党支部, 乌丹镇党委头道营子村党支部,
 * and with the banner before that: 翁牛特旗乌丹镇头道营子村党支部): the township and the rest.
 */
export function splitTownship(townships: readonly UnitRow[], written: string): { township: UnitRow; rest: string } | null {
  const k = nameKey(written);
  for (const t of townships) {
    for (const prefix of new Set([nameKey(t.name), placeKey(t.name)])) {
      if (prefix.length < 2) continue;
      const at = k.indexOf(prefix);
      // At the start, or after a banner's, county's or city's name (…旗, …县, …区, …市, …盟).
      const before = at > 0 ? k.slice(0, at) : '';
      if (at < 0 || (at > 0 && !(before.length <= 10 && /[旗县区市盟]$/.test(before)))) continue;
      const rest = k.slice(at + prefix.length);
      if (rest.length >= 2) return { township: t, rest };
    }
  }
  return null;
}

/** A leader a hand-made 联系点台账 names with a post, who is not in the tree: added with the import. */
export interface NewLeader {
  /** The placeholder the rows' refs carry until the leader is added (negative). */
  placeholder: number;
  name: string;
  title: string;
  position: string;
  committeeId: number;
  committeeName: string;
  /** The first cell that names the leader. */
  cell: string;
}

/** Whether the book knows nobody of this name (a name found twice is not "nobody"). */
export function nobodyNamed(book: NameBook, name: string): boolean {
  return !leaderNamed(book, name).ok && book.leaders.every((l) => nameKey(l.name) !== nameKey(name));
}

/** A leader's post as the dictionary of posts has it, from the title written beside the name (经棚镇党委副书记: 副书记). */
export function positionOf(title: string): string {
  if (/副书记$/.test(title)) return 'deputy_secretary';
  if (/书记$/.test(title)) return 'secretary';
  return 'member';
}

export type Resolved = { ok: true; refs: Record<string, number> } | { ok: false; field: string; message: string };

/** The names a row gives for its refs, by the column that holds each (to read them at once for the whole file). */
export const refColumns: Record<RecordSource, { leader?: string; branch?: string; unit?: string }> = {
  liaison: { leader: 'leaderName', branch: 'branchName' },
  visit: { leader: 'leaderName', branch: 'branchName' },
  project: { leader: 'leaderName', branch: 'branchName' },
  problem: { unit: 'unitName' },
  evaluationPath: { branch: 'name' },
};

const text = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v).trim());
const within = (path: string, scope: string) => path.startsWith(scope);

type One<T> = { ok: true; hit: T } | { ok: false; message: string };

function one<T>(hits: T[], what: string, name: string): One<T> {
  if (hits.length === 1) return { ok: true, hit: hits[0]! };
  return { ok: false, message: hits.length === 0 ? `找不到${what}“${name}”` : `有 ${hits.length} 个${what}都叫“${name}”，无法确定是哪一个` };
}

function leaderNamed(book: NameBook, name: string): One<LeaderNameRow> {
  const named = book.leaders.filter((l) => nameKey(l.name) === nameKey(name) && (within(l.committee_path, book.scopePath) || within(book.scopePath, l.committee_path)));
  // A leader who has left is looked for only when nobody of the name is in office.
  const serving = named.filter((l) => l.active_to === null || l.active_to >= book.today);
  return one(serving.length ? serving : named, '领导干部', name);
}

function unitNamed(book: NameBook, name: string, branch: boolean, township?: string): One<UnitRow> {
  const hits = book.units.filter((u) => nameKey(u.name) === nameKey(name) && u.closed_on === null && (!branch || u.level === 'branch') && within(u.path, book.scopePath));
  // Not found as written: perhaps its township is written before it.
  const split = branch && hits.length === 0 && !township ? splitTownship(book.townships ?? [], name) : null;
  if (split) {
    const found = unitNamed(book, split.rest, true, split.township.name);
    if (found.ok) return found;
  }
  // A township written beside a branch tells two branches of one name apart.
  const places = [...book.units, ...(book.townships ?? [])];
  const placed = township ? hits.filter((u) => places.some((t) => t.level === 'township' && placeKey(t.name) === placeKey(township) && within(u.path, t.path))) : hits;
  return one(placed.length || !township ? placed : hits, branch ? '党支部' : '单位', name);
}

/** The point of a leader at a branch that runs on `day` (else the only one there is). */
function pointOf(book: NameBook, leaderId: number, orgId: number, day: string): PointRow | null {
  const points = book.points.filter((p) => p.leader_id === leaderId && p.org_id === orgId);
  const running = points.filter((p) => (p.established_on === null || p.established_on <= day) && (p.ended_on === null || p.ended_on >= day));
  return running[0] ?? (points.length === 1 ? points[0]! : null);
}

export function resolveRefs(source: RecordSource, values: Readonly<Record<string, CellValue>>, book: NameBook): Resolved {
  const cols = refColumns[source];
  const refs: Record<string, number> = {};
  let leader: LeaderNameRow | null = null;
  let branch: UnitRow | null = null;
  if (cols.leader) {
    const name = text(values[cols.leader]);
    if (!name) return { ok: false, field: cols.leader, message: '联系领导（领办领导）为空' };
    const found = leaderNamed(book, name);
    const planned = found.ok ? undefined : book.newLeaders?.get(nameKey(name));
    if (planned !== undefined) refs.leaderId = planned;
    else if (!found.ok) return { ok: false, field: cols.leader, message: found.message };
    else leader = found.hit;
  }
  if (cols.branch) {
    const name = text(values[cols.branch]);
    if (!name) return { ok: false, field: cols.branch, message: '党支部名称为空' };
    const found = unitNamed(book, name, true, text(values.township) || undefined);
    if (!found.ok) return { ok: false, field: cols.branch, message: found.message };
    branch = found.hit;
  }
  if (cols.unit) {
    const name = text(values[cols.unit]);
    if (!name) return { ok: false, field: cols.unit, message: '所在单位为空' };
    const found = unitNamed(book, name, false);
    if (!found.ok) return { ok: false, field: cols.unit, message: found.message };
    refs.orgId = found.hit.id;
  }
  // A point of a leader the import adds: its branch is all there is to find.
  if (refs.leaderId !== undefined) {
    refs.orgId = branch!.id;
    return { ok: true, refs };
  }
  if (source === 'visit' || source === 'project') {
    const day = text(values.visitedOn) || book.today;
    const point = pointOf(book, leader!.id, branch!.id, day);
    if (point) refs.liaisonId = point.id;
    else if (source === 'visit') return { ok: false, field: cols.branch!, message: `找不到${leader!.name}联系“${branch!.name}”的联系点` };
  }
  if (source !== 'visit' && !refs.liaisonId) {
    if (leader) refs.leaderId = leader.id;
    if (branch) refs.orgId = branch.id;
  }
  return { ok: true, refs };
}
