import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { seededCore } from '../helpers/core.ts';

describe('undo and redo by change set', () => {
  let core: Core;
  let rows: LedgerRow[];
  const row = async (id: number) => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id)!;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 31));
    rows = (await core.call('ledger.list', { year: 2026 })).rows;
  });
  afterAll(() => core.close());

  it('undoes a paste of several cells, invalid ones included, and redoes it; both audited', async () => {
    const [a, b] = [rows[0]!, rows[1]!];
    const paste = await core.call('ledger.edit', {
      changes: [
        { id: a.id, field: 'membersFormal', value: '88' },
        { id: a.id, field: 'grade', value: '差' },
        { id: b.id, field: 'membersFormal', value: '很多' },
        { id: b.id, field: 'name', value: '改名后的党支部' },
      ],
      source: 'paste',
    });
    expect(paste.changeSetId).not.toBeNull();
    const undo = await core.call('changes.undo', { changeSetId: paste.changeSetId! });
    expect(undo.problems).toEqual([]);
    expect(await row(a.id)).toMatchObject({ membersFormal: a.membersFormal, grade: a.grade });
    expect(await row(b.id)).toMatchObject({ membersFormal: b.membersFormal, name: b.name, invalid: null });
    expect((await core.call('ledger.history', { id: a.id }))[0]).toMatchObject({ source: 'undo', newValue: a.membersFormal });

    const redo = await core.call('changes.redo', { changeSetId: undo.changeSetId! });
    expect(await row(a.id)).toMatchObject({ membersFormal: 88, grade: 'lagging' });
    expect(await row(b.id)).toMatchObject({ name: '改名后的党支部', invalid: { membersFormal: { raw: '很多' } } });
    expect((await core.call('ledger.history', { id: b.id }))[0]).toMatchObject({ source: 'redo' });
    await expect(core.call('changes.undo', { changeSetId: paste.changeSetId! })).rejects.toMatchObject({ message: expect.stringContaining('已经撤销过') });
    expect(redo.changeSetId).not.toBeNull();
  });

  it('does not overwrite a cell changed again since: it names it and changes nothing', async () => {
    const c = rows[2]!;
    const first = await core.call('ledger.edit', { changes: [{ id: c.id, field: 'secretary', value: '王一' }, { id: c.id, field: 'notes', value: '第一次' }], source: 'typed' });
    await core.call('ledger.edit', { changes: [{ id: c.id, field: 'secretary', value: '李二' }], source: 'typed' });
    await expect(core.call('changes.undo', { changeSetId: first.changeSetId! })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`“${c.name}”的书记已被改为“李二”`) });
    expect(await row(c.id)).toMatchObject({ secretary: '李二', notes: '第一次' });
  });

  it('undoes a delete and an added row', async () => {
    const d = rows[3]!;
    const del = await core.call('ledger.delete', { ids: [d.id] });
    await core.call('changes.undo', { changeSetId: del.changeSetId });
    expect((await row(d.id)).deletedAt).toBeNull();
    // An added branch undone goes entirely, its unit too: as if it had not been added.
    const added = await core.call('ledger.addBranch', { year: 2026, parentId: d.townshipId!, name: '撤销测试党支部' });
    expect(await core.call('changes.undo', { changeSetId: added.changeSetId })).toMatchObject({ removed: ['撤销测试党支部'], ledger: { gone: [added.id] } });
    expect((await core.call('ledger.list', { year: 2026 })).rows.some((r) => r.id === added.id)).toBe(false);
    expect((await core.call('ledger.list', { year: 2026, deleted: true })).rows.some((r) => r.id === added.id)).toBe(false);
    expect(await core.call('org.search', { query: '撤销测试党支部' })).toEqual([]);
  });
});

describe('rows added by a long paste', () => {
  it('are created in one change set under the unit, and one undo removes them all', async () => {
    const { core } = await seededCore('small', 32);
    try {
      const townshipId = (await core.call('ledger.list', { year: 2026 })).rows[0]!.townshipId!;
      const before = (await core.call('ledger.list', { year: 2026 })).total;
      const added = await core.call('ledger.addBranches', { year: 2026, parentId: townshipId, names: ['新增甲党支部', '新增乙党支部', '新增丙党支部'] });
      expect(added.rows.map((r) => [r.name, r.townshipId])).toEqual([['新增甲党支部', townshipId], ['新增乙党支部', townshipId], ['新增丙党支部', townshipId]]);
      expect((await core.call('ledger.list', { year: 2026 })).total).toBe(before + 3);
      await core.call('changes.undo', { changeSetId: added.changeSetId });
      expect((await core.call('ledger.list', { year: 2026 })).total).toBe(before);
      await expect(core.call('ledger.addBranches', { year: 2026, parentId: townshipId, names: ['重名党支部', '重名党支部'] })).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await core.call('ledger.list', { year: 2026 })).total).toBe(before);
    } finally {
      await core.close();
    }
  });
});
