/** Runs a benchmark's child process on the core bundled as the packaged app bundles it (scripts/build-electron.ts). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleLikeMain } from '../scripts/build-electron.ts';

export async function runBundled<T>(entry: string, args: string[]): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-bundle-'));
  try {
    const bundle = await bundleLikeMain(path.join(import.meta.dirname, entry), dir);
    const env = { ...process.env, NODE_PATH: path.resolve(import.meta.dirname, '../node_modules') };
    return JSON.parse(execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8', env })) as T;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
