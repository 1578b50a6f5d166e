import type SQLite from 'better-sqlite3';
import type { DictEntry } from '../../../shared/contract/types.ts';
import { defaultDictionaries } from '../../../shared/domain/defaults.ts';
import { all, build, first, run } from '../db/query.ts';

/**
 * Fills the dictionaries a new database starts with, and adds those a new version brings;
 * entries a user already has are left alone. Synchronous: it runs inside the migration's
 * own transaction (db/migrate.ts), so a database never has the new schema without them.
 */
export function insertDefaultDictionaries(sqlite: SQLite.Database): void {
  for (const [dict, { entries }] of Object.entries(defaultDictionaries)) {
    entries.forEach((e, i) =>
      run(
        sqlite,
        build
          .insertInto('dict_entry')
          .values({ dict, code: e.code, label: e.label, synonyms: JSON.stringify(e.synonyms ?? []), sort_order: i, active: 1 })
          .onConflict((oc) => oc.columns(['dict', 'code']).doNothing()),
      ),
    );
  }
}

/** code → label for one dictionary, for reports and stats. */
export function dictLabels(sqlite: SQLite.Database, dict: string): Map<string, string> {
  const rows = all(sqlite, build.selectFrom('dict_entry').select(['code', 'label']).where('dict', '=', dict).orderBy('sort_order'));
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** A dictionary's entries (or all of them), in their order; synchronous, usable inside a transaction. */
export function listDictEntriesSync(sqlite: SQLite.Database, dict?: string): DictEntry[] {
  const entries = build.selectFrom('dict_entry').selectAll();
  const rows = all(sqlite, dict === undefined ? entries.orderBy('dict').orderBy('sort_order') : entries.where('dict', '=', dict).orderBy('sort_order'));
  return rows.map((r) => ({
    dict: r.dict,
    code: r.code,
    label: r.label,
    synonyms: JSON.parse(r.synonyms) as string[],
    sortOrder: r.sort_order,
    active: r.active === 1,
  }));
}

/** Adds or changes one entry; a new entry gets a generated code (codes never change once used). */
export function saveDictEntry(
  sqlite: SQLite.Database,
  entry: { dict: string; code: string; label: string; synonyms: string[]; active: boolean; sortOrder: number | undefined },
): void {
  const keepOrder = entry.sortOrder === undefined;
  const order =
    entry.sortOrder ??
    first(sqlite, build.selectFrom('dict_entry').select((eb) => eb.fn.coalesce(eb(eb.fn.max('sort_order'), '+', 1), eb.lit(0)).as('n')).where('dict', '=', entry.dict))!.n;
  run(
    sqlite,
    build
      .insertInto('dict_entry')
      .values({ dict: entry.dict, code: entry.code, label: entry.label, synonyms: JSON.stringify(entry.synonyms), sort_order: order, active: entry.active ? 1 : 0 })
      .onConflict((oc) =>
        oc.columns(['dict', 'code']).doUpdateSet((eb) => ({
          label: eb.ref('excluded.label'),
          synonyms: eb.ref('excluded.synonyms'),
          active: eb.ref('excluded.active'),
          // An entry changed without saying where it goes keeps its place.
          sort_order: keepOrder ? eb.ref('dict_entry.sort_order') : eb.ref('excluded.sort_order'),
        })),
      ),
  );
}
