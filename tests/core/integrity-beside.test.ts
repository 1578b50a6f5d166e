/**
 * The integrity check at open runs beside the first reads (issue 18, db/integrity.ts): on real
 * SQLite files, a read answers while the check runs, a write issued then waits for it and lands,
 * and a damaged file is refused and offered its backup exactly as when the check runs first.
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { damageLedgerPage } from '../helpers/damage.ts';
import { fixedNow, seededCore } from '../helpers/core.ts';

/** As the window opens its file (host 'electron'), without the daily backup, which these tests do not look at. */
const openBeside = (dbPath: string): Promise<Core> => createCore({ dbPath, now: () => fixedNow, actor: '测试', host: 'electron', dailyBackup: false });

async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    return e as AppError;
  }
}

describe('the integrity check at open, beside the first reads', () => {
  it('answers reads while it runs; a write issued meanwhile waits for it and then lands', async () => {
    const { core: seeding, dbPath } = await seededCore('small');
    const expected = await seeding.call('ledger.list', { year: 2026, limit: 20 });
    await seeding.close();

    const core = await openBeside(dbPath);
    expect(core.conn.checking).not.toBeNull();
    const order: string[] = [];
    void core.conn.checking!.then(() => order.push('check passed'));
    const write = core.call('settings.save', { operatorName: '王五' }).then(() => order.push('write'));
    const read = core.call('ledger.list', { year: 2026, limit: 20 }).then((r) => {
      order.push('read');
      return r;
    });
    const tree = core.call('org.children', { parentId: null, counts: true }).then(() => order.push('tree'));
    const [, rows] = await Promise.all([write, read, tree]);
    expect(order).toEqual(['read', 'tree', 'check passed', 'write']);
    expect(rows).toEqual(expected);
    expect(core.conn.damage).toBeNull();
    expect((await core.call('settings.get', {})).operatorName).toBe('王五');
    expect(await core.call('app.health', {})).toMatchObject({ ok: true, readOnly: false });
    await core.close();

    // Written to the file, which the check left in WAL mode as before.
    const db = new SQLite(dbPath, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT value FROM setting WHERE key = 'operator.name'").pluck().get()).toContain('王五');
    db.close();
  });

  it('refuses the writes to a damaged file with the same message as a check made first, and offers the backup to restore', async () => {
    const { core: seeding, dbPath } = await seededCore('small');
    const good = await seeding.call('backup.now', { note: '好的' });
    await seeding.close();
    damageLedgerPage(dbPath);
    const bytes = fs.readFileSync(dbPath);

    // The refusal as the check made first (the CLI's and today's way) words it.
    const first = await createCore({ dbPath, now: () => fixedNow, actor: '测试', host: 'loopback' });
    expect(first.conn.checking).toBeNull();
    const told = (await outcome(first.call('settings.save', { operatorName: '王五' }))) as AppError;
    expect(told).toMatchObject({ code: 'DB_DAMAGED', message: expect.stringContaining(good.name) });
    await first.close();

    const core = await openBeside(dbPath);
    expect(core.conn.checking).not.toBeNull();
    const order: string[] = [];
    void core.conn.checking!.then(() => order.push('check ended'));
    const [write, transaction, tree, unit, page] = await Promise.all([
      outcome(core.call('settings.save', { operatorName: '王五' })),
      outcome(core.call('org.create', { parentId: 1, name: '新支部', level: 'branch', kind: 'village_branch' })),
      outcome(core.call('org.children', { parentId: null, counts: false }).finally(() => order.push('tree'))),
      outcome(core.call('setup.status', {})),
      outcome(core.call('ledger.list', { year: 2026 })),
    ]);
    // The tree's names are read while the check runs; the writes waited for its verdict.
    expect(order).toEqual(['tree', 'check ended']);
    expect((tree as { nodes: unknown[] }).nodes.length).toBeGreaterThan(0);
    expect(write).toBeInstanceOf(AppError);
    expect(write).toMatchObject({ code: 'DB_DAMAGED', message: told.message });
    expect(transaction).toMatchObject({ code: 'DB_DAMAGED', message: told.message });
    // The window's first call still opens (our unit without counts), and a page that meets the damage says so.
    expect(unit).not.toBeInstanceOf(AppError);
    expect(page).toMatchObject({ code: 'DB_DAMAGED', message: expect.stringContaining('这部分数据无法读取') });
    const health = await core.call('app.health', {});
    expect(health).toMatchObject({ ok: false, readOnly: true, problem: expect.stringContaining('数据库文件已损坏'), latestGoodBackup: good });
    // The file as it was: no WAL switch, nothing written.
    expect(fs.readFileSync(dbPath).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);

    // The backup it offers puts it right, and it writes again.
    await core.call('backup.restore', { name: good.name });
    await core.call('settings.save', { operatorName: '王五' });
    expect((await core.call('settings.get', {})).operatorName).toBe('王五');
    await core.close();
  });
});
