/**
 * Figures of the official export (issue 6), on a seeded 100k database (path in argv):
 * a 10,000-row branch ledger next to a plain ExcelJS streaming write of the same
 * cells in the same run, and the peak memory of a process exporting all 100,000 rows.
 *   node --import tsx bench/export.ts DB
 * The peak is measured in a process of its own running bench/export-peak.ts bundled by
 * scripts/build-electron.ts, as the packaged app runs the core (no TypeScript loader in memory).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createCore } from '../electron/core/createCore.ts';
import { runBundled } from './bundled.ts';
import { median, ms, print } from './figures.ts';
import { alignOf, style } from '../electron/core/excel/styles.ts';
import { chosenColumns, findTemplate } from '../shared/templates/index.ts';

const now = new Date('2026-03-15T02:00:00Z');
const [db] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-export-bench-'));
const core = await createCore({ dbPath: db!, now: () => now });

{
  const ids = (await core.call('ledger.list', { year: 2026 })).rows.slice(0, 10_000).map((r) => r.id);
  const scope = { year: 2026, rowIds: ids };
  // The same cells, written by hand with ExcelJS's streaming writer: every cell of every sheet of
  // our file (title, headers, data with its hidden row id and hash, totals, footer; the manifest
  // and dictionary sheets), the data rows with the same shared styles. What the template engine
  // (styles of the other rows, merges, validations, protection, row hashes and heights, reading the
  // rows, the batch) costs on top.
  const template = findTemplate('branch-ledger')!;
  const columns = chosenColumns(template.sheets[0]!, (await core.call('templates.list', {}))[0]!.choices);
  const sheets = await (async () => {
    const file = path.join(dir, 'cells.xlsx');
    await core.call('export.run', { templateId: 'branch-ledger', scope, path: core.grants.write(file) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file, { ignoreNodes: ['dataValidations'] } as never);
    return wb.worksheets.map((ws, sheet) => {
      const rows: { values: ExcelJS.CellValue[]; data: boolean }[] = [];
      ws.eachRow((row, n) => rows.push({ values: (row.values as ExcelJS.CellValue[]).slice(1), data: sheet === 0 && n >= 6 && n < 6 + ids.length }));
      return { name: ws.name, rows };
    });
  })();
  const styles = [...columns.map((c) => style.body(c.type, alignOf(c.type, c.align), c.key === true)), style.hidden(), style.hidden()];
  const plain = async (i: number) => {
    const t = process.hrtime.bigint();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, `plain-${i}.xlsx`), useStyles: true, useSharedStrings: false });
    for (const sheet of sheets) {
      const ws = wb.addWorksheet(sheet.name);
      for (const { values, data } of sheet.rows) {
        const row = ws.addRow(values);
        // Every cell of a data row, the empty ones too: they carry the table's borders in ours.
        if (data) for (let c = 0; c < styles.length; c++) row.getCell(c + 1).style = styles[c]!;
        row.commit();
      }
      ws.commit();
    }
    await wb.commit();
    return ms(t);
  };
  const ours = async (i: number) => {
    const file = core.grants.write(path.join(dir, `ours-${i}.xlsx`));
    const t = process.hrtime.bigint();
    await core.call('export.run', { templateId: 'branch-ledger', scope, path: file });
    return ms(t);
  };
  await plain(-1);
  await ours(-1);
  const a: number[] = [];
  const b: number[] = [];
  // Interleaved, and many runs: the two share one heap (the core's year of 100,000 rows) and its collections.
  for (let i = 0; i < 11; i++) {
    if (i % 2) {
      b.push(await plain(i));
      a.push(await ours(i));
    } else {
      a.push(await ours(i));
      b.push(await plain(i));
    }
  }
  const [o, p] = [median(a), median(b)];
  print({ name: 'export.branchLedger.10k', value: o, unit: 'ms', baseline: p, ratio: o / p, target: 1.2, rows: ids.length, runs: a.length, note: 'baseline: every cell of the same file (data rows with the same shared styles, hidden row id and hash, manifest and dictionary sheets) written by hand with ExcelJS streaming' });
  await core.close();
  const peak = await runBundled<{ rows: number; ms: number; peakMB: number; bytes: number }>('export-peak.ts', [db!, dir]);
  print({ name: 'export.branchLedger.100k.peakMemory', value: peak.peakMB, unit: 'MB', target: 400, rows: peak.rows, ms: Math.round(peak.ms), fileMB: Math.round(peak.bytes / 1e5) / 10, note: 'peak resident size of a process that opens the core and exports the whole year' });
}
fs.rmSync(dir, { recursive: true, force: true });
