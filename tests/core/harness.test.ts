import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore, tempDir } from '../helpers/core.ts';

function request(port: number, options: { path: string; method?: string; host?: string; token?: string; body?: unknown }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET',
        headers: {
          host: options.host ?? `127.0.0.1:${port}`,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          'content-type': 'application/json',
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

describe('http harness', () => {
  let core: Core;
  let harness: Harness;
  beforeAll(async () => {
    ({ core } = await seededCore('small'));
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>组工台账</title>');
    harness = await startHarness(core, { staticDir });
  });
  afterAll(async () => {
    await harness.close();
    await core.close();
  });

  it('listens on 127.0.0.1 only, with the token in the URL fragment', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('answers calls that carry the token', async () => {
    const r = await request(harness.port, { path: '/api/invoke', method: 'POST', token: harness.token, body: { method: 'stats.summary', args: {} } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { branchesByCounty: [expect.anything()] } });
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    const none = await request(harness.port, { path: '/api/invoke', method: 'POST', body: { method: 'app.info', args: {} } });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.message).toContain('访问令牌无效');
    const wrong = await request(harness.port, { path: '/api/invoke', method: 'POST', token: 'x'.repeat(32), body: { method: 'app.info', args: {} } });
    expect(wrong.status).toBe(401);
  });

  it('refuses another Host (DNS rebinding) and serves pages with a strict CSP', async () => {
    const rebound = await request(harness.port, { path: '/', host: 'evil.example:80' });
    expect(rebound.status).toBe(403);
    const page = await request(harness.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const escape = await request(harness.port, { path: '/..%2f..%2fetc%2fpasswd' });
    expect(escape.body).not.toContain('root:');
  });
});
