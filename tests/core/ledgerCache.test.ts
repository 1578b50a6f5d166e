/**
 * The core keeps a year's rows in memory and patches them on its own edits. After
 * every kind of write, what it answers must equal what a fresh core reads from the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import type { Core } from '../../electron/core/createCore.ts';
import type { MethodArgs } from '../../shared/contract/methods.ts';
import { openCore, seededCore } from '../helpers/core.ts';

describe('the cached ledger year', () => {
  let core: Core;
  let dbPath: string;
  const query: MethodArgs<'ledger.list'> = { year: 2026, filter: { grade: ['lagging', 'middle'] }, sort: [{ key: 'name', dir: 'asc' }] };
  beforeAll(async () => {
    ({ core, dbPath } = await seededCore('small', 5));
    await core.call('ledger.list', query); // fills the cache
  });
  afterAll(() => core.close());

  async function expectSameAsFresh(args: MethodArgs<'ledger.list'> = query) {
    const ours = await core.call('ledger.list', args);
    const fresh = await openCore(dbPath);
    try {
      expect(ours).toEqual(await fresh.call('ledger.list', args));
    } finally {
      await fresh.close();
    }
    return ours;
  }

  it('is patched by edits, renames, deletes, restores, added rows and undo', async () => {
    const rows = (await core.call('ledger.list', query)).rows;
    const [a, b, c] = [rows[0]!, rows[1]!, rows[2]!];
    const edit = await core.call('ledger.edit', {
      changes: [
        { id: a.id, field: 'grade', value: '先进' }, // leaves the filter
        { id: b.id, field: 'name', value: '阿阿阿测试党支部' }, // moves in the pinyin order
        { id: c.id, field: 'membersFormal', value: '多少' }, // kept, marked invalid
      ],
      source: 'typed',
    });
    let now = await expectSameAsFresh();
    expect(now.rows.some((r) => r.id === a.id)).toBe(false);
    expect(now.rows[0]!.id).toBe(b.id);
    expect(now.rows.find((r) => r.id === c.id)!.invalid?.membersFormal?.raw).toBe('多少');

    await core.call('ledger.delete', { ids: [c.id] });
    now = await expectSameAsFresh();
    expect(now.rows.some((r) => r.id === c.id)).toBe(false);
    await expectSameAsFresh({ year: 2026, deleted: true });
    await core.call('ledger.restore', { ids: [c.id] });
    expect((await expectSameAsFresh()).rows.some((r) => r.id === c.id)).toBe(true);

    const added = await core.call('ledger.addBranches', { year: 2026, parentId: a.townshipId!, names: ['缓存测试党支部'] });
    await core.call('ledger.edit', { changes: [{ id: added.rows[0]!.id, field: 'grade', value: '后进' }], source: 'typed' });
    expect((await expectSameAsFresh()).rows.some((r) => r.name === '缓存测试党支部')).toBe(true);

    await core.call('changes.undo', { changeSetId: edit.changeSetId! });
    now = await expectSameAsFresh();
    expect(now.rows.some((r) => r.id === a.id)).toBe(true);
    await expectSameAsFresh({ year: 2026 });
  });

  it('rereads after writes it does not patch: the tree, and another process', async () => {
    const row = (await core.call('ledger.list', query)).rows[5]!;
    await core.call('org.update', { id: row.orgId, name: '改名后的测试党支部' });
    expect((await expectSameAsFresh()).rows.find((r) => r.id === row.id)!.name).toBe('改名后的测试党支部');

    // The CLI or a second window writing to the same file.
    const other = new SQLite(dbPath);
    other.prepare("UPDATE branch_ledger SET secretary = '外部修改' WHERE id = ?").run(row.id);
    other.close();
    expect((await expectSameAsFresh()).rows.find((r) => r.id === row.id)!.secretary).toBe('外部修改');
  });
});
