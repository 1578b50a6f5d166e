/**
 * After another process writes (the CLI, a second window), the core reads the year again into
 * the rows it kept: a row that reads the same keeps its object, the rest are made again, and the
 * whole year's order is the last one with the moved rows put back (issue 18). Whatever was
 * changed, every answer must be a fresh core's, and the stable ids the exports write the file's.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import type { Core } from '../../electron/core/createCore.ts';
import type { ParsedArgs } from '../../shared/contract/methods.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { iterateLedger, loadCommittees, loadLiaisonLeaders, toLedgerRow } from '../../electron/core/repos/ledger.ts';
import { localTime } from '../../electron/core/services/context.ts';
import { fixedNow, openCore, seededCore } from '../helpers/core.ts';

type Query = Omit<ParsedArgs<'ledger.list'>, 'offset' | 'limit'>;

describe('the ledger read again after another process wrote', () => {
  let core: Core;
  let dir: string;
  let dbPath: string;
  let other: SQLite.Database;
  beforeAll(async () => {
    ({ core, dir, dbPath } = await seededCore('small', 23));
    other = new SQLite(dbPath);
    other.pragma('busy_timeout = 5000');
  });
  afterAll(async () => {
    other.close();
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The whole year in its default order first: the answer the next reread starts from.
  const queries: Query[] = [
    { year: 2026 },
    { year: 2026, sort: [{ key: 'name', dir: 'desc' }] },
    { year: 2026, sort: [{ key: 'membersFormal', dir: 'asc' }, { key: 'township', dir: 'desc' }] },
    { year: 2026, filter: { grade: ['middle', 'good'] } },
  ];

  async function expectSameAsFresh(): Promise<LedgerRow[]> {
    const fresh = await openCore(dbPath);
    try {
      for (const q of queries) expect(await core.call('ledger.list', q), JSON.stringify(q)).toEqual(await fresh.call('ledger.list', q));
      const uids = new Map(other.prepare('SELECT id, uid FROM branch_ledger WHERE year = 2026').all().map((r) => [(r as { id: number }).id, (r as { uid: string }).uid]));
      for (const [id, e] of core.ledgerCache.year!.entries) expect(e.uid).toBe(uids.get(id));
    } finally {
      await fresh.close();
    }
    return (await core.call('ledger.list', { year: 2026 })).rows;
  }

  it('answers as a fresh core after each kind of change, and keeps the rows nothing changed', async () => {
    let rows = await expectSameAsFresh();
    const [a, b, c, d] = [rows[3]!, rows[10]!, rows[20]!, rows.at(-1)!];
    const untouched = rows[30]!;
    const write = (sql: string, ...params: unknown[]) => other.prepare(sql).run(...params);

    // A branch renamed with its sort key: it moves to the front.
    write("UPDATE org SET name = '阿阿外部改名党支部', name_sort = 'a a wai bu gai ming dang zhi bu', name_initials = 'aawbgmdzb' WHERE id = ?", a.orgId);
    rows = await expectSameAsFresh();
    expect(rows[0]!.id).toBe(a.id);
    expect(rows.find((r) => r.id === untouched.id)).toBe(untouched);

    // Values of rows: members (moves it in that order), a secretary, a value kept as typed, a liaison ended, a pipeline record gone.
    write('UPDATE branch_ledger SET members_formal = 999, secretary = ? WHERE id = ?', '外部书记', b.id);
    write('UPDATE branch_ledger SET invalid_json = ? WHERE id = ?', JSON.stringify({ membersFormal: { raw: '多少', message: '不是数' } }), c.id);
    write("UPDATE liaison SET deleted_at = '2026-03-01T00:00:00.000Z' WHERE org_id IN (SELECT org_id FROM branch_ledger WHERE year = 2026 AND id IN (?, ?))", d.id, b.id);
    write("UPDATE evaluation SET deleted_at = '2026-03-01T00:00:00.000Z' WHERE year = 2026 AND org_id = (SELECT org_id FROM evaluation WHERE year = 2026 AND deleted_at IS NULL LIMIT 1)");
    rows = await expectSameAsFresh();
    expect(rows.find((r) => r.id === c.id)!.invalid?.membersFormal?.raw).toBe('多少');

    // Rows gone: one deleted, one deleted for good, a unit closed; a row back under another id and uid.
    write("UPDATE branch_ledger SET deleted_at = '2026-03-01T00:00:00.000Z' WHERE id = ?", b.id);
    const gone = other.prepare('SELECT * FROM branch_ledger WHERE id = ?').get(d.id) as Record<string, unknown>;
    write('DELETE FROM branch_ledger WHERE id = ?', d.id);
    write("UPDATE org SET closed_on = '2025-06-30' WHERE id = ?", rows[40]!.orgId);
    rows = await expectSameAsFresh();
    expect(rows.some((r) => r.id === b.id || r.id === d.id)).toBe(false);
    write('INSERT INTO branch_ledger (uid, org_id, year, members_formal, secretary, updated_at) VALUES (?, ?, 2026, 1, ?, ?)', 'a0000000-0000-4000-a000-000000000001', gone.org_id, '回来的书记', gone.updated_at);
    rows = await expectSameAsFresh();
    expect(rows.filter((r) => r.orgId === gone.org_id)).toHaveLength(1);

    // A township renamed (its rows show the new name), then the townships reordered: most rows move.
    const township = rows[50]!.townshipId!;
    write("UPDATE org SET name = '外部改名镇党委', name_initials = 'wbgmzdw' WHERE id = ?", township);
    rows = await expectSameAsFresh();
    expect(rows.filter((r) => r.townshipId === township).every((r) => r.township === '外部改名镇党委')).toBe(true);
    write("UPDATE org SET sort_order = -id WHERE level = 'township'");
    await expectSameAsFresh();

    // Nothing a row shows changed (a write elsewhere): every row is the one kept, in the same order,
    // but the one with a value kept as typed (made again: its parsed values are not compared).
    const before = (await core.call('ledger.list', { year: 2026 })).rows;
    write("UPDATE org SET updated_at = '2026-03-02T00:00:00.000Z' WHERE id = ?", a.orgId);
    const after = await expectSameAsFresh();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(after.filter((r, i) => r !== before[i]).map((r) => r.id)).toEqual([c.id]);
  });

  it('reads a league year in pieces as one statement of whole rows does', async () => {
    const { core: league, dir: leagueDir } = await seededCore('league', 3);
    try {
      const sqlite = league.conn.sqlite;
      const rowsOf = async () => new Map((await league.call('ledger.list', { year: 2026 })).rows.map((r) => [r.id, r]));
      const expectAsRead = (rows: Map<number, LedgerRow>) => {
        const leaders = loadLiaisonLeaders(sqlite, localTime(fixedNow).slice(0, 10)); // the core's today
        const rc = { committees: loadCommittees(sqlite), leaders: () => leaders };
        const read = [...iterateLedger(sqlite, { year: 2026 })].map((r) => toLedgerRow(r, rc));
        expect(read.length).toBeGreaterThan(4096); // more than one piece
        expect(rows.size).toBe(read.length);
        for (const r of read) {
          expect(rows.get(r.id)).toEqual(r);
          expect(Object.keys(rows.get(r.id)!)).toEqual(Object.keys(r));
        }
      };
      expectAsRead(await rowsOf());
      const db = new SQLite(sqlite.name);
      db.prepare("UPDATE org SET name = '外部改名党支部' WHERE id = (SELECT org_id FROM branch_ledger WHERE year = 2026 ORDER BY id DESC LIMIT 1)").run();
      db.prepare("UPDATE branch_ledger SET deleted_at = '2026-03-01T00:00:00.000Z' WHERE id = (SELECT min(id) + 5000 FROM branch_ledger)").run();
      db.close();
      expectAsRead(await rowsOf());
    } finally {
      await league.close();
      fs.rmSync(leagueDir, { recursive: true, force: true });
    }
  }, 60_000);
});
