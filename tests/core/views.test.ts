import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore } from '../helpers/core.ts';

describe('saved views: rename, default per page', () => {
  let core: Core;
  let dir: string;
  beforeAll(async () => {
    ({ core, dir } = await seededCore(null));
  });
  afterAll(async () => {
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renames a view, refusing a name another view of the grid has, in Chinese and changing nothing', async () => {
    const a = await core.call('view.save', { grid: 'ledger', name: '甲', state: { quick: 'a' } });
    await core.call('view.save', { grid: 'ledger', name: '乙', state: { quick: 'b' } });
    await expect(core.call('view.rename', { id: a.id, name: '乙' })).rejects.toMatchObject({ code: 'CONFLICT', message: '已有名为“乙”的视图，请换一个名称。' });
    expect((await core.call('view.list', { grid: 'ledger' })).map((v) => v.name)).toEqual(['乙', '甲']);
    const renamed = await core.call('view.rename', { id: a.id, name: '只看后进' });
    expect(renamed).toMatchObject({ id: a.id, name: '只看后进', state: { quick: 'a' }, isDefault: false });
    // The same name on another grid is no clash.
    const other = await core.call('view.save', { grid: 'records', name: '丙', state: {} });
    expect(await core.call('view.rename', { id: other.id, name: '乙' })).toMatchObject({ name: '乙', grid: 'records' });
    await expect(core.call('view.rename', { id: 9999, name: '丁' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps one default per grid: marking another moves the mark; unmarking leaves none; saving over keeps it', async () => {
    const views = await core.call('view.list', { grid: 'ledger' });
    const [b, a] = views; // 乙, 只看后进 (pinyin order of the names)
    await core.call('view.setDefault', { id: a!.id, isDefault: true });
    const defaults = async (grid: string) => (await core.call('view.list', { grid })).filter((v) => v.isDefault).map((v) => v.name);
    expect(await defaults('ledger')).toEqual(['只看后进']);
    await core.call('view.setDefault', { id: b!.id, isDefault: true });
    expect(await defaults('ledger')).toEqual(['乙']);
    // Another grid's default is its own.
    const rec = (await core.call('view.list', { grid: 'records' }))[0]!;
    await core.call('view.setDefault', { id: rec.id, isDefault: true });
    expect(await defaults('ledger')).toEqual(['乙']);
    expect(await defaults('records')).toEqual(['乙']);
    await core.call('view.save', { grid: 'ledger', name: '乙', state: { quick: 'new' } });
    expect((await core.call('view.list', { grid: 'ledger' })).find((v) => v.name === '乙')).toMatchObject({ isDefault: true, state: { quick: 'new' } });
    await core.call('view.setDefault', { id: b!.id, isDefault: false });
    expect(await defaults('ledger')).toEqual([]);
  });
});
