/**
 * 0014: who has returned what (报送情况). One row per table sent down, period and unit: its state
 * (已下发 → 已报送 → 已审核 → 已采纳 / 退回修改; 未下发 is no row), the round (how many returns
 * came in), the last batch sent and the last return received, and the deadline. Every move is
 * kept in report_return_event with who, when, why and the file, so the board's history and a
 * send-back's annotated copy can always be found again.
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
CREATE TABLE report_return (
  id INTEGER PRIMARY KEY,
  template_id TEXT NOT NULL,
  period TEXT NOT NULL,
  unit_org_id INTEGER NOT NULL REFERENCES org (id),
  state TEXT NOT NULL CHECK (state IN ('sent', 'returned', 'reviewed', 'accepted', 'sent_back')),
  round INTEGER NOT NULL DEFAULT 0,
  export_batch_id TEXT REFERENCES export_batch (id),
  sent_at TEXT,
  import_batch_id TEXT REFERENCES import_batch (id),
  file_name TEXT,
  file_hash TEXT,
  file_path TEXT,
  returned_at TEXT,
  returned_by TEXT,
  due_on TEXT,
  revision INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  UNIQUE (template_id, period, unit_org_id)
);
CREATE INDEX report_return_unit ON report_return (unit_org_id, period);
CREATE TABLE report_return_event (
  id INTEGER PRIMARY KEY,
  return_id INTEGER NOT NULL REFERENCES report_return (id),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  round INTEGER NOT NULL,
  reason TEXT,
  file_name TEXT,
  file_hash TEXT,
  file_path TEXT,
  export_batch_id TEXT,
  import_batch_id TEXT,
  problems_json TEXT
);
CREATE INDEX report_return_event_return ON report_return_event (return_id, id);
`;
