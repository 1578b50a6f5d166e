/**
 * 0015: what was reported up (汇总上报). One row per consolidation file written to be sent to the
 * superior: the table (template and its version), the period, the unit whose subordinate units
 * it totals, every figure as it was written (JSON: rows by unit id, and 合计), where each row's
 * figures came from then (JSON), when, who, the file's name, path and SHA-256. A later run
 * compares with the last of these, so a corrected return accepted after reporting shows as a
 * difference instead of passing unnoticed. Rows are never updated: each report is a new row.
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
CREATE TABLE consolidation_report (
  id INTEGER PRIMARY KEY,
  template_id TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  period TEXT NOT NULL,
  scope_org_id INTEGER NOT NULL REFERENCES org (id),
  figures_json TEXT NOT NULL,
  sources_json TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_path TEXT,
  file_hash TEXT NOT NULL
);
CREATE INDEX consolidation_report_scope ON consolidation_report (template_id, period, scope_org_id, id);
`;
