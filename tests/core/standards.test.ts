/**
 * The standards checklist (对标检查) on a real database: standards kept per year (the bundled
 * example, copied to the next year, edited there without touching the year before), a branch's
 * checklist of the standards that apply to its field, each mark dated and signed by the person
 * working (逐条销号), the share met per branch and per unit, and unmet items opening problems
 * in one step that one undo takes back, links and all. Bad input is refused in Chinese and
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { exampleStandards } from '../../shared/domain/standards.ts';
import { seededCore } from '../helpers/core.ts';

describe('the standards checklist', () => {
  let core: Core;
  let county: number;
  let town: number;
  let other: number;
  const branch: Record<string, number> = {};

  const changeSets = () => (core.conn.sqlite.prepare('SELECT count(*) AS n FROM change_set').get() as { n: number }).n;
  const count = (table: string) => (core.conn.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  /** Refused with a Chinese message, and nothing written. */
  const refused = async (call: Promise<unknown>, message: RegExp) => {
    const before = [changeSets(), count('standard'), count('checklist_item'), count('problem')];
    await expect(call).rejects.toMatchObject({ message: expect.stringMatching(message) });
    expect([changeSets(), count('standard'), count('checklist_item'), count('problem')]).toEqual(before);
  };

  beforeAll(async () => {
    ({ core } = await seededCore(null));
    const city = await core.call('org.create', { parentId: null, name: '测试市委' });
    county = (await core.call('org.create', { parentId: city.id, name: '测试旗委' })).id;
    town = (await core.call('org.create', { parentId: county, name: '测试镇党委' })).id;
    other = (await core.call('org.create', { parentId: county, name: '另一镇党委' })).id;
    const fields: Record<string, [number, string]> = { 东村: [town, 'village'], 南社区: [town, 'community'], 机关: [town, 'organ'], 西村: [other, 'village'] };
    for (const [name, [parentId, field]] of Object.entries(fields)) {
      branch[name] = (await core.call('ledger.addBranch', { year: 2026, parentId, name: `${name}党支部`, field })).orgId;
    }
  });
  afterAll(() => core.close());

  it('starts a year from the bundled example, numbered under the five criteria, and only an empty year', async () => {
    expect((await core.call('standards.list', { year: 2027 })).standards).toEqual([]);
    const { list, changeSetId } = await core.call('standards.loadExample', { year: 2027 });
    expect(changeSetId).toBeTruthy();
    expect(list.standards).toHaveLength(exampleStandards.length);
    expect(list.standards.map((s) => s.number)).toEqual(exampleStandards.map((_, i) => i + 1));
    expect([...new Set(list.standards.map((s) => s.criterion))]).toEqual(['political', 'team', 'org_life', 'role', 'masses']);
    expect(list.standards.filter((s) => s.field !== null).map((s) => s.field).sort()).toEqual(['community', 'village']);
    expect(list.years).toContain(2027);
    await refused(core.call('standards.loadExample', { year: 2027 }), /2027 年已有 19 条标准，没有改动/);
  });

  it('copies a year to the next, which is then edited on its own (versioned by year)', async () => {
    const y2027 = (await core.call('standards.list', { year: 2027 })).standards;
    const copied = (await core.call('standards.copyYear', { from: 2027, to: 2028 })).list.standards;
    expect(copied.map((s) => [s.number, s.criterion, s.text, s.field, s.active])).toEqual(y2027.map((s) => [s.number, s.criterion, s.text, s.field, s.active]));
    expect(copied.every((s) => s.year === 2028 && !y2027.some((o) => o.id === s.id))).toBe(true);

    // Edited in 2028: new text, deactivated one, a new one last in its criterion, one moved up.
    const first = copied[0]!;
    await core.call('standards.save', { id: first.id, year: 2028, criterion: first.criterion, text: '2028 年改写的第一条', field: null, active: true });
    await core.call('standards.save', { id: copied[1]!.id, year: 2028, criterion: copied[1]!.criterion, text: copied[1]!.text, field: null, active: false });
    await core.call('standards.save', { year: 2028, criterion: 'political', text: '新增的政治功能标准', field: null, active: true });
    const moved = (await core.call('standards.move', { id: copied[3]!.id, direction: 'up' })).list.standards;
    const political = moved.filter((s) => s.criterion === 'political');
    expect(political.map((s) => [s.text.slice(0, 8), s.number])).toEqual([
      ['2028 年改写', 1],
      [copied[1]!.text.slice(0, 8), null],
      [copied[3]!.text.slice(0, 8), 2],
      [copied[2]!.text.slice(0, 8), 3],
      ['新增的政治功能标', 4],
    ]);
    // The team criterion numbers on after the political ones.
    expect(moved.find((s) => s.criterion === 'team')!.number).toBe(5);
    // 2027 is as it was.
    expect((await core.call('standards.list', { year: 2027 })).standards).toEqual(y2027);

    await refused(core.call('standards.copyYear', { from: 2027, to: 2028 }), /2028 年已有 20 条标准/);
    await refused(core.call('standards.copyYear', { from: 2030, to: 2031 }), /2030 年还没有标准/);
    await refused(core.call('standards.move', { id: political[0]!.id, direction: 'up' }), /已经是本项“五强”标准下的第一条/);
    await refused(core.call('standards.save', { id: first.id, year: 2027, criterion: 'political', text: '改年度', field: null, active: true }), /属于 2028 年，不能改到 2027 年/);
    await refused(core.call('standards.save', { year: 2028, criterion: 'strong', text: '代码不对', field: null, active: true }), /“五强”标准中没有代码为“strong”的项/);
    await refused(core.call('standards.save', { year: 2028, criterion: 'team', text: '领域不对', field: 'farm', active: true }), /领域中没有代码为“farm”的项/);
    await refused(core.call('standards.save', { year: 2028, criterion: 'team', text: '   ', field: null, active: true }), /标准内容.*不能为空/);
  });

  describe('in 2029: three standards for every field, one for villages, one for communities, one inactive', () => {
    const std: Record<string, number> = {};
    beforeAll(async () => {
      const add = async (key: string, criterion: string, field: string | null, active = true) => {
        const { list } = await core.call('standards.save', { year: 2029, criterion, text: `标准${key}`, field, active });
        std[key] = list.standards.find((s) => s.text === `标准${key}`)!.id;
      };
      await add('甲', 'political', null);
      await add('乙', 'team', null);
      await add('丙', 'org_life', null);
      await add('村', 'role', 'village');
      await add('社区', 'masses', 'community');
      await add('停用', 'masses', null, false);
    });

    it('lists for each branch the standards of its field, numbered as the city numbers them', async () => {
      const village = await core.call('checklist.branch', { orgId: branch.东村!, year: 2029 });
      expect(village.entries.map((e) => [e.number, e.text, e.met])).toEqual([
        [1, '标准甲', null],
        [2, '标准乙', null],
        [3, '标准丙', null],
        [4, '标准村', null],
      ]);
      expect(village.tally).toEqual({ applicable: 4, met: 0, unmet: 0, unchecked: 4, share: 0 });
      const community = await core.call('checklist.branch', { orgId: branch.南社区!, year: 2029 });
      expect(community.entries.map((e) => e.number)).toEqual([1, 2, 3, 5]);
      expect((await core.call('checklist.branch', { orgId: branch.机关!, year: 2029 })).entries).toHaveLength(3);
    });

    it('crosses items off with the day and the person working, and shares met per branch and per unit', async () => {
      await core.call('settings.save', { operatorName: '王芳' });
      const r = await core.call('checklist.mark', {
        orgId: branch.东村!,
        year: 2029,
        marks: [
          { standardId: std.甲!, met: true },
          { standardId: std.乙!, met: true },
          { standardId: std.丙!, met: true, note: '  三会一课记录完整 ' },
          { standardId: std.村!, met: false, note: '村集体经济合作社尚未成立' },
        ],
      });
      expect(r.changeSetId).toBeTruthy();
      expect(r.checklist.entries.map((e) => [e.met, e.note, e.checkedOn, e.checkedBy])).toEqual([
        [true, null, '2026-03-15', '王芳'],
        [true, null, '2026-03-15', '王芳'],
        [true, '三会一课记录完整', '2026-03-15', '王芳'],
        [false, '村集体经济合作社尚未成立', '2026-03-15', '王芳'],
      ]);
      expect(r.checklist.tally).toEqual({ applicable: 4, met: 3, unmet: 1, unchecked: 0, share: 0.75 });
      const audit = core.conn.sqlite.prepare("SELECT DISTINCT actor FROM audit_log WHERE change_set_id = ?").all(r.changeSetId) as { actor: string }[];
      expect(audit).toEqual([{ actor: '王芳' }]);

      await core.call('checklist.mark', { orgId: branch.南社区!, year: 2029, marks: [{ standardId: std.社区!, met: true }] });
      await core.call('checklist.mark', { orgId: branch.西村!, year: 2029, marks: [std.甲!, std.乙!, std.丙!, std.村!].map((standardId) => ({ standardId, met: true })) });

      const shares = await core.call('checklist.shares', { year: 2029, unitId: county });
      const of = (orgId: number) => shares.branches.find((b) => b.orgId === orgId)!;
      expect(shares.standards).toBe(5);
      expect([of(branch.东村!), of(branch.南社区!), of(branch.机关!), of(branch.西村!)].map((b) => [b.applicable, b.met, b.share])).toEqual([
        [4, 3, 0.75],
        [4, 1, 0.25],
        [3, 0, 0],
        [4, 4, 1],
      ]);
      expect(of(branch.东村!).parentName).toBe('测试镇党委');
      // The county pooled, then the two townships directly below it.
      expect(shares.units.map((u) => [u.name, u.own, u.branches, u.applicable, u.met, u.share, u.fullyMet])).toEqual([
        ['测试旗委', true, 4, 15, 8, 0.5333, 1],
        ['测试镇党委', false, 3, 11, 4, 0.3636, 0],
        ['另一镇党委', false, 1, 4, 4, 1, 1],
      ]);
      // A standard deactivated since no longer counts, for anyone.
      const list = (await core.call('standards.list', { year: 2029 })).standards;
      const village = list.find((s) => s.id === std.村!)!;
      await core.call('standards.save', { id: village.id, year: 2029, criterion: village.criterion, text: village.text, field: village.field, active: false });
      const after = await core.call('checklist.shares', { year: 2029, unitId: town });
      expect(after.branches.find((b) => b.orgId === branch.东村!)).toMatchObject({ applicable: 3, met: 3, share: 1 });
      await core.call('standards.save', { id: village.id, year: 2029, criterion: village.criterion, text: village.text, field: village.field, active: true });

      // Set back to 未检查: neither a day nor a name.
      const back = await core.call('checklist.mark', { orgId: branch.南社区!, year: 2029, marks: [{ standardId: std.社区!, met: null }] });
      expect(back.checklist.entries.find((e) => e.standardId === std.社区!)).toMatchObject({ met: null, checkedOn: null, checkedBy: null });
      // And undone: crossed off again, by 王芳 on the day.
      await core.call('changes.undo', { changeSetId: back.changeSetId! });
      const again = await core.call('checklist.branch', { orgId: branch.南社区!, year: 2029 });
      expect(again.entries.find((e) => e.standardId === std.社区!)).toMatchObject({ met: true, checkedOn: '2026-03-15', checkedBy: '王芳' });
    });

    it('undoes a branch’s first mark of an item by removing the item it made', async () => {
      const first = await core.call('checklist.mark', { orgId: branch.机关!, year: 2029, marks: [{ standardId: std.甲!, met: true, note: '首次检查' }] });
      expect(first.checklist.entries[0]).toMatchObject({ met: true, note: '首次检查', checkedBy: '王芳' });
      const items = count('checklist_item');
      await core.call('changes.undo', { changeSetId: first.changeSetId! });
      expect(count('checklist_item')).toBe(items - 1);
      expect((await core.call('checklist.branch', { orgId: branch.机关!, year: 2029 })).entries[0]).toMatchObject({ itemId: null, met: null, note: null, checkedOn: null });
    });

    it('refuses marks that do not apply, in Chinese, changing nothing', async () => {
      await refused(core.call('checklist.mark', { orgId: branch.东村!, year: 2029, marks: [{ standardId: std.甲!, met: false }, { standardId: std.社区!, met: true }] }), /第 2 项：标准“标准社区”只适用于其他领域的党支部，不适用于“东村党支部”/);
      await refused(core.call('checklist.mark', { orgId: branch.东村!, year: 2029, marks: [{ standardId: std.停用!, met: true }] }), /标准“标准停用”已停用/);
      const y2027 = (await core.call('standards.list', { year: 2027 })).standards[0]!;
      await refused(core.call('checklist.mark', { orgId: branch.东村!, year: 2029, marks: [{ standardId: y2027.id, met: true }] }), /2029 年的标准中没有编号为/);
      await refused(core.call('checklist.mark', { orgId: town, year: 2029, marks: [{ standardId: std.甲!, met: true }] }), /“测试镇党委”不是党支部（党总支），对标检查按党支部逐条进行/);
      await refused(core.call('checklist.branch', { orgId: 999_999, year: 2029 }), /找不到编号为 999999 的党组织/);
      await refused(core.call('checklist.mark', { orgId: branch.东村!, year: 2029, marks: [{ standardId: std.甲!, note: 'x'.repeat(501) }] }), /备注.*不能超过 500 个字/);
    });

    it('opens one problem per unmet item in one step, which one undo takes back with the links', async () => {
      await core.call('checklist.mark', { orgId: branch.机关!, year: 2029, marks: [{ standardId: std.乙!, met: false }, { standardId: std.丙!, met: false, note: '主题党日不经常' }] });
      const problemsBefore = count('problem');
      const made = await core.call('checklist.generateProblems', { year: 2029, orgIds: [branch.东村!, branch.机关!, branch.西村!] });
      expect(made.created).toBe(3);
      expect(count('problem')).toBe(problemsBefore + 3);
      const listed = (await core.call('records.list', { table: 'problem', year: 2029, scopeOrgId: town })).rows;
      expect(listed.map((p) => [p.values.unitName, p.values.description, p.values.category, p.values.source, p.values.status])).toEqual([
        ['东村党支部', '对照标准第4条“标准村”未达标：村集体经济合作社尚未成立', 'position', 'checklist', 'open'],
        ['机关党支部', '对照标准第2条“标准乙”未达标。', 'members', 'checklist', 'open'],
        ['机关党支部', '对照标准第3条“标准丙”未达标：主题党日不经常', 'org_life', 'checklist', 'open'],
      ]);
      const linked = await core.call('checklist.branch', { orgId: branch.东村!, year: 2029 });
      expect(linked.entries.find((e) => e.standardId === std.村!)).toMatchObject({ problemId: listed[0]!.id, problemStatus: 'open' });
      // Each unmet item opens one problem only.
      await refused(core.call('checklist.generateProblems', { year: 2029, orgIds: [branch.东村!, branch.机关!] }), /没有尚未生成问题的“未达标”项/);

      // One undo: the three problems and the three links go.
      const undone = await core.call('changes.undo', { changeSetId: made.changeSetId! });
      expect(undone.removed).toHaveLength(3);
      expect(count('problem')).toBe(problemsBefore);
      expect((await core.call('records.list', { table: 'problem', year: 2029, scopeOrgId: town })).rows).toEqual([]);
      const unlinked = core.conn.sqlite.prepare('SELECT count(*) AS n FROM checklist_item WHERE problem_id IS NOT NULL').get() as { n: number };
      expect(unlinked.n).toBe(0);

      // Redone: back, and linked to the problems as they are now.
      await core.call('changes.redo', { changeSetId: undone.changeSetId! });
      const back = (await core.call('records.list', { table: 'problem', year: 2029, scopeOrgId: town })).rows;
      expect(back.map((p) => p.values.description)).toEqual(listed.map((p) => p.values.description));
      const relinked = await core.call('checklist.branch', { orgId: branch.机关!, year: 2029 });
      expect(relinked.entries.filter((e) => e.problemId !== null).map((e) => e.problemId).sort()).toEqual(back.slice(1).map((p) => p.id).sort());

      await refused(core.call('checklist.generateProblems', { year: 2029, orgIds: [county] }), /“测试旗委”不是党支部/);

      // Once a generated problem is worked on (claimed), its opening cannot be undone: named, nothing changed.
      const again = await core.call('checklist.generateProblems', { year: 2029, orgIds: [branch.东村!] }).catch(() => null);
      expect(again).toBeNull();
      const redone = core.conn.sqlite.prepare('SELECT id FROM change_set WHERE undo_of = ?').get(undone.changeSetId!) as { id: string };
      await core.call('problems.claim', { id: back[0]!.id, responsible: '王刚' });
      await refused(core.call('changes.undo', { changeSetId: redone.id }), /已被改为.*没有改动任何数据/);
      expect((await core.call('checklist.branch', { orgId: branch.东村!, year: 2029 })).entries.find((e) => e.standardId === std.村!)).toMatchObject({ problemId: back[0]!.id, problemStatus: 'claimed' });
    });
  });
});

describe('the demo league', () => {
  it('has the example standards for its year, and checklists in proportion with the ledger', async () => {
    const { core } = await seededCore('small', 3);
    try {
      expect((await core.call('standards.list', { year: 2026 })).standards).toHaveLength(exampleStandards.length);
      const shares = await core.call('checklist.shares', { year: 2026 });
      const ledger = (await core.call('ledger.list', { year: 2026 })).rows;
      const standardised = new Set(ledger.filter((r) => r.standardised === true).map((r) => r.orgId));
      const of = (yes: boolean) => shares.branches.filter((b) => standardised.has(b.orgId) === yes);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(shares.branches.length).toBe(ledger.length);
      // Most standardised branches have met every item; the others far fewer, some items not checked.
      expect(of(true).filter((b) => b.share === 1).length / of(true).length).toBeGreaterThan(0.7);
      expect(mean(of(true).map((b) => b.share!))).toBeGreaterThan(0.95);
      expect(mean(of(false).map((b) => b.share!))).toBeLessThan(0.75);
      expect(of(false).some((b) => b.unchecked > 0)).toBe(true);
      expect(shares.units[0]).toMatchObject({ own: true, branches: ledger.length });
      // Every seeded mark is dated and signed; each unmet one says why.
      const marks = core.conn.sqlite.prepare('SELECT met, note, checked_on, checked_by FROM checklist_item').all() as { met: number; note: string | null; checked_on: string | null; checked_by: string | null }[];
      expect(marks.every((m) => m.checked_on !== null && m.checked_on <= '2026-03-15' && m.checked_by)).toBe(true);
      expect(marks.filter((m) => m.met === 0).every((m) => m.note)).toBe(true);
    } finally {
      await core.close();
    }
  });
});
