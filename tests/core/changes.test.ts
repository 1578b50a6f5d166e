/**
 * One undo and one history for every kind of row: a ledger cell edit, a record-table edit,
 * a unit renamed, moved or created in the tree, a record added, a whole import, each undone,
 * redone and undone again by the same two methods on a real database. An undo that would
 * overwrite what changed since is refused, names it, and leaves every table exactly as it was.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { isStored, storedColumn, type RefKind } from '../../shared/domain/fields.ts';
import { recordTableNames, recordTables } from '../../shared/domain/records.ts';
import { recordSpecs } from '../../electron/core/repos/records.ts';
import { pointers, undoableTables, type UndoableTable } from '../../electron/core/repos/rows.ts';
import { seededCore, tempDir } from '../helpers/core.ts';

const tables = ['org', 'branch_ledger', 'leader', 'liaison', 'liaison_visit', 'project', 'problem', 'evaluation', 'change_set', 'audit_log', 'import_batch'];

/** Every row of every table the app keeps, table by table (a difference says where). */
function dump(core: Core): Record<string, string> {
  return Object.fromEntries(
    tables.map((t) => [t, createHash('sha256').update(JSON.stringify(core.conn.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all())).digest('hex')]),
  );
}

describe('one undo for every kind of change', () => {
  let core: Core;
  let rows: LedgerRow[];
  beforeAll(async () => {
    ({ core } = await seededCore('small', 41));
    rows = (await core.call('ledger.list', { year: 2026 })).rows;
  });
  afterAll(() => core.close());

  const ledgerRow = async (id: number) => (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === id);
  const changeSet = (id: string) => core.conn.sqlite.prepare('SELECT source, undo_of, undone_by FROM change_set WHERE id = ?').get(id);

  /** Undone, redone, undone again: the state goes back, forth and back, each step a change set reverting the one before. */
  async function undoRedoUndo(changeSetId: string, state: () => Promise<unknown>, before: unknown) {
    const after = await state();
    expect(after).not.toEqual(before);
    const undo = await core.call('changes.undo', { changeSetId });
    expect(await state()).toEqual(before);
    const redo = await core.call('changes.redo', { changeSetId: undo.changeSetId! });
    expect(await state()).toEqual(after);
    const again = await core.call('changes.undo', { changeSetId: redo.changeSetId! });
    expect(await state()).toEqual(before);
    expect([changeSet(undo.changeSetId!), changeSet(redo.changeSetId!), changeSet(again.changeSetId!)]).toEqual([
      { source: 'undo', undo_of: changeSetId, undone_by: redo.changeSetId },
      { source: 'redo', undo_of: undo.changeSetId, undone_by: again.changeSetId },
      { source: 'undo', undo_of: redo.changeSetId, undone_by: null },
    ]);
    return { undo, redo, again };
  }

  it('a ledger cell edit, a value not understood and a unit’s name edited from the ledger among them', async () => {
    const r = rows[0]!;
    const state = async () => {
      const now = (await ledgerRow(r.id))!;
      return { name: now.name, secretary: now.secretary, grade: now.grade, membersFormal: now.membersFormal, invalid: now.invalid };
    };
    const before = await state();
    const edit = await core.call('ledger.edit', {
      changes: [
        { id: r.id, field: 'secretary', value: '撤销测试书记' },
        { id: r.id, field: 'grade', value: '后进' },
        { id: r.id, field: 'membersFormal', value: '许多' },
        { id: r.id, field: 'name', value: '撤销测试改名党支部' },
      ],
      source: 'typed',
    });
    const { undo } = await undoRedoUndo(edit.changeSetId!, state, before);
    expect(undo.ledger.rows.map((x) => x.id)).toEqual([r.id]);
    // One history, from the same audit query, for the row and its unit.
    expect((await core.call('ledger.history', { id: r.id })).slice(0, 3).map((h) => h.source)).toEqual(['undo', 'undo', 'undo']);
    expect((await core.call('org.history', { id: r.orgId })).slice(0, 4).map((h) => [h.source, h.newValue])).toEqual([
      ['undo', r.name], ['redo', '撤销测试改名党支部'], ['undo', r.name], ['typed', '撤销测试改名党支部'],
    ]);
  });

  it('a record-table edit', async () => {
    const leader = (await core.call('records.list', { table: 'leader', year: 2026 })).rows[0]!;
    const state = async () => {
      const now = (await core.call('records.list', { table: 'leader', year: 2026 })).rows.find((l) => l.id === leader.id)!;
      return { phone: now.values.phone, notes: now.values.notes, invalid: now.invalid };
    };
    const before = await state();
    const edit = await core.call('records.edit', { table: 'leader', year: 2026, changes: [{ id: leader.id, field: 'phone', value: '13900001111' }, { id: leader.id, field: 'notes', value: '撤销测试' }], source: 'typed' });
    const { redo } = await undoRedoUndo(edit.changeSetId!, state, before);
    expect(redo.records).toEqual([{ table: 'leader', rows: [expect.objectContaining({ id: leader.id })], gone: [] }]);
  });

  it('a unit renamed, and a township moved with its subtree to another banner', async () => {
    const branch = rows[1]!;
    const name = async () => ({ tree: (await core.call('org.search', { query: '撤销测试新名' })).length, ledger: (await ledgerRow(branch.id))!.name });
    const before = await name();
    expect(before).toEqual({ tree: 0, ledger: branch.name });
    await core.call('org.update', { id: branch.orgId, name: '撤销测试新名党支部' });
    await undoRedoUndo((await core.call('org.history', { id: branch.orgId }))[0]!.changeSetId, name, before);

    const [city] = (await core.call('org.children', { parentId: null })).nodes;
    const [bannerA] = (await core.call('org.children', { parentId: city!.id })).nodes;
    const bannerB = await core.call('org.create', { parentId: city!.id, name: '撤销测试旗委', level: 'county', kind: 'county_committee' });
    const town = (await core.call('org.children', { parentId: bannerA!.id })).nodes[0]!;
    const place = async () => ({
      tree: core.conn.sqlite.prepare("SELECT id, parent_id, path, depth FROM org WHERE path LIKE (SELECT path FROM org WHERE id = ?) || '%' ORDER BY id").all(town.id),
      counties: [...new Set((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.map((r) => r.county))],
    });
    const before2 = await place();
    expect(before2.counties).toEqual([bannerA!.name]);
    await core.call('org.move', { id: town.id, newParentId: bannerB.id });
    expect((await place()).counties).toEqual([bannerB.name]);
    await undoRedoUndo((await core.call('org.history', { id: town.id }))[0]!.changeSetId, place, before2);
  });

  it('a unit closed with its subtree, and a record deleted recoverably', async () => {
    const town = rows[6]!.townshipId!;
    const open = () => core.conn.sqlite.prepare("SELECT id, closed_on FROM org WHERE path LIKE (SELECT path FROM org WHERE id = ?) || '%' ORDER BY id").all(town);
    const before = open();
    await core.call('org.close', { id: town, closedOn: '2026-03-01' });
    expect(new Set((open() as { closed_on: string | null }[]).map((o) => o.closed_on))).toEqual(new Set(['2026-03-01']));
    await undoRedoUndo((await core.call('org.history', { id: town }))[0]!.changeSetId, async () => open(), before);

    const visit = (await core.call('records.list', { table: 'visit', year: 2026 })).rows[0]!;
    const live = async () => (await core.call('records.list', { table: 'visit', year: 2026 })).rows.some((v) => v.id === visit.id);
    const deleted = await core.call('records.delete', { table: 'visit', ids: [visit.id] });
    await undoRedoUndo(deleted.changeSetId!, live, true);
  });

  it('a unit created in the tree, with its ledger row: removed for good when undone, put back when redone', async () => {
    const town = rows[2]!.townshipId!;
    const state = async () => ({
      tree: (await core.call('org.search', { query: '撤销测试树上新建党支部' })).map((h) => h.node.name),
      ledger: (await core.call('ledger.list', { year: 2026, deleted: true })).rows.length + (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.name === '撤销测试树上新建党支部').length,
    });
    const before = await state();
    const created = await core.call('org.create', { parentId: town, name: '撤销测试树上新建党支部', level: 'branch', kind: 'branch' });
    const { undo } = await undoRedoUndo((await core.call('org.history', { id: created.id }))[0]!.changeSetId, state, before);
    expect(undo.removed).toEqual(['撤销测试树上新建党支部']);
  });

  it('a record added: undone it is gone (not in the recycle bin); redone it is back as it was, with its history', async () => {
    const committee = rows[3]!.townshipId!;
    const find = async (deleted = false) => (await core.call('records.list', { table: 'leader', year: 2026, deleted })).rows.find((l) => l.values.name === '撤销测试干部');
    const state = async () => {
      const l = await find();
      return { live: l && { id: l.id, uid: l.uid, values: l.values }, binned: (await find(true)) !== undefined };
    };
    const before = await state();
    const added = await core.call('records.add', { table: 'leader', year: 2026, rows: [{ name: '撤销测试干部', position: 'member', committeeId: committee, phone: '13800002222', title: '副镇长' }], source: 'typed' });
    const { undo } = await undoRedoUndo(added.changeSetId!, state, before);
    expect(undo.records).toEqual([{ table: 'leader', rows: [], gone: [added.rows[0]!.id] }]);
    // Redone once more: the same row (id and uid), and its one history from the audit log by its uid.
    await core.call('changes.redo', { changeSetId: added.changeSetId! });
    const back = (await find())!;
    expect([back.id, back.uid]).toEqual([added.rows[0]!.id, added.rows[0]!.uid]);
    expect((await core.call('records.history', { table: 'leader', id: back.id })).map((h) => [h.op, h.source])).toEqual([
      ['insert', 'redo'], ['delete', 'undo'], ['insert', 'redo'], ['delete', 'undo'], ['insert', 'typed'],
    ]);
  });

  it('a whole import: its values and the branch it added go and come back; the import is undone, committed, undone', async () => {
    const held = rows[4]!;
    const file = path.join(tempDir(), '撤销测试.xlsx');
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json, sys
wb = openpyxl.Workbook()
for line in json.loads(sys.argv[1]): wb.active.append(line)
wb.save(sys.argv[2])
`, JSON.stringify([
      ['苏木乡镇（街道）', '党组织名称', '正式党员（名）', '书记'],
      [held.township, held.name, 77, '导入的书记'],
      [held.township, '撤销测试导入村党支部', 9, '新支部书记'],
    ]), file]);
    core.grants.read(file);
    const p = await core.call('import.open', { path: file, mapping: [{ index: 0, field: 'township' }, { index: 1, field: 'name' }, { index: 2, field: 'membersFormal' }, { index: 3, field: 'secretary' }] });
    const state = async () => {
      const list = (await core.call('ledger.list', { year: 2026 })).rows;
      const now = list.find((r) => r.id === held.id)!;
      const added = list.find((r) => r.name === '撤销测试导入村党支部');
      return {
        held: [now.membersFormal, now.secretary],
        added: added && [added.membersFormal, added.secretary, added.townshipId],
        units: (await core.call('org.search', { query: '撤销测试导入村党支部' })).length,
        status: (await core.call('import.history', {})).find((b) => b.fileName === '撤销测试.xlsx')?.status ?? null,
      };
    };
    const before = await state();
    const committed = await core.call('import.commit', { sessionId: p.sessionId });
    expect(await state()).toEqual({ held: [77, '导入的书记'], added: [9, '新支部书记', held.townshipId], units: 1, status: 'committed' });
    // The status is the import's own: before it, none; undone, redone, undone with the change sets.
    const states: unknown[] = [];
    const tracked = async () => {
      const s = await state();
      states.push(s.status);
      return { ...s, status: null };
    };
    const { undo } = await undoRedoUndo(committed.changeSetId!, tracked, { ...before, status: null });
    expect(states).toEqual(['committed', 'undone', 'committed', 'undone']);
    expect(undo).toMatchObject({ problems: [], removed: ['撤销测试导入村党支部'] });
  });

  it('an import’s undo keeps a cell changed since, names it, and undoes the rest', async () => {
    const [a, b] = [rows[7]!, rows[8]!];
    const file = path.join(tempDir(), '改过的导入.xlsx');
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json, sys
wb = openpyxl.Workbook()
for line in json.loads(sys.argv[1]): wb.active.append(line)
wb.save(sys.argv[2])
`, JSON.stringify([['苏木乡镇（街道）', '党组织名称', '书记'], [a.township, a.name, '导入甲'], [b.township, b.name, '导入乙']]), file]);
    core.grants.read(file);
    const p = await core.call('import.open', { path: file, mapping: [{ index: 0, field: 'township' }, { index: 1, field: 'name' }, { index: 2, field: 'secretary' }] });
    const committed = await core.call('import.commit', { sessionId: p.sessionId });
    await core.call('ledger.edit', { changes: [{ id: a.id, field: 'secretary', value: '后来改的' }], source: 'typed' });
    const undo = await core.call('changes.undo', { changeSetId: committed.changeSetId! });
    expect(undo.problems).toEqual([`${a.name}：书记在此之后又被改为“后来改的”，未撤销，以免覆盖。`]);
    expect([(await ledgerRow(a.id))!.secretary, (await ledgerRow(b.id))!.secretary]).toEqual(['后来改的', b.secretary]);
    expect((await core.call('import.history', {}))[0]).toMatchObject({ fileName: '改过的导入.xlsx', status: 'undone' });
  });

  it('undoes an undo (the same as its redo), and redoes given what was undone', async () => {
    const r = rows[5]!;
    const notes = async () => (await ledgerRow(r.id))!.notes;
    const edit = await core.call('ledger.edit', { changes: [{ id: r.id, field: 'notes', value: '撤销的撤销' }], source: 'typed' });
    const undo = await core.call('changes.undo', { changeSetId: edit.changeSetId! });
    expect(await notes()).toBe(r.notes);
    const undoOfUndo = await core.call('changes.undo', { changeSetId: undo.changeSetId! });
    expect(await notes()).toBe('撤销的撤销');
    expect(changeSet(undoOfUndo.changeSetId!)).toEqual({ source: 'undo', undo_of: undo.changeSetId, undone_by: null });
    await core.call('changes.undo', { changeSetId: undoOfUndo.changeSetId! });
    expect(await notes()).toBe(r.notes);
    // Each change set is undone once.
    await expect(core.call('changes.undo', { changeSetId: undo.changeSetId! })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已经撤销过了') });
    // Redo given the action itself: its undo is reverted.
    const edit2 = await core.call('ledger.edit', { changes: [{ id: r.id, field: 'notes', value: '再次' }], source: 'typed' });
    await expect(core.call('changes.redo', { changeSetId: edit2.changeSetId! })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('没有撤销过') });
    await core.call('changes.undo', { changeSetId: edit2.changeSetId! });
    await core.call('changes.redo', { changeSetId: edit2.changeSetId! });
    expect(await notes()).toBe('再次');
    await expect(core.call('changes.redo', { changeSetId: edit2.changeSetId! })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已经重做过了') });
  });
});

describe('an undo that would overwrite a later change', () => {
  let core: Core;
  let rows: LedgerRow[];
  beforeAll(async () => {
    ({ core } = await seededCore('small', 42));
    rows = (await core.call('ledger.list', { year: 2026 })).rows;
  });
  afterAll(() => core.close());

  /** Refused with the words given, and every table exactly as it was. */
  async function refused(changeSetId: string, words: string[]) {
    const before = dump(core);
    const call = core.call('changes.undo', { changeSetId });
    await expect(call).rejects.toMatchObject({ code: 'CONFLICT' });
    const message = await call.catch((e: Error) => e.message);
    for (const w of words) expect(message).toContain(w);
    expect(message).toContain('没有改动任何数据');
    expect(dump(core)).toEqual(before);
  }

  it('names the cell changed since, the column and what it holds now, and writes nothing, not even the other cells', async () => {
    const r = rows[0]!;
    const first = await core.call('ledger.edit', { changes: [{ id: r.id, field: 'grade', value: '先进' }, { id: r.id, field: 'notes', value: '第一次' }, { id: rows[1]!.id, field: 'secretary', value: '别行' }], source: 'paste' });
    await core.call('ledger.edit', { changes: [{ id: r.id, field: 'grade', value: '后进' }], source: 'typed' });
    await refused(first.changeSetId!, [`“${r.name}”的等次已被改为“后进”`]);
  });

  it('names a record’s field changed since', async () => {
    const leader = (await core.call('records.list', { table: 'leader', year: 2026 })).rows[0]!;
    const first = await core.call('records.edit', { table: 'leader', year: 2026, changes: [{ id: leader.id, field: 'title', value: '第一次' }], source: 'typed' });
    await core.call('records.edit', { table: 'leader', year: 2026, changes: [{ id: leader.id, field: 'title', value: '第二次' }], source: 'typed' });
    await refused(first.changeSetId!, [`“${String(leader.values.name)}”的职务全称已被改为“第二次”`]);
  });

  it('names a unit’s field changed since in the tree', async () => {
    const unit = rows[2]!;
    const first = await core.call('org.update', { id: unit.orgId, code: '150400000001' });
    const firstId = (await core.call('org.history', { id: first.id }))[0]!.changeSetId;
    await core.call('org.update', { id: unit.orgId, code: '150400000002' });
    await refused(firstId, [`“${unit.name}”的单位代码已被改为“150400000002”`]);
  });

  it('names a record added and used since (a leader given a liaison point), and does not remove it', async () => {
    const committee = rows[3]!.townshipId!;
    const added = await core.call('records.add', { table: 'leader', year: 2026, rows: [{ name: '已被使用的干部', position: 'member', committeeId: committee }], source: 'typed' });
    await core.call('records.add', { table: 'liaison', year: 2026, rows: [{ leaderId: added.rows[0]!.id, orgId: rows[3]!.orgId }], source: 'typed' });
    await refused(added.changeSetId!, ['“已被使用的干部”此后已被使用（联系点 1 个）']);
  });

  it('names a branch added and edited since, and a unit renamed where another now has its old name', async () => {
    const added = await core.call('ledger.addBranch', { year: 2026, parentId: rows[4]!.townshipId!, name: '撤销测试后来改过的党支部' });
    await core.call('ledger.edit', { changes: [{ id: added.id, field: 'secretary', value: '后来的书记' }], source: 'typed' });
    await refused(added.changeSetId, ['“撤销测试后来改过的党支部”的书记已被改为“后来的书记”']);

    // Renamed A → B; then another unit takes the name A: B cannot become A again.
    const [a, b] = (await core.call('ledger.list', { year: 2026, scopeOrgId: rows[5]!.townshipId! })).rows;
    const rename = await core.call('ledger.edit', { changes: [{ id: a!.id, field: 'name', value: '撤销测试让出的名字' }], source: 'typed' });
    await core.call('ledger.edit', { changes: [{ id: b!.id, field: 'name', value: a!.name }], source: 'typed' });
    await refused(rename.changeSetId!, [`同一上级下已有名为“${a!.name}”的党组织`]);
  });
});

describe('the tables an undo reaches', () => {
  it('are every record table, with every column that points at another row', () => {
    const pointsAt: Record<RefKind, string> = { leader: 'leader', branch: 'org', committee: 'org', org: 'org', liaison: 'liaison' };
    for (const t of recordTableNames) {
      const table = recordSpecs[t].sqlTable as UndoableTable;
      expect(undoableTables).toContain(table);
      for (const f of recordTables[t].fields.filter((x) => x.type === 'ref' && isStored(x))) {
        expect(pointers[table][storedColumn(f)], `${t}.${f.field}`).toBe(pointsAt[f.ref!]);
      }
    }
  });
});
