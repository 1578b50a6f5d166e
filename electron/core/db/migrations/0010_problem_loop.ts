/**
 * 0010: the problem list as a closed loop (issue 15): 建账 → 领账 → 整改中 → 销号.
 * - `claimed` meant 整改中 until now: those problems move to the new state `rectifying`, and
 *   `claimed` becomes 已领账 (the step between). The audit log's values move with them, so
 *   an undo of an earlier change still finds what it left (and puts back what was meant).
 * - Who claimed it and when (领账人, 领账时间), who accepted it and when (验收人, 验收时间).
 * - `problem_step`: each step of the loop (from → to, when, who, the reason a skip or a step
 *   back needs, a note); a progress note is a step from a state to itself. Written in the same
 *   change set as the problem's own changes, so an undo takes both back.
 * - The dictionaries an existing database holds: the new state and sources, the new labels
 *   (where the city kept the old default), and their order. Written out here, not read from
 *   defaults.ts (a shipped migration never changes). A new database gets them from the defaults
 *   instead (the dictionary table is empty while this runs).
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
ALTER TABLE problem ADD COLUMN claimed_by TEXT;
ALTER TABLE problem ADD COLUMN claimed_on TEXT;
ALTER TABLE problem ADD COLUMN accepted_by TEXT;
ALTER TABLE problem ADD COLUMN accepted_on TEXT;

CREATE TABLE problem_step (
  id           INTEGER PRIMARY KEY,
  uid          TEXT    NOT NULL UNIQUE,
  problem_id   INTEGER NOT NULL REFERENCES problem (id),
  from_status  TEXT,
  to_status    TEXT    NOT NULL,
  at           TEXT    NOT NULL,
  actor        TEXT    NOT NULL,
  reason       TEXT,
  note         TEXT,
  deleted_at   TEXT,
  revision     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
);
CREATE INDEX problem_step_problem ON problem_step (problem_id, at);

UPDATE problem SET status = 'rectifying' WHERE status = 'claimed';
UPDATE audit_log SET new_value = '"rectifying"' WHERE entity = 'problem' AND field = 'status' AND new_value = '"claimed"';
UPDATE audit_log SET old_value = '"rectifying"' WHERE entity = 'problem' AND field = 'status' AND old_value = '"claimed"';
UPDATE audit_log SET new_value = json_set(new_value, '$.status', 'rectifying')
  WHERE entity = 'problem' AND field IS NULL AND op = 'insert' AND json_valid(new_value) AND json_extract(new_value, '$.status') = 'claimed';
UPDATE audit_log SET old_value = json_set(old_value, '$.row.status', 'rectifying')
  WHERE entity = 'problem' AND field IS NULL AND op = 'delete' AND json_valid(old_value) AND json_extract(old_value, '$.row.status') = 'claimed';

-- States: the labels the city kept as shipped take the new names; 整改中 goes to its own state.
UPDATE dict_entry SET label = '已建账（待领账）' WHERE dict = 'problem_status' AND code = 'open' AND label = '待领办';
UPDATE dict_entry SET label = '已领账' WHERE dict = 'problem_status' AND code = 'claimed' AND label = '整改中';
UPDATE dict_entry SET synonyms = (
  SELECT json_group_array(value) FROM json_each(dict_entry.synonyms) WHERE value NOT IN ('正在整改', '整改中')
) WHERE dict = 'problem_status' AND code = 'claimed' AND json_valid(synonyms);
INSERT OR IGNORE INTO dict_entry (dict, code, label, synonyms, sort_order, active)
  SELECT 'problem_status', 'rectifying', '整改中', '["正在整改"]', 2, 1
  WHERE EXISTS (SELECT 1 FROM dict_entry WHERE dict = 'problem_status');
UPDATE dict_entry SET sort_order = 3 WHERE dict = 'problem_status' AND code = 'cleared';

-- Sources: 督查 and 巡视巡察反馈 apart; 对标检查 for problems opened from a standards checklist.
UPDATE dict_entry SET label = '督查' WHERE dict = 'problem_source' AND code = 'inspection' AND label = '督查巡察';
UPDATE dict_entry SET synonyms = (
  SELECT json_group_array(value) FROM json_each(dict_entry.synonyms) WHERE value NOT IN ('巡察', '督查')
) WHERE dict = 'problem_source' AND code = 'inspection' AND json_valid(synonyms);
INSERT OR IGNORE INTO dict_entry (dict, code, label, synonyms, sort_order, active)
  SELECT 'problem_source', 'patrol', '巡视巡察反馈', '["巡视","巡察","巡视反馈","巡察反馈","巡视巡察"]', 2, 1
  WHERE EXISTS (SELECT 1 FROM dict_entry WHERE dict = 'problem_source');
INSERT OR IGNORE INTO dict_entry (dict, code, label, synonyms, sort_order, active)
  SELECT 'problem_source', 'checklist', '对标检查', '["对标","标准清单","对标对表"]', 6, 1
  WHERE EXISTS (SELECT 1 FROM dict_entry WHERE dict = 'problem_source');
WITH new_synonym (dict, code, synonym) AS (VALUES
  ('problem_status', 'open', '建账'),
  ('problem_status', 'open', '已建账'),
  ('problem_status', 'open', '待领账'),
  ('problem_status', 'open', '待领办'),
  ('problem_status', 'open', '未领办'),
  ('problem_status', 'claimed', '领账'),
  ('problem_status', 'claimed', '已领办'),
  ('problem_source', 'inspection', '督查巡察'),
  ('problem_source', 'inspection', '督导检查'),
  ('problem_source', 'hotline', '12345 热线')
)
UPDATE dict_entry SET synonyms = (
  SELECT json_group_array(v) FROM (
    SELECT value AS v FROM json_each(dict_entry.synonyms)
    UNION ALL
    SELECT n.synonym FROM new_synonym n
    WHERE n.dict = dict_entry.dict AND n.code = dict_entry.code
      AND NOT EXISTS (
        SELECT 1 FROM dict_entry o
        WHERE o.dict = n.dict AND (o.label = n.synonym OR EXISTS (SELECT 1 FROM json_each(o.synonyms) WHERE value = n.synonym))
      )
  )
)
WHERE EXISTS (SELECT 1 FROM new_synonym n WHERE n.dict = dict_entry.dict AND n.code = dict_entry.code)
  AND json_valid(synonyms);
UPDATE dict_entry SET sort_order = CASE code
    WHEN 'self' THEN 0 WHEN 'inspection' THEN 1 WHEN 'patrol' THEN 2 WHEN 'masses' THEN 3
    WHEN 'hotline' THEN 4 WHEN 'research' THEN 5 WHEN 'checklist' THEN 6 END
  WHERE dict = 'problem_source' AND code IN ('self', 'inspection', 'patrol', 'masses', 'hotline', 'research', 'checklist');
`;
