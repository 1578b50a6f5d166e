import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { seededCore } from '../helpers/core.ts';

describe('branch ledger', () => {
  let core: Core;
  let rows: LedgerRow[];
  beforeAll(async () => {
    ({ core } = await seededCore('small', 21));
    rows = (await core.call('ledger.list', { year: 2026 })).rows;
  });
  afterAll(() => core.close());

  it('lists a year with township, county, pinyin keys and derived liaison leaders', async () => {
    expect(rows.length).toBeGreaterThan(200);
    const r = rows[0]!;
    expect(r.county).toMatch(/委$/);
    expect(r.township).toMatch(/(党委|党工委)$/);
    expect(r.initials).toMatch(/^[a-z0-9]+$/);
    expect(rows.some((x) => x.liaisonLeaders)).toBe(true);
    // Default order: townships as the tree lists them, then pinyin within a township.
    const first = rows.filter((x) => x.townshipId === r.townshipId).map((x) => x.nameSort);
    expect(first).toEqual([...first].sort());
  });

  it('filters and sorts in the core', async () => {
    const lagging = await core.call('ledger.list', { year: 2026, filter: { grade: ['lagging'] }, sort: [{ key: 'membersFormal', dir: 'desc' }] });
    expect(lagging.rows.every((r) => r.grade === 'lagging')).toBe(true);
    const m = lagging.rows.map((r) => r.membersFormal ?? -1);
    expect(m).toEqual([...m].sort((a, b) => b - a));
    const village = rows.find((r) => r.field === 'village')!;
    const found = await core.call('ledger.list', { year: 2026, filter: { text: village.initials } });
    expect(found.rows.map((r) => r.id)).toContain(village.id);
  });

  it('saves an edit with its audit record and returns the updated row', async () => {
    const target = rows[3]!;
    const result = await core.call('ledger.edit', { changes: [{ id: target.id, field: 'membersFormal', value: '４２人' }], source: 'typed' });
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toMatchObject({ id: target.id, membersFormal: 42, revision: target.revision + 1 });
    const hist = await core.call('ledger.history', { id: target.id });
    expect(hist[0]).toMatchObject({ field: 'membersFormal', fieldLabel: '正式党员（名）', oldValue: target.membersFormal, newValue: 42, source: 'typed', actor: '测试' });
  });

  it('keeps a value it cannot understand, marks it, and clears the mark when fixed', async () => {
    const target = rows[4]!;
    const bad = await core.call('ledger.edit', { changes: [{ id: target.id, field: 'membersFormal', value: '三十多' }], source: 'typed' });
    expect(bad.problems[0]).toMatchObject({ id: target.id, field: 'membersFormal', message: expect.stringContaining('不是整数') });
    expect(bad.rows[0]!.invalid).toEqual({ membersFormal: { raw: '三十多', message: expect.stringContaining('不是整数') } });
    expect(bad.rows[0]!.membersFormal).toBeNull();
    // Still there after a reload.
    const reloaded = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === target.id)!;
    expect(reloaded.invalid?.membersFormal?.raw).toBe('三十多');
    const fixed = await core.call('ledger.edit', { changes: [{ id: target.id, field: 'membersFormal', value: 31 }], source: 'typed' });
    expect(fixed.rows[0]).toMatchObject({ membersFormal: 31, invalid: null });
    const hist = await core.call('ledger.history', { id: target.id });
    expect(hist.slice(0, 2).map((h) => [h.oldValue, h.newValue])).toEqual([
      [{ invalid: '三十多' }, 31],
      [target.membersFormal, { invalid: '三十多' }],
    ]);
  });

  it('resolves dictionary synonyms and writes name and field through to the organisation', async () => {
    const target = rows[5]!;
    const r = await core.call('ledger.edit', {
      changes: [
        { id: target.id, field: 'grade', value: '一般' },
        { id: target.id, field: 'standardised', value: '√' },
        { id: target.id, field: 'name', value: '幸福新村党支部' },
        { id: target.id, field: 'termChangedOn', value: '2023年5月1日' },
      ],
      source: 'paste',
    });
    expect(r.rows[0]).toMatchObject({ grade: 'middle', standardised: true, name: '幸福新村党支部', initials: 'xfxcdzb', termChangedOn: '2023-05-01' });
    const refused = await core.call('ledger.edit', { changes: [{ id: target.id, field: 'name', value: '  ' }], source: 'typed' });
    expect(refused.problems[0]!.message).toContain('党组织名称不能为空');
    expect(refused.changeSetId).toBeNull();
    // A name with a bidi override or a NUL in it is refused, not kept: the branch keeps its name.
    const hidden = await core.call('ledger.edit', { changes: [{ id: target.id, field: 'name', value: '幸福\u202E村党支部' }, { id: target.id, field: 'name', value: '幸福\u0007村党支部' }], source: 'typed' });
    expect(hidden.problems.map((p) => p.message)).toEqual([expect.stringContaining('文字方向控制符（U+202E）'), expect.stringContaining('控制字符')]);
    expect(hidden.problems.every((p) => p.message.endsWith('未修改。'))).toBe(true);
    expect(hidden.changeSetId).toBeNull();
    expect((await core.call('ledger.list', { year: 2026 })).rows.find((x) => x.id === target.id)).toMatchObject({ name: '幸福新村党支部', invalid: null });
    // The tree's rules hold in the grid too: a sibling's name, a kind that is not a branch's.
    const sibling = rows.find((r) => r.id !== target.id && r.township === target.township)!;
    const clash = await core.call('ledger.edit', { changes: [{ id: target.id, field: 'name', value: sibling.name }, { id: target.id, field: 'kind', value: '旗县区委' }], source: 'typed' });
    expect(clash.problems.map((p) => p.message)).toEqual([`同一上级下已有名为“${sibling.name}”的党组织，未修改。`, '组织类别：台账中的党组织只能是“党支部”或“党总支”，未修改。']);
    expect(clash.changeSetId).toBeNull();
  });

  it('adds a branch, deletes it recoverably, and restores it', async () => {
    const townshipId = rows[0]!.townshipId!;
    const added = await core.call('ledger.addBranch', { year: 2026, parentId: townshipId, name: '新建测试村党支部', field: 'village' });
    expect(added).toMatchObject({ name: '新建测试村党支部', field: 'village', year: 2026, townshipId });
    await core.call('ledger.delete', { ids: [added.id] });
    expect((await core.call('ledger.list', { year: 2026 })).rows.some((r) => r.id === added.id)).toBe(false);
    const bin = await core.call('ledger.list', { year: 2026, deleted: true });
    expect(bin.rows.map((r) => r.id)).toContain(added.id);
    const edit = await core.call('ledger.edit', { changes: [{ id: added.id, field: 'secretary', value: '张三' }], source: 'typed' });
    expect(edit.problems[0]!.message).toContain('已删除');
    await core.call('ledger.restore', { ids: [added.id] });
    expect((await core.call('ledger.list', { year: 2026 })).rows.some((r) => r.id === added.id)).toBe(true);
    expect((await core.call('ledger.history', { id: added.id })).map((h) => h.op)).toEqual(['restore', 'delete', 'insert', 'insert']);
  });

  it('copies last year into a new year once, leaving notes behind', async () => {
    const target = rows[6]!;
    await core.call('ledger.edit', { changes: [{ id: target.id, field: 'notes', value: '2026 年的备注' }], source: 'typed' });
    const live = (await core.call('ledger.list', { year: 2026 })).total;
    const first = await core.call('ledger.copyYear', { from: 2026, to: 2027 });
    expect(first).toEqual({ copied: live, skipped: 0, closed: 0 });
    const again = await core.call('ledger.copyYear', { from: 2026, to: 2027 });
    expect(again).toEqual({ copied: 0, skipped: live, closed: 0 });
    const next = (await core.call('ledger.list', { year: 2027 })).rows.find((r) => r.orgId === target.orgId)!;
    expect(next).toMatchObject({ secretary: target.secretary, grade: target.grade, notes: null, year: 2027 });
    // Its history begins with where it came from.
    const hist = await core.call('ledger.history', { id: next.id });
    expect(hist.at(-1)).toMatchObject({ op: 'insert', source: 'copy-year', newValue: { copiedFrom: 2026, year: 2027 }, summary: expect.stringContaining('由 2026 年台账生成 2027 年台账') });
    expect(await core.call('ledger.years', {})).toEqual([2027, 2026]);
    await expect(core.call('ledger.copyYear', { from: 2019, to: 2020 })).rejects.toMatchObject({ message: expect.stringContaining('2019 年还没有台账') });
  });

  it('derives the checks with links to the rows, and the term rule follows the setting', async () => {
    const t = rows[7]!;
    await core.call('ledger.edit', {
      changes: [
        { id: t.id, field: 'secretary', value: '' },
        { id: t.id, field: 'membersFormal', value: 0 },
        { id: t.id, field: 'membersProbationary', value: 0 },
        { id: t.id, field: 'termChangedOn', value: '2022-01-01' },
      ],
      source: 'typed',
    });
    const checks = await core.call('ledger.checks', { year: 2026 });
    const ids = (rule: string) => checks.find((c) => c.rule === rule)!.rows.map((r) => r.ledgerId);
    expect(ids('no_secretary')).toContain(t.id);
    expect(ids('no_members')).toContain(t.id);
    // 2022-01-01 is within 5 years of 2026-03-15 (the test clock), beyond 3.
    expect(ids('term_overdue')).not.toContain(t.id);
    await core.call('settings.save', { termOverdueYears: 3 });
    expect((await core.call('ledger.checks', { year: 2026 })).find((c) => c.rule === 'term_overdue')!.rows.map((r) => r.ledgerId)).toContain(t.id);
    const lagging = checks.find((c) => c.rule === 'lagging_without_leader')!;
    for (const r of lagging.rows) expect(rows.find((x) => x.id === r.ledgerId)?.liaisonLeaders ?? null).toBeNull();
  });

  it('edits dictionaries as data: a new synonym is understood at once', async () => {
    const grade = (await core.call('dict.list', { dict: 'grade' })).find((e) => e.code === 'middle')!;
    await core.call('dict.save', { ...grade, synonyms: [...grade.synonyms, '过得去'] });
    const t = rows.find((x) => x.grade === 'advanced')!;
    const r = await core.call('ledger.edit', { changes: [{ id: t.id, field: 'grade', value: '过得去' }], source: 'typed' });
    expect(r.rows[0]!.grade).toBe('middle');
    await expect(core.call('dict.save', { dict: 'grade', label: '好', synonyms: [], active: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    const added = await core.call('dict.save', { dict: 'field', label: '新兴领域', synonyms: ['新业态'], active: true });
    expect(added.code).toMatch(/^u_/);
    // Audited like any data: who changed which entry or setting, from what to what.
    const audit = core.conn.sqlite.prepare("SELECT entity, row_uid, op, actor FROM audit_log WHERE entity IN ('dict_entry', 'setting') ORDER BY id").all();
    expect(audit).toEqual([
      { entity: 'setting', row_uid: 'checks.termOverdueYears', op: 'update', actor: '测试' },
      { entity: 'dict_entry', row_uid: 'grade:middle', op: 'update', actor: '测试' },
      { entity: 'dict_entry', row_uid: `field:${added.code}`, op: 'insert', actor: '测试' },
    ]);
  });

  it('saves grid views per user', async () => {
    const v = await core.call('view.save', { grid: 'ledger', name: '只看后进', state: { filter: { grade: 'lagging' } } });
    expect((await core.call('view.list', { grid: 'ledger' })).map((x) => x.name)).toEqual(['只看后进']);
    await core.call('view.save', { grid: 'ledger', name: '只看后进', state: { filter: {} } });
    expect((await core.call('view.list', { grid: 'ledger' }))[0]!.state).toEqual({ filter: {} });
    await core.call('view.delete', { id: v.id });
    expect(await core.call('view.list', { grid: 'ledger' })).toEqual([]);
  });
});
