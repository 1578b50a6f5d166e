/**
 * Electron main: the window, the menu, single instance, and the relay of calls
 * from the sandboxed page to the core. The core itself knows nothing of Electron.
 */
import path from 'node:path';
import fs from 'node:fs';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import { isMethodName } from '../../shared/contract/methods.ts';
import { eventNames } from '../../shared/contract/events.ts';
import { createCore, type Core } from '../core/createCore.ts';
import type { ShellHost } from '../core/config.ts';
import { contentSecurityPolicy } from '../core/http/harness.ts';
import { plainFileName } from '../core/fileName.ts';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://renderer`;
const rendererDir = path.join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | null = null;
let win: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1400,
    height: 900,
    title: '组工台账',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  w.once('ready-to-show', () => w.show());
  void w.loadURL(`${ORIGIN}/index.html`);
  return w;
}

function installMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
      { label: '编辑', submenu: [{ label: '撤销', role: 'undo' }, { label: '重做', role: 'redo' }, { type: 'separator' }, { label: '剪切', role: 'cut' }, { label: '复制', role: 'copy' }, { label: '粘贴', role: 'paste' }, { label: '全选', role: 'selectAll' }] },
      { label: '视图', submenu: [{ label: '重新加载', role: 'reload' }, { label: '实际大小', role: 'resetZoom' }, { label: '放大', role: 'zoomIn' }, { label: '缩小', role: 'zoomOut' }, { label: '全屏', role: 'togglefullscreen' }] },
      { label: '帮助', submenu: [{ label: `关于组工台账（${app.getVersion()}）`, click: () => void dialog.showMessageBox({ title: '关于', message: `组工台账 ${app.getVersion()}`, detail: '数据只保存在本机。' }) }] },
    ]),
  );
}

/** Nothing the page does may open windows, navigate away, or gain permissions. */
function lockDown(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(ORIGIN)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(url.pathname)));
    if (url.host !== 'renderer' || !file.startsWith(rendererDir) || !fs.existsSync(file)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(`file://${file}`);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    return new Response(response.body, { status: response.status, headers });
  });
}

function relayCore(c: Core): void {
  ipcMain.handle('core:invoke', async (event, method: unknown, args: unknown) => {
    if (!event.senderFrame?.url.startsWith(ORIGIN)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: '拒绝来自未知页面的请求。' } };
    }
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的操作“${String(method).slice(0, 60)}”。` } };
    }
    return c.invoke(method, args);
  });
  for (const name of eventNames) c.on(name, (payload) => win?.webContents.send('core:event', name, payload));
}

/**
 * The real dialogs: what the user picks here is the only path the core will write to or read from.
 * A page's suggested name is only ever a plain file name inside the folder the user picks.
 */
const dialogs: ShellHost = {
  async chooseSaveFile(suggestedName) {
    const r = await dialog.showSaveDialog(win!, {
      title: '保存报表',
      defaultPath: path.join(app.getPath('documents'), plainFileName(suggestedName)),
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      // Replacing a file that is there is asked first: Windows and macOS always ask, Linux only with this.
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
    return r.canceled || !r.filePath ? null : r.filePath;
  },
  async chooseFolder(suggestedName) {
    const name = plainFileName(suggestedName);
    const r = await dialog.showOpenDialog(win!, {
      title: `选择存放“${name}”的文件夹`,
      defaultPath: app.getPath('documents'),
      properties: ['openDirectory', 'createDirectory'],
    });
    return r.canceled || !r.filePaths[0] ? null : path.join(r.filePaths[0], name);
  },
  async chooseOpenFile() {
    const r = await dialog.showOpenDialog(win!, {
      title: '选择要导入的表格',
      properties: ['openFile'],
      filters: [{ name: '表格（Excel、WPS、LibreOffice、CSV）', extensions: ['xlsx', 'xls', 'ods', 'csv', 'tsv', 'txt'] }],
    });
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  },
  async openPath(p) {
    // A folder opens in the file manager; a file is shown selected in its folder.
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) return (await shell.openPath(p)) === '';
    shell.showItemInFolder(p);
    return true;
  },
};

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.whenReady().then(async () => {
  lockDown();
  installMenu();
  try {
    core = await createCore({
      dbPath: path.join(app.getPath('userData'), 'zugong.db'),
      host: 'electron',
      appVersion: app.getVersion(),
      shell: dialogs,
      // Beside main.cjs, unpacked from the asar (a worker thread loads its script from disk).
      readerWorker: path.join(__dirname, 'parse-worker.mjs').replace('app.asar', 'app.asar.unpacked'),
    });
  } catch (e) {
    dialog.showErrorBox('无法打开数据库', (e as Error).message);
    app.quit();
    return;
  }
  relayCore(core);
  win = createWindow();
});

app.on('window-all-closed', () => {
  void core?.close().finally(() => app.quit());
});
