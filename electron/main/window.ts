/** The one window and its menu. Its webPreferences are the app's sandbox: see docs/architecture.md. */
import path from 'node:path';
import { app, BrowserWindow, dialog, Menu, type BrowserWindowConstructorOptions } from 'electron';
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

export function installMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
      { label: '编辑', submenu: [{ label: '撤销', role: 'undo' }, { label: '重做', role: 'redo' }, { type: 'separator' }, { label: '剪切', role: 'cut' }, { label: '复制', role: 'copy' }, { label: '粘贴', role: 'paste' }, { label: '全选', role: 'selectAll' }] },
      { label: '视图', submenu: [{ label: '重新加载', role: 'reload' }, { label: '实际大小', role: 'resetZoom' }, { label: '放大', role: 'zoomIn' }, { label: '缩小', role: 'zoomOut' }, { label: '全屏', role: 'togglefullscreen' }] },
      { label: '帮助', submenu: [{ label: `关于组工台账（${app.getVersion()}）`, click: () => void dialog.showMessageBox({ title: '关于', message: `组工台账 ${app.getVersion()}`, detail: '数据只保存在本机。' }) }] },
    ]),
  );
}
