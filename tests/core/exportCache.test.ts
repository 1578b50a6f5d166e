/**
 * An export reads its rows from the year the core keeps in memory, and what it writes
 * beside (the batch, the remembered scope and choices) changes no ledger row: the
 * next export, or the grid, finds that year still valid instead of reading 100,000
 * rows again (issue 18).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore } from '../helpers/core.ts';
import { bannerOf } from '../helpers/exports.ts';

describe('export and the year in memory', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
  }, 60_000);
  afterAll(async () => {
    await core.close();
  });

  it('keeps the year in memory across exports that remember their scope and choices', async () => {
    await core.call('ledger.list', { year: 2026 });
    const year = core.ledgerCache.year;
    expect(year?.entries.size).toBeGreaterThan(100);
    const choices = (await core.call('templates.list', {})).find((t) => t.id === 'branch-ledger')!.choices;
    for (const name of ['一.xlsx', '二.xlsx']) {
      const { path } = await core.call('shell.chooseSaveFile', { suggestedName: name });
      const r = await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, choices: { ...choices, attachment: 2 }, path: path! });
      expect(r.rows).toBe(year!.entries.size);
    }
    await core.call('ledger.list', { year: 2026, scopeOrgId: await bannerOf(core) });
    expect(core.ledgerCache.year).toBe(year);
    // And a real change still makes it stale.
    const row = (await core.call('ledger.list', { year: 2026 })).rows[0]!;
    await core.call('ledger.edit', { changes: [{ id: row.id, field: 'notes', value: '改过' }], source: 'typed' });
    expect((await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === row.id)!.notes).toBe('改过');
  });
});
