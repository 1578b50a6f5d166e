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

/** The unit the department serves (an org id) and the staff member's name, kept with the data they belong to. */
export const unitSetting = 'unit.orgId';
export const operatorSetting = 'operator.name';

/** The department's unit, if it is still in the tree (an undone first run leaves the setting behind). */
export function ourUnitId(sqlite: SQLite.Database): number | null {
  const id = getSetting<number | null>(sqlite, unitSetting, null);
  if (id === null) return null;
  return first(sqlite, build.selectFrom('org').select('id').where('id', '=', id)) ? id : null;
}

export function operatorName(sqlite: SQLite.Database): string | null {
  return getSetting<string | null>(sqlite, operatorSetting, null);
}
