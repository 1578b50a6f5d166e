/**
 * The spreadsheet the operating system gives the desktop app (a second start with a file):
 * core.openGivenFile grants it for reading only and tells the window, which imports it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import type { Core } from '../../electron/core/createCore.ts';
import { seededCore } from '../helpers/core.ts';

const fixture = path.resolve(import.meta.dirname, '../fixtures/import/handmade-ledger.xlsx');
let core: Core;
let dir: string;

beforeAll(async () => {
  ({ core, dir } = await seededCore('small', 1));
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a file given to the app', () => {
  it('is announced to the window and can then be imported, but not written', async () => {
    const file = path.join(dir, '宁城县 回收.xlsx');
    fs.copyFileSync(fixture, file);
    await expect(core.call('import.open', { path: file })).rejects.toThrow(AppError);

    const told: unknown[] = [];
    const off = core.on('shell.openFile', (p) => told.push(p));
    core.openGivenFile(file);
    off();
    expect(told).toEqual([{ path: file }]);
    // The window takes it once: a reload does not import it again.
    await expect(core.call('shell.takeGivenFile', {})).resolves.toEqual({ path: file });
    await expect(core.call('shell.takeGivenFile', {})).resolves.toEqual({ path: null });

    const preview = await core.call('import.open', { path: file });
    expect(preview.rows.length).toBeGreaterThan(0);
    // Read only: an export may not be written over it.
    expect(() => core.grants.writable(file)).toThrow(/不能写入/);
  });
});
