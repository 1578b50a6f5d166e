/**
 * What the page may do: nothing but show the app. It may not open windows, navigate or be
 * redirected away, attach webviews or gain permissions; only the app's own page may call the
 * core; files are served from the renderer folder only, each with the CSP. See docs/shell.md.
 */
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { app, net, protocol, session, type Session } from 'electron';
import { contentSecurityPolicy } from '../core/http/harness.ts';

export const SCHEME = 'app';
const HOST = 'renderer';
export const ORIGIN = `${SCHEME}://${HOST}`;

/** Must run before the app is ready. */
export function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Whether `url` is a page of the app: exactly app://renderer, compared part by part after
 * parsing. A prefix test lets app://renderer.evil, app://rendererX or app://renderer@evil through;
 * URL.origin cannot be used, as it is "null" for a scheme Node does not know.
 */
export function isAppOrigin(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${SCHEME}:` && u.host === HOST && u.username === '' && u.password === '';
}

/** Whether a call comes from the app's page itself: its main frame, not a frame inside it. */
export function isAppFrame(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppOrigin(frame.url);
}

/**
 * The one permission the page is given: writing the cells a person copied from the grid's
 * context menu to the clipboard (useClipboard.ts), and only for the app's own page. Reading the
 * clipboard, notifications, media, devices, location and the rest are refused.
 */
function allowed(permission: string, origin: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && isAppOrigin(origin);
}

/** Permission requests, checks and device access refused, on one session. */
export function lockSession(s: Session): void {
  s.setPermissionRequestHandler((_wc, permission, callback, details) => callback(allowed(permission, details.requestingUrl)));
  s.setPermissionCheckHandler((_wc, permission, requestingOrigin) => allowed(permission, requestingOrigin));
  s.setDevicePermissionHandler(() => false);
}

export function lockDown(rendererDir: string): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // A navigation in any frame and a redirect of one are both refused unless they stay in the app.
    contents.on('will-navigate', (event) => {
      if (!isAppOrigin(event.url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAppOrigin(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAppOrigin(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // The window uses the default session; any other one Chromium makes is locked the same way.
  lockSession(session.defaultSession);
  app.on('session-created', lockSession);
  protocol.handle(SCHEME, (request) => serveRenderer(rendererDir, request.url));
}

const refused = () => new Response('Not found', { status: 404, headers: guarded() });

function guarded(from?: Headers): Headers {
  const headers = new Headers(from);
  headers.set('Content-Security-Policy', contentSecurityPolicy);
  headers.set('X-Content-Type-Options', 'nosniff');
  return headers;
}

/** A file of the renderer folder for an app:// request, with the CSP; a 404 (also with it) for anything else. */
export async function serveRenderer(rendererDir: string, requestUrl: string): Promise<Response> {
  const file = rendererFile(rendererDir, requestUrl);
  if (file === null) return refused();
  const response = await net.fetch(pathToFileURL(file).href);
  return new Response(response.body, { status: response.status, headers: guarded(response.headers) });
}

/**
 * The file an app:// URL names, or null unless it is a regular file inside the renderer folder.
 * Each path segment is decoded on its own and refused if it could change folders once decoded
 * (`..`, an encoded / or \, a NUL), so no spelling reaches a sibling such as renderer-secret;
 * the real path, links resolved, must still be inside the folder.
 */
export function rendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${SCHEME}:` || url.host !== HOST || url.username !== '' || url.password !== '') return null;
  const segments: string[] = [];
  for (const raw of url.pathname.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) return null;
  const root = path.resolve(rendererDir);
  const file = path.join(root, ...segments);
  if (!inside(root, file)) return null;
  try {
    const real = fs.realpathSync.native(file);
    if (!inside(fs.realpathSync.native(root), real) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
