/**
 * A returned or hand-made branch ledger compared with the ledger held now. The stages,
 * each a pure function but the one read of what we hold:
 *   read (read.ts) → what we hold (held.ts) → row matching (match.ts, with the ledger's
 *   rules below: a branch by its township and name) → each cell judged three ways
 *   (judge.ts) → what follows (checks.ts).
 * What only the ledger has stays here: matching a branch by name within its township, a
 * township written once over its branches, the path of a branch the file adds, and the
 * columns a file cannot change (联系领导, 旗县区, 苏木乡镇).
 */
import type { DictEntry, ImportCellDiff, ImportNewUnit, ImportRowView, ImportSynonymRead, LedgerRow } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { importWritable } from '../../../../shared/domain/importPlan.ts';
import { ledgerColumnByField, type LedgerField } from '../../../../shared/domain/ledger.ts';
import { findTemplate } from '../../../../shared/templates/index.ts';
import type { TemplateColumn, TemplateSheet } from '../../../../shared/templates/types.ts';
import type { Manifest } from '../../excel/manifest.ts';
import type { RawCell, RawSheet } from '../../excel/reader/index.ts';
import type { ServiceContext } from '../context.ts';
import { keptYearByUid, rowContext } from '../ledger/list.ts';
import { statusProblems } from '../pipeline/fromLedger.ts';
import { nameKey, placeKey, sameNames, similar, unitKey } from './branchNames.ts';
import { conflictProblems, holdBackTwins, matchedStatus, missingRows, someCells } from './checks.ts';
import { fileMade, type FileMade } from './fileDate.ts';
import { branchKey, placeLookup, placeNamed, placeOf, readHeldLedger, sentKey, withoutCounty, type AboveUnit, type HeldAhead, type HeldLedger } from './held.ts';
import { judgeRow, olderFile, same, type HeldCell, type JudgedColumn, type SentCell } from './judge.ts';
import { findTable, isNotesSheet, layoutProblems, layoutSignature, layoutWith, type TableLayout } from './layout.ts';
import { matchRows, type MatchRules, type RowMatch } from './match.ts';
import { cellAddresses, readCell, readRows, RowsReadEarly, synonymReads, type FileColumn, type FileRow, type Reading } from './read.ts';
import type { ImportProblem, RecognisedSheet } from './recognise.ts';
import { returnedAsSent, sentHashes, vouchedAsSent, type SentHashes } from './sent.ts';

export interface LedgerAnalysis {
  rows: ImportRowView[];
  missing: { ledgerId: number; name: string; township: string | null }[];
  /** A field's cell in the file for a row (A1): where the audit records say a value came from. */
  cellOf(sourceRow: number, field: string): string;
  /** A value as the file's column reads it (placeholders, the column's type and dictionary). */
  read(field: string, raw: RawCell): Reading;
  /** What we hold of a matched row's field (the text of a value kept but not understood, red). */
  held(ledgerId: number, field: string): HeldCell;
  /** Units the file names and the tree lacks, each with its proposed parent. */
  newUnits: ImportNewUnit[];
  /** Dictionary values the file writes otherwise, read by a synonym (好 → 先进). */
  synonymReads: ImportSynonymRead[];
  /** When a file without our manifest was made (ISO; null: not known, or an export of ours): kept with the import, a value it writes is as new as this. */
  madeSince: string | null;
}

/** The file's columns mapped to ledger fields (column index → field), as the ledger reads them. */
export function ledgerFileColumns(fields: ReadonlyMap<number, string>, tsheet: TemplateSheet): FileColumn[] {
  return [...fields].map(([index, field]) => ({ index, field, col: tsheet.columns.find((c) => c.field === field)!, def: ledgerColumnByField.get(field as LedgerField) }));
}

/**
 * A returned ledger's rows read as they arrive (`RowsReadEarly`), laid out as its manifest says:
 * the manifest's first sheet, its columns as `byManifest` maps them, its hidden id column where
 * the export put it. Null for a manifest of anything else.
 */
export function ledgerRowsEarly(manifest: Manifest, dicts: readonly DictEntry[]): RowsReadEarly | null {
  const m = manifest.sheets[0];
  const tsheet = m && findTemplate(manifest.template)?.sheets.find((s) => s.name === m.name);
  if (!m || tsheet?.source !== 'ledger') return null;
  const known = new Set(tsheet.columns.map((c) => c.field));
  const fields = new Map<number, string>();
  m.fields.forEach((f, i) => {
    if (known.has(f)) fields.set(i, f);
  });
  return new RowsReadEarly({ columns: ledgerFileColumns(fields, tsheet), idColumn: m.idColumn - 1, options: { emptyAs: m.emptyAs ?? '', dicts } }, m.firstDataRow - 1);
}

/** Reads, matches and compares the ledger rows of one recognised sheet. */
export function analyseLedger(
  ctx: ServiceContext,
  sheet: RecognisedSheet,
  options: {
    year: number;
    dicts: DictEntry[];
    auditMark: number | null;
    problems: ImportProblem[];
    savedAt?: string | null;
    takeAhead?: () => HeldAhead | null;
    /** Rows read while the file was read: taken where they were read as this sheet reads them. */
    takeRowsEarly?: () => RowsReadEarly | null;
  },
): LedgerAnalysis {
  const { raw, layout, tsheet } = sheet;
  const columns = ledgerFileColumns(layout.columns.fields, tsheet);
  const cellOf = cellAddresses(columns);
  const reading = { emptyAs: sheet.emptyAs, dicts: options.dicts };
  const rows = readRows(raw, layout.dataRows, columns, sheet.idColumn, reading, options.takeRowsEarly?.());
  const townshipFilled = fillTownships(rows, cellOf);
  const rc = rowContext(ctx);
  const sheetNamed = columns.some((c) => c.field === 'township') ? null : townshipOfSheet(raw, layout, placeLookup(ctx.conn.sqlite, rc));
  if (sheetNamed) {
    const named = rows.filter((r) => r.values.name);
    for (const r of named) r.values.township = sheetNamed.name;
    if (named.length) options.problems.push({ severity: 'warning', sheet: raw.name, cell: sheetNamed.cell, message: `工作表“${raw.name}”没有“苏木乡镇（街道）”一列，按${sheetNamed.cell ? `标题（${sheetNamed.cell}）` : '工作表名称'}把其中的 ${named.length} 个党支部归入“${sheetNamed.name}”，请核对。` });
  }
  const hasTownship = sheetNamed !== null || columns.some((c) => c.field === 'township');
  const nameColumn = columns.find((c) => c.field === 'name')?.index;
  const made = sheet.sent ? null : fileMade(raw, layout, options.savedAt);
  const held = readHeldLedger(ctx.conn.sqlite, rc, { year: options.year, rows, hasTownship, nameColumn, sent: sheet.sent, auditMark: options.auditMark, madeAt: made?.since ?? null, ahead: options.takeAhead?.() ?? null, keptYear: (asked) => keptYearByUid(ctx, options.year, asked) });
  const file: LedgerFile = { sheet: raw.name, tsheet, columns, rows, cellOf, sent: sheet.sent ? { rows: sheet.sent, fields: sheet.sentFields } : null, townshipFilled, made };
  const compared = compareLedger(file, held, options.dicts);
  options.problems.push(...layoutProblems(raw, layout), ...compared.problems, ...statusProblems(ctx, options.year, compared.rows, options.dicts, raw.name));
  return {
    newUnits: proposeParents(compared.newUnits, rows, held),
    synonymReads: synonymReads(raw.name, rows, columns, cellOf, options.dicts),
    madeSince: made?.since ?? null,
    rows: compared.rows,
    missing: compared.missing.map((m) => ({ ledgerId: m.id, name: m.name, township: m.township })),
    cellOf,
    read: (field, value) => readCell(columns.find((c) => c.field === field)!, value, reading),
    held: (ledgerId, field) => heldCell(held.byId.get(ledgerId)!, field),
  };
}

/**
 * A workbook kept one sheet per township (天义镇, 八里罕镇, … each without a township column):
 * the other visible sheets laid out as the main one (the same columns in the same places, so a
 * cell's address is found the same way) are read with it as one import. A cover or 说明 sheet is
 * skipped with a word; a sheet laid out otherwise is left to the word the recognition gives.
 */
export function sheetsLikeMain(main: RecognisedSheet, book: readonly RawSheet[], problems: ImportProblem[]): RecognisedSheet[] {
  const sameColumns = (layout: TableLayout) => JSON.stringify([...layout.columns.fields]) === JSON.stringify([...main.layout.columns.fields]);
  const out: RecognisedSheet[] = [];
  // By name: the main sheet as recognised is its own copy of the rows (merges filled down), not the book's.
  // A cover or 说明 sheet the recognition has said is skipped.
  for (const raw of book) {
    if (raw.name === main.raw.name || raw.state !== 'visible' || isNotesSheet(raw)) continue;
    const found = findTable(raw, main.tsheet);
    if (!found) continue;
    // Its own headers say the same columns; or (a mapping the person made for the main sheet) its headers are the main sheet's.
    const sameHeaders = layoutSignature(raw, found.headerRows) === layoutSignature(main.raw, main.layout.headerRows);
    const layout = sameColumns(found) ? found : sameHeaders ? layoutWith(raw, found.headerRows[0]!, found.headerRows.length, main.layout.columns, main.tsheet) : null;
    if (!layout) continue;
    out.push({ ...main, raw: layout.within ?? raw, layout });
    // Read with the main sheet: the recognition's word that it is not part of the ledger no longer holds.
    for (let i = problems.length - 1; i >= 0; i--) if (problems[i]!.sheet === raw.name && problems[i]!.cell === '' && problems[i]!.message.includes('不是这张台账的一部分')) problems.splice(i, 1);
  }
  return out;
}

/** The analyses of several sheets laid out alike (`sheetsLikeMain`) as one: their rows in the workbook's order, their new units once each. */
export function joinAnalyses(list: readonly LedgerAnalysis[]): LedgerAnalysis {
  if (list.length === 1) return list[0]!;
  const first = list[0]!;
  const ofRow = new Map<number, LedgerAnalysis>();
  for (const a of list) for (const r of a.rows) if (r.match) ofRow.set(r.match.ledgerId, a);
  const units = new Map<string, ImportNewUnit>();
  for (const u of list.flatMap((a) => a.newUnits)) {
    const seen = units.get(u.key);
    units.set(u.key, seen ? { ...seen, rows: seen.rows + u.rows, cells: [...seen.cells, ...u.cells] } : u);
  }
  const missing = new Map(list.flatMap((a) => a.missing).map((m) => [m.ledgerId, m]));
  return {
    rows: list.flatMap((a) => a.rows),
    missing: [...missing.values()],
    // The sheets have the same columns in the same places: a cell's address is the same whichever sheet.
    cellOf: first.cellOf,
    read: first.read,
    held: (ledgerId, field) => (ofRow.get(ledgerId) ?? first).held(ledgerId, field),
    newUnits: [...units.values()],
    synonymReads: list.flatMap((a) => a.synonymReads),
    // One workbook: the latest date any of its sheets gives.
    madeSince: list.map((a) => a.madeSince).filter((x) => x !== null).sort().at(-1) ?? null,
  };
}

/**
 * A township written once over its branches, the cells below left blank (as a merge looks):
 * read as the township above. Returns the cells so filled, to be said once.
 */
export function fillTownships(rows: readonly FileRow[], cellOf: (sourceRow: number, field: string) => string): string[] {
  const filled: string[] = [];
  let last: CellValue = null;
  for (const { values, unread, sourceRow } of rows) {
    if ('township' in values && values.township === null && values.name && last !== null && !unread.some((u) => u.field === 'township')) {
      values.township = last;
      filled.push(cellOf(sourceRow, 'township'));
    }
    if (values.township) last = values.township;
  }
  return filled;
}

/** The ledger's file as the comparison takes it: plain data. */
export interface LedgerFile {
  sheet: string;
  tsheet: TemplateSheet;
  columns: readonly FileColumn[];
  rows: readonly FileRow[];
  cellOf(sourceRow: number, field: string): string;
  /** A returned export's rows as sent and its columns as written (null: not an export, or not known). */
  sent: { rows: readonly { uid: string; hash: string }[]; fields: readonly string[] | null } | null;
  /** Blank township cells read as the township above them. */
  townshipFilled: readonly string[];
  /** When a file without our manifest was made: a change here after it is not quietly reverted. */
  made?: FileMade | null;
}

/** A unit the file names and the tree lacks, as the comparison finds it (its parent is proposed after). */
export interface UnitWanted {
  key: string;
  name: string;
  cells: string[];
  /** The county written before its name (宁城县经济开发区), if any. */
  county: AboveUnit | null;
}

export interface LedgerComparison {
  rows: ImportRowView[];
  problems: ImportProblem[];
  missing: LedgerRow[];
  newUnits: UnitWanted[];
}

/** A place's name: where a township would be (镇, 乡, 苏木, 街道…), for a sheet or title naming one the tree lacks. */
const PLACE = /(镇|乡|苏木|街道|开发区|园区|工业区|农场|林场|嘎查)$/;

/**
 * The township a sheet without a township column is about: its name (经棚镇), else its title
 * (“天义镇党支部分类台账”); first one the tree has, then one that looks like a place (a unit the
 * tree lacks). `cell`: the title's cell ('' for the sheet's name).
 */
export function townshipOfSheet(raw: RawSheet, layout: Pick<TableLayout, 'headerRows'>, lookup: Pick<HeldLedger, 'places' | 'above'>): { name: string; cell: string } | null {
  const known = placeNamed(lookup, raw.name);
  if (known) return { name: known.name, cell: '' };
  const titles: { text: string; cell: string }[] = [];
  for (let r = 0; r < (layout.headerRows[0] ?? 0); r++) {
    (raw.rows[r] ?? []).forEach((c, i) => {
      const t = nameKey(c);
      if (t) titles.push({ text: t, cell: `${String.fromCharCode(65 + Math.min(i, 25))}${r + 1}` });
    });
  }
  // The longest township name a title holds (天义镇 in “宁城县天义镇2026年党支部分类台账”).
  let best: { name: string; cell: string; length: number } | null = null;
  for (const [key, place] of lookup.places) {
    if (!place || key.length < 2) continue;
    const hit = titles.find((t) => t.text.includes(key));
    if (hit && (!best || key.length > best.length)) best = { name: place.name, cell: hit.cell, length: key.length };
  }
  if (best) return { name: best.name, cell: best.cell };
  const sheetKey = withoutCounty(lookup, raw.name).name;
  if (PLACE.test(sheetKey)) return { name: sheetKey, cell: '' };
  for (const t of titles) {
    // A place's name of a few characters, no year in it (“宁城县2026年乡镇党支部台账” names none).
    const m = /([^\d年\s]{2,12}?(?:镇|乡|苏木|街道|开发区|园区|工业区))(?:党委|党工委)?(?:\d{4}年)?[^镇乡]*?(?:党支部|台账)/.exec(t.text);
    const name = m?.[1] ? withoutCounty(lookup, m[1]).name : '';
    if (name.length >= 2 && !/乡镇$/.test(name)) return { name, cell: t.cell };
  }
  return null;
}

/**
 * Where each unit the tree lacks is proposed to go. It holds branches, so it is a township and
 * goes under a county: the one the file's 旗县区 column names for its rows, else the one written
 * before its name, else the one the file's other rows are in, else the tree's root when that is
 * a county, else the tree's one county (null: the person picks).
 */
function proposeParents(wanted: readonly UnitWanted[], rows: readonly FileRow[], held: HeldLedger): ImportNewUnit[] {
  const { above } = held;
  const asParent = (u: AboveUnit | undefined | null) => (u ? { id: u.id, name: u.name } : null);
  const countyNamed = (v: CellValue | undefined) => (v ? above.prefixes.find((p) => p.key === unitKey(v))?.unit : undefined);
  const others = new Set(rows.flatMap((r) => {
    const t = placeOf(held, r);
    const parent = t ? above.byId.get(t.id)?.parentId : undefined;
    return parent === undefined || parent === null ? [] : [parent];
  }));
  const counties = [...above.byId.values()].filter((u) => u.level === 'county');
  const roots = [...above.byId.values()].filter((u) => u.parentId === null);
  const county = (u: AboveUnit | undefined | null) => (u?.level === 'county' ? u : undefined);
  return wanted.map((w) => {
    const named = new Set(rows.filter((r) => r.values.township && withoutCounty(held, r.values.township).name === w.key).map((r) => county(countyNamed(r.values.county))).filter((u) => u !== undefined));
    const parent =
      (named.size === 1 ? [...named][0] : undefined) ??
      county(w.county) ??
      (others.size === 1 ? county(above.byId.get([...others][0]!)) : undefined) ??
      (above.ours !== null ? county(above.byId.get(above.ours)) : undefined) ??
      (roots.length === 1 ? county(roots[0]) : undefined) ??
      (counties.length === 1 ? counties[0] : undefined);
    return { key: w.key, name: w.name, rows: w.cells.length, cells: w.cells, parent: asParent(parent) };
  });
}

/** What we hold of a row's field: its value, or the text of a value kept but not understood. */
export function heldCell(row: LedgerRow, field: string): HeldCell {
  const red = row.invalid?.[field];
  return red ? { value: red.raw, red: true } : { value: (row as unknown as Record<string, CellValue>)[field] ?? null, red: false };
}

/** A branch by its township and name: under the township the file names, or (a file without townships) by its name in the year. */
export function ledgerRules(held: HeldLedger): MatchRules<FileRow, LedgerRow> {
  return {
    hasKey: (r) => !!r.values.name,
    byId: (uid) => {
      const hit = held.byUid.get(uid);
      if (!hit) return undefined;
      if (!hit.deleted && hit.year === held.year && held.byId.has(hit.id)) return { state: 'live', held: held.byId.get(hit.id)! };
      if (hit.deleted && hit.year === held.year) return { state: 'deleted', rowId: hit.id };
      return { state: 'elsewhere' };
    },
    pool: (r) => {
      const place = placeOf(held, r);
      if (!place) return r.values.township ? [] : (held.byName.get(nameKey(r.values.name)) ?? []);
      const list = held.inTownship.get(place.id);
      if (!list) throw new Error(`“${place.name}”的台账行没有在比对之前读入`);
      return list;
    },
    sameKey: (h, r) => nameKey(h.name) === nameKey(r.values.name),
    near: (h, r) => similar(nameKey(h.name), nameKey(r.values.name)),
    rowId: (h) => h.id,
    keyOf: (r, h) => `${placeKey(r.values.township ?? h?.township)}|${nameKey(r.values.name)}`,
  };
}

/** Columns a file cannot change: derived ones (联系领导), and where a branch sits (旗县区, 苏木乡镇); its name is matched, not locked. */
const isLocked = (col: TemplateColumn) => col.derived === true || (col.key === true && col.field !== 'name');

/** How the file may touch each column of a matched row: its name is written only to a row matched by its stable id. */
function judgedColumns(columns: readonly FileColumn[], byId: boolean, held: Pick<HeldLedger, 'above'>): JudgedColumn[] {
  // A township written with its county before it (敖汉旗四家子镇) is the township we hold (四家子镇党委).
  const place = (v: CellValue) => unitKey(withoutCounty(held, v).name);
  return columns.map((c) => {
    if (isLocked(c.col)) return { ...c, access: 'locked', sameLocked: (file: CellValue, heldValue: CellValue) => (c.col.derived ? sameNames(file, heldValue) : unitKey(file) === unitKey(heldValue) || (c.field === 'township' && place(file) === place(heldValue))) };
    const writes = importWritable.has(c.field) || (c.field === 'name' && byId);
    return { ...c, access: writes && !c.col.derived ? 'write' : 'read' };
  });
}

/** Fields kept on the org (the branch itself), audited under its org row. */
const orgFields = new Set(['name', 'kind', 'field']);

/** One comparison's state, filled row by row in the file's order. */
interface Pass {
  file: LedgerFile;
  held: HeldLedger;
  hashes: SentHashes;
  /** Ledger rows sent in this export (a row matched by name whose id was cleared in the file is compared three ways too). */
  sentIds: Set<number>;
  columns: { byId: JudgedColumn[]; byName: JudgedColumn[] };
  rowAt: Map<number, FileRow>;
  problems: ImportProblem[];
  /** A branch listed twice with different values: the first listing waits too. */
  twins: { first: number; second: number }[];
  /** Cells of columns the file cannot change whose text differs from what we hold. */
  typedOver: { field: string; cell: string }[];
}

/** The ledger rows of a file matched, judged and checked against what we hold. Pure. */
export function compareLedger(file: LedgerFile, held: HeldLedger, dicts: readonly DictEntry[]): LedgerComparison {
  const idOf = (uid: string) => held.byUid.get(uid)?.id;
  const pass: Pass = {
    file,
    held,
    hashes: sentHashes(file.tsheet, file.sent?.fields ?? null, file.sent?.rows ?? [], idOf),
    sentIds: new Set((file.sent?.rows ?? []).map((s) => idOf(s.uid)).filter((id) => id !== undefined)),
    columns: { byId: judgedColumns(file.columns, true, held), byName: judgedColumns(file.columns, false, held) },
    rowAt: new Map(file.rows.map((r) => [r.sourceRow, r])),
    problems: [],
    twins: [],
    typedOver: [],
  };
  const matches = matchRows(file.rows, ledgerRules(held));
  const rows = file.rows.map((row, i) => ledgerRow(pass, row, matches[i]!));
  const newUnits = unitsWanted(pass, rows);
  const problems = [...pass.problems, ...lockedProblems(pass), ...conflictProblems(file.sheet, rows, file.tsheet.columns, dicts)];
  if (file.townshipFilled.length) {
    const cells = file.townshipFilled;
    problems.push({ severity: 'warning', sheet: file.sheet, cell: cells[0]!, message: `“苏木乡镇（街道）”有 ${cells.length} 个空白单元格（${someCells(cells)}），按其上方最近的乡镇读取，请核对。` });
  }
  holdBackTwins(rows, pass.twins);
  // Missing: rows sent and not returned; for a hand-made file, rows of the townships its rows were looked for in that it does not list.
  const sent = file.sent ? file.sent.rows.map((s) => held.byUid.get(s.uid)).map((h) => (h ? held.byId.get(h.id) : undefined)) : null;
  const lookedIn = new Set(file.rows.flatMap((r, i) => (matches[i]!.byKey ? [placeOf(held, r)?.id] : [])));
  const missing = missingRows(rows, sent, [...lookedIn].flatMap((id) => (id === undefined ? [] : held.inTownship.get(id)!)));
  return { rows, problems, missing, newUnits };
}

/** The units the file's new rows are under and the tree lacks, once each, with their rows' cells; and one word for them all. */
function unitsWanted(p: Pass, rows: readonly ImportRowView[]): UnitWanted[] {
  const units = new Map<string, UnitWanted>();
  for (const r of rows) {
    if (r.newUnit === undefined) continue;
    const written = p.rowAt.get(r.sourceRow)!.values.township!;
    const unit = units.get(r.newUnit) ?? units.set(r.newUnit, { key: r.newUnit, name: r.newUnit, cells: [], county: withoutCounty(p.held, written).county }).get(r.newUnit)!;
    unit.cells.push(`${p.file.sheet}!${townshipCell(p, r.sourceRow)}`);
  }
  for (const u of units.values()) {
    p.problems.push({ severity: 'warning', sheet: p.file.sheet, cell: u.cells[0]!.split('!')[1]!, message: `组织机构中没有“${u.name}”，文件中有 ${u.cells.length} 个党支部在它之下（${someCells(u.cells.map((c) => c.split('!')[1]!))}）。请在预览中确认是否新建它、建在哪个单位之下；不新建，这些行不导入。` });
  }
  return [...units.values()];
}

/** Where a row's township is said: its cell, or (a sheet whose name or title names it) the branch's name. */
function townshipCell(p: Pass, sourceRow: number): string {
  return p.file.cellOf(sourceRow, p.file.columns.some((c) => c.field === 'township') ? 'township' : 'name');
}

/** A row of the file as the preview shows it, its problems said in order. */
function ledgerRow(p: Pass, row: FileRow, m: RowMatch<LedgerRow>): ImportRowView {
  const at = (field: string) => p.file.cellOf(row.sourceRow, field);
  const name = String(row.values.name);
  const messages: string[] = [];
  const diffs = unreadDiffs(row, at);
  const view = (status: ImportRowView['status'], more: Partial<ImportRowView> = {}): ImportRowView => ({ sheet: p.file.sheet, sourceRow: row.sourceRow, status, match: null, parent: null, values: row.values, diffs, messages, ...more });
  const problem = (severity: ImportProblem['severity'], cell: string, message: string) => p.problems.push({ severity, sheet: p.file.sheet, cell, message });

  if (m.sharedId.length) {
    messages.push(`行标识与第 ${m.sharedId.join('、')} 行相同，按名称匹配`);
    problem('warning', at('name'), `第 ${row.sourceRow} 行与第 ${m.sharedId.join('、')} 行的隐藏行标识相同（可能整行复制后改写），这几行按乡镇和名称匹配，请核对。`);
  }
  const o = m.outcome;
  if (o.kind === 'noKey') {
    problem('error', at('name'), '党组织名称为空，这一行无法导入。');
    return view('error', { messages: ['党组织名称为空'] });
  }
  if (o.kind === 'deleted') {
    // Deleted here. Brought back only when the person accepts it, and not offered at all when the unit left the row as it was sent.
    for (const d of diffs) problem('error', d.cell, d.message!);
    if (returnedAsSent(p.hashes, o.rowId, (f) => row.values[f], (f) => unreadText(row, f))) return view(diffs.length ? 'error' : 'unchanged', { messages: [...messages, '本地已删除这一行，报送单位未改动：保持删除'] });
    messages.push('本地已删除这一行，报送单位却修改了它：接受这一行才会恢复它并填入文件中的值');
    problem('warning', at('name'), `“${name}”的台账行在本地已删除，报送单位却修改了它。如需恢复，请在预览中接受这一行。`);
    return view('conflict', { restores: o.rowId });
  }
  if (m.idUnused) problem('warning', at('name'), `“${name}”来自 ${p.held.byUid.get(row.id)!.year} 年台账，正在导入的是 ${p.held.year} 年，按名称匹配。`);
  if (o.kind === 'ambiguous') {
    const township = row.values.township ?? null;
    messages.push(`有 ${o.count} 个同名党支部，请在文件中补上所属乡镇`);
    problem('error', at('name'), `“${name}”在${township ? `“${String(township)}”` : '台账'}中有 ${o.count} 个同名党支部，无法确定是哪一个。请补上或改正所属乡镇（街道）。`);
    return view('error');
  }
  const tentative = o.kind === 'matched' ? o : o.kind === 'twice' ? o.tentative : null;
  if (tentative?.by === 'fuzzy') {
    messages.push(`名称与“${tentative.held.name}”相近，请确认是否同一党支部`);
    problem('warning', at('name'), `“${name}”与台账中的“${tentative.held.name}”相近，确认是同一党支部后才会导入这一行。`);
  }
  if (o.kind === 'twice') return listedTwice(p, row, o.of, view('error'));
  if (o.kind === 'new') {
    for (const d of diffs) problem('error', d.cell, d.message!);
    return newBranch(p, row, o.nearTaken, view('new'));
  }
  return matchedRow(p, row, o.held, o.by, view('unchanged'));
}

/**
 * The second listing of a branch is not applied; when the two differ, neither is (which would
 * win? a stale copy above the right row is common): the first waits too (see `holdBackTwins`).
 */
function listedTwice(p: Pass, row: FileRow, first: number, v: ImportRowView): ImportRowView {
  const before = p.rowAt.get(first);
  const differ = before !== undefined && [...importWritable].some((f) => f in row.values && !same(row.values[f], before.values[f]));
  v.messages.push(`与第 ${first} 行重复`);
  p.problems.push({
    severity: 'warning',
    sheet: p.file.sheet,
    cell: p.file.cellOf(row.sourceRow, 'name'),
    message: `“${String(row.values.name)}”在同一乡镇中出现了两次（第 ${first} 行和第 ${row.sourceRow} 行）${differ ? '，两行内容不同，都未导入，请删去多余的一行' : `，第 ${row.sourceRow} 行未导入`}，请核对。`,
  });
  if (differ) p.twins.push({ first, second: row.sourceRow });
  return v;
}

/** A row's cells that could not be read, as errors (what we hold beside them is filled in for a matched row). */
function unreadDiffs(row: FileRow, at: (field: string) => string): ImportCellDiff[] {
  return row.unread.map((u) => ({ field: u.field, cell: at(u.field), status: 'error', raw: u.text, value: null, current: null, sent: undefined, message: u.message }));
}

/** The file's text of a cell that could not be read (null when it was read). */
function unreadText(row: FileRow, field: string): string | null {
  const u = row.unread.find((x) => x.field === field);
  return u && u.text !== null && u.text !== undefined ? String(u.text) : null;
}

/** A row matched to a ledger row: each cell judged, three ways when the row was sent in this export. */
function matchedRow(p: Pass, row: FileRow, held: LedgerRow, by: 'id' | 'name' | 'fuzzy', v: ImportRowView): ImportRowView {
  const three = p.held.sentBefore !== null && (by === 'id' || p.sentIds.has(held.id));
  const judged = judgeRow(by === 'id' ? p.columns.byId : p.columns.byName, row, (f) => heldCell(held, f), three ? sentOf(p, held) : null, p.file.cellOf);
  const newer = p.held.changedAfter;
  if (newer && p.file.made && !three) {
    olderFile(judged.diffs, (field) => newer.at.get(orgFields.has(field) ? sentKey('org', held.orgId, field) : sentKey('branch_ledger', held.id, field)), p.file.made);
  }
  for (const d of judged.diffs) if (d.status === 'error') p.problems.push({ severity: 'error', sheet: p.file.sheet, cell: d.cell, message: d.message! });
  for (const field of judged.typedOver) p.typedOver.push({ field, cell: p.file.cellOf(row.sourceRow, field) });
  const values = Object.keys(judged.shown).length ? { ...row.values, ...judged.shown } : row.values;
  // Filled in place (the keys keep their order): a copy of the view per step was 200,000 objects of garbage in a year.
  v.match = { ledgerId: held.id, orgId: held.orgId, name: held.name, township: held.township, by };
  v.values = values;
  v.diffs = judged.diffs;
  v.status = matchedStatus(v);
  return v;
}

/**
 * A row's values as sent. A cell changed here since the export has its value as sent in the
 * audit log; a cell not changed since was sent as it is held, which the row's hash in the
 * manifest vouches for (shown as 报送前 in the preview); without it the value as sent is not known.
 */
function sentOf(p: Pass, held: LedgerRow): (field: string) => SentCell | undefined {
  const before = p.held.sentBefore!;
  const keyOf = (field: string) => (orgFields.has(field) ? sentKey('org', held.orgId, field) : sentKey('branch_ledger', held.id, field));
  let vouched: boolean | undefined;
  return (field) => {
    const k = keyOf(field);
    if (before.has(k)) return { value: before.get(k)!, changedHere: true };
    vouched ??= vouchedAsSent(p.hashes, held.id, (f) => (before.has(keyOf(f)) ? before.get(keyOf(f))! : heldCell(held, f).value));
    return vouched ? { value: heldCell(held, field).value, changedHere: false } : undefined;
  };
}

/** A branch the file adds: under the township it names, unless it is there already (or was deleted, or is another row's near twin). */
function newBranch(p: Pass, row: FileRow, nearTaken: { held: LedgerRow; sourceRow: number } | null, v: ImportRowView): ImportRowView {
  const { held } = p;
  const name = String(row.values.name);
  const township = row.values.township ?? null;
  const at = (field: string) => p.file.cellOf(row.sourceRow, field);
  const refuse = (why: string, message: string) => {
    v.messages.push(why);
    p.problems.push({ severity: 'error', sheet: p.file.sheet, cell: at('name'), message });
    return { ...v, status: 'error' as const };
  };
  const place = placeOf(held, row);
  const parent = place ? { id: place.id, name: place.name } : null;
  // A near name of a branch another row of the file was matched to: the same branch written twice, not a new one.
  if (nearTaken) {
    const why = `与第 ${nearTaken.sourceRow} 行的“${nearTaken.held.name}”名称相近，可能是同一党支部填了两次，未作为新增`;
    return refuse(why, `“${name}”${why}，请核对。`);
  }
  const reuse = parent ? held.branches.get(branchKey(parent.id, name)) : undefined;
  if (reuse?.ledger && !reuse.ledger.deletedAt) {
    // It is in this year's ledger, yet nothing in the file matched it (another row took it, by a near name).
    const why = `台账中已有“${name}”（可能与文件中名称相近的另一行是同一党支部），未作为新增`;
    return refuse(why, `${why}，请核对。`);
  }
  if (reuse?.ledger?.deletedAt) {
    v.messages.push(`${held.year} 年台账中的这一行已删除：接受这一行才会恢复它并填入文件中的值`);
    return { ...v, status: 'conflict', restores: reuse.ledger.id };
  }
  if (reuse) v.messages.push(`组织机构中已有这个党支部、但 ${held.year} 年还没有它的台账行，提交时为它新建`);
  if (!parent && township) {
    // A unit the tree lacks: a decision (create it, and where), said once for all its rows (`unitsWanted`).
    const unit = withoutCounty(held, township).name;
    v.messages.push(`组织机构中没有“${unit}”：确认新建它后才导入`);
    return { ...v, newUnit: unit, status: v.diffs.length ? 'error' : 'new' };
  }
  if (!parent) {
    const why = '文件中没有“苏木乡镇（街道）”一列，无法确定新党支部的所属单位';
    v.messages.push(why);
    p.problems.push({ severity: 'error', sheet: p.file.sheet, cell: p.file.columns.some((c) => c.field === 'township') ? at('township') : at('name'), message: `新增的“${name}”：${why}。` });
  }
  return { ...v, parent, status: v.diffs.length || !parent ? 'error' : 'new' };
}

/**
 * Columns the file cannot change are not written, and a text typed over them is said, with its cells:
 * 联系领导 comes from the liaison points; 旗县区 and 苏木乡镇 say where a branch is in the tree.
 * (In our exports they are locked, but the sheet's protection has no password.)
 */
function lockedProblems(p: Pass): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const returned = p.file.sent !== null;
  for (const { col } of p.file.columns.filter((c) => isLocked(c.col))) {
    const cells = p.typedOver.filter((d) => d.field === col.field).map((d) => d.cell);
    if (!cells.length) continue;
    const listed = `文件中有 ${cells.length} 行与台账不同（${someCells(cells)}）`;
    const message = col.derived
      ? `“${col.header}”由党建工作联系点生成，不从文件导入。${listed}${returned ? '，可能是报送单位改写了这一锁定列，也可能是导出后本机调整了联系点' : ''}；如需调整请在“党建工作联系点”中修改。`
      : `“${col.header}”标明党支部所属的单位，不从文件修改。${listed}${returned ? '，是报送单位改写了这一锁定列' : ''}；如党支部确已改属其他单位，请在“组织机构”中移动它。`;
    problems.push({ severity: 'warning', sheet: p.file.sheet, cell: cells[0]!, message });
  }
  return problems;
}
