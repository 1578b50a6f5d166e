/**
 * The browser harness: the same core behind HTTP, for `npm start` on machines
 * without the Electron binary, and for end-to-end tests in Chromium.
 * Safety: binds 127.0.0.1 only, checks the Host header (no DNS rebinding), and
 * every API call must carry the random per-run token the URL was opened with.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { eventNames } from '../../../shared/contract/events.ts';
import { pack } from '../../../shared/contract/packing.ts';
import { toAppError, type Core } from '../createCore.ts';

export interface Harness {
  /** Open this: the token travels in the fragment, never to the server's logs. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

// A file dropped for import arrives as base64: 100 MB of file, a third more on the wire.
const MAX_BODY = 140 * 1024 * 1024;

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

const refuse = (res: http.ServerResponse, message: string) => send(res, 400, { ok: false, error: { code: 'INVALID_ARGS', message } });

/** The body, whole; `null` when it is longer than `max` (the rest is read and dropped, so the client hears the answer). */
function readBody(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A call as the page sends it: a JSON object whose `method` is a string; anything else is the reason it is not. */
function parseCall(raw: Buffer): { method: string; args: unknown } | string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return '请求内容不是有效的 UTF-8 文本。';
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '请求内容不是有效的 JSON。';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { method?: unknown }).method !== 'string') {
    return '请求内容应为 JSON 对象 {"method": 操作名, "args": 参数}，其中操作名是文字。';
  }
  return { method: (body as { method: string }).method, args: (body as { args?: unknown }).args };
}

/**
 * `core`: a core in this process (tests) or the client of one in its own process (`npm start`).
 * `maxBody`: the longest request body taken, in bytes (tests lower it).
 */
export async function startHarness(core: Pick<Core, 'invoke' | 'on'>, options: { staticDir: string; port?: number; token?: string; maxBody?: number }): Promise<Harness> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = path.resolve(options.staticDir);
  const maxBody = options.maxBody ?? MAX_BODY;
  let port = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 403, { ok: false, error: { code: 'UNAUTHORIZED', message: '只接受本机地址的访问。' } });
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname === '/api/invoke' && req.method === 'POST') {
      const auth = req.headers.authorization?.replace(/^Bearer /, '');
      if (!sameToken(auth, token)) {
        send(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: '访问令牌无效：请使用启动时显示的完整地址打开。' } });
        return;
      }
      const raw = await readBody(req, maxBody);
      if (raw === null) return refuse(res, `请求内容超过 ${maxBody >= 1 << 20 ? `${Math.round(maxBody / (1 << 20))} MB` : `${Math.ceil(maxBody / 1024)} KB`}，已拒绝。`);
      const call = parseCall(raw);
      if (typeof call === 'string') return refuse(res, call);
      send(res, 200, pack(await core.invoke(call.method, call.args)));
      return;
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!sameToken(url.searchParams.get('token'), token)) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      const offs = eventNames.map((name) =>
        core.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
      );
      req.on('close', () => offs.forEach((off) => off()));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(staticDir, url.pathname, res);
  }

  // Whatever goes wrong with one request (a throw, a rejection, a broken connection) ends that request, never the process.
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      try {
        if (res.headersSent || res.destroyed) res.destroy();
        else send(res, 500, { ok: false, error: toAppError(e).toData() });
      } catch {
        res.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  if (rel === '/' || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('界面尚未构建：请先运行 npm run build:renderer。');
    return;
  }
  const headers: Record<string, string> = {
    'content-type': mimeTypes[path.extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
  };
  if (file.endsWith('.html')) {
    headers['content-security-policy'] = contentSecurityPolicy;
    headers['cache-control'] = 'no-store';
  }
  res.writeHead(200, headers);
  fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
