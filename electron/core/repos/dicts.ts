import type { Kysely } from 'kysely';
import type { DictEntry } from '../../../shared/contract/types.ts';
import { defaultDictionaries } from '../../../shared/domain/defaults.ts';
import type { Database } from '../db/schema.ts';

export async function listDictEntries(db: Kysely<Database>, dict?: string): Promise<DictEntry[]> {
  let q = db.selectFrom('dict_entry').selectAll().orderBy('dict').orderBy('sort_order');
  if (dict !== undefined) q = q.where('dict', '=', dict);
  const rows = await q.execute();
  return rows.map((r) => ({
    dict: r.dict,
    code: r.code,
    label: r.label,
    synonyms: JSON.parse(r.synonyms) as string[],
    sortOrder: r.sort_order,
    active: r.active === 1,
  }));
}

/** Fills the dictionaries a new database starts with; entries a user already has are left alone. */
export async function insertDefaultDictionaries(db: Kysely<Database>): Promise<void> {
  const rows = Object.entries(defaultDictionaries).flatMap(([dict, { entries }]) =>
    entries.map((e, i) => ({
      dict,
      code: e.code,
      label: e.label,
      synonyms: JSON.stringify(e.synonyms ?? []),
      sort_order: i,
      active: 1,
    })),
  );
  await db
    .insertInto('dict_entry')
    .values(rows)
    .onConflict((oc) => oc.columns(['dict', 'code']).doNothing())
    .execute();
}

/** code → label for one dictionary, for reports and stats. */
export async function dictLabels(db: Kysely<Database>, dict: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('dict_entry').select(['code', 'label']).where('dict', '=', dict).orderBy('sort_order').execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}
