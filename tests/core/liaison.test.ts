/**
 * Liaison points on a small tree built through the core: every rule (with a leader
 * who left and a branch that closed), the counters derived from work records, the
 * deadlines of practical projects, and edits, history and undo of records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { RecordRow } from '../../shared/contract/types.ts';
import type { CellValue } from '../../shared/domain/fields.ts';
import type { RecordTable } from '../../shared/domain/records.ts';
import { seededCore } from '../helpers/core.ts';

const year = 2026; // the helpers' clock says 2026-03-15

describe('liaison points, records and projects', () => {
  let core: Core;
  let county: number;
  let town: number;
  const branch: Record<string, { orgId: number; ledgerId: number }> = {};
  const leader: Record<string, number> = {};

  const add = async (table: RecordTable, values: Record<string, CellValue>): Promise<RecordRow> => {
    const r = await core.call('records.add', { table, year, rows: [values], source: 'typed' });
    expect(r.problems).toEqual([]);
    return r.rows[0]!;
  };
  const rules = async (scopeOrgId?: number) => Object.fromEntries((await core.call('liaison.rules', { year, ...(scopeOrgId ? { scopeOrgId } : {}) })).outcomes.map((o) => [o.rule, o]));
  /** The ledger's 联系领导 of a branch, as the grid shows it. */
  const ledgerLeaders = async (name: string) => (await core.call('ledger.list', { year, scopeOrgId: town })).rows.find((r) => r.orgId === branch[name]!.orgId)!.liaisonLeaders;

  beforeAll(async () => {
    ({ core } = await seededCore(null));
    const city = await core.call('org.create', { parentId: null, name: '测试市委' });
    county = (await core.call('org.create', { parentId: city.id, name: '测试旗委' })).id;
    town = (await core.call('org.create', { parentId: county, name: '测试镇党委' })).id;
    const grades: Record<string, [string, string]> = { 东村: ['后进', '嘎查村'], 西村: ['后进', '嘎查村'], 南社区: ['中间', '社区'], 机关: ['先进', '机关'], 企业: ['中间', '非公有制经济组织'] };
    for (const [name, [grade, field]] of Object.entries(grades)) {
      const row = await core.call('ledger.addBranch', { year, parentId: town, name: `${name}党支部` });
      await core.call('ledger.edit', { changes: [{ id: row.id, field: 'grade', value: grade }, { id: row.id, field: 'field', value: field }], source: 'typed' });
      branch[name] = { orgId: row.orgId, ledgerId: row.id };
    }
    leader.书记 = (await add('leader', { name: '王书记', position: '书记', committeeId: county, activeFrom: '2024-01-01' })).id;
    leader.委员 = (await add('leader', { name: '李委员', position: '班子成员', committeeId: county })).id;
    leader.镇长 = (await add('leader', { name: '赵镇长', position: '副书记', committeeId: town })).id;
  });
  afterAll(() => core.close());

  it('lists every violation before any point exists', async () => {
    const r = await rules();
    expect(r.leaderHasPoint!.violations.map((v) => v.leaderId).sort()).toEqual(Object.values(leader).sort());
    expect(r.secretaryAtLagging!.violations.map((v) => v.leaderId)).toEqual([leader.书记]);
    expect(r.laggingHasLeader!.violations.map((v) => v.orgId).sort()).toEqual([branch.东村!.orgId, branch.西村!.orgId].sort());
    expect(r.fourOnes).toMatchObject({ enabled: false, violations: [] });
  });

  it('clears the violations a new point answers, with the category taken from the grade', async () => {
    const point = await add('liaison', { leaderId: leader.书记!, orgId: branch.东村!.orgId });
    expect(point.values).toMatchObject({ category: 'lagging', status: 'active', establishedOn: '2026-03-15', leaderName: '王书记', branchName: '东村党支部', township: '测试镇党委', branchGrade: 'lagging' });
    await add('liaison', { leaderId: leader.委员!, orgId: branch.西村!.orgId });
    await add('liaison', { leaderId: leader.镇长!, orgId: branch.南社区!.orgId });
    const r = await rules();
    expect(r.leaderHasPoint!.violations).toEqual([]);
    expect(r.secretaryAtLagging!.violations).toEqual([]);
    expect(r.laggingHasLeader!.violations).toEqual([]);
    // Seen from the township: its lagging branches are guided, though by county leaders.
    expect((await rules(town)).laggingHasLeader!.violations).toEqual([]);
    expect(await ledgerLeaders('东村')).toBe('王书记');
    // The same pair twice is refused, with a reason.
    await expect(core.call('records.add', { table: 'liaison', year, rows: [{ leaderId: leader.书记!, orgId: branch.东村!.orgId }], source: 'typed' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('已在联系'),
    });
  });

  it('does not count a leader who left, nor a point at a branch that closed', async () => {
    // 李委员 leaves: he is no longer asked for a point, and 西村 is left without a leader.
    await core.call('records.edit', { table: 'leader', year, changes: [{ id: leader.委员!, field: 'activeTo', value: '2026.3.1' }], source: 'typed' });
    let r = await rules();
    expect(r.leaderHasPoint!.violations).toEqual([]);
    expect(r.laggingHasLeader!.violations.map((v) => v.orgId)).toEqual([branch.西村!.orgId]);
    // The ledger says the same: 西村 has no leader now, and its check lists it.
    expect(await ledgerLeaders('西村')).toBeNull();
    expect((await core.call('ledger.checks', { year, scopeOrgId: town })).find((c) => c.rule === 'lagging_without_leader')!.rows.map((x) => x.ledgerId)).toEqual([branch.西村!.ledgerId]);
    // A leader who left cannot be given a new point.
    await expect(core.call('records.add', { table: 'liaison', year, rows: [{ leaderId: leader.委员!, orgId: branch.机关!.orgId }], source: 'typed' })).rejects.toMatchObject({ message: expect.stringContaining('离任') });
    // His work is recorded up to the day he left, not after.
    const his = (await core.call('records.list', { table: 'liaison', year, leaderId: leader.委员! })).rows[0]!;
    await expect(core.call('records.add', { table: 'visit', year, rows: [{ liaisonId: his.id, visitedOn: '2026.3.5' }], source: 'typed' })).rejects.toMatchObject({
      message: expect.stringContaining('李委员已于 2026-03-01 离任，不能记录 2026-03-05 的工作'),
    });
    const before = await add('visit', { liaisonId: his.id, visitedOn: '2026-02-20' });
    await core.call('records.delete', { table: 'visit', ids: [before.id] });

    // 南社区 closes: 赵镇长's only point no longer counts.
    await core.call('org.close', { id: branch.南社区!.orgId, closedOn: '2026-03-10' });
    r = await rules();
    expect(r.leaderHasPoint!.violations.map((v) => v.leaderId)).toEqual([leader.镇长]);
    const pointsOf = async (id: number) => (await core.call('records.list', { table: 'leader', year })).rows.find((l) => l.id === id)!.values.points;
    expect(await pointsOf(leader.镇长!)).toBe(0); // the leaders grid agrees with the rule
    await add('liaison', { leaderId: leader.镇长!, orgId: branch.西村!.orgId });
    expect(await pointsOf(leader.镇长!)).toBe(1);
    r = await rules();
    expect(r.leaderHasPoint!.violations).toEqual([]);
    expect(r.laggingHasLeader!.violations).toEqual([]);
  });

  it('checks the “four ones” where a city enables it', async () => {
    const settings = await core.call('settings.get', {});
    await core.call('settings.save', { liaisonRules: { ...settings.liaisonRules, fourOnes: { ...settings.liaisonRules.fourOnes, enabled: true } } });
    let r = await rules();
    // Only leaders of county committees: 王书记 (李委员 has left); he guides a village only.
    expect(r.fourOnes!.violations).toEqual([expect.objectContaining({ leaderId: leader.书记, detail: '缺少：社区、机关、非公有制经济组织' })]);
    const community = await core.call('ledger.addBranch', { year, parentId: town, name: '北社区党支部', field: 'community' });
    await add('liaison', { leaderId: leader.书记!, orgId: community.orgId });
    await add('liaison', { leaderId: leader.书记!, orgId: branch.机关!.orgId });
    await add('liaison', { leaderId: leader.书记!, orgId: branch.企业!.orgId });
    r = await rules();
    expect(r.fourOnes!.violations).toEqual([]);
    await core.call('settings.save', { liaisonRules: settings.liaisonRules });
  });

  it('derives the counters from work records and projects, and judges visits pro rata', async () => {
    const point = (await core.call('records.list', { table: 'liaison', year, leaderId: leader.书记!, orgId: branch.东村!.orgId })).rows[0]!;
    await core.call('records.add', {
      table: 'visit',
      year,
      rows: [
        { liaisonId: point.id, visitedOn: '2026-01-10', kind: '调研', problemsSolved: 2 },
        { liaisonId: point.id, visitedOn: '2026年2月3日', kind: '座谈走访', problemsSolved: '1个' },
        { liaisonId: point.id, visitedOn: '2026.3.1', kind: '党课' },
        // Another year's record does not count in 2026.
        { liaisonId: point.id, visitedOn: '2025-12-30', kind: '调研指导', problemsSolved: 5 },
      ],
      source: 'typed',
    });
    await add('project', { liaisonId: point.id, name: '硬化村内巷道', funds: '12.5万元', dueOn: '2026-06-30' });
    const after = (await core.call('records.list', { table: 'liaison', year, liaisonId: point.id })).rows[0]!;
    expect(after.values).toMatchObject({ visits: 2, lectures: 1, problemsSolved: 3, projects: 1, lastVisitOn: '2026-03-01' });
    const me = (await core.call('records.list', { table: 'leader', year, leaderId: leader.书记! })).rows[0]!;
    expect(me.values).toMatchObject({ visits: 3, projects: 1, points: 4, level: '旗县区级', committeeName: '测试旗委' });

    // 52 a year: by 15 March (74 days) a point running since 1 January should have 10; this one has 3.
    // Points set up today owe nothing yet.
    const settings = await core.call('settings.get', {});
    await core.call('settings.save', { liaisonRules: { ...settings.liaisonRules, minVisits: { enabled: true, perYear: 52 } } });
    expect((await rules()).minVisits!.violations).toEqual([]);
    await core.call('records.edit', { table: 'liaison', year, changes: [{ id: point.id, field: 'establishedOn', value: '2026-01-01' }], source: 'typed' });
    const v = (await rules()).minVisits!.violations;
    expect(v).toEqual([expect.objectContaining({ liaisonId: point.id, detail: '2026 年已记录 3 次，至 2026-03-15 应不少于 10 次' })]);
    // Named with its township, as every picker names a branch: two villages of one name are told apart.
    expect(v[0]!.name).toMatch(/^.+ → .+党支部（测试镇党委）$/);
    await core.call('settings.save', { liaisonRules: settings.liaisonRules });
    expect((await rules()).minVisits!.violations).toEqual([]);
  });

  it('finds overdue and due-soon projects, and dates a finished one', async () => {
    const point = (await core.call('records.list', { table: 'liaison', year, leaderId: leader.镇长! })).rows.find((p) => p.values.orgId === branch.西村!.orgId)!;
    const mk = (name: string, dueOn: string, extra: Record<string, CellValue> = {}) => add('project', { liaisonId: point.id, name, dueOn, progress: '推进中', ...extra });
    const late = await mk('超期项目', '2026-03-01');
    const soon = await mk('五天后到期', '2026-03-20');
    const later = await mk('十七天后到期', '2026-04-01');
    await mk('已完成的超期项目', '2026-03-01', { progress: '已完成' });
    await mk('已销号的项目', '2026-03-02', { crossedOff: '是' });
    const due = async (d: 'overdue' | 'soon10' | 'soon20') => (await core.call('records.list', { table: 'project', year, due: d })).rows.map((r) => r.values.name);
    expect(await due('overdue')).toEqual(['超期项目']);
    expect(await due('soon10')).toEqual(['五天后到期']);
    expect((await due('soon20')).sort()).toEqual(['五天后到期', '十七天后到期'].sort());
    expect(late.values.dueState).toBe('已超期 14 天');
    expect(soon.values.dueState).toBe('5 天后到期');
    expect(later.values.leaderName).toBe('赵镇长');
    const done = await core.call('records.edit', { table: 'project', year, changes: [{ id: late.id, field: 'progress', value: '办结' }], source: 'typed' });
    expect(done.rows[0]!.values).toMatchObject({ progress: 'done', doneOn: '2026-03-15', dueState: null });
    expect(await due('overdue')).toEqual([]);

    // A project of last year not finished carries over into this year's list (and is overdue there); a finished one does not.
    const lastYear = (name: string, progress: string) => core.call('records.add', { table: 'project', year: year - 1, rows: [{ liaisonId: point.id, name, dueOn: '2026-02-01', progress }], source: 'typed' });
    await lastYear('去年未完成的项目', '推进中');
    await lastYear('去年已完成的项目', '已完成');
    expect(await due('overdue')).toEqual(['去年未完成的项目']);
    const listed = (await core.call('records.list', { table: 'project', year })).rows;
    expect(listed.find((r) => r.values.name === '去年未完成的项目')!.values.fromYear).toBe(String(year - 1));
    expect(listed.some((r) => r.values.name === '去年已完成的项目')).toBe(false);
  });

  it('keeps a value it cannot read, records history, and undoes and redoes an edit and an addition', async () => {
    const point = (await core.call('records.list', { table: 'liaison', year, leaderId: leader.书记! })).rows[0]!;
    const visit = await add('visit', { liaisonId: point.id, kind: '蹲点' });
    expect(visit.values.visitedOn).toBe('2026-03-15');
    const edit = await core.call('records.edit', {
      table: 'visit',
      year,
      changes: [
        { id: visit.id, field: 'problemsSolved', value: '两个' },
        { id: visit.id, field: 'content', value: '调研换届准备' },
        { id: visit.id, field: 'visitedOn', value: '' },
      ],
      source: 'paste',
    });
    expect(edit.problems.map((p) => p.field)).toEqual(['problemsSolved', 'visitedOn']);
    expect(edit.rows[0]!.invalid).toEqual({ problemsSolved: { raw: '两个', message: expect.stringContaining('不是整数') } });
    expect(edit.rows[0]!.values.visitedOn).toBe('2026-03-15'); // a required date is never emptied
    const history = await core.call('records.history', { table: 'visit', id: visit.id });
    expect(history.map((h) => [h.fieldLabel, h.source])).toEqual([
      ['主要内容', 'paste'],
      ['解决问题（个）', 'paste'],
      [null, 'typed'],
    ]);
    const undone = (await core.call('changes.undo', { changeSetId: edit.changeSetId!, year })).records.find((t) => t.table === 'visit')!;
    expect(undone.rows[0]!.values.content).toBe(visit.values.content);
    expect(undone.rows[0]!.invalid).toBeNull();
    await core.call('changes.redo', { changeSetId: edit.changeSetId!, year });
    const redone = (await core.call('records.list', { table: 'visit', year, liaisonId: point.id })).rows.find((r) => r.id === visit.id)!;
    expect(redone.values.content).toBe('调研换届准备');
    expect(redone.invalid?.problemsSolved?.raw).toBe('两个');

    const added = await core.call('records.add', { table: 'project', year, rows: [{ liaisonId: point.id, name: '撤销测试项目' }], source: 'typed' });
    // An addition undone takes the record away, not into the recycle bin; the audit keeps it for a redo.
    await core.call('changes.undo', { changeSetId: added.changeSetId!, year });
    expect((await core.call('records.list', { table: 'project', year })).rows.some((r) => r.values.name === '撤销测试项目')).toBe(false);
    expect((await core.call('records.list', { table: 'project', year, deleted: true })).rows.map((r) => r.values.name)).not.toContain('撤销测试项目');
    await core.call('changes.redo', { changeSetId: added.changeSetId!, year });
    expect((await core.call('records.list', { table: 'project', year })).rows.find((r) => r.values.name === '撤销测试项目')?.id).toBe(added.rows[0]!.id);
  });

  it('shows a leader and a branch on their cards', async () => {
    const card = await core.call('liaison.leaderCard', { leaderId: leader.书记!, year });
    expect(card.points.map((p) => p.values.branchName)).toContain('东村党支部');
    expect(card.visits.length).toBeGreaterThanOrEqual(4);
    expect(card.projects.map((p) => p.values.name)).toContain('硬化村内巷道');
    const b = await core.call('liaison.branchCard', { orgId: branch.西村!.orgId, year });
    expect(b.ledger).toMatchObject({ name: '西村党支部', grade: 'lagging' });
    expect(b.points.map((p) => p.values.leaderName).sort()).toEqual(['李委员', '赵镇长'].sort());
    expect(b.projects.length).toBe(6); // five of this year and last year's unfinished one
  });
});
