/**
 * Rows of every table an undo reaches, whatever their kind, known by their stable uid:
 * read as stored, counted by what refers to them, removed for good, put back as they
 * were, deleted and restored. Table and column names here come from the lists below
 * and from SQLite's own description of the table, never from a caller or the audit log.
 */
import type SQLite from 'better-sqlite3';

/** The tables whose rows an undo writes: the tree, the ledger and the record tables. */
export const undoableTables = ['org', 'branch_ledger', 'leader', 'liaison', 'liaison_visit', 'project', 'problem', 'evaluation'] as const;
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

/** Reads and writes of stored rows for one undo, its statements prepared once. */
export function storedRows(sqlite: SQLite.Database) {
  const statements = new Map<string, SQLite.Statement>();
  const stmt = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = sqlite.prepare(sql)));
    return s;
  };
  const columns = new Map<string, Set<string>>();
  const columnsOf = (table: string) => {
    let c = columns.get(table);
    if (!c) columns.set(table, (c = new Set((sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((x) => x.name))));
    return c;
  };
  return {
    byUid: (table: UndoableTable, uid: string) => stmt(`SELECT * FROM ${table} WHERE uid = ?`).get(uid) as StoredRow | undefined,
    byId: (table: UndoableTable, id: number) => stmt(`SELECT * FROM ${table} WHERE id = ?`).get(id) as StoredRow | undefined,
    /** The uid of a row another points at (a table an undo does not write has uids too: draws). */
    uidOf: (table: string, id: number) => (stmt(`SELECT uid FROM ${table} WHERE id = ?`).get(id) as { uid: string } | undefined)?.uid,
    idOf: (table: string, uid: string) => (stmt(`SELECT id FROM ${table} WHERE uid = ?`).get(uid) as { id: number } | undefined)?.id,

    /** What refers to a row, table by table, leaving out the rows whose uids are in `except` (going with it). */
    usersOf(table: UndoableTable, id: number, except: ReadonlySet<string>): { table: string; count: number }[] {
      const out: { table: string; count: number }[] = [];
      for (const p of pointedAtBy.get(table) ?? []) {
        const sql = p.hasUid
          ? `SELECT uid FROM ${p.table} WHERE ${p.column} = ?`
          : `SELECT NULL AS uid FROM ${p.table} WHERE ${p.column} = ?`;
        const rows = stmt(sql).all(id) as { uid: string | null }[];
        const count = rows.filter((r) => r.uid === null || !except.has(r.uid)).length;
        if (count) out.push({ table: p.table, count });
      }
      return out;
    },

    remove(table: UndoableTable, id: number): void {
      stmt(`DELETE FROM ${table} WHERE id = ?`).run(id);
    },

    /**
     * Puts a removed row back as it was stored, with the columns the table has now (one added
     * since takes its default), under its own id when no other row has taken it since.
     */
    insert(table: UndoableTable, row: Record<string, unknown>): number {
      const have = columnsOf(table);
      const values = Object.fromEntries(Object.entries(row).filter(([k]) => have.has(k)));
      if (typeof values.id === 'number' && stmt(`SELECT 1 FROM ${table} WHERE id = ?`).get(values.id)) delete values.id;
      const cols = Object.keys(values);
      return Number(stmt(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(values).lastInsertRowid);
    },

    setDeleted(table: Exclude<UndoableTable, 'org'>, id: number, deletedAt: string | null, now: string): void {
      stmt(`UPDATE ${table} SET deleted_at = ?, revision = revision + 1, updated_at = ? WHERE id = ?`).run(deletedAt, now, id);
    },

    /** A unit put back takes its place under its parent as the parent is now. */
    placeOrg(id: number, parentId: number | null): void {
      const parent = parentId === null ? undefined : (stmt('SELECT path, depth FROM org WHERE id = ?').get(parentId) as { path: string; depth: number } | undefined);
      stmt('UPDATE org SET path = ?, depth = ? WHERE id = ?').run(`${parent?.path ?? '/'}${id}/`, parent ? parent.depth + 1 : 0, id);
    },

    /** A ledger row of this unit and year (deleted or not): the one a row put back would duplicate. */
    ledgerRowOf: (orgId: number, year: number) => stmt('SELECT id FROM branch_ledger WHERE org_id = ? AND year = ?').get(orgId, year) !== undefined,
    /** A live evaluation of this branch, year and stage (at most one may be live). */
    liveEvaluation: (orgId: number, year: number, stage: string) =>
      stmt('SELECT 1 FROM evaluation WHERE org_id = ? AND year = ? AND stage = ? AND deleted_at IS NULL').get(orgId, year, stage) !== undefined,
  };
}

export type StoredRows = ReturnType<typeof storedRows>;

/** Ledger rows as the ledger's writer reads them, many at once (one by one, the join costs a paste's time over again). */
export { ledgerRowsWithUids } from './ledger.ts';
