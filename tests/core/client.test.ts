/** The renderer's typed client over each transport that can run here: loopback and HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, httpTransport } from '../../renderer/src/api/client.ts';
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
});
