/**
 * What a file is: a returned export (its manifest names the template, version, unit,
 * period, batch and where the table is), or a hand-made ledger whose headers say
 * which template's columns it has. Works on what the reader gives, whatever program
 * saved the file last: LibreOffice turns the very hidden manifest into a hidden one,
 * so the sheet is found by its name and read by its labels, never by its state.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import { builtinTemplates, findTemplate, plainTitle } from '../../../../shared/templates/index.ts';
import type { Template, TemplateSheet } from '../../../../shared/templates/types.ts';
import { ID_HEADER, MANIFEST_MARK, MANIFEST_SHEET, ROW_TABLE_HEADER, manifestKeys, type Manifest, type ManifestSheet } from '../../excel/manifest.ts';
import type { RawBook, RawSheet } from '../../excel/reader/index.ts';
import { defaultDictionaries } from '../../../../shared/domain/defaults.ts';
import { columnLetter, findTable, headerKey, isNotesSheet, layoutSignature, layoutWith, type ColumnMap, type TableLayout } from './layout.ts';

export interface ImportProblem {
  severity: 'error' | 'warning';
  sheet: string;
  /** A1 address, or '' for the whole file or sheet. */
  cell: string;
  message: string;
}

export interface RecognisedSheet {
  raw: RawSheet;
  tsheet: TemplateSheet;
  layout: TableLayout;
  /** The hidden column of a returned export with each row's stable id (the hashes as sent are read from the manifest). */
  idColumn: number | null;
  signature: string;
  /** A returned export's rows as sent, in order: stable id and hash. */
  sent: { uid: string; hash: string }[] | null;
  /** A returned export's columns as written (template fields, left to right): what its row hashes cover. */
  sentFields: string[] | null;
  /** What an empty cell was written as in a returned export ('' when not one). */
  emptyAs: string;
}

export interface Recognised {
  recognisedBy: 'manifest' | 'headers';
  template: Template;
  manifest: Manifest | null;
  sheets: RecognisedSheet[];
  problems: ImportProblem[];
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

export function readManifest(book: Pick<RawBook, 'sheets'>): Manifest | null {
  const sheet = book.sheets.find((s) => s.name === MANIFEST_SHEET);
  if (!sheet || text(sheet.rows[0]?.[1]) !== MANIFEST_MARK) return null;
  const byLabel = new Map(sheet.rows.slice(1, manifestKeys.length + 1).map((r) => [text(r[0]), r[1] ?? null]));
  const value = (key: keyof Manifest) => byLabel.get(manifestKeys.find((k) => k.key === key)!.label) ?? null;
  let sheets: ManifestSheet[];
  try {
    sheets = JSON.parse(text(value('sheets'))) as ManifestSheet[];
  } catch {
    return null;
  }
  return {
    template: text(value('template')),
    templateVersion: Number(value('templateVersion')),
    unitCode: text(value('unitCode')) || null,
    unitName: text(value('unitName')),
    period: text(value('period')),
    batchId: text(value('batchId')),
    exportedAt: text(value('exportedAt')),
    appVersion: text(value('appVersion')),
    checksum: text(value('checksum')),
    sheets,
  };
}

/** Templates whose rows can come back and be merged: the branch ledger and every table of records sent down. */
export function importableTemplates(): Template[] {
  return builtinTemplates.filter((t) => t.returnable && t.rows === 'records');
}

/** The manifest's table of rows as sent: per sheet, "uid hash" pairs in chunks. */
export function sentRows(book: Pick<RawBook, 'sheets'>): Map<string, { uid: string; hash: string }[]> {
  const out = new Map<string, { uid: string; hash: string }[]>();
  const sheet = book.sheets.find((s) => s.name === MANIFEST_SHEET);
  for (const row of sheet?.rows.slice(ROW_TABLE_HEADER) ?? []) {
    const name = text(row[0]);
    const pairs = text(row[3]);
    if (!name || !pairs) continue;
    const list = out.get(name) ?? [];
    for (const p of pairs.split('|')) {
      const [uid, hash] = p.split(' ');
      if (uid && hash) list.push({ uid, hash });
    }
    out.set(name, list);
  }
  return out;
}

function byManifest(book: RawBook, manifest: Manifest, problems: ImportProblem[]): Recognised {
  const sent = sentRows(book);
  const template = findTemplate(manifest.template);
  if (!template) throw new AppError('BAD_FILE', `这份表格由组工台账导出，但使用的报表模板“${manifest.template}”在本程序中没有，可能来自更新的版本。请升级后再导入。`);
  if (manifest.templateVersion > template.version) {
    throw new AppError('BAD_FILE', `这份表格使用第 ${manifest.templateVersion} 版“${plainTitle(template)}”模板，本程序只认识到第 ${template.version} 版。请升级组工台账后再导入。`);
  }
  const sheets: RecognisedSheet[] = [];
  for (const m of manifest.sheets) {
    let raw = book.sheets.find((s) => s.name === m.name);
    const tsheet = template.sheets.find((s) => s.name === m.name);
    if (!raw && tsheet) {
      // Renamed (经棚镇 for 党支部分类台账): the one other visible sheet with this table's headers.
      const named = new Set(manifest.sheets.map((x) => x.name));
      const others = book.sheets.filter((s) => s.state === 'visible' && !named.has(s.name) && findTable(s, tsheet) !== null);
      if (others.length === 1) {
        raw = others[0]!;
        problems.push({ severity: 'warning', sheet: raw.name, cell: '', message: `导出时的工作表“${m.name}”已改名为“${raw.name}”，按改名后的工作表导入。` });
      }
    }
    if (!raw || !tsheet) {
      problems.push({ severity: 'warning', sheet: m.name, cell: '', message: `导出时的工作表“${m.name}”在文件中找不到了（可能被改名或删除），未导入。` });
      continue;
    }
    const known = new Set(tsheet.columns.map((c) => c.field));
    if (manifest.templateVersion < template.version) {
      const now = tsheet.columns.map((c) => c.field);
      const gone = m.fields.filter((f) => !known.has(f));
      const added = now.filter((f) => !m.fields.includes(f));
      const label = (f: string) => tsheet.columns.find((c) => c.field === f)?.header ?? f;
      problems.push({
        severity: 'warning',
        sheet: m.name,
        cell: '',
        message: `文件使用第 ${manifest.templateVersion} 版模板（现为第 ${template.version} 版）。${gone.length ? `旧版有、新版没有的列：${gone.join('、')}，不导入；` : ''}${added.length ? `新版新增的列：${added.map(label).join('、')}，文件中没有，保持不变。` : '其余列相同，按列名对应导入。'}`,
      });
    }
    const fields = new Map<number, string>();
    const headers = new Map<number, string>();
    m.fields.forEach((f, i) => {
      if (!known.has(f)) return;
      fields.set(i, f);
      headers.set(i, tsheet.columns.find((c) => c.field === f)!.header);
    });
    const depth = m.firstDataRow - m.headerRow;
    let layout = layoutWith(raw, m.headerRow - 1, depth, { fields, headers }, tsheet);
    // Someone inserted rows above the table, or moved columns: find the headers again.
    const headerRow = raw.rows[m.headerRow - 1 + depth - 1] ?? [];
    const upperRow = raw.rows[m.headerRow - 1] ?? [];
    const agrees = [...fields].filter(([i, f]) => {
      const c = tsheet.columns.find((x) => x.field === f)!;
      return headerKey(headerRow[i]) === headerKey(c.header) || headerKey(upperRow[i]) === headerKey(c.group ?? c.header);
    }).length;
    // Every column must still stand under its header: one column inserted or deleted moves all after it.
    if (agrees < fields.size) {
      const found = findTable(raw, tsheet);
      if (!found) throw new AppError('BAD_FILE', `工作表“${m.name}”的表头被改动过，无法确定各列对应关系。请恢复原表头后再导入。`, { sheet: m.name });
      problems.push({ severity: 'warning', sheet: m.name, cell: '', message: '表头位置与导出时不同（可能插入了行或列），已按表头文字重新对应各列，请核对。' });
      layout = found;
      if (found.within) raw = found.within;
    }
    // The hidden id column is found by its header: a column inserted before it moves it, and
    // without its header no column is taken for it (its place may hold data now).
    const top = raw.rows[layout.headerRows[0]!] ?? [];
    const at = (header: string) => {
      const i = top.findIndex((c) => text(c) === header);
      return i >= 0 ? i : null;
    };
    sheets.push({
      raw,
      tsheet,
      layout,
      idColumn: at(ID_HEADER),
      signature: layoutSignature(raw, layout.headerRows),
      sent: sent.get(m.name) ?? null,
      sentFields: m.fields,
      emptyAs: m.emptyAs ?? '',
    });
  }
  if (sheets.length === 0) throw new AppError('BAD_FILE', '文件中找不到导出时的任何工作表，无法导入。');
  return { recognisedBy: 'manifest', template, manifest, sheets, problems };
}

/** A template sheet's table found in a sheet: how many of its columns the file's headers name. */
interface Candidate {
  template: Template;
  tsheet: TemplateSheet;
  /** The sheet as the reader gave it. */
  sheet: RawSheet;
  /** The sheet as this template reads it (its merges filled down from its own first data row). */
  raw: RawSheet;
  layout: TableLayout;
  columns: number;
}

/** The table in a sheet (or a part of it) that any of these templates knows best, if one does. */
function bestIn(raw: RawSheet, candidates: readonly Template[]): Candidate[] {
  const found: Candidate[] = [];
  for (const template of candidates) {
    for (const tsheet of template.sheets) {
      // Each guess on its own copy of the rows: filling merges down from a wrong header row must not change the sheet for the right one.
      const own = { ...raw, rows: raw.rows.slice() };
      const layout = findTable(own, tsheet);
      if (layout) found.push({ template, tsheet, sheet: raw, raw: own, layout, columns: layout.columns.fields.size });
    }
  }
  // Most columns named first; of equal counts, the template whose columns they cover more of.
  return found.sort((a, b) => b.columns - a.columns || b.layout.score - a.layout.score);
}

/** A template's name as people call it: “党建工作联系点台账”. */
const titleOf = (t: Template) => `“${plainTitle(t)}”`;

/**
 * Without a manifest: the visible sheet and template whose headers match best, by the columns
 * they name, with a margin: a file that names nearly as many columns of another template is
 * read as the best one and said to be unsure; one that names as many is not guessed at. A
 * remembered mapping for this layout (confirmed by a user before) replaces the guess.
 */
function byHeaders(book: RawBook, templateId: string | undefined, remembered: (signature: string) => ColumnMap | null, problems: ImportProblem[]): Recognised {
  const candidates = templateId ? [findTemplate(templateId)].filter((t): t is Template => t !== undefined) : importableTemplates();
  if (templateId && candidates.length === 0) throw new AppError('NOT_FOUND', `没有编号为“${templateId}”的报表模板。`);
  const found: Candidate[] = [];
  for (const raw of book.sheets) {
    if (raw.state !== 'visible' || isNotesSheet(raw)) continue;
    found.push(...bestIn(raw, candidates));
  }
  found.sort((a, b) => b.columns - a.columns || b.layout.score - a.layout.score);
  const best = found[0];
  if (!best) {
    const names = candidates.map(titleOf).join('、');
    const empty = book.sheets.every((s) => s.rows.every((r) => r.every((c) => text(c) === '')));
    if (!empty) refuseUnreadLayout(book, candidates);
    throw new AppError(
      'BAD_FILE',
      empty
        ? '文件中没有任何文字或数字（可能只有图片或扫描件），无法导入。'
        : `没有在文件中找到${names}的表头（如“党组织名称”“书记”“等次”等列）。请确认文件类型，或在 Excel 中把表头改为模板中的名称后再导入。`,
    );
  }
  // The nearest reading as another kind of table: a tie is not guessed at, a near one is said.
  // (A table on another sheet, or beside this one, is another table: told below, not a rival.)
  const cols = new Set(best.layout.columns.fields.keys());
  const rival = found.find((c) => c.template.id !== best.template.id && c.sheet === best.sheet && [...c.layout.columns.fields.keys()].some((i) => cols.has(i)));
  if (rival && rival.columns === best.columns) {
    throw new AppError(
      'BAD_FILE',
      `无法确定工作表“${best.raw.name}”是哪种表格：它的表头与${titleOf(best.template)}和${titleOf(rival.template)}对上的列一样多（${best.columns} 列），没有导入任何数据。请把表头改成其中一种表格的列名后再导入（命令行导入也可用 --template 指定报表）。`,
      { templates: [best.template.id, rival.template.id] },
    );
  }
  if (rival && rival.columns >= best.columns - 1 && rival.columns >= 3) {
    problems.push({
      severity: 'warning',
      sheet: best.raw.name,
      cell: '',
      message: `不能完全确定这是哪种表格：表头与${titleOf(best.template)}对上 ${best.columns} 列，与${titleOf(rival.template)}对上 ${rival.columns} 列，按${titleOf(best.template)}读入。如果不对，请把表头改成对应表格的列名后重新导入（命令行导入也可用 --template 指定报表）。`,
    });
  }
  const sheets = [recognisedSheet(best, remembered)];
  const taken = (raw: RawSheet) => sheets.some((x) => x.raw.name === raw.name);
  // The template's other sheets (工作记录 beside the 联系点台账), each where it is found best.
  for (const tsheet of best.template.sheets) {
    if (tsheet === best.tsheet) continue;
    const more = found.find((c) => c.template === best.template && c.tsheet === tsheet && !taken(c.sheet));
    if (more) sheets.push(recognisedSheet(more, remembered));
  }
  // A table of records kept one sheet per unit (a 问题清单 per township): every sheet whose best
  // reading is the same table is read too. (The branch ledger's sheets are the ledger's own business.)
  if (best.tsheet.source !== 'ledger') {
    for (const raw of book.sheets) {
      const mine = found.find((c) => c.sheet === raw);
      if (mine && !taken(raw) && mine.template === best.template) sheets.push(recognisedSheet(mine, remembered));
    }
  }
  const read = new Set(sheets.map((x) => x.raw.name));
  for (const sheet of sheets) problems.push(...besideProblems(sheet.raw.name, sheet.layout));
  for (const raw of book.sheets) {
    if (raw.state !== 'visible' || read.has(raw.name)) continue;
    if (isNotesSheet(raw)) {
      if (raw.rows.some((r) => r.some((c) => text(c) !== ''))) problems.push({ severity: 'warning', sheet: raw.name, cell: '', message: `工作表“${raw.name}”是${/封面|目录/.test(raw.name) ? '封面' : '填表说明'}，没有读入。` });
      continue;
    }
    const like = found.find((c) => c.sheet === raw);
    problems.push({ severity: 'warning', sheet: raw.name, cell: '', message: `工作表“${raw.name}”不是这张台账的一部分${like ? `（看起来是${titleOf(like.template)}，请单独导入）` : ''}，未导入。` });
  }
  return { recognisedBy: 'headers', template: best.template, manifest: null, sheets, problems };
}

/** A found table as the import reads it: on its own columns when it shares its sheet, by a remembered mapping when there is one. */
function recognisedSheet(found: Candidate, remembered: (signature: string) => ColumnMap | null): RecognisedSheet {
  const raw = found.layout.within ?? found.raw;
  const signature = layoutSignature(raw, found.layout.headerRows);
  const mapping = remembered(signature);
  const layout = mapping ? layoutWith(raw, found.layout.headerRows[0]!, found.layout.headerRows.length, mapping, found.tsheet) : found.layout;
  return { raw, tsheet: found.tsheet, layout: { ...layout, ...(found.layout.besides ? { besides: found.layout.besides } : {}) }, idColumn: null, signature, sent: null, sentFields: null, emptyAs: '' };
}

/** The tables beside the one read on its sheet: where each is, what it looks like, and that it is not read. */
function besideProblems(sheet: string, layout: TableLayout): ImportProblem[] {
  return (layout.besides ?? []).map((b) => {
    const range = `${columnLetter(b.first)}${b.top + 1}:${columnLetter(b.last)}${b.bottom + 1}`;
    const like = bestIn(b.view, builtinTemplates.filter((t) => t.rows === 'records'))[0];
    const what = like ? `，看起来是${titleOf(like.template)}` : '';
    return {
      severity: 'warning' as const,
      sheet,
      cell: `${columnLetter(b.first)}${b.top + 1}`,
      message: `工作表“${sheet}”的 ${range} 是并排的另一张表（表头：${b.headers.slice(0, 6).join('、')}${b.headers.length > 6 ? ' 等' : ''}）${what}，没有读入。请把它移到单独的工作表中再导入。`,
    };
  });
}

/**
 * A sheet laid out in a way the import does not read is refused by the layout's name, never
 * half read: a form with its labels down the left (a card per branch), or a crosstab (counts
 * by dictionary entries across, units down). See docs/layouts.md.
 */
function refuseUnreadLayout(book: RawBook, candidates: readonly Template[]): void {
  for (const raw of book.sheets) {
    if (raw.state !== 'visible' || isNotesSheet(raw)) continue;
    const vertical = verticalForm(raw, candidates);
    if (vertical) {
      throw new AppError(
        'BAD_FILE',
        `工作表“${raw.name}”是表头在左侧的竖表：${vertical.range} 竖排着“${vertical.labels.slice(0, 4).join('”“')}”等栏目，每个栏目的内容填在右边。组工台账只读入第一行（或前两行）是表头、每条记录一行的表格，这种格式不读入，也没有改动任何数据。请把栏目名排成一行作为表头、每个党支部（每条记录）填一行后再导入（见“能读入的表格格式”）。`,
        { sheet: raw.name, layout: 'vertical' },
      );
    }
    const cross = crosstab(raw);
    if (cross) {
      throw new AppError(
        'BAD_FILE',
        `工作表“${raw.name}”是交叉表：${cross.range} 的列头是“${cross.dict}”的各项（${cross.labels.join('、')}），表中是统计出来的数字，不是一行一条的台账。组工台账不读入交叉表，也没有改动任何数据。请导入各党支部的台账（每个党支部一行，“${cross.dict}”作为一列），统计数字由程序汇总得出（见“能读入的表格格式”）。`,
        { sheet: raw.name, layout: 'crosstab' },
      );
    }
  }
}

/** Labels of a template's columns down one column (a form: 党组织名称 | value, 书记 | value …), found as a table's header when the sheet is turned. */
function verticalForm(raw: RawSheet, candidates: readonly Template[]): { range: string; labels: string[] } | null {
  const rows = raw.rows.slice(0, 60);
  const width = Math.min(20, Math.max(0, ...rows.map((r) => r.length)));
  const turned: RawSheet = { ...raw, merges: [], rows: Array.from({ length: width }, (_, c) => rows.map((r) => r[c] ?? null)) };
  const hit = bestIn(turned, candidates)[0];
  if (!hit) return null;
  const column = hit.layout.headerRows[0]!;
  const at = [...hit.layout.columns.fields.keys()].sort((a, b) => a - b);
  return { range: `${columnLetter(column)}${at[0]! + 1}:${columnLetter(column)}${at[at.length - 1]! + 1}`, labels: at.map((r) => text(rows[r]?.[column])) };
}

/** A header row of three or more entries of one dictionary (先进 | 中间 | 后进) over numbers: counts by entry, not records. */
function crosstab(raw: RawSheet): { range: string; dict: string; labels: string[] } | null {
  const entries = Object.values(defaultDictionaries).map((d) => ({ title: d.title, names: new Map(d.entries.flatMap((e) => [e.label, ...(e.synonyms ?? [])].map((n) => [headerKey(n), e.code] as const))) }));
  for (let r = 0; r < Math.min(30, raw.rows.length); r++) {
    const row = raw.rows[r] ?? [];
    for (const dict of entries) {
      const cols = row.map((v, c) => (dict.names.has(headerKey(v)) && text(v) ? c : -1)).filter((c) => c >= 0);
      if (new Set(cols.map((c) => dict.names.get(headerKey(row[c])))).size < 3) continue;
      const below = raw.rows.slice(r + 1, r + 30).flatMap((x) => cols.map((c) => x[c])).filter((v) => text(v) !== '');
      const numbers = below.filter((v) => typeof v === 'number' || /^\d+(\.\d+)?$/.test(text(v)));
      if (below.length === 0 || numbers.length < below.length * 0.8) continue;
      return { range: `${columnLetter(cols[0]!)}${r + 1}:${columnLetter(cols[cols.length - 1]!)}${r + 1}`, dict: dict.title, labels: cols.map((c) => text(row[c])) };
    }
  }
  return null;
}

export function recognise(book: RawBook, options: { templateId?: string; remembered: (signature: string) => ColumnMap | null }): Recognised {
  const problems: ImportProblem[] = [];
  const manifest = readManifest(book);
  if (manifest) {
    if (options.templateId && options.templateId !== manifest.template) {
      const t = findTemplate(manifest.template);
      throw new AppError('BAD_FILE', `这份表格是“${t ? plainTitle(t) : manifest.template}”（由组工台账导出），不是所选的报表。请选择对应的报表再导入。`);
    }
    return byManifest(book, manifest, problems);
  }
  return byHeaders(book, options.templateId, options.remembered, problems);
}
