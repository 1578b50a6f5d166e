/**
 * The first run's guided tour is offered once (issue 20): after the first run built the tree, until
 * it is gone through or declined, and never on a database that was not set up by a first run.
 * Remembered in the database itself, on a real SQLite file.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { openCore, seededCore } from '../helpers/core.ts';

describe('the guided tour of the first hour', () => {
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('is offered after the first run, and no longer once taken, also after the database is opened again', async () => {
    const made = await seededCore(null);
    core = made.core;
    await expect(core.call('help.tour', {})).resolves.toEqual({ offer: false, outcome: null });
    await core.call('setup.init', { unit: '150429', operatorName: '李明' });
    await expect(core.call('help.tour', {})).resolves.toEqual({ offer: true, outcome: null });
    // Not taken yet: the next start still offers it.
    await core.close();
    core = await openCore(made.dbPath);
    await expect(core.call('help.tour', {})).resolves.toEqual({ offer: true, outcome: null });
    await expect(core.call('help.tourDone', { outcome: 'shown' })).resolves.toEqual({ offer: false, outcome: 'shown' });
    await core.close();
    core = await openCore(path.join(made.dir, 'test.db'));
    await expect(core.call('help.tour', {})).resolves.toEqual({ offer: false, outcome: 'shown' });
  });

  it('is not offered on a database that already had its tree (a seeded one), and a refused first run offers nothing', async () => {
    ({ core } = await seededCore('small', 2));
    await expect(core.call('setup.init', { unit: '150429' })).rejects.toThrow();
    await expect(core.call('help.tour', {})).resolves.toEqual({ offer: false, outcome: null });
  });

  it('refuses an outcome that is neither shown nor skipped, in Chinese, and changes nothing', async () => {
    ({ core } = await seededCore(null));
    await core.call('setup.init', { unit: '150429' });
    const refused = core.call('help.tourDone', { outcome: 'later' as 'shown' });
    await expect(refused).rejects.toThrow(/入门引导的结果/);
    await expect(core.call('help.tour', {})).resolves.toEqual({ offer: true, outcome: null });
  });
});
