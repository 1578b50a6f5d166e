/** The window's sandbox: its webPreferences, what it loads, and the file a second start is given. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWindow, givenFile, installMenu, windowOptions } from '../../electron/main/window.ts';
import { app, dialog, Menu, resetStandIn, shell, windows } from './electron-stand-in.ts';

beforeEach(resetStandIn);

describe('the window', () => {
  it('is sandboxed and isolated, with every risky preference spelled out as off', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    // Nothing that would hand Node or Blink features to the page.
    for (const key of ['nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'enableBlinkFeatures', 'additionalArguments', 'partition'] as const) {
      expect(prefs[key], key).toBeUndefined();
    }
  });

  it('loads the app page over app:// with the preload beside main', () => {
    const w = createWindow();
    expect(windows).toHaveLength(1);
    expect(w).toBe(windows[0]);
    expect(windows[0]!.loaded).toBe('app://renderer/index.html');
    expect(path.basename(String((windows[0]!.options.webPreferences as { preload: string }).preload))).toBe('preload.cjs');
  });
});

describe('the file a second start is given', () => {
  it('is the spreadsheet on its command line, resolved against its folder', () => {
    expect(givenFile(['/opt/组工台账/zugong', '--original-process-start-time=1', '回收/宁城县.xlsx'], '/home/user')).toBe('/home/user/回收/宁城县.xlsx');
    expect(givenFile(['zugong.exe', '/data/台账.XLS'], '/')).toBe('/data/台账.XLS');
    expect(givenFile(['zugong', '/data/a.ods'], '/')).toBe('/data/a.ods');
    expect(givenFile(['zugong', '/data/a.csv'], '/')).toBe('/data/a.csv');
  });

  it('is none for a start without one, a switch, or a file of another kind', () => {
    expect(givenFile(['/opt/组工台账/zugong'], '/home/user')).toBeNull();
    // The first entry is the program itself, even when it looks like a spreadsheet.
    expect(givenFile(['/tmp/trick.xlsx'], '/')).toBeNull();
    expect(givenFile(['zugong', '--file=/data/a.xlsx', '/data/notes.txt', '/data/x.db'], '/')).toBeNull();
  });
});

describe('the 帮助 menu', () => {
  type Item = { label?: string; accelerator?: string; registerAccelerator?: boolean; click?: (item: unknown, w: unknown) => void; submenu?: Item[] };
  const help = () => {
    installMenu();
    return (Menu.menu as Item[]).find((m) => m.label === '帮助')!.submenu!;
  };
  const item = (label: string) => help().find((i) => i.label === label)!;

  it('opens the manual in the window as F1 does, showing F1 without taking the key from the page', () => {
    const w = createWindow();
    const manual = item('用户手册');
    expect(manual).toMatchObject({ accelerator: 'F1', registerAccelerator: false });
    manual.click!(manual, w);
    expect(windows[0]!.webContents.inputEvents).toEqual([
      { type: 'keyDown', keyCode: 'F1' },
      { type: 'keyUp', keyCode: 'F1' },
    ]);
  });

  it('opens the printable PDF beside the program, or says where it was looked for', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-manual-'));
    try {
      app.appPath = dir;
      item('打印版用户手册（PDF）').click!(undefined, undefined);
      await expect.poll(() => dialog.messages.length).toBe(1);
      expect(String(dialog.messages[0]!.detail)).toContain(path.join(dir, 'docs', '用户手册.pdf'));
      expect(shell.opened).toEqual([]);

      fs.mkdirSync(path.join(dir, 'docs'));
      fs.writeFileSync(path.join(dir, 'docs', '用户手册.pdf'), '%PDF-1.4');
      item('打印版用户手册（PDF）').click!(undefined, undefined);
      await expect.poll(() => shell.opened).toEqual([path.join(dir, 'docs', '用户手册.pdf')]);
      expect(dialog.messages).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
