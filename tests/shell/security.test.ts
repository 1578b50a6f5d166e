/**
 * What the page may do, with electron/main/security.ts loaded against the stand-in: navigation,
 * redirects, new windows and webviews refused; permissions refused on every session; the app's
 * origin told exactly; app:// serving only files inside the renderer folder, each with the CSP.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/core/http/harness.ts';
import { isAppFrame, isAppOrigin, lockDown, registerScheme } from '../../electron/main/security.ts';
import { tempDir } from '../helpers/core.ts';
import { app, BrowserWindow, protocol, resetStandIn, session } from './electron-stand-in.ts';

/** A folder holding the renderer, and beside it what the page must never read. */
let root: string;
let rendererDir: string;

beforeAll(() => {
  root = tempDir('zugong-shell-');
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>组工台账</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', '名 称#1.js'), 'console.log(2)');
  fs.mkdirSync(path.join(root, 'renderer-secret'));
  fs.writeFileSync(path.join(root, 'renderer-secret', 'key.txt'), 'SECRET-SIBLING');
  fs.writeFileSync(path.join(root, 'zugong.db'), 'SECRET-DATABASE');
  // Links inside the folder: one leading out of it, one to a file inside it.
  fs.symlinkSync(path.join(root, 'zugong.db'), path.join(rendererDir, 'assets', 'db.js'));
  fs.symlinkSync(path.join(root, 'renderer-secret'), path.join(rendererDir, 'secret-dir'));
  fs.symlinkSync(path.join(rendererDir, 'assets', 'index-abc.js'), path.join(rendererDir, 'alias.js'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

beforeEach(() => {
  resetStandIn();
  registerScheme();
  lockDown(rendererDir);
});

describe('the app origin', () => {
  it('is exactly app://renderer, parsed, not a prefix', () => {
    for (const url of ['app://renderer/index.html', 'app://renderer/', 'app://renderer', 'app://renderer/#/import', 'app://renderer/assets/x.js?v=1']) {
      expect(isAppOrigin(url), url).toBe(true);
    }
    for (const url of [
      'app://renderer.evil/index.html',
      'app://rendererX/index.html',
      'app://renderer-x/',
      'app://renderer@evil/',
      'app://renderer:80/',
      'app://user:pw@renderer/',
      'apps://renderer/',
      'https://renderer/',
      'http://localhost/',
      'file:///app/renderer/index.html',
      'app:/renderer/index.html',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppOrigin(url), url).toBe(false);
    }
    expect(isAppOrigin(undefined)).toBe(false);
  });

  it('calls count only from the main frame of the app page', () => {
    const main = { url: 'app://renderer/index.html', parent: null };
    expect(isAppFrame(main)).toBe(true);
    expect(isAppFrame({ url: 'app://renderer/frame.html', parent: main })).toBe(false);
    expect(isAppFrame({ url: 'app://renderer.evil/', parent: null })).toBe(false);
    expect(isAppFrame(null)).toBe(false);
  });
});

describe('the page stays the app', () => {
  it('navigates and is redirected only within the app', () => {
    const w = new BrowserWindow({});
    const contents = w.webContents;
    expect(contents.navigate('app://renderer/index.html#/ledger')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://renderer.evil/', 'app://rendererX/index.html', 'javascript:alert(1)']) {
      expect(contents.navigate(url), url).toBe(false);
      expect(contents.redirect(url), url).toBe(false);
    }
    expect(contents.redirect('app://renderer/index.html')).toBe(true);
  });

  it('opens no window and attaches no webview', () => {
    const contents = new BrowserWindow({}).webContents;
    expect(contents.openWindow('https://example.com/')).toBe('deny');
    expect(contents.openWindow('app://renderer/index.html')).toBe('deny');
    expect(contents.attachWebview('https://example.com/')).toBe(false);
  });
});

describe('permissions', () => {
  const kinds = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'serial', 'usb', 'display-capture', 'fullscreen', 'unknown'];

  it('are refused on request and on check, on the default session and on any session made later', async () => {
    const sessions = [session.defaultSession, app.newSession()];
    for (const s of sessions) {
      for (const kind of kinds) {
        await expect(s.request(kind, 'app://renderer/index.html'), kind).resolves.toBe(false);
        expect(s.check(kind, 'app://renderer'), kind).toBe(false);
      }
      expect(s.device('app://renderer')).toBe(false);
    }
  });

  it('allow only the grid writing what a person copied to the clipboard, and only for the app page', async () => {
    const s = session.defaultSession;
    expect(s.check('clipboard-sanitized-write', 'app://renderer')).toBe(true);
    await expect(s.request('clipboard-sanitized-write', 'app://renderer/index.html')).resolves.toBe(true);
    expect(s.check('clipboard-sanitized-write', 'app://renderer.evil')).toBe(false);
    await expect(s.request('clipboard-sanitized-write', 'https://example.com/')).resolves.toBe(false);
  });
});

describe('app://', () => {
  const body = async (url: string) => {
    const r = await protocol.fetch(url);
    return { status: r.status, text: await r.text(), csp: r.headers.get('content-security-policy') };
  };

  it('is registered as a standard, secure scheme', () => {
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('serves the renderer folder with the CSP on every response, a refusal included', async () => {
    const page = await body('app://renderer/index.html');
    expect(page).toEqual({ status: 200, text: '<!doctype html><title>组工台账</title>', csp: contentSecurityPolicy });
    // A name with a space, CJK and # reaches its file (a file: URL made by hand would cut it at #).
    expect(await body('app://renderer/assets/%E5%90%8D%20%E7%A7%B0%231.js')).toEqual({ status: 200, text: 'console.log(2)', csp: contentSecurityPolicy });
    expect(await body('app://renderer/alias.js')).toMatchObject({ status: 200, text: 'console.log(1)' });
    const missing = await body('app://renderer/nothing.js');
    expect(missing).toMatchObject({ status: 404, csp: contentSecurityPolicy });
  });

  it('has a strict CSP: scripts only from the app, no eval, no remote host, no plugins, no framing', () => {
    const directives = new Map(contentSecurityPolicy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    for (const [name, values] of directives) {
      for (const v of values) {
        // Only keywords and the local schemes data: and blob: (images and fonts the bundle inlines).
        expect(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:'], `${name} ${v}`).toContain(v);
      }
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  });

  it('never serves a file outside the renderer folder, however the path is spelled', async () => {
    const outside = [
      // The sibling folder whose name starts like the renderer's: a prefix test let it through.
      'app://renderer/..%2frenderer-secret/key.txt',
      'app://renderer/%2e%2e%2frenderer-secret%2fkey.txt',
      'app://renderer/%2E%2E/renderer-secret/key.txt',
      'app://renderer/assets/..%2f..%2fzugong.db',
      'app://renderer/..%5crenderer-secret%5ckey.txt',
      'app://renderer/..\\renderer-secret\\key.txt',
      'app://renderer/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://renderer/assets/index-abc.js%00.png',
      'app://renderer/%252e%252e/zugong.db',
      'app://renderer/%E0%A4%A',
      // Links inside the folder that lead out of it.
      'app://renderer/assets/db.js',
      'app://renderer/secret-dir/key.txt',
      // Another host of the scheme, or no file at all.
      'app://renderer-secret/key.txt',
      'app://renderer.evil/index.html',
      'app://renderer/',
      'app://renderer/assets',
      'app://renderer/assets/',
    ];
    for (const url of outside) {
      const r = await body(url);
      expect(r.status, url).toBe(404);
      expect(r.text, url).not.toMatch(/SECRET|root:/);
      expect(r.csp, url).toBe(contentSecurityPolicy);
    }
  });
});
