/**
 * What a send-back marks in a returned file: every cell the preview could not take as it is
 * (a value not read, a value not in the dictionary, a value both sides changed), offered
 * unticked where it is only a word (a cell emptied, a warning of the preview), each said to
 * the unit that fills the file: what is wrong and what is expected. One list, used by the
 * annotated copy, the send-back's event and the next round's comparison.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { DictEntry, ImportCellDiff, ImportPreview, ImportRowView } from '../../../../shared/contract/types.ts';
import { erases } from '../../../../shared/domain/importPlan.ts';
import { shownValue, type CellValue } from '../../../../shared/domain/fields.ts';
import { NOT_IN_DICT } from '../../../../shared/domain/normalize.ts';
import { itemKey, type SendBackItem, type SendBackRowKey } from '../../../../shared/domain/sendBack.ts';
import type { TemplateColumn, TemplateSheet } from '../../../../shared/templates/types.ts';
import { listDictEntriesSync } from '../../repos/dicts.ts';
import type { ServiceContext } from '../context.ts';
import type { ImportSession } from '../import/sessions.ts';

/** What a column expects, said after what is wrong. */
function expected(col: TemplateColumn | undefined): string {
  switch (col?.type) {
    case 'integer':
      return `“${col.header}”应填写不小于 0 的整数（阿拉伯数字），如 12。`;
    case 'decimal':
    case 'percent':
      return `“${col.header}”应填写数字。`;
    case 'date':
      return `“${col.header}”应填写日期，如 2024-03-05 或 2024年3月5日。`;
    case 'flag':
      return `“${col.header}”应填写“是”或“否”。`;
    case 'dict':
      return `“${col.header}”请从下拉列表中选择。`;
    case 'phone':
      return `“${col.header}”应填写手机号（11 位）或座机号（如 0476-8221234）。`;
    default:
      return col ? `请按“${col.header}”的要求填写。` : '请核对后改正。';
  }
}

/** A column as a person finds it in the printed header: under its group (书记 / 姓名), else by itself. */
export const headerOf = (col: TemplateColumn): string => (col.group ? `${col.group} / ${col.header}` : col.header);

const shown = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));

/** The session's sheet laid out as the template says (a ledger's extra township sheets share the first one's columns). */
function templateSheetOf(session: ImportSession, sheet: string): TemplateSheet {
  return (session.recognised.sheets.find((s) => s.raw.name === sheet) ?? session.recognised.sheets[0]!).tsheet;
}

/** A row's key for the next round: the hidden id it carries (a returned export), the row held here it matched, its name. */
function rowKeyOf(session: ImportSession, row: ImportRowView): SendBackRowKey {
  const key: SendBackRowKey = {};
  const rs = session.recognised.sheets.find((s) => s.raw.name === row.sheet);
  if (rs && rs.idColumn !== null) {
    const uid = String(rs.raw.rows[row.sourceRow - 1]?.[rs.idColumn] ?? '').trim();
    if (uid) key.uid = uid;
  }
  if (row.match) key.ledgerId = row.match.ledgerId;
  if (row.record) key.recordId = row.record.id;
  const name = row.values.name ?? row.record?.label;
  if (name !== null && name !== undefined && String(name).trim()) key.name = String(name).trim();
  return key;
}

/** The row as a person names it in the list: its name, or its match's, or its place. */
function rowLabelOf(row: ImportRowView): string {
  const name = row.values.name ?? row.match?.name ?? row.record?.label;
  return name !== null && name !== undefined && String(name).trim() ? String(name).trim() : `第 ${row.sourceRow} 行（名称为空）`;
}

/** One cell's diff said to the unit, or nothing when the cell is fine for it (ours kept, a change taken). */
function fromDiff(d: ImportCellDiff, col: TemplateColumn | undefined, dicts: readonly DictEntry[]): Pick<SendBackItem, 'kind' | 'reason' | 'proposed' | 'value'> | null {
  const header = col?.header ?? d.field;
  const show = (v: CellValue | null | undefined) => shownValue(col, v, dicts);
  if (d.status === 'error') {
    if (col?.required && (d.raw === null || String(d.raw).trim() === '')) return { kind: 'error', reason: `${header}为必填项，不能为空，请填写。`, proposed: true, value: '' };
    // The reader's words (“很多”不是整数), then what the column expects.
    const what = (d.message ?? '无法识别').replace(/^[^：]*：/, '').replace(/。$/, '');
    return { kind: d.message?.includes(NOT_IN_DICT) ? 'unknown' : 'error', reason: `${header}：${what}。${expected(col)}`, proposed: true, value: shown(d.raw) };
  }
  if (d.status === 'conflict') {
    const when = d.dates ? `本级于 ${d.dates.held.slice(0, 10)} 已将此栏改为“${show(d.current)}”，晚于本表的${d.dates.fileBy === 'filled' ? '填报日期' : '保存时间'}` : `下发后本级已将此栏改为“${show(d.current)}”`;
    return { kind: 'conflict', reason: `${header}：${when}，贵单位填报为“${show(d.value)}”，两者不一致。请核实后填写正确的值。`, proposed: true, value: shown(d.raw) };
  }
  if (d.status === 'change' && erases(d)) {
    return { kind: 'cleared', reason: `${header}：此栏原为“${show(d.current)}”，报送时被清空。如确应为空，请在备注中说明；否则请补填。`, proposed: false, value: '' };
  }
  return null;
}

/**
 * A word of the preview at a cell that no diff says (a name left empty, a branch listed twice…),
 * said as the preview says it; errors are marked, warnings offered unticked.
 */
function fromProblem(message: string, severity: 'error' | 'warning', col: TemplateColumn | undefined): Pick<SendBackItem, 'kind' | 'reason' | 'proposed'> {
  if (severity === 'error' && col?.required && /为空/.test(message)) return { kind: 'error', reason: `${col.header}为必填项，不能为空，请填写。`, proposed: true };
  return { kind: severity === 'error' ? 'error' : 'warning', reason: message, proposed: severity === 'error' };
}

const rowOfCell = (cell: string): number => Number(/\d+$/.exec(cell)?.[0] ?? 0);
const letterOfCell = (cell: string): string => /^[A-Z]+/.exec(cell)?.[0] ?? '';

/** Every problem cell of the preview as a send-back would list it, in the file's order (one item a cell). */
export function sendBackItems(ctx: ServiceContext, session: ImportSession): SendBackItem[] {
  const { preview } = session;
  const dicts = listDictEntriesSync(ctx.conn.sqlite);
  const items = new Map<string, SendBackItem>();
  const rowAt = new Map(preview.rows.map((r) => [`${r.sheet}!${r.sourceRow}`, r]));
  const add = (row: ImportRowView | undefined, sheet: string, cell: string, field: string | null, what: Pick<SendBackItem, 'kind' | 'reason' | 'proposed'> & { value?: string }) => {
    const tsheet = templateSheetOf(session, sheet);
    const col = field ? tsheet.columns.find((c) => c.field === field) : undefined;
    const key = itemKey({ sheet, cell });
    const seen = items.get(key);
    if (seen) {
      // Two words of one cell: one mark, both said; marked if either is.
      if (!seen.reason.includes(what.reason)) seen.reason = `${seen.reason}\n${what.reason}`;
      seen.proposed ||= what.proposed;
      return;
    }
    const sourceRow = row?.sourceRow ?? rowOfCell(cell);
    items.set(key, {
      sheet,
      cell,
      sourceRow,
      field,
      header: col ? headerOf(col) : '',
      // 填报值 is what the unit typed (优秀), not what we read it as (the code `advanced`).
      value: what.value ?? fileText(session, sheet, cell),
      reason: what.reason,
      kind: what.kind,
      proposed: what.proposed,
      rowLabel: row ? rowLabelOf(row) : `第 ${sourceRow} 行`,
      row: row ? rowKeyOf(session, row) : {},
    });
  };
  for (const row of preview.rows) {
    const tsheet = templateSheetOf(session, row.sheet);
    for (const d of row.diffs) {
      const said = fromDiff(d, tsheet.columns.find((c) => c.field === d.field), dicts);
      if (said) add(row, row.sheet, d.cell, d.field, said);
    }
  }
  // The preview's words at a cell no diff says (unknown values are said once per value there: their cells are the diffs above).
  const told = new Set(items.keys());
  const unknownCells = new Set(preview.unknownValues.flatMap((v) => v.cells.map((cell) => itemKey({ sheet: v.sheet, cell }))));
  for (const p of preview.problems) {
    if (!p.cell || !p.sheet || told.has(itemKey(p)) || unknownCells.has(itemKey(p))) continue;
    const field = fieldAt(preview, p.sheet, letterOfCell(p.cell));
    const row = rowAt.get(`${p.sheet}!${rowOfCell(p.cell)}`);
    add(row, p.sheet, p.cell, field, fromProblem(p.message, p.severity, field ? templateSheetOf(session, p.sheet).columns.find((c) => c.field === field) : undefined));
  }
  return [...items.values()].sort((a, b) => sheetOrder(preview, a.sheet) - sheetOrder(preview, b.sheet) || a.sourceRow - b.sourceRow || colNumber(a.cell) - colNumber(b.cell));
}

const sheetOrder = (preview: ImportPreview, sheet: string) => {
  const i = preview.sheets.findIndex((s) => s.name === sheet);
  return i < 0 ? preview.sheets.length : i;
};

const colNumber = (cell: string) => [...letterOfCell(cell)].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The field a column letter of a sheet holds (null: a column the import does not read). */
export function fieldAt(preview: ImportPreview, sheet: string, letter: string): string | null {
  const columns = preview.sheets.find((s) => s.name === sheet)?.columns ?? (sheet === preview.sheet ? preview.columns : []);
  return columns.find((c) => c.letter === letter)?.field ?? null;
}

/** The letter of a field's column in a sheet (null: the file has no such column). */
export function letterOf(preview: ImportPreview, sheet: string, field: string): string | null {
  const columns = preview.sheets.find((s) => s.name === sheet)?.columns ?? (sheet === preview.sheet ? preview.columns : []);
  return columns.find((c) => c.field === field)?.letter ?? null;
}

/** A cell's text as the file holds it, for a cell of no row the preview shows. */
function fileText(session: ImportSession, sheet: string, cell: string): string {
  const rs = session.recognised.sheets.find((s) => s.raw.name === sheet);
  const c = colNumber(cell) - 1;
  const v = rs?.raw.rows[rowOfCell(cell) - 1]?.[c];
  return v === null || v === undefined ? '' : String(v);
}

/** The rows of the file with the keys a listed row is found again by (for the round comparison). */
export function rowKeys(session: ImportSession): { sheet: string; sourceRow: number; key: SendBackRowKey }[] {
  return session.preview.rows.map((r) => ({ sheet: r.sheet, sourceRow: r.sourceRow, key: rowKeyOf(session, r) }));
}

/** A person's own mark of a cell, as an item (or joined to the item already there). */
export function withNotes(session: ImportSession, items: SendBackItem[], notes: readonly { sheet?: string | undefined; sourceRow: number; field: string; text: string }[]): SendBackItem[] {
  const out = items.map((i) => ({ ...i }));
  const { preview } = session;
  for (const n of notes) {
    const sheet = n.sheet ?? preview.sheet;
    const letter = letterOf(preview, sheet, n.field);
    const tsheet = templateSheetOf(session, sheet);
    const col = tsheet.columns.find((c) => c.field === n.field);
    if (!letter) throw new AppError('INVALID_ARGS', `“${sheet}”中没有“${col?.header ?? n.field}”这一列，无法在其中标注，没有写出任何文件。`);
    const cell = `${letter}${n.sourceRow}`;
    const text = n.text.trim();
    const seen = out.find((i) => i.sheet === sheet && i.cell === cell);
    if (seen) {
      seen.reason = `${seen.reason}\n经办人说明：${text}`;
      seen.proposed = true;
      continue;
    }
    const row = preview.rows.find((r) => r.sheet === sheet && r.sourceRow === n.sourceRow);
    out.push({
      sheet,
      cell,
      sourceRow: n.sourceRow,
      field: n.field,
      header: col ? headerOf(col) : n.field,
      value: fileText(session, sheet, cell),
      reason: text,
      kind: 'note',
      proposed: true,
      rowLabel: row ? rowLabelOf(row) : `第 ${n.sourceRow} 行`,
      row: row ? rowKeyOf(session, row) : {},
    });
  }
  return out.sort((a, b) => sheetOrder(preview, a.sheet) - sheetOrder(preview, b.sheet) || a.sourceRow - b.sourceRow || colNumber(a.cell) - colNumber(b.cell));
}
