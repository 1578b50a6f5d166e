/** Nothing the page does may open windows, navigate away, or gain permissions; files are served from the renderer folder only. */
import path from 'node:path';
import fs from 'node:fs';
import { app, net, protocol, session } from 'electron';
import { contentSecurityPolicy } from '../core/http/harness.ts';

export const SCHEME = 'app';
export const ORIGIN = `${SCHEME}://renderer`;

/** Must run before the app is ready. */
export function registerScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function lockDown(rendererDir: string): void {
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
