/**
 * One cell of a returned record judged three ways, as the ledger's are (docs/import.md):
 * what the file says, what we hold now, and what was sent. Pure.
 *
 * | file vs sent | held vs sent | judgement |
 * | same         | changed here | kept (ours stands) |
 * | changed      | same         | change (the unit's) |
 * | changed      | changed      | conflict (never overwritten unless a person takes it) |
 * A file and a holding that agree are unchanged, whoever changed what. Without the value as
 * sent (a file not exported here), the comparison is two-way: any difference is a change.
 *
 * (services/import is being split into generic stages; when its per-cell judgement lands,
 * this file gives way to it.)
 */
import type { CellValue } from '../../../../../shared/domain/fields.ts';
import { nameKey } from './binding.ts';

/** What the file says of a cell: its value, or (not readable) its text and why. */
export type FileCell = { ok: true; value: CellValue } | { ok: false; text: CellValue; message: string };

/** What we hold: a value, or the text of a value kept but not understood (red in the grid). */
export interface HeldCell {
  value: CellValue;
  red: boolean;
}

/** The value as sent: from the audit when the cell was changed here since the export, else what we hold. */
export interface SentCell {
  value: CellValue;
  changedHere: boolean;
}

export type Judgement =
  | { status: 'unchanged'; shown?: string }
  | { status: 'change' | 'conflict'; sent: CellValue | undefined }
  | { status: 'kept'; sent: CellValue; shown?: string }
  | { status: 'error' };

const same = (a: CellValue | undefined, b: CellValue | undefined) => (a ?? null) === (b ?? null);
/** The same text in the file as kept here (a value kept but not understood is kept trimmed). */
const sameText = (a: CellValue | undefined, b: CellValue | undefined) => a !== null && a !== undefined && b !== null && b !== undefined && String(a).trim() === String(b).trim();

/** `shown`: the text to show for a cell not readable that is judged unchanged or kept (a blank would look erased). */
export function judgeCell(file: FileCell, held: HeldCell, sent: SentCell | undefined): Judgement {
  if (!file.ok) {
    // A value kept here but not understood, returned as it was written: the unit did not touch it.
    if (held.red && sameText(file.text, held.value)) return { status: 'unchanged', shown: String(file.text) };
    // Returned as it was sent, though changed here since: the unit left it, ours stands.
    if (sent?.changedHere && sameText(file.text, sent.value)) return { status: 'kept', sent: sent.value, shown: String(file.text) };
    return { status: 'error' };
  }
  if (same(file.value, held.value) && !held.red) return { status: 'unchanged' };
  if (sent === undefined) return { status: 'change', sent: undefined };
  if (same(file.value, sent.value)) return sent.changedHere ? { status: 'kept', sent: sent.value } : { status: 'change', sent: sent.value };
  return { status: same(held.value, sent.value) ? 'change' : 'conflict', sent: sent.value };
}

/**
 * Whether the file holds another text than ours in a column it cannot change (联系领导's 职务,
 * 支部等次, the counters, the names a row is known by): an empty cell is not a text typed over.
 */
export function typedOver(file: FileCell, held: CellValue): boolean {
  const text = file.ok ? file.value : file.text;
  if (text === null || text === undefined || String(text).trim() === '') return false;
  if (file.ok && same(file.value, held)) return false;
  return nameKey(text) !== nameKey(held);
}
