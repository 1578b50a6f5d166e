/**
 * The "strongest branch" pipeline on a real database: every move (advance, a skip or repeat refused
 * without a reason and taken with one, a send-back keeping the later records as history), each an
 * undoable change set logged in evaluation_step; the township score from the settings; the ledger's
 * 最强党支部 derived from the pipeline (list, export, copy year); the generic records grid kept to the rules.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { townshipScore, townshipResult, defaultPipelineSettings } from '../../shared/domain/evaluation.ts';
import { seededCore } from '../helpers/core.ts';

const year = 2026;

describe('the evaluation pipeline', () => {
  let core: Core;
  let fresh: number[];
  beforeAll(async () => {
    ({ core } = await seededCore('small', 5));
    // Branches with no record this year: each test takes its own.
    fresh = (core.conn.sqlite
      .prepare(`SELECT l.org_id AS id FROM branch_ledger l WHERE l.year = ? AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.org_id = l.org_id AND e.year = l.year) ORDER BY l.id`)
      .all(year) as { id: number }[]).map((r) => r.id);
  });
  afterAll(() => core.close());

  const take = () => fresh.shift()!;
  const status = async (orgId: number) => (await core.call('ledger.list', { year })).rows.find((r) => r.orgId === orgId)!.strongestStatus;
  const steps = (orgId: number) => core.conn.sqlite.prepare('SELECT from_stage, to_stage, action, reason FROM evaluation_step WHERE org_id = ? AND year = ? ORDER BY id').all(orgId, year);
  const four = (n: number) => ({ scoreOrg: n, scoreMembers: n, scorePublic: n, scoreSociety: n });
  const toCounty = async (orgId: number) => {
    await core.call('pipeline.advance', { orgId, year, to: 'self' });
    await core.call('pipeline.advance', { orgId, year, to: 'applied' });
    await core.call('pipeline.advance', { orgId, year, to: 'township', scores: four(92) });
  };

  it('advances stage by stage, each move logged, and the ledger column follows', async () => {
    const b = take();
    expect(await status(b)).toBe('none');
    await core.call('pipeline.advance', { orgId: b, year, to: 'self' });
    expect(await status(b)).toBe('creating');
    await core.call('pipeline.advance', { orgId: b, year, to: 'applied' });
    expect(await status(b)).toBe('applied');
    const t = await core.call('pipeline.advance', { orgId: b, year, to: 'township', scores: { scoreOrg: 90, scoreMembers: 80, scorePublic: 85, scoreSociety: 95 } });
    // 90×0.4 + 80×0.2 + 85×0.2 + 95×0.2 = 88 ≥ 85
    expect(t.branch.records.at(-1)).toMatchObject({ stage: 'township', score: 88, result: 'pass' });
    expect(await status(b)).toBe('township_rated');
    await core.call('pipeline.advance', { orgId: b, year, to: 'county', evaluator: '宁城县验收专班', evaluatedOn: '2026-03-10', result: 'pass', evidence: '验收报告' });
    expect(await status(b)).toBe('county_accepted');
    expect(steps(b)).toEqual([
      { from_stage: null, to_stage: 'self', action: 'advance', reason: null },
      { from_stage: 'self', to_stage: 'applied', action: 'advance', reason: null },
      { from_stage: 'applied', to_stage: 'township', action: 'advance', reason: null },
      { from_stage: 'township', to_stage: 'county', action: 'advance', reason: null },
    ]);
  });

  it('computes the township score from the settings, and its result from the pass mark', async () => {
    expect(townshipScore(four(84), defaultPipelineSettings)).toBe(84);
    expect(townshipResult(84.9, defaultPipelineSettings)).toBe('fail');
    await core.call('pipeline.saveSettings', { weights: { org: 1, members: 1, public: 1, society: 1 }, passMark: 80 });
    expect(await core.call('pipeline.settings', {})).toEqual({ weights: { org: 1, members: 1, public: 1, society: 1 }, passMark: 80 });
    const b = take();
    await core.call('pipeline.advance', { orgId: b, year, to: 'self' });
    await core.call('pipeline.advance', { orgId: b, year, to: 'applied' });
    const r = await core.call('pipeline.advance', { orgId: b, year, to: 'township', scores: { scoreOrg: 70, scoreMembers: 80, scorePublic: 90, scoreSociety: 81 } });
    expect(r.branch.records.at(-1)).toMatchObject({ score: 80.3, result: 'pass' });
    await core.call('pipeline.saveSettings', defaultPipelineSettings);
    await expect(core.call('pipeline.saveSettings', { weights: { org: 0, members: 0, public: 0, society: 0 }, passMark: 80 })).rejects.toMatchObject({ code: 'INVALID_ARGS', message: expect.stringContaining('四评的权重不能都为 0') });
  });

  it('refuses a skip or a repeat without a reason, changing nothing, and takes it with one', async () => {
    const b = take();
    await core.call('pipeline.advance', { orgId: b, year, to: 'self' });
    const before = core.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    await expect(core.call('pipeline.advance', { orgId: b, year, to: 'township', scores: four(90) })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('不能跳过“申报”') });
    await expect(core.call('pipeline.advance', { orgId: b, year, to: 'self' })).rejects.toMatchObject({ message: expect.stringContaining('重复自创须写明理由') });
    expect(core.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
    expect(await status(b)).toBe('creating');
    await core.call('pipeline.advance', { orgId: b, year, to: 'self', reason: '材料重新整理' });
    const skipped = await core.call('pipeline.advance', { orgId: b, year, to: 'township', scores: four(90), reason: '乡镇统一组织申报' });
    expect(skipped.branch.status).toBe('township_rated');
    // The first 自创 record, done again, is history; the skip is logged with its reason.
    expect(skipped.branch.records.filter((r) => r.stage === 'self').map((r) => r.supersededAt !== null)).toEqual([true, false]);
    expect(steps(b).slice(-2)).toEqual([
      { from_stage: 'self', to_stage: 'self', action: 'advance', reason: '材料重新整理' },
      { from_stage: 'self', to_stage: 'township', action: 'advance', reason: '乡镇统一组织申报' },
    ]);
    // Undone, last first: the repeat's undo makes the first 自创 record the branch's stage again.
    const [skip, repeat] = core.conn.sqlite.prepare("SELECT change_set_id AS id FROM audit_log WHERE source = 'pipeline' GROUP BY change_set_id ORDER BY max(id) DESC LIMIT 2").all() as { id: string }[];
    await core.call('changes.undo', { changeSetId: skip!.id });
    await core.call('changes.undo', { changeSetId: repeat!.id });
    const undone = await core.call('pipeline.branch', { orgId: b, year });
    expect(undone.records.map((r) => [r.stage, r.supersededAt])).toEqual([['self', null]]);
    expect(undone.status).toBe('creating');
    // Redone: the repeat's record is put back, the first made history again.
    await core.call('changes.redo', { changeSetId: repeat!.id });
    expect((await core.call('pipeline.branch', { orgId: b, year })).records.map((r) => [r.stage, r.supersededAt !== null])).toEqual([['self', true], ['self', false]]);
  });

  it('refuses a score outside 0–100 (or with more than one decimal) in Chinese, naming the field, changing nothing', async () => {
    const b = take();
    await core.call('pipeline.advance', { orgId: b, year, to: 'self' });
    await core.call('pipeline.advance', { orgId: b, year, to: 'applied' });
    const before = core.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    const refused = (args: Record<string, unknown>) => core.call('pipeline.advance', { orgId: b, year, ...args } as never);
    await expect(refused({ to: 'township', scores: { ...four(90), scoreOrg: 150 } })).rejects.toMatchObject({
      code: 'INVALID_ARGS', message: expect.stringMatching(/组织评定.*0 到 100/),
    });
    await expect(refused({ to: 'township', scores: { ...four(90), scoreSociety: -1 } })).rejects.toMatchObject({ message: expect.stringMatching(/社会评价.*0 到 100/) });
    await expect(refused({ to: 'township', scores: { ...four(90), scorePublic: 88.55 } })).rejects.toMatchObject({ message: expect.stringMatching(/群众评判.*一位小数/) });
    await core.call('pipeline.advance', { orgId: b, year, to: 'township', scores: four(92) });
    const mid = core.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    expect(mid).not.toEqual(before);
    await expect(refused({ to: 'county', evaluator: '验收专班', evaluatedOn: '2026-03-12', result: 'pass', score: 100.5 })).rejects.toMatchObject({
      code: 'INVALID_ARGS', message: expect.stringMatching(/得分.*0 到 100/),
    });
    expect(core.conn.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(mid);
    expect(await status(b)).toBe('township_rated');
  });

  it('stops a branch not passed, sends it back with a reason, keeps the later records as history, and undoes each move', async () => {
    const b = take();
    await toCounty(b);
    await core.call('pipeline.advance', { orgId: b, year, to: 'county', evaluator: '验收专班', evaluatedOn: '2026-03-12', result: 'fail' });
    expect(await status(b)).toBe('not_passed');
    await expect(core.call('pipeline.advance', { orgId: b, year, to: 'city', result: 'named' })).rejects.toMatchObject({ message: expect.stringContaining('尚未通过') });
    await expect(core.call('pipeline.sendBack', { orgId: b, year, to: 'applied', reason: '' })).rejects.toMatchObject({ code: 'INVALID_ARGS' });
    const back = await core.call('pipeline.sendBack', { orgId: b, year, to: 'applied', reason: '验收发现阵地建设不达标' });
    expect(back.branch.status).toBe('applied');
    expect(back.branch.records.map((r) => [r.stage, r.supersededAt !== null])).toEqual([['self', false], ['applied', false], ['township', true], ['county', true]]);
    expect(await status(b)).toBe('applied');
    // Re-evaluated: a new township record beside the old one.
    await core.call('pipeline.advance', { orgId: b, year, to: 'township', scores: four(95) });
    expect(await status(b)).toBe('township_rated');
    expect(core.conn.sqlite.prepare("SELECT count(*) AS n FROM evaluation WHERE org_id = ? AND stage = 'township'").get(b)).toEqual({ n: 2 });

    // Undo the re-evaluation, then the send-back: the county's failure is the branch's stage again.
    const [reEval, sent] = core.conn.sqlite.prepare("SELECT change_set_id AS id FROM audit_log WHERE source = 'pipeline' GROUP BY change_set_id ORDER BY max(id) DESC LIMIT 2").all() as { id: string }[];
    await core.call('changes.undo', { changeSetId: reEval!.id });
    expect(await status(b)).toBe('applied');
    await core.call('changes.undo', { changeSetId: sent!.id });
    expect(await status(b)).toBe('not_passed');
    expect(core.conn.sqlite.prepare('SELECT count(*) AS n FROM evaluation WHERE org_id = ? AND superseded_at IS NOT NULL').get(b)).toEqual({ n: 0 });
    expect(steps(b).map((s) => (s as { action: string }).action)).toEqual(['advance', 'advance', 'advance', 'advance']);
  });

  it('takes the city stage only for drawn branches, and names the others in one step after the draw', async () => {
    const [drawn, other] = [take(), take()];
    for (const b of [drawn, other]) {
      await toCounty(b);
      await core.call('pipeline.advance', { orgId: b, year, to: 'county', evaluator: '验收专班', evaluatedOn: '2026-03-12', result: 'pass' });
    }
    await expect(core.call('pipeline.advance', { orgId: drawn, year, to: 'city', result: 'named' })).rejects.toMatchObject({ message: expect.stringContaining('抽签还没有进行') });
    core.conn.sqlite
      .prepare("INSERT INTO evaluation_draw (uid, year, stage, ratio, seed, population, population_hash, picked_json, drawn_at, actor) VALUES ('d1', ?, 'city', 0.1, '42', 2, 'h', ?, '2026-03-14', '测试')")
      .run(year, JSON.stringify([{ orgId: drawn }])); // as repos/draw.ts stores a draw's picks
    await expect(core.call('pipeline.advance', { orgId: other, year, to: 'city', result: 'named' })).rejects.toMatchObject({ message: expect.stringContaining('未被抽中') });
    await core.call('pipeline.advance', { orgId: drawn, year, to: 'city', result: 'kept', score: 83 });
    expect(await status(drawn)).toBe('county_accepted');
    const before = (await core.call('pipeline.board', { year })).counts;
    const r = await core.call('pipeline.nameUndrawn', { year });
    expect(r.named).toBeGreaterThanOrEqual(1);
    expect(await status(other)).toBe('city_assessed');
    const after = (await core.call('pipeline.board', { year })).counts;
    expect(after.named).toBe(before.named + r.named);
    expect(after.namedShare).toBe(Math.round((after.named / after.branches) * 1000) / 10);
    await core.call('changes.undo', { changeSetId: r.changeSetId! });
    expect(await status(other)).toBe('county_accepted');
  });

  it('keeps the records grid to the rules: no later stage added directly, no result typed, no record deleted', async () => {
    const b = take();
    await expect(core.call('records.add', { table: 'evaluation', year, rows: [{ orgId: b, stage: 'county', result: 'pass' }], source: 'typed' })).rejects.toMatchObject({ message: expect.stringContaining('不能跳过') });
    const added = await core.call('records.add', { table: 'evaluation', year, rows: [{ orgId: b, stage: 'self' }], source: 'typed' });
    expect(steps(b)).toEqual([{ from_stage: null, to_stage: 'self', action: 'add', reason: null }]);
    const id = added.rows[0]!.id;
    const edit = await core.call('records.edit', { table: 'evaluation', year, changes: [{ id, field: 'result', value: 'fail' }], source: 'typed' });
    expect(edit.problems).toEqual([expect.objectContaining({ message: expect.stringContaining('“最强党支部”页面') })]);
    await expect(core.call('records.delete', { table: 'evaluation', ids: [id] })).rejects.toMatchObject({ message: expect.stringContaining('评定记录不能删除') });
    await expect(core.call('ledger.edit', { changes: [{ id: (await core.call('ledger.list', { year })).rows.find((r) => r.orgId === b)!.id, field: 'strongestStatus', value: 'city_assessed' }], source: 'typed' })).resolves.toMatchObject({
      problems: [expect.objectContaining({ field: 'strongestStatus' })],
    });
    expect(await status(b)).toBe('creating');
  });

  it('shows the derived value in an export, and a year copied starts with no stage', async () => {
    const b = take();
    await toCounty(b);
    const row = (await core.call('ledger.list', { year })).rows.find((r) => r.orgId === b)!;
    const { path: granted } = await core.call('shell.chooseSaveFile', { suggestedName: 'ledger.xlsx' });
    const written = await core.call('export.run', { templateId: 'branch-ledger', scope: { year, rowIds: [row.id] }, path: granted! });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(written.file);
    const texts: string[] = [];
    book.worksheets[0]!.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('乡镇评定通过');
    const copied = await core.call('ledger.copyYear', { from: year, to: year + 1 });
    expect(copied).toBeTruthy();
    expect((await core.call('ledger.list', { year: year + 1 })).rows.find((r) => r.orgId === b)!.strongestStatus).toBe('none');
  });
});

/** The unit fills the file in: openpyxl sets a cell by its column header and Excel row, as a person would type it, and saves it. */
function fill(file: string, out: string, edits: { header: string; row: number; value: string }[]): string {
  execFileSync('/usr/bin/python3', ['-c', `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for e in json.loads(sys.argv[3]):
    c = next(c for r in range(1, 8) for c in range(1, ws.max_column + 1) if ws.cell(r, c).value == e['header'])
    ws.cell(e['row'], c).value = e['value']
wb.save(sys.argv[2])
`, file, out, JSON.stringify(edits)]);
  return out;
}

describe('a ledger read back: its 最强党支部 against the pipeline', () => {
  let core: Core;
  let dir: string;
  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 6));
  });
  afterAll(() => core.close());

  it('fills the stages a file puts a branch further along (按导入台账补录, said in the preview), reports one that disagrees, and undoes the import as a whole', async () => {
    const fresh = (core.conn.sqlite
      .prepare('SELECT l.id, l.org_id AS orgId FROM branch_ledger l WHERE l.year = ? AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.org_id = l.org_id AND e.year = l.year) ORDER BY l.id LIMIT 2')
      .all(year) as { id: number; orgId: number }[]);
    const [ahead, behind] = fresh as [{ id: number; orgId: number }, { id: number; orgId: number }];
    await core.call('pipeline.advance', { orgId: ahead.orgId, year, to: 'self' });
    for (const to of ['self', 'applied'] as const) await core.call('pipeline.advance', { orgId: behind.orgId, year, to });
    await core.call('pipeline.advance', { orgId: behind.orgId, year, to: 'township', scores: { scoreOrg: 95, scoreMembers: 95, scorePublic: 95, scoreSociety: 95 } });
    const { path: granted } = await core.call('shell.chooseSaveFile', { suggestedName: 'ledger.xlsx' });
    const sent = await core.call('export.run', { templateId: 'branch-ledger', scope: { year, rowIds: [ahead.id, behind.id] }, path: granted! });
    const first = await (async () => {
      core.grants.read(sent.file);
      const p = await core.call('import.open', { path: sent.file });
      await core.call('import.discard', { sessionId: p.sessionId });
      return p;
    })();
    const rowOf = (ledgerId: number) => first.rows.find((r) => r.match?.ledgerId === ledgerId)!.sourceRow;
    const header = '“最强党支部”创建';
    const back = fill(sent.file, path.join(dir, 'returned.xlsx'), [
      { header, row: rowOf(ahead.id), value: '旗县验收通过' },
      { header, row: rowOf(behind.id), value: '已申报' },
    ]);
    const before = core.conn.sqlite.prepare('SELECT * FROM evaluation ORDER BY id').all();
    core.grants.read(back);
    const p = await core.call('import.open', { path: back });
    expect(p.problems.map((q) => q.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/缺少“申报”、“乡镇评定”、“旗县验收”的记录：提交时按导入台账补录/),
      expect.stringMatching(/为“已申报”，与评定流程（乡镇评定通过）不一致，不导入/),
    ]));
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.problems.map((q) => q.message)).toEqual([expect.stringContaining('不一致，不导入')]);
    const statusOf = async (orgId: number) => (await core.call('ledger.list', { year })).rows.find((r) => r.orgId === orgId)!.strongestStatus;
    expect(await statusOf(ahead.orgId)).toBe('county_accepted');
    expect(await statusOf(behind.orgId)).toBe('township_rated');
    expect(core.conn.sqlite.prepare("SELECT stage, result, notes FROM evaluation WHERE org_id = ? AND notes = '按导入台账补录' ORDER BY id").all(ahead.orgId)).toEqual([
      { stage: 'applied', result: null, notes: '按导入台账补录' },
      { stage: 'township', result: 'pass', notes: '按导入台账补录' },
      { stage: 'county', result: 'pass', notes: '按导入台账补录' },
    ]);
    expect(core.conn.sqlite.prepare("SELECT action, reason FROM evaluation_step WHERE org_id = ? ORDER BY id DESC LIMIT 1").get(ahead.orgId)).toEqual({ action: 'fill', reason: '按导入台账补录' });
    await core.call('changes.undo', { changeSetId: result.changeSetId! });
    expect(core.conn.sqlite.prepare('SELECT * FROM evaluation ORDER BY id').all()).toEqual(before);
    expect(await statusOf(ahead.orgId)).toBe('creating');
  });
});
