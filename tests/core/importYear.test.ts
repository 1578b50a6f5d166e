/**
 * A returned year read fast (issue 18) and read the same: the sheet inflated into the parser piece
 * by piece, damage still told as damage; the rows sent to the core in batches while the worker reads
 * on, put together as the reader alone gives them; and a file naming most of a year looked up by one
 * scan of the year, giving the rows the lookup by ids gives, in its order.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { SpreadsheetReader } from '../../electron/core/excel/reader/index.ts';
import { readStreaming } from '../../electron/core/excel/reader/stream.ts';
import { eachEntryPiece, zipEntries, ZipError } from '../../electron/core/excel/reader/zip.ts';
import { MANIFEST_SHEET } from '../../electron/core/excel/manifest.ts';
import { ledgerRowsByUid } from '../../electron/core/repos/ledger.ts';
import { seededCore } from '../helpers/core.ts';
import { minimalXlsx, part, writeZip, type ZipPart } from '../helpers/zips.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zugong-import-year-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A sheet of `rows` rows (every seventh left out, as a sheet with blank rows is written), Chinese text split across the inflater's pieces. */
function longSheet(rows: number): ZipPart {
  const out: string[] = [];
  for (let r = 1; r <= rows; r++) {
    if (r % 7 === 0) continue;
    out.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>第${r}党支部（内蒙古自治区赤峰市）</t></is></c>${r % 5 ? `<c r="D${r}" t="str"><v>书记${r}</v></c>` : ''}</row>`);
  }
  return part('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${out.join('')}</sheetData></worksheet>`);
}

/** A returned export as the reader judges one: its workbook names our manifest sheet. */
function returnedExport(sheet: ZipPart): ZipPart[] {
  return minimalXlsx(sheet).map((p) =>
    p.name === 'xl/workbook.xml'
      ? part(p.name, zlib.inflateRawSync(p.deflated).toString('utf8').replace('</sheets>', `<sheet name="${MANIFEST_SHEET}" sheetId="2" state="veryHidden" r:id="rId2"/></sheets>`))
      : p,
  );
}

describe('a returned year read as it inflates, its rows sent on in batches', () => {
  it('gives the core, through the worker, the very rows the reader reads alone: every row in its place, the blank ones empty', async () => {
    const file = path.join(dir, '报送表.xlsx');
    fs.writeFileSync(file, writeZip(returnedExport(longSheet(4_999))));
    const alone = await readStreaming(file, { maxRows: 10_000, hints: { 1: { name: '台账', state: 'visible' } } });
    const reader = new SpreadsheetReader();
    try {
      const book = await reader.read(file);
      expect(book.sheets).toEqual(alone.sheets);
      expect(book.sheets[0]!.rows).toHaveLength(4_999);
      expect(book.sheets[0]!.rows[6]).toEqual([]);
      expect(book.sheets[0]!.rows[4_995]).toEqual([4_996, '第4996党支部（内蒙古自治区赤峰市）', null, '书记4996']);
      expect(Object.keys(book.sheets[0]!)).not.toContain('rowCount');
    } finally {
      reader.close();
    }
  });

  it('tells a part whose bytes were changed as damaged, whatever the garbled XML made the parser say first', async () => {
    const sheet = longSheet(3_000);
    const data = zlib.inflateRawSync(sheet.deflated);
    // A byte flipped early in the sheet (an element's name broken), its CRC as written before.
    const broken = Buffer.from(data);
    broken[data.indexOf('<row') + 1] = 0x3c;
    const buf = writeZip([{ ...sheet, deflated: zlib.deflateRawSync(broken) }]);
    const [entry] = zipEntries(buf);
    let parsed = 0;
    // Streamed (as a year's sheet is), the garbled bytes reach the parser before the CRC is known.
    const error = await eachEntryPiece(
      buf,
      entry!,
      (piece) => {
        parsed += piece.length;
        if (piece.includes('<<')) throw new Error('not well-formed');
      },
      { wholeUpTo: 0 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZipError);
    expect(error).toMatchObject({ problem: 'damaged', message: '“xl/worksheets/sheet1.xml”的内容校验不符' });
    expect(parsed).toBeGreaterThan(0);
    expect(parsed).toBeLessThan(data.length);
    // A small part is inflated whole and checked first: the parser sees none of it.
    parsed = 0;
    await expect(eachEntryPiece(buf, entry!, (piece) => (parsed += piece.length))).rejects.toMatchObject({ problem: 'damaged' });
    expect(parsed).toBe(0);
    // Intact, every byte reaches the parser, in pieces, both ways.
    const good = writeZip([sheet]);
    for (const wholeUpTo of [0, undefined]) {
      const pieces: Buffer[] = [];
      await eachEntryPiece(good, zipEntries(good)[0]!, (piece) => pieces.push(Buffer.from(piece)), { ...(wholeUpTo === undefined ? {} : { wholeUpTo }) });
      expect(Buffer.concat(pieces).equals(data)).toBe(true);
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(data.length);
    }
  });

  it('refuses a part that inflates past the size it declares, as the whole-part read does', async () => {
    const sheet = longSheet(100);
    const buf = writeZip([{ ...sheet, declaredSize: sheet.size - 10 }]);
    for (const wholeUpTo of [0, undefined]) {
      await expect(eachEntryPiece(buf, zipEntries(buf)[0]!, () => {}, { ...(wholeUpTo === undefined ? {} : { wholeUpTo }) })).rejects.toMatchObject({ problem: 'overflow', entry: 'xl/worksheets/sheet1.xml' });
    }
  });
});

describe('the rows a returned year names', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
  });
  afterAll(() => core.close());

  it('are read by one scan of the year when the file names half of it or more: the same rows, deleted ones and other years’ too, in the same order', async () => {
    const { sqlite } = core.conn;
    const uids = sqlite.prepare('SELECT uid FROM branch_ledger WHERE year = 2026 ORDER BY id DESC').pluck().all() as string[];
    expect(uids.length).toBeGreaterThan(20);
    // One deleted here, one of another year, one nobody holds.
    const [deleted] = (await core.call('ledger.list', { year: 2026 })).rows;
    await core.call('ledger.delete', { ids: [deleted!.id] });
    const other = sqlite.prepare('SELECT id, uid FROM branch_ledger WHERE year = 2026 LIMIT 1 OFFSET 3').get() as { id: number; uid: string };
    sqlite.prepare("UPDATE branch_ledger SET year = 2025, uid = 'x-' || uid WHERE id = ?").run(other.id);
    const list = [...uids.slice(1), `x-${other.uid}`, '不存在的编号'];
    const lookedUp = ledgerRowsByUid(sqlite, list);
    const scanned = ledgerRowsByUid(sqlite, list, 2026);
    expect(scanned).toEqual(lookedUp);
    expect(scanned.some((r) => r.deleted_at !== null)).toBe(true);
    expect(scanned.some((r) => r.year === 2025)).toBe(true);
    // A few of the year: looked up by their ids alone, the same again.
    expect(ledgerRowsByUid(sqlite, list.slice(0, 3), 2026)).toEqual(ledgerRowsByUid(sqlite, list.slice(0, 3)));
  });
});
