/**
 * Electron main: the app's lifecycle. The window (window.ts), what the page may do
 * (security.ts) and the relay to the core (relay.ts) are modules of their own, so the
 * shell's tests can load each against a stand-in `electron`. The core knows nothing of Electron.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { createCore, type Core } from '../core/createCore.ts';
import { lockDown, registerScheme } from './security.ts';
import { dialogs, relayCore } from './relay.ts';
import { createWindow, givenFile, installMenu } from './window.ts';

const rendererDir = path.join(__dirname, '..', 'renderer');

registerScheme();

// A second start hands its file to the first and quits; it never opens the database
// (app.quit() only asks to quit: nothing below may run in it).
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();

let core: Core | null = null;
let win: BrowserWindow | null = null;

app.on('second-instance', (_e, argv, workingDirectory) => {
  // The file waits in the core until the page takes it, so it is not lost while the window is still coming up.
  const file = givenFile(argv, workingDirectory);
  if (file) core?.openGivenFile(file);
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
});

if (firstInstance) app.whenReady().then(async () => {
  lockDown(rendererDir);
  installMenu();
  try {
    core = await createCore({
      dbPath: path.join(app.getPath('userData'), 'zugong.db'),
      host: 'electron',
      appVersion: app.getVersion(),
      shell: dialogs(() => win),
      // Beside main.cjs, unpacked from the asar (a worker thread loads its script from disk).
      readerWorker: path.join(__dirname, 'parse-worker.mjs').replace('app.asar', 'app.asar.unpacked'),
    });
  } catch (e) {
    dialog.showErrorBox('无法打开数据库', (e as Error).message);
    app.quit();
    return;
  }
  relayCore(core, () => win);
  // Started with a spreadsheet (opened with 组工台账): it waits in the core until the page takes it.
  const file = givenFile(process.argv, process.cwd());
  if (file) core.openGivenFile(file);
  win = createWindow();
});

app.on('window-all-closed', () => {
  void core?.close().finally(() => app.quit());
});
