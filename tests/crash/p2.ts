import SQLite from 'better-sqlite3';
import { migrations } from '../../electron/core/db/migrations/index.ts';
const file = process.argv[2]!; const branches = Number(process.argv[3]); const audits = Number(process.argv[4]);
const old = new SQLite(file);
old.pragma('journal_mode = WAL');
for (const m of migrations.slice(0, 5)) old.exec(m.sql);
old.exec(`
INSERT INTO org (id, uid, level, kind, name, path, depth, created_at, updated_at) VALUES (1, 'o1', 'city', 'city_committee', '赤峰市委', '/1/', 0, 'x', 'x');
WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ${branches + 1})
INSERT INTO org (id, uid, parent_id, level, kind, name, path, depth, created_at, updated_at)
SELECT i, 'o' || i, 1, 'branch', 'branch', '第' || i || '村党支部', '/1/' || i || '/', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n;
INSERT INTO branch_ledger (uid, org_id, year, members_formal, secretary, grade, strongest_status, updated_at)
SELECT 'l' || id, id, 2026, id % 50, '书记' || id, 'good', CASE id % 4 WHEN 0 THEN 'creating' WHEN 1 THEN 'township_rated' ELSE NULL END, '2025-01-01T00:00:00Z' FROM org WHERE level = 'branch';
INSERT INTO change_set (id, at, actor, source, summary) VALUES ('cs1', '2025-01-01T00:00:00Z', '张三', 'typed', '');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${audits})
INSERT INTO audit_log (change_set_id, at, actor, entity, row_id, field, op, old_value, new_value, source)
SELECT 'cs1', '2025-01-01T00:00:00Z', '张三', 'branch_ledger', 1 + i % ${branches}, 'secretary', 'update', '"甲"', '"乙' || i || '"', 'typed' FROM n;
`);
old.pragma('user_version = 5');
old.close();
