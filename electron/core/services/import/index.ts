/**
 * Import is preview → decide → commit. A file is read (in a worker), recognised,
 * its columns mapped, its rows read, matched and compared; nothing is written until
 * the commit, which applies what the person accepted in one transaction with one
 * change set naming the file, and can be undone as a whole.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import { choicesOf, importPlan, type ImportChoices, type ImportPlan, type PlannedRow } from '../../../../shared/domain/importPlan.ts';
import type { ImportBatchInfo, ImportCommitResult, ImportDecisions, ImportNewUnit, ImportPreview, ImportProblemView, ImportRowView } from '../../../../shared/contract/types.ts';
import { plainTitle } from '../../../../shared/templates/index.ts';
import { rowNoun } from '../../../../shared/domain/returns.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import { getExportBatch } from '../../repos/exports.ts';
import { existingUnit, getHeaderMapping, listImportBatches, saveHeaderMapping } from '../../repos/imports.ts';
import { getOrg } from '../../repos/orgs.ts';
import type { ChangeSet } from '../../repos/audit.ts';
import { existingBranch, insertLedgerRow, ledgerWriter, ledgerYears } from '../../repos/ledger.ts';
import { today, type ServiceContext } from '../context.ts';
import { applyLedgerEdits, type LedgerChange } from '../ledger/edit.ts';
import { keptYearByUid, patchingLedger, rowContext } from '../ledger/list.ts';
import { createOrgSync } from '../org/index.ts';
import { committeeNamed } from '../setup/index.ts';
import { recordBatch } from './batch.ts';
import { fileColumns, unplacedColumns, unplacedWithData } from './columns.ts';
import { layoutSignature, layoutWith, type ColumnMap } from './layout.ts';
import { analyseLedger, joinAnalyses, ledgerRowsEarly, sheetsLikeMain, type LedgerAnalysis } from './ledger.ts';
import type { RowsReadEarly } from './read.ts';
import { exportedView, foreignExport, importedAgain } from './provenance.ts';
import { commitReturn } from './returns/commit.ts';
import { applyLedgerStatuses } from '../pipeline/fromLedger.ts';
import { openReturn } from './returns/open.ts';
import { countOf, sessionOrThrow, type LedgerSession } from './sessions.ts';
import { readManifest, recognise, sentRows, type Recognised } from './recognise.ts';
import { readAhead, type HeldAhead } from './held.ts';
import { MANIFEST_SHEET } from '../../excel/manifest.ts';
import type { RawSheet } from '../../excel/reader/index.ts';
import { findTemplate } from '../../../../shared/templates/index.ts';
import { groupUnknownValues } from './values.ts';
import { freeName } from '../../shell.ts';
import { plainFileName } from '../../fileName.ts';
import { noteReturned } from '../returns/index.ts';

export interface OpenArgs {
  path: string;
  templateId?: string;
  year?: number;
  /** A person's column mapping for a hand-made layout: file column → field (null: not imported). */
  mapping?: { index: number; field: string | null }[];
  rememberMapping?: boolean;
}

/** The file's SHA-256 and size, read in chunks (after the reader has judged the file: its size is known to be sane). */
async function fileHash(file: string): Promise<{ hash: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { hash: hash.digest('hex'), size };
}

/** The year a file is about: its manifest's period, a year in its title, else the newest ledger. */
function yearOf(ctx: ServiceContext, recognised: Recognised, asked: number | undefined): number {
  if (asked) return asked;
  const period = Number(recognised.manifest?.period);
  if (period >= 1949 && period <= 2100) return period;
  const sheet = recognised.sheets[0]!;
  for (const row of sheet.raw.rows.slice(0, sheet.layout.headerRows[0] ?? 0)) {
    for (const c of row) {
      const m = /(20\d{2}|19\d{2})\s*年/.exec(String(c ?? ''));
      if (m) return Number(m[1]);
    }
  }
  return ledgerYears(ctx.conn.sqlite)[0] ?? ctx.now().getFullYear();
}

export async function openImport(ctx: ServiceContext, args: OpenArgs): Promise<ImportPreview> {
  const file = ctx.grants.readable(args.path);
  const name = path.basename(file);
  const { sqlite } = ctx.conn;
  const progress = (message: string, done = 0, total = 0) => ctx.events.emit('progress', { task: 'import', done, total, message });
  progress(`正在读取“${name}”`);
  const ahead: { held: HeldAhead | null; rows: RowsReadEarly | null } = { held: null, rows: null };
  const book = await ctx.reader.read(file, {
    onProgress: (rows) => progress(`正在读取：已读 ${rows} 行`, rows),
    // Only a head start, taken in the reader's message handler (where a throw would end the core):
    // if it cannot be had, the analysis reads the rows itself, and says what is wrong there.
    onSheet: (sheet) => {
      if (sheet.name !== MANIFEST_SHEET) return;
      try {
        ahead.held = heldAhead(ctx, sheet, args.year);
      } catch {
        ahead.held = null;
      }
      try {
        const manifest = readManifest({ sheets: [sheet] });
        ahead.rows = manifest && ledgerRowsEarly(manifest, listDictEntriesSync(sqlite));
      } catch {
        ahead.rows = null;
      }
    },
    onRows: (batch) => {
      try {
        ahead.rows?.take(batch);
      } catch {
        ahead.rows = null;
      }
    },
  });
  const { hash, size } = book.file ?? (await fileHash(file));
  progress('正在识别表格');
  const remembered = (signature: string): ColumnMap | null => {
    const m = getHeaderMapping(sqlite, signature);
    if (!m) return null;
    // A person's "不导入" is kept too (null), so a column left out on purpose is not asked about again.
    const pairs = (JSON.parse(m.mapping_json) as [number, string | null][]).filter((p): p is [number, string] => p[1] !== null);
    return { fields: new Map(pairs), headers: new Map() };
  };
  const recognised = recognise(book, { ...(args.templateId ? { templateId: args.templateId } : {}), remembered });
  refuseReport(recognised);
  const sheet = recognised.sheets[0]!;
  if (sheet.tsheet.source !== 'ledger') {
    const preview = openReturn(ctx, { file, name, size, hash, recognised, year: yearOf(ctx, recognised, args.year), ...(args.templateId ? { templateId: args.templateId } : {}) });
    groupUnknownValues(preview);
    noteReturned(ctx, preview, recognised.manifest?.batchId, file);
    progress('已完成', 1, 1);
    return preview;
  }
  if (args.mapping) {
    const fields = new Map(args.mapping.filter((m) => m.field !== null).map((m) => [m.index, m.field!]));
    sheet.layout = layoutWith(sheet.raw, sheet.layout.headerRows[0]!, sheet.layout.headerRows.length, { fields, headers: new Map() }, sheet.tsheet);
    if (args.rememberMapping) saveHeaderMapping(sqlite, sheet.signature, recognised.template.id, JSON.stringify(args.mapping.map((m) => [m.index, m.field])), ctx.now().toISOString());
  }
  const year = yearOf(ctx, recognised, args.year);
  const batch = recognised.manifest ? getExportBatch(sqlite, recognised.manifest.batchId) : undefined;
  progress(`正在核对 ${sheet.layout.dataRows.length} 行`);
  const problems = [...recognised.problems];
  // A workbook of one sheet per township: the sheets laid out as the first are read with it, as one import.
  const ledgerSheets = [sheet, ...(recognised.manifest ? [] : sheetsLikeMain(sheet, book.sheets, problems))];
  const dicts = listDictEntriesSync(sqlite);
  // Taken once: the rows read ahead are not held past their reading (a year of them, while the comparison peaks).
  const takeAhead = () => {
    const held = ahead.held;
    ahead.held = null;
    return held;
  };
  const takeRowsEarly = () => {
    const rows = ahead.rows;
    ahead.rows = null;
    return rows;
  };
  const analysis = joinAnalyses(ledgerSheets.map((s) => analyseLedger(ctx, s, { year, dicts, auditMark: batch?.audit_mark ?? null, problems, savedAt: book.savedAt ?? null, takeAhead, takeRowsEarly })));
  if (recognised.manifest && !batch) problems.unshift(foreignExport(recognised.manifest, sheet.raw.name));
  const again = importedAgain(ctx, hash);
  if (again) problems.unshift(again.problem);

  const columns = fileColumns(sheet);
  problems.push(...unplacedColumns(sheet, columns, '台账', recognised.recognisedBy === 'headers' ? '如需导入，请点“核对列的对应关系”为它选择对应的列。' : ''));
  const counts = countOf(analysis.rows, analysis.missing.length, problems);
  const preview: ImportPreview = {
    sessionId: randomUUID(),
    file: { name, size, hash },
    // The file's own version: a return of an older one is read by the columns its manifest lists.
    template: { id: recognised.template.id, title: recognised.template.title, version: recognised.manifest?.templateVersion ?? recognised.template.version },
    recognisedBy: recognised.recognisedBy,
    exported: exportedView(recognised.manifest, batch),
    year,
    sheet: sheet.raw.name,
    headerRows: sheet.layout.headerRows.map((r) => r + 1),
    columns,
    sheets: ledgerSheets.map((s) => ({ name: s.raw.name, source: 'ledger' as const, noun: rowNoun('ledger'), headerRows: s.layout.headerRows.map((r) => r + 1), columns })),
    unmapped: sheet.layout.unmapped,
    needsMapping: recognised.recognisedBy === 'headers' && !args.mapping && mappingAsked(ctx, sheet, columns),
    counts,
    rows: analysis.rows,
    missing: analysis.missing,
    problems,
    importedBefore: again?.before ?? null,
    unknownValues: [],
    ...(analysis.newUnits.length ? { newUnits: analysis.newUnits.map((u) => withDivision(ctx, u)) } : {}),
    ...(analysis.synonymReads.length ? { synonymReads: analysis.synonymReads } : {}),
  };
  groupUnknownValues(preview);
  noteReturned(ctx, preview, recognised.manifest?.batchId, file);
  ctx.imports.set({ kind: 'ledger', preview, file, recognised, analysis, ...(args.templateId ? { templateId: args.templateId } : {}) });
  progress('已完成', 1, 1);
  return preview;
}

/**
 * A returned ledger's sent rows read from the database as soon as its manifest is read (the
 * reader reads it first), while the worker reads on: the year its manifest names (or the one
 * asked), as `yearOf` takes it. Null for anything else: the analysis then reads them itself.
 */
function heldAhead(ctx: ServiceContext, manifestSheet: RawSheet, asked: number | undefined): HeldAhead | null {
  const manifest = readManifest({ sheets: [manifestSheet] });
  if (!manifest || findTemplate(manifest.template)?.sheets[0]?.source !== 'ledger') return null;
  const period = Number(manifest.period);
  const year = asked || (period >= 1949 && period <= 2100 ? period : null);
  if (!year) return null;
  const uids = [...sentRows({ sheets: [manifestSheet] }).values()].flatMap((list) => list.map((s) => s.uid));
  const mark = getExportBatch(ctx.conn.sqlite, manifest.batchId)?.audit_mark ?? null;
  return uids.length ? readAhead(ctx.conn.sqlite, rowContext(ctx), uids, year, { mark, keptYear: (asked) => keptYearByUid(ctx, year, asked) }) : null;
}

/**
 * Whether a hand-made layout's columns are for a person to confirm: a layout seen for the first
 * time, or one whose confirmed mapping leaves a column holding data that the person never placed.
 */
function mappingAsked(ctx: ServiceContext, sheet: Recognised['sheets'][number], columns: ImportPreview['columns']): boolean {
  const held = getHeaderMapping(ctx.conn.sqlite, layoutSignature(sheet.raw, sheet.layout.headerRows));
  if (!held) return true;
  const answered = new Set((JSON.parse(held.mapping_json) as [number, string | null][]).map(([i]) => i));
  return unplacedWithData(sheet, columns).some((u) => !answered.has(u.column.index));
}

/**
 * The branch a new row of the file goes to: a new unit under its township, or the unit of
 * that name already there without a row this year. A row that has appeared for it since
 * the comparison is not written over: the reason is returned instead.
 */
function branchForNewRow(ctx: ServiceContext, cs: ChangeSet, row: ImportRowView, parentId: number, year: number, now: string, ref: (ledgerId: number) => string): { orgId: number; ledgerId: number } | string {
  const { sqlite } = ctx.conn;
  const name = String(row.values.name);
  const existing = existingBranch(sqlite, parentId, name, year);
  if (existing?.ledger) return `核对之后台账中有了“${name}”，未作为新增写入。请重新核对这个文件。`;
  const kind = row.values.kind === 'general_branch' ? 'general_branch' : 'branch';
  const field = typeof row.values.field === 'string' ? row.values.field : null;
  const orgId = existing?.orgId ?? createOrgSync(ctx, { parentId, name, kind, field }, 'import', cs);
  const uid = randomUUID();
  const ledgerId = insertLedgerRow(sqlite, { uid, orgId, year, now });
  cs.record('branch_ledger', ledgerId, uid, null, 'insert', null, { orgId, year }, ref(ledgerId));
  return { orgId, ledgerId };
}

/** Brings back a ledger row deleted here, which the person accepted from the file; unless it came back since. */
function restoreRow(ctx: ServiceContext, cs: ChangeSet, ledgerId: number, now: string, ref: (ledgerId: number) => string): { orgId: number; ledgerId: number } | string {
  const writer = ledgerWriter(ctx.conn.sqlite);
  const held = writer.get(ledgerId);
  if (!held) return '这一行已不存在，未恢复。';
  if (!held.deleted_at) return '核对之后这一行已被恢复，未再写入。请重新核对这个文件。';
  writer.setDeleted(ledgerId, null, now);
  cs.record('branch_ledger', ledgerId, held.uid, null, 'restore', held.deleted_at, null, ref(ledgerId));
  return { orgId: held.org_id, ledgerId };
}

/**
 * A summary report (党组织基本情况统计表) is made from the ledgers, never filled in below:
 * dropped on the import it is told for what it is, and nothing is read from it.
 */
function refuseReport(recognised: Recognised): void {
  const t = recognised.template;
  if (t.returnable && t.rows === 'records') return;
  throw new AppError(
    'BAD_FILE',
    `这是“${plainTitle(t)}”，是按下级单位汇总统计的汇总报表，不是下级填报后报送回来的台账，不能导入，也没有改动任何数据。表中的数字由各党支部的分类台账、联系点和领办实事项目统计而来：如需更正，请更正对应的台账后重新导出汇总表。`,
    { template: t.id },
  );
}

export function commitImport(ctx: ServiceContext, sessionId: string, decisions: ImportDecisions = {}): ImportCommitResult {
  const session = sessionOrThrow(ctx, sessionId);
  if (session.kind === 'records') return commitReturn(ctx, session, decisions);
  const plan = planOf(session.preview, decisions);
  const batch = { id: randomUUID(), now: ctx.now().toISOString() };
  const units = choicesOf(decisions, session.preview.sheet).units;
  const result = patchingLedger(ctx, ctx.conn.writeTransaction(() => writePlan(ctx, session, plan, batch, units)), (r) => r.touched);
  ctx.imports.drop(sessionId);
  ctx.events.emit('data.changed', { entity: 'branch_ledger' });
  return { batchId: batch.id, changeSetId: result.changeSetId, applied: result.applied, skipped: result.skipped, problems: result.problems };
}

/** What the preview's summary said is what is written (shared/domain/importPlan.ts). */
function planOf(preview: ImportPreview, decisions: ImportDecisions): ImportPlan {
  return importPlan(preview.rows, choicesOf(decisions, preview.sheet));
}

/** A ledger cell refused at the commit, by its row and field. */
const refusedKey = (id: number, field: string) => `${id}:${field}`;

/** The plan written in one transaction and one change set naming the file: the rows, their values, the batch. */
function writePlan(ctx: ServiceContext, session: LedgerSession, plan: ImportPlan, batch: { id: string; now: string }, units: ImportChoices['units']) {
  const { preview } = session;
  const cs = ctx.audit.begin('import', `导入“${preview.file.name}”`, { file: { name: preview.file.name, hash: preview.file.hash } });
  const unitIds = createUnits(ctx, cs, preview.newUnits ?? [], plan, units);
  const writes = plannedWrites(ctx, cs, session, plan, batch.now, unitIds);
  // 最强党支部 is the pipeline's: a file further along fills its stages, one that disagrees is said (services/pipeline/fromLedger.ts).
  const statuses = applyLedgerStatuses(ctx, cs, writes.changes, listDictEntriesSync(ctx.conn.sqlite));
  const edited = applyLedgerEdits(ctx, statuses.changes, { source: 'import', summary: `导入“${preview.file.name}”`, changeSet: cs });
  // What was accepted and still not written, told by the file's cell.
  const notWritten = [...statuses.problems, ...edited.problems.filter((p) => !p.kept)];
  const problems: ImportProblemView[] = [...declinedUnits(preview, plan), ...writes.refused, ...notWritten.map((p) => {
    const row = writes.fileRowOf.get(p.id);
    return { severity: 'warning' as const, sheet: row?.sheet ?? preview.sheet, cell: row ? session.analysis.cellOf(row.sourceRow, p.field) : '', message: p.message };
  })];
  const applied = appliedOf(writes, new Set(notWritten.map((p) => refusedKey(p.id, p.field))));
  recordBatch(ctx, preview, cs.count ? cs.id : null, applied, batch, session.analysis.madeSince);
  const skipped = { rows: plan.skippedRows + writes.refused.length, cells: plan.skippedCells + notWritten.length };
  return { changeSetId: cs.count ? cs.id : null, applied, skipped, touched: writes.touched, problems };
}

/** The ledger edits a plan makes, and what they touch. */
interface PlannedWrites {
  changes: LedgerChange[];
  /** Units whose rows were written (for the list's cache). */
  touched: number[];
  /** Each ledger row written, and the row of the file it came from. */
  fileRowOf: Map<number, ImportRowView>;
  /** Rows the file adds or brings back that could not be, by the file's cell. */
  refused: ImportProblemView[];
  newRows: number;
}

function plannedWrites(ctx: ServiceContext, cs: ChangeSet, session: LedgerSession, plan: ImportPlan, now: string, unitIds: Map<string, number>): PlannedWrites {
  const writes: PlannedWrites = { changes: [], touched: [], fileRowOf: new Map(), refused: [], newRows: 0 };
  for (const planned of plan.rows) {
    if (planned.row.match) writeMatched(session.analysis, planned, writes);
    else writeAdded(ctx, cs, session, planned, now, writes, unitIds);
  }
  return writes;
}

/**
 * The units the tree lacks that the person chose to create (each with rows going under it),
 * under the parent chosen or proposed, in the import's change set: its one undo removes them
 * with their branches. One of that name there already (made since the preview) is taken as it is.
 */
function createUnits(ctx: ServiceContext, cs: ChangeSet, wanted: readonly ImportNewUnit[], plan: ImportPlan, units: ImportChoices['units']): Map<string, number> {
  const ids = new Map<string, number>();
  for (const key of plan.newUnits) {
    const unit = wanted.find((u) => u.key === key);
    if (!unit) throw new AppError('INVALID_ARGS', `文件中没有需要新建的单位“${key}”。`);
    const chosen = units.get(key);
    const parentId = chosen?.parentId !== undefined ? chosen.parentId : (unit.parent?.id ?? null);
    // It holds branches, so it is a township (苏木乡镇、街道、园区): under a county.
    if (parentId === null) throw new AppError('INVALID_ARGS', `请为“${unit.name}”选择所在的旗县区，未导入。`);
    const parent = getOrg(ctx.conn.sqlite, parentId);
    if (!parent || parent.closed_on) throw new AppError('NOT_FOUND', `为“${unit.name}”选择的上级单位不存在或已撤销，未导入。请重新选择。`);
    if (parent.level !== 'county') {
      throw new AppError('INVALID_ARGS', `“${unit.name}”下面是党支部，要建在旗县区之下；“${parent.name}”不是旗县区，不能作为它的上级。未导入，请重新选择。`);
    }
    // A division of the county (敖汉工业园区 → 工业园区党工委, 150430401): its name and code, as the first run builds it.
    const known = committeeNamed(parent.code, unit.name);
    const name = known?.name ?? unit.name;
    ids.set(key, existingUnit(ctx.conn.sqlite, parentId, name) ?? createOrgSync(ctx, { parentId, name, ...(known ? { kind: known.kind, code: known.code } : {}) }, 'import', cs));
  }
  return ids;
}

/** A new unit's division under its proposed county, if it is one (shown before it is created so). */
function withDivision(ctx: ServiceContext, unit: ImportNewUnit): ImportNewUnit {
  const parent = unit.parent ? getOrg(ctx.conn.sqlite, unit.parent.id) : undefined;
  const known = parent ? committeeNamed(parent.code, unit.name) : null;
  return known ? { ...unit, division: { name: known.name, code: known.code } } : unit;
}

/** Units the tree lacks that were not created: their rows were not taken, said once each. */
function declinedUnits(preview: ImportPreview, plan: ImportPlan): ImportProblemView[] {
  return [...plan.unitsDeclined].map(([key, rows]) => {
    const unit = preview.newUnits?.find((u) => u.key === key);
    const [sheet, cell] = (unit?.cells[0] ?? `${preview.sheet}!`).split('!');
    return { severity: 'warning' as const, sheet: sheet!, cell: cell ?? '', message: `没有新建“${unit?.name ?? key}”，其下 ${rows} 行未导入。` };
  });
}

/** Where each value came from: the file's cell, or a person's correction of it in the preview. */
function sourceOf(analysis: LedgerAnalysis, row: ImportRowView): (field: string) => string {
  return (field) => `${row.sheet}!${analysis.cellOf(row.sourceRow, field)}${row.corrected?.includes(field) ? '（导入核对时改正）' : ''}`;
}

/**
 * The cells of a matched row. Each carries what the cell held at the comparison: a cell changed
 * here since is not overwritten. A value that could not be read goes in as written, kept and
 * marked red, as a paste would.
 */
function writeMatched(analysis: LedgerAnalysis, { row, cells }: PlannedRow, writes: PlannedWrites): void {
  const match = row.match!;
  const from = sourceOf(analysis, row);
  for (const d of cells) writes.changes.push({ id: match.ledgerId, field: d.field, value: d.status === 'error' ? (d.raw === null ? null : String(d.raw)) : d.value, from: from(d.field), expected: d.current });
  writes.fileRowOf.set(match.ledgerId, row);
  writes.touched.push(match.orgId);
}

/** A branch the file adds or brings back: the unit, its ledger row, then its values, all in this change set. */
function writeAdded(ctx: ServiceContext, cs: ChangeSet, session: LedgerSession, { row, values }: PlannedRow, now: string, writes: PlannedWrites, unitIds: Map<string, number>): void {
  const from = sourceOf(session.analysis, row);
  const ref = (id: number) => `branch_ledger:${id}@${from('name')}`;
  const parentId = () => (row.newUnit !== undefined ? unitIds.get(row.newUnit)! : row.parent!.id);
  const branch = row.restores !== undefined ? restoreRow(ctx, cs, row.restores, now, ref) : branchForNewRow(ctx, cs, row, parentId(), session.preview.year, now, ref);
  if (typeof branch === 'string') {
    writes.refused.push({ severity: 'warning', sheet: row.sheet, cell: session.analysis.cellOf(row.sourceRow, 'name'), message: branch });
    return;
  }
  writes.fileRowOf.set(branch.ledgerId, row);
  for (const v of values) writes.changes.push({ id: branch.ledgerId, field: v.field, value: v.value, from: from(v.field) });
  writes.touched.push(branch.orgId);
  writes.newRows++;
}

/** What was written, counted as the preview's summary counts it: the plan less the cells refused since. */
function appliedOf(writes: PlannedWrites, refusedCells: Set<string>): ImportCommitResult['applied'] {
  const wrote = (c: LedgerChange) => !refusedCells.has(refusedKey(c.id, c.field));
  const ofMatched = writes.changes.filter((c) => c.expected !== undefined);
  return {
    newRows: writes.newRows,
    newCells: writes.changes.filter((c) => c.expected === undefined && wrote(c)).length,
    changedRows: new Set(ofMatched.filter(wrote).map((c) => c.id)).size,
    cells: ofMatched.filter(wrote).length,
    clears: ofMatched.filter((c) => wrote(c) && c.value === null).length,
  };
}

export function importHistory(ctx: ServiceContext, limit = 100): ImportBatchInfo[] {
  return listImportBatches(ctx.conn.sqlite, limit).map((b) => ({
    id: b.id,
    fileName: b.file_name,
    fileHash: b.file_hash,
    templateId: b.template_id,
    recognisedBy: b.recognised_by,
    unitCode: b.unit_code,
    period: b.period,
    counts: JSON.parse(b.counts_json) as ImportBatchInfo['counts'],
    status: b.status as ImportBatchInfo['status'],
    at: b.created_at,
    actor: b.actor,
    changeSetId: b.change_set_id,
  }));
}

/** For the CLI and exports of the preview: values keyed by column label, dictionary codes as labels. */
export function labelledRows(ctx: ServiceContext, preview: ImportPreview): { sourceRow: number; values: Record<string, CellValue> }[] {
  const session = ctx.imports.get(preview.sessionId);
  const dicts = listDictEntriesSync(ctx.conn.sqlite);
  return preview.rows.map((r) => {
    const tsheet = session?.recognised.sheets.find((s) => s.raw.name === r.sheet)?.tsheet;
    const values: Record<string, CellValue> = {};
    for (const [field, v] of Object.entries(r.values)) {
      const col = tsheet?.columns.find((c) => c.field === field);
      if (!col) continue;
      values[col.header] = col.type === 'dict' && typeof v === 'string' ? (dicts.find((d) => d.dict === col.dict && d.code === v)?.label ?? v) : v;
    }
    return { sourceRow: r.sourceRow, values };
  });
}

/**
 * The returns inbox: every file dropped on the window is kept, under a name of its own,
 * in `inbox/` beside the database (what was received stays on record).
 */
export function uploadToInbox(ctx: ServiceContext, name: string, base64: string): { path: string } {
  const data = Buffer.from(base64, 'base64');
  if (data.length === 0) throw new AppError('BAD_FILE', `“${name}”是空文件（0 字节），没有可导入的内容。`);
  const dir = path.join(path.dirname(path.resolve(ctx.conn.path)), 'inbox', today(ctx));
  fs.mkdirSync(dir, { recursive: true });
  const file = freeName(dir, plainFileName(name));
  fs.writeFileSync(file, data, { flag: 'wx' });
  // Received to be read: a page may import it, never write over it.
  return { path: ctx.grants.read(file) };
}
