/**
 * Printed, a cell listing two or three leaders (联系领导) keeps each name whole: Excel, WPS and
 * LibreOffice break CJK text at any character, so the writer breaks the line between names
 * (issue 19 item 7). Checked on LibreOffice's PDF of the exported ledger.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import type { LedgerRow } from '../../shared/contract/types.ts';
import { namesOnLines } from '../../electron/core/excel/writer.ts';
import { seededCore } from '../helpers/core.ts';
import { inspectXlsx, soffice } from '../helpers/office.ts';

let core: Core;
let dir: string;
beforeAll(async () => {
  ({ core, dir } = await seededCore('small', 1));
});
afterAll(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('names in a printed cell', () => {
  it('breaks lines between names only, and only where the column is too narrow for all', () => {
    expect(namesOnLines('张三、李四', 9.5)).toBe('张三、李四');
    expect(namesOnLines('王建国、李明、张三', 9.5)).toBe('王建国、\n李明、张三');
    expect(namesOnLines('乌力吉巴雅尔、张三', 9.5)).toBe('乌力吉巴雅尔、\n张三');
    expect(namesOnLines('没有顿号的一段很长的文字', 9.5)).toBe('没有顿号的一段很长的文字');
  });

  it('prints every leader’s name whole in the exported ledger, as LibreOffice lays it out', async () => {
    const long = (r: LedgerRow) => (r.liaisonLeaders ?? '').includes('、') && (r.liaisonLeaders ?? '').length > 5;
    const rows = (await core.call('ledger.list', { year: 2026 })).rows.filter(long).slice(0, 12);
    expect(rows.length).toBeGreaterThan(2);
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '联系领导.xlsx' });
    await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026, rowIds: rows.map((r) => r.id) }, path: file! });
    // The file's cell holds the names as they were (a line break between two is no change to the import).
    const sheet = inspectXlsx(file!, 40).sheets[0]!;
    const cells = sheet.rows.flat().filter((v): v is string => typeof v === 'string' && v.includes('、'));
    expect(cells.some((v) => v.includes('\n'))).toBe(true);
    const printed = execFileSync('pdftotext', [soffice(file!, 'pdf', path.join(dir, 'pdf')), '-'], { encoding: 'utf8' });
    const names = [...new Set(rows.flatMap((r) => r.liaisonLeaders!.split('、')))];
    expect(names.filter((n) => !printed.includes(n))).toEqual([]);
  }, 120_000);
});
