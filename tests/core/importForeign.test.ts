/**
 * Files from other programs and files that went wrong, through the import service on a real
 * SQLite file: LibreOffice's .ods and the CSV files Excel and WPS save are read as the .xlsx of
 * the same content (fixtures in fixtures/import/foreign, made by make_foreign.py); a byte
 * flipped in transit or a truncated file is "文件已损坏" with what to do, never taken for an
 * attack; a real zip bomb (made here: gigabytes of sheet in a few megabytes) is named with its
 * real size, whether its zip tells the truth about it or lies; files we do not read (.numbers,
 * .xlsb, WPS's .et, a password-protected .ods) are refused with how to save them as .xlsx.
 * Every refusal leaves the database as it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { decodeText, detectDelimiter, parseDelimited } from '../../electron/core/excel/reader/csv.ts';
import type { ImportPreview } from '../../shared/contract/types.ts';
import { seededCore, tempDir } from '../helpers/core.ts';
import { bombSheet, minimalXlsx, part, writeZip } from '../helpers/zips.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
const foreign = (name: string) => path.join(fixtures, 'foreign', name);

/** What must not change when a file is refused or only previewed. */
function snapshot(core: Core): string {
  const q = (sql: string) => JSON.stringify(core.conn.sqlite.prepare(sql).all());
  return createHash('sha256')
    .update(q('SELECT * FROM branch_ledger ORDER BY id'))
    .update(q('SELECT id, name, parent_id, closed_on FROM org ORDER BY id'))
    .update(q('SELECT count(*) FROM audit_log'))
    .update(q('SELECT count(*) FROM change_set'))
    .update(q('SELECT count(*) FROM import_batch'))
    .digest('hex');
}

async function open(core: Core, file: string): Promise<ImportPreview> {
  core.grants.read(file);
  return core.call('import.open', { path: file });
}

/** A preview without what differs by file (its name, hash, session): what the user is shown of the rows. */
async function previewOf(core: Core, file: string) {
  const p = await open(core, file);
  await core.call('import.discard', { sessionId: p.sessionId });
  return {
    template: p.template.id,
    headerRows: p.headerRows,
    columns: p.columns.map((c) => [c.letter, c.header, c.field]),
    // Each diff without `raw`, the cell as the file held it: text in a CSV, a number or a date in an .xlsx.
    rows: p.rows.map((r) => ({ sourceRow: r.sourceRow, status: r.status, match: r.match, values: r.values, diffs: r.diffs.map(({ raw: _, ...d }) => d) })),
    counts: p.counts,
    problems: p.problems.map((x) => ({ ...x, sheet: undefined })),
    missing: p.missing,
  };
}

/** Refused with BAD_FILE and a message matching `message`, the database untouched. */
async function refused(core: Core, file: string, message: RegExp): Promise<string> {
  const before = snapshot(core);
  const error = await open(core, file).then(
    () => null,
    (e: Error & { code?: string }) => e,
  );
  expect(error, file).toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(message) });
  expect(snapshot(core)).toBe(before);
  return error!.message;
}

/** Where a part's compressed bytes are in a zip, from its central directory entry (read here, not by the reader's code). */
function partData(buf: Buffer, name: string): { start: number; length: number } {
  const wanted = Buffer.from(name);
  for (let p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
    if (buf.readUInt16LE(p + 28) === wanted.length && buf.subarray(p + 46, p + 46 + wanted.length).equals(wanted)) {
      const local = buf.readUInt32LE(p + 42);
      return { start: local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28), length: buf.readUInt32LE(p + 20) };
    }
  }
  throw new Error(`no ${name}`);
}

describe('files other programs save', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
  });
  afterAll(() => core.close());

  it('reads the hand-made ledger saved by LibreOffice as .ods as it reads the .xlsx: title, merged headers, township merged down', async () => {
    const before = snapshot(core);
    const xlsx = await previewOf(core, path.join(fixtures, 'handmade-ledger.xlsx'));
    const ods = await previewOf(core, foreign('handmade-ledger.ods'));
    expect(ods).toEqual(xlsx);
    // What the .xlsx is known to give (tests/core/import.test.ts), so the equality above is not of two empty previews.
    expect(ods.headerRows).toEqual([4, 5]);
    expect(ods.rows.map((r) => r.sourceRow)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(ods.rows.every((r) => r.values.township === '经棚镇')).toBe(true);
    expect(snapshot(core)).toBe(before);
  });

  it('reads the flat ledger from .xlsx, .ods, UTF-8 CSV with BOM and GBK tab-separated text alike, numbers and dates by the column rules', async () => {
    const xlsx = await previewOf(core, foreign('flat-ledger.xlsx'));
    // Written down in make_foreign.py before the import code saw the files.
    const byRow = Object.fromEntries(xlsx.rows.map((r) => [r.sourceRow, r.values]));
    expect(xlsx.rows.map((r) => r.sourceRow)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(byRow[2]).toMatchObject({ township: '经棚镇', name: '巴音浩特嘎查党支部', membersFormal: 30, membersProbationary: 0, secretaryPhone: '0476-5200000', grade: 'advanced', termChangedOn: '2023-05-01' });
    expect(byRow[3]).toMatchObject({ membersFormal: 31, secretaryPhone: '13900000001', grade: 'middle', notes: '换届，已备案' });
    expect(byRow[4]).toMatchObject({ termChangedOn: '2024-03-05', notes: 'He said "ok", then left' });
    expect(byRow[5]).toMatchObject({ termChangedOn: '2024-03' });
    expect(xlsx.rows.every((r) => r.match !== null)).toBe(true);
    expect(xlsx.problems).toEqual([]);
    for (const other of ['flat-ledger.ods', 'flat-ledger-utf8bom.csv', 'flat-ledger-gbk.txt']) {
      expect(await previewOf(core, foreign(other)), other).toEqual(xlsx);
    }
  });

  it('commits a GBK CSV as it commits an .xlsx', async () => {
    const p = await open(core, foreign('flat-ledger-gbk.txt'));
    const changed = p.rows.filter((r) => r.status === 'changed').length;
    expect(changed).toBeGreaterThan(0);
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied.changedRows).toBe(changed);
    const held = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.name === '北河村党支部')!;
    expect(held).toMatchObject({ termChangedOn: '2024-03-05', notes: 'He said "ok", then left', membersFormal: 32 });
    await core.call('changes.undo', { changeSetId: result.changeSetId! });
  });
});

describe('reading a CSV', () => {
  it('finds the encoding: a BOM, else valid UTF-8, else GB18030 (Chinese Excel and WPS)', () => {
    const text = '支部名称,书记\r\n经棚镇机关党支部,鲍额尔敦\r\n';
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'UTF-8' });
    // 经 in GBK: BE AD; 𠀀 (outside GBK) in GB18030: 95 32 82 36.
    expect(decodeText(Buffer.from([0xbe, 0xad, 0x2c, 0x95, 0x32, 0x82, 0x36]))).toEqual({ text: '经,𠀀', encoding: 'GB18030' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('书记\t电话', 'utf16le')]))).toEqual({ text: '书记\t电话', encoding: 'UTF-16LE' });
  });

  it('finds the delimiter, keeps quoted delimiters, quotes and line breaks, and leaves every cell text', () => {
    expect(detectDelimiter('标题\n乡镇;支部;书记\n经棚镇;"a;b";张三\n经棚镇;c;李四\n')).toBe(';');
    expect(detectDelimiter('乡镇\t支部, 名称\t书记\n经棚镇\tx, y\t张三\n')).toBe('\t');
    expect(detectDelimiter('乡镇,支部\n经棚镇,x\n')).toBe(',');
    const { rows } = parseDelimited('乡镇,备注,电话\r\n经棚镇,"说""好"",\n换行",="0476"\r\n\r\n,,\r\n末行\r\n\r\n', ',', 100);
    // Blank lines inside are kept as empty rows (the table's layout), those at the end are not.
    expect(rows).toEqual([['乡镇', '备注', '电话'], ['经棚镇', '说"好",\n换行', '0476'], [], [], ['末行']]);
    expect(parseDelimited('a\nb\nc\n', ',', 2)).toEqual({ rows: [['a'], ['b']], truncated: true });
  });
});

describe('damaged and hostile files', () => {
  let core: Core;
  let dir: string;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
    dir = tempDir();
  });
  afterAll(() => core.close());

  /** Copies of `file` with one byte flipped at each of `count` places spread over a part's compressed data. */
  function flipped(file: string, partName: string, count: number): string[] {
    const buf = fs.readFileSync(file);
    const { start, length } = partData(buf, partName);
    return Array.from({ length: count }, (_, k) => {
      const copy = Buffer.from(buf);
      copy[start + Math.floor(((k + 0.5) * length) / count)]! ^= 0x5a;
      const out = path.join(dir, `${path.basename(file, '.xlsx')}-flip${k}.xlsx`);
      fs.writeFileSync(out, copy);
      return out;
    });
  }

  it('says a byte flipped in a returned export is damage, with what to do, never an attack', async () => {
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '报送.xlsx' });
    await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: file! });
    for (const copy of [...flipped(file!, 'xl/worksheets/sheet1.xml', 12), ...flipped(file!, 'xl/styles.xml', 6)]) {
      const message = await refused(core, copy, /文件已损坏（.*“xl\/(worksheets\/sheet1|styles)\.xml”/);
      expect(message).not.toContain('恶意');
      expect(message).toContain('请向报送单位重新索取一份');
      expect(message).toContain('另存为 .xlsx');
    }
  });

  it('says a byte flipped in a hand-made ledger is damage, where SheetJS alone read other values', async () => {
    for (const copy of flipped(foreign('flat-ledger.xlsx'), 'xl/worksheets/sheet1.xml', 8)) {
      expect(await refused(core, copy, /文件已损坏（.*“xl\/worksheets\/sheet1\.xml”/)).not.toContain('恶意');
    }
  });

  it('says a truncated file is damaged and incomplete', async () => {
    await refused(core, path.join(fixtures, 'truncated.xlsx'), /文件已损坏（文件不完整.*可能没有下载或复制完整）.*重新索取/);
  });

  it('says a part whose recorded size is wrong, but holds no bomb, is damaged', async () => {
    // A returned export with its sheet's size in the central directory rewritten to a tenth.
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '大小不符.xlsx' });
    await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: file! });
    const buf = fs.readFileSync(file!);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
      if (buf.subarray(p + 46, p + 46 + name.length).equals(name)) buf.writeUInt32LE(Math.floor(buf.readUInt32LE(p + 24) / 10), p + 24);
    }
    const wrong = path.join(dir, '大小不符.xlsx');
    fs.writeFileSync(wrong, buf);
    expect(await refused(core, wrong, /文件已损坏（“xl\/worksheets\/sheet1\.xml”的压缩数据已损坏）/)).not.toContain('恶意');
  });

  it('says a byte flipped in a size in the zip directory is damage, though the size it makes is huge', async () => {
    const { path: exported } = await core.call('shell.chooseSaveFile', { suggestedName: '目录损坏.xlsx' });
    await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: exported! });
    // One written by ExcelJS (sizes after the data), one by openpyxl (sizes in the local header).
    for (const file of [exported!, foreign('flat-ledger.xlsx')]) {
      const buf = fs.readFileSync(file);
      const name = Buffer.from('xl/worksheets/sheet1.xml');
      for (let p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
        // The top byte of the recorded size: a few hundred bytes become 1.4 GB or more.
        if (buf.subarray(p + 46, p + 46 + name.length).equals(name)) buf[p + 27]! ^= 0x5a;
      }
      const copy = path.join(dir, `目录-${path.basename(file)}`);
      fs.writeFileSync(copy, buf);
      expect(await refused(core, copy, /文件已损坏（压缩目录记录的“xl\/worksheets\/sheet1\.xml”的大小与它的文件头不符）/)).not.toContain('恶意');
    }
  });

  it('calls a part that declares, in both its headers, a size no compression can reach suspicious', async () => {
    const sheet = bombSheet('xl/worksheets/sheet1.xml', 16 * 1024 ** 2);
    const file = path.join(dir, '声明夸大.xlsx');
    fs.writeFileSync(file, writeZip(minimalXlsx({ ...sheet, declaredSize: 100 * 1024 ** 3 })));
    await refused(core, file, /“xl\/worksheets\/sheet1\.xml”声明解压后有 100 GB，而它的压缩数据只有 16 KB，.*可能是恶意构造的文件，已拒绝读取/);
  });

  it('names a zip bomb that declares its 5 GB (zip64) with its real size', async () => {
    const sheet = bombSheet('xl/worksheets/sheet1.xml', 5 * 1024 ** 3);
    const file = path.join(dir, '炸弹.xlsx');
    fs.writeFileSync(file, writeZip(minimalXlsx(sheet)));
    expect(sheet.size).toBeGreaterThan(5 * 1024 ** 3);
    expect(fs.statSync(file).size).toBeLessThan(6 * 1024 ** 2);
    const message = await refused(core, file, /只有 5 MB，解压后却有 5 GB（其中“xl\/worksheets\/sheet1\.xml”5 GB）.*可能是恶意构造的文件，已拒绝读取/);
    expect(message).not.toContain('4096');
  });

  it('names a zip bomb that lies about its size with the size it really inflates to', async () => {
    const sheet = bombSheet('xl/worksheets/sheet1.xml', 2 * 1024 ** 3);
    const file = path.join(dir, '伪装炸弹.xlsx');
    fs.writeFileSync(file, writeZip(minimalXlsx({ ...sheet, declaredSize: 20_000 })));
    await refused(core, file, /“xl\/worksheets\/sheet1\.xml”声明解压后只有 20 KB，实际解压后有 2 GB（压缩时仅 2 MB），可能是恶意构造的文件，已拒绝读取/);
  });

  it('reads a sheet that is large but honest', async () => {
    // 40 MB of sheet (spaces between elements) in a zip that says so: no bomb, no damage.
    const file = path.join(dir, '大表.xlsx');
    fs.writeFileSync(file, writeZip(minimalXlsx(bombSheet('xl/worksheets/sheet1.xml', 40 * 1024 ** 2))));
    const { SpreadsheetReader } = await import('../../electron/core/excel/reader/index.ts');
    const reader = new SpreadsheetReader();
    try {
      const book = await reader.read(file);
      expect(book.sheets.map((s) => [s.name, s.rows])).toEqual([['台账', [['炸弹']]]]);
    } finally {
      reader.close();
    }
  });

  it('refuses files of other programs with how to save them as .xlsx in WPS, Excel or LibreOffice', async () => {
    const saveAs = /“文件 → 另存为”，文件类型选“Excel 工作簿（\*\.xlsx）”/;
    const numbers = path.join(dir, '台账.numbers');
    fs.writeFileSync(numbers, writeZip([part('Index/Document.iwa', Buffer.from([0, 1, 2])), part('Metadata/Properties.plist', '<plist/>')]));
    expect(await refused(core, numbers, /是 Apple Numbers 表格（\.numbers），本软件不能直接读取/)).toMatch(saveAs);
    const xlsb = path.join(dir, '台账.xlsb');
    fs.writeFileSync(xlsb, writeZip([part('[Content_Types].xml', '<Types/>'), part('xl/workbook.bin', Buffer.from([0x83, 0x01, 0x00]))]));
    expect(await refused(core, xlsb, /是 Excel 二进制工作簿（\.xlsb）/)).toMatch(saveAs);
    // A compound file, as .xls is, that holds no workbook: what SheetJS makes of a WPS .et it cannot read.
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, 'WpsContent', Buffer.from('et'));
    const et = path.join(dir, '台账.et');
    fs.writeFileSync(et, XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
    expect(await refused(core, et, /是 WPS 表格自己的格式（\.et）/)).toMatch(saveAs);
    // An .ods saved with a password: its manifest lists its parts' encryption (LibreOffice writes manifest:encryption-data).
    const ods = path.join(dir, '加密.ods');
    fs.writeFileSync(
      ods,
      writeZip([
        part('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
        part('META-INF/manifest.xml', '<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>'),
        part('content.xml', randomBytes(64)),
      ]),
    );
    await refused(core, ods, /设置了打开密码.*另存为 \.xlsx/);
    // Plain text that is not named .csv stays refused as before.
    await refused(core, path.join(fixtures, 'not-a-spreadsheet.xlsx'), /不是 Excel 表格，而是文本/);
  });
});
