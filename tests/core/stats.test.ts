/**
 * 统计分析 on a real SQLite file: every cell of every table is recounted here from what the other
 * methods list (ledger.list, records.list, problems.closure, liaison.rules, the returns written by
 * moveReturn), row by row, for a unit below the top; totals are the sums of the rows; the year
 * compared with gives the difference; the workbook read back by openpyxl holds the same numbers
 * and LibreOffice prints it; bad arguments are refused in Chinese.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { moveReturn } from '../../electron/core/repos/reportReturns.ts';
import type { LedgerRow, OrgNode } from '../../shared/contract/types.ts';
import { changeOf, type StatsTable, type StatsTables } from '../../shared/domain/stats.ts';
import { seededCore } from '../helpers/core.ts';
import { inspectXlsx, pdfPages, soffice } from '../helpers/office.ts';

const YEAR = 2026;
const BEFORE = 2025;

let core: Core;
let dir: string;
let county: OrgNode;
let rows: LedgerRow[];
let before: LedgerRow[];

/** The row of a table for a unit (by its id), or for a label. */
const rowFor = (t: StatsTable, orgId: number) => t.rows.find((r) => r.orgId === orgId);
const col = (t: StatsTable, key: string) => t.columns.findIndex((c) => c.key === key);
const table = (s: StatsTables, id: StatsTable['id']) => s.tables.find((t) => t.id === id)!;

beforeAll(async () => {
  ({ core, dir } = await seededCore('small', 5));
  const top = (await core.call('org.children', { parentId: null, counts: false })).nodes[0]!;
  county = (await core.call('org.children', { parentId: top.id, counts: false })).nodes.find((n) => n.level === 'county')!;
  // Last year: a copy of this year with some grades and standardised flags changed, so that the comparison has differences.
  await core.call('ledger.copyYear', { from: YEAR, to: BEFORE });
  const last = (await core.call('ledger.list', { year: BEFORE })).rows;
  const changes = last.slice(0, 40).flatMap((r, i) => [
    { id: r.id, field: 'grade' as const, value: i % 2 ? 'lagging' : 'advanced' },
    { id: r.id, field: 'standardised' as const, value: i % 3 === 0 },
  ]);
  await core.call('ledger.edit', { changes, source: 'typed' });
  rows = (await core.call('ledger.list', { year: YEAR, scopeOrgId: county.id })).rows;
  before = (await core.call('ledger.list', { year: BEFORE, scopeOrgId: county.id })).rows;
  // Returns of three townships below the county for this year and one for last year.
  const towns = (await core.call('org.children', { parentId: county.id, counts: false })).nodes.filter((n) => n.level === 'township');
  const at = '2026-03-10T02:00:00Z';
  const sqlite = core.conn.sqlite;
  core.conn.writeTransaction(() => {
    for (const t of towns.slice(0, 3)) moveReturn(sqlite, { templateId: 'branch-ledger', period: String(YEAR), unitOrgId: t.id }, { to: 'sent', actor: '测试', at });
    moveReturn(sqlite, { templateId: 'branch-ledger', period: String(YEAR), unitOrgId: towns[0]!.id }, { to: 'returned', actor: '测试', at, fileName: '天义镇.xlsx' });
    moveReturn(sqlite, { templateId: 'projects', period: String(BEFORE), unitOrgId: towns[1]!.id }, { to: 'sent', actor: '测试', at });
    // The county's own return to the city is not one of the county's subordinate units'.
    moveReturn(sqlite, { templateId: 'branch-ledger', period: String(YEAR), unitOrgId: county.id }, { to: 'sent', actor: '测试', at });
  })();
}, 120_000);

afterAll(() => core?.close());

/** The unit below the county a ledger row counts under: its township, or the county's own (本级直属). */
const unitOf = (r: LedgerRow) => r.townshipId ?? county.id;

function countBy<T>(items: readonly T[], key: (x: T) => string | number, value: (x: T) => string): Map<string | number, Map<string, number>> {
  const out = new Map<string | number, Map<string, number>>();
  for (const x of items) {
    const k = key(x);
    const m = out.get(k) ?? out.set(k, new Map()).get(k)!;
    const v = value(x);
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  return out;
}

describe('stats.tables for a unit below the top', () => {
  let s: StatsTables;
  beforeAll(async () => {
    s = await core.call('stats.tables', { year: YEAR, scopeOrgId: county.id, compareYear: BEFORE });
  });

  it('counts units below by grade, cell by cell, with row and column totals', () => {
    const t = table(s, 'unitGrade');
    expect(s.unit.id).toBe(county.id);
    expect(s.branches).toBe(rows.length);
    const expected = countBy(rows, unitOf, (r) => r.grade ?? 'none');
    const expectedBefore = countBy(before, unitOf, (r) => r.grade ?? 'none');
    expect(new Set(t.rows.map((r) => r.orgId))).toEqual(new Set(expected.keys()));
    for (const row of t.rows) {
      for (const g of ['advanced', 'middle', 'lagging']) {
        expect(row.values[col(t, g)], `${row.label} ${g}`).toBe(expected.get(row.orgId!)?.get(g) ?? 0);
        expect(row.previous![col(t, g)], `${row.label} ${g} 上年`).toBe(expectedBefore.get(row.orgId!)?.get(g) ?? 0);
      }
      expect(row.values[col(t, 'total')]).toBe([...(expected.get(row.orgId!)?.values() ?? [])].reduce((a, b) => a + b, 0));
    }
    // 合计: each column the sum of its rows, and the whole the number of ledger rows.
    t.columns.forEach((_, i) => expect(t.total!.values[i]).toBe(t.rows.reduce((n, r) => n + r.values[i]!, 0)));
    expect(t.total!.values[col(t, 'total')]).toBe(rows.length);
    expect(t.total!.previous![col(t, 'lagging')]).toBe(before.filter((r) => r.grade === 'lagging').length);
    // The edits of last year make a difference somewhere, and it is this year's less last year's.
    const lag = col(t, 'lagging');
    expect(t.total!.values[lag]! - t.total!.previous![lag]!).not.toBe(0);
    expect(changeOf(t.columns[lag]!, t.total!.values[lag]!, t.total!.previous![lag])).toBe(rows.filter((r) => r.grade === 'lagging').length - before.filter((r) => r.grade === 'lagging').length);
  });

  it('counts fields by grade', async () => {
    const t = table(s, 'fieldGrade');
    const expected = countBy(rows, (r) => r.field ?? '—', (r) => r.grade ?? 'none');
    const fields = await core.call('dict.list', { dict: 'field' });
    expect(t.rows.map((r) => r.key)).toEqual(fields.map((f) => f.code));
    for (const row of t.rows) {
      for (const g of ['advanced', 'middle', 'lagging']) expect(row.values[col(t, g)], `${row.label} ${g}`).toBe(expected.get(row.key)?.get(g) ?? 0);
    }
    t.columns.forEach((_, i) => expect(t.total!.values[i]).toBe(t.rows.reduce((n, r) => n + r.values[i]!, 0)));
  });

  it('gives standardised, reaching and named shares per unit from the ledger rows', () => {
    const t = table(s, 'shares');
    const reached = new Set(['township_rated', 'county_accepted', 'city_assessed']);
    for (const row of [...t.rows, t.total!]) {
      const mine = row === t.total ? rows : rows.filter((r) => unitOf(r) === row.orgId);
      const [branches, std, stdShare, reach, , named, namedShare] = row.values;
      expect(branches).toBe(mine.length);
      expect(std).toBe(mine.filter((r) => r.standardised).length);
      expect(reach).toBe(mine.filter((r) => reached.has(r.strongestStatus ?? '')).length);
      expect(named).toBe(mine.filter((r) => r.strongestStatus === 'city_assessed').length);
      expect(stdShare).toBe(Math.round((std! / branches!) * 1000) / 10);
      expect(namedShare).toBe(Math.round((named! / branches!) * 1000) / 10);
      const mineBefore = row === t.total ? before : before.filter((r) => unitOf(r) === row.orgId);
      expect(row.previous![1]).toBe(mineBefore.filter((r) => r.standardised).length);
    }
  });

  it('counts lagging branches a leader guides as the ledger and the liaison rules do', async () => {
    const t = table(s, 'liaison');
    const lagging = rows.filter((r) => r.grade === 'lagging' && (r.closedOn === null || r.closedOn > s.asOf));
    for (const row of t.rows) {
      const mine = lagging.filter((r) => unitOf(r) === row.orgId);
      expect(row.values.slice(0, 3), row.label).toEqual([mine.length, mine.filter((r) => r.liaisonLeaders).length, mine.filter((r) => !r.liaisonLeaders).length]);
    }
    expect(t.total!.values[0]).toBe(lagging.length);
    const rules = await core.call('liaison.rules', { year: YEAR, scopeOrgId: county.id });
    const unguided = rules.outcomes.find((o) => o.rule === 'laggingHasLeader')!.violations.length;
    expect(t.total!.values[col(t, 'uncovered')]).toBe(unguided);
    expect(t.total!.values[col(t, 'covered')]).toBeGreaterThan(0);
    // A unit without lagging branches has no coverage to speak of: null (—), not 0 %.
    for (const row of t.rows.filter((r) => r.values[0] === 0)) expect(row.values[col(t, 'coverage')]).toBeNull();
  });

  it('counts projects by progress from the listed projects', async () => {
    const t = table(s, 'projects');
    const listed = (await core.call('records.list', { table: 'project', year: YEAR, scopeOrgId: county.id })).rows;
    const unitOfOrg = new Map(rows.map((r) => [r.orgId, unitOf(r)]));
    const expected = countBy(listed, (p) => unitOfOrg.get(Number(p.values.orgId)) ?? -1, (p) => String(p.values.progress ?? '—'));
    expect(expected.has(-1)).toBe(false);
    for (const row of t.rows) {
      for (const c of t.columns.filter((k) => !k.aside)) expect(row.values[col(t, c.key)], `${row.label} ${c.label}`).toBe(expected.get(row.orgId!)?.get(c.key) ?? 0);
    }
    expect(t.total!.values[col(t, 'total')]).toBe(listed.length);
    // No projects were made for last year: the comparison is with nothing.
    expect(t.total!.previous![col(t, 'total')]).toBe(0);
  });

  it('counts problems by state and overdue as the closure rates do', async () => {
    const t = table(s, 'problems');
    const closure = await core.call('problems.closure', { year: YEAR, unitOrgId: county.id });
    expect(closure.total.total).toBeGreaterThan(0);
    for (const u of closure.units.filter((x) => x.total > 0 && !x.own)) {
      const row = rowFor(t, u.orgId)!;
      expect(row.values.slice(0, 7), u.name).toEqual([u.open, u.claimed, u.rectifying, u.cleared, u.total, u.overdue, u.rate === null ? null : Math.round(u.rate * 1000) / 10]);
    }
    // Last year had no problems: no closure rate (—), not 0 %.
    expect(t.total!.previous![col(t, 'total')]).toBe(0);
    expect(t.total!.previous![col(t, 'rate')]).toBeNull();
    expect(changeOf(t.columns[col(t, 'rate')]!, t.total!.values[col(t, 'rate')], t.total!.previous![col(t, 'rate')])).toBeNull();
    expect(t.total!.values.slice(0, 6)).toEqual([closure.total.open, closure.total.claimed, closure.total.rectifying, closure.total.cleared, closure.total.total, closure.total.overdue]);
  });

  it('counts the returns of the units directly below by state, and says so when there are none', async () => {
    const t = table(s, 'returns');
    expect(t.empty).toBeNull();
    const ledger = t.rows.find((r) => r.key === 'branch-ledger')!;
    expect(ledger.label).toContain('党支部分类台账');
    expect(ledger.values[col(t, 'sent')]).toBe(2);
    expect(ledger.values[col(t, 'returned')]).toBe(1);
    expect(ledger.values[col(t, 'total')]).toBe(3);
    expect(ledger.previous![col(t, 'total')]).toBe(0);
    expect(t.rows.find((r) => r.key === 'projects')!.previous![col(t, 'sent')]).toBe(1);
    const town = (await core.call('org.children', { parentId: county.id, counts: false })).nodes.find((n) => n.level === 'township')!;
    const none = table(await core.call('stats.tables', { year: YEAR, scopeOrgId: town.id }), 'returns');
    expect(none.rows).toEqual([]);
    expect(none.empty).toBe('暂无下发记录');
  });

  it('without a comparison carries no last year', async () => {
    const plain = await core.call('stats.tables', { year: YEAR, scopeOrgId: county.id });
    expect(plain.compareYear).toBeNull();
    expect(plain.tables.every((t) => t.rows.every((r) => r.previous === null))).toBe(true);
    expect(table(plain, 'unitGrade').rows.map((r) => r.values)).toEqual(table(s, 'unitGrade').rows.map((r) => r.values));
    // Without a year: the ledger's latest, for the department's unit.
    const latest = await core.call('stats.tables', {});
    expect(latest.year).toBe(YEAR);
    expect(latest.unit.id).toBe((await core.call('setup.status', {})).unit!.id);
  });
});

describe('stats.tables refuses bad arguments in Chinese', () => {
  it.each([
    [{ year: YEAR, scopeOrgId: 999_999 }, '找不到编号为 999999 的党组织'],
    [{ year: 2019 }, '统计年度 2019 年没有台账数据（有台账的年度：2026 年、2025 年）'],
    [{ year: YEAR, compareYear: 2019 }, '对比年度 2019 年没有台账数据'],
    [{ year: YEAR, compareYear: YEAR }, '对比年度不能与统计年度相同'],
  ])('%j', async (args, message) => {
    await expect(core.call('stats.tables', args)).rejects.toThrow(message);
  });

  it('refuses a branch as the unit', async () => {
    await expect(core.call('stats.tables', { year: YEAR, scopeOrgId: rows[0]!.orgId })).rejects.toThrow(`“${rows[0]!.name}”是党支部`);
  });
});

describe('stats.export and stats.saveImage', () => {
  it('writes each table to a sheet in the official style, the numbers those of stats.tables, and LibreOffice prints it', async () => {
    const s = await core.call('stats.tables', { year: YEAR, scopeOrgId: county.id, compareYear: BEFORE });
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '统计分析.xlsx' });
    const r = await core.call('stats.export', { year: YEAR, scopeOrgId: county.id, compareYear: BEFORE, path: file! });
    expect(r.sheets).toHaveLength(7);
    const wb = inspectXlsx(r.file, 200);
    expect(wb.sheets.map((x) => x.name)).toEqual(r.sheets);
    s.tables.forEach((t, i) => {
      const sheet = wb.sheets[i]!;
      expect(sheet.orientation, sheet.name).toBe('landscape');
      expect(sheet.paperSize).toBe(9);
      expect(sheet.fitToPage && sheet.fitToWidth === 1).toBe(true);
      expect(sheet.footer).toContain('&P');
      expect(sheet.rows[0]![0]).toBe(`${s.unit.place}${YEAR}年${t.title}`);
      expect(String(sheet.rows[1]![0])).toContain(`统计单位：${county.name}`);
      expect(Object.values(sheet.fonts).some((f) => f.name === '仿宋_GB2312')).toBe(true);
      const body = sheet.rows.filter((row) => typeof row[0] === 'string' && [...t.rows, ...(t.total ? [t.total] : [])].some((x) => x.label === row[0]));
      if (t.empty) {
        expect(sheet.rows.flat()).toContain(t.empty);
        return;
      }
      expect(body.map((row) => row[0])).toEqual([...t.rows.map((x) => x.label), '合计']);
      [...t.rows, t.total!].forEach((x, j) => {
        // 本年 and 较上年 side by side for every column.
        const written = body[j]!.slice(1);
        // A share with nothing to divide by, and a difference with it, are printed —.
        expect(written.filter((_, k) => k % 2 === 0), `${sheet.name} ${x.label}`).toEqual(x.values.map((v) => v ?? '—'));
        expect(written.filter((_, k) => k % 2 === 1), `${sheet.name} ${x.label} 较上年`).toEqual(x.values.map((v, k) => changeOf(t.columns[k]!, v, x.previous![k]) ?? '—'));
      });
    });
    const pdf = soffice(r.file, 'pdf', path.join(dir, 'pdf'));
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(7);
  }, 240_000);

  it('saves a PNG to the chosen file and refuses what is not one', async () => {
    // A 1 × 1 PNG.
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '宁城县2026年各苏木乡镇（街道）党支部分类等次.png' });
    await expect(core.call('stats.saveImage', { path: file!, data: Buffer.from('not a png').toString('base64') })).rejects.toThrow('不是 PNG 图片');
    expect(fs.existsSync(file!)).toBe(false);
    const r = await core.call('stats.saveImage', { path: file!, data: `data:image/png;base64,${png}` });
    expect(fs.readFileSync(r.file).equals(Buffer.from(png, 'base64'))).toBe(true);
    expect(r.fileName).toBe('宁城县2026年各苏木乡镇（街道）党支部分类等次.png');
    await expect(core.call('stats.saveImage', { path: path.join(dir, 'elsewhere.png'), data: png })).rejects.toThrow('没有选择过这个保存位置');
  });
});
