import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrationChecksum } from '../../electron/core/db/migrate.ts';
import { latestSchemaVersion, migrations } from '../../electron/core/db/migrations/index.ts';
import { schemaSnapshot } from '../../electron/core/db/snapshot.ts';
import { fileHash, openCore, tempDir } from '../helpers/core.ts';

const dbDir = path.resolve(import.meta.dirname, '../../electron/core/db');

describe('migrations', () => {
  it('are numbered 1..n with no gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('match their recorded checksums: a shipped migration is never edited', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(dbDir, 'migrations/migrations.lock.json'), 'utf8')) as Record<string, string>;
    for (const m of migrations) {
      const key = `${String(m.version).padStart(4, '0')}_${m.name}`;
      expect(lock[key], `${key} 未记录：运行 npm run db:snapshot`).toBeDefined();
      expect(migrationChecksum(m), `${key} 已发布后被修改`).toBe(lock[key]);
    }
    expect(Object.keys(lock)).toHaveLength(migrations.length);
  });

  it('produce exactly the committed schema snapshot', async () => {
    const sqlite = new SQLite(':memory:');
    await migrate(sqlite, { file: ':memory:', now: new Date() });
    expect(schemaSnapshot(sqlite)).toBe(fs.readFileSync(path.join(dbDir, 'schema.snapshot.sql'), 'utf8'));
  });

  it('back the database up before pending migrations run, and the backup holds the old data', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.db');
    // A database as version 1 of the app left it.
    const old = new SQLite(file);
    old.exec(migrations[0]!.sql);
    old.exec("INSERT INTO org (uid, level, kind, name, path, depth, created_at, updated_at) VALUES ('u1', 'city', 'city_committee', '赤峰市委', '/1/', 0, 'x', 'x')");
    old.pragma('user_version = 1');
    old.close();

    const core = await openCore(file);
    expect(core.migration).toMatchObject({ from: 1, to: latestSchemaVersion });
    expect(core.migration.backupPath).toMatch(/old-\d{8}-\d{6}-migration\.db$/);
    await core.close();

    const backup = new SQLite(core.migration.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT name FROM org').get()).toEqual({ name: '赤峰市委' });
    expect(backup.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'leader'").get()).toEqual({ n: 0 });
    backup.close();
  });

  it('bring a version-3 database with a seeded league to the current schema, keeping its rows and adding the new dictionaries', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v3.db');
    const old = new SQLite(file);
    for (const m of migrations.slice(0, 3)) old.exec(m.sql);
    old.exec(`INSERT INTO dict_entry (dict, code, label) VALUES ('grade', 'lagging', '后进（改名）');
      INSERT INTO org (id, uid, level, kind, name, path, depth, created_at, updated_at) VALUES (1, 'c', 'city', 'city_committee', '赤峰市委', '/1/', 0, 'x', 'x');
      INSERT INTO leader (uid, name, position, committee_org_id, level, created_at, updated_at) VALUES ('l', '张三', 'secretary', 1, 'city', 'x', 'x');`);
    old.pragma('user_version = 3');
    old.close();
    const core = await openCore(file);
    expect(core.migration).toMatchObject({ from: 3, to: latestSchemaVersion });
    const kinds = await core.call('dict.list', { dict: 'visit_kind' });
    expect(kinds.map((k) => k.label)).toContain('讲党课');
    // What the user had is left alone: the renamed label stays.
    expect((await core.call('dict.list', { dict: 'grade' })).find((e) => e.code === 'lagging')!.label).toBe('后进（改名）');
    const leaders = await core.call('records.list', { table: 'leader', year: 2026 });
    expect(leaders.rows.map((r) => r.values.name)).toEqual(['张三']);
    await core.close();
  });

  it('write the new dictionaries in the same transaction as the migration: a failure between them leaves the old database, and the next start completes it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'v3.db');
    const old = new SQLite(file);
    for (const m of migrations.slice(0, 3)) old.exec(m.sql);
    old.exec("INSERT INTO dict_entry (dict, code, label) VALUES ('grade', 'lagging', '后进')");
    old.pragma('user_version = 3');
    // The dictionaries cannot be written (as if the process were killed right there).
    old.exec("CREATE TRIGGER no_dicts BEFORE INSERT ON dict_entry BEGIN SELECT RAISE(ABORT, 'killed while writing the dictionaries'); END");
    old.close();

    await expect(openCore(file)).rejects.toThrow(/killed while writing the dictionaries/);
    const after = new SQLite(file);
    // Untouched: still version 3, none of version 4's tables, no migration recorded.
    expect(after.pragma('user_version', { simple: true })).toBe(3);
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('liaison_visit', 'schema_migration')").get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT count(*) AS n FROM dict_entry').get()).toEqual({ n: 1 });
    after.exec('DROP TRIGGER no_dicts');
    after.close();

    // The next start migrates again, dictionaries and all.
    const core = await openCore(file);
    expect(core.migration).toMatchObject({ from: 3, to: latestSchemaVersion });
    expect((await core.call('dict.list', { dict: 'visit_kind' })).map((k) => k.label)).toContain('讲党课');
    await core.close();
  });

  it('make no backup of a brand-new database', async () => {
    const dir = tempDir();
    const core = await openCore(path.join(dir, 'new.db'));
    expect(core.migration).toMatchObject({ from: 0, backupPath: null });
    await core.close();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('refuse a database from a newer app and leave the file byte for byte', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'future.db');
    const s = new SQLite(file);
    s.exec('CREATE TABLE future_thing (x)');
    s.pragma(`user_version = ${latestSchemaVersion + 5}`);
    s.close();
    const before = fileHash(file);
    await expect(openCore(file)).rejects.toMatchObject({ code: 'DB_TOO_NEW', message: expect.stringContaining('更新版本') });
    expect(fileHash(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['future.db']);
  });

  it('refuse a file that is not a database and leave it untouched', async () => {
    const dir = tempDir();
    const file = path.join(dir, '台账.xlsx');
    fs.writeFileSync(file, 'PK\u0003\u0004 not a database at all, a spreadsheet perhaps');
    const before = fileHash(file);
    await expect(openCore(file)).rejects.toMatchObject({ code: 'DB_NOT_DATABASE', message: expect.stringContaining('不是') });
    expect(fileHash(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['台账.xlsx']);
  });
});
