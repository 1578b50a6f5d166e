import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fileHash, tempDir } from '../helpers/core.ts';
import { inspectXlsx } from '../helpers/office.ts';
import { cli } from '../helpers/cli.ts';



describe('cli', () => {
  it('imports a hand-made ledger: a dry run reports as JSON and writes nothing; a real run commits what has no error', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'i.db');
    await cli('seed', '--db', db, '--size', 'small', '--seed', '1', '--year', '2026');
    const file = path.resolve(import.meta.dirname, '../fixtures/import/handmade-ledger.xlsx');
    const before = fileHash(db);
    const dry = await cli('import', '--db', db, '--file', file, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout) as {
      template: string;
      recognisedBy: string;
      counts: Record<string, number>;
      rows: { sourceRow: number; values: Record<string, unknown> }[];
      problems: { severity: string; sheet: string; cell: string; message: string }[];
      committed: unknown;
    };
    expect(report).toMatchObject({ template: 'branch-ledger', recognisedBy: 'headers', committed: null, mappingConfirmed: false });
    // The columns as guessed from the headers, for a script to check before it commits.
    expect((report as unknown as { columns: { column: string; field: string | null }[] }).columns.slice(0, 3)).toEqual([
      { column: 'A', header: '序号', field: null },
      { column: 'B', header: expect.stringContaining('乡镇'), field: 'township' },
      { column: 'C', header: expect.stringContaining('名称'), field: 'name' },
    ]);
    expect(report.counts).toEqual({ read: 14, new: 1, changed: expect.any(Number), unchanged: expect.any(Number), missing: 11, conflicts: 0, clears: expect.any(Number), errors: 2, warnings: 2 });
    // Values keyed by the template's column labels, normalised: numbers, dates, dictionary labels, booleans.
    expect(report.rows[0]).toEqual({
      sourceRow: 7,
      values: expect.objectContaining({ 党组织名称: '巴音浩特嘎查党支部', '正式党员（名）': 30, 等次: '先进', '标准化规范化（是/否）': true, 换届时间: '2023-05-01', 联系电话: '0476-5200000' }),
    });
    // The 填表说明 sheet is said to be skipped; then the first bad cell.
    expect(report.problems.slice(0, 2)).toEqual([
      { severity: 'warning', sheet: '填表说明', cell: '', message: '工作表“填表说明”是填表说明，没有读入。' },
      { severity: 'error', sheet: '2026年台账', cell: 'K12', message: expect.stringContaining('2021.13.1') },
    ]);
    expect(fileHash(db)).toBe(before);
    const real = await cli('import', '--db', db, '--file', file, '--json');
    expect(JSON.parse(real.stdout).committed).toMatchObject({ applied: { newRows: 1 } });
    const bad = await cli('import', '--db', db, '--file', path.resolve(import.meta.dirname, '../fixtures/import/zip-bomb.xlsx'));
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('已拒绝读取') });
  });

  it('lists the templates and exports one for a unit, recognisably', async () => {
    const list = JSON.parse((await cli('templates', '--json')).stdout) as { id: string; title: string; version: number }[];
    expect(list.map((t) => t.id)).toEqual(['branch-ledger', 'liaison-points', 'projects', 'problems', 'strongest-branch', 'org-summary', 'liaison-summary', 'reminder-talks', 'key-shares', 'problem-closure', 'returns-chase', 'liaison-visit-reminders']);
    expect(list[0]).toMatchObject({ title: '{unit}{year}年党支部分类台账', version: 2 });
    const dir = tempDir();
    const db = path.join(dir, 'e.db');
    await cli('seed', '--db', db, '--size', 'small', '--seed', '3', '--year', '2026');
    const out = path.join(dir, '台账.xlsx');
    const sqlite = new SQLite(db, { readonly: true });
    const county = sqlite.prepare("SELECT code, (SELECT count(*) FROM org b WHERE b.level = 'branch') AS n FROM org WHERE level = 'county'").get() as { code: string; n: number };
    sqlite.close();
    const r = await cli('export', '--db', db, '--template', 'branch-ledger', '--out', out, '--unit', county.code, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: county.n, fileName: '台账.xlsx' });
    const wb = inspectXlsx(out);
    expect(wb.sheets[0]!.rows[1]![0]).toMatch(/^.+2026年党支部分类台账$/);
    expect(wb.sheets.find((s) => s.name === '_zg_manifest')!.rows[3]!.slice(0, 2)).toEqual(['单位代码', county.code]);
    const bad = await cli('export', '--db', db, '--template', 'nope', '--out', path.join(dir, 'x.xlsx'));
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('没有编号为“nope”的报表模板') });
    expect(fs.existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });

  it('inits, seeds one banner, and prints stats as JSON', async () => {
    const db = path.join(tempDir(), 'a.db');
    expect((await cli('init', '--db', db)).stdout).toContain('数据库已就绪');
    const seeded = await cli('seed', '--db', db, '--size', 'small', '--seed', '9', '--year', '2025');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/已写入演示数据.*2025 年/);
    const stats = await cli('stats', '--db', db, '--json');
    expect(stats.code).toBe(0);
    const s = JSON.parse(stats.stdout) as { year: number; branches: number; branchesByCounty: unknown[]; leaders: number; liaisonPoints: number; orgsByLevel: { key: string; count: number }[] };
    expect(s.year).toBe(2025);
    expect(s.branchesByCounty).toHaveLength(1);
    expect(s.branches).toBeGreaterThan(200);
    expect(s.orgsByLevel.find((l) => l.key === 'county')?.count).toBe(1);
    expect(s.leaders).toBeGreaterThan(10);
  });

  it('counts and exports within the department’s own unit when no --unit is given', async () => {
    const db = path.join(tempDir(), 'u.db');
    expect((await cli('seed', '--db', db, '--size', 'small', '--seed', '3', '--year', '2025')).code).toBe(0);
    const whole = JSON.parse((await cli('stats', '--db', db, '--json')).stdout) as { branches: number };
    // The department becomes a township's (as 设置 would make it).
    const raw = new SQLite(db);
    const town = raw.prepare("SELECT id, code FROM org WHERE level = 'township' AND code IS NOT NULL ORDER BY id LIMIT 1").get() as { id: number; code: string };
    const inTown = (raw.prepare("SELECT count(*) AS n FROM branch_ledger l JOIN org o ON o.id = l.org_id WHERE o.parent_id = ? AND l.year = 2025 AND l.deleted_at IS NULL").get(town.id) as { n: number }).n;
    raw.prepare("INSERT INTO setting (key, value) VALUES ('unit.orgId', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(town.id));
    raw.close();
    expect(inTown).toBeGreaterThan(0);
    expect(inTown).toBeLessThan(whole.branches);
    const mine = JSON.parse((await cli('stats', '--db', db, '--json')).stdout) as { branches: number };
    expect(mine.branches).toBe(inTown);
    const out = path.join(tempDir(), 'mine.xlsx');
    const exported = JSON.parse((await cli('export', '--db', db, '--template', 'branch-ledger', '--out', out, '--json')).stdout) as { sheets: { rows: number }[] };
    expect(exported.sheets[0]!.rows).toBe(inTown);
  });

  it('inits a department by its code or name: the tree below it, the unit and the 操作人 set; a name it cannot tell apart lists the candidates', async () => {
    const dir = tempDir();
    const byCode = path.join(dir, 'code.db');
    const r = await cli('init', '--db', byCode, '--unit', '150429', '--name', '李明', '--with', '150429400');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('本单位“宁城县委”（150429），共 20 个党组织');
    const db = new SQLite(byCode, { readonly: true });
    const rows = db.prepare('SELECT c.name, c.level FROM org c JOIN org p ON p.id = c.parent_id WHERE p.code = ? ORDER BY c.code').all('150429') as { name: string; level: string }[];
    const settings = Object.fromEntries((db.prepare('SELECT key, value FROM setting').all() as { key: string; value: string }[]).map((x) => [x.key, JSON.parse(x.value) as unknown]));
    db.close();
    expect(rows.map((x) => x.name)).toEqual(expect.arrayContaining(['天义镇党委', '铁西街道党工委', '中京工业园党工委']));
    expect(rows).toHaveLength(19);
    expect(settings['operator.name']).toBe('李明');
    expect(settings['unit.orgId']).toEqual(expect.any(Number));

    const byName = await cli('init', '--db', path.join(dir, 'name.db'), '--unit', '宁城县');
    expect(byName.stdout).toContain('共 19 个党组织');
    const again = await cli('init', '--db', byCode, '--unit', '宁城县');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^错误：这个数据库中已经有 20 个党组织/m);

    const plain = path.join(dir, 'plain.db');
    const ambiguous = await cli('init', '--db', plain, '--unit', '铁西街道');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/名为“铁西街道”的区划有 3 个：.*宁城县铁西街道（150429407）/);
    const unknown = await cli('init', '--db', plain, '--unit', '宁成县');
    expect(unknown.stderr).toMatch(/没有名为“宁成县”的单位/);
    // The plain init still makes an empty database, ready for the first run in the window.
    expect((await cli('init', '--db', plain)).code).toBe(0);
    const empty = new SQLite(plain, { readonly: true });
    expect(empty.prepare('SELECT count(*) AS n FROM org').get()).toEqual({ n: 0 });
    empty.close();
  });

  it('refuses to seed over a file that is not a database, and leaves it as it was', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, '这是一份工作笔记，不是数据库。\n');
    const before = fileHash(file);
    const r = await cli('seed', '--db', file, '--size', 'small');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^错误：.*不是组工台账的数据库文件/);
    expect(fileHash(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('refuses a database from a newer version, unchanged', async () => {
    const file = path.join(tempDir(), 'new.db');
    const s = new SQLite(file);
    s.pragma('user_version = 99');
    s.exec('CREATE TABLE t (x)');
    s.close();
    const before = fileHash(file);
    const r = await cli('stats', '--db', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('更新版本的组工台账');
    expect(fileHash(file)).toBe(before);
  });

  it('explains an unknown command, a bad option and a missing one in Chinese', async () => {
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('不认识的命令“frobnicate”');
    expect(unknown.stderr).toContain('用法');
    const badSize = await cli('seed', '--db', path.join(tempDir(), 'x.db'), '--size', 'huge');
    expect(badSize.code).toBe(2);
    expect(badSize.stderr).toContain('--size 只能是');
    const noDb = await cli('stats');
    expect(noDb.stderr).toContain('缺少必填选项 --db');
    const badOpt = await cli('stats', '--dbb', 'x');
    expect(badOpt.stderr).toContain('不认识的选项');
  });
});
