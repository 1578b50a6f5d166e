/**
 * Points behind on their work records, and what a new point is proposed, on a small tree
 * built through the core with its clock set where the case needs it: pro rata to the day
 * (12-06: 4 a year → 3 expected), from the day a point began mid-year, a leap year's 366
 * days, the scope by township; the reminder list exported and read back; a new point's
 * category from its branch's grade and the leaders of its own township and county; two
 * branches of one name told apart by their township in the search.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import type { RecordRow } from '../../shared/contract/types.ts';
import type { CellValue } from '../../shared/domain/fields.ts';
import type { RecordTable } from '../../shared/domain/records.ts';
import { tempDir } from '../helpers/core.ts';

describe('points behind on their visits, and a new point’s proposal', () => {
  let core: Core;
  let dir: string;
  let clock = new Date('2026-12-06T04:00:00Z');
  let county: number;
  const town: Record<'甲' | '乙', number> = { 甲: 0, 乙: 0 };
  const branch: Record<'甲' | '乙', number> = { 甲: 0, 乙: 0 };
  const leader: Record<string, number> = {};
  const point: Record<string, number> = {};

  const add = async (table: RecordTable, year: number, values: Record<string, CellValue>): Promise<RecordRow> => {
    const r = await core.call('records.add', { table, year, rows: [values], source: 'typed' });
    expect(r.problems).toEqual([]);
    return r.rows[0]!;
  };
  const visits = async (liaisonId: number, days: string[]) => {
    for (const visitedOn of days) await add('visit', Number(visitedOn.slice(0, 4)), { liaisonId, visitedOn, kind: 'research' });
  };
  const behind = async (year: number, scopeOrgId?: number) => core.call('liaison.behind', { year, ...(scopeOrgId ? { scopeOrgId } : {}) });

  beforeAll(async () => {
    dir = tempDir();
    core = await createCore({ dbPath: path.join(dir, 'core.db'), now: () => clock, actor: '测试', host: 'loopback' });
    const city = await core.call('org.create', { parentId: null, name: '测试市委' });
    county = (await core.call('org.create', { parentId: city.id, name: '测试旗委' })).id;
    town.甲 = (await core.call('org.create', { parentId: county, name: '甲苏木党委' })).id;
    town.乙 = (await core.call('org.create', { parentId: county, name: '乙苏木党委' })).id;
    // One name in two sumu, as in a real banner.
    for (const [t, grade] of [['甲', '后进'], ['乙', '先进']] as const) {
      const row = await core.call('ledger.addBranch', { year: 2026, parentId: town[t], name: '阿拉坦温都尔嘎查党支部' });
      await core.call('ledger.edit', { changes: [{ id: row.id, field: 'grade', value: grade }], source: 'typed' });
      branch[t] = row.orgId;
    }
    leader.旗书记 = (await add('leader', 2026, { name: '王书记', position: '书记', committeeId: county })).id;
    leader.甲苏木 = (await add('leader', 2026, { name: '甲苏木长', position: '副书记', committeeId: town.甲 })).id;
    leader.乙苏木 = (await add('leader', 2026, { name: '乙苏木长', position: '副书记', committeeId: town.乙 })).id;
    point.旗书记 = (await add('liaison', 2026, { leaderId: leader.旗书记, orgId: branch.甲, establishedOn: '2026-01-01' })).id;
    point.甲苏木 = (await add('liaison', 2026, { leaderId: leader.甲苏木, orgId: branch.甲, establishedOn: '2026-01-01' })).id;
    // Set up in July: pro rata from then.
    point.乙苏木 = (await add('liaison', 2026, { leaderId: leader.乙苏木, orgId: branch.乙, establishedOn: '2026-07-01' })).id;
    await visits(point.旗书记!, ['2026-03-02', '2026-06-10']);
    await visits(point.甲苏木!, ['2026-02-02', '2026-05-10', '2026-09-01']);
  });
  afterAll(async () => {
    await core.close();
  });

  it('lists a point with fewer records than the minimum pro rata to the day, and not one with enough', async () => {
    const b = await behind(2026);
    expect(b).toMatchObject({ year: 2026, asOf: '2026-12-06', perYear: 4, enabled: true });
    // 12-06 is day 340 of 365: 4 × 340 / 365 ≈ 3.7, so at least 3. 王书记 has 2, 甲苏木长 3.
    const 书记 = b.rows.find((r) => r.liaisonId === point.旗书记);
    expect(书记).toMatchObject({ leaderName: '王书记', branchName: '阿拉坦温都尔嘎查党支部', township: '甲苏木党委', records: 2, expected: 3, short: 1, lastVisitOn: '2026-06-10', since: '2026-01-01' });
    expect(b.rows.some((r) => r.liaisonId === point.甲苏木)).toBe(false);
  });

  it('counts a point set up mid-year from its start: 07-01 to 12-06 is 159 days, so 1 record is due, not 3', async () => {
    const row = (await behind(2026)).rows.find((r) => r.liaisonId === point.乙苏木);
    expect(row).toMatchObject({ records: 0, expected: 1, short: 1, since: '2026-07-01', township: '乙苏木党委' });
    await visits(point.乙苏木!, ['2026-11-20']);
    expect((await behind(2026)).rows.map((r) => r.liaisonId)).toEqual([point.旗书记]);
  });

  it('lists the branches under the unit chosen only', async () => {
    await core.call('records.delete', { table: 'visit', ids: (await core.call('records.list', { table: 'visit', year: 2026, liaisonId: point.乙苏木! })).rows.map((r) => r.id) });
    expect((await behind(2026, town.乙)).rows.map((r) => r.liaisonId)).toEqual([point.乙苏木]);
    expect((await behind(2026, town.甲)).rows.map((r) => r.liaisonId)).toEqual([point.旗书记]);
    expect((await behind(2026, county)).rows.map((r) => r.liaisonId).sort()).toEqual([point.旗书记, point.乙苏木].sort());
  });

  it('prints the reminder list as an A4 table with a Chinese title, the points behind only', async () => {
    const file = (await core.call('shell.chooseSaveFile', { suggestedName: '走访提醒名单.xlsx' })).path!;
    await core.call('export.run', { templateId: 'liaison-visit-reminders', scope: { year: 2026, scopeOrgId: county }, path: file });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const text = ws.getSheetValues().flat().map(String).join('|');
    expect(text).toContain('测试旗2026年联系点走访提醒名单');
    expect(text).toContain('王书记');
    expect(text).toContain('乙苏木长');
    expect(text).not.toContain('甲苏木长');
    expect(ws.pageSetup.paperSize).toBe(9); // A4
  });

  it('uses the 366 days of a leap year: on 2028-09-30 (day 274) 4 a year asks 2, where 365 days would ask 3', async () => {
    clock = new Date('2028-09-30T04:00:00Z');
    try {
      const p = (await add('liaison', 2028, { leaderId: leader.甲苏木!, orgId: branch.乙, establishedOn: '2028-01-01' })).id;
      await visits(p, ['2028-02-29', '2028-08-01']);
      const b = await behind(2028);
      expect(b.asOf).toBe('2028-09-30');
      expect(b.rows.some((r) => r.liaisonId === p)).toBe(false);
      // The same day of a common year, 2026-10-01 (day 274 of 365): 3 are due, 2 are behind.
      const r = (await behind(2026)).rows.find((x) => x.liaisonId === point.旗书记);
      expect(r).toMatchObject({ records: 2, expected: 4 }); // 2026 is over on 2028-09-30: all 4 are due
      clock = new Date('2026-10-01T04:00:00Z');
      expect((await behind(2026)).rows.find((x) => x.liaisonId === point.旗书记)).toMatchObject({ records: 2, expected: 3 });
    } finally {
      clock = new Date('2026-12-06T04:00:00Z');
    }
  });

  it('proposes a new point’s category from the grade, and the leaders of the branch’s own township and county first', async () => {
    const a = await core.call('liaison.pointProposal', { orgId: branch.甲, year: 2026 });
    expect(a).toMatchObject({ township: '甲苏木党委', grade: 'lagging', category: 'lagging' });
    expect(a.near).toEqual([
      { committeeId: town.甲, committee: '甲苏木党委', level: 'township', leaderIds: [leader.甲苏木] },
      { committeeId: county, committee: '测试旗委', level: 'county', leaderIds: [leader.旗书记] },
    ]);
    // Who guides it already: a point of theirs would be refused, so the picker says so.
    expect(a.guidedBy).toEqual([leader.旗书记!, leader.甲苏木!].sort((x, y) => x - y));
    // The township's secretary comes first, then deputies, then members, whatever their names.
    const member = (await add('leader', 2026, { name: '阿委员', position: '班子成员', committeeId: town.甲 })).id;
    const secretary = (await add('leader', 2026, { name: '左书记', position: '书记', committeeId: town.甲 })).id;
    expect((await core.call('liaison.pointProposal', { orgId: branch.甲, year: 2026 })).near[0]!.leaderIds).toEqual([secretary, leader.甲苏木, member]);
    const b = await core.call('liaison.pointProposal', { orgId: branch.乙, year: 2026 });
    expect(b).toMatchObject({ township: '乙苏木党委', grade: 'advanced', category: 'model' });
    expect(b.near.map((c) => c.leaderIds)).toEqual([[leader.乙苏木], [leader.旗书记]]);
    // 甲苏木长's point on 乙 (set up in the 2028 case above) counts too: records.add would refuse another.
    expect(b.guidedBy).toEqual([leader.甲苏木!, leader.乙苏木!].sort((x, y) => x - y));
    await expect(core.call('liaison.pointProposal', { orgId: 99999, year: 2026 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('找不到编号为 99999') });
  });

  it('tells two branches of one name apart by their township in the search', async () => {
    const hits = (await core.call('org.search', { query: '阿拉坦温都尔' })).filter((h) => h.node.level === 'branch');
    expect(hits.map((h) => h.township).sort()).toEqual(['乙苏木党委', '甲苏木党委'].sort());
  });
});
