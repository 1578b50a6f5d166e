/**
 * 0003: what editing the ledger in a grid needs. `invalid_json` keeps values that
 * were typed or pasted but not understood ({field: {raw, message}}), so nothing a
 * user entered is dropped; saved grid views per user; search by pinyin initials.
 * SHIPPED: never edit.
 */
export const sql = `
ALTER TABLE branch_ledger ADD COLUMN invalid_json TEXT;

CREATE TABLE saved_view (
  id          INTEGER PRIMARY KEY,
  grid        TEXT NOT NULL,
  actor       TEXT NOT NULL,
  name        TEXT NOT NULL,
  state       TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (grid, actor, name)
);

CREATE INDEX org_initials ON org (name_initials);
-- Grade is the ledger's main classification: "show the lagging branches" is the commonest filter.
CREATE INDEX branch_ledger_grade ON branch_ledger (year, grade);
CREATE INDEX liaison_active ON liaison (org_id, deleted_at, ended_on);
`;
