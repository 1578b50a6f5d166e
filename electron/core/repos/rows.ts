/**
 * Rows of every table an undo reaches, whatever their kind, known by their stable uid:
 * read as stored, counted by what refers to them, removed for good, put back as they
 * were, deleted and restored. Table and column names here come from the lists below
 * and from SQLite's own description of the table, never from a caller or the audit log.
 */
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { all, build, prepare, raw } from '../db/query.ts';

/** The tables whose rows an undo writes: the tree, the ledger and the record tables. */
export const undoableTables = ['org', 'branch_ledger', 'leader', 'liaison', 'liaison_visit', 'project', 'problem', 'evaluation', 'problem_step', 'standard', 'checklist_item', 'evaluation_step'] as const;
export type UndoableTable = (typeof undoableTables)[number];

export function isUndoableTable(entity: string): entity is UndoableTable {
  return (undoableTables as readonly string[]).includes(entity);
}

/** Which column of a row points at which table's row (what a row put back must find again). */
export const pointers: Record<UndoableTable, Record<string, string>> = {
  org: { parent_id: 'org' },
  branch_ledger: { org_id: 'org' },
  leader: { committee_org_id: 'org' },
  liaison: { leader_id: 'leader', org_id: 'org' },
  liaison_visit: { liaison_id: 'liaison' },
  project: { leader_id: 'leader', org_id: 'org', liaison_id: 'liaison' },
  problem: { org_id: 'org', leader_id: 'leader', liaison_visit_id: 'liaison_visit' },
  evaluation: { org_id: 'org', draw_id: 'evaluation_draw' },
  problem_step: { problem_id: 'problem' },
  standard: {},
  checklist_item: { org_id: 'org', standard_id: 'standard' },
  evaluation_step: { org_id: 'org' },
};

/**
 * Tables with no grid write path (the standards checklist): an undo writes their fields straight
 * back, by column name. A link column among them is recorded by the uid of the row it points at
 * (an id is taken again after a row is removed; a uid never), and is not a use of that row: the
 * change set that set the link is the one whose undo removes the row, and clears it.
 */
export const plainTables = ['standard', 'checklist_item'] as const;
export type PlainTable = (typeof plainTables)[number];
export function isPlainTable(entity: string): entity is PlainTable {
  return (plainTables as readonly string[]).includes(entity);
}
export const linkColumns: Record<PlainTable, Record<string, UndoableTable>> = {
  standard: {},
  checklist_item: { problem_id: 'problem' },
};

/** Rows of tables no undo writes that point at a unit: a unit they name is in use. */
const otherPointers: { table: string; column: string; to: string }[] = [
  { table: 'evaluation_draw', column: 'scope_org_id', to: 'org' },
  { table: 'export_batch', column: 'unit_org_id', to: 'org' },
];

const pointedAtBy: Map<string, { table: string; column: string; hasUid: boolean }[]> = (() => {
  const map = new Map<string, { table: string; column: string; hasUid: boolean }[]>();
  const add = (to: string, p: { table: string; column: string; hasUid: boolean }) => map.set(to, [...(map.get(to) ?? []), p]);
  for (const table of undoableTables) for (const [column, to] of Object.entries(pointers[table])) add(to, { table, column, hasUid: true });
  for (const p of otherPointers) add(p.to, { table: p.table, column: p.column, hasUid: p.table !== 'export_batch' });
  return map;
})();

export type StoredRow = Record<string, unknown> & { id: number; uid: string };

/** One thing per table (a compiled query), made when that table is first asked for. */
function perTable<T extends string, Q>(make: (table: T) => Q): (table: T) => Q {
  const made = new Map<T, Q>();
  return (table) => {
    let q = made.get(table);
    if (!q) made.set(table, (q = make(table)));
    return q;
  };
}

/**
 * Reads and writes of stored rows for one undo. An undo runs them once per row it reverts:
 * each is compiled once per table and run with each row's values.
 */
export function storedRows(sqlite: SQLite.Database) {
  const byUid = perTable((table: UndoableTable) => prepare(sqlite, (p: { uid: string }) => build.selectFrom(table).selectAll().where('uid', '=', p.uid)));
  const byId = perTable((table: UndoableTable) => prepare(sqlite, (p: { id: number }) => build.selectFrom(table).selectAll().where('id', '=', p.id)));
  const idTaken = perTable((table: UndoableTable) => prepare(sqlite, (p: { id: number }) => build.selectFrom(table).select('id').where('id', '=', p.id)));
  const remove = perTable((table: UndoableTable) => prepare(sqlite, (p: { id: number }) => build.deleteFrom(table).where('id', '=', p.id)));
  const setDeleted = perTable((table: Exclude<UndoableTable, 'org'>) =>
    prepare(sqlite, (p: { deletedAt: string | null; now: string; id: number }) =>
      build
        .updateTable(table)
        .set((eb) => ({ deleted_at: p.deletedAt, revision: eb('revision', '+', 1), updated_at: p.now }))
        .where('id', '=', p.id),
    ),
  );
  const orgPlace = prepare(sqlite, (p: { id: number }) => build.selectFrom('org').select(['path', 'depth']).where('id', '=', p.id));
  const placeOrg = prepare(sqlite, (p: { path: string; depth: number; id: number }) => build.updateTable('org').set({ path: p.path, depth: p.depth }).where('id', '=', p.id));
  const ledgerRowOf = prepare(sqlite, (p: { orgId: number; year: number }) => build.selectFrom('branch_ledger').select('id').where('org_id', '=', p.orgId).where('year', '=', p.year));
  const liveEvaluation = prepare(sqlite, (p: { orgId: number; year: number; stage: string }) =>
    build.selectFrom('evaluation').select('id').where('org_id', '=', p.orgId).where('year', '=', p.year).where('stage', '=', p.stage).where('deleted_at', 'is', null).where('superseded_at', 'is', null),
  );
  const columnsOf = perTable(
    (table: UndoableTable) =>
      new Set(all(sqlite, build.selectFrom(sql<{ name: string }>`pragma_table_info(${table})`.as('c')).select('c.name')).map((c) => c.name)),
  );
  return {
    byUid: (table: UndoableTable, uid: string): StoredRow | undefined => byUid(table).first({ uid }),
    byId: (table: UndoableTable, id: number): StoredRow | undefined => byId(table).first({ id }),
    /** The uid of a row another points at (a table an undo does not write has uids too: draws). */
    // raw SQL: the table is a name from `pointers`, a string at run time, which Kysely's table names cannot state.
    uidOf: (table: string, id: number) => raw.first<{ uid: string }>(sqlite, `SELECT uid FROM ${table} WHERE id = ?`, id)?.uid,
    // raw SQL: the table is a name from `pointers`, a string at run time, which Kysely's table names cannot state.
    idOf: (table: string, uid: string) => raw.first<{ id: number }>(sqlite, `SELECT id FROM ${table} WHERE uid = ?`, uid)?.id,

    /** What refers to a row, table by table, leaving out the rows whose uids are in `except` (going with it). */
    usersOf(table: UndoableTable, id: number, except: ReadonlySet<string>): { table: string; count: number }[] {
      const out: { table: string; count: number }[] = [];
      for (const p of pointedAtBy.get(table) ?? []) {
        const query = p.hasUid
          ? `SELECT uid FROM ${p.table} WHERE ${p.column} = ?`
          : `SELECT NULL AS uid FROM ${p.table} WHERE ${p.column} = ?`;
        // raw SQL: table and column come from the pointer lists above, strings at run time, which Kysely's names cannot state.
        const rows = raw.all<{ uid: string | null }>(sqlite, query, id);
        const count = rows.filter((r) => r.uid === null || !except.has(r.uid)).length;
        if (count) out.push({ table: p.table, count });
      }
      return out;
    },

    remove(table: UndoableTable, id: number): void {
      remove(table).run({ id });
    },

    /**
     * Puts a removed row back as it was stored, with the columns the table has now (one added
     * since takes its default), under its own id when no other row has taken it since.
     */
    insert(table: UndoableTable, row: Record<string, unknown>): number {
      const have = columnsOf(table);
      const values = Object.fromEntries(Object.entries(row).filter(([k]) => have.has(k)));
      if (typeof values.id === 'number' && idTaken(table).first({ id: values.id })) delete values.id;
      const cols = Object.keys(values);
      // raw SQL: the columns are those the stored row has (read back from the audit log), which Kysely's insert types cannot state.
      return Number(raw.run(sqlite, `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`, values).lastInsertRowid);
    },

    /** A plain table's field put back (`column` is a column the table has, or nothing is written). */
    setColumn(table: PlainTable, id: number, column: string, value: unknown, now: string): void {
      if (!columnsOf(table).has(column) || ['id', 'uid', 'revision', 'updated_at'].includes(column)) throw new Error(`${table} has no column ${column}`);
      // raw SQL: the column is one the table has (checked above), named at run time from the audit log, which Kysely's column names cannot state.
      raw.run(sqlite, `UPDATE ${table} SET ${column} = ?, revision = revision + 1, updated_at = ? WHERE id = ?`, value, now, id);
    },

    setDeleted(table: Exclude<UndoableTable, 'org'>, id: number, deletedAt: string | null, now: string): void {
      setDeleted(table).run({ deletedAt, now, id });
    },

    /** A unit put back takes its place under its parent as the parent is now. */
    placeOrg(id: number, parentId: number | null): void {
      const parent = parentId === null ? undefined : orgPlace.first({ id: parentId });
      placeOrg.run({ path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, id });
    },

    /** A ledger row of this unit and year (deleted or not): the one a row put back would duplicate. */
    ledgerRowOf: (orgId: number, year: number) => ledgerRowOf.first({ orgId, year }) !== undefined,
    /** A live evaluation of this branch, year and stage (at most one may be live). */
    liveEvaluation: (orgId: number, year: number, stage: string) => liveEvaluation.first({ orgId, year, stage }) !== undefined,
  };
}

export type StoredRows = ReturnType<typeof storedRows>;

/** Ledger rows as the ledger's writer reads them, many at once (one by one, the join costs a paste's time over again). */
export { ledgerRowsWithUids } from './ledger.ts';
