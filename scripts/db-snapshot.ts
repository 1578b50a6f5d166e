/**
 * After adding a migration: records its checksum in migrations.lock.json (refusing
 * to change the checksum of one already recorded: shipped migrations are never
 * edited) and rewrites schema.snapshot.sql from a fresh database.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { migrate, migrationChecksum } from '../electron/core/db/migrate.ts';
import { migrations } from '../electron/core/db/migrations/index.ts';
import { schemaSnapshot } from '../electron/core/db/snapshot.ts';

const dir = path.resolve(import.meta.dirname, '../electron/core/db');
const lockFile = path.join(dir, 'migrations/migrations.lock.json');
const lock = fs.existsSync(lockFile) ? (JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Record<string, string>) : {};
for (const m of migrations) {
  const key = `${String(m.version).padStart(4, '0')}_${m.name}`;
  const sum = migrationChecksum(m);
  if (lock[key] && lock[key] !== sum) {
    console.error(`迁移 ${key} 已发布，不能修改；请新增一个迁移。`);
    process.exit(1);
  }
  lock[key] = sum;
}
fs.writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
const sqlite = new SQLite(':memory:');
await migrate(sqlite, { file: ':memory:', now: new Date() });
fs.writeFileSync(path.join(dir, 'schema.snapshot.sql'), schemaSnapshot(sqlite));
console.log('已更新 migrations.lock.json 与 schema.snapshot.sql');
