/** Import batches (a file read back and committed) and the column mappings users confirmed for hand-made layouts. */
import type SQLite from 'better-sqlite3';
import { sql, type NotNull } from 'kysely';
import { all, build, first, run } from '../db/query.ts';
import type { ImportBatchTable } from '../db/schema.ts';

/** A row of the table as stored (the schema is its one description). */
export type ImportBatchRecord = ImportBatchTable;

export function insertImportBatch(sqlite: SQLite.Database, b: ImportBatchRecord): void {
  run(sqlite, build.insertInto('import_batch').values(b));
}

export function listImportBatches(sqlite: SQLite.Database, limit: number): ImportBatchRecord[] {
  return all(sqlite, build.selectFrom('import_batch').selectAll().orderBy('created_at', 'desc').orderBy(sql`rowid`, 'desc').limit(limit));
}

export function getImportBatch(sqlite: SQLite.Database, id: string): ImportBatchRecord | undefined {
  return first(sqlite, build.selectFrom('import_batch').selectAll().where('id', '=', id));
}

/** The import whose commit is this change set. */
export function importOfChangeSet(sqlite: SQLite.Database, changeSetId: string): ImportBatchRecord | undefined {
  return first(sqlite, build.selectFrom('import_batch').selectAll().where('change_set_id', '=', changeSetId));
}

export function setImportStatus(sqlite: SQLite.Database, id: string, status: string): void {
  run(sqlite, build.updateTable('import_batch').set({ status }).where('id', '=', id));
}

/** The last committed, not undone, import of a file with these bytes. */
export function importedBefore(sqlite: SQLite.Database, hash: string): { created_at: string; actor: string } | undefined {
  return first(
    sqlite,
    build
      .selectFrom('import_batch')
      .select(['created_at', 'actor'])
      .where('file_hash', '=', hash)
      .where('status', '=', 'committed')
      .orderBy('created_at', 'desc')
      .limit(1),
  );
}

export function getHeaderMapping(sqlite: SQLite.Database, signature: string): { template_id: string; mapping_json: string } | undefined {
  return first(sqlite, build.selectFrom('header_mapping').select(['template_id', 'mapping_json']).where('signature', '=', signature));
}

export function saveHeaderMapping(sqlite: SQLite.Database, signature: string, templateId: string, mappingJson: string, now: string): void {
  run(
    sqlite,
    build
      .insertInto('header_mapping')
      .values({ signature, template_id: templateId, mapping_json: mappingJson, updated_at: now })
      .onConflict((oc) =>
        oc.column('signature').doUpdateSet((eb) => ({
          template_id: eb.ref('excluded.template_id'),
          mapping_json: eb.ref('excluded.mapping_json'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
  );
}

/**
 * Open units directly under these parents with these exact names, each with its ledger row of
 * the year if it has one (deleted or not): what an import adding a branch of that name must
 * reuse. Where a name repeats under one parent, the first in the tree's order (as `existingBranch` takes it).
 */
export function branchesNamed(sqlite: SQLite.Database, year: number, wanted: { parentId: number; name: string }[]) {
  if (wanted.length === 0) return [];
  // The wanted pairs as a table of their own: one query for every name a file adds.
  const pairs = JSON.stringify(wanted.map((w) => [w.parentId, w.name]));
  const w = sql<{ parent_id: number; name: string }>`(SELECT DISTINCT value ->> 0 AS parent_id, value ->> 1 AS name FROM json_each(${pairs}))`.as('w');
  return all(
    sqlite,
    build
      .selectFrom(w)
      .innerJoin('org as o', (j) => j.onRef('o.parent_id', '=', 'w.parent_id').onRef('o.name', '=', 'w.name'))
      .leftJoin('branch_ledger as l', (j) => j.onRef('l.org_id', '=', 'o.id').on('l.year', '=', year))
      .where('o.closed_on', 'is', null)
      .select(['w.parent_id', 'o.name', 'o.id as org_id', 'l.id as ledger_id', 'l.uid as ledger_uid', 'l.deleted_at'])
      .orderBy('o.parent_id')
      .orderBy('o.sort_order')
      .orderBy('o.id'),
  );
}

/**
 * The open units above the branches (city, county, township), each with its parent: where a
 * hand-made ledger's townships are found (宁城县天义镇: a county's name before a township's),
 * and where a unit the tree lacks is proposed to go. A few hundred rows even for a city.
 */
export function openCommittees(sqlite: SQLite.Database): { id: number; parent_id: number | null; name: string; level: string }[] {
  return all(
    sqlite,
    build
      .selectFrom('org')
      .select(['id', 'parent_id', 'name', 'level'])
      .where('level', 'in', ['city', 'county', 'township'])
      .where('closed_on', 'is', null)
      .orderBy('sort_order')
      .orderBy('id'),
  );
}

/**
 * When each field of these rows was last changed after a moment (ISO), as the audit log says:
 * what an older file, compared with what we hold, must not quietly revert.
 */
export function changedAfter(sqlite: SQLite.Database, since: string, rows: { entity: string; rowId: number }[]): { entity: string; row_id: number; field: string; at: string }[] {
  if (rows.length === 0) return [];
  // The (entity, row id) pairs as one JSON text: one statement whatever their number.
  const pairs = JSON.stringify(rows.map((r) => [r.entity, r.rowId]));
  const changes = all(
    sqlite,
    build
      .selectFrom('audit_log as a')
      .innerJoin('change_set as c', 'c.id', 'a.change_set_id')
      .leftJoin('import_batch as b', 'b.change_set_id', 'a.change_set_id')
      .select(['a.entity', 'a.row_id', 'a.field', 'a.at', 'a.change_set_id', 'b.file_made_at', 'c.undo_of'])
      .where('a.at', '>', since)
      .where('a.field', 'is not', null)
      .where(sql<boolean>`(a.entity, a.row_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(${pairs}))`)
      .orderBy('a.id')
      .$narrowType<{ row_id: NotNull; field: NotNull }>(),
  );
  // Each cell's changes in order; an undo takes back the change it undoes (the value held is then
  // that change's predecessor's, as old as it was) and a redo (an undo of an undo) puts it back.
  // The last one left is newer than the file unless an import of a file made no later than this
  // one wrote it (the office's earlier return of the same 填报日期 is not newer).
  const stacks = new Map<string, (typeof changes)[number][]>();
  const undone = new Map<string, (typeof changes)[number]>();
  for (const c of changes) {
    const key = `${c.entity}|${c.row_id}|${c.field}`;
    const stack = stacks.get(key) ?? [];
    stacks.set(key, stack);
    if (c.undo_of === null) stack.push(c);
    else if (undone.has(`${c.undo_of}|${key}`)) stack.push(undone.get(`${c.undo_of}|${key}`)!);
    else {
      const taken = stack.pop();
      if (taken) undone.set(`${c.change_set_id}|${key}`, taken);
    }
  }
  return [...stacks.values()]
    .flatMap((stack) => stack.slice(-1))
    .filter((c) => c.file_made_at === null || c.file_made_at > since)
    .map((c) => ({ entity: c.entity, row_id: c.row_id, field: c.field, at: c.at }));
}

/** An open unit of this name directly under a parent (null: at the top): a unit an import would create that is there already. */
export function existingUnit(sqlite: SQLite.Database, parentId: number | null, name: string): number | undefined {
  return first(sqlite, build.selectFrom('org').select('id').where('parent_id', 'is', parentId).where('name', '=', name).where('closed_on', 'is', null).where('level', '<>', 'branch').limit(1))?.id;
}
