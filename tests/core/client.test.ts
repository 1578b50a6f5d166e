/** The renderer's typed client over each transport that can run here: loopback and HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApi, httpTransport, type Transport } from '../../renderer/src/api/client.ts';
import type { Core } from '../../electron/core/createCore.ts';
import { startHarness, type Harness } from '../../electron/core/http/harness.ts';
import { AppError } from '../../shared/contract/errors.ts';
import { seededCore, tempDir } from '../helpers/core.ts';
import { loopbackTransport } from '../helpers/loopback.ts';

describe('renderer api client', () => {
  let core: Core;
  let harness: Harness;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 2));
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '');
    harness = await startHarness(core, { staticDir: dir });
  });
  afterAll(async () => {
    await harness.close();
    await core.close();
  });

  for (const [name, make] of [
    ['loopback', () => createApi(loopbackTransport(core))],
    ['http', () => createApi(httpTransport(harness.origin, harness.token))],
  ] as const) {
    it(`${name}: returns typed results and throws AppError with the Chinese message`, async () => {
      const api = make();
      const roots = await api.call('org.children', { parentId: null });
      expect(roots.nodes[0]?.level).toBe('city');
      const error = await api.call('org.children', { parentId: 123456 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('找不到编号为 123456 的党组织') });
    });
  }

  it('http: a wrong token is refused with a Chinese message', async () => {
    const api = createApi(httpTransport(harness.origin, 'wrong'));
    await expect(api.call('app.info', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('访问令牌无效') });
  });

  describe('answers asked for early (the window opening on a page)', () => {
    /** The loopback transport, counting what reaches the core; `refuseFirst` refuses the first call of that method. */
    function counting(refuseFirst?: string) {
      const base = loopbackTransport(core);
      const asked: string[] = [];
      const transport: Transport = {
        ...base,
        invoke(method, args) {
          asked.push(method);
          if (method === refuseFirst && asked.filter((m) => m === method).length === 1) {
            return Promise.resolve({ ok: false, error: { code: 'LOCKED', message: '已锁定，请输入密码。' } });
          }
          return base.invoke(method, args);
        },
      };
      return { api: createApi(transport), asked };
    }
    afterEach(() => void vi.useRealTimers());

    it('the page’s call takes the answer asked early, once, whatever the order its arguments are written in', async () => {
      const { api, asked } = counting();
      const year = (await core.call('ledger.years', {}))[0]!;
      const unit = (await core.call('org.children', { parentId: null })).nodes[0]!.id;
      const early = api.prefetch('ledger.list', { year, limit: 5, scopeOrgId: unit });
      // Asked twice early (at start, and as the page is drawn): one call reaches the core.
      void api.prefetch('ledger.list', { scopeOrgId: unit, year, limit: 5 });
      const taken = await api.call('ledger.list', { limit: 5, scopeOrgId: unit, year });
      expect(taken).toEqual(await early);
      expect(taken.rows).toEqual((await core.call('ledger.list', { year, scopeOrgId: unit, limit: 5 })).rows);
      expect(asked).toEqual(['ledger.list']);
      // The next call asks the core again, and so does a later ask (the answer was taken).
      void api.prefetch('ledger.list', { year, limit: 5, scopeOrgId: unit });
      await api.call('ledger.list', { year, limit: 5, scopeOrgId: unit });
      expect(asked).toEqual(['ledger.list', 'ledger.list']);
    });

    it('a change made before the page asks drops what was asked early: the page sees the change', async () => {
      const { api, asked } = counting();
      const year = (await core.call('ledger.years', {}))[0]!;
      const [row] = (await core.call('ledger.list', { year, limit: 1 })).rows;
      await api.prefetch('ledger.list', { year, limit: 1 });
      await api.call('ledger.edit', { changes: [{ id: row!.id, field: 'notes', value: '提前读取之后的修改' }], source: 'typed' });
      const seen = await api.call('ledger.list', { year, limit: 1 });
      expect(seen.rows[0]!.notes).toBe('提前读取之后的修改');
      expect(asked).toEqual(['ledger.list', 'ledger.edit', 'ledger.list']);
    });

    it('a refusal asked early (the window was locked then) is asked again, not passed on', async () => {
      const { api, asked } = counting('ledger.years');
      await expect(api.prefetch('ledger.years', {})).rejects.toMatchObject({ code: 'LOCKED' });
      await expect(api.call('ledger.years', {})).resolves.toEqual(await core.call('ledger.years', {}));
      expect(asked).toEqual(['ledger.years', 'ledger.years']);
    });

    it('an answer already here is drawn with at once (takeAnswered), once; one still on its way is left for the call', async () => {
      const { api, asked } = counting();
      const years = await api.prefetch('ledger.years', {});
      expect(api.takeAnswered('ledger.years', {})).toEqual(years);
      expect(api.takeAnswered('ledger.years', {})).toBeUndefined();
      await api.call('ledger.years', {});
      expect(asked).toEqual(['ledger.years', 'ledger.years']);
      const views = api.prefetch('view.list', { grid: 'ledger' });
      expect(api.takeAnswered('view.list', { grid: 'ledger' })).toBeUndefined();
      await expect(api.call('view.list', { grid: 'ledger' })).resolves.toEqual(await views);
      expect(asked).toEqual(['ledger.years', 'ledger.years', 'view.list']);
    });

    it('an answer inside another answer (expect) is taken by its own call; when that answer fails, the call asks the core', async () => {
      const { api, asked } = counting();
      const opening = api.prefetch('ledger.opening', { limit: 5 });
      api.expect('ledger.years', {}, opening.then((o) => o.years));
      await expect(api.call('ledger.years', {})).resolves.toEqual(await core.call('ledger.years', {}));
      expect(asked).toEqual(['ledger.opening']);
      api.expect('dict.list', {}, Promise.reject(new Error('首屏答复失败')));
      await expect(api.call('dict.list', {})).resolves.toEqual(await core.call('dict.list', {}));
      expect(asked).toEqual(['ledger.opening', 'dict.list']);
    });

    it('an answer nobody takes within ten seconds is not taken later', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const { api, asked } = counting();
      await api.prefetch('dict.list', {});
      vi.setSystemTime(Date.now() + 11_000);
      await api.call('dict.list', {});
      expect(asked).toEqual(['dict.list', 'dict.list']);
    });
  });
});
