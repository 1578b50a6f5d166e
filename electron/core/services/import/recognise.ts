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
import { findTable, headerKey, isNotesSheet, layoutSignature, layoutWith, type ColumnMap, type TableLayout } from './layout.ts';

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

export function readManifest(book: RawBook): Manifest | null {
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

/** Templates whose rows can come back and be merged. */
export function importableTemplates(): Template[] {
  return builtinTemplates.filter((t) => t.returnable && t.sheets.some((s) => s.source === 'ledger'));
}

/** The manifest's table of rows as sent: per sheet, "uid hash" pairs in chunks. */
function sentRows(book: RawBook): Map<string, { uid: string; hash: string }[]> {
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

/**
 * Without a manifest: the visible sheet and template whose headers match best. A
 * remembered mapping for this layout (confirmed by a user before) replaces the guess.
 */
function byHeaders(book: RawBook, templateId: string | undefined, remembered: (signature: string) => ColumnMap | null, problems: ImportProblem[]): Recognised {
  const candidates = templateId ? [findTemplate(templateId)].filter((t): t is Template => t !== undefined) : importableTemplates();
  if (templateId && candidates.length === 0) throw new AppError('NOT_FOUND', `没有编号为“${templateId}”的报表模板。`);
  let best: { template: Template; tsheet: TemplateSheet; raw: RawSheet; layout: TableLayout } | null = null;
  for (const raw of book.sheets) {
    if (raw.state !== 'visible' || isNotesSheet(raw)) continue;
    for (const template of candidates) {
      for (const tsheet of template.sheets) {
        const layout = findTable(raw, tsheet);
        if (layout && (!best || layout.columns.fields.size > best.layout.columns.fields.size)) best = { template, tsheet, raw, layout };
      }
    }
  }
  if (!best) {
    const names = candidates.map((t) => `“${plainTitle(t)}”`).join('、');
    const empty = book.sheets.every((s) => s.rows.every((r) => r.every((c) => text(c) === '')));
    throw new AppError(
      'BAD_FILE',
      empty
        ? '文件中没有任何文字或数字（可能只有图片或扫描件），无法导入。'
        : `没有在文件中找到${names}的表头（如“党组织名称”“书记”“等次”等列）。请确认文件类型，或在 Excel 中把表头改为模板中的名称后再导入。`,
    );
  }
  const signature = layoutSignature(best.raw, best.layout.headerRows);
  const mapping = remembered(signature);
  const layout = mapping ? layoutWith(best.raw, best.layout.headerRows[0]!, best.layout.headerRows.length, mapping, best.tsheet) : best.layout;
  for (const raw of book.sheets) {
    if (raw !== best.raw && raw.state === 'visible' && !isNotesSheet(raw)) problems.push({ severity: 'warning', sheet: raw.name, cell: '', message: `工作表“${raw.name}”不是这张台账的一部分，未导入。` });
  }
  return { recognisedBy: 'headers', template: best.template, manifest: null, sheets: [{ raw: best.raw, tsheet: best.tsheet, layout, idColumn: null, signature, sent: null, sentFields: null, emptyAs: '' }], problems };
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
