/**
 * Pages never choose where files go (issue 12, items 7 and 13): a suggested name is a plain
 * file name, a grant is for reading or for writing, nothing writes over the database, its
 * journals or its backups, nothing is overwritten silently, and a mistyped --db creates nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import type { ShellHost } from '../../electron/core/config.ts';
import { plainFileName } from '../../electron/core/fileName.ts';
import { folderShell } from '../../electron/core/shell.ts';
import { buildSeed, writeSeed } from '../../electron/core/services/seed/index.ts';
import { fileHash, fixedNow, seededCore, tempDir } from '../helpers/core.ts';
import { bannerOf } from '../helpers/exports.ts';
import { cli } from '../helpers/cli.ts';

const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures/import', name);

/** The database as it is on disk, its write-ahead log included (the -shm index changes with every read): what a refused write must leave alone. */
function onDisk(core: Core, dbPath: string): string {
  core.conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return ['', '-wal'].map((s) => (fs.existsSync(dbPath + s) ? fileHash(dbPath + s) : '-')).join(' ');
}

const listing = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

describe('a suggested name (the one rule of every host, Electron’s dialogs included)', () => {
  it.each([
    ['..', '未命名'],
    ['.', '未命名'],
    ['', '未命名'],
    ['  . ', '未命名'],
    ['../zugong.db', '_zugong.db'],
    ['..\\..\\Windows\\win.ini', '_.._Windows_win.ini'],
    ['/etc/passwd', '_etc_passwd'],
    ['C:\\Users\\a.xlsx', 'C__Users_a.xlsx'],
    ['a\0b.xlsx', 'a_b.xlsx'],
    ['第一行\n第二行.xlsx', '第一行_第二行.xlsx'],
    ['报表\u202Excod.xlsx', '报表_xcod.xlsx'],
    ['CON', '_CON'],
    ['nul.xlsx', '_nul.xlsx'],
    ['Com1 .txt', '_Com1 .txt'],
    ['LPT¹', '_LPT¹'],
    ['CONSOLE.xlsx', 'CONSOLE.xlsx'],
    ['台账.xlsx. . ', '台账.xlsx'],
    ['.hidden', 'hidden'],
    ['附件1 2026年党支部分类台账.xlsx', '附件1 2026年党支部分类台账.xlsx'],
  ])('%j → %j', (suggested, plain) => {
    expect(plainFileName(suggested)).toBe(plain);
    expect(plainFileName(plain)).toBe(plain);
  });

  it('bounds a long name by its bytes, keeping the extension and whole characters', () => {
    const long = plainFileName(`${'党支部分类台账'.repeat(40)}😀.xlsx`);
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(200);
    expect(long).toMatch(/^党支部分类台账.*\.xlsx$/);
    expect(long).not.toContain('\uFFFD');
    expect(plainFileName(long)).toBe(long);
    expect(plainFileName('😀'.repeat(100))).toBe('😀'.repeat(50));
  });
});

describe('the harness’s folder shell', () => {
  let core: Core;
  let dir: string;
  let dbPath: string;
  beforeAll(async () => {
    ({ core, dir, dbPath } = await seededCore('small'));
  });
  afterAll(() => core.close());
  const exportsDir = () => fs.realpathSync(path.join(dir, 'exports'));

  it('keeps a suggested “..” inside its own folder: the database is never written, and the folder is no file to save to', async () => {
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '..' });
    // After the choice, which remembers its folder for the next dialog (a setting): the refused exports write nothing.
    const before = onDisk(core, dbPath);
    expect(path.dirname(folder!)).toBe(exportsDir());
    expect(path.basename(folder!)).toBe('未命名');
    for (const target of [folder!, path.join(folder!, '..', '..', path.basename(dbPath)), dbPath]) {
      const r = await core.invoke('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: target });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', message: expect.stringMatching(/^没有选择过这个保存位置“.+”，请通过“保存”对话框重新选择保存位置。$/) } });
    }
    expect(onDisk(core, dbPath)).toBe(before);
    // Sending down into it writes there and only there.
    const sent = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: await bannerOf(core), year: 2026, folder: folder! });
    expect(sent.files.every((f) => path.dirname(f.file) === folder)).toBe(true);
    expect(fs.readFileSync(dbPath).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(core.conn.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
  });

  it('saves a suggested “../test.db” as a plain name in its own folder', async () => {
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: `../${path.basename(dbPath)}` });
    expect(file).toBe(path.join(exportsDir(), '_test.db'));
    const rows = core.conn.sqlite.prepare('SELECT count(*) AS n FROM branch_ledger').get();
    await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: file! });
    expect(fs.readFileSync(file!).subarray(0, 2).toString()).toBe('PK');
    expect(core.conn.sqlite.prepare('SELECT count(*) AS n FROM branch_ledger').get()).toEqual(rows);
    expect(core.conn.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
  });

  it('sends down beside files already there without overwriting them: new names are numbered, and the list names them', async () => {
    const banner = await bannerOf(core);
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    const first = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder: folder! });
    const kept = Object.fromEntries(fs.readdirSync(folder!).map((f) => [f, fileHash(path.join(folder!, f))]));
    const again = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder: folder! });
    for (const [f, hash] of Object.entries(kept)) expect(fileHash(path.join(folder!, f))).toBe(hash);
    expect(again.files.map((f) => f.fileName)).toEqual(first.files.map((f) => f.fileName.replace(/\.xlsx$/, '（2）.xlsx')));
    expect(again.files.every((f) => fs.existsSync(f.file) && path.basename(f.file) === f.fileName)).toBe(true);
    const list = fs.readFileSync(path.join(folder!, '下发清单（2）.txt'), 'utf8');
    for (const f of again.files) expect(list).toContain(f.fileName);
  });

  it('grants a file for one use: one chosen to open is only read, one chosen to save only written, a folder only receives new files', async () => {
    const returned = path.join(tempDir(), '报送.xlsx');
    fs.copyFileSync(fixture('handmade-ledger.xlsx'), returned);
    const reading = await createCore({ dbPath: path.join(tempDir(), 'r.db'), now: () => fixedNow, shell: folderShell(tempDir(), () => returned) });
    try {
      const { path: open } = await reading.call('shell.chooseOpenFile', {});
      await expect(reading.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: open! })).rejects.toMatchObject({ code: 'INVALID_ARGS', message: expect.stringContaining('是选来导入的文件，不能写入') });
      expect(fileHash(returned)).toBe(fileHash(fixture('handmade-ledger.xlsx')));
      await expect(reading.call('import.open', { path: open! })).resolves.toMatchObject({ recognisedBy: 'headers' });
    } finally {
      await reading.close();
    }
    // What arrives in the inbox is for reading, whatever its name says.
    const { path: received } = await core.call('import.upload', { name: '../../test.db', data: fs.readFileSync(fixture('handmade-ledger.xlsx')).toString('base64') });
    expect(path.basename(received)).toBe('_.._test.db');
    expect(received.startsWith(fs.realpathSync(path.join(dir, 'inbox')) + path.sep)).toBe(true);
    await expect(core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: received })).rejects.toMatchObject({ message: expect.stringContaining('是选来导入的文件') });

    const { path: saved } = await core.call('shell.chooseSaveFile', { suggestedName: '保存.xlsx' });
    await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: saved! });
    await expect(core.call('import.open', { path: saved! })).rejects.toMatchObject({ code: 'INVALID_ARGS', message: expect.stringContaining('是选来保存报表的位置，不能作为要导入的文件读取') });

    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '只收新文件' });
    const inside = path.join(folder!, '自选.xlsx');
    await expect(core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: inside })).rejects.toMatchObject({ message: expect.stringContaining('没有选择过') });
    expect(fs.existsSync(inside)).toBe(false);
    const sent = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: await bannerOf(core), year: 2026, folder: folder! });
    await expect(core.call('import.open', { path: sent.files[0]!.file })).rejects.toMatchObject({ message: expect.stringContaining('没有选择过') });
    // Still shown in the file manager.
    await expect(core.call('shell.openPath', { path: sent.files[0]!.file })).resolves.toEqual({ opened: false });
  });
});

/**
 * The Electron dialogs as a person answers them: the save dialog's proposed name accepted,
 * and `picked` chosen as the folder, the suggested name joined to it (as electron/main does).
 * What the person picks is up to them; the core must hold whatever they pick.
 */
function dialogsPicking(picked: { folder: string; save?: string }): ShellHost {
  return {
    chooseSaveFile: async (name) => picked.save ?? path.join(picked.folder, name),
    chooseFolder: async (name) => path.join(picked.folder, name),
    chooseOpenFile: async () => null,
    openPath: async () => false,
  };
}

describe('a desktop window’s dialogs', () => {
  let dir: string;
  let dbPath: string;
  let picked: { folder: string; save?: string };
  let core: Core;
  let banner: number;
  beforeAll(async () => {
    dir = tempDir();
    dbPath = path.join(dir, 'zugong.db');
    picked = { folder: path.join(dir, '我的文档') };
    fs.mkdirSync(picked.folder);
    core = await createCore({ dbPath, now: () => fixedNow, actor: '测试', shell: dialogsPicking(picked) });
    const now = fixedNow.toISOString();
    await writeSeed(core.conn, buildSeed({ size: 'small', seed: 1, year: 2026, now }), { actor: '测试', now, seed: 1 });
    banner = await bannerOf(core);
    fs.mkdirSync(path.join(dir, 'backups'));
    fs.writeFileSync(path.join(dir, 'backups', 'zugong-升级前.db'), 'backup');
  });
  afterAll(() => core.close());

  it('a folder chosen for a suggested “..” is never the database’s folder: the live database is not overwritten', async () => {
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '..' });
    // After the choice, which remembers its folder for the next dialog (a setting): the refused exports write nothing.
    const before = onDisk(core, dbPath);
    expect(folder).toBe(path.join(picked.folder, '未命名'));
    const r = await core.invoke('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: dbPath });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', message: expect.stringContaining('没有选择过') } });
    expect(onDisk(core, dbPath)).toBe(before);
  });

  it('a save dialog proposing “../zugong.db” proposes a plain name in the folder shown', async () => {
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '../zugong.db' });
    expect(file).toBe(path.join(picked.folder, '_zugong.db'));
  });

  it('refuses to write the database, its journals or its backups even when a person picks them, and names the path', async () => {
    const before = onDisk(core, dbPath);
    const backups = listing(path.join(dir, 'backups'));
    // Also the names Windows or macOS take for the same files: ZUGONG.DB, zugong.db., zugong.db::$DATA, backups.\x.
    const spellings = [path.join(dir, 'ZUGONG.DB'), `${dbPath}. `, `${dbPath}::$DATA`, `${dbPath}-WAL`, path.join(dir, 'Backups.', '新建.xlsx')];
    for (const target of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`, path.join(dir, 'backups', '新建.xlsx'), path.join(dir, 'backups', 'zugong-升级前.db'), ...spellings]) {
      picked.save = target;
      const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '报表.xlsx' });
      const r = await core.invoke('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: file });
      expect(r, target).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', message: `不能写入“${target}”：这是本程序的数据库或它的备份，写入会毁坏台账数据。请另选一个保存位置。` } });
    }
    delete picked.save;
    // A folder named backups beside the database, or a link that leads there, receives nothing either.
    fs.symlinkSync(path.join(dir, 'backups'), path.join(picked.folder, '链接'));
    for (const [where, name] of [[dir, 'backups'], [dir, 'BACKUPS'], [picked.folder, '链接']] as const) {
      picked.folder = where;
      const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: name });
      const r = await core.invoke('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder });
      expect(r, folder!).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', message: expect.stringContaining('这是本程序的数据库或它的备份') } });
    }
    picked.folder = path.join(dir, '我的文档');
    expect(onDisk(core, dbPath)).toBe(before);
    expect(listing(path.join(dir, 'backups'))).toEqual(backups);
    expect(fs.existsSync(path.join(dir, 'BACKUPS'))).toBe(false);
  });

  it('says in Chinese, naming the path, when a chosen file is now a folder, its folder is gone or a file, it is too long or holds a NUL', async () => {
    const cases: [string, RegExp][] = [
      [path.join(picked.folder, '成了文件夹.xlsx'), /是一个文件夹/],
      [path.join(picked.folder, '已删除', '报表.xlsx'), /所在的文件夹不存在/],
      [path.join(picked.folder, '是个文件.txt', '报表.xlsx'), /路径中有一段不是文件夹/],
      [path.join(picked.folder, `${'很长的名字'.repeat(20)}.xlsx`), /太长/],
      [path.join(picked.folder, '报表\0.xlsx'), /空字符/],
    ];
    fs.mkdirSync(cases[0]![0]);
    fs.writeFileSync(path.join(picked.folder, '是个文件.txt'), '');
    for (const [target, reason] of cases) {
      picked.save = target;
      const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '报表.xlsx' });
      const r = await core.invoke('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: file });
      expect(r.ok).toBe(false);
      const error = (r as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('INVALID_ARGS');
      expect(error.message).toMatch(reason);
      // (A NUL may be refused sooner, by the contract's check of every text: still Chinese, still not INTERNAL.)
      if (!target.includes('\0')) expect(error.message).toContain(`无法写入“${target}”`);
    }
    delete picked.save;
    expect(fs.existsSync(path.join(picked.folder, '已删除'))).toBe(false);
    expect(fs.readdirSync(cases[0]![0])).toEqual([]);
  });
});

describe('a mistyped --db', () => {

  it('stats, export and import say the file is not there and create nothing; init still creates', async () => {
    const dir = tempDir();
    const out = path.join(dir, '台账.xlsx');
    const missing = [path.join(dir, 'zugnog.db'), path.join(dir, '没有的文件夹', 'zugong.db')];
    const commands = (db: string) => [
      ['stats', '--db', db],
      ['export', '--db', db, '--template', 'branch-ledger', '--out', out],
      ['import', '--db', db, '--file', fixture('handmade-ledger.xlsx'), '--dry-run'],
    ];
    for (const args of [...commands(missing[0]!), commands(missing[1]!)[0]!]) {
      const db = args[2]!;
      {
        const r = await cli(...args);
        expect(r, args.join(' ')).toMatchObject({ code: 1, stderr: `错误：找不到数据库文件“${db}”：请检查路径是否写错。程序没有新建任何文件。新建数据库请用 init 或 seed 命令。\n` });
        expect(listing(dir)).toEqual([]);
      }
    }
    const created = await cli('init', '--db', missing[1]!);
    expect(created.code).toBe(0);
    expect(fs.existsSync(missing[1]!)).toBe(true);
  });
});

describe('the backups folder in the file manager (设置 → 备份与恢复 → 打开备份文件夹)', () => {
  it('is shown though no dialog chose it; a folder beside it, the database and a file inside it are still refused', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'zugong.db');
    const opened: string[] = [];
    const shell: ShellHost = { ...folderShell(path.join(dir, 'exports')), openPath: async (p) => (opened.push(p), true) };
    const core = await createCore({ dbPath, now: () => fixedNow, actor: '测试', shell });
    try {
      const backups = path.join(dir, 'backups');
      fs.mkdirSync(backups, { recursive: true });
      fs.writeFileSync(path.join(backups, 'a.db'), 'backup');
      await expect(core.call('shell.openPath', { path: backups })).resolves.toEqual({ opened: true });
      expect(opened).toEqual([fs.realpathSync(backups)]);
      for (const other of [dir, dbPath, path.join(backups, 'a.db'), path.join(dir, 'backups2')]) {
        await expect(core.call('shell.openPath', { path: other })).rejects.toMatchObject({ message: expect.stringContaining('没有选择过') });
      }
      expect(opened).toHaveLength(1);
    } finally {
      await core.close();
    }
  });
});
