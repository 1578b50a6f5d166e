/**
 * Backups, restore, retention and the damaged database (issue 17), on real SQLite files:
 * a backup is named only when verified, a restore puts back every row of every table,
 * a file that is not a good backup of ours is refused with nothing changed, and a
 * database damaged in the middle of a ledger page is only read, naming the latest good backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { latestSchemaVersion, migrations } from '../../electron/core/db/migrations/index.ts';
import type { BackupInfo } from '../../shared/contract/backup.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { cli } from '../helpers/cli.ts';
import { damageLedgerPage } from '../helpers/damage.ts';
import { fixedNow, openCore, seededCore, tempDir } from '../helpers/core.ts';

/** Every row of every table (from sqlite_master), read through a connection of its own. */
export function dumpAll(file: string): Record<string, unknown[]> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      out[t] = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    }
    out['#user_version'] = [db.pragma('user_version', { simple: true })];
    return out;
  } finally {
    db.close();
  }
}

function integrity(file: string): string {
  const db = new SQLite(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('backups', () => {
  it('names a backup only when it is verified, and lists what it holds from its sidecar', async () => {
    const { core, dir } = await seededCore('small');
    const b = await core.call('backup.now', { note: '换届前' });
    expect(b).toMatchObject({ reason: 'manual', note: '换届前', schemaVersion: latestSchemaVersion, latestYear: 2026 });
    expect(b.units).toBeGreaterThan(0);
    expect(b.branches).toBeGreaterThan(10);
    expect(b.path).toBe(path.join(dir, 'backups', b.name));
    expect(integrity(b.path)).toBe('ok');
    // A plain file: nothing of a journal beside it, and no .part left.
    expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual([b.name, `${b.name}.json`]);
    const list = await core.call('backup.list', {});
    expect(list.backups).toEqual([b]);
    expect(list.health).toEqual({ ok: true, readOnly: false, problem: null, latestGoodBackup: b });
    await core.close();
  });

  it('never lists a copy under way, a leftover of a killed backup, or a .db that does not verify; leftovers go once old', async () => {
    let clock = fixedNow;
    const dir = tempDir();
    const dbPath = path.join(dir, 'z.db');
    const core = await createCore({ dbPath, now: () => clock, host: 'loopback' });
    const good = await core.call('backup.now', {});
    const backups = path.join(dir, 'backups');
    // What a kill leaves: half a copy under its temporary name with its journal, a sidecar whose .db was never named,
    // and (from before sidecars) an empty file named like a backup.
    const bytes = fs.readFileSync(good.path);
    fs.writeFileSync(path.join(backups, 'z-20260315-030000-daily.db.part'), bytes.subarray(0, bytes.length >> 1));
    fs.writeFileSync(path.join(backups, 'z-20260315-030000-daily.db.part-journal'), 'x');
    fs.writeFileSync(path.join(backups, 'z-20260315-040000-import.db.json'), JSON.stringify({ ...good, reason: 'import' }));
    fs.writeFileSync(path.join(backups, 'z-v1-before-v15-20260101-000000.db'), '');
    fs.writeFileSync(path.join(backups, 'half.db'), bytes.subarray(0, bytes.length >> 1));
    expect((await core.call('backup.list', {})).backups.map((b) => b.name)).toEqual([good.name]);
    // A minute later the leftovers may still be another process's copy under way: kept.
    clock = new Date(fixedNow.getTime() + 60_000);
    await core.call('backup.now', {});
    expect(fs.existsSync(path.join(backups, 'z-20260315-030000-daily.db.part'))).toBe(true);
    // Once old they are removed; the files named .db that do not verify are never touched.
    const old = new Date(Date.now() - 3600_000);
    for (const f of fs.readdirSync(backups)) fs.utimesSync(path.join(backups, f), old, old);
    clock = new Date(fixedNow.getTime() + 120_000);
    const third = await core.call('backup.now', {});
    const left = fs.readdirSync(backups);
    expect(left.filter((f) => /\.part/.test(f) || f === 'z-20260315-040000-import.db.json')).toEqual([]);
    expect(left).toContain('half.db');
    expect((await core.call('backup.list', {})).backups.map((b) => b.name)).toEqual([third.name, expect.stringMatching(/manual\.db$/), good.name]);
    await core.close();
  });

  it('keeps daily, monthly and before-change backups as retention says, with the clock given', async () => {
    let clock = new Date('2026-01-01T04:00:00Z');
    const dir = tempDir();
    const core = await createCore({ dbPath: path.join(dir, 'r.db'), now: () => clock, host: 'loopback' });
    await core.call('backup.saveRetention', { daily: 3, monthly: 2, beforeChangeDays: 5 });
    const taken: Record<string, string> = {};
    for (let day = 0; day < 70; day++) {
      clock = new Date(Date.parse('2026-01-01T04:00:00Z') + day * 86_400_000);
      taken[`daily${day}`] = (await core.backups.take('daily')).name;
      if (day === 0) taken.manual0 = (await core.call('backup.now', { note: '年初' })).name;
      if (day === 20 || day === 66 || day === 68) {
        clock = new Date(clock.getTime() + 3600_000);
        taken[`import${day}`] = (await core.backups.take('import', '导入')).name;
      }
    }
    const kept = (await core.call('backup.list', {})).backups.map((b) => b.name).sort();
    // Day 31 is 1 February, day 59 is 1 March: the first backups of the two newest months.
    const expected = ['manual0', 'daily31', 'daily59', 'daily67', 'daily68', 'daily69', 'import66', 'import68'].map((k) => taken[k]!).sort();
    expect(kept).toEqual(expected);
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.db')).sort()).toEqual(expected);
    expect(await core.call('backup.list', {})).toMatchObject({ retention: { daily: 3, monthly: 2, beforeChangeDays: 5 } });
    await core.close();
  });

  it('restores a backup: every row of every table as it was, the database before it kept as a backup, pages told', async () => {
    const { core, dbPath } = await seededCore('small');
    const before = dumpAll(dbPath);
    const backup = await core.call('backup.now', {});
    // Changes after the backup: a ledger cell, a new unit, a setting.
    const rows = (await core.call('ledger.list', { year: 2026 })).rows;
    await core.call('ledger.edit', { changes: [{ id: rows[0]!.id, field: 'secretary', value: '恢复测试' }], source: 'typed' });
    const parent = rows[0]!.orgId;
    await core.call('settings.save', { operatorName: '王五' });
    const changed = dumpAll(dbPath);
    expect(changed).not.toEqual(before);
    expect((await core.call('ledger.list', { year: 2026 })).rows[0]!.secretary).toBe('恢复测试');
    const told: string[] = [];
    core.on('data.changed', (e) => told.push(e.entity));

    const r = await core.call('backup.restore', { name: backup.name });
    expect(r.restored).toEqual(backup);
    expect(r.safetyCopy).toMatchObject({ reason: 'restore', note: expect.stringContaining(backup.name) });
    expect(dumpAll(dbPath)).toEqual(before);
    // The safety copy holds the database as it was just before.
    expect(dumpAll(r.safetyCopy!.path)).toEqual(changed);
    expect(told).toContain('database');
    // The core's own answers are the restored ones (no cache outlives the restore), and it writes again.
    expect((await core.call('ledger.list', { year: 2026 })).rows[0]!.secretary).not.toBe('恢复测试');
    expect(parent).toBeGreaterThan(0);
    await core.call('settings.save', { operatorName: '赵六' });
    expect(integrity(dbPath)).toBe('ok');
    await core.close();
  });

  it('restores a backup from an older app and brings it to the current schema, backed up before that migration too', async () => {
    const { core, dbPath } = await seededCore(null);
    const other = tempDir();
    const old = path.join(other, '旧版备份.db');
    const v1 = new SQLite(old);
    v1.exec(migrations[0]!.sql);
    v1.exec("INSERT INTO org (uid, level, kind, name, path, depth, created_at, updated_at) VALUES ('u1', 'city', 'city_committee', '赤峰市委', '/1/', 0, 'x', 'x')");
    v1.pragma('user_version = 1');
    v1.close();
    core.grants.read(old);
    const r = await core.call('backup.restoreFile', { path: old });
    expect(r.restored).toMatchObject({ path: old, schemaVersion: 1, units: 1 });
    const db = new SQLite(dbPath, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.prepare('SELECT name FROM org').all()).toEqual([{ name: '赤峰市委' }]);
    db.close();
    expect((await core.call('backup.list', {})).backups.map((b) => [b.reason, b.schemaVersion])).toEqual(
      expect.arrayContaining([
        ['migration', 1],
        ['restore', latestSchemaVersion],
      ]),
    );
    expect((await core.call('org.children', { parentId: null })).nodes.map((n) => n.name)).toEqual(['赤峰市委']);
    await core.close();
  });

  it('refuses a foreign, a damaged, a newer or a non-SQLite file for restore, changing nothing', async () => {
    const { core, dbPath, dir } = await seededCore('small');
    const good = await core.call('backup.now', {});
    const before = dumpAll(dbPath);
    const other = tempDir();
    const foreign = path.join(other, '别的程序.db');
    const f = new SQLite(foreign);
    f.exec('CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customer VALUES (1, \'张三\')');
    f.pragma('user_version = 3');
    f.close();
    const damaged = path.join(other, '损坏.db');
    fs.copyFileSync(good.path, damaged);
    damageLedgerPage(damaged);
    const newer = path.join(other, '新版本.db');
    fs.copyFileSync(good.path, newer);
    const n = new SQLite(newer);
    n.pragma(`user_version = ${latestSchemaVersion + 1}`);
    n.close();
    const text = path.join(other, '说明.db');
    fs.writeFileSync(text, '这不是数据库'.repeat(20));
    const listBefore = fs.readdirSync(path.join(dir, 'backups')).sort();
    for (const [file, why] of [
      [foreign, '不是组工台账的数据库'],
      [damaged, '已损坏'],
      [newer, '更新版本'],
      [text, '不是 SQLite 数据库文件'],
    ] as const) {
      core.grants.read(file);
      const e = await rejection(core.call('backup.restoreFile', { path: file }));
      expect(e).toMatchObject({ code: 'BAD_FILE', message: expect.stringContaining(why) });
      expect(e.message).toContain('当前数据库没有任何改动');
      expect(dumpAll(dbPath)).toEqual(before);
      // No safety copy, no temporary copy left.
      expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual(listBefore);
    }
    // A path never chosen in the dialog is refused before anything is read.
    await expect(core.call('backup.restoreFile', { path: path.join(other, '未选择.db') })).rejects.toMatchObject({ code: 'INVALID_ARGS' });
    await expect(core.call('backup.restore', { name: '没有这个.db' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await core.close();
  });

  it('says in Chinese why a backup cannot be written (its folder taken by a file), and leaves nothing behind', async () => {
    const { dir, dbPath, core } = await seededCore('small');
    await core.close();
    const taken = path.join(dir, '备份位置');
    fs.writeFileSync(taken, '不是文件夹');
    const blocked = await createCore({ dbPath, backupsDir: taken, now: () => fixedNow, host: 'loopback' });
    const e = await rejection(blocked.call('backup.now', {}));
    expect(e.message).toContain('该位置已有一个同名的文件，不是文件夹');
    // No system words (ENOTDIR, mkdir …); the temp folder's random name is not the message's.
    expect(e.message.replaceAll(taken, '')).not.toMatch(/[A-Z]{4,}|mkdir|errno/);
    await blocked.close();
    expect(fs.readFileSync(taken, 'utf8')).toBe('不是文件夹');
  });

  it('backs up before an import is committed, and the backup holds the ledger as it was', async () => {
    const { core } = await seededCore('small');
    const file = path.resolve(import.meta.dirname, '../fixtures/import/handmade-ledger.xlsx');
    core.grants.read(file);
    const preview = await core.call('import.open', { path: file });
    const ledgerBefore = (await core.call('ledger.list', { year: 2026 })).rows.length;
    expect((await core.call('backup.list', {})).backups).toEqual([]);
    const commit = await core.call('import.commit', { sessionId: preview.sessionId, decisions: {} });
    expect(commit.applied.newRows).toBe(1);
    const [b] = (await core.call('backup.list', {})).backups;
    expect(b).toMatchObject({ reason: 'import', note: '导入“handmade-ledger.xlsx”之前' });
    const copy = new SQLite(b!.path, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM branch_ledger WHERE year = 2026 AND deleted_at IS NULL').get()).toEqual({ n: ledgerBefore });
    copy.close();
    expect((await core.call('ledger.list', { year: 2026 })).rows.length).toBe(ledgerBefore + 1);
    await core.close();
  });

  it('backs up before a migration with the verified online backup, listed with the versions', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.db');
    const old = new SQLite(file);
    old.exec(migrations[0]!.sql);
    old.exec("INSERT INTO org (uid, level, kind, name, path, depth, created_at, updated_at) VALUES ('u1', 'city', 'city_committee', '赤峰市委', '/1/', 0, 'x', 'x')");
    old.pragma('user_version = 1');
    old.close();
    const core = await openCore(file);
    const [b] = (await core.call('backup.list', {})).backups;
    expect(b).toMatchObject({ reason: 'migration', schemaVersion: 1, units: 1, branches: 0, note: `第 1 版 → 第 ${latestSchemaVersion} 版`, path: core.migration.backupPath });
    await core.close();
  });
});

describe('the daily backup', () => {
  it('is taken at the first write of a day (and a moment after start), once a day', async () => {
    let clock = new Date('2026-03-15T04:00:00Z');
    const dir = tempDir();
    const dbPath = path.join(dir, 'd.db');
    const seeded = await createCore({ dbPath, now: () => clock, host: 'loopback' });
    await seeded.close();
    const core = await createCore({ dbPath, now: () => clock, host: 'electron' });
    const dailies = async () => (await core.call('backup.list', {})).backups.filter((b) => b.reason === 'daily');
    // After start, without any call: the window opens first, the backup a moment later.
    expect(await dailies()).toEqual([]);
    await new Promise((r) => setTimeout(r, 1500));
    await core.backups.run(async () => null);
    expect(await dailies()).toHaveLength(1);
    await core.call('settings.save', { operatorName: '王五' });
    await core.backups.run(async () => null);
    expect(await dailies()).toHaveLength(1);
    // The next day's first write takes the next one.
    clock = new Date('2026-03-16T04:00:00Z');
    await core.call('settings.save', { termOverdueYears: 4 });
    await core.call('org.create', { parentId: null, name: '测试市委', level: 'city' });
    await core.backups.run(async () => null);
    const two = await dailies();
    expect(two).toHaveLength(1 + 1);
    expect(two[0]!.takenAt).toBe('2026-03-16T04:00:00.000Z');
    await core.close();
  });
});

describe('a damaged database', () => {
  /** A seeded database with one good backup, then damaged in the middle of a ledger page. */
  async function damagedDatabase(): Promise<{ dbPath: string; dir: string; good: BackupInfo }> {
    const { core, dbPath, dir } = await seededCore('small');
    const good = await core.call('backup.now', { note: '好的' });
    await core.close();
    damageLedgerPage(dbPath);
    expect(integrity(dbPath)).not.toBe('ok');
    return { dbPath, dir, good };
  }

  it('is opened to be read only: writes are refused naming the latest good backup, the file is left as it was', async () => {
    const { dbPath, good } = await damagedDatabase();
    const bytes = fs.readFileSync(dbPath);
    // As the app opens it: with the daily backup, which a damaged database never gets.
    const core: Core = await createCore({ dbPath, now: () => fixedNow, host: 'electron' });
    const health = await core.call('app.health', {});
    expect(health).toMatchObject({ ok: false, readOnly: true, problem: expect.stringContaining('数据库文件已损坏'), latestGoodBackup: good });
    // Said in Chinese: SQLite's own English lines (“Tree 5 page 7 cell 0: …”) are not shown to a person.
    expect(health.problem!.replace('quick_check', '')).not.toMatch(/[A-Za-z]/);
    // A transaction, a single-statement setting, an import's backup: each refused the same way.
    const refusals = [
      await rejection(core.call('org.create', { parentId: 1, name: '新支部', level: 'branch', kind: 'village_branch' })),
      await rejection(core.call('settings.save', { operatorName: '王五' })),
      await rejection(core.call('backup.saveRetention', { daily: 5, monthly: 1, beforeChangeDays: 3 })),
    ];
    for (const e of refusals) {
      expect(e).toMatchObject({ code: 'DB_DAMAGED', message: expect.stringContaining(good.name) });
      expect(e.message).toContain('只能查看，不能修改');
    }
    await expect(core.call('backup.now', {})).rejects.toMatchObject({ code: 'DB_DAMAGED', message: expect.stringContaining('无法备份') });
    // Reads still work, to look and export; one that meets the damaged page is told as the damage.
    expect((await core.call('org.children', { parentId: null, counts: false })).nodes.length).toBeGreaterThan(0);
    expect((await core.call('settings.get', {})).operatorName).toBeNull();
    await expect(core.call('ledger.list', { year: 2026 })).rejects.toMatchObject({ code: 'DB_DAMAGED', message: expect.stringContaining(good.name) });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await core.call('backup.list', {})).backups).toEqual([good]);
    await core.close();
    expect(fs.readFileSync(dbPath).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
  });

  it('offers only its own backups, the data as it went on before a 恢复前备份, and names the damaged file it keeps aside', async () => {
    const { core, dbPath, dir } = await seededCore('small');
    const good = await core.call('backup.now', { note: '好的' });
    // A restore sets the current data aside as a 恢复前备份: newer, but what was undone on purpose.
    const undone = await core.call('backup.restore', { name: good.name });
    expect(undone.safetyCopy!.reason).toBe('restore');
    await core.close();
    // Another database in the same folder, with a backup of its own, newer than all of these.
    const other = await createCore({ dbPath: path.join(dir, 'county.db'), now: () => new Date(fixedNow.getTime() + 3_600_000), host: 'loopback' });
    const others = await other.call('backup.now', { note: '另一个数据库' });
    expect((await other.call('backup.list', {})).backups.map((b) => b.name)).toEqual([others.name]);
    await other.close();
    damageLedgerPage(dbPath);

    const damaged = await openCore(dbPath);
    const listed = (await damaged.call('backup.list', {})).backups.map((b) => b.name);
    expect(listed).toEqual(expect.arrayContaining([good.name, undone.safetyCopy!.name]));
    expect(listed).not.toContain(others.name);
    const health = await damaged.call('app.health', {});
    expect(health.latestGoodBackup!.name).toBe(good.name);
    expect((await rejection(damaged.call('settings.save', { operatorName: '王五' }))).message).toContain(good.name);
    const r = await damaged.call('backup.restore', { name: good.name });
    expect(r.safetyCopy).toBeNull();
    expect(path.dirname(r.damagedCopy!)).toBe(path.join(dir, 'backups'));
    expect(fs.existsSync(r.damagedCopy!)).toBe(true);
    await damaged.close();
  });

  it('is put right by restoring the latest good backup, and writes again', async () => {
    const { dbPath, dir, good } = await damagedDatabase();
    const core = await openCore(dbPath);
    const r = await core.call('backup.restore', { name: good.name });
    expect(r.safetyCopy).toBeNull();
    // The damaged file is kept aside (not as a backup, which it is not).
    expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.endsWith('-damaged.db.damaged'))).toBe(true);
    expect(await core.call('app.health', {})).toMatchObject({ ok: true, readOnly: false, problem: null });
    await core.call('settings.save', { operatorName: '王五' });
    expect(integrity(dbPath)).toBe('ok');
    expect(dumpAll(dbPath).branch_ledger).toEqual(dumpAll(good.path).branch_ledger);
    await core.close();
  });

  it('makes the CLI refuse writes with exit 1 naming the latest good backup; restore --from puts it right', async () => {
    const { dbPath, good } = await damagedDatabase();
    const file = path.resolve(import.meta.dirname, '../fixtures/import/handmade-ledger.xlsx');
    const imported = await cli('import', '--db', dbPath, '--file', file);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(good.name);
    expect(imported.stderr).toContain('已损坏');
    const backup = await cli('backup', '--db', dbPath);
    expect(backup).toMatchObject({ code: 1, stderr: expect.stringContaining(good.name) });
    // A read that meets the damaged page says so, naming the backup too.
    expect(await cli('stats', '--db', dbPath)).toMatchObject({ code: 1, stderr: expect.stringContaining(good.name) });
    const restored = await cli('restore', '--db', dbPath, '--from', good.path, '--json');
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ restored: { name: good.name }, safetyCopy: null });
    expect(integrity(dbPath)).toBe('ok');
    expect((await cli('import', '--db', dbPath, '--file', file, '--json')).code).toBe(0);
  });
});

describe('cli backup and restore', () => {
  it('backs up into the folder or to --out, and restores from a file, as JSON', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'c.db');
    await cli('seed', '--db', db, '--size', 'small', '--seed', '2', '--year', '2026');
    const before = dumpAll(db);
    const made = await cli('backup', '--db', db, '--note', '月底', '--json');
    expect(made.code).toBe(0);
    const info = JSON.parse(made.stdout) as BackupInfo;
    expect(info).toMatchObject({ reason: 'manual', note: '月底', latestYear: 2026 });
    const out = path.join(dir, '拷贝.db');
    const copied = await cli('backup', '--db', db, '--out', out);
    expect(copied).toMatchObject({ code: 0, stdout: expect.stringContaining(out) });
    expect(dumpAll(out)).toEqual(before);
    expect(await cli('backup', '--db', db, '--out', out)).toMatchObject({ code: 1, stderr: expect.stringContaining('已存在') });
    // A change, then the copy put back.
    const live = new SQLite(db);
    live.prepare("UPDATE org SET name = '改过的名字' WHERE id = 1").run();
    live.close();
    const r = await cli('restore', '--db', db, '--from', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ restored: { path: out }, safetyCopy: { reason: 'restore' } });
    expect(dumpAll(db)).toEqual(before);
    const text = await cli('restore', '--db', db, '--from', path.join(dir, '没有.db'));
    expect(text).toMatchObject({ code: 1, stderr: expect.stringContaining('找不到这个文件') });
  });
});
