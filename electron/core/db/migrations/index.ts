/**
 * Every migration, in order, imported statically (a folder scan breaks inside a
 * packaged app). Append only: a shipped migration is never edited, and
 * tests/core/migrations.test.ts fails if one is (checksums in migrations.lock.json).
 */
import { sql as m0001 } from './0001_org_ledger_audit.ts';
import { sql as m0002 } from './0002_leaders_liaison.ts';
import { sql as m0003 } from './0003_ledger_editing.ts';
import { sql as m0004 } from './0004_liaison_work_problems_evaluation_exchange.ts';
import { sql as m0005 } from './0005_ledger_mass_organisations.ts';
import { sql as m0006 } from './0006_audit_by_uid.ts';
import { sql as m0007 } from './0007_dictionary_synonyms.ts';
import { sql as m0008 } from './0008_import_file_made.ts';
import { sql as m0009 } from './0009_grade_not_weak_lax.ts';
import { sql as m0010 } from './0010_problem_loop.ts';
import { sql as m0011 } from './0011_standards_checklist.ts';
import { sql as m0012 } from './0012_evaluation_pipeline.ts';
import { sql as m0013 } from './0013_draw_record.ts';
import { sql as m0014 } from './0014_report_returns.ts';
import { sql as m0015 } from './0015_consolidation_report.ts';
import { sql as m0016 } from './0016_saved_view_default.ts';
import { sql as m0017 } from './0017_org_level_parent.ts';
import { sql as m0018 } from './0018_ledger_members.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'org_ledger_audit', sql: m0001 },
  { version: 2, name: 'leaders_liaison', sql: m0002 },
  { version: 3, name: 'ledger_editing', sql: m0003 },
  { version: 4, name: 'liaison_work_problems_evaluation_exchange', sql: m0004 },
  { version: 5, name: 'ledger_mass_organisations', sql: m0005 },
  { version: 6, name: 'audit_by_uid', sql: m0006 },
  { version: 7, name: 'dictionary_synonyms', sql: m0007 },
  { version: 8, name: 'import_file_made', sql: m0008 },
  { version: 9, name: 'grade_not_weak_lax', sql: m0009 },
  { version: 10, name: 'problem_loop', sql: m0010 },
  { version: 11, name: 'standards_checklist', sql: m0011 },
  { version: 12, name: 'evaluation_pipeline', sql: m0012 },
  { version: 13, name: 'draw_record', sql: m0013 },
  { version: 14, name: 'report_returns', sql: m0014 },
  { version: 15, name: 'consolidation_report', sql: m0015 },
  { version: 16, name: 'saved_view_default', sql: m0016 },
  { version: 17, name: 'org_level_parent', sql: m0017 },
  { version: 18, name: 'ledger_members', sql: m0018 },
];

export const latestSchemaVersion = migrations.length;
