/**
 * `scripts/harness.ts` run by hand under the system's older Node (Debian's is 20): it used to die
 * in the core's process with a SIGSEGV the window blamed on the database. It now says in Chinese
 * which Node it needs, and touches nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/core.ts';

const root = path.resolve(import.meta.dirname, '../..');
const systemNode = '/usr/bin/node';
const systemMajor = fs.existsSync(systemNode) ? Number(spawnSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout) : NaN;

describe('the harness under a Node too old for better-sqlite3', () => {
  it.skipIf(!(systemMajor < 24))('says which Node it needs, in Chinese, and creates no database', () => {
    const db = path.join(tempDir(), 'never.db');
    const run = spawnSync(systemNode, ['--import', 'tsx', 'scripts/harness.ts', '--db', db], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('本程序需要 Node.js 24');
    expect(run.stderr).not.toMatch(/SIGSEGV|Segmentation/);
    expect(fs.existsSync(db)).toBe(false);
  });
});
