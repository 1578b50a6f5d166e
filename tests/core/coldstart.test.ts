/**
 * A cold start of the core as the packaged app bundles it (issue 18): the first screen's
 * answers load none of the packages kept for later (ExcelJS, SheetJS, pinyin: scripts/build-
 * electron.ts) nor the Node modules kept for later (crypto, zlib, vm), a write still finds
 * crypto, and the integrity check at open runs beside them in its worker thread, which
 * must work from the bundle too (it finds better-sqlite3 as the bundle does).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundleLikeMain } from '../../scripts/build-electron.ts';
import { seededCore, tempDir } from '../helpers/core.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('a cold start of the bundled core', () => {
  it('answers the first screen without loading ExcelJS, SheetJS, pinyin or node:crypto/zlib/vm, the integrity check running beside it', async () => {
    const { core, dbPath } = await seededCore('small');
    await core.close();
    const entry = await bundleLikeMain(path.join(root, 'tests/helpers/firstAnswers.ts'), tempDir(), { compileCache: true });
    const { stdout } = await promisify(execFile)(process.execPath, [entry, dbPath], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } });
    expect(JSON.parse(stdout)).toEqual({ checkedBeside: true, damage: null, vendors: [], builtins: [], saved: 4, afterWrite: ['crypto'] });
  }, 60_000);
});
