/**
 * Which held record each row of a returned sheet is. Pure.
 *
 * - By the stable id in the hidden column. A row copied whole to add one carries its
 *   original's id: of rows sharing an id, the one returned as sent keeps it (else the one
 *   whose key cells still name the original); the others are rows without an id.
 * - A row without a usable id, by its key cells (a work record by 联系领导 + 联系党支部 + 日期),
 *   only where that is safe: one row of the file and one held row not taken by another.
 * - Else it is a new record. A key naming several held records, or held by one and written
 *   by several rows, is an error: which one is meant cannot be told.
 */

/** What matching needs of a held row. */
export interface Matchable {
  id: number;
  uid: string;
  deleted: boolean;
  /** Its key as the file would write it (see binding.keyOf); null when a key cell is empty. */
  key: string | null;
}

/** What matching needs of a file row. */
export interface RowToMatch {
  sourceRow: number;
  id: string;
  key: string | null;
}

export type Matched<H> =
  | { kind: 'held'; held: H; by: 'id' | 'key'; note?: string }
  | { kind: 'deleted'; held: H }
  | { kind: 'new'; note?: string }
  | { kind: 'error'; message: string };

export function matchRows<R extends RowToMatch, H extends Matchable>(
  rows: readonly R[],
  held: { byUid: ReadonlyMap<string, H>; live: readonly H[] },
  asSent: (row: R, held: H) => boolean,
  noun: string,
): Matched<H>[] {
  const out: (Matched<H> | undefined)[] = rows.map(() => undefined);
  const taken = new Set<number>();
  const notes = new Map<number, string>();

  // By id: one row per id; rows sharing one, the returned-as-sent (else same-key) row keeps it.
  const byId = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.id) byId.set(r.id, [...(byId.get(r.id) ?? []), i]);
  });
  for (const [uid, indexes] of byId) {
    const h = held.byUid.get(uid);
    if (!h) {
      for (const i of indexes) notes.set(i, `隐藏的行标识在本机找不到，按${noun}的内容匹配`);
      continue;
    }
    let keeper = indexes.length === 1 ? indexes[0] : indexes.find((i) => asSent(rows[i]!, h));
    if (keeper === undefined) {
      const sameKey = indexes.filter((i) => rows[i]!.key !== null && rows[i]!.key === h.key);
      if (sameKey.length === 1) keeper = sameKey[0];
    }
    for (const i of indexes) {
      if (i === keeper) continue;
      const others = indexes.filter((j) => j !== i).map((j) => rows[j]!.sourceRow);
      if (keeper === undefined) {
        out[i] = { kind: 'error', message: `与第 ${others.join('、')} 行的隐藏行标识相同（可能整行复制后改写），无法确定哪一行是原来的${noun}。请删去多余的行，或把新增的${noun}填在表格末尾的空行中` };
      } else notes.set(i, `与第 ${rows[keeper]!.sourceRow} 行的隐藏行标识相同（整行复制后改写），按新增的${noun}核对`);
    }
    if (keeper === undefined) continue;
    if (h.deleted) out[keeper] = { kind: 'deleted', held: h };
    else {
      out[keeper] = { kind: 'held', held: h, by: 'id' };
      taken.add(h.id);
    }
  }

  // By key: the rest, where one file row and one free held row share it.
  const rest = rows.map((r, i) => i).filter((i) => out[i] === undefined);
  const fileCount = new Map<string, number>();
  for (const i of rest) {
    const k = rows[i]!.key;
    if (k !== null) fileCount.set(k, (fileCount.get(k) ?? 0) + 1);
  }
  const liveByKey = new Map<string, H[]>();
  for (const h of held.live) if (h.key !== null && !taken.has(h.id)) liveByKey.set(h.key, [...(liveByKey.get(h.key) ?? []), h]);
  for (const i of rest) {
    const k = rows[i]!.key;
    const note = notes.get(i);
    const candidates = k === null ? [] : (liveByKey.get(k) ?? []);
    if (candidates.length === 0) out[i] = { kind: 'new', ...(note ? { note } : {}) };
    else if (candidates.length === 1 && fileCount.get(k!) === 1) {
      out[i] = { kind: 'held', held: candidates[0]!, by: 'key', ...(note ? { note } : {}) };
      taken.add(candidates[0]!.id);
    } else {
      out[i] = {
        kind: 'error',
        message:
          candidates.length > 1
            ? `本机有 ${candidates.length} 条内容相同的${noun}，无法确定是哪一条`
            : `文件中有 ${fileCount.get(k!)} 行与本机同一条${noun}的内容相同，无法确定是哪一行`,
      };
    }
  }
  return out as Matched<H>[];
}
