/**
 * The official exports stay byte for byte what they were: every part of every file
 * (sheets, styles, the manifest, the dictionary sheet, the workbook, the document
 * properties), unzipped, against fingerprints taken from the writer as it was before
 * the data rows were written directly (issue 18). The files cover every built-in
 * template, red cells kept as typed, text that needs escaping, wrapped rows, remembered
 * choices (an empty mark, left-out columns) and a send-down with its open rows.
 * What differs from run to run (the batch ids, the time ExcelJS stamps as modified) is replaced by a mark.
 * After a deliberate change to the output: `vitest run tests/core/exportGolden.test.ts -u`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { zipEntries, zipEntry } from '../../electron/core/excel/reader/zip.ts';
import { seededCore } from '../helpers/core.ts';
import { bannerOf, exportEach } from '../helpers/exports.ts';

/** Each part of the file, its batch ids marked, as a SHA-256 (the zip's own bytes carry times and levels). */
function fingerprint(file: string, batchIds: readonly string[]): Record<string, string> {
  const buf = fs.readFileSync(file);
  const out: Record<string, string> = {};
  for (const e of zipEntries(buf)) {
    let text = zipEntry(buf, e, 256 * 1024 * 1024).toString('utf8');
    for (const id of batchIds) text = text.split(id).join('BATCH');
    // ExcelJS stamps "modified" with the clock when the writer is made, whatever "created" says.
    text = text.replace(/(<dcterms:modified[^>]*>)[^<]*/, '$1NOW');
    out[e.name] = createHash('sha256').update(text).digest('hex').slice(0, 32);
  }
  return out;
}

describe('official exports, byte for byte', () => {
  let core: Core;
  const tz = process.env.TZ;
  const prints: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    process.env.TZ = 'Asia/Shanghai';
    ({ core } = await seededCore('small', 1));
    const banner = await bannerOf(core);
    const rows = (await core.call('ledger.list', { year: 2026, scopeOrgId: banner })).rows;
    // Red cells (kept as typed), text to escape, a control character, a name long enough to wrap.
    await core.call('ledger.edit', {
      changes: [
        { id: rows[0]!.id, field: 'membersFormal', value: '三十多' },
        { id: rows[1]!.id, field: 'notes', value: 'A&B <c> "d" \'e\' \u0001f' },
        { id: rows[2]!.id, field: 'name', value: '某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某党支部' },
        { id: rows[3]!.id, field: 'secretaryPhone', value: '0476-1234567' },
      ],
      source: 'typed',
    });
    const files: [string, string][] = (await exportEach(core)).map((e) => [e.id, e.file]);

    // Remembered choices: another attachment number and title font, columns left out, a mark for empty cells.
    const choices = { attachment: 3, title: '{unit}党支部分类台账（{year}年度）', reportingUnit: '中共克什克腾旗委员会组织部', omitted: ['党支部分类台账.county', '党支部分类台账.notes'], emptyAs: '—' as const, titleFont: 'songBold' as const };
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '选项.xlsx' });
    const chosen = await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026, scopeOrgId: banner }, choices, path: file! });
    files.push(['branch-ledger, choices', chosen.file]);

    // Exactly the rows of a grid view, in their order.
    const { path: viewFile } = await core.call('shell.chooseSaveFile', { suggestedName: '视图.xlsx' });
    const view = await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026, rowIds: rows.slice(0, 40).reverse().map((r) => r.id) }, path: viewFile! });
    files.push(['branch-ledger, rows of a view', view.file]);

    // Sent down: each township's file with ten open rows and no empty mark.
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    const down = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder: folder! });
    for (const f of down.files.slice(0, 2)) files.push([`send-down ${f.unitName}`, f.file]);
    const ids = [...(await core.call('export.batches', { limit: 1000 })).map((b) => b.id), down.sendDownId];
    for (const [name, file] of files) prints[name] = fingerprint(file, ids);
  }, 180_000);
  afterAll(async () => {
    process.env.TZ = tz;
    await core.close();
  });

  it('writes every part of every file as before', () => {
    expect(Object.keys(prints).length).toBeGreaterThanOrEqual(9);
    expect(prints).toMatchSnapshot();
  });
});
