import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { buildSeed, writeSeed } from '../../electron/core/services/seed/index.ts';
import type { SeedSize } from '../../electron/core/services/seed/generate.ts';

export const fixedNow = new Date('2026-03-15T02:00:00Z');

export function tempDir(prefix = 'zugong-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function fileHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export async function openCore(dbPath: string): Promise<Core> {
  return createCore({ dbPath, now: () => fixedNow, actor: '测试', host: 'loopback' });
}

/** A real core on a real SQLite file in a temp folder, optionally seeded. */
export async function seededCore(size: SeedSize | null, seed = 1): Promise<{ core: Core; dir: string; dbPath: string }> {
  const dir = tempDir();
  const dbPath = path.join(dir, 'test.db');
  const core = await openCore(dbPath);
  if (size) {
    const now = fixedNow.toISOString();
    await writeSeed(core.conn, buildSeed({ size, seed, year: 2026, now }), { actor: '测试', now, seed });
  }
  return { core, dir, dbPath };
}
