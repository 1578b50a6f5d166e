/** The one window and its menu. Its webPreferences are the app's sandbox: see docs/architecture.md. */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, shell, type BrowserWindowConstructorOptions } from 'electron';
import { ORIGIN } from './security.ts';

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    title: '组工台账',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Spelled out, not left to defaults: no mixed content, no <webview>, no Blink experiments,
      // and a file dropped on the window goes to 导入回收 instead of replacing the page.
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

export function createWindow(): BrowserWindow {
  const w = new BrowserWindow(windowOptions(path.join(__dirname, 'preload.cjs')));
  w.once('ready-to-show', () => w.show());
  void w.loadURL(`${ORIGIN}/index.html`);
  return w;
}

/** The spreadsheets 导入回收 reads; a file of another kind on the command line is not ours to open. */
const importable = new Set(['.xlsx', '.xls', '.ods', '.csv']);

/**
 * The spreadsheet a start of the app was given (opened with 组工台账 from the file manager), as
 * an absolute path, or null. Switches (Chromium adds some) and the app's own path are skipped;
 * a relative path is the starting folder's.
 */
export function givenFile(argv: readonly string[], workingDirectory: string): string | null {
  const file = argv.slice(1).findLast((a) => !a.startsWith('-') && importable.has(path.extname(a).toLowerCase()));
  return file === undefined ? null : path.resolve(workingDirectory, file);
}

/** The printable manual: beside the program in an installation (electron-builder.yml `extraFiles`), in docs/ when run from the sources. */
export function manualPdfPath(): string {
  return app.isPackaged ? path.join(path.dirname(process.execPath), '用户手册.pdf') : path.join(app.getAppPath(), 'docs', '用户手册.pdf');
}

/** 帮助 › 用户手册: the page's own F1, so the panel opens at the chapter of the page in view. */
function openHelp(w: BrowserWindow | undefined): void {
  w?.webContents.sendInputEvent({ type: 'keyDown', keyCode: 'F1' });
  w?.webContents.sendInputEvent({ type: 'keyUp', keyCode: 'F1' });
}

/** 帮助 › 打印版用户手册: the PDF in the PC's own viewer, or where it was looked for. */
export async function openManualPdf(): Promise<void> {
  const pdf = manualPdfPath();
  const failed = fs.existsSync(pdf) ? await shell.openPath(pdf) : '文件不存在';
  if (failed) {
    await dialog.showMessageBox({ type: 'info', title: '用户手册', message: '没有打开打印版用户手册', detail: `${failed}：${pdf}\n在窗口中按 F1 可以查看同样内容的帮助。` });
  }
}

export function installMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
      { label: '编辑', submenu: [{ label: '撤销', role: 'undo' }, { label: '重做', role: 'redo' }, { type: 'separator' }, { label: '剪切', role: 'cut' }, { label: '复制', role: 'copy' }, { label: '粘贴', role: 'paste' }, { label: '全选', role: 'selectAll' }] },
      { label: '视图', submenu: [{ label: '重新加载', role: 'reload' }, { label: '实际大小', role: 'resetZoom' }, { label: '放大', role: 'zoomIn' }, { label: '缩小', role: 'zoomOut' }, { label: '全屏', role: 'togglefullscreen' }] },
      {
        label: '帮助',
        submenu: [
          // F1 is shown, not taken: the page handles the key itself, wherever the focus is.
          { label: '用户手册', accelerator: 'F1', registerAccelerator: false, click: (_item, w) => openHelp(w instanceof BrowserWindow ? w : undefined) },
          { label: '打印版用户手册（PDF）', click: () => void openManualPdf() },
          { type: 'separator' },
          { label: `关于组工台账（${app.getVersion()}）`, click: () => void dialog.showMessageBox({ title: '关于', message: `组工台账 ${app.getVersion()}`, detail: '数据只保存在本机。' }) },
        ],
      },
    ]),
  );
}
