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

  it('is patched when a branch is renamed or reclassified in the tree', async () => {
    const row = (await core.call('ledger.list', query)).rows[5]!;
    await core.call('org.update', { id: row.orgId, name: '改名后的测试党支部' });
    expect((await expectSameAsFresh()).rows.find((r) => r.id === row.id)!.name).toBe('改名后的测试党支部');
    await expectSameAsFresh({ year: 2026 });
    const other = (await core.call('ledger.list', query)).rows[6]!;
    const field = other.field === '农村' ? '社区' : '农村';
    await core.call('org.update', { id: other.orgId, name: '阿阿改名排到最前党支部', field });
    const now = await expectSameAsFresh();
    expect(now.rows[0]).toMatchObject({ id: other.id, name: '阿阿改名排到最前党支部', field });
  });

  it('is patched when a township is renamed: its rows show the new name, the townships their new order', async () => {
    const byTownship = { year: 2026 };
    const rows = (await core.call('ledger.list', byTownship)).rows;
    const last = rows[rows.length - 1]!;
    await core.call('org.update', { id: last.townshipId!, name: '改名后的测试镇党委' });
    const now = await expectSameAsFresh(byTownship);
    expect(now.rows.filter((r) => r.townshipId === last.townshipId).every((r) => r.township === '改名后的测试镇党委')).toBe(true);
    await expectSameAsFresh();
    // Townships of the same place in the tree are ordered by name: renamed to sort first, the order follows.
    const other = new SQLite(dbPath);
    other.prepare("UPDATE org SET sort_order = 0 WHERE level = 'township' AND parent_id = (SELECT parent_id FROM org WHERE id = ?)").run(last.townshipId);
    other.close();
    const lastNow = (await expectSameAsFresh(byTownship)).rows.at(-1)!;
    await core.call('org.update', { id: lastNow.townshipId!, name: '阿阿阿测试镇党委' });
    expect((await core.call('ledger.list', byTownship)).rows.at(-1)!.townshipId).not.toBe(lastNow.townshipId);
    await expectSameAsFresh(byTownship);
    await expectSameAsFresh({ year: 2026, sort: [{ key: 'township', dir: 'desc' }] });
  });

  it('answers as a fresh read after a county is renamed, and after another process writes (nothing says what it changed)', async () => {
    const row = (await core.call('ledger.list', query)).rows[5]!;
    await core.call('org.update', { id: row.countyId!, name: '改名后的测试县委' });
    expect((await expectSameAsFresh()).rows.find((r) => r.id === row.id)!.county).toBe('改名后的测试县委');

    // The CLI or a second window writing to the same file.
    const other = new SQLite(dbPath);
    other.prepare("UPDATE branch_ledger SET secretary = '外部修改' WHERE id = ?").run(row.id);
    other.close();
    expect((await expectSameAsFresh()).rows.find((r) => r.id === row.id)!.secretary).toBe('外部修改');
  });
});
