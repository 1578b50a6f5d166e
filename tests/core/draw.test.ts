/**
 * The city's draw on a real database (the demo banner, seeded): who may be drawn, the draw
 * stored with its seed and audited, the same seed giving the same branches, the population's
 * hash, a stored draw refused without a real witness name, a redraw refused without a reason
 * (or while a drawn branch has a city assessment) and stored as a new record with one, a dry run
 * storing nothing, the derived 抽中 of the evaluation records, the printed record, the CLI.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import ExcelJS from '../../electron/core/excel/exceljs.ts';
import { drawnOrgIds } from '../../electron/core/repos/draw.ts';
import { drawRecordWorkbook } from '../../electron/core/services/draw/print.ts';
import type { DrawResult } from '../../shared/domain/draw.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { cli } from '../helpers/cli.ts';
import { openCore, seededCore } from '../helpers/core.ts';
import { pdfPages, soffice } from '../helpers/office.ts';

let core: Core;
let dir: string;

beforeAll(async () => {
  ({ core, dir } = await seededCore('small'));
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (core.conn.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('not refused');
};

/**
 * The demo league's city assessments of a year made history (as a send-back to the county's stage
 * would): the seed assesses at city level without a draw, and a redraw is refused while a branch
 * the standing draw picked has a standing city assessment.
 */
function setCityAssessmentsAside(sqlite: Core['conn']['sqlite'], year: number): void {
  sqlite.prepare(`UPDATE evaluation SET superseded_at = '2026-03-20T00:00:00.000Z' WHERE year = ? AND stage = 'city' AND superseded_at IS NULL AND deleted_at IS NULL`).run(year);
}

/** The branches whose county acceptance of 2026 passed, straight from the table. */
function countyPassed(): number[] {
  return (core.conn.sqlite.prepare(`SELECT org_id FROM evaluation WHERE year = 2026 AND stage = 'county' AND result = 'pass' AND deleted_at IS NULL AND superseded_at IS NULL ORDER BY org_id`).all() as { org_id: number }[]).map((r) => r.org_id);
}

describe('the draw', () => {
  it('draws from the branches that passed county acceptance, and not from a failed or deleted one', async () => {
    // One branch fails its county acceptance (through the pipeline); one passed record was deleted
    // before the pipeline forbade it (as in an older database).
    const rated = (await core.call('pipeline.board', { year: 2026 })).columns.find((col) => col.status === 'township_rated')!.branches;
    await core.call('pipeline.advance', { orgId: rated[0]!.orgId, year: 2026, to: 'county', result: 'fail', evaluator: '验收专班', evaluatedOn: '2026-03-10' });
    const failed = { values: { orgId: rated[0]!.orgId } };
    const evaluations = (await core.call('records.list', { table: 'evaluation', year: 2026 })).rows.filter((r) => r.values.stage === 'county' && r.values.result === 'pass' && !r.values.supersededAt);
    const deleted = evaluations[0]!;
    core.conn.sqlite.prepare('UPDATE evaluation SET deleted_at = ? WHERE id = ?').run('2026-03-01T00:00:00.000Z', deleted.id);
    const c = await core.call('draw.candidates', { year: 2026 });
    expect(c.population).toBe(countyPassed().length);
    expect(c.population).toBe(evaluations.length - 1);
    expect(c.scopeName).toBe('赤峰市委');
    // The demo banner is one county: one stratum, 10 % of it rounded half up.
    expect(c.strata.map((s) => [s.countyName, s.candidates, s.quota])).toEqual([['克什克腾旗委', c.population, Math.floor(c.population / 10 + 0.5)]]);
    const preview = await core.call('draw.run', { year: 2026, seed: 1, dryRun: true });
    const ids = preview.picked.map((p) => p.orgId);
    expect(ids.every((id) => countyPassed().includes(id))).toBe(true);
    expect(ids).not.toContain(failed!.values.orgId);
    expect(ids).not.toContain(deleted!.values.orgId);
  });

  it('previews without storing anything', async () => {
    const before = [count('evaluation_draw'), count('change_set'), count('audit_log')];
    const r = await core.call('draw.run', { year: 2026, share: 0.1, byField: true, seed: 99, dryRun: true });
    expect(r.stored).toBe(false);
    expect(r.id).toBeNull();
    expect(r.picked.length).toBeGreaterThan(0);
    expect([count('evaluation_draw'), count('change_set'), count('audit_log')]).toEqual(before);
  });

  it('gives the same branches for the same seed, others for another seed', async () => {
    const a = await core.call('draw.run', { year: 2026, seed: 12345, byField: true, dryRun: true });
    const b = await core.call('draw.run', { year: 2026, seed: 12345, byField: true, dryRun: true });
    const c = await core.call('draw.run', { year: 2026, seed: 12346, byField: true, dryRun: true });
    expect(b.picked).toEqual(a.picked);
    expect(c.picked.map((p) => p.uid)).not.toEqual(a.picked.map((p) => p.uid));
  });

  it('stratifies by field: each field of the county draws its own share, at least one', async () => {
    const r = await core.call('draw.run', { year: 2026, seed: 3, byField: true, dryRun: true });
    const fields = new Set(r.strata.map((s) => s.field));
    expect(fields.size).toBe(r.strata.length);
    expect(r.strata.length).toBeGreaterThan(2);
    for (const s of r.strata) {
      expect(s.drawn).toBe(Math.min(s.candidates, Math.max(1, Math.floor(s.candidates / 10 + 0.5))));
      expect(r.picked.filter((p) => p.field === s.field)).toHaveLength(s.drawn);
      expect(s.fieldLabel).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(r.roundingText).toBe('四舍五入，有候选的层至少抽取 1 个');
  });

  it('refuses a stored draw without a real witness name, changing nothing; a preview needs none', async () => {
    const before = [count('evaluation_draw'), count('change_set'), count('audit_log')];
    // Separators alone (as typed in the user trial), an empty list, none at all.
    for (const witnesses of [[' 、 ,'], ['、', '，', ' ;　'], [], undefined]) {
      const e = await refusal(core.call('draw.run', { year: 2026, ...(witnesses ? { witnesses } : {}) }));
      expect(e.code).toBe('INVALID_ARGS');
      expect(e.message).toContain('至少一名监督人');
      expect([count('evaluation_draw'), count('change_set'), count('audit_log')]).toEqual(before);
    }
    expect((await core.call('draw.run', { year: 2026, witnesses: [' 、 ,'], dryRun: true })).stored).toBe(false);
  });

  it('stores a draw with its seed chosen at random, audits it, and refuses to undo it', async () => {
    // Names typed in one box are split as the window splits them.
    const r = await core.call('draw.run', { year: 2026, witnesses: ['张三、李四 ，'] });
    expect(r.stored).toBe(true);
    expect(r.seedGiven).toBe(false);
    expect(r.seed).toBeGreaterThanOrEqual(0);
    expect(r.actor).toBe('测试');
    expect(r.witnesses).toEqual(['张三', '李四']);
    // The stored seed, over the same candidates, gives the same branches.
    const again = await core.call('draw.run', { year: 2026, seed: r.seed, dryRun: true });
    expect(again.picked).toEqual(r.picked);
    expect(again.populationHash).toBe(r.populationHash);
    // Audited as one change set…
    const cs = core.conn.sqlite.prepare(`SELECT c.id, c.summary, c.source, a.entity, a.row_id FROM change_set c JOIN audit_log a ON a.change_set_id = c.id WHERE a.entity = 'evaluation_draw'`).all() as { id: string; summary: string; source: string; row_id: number }[];
    expect(cs).toHaveLength(1);
    expect(cs[0]!.row_id).toBe(r.id);
    expect(cs[0]!.summary).toContain(`随机种子 ${r.seed}`);
    // …that cannot be undone: a draw is not taken back silently.
    const e = await refusal(core.call('changes.undo', { changeSetId: cs[0]!.id }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('抽签一经作出不能撤销');
    expect(count('evaluation_draw')).toBe(1);
    // The evaluation records' derived 抽中 follows the draw.
    const drawn = drawnOrgIds(core.conn.sqlite, 2026);
    expect([...drawn].sort()).toEqual(r.picked.map((p) => p.orgId).sort());
    const rows = (await core.call('records.list', { table: 'evaluation', year: 2026 })).rows;
    const flagged = new Set(rows.filter((x) => x.values.drawn === true).map((x) => x.values.orgId));
    expect([...flagged].sort()).toEqual([...drawn].sort());
  });

  it('refuses a second draw of the year without a reason, changing nothing; with one, stores a new record replacing the first', async () => {
    const first = (await core.call('draw.list', { year: 2026 }))[0]!;
    setCityAssessmentsAside(core.conn.sqlite, 2026);
    const before = [count('evaluation_draw'), count('change_set')];
    const e = await refusal(core.call('draw.run', { year: 2026, seed: 7, witnesses: ['张三'] }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('理由');
    expect(e.message).toContain(`第 ${first.id} 号记录`);
    expect([count('evaluation_draw'), count('change_set')]).toEqual(before);

    const redraw = await core.call('draw.run', { year: 2026, seed: 7, witnesses: ['张三'], reason: '候选名单漏录一个旗县验收结果' });
    expect(redraw.id).not.toBe(first.id);
    expect(redraw.supersedesId).toBe(first.id);
    expect(redraw.reason).toBe('候选名单漏录一个旗县验收结果');
    const list = await core.call('draw.list', { year: 2026 });
    expect(list.map((d) => [d.id, d.supersededById])).toEqual([[redraw.id, null], [first.id, redraw.id]]);
    // The old record is kept as it was; the drawn branches are the new record's.
    expect(list[1]!.picked).toEqual(first.picked);
    expect([...drawnOrgIds(core.conn.sqlite, 2026)].sort()).toEqual(redraw.picked.map((p) => p.orgId).sort());
    // The panel's candidates name the standing draw.
    expect((await core.call('draw.candidates', { year: 2026 })).current?.id).toBe(redraw.id);
  });

  it('refuses a draw of a unit inside one already drawn, and a reason on a first draw', async () => {
    const county = core.conn.sqlite.prepare(`SELECT id FROM org WHERE level = 'county'`).get() as { id: number };
    const e = await refusal(core.call('draw.run', { year: 2026, scopeOrgId: county.id, witnesses: ['张三'], reason: '试试' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('范围重叠');
    const first = await refusal(core.call('draw.run', { year: 2025, witnesses: ['张三'], reason: '无' }));
    expect(first.message).toContain('还没有抽过签');
  });

  it('tells a changed candidate list by its hash', async () => {
    const before = await core.call('draw.candidates', { year: 2026 });
    expect(before.current?.samePopulation).toBe(true);
    // One more branch accepted by the county since the draw.
    const rated = (await core.call('pipeline.board', { year: 2026 })).columns.find((col) => col.status === 'township_rated')!.branches;
    await core.call('pipeline.advance', { orgId: rated[0]!.orgId, year: 2026, to: 'county', result: 'pass', evaluator: '验收专班', evaluatedOn: '2026-03-10' });
    const after = await core.call('draw.candidates', { year: 2026 });
    expect(after.population).toBe(before.population + 1);
    expect(after.populationHash).not.toBe(before.populationHash);
    expect(after.current?.samePopulation).toBe(false);
  });

  it('refuses a year without candidates in Chinese', async () => {
    const e = await refusal(core.call('draw.run', { year: 2020, dryRun: true }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('没有通过旗县验收的党支部');
  });

  it('prints the record: title, seed, rule, strata, drawn branches, signature lines', async () => {
    const d = (await core.call('draw.list', { year: 2026 }))[0]!;
    const file = path.join(dir, '抽签记录.xlsx');
    core.grants.write(file);
    const r = await core.call('draw.print', { drawId: d.id!, path: file });
    expect(r.fileName).toBe('抽签记录.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    const all = texts.join('\n');
    expect(texts[0]).toBe('附件7');
    expect(all).toContain('赤峰市委2026年“最强党支部”市级抽查评估抽签记录');
    const fact = (label: string) => {
      let value: unknown;
      ws.eachRow((row) => {
        if (row.getCell(1).value === label) value = row.getCell(3).value;
      });
      return value;
    };
    expect(fact('随机种子')).toBe(String(d.seed));
    expect(fact('抽取比例')).toBe('10%');
    expect(all).toContain('四舍五入，有候选的层至少抽取 1 个');
    expect(all).toContain(d.populationHash);
    expect(all).toContain('候选名单漏录一个旗县验收结果');
    for (const p of d.picked) expect(texts).toContain(p.name);
    expect(all).toContain('抽签人（签字）');
    expect(all.match(/监督人（签字）/g)?.length).toBeGreaterThanOrEqual(1);
    expect(all).toContain('监督人：张三　　　　监督人（签字）');
    // The 领域 column in the dictionary's words, as the window shows it: never a code such as “village”.
    const labels = new Map((await core.call('dict.list', { dict: 'field' })).map((e) => [e.code, e.label]));
    const printedFields: unknown[] = [];
    ws.eachRow((row) => {
      if (d.picked.some((p) => p.name === row.getCell(4).value)) printedFields.push(row.getCell(5).value);
    });
    expect(printedFields).toEqual(d.picked.map((p) => (p.field === null ? '' : labels.get(p.field))));
    expect(printedFields.some((f) => typeof f === 'string' && /[a-z]/i.test(f))).toBe(false);
    expect(d.picked.some((p) => p.field !== null)).toBe(true);
    // The method in plain words: no algorithm's name a clerk cannot read.
    expect(String(fact('抽取方法'))).toContain('同一种子、同一候选名单必得同一结果');
    expect(all).not.toMatch(/mulberry|Fisher|Yates|SHA/i);
    expect(String(fact('候选名单校验码'))).toContain('候选名单校验码即不同');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    // A path nobody chose is refused.
    const e = await refusal(core.call('draw.print', { drawId: d.id!, path: path.join(dir, 'other.xlsx') }));
    expect(e.code).toBe('INVALID_ARGS');

    // Printed by another program (LibreOffice): A4 portrait, the seed and the signature lines on paper.
    const pdf = soffice(file, 'pdf', path.join(dir, 'pdf'));
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const printed = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(printed).toContain(String(d.seed));
    expect(printed).toContain('监督人（签字）');
    expect(pdfPages(pdf)).toBeLessThanOrEqual(3); // 13 drawn branches of one county: a short record
    expect(printed).not.toMatch(/mulberry|Fisher|SHA-256/);
  }, 120_000);

  it('refuses a redraw while a branch the standing draw picked has a city assessment; once it is sent back, redraws', async () => {
    const standing = (await core.call('draw.list', { year: 2026 }))[0]!;
    const assessed = standing.picked[0]!;
    await core.call('pipeline.advance', { orgId: assessed.orgId, year: 2026, to: 'city', result: 'kept', evaluatedOn: '2026-05-10' });
    const before = [count('evaluation_draw'), count('change_set'), count('audit_log')];
    const e = await refusal(core.call('draw.run', { year: 2026, seed: 8, witnesses: ['张三'], reason: '再抽一次' }));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain(`第 ${standing.id} 号抽签`);
    expect(e.message).toContain(`已有 1 个作出了市级评估（“${assessed.name}”）`);
    expect(e.message).toContain('撤销其市级评估');
    expect([count('evaluation_draw'), count('change_set'), count('audit_log')]).toEqual(before);
    expect([...drawnOrgIds(core.conn.sqlite, 2026)]).toContain(assessed.orgId);

    // Sent back to the county's stage, the city record is history: it no longer holds the draw.
    await core.call('pipeline.sendBack', { orgId: assessed.orgId, year: 2026, to: 'county', reason: '抽签有误，待重新抽签' });
    const redraw = await core.call('draw.run', { year: 2026, seed: 8, witnesses: ['张三'], reason: '再抽一次' });
    expect(redraw.supersedesId).toBe(standing.id);
  });
});

describe('the draw from the command line', () => {
  let cliDir: string;
  let cliDb: string;
  beforeAll(async () => {
    const s = await seededCore('small', 2);
    cliDir = s.dir;
    cliDb = s.dbPath;
    await s.core.close();
  });
  afterAll(() => fs.rmSync(cliDir, { recursive: true, force: true }));

  it('prints the seed and the drawn branches per county, refuses a second draw without a reason, and writes the record', async () => {
    const dry = await cli('draw', '--db', cliDb, '--year', '2026', '--seed', '424242', '--by-field', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.stdout) as { seed: number; stored: boolean; counties: { county: string; fieldLabel: string; drawn: number; branches: { id: number; name: string }[] }[] };
    expect(preview.seed).toBe(424242);
    expect(preview.stored).toBe(false);
    expect(preview.counties.length).toBeGreaterThan(1);
    // The demo banner of seed 2 is one county, stratified here by field.
    expect(new Set(preview.counties.map((c) => c.county)).size).toBe(1);
    for (const c of preview.counties) {
      expect(c.fieldLabel).toMatch(/[\u4e00-\u9fff]/);
      expect(c.branches).toHaveLength(c.drawn);
      for (const b of c.branches) expect(b.name).toMatch(/党(总)?支部|党总支/);
    }

    // A stored draw names its witnesses: separators alone, or none, are refused and store nothing.
    for (const witnesses of [['--witnesses', ' 、 ,'], []]) {
      const none = await cli('draw', '--db', cliDb, '--year', '2026', '--seed', '424242', ...witnesses);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('--witnesses');
      expect(none.stderr).toContain('至少一名监督人');
    }
    const empty = await openCore(cliDb);
    try {
      expect(await empty.call('draw.list', { year: 2026 })).toEqual([]);
    } finally {
      await empty.close();
    }

    const drawn = await cli('draw', '--db', cliDb, '--year', '2026', '--seed', '424242', '--by-field', '--witnesses', '王监督、赵纪检', '--json');
    expect(drawn.code).toBe(0);
    const stored = JSON.parse(drawn.stdout) as typeof preview & { id: number };
    expect(stored.stored).toBe(true);
    expect(stored.counties).toEqual(preview.counties);

    const again = await cli('draw', '--db', cliDb, '--year', '2026', '--witnesses', '王监督');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('抽签结果不能悄悄重做');

    const c0 = await openCore(cliDb);
    try {
      setCityAssessmentsAside(c0.conn.sqlite, 2026);
    } finally {
      await c0.close();
    }
    const human = await cli('draw', '--db', cliDb, '--year', '2026', '--reason', '监督人未到场，重新抽签', '--seed', '5', '--witnesses', '王监督');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('随机种子：5（指定）');
    expect(human.stdout).toContain(`替代第 ${stored.id} 号记录`);
    expect(human.stdout).toContain(`${preview.counties[0]!.county}：候选 `);

    const out = path.join(cliDir, '记录.xlsx');
    const rec = await cli('draw-record', '--db', cliDb, '--draw', String(stored.id), '--out', out);
    expect(rec.code).toBe(0);
    expect(fs.existsSync(out)).toBe(true);

    const bad = await cli('draw', '--db', cliDb, '--year', '2026', '--share', '1.5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--share');

    // The stored draw is the one the database holds.
    const c = await openCore(cliDb);
    try {
      expect((await c.call('draw.list', { year: 2026 })).map((d) => d.seed)).toEqual([5, 424242]);
    } finally {
      await c.close();
    }
  }, 180_000); // seven CLI processes, each starting tsx: a minute on a busy two-core machine
});

describe('the printed draw record’s signatures', () => {
  /** A record of `n` drawn branches of one county, as drawRecord reads one back. */
  const record = (n: number): DrawResult => ({
    id: 1, year: 2026, scopeOrgId: 1, scopeName: '赤峰市委', title: '赤峰市委2026年“最强党支部”市级抽查评估抽签记录', seed: 123456, seedGiven: false,
    share: 0.1, shareText: '10%', byField: false, rounding: 'half_up_min1', roundingText: '四舍五入，有候选的层至少抽取 1 个', population: n * 10,
    populationHash: 'abcdef0123456789', strata: [{ countyId: 2, countyName: '宁城县委', field: null, fieldLabel: null, candidates: n * 10, drawn: n }],
    picked: Array.from({ length: n }, (_, i) => ({ orgId: i + 10, uid: `u${i}`, name: `第${i + 1}村党支部`, township: '天义镇党委', countyId: 2, countyName: '宁城县委', field: null })),
    witnesses: ['张三', '李四'], reason: null, supersedesId: null, supersededById: null, drawnAt: '2026-05-01T02:00:00Z', actor: '王五', stored: true,
  });

  // 17 and 18 drawn branches were where LibreOffice's page broke inside the signature lines: the
  // last page held 日期 alone, or 监督人 without 抽签人.
  it.each([17, 18])('keeps 抽签人, both 监督人 and 日期 on one page as LibreOffice prints %i drawn branches', async (n) => {
    const out = fs.mkdtempSync(path.join(dir, `sign-${n}-`));
    const file = path.join(out, '抽签记录.xlsx');
    await drawRecordWorkbook(record(n), new Map()).xlsx.writeFile(file);
    const pdf = soffice(file, 'pdf', out);
    const pages = Array.from({ length: pdfPages(pdf) }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' }));
    const signed = pages.filter((p) => /抽签人：|监督人：|日期：/.test(p));
    expect(signed).toHaveLength(1);
    expect(signed[0]).toMatch(/抽签人：王五[\s\S]*监督人：张三[\s\S]*监督人：李四[\s\S]*日期：/);
  }, 60_000);
});
