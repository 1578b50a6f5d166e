/**
 * Row matching (match.ts): a file's rows to the rows we hold, by the stable id a returned
 * export carries, else by the natural key, else by a near key to confirm. First on a table
 * of its own (a problem list keyed by unit and description) to show the stage knows no
 * ledger; then with the ledger's rules (a branch by its township and name).
 */
import { describe, expect, it } from 'vitest';
import { matchRows, type MatchRules } from '../../electron/core/services/import/match.ts';
import { ledgerRules } from '../../electron/core/services/import/ledger.ts';
import { held, heldRow, fileRows } from '../helpers/importStages.ts';

/** A problem as held, and a row of a returned problem list. */
interface Problem {
  id: number;
  uid: string;
  unit: string;
  description: string;
  deleted?: boolean;
}
interface Row {
  sourceRow: number;
  id: string;
  unit: string;
  description: string;
}

const problems: Problem[] = [
  { id: 1, uid: 'p-1', unit: '东村', description: '党员活动室不达标' },
  { id: 2, uid: 'p-2', unit: '东村', description: '三会一课记录不全' },
  { id: 3, uid: 'p-3', unit: '西村', description: '党员活动室不达标' },
  { id: 4, uid: 'p-4', unit: '西村', description: '换届逾期', deleted: true },
];
/** Descriptions written another way: 记录不全 and 记录不完整 say the same. */
const core = (d: string) => d.replace(/(不全|不完整)$/, '');
const rulesFor = (held: Problem[]): MatchRules<Row, Problem> => ({
  hasKey: (r) => r.description !== '',
  byId: (uid) => {
    const p = held.find((x) => x.uid === uid);
    if (!p) return uid === 'p-2025' ? { state: 'elsewhere' } : undefined;
    return p.deleted ? { state: 'deleted', rowId: p.id } : { state: 'live', held: p };
  },
  pool: (r) => held.filter((p) => !p.deleted && p.unit === r.unit),
  sameKey: (p, r) => p.description === r.description,
  near: (p, r) => p.description !== r.description && core(p.description) === core(r.description),
  rowId: (p) => p.id,
  keyOf: (r) => `${r.unit}|${r.description}`,
});
const rules = rulesFor(problems);
const rows = (...list: [string, string, string][]): Row[] => list.map(([id, unit, description], i) => ({ sourceRow: i + 5, id, unit, description }));
const outcomes = (list: Row[]) => matchRows(list, rules).map((m) => m.outcome);

describe('row matching on any table', () => {
  it('matches by the id the file carries, whatever its key now says', () => {
    const [m] = matchRows(rows(['p-1', '西村', '活动室已整改']), rules);
    expect(m).toEqual({ outcome: { kind: 'matched', held: problems[0], by: 'id' }, sharedId: [], idUnused: false, byKey: false });
  });

  it('matches a row without an id, or with an id nothing holds, by its key', () => {
    expect(outcomes(rows(['', '东村', '三会一课记录不全'], ['x-9', '西村', '党员活动室不达标']))).toEqual([
      { kind: 'matched', held: problems[1], by: 'name' },
      { kind: 'matched', held: problems[2], by: 'name' },
    ]);
  });

  it('matches by key, and says so, a row whose id names a row of another period', () => {
    const [m] = matchRows(rows(['p-2025', '东村', '党员活动室不达标']), rules);
    expect(m).toMatchObject({ outcome: { kind: 'matched', held: problems[0], by: 'name' }, idUnused: true, byKey: true });
  });

  it('takes an id found twice (a row copied whole) for neither row, and matches both by key', () => {
    const ms = matchRows(rows(['p-1', '东村', '党员活动室不达标'], ['p-1', '东村', '三会一课记录不全']), rules);
    expect(ms.map((m) => [m.outcome, m.sharedId])).toEqual([
      [{ kind: 'matched', held: problems[0], by: 'name' }, [6]],
      [{ kind: 'matched', held: problems[1], by: 'name' }, [5]],
    ]);
  });

  it('does not match a row listed twice again: before matching, and after (a copy of a row matched by id)', () => {
    expect(outcomes(rows(['', '东村', '党员活动室不达标'], ['', '东村', '党员活动室不达标']))[1]).toEqual({ kind: 'twice', of: 5, tentative: null });
    expect(outcomes(rows(['p-1', '东村', '党员活动室不达标'], ['', '东村', '党员活动室不达标']))[1]).toEqual({ kind: 'twice', of: 5, tentative: null });
    // A near key written twice: the second would have taken the first's row.
    expect(outcomes(rows(['', '东村', '三会一课记录不完整'], ['', '东村', '三会一课记录不完整']))[1]).toMatchObject({ kind: 'twice', of: 5 });
  });

  it('offers a near key to confirm, and knows a key that names more than one row is not enough', () => {
    expect(outcomes(rows(['', '东村', '三会一课记录不完整']))).toEqual([{ kind: 'matched', held: problems[1], by: 'fuzzy' }]);
    const twice = [...problems, { ...problems[0]!, id: 9, uid: 'p-9' }];
    expect(matchRows(rows(['', '东村', '党员活动室不达标']), rulesFor(twice)).map((m) => m.outcome)).toEqual([{ kind: 'ambiguous', count: 2 }]);
    // Two near keys: neither is offered.
    const near = [...problems, { id: 6, uid: 'p-6', unit: '东村', description: '三会一课记录不完整' }];
    expect(matchRows(rows(['', '东村', '三会一课记录']), rulesFor(near)).map((m) => m.outcome)).toEqual([{ kind: 'new', nearTaken: null }]);
  });

  it('catches a row listed again before it takes another row by a near key, and an id whose row another row took', () => {
    const near = [...problems, { id: 6, uid: 'p-6', unit: '东村', description: '三会一课记录不完整' }];
    const listed = matchRows(rows(['', '东村', '三会一课记录不全'], ['', '东村', '三会一课记录不全']), rulesFor(near));
    expect(listed.map((m) => m.outcome)).toEqual([{ kind: 'matched', held: problems[1], by: 'name' }, { kind: 'twice', of: 5, tentative: null }]);
    const taken = matchRows(rows(['', '东村', '党员活动室不达标'], ['p-1', '东村', '党员活动室不达标']), rules);
    expect(taken[1]).toEqual({ outcome: { kind: 'twice', of: 5, tentative: null }, sharedId: [], idUnused: true, byKey: true });
  });

  it('adds what nothing holds; a near key of a row another row took is the same row written twice; an id of a deleted row is said', () => {
    expect(outcomes(rows(['', '东村', '软弱涣散']))).toEqual([{ kind: 'new', nearTaken: null }]);
    expect(outcomes(rows(['p-2', '东村', '三会一课记录不全'], ['', '东村', '三会一课记录不完整']))[1]).toEqual({ kind: 'new', nearTaken: { held: problems[1], sourceRow: 5 } });
    expect(outcomes(rows(['p-4', '西村', '换届逾期']))).toEqual([{ kind: 'deleted', rowId: 4 }]);
    expect(outcomes(rows(['', '东村', '']))).toEqual([{ kind: 'noKey' }]);
  });
});

describe('row matching of the branch ledger', () => {
  const east = heldRow({ id: 1, name: '东村党支部' });
  const west = heldRow({ id: 2, name: '西村党支部' });
  const other = heldRow({ id: 3, name: '东村党支部', township: '同兴镇', townshipId: 11 });
  const match = (file: Parameters<typeof fileRows>[0], more: Parameters<typeof held>[1] = {}) => matchRows(fileRows(file), ledgerRules(held([east, west, other], more))).map((m) => m.outcome);

  it('matches by id a branch renamed in the file, and by township and name a row without id', () => {
    expect(match([{ id: 'u1', township: '经棚镇', name: '东村第一党支部' }, { township: '同兴镇', name: '东村党支部' }], { uids: { u1: { id: 1 } } })).toEqual([
      { kind: 'matched', held: east, by: 'id' },
      { kind: 'matched', held: other, by: 'name' },
    ]);
  });

  it('reads a township as offices write it, and a name without its spaces; a near name is offered, not taken', () => {
    expect(match([{ township: '经棚镇党委', name: '西村 党支部' }, { township: '经棚镇', name: '东村支部' }])).toEqual([
      { kind: 'matched', held: west, by: 'name' },
      { kind: 'matched', held: east, by: 'fuzzy' },
    ]);
  });

  it('adds a branch nothing holds; a branch twice in a township is listed twice, the same name in another township is another branch', () => {
    expect(match([{ township: '经棚镇', name: '南村党支部' }])).toEqual([{ kind: 'new', nearTaken: null }]);
    const twice = match([{ township: '经棚镇', name: '东村党支部' }, { township: '经棚镇', name: '东村党支部' }, { township: '同兴镇', name: '东村党支部' }]);
    expect(twice.map((o) => o.kind)).toEqual(['matched', 'twice', 'matched']);
    // Listed again as offices also write it: the township with its 党委, a space in the name.
    expect(match([{ township: '经棚镇', name: '东村党支部' }, { township: '经棚镇党委', name: '东村 党支部' }])[1]).toEqual({ kind: 'twice', of: 5, tentative: null });
  });

  it('matches by id a row of the year only: an id of last year is matched by name, a deleted row is said', () => {
    expect(match([{ id: 'old', township: '经棚镇', name: '西村党支部' }], { uids: { old: { id: 1, year: 2025 } } })).toEqual([{ kind: 'matched', held: west, by: 'name' }]);
    expect(match([{ id: 'gone', township: '经棚镇', name: '北村党支部' }], { uids: { gone: { id: 7, deleted: true } } })).toEqual([{ kind: 'deleted', rowId: 7 }]);
  });
});
