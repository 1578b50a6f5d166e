/** Benchmark children run on the core bundled as the packaged app bundles it (scripts/build-electron.ts). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleLikeMain } from '../scripts/build-electron.ts';

/** Bundles bench/`entry` once; `run` starts a process on it and returns what it printed. */
export async function bundled(entry: string, options: { compileCache?: boolean } = {}): Promise<{ run(args: string[]): string; dispose(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-bundle-'));
  const bundle = await bundleLikeMain(path.join(import.meta.dirname, entry), dir, options);
  // better-sqlite3 stays outside the bundle, as in the app.
  const env = { ...process.env, NODE_PATH: path.resolve(import.meta.dirname, '../node_modules') };
  return {
    run: (args) => execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8', env }),
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** One bundled run whose output is one JSON object. */
export async function runBundled<T>(entry: string, args: string[]): Promise<T> {
  const child = await bundled(entry);
  try {
    return JSON.parse(child.run(args)) as T;
  } finally {
    child.dispose();
  }
}
