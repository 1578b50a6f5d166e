/**
 * Importing files other programs made: our exports filled in by openpyxl and re-saved
 * by LibreOffice (xlsx and xls), hand-made ledgers in the offices' style, and files
 * that are not what they seem. Values, the exact cells reported, three-way comparison,
 * commit with its audit records, undo, and a database unchanged by every refused file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { SpreadsheetReader, type RawCell } from '../../electron/core/excel/reader/index.ts';
import { isPlaceholder } from '../../electron/core/services/import/read.ts';
import { readStreaming } from '../../electron/core/excel/reader/stream.ts';
import { UNREADABLE } from '../../electron/core/excel/reader/marks.ts';
import { MANIFEST_SHEET } from '../../electron/core/excel/manifest.ts';
import { dateReading } from '../../electron/core/excel/reader/dates.ts';
import type { ImportPreview } from '../../shared/contract/types.ts';
import { importPlan, needsDecision, noChoices } from '../../shared/domain/importPlan.ts';
import type { ExportChoices } from '../../shared/templates/types.ts';
import { fixedNow, openCore, seededCore, tempDir } from '../helpers/core.ts';
import { soffice } from '../helpers/office.ts';
import { part as zipPart, writeZip } from '../helpers/zips.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string) => path.join(fixtures, name);

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

async function open(core: Core, file: string, extra: Partial<Parameters<Core['call']>[1]> = {}): Promise<ImportPreview> {
  core.grants.read(file);
  return core.call('import.open', { path: file, ...(extra as object) });
}

const row = (p: ImportPreview, sourceRow: number) => p.rows.find((r) => r.sourceRow === sourceRow)!;
const diff = (p: ImportPreview, sourceRow: number, field: string) => row(p, sourceRow).diffs.find((d) => d.field === field);

/** A hand-made sheet written by openpyxl, row after row from A1 (a string starting with = is a formula, saved without its result). */
function handMade(name: string, rows: unknown[][]): string {
  const file = path.join(tempDir(), name);
  execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json, sys
wb = openpyxl.Workbook()
ws = wb.active
for line in json.loads(sys.argv[1]): ws.append(line)
wb.save(sys.argv[2])
`, JSON.stringify(rows), file]);
  return file;
}

/** A date cell, or a number, shown with a number format: its text, or a built-in format's id. */
type Formatted = { v: string | number; fmt: string | number };

/**
 * handMade with formatted cells: a date ('YYYY-MM-DD') or a number shown with a format. A built-in
 * format is named by its id alone, as Excel and WPS in Chinese save 2024年3月 (id 57): openpyxl
 * writes every format as a custom one, so the cells are given the id itself afterwards.
 */
function handMadeFormatted(name: string, rows: (unknown | Formatted)[][]): string {
  const file = path.join(tempDir(), name);
  execFileSync('/usr/bin/python3', ['-c', `
import datetime, json, os, re, sys, zipfile
import openpyxl
rows, out = json.loads(sys.argv[1]), sys.argv[2]
wb = openpyxl.Workbook()
ws = wb.active
for r, line in enumerate(rows, 1):
    for c, v in enumerate(line, 1):
        cell = ws.cell(r, c)
        if isinstance(v, dict):
            cell.value = datetime.datetime.fromisoformat(v['v']) if isinstance(v['v'], str) else v['v']
            cell.number_format = v['fmt'] if isinstance(v['fmt'], str) else '"BUILTIN%d"0' % v['fmt']
        else:
            cell.value = v
wb.save(out + '.tmp')
with zipfile.ZipFile(out + '.tmp') as zin, zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'xl/styles.xml':
            xml = data.decode()
            builtin = dict(re.findall(r'<numFmt numFmtId="(\\d+)" formatCode="&quot;BUILTIN(\\d+)&quot;0"/>', xml))
            xml = re.sub(r'<numFmt numFmtId="\\d+" formatCode="&quot;BUILTIN\\d+&quot;0"/>', '', xml)
            xml = re.sub(r'(<xf [^>]*?)numFmtId="(\\d+)"', lambda m: '%snumFmtId="%s"' % (m.group(1), builtin.get(m.group(2), m.group(2))), xml)
            data = xml.encode()
        zout.writestr(item, data)
os.remove(out + '.tmp')
`, JSON.stringify(rows), file]);
  return file;
}

/**
 * An .xls as Excel in Chinese saves a cell that shows 2024年3月: its style names the built-in format
 * 57 and no FORMAT record spells it out (from BIFF5 on, built-in formats are left out of the file).
 * Made from LibreOffice's .xls: its own record for yyyy"年"m"月" is given an unused id, and the
 * styles that used it are pointed at 57.
 */
function asChineseExcelXls(xls: string): string {
  const out = xls.replace(/\.xls$/, '-57.xls');
  execFileSync('/usr/bin/python3', ['-c', `
import struct, sys
data = bytearray(open(sys.argv[1], 'rb').read())
ids, i = [], 0
while (i := data.find(b'\\x1e\\x04', i)) >= 0:
    size, ifmt, cch, flags = struct.unpack_from('<HHHB', data, i + 2)
    raw = bytes(data[i + 9:i + 9 + (cch * 2 if flags & 1 else cch)])
    text = raw.decode('utf-16le' if flags & 1 else 'latin1', errors='replace')
    if size == 5 + len(raw) and text.replace('\\\\', '').replace('"', '') == 'yyyy年m月':
        ids.append(ifmt)
        struct.pack_into('<H', data, i + 4, 380)
    i += 2
assert len(ids) == 1, ids
styles, i = 0, 0
while (i := data.find(b'\\xe0\\x00\\x14\\x00', i)) >= 0:
    if struct.unpack_from('<H', data, i + 6)[0] == ids[0]:
        struct.pack_into('<H', data, i + 6, 57)
        styles += 1
    i += 2
assert styles > 0
open(sys.argv[2], 'wb').write(data)
`, xls, out]);
  return out;
}

describe('reading files', () => {
  it('keeps Chinese intact where a character falls across two chunks of the zip, in both readers', async () => {
    // ExcelJS's own XML loop garbled about one row in 1,500 of a Chinese ledger.
    const dir = tempDir();
    const texts = Array.from({ length: 20_000 }, (_, i) => `内蒙古自治区赤峰市第${i}个党支部（测试）`);
    for (const withManifest of [true, false]) {
      const file = path.join(dir, `cjk-${withManifest}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
      const ws = wb.addWorksheet('数据');
      for (const t of texts) ws.addRow([t, t.length]).commit();
      ws.commit();
      // A sheet by the manifest's name sends the file down the streaming path.
      if (withManifest) wb.addWorksheet('_zg_manifest').commit();
      await wb.commit();
      const reader = new SpreadsheetReader();
      const book = await reader.read(file);
      reader.close();
      const read = book.sheets[0]!.rows.map((r) => r[0]);
      expect(read.filter((t, i) => t !== texts[i]), withManifest ? 'streaming' : 'full').toEqual([]);
    }
  });
});

describe('the reader of returned exports', () => {
  it('reads what Excel, WPS and others write: rich and phonetic text, escapes, East Asian and custom date formats, the 1904 date system, prefixed elements, error values, formulas without results', async () => {
    // A workbook written by hand, part by part, with the things other programs do.
    const file = path.join(tempDir(), 'parts.xlsx');
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const parts: Record<string, string> = {
      'xl/workbook.xml': `<workbook xmlns="${ns}"><workbookPr date1904="true"/><sheets><sheet name="S" sheetId="1" r:id="rId1" xmlns:r="r"/></sheets><definedNames><definedName name="ZG_T">'S'!$B$2</definedName><definedName name="L" localSheetId="0">'S'!$A$1</definedName></definedNames></workbook>`,
      'xl/styles.xml': `<styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="164"/><xf numFmtId="3"/></cellXfs></styleSheet>`,
      'xl/sharedStrings.xml': `<sst xmlns="${ns}"><si><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><r><t>张</t></r><r><rPr><b/></rPr><t>三_x000D_</t></r></si><si><t/></si></sst>`,
      'xl/worksheets/sheet1.xml': `<x:worksheet xmlns:x="${ns}"><x:sheetData>
        <x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c>
          <x:c r="D1" s="1"><x:v>43904</x:v></x:c><x:c r="E1" s="2"><x:v>43904</x:v></x:c><x:c r="F1" s="3"><x:v>43904</x:v></x:c>
          <x:c r="G1" t="e"><x:v>#N/A</x:v></x:c><x:c r="H1"><x:f>A1+1</x:f><x:v></x:v></x:c>
          <x:c r="I1" t="inlineStr"><x:is><x:t>内联_x000A_文字</x:t></x:is></x:c><x:c r="J1" t="b"><x:v>1</x:v></x:c></x:row>
        <x:row><x:c><x:v>5</x:v></x:c><x:c t="str"><x:f>""</x:f><x:v></x:v></x:c></x:row>
        <x:row r="300000"/>
      </x:sheetData><x:mergeCells><x:mergeCell ref="A1:A2"/></x:mergeCells></x:worksheet>`,
    };
    execFileSync('/usr/bin/python3', ['-c', `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    for name, text in json.loads(sys.argv[2]).items(): z.writestr(name, text)
`, file, JSON.stringify(parts)]);
    const book = await readStreaming(file, { maxRows: 10, hints: { 1: { name: 'S', state: 'visible' } } });
    const [sheet] = book.sheets;
    expect(sheet!.rows[0]).toEqual(['东京', '张三\r', '', '2024-03-15', '2024-03-15', 43904, `${UNREADABLE}#N/A`, `${UNREADABLE}=A1+1`, '内联\n文字', true]);
    expect(sheet!.rows[1]).toEqual([5, '']);
    expect(sheet!.merges).toEqual([{ s: { r: 0, c: 0 }, e: { r: 1, c: 0 } }]);
    expect(book.names).toEqual({ ZG_T: "'S'!$B$2" });
    // Three rows, not 300,000: only rows are counted against the limit.
    await expect(readStreaming(file, { maxRows: 2, hints: {} })).rejects.toMatchObject({ code: 'ROWS' });
  });

  it('reads a sheet the fast scanner leaves part-way (a comment after 4,500 rows) again from its start with saxes: the same rows, each once', async () => {
    const rows = (comment: boolean) =>
      Array.from({ length: 5000 }, (_, i) => `${comment && i === 4500 ? '<!-- 批注 -->' : ''}<row r="${i + 1}"><c r="A${i + 1}" t="str"><v>第${i + 1}党支部 &amp; 村</v></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('');
    const book = (comment: boolean) => {
      const file = path.join(tempDir(), comment ? 'with-comment.xlsx' : 'plain.xlsx');
      const sheet = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
      // Sniffed as a returned export (the manifest sheet's name is in the workbook): read row by row, in batches.
      fs.writeFileSync(file, writeZip([
        zipPart('xl/workbook.xml', `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/><sheet name="${MANIFEST_SHEET}" sheetId="2" r:id="rId2"/></sheets></workbook>`),
        zipPart('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="worksheet" Target="worksheets/sheet2.xml"/></Relationships>'),
        zipPart('xl/worksheets/sheet1.xml', sheet(rows(comment))),
        zipPart('xl/worksheets/sheet2.xml', sheet('<row r="1"><c r="A1" t="str"><v>标识</v></c></row>')),
      ]));
      return file;
    };
    const [plain, commented] = [book(false), book(true)];
    const restarted: number[] = [];
    const direct = await readStreaming(commented, { maxRows: 10_000, hints: {}, onRows: () => undefined, onRestart: (sheet) => restarted.push(sheet) });
    expect(restarted, 'the data sheet is read again, once').toEqual([0]);
    expect(direct.sheets[0]!.rowCount).toBe(5000);
    // Through the worker: the batches sent before the restart are taken back, so no row comes twice.
    const reader = new SpreadsheetReader();
    try {
      const [a, b] = [await reader.read(plain), await reader.read(commented)];
      expect(b.sheets[0]!.rows).toHaveLength(5000);
      expect(b.sheets[0]!.rows[4999]).toEqual(['第5000党支部 & 村', 4999]);
      expect(b.sheets).toEqual(a.sheets);
    } finally {
      reader.close();
    }
  });

  it('tells from a number format how much of a date it shows: none, a day, the month alone, the year alone', () => {
    const formats = {
      General: null, 'G/通用格式': null, '0.00E+00': null, '#,##0.00_);[Red](#,##0.00)': null, '0"年"': null, '@': null,
      'yyyy-mm-dd': 'day', 'YYYY/M/D': 'day', 'yyyy"年"m"月"d"日" aaaa': 'day', 'd-mmm': 'day', 'h:mm': 'day', '[h]:mm:ss': 'day', 'mm:ss': 'day',
      'yyyy"年"m"月"': 'month', '[$-804]yyyy"年"m"月";@': 'month', 'mmm-yy': 'month', 'YYYY-MM': 'month', 'yyyy\\-mm': 'month', 'yyyy-mm hh:mm': 'month', '[DBNum1]yyyy"年"m"月"': 'month',
      yyyy: 'year', 'yyyy"年"': 'year',
    };
    expect(Object.fromEntries(Object.keys(formats).map((f) => [f, dateReading(f)]))).toEqual(formats);
  });

  it('reads a date cell as far as its format shows it, in both readers: a day, or only the month of a cell typed 2024年3月 (no day 1 made up); a number typed into a date cell as that number', async () => {
    const cases: [Formatted, RawCell][] = [
      [{ v: '2024-03-01', fmt: 'yyyy"年"m"月"' }, '2024-03'],
      [{ v: '2024-03-01', fmt: 'yyyy-mm' }, '2024-03'],
      [{ v: '2024-03-01', fmt: 'mmm-yy' }, '2024-03'],
      [{ v: '2024-03-01', fmt: '[$-804]yyyy"年"m"月";@' }, '2024-03'],
      [{ v: '2024-03-01', fmt: 'mmmm yyyy' }, '2024-03'],
      [{ v: '2024-03-01', fmt: 17 }, '2024-03'], // mmm-yy
      [{ v: '2024-03-01', fmt: 27 }, '2024-03'], // the East Asian built-ins yyyy"年"m"月"
      [{ v: '2024-03-01', fmt: 57 }, '2024-03'],
      [{ v: '2024-03-01', fmt: 'yyyy' }, '2024'],
      [{ v: '2024-03-01', fmt: 'yyyy-mm-dd' }, '2024-03-01'],
      [{ v: '2024-03-01', fmt: 'yyyy"年"m"月"d"日"' }, '2024-03-01'],
      [{ v: '2024-03-01', fmt: 'm"月"d"日"' }, '2024-03-01'],
      [{ v: '2024-03-01', fmt: 'yyyy-mm-dd hh:mm' }, '2024-03-01'], // mm after hh: minutes
      [{ v: '2024-03-01', fmt: 'h:mm' }, '2024-03-01'], // a time alone: the date, as ever
      [{ v: '2024-03-01', fmt: 14 }, '2024-03-01'],
      [{ v: '2024-03-01', fmt: 31 }, '2024-03-01'], // yyyy"年"m"月"d"日"
      [{ v: '2024-03-01', fmt: 58 }, '2024-03-01'], // m"月"d"日"
      [{ v: '2024-03-01', fmt: 'General' }, 45352],
      [{ v: '2024-03-01', fmt: '0.00E+00' }, 45352],
      // Typed into a date cell, kept by Excel as numbers (shown as 1905-07-16, 2454-03-…, ####).
      [{ v: 2024.3, fmt: 'yyyy-mm-dd' }, 2024.3],
      [{ v: 2024.3, fmt: 'yyyy"年"m"月"' }, 2024.3],
      [{ v: 202403, fmt: 'yyyy-mm-dd' }, 202403],
      [{ v: 20240301, fmt: 'yyyy-mm-dd' }, 20240301],
      // A date no ledger holds is still the date shown (and refused as that date).
      [{ v: '1915-03-01', fmt: 'yyyy-mm-dd' }, '1915-03-01'],
    ];
    const file = handMadeFormatted('日期格式.xlsx', cases.map(([cell]) => [cell]));
    const streamed = (await readStreaming(file, { maxRows: 100, hints: {} })).sheets[0]!.rows.map((r) => r[0]);
    const reader = new SpreadsheetReader();
    const full = (await reader.read(file)).sheets[0]!.rows.map((r) => r[0]);
    reader.close();
    const expected = cases.map(([, value]) => value);
    expect(streamed, 'our reader (returned exports)').toEqual(expected);
    expect(full, 'SheetJS (hand-made files)').toEqual(expected);
  });
});

describe('a township’s return, filled in by hand and saved by LibreOffice', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
  });
  afterAll(() => core.close());

  for (const name of ['returned-libreoffice.xlsx', 'returned-libreoffice.xls']) {
    it(`recognises ${name} by its manifest and reads every edit as offices type it`, async () => {
      const before = snapshot(core);
      const p = await open(core, fixture(name));
      // Exported with version 1 of the template, before the 群团组织 columns: still read, by the columns it has.
      expect(p).toMatchObject({ recognisedBy: 'manifest', template: { id: 'branch-ledger', version: 1 }, year: 2026, sheet: '党支部分类台账' });
      // Exported from another database (the fixture's), so compared two ways.
      expect(p.exported).toMatchObject({ unitName: '经棚镇党委', unitCode: '150425100', period: '2026', ours: false });
      expect(diff(p, 6, 'membersFormal')).toMatchObject({ cell: 'G6', status: 'change', raw: '１２人', value: 12 });
      expect(diff(p, 7, 'secretary')).toMatchObject({ cell: 'I7', status: 'change', value: '报送改名' });
      expect(row(p, 8).values.grade).toBe('advanced'); // 好, already so in the ledger: no change
      expect(diff(p, 8, 'grade')).toBeUndefined();
      expect(diff(p, 9, 'termChangedOn')).toMatchObject({ cell: 'P9', status: 'change', raw: '2023.5.1', value: '2023-05-01' });
      expect(row(p, 10)).toMatchObject({ status: 'error' });
      expect(diff(p, 10, 'membersProbationary')).toMatchObject({ cell: 'H10', status: 'error', raw: '三十多' });
      expect(row(p, 12).values.secretaryPhone).toBe('13912345678'); // typed as a number
      expect(row(p, 11).values.standardised).toBe(true); // √
      const added = p.rows.find((r) => r.status === 'new')!;
      expect(added).toMatchObject({ values: { name: '新建测试村党支部', field: 'village', membersFormal: 20, grade: 'middle' }, parent: { name: '经棚镇党委' } });
      expect(p.problems).toEqual([
        expect.objectContaining({ severity: 'warning', cell: '', message: expect.stringContaining('不是从本机导出的') }),
        { severity: 'warning', sheet: '党支部分类台账', cell: '', message: '文件使用第 1 版模板（现为第 2 版）。新版新增的列：工会、共青团、妇联，文件中没有，保持不变。' },
        { severity: 'error', sheet: '党支部分类台账', cell: 'H10', message: '预备党员（名）：“三十多”不是整数' },
      ]);
      expect(p.counts).toMatchObject({ read: 24, new: 1, errors: 1, missing: 0 });
      expect(snapshot(core)).toBe(before); // reading and comparing wrote nothing
      await core.call('import.discard', { sessionId: p.sessionId });
    });
  }
});

describe('a return compared three ways, committed and undone', () => {
  let core: Core;
  let dir: string;
  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 1));
  });
  afterAll(() => core.close());

  it('tells the unit’s changes from ours, commits what is accepted with its audit, and undoes it whole', async () => {
    const banner = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id })).nodes[0]!;
    const town = (await core.call('org.children', { parentId: banner.id })).nodes[0]!;
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    const sent = (await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner.id, year: 2026, folder: folder! })).files.find((f) => f.unitId === town.id)!;
    const rows = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
    // Here, after sending: row 1's secretary and row 5's grade (the township changes both too: conflicts), row 2's notes.
    const [ours, theirs] = (['advanced', 'middle', 'lagging'] as const).filter((g) => g !== rows[4]!.grade);
    await core.call('ledger.edit', { changes: [{ id: rows[0]!.id, field: 'secretary', value: '本地改名' }, { id: rows[1]!.id, field: 'notes', value: '本地备注' }, { id: rows[4]!.id, field: 'grade', value: ours! }], source: 'typed' });
    const label = { advanced: '先进', middle: '中间', lagging: '后进' };
    // There: the township fills in the file with openpyxl, and LibreOffice saves it.
    const edited = path.join(dir, '填报.xlsx');
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(sent.file)})
ws = wb.worksheets[0]
ws['I6'] = '报送改名'
ws['G8'] = 88
ws['K9'] = '差'
ws['K10'] = ${JSON.stringify(label[theirs!])}
wb.save(${JSON.stringify(edited)})
`]);
    const returned = soffice(edited, 'xlsx', path.join(dir, 'libreoffice'));
    const before = snapshot(core);
    const p = await open(core, returned);
    expect(p.exported?.ours).toBe(true);
    expect(diff(p, 6, 'secretary')).toMatchObject({ status: 'conflict', value: '报送改名', current: '本地改名', sent: rows[0]!.secretary });
    // Our note since the export is kept: the file still has the old (empty) value.
    expect(diff(p, 7, 'notes')).toMatchObject({ status: 'kept', current: '本地备注', sent: null });
    expect(row(p, 7).status).toBe('unchanged');
    expect(diff(p, 8, 'membersFormal')).toMatchObject({ status: 'change', value: 88, current: rows[2]!.membersFormal, sent: rows[2]!.membersFormal });
    expect(diff(p, 9, 'grade')).toMatchObject({ status: 'change', value: 'lagging' });
    // A conflict is told in the words of the file: labels, not codes.
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: '党支部分类台账', cell: 'K10', message: `等次：导出后本地改为“${label[ours!]}”，报送单位改为“${label[theirs!]}”，请选择保留哪一个。` });
    expect(p.counts).toMatchObject({ changed: 2, conflicts: 2, errors: 0 });
    expect(snapshot(core)).toBe(before);

    // The person takes the township's secretary, but not its grade.
    const result = await core.call('import.commit', { sessionId: p.sessionId, decisions: { cells: [{ sourceRow: 6, field: 'secretary', accept: true }, { sourceRow: 9, field: 'grade', accept: false }] } });
    expect(result.applied).toEqual({ newRows: 0, newCells: 0, changedRows: 2, cells: 2, clears: 0 });
    const now = new Map((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.map((r) => [r.id, r]));
    expect(now.get(rows[0]!.id)!.secretary).toBe('报送改名');
    expect(now.get(rows[1]!.id)!.notes).toBe('本地备注');
    expect(now.get(rows[2]!.id)!.membersFormal).toBe(88);
    expect(now.get(rows[3]!.id)!.grade).toBe(rows[3]!.grade);
    // The audit names the file (name and hash) and the cell each value came from.
    const history = await core.call('ledger.history', { id: rows[2]!.id });
    expect(history[0]).toMatchObject({ field: 'membersFormal', newValue: 88, source: 'import' });
    const cs = core.conn.sqlite.prepare('SELECT file_name, file_hash FROM change_set WHERE id = ?').get(result.changeSetId) as { file_name: string; file_hash: string };
    expect(cs).toEqual({ file_name: path.basename(returned), file_hash: createHash('sha256').update(fs.readFileSync(returned)).digest('hex') });
    const refs = core.conn.sqlite.prepare('SELECT source_ref FROM audit_log WHERE change_set_id = ? ORDER BY id').all(result.changeSetId) as { source_ref: string }[];
    expect(refs.map((r) => r.source_ref)).toEqual([`branch_ledger:${rows[0]!.id}@党支部分类台账!I6`, `branch_ledger:${rows[2]!.id}@党支部分类台账!G8`]);
    const [batch] = await core.call('import.history', {});
    expect(batch).toMatchObject({ fileName: path.basename(returned), recognisedBy: 'manifest', status: 'committed', changeSetId: result.changeSetId });

    // Undone as a whole.
    expect(await core.call('changes.undo', { changeSetId: batch!.changeSetId! })).toMatchObject({ problems: [], removed: [] });
    const back = new Map((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.map((r) => [r.id, r]));
    expect(back.get(rows[0]!.id)!.secretary).toBe('本地改名');
    expect(back.get(rows[2]!.id)!.membersFormal).toBe(rows[2]!.membersFormal);
    expect((await core.call('import.history', {}))[0]!.status).toBe('undone');
    await expect(core.call('changes.undo', { changeSetId: batch!.changeSetId! })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('what a return must never do', () => {
  let core: Core;
  let dir: string;
  let town: { id: number; name: string };
  let bannerId: number;
  beforeAll(async () => {
    ({ core, dir } = await seededCore('small', 1));
    bannerId = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id })).nodes[0]!.id;
    town = (await core.call('org.children', { parentId: bannerId })).nodes[1]!;
  });
  afterAll(() => core.close());

  /** Sends the township its ledger; returns the file and the rows as they were sent. */
  const send = async (choices?: ExportChoices) => {
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: `下发-${Math.random()}` });
    const { files } = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: bannerId, year: 2026, folder: folder!, ...(choices ? { choices } : {}) });
    const rows = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
    return { file: files.find((f) => f.unitId === town.id)!.file, rows };
  };
  /** The township fills the file in (openpyxl saves it): `edits` is Python on `ws`; `blank` is the first row left for additions. */
  const fill = (file: string, edits: string) => {
    const out = path.join(dir, `填报-${Math.random()}.xlsx`);
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(file)})
ws = wb.worksheets[0]
idcol = [c.column for c in ws[4] if c.value == '行标识（请勿修改）'][0]
blank = 6
while ws.cell(blank, idcol).value: blank += 1
${edits}
wb.save(${JSON.stringify(out)})
`]);
    return out;
  };

  it('keeps a change made here when the return still holds the value sent, though a leader was assigned to the row since', async () => {
    const { file, rows } = await send();
    const leader = (await core.call('records.list', { table: 'leader', year: 2026 })).rows.find((l) => !l.values.activeTo)!;
    await core.call('records.add', { table: 'liaison', year: 2026, rows: [{ leaderId: leader.id, orgId: rows[0]!.orgId }], source: 'typed' });
    await core.call('ledger.edit', { changes: [{ id: rows[0]!.id, field: 'secretary', value: '王五' }], source: 'typed' });
    const p = await open(core, fill(file, "ws['G6'] = 77"));
    // 联系领导 changed here with no change to the row: the row is still vouched for as sent.
    expect(diff(p, 6, 'secretary')).toMatchObject({ status: 'kept', value: rows[0]!.secretary, current: '王五', sent: rows[0]!.secretary });
    expect(diff(p, 6, 'membersFormal')).toMatchObject({ status: 'change', value: 77, sent: rows[0]!.membersFormal });
    await core.call('import.commit', { sessionId: p.sessionId });
    const now = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.find((r) => r.id === rows[0]!.id)!;
    expect(now).toMatchObject({ secretary: '王五', membersFormal: 77 });
  });

  it('sends a value kept but not understood as it was typed, lists it first, and reads it back as unchanged', async () => {
    const held = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
    const [a, b, c] = [held[1]!, held[2]!, held[3]!];
    const m = held[4]!;
    await core.call('ledger.edit', { changes: [{ id: a.id, field: 'membersFormal', value: '十二人' }, { id: b.id, field: 'termChangedOn', value: '2024.13.45' }, { id: c.id, field: 'membersFormal', value: '约30' }, { id: m.id, field: 'termChangedOn', value: '2024年3月' }], source: 'typed' });
    // A term change known by its month is kept as that month: no day is made up.
    expect((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.find((r) => r.id === m.id)).toMatchObject({ termChangedOn: '2024-03', invalid: null });
    const { choices } = (await core.call('templates.list', {})).find((t) => t.id === 'branch-ledger')!;
    const preview = await core.call('export.preview', { templateId: 'branch-ledger', scope: { year: 2026, scopeOrgId: town.id }, choices });
    expect(preview.invalid.count).toBe(3);
    expect(preview.invalid.cells).toContainEqual(expect.objectContaining({ row: `${a.township} ${a.name}`, column: '党员人数·正式党员（名）', value: '十二人', counted: 'written' }));
    expect(preview.invalid.cells).toContainEqual(expect.objectContaining({ row: `${b.township} ${b.name}`, column: '换届时间', value: '2024.13.45' }));
    // The summary counts these branches and says it leaves their red values out.
    const summary = await core.call('export.preview', { templateId: 'org-summary', scope: { year: 2026, scopeOrgId: bannerId }, choices: (await core.call('templates.list', {})).find((t) => t.id === 'org-summary')!.choices });
    expect(summary.invalid.cells.filter((x) => x.counted === 'leftOut').map((x) => x.value).sort()).toEqual(expect.arrayContaining(['十二人', '2024.13.45', '约30']));

    const { file } = await send();
    // In the file as typed, where the unit sees it (read by openpyxl).
    const cells = JSON.parse(execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json
ws = openpyxl.load_workbook(${JSON.stringify(file)}).worksheets[0]
print(json.dumps([v for row in ws.iter_rows(values_only=True) for v in row if v in ('十二人', '2024.13.45', '约30')], ensure_ascii=False))
`], { encoding: 'utf8' })) as string[];
    expect(cells.sort()).toEqual(['2024.13.45', '十二人', '约30'].sort());

    // Changed here since the export: the return still holds the text as sent, so ours stands.
    await core.call('ledger.edit', { changes: [{ id: c.id, field: 'membersFormal', value: 31 }], source: 'typed' });
    // The unit corrects one red value and leaves the others; it also writes a secretary elsewhere.
    const returned = fill(file, `
for row in ws.iter_rows():
    for cell in row:
        if cell.value == '2024.13.45': cell.value = '2024.12.5'
        if cell.value == ${JSON.stringify(held[0]!.name)}: ws.cell(cell.row, cell.column + 5).value = '新书记'
`);
    const p = await open(core, returned);
    const rowOf = (id: number) => p.rows.find((r) => r.match?.ledgerId === id)!;
    // Shown as the file holds it (and we do), not as an empty cell.
    expect(rowOf(a.id)).toMatchObject({ status: 'unchanged', diffs: [], values: { membersFormal: '十二人' } });
    expect(rowOf(m.id)).toMatchObject({ status: 'unchanged', diffs: [], values: { termChangedOn: '2024-03' } });
    expect(rowOf(b.id).diffs).toEqual([expect.objectContaining({ field: 'termChangedOn', status: 'change', value: '2024-12-05', current: '2024.13.45' })]);
    expect(rowOf(c.id).diffs).toEqual([expect.objectContaining({ field: 'membersFormal', status: 'kept', sent: '约30', current: 31 })]);
    expect(rowOf(c.id)).toMatchObject({ status: 'unchanged', values: { membersFormal: '约30' } });
    expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
    expect(p.counts.errors).toBe(0);

    await core.call('import.commit', { sessionId: p.sessionId });
    const after = new Map((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.map((r) => [r.id, r]));
    expect(after.get(a.id)!.invalid).toEqual({ membersFormal: expect.objectContaining({ raw: '十二人' }) });
    expect(after.get(b.id)!.termChangedOn).toBe('2024-12-05');
    expect(after.get(b.id)!.invalid).toBeNull();
    expect(after.get(c.id)!.membersFormal).toBe(31);
  });

  it('says what it does not read: a branch typed under the footer, and text typed over a locked column', async () => {
    const { file, rows } = await send();
    const returned = fill(file, `
col = {c.value: c.column for row in ws.iter_rows(min_row=4, max_row=5) for c in row if isinstance(c.value, str)}
foot = [c.row for row in ws.iter_rows(min_row=6) for c in row if isinstance(c.value, str) and c.value.startswith('填报人')][0]
ws.cell(foot + 2, col['苏木乡镇（街道）']).value = ws.cell(6, col['苏木乡镇（街道）']).value
ws.cell(foot + 2, col['党组织名称']).value = '落款下补的村党支部'
ws.cell(foot + 2, col['正式党员（名）']).value = 9
ws.cell(6, col['联系领导']).value = '王某某'
ws.cell(7, col['苏木乡镇（街道）']).value = '别的镇'
print(foot)
`);
    const p = await open(core, returned);
    expect(p.rows.some((r) => r.values.name === '落款下补的村党支部')).toBe(false);
    const footer = p.problems.find((x) => x.message.includes('落款之下'));
    expect(footer).toMatchObject({ severity: 'warning', message: expect.stringContaining('没有读入。如果是新增的党支部，请把它移到落款之上再导入') });
    expect(footer!.cell).toMatch(/^[A-Z]+\d+$/);
    expect(Number(footer!.cell.replace(/[A-Z]/g, ''))).toBeGreaterThan(6 + rows.length);
    const leader = p.problems.find((x) => x.message.startsWith('“联系领导”'));
    expect(leader).toMatchObject({ severity: 'warning', message: expect.stringContaining('报送单位改写了这一锁定列') });
    expect(leader!.cell).toMatch(/6$/);
    const township = p.problems.find((x) => x.message.startsWith('“苏木乡镇（街道）”'));
    expect(township).toMatchObject({ severity: 'warning', message: expect.stringContaining('不从文件修改') });
    expect(township!.cell).toMatch(/7$/);
    // Nothing of it is written: the branch stays where it is.
    await core.call('import.commit', { sessionId: p.sessionId });
    const now = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.find((r) => r.id === rows[1]!.id)!;
    expect(now.township).toBe(rows[1]!.township);
  });

  it('shows a cell emptied in the return as an erasure, written only when chosen', async () => {
    const { file, rows } = await send();
    expect(rows[0]!.secretary && rows[1]!.secretaryPhone && rows[2]!.secretary).toBeTruthy();
    // Changed here after the export, emptied there: a conflict, never settled by "empty them all".
    await core.call('ledger.edit', { changes: [{ id: rows[2]!.id, field: 'secretary', value: '本地新书记' }], source: 'typed' });
    const returned = fill(file, "ws['I6'] = None\nws['J7'] = None\nws['I8'] = None");
    const first = await open(core, returned);
    expect(diff(first, 6, 'secretary')).toMatchObject({ status: 'change', value: null, current: rows[0]!.secretary });
    expect(diff(first, 8, 'secretary')).toMatchObject({ status: 'conflict', value: null, current: '本地新书记' });
    expect(first.counts).toMatchObject({ clears: 2, conflicts: 1 });
    // Not chosen: nothing emptied, and said as left out.
    const kept = await core.call('import.commit', { sessionId: first.sessionId });
    expect(kept.applied).toMatchObject({ cells: 0, clears: 0 });
    expect(kept.skipped.cells).toBe(3); // two erasures and the conflict
    const held = async () => new Map((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.map((r) => [r.id, r]));
    expect((await held()).get(rows[0]!.id)!.secretary).toBe(rows[0]!.secretary);
    // One chosen by its cell.
    const second = await open(core, returned);
    const one = await core.call('import.commit', { sessionId: second.sessionId, decisions: { cells: [{ sourceRow: 6, field: 'secretary', accept: true }] } });
    expect(one.applied).toMatchObject({ changedRows: 1, cells: 1, clears: 1 });
    expect((await held()).get(rows[0]!.id)!.secretary).toBeNull();
    expect((await held()).get(rows[1]!.id)!.secretaryPhone).toBe(rows[1]!.secretaryPhone);
    // All of them, as a decision of its own.
    const third = await open(core, returned);
    expect(third.counts.clears).toBe(1);
    const all = await core.call('import.commit', { sessionId: third.sessionId, decisions: { clears: true } });
    expect(all.applied).toMatchObject({ cells: 1, clears: 1 });
    expect((await held()).get(rows[1]!.id)!.secretaryPhone).toBeNull();
    expect((await held()).get(rows[2]!.id)!.secretary).toBe('本地新书记');
  });

  it('follows a column the unit inserted: every value stays under its own header', async () => {
    const { file, rows } = await send();
    const p = await open(core, fill(file, `
tc = [c.column for c in ws[4] if c.value == '换届时间'][0]
ws.insert_cols(tc)
ws.cell(4, tc).value = '党员联系户'
ws.cell(6, tc).value = 12
ws.cell(6, tc + 1).value = '2020-01-01'`));
    expect(p.counts).toMatchObject({ read: rows.length, changed: 1, errors: 0 });
    expect(row(p, 6).diffs.map((d) => [d.field, d.value])).toEqual([['termChangedOn', '2020-01-01']]);
    expect(p.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('已按表头文字重新对应各列') }),
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('“党员联系户”（1 行有内容）没有对应台账中的任何一列') }),
    ]));
  });

  it('reads a returned sheet that the unit renamed, and says so', async () => {
    const { file, rows } = await send();
    const p = await open(core, fill(file, "ws['G6'] = 88\nws.title = '本镇台账'"));
    expect(p).toMatchObject({ recognisedBy: 'manifest', sheet: '本镇台账' });
    expect(p.counts).toMatchObject({ read: rows.length, changed: 1, missing: 0 });
    expect(diff(p, 6, 'membersFormal')).toMatchObject({ status: 'change', value: 88 });
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: '本镇台账', cell: '', message: '导出时的工作表“党支部分类台账”已改名为“本镇台账”，按改名后的工作表导入。' });
  });

  it('does not overwrite a cell changed here between the comparison and the commit, and says which cell', async () => {
    const { file, rows } = await send();
    const p = await open(core, fill(file, "ws['I7'] = '文件中的书记'"));
    expect(diff(p, 7, 'secretary')).toMatchObject({ status: 'change', value: '文件中的书记' });
    await core.call('ledger.edit', { changes: [{ id: rows[1]!.id, field: 'secretary', value: '刚改的' }], source: 'typed' });
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied.cells).toBe(0);
    expect(result.problems).toEqual([{ severity: 'warning', sheet: '党支部分类台账', cell: 'I7', message: '书记：核对之后又被改为“刚改的”，未覆盖。请重新核对这个文件。' }]);
    expect((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.find((r) => r.id === rows[1]!.id)!.secretary).toBe('刚改的');
  });

  it('reads the dash an export wrote for empty cells as empty, and 无 in a hand-made one', async () => {
    const choices = (await core.call('templates.list', {})).find((t) => t.id === 'branch-ledger')!.choices;
    const { file } = await send({ ...choices, emptyAs: '—' });
    const p = await open(core, file);
    expect(p.rows.some((r) => Object.values(r.values).includes('—'))).toBe(false);
    expect(p.counts).toMatchObject({ changed: 0, new: 0, errors: 0, unchanged: p.counts.read });
    expect([isPlaceholder({ type: 'text' }, '无', ''), isPlaceholder({ type: 'flag' }, '无', ''), isPlaceholder({ type: 'flag' }, '无', '无'), isPlaceholder({ type: 'integer' }, '－', ''), isPlaceholder({ type: 'text' }, '无锡', '')]).toEqual([true, false, true, true, false]);
  });

  it('matches neither of two rows with the same hidden id (a row copied whole to add a branch), and renames nothing', async () => {
    const { file, rows } = await send();
    const p = await open(core, fill(file, `
for c in range(1, idcol + 2): ws.cell(blank, c).value = ws.cell(6, c).value
ws.cell(blank, 4).value = '复制新增村党支部'`));
    const copy = p.rows.find((r) => r.values.name === '复制新增村党支部')!;
    expect(row(p, 6).match).toMatchObject({ ledgerId: rows[0]!.id, by: 'name' });
    expect(copy).toMatchObject({ status: 'new', parent: { id: town.id } });
    expect(p.problems).toContainEqual(expect.objectContaining({ severity: 'warning', cell: 'D6', message: expect.stringContaining(`与第 ${copy.sourceRow} 行的隐藏行标识相同`) }));
    await core.call('import.commit', { sessionId: p.sessionId });
    const now = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows;
    expect(now.find((r) => r.id === rows[0]!.id)!.name).toBe(rows[0]!.name);
    expect(now.filter((r) => r.name === '复制新增村党支部')).toHaveLength(1);
  });

  it('reports error values and formulas without results instead of clearing what we hold; reads merged townships and rows typed past the blank rows', async () => {
    const { file, rows } = await send();
    const blank = 6 + rows.length;
    const filled = fill(file, `
ws['G6'] = '=1/0'
ws['H6'] = '#N/A'
ws.cell(blank, 3).value = ${JSON.stringify(town.name)}
ws.merge_cells(start_row=blank, start_column=3, end_row=blank + 1, end_column=3)
ws.cell(blank, 4).value = '合并甲村党支部'
ws.cell(blank + 1, 4).value = '合并乙村党支部'
ws.cell(blank + 6, 3).value = ${JSON.stringify(town.name)}
ws.cell(blank + 6, 4).value = '隔行新增村党支部'`);
    // Read row by row (an export of ours), and in full after LibreOffice saved it as .xls (it works the formula out: #DIV/0!).
    const xls = soffice(filled, 'xls', path.join(dir, `xls-${Math.random()}`));
    for (const [returned, formula] of [[filled, '=1/0'], [xls, '#DIV/0!']] as const) {
      const p = await open(core, returned);
      expect(diff(p, 6, 'membersFormal')).toMatchObject({ status: 'error', raw: formula, current: rows[0]!.membersFormal });
      expect(diff(p, 6, 'membersProbationary')).toMatchObject({ status: 'error', raw: '#N/A' });
      expect(row(p, 6).status).toBe('error');
      for (const name of ['合并甲村党支部', '合并乙村党支部', '隔行新增村党支部']) {
        expect(p.rows.find((r) => r.values.name === name), name).toMatchObject({ status: 'new', parent: { id: town.id } });
      }
      expect(p.problems).toContainEqual({ severity: 'warning', sheet: '党支部分类台账', cell: `A${blank + 6}`, message: expect.stringContaining("三行以上空行") });
      await core.call('import.discard', { sessionId: p.sessionId });
    }
  });

  it('reads a term change typed as a month in Excel (a date cell showing 2024年3月, 2024-03, Mar-24) as that month, and 2024.3 typed into a date cell as the month, in the return and its .xls', async () => {
    const held = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.slice(0, 5);
    // Held dates none of the file's values equal, so each value read shows as a change.
    await core.call('ledger.edit', { changes: held.map((r) => ({ id: r.id, field: 'termChangedOn', value: '2020-01-02' })), source: 'typed' });
    const { file } = await send();
    const filled = fill(file, `
import datetime
tc = [c.column for c in ws[4] if c.value == '换届时间'][0]
for row, fmt in ((6, 'yyyy"年"m"月"'), (7, 'yyyy-mm'), (8, 'mmm-yy'), (9, 'yyyy-mm-dd')):
    ws.cell(row, tc).value = datetime.datetime(2024, 3, 1)
    ws.cell(row, tc).number_format = fmt
ws.cell(10, tc).value = 2024.3`);
    const expected = ['2024-03', '2024-03', '2024-03', '2024-03-01', '2024-03'];
    // Read row by row (an export of ours), and in full after LibreOffice saved it as .xls.
    const xls = soffice(filled, 'xls', path.join(dir, `xls-${Math.random()}`));
    for (const returned of [xls, filled]) {
      const p = await open(core, returned);
      const rowOf = (id: number) => p.rows.find((r) => r.match?.ledgerId === id)!;
      expect(held.map((r) => rowOf(r.id).sourceRow)).toEqual([6, 7, 8, 9, 10]);
      expect(held.map((r) => rowOf(r.id).diffs), returned).toEqual(expected.map((value) => [expect.objectContaining({ field: 'termChangedOn', status: 'change', value, current: '2020-01-02' })]));
      // Nothing said of a date the unit never typed (2024.3 shown in a date cell as 1905-07-16).
      expect(JSON.stringify(p)).not.toContain('1905');
      expect(p.counts.errors).toBe(0);
      if (returned === xls) await core.call('import.discard', { sessionId: p.sessionId });
      else await core.call('import.commit', { sessionId: p.sessionId });
    }
    const now = new Map((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.map((r) => [r.id, r]));
    // Held as values, not kept red (another test left a red count on one of these rows).
    expect(held.map((r) => [now.get(r.id)!.termChangedOn, now.get(r.id)!.invalid?.termChangedOn ?? null])).toEqual(expected.map((value) => [value, null]));
  });

  it('brings back a branch deleted here since the export only when asked, again after an undo; an undo keeps a row worked on since', async () => {
    const { file, rows } = await send();
    await core.call('ledger.delete', { ids: [rows[2]!.id, rows[3]!.id] });
    // The unit changed row 8 (deleted here) and left row 9 (deleted here too) as it was sent.
    const returned = fill(file, "ws['G8'] = 55");
    const restored = (id: number) => core.call('ledger.list', { year: 2026, scopeOrgId: town.id }).then((l) => l.rows.find((r) => r.id === id));
    const first = await open(core, returned);
    expect(row(first, 8)).toMatchObject({ status: 'conflict', match: null, restores: rows[2]!.id, messages: expect.arrayContaining([expect.stringContaining('接受这一行才会恢复')]) });
    expect(row(first, 9)).toMatchObject({ status: 'unchanged', messages: expect.arrayContaining([expect.stringContaining('保持删除')]) });
    // Not by default.
    await core.call('import.commit', { sessionId: first.sessionId });
    expect(await restored(rows[2]!.id)).toBeUndefined();
    expect(await restored(rows[3]!.id)).toBeUndefined();

    const orgs = (await core.call('org.search', { query: rows[2]!.name })).length;
    const accept = async () => {
      const p = await open(core, returned);
      return core.call('import.commit', { sessionId: p.sessionId, decisions: { acceptRows: [8] } });
    };
    const committed = await accept();
    expect(await restored(rows[2]!.id)).toMatchObject({ membersFormal: 55 });
    expect(await restored(rows[3]!.id)).toBeUndefined();
    expect((await core.call('org.search', { query: rows[2]!.name })).length).toBe(orgs); // no second unit of that name

    // Undone, the row is deleted again; the same file brings it back again.
    const [batch] = await core.call('import.history', {});
    expect(batch!.changeSetId).toBe(committed.changeSetId);
    await core.call('changes.undo', { changeSetId: batch!.changeSetId! });
    expect(await restored(rows[2]!.id)).toBeUndefined();
    await accept();
    expect(await restored(rows[2]!.id)).toMatchObject({ membersFormal: 55 });

    // Someone works on the row; undoing the import leaves it as it is, values and all, and says so.
    await core.call('ledger.edit', { changes: [{ id: rows[2]!.id, field: 'notes', value: '导入后补充' }], source: 'typed' });
    const undo = await core.call('changes.undo', { changeSetId: (await core.call('import.history', {}))[0]!.changeSetId! });
    expect(undo.problems).toContainEqual(`${rows[2]!.name}：这一行在此之后又被修改过，未重新删除，它的值也保持不变，以免丢失后来的修改。`);
    expect(await restored(rows[2]!.id)).toMatchObject({ notes: '导入后补充', membersFormal: 55 });
  });

  it('never adds again, or writes over, a branch the file already lists: a copy without the hidden id, a near name and the exact one', async () => {
    const { file, rows } = await send();
    const [a, b] = [rows[0]!, rows[1]!];
    const near = a.name.replace(/党支部$/, '支部');
    const p = await open(core, fill(file, `
for c in range(1, 18): ws.cell(blank, c).value = ws.cell(7, c).value
ws.cell(blank, 7).value = 99
ws.cell(6, idcol).value = None
ws.cell(6, 4).value = ${JSON.stringify(near)}
ws.cell(blank + 1, 3).value = ws.cell(6, 3).value
ws.cell(blank + 1, 4).value = ${JSON.stringify(a.name)}
ws.cell(blank + 1, 7).value = 1
ws.cell(blank + 2, 3).value = ws.cell(7, 3).value
ws.cell(blank + 2, 4).value = ${JSON.stringify(b.name.replace(/党支部$/, '支部'))}`));
    const blank = 6 + rows.length;
    // Row 7's copy (visible cells only) is the same branch listed twice.
    expect(row(p, blank)).toMatchObject({ status: 'error', messages: expect.arrayContaining([expect.stringContaining('与第 7 行重复')]) });
    // Row 6 without its id, under a near name: matched to a, to be confirmed; a's exact name below is not a new branch.
    expect(row(p, 6)).toMatchObject({ status: 'fuzzy', match: { ledgerId: a.id, by: 'fuzzy' } });
    expect(row(p, blank + 1)).toMatchObject({ status: 'error', messages: expect.arrayContaining([expect.stringContaining('未作为新增')]) });
    // A near name of row 7's branch (matched by its id) is not a new branch either.
    expect(row(p, blank + 2)).toMatchObject({ status: 'error', messages: [expect.stringContaining('与第 7 行的')] });
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied.newRows).toBe(0);
    const now = new Map((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.map((r) => [r.id, r]));
    expect(now.get(a.id)).toMatchObject({ name: a.name, membersFormal: a.membersFormal, secretary: a.secretary });
    expect(now.get(b.id)).toMatchObject({ membersFormal: b.membersFormal });
  });

  it('compares three ways a sent row whose hidden id was cleared, matched by its name', async () => {
    const { file, rows } = await send();
    await core.call('ledger.edit', { changes: [{ id: rows[1]!.id, field: 'secretary', value: '本地新书记' }], source: 'typed' });
    const p = await open(core, fill(file, 'ws.cell(7, idcol).value = None'));
    expect(row(p, 7).match).toMatchObject({ ledgerId: rows[1]!.id, by: 'name' });
    expect(diff(p, 7, 'secretary')).toMatchObject({ status: 'kept', sent: rows[1]!.secretary, current: '本地新书记' });
    await core.call('import.commit', { sessionId: p.sessionId });
    expect((await core.call('ledger.list', { year: 2026, scopeOrgId: town.id })).rows.find((r) => r.id === rows[1]!.id)!.secretary).toBe('本地新书记');
  });
});

describe('a ledger kept by hand', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
  });
  afterAll(() => core.close());

  it('finds the title, two merged header levels, the data and its end, and reads messy values', async () => {
    const before = snapshot(core);
    const p = await open(core, fixture('handmade-ledger.xlsx'));
    expect(p).toMatchObject({ recognisedBy: 'headers', template: { id: 'branch-ledger' }, year: 2026, sheet: '2026年台账', headerRows: [4, 5], needsMapping: true });
    expect(p.columns.map((c) => [c.letter, c.field])).toEqual([
      ['A', null], ['B', 'township'], ['C', 'name'], ['D', 'membersFormal'], ['E', 'membersProbationary'], ['F', 'secretary'],
      ['G', 'secretaryPhone'], ['H', 'grade'], ['I', 'standardised'], ['J', 'weakLax'], ['K', 'termChangedOn'], ['L', 'notes'],
    ]);
    // The column-number row (6) is skipped; the 合计 row and the 填报人 footer end the data.
    expect(p.rows.map((r) => r.sourceRow)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    // The township merged down its branches reaches every row.
    expect(p.rows.every((r) => r.values.township === '经棚镇')).toBe(true);
    expect(row(p, 7).values).toMatchObject({ membersFormal: 30, grade: 'advanced', standardised: true, termChangedOn: '2023-05-01', secretaryPhone: '0476-5200000' });
    expect(row(p, 8).values).toMatchObject({ membersFormal: 31, membersProbationary: 1, grade: 'middle', standardised: false, termChangedOn: '2023-05-01', secretaryPhone: '13900000001' });
    expect(row(p, 9).values).toMatchObject({ membersProbationary: 1, grade: 'lagging' }); // 差, and a full-width １
    expect(row(p, 10).match?.by).toBe('name'); // a name with spaces around it still matches
    expect(row(p, 11).values.termChangedOn).toBe('2023-05'); // 2023年5月: a month, kept as a month (no day made up)
    expect(p.problems).toEqual([
      // The 填表说明 sheet beside the table: skipped, and said.
      { severity: 'warning', sheet: '填表说明', cell: '', message: '工作表“填表说明”是填表说明，没有读入。' },
      { severity: 'error', sheet: '2026年台账', cell: 'K12', message: '换届时间：“2021.13.1”不是有效日期（可写作 2024-03-05、2024.3.5 或 2024年3月5日，或只写年月如 2024年3月）' },
      { severity: 'error', sheet: '2026年台账', cell: 'K18', message: '换届时间：“2021.13.1”不是有效日期（可写作 2024-03-05、2024.3.5 或 2024年3月5日，或只写年月如 2024年3月）' },
      { severity: 'warning', sheet: '2026年台账', cell: 'C19', message: expect.stringContaining('出现了两次（第 7 行和第 19 行）') },
    ]);
    expect(row(p, 19).status).toBe('error');
    expect(row(p, 20)).toMatchObject({ status: 'new', values: { name: '新立手工村党支部' }, parent: { name: '经棚镇党委' } });
    expect(p.counts).toMatchObject({ read: 14, new: 1, errors: 2, warnings: 2, missing: 11 });
    expect(snapshot(core)).toBe(before);

    // Confirmed and remembered: the same layout is not asked about again.
    const again = await open(core, fixture('handmade-ledger.xlsx'), { mapping: p.columns.map((c) => ({ index: c.index, field: c.field })), rememberMapping: true });
    expect(again.needsMapping).toBe(false);
    expect((await open(core, fixture('handmade-ledger.xlsx'))).needsMapping).toBe(false);

    // Committed: the row with a bad date waits; the new branch is created under its township.
    const result = await core.call('import.commit', { sessionId: again.sessionId });
    expect(result.applied.newRows).toBe(1);
    expect(result.skipped.rows).toBe(4); // two bad dates, and both listings of a branch listed twice with different values
    expect(row(again, 7).status).toBe('error');
    const town = (await core.call('org.search', { query: '新立手工村党支部' }))[0]!;
    expect(town.pathNames.at(-1)).toBe('经棚镇党委');
    // Undone: what it created and nothing used since is gone, from the ledger (not even as a deleted row) and the tree.
    const undo = await core.call('changes.undo', { changeSetId: result.changeSetId! });
    expect(undo).toMatchObject({ problems: [], removed: ['新立手工村党支部'] });
    expect(await core.call('org.search', { query: '新立手工村党支部' })).toEqual([]);
    expect((await core.call('ledger.list', { year: 2026, deleted: true })).rows.filter((r) => r.name === '新立手工村党支部')).toEqual([]);
  });

  it('keeps, with their values, the branches an undone import added that were used or worked on since', async () => {
    const file = handMade('新增两个支部.xlsx', [
      ['苏木乡镇（街道）', '党组织名称', '正式党员（名）', '书记'],
      ['经棚镇', '撤销后仍要的村党支部', 21, '赵一'],
      ['经棚镇', '撤销后有人改过的村党支部', 22, '钱二'],
      ['经棚镇', '撤销后无人用过的村党支部', 23, '孙三'],
    ]);
    const p = await open(core, file, { mapping: [{ index: 0, field: 'township' }, { index: 1, field: 'name' }, { index: 2, field: 'membersFormal' }, { index: 3, field: 'secretary' }] });
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied.newRows).toBe(3);
    const added = (name: string) => core.call('ledger.list', { year: 2026, filter: { text: name } }).then((l) => l.rows[0]);
    // One gets a liaison point, one an edit; the third nobody touches.
    const used = (await added('撤销后仍要的村党支部'))!;
    const leader = (await core.call('records.list', { table: 'leader', year: 2026 })).rows.find((l) => !l.values.activeTo)!;
    await core.call('records.add', { table: 'liaison', year: 2026, rows: [{ leaderId: leader.id, orgId: used.orgId }], source: 'typed' });
    const edited = (await added('撤销后有人改过的村党支部'))!;
    await core.call('ledger.edit', { changes: [{ id: edited.id, field: 'notes', value: '后来补充' }], source: 'typed' });

    const undo = await core.call('changes.undo', { changeSetId: result.changeSetId! });
    expect(undo.removed).toEqual(['撤销后无人用过的村党支部']);
    expect(undo.problems).toEqual(expect.arrayContaining([
      expect.stringContaining('撤销后仍要的村党支部：这次导入新增的党支部此后已被使用'),
      expect.stringContaining('撤销后有人改过的村党支部：这一行在此之后又被修改过'),
    ]));
    expect(await added('撤销后仍要的村党支部')).toMatchObject({ membersFormal: 21, secretary: '赵一', deletedAt: null });
    expect(await added('撤销后有人改过的村党支部')).toMatchObject({ membersFormal: 22, secretary: '钱二', notes: '后来补充', deletedAt: null });
    expect(await added('撤销后无人用过的村党支部')).toBeUndefined();
    expect(await core.call('org.search', { query: '撤销后无人用过的村党支部' })).toEqual([]);

    // Imported again: the branch is new, and its history is its own (SQLite may give it the removed row's id).
    const again = await open(core, file, { mapping: [{ index: 0, field: 'township' }, { index: 1, field: 'name' }, { index: 2, field: 'membersFormal' }, { index: 3, field: 'secretary' }] });
    const second = await core.call('import.commit', { sessionId: again.sessionId });
    const reborn = (await added('撤销后无人用过的村党支部'))!;
    const history = await core.call('ledger.history', { id: reborn.id });
    expect(history.length).toBeGreaterThan(0);
    expect(new Set(history.map((h) => h.changeSetId))).toEqual(new Set([second.changeSetId]));
  });

  it('compares a corrected cell again at once: the row, the figures, the problems and what the commit writes', async () => {
    const p = await open(core, fixture('handmade-ledger.xlsx'));
    expect(row(p, 12)).toMatchObject({ status: 'error' });
    expect(needsDecision(row(p, 12))).toBe(true);
    // (In process the preview is the session's own object: its figures are copied before they change.)
    const { errors, changed } = { ...p.counts };
    // Still wrong: the row waits, with the new reason, at the same cell.
    const wrong = await core.call('import.fix', { sessionId: p.sessionId, sourceRow: 12, field: 'termChangedOn', value: '三月' });
    expect(wrong.row.status).toBe('error');
    expect(wrong.counts.errors).toBe(errors);
    expect(wrong.problems.filter((x) => x.cell === 'K12')).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('“三月”') })]);
    // Corrected: no longer an error nor waiting, one error fewer, its problem gone, its change counted.
    const fixed = await core.call('import.fix', { sessionId: p.sessionId, sourceRow: 12, field: 'termChangedOn', value: '2021.3.1' });
    expect(fixed.row.status).toBe('changed');
    expect(fixed.row.diffs.find((d) => d.field === 'termChangedOn')).toMatchObject({ status: 'change', value: '2021-03-01' });
    expect(needsDecision(fixed.row)).toBe(false);
    expect(fixed.counts.errors).toBe(errors - 1);
    expect(fixed.counts.changed).toBe(changed + 1);
    expect(fixed.problems.some((x) => x.cell === 'K12')).toBe(false);
    // A name-like column cannot be "corrected" into another branch.
    await expect(core.call('import.fix', { sessionId: p.sessionId, sourceRow: 12, field: 'name', value: '别的村' })).rejects.toMatchObject({ code: 'INVALID_ARGS' });
    // What the summary says is what the commit writes.
    const rows = p.rows.map((r) => (r.sourceRow === 12 ? fixed.row : r));
    const plan = importPlan(rows, noChoices());
    const result = await core.call('import.commit', { sessionId: p.sessionId });
    expect(result.applied).toEqual({ newRows: plan.newRows, newCells: plan.newCells, changedRows: plan.changedRows, cells: plan.cells, clears: plan.clears });
    expect(result.skipped).toEqual({ rows: plan.skippedRows, cells: plan.skippedCells });
    const row12 = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.id === fixed.row.match!.ledgerId)!;
    expect(row12.termChangedOn).toBe('2021-03-01');
    // The audit tells a person's correction from what the file said.
    const ref = core.conn.sqlite.prepare("SELECT source_ref FROM audit_log WHERE change_set_id = ? AND field = 'termChangedOn' AND row_id = ?").get(result.changeSetId, row12.id) as { source_ref: string };
    expect(ref.source_ref).toMatch(/!K12（导入核对时改正）$/);
    expect(fixed.row.corrected).toEqual(['termChangedOn']);
    await core.call('changes.undo', { changeSetId: result.changeSetId! });
  });

  it('asks for the township where a name is not unique, in another office’s layout', async () => {
    const p = await open(core, fixture('handmade-other-layout.xlsx'));
    expect(p.columns.map((c) => c.field)).toEqual([null, 'name', 'secretary', 'membersFormal', 'grade', null]);
    expect(p.problems).toContainEqual({ severity: 'error', sheet: '台账', cell: 'B3', message: '“巴音乌苏嘎查党支部”在台账中有 2 个同名党支部，无法确定是哪一个。请补上或改正所属乡镇（街道）。' });
  });

  it('says, and does not write, a 联系领导 that differs from the liaison points', async () => {
    const held = (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.liaisonLeaders && r.township).slice(0, 3);
    const reversed = (names: string) => names.split('、').reverse().join('，');
    const file = handMade('联系领导.xlsx', [
      ['乡镇', '支部名称', '书记', '联系领导'],
      [held[0]!.township, held[0]!.name, null, reversed(held[0]!.liaisonLeaders!)], // the same people, written another way
      [held[1]!.township, held[1]!.name, null, '不是联系领导'],
      [held[2]!.township, held[2]!.name, null, held[2]!.liaisonLeaders],
    ]);
    const before = snapshot(core);
    const p = await open(core, file);
    expect(p.columns.map((c) => c.field)).toEqual(['township', 'name', 'secretary', 'liaisonLeaders']);
    expect(p.problems.filter((x) => x.message.includes('联系领导'))).toEqual([
      { severity: 'warning', sheet: 'Sheet', cell: 'D3', message: '“联系领导”由党建工作联系点生成，不从文件导入。文件中有 1 行与台账不同（D3）；如需调整请在“党建工作联系点”中修改。' },
    ]);
    expect(p.rows.every((r) => r.diffs.every((d) => d.field !== 'liaisonLeaders'))).toBe(true);
    expect(snapshot(core)).toBe(before);
  });
});

describe('a ledger laid out as some offices lay it out', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
    await core.call('ledger.copyYear', { from: 2026, to: 2027 }); // the newest ledger is not the file's year
  });
  afterAll(() => core.close());

  it('takes the year from a title right above the header, reads from any column, and says what it leaves out', async () => {
    const held = (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.township?.startsWith('经棚镇')).slice(0, 2);
    const file = path.join(tempDir(), '另一种格式.xlsx');
    const rows = [
      ['合计', null, null, null, 61, null, null, null], // a 合计 right under the header: skipped
      [1, '经棚镇党委', held[0]!.name, '0476 8221234', 30, 45047, '一组', '已核'],
      [2, '经棚镇党委', held[1]!.name, 13912345678, '99999999999999999999', '2023年5月', '二组', null],
      [3, '经棚镇党委', '经棚镇个体工商户（第一联合）党支部', null, 5, null, null, null],
      [4, '经棚镇党委', '经棚镇个体工商户（第二联合）党支部', null, 6, null, null, null],
      ['同兴镇小计', null, null, null, 41, null, null, null],
      ['全镇合计', null, null, null, 82, null, null, null],
      [5, '经棚镇党委', '合计下面补的村党支部', null, 7, null, null, null],
      ['制表：张三', null, null, null, null, null, null, null],
      [6, '经棚镇党委', '落款下面补的村党支部', null, 8, null, null, null],
    ];
    execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, json
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '台账'
ws['C1'] = '经棚镇2026年党支部分类台账'
ws.merge_cells('C1:J1')
for i, h in enumerate(['序号', '乡镇', '支部名称', '联系方式', '正式', '换届时间（年月）', '所在村组', '核对']):
    ws.cell(2, 3 + i).value = h
for r, line in enumerate(json.loads(${JSON.stringify(JSON.stringify(rows))})):
    for i, v in enumerate(line): ws.cell(3 + r, 3 + i).value = v
wb.save(${JSON.stringify(file)})
`]);
    const before = snapshot(core);
    const p = await open(core, file);
    expect(p).toMatchObject({ year: 2026, headerRows: [2] });
    expect(p.columns.filter((c) => c.field).map((c) => [c.letter, c.field])).toEqual([
      ['D', 'township'], ['E', 'name'], ['F', 'secretaryPhone'], ['G', 'membersFormal'], ['H', 'termChangedOn'],
    ]);
    expect(p.rows.map((r) => r.sourceRow)).toEqual([4, 5, 6, 7]);
    expect(row(p, 4).values).toMatchObject({ secretaryPhone: '0476-8221234', membersFormal: 30, termChangedOn: '2023-05-01' });
    expect(row(p, 5).diffs.find((d) => d.field === 'membersFormal')).toMatchObject({ status: 'error', cell: 'G5' });
    // Brackets are part of a name: two branches, both new.
    expect([row(p, 6).status, row(p, 7).status]).toEqual(['new', 'new']);
    expect(p.problems).toEqual(expect.arrayContaining([
      { severity: 'error', sheet: '台账', cell: 'G5', message: expect.stringContaining('过大') },
      { severity: 'warning', sheet: '台账', cell: 'C10', message: expect.stringContaining('第 10 行在“合计”行之后，没有读入') },
      { severity: 'warning', sheet: '台账', cell: 'C12', message: expect.stringContaining('第 12 行在“填报人”“审核人”等落款之下，没有读入') },
      { severity: 'warning', sheet: '台账', cell: 'I2', message: expect.stringContaining('I 列“所在村组”（2 行有内容）没有对应台账中的任何一列') },
      { severity: 'warning', sheet: '台账', cell: 'J2', message: expect.stringContaining('J 列“核对”（1 行有内容）') },
    ]));
    expect(snapshot(core)).toBe(before);
  });
});

describe('hand-made sheets as offices make them', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
  });
  afterAll(() => core.close());

  it('reads the first of two tables on a sheet and says where the second begins', async () => {
    const held = (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.township).slice(0, 4);
    const line = (r: (typeof held)[number]) => [r.township, r.name, r.secretary];
    const file = handMade('两张表.xlsx', [['乡镇', '支部名称', '书记'], line(held[0]!), line(held[1]!), [null, null, null], ['乡镇', '支部名称', '书记'], line(held[2]!), line(held[3]!)]);
    const p = await open(core, file);
    expect(p.rows.map((r) => r.sourceRow)).toEqual([2, 3]);
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: 'Sheet', cell: 'A5', message: '第 5 行起表头重复出现，是另一张表，没有读入。请把它放到单独的工作表或文件中再导入。' });
  });

  it('reads blank cells under a township written once as that township, and says so; a branch listed twice with other values waits', async () => {
    const town = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.township)!.township!;
    const held = (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.township === town).slice(0, 3);
    const file = handMade('乡镇只写一次.xlsx', [
      ['乡镇', '支部名称', '正式党员'],
      [town, held[0]!.name, 1],
      [null, held[1]!.name, 2],
      [null, held[2]!.name, 3],
      [null, held[0]!.name, 4], // the first branch again, with another count
    ]);
    const p = await open(core, file);
    expect(p.rows.map((r) => [r.sourceRow, r.match?.ledgerId ?? null, r.status])).toEqual([
      [2, held[0]!.id, 'error'],
      [3, held[1]!.id, 'changed'],
      [4, held[2]!.id, 'changed'],
      [5, null, 'error'],
    ]);
    expect(p.problems).toEqual(expect.arrayContaining([
      { severity: 'warning', sheet: 'Sheet', cell: 'A3', message: '“苏木乡镇（街道）”有 3 个空白单元格（A3、A4、A5），按其上方最近的乡镇读取，请核对。' },
      { severity: 'warning', sheet: 'Sheet', cell: 'B5', message: expect.stringContaining('两行内容不同，都未导入') },
    ]));
  });

  it('takes a branch listed twice, both times with the red value we hold, as the same listing twice: the second left out, the first unchanged', async () => {
    const town = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.township)!.township!;
    const branch = (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.township === town)[5]!;
    await core.call('ledger.edit', { changes: [{ id: branch.id, field: 'membersFormal', value: '三十余' }], source: 'typed' });
    const file = handMade('红值两次.xlsx', [
      ['乡镇', '支部名称', '正式党员'],
      [town, branch.name, '三十余'],
      [town, branch.name, '三十余'],
    ]);
    const p = await open(core, file);
    expect(p.rows.map((r) => [r.sourceRow, r.match?.ledgerId ?? null, r.status])).toEqual([
      [2, branch.id, 'unchanged'],
      [3, null, 'error'],
    ]);
    expect(p.problems).toContainEqual({ severity: 'warning', sheet: 'Sheet', cell: 'B3', message: `“${branch.name}”在同一乡镇中出现了两次（第 2 行和第 3 行），第 3 行未导入，请核对。` });
  });

  it('reads a term change typed as a month in a hand-made sheet (a date cell showing only the month) as that month, in .xlsx and its .xls', async () => {
    const held = (await core.call('ledger.list', { year: 2026 })).rows.filter((r) => r.township).slice(0, 6);
    const month = (fmt: string | number): Formatted => ({ v: '2024-03-01', fmt });
    const cells: Formatted[] = [month('yyyy"年"m"月"'), month('yyyy-mm'), month('mmm-yy'), month('yyyy-mm-dd'), { v: 2024.3, fmt: 'yyyy-mm-dd' }, month(57)];
    const xlsx = handMadeFormatted('换届年月.xlsx', [['乡镇', '支部名称', '换届时间'], ...held.map((r, i) => [r.township, r.name, cells[i]])]);
    const xls = soffice(xlsx, 'xls', path.join(tempDir(), 'xls'));
    const chinese = asChineseExcelXls(xls);
    // Read first in a worker of its own: SheetJS keeps its table of formats from one file to the next.
    const reader = new SpreadsheetReader();
    expect((await reader.read(chinese)).sheets[0]!.rows.slice(1, 6).map((r) => r[2])).toEqual(['2024-03', '2024-03', '2024-03', '2024-03-01', 2024.3]);
    reader.close();
    const expected = ['2024-03', '2024-03', '2024-03', '2024-03-01', '2024-03', '2024-03'];
    for (const file of [xlsx, xls, chinese]) {
      const p = await open(core, file);
      expect(p.rows.map((r) => r.match?.ledgerId), file).toEqual(held.map((r) => r.id));
      // (LibreOffice converts the built-in 57 by its own locale's table, m/d/yyyy: its .xls shows that cell as a day.)
      const read = p.rows.map((r) => r.values.termChangedOn);
      expect(file === xlsx ? read : read.slice(0, 5), file).toEqual(file === xlsx ? expected : expected.slice(0, 5));
      expect(JSON.stringify(p)).not.toContain('1905');
      expect(p.counts.errors).toBe(0);
      await core.call('import.discard', { sessionId: p.sessionId });
    }
  });

  it('reports a formula saved without its result and keeps the value held', async () => {
    const held = (await core.call('ledger.list', { year: 2026 })).rows.find((r) => r.township && (r.membersFormal ?? 0) > 0)!;
    const file = handMade('公式.xlsx', [['乡镇', '支部名称', '正式党员', '书记'], [held.township, held.name, '=底数!B1', held.secretary]]);
    const p = await open(core, file);
    expect(p.problems).toContainEqual({ severity: 'error', sheet: 'Sheet', cell: 'C2', message: expect.stringContaining('公式“=底数!B1”，文件中没有它的计算结果') });
    expect(row(p, 2).diffs).toEqual([expect.objectContaining({ field: 'membersFormal', status: 'error', current: held.membersFormal })]);
  });
});

describe('files that are not what they seem', () => {
  let core: Core;
  beforeAll(async () => {
    ({ core } = await seededCore('small', 1));
  });
  afterAll(() => core.close());

  const cases: [string, string, RegExp][] = [
    ['empty file', 'empty.xlsx', /是空文件（0 字节）/],
    ['text renamed .xlsx', 'not-a-spreadsheet.xlsx', /不是 Excel 表格，而是文本/],
    ['Word document renamed .xlsx', 'word-document.xlsx', /而是 Word 文档/],
    ['truncated zip', 'truncated.xlsx', /文件已损坏（文件不完整/],
    ['password-protected .xls', 'password.xls', /设置了打开密码.*取消密码/],
    ['zip bomb', 'zip-bomb.xlsx', /只有 1 MB，解压后却有 1.03 GB.*已拒绝读取/],
    ['a sheet of 1,000,000 rows', 'million-rows.xlsx', /超过 20 万 行/],
    ['a sheet with only a picture', 'image-only.xlsx', /没有任何文字或数字（可能只有图片/],
  ];
  for (const [what, name, message] of cases) {
    it(`refuses ${what} with a clear Chinese message and changes nothing`, async () => {
      const before = snapshot(core);
      await expect(open(core, fixture(name))).rejects.toMatchObject({ code: expect.stringMatching(/BAD_FILE/), message: expect.stringMatching(message) });
      expect(snapshot(core)).toBe(before);
    });
  }

  // A part that inflates past its declared size: importForeign.test.ts (damage, or a bomb named with its real size).

  it('refuses a file of another template than the one chosen', async () => {
    await expect(open(core, fixture('other-template.xlsx'), { templateId: 'branch-ledger' })).rejects.toMatchObject({ message: expect.stringContaining('不是所选的报表') });
  });

  it('stops a read that takes too long, and reads again afterwards', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'slow.db');
    const { createCore } = await import('../../electron/core/createCore.ts');
    const slow = await createCore({ dbPath: db, now: () => fixedNow, readLimits: { timeoutMs: 30 } });
    slow.grants.read(fixture('million-rows.xlsx'));
    await expect(slow.call('import.open', { path: fixture('million-rows.xlsx') })).rejects.toMatchObject({ message: expect.stringContaining('仍未完成，已停止') });
    await slow.close();
    // The reader of another core, with the usual limits, still reads.
    const again = await openCore(path.join(dir, 'again.db'));
    again.grants.read(fixture('handmade-other-layout.xlsx'));
    await expect(again.call('import.open', { path: fixture('handmade-other-layout.xlsx') })).resolves.toMatchObject({ recognisedBy: 'headers' });
    await again.close();
  });

  it('refuses a path no dialog gave', async () => {
    await expect(core.call('import.open', { path: fixture('handmade-ledger.xlsx') + '.x' })).rejects.toMatchObject({ message: expect.stringContaining('没有选择过') });
  });
});
