import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { DictEntry } from '../../../shared/contract/types.ts';
import { defaultDictionaries } from '../../../shared/domain/defaults.ts';
import type { Database } from '../db/schema.ts';

/**
 * Fills the dictionaries a new database starts with, and adds those a new version brings;
 * entries a user already has are left alone. Synchronous: it runs inside the migration's
 * own transaction (db/migrate.ts), so a database never has the new schema without them.
 */
export function insertDefaultDictionaries(sqlite: SQLite.Database): void {
  const insert = sqlite.prepare(
    `INSERT INTO dict_entry (dict, code, label, synonyms, sort_order, active) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT (dict, code) DO NOTHING`,
  );
  for (const [dict, { entries }] of Object.entries(defaultDictionaries)) {
    entries.forEach((e, i) => insert.run(dict, e.code, e.label, JSON.stringify(e.synonyms ?? []), i));
  }
}

/** code → label for one dictionary, for reports and stats. */
export async function dictLabels(db: Kysely<Database>, dict: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('dict_entry').select(['code', 'label']).where('dict', '=', dict).orderBy('sort_order').execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** A dictionary's entries (or all of them), in their order; synchronous, usable inside a transaction. */
export function listDictEntriesSync(sqlite: SQLite.Database, dict?: string): DictEntry[] {
  const rows = (
    dict === undefined
      ? sqlite.prepare('SELECT * FROM dict_entry ORDER BY dict, sort_order').all()
      : sqlite.prepare('SELECT * FROM dict_entry WHERE dict = ? ORDER BY sort_order').all(dict)
  ) as { dict: string; code: string; label: string; synonyms: string; sort_order: number; active: number }[];
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
  const order =
    entry.sortOrder ??
    (sqlite.prepare('SELECT coalesce(max(sort_order) + 1, 0) AS n FROM dict_entry WHERE dict = ?').get(entry.dict) as { n: number }).n;
  sqlite
    .prepare(
      `INSERT INTO dict_entry (dict, code, label, synonyms, sort_order, active) VALUES (@dict, @code, @label, @synonyms, @order, @active)
       ON CONFLICT (dict, code) DO UPDATE SET label = excluded.label, synonyms = excluded.synonyms, active = excluded.active,
         sort_order = CASE WHEN @keepOrder THEN sort_order ELSE excluded.sort_order END`,
    )
    .run({
      dict: entry.dict,
      code: entry.code,
      label: entry.label,
      synonyms: JSON.stringify(entry.synonyms),
      order,
      active: entry.active ? 1 : 0,
      keepOrder: entry.sortOrder === undefined ? 1 : 0,
    });
}
