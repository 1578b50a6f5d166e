/**
 * One returned sheet of records compared with what we hold: its rows read, matched (by
 * hidden id, else by key cells where that is safe, else new), each writable cell judged
 * three ways, locked cells typed over said with their cells, new rows' refs found by name and
 * checked as records.add checks them. Nothing is written: the result is the preview's rows
 * and what the commit needs to write them.
 */
import type { DictEntry, ImportCellDiff, ImportRowView } from '../../../../../shared/contract/types.ts';
import { evaluationPathCells } from '../../../../../shared/domain/evaluation.ts';
import { shownValue, type CellValue } from '../../../../../shared/domain/fields.ts';
import { recordTables, type RecordTable } from '../../../../../shared/domain/records.ts';
import { writableFields, type RecordSource } from '../../../../../shared/domain/returns.ts';
import type { TemplateColumn } from '../../../../../shared/templates/types.ts';
import { hashedColumns, rowHash, sentCell, sentValue } from '../../../excel/writer.ts';
import type { ServiceContext } from '../../context.ts';
import { refusalOf } from '../../records/add.ts';
import { columnLetter } from '../layout.ts';
import type { ImportProblem, RecognisedSheet } from '../recognise.ts';
import { bindings, keyOf, labelOf, type Binding } from './binding.ts';
import { heldPath, heldRecords, readNameBook, sentValues, type HeldRow } from './held.ts';
import { judgeCell, typedOver, type FileCell, type SentCell } from './judge.ts';
import { matchRows, type Matched } from './match.ts';
import { readCell, readColumns, readRows, type FileRow, type ReadColumn } from './read.ts';
import { resolveRefs, type NameBook } from './refs.ts';

export interface SheetOptions {
  year: number;
  dicts: readonly DictEntry[];
  /** The file's unit: its records are what was sent, and where names are looked for. */
  unit: { id: number; path: string };
  /** The export's mark in the audit log (null: not exported here, a two-way comparison). */
  auditMark: number | null;
  problems: ImportProblem[];
}

export interface SheetReturn {
  sheet: RecognisedSheet;
  binding: Binding;
  columns: ReadColumn[];
  rows: ImportRowView[];
  /** The held row each matched file row is, by Excel row number. */
  heldOf: Map<number, HeldRow>;
  /** Rows sent and not returned. */
  missing: number;
  cellOf(sourceRow: number, field: string): string;
  /** The cell a row is named by in messages (its first key cell). */
  keyCell(sourceRow: number): string;
  /** A cell corrected in the preview, read and compared again (two ways: the correction is a person's). */
  revise(row: ImportRowView, field: string, value: CellValue): ImportCellDiff | null;
}

type Row = FileRow & { key: string | null };

/** A matched row's status from its cells. */
export function heldStatus(diffs: readonly ImportCellDiff[]): ImportRowView['status'] {
  const active = diffs.filter((d) => d.status !== 'kept');
  if (active.some((d) => d.status === 'error')) return 'error';
  if (active.some((d) => d.status === 'conflict')) return 'conflict';
  return active.length ? 'changed' : 'unchanged';
}

/** Rows the layout leaves out (under the 合计 or the footer, a second table) and rows after a long gap: said. */
function layoutProblems(sheet: RecognisedSheet, noun: string): ImportProblem[] {
  const { raw, layout } = sheet;
  const first = (r: number) => Math.max(0, (raw.rows[r] ?? []).findIndex((v) => v !== null && String(v).trim() !== ''));
  const out: ImportProblem[] = layout.afterEnd.map(({ row, under }) => ({
    severity: 'warning',
    sheet: raw.name,
    cell: `${columnLetter(first(row))}${row + 1}`,
    message: `第 ${row + 1} 行在${under === '合计' ? '“合计”行之后' : '“填报人”“审核人”等落款之下'}，没有读入。如果是新增的${noun}，请把它移到${under === '合计' ? '合计行' : '落款'}之上再导入。`,
  }));
  if (layout.anotherTable !== null) {
    const r = layout.anotherTable;
    out.push({ severity: 'warning', sheet: raw.name, cell: `${columnLetter(first(r))}${r + 1}`, message: `第 ${r + 1} 行起表头重复出现，是另一张表，没有读入。请把它放到单独的工作表或文件中再导入。` });
  }
  for (const r of layout.afterGap) out.push({ severity: 'warning', sheet: raw.name, cell: `A${r + 1}`, message: `第 ${r + 1} 行之前隔着三行以上空行，其后的行也已读入，请核对它们是否属于这张表。` });
  return out;
}

/** The manifest's hashes of the rows as sent, and whether a set of values hashes to one of them. */
function sentHashes(sheet: RecognisedSheet) {
  const written = (sheet.sentFields ?? []).map((f) => sheet.tsheet.columns.find((c) => c.field === f));
  const columns = sheet.sentFields !== null && written.every((c) => c !== undefined) ? hashedColumns(written as TemplateColumn[]) : null;
  const byUid = new Map((sheet.sent ?? []).map((s) => [s.uid, s.hash]));
  return {
    /** The file's row still hashes as it was sent (a cell not readable counts as its text, as a red value goes out). */
    returnedAsSent: (row: FileRow, uid: string) => {
      const text = (field: string) => {
        const u = row.unread.find((x) => x.field === field);
        return u && u.text !== null ? String(u.text) : null;
      };
      return columns !== null && rowHash(columns.map((c) => sentCell(c, row.values[c.field], text(c.field)))) === byUid.get(uid);
    },
    /** The values we take for a row as sent hash to what was sent: they are right. */
    vouched: (uid: string, value: (field: string) => CellValue) => columns !== null && rowHash(columns.map((c) => sentValue(c, value(c.field)))) === byUid.get(uid),
  };
}

/**
 * The records a new row makes, from its refs and its writable values: one, or for the
 * 评定验收台账 one per stage whose cells it fills (a branch's 旗县验收 typed in: that stage's record).
 */
export function newRecordsOf(binding: Binding, refs: Record<string, number>, values: Readonly<Record<string, CellValue>>): { table: RecordTable; values: Record<string, CellValue> }[] {
  const writable = writableFields(binding.source);
  const filled = Object.entries(values).filter(([f, v]) => writable.has(f) && v !== null);
  if (binding.source !== 'evaluationPath') return [{ table: binding.table, values: { ...refs, ...Object.fromEntries(filled) } }];
  const stages = new Map<string, Record<string, CellValue>>();
  for (const [f, v] of filled) {
    const { stage, field } = evaluationPathCells[f]!;
    stages.set(stage, { ...(stages.get(stage) ?? { orgId: refs.orgId!, stage }), [field]: v });
  }
  return [...stages.values()].map((v) => ({ table: binding.table, values: v }));
}

/** Why a new row's records cannot be added, checked as records.add checks them, before anything is written (null: they can). */
export function newRowRefusal(ctx: ServiceContext, binding: Binding, year: number, refs: Record<string, number>, values: Readonly<Record<string, CellValue>>): string | null {
  for (const m of newRecordsOf(binding, refs, values)) {
    const refused = refusalOf(ctx, m.table, year, m.values);
    if (refused) return refused;
  }
  return null;
}

export const REFUSED = '不能添加';

export function refusalProblem(binding: Binding, sheet: string, cell: string, values: Readonly<Record<string, CellValue>>, refused: string): ImportProblem {
  return { severity: 'error', sheet, cell, message: `新增的${binding.noun}“${labelOf(binding, values)}”${REFUSED}：${refused}。` };
}

export function analyseSheet(ctx: ServiceContext, sheet: RecognisedSheet, options: SheetOptions): SheetReturn {
  const source = sheet.tsheet.source as RecordSource;
  const binding = bindings[source];
  const { problems, dicts, year, unit } = options;
  const name = sheet.raw.name;
  const columns = readColumns(sheet, source);
  const letterOf = new Map(columns.map((c) => [c.field, columnLetter(c.index)]));
  const cellOf = (sourceRow: number, field: string) => `${letterOf.get(field) ?? 'A'}${sourceRow}`;
  const keyCell = (sourceRow: number) => cellOf(sourceRow, binding.key.find((f) => letterOf.has(f)) ?? binding.key[0]!);
  const header = (field: string) => {
    const c = columns.find((x) => x.field === field)?.col;
    return c ? (c.group ? `${c.group}·${c.header}` : c.header) : field;
  };
  const show = (field: string, v: CellValue | undefined) => shownValue(columns.find((c) => c.field === field)?.def, v, dicts);
  problems.push(...layoutProblems(sheet, binding.noun));

  const rows: Row[] = readRows(sheet, columns, dicts).map((r) => ({ ...r, key: keyOf(binding, r.values) }));
  const uids = [...rows.map((r) => r.id).filter(Boolean), ...(sheet.sent ?? []).map((s) => s.uid)];
  const held = source === 'evaluationPath' ? heldPath(ctx, binding, year, unit, uids) : heldRecords(ctx, binding, year, unit.path, uids);
  const hashes = sentHashes(sheet);
  const matched = matchRows(rows, held, (r, h) => hashes.returnedAsSent(r, h.uid), binding.noun);
  const heldRows = matched.flatMap((m) => (m.kind === 'held' ? [m.held] : []));
  const sentOf = options.auditMark !== null && sheet.sent ? sentValues(ctx, options.auditMark, heldRows) : null;
  const fresh = rows.filter((_, i) => matched[i]!.kind === 'new');
  const book = fresh.length ? readNameBook(ctx, binding, unit.path, fresh) : null;

  const out: ImportRowView[] = [];
  const heldOf = new Map<number, HeldRow>();
  /** Locked cells whose text differs from ours, by field. */
  const typed = new Map<string, string[]>();

  const judgeHeld = (row: Row, h: HeldRow, by: 'id' | 'key', messages: string[]): ImportRowView => {
    const three = sentOf ? (field: string): SentCell | undefined => sentOf(h, field) : null;
    const vouched = three !== null && hashes.vouched(h.uid, (f) => (h.slots.has(f) ? (three(f)?.value ?? null) : (h.values[f] ?? null)));
    const values = { ...row.values };
    const diffs: ImportCellDiff[] = [];
    for (const column of columns) {
      const field = column.field;
      const unread = row.unread.find((u) => u.field === field);
      const file: FileCell = unread ? { ok: false, text: unread.text, message: unread.message } : { ok: true, value: row.values[field] ?? null };
      const slot = h.slots.get(field);
      if (!slot) {
        if (typedOver(file, h.values[field] ?? null)) typed.set(field, [...(typed.get(field) ?? []), cellOf(row.sourceRow, field)]);
        continue;
      }
      const sent = three?.(field);
      const j = judgeCell(file, slot.held, sent);
      const cell = cellOf(row.sourceRow, field);
      const raw = row.cells[column.index] ?? null;
      if (j.status === 'unchanged') {
        if (j.shown !== undefined) values[field] = j.shown;
        continue;
      }
      if (j.status === 'error') {
        diffs.push({ field, cell, status: 'error', raw: unread!.text, value: null, current: slot.held.value, sent: undefined, message: unread!.message });
        problems.push({ severity: 'error', sheet: name, cell, message: unread!.message });
        continue;
      }
      if (j.status === 'kept' && j.shown !== undefined) values[field] = j.shown;
      // The value as sent is shown where the audit or the row's hash vouches for it.
      const shownSent = sent?.changedHere || vouched ? j.sent : undefined;
      diffs.push({ field, cell, status: j.status, raw: file.ok ? raw : file.text, value: file.ok ? file.value : null, current: slot.held.value, sent: shownSent });
      if (j.status === 'conflict') {
        problems.push({ severity: 'warning', sheet: name, cell, message: `${header(field)}：导出后本地改为“${show(field, slot.held.value)}”，报送单位改为“${show(field, file.ok ? file.value : null)}”，请选择保留哪一个。` });
      }
    }
    heldOf.set(row.sourceRow, h);
    return { sheet: name, sourceRow: row.sourceRow, status: heldStatus(diffs), match: null, parent: null, record: { id: h.id, label: h.label, by }, values, diffs, messages };
  };

  const judgeNew = (row: Row, book: NameBook, messages: string[]): ImportRowView => {
    const diffs: ImportCellDiff[] = row.unread.map((u) => ({ field: u.field, cell: cellOf(row.sourceRow, u.field), status: 'error' as const, raw: u.text, value: null, current: null, sent: undefined, message: u.message }));
    for (const d of diffs) problems.push({ severity: 'error', sheet: name, cell: d.cell, message: d.message! });
    const base = { sheet: name, sourceRow: row.sourceRow, match: null, parent: null, values: row.values, diffs };
    const resolved = resolveRefs(source, row.values, book);
    if (!resolved.ok) {
      const why = `新增的${binding.noun}“${labelOf(binding, row.values)}”：${resolved.message}`;
      problems.push({ severity: 'error', sheet: name, cell: cellOf(row.sourceRow, resolved.field), message: `${why}，这一行无法导入。请核对名称（应与本机的组织机构、领导干部一致）。` });
      return { ...base, status: 'error', messages: [...messages, resolved.message] };
    }
    const made = newRecordsOf(binding, resolved.refs, row.values);
    if (made.length === 0) {
      problems.push({ severity: 'warning', sheet: name, cell: keyCell(row.sourceRow), message: `第 ${row.sourceRow} 行没有填写可导入的内容，未导入。` });
      return { ...base, status: 'unchanged', refs: resolved.refs, messages: [...messages, '没有填写可导入的内容'] };
    }
    const refused = newRowRefusal(ctx, binding, year, resolved.refs, row.values);
    if (refused) {
      problems.push(refusalProblem(binding, name, keyCell(row.sourceRow), row.values, refused));
      return { ...base, status: 'error', refs: resolved.refs, messages: [...messages, refused] };
    }
    return { ...base, status: diffs.length ? 'error' : 'new', refs: resolved.refs, messages: [...messages, `新增${binding.noun}`] };
  };

  rows.forEach((row, i) => {
    const m: Matched<HeldRow> = matched[i]!;
    const messages: string[] = [];
    if ((m.kind === 'held' || m.kind === 'new') && m.note) {
      messages.push(m.note);
      problems.push({ severity: 'warning', sheet: name, cell: keyCell(row.sourceRow), message: `第 ${row.sourceRow} 行${m.note}，请核对。` });
    }
    if (m.kind === 'held') out.push(judgeHeld(row, m.held, m.by, messages));
    else if (m.kind === 'new') out.push(judgeNew(row, book!, messages));
    else if (m.kind === 'error') {
      problems.push({ severity: 'error', sheet: name, cell: keyCell(row.sourceRow), message: `第 ${row.sourceRow} 行${m.message}。` });
      out.push({ sheet: name, sourceRow: row.sourceRow, status: 'error', match: null, parent: null, values: row.values, diffs: [], messages: [m.message] });
    } else if (hashes.returnedAsSent(row, m.held.uid)) {
      out.push({ sheet: name, sourceRow: row.sourceRow, status: 'unchanged', match: null, parent: null, values: row.values, diffs: [], messages: [`本地已删除这条${binding.noun}，报送单位未改动：保持删除`] });
    } else {
      const title = recordTables[binding.table].title;
      problems.push({ severity: 'warning', sheet: name, cell: keyCell(row.sourceRow), message: `“${m.held.label}”这条${binding.noun}在本地已删除，报送单位却修改了它，未导入。如需恢复，请先在“${title}”的“已删除”中恢复它，再重新导入这个文件。` });
      out.push({ sheet: name, sourceRow: row.sourceRow, status: 'error', match: null, parent: null, values: row.values, diffs: [], messages: [`本地已删除这条${binding.noun}，报送单位却修改了它：未导入`] });
    }
  });

  // Columns the file cannot change: never written; a text typed over them is said, with its cells.
  for (const [field, cells] of typed) {
    const col = columns.find((c) => c.field === field)!.col;
    const listed = `文件中有 ${cells.length} 行与本机不同（${cells.slice(0, 5).join('、')}${cells.length > 5 ? ' 等' : ''}）`;
    const why = col.key ? `标明这一行是哪条${binding.noun}，不从文件修改` : '由程序根据其他记录生成，不从文件导入';
    problems.push({ severity: 'warning', sheet: name, cell: cells[0]!, message: `“${header(field)}”${why}。${listed}${sheet.sent ? '，可能是报送单位改写了这一锁定列，也可能是导出后本机做了调整' : ''}；如需修改，请在“${recordTables[binding.table].title}”等页面中修改。` });
  }

  // Rows sent and not returned: not deleted by an import, and said.
  const returned = new Set(heldRows.map((h) => h.uid));
  const gone = (sheet.sent ?? []).map((s) => held.byUid.get(s.uid)).filter((h): h is HeldRow => h !== undefined && !h.deleted && !returned.has(h.uid));
  if (gone.length) {
    problems.push({ severity: 'warning', sheet: name, cell: '', message: `导出时的 ${gone.length} 条${binding.noun}不在文件中（如：${gone.slice(0, 5).map((h) => h.label).join('；')}${gone.length > 5 ? ' 等' : ''}）。导入不会删除它们；如确已不需要，请在“${recordTables[binding.table].title}”中删除。` });
  }

  const byField = new Map(columns.map((c) => [c.field, c]));
  return {
    sheet,
    binding,
    columns,
    rows: out,
    heldOf,
    missing: gone.length,
    cellOf,
    keyCell,
    revise: (row, field, value) => {
      const column = byField.get(field)!;
      const parsed = readCell(column, value, sheet.emptyAs, dicts);
      const slot = heldOf.get(row.sourceRow)?.slots.get(field);
      const cell = cellOf(row.sourceRow, field);
      if (!parsed.ok) {
        row.values[field] = null;
        // The text of a value we keep but do not understand, written again: nothing changes.
        if (slot?.held.red && String(value ?? '').trim() === String(slot.held.value).trim()) return null;
        return { field, cell, status: 'error', raw: value, value: null, current: slot?.held.value ?? null, sent: undefined, message: `${header(field)}：${parsed.message}` };
      }
      row.values[field] = parsed.value;
      const j = judgeCell({ ok: true, value: parsed.value }, slot?.held ?? { value: null, red: false }, undefined);
      if (!slot || j.status === 'unchanged') return null;
      return { field, cell, status: 'change', raw: value, value: parsed.value, current: slot.held.value, sent: undefined };
    },
  };
}
