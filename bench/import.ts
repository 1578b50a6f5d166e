/**
 * Figures of the import (issue 7), on a seeded 100k database (path in argv): a dry run
 * (read, normalise, check, compare three ways) of a returned 10,000-row branch ledger,
 * next to a plain ExcelJS streaming read of the same file (every row's values taken)
 * in the same run; and the peak memory of a process that does the dry run.
 *   node --import tsx bench/import.ts DB
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createCore } from '../electron/core/createCore.ts';
import { runBundled } from './bundled.ts';
import { median, ms, print } from './figures.ts';

const [db] = process.argv.slice(2);
const now = new Date('2026-03-15T02:00:00Z');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-import-bench-'));
const file = path.join(dir, '报送表.xlsx');
{
  const core = await createCore({ dbPath: db!, now: () => now });
  // Written as a save dialog's choice, then read back as an open dialog's.
  core.grants.write(file);
  core.grants.read(file);
  // A township sends its part back: the first 10,000 rows, with some values changed by hand
  // (as a unit does) and some changed here since (so the comparison runs three ways).
  const rows = (await core.call('ledger.list', { year: 2026 })).rows.slice(0, 10_000);
  await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026, rowIds: rows.map((r) => r.id) }, path: file });
  await core.call('ledger.edit', { changes: rows.slice(0, 200).map((r, i) => ({ id: r.id, field: 'secretary', value: `本地${i}` })), source: 'typed' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  for (let i = 0; i < 500; i++) {
    const row = ws.getRow(6 + i * 19);
    row.getCell(7).value = `${(i % 60) + 1}人`;
    row.getCell(9).value = `报送${i}`;
    row.getCell(16).value = '2023.5.1';
  }
  await wb.xlsx.writeFile(file);

  const plain = async () => {
    const t = process.hrtime.bigint();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {});
    let cells = 0;
    for await (const sheet of reader) for await (const row of sheet as AsyncIterable<ExcelJS.Row>) cells += (row.values as unknown[]).length;
    void cells;
    return ms(t);
  };
  const ours = async () => {
    const t = process.hrtime.bigint();
    const p = await core.call('import.open', { path: file });
    const elapsed = ms(t);
    await core.call('import.discard', { sessionId: p.sessionId });
    return { elapsed, counts: p.counts };
  };
  await plain();
  const first = await ours();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 9; i++) {
    if (i % 2) {
      b.push(await plain());
      a.push((await ours()).elapsed);
    } else {
      a.push((await ours()).elapsed);
      b.push(await plain());
    }
  }
  const [o, p] = [median(a), median(b)];
  print({ name: 'import.dryRun.branchLedger.10k', value: o, unit: 'ms', baseline: p, ratio: o / p, target: 1.5, runs: a.length, counts: first.counts, note: 'baseline: ExcelJS streaming read of the same file, every row’s values taken' });
  await core.close();
}

// Peak memory: a process of its own, the core bundled as the packaged app runs it.
const peak = await runBundled<{ ms: number; peakMB: number }>('import-peak.ts', [db!, file]);
print({ name: 'import.dryRun.branchLedger.10k.peakMemory', value: peak.peakMB, unit: 'MB', target: 300, ms: Math.round(peak.ms), note: 'peak resident size of a process that opens the core and previews the file (read in the reader\'s worker thread, in the same process)' });
fs.rmSync(dir, { recursive: true, force: true });
