/**
 * A stand-in for the `electron` module, so electron/main and electron/preload run in Node
 * (the Electron binary cannot be downloaded here). The shell's vitest project resolves
 * `electron` to this file. It records what the code registers — window options, app events,
 * session and protocol handlers, IPC handlers, what the preload exposes — and lets a test fire
 * what Electron would: a navigation, a redirect, a new window, a permission request or check,
 * an IPC call from a given frame, a protocol request, a second start with its argv.
 * Only what the shell uses is here; what it does not use is absent, so a new use fails loudly.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannelMain, utilityProcess as coreProcesses } from '../core-host/electron.ts';

/** An event whose default a listener may prevent (navigation, redirect, webview). */
export class StandInEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface Frame {
  url: string;
  parent: Frame | null;
}

export class WebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly mainFrame: Frame = { url: '', parent: null };
  url = '';

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  readonly inputEvents: { type: string; keyCode: string }[] = [];
  sendInputEvent(event: { type: string; keyCode: string }): void {
    this.inputEvents.push(event);
  }
  getURL(): string {
    return this.url;
  }

  /** The page asks to navigate (`will-navigate` and `will-frame-navigate`): whether it may. */
  navigate(url: string): boolean {
    return this.fire('will-navigate', url) && this.fire('will-frame-navigate', url);
  }
  /** A navigation is redirected by the server to `url`: whether it may follow. */
  redirect(url: string): boolean {
    return this.fire('will-redirect', url);
  }
  /** The page calls window.open or a link has target=_blank: what the handler decides. */
  openWindow(url: string): string {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }).action : 'allow (no handler)';
  }
  /** The page holds a <webview>: whether it may be attached. */
  attachWebview(src: string): boolean {
    const event = new StandInEvent(src);
    this.emit('will-attach-webview', event, { src }, { src });
    return !event.defaultPrevented;
  }
  private fire(name: string, url: string): boolean {
    const event = new StandInEvent(url);
    this.emit(name, event, url, false, true, 1, 1);
    return !event.defaultPrevented;
  }
}

type PermissionRequest = (wc: WebContents | null, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
type PermissionCheck = (wc: WebContents | null, permission: string, requestingOrigin: string, details: object) => boolean;

export class Session {
  requestHandler: PermissionRequest | null = null;
  checkHandler: PermissionCheck | null = null;
  deviceHandler: ((details: object) => boolean) | null = null;

  setPermissionRequestHandler(h: PermissionRequest | null): void {
    this.requestHandler = h;
  }
  setPermissionCheckHandler(h: PermissionCheck | null): void {
    this.checkHandler = h;
  }
  setDevicePermissionHandler(h: ((details: object) => boolean) | null): void {
    this.deviceHandler = h;
  }

  /** A page asks for a permission; with no handler Electron grants it. */
  request(permission: string, requestingUrl: string): Promise<boolean> {
    const h = this.requestHandler;
    if (!h) return Promise.resolve(true);
    return new Promise((resolve) => h(null, permission, resolve, { requestingUrl, isMainFrame: true }));
  }
  /** Chromium checks a permission (clipboard, notifications…); with no handler Electron says yes. */
  check(permission: string, requestingOrigin: string): boolean {
    return this.checkHandler ? this.checkHandler(null, permission, requestingOrigin, {}) : true;
  }
  /** A page asks for a HID, serial or USB device; with no handler Electron asks the page's permission. */
  device(origin: string): boolean | 'unhandled' {
    return this.deviceHandler ? this.deviceHandler({ deviceType: 'usb', origin }) : 'unhandled';
  }
}

export const windows: BrowserWindow[] = [];

export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  loaded: string | null = null;
  minimized = false;
  focused = false;
  restored = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    windows.push(this);
    app.emit('web-contents-created', new StandInEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {}
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.restored = true;
  }
  focus(): void {
    this.focused = true;
  }
}

class App extends EventEmitter {
  lockGranted = true;
  quitCalls = 0;
  whenReadyCalls = 0;
  paths: Record<string, string> = {};
  private readyResolve: () => void = () => undefined;
  private readyPromise = this.notReady();

  private notReady(): Promise<void> {
    return new Promise<void>((r) => (this.readyResolve = r));
  }
  /** Before ready again (a test starts main.ts afresh). */
  reset(): void {
    this.removeAllListeners();
    this.lockGranted = true;
    this.quitCalls = 0;
    this.whenReadyCalls = 0;
    this.paths = {};
    this.isPackaged = false;
    this.appPath = '/app';
    this.readyPromise = this.notReady();
  }

  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  quit(): void {
    this.quitCalls++;
  }
  whenReady(): Promise<void> {
    this.whenReadyCalls++;
    return this.readyPromise;
  }
  getPath(name: string): string {
    const p = this.paths[name];
    if (!p) throw new Error(`stand-in: app.getPath('${name}') has no folder set`);
    return p;
  }
  getVersion(): string {
    return '0.0.0-shell-test';
  }
  isPackaged = false;
  appPath = '/app';
  getAppPath(): string {
    return this.appPath;
  }

  /** Electron is ready: what waited on whenReady() runs. */
  ready(): void {
    this.readyResolve();
  }
  /** The app is started again: `argv` as the second instance got it. */
  secondInstance(argv: string[], workingDirectory: string): void {
    this.emit('second-instance', new StandInEvent(), argv, workingDirectory, {});
  }
  /** Chromium makes another session (a partition, a service worker's). */
  newSession(): Session {
    const s = new Session();
    this.emit('session-created', s);
    return s;
  }
}

export const app = new App();
export const session = { defaultSession: new Session() };

type ProtocolHandler = (request: { url: string; method: string }) => Response | Promise<Response>;
export const protocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  },
  /** The page loads `url` of a scheme the app handles. */
  async fetch(url: string): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`stand-in: no handler for ${url}`);
    return handler({ url, method: 'GET' });
  },
};

/** Electron's net.fetch, for the file: URLs the protocol handler serves: the file as it is on disk. */
export const net = {
  fetched: [] as string[],
  async fetch(url: string): Promise<Response> {
    this.fetched.push(url);
    if (!url.startsWith('file:')) throw new Error(`stand-in: net.fetch of ${url} (only file: is expected)`);
    const data = await fs.promises.readFile(fileURLToPath(url));
    return new Response(data, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
  },
};

type IpcMainHandler = (event: { sender: WebContents; senderFrame: Frame | null }, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, IpcMainHandler>(),
  handle(channel: string, handler: IpcMainHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  /** The page in `frame` calls ipcRenderer.invoke(channel, ...args). */
  async invoke(channel: string, frame: Frame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ sender: windows[0]?.webContents ?? new WebContents(), senderFrame: frame }, ...args);
  },
};

type RendererListener = (event: object, ...args: unknown[]) => void;
export const ipcRenderer = {
  invoked: [] as { channel: string; args: unknown[] }[],
  listeners: new Map<string, Set<RendererListener>>(),
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: `reply to ${channel}` });
  },
  on(channel: string, listener: RendererListener): void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  },
  removeListener(channel: string, listener: RendererListener): void {
    this.listeners.get(channel)?.delete(listener);
  },
  /** Main sends to the page on `channel`. */
  deliver(channel: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(channel) ?? []) l({}, ...args);
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export const dialog = {
  errors: [] as { title: string; content: string }[],
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  },
  messages: [] as Record<string, unknown>[],
  showMessageBox(options: Record<string, unknown>): Promise<{ response: number }> {
    this.messages.push(options);
    return Promise.resolve({ response: 0 });
  },
  showSaveDialog(): Promise<{ canceled: boolean; filePath?: string }> {
    return Promise.resolve({ canceled: true });
  },
  showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    return Promise.resolve({ canceled: true, filePaths: [] });
  },
};

export const Menu = {
  menu: null as unknown,
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu(menu: unknown): void {
    this.menu = menu;
  },
};

export const shell = {
  opened: [] as string[],
  openPath(p: string): Promise<string> {
    this.opened.push(p);
    return Promise.resolve('');
  },
  showItemInFolder: () => undefined,
};

/** Everything recorded is forgotten; a test that loads main.ts again also calls vi.resetModules(). */
export function resetStandIn(): void {
  windows.length = 0;
  app.reset();
  session.defaultSession = new Session();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  net.fetched.length = 0;
  ipcMain.handlers.clear();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.listeners.clear();
  contextBridge.exposed.clear();
  dialog.errors.length = 0;
  dialog.messages.length = 0;
  shell.opened.length = 0;
}

/**
 * The core's process: the stand-in of tests/core-host (its fork starts a real Node child). Main
 * asks for core.cjs beside itself, which only the build makes: a test that starts main bundles
 * the core first and names the bundle here.
 */
export const coreBundle = { path: '' };
export { MessageChannelMain };
export const utilityProcess = {
  fork: (modulePath: string, args: string[] = []) => coreProcesses.fork(modulePath.endsWith('core.cjs') && coreBundle.path ? coreBundle.path : modulePath, args),
};
