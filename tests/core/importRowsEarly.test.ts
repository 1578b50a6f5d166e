/**
 * A returned export's rows are read as the reader's worker hands them on (RowsReadEarly), while it
 * reads the rest, and the analysis takes a row from there only where it reads the same cells at
 * the same place the same way: the preview is the same with them as without them.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { readRows, RowsReadEarly, type FileColumn } from '../../electron/core/services/import/read.ts';
import type { RawCell, RawSheet } from '../../electron/core/excel/reader/index.ts';
import type { ImportPreview } from '../../shared/contract/types.ts';
import { ledgerColumnByField } from '../../shared/domain/ledger.ts';
import { seededCore } from '../helpers/core.ts';

/** The file as the unit returns it: `edits` is Python on `ws` (openpyxl), `col(header)` a column's number. */
function returned(dir: string, file: string, edits: string): string {
  const out = path.join(dir, `填报-${Math.random()}.xlsx`);
  execFileSync('/usr/bin/python3', ['-c', `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(file)})
ws = wb.worksheets[0]
def col(header):
    return [c.column for r in ws.iter_rows(min_row=1, max_row=6) for c in r if c.value == header][0]
${edits}
wb.save(${JSON.stringify(out)})
`]);
  return out;
}

describe('the rows of a returned ledger read while the file is read', () => {
  let core: Core;
  let dir: string;
  let sent: string;
  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 1));
    sent = core.grants.write(path.join(dir, '台账.xlsx'));
    await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: sent });
  });
  afterAll(() => core.close());
  afterEach(() => vi.restoreAllMocks());

  /** The preview, read with the rows read early and then without them (the analysis reading every row itself). */
  async function bothWays(file: string): Promise<{ taken: boolean; early: ImportPreview; alone: ImportPreview }> {
    core.grants.read(file);
    // Opened once first: the board then says of both reads that the file was opened before.
    await core.call('import.discard', { sessionId: (await core.call('import.open', { path: file })).sessionId });
    const readAs = vi.spyOn(RowsReadEarly.prototype, 'readAs');
    const early = await core.call('import.open', { path: file });
    await core.call('import.discard', { sessionId: early.sessionId });
    const taken = readAs.mock.results.some((r) => r.value !== null);
    readAs.mockReturnValue(null);
    const alone = await core.call('import.open', { path: file });
    await core.call('import.discard', { sessionId: alone.sessionId });
    return { taken, early: { ...early, sessionId: '' }, alone: { ...alone, sessionId: '' } };
  }

  it('are taken by the analysis, whose preview is the same as without them: changes, a red value, a placeholder, a blank township', async () => {
    const file = returned(dir, sent, `
ws.cell(6, col('书记')).value = '新书记'
ws.cell(7, col('正式党员（名）')).value = '十二'
ws.cell(8, col('书记')).value = '—'
ws.cell(9, col('苏木乡镇（街道）')).value = None
`);
    const { taken, early, alone } = await bothWays(file);
    expect(taken).toBe(true);
    expect(early).toEqual(alone);
    // What the edits made, seen in the preview.
    const row = (n: number) => early.rows.find((r) => r.sourceRow === n)!;
    expect(row(6).values.secretary).toBe('新书记');
    expect(row(7).diffs.some((d) => d.field === 'membersFormal' && d.message)).toBe(true);
    expect(row(8).values.secretary).toBeNull();
  });

  it('are left for a sheet laid out otherwise than its manifest says (a column inserted): the analysis reads its rows itself', async () => {
    const file = returned(dir, sent, "ws.insert_cols(3)\nws.cell(6, col('书记')).value = '另一书记'");
    const { taken, early, alone } = await bothWays(file);
    expect(taken).toBe(false);
    expect(early).toEqual(alone);
    expect(early.rows.find((r) => r.sourceRow === 6)!.values.secretary).toBe('另一书记');
  });
});

describe('readRows with rows read early', () => {
  const columns: FileColumn[] = [
    { index: 0, field: 'name', col: { field: 'name', header: '党组织名称', type: 'text', width: 20 }, def: ledgerColumnByField.get('name') },
    { index: 1, field: 'membersFormal', col: { field: 'membersFormal', header: '正式党员（名）', type: 'int', width: 8 }, def: ledgerColumnByField.get('membersFormal') },
  ] as FileColumn[];
  const options = { emptyAs: '', dicts: [] };
  const cells: RawCell[][] = [['表头', '表头'], ['一支部', 12], ['二支部', 'abc'], ['三支部', 7]];
  const sheet: RawSheet = { name: '台账', state: 'visible', rows: cells, merges: [], truncated: false };

  it('takes a row read from the same cells at the same place, read the same way, and reads the others itself', () => {
    const early = new RowsReadEarly({ columns, idColumn: null, options }, 1);
    early.take({ indexes: [0, 1, 2], rows: cells.slice(0, 3) });
    const rows = readRows(sheet, [1, 2, 3], columns, null, options, early);
    expect(rows).toEqual(readRows(sheet, [1, 2, 3], columns, null, options));
    // Row 0 is before the first data row: not read early.
    expect(early.readAs({ columns, idColumn: null, options })!.get(0, cells[0]!)).toBeUndefined();
    expect(early.readAs({ columns, idColumn: null, options })!.get(1, cells[1]!)).toBe(rows[0]);
  });

  it('takes none where the reading differs (the empty mark, the id column, the columns, the dictionaries), nor a row now at another place', () => {
    const early = new RowsReadEarly({ columns, idColumn: null, options }, 1);
    early.take({ indexes: [1, 2, 3], rows: cells.slice(1) });
    expect(early.readAs({ columns, idColumn: null, options: { emptyAs: '—', dicts: [] } })).toBeNull();
    expect(early.readAs({ columns, idColumn: 1, options })).toBeNull();
    expect(early.readAs({ columns: columns.slice(0, 1), idColumn: null, options })).toBeNull();
    expect(early.readAs({ columns, idColumn: null, options: { emptyAs: '', dicts: [{ dict: 'grade', code: 'a', label: '先进', synonyms: [], sort: 1, active: true }] as never } })).toBeNull();
    // The same cells one row further down (rows inserted above them): read again, with their new row number.
    const moved: RawSheet = { ...sheet, rows: [[], ...cells] };
    const rows = readRows(moved, [2, 3, 4], columns, null, options, early);
    expect(rows.map((r) => r.sourceRow)).toEqual([3, 4, 5]);
    expect(rows).toEqual(readRows(moved, [2, 3, 4], columns, null, options));
  });
});
