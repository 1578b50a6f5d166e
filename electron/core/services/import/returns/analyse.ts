/**
 * One returned sheet of records compared with what we hold: its rows read, matched (by
 * hidden id, else by key cells where that is safe, else new), each writable cell judged
 * three ways, locked cells typed over said with their cells, new rows' refs found by name and
 * checked as records.add checks them. Nothing is written: the result is the preview's rows
 * and what the commit needs to write them.
 */
import type { DictEntry, ImportCellDiff, ImportRowView } from '../../../../../shared/contract/types.ts';
import { evaluationPathCells } from '../../../../../shared/domain/evaluation.ts';
import type { CellValue } from '../../../../../shared/domain/fields.ts';
import { recordTables, type RecordTable } from '../../../../../shared/domain/records.ts';
import { writableFields, type RecordSource } from '../../../../../shared/domain/returns.ts';
import type { ServiceContext } from '../../context.ts';
import { refusalOf } from '../../records/add.ts';
import { nameKey } from '../branchNames.ts';
import { conflictProblems, matchedStatus, someCells } from '../checks.ts';
import { judgeCell, judgeRow, type FileCell, type HeldCell, type JudgedColumn, type SentCell } from '../judge.ts';
import { columnLetter, layoutProblems } from '../layout.ts';
import { readCell, readRows, type FileColumn, type FileRow } from '../read.ts';
import type { ImportProblem, RecognisedSheet } from '../recognise.ts';
import { returnedAsSent, sentHashes, vouchedAsSent } from '../sent.ts';
import { bindings, keyOf, labelOf, type Binding } from './binding.ts';
import { heldPath, heldRecords, plannedLeaders, readNameBook, sentValues, type HeldRow } from './held.ts';
import { matchRows, type Matched } from './match.ts';
import { readColumns } from './read.ts';
import { resolveRefs, type NameBook, type NewLeader } from './refs.ts';

export interface SheetOptions {
  year: number;
  dicts: readonly DictEntry[];
  /** The file's unit: its records are what was sent, and where names are looked for. */
  unit: { id: number; path: string; name: string };
  /** The export's mark in the audit log (null: not exported here, a two-way comparison). */
  auditMark: number | null;
  problems: ImportProblem[];
}

export interface SheetReturn {
  sheet: RecognisedSheet;
  binding: Binding;
  columns: FileColumn[];
  rows: ImportRowView[];
  /** The held row each matched file row is, by Excel row number. */
  heldOf: Map<number, HeldRow>;
  /** Rows sent and not returned. */
  missing: number;
  /** Leaders the file names who are added with it (their rows' refs carry the placeholder). */
  newLeaders: NewLeader[];
  cellOf(sourceRow: number, field: string): string;
  /** The cell a row is named by in messages (its first key cell). */
  keyCell(sourceRow: number): string;
  /** A cell corrected in the preview, read and compared again (two ways: the correction is a person's). */
  revise(row: ImportRowView, field: string, value: CellValue): ImportCellDiff | null;
}

type Row = FileRow & { key: string | null };

/** The file's text of a cell that could not be read (null when it was read). */
function unreadText(row: FileRow, field: string): string | null {
  const u = row.unread.find((x) => x.field === field);
  return u && u.text !== null ? String(u.text) : null;
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

const dictLabel = (dicts: readonly DictEntry[], dict: string, code: string) => dicts.find((d) => d.dict === dict && d.code === code)?.label ?? code;

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
  problems.push(...layoutProblems(sheet.raw, sheet.layout, binding.noun));
  const writable = writableFields(source);
  // The file writes what people type; the rest is locked: a text other than ours (written another way is the same) is said.
  const judged: JudgedColumn[] = columns.map((c) => ({ ...c, access: writable.has(c.field) ? 'write' : 'locked', sameLocked: (a, b) => nameKey(a) === nameKey(b) }));
  const locked = new Set(judged.filter((c) => c.access === 'locked').map((c) => c.field));

  const rows: Row[] = readRows(sheet.raw, sheet.layout.dataRows, columns, sheet.idColumn, { emptyAs: sheet.emptyAs, dicts }).map((r) => ({ ...r, key: keyOf(binding, r.values) }));
  const uids = [...rows.map((r) => r.id).filter(Boolean), ...(sheet.sent ?? []).map((s) => s.uid)];
  const held = source === 'evaluationPath' ? heldPath(ctx, binding, year, unit, uids) : heldRecords(ctx, binding, year, unit.path, uids);
  const hashes = sentHashes(sheet.tsheet, sheet.sentFields, sheet.sent ?? [], (uid) => held.byUid.get(uid)?.id);
  const asSent = (row: FileRow, h: HeldRow) => returnedAsSent(hashes, h.id, (f) => row.values[f], (f) => unreadText(row, f));
  const matched = matchRows(rows, held, asSent, binding.noun);
  const heldRows = matched.flatMap((m) => (m.kind === 'held' ? [m.held] : []));
  const audit = options.auditMark !== null && sheet.sent ? sentValues(ctx, options.auditMark, heldRows) : null;
  /**
   * A row's values as sent: a cell changed here since the export from the audit log; one not
   * changed, what we hold, where the row's hash in the manifest vouches for it (else not known).
   */
  const sentOf = (h: HeldRow) => {
    let vouched: boolean | undefined;
    return (field: string): SentCell | undefined => {
      const s = audit!(h, field);
      if (!s || s.changedHere) return s;
      vouched ??= vouchedAsSent(hashes, h.id, (f) => (h.slots.has(f) ? (audit!(h, f)?.value ?? null) : (h.values[f] ?? null)));
      return vouched ? s : undefined;
    };
  };
  const fresh = rows.filter((_, i) => matched[i]!.kind === 'new');
  const book = fresh.length ? readNameBook(ctx, binding, unit.path, fresh) : null;
  // A hand-made 联系点台账 names leaders with their post: one nobody here is, is added with the import.
  const newLeaders = book && source === 'liaison' && letterOf.has('leaderTitle') ? plannedLeaders(ctx, book, fresh, unit, cellOf) : [];
  const addable = newLeaders.filter((l) => {
    const refused = refusalOf(ctx, 'leader', year, { committeeId: l.committeeId, name: l.name, position: l.position, title: l.title });
    if (refused) problems.push({ severity: 'error', sheet: name, cell: l.cell, message: `领导干部“${l.name}”本机没有，也不能新增：${refused}。` });
    return !refused;
  });
  if (book && addable.length) book.newLeaders = new Map(addable.map((l) => [nameKey(l.name), l.placeholder]));
  for (const l of addable) {
    problems.push({ severity: 'warning', sheet: name, cell: l.cell, message: `领导干部“${l.name}”（${l.title}）本机没有，提交时将新增到“${l.committeeName}”（职务类别：${dictLabel(dicts, 'leader_position', l.position)}），请核对。` });
  }

  const out: ImportRowView[] = [];
  const heldOf = new Map<number, HeldRow>();
  /** Locked cells whose text differs from ours, by field. */
  const typed = new Map<string, string[]>();

  const judgeHeld = (row: Row, h: HeldRow, by: 'id' | 'key', messages: string[]): ImportRowView => {
    // A locked cell that cannot be read is a text typed over it, not a value to write.
    const lockedUnread = row.unread.filter((u) => locked.has(u.field));
    for (const u of lockedUnread) if (nameKey(u.text) !== nameKey(h.values[u.field])) typed.set(u.field, [...(typed.get(u.field) ?? []), cellOf(row.sourceRow, u.field)]);
    const file = lockedUnread.length ? { ...row, unread: row.unread.filter((u) => !locked.has(u.field)) } : row;
    const heldCell = (f: string): HeldCell => h.slots.get(f)?.held ?? { value: h.values[f] ?? null, red: false };
    const j = judgeRow(judged, file, heldCell, audit ? sentOf(h) : null, cellOf);
    for (const d of j.diffs) if (d.status === 'error') problems.push({ severity: 'error', sheet: name, cell: d.cell, message: d.message! });
    for (const field of j.typedOver) typed.set(field, [...(typed.get(field) ?? []), cellOf(row.sourceRow, field)]);
    heldOf.set(row.sourceRow, h);
    const view: ImportRowView = { sheet: name, sourceRow: row.sourceRow, status: 'unchanged', match: null, parent: null, record: { id: h.id, label: h.label, by }, values: { ...row.values, ...j.shown }, diffs: j.diffs, messages };
    return { ...view, status: matchedStatus(view) };
  };

  const judgeNew = (row: Row, book: NameBook, messages: string[]): ImportRowView => {
    const diffs: ImportCellDiff[] = row.unread.map((u) => ({ field: u.field, cell: cellOf(row.sourceRow, u.field), status: 'error' as const, raw: u.text, value: null, current: null, sent: undefined, message: u.message }));
    for (const d of diffs) problems.push({ severity: 'error', sheet: name, cell: d.cell, message: d.message! });
    const base = { sheet: name, sourceRow: row.sourceRow, match: null, parent: null, values: row.values, diffs };
    const resolved = resolveRefs(source, row.values, book);
    if (!resolved.ok) {
      // A leader nobody here is can be added from a 联系点台账 that says his post.
      const hint = source === 'liaison' && resolved.field === 'leaderName' && !(row.values.leaderTitle ?? null) ? '（如是新任领导，请在“职务”列写明其职务，导入时将一并新增）' : '';
      const why = `新增的${binding.noun}“${labelOf(binding, row.values)}”：${resolved.message}${hint}`;
      problems.push({ severity: 'error', sheet: name, cell: cellOf(row.sourceRow, resolved.field), message: `${why}，这一行无法导入。请核对名称（应与本机的组织机构、领导干部一致）。` });
      return { ...base, status: 'error', messages: [...messages, resolved.message] };
    }
    const made = newRecordsOf(binding, resolved.refs, row.values);
    if (made.length === 0) {
      problems.push({ severity: 'warning', sheet: name, cell: keyCell(row.sourceRow), message: `第 ${row.sourceRow} 行没有填写可导入的内容，未导入。` });
      return { ...base, status: 'unchanged', refs: resolved.refs, messages: [...messages, '没有填写可导入的内容'] };
    }
    // A point of a leader the import adds: the leader is checked above, the branch was found.
    const refused = (resolved.refs.leaderId ?? 0) < 0 ? null : newRowRefusal(ctx, binding, year, resolved.refs, row.values);
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
    } else if (asSent(row, m.held)) {
      out.push({ sheet: name, sourceRow: row.sourceRow, status: 'unchanged', match: null, parent: null, values: row.values, diffs: [], messages: [`本地已删除这条${binding.noun}，报送单位未改动：保持删除`] });
    } else {
      const title = recordTables[binding.table].title;
      problems.push({ severity: 'warning', sheet: name, cell: keyCell(row.sourceRow), message: `“${m.held.label}”这条${binding.noun}在本地已删除，报送单位却修改了它，未导入。如需恢复，请先在“${title}”的“已删除”中恢复它，再重新导入这个文件。` });
      out.push({ sheet: name, sourceRow: row.sourceRow, status: 'error', match: null, parent: null, values: row.values, diffs: [], messages: [`本地已删除这条${binding.noun}，报送单位却修改了它：未导入`] });
    }
  });

  problems.push(...conflictProblems(name, out, columns.map((c) => c.col), dicts));

  // Columns the file cannot change: never written; a text typed over them is said, with its cells.
  for (const [field, cells] of typed) {
    const col = columns.find((c) => c.field === field)!.col;
    const listed = `文件中有 ${cells.length} 行与本机不同（${someCells(cells)}）`;
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
    newLeaders: addable,
    cellOf,
    keyCell,
    revise: (row, field, value) => {
      const parsed = readCell(byField.get(field)!, value, { emptyAs: sheet.emptyAs, dicts });
      row.values[field] = parsed.ok ? parsed.value : null;
      const slot = heldOf.get(row.sourceRow)?.slots.get(field);
      const cell = cellOf(row.sourceRow, field);
      const fileCell: FileCell = parsed.ok ? { ok: true, value: parsed.value } : { ok: false, text: value, message: parsed.message };
      // A row the file adds has nothing held to compare with: only whether the value can be read counts.
      const judgement = slot ? judgeCell({ access: 'write' }, fileCell, slot.held, undefined).status : fileCell.ok ? 'unchanged' : 'error';
      if (!fileCell.ok) return judgement === 'error' ? { field, cell, status: 'error', raw: value, value: null, current: slot?.held.value ?? null, sent: undefined, message: `${header(field)}：${fileCell.message}` } : null;
      return judgement === 'change' ? { field, cell, status: 'change', raw: value, value: fileCell.value, current: slot!.held.value, sent: undefined } : null;
    },
  };
}
