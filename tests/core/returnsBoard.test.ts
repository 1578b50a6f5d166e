/**
 * 报送情况 on a real SQLite file: the roster of a unit on a date (a closed unit out, a new one
 * in, a closed one with a return still shown), every move of a return allowed or refused, the
 * moves the operations make (send-down, a return opened twice, its commit), the lock of an
 * accepted return (an edit and an import refused, nothing written) and its reopening, the
 * board's counts and days late, and the 催报 list through the export engine and LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { findReturn, moveReturn, returnEvents } from '../../electron/core/repos/reportReturns.ts';
import { canMove, moveNeedsReason, returnStates, type ReturnState } from '../../shared/domain/reportReturns.ts';
import { bannerOf } from '../helpers/exports.ts';
import { seededCore } from '../helpers/core.ts';
import { pdfPages, soffice } from '../helpers/office.ts';

function snapshot(core: Core): string {
  const q = (sql: string) => JSON.stringify(core.conn.sqlite.prepare(sql).all());
  return createHash('sha256')
    .update(q('SELECT * FROM branch_ledger ORDER BY id'))
    .update(q('SELECT * FROM report_return ORDER BY id'))
    .update(q('SELECT count(*) FROM report_return_event'))
    .update(q('SELECT count(*) FROM audit_log'))
    .update(q('SELECT count(*) FROM import_batch'))
    .digest('hex');
}

describe('returns board', () => {
  let core: Core;
  let dir: string;
  let banner: number;
  let towns: { id: number; name: string }[];
  /** The files the send-down test wrote, one a township. */
  let sentDown: { unitId: number; file: string }[] = [];

  beforeAll(async () => {
    ({ core, dir } = await seededCore('small'));
    banner = await bannerOf(core);
    // The tree as built the year before (the seed writes today's date).
    core.conn.sqlite.exec("UPDATE org SET created_at = '2025-01-01T00:00:00.000Z'");
    towns = (await core.call('org.children', { parentId: banner, counts: false })).nodes.filter((n) => n.level === 'township').map((n) => ({ id: n.id, name: n.name }));
  });
  afterAll(async () => core.close());

  /** The township fills in its file (openpyxl saves it): `edits` is Python on `ws`. */
  const fill = (file: string, edits: string) => {
    const out = path.join(dir, `报送-${Math.random()}.xlsx`);
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(file)})
ws = wb.worksheets[0]
${edits}
wb.save(${JSON.stringify(out)})
`]);
    core.grants.read(out);
    return out;
  };

  it('allows exactly the moves of the domain, each refusal in Chinese and changing nothing', () => {
    const { sqlite } = core.conn;
    const reach: Record<ReturnState, ReturnState[]> = {
      unsent: [], sent: ['sent'], returned: ['returned'], reviewed: ['returned', 'reviewed'], accepted: ['returned', 'reviewed', 'accepted'], sent_back: ['returned', 'sent_back'],
    };
    const at = '2026-03-15T02:00:00.000Z';
    let tried = 0;
    for (const from of returnStates) {
      for (const to of returnStates.filter((s) => s !== 'unsent')) {
        const key = { templateId: `t-${from}-${to}`, period: '2026', unitOrgId: towns[0]!.id };
        for (const step of reach[from]) moveReturn(sqlite, key, { to: step, actor: '测试', at, reason: '理由' });
        const before = JSON.stringify([findReturn(sqlite, key), findReturn(sqlite, key) ? returnEvents(sqlite, findReturn(sqlite, key)!.id).length : 0]);
        if (canMove(from, to)) {
          if (moveNeedsReason(from, to)) {
            expect(() => moveReturn(sqlite, key, { to, actor: '测试', at, reason: '  ' })).toThrow(/须填写原因/);
            expect(JSON.stringify([findReturn(sqlite, key), findReturn(sqlite, key) ? returnEvents(sqlite, findReturn(sqlite, key)!.id).length : 0])).toBe(before);
          }
          expect(moveReturn(sqlite, key, { to, actor: '测试', at, reason: '理由' }).state).toBe(to);
        } else {
          expect(() => moveReturn(sqlite, key, { to, actor: '测试', at, reason: '理由' })).toThrow(/不能改为/);
          expect(JSON.stringify([findReturn(sqlite, key), findReturn(sqlite, key) ? returnEvents(sqlite, findReturn(sqlite, key)!.id).length : 0])).toBe(before);
        }
        tried++;
      }
    }
    expect(tried).toBe(30);
    sqlite.exec("DELETE FROM report_return_event WHERE return_id IN (SELECT id FROM report_return WHERE template_id LIKE 't-%'); DELETE FROM report_return WHERE template_id LIKE 't-%'");
  });

  it('expects the townships open on the day: a closed one out, a new one in, a closed one that returned still shown', async () => {
    const closed = towns[towns.length - 1]!;
    await core.call('org.close', { id: closed.id, closedOn: '2026-03-01' });
    const made = await core.call('org.create', { parentId: banner, level: 'township', name: '新设试验镇党委' });
    const ids = async (onDate: string) => (await core.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner, onDate })).rows.map((r) => [r.unitOrgId, r.onRoster]);
    // Created on 2026-03-15 (the test's clock): not yet there on the 10th; the closed one was there on 2026-02-20.
    expect(await ids('2026-02-20')).toContainEqual([closed.id, true]);
    expect((await ids('2026-03-10')).map(([id]) => id)).not.toContain(closed.id);
    expect((await ids('2026-03-10')).map(([id]) => id)).not.toContain(made.id);
    expect(await ids('2026-03-15')).toContainEqual([made.id, true]);
    // A return of the closed unit is never hidden: shown, marked off the roster.
    moveReturn(core.conn.sqlite, { templateId: 'branch-ledger', period: '2026', unitOrgId: closed.id }, { to: 'returned', actor: '测试', at: '2026-02-25T02:00:00.000Z', fileName: '旧.xlsx' });
    expect(await ids('2026-03-15')).toContainEqual([closed.id, false]);
    towns = towns.filter((t) => t.id !== closed.id);
  });

  it('sends down (已下发, with the deadline), takes a return once however often it is opened (已报送), reviews it on commit, and counts who is late', async () => {
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    const sent = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder: folder!, dueOn: '2026-03-10' });
    sentDown = sent.files;
    let board = await core.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner });
    const first = board.rows.find((r) => r.unitOrgId === towns[0]!.id)!.cells[0]!;
    expect(first).toMatchObject({ state: 'sent', stateLabel: '已下发', dueOn: '2026-03-10', daysLate: 5, round: 0 });
    expect(first.exportBatchId).toBe(sent.files.find((f) => f.unitId === towns[0]!.id)!.batchId);
    expect(board.counts.sent).toBe(sent.files.length);

    const file = fill(sent.files.find((f) => f.unitId === towns[0]!.id)!.file, "ws['G6'] = 91");
    const p1 = await core.call('import.open', { path: file });
    expect(p1.report).toMatchObject({ unitOrgId: towns[0]!.id, state: 'returned', round: 1, templateId: 'branch-ledger', period: '2026', note: null });
    const p2 = await core.call('import.open', { path: file });
    expect(p2.report).toMatchObject({ state: 'returned', round: 1 });
    expect(p2.report!.note).toContain('同一次报送');
    const row = findReturn(core.conn.sqlite, { templateId: 'branch-ledger', period: '2026', unitOrgId: towns[0]!.id })!;
    expect(row).toMatchObject({ state: 'returned', round: 1, file_name: path.basename(file), returned_by: '测试' });
    expect(returnEvents(core.conn.sqlite, row.id).map((e) => e.to_state)).toEqual(['sent', 'returned']);

    const committed = await core.call('import.commit', { sessionId: p2.sessionId });
    board = await core.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner });
    const cell = board.rows.find((r) => r.unitOrgId === towns[0]!.id)!.cells[0]!;
    expect(cell).toMatchObject({ state: 'reviewed', stateLabel: '已审核', importBatchId: committed.batchId, round: 1, daysLate: 5 });
    const lateCells = board.rows.filter((r) => r.onRoster && r.cells[0]!.dueOn).length;
    // The reviewed one came in late too, but no longer owes: it is late, not late and owing.
    expect(board.counts).toMatchObject({ reviewed: 1, sent: sent.files.length - 1, late: lateCells, lateOwing: lateCells - 1 });
  });

  it('locks an accepted return: an edit and an import of its rows are refused naming the unit and table, until reopened with a reason', async () => {
    const town = towns[0]!;
    const other = towns[1]!;
    const cell = (await core.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner })).rows.find((r) => r.unitOrgId === town.id)!.cells[0]!;
    // 已下发 cannot be accepted: nothing came in.
    const otherCell = (await core.call('returns.board', { templateIds: ['branch-ledger'], periods: ['2026'], scopeOrgId: banner })).rows.find((r) => r.unitOrgId === other.id)!.cells[0]!;
    const before0 = snapshot(core);
    await expect(core.call('returns.accept', { returnId: otherCell.returnId! })).rejects.toMatchObject({ message: '该单位的报表当前为“已下发”，不能改为“已采纳”。' });
    expect(snapshot(core)).toBe(before0);

    expect(await core.call('returns.accept', { returnId: cell.returnId! })).toMatchObject({ state: 'accepted', locked: true });
    const rows = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
    const place = town.name.replace(/党委$/, '');
    const message = `${place}2026年党支部分类台账已采纳并锁定；如需修改，请先在“报送情况”中重新打开并填写原因。`;
    const before = snapshot(core);
    await expect(core.call('ledger.edit', { changes: [{ id: rows[0]!.id, field: 'membersFormal', value: 5 }], source: 'typed' })).rejects.toMatchObject({ message });
    expect(snapshot(core)).toBe(before);
    // Another township's rows are free.
    const others = (await core.call('ledger.list', { year: 2026, scopeOrgId: other.id })).rows;
    await core.call('ledger.edit', { changes: [{ id: others[0]!.id, field: 'membersFormal', value: 6 }], source: 'typed' });

    // A corrected file of the locked township: read, but its commit is refused and writes nothing.
    const p = await core.call('import.open', { path: fill(findReturn(core.conn.sqlite, { templateId: 'branch-ledger', period: '2026', unitOrgId: town.id })!.file_path!, "ws['G6'] = 3") });
    expect(p.report).toMatchObject({ state: 'accepted', round: 1, note: message });
    const before2 = snapshot(core);
    await expect(core.call('import.commit', { sessionId: p.sessionId })).rejects.toMatchObject({ message });
    expect(snapshot(core)).toBe(before2);

    await expect(core.call('returns.reopen', { returnId: cell.returnId!, reason: '' })).rejects.toMatchObject({ message: '从“已采纳”改为“已审核”须填写原因。' });
    expect(snapshot(core)).toBe(before2);
    expect(await core.call('returns.reopen', { returnId: cell.returnId!, reason: '党员人数有误' })).toMatchObject({ state: 'reviewed', locked: false });
    await core.call('ledger.edit', { changes: [{ id: rows[0]!.id, field: 'membersFormal', value: 5 }], source: 'typed' });
    const history = await core.call('returns.history', { returnId: cell.returnId! });
    expect(history.map((h) => h.to)).toEqual(['已下发', '已报送', '已审核', '已采纳', '已审核']);
    expect(history[4]).toMatchObject({ from: '已采纳', reason: '党员人数有误' });
  });

  it('writes the 催报 list of the townships still owing, in the official style, that LibreOffice prints', async () => {
    await core.call('returns.setDue', { templateId: 'branch-ledger', period: '2026', unitOrgIds: [towns[1]!.id], dueOn: '2026-03-01' });
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '催报名单.xlsx' });
    await core.call('export.run', { templateId: 'returns-chase', scope: { year: 2026, scopeOrgId: banner }, path: file! });
    const out = execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json, sys
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps([[c.value for c in r] for r in ws.iter_rows()], ensure_ascii=False, default=str))
`, file!], { encoding: 'utf8' });
    const cells = JSON.parse(out) as (string | number | null)[][];
    const bannerName = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id })).nodes.find((n) => n.id === banner)!.name;
    expect(cells.flat()).toContain(`${bannerName.replace(/委$/, '')}2026年报表催报名单`);
    const listed = cells.filter((r) => towns.some((t) => t.name === r[1]));
    // Everyone but the township that returned (已审核) is owed; the one with a deadline of 03-01 is 14 days late.
    expect(listed.map((r) => r[1])).toEqual(towns.slice(1).map((t) => t.name));
    const late = listed.find((r) => r[1] === towns[1]!.name)!;
    expect(late).toEqual(expect.arrayContaining(['党支部分类台账（已下发）', '2026-03-01', 14]));
    // A contact reads as a person would write it: a name and a title in Chinese, never a position's code.
    const contacts = listed.map((r) => r.find((v) => typeof v === 'string' && /^.+（.+）$/.test(v) && !v.includes('台账'))).filter((v) => v);
    expect(contacts.length).toBeGreaterThan(0);
    for (const c of contacts) expect(c).toMatch(/^[^a-z]+（[^a-z_]+）$/);
    const pdf = soffice(file!, 'pdf', path.join(dir, 'pdf'));
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
  });
  it('refuses under a lock a record edit, a record added, a bulk delete and an undo into the locked unit, and lets other tables and units be', async () => {
    const town = towns[2]!;
    const { sqlite } = core.conn;
    const problems = (await core.call('records.list', { table: 'problem', year: 2026, scopeOrgId: town.id })).rows;
    const ledger = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
    expect(problems.length).toBeGreaterThan(0);
    // A change made before the lock, to be undone after it.
    const earlier = await core.call('ledger.edit', { changes: [{ id: ledger[1]!.id, field: 'membersFormal', value: 33 }], source: 'typed' });
    const at = '2026-03-15T02:00:00.000Z';
    for (const to of ['returned', 'reviewed', 'accepted'] as const) moveReturn(sqlite, { templateId: 'problems', period: '2026', unitOrgId: town.id }, { to, actor: '测试', at });
    const locked = /问题清单整改台账已采纳并锁定；如需修改，请先在“报送情况”中重新打开并填写原因。$/;
    const before = snapshot(core);
    const problemCount = () => sqlite.prepare('SELECT count(*) AS n FROM problem').get() as { n: number };
    const count = problemCount().n;
    await expect(core.call('records.edit', { table: 'problem', year: 2026, changes: [{ id: problems[0]!.id, field: 'measures', value: '改了' }], source: 'typed' })).rejects.toMatchObject({ message: expect.stringMatching(locked) });
    await expect(core.call('records.add', { table: 'problem', year: 2026, rows: [{ orgId: problems[0]!.values.orgId as number, description: '新问题' }], source: 'typed' })).rejects.toMatchObject({ message: expect.stringMatching(locked) });
    await expect(core.call('records.delete', { table: 'problem', ids: problems.map((p) => p.id) })).rejects.toMatchObject({ message: expect.stringMatching(locked) });
    expect(snapshot(core)).toBe(before);
    expect(problemCount().n).toBe(count);
    // The 问题清单's lock holds the problems, not the branch ledger: those rows are free, and so an undo of them.
    await core.call('changes.undo', { changeSetId: earlier.changeSetId! });
    // The ledger's own lock (the branch ledger accepted too): a bulk delete and an undo refused.
    for (const to of ['returned', 'reviewed', 'accepted'] as const) moveReturn(sqlite, { templateId: 'branch-ledger', period: '2026', unitOrgId: town.id }, { to, actor: '测试', at });
    const refused = await core.call('ledger.edit', { changes: [{ id: ledger[2]!.id, field: 'membersFormal', value: 34 }], source: 'typed' }).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    const before2 = snapshot(core);
    await expect(core.call('ledger.delete', { ids: ledger.map((r) => r.id) })).rejects.toMatchObject({ message: expect.stringContaining('党支部分类台账已采纳并锁定') });
    await expect(core.call('changes.redo', { changeSetId: earlier.changeSetId! })).rejects.toMatchObject({ message: expect.stringContaining('党支部分类台账已采纳并锁定') });
    expect(snapshot(core)).toBe(before2);
  });

  it('locks an accepted 联系点台账: its points in force that year and its work records of that year, also against being moved out of it', async () => {
    const town = towns[3]!;
    const { sqlite } = core.conn;
    const points = (await core.call('records.list', { table: 'liaison', year: 2026, scopeOrgId: town.id })).rows;
    const visits = (await core.call('records.list', { table: 'visit', year: 2026, scopeOrgId: town.id })).rows;
    expect(points.length).toBeGreaterThan(0);
    expect(visits.length).toBeGreaterThan(0);
    const at = '2026-03-15T02:00:00.000Z';
    for (const to of ['returned', 'reviewed', 'accepted'] as const) moveReturn(sqlite, { templateId: 'liaison-points', period: '2026', unitOrgId: town.id }, { to, actor: '测试', at });
    const locked = /联系点台账已采纳并锁定；如需修改，请先在“报送情况”中重新打开并填写原因。$/;
    const before = snapshot(core);
    await expect(core.call('records.edit', { table: 'liaison', year: 2026, changes: [{ id: points[0]!.id, field: 'goals', value: '改了' }], source: 'typed' })).rejects.toMatchObject({ message: expect.stringMatching(locked) });
    await expect(core.call('records.edit', { table: 'visit', year: 2026, changes: [{ id: visits[0]!.id, field: 'content', value: '改了' }], source: 'typed' })).rejects.toMatchObject({ message: expect.stringMatching(locked) });
    // Moving a work record out of the locked year changes that year's figures too.
    await expect(core.call('records.edit', { table: 'visit', year: 2026, changes: [{ id: visits[0]!.id, field: 'visitedOn', value: '2025-12-01' }], source: 'typed' })).rejects.toMatchObject({ message: expect.stringMatching(locked) });
    expect(snapshot(core)).toBe(before);
    // Another township's points are not held by this one's lock.
    const elsewhere = (await core.call('records.list', { table: 'liaison', year: 2026, scopeOrgId: towns[4]!.id })).rows;
    await core.call('records.edit', { table: 'liaison', year: 2026, changes: [{ id: elsewhere[0]!.id, field: 'goals', value: '别处可改' }], source: 'typed' });
  });

  it('takes an earlier round’s file opened again by mistake for the report it was, not a new one: a reviewed unit stays reviewed', async () => {
    // Last: it reviews a third township, which the 催报 list above counts as owing.
    const keyOf = (unitOrgId: number) => ({ templateId: 'branch-ledger', period: '2026', unitOrgId });
    const town = towns.find((t) => findReturn(core.conn.sqlite, keyOf(t.id))?.state === 'sent')!;
    const key = keyOf(town.id);
    const original = sentDown.find((f) => f.unitId === town.id)!.file;
    const first = fill(original, "ws['G6'] = 31");
    const second = fill(original, "ws['G6'] = 32");
    expect((await core.call('import.open', { path: first })).report).toMatchObject({ state: 'returned', round: 1 });
    const p2 = await core.call('import.open', { path: second });
    expect(p2.report).toMatchObject({ state: 'returned', round: 2 });
    await core.call('import.commit', { sessionId: p2.sessionId });
    const events = returnEvents(core.conn.sqlite, findReturn(core.conn.sqlite, key)!.id).length;

    const again = await core.call('import.open', { path: first });
    expect(again.report).toMatchObject({ state: 'reviewed', round: 2 });
    expect(again.report!.note).toBe('这份文件是第 1 轮报送的文件，此前已打开过，未记为新的报送；当前为第 2 轮“已审核”。');
    expect(findReturn(core.conn.sqlite, key)).toMatchObject({ state: 'reviewed', round: 2 });
    expect(returnEvents(core.conn.sqlite, findReturn(core.conn.sqlite, key)!.id)).toHaveLength(events);
    await core.call('import.discard', { sessionId: again.sessionId });
  });
});
