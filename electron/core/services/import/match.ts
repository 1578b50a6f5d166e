/**
 * Each row of a file matched to a row we hold: by the stable id a returned export carries
 * for it, else by its natural key (a branch: its township and name), else by a near key a
 * person confirms. A row listed twice in the file takes nothing the first did not. Pure,
 * and the same for any table: what an id names and which held rows a key may name are
 * given by the table (`MatchRules`), over data read before.
 */

/** What an id names: a held row that can be matched, one deleted here, or one of another period (or closed). */
export type IdHit<H> = { state: 'live'; held: H } | { state: 'deleted'; rowId: number } | { state: 'elsewhere' };

export interface MatchRules<R, H> {
  /** Whether the row names anything to be matched by (a branch's name): a row without cannot be imported. */
  hasKey(row: R): boolean;
  byId(id: string): IdHit<H> | undefined;
  /** The held rows the row's natural key may name (a township's rows; those of the row's name). */
  pool(row: R): readonly H[];
  sameKey(held: H, row: R): boolean;
  /** A key written another way that a person may confirm as the same row. */
  near(held: H, row: R): boolean;
  rowId(held: H): number;
  /** What tells a row apart from the file's other rows: its key as the file writes it, completed by the held row's once matched. */
  keyOf(row: R, held: H | undefined): string;
}

export type MatchOutcome<H> =
  | { kind: 'noKey' }
  /** Listed before, in the row `of`: not matched again (`tentative`: what it would have been matched to). */
  | { kind: 'twice'; of: number; tentative: { held: H; by: 'id' | 'name' | 'fuzzy' } | null }
  /** Its id names a row deleted here. */
  | { kind: 'deleted'; rowId: number }
  /** Its key names `count` held rows, none taken: which one is not known. */
  | { kind: 'ambiguous'; count: number }
  | { kind: 'matched'; held: H; by: 'id' | 'name' | 'fuzzy' }
  /** Nothing held: a row the file adds, unless its key is near one another row of the file took (`nearTaken`, the same row written twice). */
  | { kind: 'new'; nearTaken: { held: H; sourceRow: number } | null };

export interface RowMatch<H> {
  outcome: MatchOutcome<H>;
  /** Other rows of the file carrying the same id (a row copied whole): the id identifies none of them, each is matched by its key. */
  sharedId: readonly number[];
  /** Its id named a held row that could not be taken (of another period, closed, or taken by another row): matched by its key instead. */
  idUnused: boolean;
  /** Whether its key was looked for among the held rows (`pool`). */
  byKey: boolean;
}

/** No other rows (shared by every row that has none: 100,000 rows made 100,000 empty lists). */
const NONE: readonly number[] = [];

/** A row's match, with the other rows that carry its id. Not a closure made for each row: a year is 100,000 of them. */
function rowMatch<H>(outcome: MatchOutcome<H>, row: { sourceRow: number }, sharers: readonly number[], idUnused = false, byKey = false): RowMatch<H> {
  return { outcome, sharedId: sharers.length > 1 ? sharers.filter((n) => n !== row.sourceRow) : NONE, idUnused, byKey };
}

/** The rows of a file matched in order: a held row is taken by the first row that matches it. */
export function matchRows<R extends { sourceRow: number; id: string }, H>(rows: readonly R[], rules: MatchRules<R, H>): RowMatch<H>[] {
  // The rows carrying each id: the one row's number, a list only for an id carried more than once
  // (a year's 100,000 ids are nearly all carried once: a list for each was 100,000 lists).
  const withId = new Map<string, number | number[]>();
  for (const r of rows) {
    if (!r.id) continue;
    const had = withId.get(r.id);
    if (had === undefined) withId.set(r.id, r.sourceRow);
    else if (typeof had === 'number') withId.set(r.id, [had, r.sourceRow]);
    else had.push(r.sourceRow);
  }
  /** Keys seen, and the row that listed each first; held rows matched by id, by their row id. */
  const seen = new Map<string, number>();
  const seenById = new Map<number, number>();
  /** Held rows taken, and the row of the file that took each. */
  const taken = new Map<number, number>();
  const free = (h: H) => !taken.has(rules.rowId(h));

  return rows.map((row): RowMatch<H> => {
    const carried = row.id ? withId.get(row.id) : undefined;
    const sharers = typeof carried === 'object' ? carried : NONE;
    if (!rules.hasKey(row)) return rowMatch({ kind: 'noKey' }, row, sharers);
    // A row listed twice is caught before matching: the second would find its row taken and pass for a new one.
    const early = rules.keyOf(row, undefined);
    const id = typeof carried === 'number' ? row.id : '';
    const earlier = id ? undefined : seen.get(early);
    if (earlier !== undefined) return rowMatch({ kind: 'twice', of: earlier, tentative: null }, row, sharers);

    let held: H | undefined;
    let by: 'id' | 'name' | 'fuzzy' | undefined;
    let idUnused = false;
    const hit = id ? rules.byId(id) : undefined;
    if (hit?.state === 'live' && free(hit.held)) {
      held = hit.held;
      by = 'id';
    }
    else if (hit?.state === 'deleted') {
      seen.set(early, row.sourceRow);
      return rowMatch({ kind: 'deleted', rowId: hit.rowId }, row, sharers);
    } else if (hit) idUnused = true;

    let pool: readonly H[] = [];
    if (!held) {
      pool = rules.pool(row);
      const exact = pool.filter((h) => free(h) && rules.sameKey(h, row));
      if (exact.length > 1) return rowMatch({ kind: 'ambiguous', count: exact.length }, row, sharers, idUnused, true);
      if (exact.length === 1) [held, by] = [exact[0]!, 'name'];
      else {
        const near = pool.filter((h) => free(h) && rules.near(h, row));
        if (near.length === 1) [held, by] = [near[0]!, 'fuzzy'];
      }
    }
    const byKey = by !== 'id';
    // The same row twice in one file, now that both are matched: by the held row's id when matched by id, else by the key.
    const key = by === 'id' ? null : rules.keyOf(row, held);
    const first = key === null ? seenById.get(rules.rowId(held!)) : seen.get(key);
    if (first !== undefined) return rowMatch({ kind: 'twice', of: first, tentative: held ? { held, by: by! } : null }, row, sharers, idUnused, byKey);
    if (key === null) seenById.set(rules.rowId(held!), row.sourceRow);
    else seen.set(key, row.sourceRow);
    // Also for a row matched by id: a copy of it without the hidden id is then caught as listed twice.
    seen.set(early, row.sourceRow);
    if (!held) {
      const twin = pool.find((h) => !free(h) && rules.near(h, row));
      return rowMatch({ kind: 'new', nearTaken: twin ? { held: twin, sourceRow: taken.get(rules.rowId(twin))! } : null }, row, sharers, idUnused, byKey);
    }
    taken.set(rules.rowId(held), row.sourceRow);
    return rowMatch({ kind: 'matched', held, by: by! }, row, sharers, idUnused, byKey);
  });
}
