/**
 * 退回修改: a returned file's problem cells, marked in an annotated copy sent down again, and
 * the next return compared with what was sent back (已改正 / 仍有 / 新发现). The types the core
 * and the import preview share, and the one pure comparison of two rounds.
 */

/** Why a cell is listed: a value not read, a value not in the dictionary, both sides changed it, the unit emptied it, a word of the preview, a person's own note. */
export type SendBackKind = 'error' | 'unknown' | 'conflict' | 'cleared' | 'warning' | 'note';

export const sendBackKindLabels: Record<SendBackKind, string> = {
  error: '无法识别',
  unknown: '不在选项中',
  conflict: '与本级修改不一致',
  cleared: '被清空',
  warning: '请核对',
  note: '经办人标注',
};

/** How a row is found again in the next return: its hidden id, the row held here it matched, its name; else its place. */
export interface SendBackRowKey {
  uid?: string;
  ledgerId?: number;
  recordId?: number;
  name?: string;
}

/** One problem cell of a returned file, as the annotated copy marks it and the send-back's event keeps it. */
export interface SendBackItem {
  sheet: string;
  /** A1 address in the file. */
  cell: string;
  /** Excel row number. */
  sourceRow: number;
  field: string | null;
  /** The column's header (栏目). */
  header: string;
  /** The cell as the file shows it (填报值). */
  value: string;
  /** What is wrong and what is expected, in the words of the unit that fills the file (问题说明). */
  reason: string;
  kind: SendBackKind;
  /** Marked unless a person unticks it: values that cannot go in (errors, unknown values, conflicts); a word or an emptied cell is offered unticked. */
  proposed: boolean;
  /** The row as a person names it (党组织名称, 联系点…). */
  rowLabel: string;
  row: SendBackRowKey;
}

/** A problem sent back last time, and where it is in the new return (null: its row is gone). */
export interface RoundEntry {
  item: SendBackItem;
  now: { sheet: string; cell: string; sourceRow: number } | null;
}

export interface RoundComparison {
  /** This return's round: the round sent back, plus one. */
  round: number;
  sentBackAt: string;
  sentBackBy: string;
  reason: string | null;
  listed: number;
  fixed: RoundEntry[];
  remaining: RoundEntry[];
  /** Listed cells whose row the new return no longer has. */
  gone: RoundEntry[];
  /** Problems of the new return that were not in the list. */
  added: SendBackItem[];
  /** The annotated copy came back as it was sent: nothing was corrected. */
  unchangedCopy: boolean;
}

export interface RoundCheckResult {
  /** What a send-back of this file would mark, in the file's order. */
  items: SendBackItem[];
  /** The comparison with the last send-back of this return (null: not sent back before, or not a return we track). */
  comparison: RoundComparison | null;
}

export interface SendBackResult {
  /** The annotated copy. */
  path: string;
  fileName: string;
  marked: number;
  /** The return as it now stands on the board (null: a file without our manifest, no board state changed). */
  board: { state: string; round: number } | null;
  /** What happened, in Chinese, to show as it is. */
  message: string;
}

/** The key a cell is listed by: `sheet!A1`. */
export const itemKey = (i: Pick<SendBackItem, 'sheet' | 'cell'>): string => `${i.sheet}!${i.cell}`;

type KeyedRow = { sheet: string; sourceRow: number; key: SendBackRowKey };

/** The new return's rows by each key a listed row may be found by, per sheet: a listing of thousands is not a scan of thousands. */
function rowIndex<R extends KeyedRow>(rows: readonly R[]): (listed: SendBackItem) => R | undefined {
  const by = { uid: new Map<string, R>(), ledgerId: new Map<string, R>(), recordId: new Map<string, R>(), name: new Map<string, R>(), place: new Map<string, R>() };
  const put = (m: Map<string, R>, k: string, r: R) => {
    if (!m.has(k)) m.set(k, r);
  };
  for (const r of rows) {
    if (r.key.uid) put(by.uid, `${r.sheet}\u0000${r.key.uid}`, r);
    if (r.key.ledgerId !== undefined) put(by.ledgerId, `${r.sheet}\u0000${r.key.ledgerId}`, r);
    if (r.key.recordId !== undefined) put(by.recordId, `${r.sheet}\u0000${r.key.recordId}`, r);
    if (r.key.name) put(by.name, `${r.sheet}\u0000${r.key.name}`, r);
    put(by.place, `${r.sheet}\u0000${r.sourceRow}`, r);
  }
  // By its hidden id, its match, its name; a row that had none of them, by its place.
  return (listed) => {
    const k = listed.row;
    const at = (v: string | number) => `${listed.sheet}\u0000${v}`;
    const hit =
      (k.uid ? by.uid.get(at(k.uid)) : undefined) ??
      (k.ledgerId !== undefined ? by.ledgerId.get(at(k.ledgerId)) : undefined) ??
      (k.recordId !== undefined ? by.recordId.get(at(k.recordId)) : undefined) ??
      (k.name ? by.name.get(at(k.name)) : undefined);
    if (hit || k.uid || k.name || k.ledgerId !== undefined || k.recordId !== undefined) return hit;
    return by.place.get(at(listed.sourceRow));
  };
}

/**
 * The problems sent back compared with the new return: each listed cell is fixed (its row is
 * there and the cell reads without a problem), still there, or its row is gone; the new
 * return's problems that match none of them are new. Pure: the new file's rows (each with its
 * key) and its problems in, the counts the banner shows out.
 */
export function compareRounds(
  listed: readonly SendBackItem[],
  now: { rows: readonly { sheet: string; sourceRow: number; key: SendBackRowKey }[]; items: readonly SendBackItem[] },
): Pick<RoundComparison, 'fixed' | 'remaining' | 'gone' | 'added'> {
  const out: Pick<RoundComparison, 'fixed' | 'remaining' | 'gone' | 'added'> = { fixed: [], remaining: [], gone: [], added: [] };
  const claimed = new Set<SendBackItem>();
  // Only what would be marked counts as a problem still there: a word the person chose not to send does not.
  const problems = now.items.filter((i) => i.proposed);
  const problemAt = new Map<string, SendBackItem>();
  for (const p of problems) if (!problemAt.has(`${p.sheet}\u0000${p.sourceRow}\u0000${p.field}`)) problemAt.set(`${p.sheet}\u0000${p.sourceRow}\u0000${p.field}`, p);
  const findRow = rowIndex(now.rows);
  for (const item of listed) {
    const row = findRow(item);
    if (!row) {
      out.gone.push({ item, now: null });
      continue;
    }
    const still = problemAt.get(`${row.sheet}\u0000${row.sourceRow}\u0000${item.field}`);
    const at = still ? { sheet: still.sheet, cell: still.cell, sourceRow: still.sourceRow } : { sheet: row.sheet, cell: item.cell.replace(/\d+$/, String(row.sourceRow)), sourceRow: row.sourceRow };
    if (still) {
      claimed.add(still);
      out.remaining.push({ item, now: at });
    } else out.fixed.push({ item, now: at });
  }
  out.added = problems.filter((p) => !claimed.has(p));
  return out;
}

/** The banner's line: 第 2 轮报送：上次退回 5 处，已改正 4 处，仍有 1 处；新发现 1 处. */
export function roundSummary(c: Pick<RoundComparison, 'round' | 'listed' | 'fixed' | 'remaining' | 'gone' | 'added' | 'unchangedCopy'>): string {
  if (c.unchangedCopy) return `第 ${c.round} 轮报送：这是上次退回的批注副本，未作任何修改（上次退回 ${c.listed} 处）`;
  const gone = c.gone.length ? `，所在行已删除 ${c.gone.length} 处` : '';
  return `第 ${c.round} 轮报送：上次退回 ${c.listed} 处，已改正 ${c.fixed.length} 处，仍有 ${c.remaining.length} 处${gone}；新发现 ${c.added.length} 处`;
}
