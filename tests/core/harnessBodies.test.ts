/** No request can crash the harness (issue 12, item 8): every body that is not a call gets 400 in Chinese, and it keeps serving. */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore, tempDir } from '../helpers/core.ts';

/** A raw POST to /api/invoke: the bytes as given, not re-encoded. */
function post(h: Harness, body: Buffer | string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: h.port, path: '/api/invoke', method: 'POST', headers: { host: `127.0.0.1:${h.port}`, authorization: `Bearer ${h.token}`, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function stillServes(h: Harness): Promise<void> {
  const r = await post(h, JSON.stringify({ method: 'app.info', args: {} }));
  expect(r.status).toBe(200);
  expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { name: '组工台账' } });
}

describe('the harness and bodies that are not calls', () => {
  let core: Core;
  let harness: Harness;
  let staticDir: string;
  beforeAll(async () => {
    ({ core } = await seededCore(null));
    staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>组工台账</title>');
    harness = await startHarness(core, { staticDir, maxBody: 64 * 1024 });
  });
  afterAll(async () => {
    await harness.close();
    await core.close();
  });

  it.each([
    ['null', 'null', /JSON 对象/],
    ['an array', '[{"method":"app.info"}]', /JSON 对象/],
    ['a number', '42', /JSON 对象/],
    ['a string', '"app.info"', /JSON 对象/],
    ['a method that is an object', '{"method":{"toString":1}}', /操作名是文字/],
    ['a method that is null', '{"method":null,"args":{}}', /操作名是文字/],
    ['no method', '{"args":{}}', /操作名是文字/],
    ['broken JSON', '{"method":', /不是有效的 JSON/],
    ['an empty body', '', /不是有效的 JSON/],
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"method":"app.info","args":{"x":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}')]), /不是有效的 UTF-8/],
    ['an over-long body', JSON.stringify({ method: 'app.info', args: { pad: 'x'.repeat(200 * 1024) } }), /超过/],
  ])('answers %s with 400 and a Chinese message, and keeps serving', async (_what, body, message) => {
    const r = await post(harness, body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', message: expect.stringMatching(message) } });
    await stillServes(harness);
  });

  it('answers a call that fails inside (the core rejects, or its answer cannot be sent) with a Chinese error, and keeps serving', async () => {
    const failing: Core[] = [
      { ...core, invoke: () => Promise.reject(new Error('磁盘故障')) },
      // An answer the packing cannot walk.
      { ...core, invoke: async () => ({ ok: true, value: Object.defineProperty({}, 'broken', { enumerable: true, get: () => { throw new Error('无法读取'); } }) }) },
    ];
    for (const broken of failing) {
      const h = await startHarness(broken, { staticDir });
      try {
        const r = await post(h, JSON.stringify({ method: 'app.info', args: {} }));
        expect(r.status).toBe(500);
        expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/^程序内部错误：(磁盘故障|无法读取)/) } });
        const page = await new Promise<number>((resolve) => http.get({ host: '127.0.0.1', port: h.port, path: '/', headers: { host: `127.0.0.1:${h.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', () => resolve(0)));
        expect(page).toBe(200);
      } finally {
        await h.close();
      }
    }
    await stillServes(harness);
  });
});
