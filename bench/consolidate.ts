/**
 * Issue 16: consolidating a banner of 130 townships of ~60 branches each (汇总上报), every
 * township's return accepted: consolidate.run (figures, sources, comparison with the last report)
 * and consolidate.export (the file written and recorded), for the 党组织基本情况统计表, beside the
 * floor measured in the same run: the raw SQL aggregate of the same figures per township, and the
 * same figures written as a sheet with plain ExcelJS. The league seed is reshaped so that one
 * banner holds 130 townships and all 8,000 branches (its records move with their branches).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from '../electron/core/excel/exceljs.ts';
import { createCore } from '../electron/core/createCore.ts';
import { moveReturn } from '../electron/core/repos/reportReturns.ts';
import { buildSeed, writeSeed } from '../electron/core/services/seed/index.ts';
import { median, ms, print } from './figures.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-bench-consolidate-'));
const now = new Date('2026-03-15T02:00:00Z');
const iso = now.toISOString();
const TOWNSHIPS = 130;

const data = buildSeed({ size: 'league', seed: 1, year: 2026, now: iso });
// One banner takes 130 units; the branches of every other unit move under them in turn.
const banner = data.orgs.find((o) => o.depth === 1)!;
const units = data.orgs.filter((o) => o.depth === 2);
const chosen = units.slice(0, TOWNSHIPS);
const others = units.slice(TOWNSHIPS);
const otherBanner = data.orgs.find((o) => o.depth === 1 && o.id !== banner.id)!;
for (const u of chosen) u.parent_id = banner.id;
for (const u of others) if (u.parent_id === banner.id) u.parent_id = otherBanner.id;
const moved = new Map(others.map((u, i) => [u.id, chosen[i % chosen.length]!.id]));
for (const o of data.orgs) if (o.depth === 3 && moved.has(o.parent_id!)) o.parent_id = moved.get(o.parent_id!)!;
const byId = new Map(data.orgs.map((o) => [o.id, o]));
for (const o of [...data.orgs].sort((a, b) => a.depth - b.depth)) o.path = `${o.parent_id === null ? '/' : byId.get(o.parent_id)!.path}${o.id}/`;

const core = await createCore({ dbPath: path.join(dir, 'banner.db'), now: () => now, actor: 'bench' });
try {
  await writeSeed(core.conn, data, { actor: 'bench', now: iso, seed: 1 });
  const { sqlite } = core.conn;
  // Every township's ledger return accepted, as the returns board leaves them.
  core.conn.writeTransaction(() => {
    for (const u of chosen) {
      for (const to of ['sent', 'returned', 'reviewed', 'accepted'] as const) {
        moveReturn(sqlite, { templateId: 'branch-ledger', period: '2026', unitOrgId: u.id }, { to, actor: 'bench', at: iso, ...(to === 'returned' ? { fileName: `${u.name}.xlsx` } : {}) });
      }
    }
  })();
  const branches = (sqlite.prepare(`SELECT count(*) AS n FROM branch_ledger l JOIN org o ON o.id = l.org_id WHERE l.year = 2026 AND l.deleted_at IS NULL AND o.path >= ? AND o.path < ?`).get(banner.path, `${banner.path}~`) as { n: number }).n;

  const args = { templateId: 'org-summary', year: 2026, unitId: banner.id };
  // The floor: the same per-township figures by one SQL aggregate over the ledger and the records.
  // The township of a row: the path step just below the banner's.
  const township = `CAST(substr(o.path, length(@bp) + 1, instr(substr(o.path, length(@bp) + 1), '/') - 1) AS INTEGER)`;
  const ledger = sqlite.prepare(`
    SELECT ${township} AS unit, count(*) AS branches, coalesce(sum(l.members_formal), 0) AS formal, coalesce(sum(l.members_probationary), 0) AS probationary,
      sum(l.grade = 'advanced') AS advanced, sum(l.grade = 'middle') AS middle, sum(l.grade = 'lagging') AS lagging,
      sum(l.standardised = 1) AS standardised, sum(l.weak_lax = 1) AS weak_lax
    FROM branch_ledger l JOIN org o ON o.id = l.org_id
    WHERE l.year = 2026 AND l.deleted_at IS NULL AND o.path >= @bp AND o.path < @bp || '~' GROUP BY unit`);
  const points = sqlite.prepare(`SELECT ${township} AS unit, count(*) AS n FROM liaison p JOIN org o ON o.id = p.org_id WHERE p.deleted_at IS NULL AND o.path >= @bp AND o.path < @bp || '~' GROUP BY unit`);
  const projects = sqlite.prepare(`SELECT ${township} AS unit, count(*) AS n FROM project j JOIN org o ON o.id = j.org_id WHERE j.deleted_at IS NULL AND j.year = 2026 AND o.path >= @bp AND o.path < @bp || '~' GROUP BY unit`);
  const names = sqlite.prepare('SELECT id, name FROM org WHERE parent_id = ? ORDER BY sort_order');
  const floorRun = () => {
    const p = { bp: banner.path };
    const byUnit = new Map((ledger.all(p) as Record<string, number>[]).map((r) => [r.unit!, r]));
    const pts = new Map((points.all(p) as { unit: number; n: number }[]).map((r) => [r.unit, r.n]));
    const prj = new Map((projects.all(p) as { unit: number; n: number }[]).map((r) => [r.unit, r.n]));
    return (names.all(banner.id) as { id: number; name: string }[]).map((u) => ({ id: u.id, name: u.name, ...byUnit.get(u.id), points: pts.get(u.id) ?? 0, projects: prj.get(u.id) ?? 0 }) as Record<string, number | string>);
  };
  const floorWrite = async (rows: Record<string, number | string>[], file: string) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('基本情况统计表');
    ws.addRow(['序号', '单位', '党支部', '正式党员', '预备党员', '先进', '中间', '后进', '达标', '软弱涣散', '联系点', '领办实事项目']);
    rows.forEach((r, i) => ws.addRow([i + 1, r.name, r.branches, r.formal, r.probationary, r.advanced, r.middle, r.lagging, r.standardised, r.weak_lax, r.points, r.projects]));
    await wb.xlsx.writeFile(file);
  };

  // The floor counts what the consolidation counts: checked once, so the ratio compares like with like.
  const made = await core.call('consolidate.run', args);
  const floor = floorRun();
  const fields = [['branches', 'branches'], ['membersFormal', 'formal'], ['advanced', 'advanced'], ['lagging', 'lagging'], ['standardised', 'standardised'], ['liaisonPoints', 'points'], ['projects', 'projects']] as const;
  const floorOf = new Map(floor.map((r) => [Number(r.id), r]));
  const sameFigures = made.rows.length === floor.length && made.rows.every((r) => fields.every(([ours, theirs]) => r.values[ours] === (floorOf.get(r.unitId)?.[theirs] ?? 0)));
  const runs: number[] = [];
  const exports: number[] = [];
  const floorRuns: number[] = [];
  const floorExports: number[] = [];
  let rows = 0;
  for (let i = 0; i < 7; i++) {
    let t = process.hrtime.bigint();
    rows = (await core.call('consolidate.run', args)).rows.length;
    runs.push(ms(t));
    const file = path.join(dir, `汇总-${i}.xlsx`);
    core.grants.write(file);
    t = process.hrtime.bigint();
    await core.call('consolidate.export', { ...args, path: file });
    exports.push(ms(t));
    t = process.hrtime.bigint();
    floorRun();
    floorRuns.push(ms(t));
    t = process.hrtime.bigint();
    await floorWrite(floorRun(), path.join(dir, `plain-${i}.xlsx`));
    floorExports.push(ms(t));
  }
  const stats = (xs: number[], floor: number[]) => {
    const ratios = xs.map((x, i) => x / floor[i]!);
    return { baseline: median(floor), ratio: median(xs) / median(floor), ratioMin: Math.min(...ratios), ratioMedian: median(ratios), ratioMax: Math.max(...ratios), min: Math.min(...xs), max: Math.max(...xs), runs: xs.length };
  };
  const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
  print({ name: 'consolidate.run.banner130', value: median(runs), unit: 'ms', ...round(stats(runs, floorRuns)), townships: rows, branches, sameFigures, note: 'floor: one SQL aggregate of the same figures' });
  print({ name: 'consolidate.export.banner130', value: median(exports), unit: 'ms', ...round(stats(exports, floorExports)), townships: rows, branches, note: 'run + file + report recorded; floor: SQL aggregate + the same sheet by plain ExcelJS' });
} finally {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
