/**
 * 0002: leaders and their liaison points (党建工作联系点). Work records and
 * practical projects come with the liaison capability. SHIPPED: never edit.
 */
export const sql = `
CREATE TABLE leader (
  id                INTEGER PRIMARY KEY,
  uid               TEXT    NOT NULL UNIQUE,
  name              TEXT    NOT NULL,
  position          TEXT    NOT NULL,
  title             TEXT,
  committee_org_id  INTEGER NOT NULL REFERENCES org (id),
  level             TEXT    NOT NULL CHECK (level IN ('city', 'county', 'township', 'branch')),
  phone             TEXT,
  active_from       TEXT,
  active_to         TEXT,
  name_sort         TEXT    NOT NULL DEFAULT '',
  name_initials     TEXT    NOT NULL DEFAULT '',
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL
);
CREATE INDEX leader_committee ON leader (committee_org_id);

CREATE TABLE liaison (
  id              INTEGER PRIMARY KEY,
  uid             TEXT    NOT NULL UNIQUE,
  leader_id       INTEGER NOT NULL REFERENCES leader (id),
  org_id          INTEGER NOT NULL REFERENCES org (id),
  category        TEXT,
  established_on  TEXT,
  ended_on        TEXT,
  main_problems   TEXT,
  goals           TEXT,
  measures        TEXT,
  status          TEXT    NOT NULL DEFAULT 'active',
  deleted_at      TEXT,
  revision        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT    NOT NULL,
  updated_at      TEXT    NOT NULL
);
CREATE INDEX liaison_leader ON liaison (leader_id);
CREATE INDEX liaison_org ON liaison (org_id);
`;
