/**
 * Two writers on one file: the command line (here a second process holding SQLite's
 * write lock, as an import's commit does) and the window's core. The window's edit waits
 * its turn; past the busy timeout it is refused with a Chinese BUSY and has written nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { buildSeed, writeSeed } from '../../electron/core/services/seed/index.ts';
import { fixedNow, tempDir } from '../helpers/core.ts';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Another process takes the write lock, writes a note into ledger row `rowId`, says
 * "locked", and commits `holdMs` later. Its own event loop keeps time: the core's wait
 * blocks this process.
 */
function holdWriteLock(dbPath: string, rowId: number, holdMs: number): { child: ChildProcess; locked: Promise<void>; released: Promise<void> } {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.env.DB);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("UPDATE branch_ledger SET notes = '命令行写入' WHERE id = ?").run(Number(process.env.ROW));
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, Number(process.env.HOLD));
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, DB: dbPath, ROW: String(rowId), HOLD: String(holdMs) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const seen = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(word) && resolve();
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        check();
      });
      child.on('exit', (code) => (out.includes(word) ? resolve() : reject(new Error(`lock holder exited ${code} before “${word}”`))));
    });
  const locked = seen('locked');
  const released = seen('released');
  // A test that fails early kills the holder: that is no second failure.
  released.catch(() => undefined);
  return { child, locked, released };
}

async function seeded(busyTimeoutMs: number): Promise<{ core: Core; dbPath: string; rowIds: [number, number] }> {
  const dbPath = path.join(tempDir(), 'busy.db');
  const core = await createCore({ dbPath, now: () => fixedNow, actor: '测试', host: 'loopback', busyTimeoutMs });
  const now = fixedNow.toISOString();
  await writeSeed(core.conn, buildSeed({ size: 'small', seed: 1, year: 2026, now }), { actor: '测试', now, seed: 1 });
  const rows = core.conn.sqlite.prepare('SELECT id FROM branch_ledger WHERE year = 2026 ORDER BY id LIMIT 2').all() as { id: number }[];
  return { core, dbPath, rowIds: [rows[0]!.id, rows[1]!.id] };
}

function counts(core: Core): { audit: number; changeSets: number; views: number } {
  const n = (sql: string) => (core.conn.sqlite.prepare(sql).get() as { n: number }).n;
  return { audit: n('SELECT count(*) AS n FROM audit_log'), changeSets: n('SELECT count(*) AS n FROM change_set'), views: n('SELECT count(*) AS n FROM saved_view') };
}

const cell = (core: Core, id: number, column: 'secretary' | 'notes') =>
  (core.conn.sqlite.prepare(`SELECT ${column} AS v FROM branch_ledger WHERE id = ?`).get(id) as { v: string | null }).v;

describe('two writers on one database', () => {
  let child: ChildProcess | undefined;
  let core: Core | undefined;
  afterEach(async () => {
    child?.kill();
    await core?.close();
    child = core = undefined;
  });

  it('an edit made while the command line writes waits its turn, then is saved', async () => {
    const s = await seeded(5000);
    core = s.core;
    const [ours, theirs] = s.rowIds;
    const holder = holdWriteLock(s.dbPath, theirs, 300);
    child = holder.child;
    await holder.locked;

    const edit = await core.invoke('ledger.edit', { changes: [{ id: ours, field: 'secretary', value: '王五' }], source: 'typed' });
    expect(edit).toMatchObject({ ok: true });
    // It ran after the other writer had committed: both writes are there.
    await holder.released;
    expect(cell(core, ours, 'secretary')).toBe('王五');
    expect(cell(core, theirs, 'notes')).toBe('命令行写入');

    // A single statement outside a transaction (saving a view) waits the same way.
    const again = holdWriteLock(s.dbPath, theirs, 300);
    child = again.child;
    await again.locked;
    expect(await core.invoke('view.save', { grid: 'ledger', name: '我的视图', state: { columns: [] } })).toMatchObject({ ok: true });
  });

  it('past the busy timeout the edit is refused in Chinese, has written nothing, and goes through when tried again', async () => {
    const s = await seeded(200);
    core = s.core;
    const [ours, theirs] = s.rowIds;
    const before = counts(core);
    const secretary = cell(core, ours, 'secretary');
    const holder = holdWriteLock(s.dbPath, theirs, 2500);
    child = holder.child;
    await holder.locked;

    const edit = await core.invoke('ledger.edit', { changes: [{ id: ours, field: 'secretary', value: '王五' }], source: 'typed' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'BUSY', message: expect.stringContaining('另一个窗口或命令行程序') } });
    if (!edit.ok) expect(edit.error.message).toMatch(/没有保存任何内容，请稍后再试/);
    const view = await core.invoke('view.save', { grid: 'ledger', name: '我的视图', state: { columns: [] } });
    expect(view).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    const add = await core.invoke('ledger.addBranch', { year: 2026, parentId: 1, name: '等待中新建的党支部' });
    expect(add).toMatchObject({ ok: false, error: { code: 'BUSY' } });

    await holder.released;
    // Nothing half-done: no value, no change set, no audit record, no view; the other writer's note is whole.
    expect(cell(core, ours, 'secretary')).toBe(secretary);
    expect(counts(core)).toEqual(before);
    expect(cell(core, theirs, 'notes')).toBe('命令行写入');

    expect(await core.invoke('ledger.edit', { changes: [{ id: ours, field: 'secretary', value: '王五' }], source: 'typed' })).toMatchObject({ ok: true });
    expect(cell(core, ours, 'secretary')).toBe('王五');
  });
});
