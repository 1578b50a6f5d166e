/**
 * The packaged app runs the core from one esbuild bundle, not from the sources the
 * other tests load: ExcelJS is bundled (with our fixed XML loop put in at build time),
 * import.meta.url is the bundle's file, and the reader's worker is a second bundle
 * beside it. Here the CLI is bundled with the main process's own build options and
 * run as a user would run it, to catch what only breaks once bundled.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleLikeMain } from '../../scripts/build-electron.ts';
import { tempDir } from '../helpers/core.ts';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('the core as bundled for the packaged app', () => {
  let dir: string;
  const cli = async (...args: string[]) => {
    // better-sqlite3 stays outside the bundle, as in the app (where it sits in node_modules).
    const { stdout } = await run(process.execPath, [path.join(dir, 'main.cjs'), ...args], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  };

  beforeAll(async () => {
    dir = tempDir();
    await bundleLikeMain(path.join(root, 'electron/core/cli/main.ts'), dir);
  }, 60_000);

  it('exports the official ledger with its sheet parts in the schema’s order, and reads both its own file and a LibreOffice .xls back', async () => {
    const db = path.join(dir, 'b.db');
    await cli('seed', '--db', db, '--size', 'small', '--seed', '1', '--year', '2026');
    const file = path.join(dir, '台账.xlsx');
    await cli('export', '--db', db, '--template', 'branch-ledger', '--year', '2026', '--unit', '150425100', '--out', file);

    // The writer's patch reached the bundled ExcelJS: protection before merges, centred printing before margins.
    const { stdout: xml } = await run('/usr/bin/python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())', file]);
    const at = (tag: string) => xml.indexOf(`<${tag}`);
    expect(at('printOptions')).toBeGreaterThan(0);
    expect(at('sheetProtection')).toBeLessThan(at('mergeCells'));
    expect(at('dataValidations')).toBeLessThan(at('printOptions'));
    expect(at('printOptions')).toBeLessThan(at('pageMargins'));

    // Its own file, through the streaming reader in the bundle: every row recognised, nothing changed.
    const own = JSON.parse(await cli('import', '--db', db, '--file', file, '--dry-run', '--json')) as { recognisedBy: string; counts: Record<string, number>; rows: { values: Record<string, unknown> }[] };
    expect(own.recognisedBy).toBe('manifest');
    expect(own.counts.read).toBeGreaterThan(10);
    expect(own.counts, JSON.stringify(own.counts) + JSON.stringify((own as { problems?: unknown }).problems)).toMatchObject({ unchanged: own.counts.read, changed: 0, new: 0, missing: 0, errors: 0 });
    expect(own.rows.map((r) => r.values['党组织名称']).filter((name) => typeof name !== 'string' || name.length < 4 || name.includes('\uFFFD'))).toEqual([]);

    // A legacy .xls goes to the worker bundle (SheetJS).
    const xls = JSON.parse(await cli('import', '--db', db, '--file', path.join(root, 'tests/fixtures/import/returned-libreoffice.xls'), '--dry-run', '--json')) as { recognisedBy: string; counts: Record<string, number> };
    expect(xls).toMatchObject({ recognisedBy: 'manifest', counts: { read: 24, new: 1, errors: 1 } });
  }, 60_000);

  it('builds a first-run tree from the divisions inside the bundle (nothing read from beside it)', async () => {
    const db = path.join(tempDir(), 'first.db');
    expect(await cli('init', '--db', db, '--unit', '宁城县')).toContain('本单位“宁城县委”（150429），共 19 个党组织');
  }, 60_000);
});
