/**
 * What a returned export's rows were when sent: the manifest keeps each row's hash over
 * the columns as written (out of sight and reach: the hidden column beside a row can be
 * copied or overwritten with it). A hash vouches for a whole row: that the unit left it as
 * it was, or that what we take for the values as sent is right.
 */
import type { CellValue } from '../../../../shared/domain/fields.ts';
import type { TemplateColumn, TemplateSheet } from '../../../../shared/templates/types.ts';
import { hashedColumns, rowHash, sentCell, sentValue } from '../../excel/writer.ts';

export interface SentHashes {
  /** The columns the hashes cover; null when they cannot be recomputed (a file of an older template version whose columns are no longer all known). */
  columns: TemplateColumn[] | null;
  /** Each sent row's hash, by the id of the row we hold. */
  byRow: Map<number, string>;
}

export function sentHashes(tsheet: TemplateSheet, sentFields: readonly string[] | null, sent: readonly { uid: string; hash: string }[], rowIdOf: (uid: string) => number | undefined): SentHashes {
  const written = (sentFields ?? []).map((f) => tsheet.columns.find((c) => c.field === f));
  const known = sentFields !== null && written.every((c) => c !== undefined);
  const byRow = new Map<number, string>();
  for (const s of sent) {
    const id = rowIdOf(s.uid);
    if (id !== undefined) byRow.set(id, s.hash);
  }
  return { columns: known ? hashedColumns(written as TemplateColumn[]) : null, byRow };
}

/** Whether a row's values, as the file holds them (a cell not readable as its text, as a red value goes out), hash to what was sent. */
export function returnedAsSent(h: SentHashes, rowId: number, value: (field: string) => CellValue | undefined, unreadText: (field: string) => string | null): boolean {
  return h.columns !== null && rowHash(h.columns.map((c) => sentCell(c, value(c.field), unreadText(c.field)))) === h.byRow.get(rowId);
}

/** Whether the values we take for a row as sent (held now, or the audit's older values) hash to what was sent. */
export function vouchedAsSent(h: SentHashes, rowId: number, sentOf: (field: string) => CellValue): boolean {
  return h.columns !== null && rowHash(h.columns.map((c) => sentValue(c, sentOf(c.field)))) === h.byRow.get(rowId);
}
