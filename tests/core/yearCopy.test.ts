/**
 * 复制上年台账 writes its audit records in one statement (issue 18): they must be the records
 * one `record` a row wrote, the accepted-return lock must still refuse a copy into a locked
 * unit's year, and an undo must still take every copied row away.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { moveReturn } from '../../electron/core/repos/reportReturns.ts';
import { seededCore } from '../helpers/core.ts';

interface AuditRecord {
  id: number;
  change_set_id: string;
  at: string;
  actor: string;
  entity: string;
  row_id: number;
  row_uid: string;
  field: string | null;
  op: string;
  old_value: string | null;
  new_value: string;
  source: string;
  source_ref: string | null;
}

describe('copying a year of the ledger', () => {
  let core: Core;
  beforeEach(async () => {
    ({ core } = await seededCore('small', 33));
  });
  afterEach(() => core.close());

  const count = (year: number) => (core.conn.sqlite.prepare('SELECT count(*) AS n FROM branch_ledger WHERE year = ?').get(year) as { n: number }).n;

  it('records every copied row once, as a record of its own would, in the rows’ order', async () => {
    const live = (await core.call('ledger.list', { year: 2026 })).total;
    expect(await core.call('ledger.copyYear', { from: 2026, to: 2027 })).toEqual({ copied: live, skipped: 0, closed: 0 });
    const { sqlite } = core.conn;
    const copied = sqlite.prepare('SELECT id, uid, org_id FROM branch_ledger WHERE year = 2027 ORDER BY id').all() as { id: number; uid: string; org_id: number }[];
    const sets = sqlite.prepare("SELECT id, at, actor, summary FROM change_set WHERE source = 'copy-year'").all() as { id: string; at: string; actor: string; summary: string }[];
    expect(sets).toHaveLength(1);
    expect(sets[0]!.summary).toBe(`由 2026 年台账生成 2027 年台账（${live} 行）`);
    const records = sqlite.prepare('SELECT * FROM audit_log WHERE change_set_id = ? ORDER BY id').all(sets[0]!.id) as AuditRecord[];
    expect(records.map((r) => [r.row_id, r.row_uid])).toEqual(copied.map((r) => [r.id, r.uid]));
    records.forEach((r, i) => {
      expect(r).toEqual({
        id: r.id, change_set_id: sets[0]!.id, at: sets[0]!.at, actor: sets[0]!.actor, entity: 'branch_ledger', row_id: copied[i]!.id, row_uid: copied[i]!.uid,
        field: null, op: 'insert', old_value: null, new_value: JSON.stringify({ orgId: copied[i]!.org_id, year: 2027, copiedFrom: 2026 }), source: 'copy-year', source_ref: null,
      });
    });
    // Nothing copied the second time: no change set either.
    await core.call('ledger.copyYear', { from: 2026, to: 2027 });
    expect(sqlite.prepare("SELECT count(*) AS n FROM change_set WHERE source = 'copy-year'").get()).toEqual({ n: 1 });
    // One undo takes the whole copy away.
    await core.call('changes.undo', { changeSetId: sets[0]!.id });
    expect(count(2027)).toBe(0);
  });

  it('is refused, writing nothing, where the new year’s ledger of a township was accepted (locked)', async () => {
    const town = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.townshipId !== null)!;
    for (const to of ['returned', 'reviewed', 'accepted'] as const) {
      moveReturn(core.conn.sqlite, { templateId: 'branch-ledger', period: '2027', unitOrgId: town.townshipId! }, { to, actor: '测试', at: '2026-03-15T02:00:00.000Z' });
    }
    const audit = () => core.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    const before = audit();
    await expect(core.call('ledger.copyYear', { from: 2026, to: 2027 })).rejects.toMatchObject({
      message: expect.stringContaining('2027年党支部分类台账已采纳并锁定'),
    });
    expect(count(2027)).toBe(0);
    expect(audit()).toEqual(before);
  });
});
