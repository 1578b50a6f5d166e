/**
 * The problem list's closed loop on a real database: 建账 → 领账 → 整改中 → 销号, each step one
 * audited change set with its step logged and undone as one; a skip or a step back refused
 * without a reason (in Chinese, nothing written) and taken with one; 重新打开 and 记进展; a
 * grid edit and an import of 整改状态 judged by the same rule; due filters and closure rates;
 * an existing database's problems and dictionaries brought into the loop by migration 0010.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { migrations } from '../../electron/core/db/migrations/index.ts';
import type { RecordRow } from '../../shared/contract/types.ts';
import { openCore, seededCore, tempDir } from '../helpers/core.ts';
import { bannerOf } from '../helpers/exports.ts';

const year = 2026;
// The tests' clock: 2026-03-15 10:00 in China.
const today = '2026-03-15';

describe('the problem loop', () => {
  let core: Core;
  let dir: string;
  let banner: number;
  let towns: { id: number; name: string }[];
  let leader: { id: number; name: string };
  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 5));
    banner = await bannerOf(core);
    towns = (await core.call('org.children', { parentId: banner, counts: false })).nodes.filter((n) => n.level === 'township');
    const leaders = (await core.call('records.list', { table: 'leader', year, scopeOrgId: towns[0]!.id })).rows;
    leader = { id: leaders[0]!.id, name: String(leaders[0]!.values.name) };
  });
  afterAll(() => core.close());

  const add = async (values: Record<string, string | number>, town = towns[0]!.id): Promise<RecordRow> => {
    const r = await core.call('records.add', { table: 'problem', year, rows: [{ orgId: town, category: 'org_life', ...values }], source: 'typed' });
    return r.rows[0]!;
  };
  const problem = (id: number) => core.conn.sqlite.prepare('SELECT * FROM problem WHERE id = ?').get(id) as Record<string, unknown>;
  const steps = (id: number) => core.call('problems.steps', { id });
  /** The problem and its steps as stored: what a refused step must leave as it was. */
  const held = (id: number) => JSON.stringify([problem(id), core.conn.sqlite.prepare('SELECT * FROM problem_step WHERE problem_id = ? ORDER BY id').all(id), core.conn.sqlite.prepare('SELECT count(*) FROM audit_log').get()]);

  it('opens a problem with its 建账 step, and walks it 领账 → 开始整改 → 销号, each step one change set', async () => {
    const p = await add({ description: '“三会一课”记录不全', dueOn: '2026-06-30' });
    expect(p.values.status).toBe('open');
    expect(await steps(p.id)).toEqual([expect.objectContaining({ from: null, to: 'open', at: today, actor: '测试', reason: null })]);

    const claimed = await core.call('problems.claim', { id: p.id, responsible: '王 刚', leaderId: leader.id });
    expect(claimed.rows[0]!.values).toMatchObject({ status: 'claimed', responsible: '王刚', claimedBy: '王刚', claimedOn: today, leaderId: leader.id, leaderName: leader.name });
    const started = await core.call('problems.start', { id: p.id, measures: '制定学习计划，乡镇党委每月检查', note: '已开会部署' });
    expect(started.rows[0]!.values).toMatchObject({ status: 'rectifying', measures: '制定学习计划，乡镇党委每月检查' });
    const cleared = await core.call('problems.clear', { id: p.id, acceptedBy: '李明', acceptedOn: '2026-03-14', result: '已整改到位' });
    expect(cleared.rows[0]!.values).toMatchObject({ status: 'cleared', acceptedBy: '李明', acceptedOn: '2026-03-14', clearedOn: '2026-03-14', result: '已整改到位', dueState: null });

    expect((await steps(p.id)).map((s) => [s.from, s.to, s.at, s.reason, s.note])).toEqual([
      [null, 'open', today, null, null],
      ['open', 'claimed', today, null, null],
      ['claimed', 'rectifying', today, null, '已开会部署'],
      ['rectifying', 'cleared', '2026-03-14', null, null],
    ]);
    // Each step is its own change set, holding the problem's values and the step's row.
    for (const [r, summary] of [[claimed, '领账'], [started, '开始整改'], [cleared, '销号']] as const) {
      const cs = core.conn.sqlite.prepare('SELECT summary, source FROM change_set WHERE id = ?').get(r.changeSetId) as { summary: string; source: string };
      expect(cs).toEqual({ summary: `${summary}：“三会一课”记录不全`, source: 'typed' });
      const entities = core.conn.sqlite.prepare('SELECT DISTINCT entity FROM audit_log WHERE change_set_id = ? ORDER BY entity').all(r.changeSetId);
      expect(entities).toEqual([{ entity: 'problem' }, { entity: 'problem_step' }]);
    }
  });

  it('refuses a step that skips a state without a reason, in Chinese, and writes nothing; takes it with the reason recorded', async () => {
    const p = await add({ description: '党员活动室门锁损坏' });
    const before = held(p.id);
    await expect(core.call('problems.clear', { id: p.id, acceptedBy: '张伟', acceptedOn: today })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '未销号：从“已建账（待领账）”直接改为“已销号”跳过了“已领账”“整改中”，需要写明理由。',
    });
    await expect(core.call('problems.start', { id: p.id, measures: '更换门锁', reason: '   ' })).rejects.toMatchObject({
      message: '未开始整改：从“已建账（待领账）”直接改为“整改中”跳过了“已领账”，需要写明理由。',
    });
    expect(held(p.id)).toBe(before);

    // 即知即办: crossed off at once, its reason in the step.
    const done = await core.call('problems.clear', { id: p.id, acceptedBy: '张伟', acceptedOn: today, reason: '即知即办，当场修好' });
    expect(done.rows[0]!.values.status).toBe('cleared');
    expect((await steps(p.id)).at(-1)).toMatchObject({ from: 'open', to: 'cleared', reason: '即知即办，当场修好' });

    const q = await add({ description: '流动党员底数不清' });
    const skip = await core.call('problems.start', { id: q.id, measures: '逐户排查', reason: '乡镇党委直接部署整改', note: '责任人已明确' });
    expect(skip.rows[0]!.values.status).toBe('rectifying');
    expect((await steps(q.id)).at(-1)).toMatchObject({ from: 'open', to: 'rectifying', reason: '乡镇党委直接部署整改', note: '责任人已明确' });
  });

  it('asks for what each step needs: a 责任人 to claim, 整改措施 to start, 验收人 and a past 验收时间 to cross off', async () => {
    const p = await add({ description: '档案资料不齐全' });
    await expect(core.call('problems.claim', { id: p.id, responsible: '' })).rejects.toMatchObject({ code: 'INVALID_ARGS', message: expect.stringContaining('责任人') });
    await core.call('problems.claim', { id: p.id, responsible: '赵强' });
    await expect(core.call('problems.start', { id: p.id, measures: '' })).rejects.toMatchObject({ code: 'INVALID_ARGS', message: expect.stringContaining('整改措施') });
    await expect(core.call('problems.claim', { id: p.id, responsible: '赵强' })).rejects.toMatchObject({ message: '未领账：这个问题已经是“已领账”。' });
    await core.call('problems.start', { id: p.id, measures: '补齐档案' });
    await expect(core.call('problems.clear', { id: p.id, acceptedBy: '李明', acceptedOn: '2026-04-01' })).rejects.toMatchObject({ message: '未销号：验收时间 2026-04-01 还没有到。' });
    await expect(core.call('problems.clear', { id: p.id, acceptedOn: today } as never)).rejects.toMatchObject({ code: 'INVALID_ARGS', message: expect.stringContaining('验收人') });
    expect(problem(p.id).status).toBe('rectifying');
  });

  it('reopens a crossed-off problem only with a reason, emptying its crossing off; a progress note is a step from a state to itself', async () => {
    const p = await add({ description: '村内道路坑洼' });
    await core.call('problems.claim', { id: p.id, responsible: '孙丽' });
    await core.call('problems.start', { id: p.id, measures: '协调修补' });
    const note = await core.call('problems.note', { id: p.id, note: '已完成一半', at: '2026-03-14' });
    expect(note.changeSetId).not.toBeNull();
    expect((await steps(p.id)).at(-1)).toMatchObject({ from: 'rectifying', to: 'rectifying', at: '2026-03-14', note: '已完成一半', reason: null });
    await core.call('problems.clear', { id: p.id, acceptedBy: '李明', acceptedOn: today });

    const before = held(p.id);
    await expect(core.call('problems.reopen', { id: p.id, reason: '' })).rejects.toMatchObject({ message: '未重新打开：从“已销号”退回“整改中”，需要写明理由。' });
    expect(held(p.id)).toBe(before);
    const reopened = await core.call('problems.reopen', { id: p.id, reason: '复查发现问题反弹' });
    expect(reopened.rows[0]!.values).toMatchObject({ status: 'rectifying', clearedOn: null, acceptedBy: null, acceptedOn: null });
    expect((await steps(p.id)).at(-1)).toMatchObject({ from: 'cleared', to: 'rectifying', reason: '复查发现问题反弹' });
  });

  it('undoes a step as a whole (the problem’s values and its step), and redoes it', async () => {
    const p = await add({ description: '小区路灯损坏' });
    const bare = () => {
      const { revision: _r, updated_at: _u, ...rest } = problem(p.id);
      return rest;
    };
    const before = bare();
    const claimed = await core.call('problems.claim', { id: p.id, responsible: '周敏', leaderId: leader.id, dueOn: '2026-04-30' });
    const undo = await core.call('changes.undo', { changeSetId: claimed.changeSetId!, year });
    expect(undo.problems).toEqual([]);
    expect(bare()).toEqual(before);
    expect((await steps(p.id)).map((s) => s.to)).toEqual(['open']);

    await core.call('changes.redo', { changeSetId: undo.changeSetId!, year });
    expect(problem(p.id)).toMatchObject({ status: 'claimed', responsible: '周敏', leader_id: leader.id, due_on: '2026-04-30' });
    expect((await steps(p.id)).map((s) => s.to)).toEqual(['open', 'claimed']);

    // A note is undone alone; an earlier step under a later one is refused, naming what changed since.
    const note = await core.call('problems.note', { id: p.id, note: '已联系物业' });
    await core.call('changes.undo', { changeSetId: note.changeSetId!, year });
    expect((await steps(p.id)).map((s) => s.to)).toEqual(['open', 'claimed']);
    await core.call('problems.start', { id: p.id, measures: '更换灯具' });
    const redo = core.conn.sqlite.prepare("SELECT id FROM change_set WHERE summary LIKE '重做：%领账：小区路灯损坏'").get() as { id: string };
    await expect(core.call('changes.undo', { changeSetId: redo.id, year })).rejects.toMatchObject({ message: expect.stringContaining('整改状态已被改为“整改中”') });
    expect(problem(p.id).status).toBe('rectifying');
  });

  it('undoes the opening of a problem with its 建账 step, naming the problem once', async () => {
    const r = await core.call('records.add', { table: 'problem', year, rows: [{ orgId: towns[0]!.id, description: '撤销测试的问题' }], source: 'typed' });
    const id = r.rows[0]!.id;
    const undo = await core.call('changes.undo', { changeSetId: r.changeSetId!, year });
    expect(undo.removed).toEqual(['撤销测试的问题']);
    expect(core.conn.sqlite.prepare('SELECT count(*) AS n FROM problem_step WHERE problem_id = ?').get(id)).toEqual({ n: 0 });
    expect(problem(id)).toBeUndefined();
    await core.call('changes.redo', { changeSetId: undo.changeSetId!, year });
    expect((await steps(id)).map((s) => s.to)).toEqual(['open']);
  });

  it('judges a grid edit of 整改状态 by the same rule: a skip is refused and names the buttons, a step forward is logged', async () => {
    const p = await add({ description: '支部委员分工不明确' });
    const skip = await core.call('records.edit', { table: 'problem', year, changes: [{ id: p.id, field: 'status', value: '已销号' }], source: 'typed' });
    expect(skip.changeSetId).toBeNull();
    expect(skip.problems).toEqual([
      { id: p.id, field: 'status', message: '整改状态：从“已建账（待领账）”直接改为“已销号”跳过了“已领账”“整改中”，需要写明理由。请选中这一行，用“领账”“开始整改”“销号”“重新打开”按钮办理，未修改。' },
    ]);
    const noOne = await core.call('records.edit', { table: 'problem', year, changes: [{ id: p.id, field: 'status', value: '已领账' }], source: 'typed' });
    expect(noOne.problems[0]!.message).toContain('要有责任人');
    expect(problem(p.id).status).toBe('open');
    // A paste of 责任人 and 整改状态 together: the state is judged with the 责任人 given beside it.
    const pasted = await core.call('records.edit', { table: 'problem', year, changes: [{ id: p.id, field: 'status', value: '领账' }, { id: p.id, field: 'responsible', value: '吴军' }], source: 'paste' });
    expect(pasted.problems).toEqual([]);
    expect(pasted.rows[0]!.values).toMatchObject({ status: 'claimed', responsible: '吴军' });
    expect((await steps(p.id)).at(-1)).toMatchObject({ from: 'open', to: 'claimed', reason: null });
    // Undone as one: the step goes with the cell.
    await core.call('changes.undo', { changeSetId: pasted.changeSetId!, year });
    expect((await steps(p.id)).map((s) => s.to)).toEqual(['open']);
  });

  it('takes a status changed in a returned problem list with a step whose reason names the file and the cell', async () => {
    const town = towns[1]!;
    const p = await add({ description: '冬季供暖不稳定' }, town.id);
    await core.call('problems.claim', { id: p.id, responsible: '郑华' });
    const { path: out } = await core.call('shell.chooseSaveFile', { suggestedName: '问题清单.xlsx' });
    const exported = await core.call('export.run', { templateId: 'problems', scope: { year, scopeOrgId: town.id }, path: out! });
    core.grants.read(exported.file);
    const sent = await core.call('import.open', { path: exported.file });
    const row = sent.rows.find((r) => r.record?.id === p.id)!;
    await core.call('import.discard', { sessionId: sent.sessionId });
    // The township crosses it off in the file (skipping 整改中, as units do).
    const returned = path.join(dir, '问题清单（回收）.xlsx');
    execFileSync('/usr/bin/python3', ['-c', `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
col = next(c for r in range(1, 8) for c in range(1, ws.max_column + 1) if ws.cell(r, c).value == '整改状态')
ws.cell(int(sys.argv[3]), col).value = '已销号'
wb.save(sys.argv[2])
`, exported.file, returned, String(row.sourceRow)]);
    core.grants.read(returned);
    const preview = await core.call('import.open', { path: returned });
    const result = await core.call('import.commit', { sessionId: preview.sessionId });
    expect(result.problems).toEqual([]);
    expect(problem(p.id).status).toBe('cleared');
    const last = (await steps(p.id)).at(-1)!;
    expect(last).toMatchObject({ from: 'claimed', to: 'cleared' });
    expect(last.reason).toMatch(/^导入“问题清单（回收）\.xlsx”（问题清单整改台账![A-Z]+\d+）$/);
    // The import is undone as a whole, its step with it.
    await core.call('changes.undo', { changeSetId: result.changeSetId!, year });
    expect(problem(p.id).status).toBe('claimed');
    expect((await steps(p.id)).map((s) => s.to)).toEqual(['open', 'claimed']);
  });

  it('filters open problems by deadline: overdue, due within 10 and within 20 days', async () => {
    const town = towns[2] ?? towns[0]!;
    const late = await add({ description: '超期的问题', dueOn: '2026-03-10' }, town.id);
    const in5 = await add({ description: '五天后到期', dueOn: '2026-03-20' }, town.id);
    const in15 = await add({ description: '十五天后到期', dueOn: '2026-03-30' }, town.id);
    const far = await add({ description: '远未到期', dueOn: '2026-09-30' }, town.id);
    const doneLate = await add({ description: '已销号的超期问题', dueOn: '2026-03-01' }, town.id);
    await core.call('problems.clear', { id: doneLate.id, acceptedBy: '李明', acceptedOn: today, reason: '即知即办' });
    const ids = async (due?: 'overdue' | 'soon10' | 'soon20') =>
      (await core.call('records.list', { table: 'problem', year, scopeOrgId: town.id, ...(due ? { due } : {}) })).rows.map((r) => r.id).filter((id) => [late.id, in5.id, in15.id, far.id, doneLate.id].includes(id)).sort((a, b) => a - b);
    expect(await ids('overdue')).toEqual([late.id]);
    expect(await ids('soon10')).toEqual([in5.id]);
    expect(await ids('soon20')).toEqual([in5.id, in15.id]);
    expect((await ids()).length).toBe(5);
    const shown = (await core.call('records.list', { table: 'problem', year, scopeOrgId: town.id })).rows;
    expect(shown.find((r) => r.id === late.id)!.values.dueState).toBe('已超期 5 天');
    expect(shown.find((r) => r.id === in5.id)!.values.dueState).toBe('5 天后到期');
  });

  it('counts closure rates for the unit, each unit directly below it and each category, and moves them as problems are crossed off', async () => {
    const db = await seededCore('small', 9);
    const c = db.core;
    try {
      const b = await bannerOf(c);
      const below = (await c.call('org.children', { parentId: b, counts: false })).nodes;
      const t = below.find((n) => n.level === 'township')!;
      const stored = (where: string, ...params: unknown[]) =>
        c.conn.sqlite.prepare(`SELECT count(*) AS n, sum(r.status = 'cleared') AS cleared FROM problem r JOIN org o ON o.id = r.org_id WHERE r.year = 2026 AND r.deleted_at IS NULL AND ${where}`).get(...params) as { n: number; cleared: number | null };
      const pathOf = (id: number) => (c.conn.sqlite.prepare('SELECT path FROM org WHERE id = ?').get(id) as { path: string }).path;
      const closure = await c.call('problems.closure', { year, unitOrgId: b });
      const whole = stored("o.path >= ? AND o.path < ? || '~'", pathOf(b), pathOf(b));
      expect(closure.total).toMatchObject({ total: whole.n, cleared: whole.cleared ?? 0 });
      const row = closure.units.find((u) => u.orgId === t.id)!;
      const sub = stored("o.path >= ? AND o.path < ? || '~'", pathOf(t.id), pathOf(t.id));
      expect(row).toMatchObject({ name: t.name, own: false, total: sub.n, cleared: sub.cleared ?? 0 });
      expect(closure.units.map((u) => u.orgId).filter((id) => id !== b)).toEqual(below.map((n) => n.id));
      expect(closure.units.reduce((n, u) => n + u.total, 0)).toBe(whole.n);
      expect(closure.categories.reduce((n, u) => n + u.total, 0)).toBe(whole.n);
      const economy = stored("o.path >= ? AND o.path < ? || '~' AND r.category = 'economy'", pathOf(b), pathOf(b));
      expect(closure.categories.find((x) => x.category === 'economy')).toMatchObject({ label: '集体经济', total: economy.n });

      // One new problem of the township, then crossed off: its row and category move, the rate with them.
      const p = (await c.call('records.add', { table: 'problem', year, rows: [{ orgId: t.id, description: '新发现的问题', category: 'position' }], source: 'typed' })).rows[0]!;
      const opened = (await c.call('problems.closure', { year, unitOrgId: b })).units.find((u) => u.orgId === t.id)!;
      expect(opened).toMatchObject({ total: row.total + 1, cleared: row.cleared, open: row.open + 1, rate: row.cleared / (row.total + 1) });
      await c.call('problems.clear', { id: p.id, acceptedBy: '李明', acceptedOn: today, reason: '即知即办' });
      const after = await c.call('problems.closure', { year, unitOrgId: b });
      expect(after.units.find((u) => u.orgId === t.id)).toMatchObject({ total: row.total + 1, cleared: row.cleared + 1, rate: (row.cleared + 1) / (row.total + 1) });
      expect(after.total.rate).toBeCloseTo((closure.total.cleared + 1) / (closure.total.total + 1), 10);
      // The township itself: its own problems (本级) and each branch below it.
      const own = await c.call('problems.closure', { year, unitOrgId: t.id });
      expect(own.units[0]).toMatchObject({ orgId: t.id, own: true, name: `${t.name}（本级）` });
      expect(own.total.total).toBe(row.total + 1);
    } finally {
      await db.core.close();
    }
  });
});

describe('migration 0010 on a database of the version before', () => {
  it('moves problems that were 整改中 (claimed) to rectifying, with the audit log, and brings the dictionaries into the loop', async () => {
    const file = path.join(tempDir(), 'v9.db');
    const old = new SQLite(file);
    for (const m of migrations.slice(0, 9)) old.exec(m.sql);
    // The dictionaries as version 9 shipped them (a city renamed 已销号 to 已清账).
    old.exec(`
      INSERT INTO dict_entry (dict, code, label, synonyms, sort_order) VALUES
        ('problem_status', 'open', '待领办', '["未领办","建账"]', 0),
        ('problem_status', 'claimed', '整改中', '["已领办","领账","正在整改"]', 1),
        ('problem_status', 'cleared', '已清账', '["已整改","清账","销号","已完成"]', 2),
        ('problem_source', 'research', '调研发现', '["调研","联系点调研"]', 0),
        ('problem_source', 'inspection', '督查巡察', '["巡察","督查","检查"]', 1),
        ('problem_source', 'masses', '群众反映', '["群众来访"]', 2),
        ('problem_source', 'hotline', '12345热线', '["12345","热线"]', 3),
        ('problem_source', 'self', '自查', '["自查自纠"]', 4);
      INSERT INTO org (id, uid, level, kind, name, path, depth, created_at, updated_at) VALUES (1, 'o1', 'township', 'township_committee', '天义镇党委', '/1/', 0, 'x', 'x');
      INSERT INTO problem (id, uid, year, org_id, description, status, created_at, updated_at) VALUES
        (1, 'p1', 2026, 1, '正在整改的问题', 'claimed', 'x', 'x'), (2, 'p2', 2026, 1, '待领办的问题', 'open', 'x', 'x');
      INSERT INTO change_set (id, at, actor, source, summary) VALUES ('0b7f0a7e-4c1d-4a8e-9d3b-2f6c5e1a9b01', 'x', '测试', 'typed', '编辑问题 1 处');
      INSERT INTO audit_log (change_set_id, at, actor, entity, row_id, row_uid, field, op, old_value, new_value, source)
        VALUES ('0b7f0a7e-4c1d-4a8e-9d3b-2f6c5e1a9b01', 'x', '测试', 'problem', 1, 'p1', 'status', 'update', '"open"', '"claimed"', 'typed');
    `);
    old.pragma('user_version = 9');
    old.close();

    const core = await openCore(file);
    try {
      const q = (sql: string) => core.conn.sqlite.prepare(sql).all();
      expect(q('SELECT id, status FROM problem ORDER BY id')).toEqual([{ id: 1, status: 'rectifying' }, { id: 2, status: 'open' }]);
      expect(q("SELECT new_value FROM audit_log WHERE change_set_id = '0b7f0a7e-4c1d-4a8e-9d3b-2f6c5e1a9b01'")).toEqual([{ new_value: '"rectifying"' }]);
      const status = await core.call('dict.list', { dict: 'problem_status' });
      expect(status.map((e) => [e.code, e.label, e.synonyms])).toEqual([
        ['open', '已建账（待领账）', ['未领办', '建账', '已建账', '待领账', '待领办']],
        ['claimed', '已领账', ['已领办', '领账']],
        ['rectifying', '整改中', ['正在整改']],
        ['cleared', '已清账', ['已整改', '清账', '销号', '已完成']],
      ]);
      const sources = await core.call('dict.list', { dict: 'problem_source' });
      expect(sources.map((e) => [e.code, e.label])).toEqual([
        ['self', '自查'], ['inspection', '督查'], ['patrol', '巡视巡察反馈'], ['masses', '群众反映'], ['hotline', '12345热线'], ['research', '调研发现'], ['checklist', '对标检查'],
      ]);
      expect(sources.find((e) => e.code === 'inspection')!.synonyms).toEqual(['检查', '督查巡察', '督导检查']);
      // The old problem, now 整改中, goes on through the loop; the undo of the old edit still finds what it left.
      const undo = await core.call('changes.undo', { changeSetId: '0b7f0a7e-4c1d-4a8e-9d3b-2f6c5e1a9b01', year: 2026 });
      expect(undo.problems).toEqual([]);
      expect(q('SELECT status FROM problem WHERE id = 1')).toEqual([{ status: 'open' }]);
    } finally {
      await core.close();
    }
  });
});
