/**
 * Issue 18, in a process of its own with the path of a seeded 100k database (year 2026):
 * - `yearCopy.vsRaw.100k`: 复制上年台账 through the core, beside the same writes in raw
 *   better-sqlite3 on another copy of the same file: the year's rows by one INSERT … SELECT and,
 *   as the core must write them, one audit record per copied row (also one INSERT … SELECT).
 *   `ledgerOnly` is the rows' INSERT … SELECT alone, for reference.
 * - `ledger.reread.vsRaw.100k`: the grid's first call (`ledger.list`, first 100 rows in the
 *   default order) right after a branch is renamed in the tree (its rows reread into the year kept);
 *   `ledger.reread.township.vsRaw.100k` after a township is renamed (the rows under it reread), and
 *   `ledger.reread.full.vsRaw.100k` after another process renamed a branch (the year read again), beside the same
 *   SELECT of the year's rows through better-sqlite3 on a connection of its own.
 * Each pair is measured interleaved (machines here are shared): min/median/max of both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createCore } from '../electron/core/createCore.ts';
import type { LedgerRow } from '../shared/contract/types.ts';
import { strongestStatusSql } from '../electron/core/repos/pipeline.ts';
import { median, print } from './figures.ts';

const source = process.argv[2]!;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-year-'));
const now = new Date('2026-03-15T02:00:00Z');
const from = 2026;
const to = 2027;

/** A copy of the seeded file, as it is on disk (its WAL checkpointed in by the last close). */
function copyOf(name: string): string {
  const file = path.join(dir, name);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(source, file);
  return file;
}

/** The core's own pragmas (db/connection.ts), so the floor writes under the same rules. */
function openRaw(file: string, readonly = false): SQLite.Database {
  const db = new SQLite(file, { readonly });
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -16384');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  return db;
}

const stats = (xs: number[]) => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs) });
const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 10) / 10]));

// --- Year copy.
const uidSql = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;
const copyRowsSql = `INSERT INTO branch_ledger (uid, org_id, year, members_formal, members_probationary, secretary, secretary_phone, grade, standardised,
    weak_lax, union_built, youth_league_built, women_federation_built, term_changed_on, notes, invalid_json, updated_at)
  SELECT ${uidSql}, l.org_id, @to, l.members_formal, l.members_probationary, l.secretary, l.secretary_phone, l.grade, l.standardised,
    l.weak_lax, l.union_built, l.youth_league_built, l.women_federation_built, l.term_changed_on, NULL, l.invalid_json, @now
  FROM branch_ledger l JOIN org o ON o.id = l.org_id
  WHERE l.year = @from AND l.deleted_at IS NULL AND (o.closed_on IS NULL OR o.closed_on >= @toStart)
    AND NOT EXISTS (SELECT 1 FROM branch_ledger x WHERE x.org_id = l.org_id AND x.year = @to)
  ORDER BY l.id`;
const auditSql = `INSERT INTO audit_log (change_set_id, at, actor, entity, row_id, row_uid, field, op, old_value, new_value, source, source_ref)
  SELECT @cs, @now, 'bench', 'branch_ledger', id, uid, NULL, 'insert', NULL, json_object('orgId', org_id, 'year', year, 'copiedFrom', CAST(@from AS INTEGER)), 'copy-year', NULL
  FROM branch_ledger WHERE id > @before ORDER BY id`;

function rawCopy(withAudit: boolean): number {
  const db = openRaw(copyOf('raw.db'));
  const iso = now.toISOString();
  const t = performance.now();
  db.exec('BEGIN IMMEDIATE');
  const before = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM branch_ledger').get() as { m: number }).m;
  db.prepare(copyRowsSql).run({ from, to, toStart: `${to}-01-01`, now: iso });
  if (withAudit) {
    db.prepare(`INSERT INTO change_set (id, at, actor, source, summary) VALUES (@cs, @now, 'bench', 'copy-year', '复制')`).run({ cs: 'bench-copy', now: iso });
    db.prepare(auditSql).run({ cs: 'bench-copy', now: iso, from, before });
  }
  db.exec('COMMIT');
  const elapsed = performance.now() - t;
  db.close();
  return elapsed;
}

async function coreCopy(): Promise<number> {
  const core = await createCore({ dbPath: copyOf('core.db'), now: () => now });
  const t = performance.now();
  const r = await core.call('ledger.copyYear', { from, to });
  const elapsed = performance.now() - t;
  await core.close();
  if (r.copied === 0) throw new Error('year copy copied nothing');
  return elapsed;
}

{
  const ours: number[] = [];
  const floor: number[] = [];
  const ledgerOnly: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Alternating who goes first: the page cache and the neighbours' load are shared fairly.
    if (i % 2) ours.push(await coreCopy());
    floor.push(rawCopy(true));
    if (!(i % 2)) ours.push(await coreCopy());
    ledgerOnly.push(rawCopy(false));
  }
  const o = stats(ours);
  const b = stats(floor);
  print({
    name: 'yearCopy.vsRaw.100k', value: o.median, unit: 'ms', baseline: b.median, ratio: o.median / b.median, target: 1.3, runs: ours.length,
    ours: round(o), floor: round(b), ledgerOnly: round(stats(ledgerOnly)),
    note: 'ledger.copyYear vs the same INSERT … SELECT of the rows and of their audit records in raw SQLite, same file',
  });
}

// --- The ledger's first rows after a change in the tree, beside the same SELECT of the whole year:
// a branch renamed (its rows are reread and patched into the year kept in memory), a township
// renamed (the rows under it, the committees read again), and a unit renamed by another process
// (the CLI, a second window: nothing says what changed, the whole year is read again).
for (const [name, unitOf, byAnother, note] of [
  ['ledger.reread.vsRaw.100k', (r: LedgerRow) => r.orgId, false, 'a branch renamed in the tree (its rows reread, the year kept)'],
  ['ledger.reread.township.vsRaw.100k', (r: LedgerRow) => r.townshipId!, false, 'a township renamed in the tree (the rows under it reread, the year kept)'],
  ['ledger.reread.full.vsRaw.100k', (r: LedgerRow) => r.orgId, true, 'a branch renamed by another process (the whole year read again)'],
] as const) {
  const file = copyOf('reread.db');
  const core = await createCore({ dbPath: file, now: () => now });
  const some = (await core.call('ledger.list', { year: from, limit: 1 })).rows[0]!;
  const unit = core.conn.sqlite.prepare('SELECT id, name FROM org WHERE id = ?').get(unitOf(some)) as { id: number; name: string };
  const another = openRaw(file);
  const rename = another.prepare('UPDATE org SET name = ? WHERE id = ?');
  const cols = `l.id, l.uid, l.org_id, l.year, l.members_formal, l.members_probationary, l.secretary, l.secretary_phone, l.grade, l.standardised,
    l.weak_lax, l.union_built, l.youth_league_built, l.women_federation_built, l.term_changed_on, l.notes, l.deleted_at, l.revision, l.invalid_json,
    o.name, o.kind, o.field, o.name_sort, o.name_initials, o.path, o.closed_on`;
  const select = openRaw(file, true).prepare(
    `SELECT ${cols}, ${strongestStatusSql('l.org_id', 'l.year')} AS strongest_status
     FROM branch_ledger l JOIN org o ON o.id = l.org_id
     WHERE l.year = ? AND l.deleted_at IS NULL AND (o.closed_on IS NULL OR o.closed_on >= ?)`,
  );
  const ours: number[] = [];
  const floor: number[] = [];
  let rows = 0;
  for (let i = 0; i < 9; i++) {
    const newName = `${unit.name}${i % 2 ? '' : '（基准）'}`;
    if (byAnother) rename.run(newName, unit.id);
    else await core.call('org.update', { id: unit.id, name: newName });
    const raw = () => {
      const t = performance.now();
      rows = select.all(from, `${from}-01-01`).length;
      floor.push(performance.now() - t);
    };
    if (i % 2) raw();
    const t = performance.now();
    const answer = await core.call('ledger.list', { year: from, limit: 100 });
    ours.push(performance.now() - t);
    if (!(i % 2)) raw();
    if (answer.total !== rows) throw new Error(`the core has ${answer.total} rows, the SELECT ${rows}`);
  }
  another.close();
  await core.close();
  const o = stats(ours);
  const b = stats(floor);
  print({
    name, value: o.median, unit: 'ms', baseline: b.median, ratio: o.median / b.median, target: 1.3, runs: ours.length, rows,
    ours: round(o), floor: round(b),
    note: `first 100 rows of ledger.list after ${note} vs the same SELECT of the year in raw better-sqlite3`,
  });
}

fs.rmSync(dir, { recursive: true, force: true });
