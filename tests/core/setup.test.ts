/**
 * The first run on a real SQLite file: a department chooses its unit from the bundled divisions
 * (by code, name or pinyin initials) and gets the tree below it; a second first run is refused;
 * the staff member's name is who the histories say made each change.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { openCore, seededCore, tempDir } from '../helpers/core.ts';

let core: Core | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function emptyCore(): Promise<Core> {
  core = await openCore(path.join(tempDir(), 'new.db'));
  return core;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const names = async (c: Core, parentId: number) => (await c.call('org.children', { parentId, counts: false })).nodes.map((n) => n.name);

describe('first run: our unit', () => {
  it('finds 宁城县 by pinyin initials, by part of its name and by code', async () => {
    const c = await emptyCore();
    for (const query of ['ncx', '宁城', '150429']) {
      const [first] = await c.call('divisions.search', { query });
      expect(first).toMatchObject({ code: '150429', name: '宁城县', level: 'county', place: '赤峰市' });
    }
    // A street office is found by its name as it is known at home, and by that name's initials.
    expect((await c.call('divisions.search', { query: 'txjd' })).map((d) => d.code)).toContain('150429407');
    expect(await c.call('setup.status', {})).toMatchObject({ empty: true, unit: null, operatorName: null, account: '测试' });
  });

  it('builds 宁城县 by code: its townships and street offices (铁西街道 coded 407 too), without its parks', async () => {
    const c = await emptyCore();
    const plan = await c.call('setup.plan', { code: '150429' });
    expect(plan.extras.map((d) => d.name)).toEqual(expect.arrayContaining(['中京工业园', '八里罕酒业园区']));

    const r = await c.call('setup.init', { unit: '150429' });
    expect(r.unit).toMatchObject({ name: '宁城县委', level: 'county', kind: 'county_committee', code: '150429', parentId: null });
    const towns = (await c.call('org.children', { parentId: r.unit.id, counts: false })).nodes;
    const byName = new Map(towns.map((t) => [t.name, t]));
    expect(byName.get('天义镇党委')).toMatchObject({ level: 'township', kind: 'township_committee', code: '150429100' });
    expect(byName.get('一肯中乡党委')).toMatchObject({ kind: 'township_committee', code: '150429202' });
    for (const street of ['铁西街道党工委', '铁东街道党工委', '温泉街道党工委']) expect(byName.get(street)).toMatchObject({ kind: 'street_committee' });
    // 13 towns, 2 xiang, 3 street offices; no park, farm or zone.
    expect(towns).toHaveLength(18);
    expect(towns.some((t) => /园|场/.test(t.name))).toBe(false);
    expect(r.created).toBe(19);

    const status = await c.call('setup.status', {});
    expect(status).toMatchObject({ empty: false, unit: { id: r.unit.id, name: '宁城县委' } });
    expect((await c.call('settings.get', {})).unitId).toBe(r.unit.id);
  });

  it('builds a league by name with its banners and their townships, and the parks the user ticked', async () => {
    const c = await emptyCore();
    const r = await c.call('setup.init', { unit: '赤峰市', extras: ['150429400'] });
    expect(r.unit).toMatchObject({ name: '赤峰市委', level: 'city', code: '150400' });
    const banners = (await c.call('org.children', { parentId: r.unit.id, counts: false })).nodes;
    expect(banners.map((b) => b.name)).toEqual(expect.arrayContaining(['红山区委', '宁城县委', '敖汉旗委']));
    expect(banners.every((b) => b.level === 'county')).toBe(true);
    const ningcheng = banners.find((b) => b.name === '宁城县委')!;
    const towns = await names(c, ningcheng.id);
    expect(towns).toEqual(expect.arrayContaining(['天义镇党委', '铁西街道党工委', '中京工业园党工委']));
    expect(towns).not.toContain('八里罕酒业园区党工委');
    // One change set for the whole tree, undoable as one.
    const history = await c.call('org.history', { id: ningcheng.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ op: 'insert', source: 'setup', summary: expect.stringContaining('赤峰市') });
  });

  it('undoes the whole tree as one change set, and the first run can be made again', async () => {
    const c = await emptyCore();
    const r = await c.call('setup.init', { unit: '150429' });
    const [built] = await c.call('org.history', { id: r.unit.id });
    await c.call('changes.undo', { changeSetId: built!.changeSetId });
    expect((await c.call('org.children', { parentId: null, counts: false })).nodes).toEqual([]);
    // The unit setting points at nothing now: the window asks again.
    expect(await c.call('setup.status', {})).toMatchObject({ empty: true, unit: null });
    expect((await c.call('setup.init', { unit: '150430' })).unit.name).toBe('敖汉旗委');
  });

  it('builds a ticked development zone with its own street offices', async () => {
    const c = await emptyCore();
    const plan = await c.call('setup.plan', { code: '1502' });
    expect(plan.extras.map((d) => d.code)).toContain('150271');
    const r = await c.call('setup.init', { unit: '包头市', extras: ['150271'] });
    const zone = (await c.call('org.children', { parentId: r.unit.id, counts: false })).nodes.find((n) => n.code === '150271')!;
    expect(zone).toMatchObject({ name: '包头稀土高新技术产业开发区党工委', kind: 'city_direct_committee', level: 'county' });
    expect(await names(c, zone.id)).toEqual(expect.arrayContaining(['稀土路街道党工委', '民馨路街道党工委']));
  });

  it('builds a township alone', async () => {
    const c = await emptyCore();
    const r = await c.call('setup.init', { unit: '150429407' });
    expect(r).toMatchObject({ created: 1, unit: { name: '铁西街道党工委', level: 'township', kind: 'street_committee', parentId: null } });
  });

  it('says which divisions an ambiguous or unknown name could be, in Chinese, and builds nothing', async () => {
    const c = await emptyCore();
    const twice = await refusal(c.call('setup.init', { unit: '铁西街道' }));
    expect(twice.code).toBe('AMBIGUOUS');
    expect(twice.message).toContain('宁城县铁西街道（150429407）');
    expect(twice.message).toContain('东河区铁西街道（150202010）');
    const unknown = await refusal(c.call('setup.init', { unit: '宁城' }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toMatch(/没有名为“宁城”.*宁城县（150429）/);
    const badCode = await refusal(c.call('setup.init', { unit: '150499' }));
    expect(badCode.message).toContain('没有代码为“150499”');
    const notOffered = await refusal(c.call('setup.init', { unit: '150429', extras: ['150430401'] }));
    expect(notOffered.message).toContain('150430401');
    expect((await c.call('setup.status', {})).empty).toBe(true);
  });

  it('refuses a second first run (and one on a seeded league) with a Chinese message, changing nothing', async () => {
    const c = await emptyCore();
    await c.call('setup.init', { unit: '宁城县' });
    const again = await refusal(c.call('setup.init', { unit: '150430' }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('已经有 19 个党组织');
    expect((await c.call('org.children', { parentId: null, counts: false })).nodes.map((n) => n.name)).toEqual(['宁城县委']);

    const seeded = await seededCore('small');
    try {
      const before = (await seeded.core.call('stats.summary', {})).orgsByLevel;
      expect((await refusal(seeded.core.call('setup.init', { unit: '1504' }))).code).toBe('CONFLICT');
      expect((await seeded.core.call('stats.summary', {})).orgsByLevel).toEqual(before);
      // The demo league's department is the league's.
      const status = await seeded.core.call('setup.status', {});
      expect(status.unit).toMatchObject({ name: '赤峰市委', parentId: null });
    } finally {
      await seeded.core.close();
    }
  });
});

describe('my unit everywhere: the staff member and the unit in settings', () => {
  it('writes the staff member’s name as 操作人 in every history once it is set, the account before', async () => {
    const before = await emptyCore();
    await before.call('org.create', { parentId: null, level: 'county', name: '宁城县委' });
    // Before a name is given: the computer's account.
    const [first] = (await before.call('org.children', { parentId: null })).nodes;
    expect((await before.call('org.history', { id: first!.id }))[0]!.actor).toBe('测试');
    await before.close();

    const c = await emptyCore();
    const r = await c.call('setup.init', { unit: '150429', operatorName: '李明' });
    // The one who made the first run built the tree.
    expect((await c.call('org.history', { id: r.unit.id }))[0]!.actor).toBe('李明');
    const town = (await c.call('org.children', { parentId: r.unit.id, counts: false })).nodes[0]!;
    await c.call('org.update', { id: town.id, name: '天义镇党委（改）' });
    expect((await c.call('org.history', { id: town.id })).map((h) => h.actor)).toEqual(['李明', '李明']);
    expect(c.actor).toBe('李明');

    await c.call('settings.save', { operatorName: '王芳' });
    await c.call('org.update', { id: town.id, name: '天义镇党委' });
    expect((await c.call('org.history', { id: town.id }))[0]!.actor).toBe('王芳');
    expect((await c.call('setup.status', {})).operatorName).toBe('王芳');
  });

  it('keeps the views saved before a name was given', async () => {
    const c = await emptyCore();
    await c.call('view.save', { grid: 'ledger', name: '后进支部', state: { columns: ['name'] } });
    await c.call('settings.save', { operatorName: '李明' });
    expect((await c.call('view.list', { grid: 'ledger' })).map((v) => v.name)).toEqual(['后进支部']);
  });

  it('keeps the unit chosen in 设置, and refuses a branch or a unit that is not there', async () => {
    const c = await emptyCore();
    const r = await c.call('setup.init', { unit: '150429' });
    const town = (await c.call('org.children', { parentId: r.unit.id, counts: false })).nodes[0]!;
    expect((await c.call('settings.save', { unitId: town.id })).unitId).toBe(town.id);
    expect((await c.call('setup.status', {})).unit?.id).toBe(town.id);
    const branch = await c.call('org.create', { parentId: town.id, name: '测试村党支部' });
    expect((await refusal(c.call('settings.save', { unitId: branch.id }))).message).toContain('是党支部');
    expect((await refusal(c.call('settings.save', { unitId: 99999 }))).message).toContain('找不到编号为 99999');
    expect((await c.call('settings.get', {})).unitId).toBe(town.id);
  });

  it('counts 统计分析 within a unit: its branches, by the units directly below it', async () => {
    const { core: c } = await seededCore('small', 3);
    core = c;
    const whole = await c.call('stats.summary', {});
    const [city] = (await c.call('org.children', { parentId: null })).nodes;
    const [county] = (await c.call('org.children', { parentId: city!.id })).nodes;
    const towns = (await c.call('org.children', { parentId: county!.id })).nodes;
    const town = towns.find((t) => t.branchCount > 0)!;

    const inCounty = await c.call('stats.summary', { scopeOrgId: county!.id });
    expect(inCounty.scopeName).toBe(county!.name);
    expect(inCounty.branches).toBe(whole.branches);
    expect(inCounty.branchesByCounty.map((r) => [r.label, r.count])).toEqual(towns.map((t) => [t.name, t.branchCount]));

    const inTown = await c.call('stats.summary', { scopeOrgId: town.id });
    expect(inTown.branches).toBe(town.branchCount);
    expect(inTown.branches).toBeLessThan(whole.branches);
    expect(inTown.orgsByLevel.find((l) => l.key === 'county')!.count).toBe(0);
    expect(inTown.branchesByGrade.reduce((n, g) => n + g.count, 0)).toBe(town.branchCount);
    expect(inTown.liaisonPoints).toBeLessThan(whole.liaisonPoints);
    expect(whole.scopeName).toBeNull();
  });
});
