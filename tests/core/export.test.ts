/**
 * Official exports read back by independent programs: openpyxl for the structure
 * (merges, fonts, print titles, protection, validations, the hidden manifest) and
 * LibreOffice for the printed result (page count; page 1 against the reviewed fixture).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/createCore.ts';
import { builtinTemplates, findTemplate } from '../../shared/templates/index.ts';
import { seededCore } from '../helpers/core.ts';
import { bannerOf, exportEach, fixturesDir } from '../helpers/exports.ts';
import { inspectXlsx, pageSignature, pdfPages, renderPage1, signatureDistance, soffice, type InspectedSheet } from '../helpers/office.ts';

describe('official exports', () => {
  let core: Core;
  let dir: string;
  let files: Awaited<ReturnType<typeof exportEach>>;
  const tz = process.env.TZ;

  beforeAll(async () => {
    // Written as on the offices' PCs (UTC+8), where a local midnight date would land a day early.
    process.env.TZ = 'Asia/Shanghai';
    ({ core, dir } = await seededCore('small', 1));
    files = await exportEach(core);
  }, 120_000);
  afterAll(async () => {
    process.env.TZ = tz;
    await core.close();
  });

  const main = (file: string): InspectedSheet => inspectXlsx(file).sheets[0]!;
  /** The column under a header, whichever optional columns the remembered choices leave out. */
  const names = (s: InspectedSheet, from: number, n: number) => {
    const c = s.rows[3]!.indexOf('党组织名称');
    return s.rows.slice(from, from + n).map((r) => r[c]);
  };

  it('writes the ledger in the offices’ format: title, unit line, two merged header levels, fonts on every cell', async () => {
    const s = main(files[0]!.file);
    expect(s.rows[0]![0]).toBe('附件1');
    expect(s.fonts.A1).toMatchObject({ name: '黑体', size: 16 });
    expect(s.rows[1]![0]).toBe('克什克腾旗2026年党支部分类台账');
    expect(s.fonts.A2).toMatchObject({ name: '方正小标宋简体', size: 20 });
    expect(s.rows[2]!.filter(Boolean)).toEqual(['填报单位（盖章）：克什克腾旗委', '填报日期：      年    月    日']);
    expect(s.fonts.A3!.name).toBe('仿宋_GB2312');
    // Two header levels: groups merged across, the rest merged down.
    expect(s.merges).toEqual(expect.arrayContaining(['A2:T2', 'A4:A5', 'D4:D5', 'G4:H4', 'I4:J4', 'O4:Q4']));
    expect(s.rows[3]!.slice(14, 17)).toEqual(['群团组织已建立（是/否）', null, null]);
    expect(s.rows[4]!.slice(14, 17)).toEqual(['工会', '共青团', '妇联']);
    expect(s.rows[3]!.slice(6, 10)).toEqual(['党员人数', null, '书记', null]);
    expect(s.rows[4]!.slice(6, 10)).toEqual(['正式党员（名）', '预备党员（名）', '姓名', '联系电话']);
    expect(s.fonts.G5).toMatchObject({ name: '黑体' });
    expect(s.fonts.D6).toMatchObject({ name: '仿宋_GB2312' });
    // No cell in Calibri: fonts are set on every cell.
    expect(s.allFontNames.every((n) => ['黑体', '方正小标宋简体', '仿宋_GB2312', '宋体'].includes(n))).toBe(true);
    // The 合计 row and the signature line.
    expect(s.lastRow[0]).toMatch(/^填报人：\s+审核人：\s+联系电话：$/);
    expect(s.merges.some((m) => /^A\d+:F\d+$/.test(m))).toBe(true);
  });

  it('writes values as the ledger holds them: labels, 是/否, numbers, dates that do not shift in UTC+8', async () => {
    const rows = (await core.call('ledger.list', { year: 2026, scopeOrgId: await bannerOf(core) })).rows;
    const s = main(files[0]!.file);
    const first = rows[0]!;
    const written = s.rows[5]!;
    expect(written.slice(0, 4)).toEqual([1, first.county, first.township, first.name]);
    expect(written[6]).toBe(first.membersFormal);
    expect(written[11]).toBe(first.standardised ? '是' : '否');
    expect(written.slice(14, 17)).toEqual([first.unionBuilt, first.youthLeagueBuilt, first.womenFederationBuilt].map((v) => (v === null ? null : v ? '是' : '否')));
    expect(written[18]).toBe(`${first.termChangedOn}T00:00:00`);
    expect(written[9]).toBe(first.secretaryPhone); // text: a landline keeps its leading 0
  });

  it('prints A4 in the template’s orientation (landscape, a narrow summary portrait), one page wide, header rows on every page, “— N —” in the footer', () => {
    for (const e of files) {
      const s = main(e.file);
      expect(s, e.id).toMatchObject({ orientation: findTemplate(e.id)!.page.orientation, paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, footer: '— &P —' });
      expect(s.printTitleRows).toMatch(/^\$4:\$[45]$/);
    }
  });

  it('protects the sheet without a password: key columns locked, input cells open, dropdowns and validations', () => {
    const s = main(files[0]!.file);
    expect(s.protected).toBe(true);
    expect(s.passwordHash).toBeNull();
    expect(s.locked.D6).toBe(true); // 党组织名称: the key
    expect(s.locked.G6).toBe(false); // 正式党员: an input cell
    expect(s.locked.A6).toBe(true); // 序号
    const last = 5 + files[0]!.rows;
    expect(s.validations).toEqual(
      expect.arrayContaining([
        { type: 'list', sqref: `K6:K${last}`, formula1: "'_zg_dict'!$C$1:$C$3", errorStyle: 'warning' }, // 等次
        { type: 'list', sqref: `L6:L${last}`, formula1: '"是,否"', errorStyle: 'warning' },
        { type: 'whole', sqref: `G6:G${last}`, formula1: '0', errorStyle: 'warning' },
        expect.objectContaining({ type: 'date', sqref: `S6:S${last}` }),
        { type: 'list', sqref: `O6:O${last}`, formula1: '"是,否"', errorStyle: 'warning' }, // 工会
      ]),
    );
    expect(s.hiddenColumns).toEqual(['U', 'V']); // row id and hash travel with their row
    // The parts after the data in the order the schema requires (ExcelJS's streaming writer, patched).
    const order = inspectXlsx<{ sheet1TailElements: string[] }>(files[0]!.file).sheet1TailElements.filter((e) => !['mergeCell', 'dataValidation', 'formula1', 'formula2'].includes(e));
    expect(order).toEqual(['sheetProtection', 'mergeCells', 'dataValidations', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'oddFooter', 'evenFooter']);
  });

  it('embeds a very hidden manifest with names: template, version, unit, period, batch, each row’s id and the checksum', async () => {
    const wb = inspectXlsx(files[0]!.file);
    const manifest = wb.sheets.find((s) => s.name === '_zg_manifest')!;
    expect(manifest.state).toBe('veryHidden');
    expect(wb.sheets.find((s) => s.name === '_zg_dict')!.state).toBe('veryHidden');
    expect(wb.names).toMatchObject({ ZG_TEMPLATE: "'_zg_manifest'!$B$2", ZG_BATCH: "'_zg_manifest'!$B$7", ZG_DICT_grade: "'_zg_dict'!$C$1:$C$3" });
    const kv = Object.fromEntries(manifest.rows.slice(1, 11).map((r) => [r[0], r[1]]));
    const [batch] = await core.call('export.batches', { limit: 50 }).then((b) => b.filter((x) => x.templateId === 'branch-ledger'));
    expect(kv).toMatchObject({ 报表模板: 'branch-ledger', 模板版本: 2, 单位代码: '150425', 单位名称: '克什克腾旗委', 所属期: '2026', 导出批次: batch!.id });
    const stored = core.conn.sqlite.prepare('SELECT checksum, row_count FROM export_batch WHERE id = ?').get(batch!.id) as { checksum: string; row_count: number };
    expect(kv.数据校验值).toBe(stored.checksum);
    expect(stored.row_count).toBe(files[0]!.rows);
    // Every row's uid and hash as sent, in order, 500 to a cell from the sheet's first data row.
    const uid = (core.conn.sqlite.prepare('SELECT uid FROM branch_ledger WHERE id = ?').get((await core.call('ledger.list', { year: 2026, limit: 1 })).rows[0]!.id) as { uid: string }).uid;
    expect(manifest.rows[13]!.slice(0, 3)).toEqual(['党支部分类台账', 6, files[0]!.rows]);
    const pairs = String(manifest.rows[13]![3]).split('|');
    expect(pairs).toHaveLength(files[0]!.rows);
    expect(pairs[0]).toMatch(new RegExp(`^${uid} [0-9a-f]{16}$`));
    expect(main(files[0]!.file).rows[5]![20]).toBe(uid);
    expect(pairs[0]!.split(' ')[1]).toBe(main(files[0]!.file).rows[5]![21]);
  });

  it('writes every built-in template, with a 合计 row where it has one, and the work records as a second sheet', () => {
    expect(files.map((f) => f.id)).toEqual(builtinTemplates.map((t) => t.id));
    const liaison = inspectXlsx(files.find((f) => f.id === 'liaison-points')!.file);
    expect(liaison.sheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual(['联系点台账', '工作记录']);
    expect(liaison.sheets[1]!.rows[1]![0]).toBe('克什克腾旗2026年联系点工作记录');
    const summary = main(files.find((f) => f.id === 'org-summary')!.file);
    const totals = summary.rows.find((r) => r[0] === '合计');
    expect(totals).toBeUndefined(); // beyond the rows inspected: check the sheet's own end instead
    const units = files.find((f) => f.id === 'org-summary')!.rows;
    const all = inspectXlsx(files.find((f) => f.id === 'org-summary')!.file, 60).sheets[0]!;
    const sumRow = all.rows[5 + units]!;
    expect(sumRow[0]).toBe('合计');
    const branches = all.rows.slice(5, 5 + units).reduce((n, r) => n + Number(r[2]), 0);
    expect(sumRow[2]).toBe(`=SUM(C6:C${5 + units})`); // openpyxl shows the formula; LibreOffice prints its value
    expect(branches).toBe(files[0]!.rows);
    // 达标率 in the 合计 row: the ratio of the totals, not a sum of rates.
    const rate = all.rows[4]!.indexOf('达标率');
    expect(sumRow[rate]).toBe(`=IF(C${6 + units}=0,"",J${6 + units}/C${6 + units})`);
  });

  it('prints with LibreOffice: pages as expected, and page 1 as the reviewed fixture shows it', () => {
    for (const e of files) {
      const pdf = soffice(e.file, 'pdf', path.join(dir, 'pdf'));
      const fixture = JSON.parse(fs.readFileSync(path.join(fixturesDir, `${e.id}-page1.json`), 'utf8')) as { pages: number; rows: number; signature: number[] };
      expect(e.rows, e.id).toBe(fixture.rows);
      expect(pdfPages(pdf), e.id).toBe(fixture.pages);
      const distance = signatureDistance(pageSignature(pdf), fixture.signature);
      if (distance >= 6) renderPage1(pdf, path.join(dir, `${e.id}-page1-now.png`));
      expect(distance, `${e.id}: page 1 differs from tests/fixtures/export/${e.id}-page1.png (see ${dir})`).toBeLessThan(6);
    }
  }, 240_000);

  it('remembers the choices per template and honours them: attachment, title, left-out columns, empty cells', async () => {
    const t = findTemplate('branch-ledger')!;
    const choices = { attachment: 3, title: '{unit}党支部分类台账（{year}年度）', reportingUnit: '中共克什克腾旗委员会组织部', omitted: ['党支部分类台账.county', '党支部分类台账.notes'], emptyAs: '—' as const, titleFont: 'songBold' as const };
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '选项.xlsx' });
    await core.call('export.run', { templateId: t.id, scope: { year: 2026, scopeOrgId: await bannerOf(core) }, choices, path: file! });
    const s = main(file!);
    expect(s.rows[0]![0]).toBe('附件3');
    expect(s.rows[1]![0]).toBe('克什克腾旗党支部分类台账（2026年度）');
    expect(s.fonts.A2).toMatchObject({ name: '宋体', bold: true });
    expect(s.rows[2]![0]).toBe('填报单位（盖章）：中共克什克腾旗委员会组织部');
    expect(s.rows[3]).not.toContain('旗县区');
    expect(s.rows[3]).not.toContain('备注');
    expect(s.rows.slice(5).some((r) => r.includes('—'))).toBe(true); // e.g. a branch nobody guides
    const listed = (await core.call('templates.list', {})).find((x) => x.id === t.id)!;
    expect(listed.choices).toEqual(choices);
    // The unit and the period too: offered again next time.
    expect(listed.lastScope).toMatchObject({ year: 2026, unit: { id: await bannerOf(core), name: '克什克腾旗委' } });
  });

  it('exports exactly the rows of a grid view, in their order, and refuses a path no dialog gave', async () => {
    const rows = (await core.call('ledger.list', { year: 2026, filter: { grade: ['lagging'] }, sort: [{ key: 'membersFormal', dir: 'desc' }] })).rows.slice(0, 5);
    const { path: file } = await core.call('shell.chooseSaveFile', { suggestedName: '视图.xlsx' });
    const r = await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026, rowIds: rows.map((x) => x.id) }, path: file! });
    expect(r.rows).toBe(5);
    const s = inspectXlsx(file!).sheets[0]!;
    expect(names(s, 5, 5)).toEqual(rows.map((x) => x.name));
    await expect(core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026 }, path: path.join(dir, 'elsewhere.xlsx') })).rejects.toMatchObject({
      code: 'INVALID_ARGS',
      message: expect.stringContaining('没有选择过'),
    });
    expect(fs.existsSync(path.join(dir, 'elsewhere.xlsx'))).toBe(false);

    // A grid scoped to a township: its rows, and the file is the township's.
    const town = (await core.call('org.children', { parentId: await bannerOf(core) })).nodes[0]!;
    const ofTown = (await core.call('ledger.list', { year: 2026, scopeOrgId: town.id, sort: [{ key: 'membersFormal', dir: 'asc' }] })).rows.slice(0, 3);
    const { path: townFile } = await core.call('shell.chooseSaveFile', { suggestedName: '乡镇视图.xlsx' });
    const remembered = (await core.call('templates.list', {})).find((x) => x.id === 'branch-ledger')!.choices;
    await core.call('export.run', { templateId: 'branch-ledger', scope: { year: 2026, scopeOrgId: town.id, rowIds: ofTown.map((x) => x.id) }, choices: { ...remembered, reportingUnit: '{unit}' }, path: townFile! });
    const t = inspectXlsx(townFile!).sheets[0]!;
    expect(names(t, 5, 4)).toEqual([...ofTown.map((x) => x.name), null]);
    expect(t.rows[2]![0]).toBe(`填报单位（盖章）：${town.name}`);
  });

  it('sends down one prefilled file per township, each with only its rows, and a list of what was produced', async () => {
    const banner = await bannerOf(core);
    const { path: folder } = await core.call('shell.chooseFolder', { suggestedName: '下发' });
    const r = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder: folder! });
    const townships = (await core.call('org.children', { parentId: banner, counts: false })).nodes;
    expect(r.files.map((f) => f.unitName)).toEqual(townships.map((t) => t.name));
    const first = r.files[0]!;
    const expected = (await core.call('ledger.list', { year: 2026, scopeOrgId: first.unitId })).rows;
    expect(first.rows).toBe(expected.length);
    const s = inspectXlsx(first.file, 200).sheets[0]!;
    expect(names(s, 5, expected.length)).toEqual(expected.map((x) => x.name));
    // Ten open rows under the data for branches a township adds: even the key columns.
    const nameColumn = String.fromCharCode(65 + s.rows[3]!.indexOf('党组织名称'));
    expect(s.locked[`${nameColumn}5`]).toBe(true);
    expect(s.locked[`${nameColumn}${6 + expected.length}`]).toBe(false);
    expect(fs.readFileSync(path.join(folder!, '下发清单.txt'), 'utf8')).toContain(first.fileName);
    const batches = (await core.call('export.batches', {})).filter((b) => b.sendDownId === r.sendDownId);
    expect(batches).toHaveLength(townships.length);
    await expect(core.call('export.sendDown', { templateId: 'org-summary', parentOrgId: banner, year: 2026, folder: folder! })).rejects.toMatchObject({ message: expect.stringContaining('汇总表') });

    // What we typed for our own export (our department, our banner in the title) is not copied into a township's file.
    const bannerName = (await core.call('org.children', { parentId: (await core.call('org.children', { parentId: null })).nodes[0]!.id })).nodes.find((n) => n.id === banner)!.name;
    const place = bannerName.replace(/委$/, '');
    const choices = (await core.call('templates.list', {})).find((x) => x.id === 'branch-ledger')!.choices;
    const { path: folder2 } = await core.call('shell.chooseFolder', { suggestedName: '下发2' });
    const typed = await core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: banner, year: 2026, folder: folder2!, choices: { ...choices, title: `${place}2026年党支部分类台账`, reportingUnit: `中共${place}委员会组织部` } });
    const own = inspectXlsx(typed.files[0]!.file).sheets[0]!;
    expect(own.rows[1]![0]).toBe(`${typed.files[0]!.unitName.replace(/党委$/, '')}2026年党支部分类台账`);
    expect(own.rows[2]![0]).toBe(`填报单位（盖章）：${typed.files[0]!.unitName}`);
  });

  it('refuses to send down from a unit with nothing under it before it makes any folder', async () => {
    const banner = await bannerOf(core);
    const town = (await core.call('org.children', { parentId: banner, counts: false })).nodes.find((n) => n.level === 'township')!;
    const folder = path.join(path.dirname(core.conn.path), '乡镇下发');
    core.grants.folder(folder);
    await expect(core.call('export.sendDown', { templateId: 'branch-ledger', parentOrgId: town.id, year: 2026, folder })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('下没有下级单位') });
    expect(fs.existsSync(folder)).toBe(false);
  });
});
