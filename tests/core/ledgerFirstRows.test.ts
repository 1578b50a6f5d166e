/**
 * The first screenful of the ledger before the year is kept in memory (services/ledger/list.ts
 * `firstRowsUnread`): the window's first call takes the rows' order keys and those rows alone.
 * Its answer must be the whole year's answer cut to the page: the same rows in the same order,
 * the same total, in every unit, with rows deleted and branches closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore } from '../helpers/core.ts';

describe('the ledger’s first rows before the year is read', () => {
  let core: Core;
  const year = 2026;
  // As if the database had changed: the year is no longer kept (the next whole answer reads it again).
  const forget = () => core.ledgerCache.validate(`forgotten ${Math.random()}`);

  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
    const rows = (await core.call('ledger.list', { year })).rows;
    // Among the first rows: one deleted, one whose branch closed before the year (both left out), one closed during it (kept).
    await core.call('ledger.delete', { ids: [rows[1]!.id] });
    await core.call('org.close', { id: rows[2]!.orgId, closedOn: '2025-06-30' });
    await core.call('org.close', { id: rows[3]!.orgId, closedOn: '2026-06-30' });
  });
  afterAll(() => core.close());

  it('gives the first rows and the total the whole year gives, in every unit', async () => {
    const units = (await core.call('org.children', { parentId: null })).nodes;
    const city = units[0]!.id;
    const counties = (await core.call('org.children', { parentId: city })).nodes;
    const townships = (await core.call('org.children', { parentId: counties[0]!.id })).nodes;
    const scopes = [undefined, city, counties[0]!.id, counties[counties.length - 1]!.id, townships[0]!.id];
    let compared = 0;
    for (const scopeOrgId of scopes) {
      for (const limit of [1, 7, 100, 600]) {
        const query = { year, ...(scopeOrgId === undefined ? {} : { scopeOrgId }) };
        forget();
        const first = await core.call('ledger.list', { ...query, offset: 0, limit });
        // Answered without reading the year into memory.
        expect(core.ledgerCache.year).toBeNull();
        const whole = await core.call('ledger.list', query);
        expect(first.total).toBe(whole.total);
        expect(first.rows).toEqual(whole.rows.slice(0, limit));
        compared += first.rows.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('is not used for another order, a filter, or once the year is kept', async () => {
    forget();
    await core.call('ledger.list', { year, offset: 0, limit: 100, sort: [{ key: 'name', dir: 'asc' }] });
    expect(core.ledgerCache.year).not.toBeNull();
    forget();
    await core.call('ledger.list', { year, offset: 0, limit: 100, filter: { text: '村' } });
    expect(core.ledgerCache.year).not.toBeNull();
  });

  it('ledger.opening answers what the page’s own calls would: the years, our unit, that unit’s first rows of the latest year', async () => {
    const city = (await core.call('org.children', { parentId: null })).nodes[0]!.id;
    const county = (await core.call('org.children', { parentId: city })).nodes[0]!.id;
    for (const unitId of [county, null]) {
      await core.call('settings.save', { unitId });
      for (const kept of [false, true]) {
        if (kept) await core.call('ledger.list', { year, ...(unitId === null ? {} : { scopeOrgId: unitId }) });
        else forget();
        const opening = await core.call('ledger.opening', { limit: 100 });
        const years = await core.call('ledger.years', {});
        expect(opening.years).toEqual(years);
        expect(opening.unitId).toBe((await core.call('settings.get', {})).unitId);
        expect(opening.first).toEqual(await core.call('ledger.list', { year: years[0]!, ...(unitId === null ? {} : { scopeOrgId: unitId }), limit: 100 }));
        expect(opening.first!.rows.length).toBe(100);
      }
    }
  });

  it('ledger.opening of a ledger without a year has no first rows', async () => {
    const { core: empty } = await seededCore(null);
    try {
      await expect(empty.call('ledger.opening', { limit: 100 })).resolves.toEqual({ years: [], unitId: null, first: null });
    } finally {
      await empty.close();
    }
  });
});
