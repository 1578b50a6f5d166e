/**
 * Electron main: the app's lifecycle. The window (window.ts), what the page may do
 * (security.ts) and the relay to the core (relay.ts) are modules of their own, so the
 * shell's tests can load each against a stand-in `electron`. The core knows nothing of Electron.
 */
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { CoreClient, describeExit } from '../core-host/client.ts';
import { utilityCore } from './coreProcess.ts';
import { lockDown, registerScheme } from './security.ts';
import { dialogs, relayCore } from './relay.ts';
import { createWindow, givenFile, installMenu } from './window.ts';

const rendererDir = path.join(__dirname, '..', 'renderer');

registerScheme();

// A second start hands its file to the first and quits; it never opens the database
// (app.quit() only asks to quit: nothing below may run in it).
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();

let core: CoreClient | null = null;
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
  // The core runs in a process of its own (core.cjs beside main.cjs); its dialogs are asked of this one.
  core = new CoreClient(
    utilityCore(path.join(__dirname, 'core.cjs')),
    {
      dbPath: path.join(app.getPath('userData'), 'zugong.db'),
      host: 'electron',
      appVersion: app.getVersion(),
      // Beside main.cjs, unpacked from the asar (a worker thread loads its script from disk).
      readerWorker: path.join(__dirname, 'parse-worker.mjs').replace('app.asar', 'app.asar.unpacked'),
    },
    dialogs(() => win),
  );
  // The window comes up while the core opens its database, not after: the page's first calls
  // wait in the core's process until the file is open, and the core's start (a file copied
  // from a slow disk, a migration) is no longer added to the time before anything is drawn.
  const started = core.start();
  relayCore(core, () => win);
  // Started with a spreadsheet (opened with 组工台账): it waits in the core until the page takes it.
  const file = givenFile(process.argv, process.cwd());
  if (file) core.openGivenFile(file);
  win = createWindow();
  try {
    await started;
  } catch (e) {
    dialog.showErrorBox('无法打开数据库', (e as Error).message);
    app.quit();
    return;
  }
  core.onExit((exit) => void offerRestart(describeExit(exit)));
});

/** The core's process died: the page has been told for each call under way; the person chooses to go on or quit. */
async function offerRestart(why: string): Promise<void> {
  const options = {
    type: 'error' as const,
    title: '数据处理进程意外退出',
    message: `数据处理进程意外退出（${why}），正在进行的操作没有完成。`,
    detail: '已保存的数据不受影响，未完成的修改不会留下一半。选择“重新启动”后界面会重新载入。',
    buttons: ['重新启动', '退出程序'],
    defaultId: 0,
    cancelId: 1,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  if (response !== 0 || !core) return app.quit();
  try {
    await core.start();
    win?.webContents.reload();
  } catch (e) {
    dialog.showErrorBox('无法打开数据库', (e as Error).message);
    app.quit();
  }
}

app.on('window-all-closed', () => app.quit());

// However the app quits (last window, menu, system), the core first finishes its calls and closes SQLite.
let coreClosed = false;
app.on('will-quit', (event) => {
  if (!core || coreClosed) return;
  event.preventDefault();
  void core.close().finally(() => {
    coreClosed = true;
    app.quit();
  });
});
