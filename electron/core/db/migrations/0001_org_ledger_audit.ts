/**
 * 0001: the organisation tree, dictionaries, settings, the per-year branch ledger
 * and the audit log with its change sets. SHIPPED: never edit; add a new migration.
 */
export const sql = `
CREATE TABLE dict_entry (
  dict        TEXT    NOT NULL,
  code        TEXT    NOT NULL,
  label       TEXT    NOT NULL,
  synonyms    TEXT    NOT NULL DEFAULT '[]',
  sort_order  INTEGER NOT NULL DEFAULT 0,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  PRIMARY KEY (dict, code)
) WITHOUT ROWID;

CREATE TABLE setting (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE org (
  id            INTEGER PRIMARY KEY,
  uid           TEXT    NOT NULL UNIQUE,
  parent_id     INTEGER REFERENCES org (id),
  level         TEXT    NOT NULL CHECK (level IN ('city', 'county', 'township', 'branch')),
  kind          TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  short_name    TEXT,
  code          TEXT,
  field         TEXT,
  sort_order    INTEGER NOT NULL DEFAULT 0,
  path          TEXT    NOT NULL,
  depth         INTEGER NOT NULL,
  name_sort     TEXT    NOT NULL DEFAULT '',
  name_initials TEXT    NOT NULL DEFAULT '',
  closed_on     TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL
);
CREATE INDEX org_parent ON org (parent_id, sort_order);
CREATE INDEX org_path ON org (path);
CREATE INDEX org_level ON org (level, closed_on);
CREATE INDEX org_code ON org (code);

CREATE TABLE branch_ledger (
  id                    INTEGER PRIMARY KEY,
  uid                   TEXT    NOT NULL UNIQUE,
  org_id                INTEGER NOT NULL REFERENCES org (id),
  year                  INTEGER NOT NULL,
  members_formal        INTEGER,
  members_probationary  INTEGER,
  secretary             TEXT,
  secretary_phone       TEXT,
  grade                 TEXT,
  standardised          INTEGER CHECK (standardised IN (0, 1)),
  strongest_status      TEXT,
  weak_lax              INTEGER CHECK (weak_lax IN (0, 1)),
  term_changed_on       TEXT,
  notes                 TEXT,
  deleted_at            TEXT,
  revision              INTEGER NOT NULL DEFAULT 0,
  updated_at            TEXT    NOT NULL,
  UNIQUE (org_id, year)
);
CREATE INDEX branch_ledger_year ON branch_ledger (year, deleted_at);

CREATE TABLE change_set (
  id          TEXT PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  source      TEXT NOT NULL,
  summary     TEXT NOT NULL DEFAULT '',
  file_name   TEXT,
  file_hash   TEXT,
  undo_of     TEXT REFERENCES change_set (id),
  undone_by   TEXT REFERENCES change_set (id)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  change_set_id  TEXT    NOT NULL REFERENCES change_set (id),
  at             TEXT    NOT NULL,
  actor          TEXT    NOT NULL,
  entity         TEXT    NOT NULL,
  row_id         INTEGER,
  row_uid        TEXT,
  field          TEXT,
  op             TEXT    NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'restore', 'bulk_insert')),
  old_value      TEXT,
  new_value      TEXT,
  source         TEXT    NOT NULL,
  source_ref     TEXT
);
CREATE INDEX audit_row ON audit_log (entity, row_id);
CREATE INDEX audit_change_set ON audit_log (change_set_id);
`;
