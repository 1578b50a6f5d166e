/**
 * The first run: a new database asks which department it serves (a league or city, a banner
 * or county, or a township) and builds the tree below it from the bundled divisions, named and
 * kinded as a department's own tree is (宁城县委 → 天义镇党委, 铁西街道党工委). The tree is one
 * change set (undone as one); the chosen unit and the staff member's name are settings, recorded
 * in a change set of their own so that undoing the tree is not refused for them.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { ParsedArgs } from '../../../../shared/contract/methods.ts';
import type { Division, SetupPlan, SetupResult, SetupStatus } from '../../../../shared/contract/types.ts';
import type { OrgLevel } from '../../../../shared/domain/org.ts';
import { countOrgs, orgNode } from '../../repos/orgs.ts';
import { getSetting, operatorName, operatorSetting, ourUnitId, setSetting, unitSetting } from '../../repos/settings.ts';
import type { ServiceContext } from '../context.ts';
import { createOrgSync, nodeOf } from '../org/index.ts';
import { divisionByCode, divisionChildren, divisionsNamed, searchDivisions } from './divisions.ts';
import { placeKey } from '../import/branchNames.ts';

export async function setupStatus(ctx: ServiceContext): Promise<SetupStatus> {
  const unitId = ourUnitId(ctx.conn.sqlite);
  return {
    empty: countOrgs(ctx.conn.sqlite) === 0,
    unit: unitId === null ? null : await ourUnit(ctx, unitId),
    operatorName: operatorName(ctx.conn.sqlite),
    account: ctx.account,
  };
}

/**
 * Our unit with its branch and member counts; on a damaged database (read only) whose ledger
 * pages cannot be read, without them: every page starts from this, and must still open so the
 * rest can be read and a backup restored.
 */
async function ourUnit(ctx: ServiceContext, unitId: number) {
  try {
    return await nodeOf(ctx, unitId);
  } catch (e) {
    if (ctx.conn.damage === null) throw e;
    return orgNode(ctx.conn.sqlite, unitId, ctx.now().getFullYear(), false)!;
  }
}

export function findDivisions(args: ParsedArgs<'divisions.search'>): Division[] {
  return searchDivisions(args.query, args.limit ?? 30);
}

const listed = (ds: Division[]) => ds.map((d) => `${d.place}${d.name}（${d.code}）`).join('、');

/** The division a code or a name means; an unknown or ambiguous name says which ones it could be. */
export function resolveDivision(unit: string): Division {
  const typed = unit.trim();
  if (/^\d+$/.test(typed)) {
    const d = divisionByCode(typed);
    if (!d) throw new AppError('NOT_FOUND', `内蒙古自治区的区划中没有代码为“${typed}”的盟市、旗县区或苏木乡镇（街道）。盟市代码为 4 位（如 1504），旗县区 6 位（如 150429），苏木乡镇 9 位。`, { unit: typed });
    return d;
  }
  const named = divisionsNamed(typed);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new AppError('AMBIGUOUS', `名为“${typed}”的区划有 ${named.length} 个：${listed(named)}。请用区划代码指定其中一个。`, { unit: typed, candidates: named.map((d) => d.code) });
  }
  const near = searchDivisions(typed, 8).filter((d) => d.regular);
  throw new AppError(
    'NOT_FOUND',
    near.length
      ? `内蒙古自治区的区划中没有名为“${typed}”的单位。是否要找：${listed(near)}？请写出全名或区划代码。`
      : `内蒙古自治区的区划中没有名为“${typed}”的单位，也没有相近的名称。请写出盟市、旗县区或苏木乡镇（街道）的全名或区划代码。`,
    { unit: typed, candidates: near.map((d) => d.code) },
  );
}

/** What choosing `unit` builds: its committees below (banners and their townships, or townships), and the extras one may tick. */
export function planSetup(unit: Division): SetupPlan {
  const units: Division[] = [];
  const extras: Division[] = [];
  const walk = (d: Division) => {
    for (const child of divisionChildren(d.code)) {
      (child.regular ? units : extras).push(child);
      // Below a banner, its townships; a development zone's (包头稀土高新区's 稀土路街道) come only with the zone, when it is ticked.
      if (child.regular) walk(child);
    }
  };
  walk(unit);
  return { unit, units, extras };
}

/** A committee's name and kind as the tree keeps them (the same as the demo league's). */
function committeeOf(d: Division): { name: string; kind: string; level: OrgLevel; code: string } {
  if (d.level === 'city') return { name: `${d.name}委`, kind: 'city_committee', level: 'city', code: `${d.code}00` };
  if (d.level === 'county') {
    return d.regular ? { name: `${d.name}委`, kind: 'county_committee', level: 'county', code: d.code } : { name: `${d.name}党工委`, kind: 'city_direct_committee', level: 'county', code: d.code };
  }
  if (d.name.endsWith('街道')) return { name: `${d.name}党工委`, kind: 'street_committee', level: 'township', code: d.code };
  // Parks and zones have a working committee (党工委); farms, ranches and the rest a committee.
  const working = !d.regular && /(区|园|中心|局|处)$/.test(d.name);
  return { name: `${d.name}${working ? '党工委' : '党委'}`, kind: 'township_committee', level: 'township', code: d.code };
}

/**
 * The division below a county that a name written in a file means (敖汉工业园区 or 工业园区党工委 for
 * 敖汉旗's 工业园区, 150430401), as a committee of the tree would be named: a unit an import creates
 * gets its code and its name as the first run would have built it. Null: none, or more than one.
 */
export function committeeNamed(countyCode: string | null, written: string): { name: string; kind: string; code: string } | null {
  const county = countyCode ? divisionByCode(countyCode) : undefined;
  if (!county || county.level !== 'county') return null;
  // Names compared as the import compares places (no spaces, no 党委/党工委), with the county's name, short or whole, before it or not.
  const short = county.name.replace(/(自治旗|旗|县|区|市)$/, '');
  const k = placeKey(written);
  const hits = divisionChildren(county.code).filter((d) => [d.name, d.official].some((n) => [placeKey(n), `${short}${placeKey(n)}`, `${county.name}${placeKey(n)}`].includes(k)));
  if (hits.length !== 1) return null;
  const c = committeeOf(hits[0]!);
  return { name: c.name, kind: c.kind, code: c.code };
}

export async function initSetup(ctx: ServiceContext, args: ParsedArgs<'setup.init'>): Promise<SetupResult> {
  const { sqlite } = ctx.conn;
  const unit = resolveDivision(args.unit);
  const plan = planSetup(unit);
  const offered = new Map(plan.extras.map((d) => [d.code, d]));
  const unknown = (args.extras ?? []).filter((c) => !offered.has(c));
  if (unknown.length) {
    throw new AppError('INVALID_ARGS', `以下代码不是“${unit.name}”下可选的园区、农牧场等单位：${unknown.slice(0, 10).join('、')}${unknown.length > 10 ? ' 等' : ''}。`, { codes: unknown });
  }
  const chosen = new Set(args.extras ?? []);
  const { rootId, created } = ctx.conn.writeTransaction(() => {
    // Checked inside the write transaction: a second window's first run cannot slip in between.
    const existing = countOrgs(sqlite);
    if (existing > 0) {
      throw new AppError('CONFLICT', `这个数据库中已经有 ${existing} 个党组织，不能再按区划建立组织机构。如需调整，请在“组织机构”页中增删；如要从头开始，请新建一个数据库。`, { orgs: existing });
    }
    // The name first: the person who makes the first run is who the tree's history names.
    const settings = ctx.audit.begin('settings', `本单位设为“${committeeOf(unit).name}”`);
    if (args.operatorName !== undefined) {
      const beforeName = operatorName(sqlite);
      setSetting(sqlite, operatorSetting, args.operatorName);
      settings.record('setting', 0, operatorSetting, null, 'update', beforeName, args.operatorName);
    }
    const cs = ctx.audit.begin('setup', `按区划建立组织机构（${unit.place === '内蒙古自治区' ? '' : unit.place}${unit.name}）`);
    const ids = new Map<string, number>();
    const add = (d: Division, parentId: number | null) => {
      const c = committeeOf(d);
      const id = createOrgSync(ctx, { parentId, ...(parentId === null ? { level: c.level } : {}), name: c.name, kind: c.kind, code: c.code }, 'setup', cs);
      ids.set(d.code, id);
      return id;
    };
    const rootId = add(unit, null);
    const ticked = plan.extras.filter((e) => chosen.has(e.code));
    const zoneTownships = ticked.filter((e) => e.level === 'county').flatMap((zone) => divisionChildren(zone.code).filter((t) => t.regular));
    // In the lists' order (by code): each banner before its townships, so the parent is there.
    for (const d of [...plan.units, ...ticked, ...zoneTownships].sort((a, b) => a.code.localeCompare(b.code))) {
      add(d, ids.get(d.parentCode!)!);
    }
    const beforeUnit = getSetting<number | null>(sqlite, unitSetting, null);
    setSetting(sqlite, unitSetting, rootId);
    settings.record('setting', 0, unitSetting, null, 'update', beforeUnit, rootId);
    return { rootId, created: ids.size };
  })();
  ctx.events.emit('data.changed', { entity: 'org' });
  ctx.events.emit('data.changed', { entity: 'setting' });
  return { unit: await nodeOf(ctx, rootId), created };
}
