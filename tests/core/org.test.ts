import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore } from '../helpers/core.ts';

describe('organisation tree operations', () => {
  let core: Core;
  let cityId: number;
  let bannerId: number;
  beforeAll(async () => {
    ({ core } = await seededCore('league', 11));
    cityId = (await core.call('org.children', { parentId: null })).nodes[0]!.id;
    bannerId = (await core.call('org.children', { parentId: cityId })).nodes.find((n) => n.name === '宁城县委')!.id;
  });
  afterAll(() => core.close());

  it('finds a unit by pinyin initials, by name and by code', async () => {
    const byInitials = await core.call('org.search', { query: 'tyz' });
    expect(byInitials[0]!.node.name).toBe('天义镇党委');
    expect(byInitials[0]!.pathNames).toEqual(['赤峰市委', '宁城县委']);
    expect(byInitials[0]!.pathIds).toHaveLength(3);
    expect((await core.call('org.search', { query: '天义' }))[0]!.node.name).toBe('天义镇党委');
    expect((await core.call('org.search', { query: '150429' }))[0]!.node.name).toBe('宁城县委');
  });

  it('creates a township and a branch under it, with levels, pinyin and audit', async () => {
    const town = await core.call('org.create', { parentId: bannerId, name: '测试镇党委', kind: 'township_committee', code: '150429999' });
    expect(town).toMatchObject({ level: 'township', code: '150429999', branchCount: 0 });
    const branch = await core.call('org.create', { parentId: town.id, name: '新立村党支部', kind: 'branch', field: 'village' });
    expect(branch).toMatchObject({ level: 'branch', field: 'village', branchCount: 1 });
    expect((await core.call('org.search', { query: 'xlc' })).some((h) => h.node.id === branch.id)).toBe(true);
    // It joins this year's ledger at once (a township does not: it has no row of its own).
    const ledger = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
    expect(ledger.map((r) => [r.orgId, r.name, r.field])).toEqual([[branch.id, '新立村党支部', 'village']]);
    await expect(core.call('org.create', { parentId: town.id, name: '新立村党支部', kind: 'branch' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(core.call('org.create', { parentId: branch.id, name: '下级', kind: 'branch' })).rejects.toMatchObject({ message: expect.stringContaining('只有党总支') });
    const hist = await core.call('org.history', { id: branch.id });
    expect(hist[0]).toMatchObject({ op: 'insert', actor: '测试' });
  });

  it('renames, moves a subtree with its paths, and refuses a move into itself', async () => {
    const towns = (await core.call('org.children', { parentId: bannerId })).nodes;
    const town = towns.find((t) => t.name === '测试镇党委')!;
    const renamed = await core.call('org.update', { id: town.id, name: '测试二镇党委' });
    expect(renamed.name).toBe('测试二镇党委');
    expect((await core.call('org.search', { query: 'csezdw' }))[0]!.node.id).toBe(town.id);
    const otherBanner = (await core.call('org.children', { parentId: cityId })).nodes.find((n) => n.name === '敖汉旗委')!;
    const moved = await core.call('org.move', { id: town.id, newParentId: otherBanner.id });
    expect(moved.parentId).toBe(otherBanner.id);
    const hit = (await core.call('org.search', { query: '新立村党支部' })).find((h) => h.pathNames.includes('测试二镇党委'))!;
    expect(hit.pathNames).toEqual(['赤峰市委', '敖汉旗委', '测试二镇党委']);
    await expect(core.call('org.move', { id: otherBanner.id, newParentId: town.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(core.call('org.move', { id: town.id, newParentId: cityId })).rejects.toMatchObject({ message: expect.stringContaining('层级不符') });
    const history = await core.call('org.history', { id: town.id });
    expect(history.map((h) => h.fieldLabel)).toEqual(expect.arrayContaining(['上级党组织', '党组织名称']));
  });

  it('closes a unit with its subtree; closed units stay in past years but leave the tree and this year', async () => {
    const town = (await core.call('org.children', { parentId: bannerId })).nodes.find((t) => t.name === '天义镇党委')!;
    const before = await core.call('ledger.list', { year: 2026, scopeOrgId: town.id });
    expect(before.total).toBe(town.branchCount);
    const result = await core.call('org.close', { id: town.id, closedOn: '2027-01-15' });
    expect(result.closed).toBe(town.branchCount + 1);
    // Still in the 2026 ledger (closed after it), gone from the open tree.
    expect((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).total).toBe(town.branchCount);
    expect((await core.call('org.children', { parentId: bannerId })).nodes.some((n) => n.id === town.id)).toBe(false);
    expect((await core.call('org.children', { parentId: bannerId, includeClosed: true })).nodes.find((n) => n.id === town.id)?.closedOn).toBe('2027-01-15');
    // The search finds it only when asked for closed units too (the org page's 含已撤销), with its closing day.
    expect((await core.call('org.search', { query: '天义镇党委' })).some((h) => h.node.id === town.id)).toBe(false);
    const closedHit = (await core.call('org.search', { query: '天义镇党委', includeClosed: true })).find((h) => h.node.id === town.id);
    expect(closedHit?.node.closedOn).toBe('2027-01-15');
    expect(closedHit?.pathNames).toEqual(['赤峰市委', '宁城县委']);
    // A branch closed during 2026 is not carried into 2027, and the copy says so apart from rows 2027 has already.
    const gone = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => !r.township?.startsWith('天义镇') && r.closedOn === null)!;
    await core.call('org.close', { id: gone.orgId, closedOn: '2026-06-30' });
    const copy = await core.call('ledger.copyYear', { from: 2026, to: 2027 });
    expect(copy).toMatchObject({ skipped: 0, closed: 1 });
    expect((await core.call('ledger.list', { year: 2027 })).rows.some((r) => r.orgId === gone.orgId)).toBe(false);
    expect((await core.call('ledger.list', { year: 2027, scopeOrgId: town.id })).total).toBe(town.branchCount);
    await core.call('org.reopen', { id: town.id });
    expect((await core.call('org.children', { parentId: bannerId })).nodes.some((n) => n.id === town.id)).toBe(true);
  });
});
