/**
 * The relay from the page to the core, with electron/main/relay.ts loaded against the stand-in
 * and a real core on a SQLite file in a temp folder: calls only from the app's own page, only
 * contract methods; only contract events pushed to the window.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { relayCore } from '../../electron/main/relay.ts';
import { openCore, tempDir } from '../helpers/core.ts';
import { BrowserWindow, ipcMain, resetStandIn, type Frame } from './electron-stand-in.ts';

let dir: string;
let core: Core;
let win: BrowserWindow;

beforeAll(async () => {
  resetStandIn();
  dir = tempDir('zugong-relay-');
  core = await openCore(path.join(dir, 'test.db'));
  win = new BrowserWindow({});
  relayCore(core, () => win as never);
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const mainFrame = (url: string): Frame => ({ url, parent: null });
type Reply = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const call = (frame: Frame | null, method: unknown, args: unknown = {}) => ipcMain.invoke('core:invoke', frame, method, args) as Promise<Reply>;

describe('calls to the core', () => {
  it('are answered for the app page', async () => {
    const r = await call(mainFrame('app://renderer/index.html#/ledger'), 'app.info');
    expect(r.ok).toBe(true);
  });

  it('are refused, in Chinese, from any other origin', async () => {
    for (const url of [
      'app://renderer.evil/index.html',
      'app://rendererX/index.html',
      'app://renderer-x/',
      'app://renderer@evil/',
      'app://renderer:8080/',
      'https://renderer/',
      'http://127.0.0.1:5173/',
      'file:///app/renderer/index.html',
      'about:blank',
    ]) {
      const r = await call(mainFrame(url), 'app.info');
      expect(r, url).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: '拒绝来自未知页面的请求。' } });
    }
    await expect(call(null, 'app.info')).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('are refused from a frame inside the app page', async () => {
    const child: Frame = { url: 'app://renderer/frame.html', parent: mainFrame('app://renderer/index.html') };
    await expect(call(child, 'app.info')).resolves.toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  it('reach the core only for contract methods', async () => {
    for (const name of ['fs.readFile', 'constructor', '__proto__', 'conn', 'close', 42]) {
      const r = await call(mainFrame('app://renderer/index.html'), name);
      expect(r, String(name)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(r.error!.message).toMatch(/^未知的操作/);
    }
  });
});

describe('pushes to the window', () => {
  it('carry the contract events on the one channel', () => {
    win.webContents.sent.length = 0;
    core.events.emit('data.changed', { entity: 'ledger' });
    core.events.emit('progress', { task: 'import', done: 1, total: 2 });
    expect(win.webContents.sent).toEqual([
      { channel: 'core:event', args: ['data.changed', { entity: 'ledger' }] },
      { channel: 'core:event', args: ['progress', { task: 'import', done: 1, total: 2 }] },
    ]);
  });
});
