/**
 * Each cell of a matched row judged three ways: what the file says now, what we hold
 * now, and (for a returned export of ours) what was sent. A unit's change is told from
 * ours, a cell both sides changed differently is a conflict for a person to decide, and
 * nothing the unit left alone overwrites what we changed since. Pure, and the same for
 * any table: a cell is a value, a column says only whether the file may change it.
 *
 * | file vs sent | held vs sent | judgement |
 * | same         | changed here | kept (ours stands) |
 * | changed      | same         | change (the unit's) |
 * | changed      | changed      | conflict |
 * (file and held the same: unchanged, whoever changed it.)
 */
import type { ImportCellDiff } from '../../../../shared/contract/types.ts';
import type { CellValue } from '../../../../shared/domain/fields.ts';
import type { FileColumn, FileRow } from './read.ts';

/** What the file says of a cell: its value as read, or (not readable) its text and why. */
export type FileCell = { ok: true; value: CellValue } | { ok: false; text: CellValue; message: string };

/** What we hold: a value, or the text of a value kept but not understood (red in the grid). */
export interface HeldCell {
  value: CellValue;
  red: boolean;
}

/**
 * The value as it was sent, when known: recovered from the audit log for a cell changed
 * here since the export, or (not changed here) what we hold, when the row's hash vouches for it.
 */
export interface SentCell {
  value: CellValue;
  changedHere: boolean;
}

/**
 * How the file may touch a column: `write` (its value may change ours), `locked` (never
 * written, a text other than ours is said: 联系领导, 旗县区, 苏木乡镇 of the ledger), `read`
 * (read, not compared: what identifies the row). `sameLocked` says whether a locked
 * column's text is ours written another way.
 */
export interface JudgedColumn extends FileColumn {
  access: 'write' | 'locked' | 'read';
  sameLocked?: (file: CellValue, held: CellValue) => boolean;
}

export type Judgement =
  /** Nothing to apply. `shown`: a cell not readable, returned as we hold it, is shown as its text (a blank would look erased). */
  | { status: 'unchanged'; shown?: string }
  | { status: 'change' | 'conflict'; sent: CellValue | undefined }
  /** The file still holds the value as sent, changed here since: ours stands. */
  | { status: 'kept'; sent: CellValue; shown?: string }
  /** Not readable: written only if a person accepts the row (as typed, marked red). */
  | { status: 'error' }
  /** A locked column holding another text than ours: said, never written. */
  | { status: 'typedOver' };

export const same = (a: CellValue | undefined, b: CellValue | undefined): boolean => (a ?? null) === (b ?? null);

/** A cell's text as a person wrote it, the same in the file as kept here (a value not understood is kept trimmed). */
export const sameText = (a: CellValue | undefined, b: CellValue | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && String(a).trim() === String(b).trim();

/** One cell. `sent` is undefined when the file is not an export of ours (or the value as sent is not known): a two-way comparison. */
export function judgeCell(column: Pick<JudgedColumn, 'access' | 'sameLocked'>, file: FileCell, held: HeldCell, sent: SentCell | undefined): Judgement {
  if (!file.ok) {
    // A value kept here but not understood, returned as it was written: the unit did not touch it.
    if (held.red && sameText(file.text, held.value)) return { status: 'unchanged', shown: String(file.text) };
    // Returned as it was sent, though changed here since: the unit left it, ours stands.
    if (sent?.changedHere && sameText(file.text, sent.value)) return { status: 'kept', sent: sent.value, shown: String(file.text) };
    return { status: 'error' };
  }
  if (column.access === 'locked') {
    const typed = file.value !== null && file.value !== held.value && String(file.value).trim() !== '' && !(column.sameLocked?.(file.value, held.value) ?? false);
    return typed ? { status: 'typedOver' } : { status: 'unchanged' };
  }
  if (column.access === 'read') return { status: 'unchanged' };
  if (same(file.value, held.value) && !held.red) return { status: 'unchanged' };
  if (sent === undefined) return { status: 'change', sent: undefined };
  if (same(file.value, sent.value)) return sent.changedHere ? { status: 'kept', sent: sent.value } : { status: 'change', sent: sent.value };
  return { status: same(held.value, sent.value) ? 'change' : 'conflict', sent: sent.value };
}

export interface JudgedRow {
  /** Cells not readable first (as the file shows them), then the cells that change, in column order. */
  diffs: ImportCellDiff[];
  /** Values to show instead of the reading: the text of a cell not readable that is judged unchanged or kept. */
  shown: Record<string, string>;
  /** Locked columns whose text differs from ours. */
  typedOver: string[];
}

/**
 * A matched row, cell by cell. `sentOf` gives the value as sent (null: a two-way
 * comparison); it is asked only of cells the file and we hold differently.
 */
export function judgeRow(
  columns: readonly JudgedColumn[],
  row: FileRow,
  heldOf: (field: string) => HeldCell,
  sentOf: ((field: string) => SentCell | undefined) | null,
  cellOf: (sourceRow: number, field: string) => string,
): JudgedRow {
  const out: JudgedRow = { diffs: [], shown: {}, typedOver: [] };
  const three = sentOf !== null;
  for (const u of row.unread) {
    const held = heldOf(u.field);
    const j = judgeCell({ access: 'write' }, { ok: false, text: u.text, message: u.message }, held, sentOf?.(u.field));
    if (j.status === 'unchanged' || j.status === 'kept') out.shown[u.field] = j.shown!;
    if (j.status === 'unchanged') continue;
    const sent = j.status === 'kept' ? j.sent : undefined;
    out.diffs.push({ field: u.field, cell: cellOf(row.sourceRow, u.field), status: j.status === 'kept' ? 'kept' : 'error', raw: u.text, value: null, current: held.value, sent, message: u.message });
  }
  const unread = new Set(row.unread.map((u) => u.field));
  for (const column of columns) {
    if (column.access === 'read' || unread.has(column.field)) continue;
    const held = heldOf(column.field);
    const file: FileCell = { ok: true, value: row.values[column.field] ?? null };
    // The value as sent is looked for only where it can matter (it costs an audit lookup and a row hash).
    const asked = three && column.access === 'write' && (held.red || !same(file.value, held.value));
    const j = judgeCell(column, file, held, asked ? sentOf(column.field) : undefined);
    if (j.status === 'typedOver') out.typedOver.push(column.field);
    if (j.status !== 'change' && j.status !== 'conflict' && j.status !== 'kept') continue;
    out.diffs.push({ field: column.field, cell: cellOf(row.sourceRow, column.field), status: j.status, raw: row.cells[column.index] ?? null, value: file.value, current: held.value, sent: j.sent });
  }
  return out;
}

/**
 * A file without our manifest knows nothing of what was sent, so a cell it holds differently
 * is a change (two ways). But where the file was made before our value was changed here (its
 * 填报日期, else its saved time), taking it would quietly revert the newer value: such a change
 * is a conflict, with both dates, for a person to decide. `changedAt`: when a field of the row
 * was last changed here after the file was made (undefined: not since).
 */
export function olderFile(diffs: ImportCellDiff[], changedAt: (field: string) => string | undefined, made: { shown: string; by: 'filled' | 'saved' }): void {
  for (const d of diffs) {
    if (d.status !== 'change') continue;
    const at = changedAt(d.field);
    if (at === undefined) continue;
    d.status = 'conflict';
    d.dates = { held: at, file: made.shown, fileBy: made.by };
  }
}
