import type SQLite from 'better-sqlite3';
import { build, first, run } from '../db/query.ts';

export function getSetting<T>(sqlite: SQLite.Database, key: string, fallback: T): T {
  const row = first(sqlite, build.selectFrom('setting').select('value').where('key', '=', key));
  return row ? (JSON.parse(row.value) as T) : fallback;
}

export function setSetting(sqlite: SQLite.Database, key: string, value: unknown): void {
  run(
    sqlite,
    build
      .insertInto('setting')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
  );
}
