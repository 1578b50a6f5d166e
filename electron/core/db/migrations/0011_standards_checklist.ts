/**
 * 0011: the standards checklist (对标检查). A city's reference standards as data, versioned by
 * year (赤峰's 19 items under the five “strong” criteria, or another city's 22 requirements),
 * each optionally for one field only; and each branch's checklist per year, crossed off item by
 * item (逐条销号) with the day and who, an unmet item linked to the problem opened for it.
 * SHIPPED once landed: never edit; add a new migration.
 */
export const sql = `
CREATE TABLE standard (
  id          INTEGER PRIMARY KEY,
  uid         TEXT    NOT NULL UNIQUE,
  year        INTEGER NOT NULL,
  criterion   TEXT    NOT NULL,
  ordinal     INTEGER NOT NULL,
  text        TEXT    NOT NULL,
  field       TEXT,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  revision    INTEGER NOT NULL DEFAULT 0,
  deleted_at  TEXT,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL
);
CREATE INDEX standard_year ON standard (year, ordinal);

-- One row per branch and standard, made when the branch is first checked against it.
-- A problem removed (its opening undone) leaves the item unlinked, never pointing at nothing.
CREATE TABLE checklist_item (
  id           INTEGER PRIMARY KEY,
  uid          TEXT    NOT NULL UNIQUE,
  org_id       INTEGER NOT NULL REFERENCES org (id),
  year         INTEGER NOT NULL,
  standard_id  INTEGER NOT NULL REFERENCES standard (id),
  met          INTEGER CHECK (met IN (0, 1)),
  note         TEXT,
  checked_on   TEXT,
  checked_by   TEXT,
  problem_id   INTEGER REFERENCES problem (id) ON DELETE SET NULL,
  revision     INTEGER NOT NULL DEFAULT 0,
  deleted_at   TEXT,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  UNIQUE (org_id, standard_id)
);
-- Covers the counts of the shares (a league's 130,000 items read from the index alone).
CREATE INDEX checklist_item_year ON checklist_item (year, org_id, standard_id, met, deleted_at);
CREATE INDEX checklist_item_standard ON checklist_item (standard_id);
CREATE INDEX checklist_item_problem ON checklist_item (problem_id);
`;
