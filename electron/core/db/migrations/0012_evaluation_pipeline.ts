/**
 * 0012: the "strongest branch" evaluation pipeline (issue 15).
 * - Each stage record also keeps its evidence notes (佐证材料), and the time a send-back (退回)
 *   made it history: such a record is kept, never deleted, and no longer counts as the branch's
 *   stage, so the "one record per branch, year and stage" index counts only records that are not
 *   history.
 * - evaluation_step logs every move of a branch along the path (who, when, from, to, why).
 * - The ledger's 最强党支部 column becomes derived from the pipeline. A value typed before has its
 *   stage records made here (as the demo seed makes them: each stage up to it passed, the city's
 *   outcome 命名), where the branch has no record of those stages and none beyond or not passed; the
 *   column is renamed, not dropped, so no typed value is ever lost, and nothing reads it again.
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
ALTER TABLE evaluation ADD COLUMN evidence TEXT;
ALTER TABLE evaluation ADD COLUMN superseded_at TEXT;
DROP INDEX evaluation_stage_once;
CREATE UNIQUE INDEX evaluation_stage_once ON evaluation (org_id, year, stage) WHERE deleted_at IS NULL AND superseded_at IS NULL;
-- The ledger's SELECT finds each branch's latest stage and result in this index alone (covering: no row read per branch).
CREATE INDEX evaluation_current ON evaluation (org_id, year, stage, result, deleted_at, superseded_at) WHERE deleted_at IS NULL AND superseded_at IS NULL;

CREATE TABLE evaluation_step (
  id          INTEGER PRIMARY KEY,
  uid         TEXT    NOT NULL UNIQUE,
  org_id      INTEGER NOT NULL REFERENCES org (id),
  year        INTEGER NOT NULL,
  from_stage  TEXT,
  to_stage    TEXT,
  action      TEXT    NOT NULL,
  result      TEXT,
  reason      TEXT,
  actor       TEXT    NOT NULL,
  at          TEXT    NOT NULL,
  deleted_at  TEXT,
  revision    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
);
CREATE INDEX evaluation_step_org ON evaluation_step (org_id, year);

CREATE TEMP TABLE pipeline_stage (code TEXT PRIMARY KEY, rank INTEGER NOT NULL, result TEXT);
INSERT INTO pipeline_stage VALUES ('self', 1, NULL), ('applied', 2, NULL), ('township', 3, 'pass'), ('county', 4, 'pass'), ('city', 5, 'named');
CREATE TEMP TABLE pipeline_reach (status TEXT PRIMARY KEY, rank INTEGER NOT NULL);
INSERT INTO pipeline_reach VALUES ('creating', 1), ('applied', 2), ('township_rated', 3), ('county_accepted', 4), ('city_assessed', 5);

CREATE TEMP TABLE pipeline_fill AS
SELECT l.org_id, l.year, r.rank AS reach,
       (SELECT max(s.rank) FROM evaluation e JOIN pipeline_stage s ON s.code = e.stage
         WHERE e.org_id = l.org_id AND e.year = l.year AND e.deleted_at IS NULL) AS held
FROM branch_ledger l JOIN pipeline_reach r ON r.status = l.strongest_status
WHERE l.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM evaluation e JOIN pipeline_stage s ON s.code = e.stage
                   WHERE e.org_id = l.org_id AND e.year = l.year AND e.deleted_at IS NULL AND (s.rank > r.rank OR e.result = 'fail'));
DELETE FROM pipeline_fill WHERE held IS NOT NULL AND held >= reach;

INSERT INTO evaluation (uid, year, org_id, stage, result, notes, created_at, updated_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       f.year, f.org_id, s.code, s.result, '按原台账“最强党支部”创建状态补录',
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM pipeline_fill f JOIN pipeline_stage s ON s.rank <= f.reach
WHERE NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.org_id = f.org_id AND e.year = f.year AND e.stage = s.code AND e.deleted_at IS NULL);

INSERT INTO evaluation_step (uid, org_id, year, from_stage, to_stage, action, result, reason, actor, at, created_at, updated_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       f.org_id, f.year, (SELECT code FROM pipeline_stage WHERE rank = f.held), (SELECT code FROM pipeline_stage WHERE rank = f.reach),
       'migrate', (SELECT result FROM pipeline_stage WHERE rank = f.reach), '按原台账“最强党支部”创建状态补录', '数据升级',
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM pipeline_fill f;

DROP TABLE pipeline_fill;
DROP TABLE pipeline_reach;
DROP TABLE pipeline_stage;

ALTER TABLE branch_ledger RENAME COLUMN strongest_status TO strongest_status_typed;
`;
