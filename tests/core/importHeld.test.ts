/**
 * What an import reads of the ledger before its pure stages run (held.ts), on a real
 * seeded database: what the file names, and no more. A league's year is 100,000 rows; a
 * file whose rows all carry their ids reads no township, a row found by name reads its
 * township, and a row whose id names a branch another row may take by name reads its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { loadCommittees, type RowContext } from '../../electron/core/repos/ledger.ts';
import { readAhead, readHeldLedger, type HeldRequest } from '../../electron/core/services/import/held.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { fileRows } from '../helpers/importStages.ts';
import { seededCore } from '../helpers/core.ts';

describe('what an import reads of the ledger', () => {
  let core: Core;
  let rc: RowContext;
  let first: LedgerRow[];
  let second: LedgerRow[];
  const uid = (r: LedgerRow) => (core.conn.sqlite.prepare('SELECT uid FROM branch_ledger WHERE id = ?').get(r.id) as { uid: string }).uid;
  const line = (r: LedgerRow, over: Record<string, string | null> = {}) => ({ id: uid(r), township: r.township, name: r.name, ...over });
  const read = (rows: ReturnType<typeof fileRows>, more: Partial<HeldRequest> = {}) =>
    readHeldLedger(core.conn.sqlite, rc, { year: 2026, rows, hasTownship: true, nameColumn: 3, sent: null, auditMark: null, ...more });

  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
    rc = { committees: loadCommittees(core.conn.sqlite), leaders: () => new Map() };
    const rows = (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.township);
    const towns = [...new Set(rows.map((r) => r.township))];
    first = rows.filter((r) => r.township === towns[0]);
    second = rows.filter((r) => r.township === towns[1]);
  });
  afterAll(() => core.close());

  it('reads the rows the ids name, and no township, when every row carries its id', () => {
    const h = read(fileRows(first.slice(0, 3).map((r) => line(r))));
    expect([...h.byId.keys()].sort()).toEqual(first.slice(0, 3).map((r) => r.id).sort());
    expect(h.inTownship.size).toBe(0);
    expect(h.branches.size).toBe(0);
    expect(h.sentBefore).toBeNull();
  });

  it('reads the township of a row found by name, and the units a new row there may already be', () => {
    const h = read(fileRows([line(first[0]!, { id: null }), line(second[0]!), line(first[1]!, { id: null, name: '新村党支部' })]));
    expect([...h.inTownship.keys()]).toEqual([first[0]!.townshipId]);
    expect(h.inTownship.get(first[0]!.townshipId!)!.map((r) => r.id).sort()).toEqual(first.map((r) => r.id).sort());
    expect(h.branches.get(`${first[0]!.townshipId}|${first[0]!.name}`)).toMatchObject({ ledger: { id: first[0]!.id, deletedAt: null } });
  });

  it('reads the township of a row whose id names a branch another row may take by name', () => {
    // Row 5, without its id, is looked for by name in the first township and may take the branch
    // row 6's id names; row 6 is then looked for by name too, in the township it writes.
    const h = read(fileRows([line(first[0]!, { id: null }), line(first[0]!, { township: second[0]!.township })]));
    expect(new Set(h.inTownship.keys())).toEqual(new Set([first[0]!.townshipId, second[0]!.townshipId]));
    // Without such a row, the second township is not read.
    expect([...read(fileRows([line(first[0]!, { id: null }), line(second[0]!)])).inTownship.keys()]).toEqual([first[0]!.townshipId]);
  });

  it('reads, for a returned export, each cell’s value before the first change here since the export', async () => {
    const mark = (core.conn.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    await core.call('ledger.edit', { changes: [{ id: first[2]!.id, field: 'secretary', value: '本地一' }, { id: second[1]!.id, field: 'secretary', value: '不在文件中' }], source: 'typed' });
    await core.call('ledger.edit', { changes: [{ id: first[2]!.id, field: 'secretary', value: '本地二' }], source: 'typed' });
    const h = read(fileRows([line(first[2]!)]), { sent: [{ uid: uid(first[2]!) }], auditMark: mark });
    expect([...h.sentBefore!]).toEqual([[`branch_ledger:${first[2]!.id}:secretary`, first[2]!.secretary]]);
  });

  it('takes the sent rows read ahead (while the file is read) as if read now, and reads again once anything was written', async () => {
    // Sent: the first township's rows; the file lists three of them and a row of the second township the manifest does not name.
    const sent = first.map((r) => ({ uid: uid(r) }));
    const file = fileRows([...first.slice(0, 3).map((r) => line(r)), line(second[0]!)]);
    const ahead = readAhead(core.conn.sqlite, rc, sent.map((s) => s.uid), 2026);
    expect(ahead.found.length).toBe(first.length);
    expect(read(file, { sent, ahead })).toEqual(read(file, { sent }));
    // Written here after the read ahead (another call while the worker reads): what is compared is the row as it is now.
    await core.call('ledger.edit', { changes: [{ id: first[1]!.id, field: 'secretary', value: '读取期间改的' }], source: 'typed' });
    expect(read(file, { sent, ahead }).byId.get(first[1]!.id)!.secretary).toBe('读取期间改的');
    // Another year's rows read ahead are not taken for this one.
    const h = readHeldLedger(core.conn.sqlite, rc, { year: 2026, rows: file, hasTownship: true, nameColumn: 3, sent, auditMark: null, ahead: { ...readAhead(core.conn.sqlite, rc, [], 2025), asked: new Set(sent.map((s) => s.uid)) } });
    expect([...h.byUid.keys()].sort()).toEqual([...first, second[0]!].map(uid).sort());
  });

  it('takes the rows of the year the core keeps in memory, and finds the same as reading them', async () => {
    const mark = (core.conn.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id;
    await core.call('ledger.edit', { changes: [{ id: first[0]!.id, field: 'secretary', value: '导出后改的' }, { id: second[0]!.id, field: 'secretary', value: '不在清单中' }], source: 'typed' });
    // A row of the year deleted here: its id is known, as deleted, and it is not kept in memory.
    await core.call('ledger.delete', { ids: [second[2]!.id] });
    const kept = new Map((await core.call('ledger.list', { year: 2026 })).rows.map((r) => [uid(r), r]));
    const asked: number[] = [];
    const keptYear = (n: number) => (asked.push(n), kept);
    const sent = [...first, second[2]!].map((r) => ({ uid: uid(r) }));
    const file = fileRows([...first.slice(0, 3).map((r) => line(r)), line(second[0]!), line(second[2]!)]);
    const summary = (h: ReturnType<typeof read>) => ({ byUid: [...h.byUid].sort(), byId: [...h.byId.keys()].sort(), sentBefore: [...h.sentBefore!].sort() });
    const plain = summary(read(file, { sent, auditMark: mark }));
    expect(plain.sentBefore).toEqual([[`branch_ledger:${first[0]!.id}:secretary`, first[0]!.secretary], [`branch_ledger:${second[0]!.id}:secretary`, second[0]!.secretary]].sort());
    expect(plain.byUid.find(([u]) => u === uid(second[2]!))![1]).toMatchObject({ deleted: true });
    // Every row of the year but the deleted one is taken from memory: the same rows, not copies.
    const h = read(file, { sent, auditMark: mark, keptYear });
    expect(summary(h)).toEqual(plain);
    expect(h.byId.get(first[1]!.id)).toBe(kept.get(uid(first[1]!)));
    expect(asked.length).toBe(1);
    // Found ahead with the audit's mark (the first township's rows): their cells as sent come from there, the rest's are added now.
    const ahead = readAhead(core.conn.sqlite, rc, first.map(uid), 2026, { mark, keptYear });
    expect(ahead.sentBefore!.cells.size).toBe(1);
    expect(summary(read(file, { sent, auditMark: mark, keptYear, ahead }))).toEqual(plain);
  });
});
