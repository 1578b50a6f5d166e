/**
 * The year reread after a change the core does not patch (a unit renamed in the tree) is
 * gathered in the last answer's order before it is sorted (issue 18): the answers must be those
 * of a core that never answered before, for every order and filter, renamed rows moved included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { ParsedArgs } from '../../shared/contract/methods.ts';
import { openCore, seededCore } from '../helpers/core.ts';

type Query = Omit<ParsedArgs<'ledger.list'>, 'offset' | 'limit'>;

describe('the ledger reread after a change in the tree', () => {
  let core: Core;
  let dbPath: string;
  beforeAll(async () => {
    ({ core, dbPath } = await seededCore('small', 44));
  });
  afterAll(() => core.close());

  const queries: Query[] = [
    { year: 2026 },
    { year: 2026, sort: [{ key: 'name', dir: 'desc' }] },
    { year: 2026, sort: [{ key: 'membersFormal', dir: 'asc' }, { key: 'name', dir: 'asc' }] },
    { year: 2026, filter: { grade: ['lagging', 'good'] }, sort: [{ key: 'township', dir: 'desc' }] },
    { year: 2026, filter: { text: 'a' } },
  ];
  const ids = async (c: Core, q: Query) => (await c.call('ledger.list', q)).rows.map((r) => `${r.id}:${r.name}`);

  it('answers as a fresh core does, after renames that move rows to the front and the back and rows added', async () => {
    for (const q of queries) await ids(core, q);
    const rows = (await core.call('ledger.list', { year: 2026 })).rows;
    // 阿 sorts first in pinyin, 左 last: each rename moves a row across the whole order.
    const renames = [[rows[5]!, '阿尔山村党支部'], [rows[0]!, '左家营子村党支部'], [rows[rows.length - 1]!, '阿拉坦村党支部']] as const;
    const fresh = await openCore(dbPath);
    try {
      for (const [i, [row, name]] of renames.entries()) {
        await core.call('org.update', { id: row.orgId, name });
        await core.call('ledger.addBranch', { parentId: rows[9]!.townshipId!, name: `爱民${i + 1}村党支部`, year: 2026 });
        for (const q of queries) {
          const ours = await ids(core, q);
          expect(ours, JSON.stringify(q)).toEqual(await ids(fresh, q));
          if (!q.filter) expect(ours.some((x) => x.endsWith(`:${name}`)), JSON.stringify(q)).toBe(true);
        }
        // The fresh core forgets its own last answers: the next round it answers as one that never did.
        fresh.ledgerCache.lastOrder = null;
      }
    } finally {
      await fresh.close();
    }
  });
});
