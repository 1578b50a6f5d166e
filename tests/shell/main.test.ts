/**
 * The app's lifecycle, electron/main/main.ts run against the stand-in with a real core on a
 * SQLite file in a temp folder: a second start quits before the database is opened; the first
 * comes forward and imports the spreadsheet the second was started with.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleLikeMain } from '../../scripts/build-electron.ts';
import { tempDir } from '../helpers/core.ts';
import { app, coreBundle, dialog, ipcMain, resetStandIn, windows } from './electron-stand-in.ts';

const fixture = path.resolve(import.meta.dirname, '../fixtures/import/handmade-ledger.xlsx');
let userData: string;
let started = 0;

/** main.ts as Electron starts it: a fresh copy of the module each time (its top level is the start). */
const startMain = () => import(/* @vite-ignore */ `../../electron/main/main.ts?start=${++started}`);
const settle = () => new Promise((r) => setTimeout(r, 50));
const appPage = { url: 'app://renderer/index.html', parent: null };
type Reply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

// Main runs the core in a process of its own, from the bundle the build puts beside it.
beforeAll(async () => {
  coreBundle.path = await bundleLikeMain(path.resolve(import.meta.dirname, '../../electron/core-host/child.ts'), tempDir('zugong-core-bundle-'));
}, 120_000);

beforeEach(() => {
  resetStandIn();
  userData = tempDir('zugong-main-');
  app.paths = { userData, documents: userData };
});
afterEach(() => fs.rmSync(userData, { recursive: true, force: true }));

describe('a second start', () => {
  it('quits without opening the database, making a window or taking calls', async () => {
    app.lockGranted = false;
    await startMain();
    app.ready();
    await settle();
    expect(app.quitCalls).toBeGreaterThan(0);
    expect(app.whenReadyCalls).toBe(0);
    expect(fs.readdirSync(userData)).toEqual([]);
    expect(windows).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('the first start', () => {
  it('comes forward when started again, and imports the spreadsheet it was started with', async () => {
    await startMain();
    app.ready();
    await expect.poll(() => windows.length).toBe(1);
    const win = windows[0]!;
    await expect.poll(() => fs.existsSync(path.join(userData, 'zugong.db'))).toBe(true);

    // A file of the user's, not yet chosen in any dialog: the page cannot read it by naming it.
    const docs = tempDir('zugong-given-');
    const file = path.join(docs, '宁城县 回收.xlsx');
    fs.copyFileSync(fixture, file);
    const before = (await ipcMain.invoke('core:invoke', appPage, 'import.open', { path: file })) as Reply;
    expect(before).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(before.error!.message).toMatch(/选择/);

    // Started again with no file: the window is brought forward, nothing is opened.
    win.minimized = true;
    app.secondInstance(['/opt/组工台账/zugong'], docs);
    expect(win.restored).toBe(true);
    expect(win.focused).toBe(true);
    expect(win.webContents.sent.filter((s) => s.args[0] === 'shell.openFile')).toEqual([]);

    // Started again with the file (relative to the folder it was started in): the window is told to import it.
    win.focused = false;
    app.secondInstance(['/opt/组工台账/zugong', '--original-process-start-time=1', '宁城县 回收.xlsx'], docs);
    expect(win.focused).toBe(true);
    // The core, in its own process, grants the file and says so to the window.
    await expect.poll(() => win.webContents.sent.filter((s) => s.args[0] === 'shell.openFile')).toEqual([{ channel: 'core:event', args: ['shell.openFile', { path: file }] }]);
    await expect(ipcMain.invoke('core:invoke', appPage, 'shell.takeGivenFile', {})).resolves.toEqual({ ok: true, value: { path: file } });
    // Granted now: the core goes on to read it. (Unbundled, main.ts points the reader at a worker
    // script that only the build puts beside it, so the read itself stops there; the core's own
    // test, tests/core/given-file.test.ts, reads the file through this grant to the end.)
    const after = (await ipcMain.invoke('core:invoke', appPage, 'import.open', { path: file })) as Reply & { error?: { details?: { detail?: string } } };
    expect(after.error?.message).not.toBe(before.error!.message);
    expect(after.error?.details?.detail ?? '').toMatch(/parse-worker/);

    app.emit('window-all-closed');
    await expect.poll(() => app.quitCalls).toBe(1);
    fs.rmSync(docs, { recursive: true, force: true });
  });

  it('makes its window while the core opens the database; a call made at once waits for the open file', async () => {
    await startMain();
    app.ready();
    // The window is there at once: a core process cannot start and open its file within one turn of the event loop.
    await new Promise((r) => setImmediate(r));
    expect(windows).toHaveLength(1);
    const answer = (await ipcMain.invoke('core:invoke', appPage, 'app.info', {})) as Reply;
    expect(answer).toMatchObject({ ok: true, value: { dbPath: path.join(userData, 'zugong.db'), host: 'electron' } });
    expect(dialog.errors).toEqual([]);
    app.emit('window-all-closed');
    await expect.poll(() => app.quitCalls).toBe(1);
  });

  it('says why and quits when the database cannot be opened, the window having come up beside it', async () => {
    // Not a database: the core refuses it untouched (as it would a file made by a newer version).
    fs.writeFileSync(path.join(userData, 'zugong.db'), 'not a database, but a file of the same name');
    await startMain();
    app.ready();
    await expect.poll(() => dialog.errors.length).toBe(1);
    expect(dialog.errors[0]!.title).toBe('无法打开数据库');
    expect(dialog.errors[0]!.content).toMatch(/不是组工台账的数据库文件/);
    expect(app.quitCalls).toBeGreaterThan(0);
    expect(windows).toHaveLength(1);
    // A call the page makes is answered (refused), never left waiting.
    const answer = (await ipcMain.invoke('core:invoke', appPage, 'app.info', {})) as Reply;
    expect(answer.ok).toBe(false);
    expect(fs.readFileSync(path.join(userData, 'zugong.db'), 'utf8')).toBe('not a database, but a file of the same name');
  });

  it('keeps the spreadsheet it was started with for the page to take once', async () => {
    const docs = tempDir('zugong-given-');
    const file = path.join(docs, '台账.xlsx');
    fs.copyFileSync(fixture, file);
    const argv = process.argv;
    process.argv = ['/opt/组工台账/zugong', file];
    try {
      await startMain();
      app.ready();
      await expect.poll(() => windows.length).toBe(1);
    } finally {
      process.argv = argv;
    }
    await expect(ipcMain.invoke('core:invoke', appPage, 'shell.takeGivenFile', {})).resolves.toEqual({ ok: true, value: { path: file } });
    await expect(ipcMain.invoke('core:invoke', appPage, 'shell.takeGivenFile', {})).resolves.toEqual({ ok: true, value: { path: null } });
    app.emit('window-all-closed');
    await expect.poll(() => app.quitCalls).toBe(1);
    fs.rmSync(docs, { recursive: true, force: true });
  });
});
