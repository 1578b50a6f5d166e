/**
 * Queries of the record tables (leaders, liaison points, work records, projects,
 * problems, evaluations). Each table's spec says where its fields are stored and
 * how its derived fields (names of what a ref points to, counters of the year) are
 * read; the services in services/records are the same for every table.
 */
import type SQLite from 'better-sqlite3';
import type { UpdateResult } from 'kysely';
import { isStored, storedColumn } from '../../../shared/domain/fields.ts';
import { recordTableNames, recordTables, type RecordTable } from '../../../shared/domain/records.ts';
import { all, build, first, prepare, raw, type Prepared } from '../db/query.ts';
import type { Database } from '../db/schema.ts';
import { drawnOrgsSql } from './draw.ts';
import { subtreeEnd } from './parts.ts';

/** The SQL table of each record table (also for returns.ts). */
export const sqlTables = {
  leader: 'leader',
  liaison: 'liaison',
  visit: 'liaison_visit',
  project: 'project',
  problem: 'problem',
  evaluation: 'evaluation',
} as const satisfies Record<RecordTable, keyof Database>;

/**
 * How a record table is read. The SELECT of each table stays SQL text, written once here
 * and completed by queryRecords with the filters a list asks for: its rows are keyed by
 * the definitions' field names (data, not the schema's columns), so Kysely could check
 * nothing more about them, and its correlated counters read more plainly as SQL than as
 * nested builders. The simple lookups further down are built with Kysely.
 */
export interface RecordSpec {
  /** The SQL table, also the audit log's entity. */
  sqlTable: string;
  /**
   * Selects every field (aliased to its name) plus id, uid, revision, deleted_at, invalid_json, _path, _sort; may use @year, @yearStart, @yearEnd, @today and @asOf (today, or the last day of a past year).
   * The stored fields come from the table's definitions (`stored`); the spec writes only the joins and the derived fields.
   */
  select: string;
  /** Rows of the year (with @year, @yearStart, @yearEnd). */
  inYear: string;
  /** Rows whose parents (the point, the leader) are not deleted: the rest reappear when those are restored. */
  parentsLive?: string;
  /** The org path that scope by the tree applies to. */
  scopePath: string;
  byLeader?: string;
  byOrg?: string;
  byLiaison?: string;
  /** Columns a quick search looks in (with @like). */
  text: string[];
  order: string;
}

// Records of a point in a year, split as offices report them: lectures apart from the other visits.
const visitCounts = `
  SELECT liaison_id,
         sum(CASE WHEN kind = 'lecture' THEN 0 ELSE 1 END) AS visits,
         sum(CASE WHEN kind = 'lecture' THEN 1 ELSE 0 END) AS lectures,
         coalesce(sum(problems_solved), 0) AS solved,
         max(visited_on) AS last
  FROM liaison_visit WHERE deleted_at IS NULL AND visited_on BETWEEN @yearStart AND @yearEnd
  GROUP BY liaison_id`;

const common = 'r.id, r.uid, r.revision, r.deleted_at, r.invalid_json';

/** The stored fields of a record table, aliased to their names: `r.committee_org_id AS committeeId, …`. */
function stored(table: RecordTable): string {
  return recordTables[table].fields
    .filter(isStored)
    .map((f) => (storedColumn(f) === f.field ? `r.${f.field}` : `r.${storedColumn(f)} AS ${f.field}`))
    .join(', ');
}

export const recordSpecs: Record<RecordTable, RecordSpec> = {
  leader: {
    sqlTable: sqlTables.leader,
    select: `SELECT ${common}, ${stored('leader')}, c.name AS committeeName, r.level,
        (SELECT count(*) FROM liaison p JOIN org b ON b.id = p.org_id WHERE p.leader_id = r.id AND p.deleted_at IS NULL
          AND (p.established_on IS NULL OR p.established_on <= @asOf) AND (p.ended_on IS NULL OR p.ended_on >= @asOf)
          AND (b.closed_on IS NULL OR b.closed_on > @asOf)) AS points,
        (SELECT count(*) FROM liaison_visit v JOIN liaison p ON p.id = v.liaison_id
          WHERE p.leader_id = r.id AND p.deleted_at IS NULL AND v.deleted_at IS NULL AND v.visited_on BETWEEN @yearStart AND @yearEnd) AS visits,
        (SELECT count(*) FROM project j WHERE j.leader_id = r.id AND j.deleted_at IS NULL AND j.year = @year) AS projects,
        c.path AS _path, r.name_sort AS _sort
      FROM leader r JOIN org c ON c.id = r.committee_org_id`,
    inYear: '(r.active_from IS NULL OR r.active_from <= @yearEnd) AND (r.active_to IS NULL OR r.active_to >= @yearStart)',
    scopePath: 'c.path',
    byOrg: 'r.committee_org_id = @orgId',
    byLeader: 'r.id = @leaderId',
    text: ['r.name', 'r.title', 'r.name_initials'],
    order: 'c.path, r.position, r.name_sort',
  },
  liaison: {
    sqlTable: sqlTables.liaison,
    select: `SELECT ${common}, ${stored('liaison')}, ld.name AS leaderName, ld.title AS leaderTitle,
        o.name AS branchName, bl.grade AS branchGrade, coalesce(vc.visits, 0) AS visits, coalesce(vc.lectures, 0) AS lectures,
        coalesce(vc.solved, 0) AS problemsSolved, vc.last AS lastVisitOn,
        (SELECT count(*) FROM project j WHERE j.liaison_id = r.id AND j.deleted_at IS NULL AND j.year = @year) AS projects,
        o.path AS _path, ld.name_sort AS _sort
      FROM liaison r JOIN leader ld ON ld.id = r.leader_id JOIN org o ON o.id = r.org_id
      LEFT JOIN branch_ledger bl ON bl.org_id = r.org_id AND bl.year = @year AND bl.deleted_at IS NULL
      LEFT JOIN (${visitCounts}) vc ON vc.liaison_id = r.id`,
    inYear: '(r.established_on IS NULL OR r.established_on <= @yearEnd) AND (r.ended_on IS NULL OR r.ended_on >= @yearStart)',
    parentsLive: 'ld.deleted_at IS NULL',
    scopePath: 'o.path',
    byLeader: 'r.leader_id = @leaderId',
    byOrg: 'r.org_id = @orgId',
    byLiaison: 'r.id = @liaisonId',
    text: ['ld.name', 'ld.name_initials', 'o.name', 'o.name_initials'],
    order: 'ld.name_sort, o.name_sort',
  },
  visit: {
    sqlTable: sqlTables.visit,
    select: `SELECT ${common}, ${stored('visit')}, ld.name AS leaderName, o.name AS branchName, o.path AS _path, r.visited_on AS _sort
      FROM liaison_visit r JOIN liaison p ON p.id = r.liaison_id JOIN leader ld ON ld.id = p.leader_id JOIN org o ON o.id = p.org_id`,
    inYear: 'r.visited_on BETWEEN @yearStart AND @yearEnd',
    parentsLive: 'p.deleted_at IS NULL AND ld.deleted_at IS NULL',
    scopePath: 'o.path',
    byLeader: 'p.leader_id = @leaderId',
    byOrg: 'p.org_id = @orgId',
    byLiaison: 'r.liaison_id = @liaisonId',
    text: ['ld.name', 'o.name', 'o.name_initials', 'r.content', 'r.problems_found'],
    order: 'r.visited_on DESC, r.id DESC',
  },
  project: {
    sqlTable: sqlTables.project,
    select: `SELECT ${common}, ${stored('project')}, ld.name AS leaderName, o.name AS branchName,
        CAST(r.year AS TEXT) AS fromYear, o.path AS _path, r.due_on AS _sort
      FROM project r JOIN leader ld ON ld.id = r.leader_id JOIN org o ON o.id = r.org_id`,
    // A project not finished nor crossed off carries over into the following years' lists.
    inYear: "(r.year = @year OR (r.year < @year AND coalesce(r.progress, '') <> 'done' AND coalesce(r.crossed_off, 0) = 0))",
    parentsLive: 'ld.deleted_at IS NULL',
    scopePath: 'o.path',
    byLeader: 'r.leader_id = @leaderId',
    byOrg: 'r.org_id = @orgId',
    byLiaison: 'r.liaison_id = @liaisonId',
    text: ['r.name', 'ld.name', 'o.name', 'o.name_initials', 'r.responsible'],
    order: "coalesce(r.due_on, '9999'), r.id",
  },
  problem: {
    sqlTable: sqlTables.problem,
    select: `SELECT ${common}, ${stored('problem')}, o.name AS unitName, ld.name AS leaderName, o.path AS _path, r.found_on AS _sort
      FROM problem r JOIN org o ON o.id = r.org_id LEFT JOIN leader ld ON ld.id = r.leader_id`,
    inYear: 'r.year = @year',
    scopePath: 'o.path',
    byLeader: 'r.leader_id = @leaderId',
    byOrg: 'r.org_id = @orgId',
    text: ['r.description', 'o.name', 'o.name_initials', 'r.responsible'],
    order: 'o.path, r.id',
  },
  // 抽中: the branch is in a standing draw of the record's year (repos/draw.ts). The year's list is
  // read once per query for rows of @year; only a row of another year (read by id) asks per row.
  evaluation: {
    sqlTable: sqlTables.evaluation,
    select: `SELECT ${common}, ${stored('evaluation')}, o.name AS branchName, (CASE WHEN r.year = @year THEN r.org_id IN (${drawnOrgsSql('@year')}) ELSE r.org_id IN (${drawnOrgsSql('r.year')}) END) AS drawn, o.path AS _path, o.name_sort AS _sort
      FROM evaluation r JOIN org o ON o.id = r.org_id`,
    inYear: 'r.year = @year',
    scopePath: 'o.path',
    byOrg: 'r.org_id = @orgId',
    text: ['o.name', 'o.name_initials', 'r.evaluator'],
    order: "o.path, CASE r.stage WHEN 'self' THEN 1 WHEN 'applied' THEN 2 WHEN 'township' THEN 3 WHEN 'county' THEN 4 ELSE 5 END",
  },
};

/** The SQL column of a record table's field, from its definition. */
export function columnOf(spec: RecordSpec, field: string): string {
  const table = recordTableNames.find((t) => recordSpecs[t] === spec)!;
  return storedColumn(recordTables[table].fields.find((f) => f.field === field) ?? { field });
}

/** A row as read: fields by name, and the bookkeeping columns. */
export type RawRecord = Record<string, unknown> & {
  id: number;
  uid: string;
  revision: number;
  deleted_at: string | null;
  invalid_json: string | null;
  _path: string;
  _sort: string | null;
};

export interface RecordQuery {
  year: number;
  today: string;
  deleted?: boolean;
  scopePath?: string;
  leaderId?: number;
  orgId?: number;
  liaisonId?: number;
  text?: string;
  ids?: number[];
}

export function queryRecords(sqlite: SQLite.Database, table: RecordTable, q: RecordQuery): RawRecord[] {
  const spec = recordSpecs[table];
  const yearEnd = `${q.year}-12-31`;
  // The day a year is seen on, as the liaison rules see it: today, or the last day of a past year.
  const params: Record<string, unknown> = { year: q.year, yearStart: `${q.year}-01-01`, yearEnd, today: q.today, asOf: q.today < yearEnd ? q.today : yearEnd };
  const where: string[] = [];
  if (q.ids) {
    // By id: whatever the year or state, as after an edit.
    where.push('r.id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(q.ids);
  } else {
    where.push(q.deleted ? 'r.deleted_at IS NOT NULL' : 'r.deleted_at IS NULL', spec.inYear);
    if (spec.parentsLive) where.push(spec.parentsLive);
    if (q.scopePath !== undefined) {
      where.push(`${spec.scopePath} >= @scope AND ${spec.scopePath} < @scope || '~'`);
      params.scope = q.scopePath;
    }
    const by = (cond: string | undefined, key: 'leaderId' | 'orgId' | 'liaisonId') => {
      if (q[key] === undefined) return;
      // A filter the table does not have matches nothing rather than everything.
      where.push(cond ?? '0');
      params[key] = q[key];
    };
    by(spec.byLeader, 'leaderId');
    by(spec.byOrg, 'orgId');
    by(spec.byLiaison, 'liaisonId');
    if (q.text) {
      where.push(`(${spec.text.map((c) => `${c} LIKE @like`).join(' OR ')})`);
      params.like = `%${q.text}%`;
    }
  }
  return raw.all<RawRecord>(sqlite, `${spec.select} WHERE ${where.join(' AND ')} ORDER BY ${spec.order}`, params);
}

/** The stored row itself (for edits: current values, uid), by id. */
export function getStoredRecord(sqlite: SQLite.Database, table: RecordTable, id: number): Record<string, unknown> | undefined {
  return first(sqlite, build.selectFrom(sqlTables[table]).selectAll().where('id', '=', id));
}

type CellValues = { value: unknown; now: string; id: number };

/** Writes for one edit call: each compiled once (per column) and run for each cell. */
export function recordWriter(sqlite: SQLite.Database, table: RecordTable) {
  const sqlTable = sqlTables[table];
  const setters = new Map<string, Prepared<CellValues, UpdateResult>>();
  const finish = prepare(sqlite, (p: { invalidJson: string | null; now: string; id: number }) =>
    build
      .updateTable(sqlTable)
      .set((eb) => ({ invalid_json: p.invalidJson, revision: eb('revision', '+', 1), updated_at: p.now }))
      .where('id', '=', p.id),
  );
  const deleted = prepare(sqlite, (p: { deletedAt: string | null; now: string; id: number }) =>
    build
      .updateTable(sqlTable)
      .set((eb) => ({ deleted_at: p.deletedAt, revision: eb('revision', '+', 1), updated_at: p.now }))
      .where('id', '=', p.id),
  );
  return {
    /** `column` is the definitions' (columnOf), never a caller's text. */
    set(id: number, column: string, value: unknown, now: string) {
      let set = setters.get(column);
      if (!set) {
        const c = build.dynamic.ref(column);
        set = prepare(sqlite, (p: CellValues) => build.updateTable(sqlTable).set(c, p.value).set('updated_at', p.now).where('id', '=', p.id));
        setters.set(column, set);
      }
      set.run({ value, now, id });
    },
    finish(id: number, invalidJson: string | null, now: string) {
      finish.run({ invalidJson, now, id });
    },
    setDeleted(id: number, deletedAt: string | null, now: string) {
      deleted.run({ deletedAt, now, id });
    },
    /**
     * A new record of the fields a person gave: its columns are the definitions' and differ
     * from record to record, which Kysely's insert types cannot state; the raw INSERT names them.
     */
    insert(row: Record<string, unknown>): number {
      const cols = Object.keys(row);
      return Number(raw.run(sqlite, `INSERT INTO ${sqlTable} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`, row).lastInsertRowid);
    },
  };
}

// ---- Lookups the services need to check new records.

export function leaderBrief(sqlite: SQLite.Database, id: number): { id: number; name: string; active_to: string | null; deleted_at: string | null } | undefined {
  return first(sqlite, build.selectFrom('leader').select(['id', 'name', 'active_to', 'deleted_at']).where('id', '=', id));
}

export function liaisonBrief(
  sqlite: SQLite.Database,
  id: number,
): { id: number; leader_id: number; org_id: number; established_on: string | null; ended_on: string | null; deleted_at: string | null } | undefined {
  return first(sqlite, build.selectFrom('liaison').select(['id', 'leader_id', 'org_id', 'established_on', 'ended_on', 'deleted_at']).where('id', '=', id));
}

/** The leader's point at the branch that has not ended by `day` (one ending later still runs). */
export function activeLiaison(sqlite: SQLite.Database, leaderId: number, orgId: number, day: string): { id: number } | undefined {
  return first(
    sqlite,
    build
      .selectFrom('liaison')
      .select('id')
      .where('leader_id', '=', leaderId)
      .where('org_id', '=', orgId)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', day)])),
  );
}

/** The leaders who guide a branch on a day (a point of theirs not deleted, not ended before it): a new point of theirs is refused. */
export function leadersGuiding(sqlite: SQLite.Database, orgId: number, day: string): number[] {
  const points = build
    .selectFrom('liaison')
    .select('leader_id')
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', day)]))
    .orderBy('leader_id');
  return all(sqlite, points).map((p) => p.leader_id);
}

export function branchGrade(sqlite: SQLite.Database, orgId: number, year: number): string | null {
  return first(sqlite, build.selectFrom('branch_ledger').select('grade').where('org_id', '=', orgId).where('year', '=', year).where('deleted_at', 'is', null))?.grade ?? null;
}

export function evaluationExists(sqlite: SQLite.Database, orgId: number, year: number, stage: string): boolean {
  const q = build.selectFrom('evaluation').select('id').where('org_id', '=', orgId).where('year', '=', year).where('stage', '=', stage).where('deleted_at', 'is', null).where('superseded_at', 'is', null);
  return first(sqlite, q) !== undefined;
}

// ---- What the liaison rules look at (see shared/domain/liaison.ts).

export interface RuleLeaderRow {
  id: number;
  name: string;
  position: string;
  committeeKind: string;
  committeeName: string;
  activeFrom: string | null;
  activeTo: string | null;
}

/** Leaders not deleted whose committee is in scope. */
export function ruleLeaders(sqlite: SQLite.Database, scopePath: string | null): RuleLeaderRow[] {
  let q = build
    .selectFrom('leader as l')
    .innerJoin('org as c', 'c.id', 'l.committee_org_id')
    .select(['l.id', 'l.name', 'l.position', 'c.kind as committeeKind', 'c.name as committeeName', 'l.active_from as activeFrom', 'l.active_to as activeTo'])
    .where('l.deleted_at', 'is', null);
  if (scopePath !== null) q = q.where('c.path', '>=', scopePath).where('c.path', '<', subtreeEnd(scopePath));
  return all(sqlite, q.orderBy('c.path').orderBy('l.position').orderBy('l.name_sort'));
}

export interface RulePointRow {
  id: number;
  leaderId: number;
  orgId: number;
  branchName: string;
  /** The branch's place in the tree, for its township. */
  branchPath: string;
  branchField: string | null;
  branchGrade: string | null;
  branchClosedOn: string | null;
  establishedOn: string | null;
  endedOn: string | null;
  records: number;
}

/** Every point not deleted of a leader not deleted, with its branch's state and its records in the year. */
export function rulePoints(sqlite: SQLite.Database, year: number): RulePointRow[] {
  const q = build
    .selectFrom('liaison as p')
    .innerJoin('leader as ld', 'ld.id', 'p.leader_id')
    .innerJoin('org as o', 'o.id', 'p.org_id')
    .leftJoin('branch_ledger as bl', (join) => join.onRef('bl.org_id', '=', 'p.org_id').on('bl.year', '=', year).on('bl.deleted_at', 'is', null))
    .select([
      'p.id',
      'p.leader_id as leaderId',
      'p.org_id as orgId',
      'o.name as branchName',
      'o.path as branchPath',
      'o.field as branchField',
      'bl.grade as branchGrade',
      'o.closed_on as branchClosedOn',
      'p.established_on as establishedOn',
      'p.ended_on as endedOn',
    ])
    .select((eb) =>
      eb
        .selectFrom('liaison_visit as v')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('v.liaison_id', '=', 'p.id')
        .where('v.deleted_at', 'is', null)
        .where((v) => v.between('v.visited_on', `${year}-01-01`, `${year}-12-31`))
        .$asScalar()
        .as('records'),
    )
    .where('p.deleted_at', 'is', null)
    .where('ld.deleted_at', 'is', null);
  return all(sqlite, q);
}
