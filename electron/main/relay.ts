/** The relay of calls from the sandboxed page to the core, and the real dialogs the core asks for. */
import path from 'node:path';
import fs from 'node:fs';
import { app, dialog, ipcMain, shell, type BrowserWindow } from 'electron';
import { isMethodName } from '../../shared/contract/methods.ts';
import { eventNames } from '../../shared/contract/events.ts';
import type { CoreLink } from '../core-host/client.ts';
import type { ShellHost } from '../core/config.ts';
import { plainFileName } from '../core/fileName.ts';
import { isAppFrame } from './security.ts';

/** `c`: the core's process behind its client (or, in tests, a core in this process). */
export function relayCore(c: CoreLink, window: () => BrowserWindow | null): void {
  ipcMain.handle('core:invoke', async (event, method: unknown, args: unknown) => {
    if (!isAppFrame(event.senderFrame)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: '拒绝来自未知页面的请求。' } };
    }
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的操作“${String(method).slice(0, 60)}”。` } };
    }
    return c.invoke(method, args);
  });
  for (const name of eventNames) c.on(name, (payload) => window()?.webContents.send('core:event', name, payload));
}

/**
 * The real dialogs: what the user picks here is the only path the core will write to or read from.
 * A page's suggested name is only ever a plain file name inside the folder the user picks.
 */
export function dialogs(window: () => BrowserWindow | null): ShellHost {
  return {
    async chooseSaveFile(suggestedName, startIn) {
      const r = await dialog.showSaveDialog(window()!, {
        title: '保存报表',
        defaultPath: path.join(startIn ?? app.getPath('documents'), plainFileName(suggestedName)),
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
        // Replacing a file that is there is asked first: Windows and macOS always ask, Linux only with this.
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseFolder(suggestedName, startIn) {
      const name = plainFileName(suggestedName);
      const r = await dialog.showOpenDialog(window()!, {
        title: `选择存放“${name}”的文件夹`,
        defaultPath: startIn ?? app.getPath('documents'),
        properties: ['openDirectory', 'createDirectory'],
      });
      return r.canceled || !r.filePaths[0] ? null : path.join(r.filePaths[0], name);
    },
    async chooseOpenFile() {
      const r = await dialog.showOpenDialog(window()!, {
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
}
