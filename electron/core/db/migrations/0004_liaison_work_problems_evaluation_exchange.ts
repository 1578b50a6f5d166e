/**
 * 0004: the liaison capability in full (leaders and points edited in grids, work
 * records, practical projects), the problem list, the "strongest branch" evaluation
 * records with the city's random draw, and the exchange of official tables: export
 * batches with the rows as sent, import batches, and remembered header mappings of
 * hand-made files. SHIPPED once landed: never edit; add a new migration.
 */
export const sql = `
ALTER TABLE leader ADD COLUMN notes TEXT;
ALTER TABLE leader ADD COLUMN deleted_at TEXT;
ALTER TABLE leader ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leader ADD COLUMN invalid_json TEXT;
CREATE INDEX leader_name ON leader (name);

ALTER TABLE liaison ADD COLUMN notes TEXT;
ALTER TABLE liaison ADD COLUMN invalid_json TEXT;

-- A leader's work at a point (调研指导, 讲党课, …): the counters offices report are counted from these.
CREATE TABLE liaison_visit (
  id               INTEGER PRIMARY KEY,
  uid              TEXT    NOT NULL UNIQUE,
  liaison_id       INTEGER NOT NULL REFERENCES liaison (id),
  visited_on       TEXT    NOT NULL,
  kind             TEXT,
  content          TEXT,
  problems_found   TEXT,
  problems_solved  INTEGER,
  guidance         TEXT,
  follow_up        TEXT,
  signed_by        TEXT,
  notes            TEXT,
  deleted_at       TEXT,
  revision         INTEGER NOT NULL DEFAULT 0,
  invalid_json     TEXT,
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL
);
CREATE INDEX liaison_visit_point ON liaison_visit (liaison_id, visited_on);
CREATE INDEX liaison_visit_day ON liaison_visit (visited_on);

-- 领办实事项目: a leader's practical project for a branch, usually at one of the leader's points.
CREATE TABLE project (
  id            INTEGER PRIMARY KEY,
  uid           TEXT    NOT NULL UNIQUE,
  year          INTEGER NOT NULL,
  leader_id     INTEGER NOT NULL REFERENCES leader (id),
  org_id        INTEGER NOT NULL REFERENCES org (id),
  liaison_id    INTEGER REFERENCES liaison (id),
  name          TEXT    NOT NULL,
  category      TEXT,
  content       TEXT,
  goal          TEXT,
  funds         REAL,
  responsible   TEXT,
  handling      TEXT,
  due_on        TEXT,
  progress      TEXT,
  done_on       TEXT,
  crossed_off   INTEGER CHECK (crossed_off IN (0, 1)),
  effect        TEXT,
  evidence      TEXT,
  notes         TEXT,
  deleted_at    TEXT,
  revision      INTEGER NOT NULL DEFAULT 0,
  invalid_json  TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);
CREATE INDEX project_year ON project (year, deleted_at);
CREATE INDEX project_leader ON project (leader_id, year);
CREATE INDEX project_org ON project (org_id, year);
CREATE INDEX project_liaison ON project (liaison_id);

-- 问题清单: a problem of a unit, claimed and cleared (建账、领账、清账).
CREATE TABLE problem (
  id                INTEGER PRIMARY KEY,
  uid               TEXT    NOT NULL UNIQUE,
  year              INTEGER NOT NULL,
  org_id            INTEGER NOT NULL REFERENCES org (id),
  category          TEXT,
  source            TEXT,
  description       TEXT    NOT NULL,
  found_on          TEXT,
  handling          TEXT,
  measures          TEXT,
  responsible       TEXT,
  leader_id         INTEGER REFERENCES leader (id),
  liaison_visit_id  INTEGER REFERENCES liaison_visit (id),
  due_on            TEXT,
  status            TEXT    NOT NULL DEFAULT 'open',
  cleared_on        TEXT,
  result            TEXT,
  notes             TEXT,
  deleted_at        TEXT,
  revision          INTEGER NOT NULL DEFAULT 0,
  invalid_json      TEXT,
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL
);
CREATE INDEX problem_year ON problem (year, deleted_at);
CREATE INDEX problem_org ON problem (org_id, year);

-- The city's random draw of accepted branches (按10%的比例随机抽签), reproducible from its seed.
CREATE TABLE evaluation_draw (
  id               INTEGER PRIMARY KEY,
  uid              TEXT    NOT NULL UNIQUE,
  year             INTEGER NOT NULL,
  stage            TEXT    NOT NULL,
  scope_org_id     INTEGER REFERENCES org (id),
  ratio            REAL    NOT NULL,
  seed             TEXT    NOT NULL,
  population       INTEGER NOT NULL,
  population_hash  TEXT    NOT NULL,
  picked_json      TEXT    NOT NULL,
  witnesses        TEXT,
  drawn_at         TEXT    NOT NULL,
  actor            TEXT    NOT NULL
);

-- "Strongest branch" path: one record per branch, year and stage, with who, when, result, score.
CREATE TABLE evaluation (
  id             INTEGER PRIMARY KEY,
  uid            TEXT    NOT NULL UNIQUE,
  year           INTEGER NOT NULL,
  org_id         INTEGER NOT NULL REFERENCES org (id),
  stage          TEXT    NOT NULL,
  evaluated_on   TEXT,
  evaluator      TEXT,
  score_org      REAL,
  score_members  REAL,
  score_public   REAL,
  score_society  REAL,
  score          REAL,
  result         TEXT,
  draw_id        INTEGER REFERENCES evaluation_draw (id),
  notes          TEXT,
  deleted_at     TEXT,
  revision       INTEGER NOT NULL DEFAULT 0,
  invalid_json   TEXT,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL
);
CREATE UNIQUE INDEX evaluation_stage_once ON evaluation (org_id, year, stage) WHERE deleted_at IS NULL;
CREATE INDEX evaluation_year ON evaluation (year, stage);

-- An official table written to a file: what, for whom, for which period, when. The rows as sent
-- are not copied here: every change since is in the audit log (records after audit_mark, the last
-- record when the file was written; ids, not times: an office PC's clock may be wrong), so the values
-- then are the values now with later changes undone, and each row's hash in the file confirms them.
CREATE TABLE export_batch (
  id                TEXT    PRIMARY KEY,
  template_id       TEXT    NOT NULL,
  template_version  INTEGER NOT NULL,
  unit_org_id       INTEGER REFERENCES org (id),
  unit_code         TEXT,
  unit_name         TEXT    NOT NULL,
  period            TEXT    NOT NULL,
  options_json      TEXT    NOT NULL,
  file_name         TEXT    NOT NULL,
  row_count         INTEGER NOT NULL,
  checksum          TEXT    NOT NULL,
  audit_mark        INTEGER NOT NULL,
  send_down_id      TEXT,
  created_at        TEXT    NOT NULL,
  actor             TEXT    NOT NULL
);
CREATE INDEX export_batch_send_down ON export_batch (send_down_id);

-- A file read back and committed: which file (name and hash), how it was recognised, what it
-- changed (its change set, undone as a whole).
CREATE TABLE import_batch (
  id                TEXT    PRIMARY KEY,
  file_name         TEXT    NOT NULL,
  file_hash         TEXT    NOT NULL,
  file_size         INTEGER NOT NULL,
  template_id       TEXT,
  template_version  INTEGER,
  recognised_by     TEXT    NOT NULL,
  export_batch_id   TEXT,
  unit_code         TEXT,
  period            TEXT,
  counts_json       TEXT    NOT NULL,
  change_set_id     TEXT    REFERENCES change_set (id),
  status            TEXT    NOT NULL,
  created_at        TEXT    NOT NULL,
  actor             TEXT    NOT NULL
);
CREATE INDEX import_batch_hash ON import_batch (file_hash);

-- How the columns of a hand-made file's layout map to a template's, confirmed by a user once.
CREATE TABLE header_mapping (
  signature     TEXT PRIMARY KEY,
  template_id   TEXT NOT NULL,
  mapping_json  TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) WITHOUT ROWID;
`;
