/**
 * 党支部综合排名 and the 提醒谈话 list on a real database: the score made of settings, the
 * bottom share, and "two years running" across a year boundary, down to the printed file.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore } from '../helpers/core.ts';

let core: Core;
let township: { id: number; name: string };
let branches: { orgId: number; name: string }[];

/** Gives each branch of the township a township-stage score in a year (replacing what the seed put there). */
function scores(year: number, byIndex: number[]): void {
  const { sqlite } = core.conn;
  const del = sqlite.prepare("DELETE FROM evaluation WHERE org_id = ? AND year = ? AND stage = 'township'");
  const ins = sqlite.prepare("INSERT INTO evaluation (uid, year, org_id, stage, score, result, created_at, updated_at) VALUES (?, ?, ?, 'township', ?, 'pass', '2026-01-01', '2026-01-01')");
  branches.forEach((b, i) => {
    del.run(b.orgId, year);
    ins.run(`t-${year}-${b.orgId}`, year, b.orgId, byIndex[i]);
  });
}

beforeAll(async () => {
  ({ core } = await seededCore('small'));
  const tree = await core.call('org.children', { parentId: null });
  const county = (await core.call('org.children', { parentId: tree.nodes[0]!.id })).nodes.find((n) => n.level === 'county')!;
  const townships = (await core.call('org.children', { parentId: county.id })).nodes.filter((n) => n.level === 'township');
  township = townships.find((t) => t.childCount >= 10)!;
  await core.call('ledger.copyYear', { from: 2026, to: 2025 });
  await core.call('ledger.copyYear', { from: 2026, to: 2024 });
  // Only the four-evaluation score counts here, so the ranks follow from the scores below alone.
  await core.call('ranking.saveSettings', { weights: { checklist: 0, evaluation: 100, problems: 0 }, bottomShare: 0.1 });
  branches = (await core.call('ranking.list', { year: 2026, scopeOrgId: township.id })).rows.map((r) => ({ orgId: r.orgId, name: r.name }));
  const n = branches.length;
  // Branch 0: low in 2025 and 2026. Branch 1: low only in 2026. Branch 2: low in 2024 and 2026, not 2025.
  const base = (year: number, low: number[]) => branches.map((_, i) => (low.includes(i) ? 50 + i : 90 - (i % 7)));
  scores(2024, base(2024, [2]));
  scores(2025, base(2025, [0]));
  scores(2026, base(2026, [0, 1, 2]));
  expect(n).toBeGreaterThanOrEqual(10);
});

afterAll(async () => core?.close());

describe('ranking the branches of a unit', () => {
  it('ranks by the score its settings make, and marks the bottom share', async () => {
    const r = await core.call('ranking.list', { year: 2026, scopeOrgId: township.id });
    expect(r.total).toBe(branches.length);
    expect(r.bottomCount).toBe(Math.max(1, Math.floor(branches.length * 0.1 + 0.5)));
    const scoresInOrder = r.rows.map((x) => x.score);
    expect(scoresInOrder).toEqual([...scoresInOrder].sort((a, b) => b - a));
    const bottom = r.rows.filter((x) => x.bottom).map((x) => x.name);
    // The three low scores are 52, 51 and 50 (branches 2, 1, 0): the bottom are the lowest `bottomCount` of them.
    expect(bottom).toEqual([branches[2]!.name, branches[1]!.name, branches[0]!.name].slice(3 - r.bottomCount));
    expect(r.rows.at(-1)!.name).toBe(branches[0]!.name);
    expect(r.rows.at(-1)!.rank).toBe(branches.length);
    expect(r.rule).toContain('10%');
  });

  it('lists the secretaries whose branch was near the bottom two years running, across the year boundary', async () => {
    // Make the bottom wide enough to hold all three low branches in 2026.
    await core.call('ranking.saveSettings', { weights: { checklist: 0, evaluation: 100, problems: 0 }, bottomShare: 3 / branches.length + 0.001 });
    const y2026 = await core.call('ranking.reminders', { year: 2026, scopeOrgId: township.id });
    expect(y2026.rows.map((r) => r.name)).toEqual([branches[0]!.name]);
    expect(y2026.rows[0]).toMatchObject({ score: 50, previousScore: 50, rank: branches.length, total: branches.length, previousTotal: branches.length });
    // 2025 against 2024, the bottom one branch: branch 0 was the lowest only in 2025, branch 2 only in 2024.
    await core.call('ranking.saveSettings', { weights: { checklist: 0, evaluation: 100, problems: 0 }, bottomShare: 1 / branches.length });
    expect((await core.call('ranking.list', { year: 2024, scopeOrgId: township.id })).rows.filter((r) => r.bottom).map((r) => r.name)).toEqual([branches[2]!.name]);
    const y2025 = await core.call('ranking.reminders', { year: 2025, scopeOrgId: township.id });
    expect(y2025.rows).toEqual([]);
  });

  it('names last year\'s secretary where the branch has a new one', async () => {
    const { sqlite } = core.conn;
    sqlite.prepare('UPDATE branch_ledger SET secretary = ? WHERE org_id = ? AND year = 2025').run('王前任', branches[0]!.orgId);
    sqlite.prepare('UPDATE branch_ledger SET secretary = ? WHERE org_id = ? AND year = 2026').run('李现任', branches[0]!.orgId);
    const r = await core.call('ranking.reminders', { year: 2026, scopeOrgId: township.id });
    expect(r.rows[0]).toMatchObject({ secretary: '李现任', previousSecretary: '王前任' });
  });

  it('prints the reminder list in the official style with the figures behind it', async () => {
    await core.call('ranking.saveSettings', { weights: { checklist: 0, evaluation: 100, problems: 0 }, bottomShare: 3 / branches.length + 0.001 });
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '提醒谈话名单.xlsx' });
    await core.call('export.run', { templateId: 'reminder-talks', scope: { year: 2026, scopeOrgId: township.id }, path: file! });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file!);
    const text = wb.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    expect(text).toContain(`${township.name.replace(/党委$/, '')}2026年党支部书记提醒谈话名单`);
    expect(text).toContain(branches[0]!.name);
    expect(text).toContain('李现任');
    expect(text).toContain('王前任');
    expect(text).toContain(`${branches.length}/${branches.length}`);
  });

  it('refuses a branch as the unit, and weights that are all zero, in Chinese', async () => {
    await expect(core.call('ranking.list', { year: 2026, scopeOrgId: branches[0]!.orgId })).rejects.toThrow(/是党支部，请选择/);
    await expect(core.call('ranking.saveSettings', { weights: { checklist: 0, evaluation: 0, problems: 0 }, bottomShare: 0.1 })).rejects.toThrow(/不能都为 0/);
  });

  it('keeps each change of the rule in the settings history', async () => {
    const before = await core.call('ranking.settings', {});
    await core.call('ranking.saveSettings', { ...before, bottomShare: 0.2 });
    const row = core.conn.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'setting' AND row_uid = 'ranking.settings'").get() as { n: number };
    expect(row.n).toBeGreaterThanOrEqual(2);
  });
});
