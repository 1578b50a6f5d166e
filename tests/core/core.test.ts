import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore } from '../helpers/core.ts';

describe('core over a seeded league', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('league', 1));
  });
  afterAll(() => core.close());

  it('sets the pragmas the design asks for', () => {
    expect(core.conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(core.conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(core.conn.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('shows the tree level by level with counts that add up', async () => {
    const roots = await core.call('org.children', { parentId: null });
    expect(roots.nodes).toHaveLength(1);
    const city = roots.nodes[0]!;
    expect(city).toMatchObject({ name: '赤峰市委', level: 'city', branchCount: 8000 });
    const banners = await core.call('org.children', { parentId: city.id });
    expect(banners.nodes.filter((n) => n.kind === 'county_committee').map((n) => n.name)).toEqual([
      '红山区委', '元宝山区委', '松山区委', '阿鲁科尔沁旗委', '巴林左旗委', '巴林右旗委', '林西县委', '克什克腾旗委',
      '翁牛特旗委', '喀喇沁旗委', '宁城县委', '敖汉旗委',
    ]);
    expect(banners.nodes.filter((n) => n.kind === 'city_direct_committee')).toHaveLength(6);
    expect(banners.nodes.reduce((s, n) => s + n.branchCount, 0)).toBe(city.branchCount);
    expect(banners.nodes.reduce((s, n) => s + n.memberCount, 0)).toBe(city.memberCount);
    const towns = await core.call('org.children', { parentId: banners.nodes[0]!.id });
    expect(towns.parent?.name).toBe('红山区委');
    expect(towns.nodes.reduce((s, n) => s + n.branchCount, 0)).toBe(banners.nodes[0]!.branchCount);
  });

  it('counts what stats asks for', async () => {
    const s = await core.call('stats.summary', {});
    expect(s.year).toBe(2026);
    expect(s.branches).toBe(8000);
    expect(s.orgsByLevel.find((l) => l.key === 'county')?.count).toBe(18);
    expect(s.branchesByCounty).toHaveLength(18);
    expect(s.branchesByField.reduce((a, f) => a + f.count, 0)).toBe(8000);
    expect(s.branchesByField[0]!.label).toBe('嘎查村');
    expect(s.branchesByGrade.map((g) => g.label)).toEqual(['先进', '中间', '后进']);
    expect(s.liaisonPoints).toBeGreaterThan(900);
  });
});
