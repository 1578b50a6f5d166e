/**
 * Consolidation (汇总上报) on a real database: every 合计 is the sum of its rows and every figure the
 * sum of the rows its trace lists; a unit that returned nothing is filled from our data and says
 * so; a report up is recorded, and after a corrected return is accepted the next run lists exactly
 * the figures that changed; the file read back by openpyxl holds the figures of the JSON, and
 * LibreOffice prints it; the CLI writes it and refuses bad input in Chinese with exit 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { moveReturn, type ReturnKey } from '../../electron/core/repos/reportReturns.ts';
import { consolidationTemplateIds, type Consolidation } from '../../shared/domain/consolidate.ts';
import type { ReturnState } from '../../shared/domain/reportReturns.ts';
import { cli } from '../helpers/cli.ts';
import { fixedNow, seededCore } from '../helpers/core.ts';
import { bannerOf } from '../helpers/exports.ts';
import { inspectXlsx, pdfPages, soffice } from '../helpers/office.ts';

describe('consolidation', () => {
  let core: Core;
  let dir: string;
  let dbPath: string;
  let banner: number;
  let closed = false;

  beforeAll(async () => {
    ({ core, dir, dbPath } = await seededCore('small', 1));
    banner = await bannerOf(core);
  }, 120_000);
  afterAll(async () => {
    if (!closed) await core.close();
  });

  /** Moves a unit's return through these states, as the returns board would, inside one write. */
  function move(key: ReturnKey, ...states: ReturnState[]): void {
    core.conn.writeTransaction(() => {
      for (const to of states) {
        moveReturn(core.conn.sqlite, key, {
          to, actor: '测试', at: fixedNow.toISOString(), ...(to === 'returned' ? { fileName: `${to}.xlsx`, fileHash: 'h' } : {}),
          ...(to === 'reviewed' || to === 'sent_back' ? { reason: '更正' } : {}),
        });
      }
    })();
  }

  const run = (templateId: string): Promise<Consolidation> => core.call('consolidate.run', { templateId, year: 2026, unitId: banner });

  it('totals every column as the sum of its rows, and every figure is the sum of the rows its trace lists', async () => {
    for (const templateId of consolidationTemplateIds) {
      const c = await run(templateId);
      expect(c.rows.length, templateId).toBeGreaterThan(5);
      for (const col of c.columns) {
        if (col.type === 'integer') expect(c.totals[col.field], `${templateId} ${col.field}`).toBe(c.rows.reduce((s, r) => s + (r.values[col.field] ?? 0), 0));
      }
      // Traced: the first rows with figures, and 合计 (the unit itself).
      const rows = [...c.rows.filter((r) => (Object.values(r.values)[0] ?? 0) > 0).slice(0, 2).map((r) => ({ id: r.unitId, values: r.values })), { id: banner, values: c.totals }];
      for (const row of rows) {
        for (const col of c.columns) {
          const trace = await core.call('consolidate.trace', { templateId, year: 2026, unitId: banner, rowUnitId: row.id, field: col.field });
          expect(trace.figure, `${templateId} ${row.id} ${col.field}`).toBe(row.values[col.field]);
          if (col.type === 'percent') {
            const of = trace.items.filter((i) => i.inNumerator).length;
            expect(trace.items.length ? of / trace.items.length : null, `${templateId} ${col.field}`).toBeCloseTo(row.values[col.field] ?? Number.NaN, 12);
          } else {
            expect(trace.items.reduce((s, i) => s + i.value, 0), `${templateId} ${row.id} ${col.field}`).toBe(row.values[col.field]);
          }
          for (const i of trace.items) expect(i.name.length + i.detail.length).toBeGreaterThan(0);
        }
      }
    }
  }, 120_000);

  it('makes the 党组织基本情况统计表 with the figures the ordinary export writes', async () => {
    const c = await run('org-summary');
    const t = (await core.call('templates.list', {})).find((x) => x.id === 'org-summary')!;
    const preview = await core.call('export.preview', { templateId: 'org-summary', scope: { year: 2026, scopeOrgId: banner }, choices: t.choices });
    expect(preview.rows).toHaveLength(c.rows.length);
    preview.rows.forEach((cells, k) => {
      preview.columns.forEach((col, i) => {
        const v = c.rows[k]!.values[col.field];
        if (col.field === 'unit') expect(cells[i]).toBe(c.rows[k]!.unitName);
        else if (col.type === 'integer') expect(cells[i], col.field).toBe(String(v));
        else if (col.type === 'percent') expect(cells[i], col.field).toBe(v === null ? '' : `${((v ?? 0) * 100).toFixed(1)}%`);
      });
    });
  });

  it('counts the three shares the reports quote as 统计分析 counts them (one definition of each)', async () => {
    const c = await run('key-shares');
    const shares = (await core.call('stats.tables', { year: 2026, scopeOrgId: banner })).tables.find((t) => t.id === 'shares')!;
    const col = (key: string) => shares.columns.findIndex((x) => x.key === key);
    const reachedSomewhere = c.rows.some((r) => Number(r.values.standardMet) > 0);
    expect(reachedSomewhere).toBe(true);
    for (const row of c.rows) {
      const s = shares.rows.find((r) => r.orgId === row.unitId)!;
      expect([row.values.branches, row.values.standardised, row.values.standardMet, row.values.strongestNamed], row.unitName).toEqual([
        s.values[col('branches')],
        s.values[col('standardised')],
        s.values[col('reached')],
        s.values[col('named')],
      ]);
    }
  });

  it('fills a unit that returned nothing from our data and says so; a return not yet accepted is counted and flagged', async () => {
    const before = await run('org-summary');
    const [first, second] = before.rows;
    expect(before.rows.every((r) => r.source.status === 'own')).toBe(true);
    expect(first!.source).toMatchObject({ label: '本级数据', returns: [], own: expect.arrayContaining(['党支部分类台账', '党建工作联系点台账']) });
    expect(before.notes.at(-1)).toContain(`${first!.unitName}、${second!.unitName}`);
    expect(before.notes.at(-1)).toContain('未报送，按本级掌握的数据填列');

    move({ templateId: 'branch-ledger', period: '2026', unitOrgId: second!.unitId }, 'sent', 'returned');
    const after = await run('org-summary');
    const flagged = after.rows.find((r) => r.unitId === second!.unitId)!;
    expect(flagged.source).toMatchObject({ status: 'pending', label: '待审核', returns: [expect.objectContaining({ templateId: 'branch-ledger', state: 'returned', round: 1, fileName: 'returned.xlsx', acceptedAt: null })] });
    // Its figures are in (the import wrote them into our data), flagged in the note.
    expect(flagged.values).toEqual(second!.values);
    expect(after.notes.at(-1)).toContain(`${second!.unitName}的报送表待审核，其数据已计入`);
    move({ templateId: 'branch-ledger', period: '2026', unitOrgId: second!.unitId }, 'sent_back');
    expect((await run('org-summary')).rows.find((r) => r.unitId === second!.unitId)!.source).toMatchObject({ status: 'sentBack', label: '退回修改中' });
    // The trace of a figure names the return behind it.
    const trace = await core.call('consolidate.trace', { templateId: 'org-summary', year: 2026, unitId: banner, rowUnitId: second!.unitId, field: 'advanced' });
    expect(trace.returns).toEqual([expect.objectContaining({ templateId: 'branch-ledger', state: 'sent_back', unitName: second!.unitName })]);
    expect(trace.items.every((i) => i.detail === '等次：先进')).toBe(true);
  });

  it('records the report up, and after a corrected return is accepted shows exactly the figures that changed', async () => {
    const third = (await run('org-summary')).rows[2]!;
    const key = { templateId: 'branch-ledger', period: '2026', unitOrgId: third.unitId };
    move(key, 'sent', 'returned', 'reviewed', 'accepted');
    const { path: out } = await core.call('shell.chooseSaveFile', { suggestedName: '基本情况统计表.xlsx' });
    const reported = await core.call('consolidate.export', { templateId: 'org-summary', year: 2026, unitId: banner, path: out! });
    expect(reported.consolidation.changes).toEqual([]);
    expect(reported.consolidation.rows.find((r) => r.unitId === third.unitId)!.source).toMatchObject({ status: 'accepted', returns: [expect.objectContaining({ round: 1, acceptedAt: fixedNow.toISOString() })] });
    const stored = core.conn.sqlite.prepare('SELECT * FROM consolidation_report WHERE id = ?').get(reported.reportId) as Record<string, string>;
    expect(stored).toMatchObject({ template_id: 'org-summary', period: '2026', scope_org_id: banner, file_name: '基本情况统计表.xlsx', actor: '测试', file_hash: reported.fileHash });
    expect(JSON.parse(stored.figures_json!).totals).toEqual(reported.consolidation.totals);
    const again = await run('org-summary');
    expect(again.lastReport).toMatchObject({ id: reported.reportId, fileName: '基本情况统计表.xlsx' });
    expect(again.changes).toEqual([]);

    // The unit corrects a branch's grade: reopened with a reason, the corrected file imported (the ledger edited as an import would), accepted again.
    move(key, 'reviewed', 'returned');
    const branch = (await core.call('ledger.list', { year: 2026, scopeOrgId: third.unitId, filter: { grade: ['advanced'] } })).rows[0]!;
    await core.call('ledger.edit', { changes: [{ id: branch.id, field: 'grade', value: 'lagging' }], source: 'typed' });
    move(key, 'reviewed', 'accepted');
    const now = await run('org-summary');
    const row = now.rows.find((r) => r.unitId === third.unitId)!;
    expect(row.source.returns[0]).toMatchObject({ state: 'accepted', round: 2 });
    const was = (field: string) => third.values[field]!;
    expect(now.changes).toEqual([
      { unitId: third.unitId, unitName: third.unitName, field: 'advanced', column: '分类等次（个）·先进', reported: was('advanced'), now: was('advanced') - 1, difference: -1 },
      { unitId: third.unitId, unitName: third.unitName, field: 'lagging', column: '分类等次（个）·后进', reported: was('lagging'), now: was('lagging') + 1, difference: 1 },
      { unitId: null, unitName: '合计', field: 'advanced', column: '分类等次（个）·先进', reported: reported.consolidation.totals.advanced, now: reported.consolidation.totals.advanced! - 1, difference: -1 },
      { unitId: null, unitName: '合计', field: 'lagging', column: '分类等次（个）·后进', reported: reported.consolidation.totals.lagging, now: reported.consolidation.totals.lagging! + 1, difference: 1 },
    ]);

    // Reopened after its file came in and accepted again: the file is no longer all that stands behind the figures, and the source says so.
    const later = new Date(fixedNow.getTime() + 60_000).toISOString();
    core.conn.writeTransaction(() => {
      moveReturn(core.conn.sqlite, key, { to: 'reviewed', actor: '测试', at: later, reason: '更正党员人数' });
      moveReturn(core.conn.sqlite, key, { to: 'accepted', actor: '测试', at: later });
    })();
    const reopened = (await run('org-summary')).rows.find((r) => r.unitId === third.unitId)!;
    expect(reopened.source.returns[0]).toMatchObject({ state: 'accepted', round: 2, reopenedAt: later });
    expect(row.source.returns[0]!.reopenedAt).toBeNull();
  });

  it('writes the official file: openpyxl reads the JSON’s figures, 合计 as formulas, the notes under it; LibreOffice prints it', async () => {
    for (const templateId of ['key-shares', 'liaison-summary'] as const) {
      const { path: out } = await core.call('shell.chooseSaveFile', { suggestedName: `${templateId}.xlsx` });
      const r = await core.call('consolidate.export', { templateId, year: 2026, unitId: banner, path: out! });
      const c = r.consolidation;
      const s = inspectXlsx(r.file, 80).sheets[0]!;
      expect(s.rows[1]![0]).toBe(c.title);
      const header = c.columns.length + 2;
      const first = s.rows.findIndex((row) => row[0] === 1);
      c.rows.forEach((row, k) => {
        const cells = s.rows[first + k]!;
        expect(cells.slice(0, 2)).toEqual([k + 1, row.unitName]);
        c.columns.forEach((col, i) => {
          const v = row.values[col.field];
          if (v === null) expect(cells[i + 2]).toBeNull();
          else expect(cells[i + 2] as number, `${templateId} ${row.unitName} ${col.field}`).toBeCloseTo(v!, 12);
        });
      });
      const totals = s.rows[first + c.rows.length]!;
      expect(totals[0]).toBe('合计');
      expect(totals.slice(0, header).some((v) => typeof v === 'string' && v.startsWith('=SUM('))).toBe(true);
      const notes = s.rows.slice(first + c.rows.length + 1).map((row) => row[0]).filter((v): v is string => typeof v === 'string');
      expect(notes).toEqual(expect.arrayContaining(c.notes));
      const pdf = soffice(r.file, 'pdf', path.join(dir, 'pdf'));
      expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    }
  }, 240_000);

  it('runs from the CLI: the file, and the figures, sources and changes as JSON; Chinese refusals with exit 1', async () => {
    // The CLI is another process on the same file: this one lets go of it first.
    await core.close();
    closed = true;
    const out = path.join(dir, '汇总-cli.xlsx');
    const r = await cli('consolidate', '--db', dbPath, '--template', 'org-summary', '--year', '2026', '--unit', '150425', '--out', out, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { figures: Consolidation; report: { file: string; fileHash: string } };
    expect(fs.existsSync(out)).toBe(true);
    expect(report.report.file).toBe(out);
    expect(report.figures.rows.length).toBeGreaterThan(5);
    expect(report.figures.rows[0]!.source).toMatchObject({ status: 'own' });
    // Reported before by the test above: the CLI compares with that and lists the grade changed since.
    expect(report.figures.changes.map((c) => c.field)).toEqual(['advanced', 'lagging', 'advanced', 'lagging']);
    const text = await cli('consolidate', '--db', dbPath, '--template', 'org-summary', '--year', '2026', '--unit', '150425', '--out', out);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('与上次上报');
    const unknownTemplate = await cli('consolidate', '--db', dbPath, '--template', 'no-such', '--year', '2026', '--out', out);
    expect(unknownTemplate).toMatchObject({ code: 1, stderr: expect.stringContaining('没有编号为“no-such”的报表模板') });
    const notSummary = await cli('consolidate', '--db', dbPath, '--template', 'branch-ledger', '--year', '2026', '--out', out);
    expect(notSummary).toMatchObject({ code: 1, stderr: expect.stringContaining('不是汇总表') });
    const unknownUnit = await cli('consolidate', '--db', dbPath, '--template', 'org-summary', '--year', '2026', '--unit', '999999', '--out', out);
    expect(unknownUnit).toMatchObject({ code: 1, stderr: expect.stringContaining('没有单位代码为“999999”的党组织') });
    expect(unknownUnit.stderr).not.toMatch(/at .*\.ts/);
  }, 120_000);
});
