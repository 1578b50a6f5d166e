/**
 * Kysely's view of the tables (stays in core; the UI sees shared/contract types).
 * Must match the migrations: tests/core/migrations.test.ts compares the live schema
 * with schema.snapshot.sql.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface DictEntryTable {
  dict: string;
  code: string;
  label: string;
  synonyms: string;
  sort_order: number;
  active: number;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface OrgTable {
  id: Generated<number>;
  uid: string;
  parent_id: number | null;
  level: 'city' | 'county' | 'township' | 'branch';
  kind: string;
  name: string;
  short_name: string | null;
  code: string | null;
  field: string | null;
  sort_order: number;
  path: string;
  depth: number;
  name_sort: string;
  name_initials: string;
  closed_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface BranchLedgerTable {
  id: Generated<number>;
  uid: string;
  org_id: number;
  year: number;
  members_formal: number | null;
  members_probationary: number | null;
  secretary: string | null;
  secretary_phone: string | null;
  grade: string | null;
  standardised: number | null;
  strongest_status: string | null;
  weak_lax: number | null;
  term_changed_on: string | null;
  notes: string | null;
  deleted_at: string | null;
  revision: Generated<number>;
  updated_at: string;
  invalid_json: string | null;
}

export interface ChangeSetTable {
  id: string;
  at: string;
  actor: string;
  source: string;
  summary: string;
  file_name: string | null;
  file_hash: string | null;
  undo_of: string | null;
  undone_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  change_set_id: string;
  at: string;
  actor: string;
  entity: string;
  row_id: number | null;
  row_uid: string | null;
  field: string | null;
  op: 'insert' | 'update' | 'delete' | 'restore' | 'bulk_insert';
  old_value: string | null;
  new_value: string | null;
  source: string;
  source_ref: string | null;
}

export interface LeaderTable {
  id: Generated<number>;
  uid: string;
  name: string;
  position: string;
  title: string | null;
  committee_org_id: number;
  level: 'city' | 'county' | 'township' | 'branch';
  phone: string | null;
  active_from: string | null;
  active_to: string | null;
  name_sort: string;
  name_initials: string;
  created_at: string;
  updated_at: string;
}

export interface LiaisonTable {
  id: Generated<number>;
  uid: string;
  leader_id: number;
  org_id: number;
  category: string | null;
  established_on: string | null;
  ended_on: string | null;
  main_problems: string | null;
  goals: string | null;
  measures: string | null;
  status: string;
  deleted_at: string | null;
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SavedViewTable {
  id: Generated<number>;
  grid: string;
  actor: string;
  name: string;
  state: string;
  updated_at: string;
}

export interface Database {
  dict_entry: DictEntryTable;
  setting: SettingTable;
  org: OrgTable;
  branch_ledger: BranchLedgerTable;
  change_set: ChangeSetTable;
  audit_log: AuditLogTable;
  leader: LeaderTable;
  liaison: LiaisonTable;
  saved_view: SavedViewTable;
}

export type OrgRow = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type NewLedgerRow = Insertable<BranchLedgerTable>;
export type NewLeader = Insertable<LeaderTable>;
export type NewLiaison = Insertable<LiaisonTable>;
