/**
 * Kysely's view of the tables (stays in core; the UI sees shared/contract types).
 * Must match the migrations: tests/core/migrations.test.ts compares the live schema
 * with schema.snapshot.sql.
 */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { FieldDef } from '../../../shared/domain/fields.ts';
import type { ledgerColumnDefs } from '../../../shared/domain/ledger.ts';

/** membersFormal → members_formal, as storedColumn() names a column. */
type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;
/** How SQLite holds a value: 是/否 as 1/0, refs as ids. */
type Stored<C extends FieldDef> = C['type'] extends 'integer' | 'decimal' | 'ref' | 'flag' ? number : string;
/** The row's own columns of a table's definitions (not those kept on its org, not the derived ones), each nullable. */
type StoredColumns<Cs extends readonly FieldDef[]> = {
  [C in Cs[number] as C extends { on: 'org' } | { derived: true } ? never : C extends { column: infer K extends string } ? K : Snake<C['field']>]: Stored<C> | null;
};

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

/** The ledger's value columns stored on branch_ledger, derived from its definitions (shared/domain/ledger.ts). */
export type LedgerValues = StoredColumns<typeof ledgerColumnDefs>;

/** The ledger's columns kept on the branch's org (its name, kind and field), from the same definitions. */
export type LedgerOrgColumn = {
  [C in (typeof ledgerColumnDefs)[number] as C extends { on: 'org' } ? (C extends { column: infer K extends string } ? K : Snake<C['field']>) : never]: C;
} extends infer M ? keyof M & keyof OrgTable : never;

/**
 * branch_ledger: its value columns are derived from the ledger's definitions
 * (shared/domain/ledger.ts), so a ledger column is declared once.
 */
export type BranchLedgerTable = LedgerValues & {
  id: Generated<number>;
  uid: string;
  org_id: number;
  year: number;
  deleted_at: string | null;
  revision: Generated<number>;
  updated_at: string;
  invalid_json: string | null;
  /** The 最强党支部 value typed before the pipeline (migration 0012): kept so none is lost, read by nothing. */
  strongest_status_typed: Generated<string | null>;
};

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
  notes: string | null;
  deleted_at: string | null;
  revision: Generated<number>;
  invalid_json: string | null;
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
  notes: string | null;
  invalid_json: string | null;
}

/** Columns every record table edited in a grid has. */
interface EditableRecord {
  id: Generated<number>;
  uid: string;
  notes: string | null;
  deleted_at: string | null;
  revision: Generated<number>;
  invalid_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface LiaisonVisitTable extends EditableRecord {
  liaison_id: number;
  visited_on: string;
  kind: string | null;
  content: string | null;
  problems_found: string | null;
  problems_solved: number | null;
  guidance: string | null;
  follow_up: string | null;
  signed_by: string | null;
}

export interface ProjectTable extends EditableRecord {
  year: number;
  leader_id: number;
  org_id: number;
  liaison_id: number | null;
  name: string;
  category: string | null;
  content: string | null;
  goal: string | null;
  funds: number | null;
  responsible: string | null;
  handling: string | null;
  due_on: string | null;
  progress: string | null;
  done_on: string | null;
  crossed_off: number | null;
  effect: string | null;
  evidence: string | null;
}

export interface ProblemTable extends EditableRecord {
  year: number;
  org_id: number;
  category: string | null;
  source: string | null;
  description: string;
  found_on: string | null;
  handling: string | null;
  measures: string | null;
  responsible: string | null;
  leader_id: number | null;
  liaison_visit_id: number | null;
  due_on: string | null;
  status: string;
  cleared_on: string | null;
  result: string | null;
  claimed_by: string | null;
  claimed_on: string | null;
  accepted_by: string | null;
  accepted_on: string | null;
}

/** One step of a problem's loop (a progress note: from = to). */
export interface ProblemStepTable {
  id: Generated<number>;
  uid: string;
  problem_id: number;
  from_status: string | null;
  to_status: string;
  at: string;
  actor: string;
  reason: string | null;
  note: string | null;
  deleted_at: string | null;
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface EvaluationDrawTable {
  id: Generated<number>;
  uid: string;
  year: number;
  stage: string;
  scope_org_id: number | null;
  ratio: number;
  seed: string;
  population: number;
  population_hash: string;
  picked_json: string;
  witnesses: string | null;
  drawn_at: string;
  actor: string;
  /** 0013: the draw as a printable record (see repos/draw.ts). */
  by_field: Generated<number>;
  rounding: Generated<string>;
  seed_given: Generated<number>;
  title: string | null;
  strata_json: Generated<string>;
  reason: string | null;
  supersedes_id: number | null;
}

export interface EvaluationTable extends EditableRecord {
  year: number;
  org_id: number;
  stage: string;
  evaluated_on: string | null;
  evaluator: string | null;
  score_org: number | null;
  score_members: number | null;
  score_public: number | null;
  score_society: number | null;
  score: number | null;
  result: string | null;
  draw_id: number | null;
  evidence: string | null;
  /** Made history by a send-back (退回): kept, no longer the branch's stage. */
  superseded_at: string | null;
}

/** One move of a branch along the "strongest branch" path (advance, send-back, fill from a ledger). */
export interface EvaluationStepTable {
  id: Generated<number>;
  uid: string;
  org_id: number;
  year: number;
  from_stage: string | null;
  to_stage: string | null;
  action: string;
  result: string | null;
  reason: string | null;
  actor: string;
  at: string;
  deleted_at: string | null;
  revision: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ExportBatchTable {
  id: string;
  template_id: string;
  template_version: number;
  unit_org_id: number | null;
  unit_code: string | null;
  unit_name: string;
  period: string;
  options_json: string;
  file_name: string;
  row_count: number;
  checksum: string;
  /** The last audit record when the file was written: changes after it are changes since. */
  audit_mark: number;
  send_down_id: string | null;
  created_at: string;
  actor: string;
}

export interface ImportBatchTable {
  id: string;
  file_name: string;
  file_hash: string;
  file_size: number;
  template_id: string | null;
  template_version: number | null;
  recognised_by: string;
  export_batch_id: string | null;
  unit_code: string | null;
  period: string | null;
  counts_json: string;
  change_set_id: string | null;
  status: string;
  created_at: string;
  actor: string;
  /** When the file read was made (its 填报日期, else its saved time; ISO): a value it wrote is as new as this. Null: an export of ours, or imported before it was kept. */
  file_made_at: string | null;
}

export interface HeaderMappingTable {
  signature: string;
  template_id: string;
  mapping_json: string;
  updated_at: string;
}

export interface SavedViewTable {
  id: Generated<number>;
  grid: string;
  actor: string;
  name: string;
  state: string;
  updated_at: string;
  /** 1 for the view the page opens with (one per grid and person); from 0016. */
  is_default: Generated<number>;
}

export interface StandardTable {
  id: Generated<number>;
  uid: string;
  year: number;
  criterion: string;
  ordinal: number;
  text: string;
  field: string | null;
  active: number;
  revision: Generated<number>;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ChecklistItemTable {
  id: Generated<number>;
  uid: string;
  org_id: number;
  year: number;
  standard_id: number;
  met: number | null;
  note: string | null;
  checked_on: string | null;
  checked_by: string | null;
  problem_id: number | null;
  revision: Generated<number>;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportReturnTable {
  id: Generated<number>;
  template_id: string;
  period: string;
  unit_org_id: number;
  state: string;
  round: Generated<number>;
  export_batch_id: string | null;
  sent_at: string | null;
  import_batch_id: string | null;
  file_name: string | null;
  file_hash: string | null;
  file_path: string | null;
  returned_at: string | null;
  returned_by: string | null;
  due_on: string | null;
  revision: Generated<number>;
  updated_at: string;
}

export interface ReportReturnEventTable {
  id: Generated<number>;
  return_id: number;
  at: string;
  actor: string;
  from_state: string | null;
  to_state: string;
  round: number;
  reason: string | null;
  file_name: string | null;
  file_hash: string | null;
  file_path: string | null;
  export_batch_id: string | null;
  import_batch_id: string | null;
  problems_json: string | null;
}

export interface ConsolidationReportTable {
  id: Generated<number>;
  template_id: string;
  template_version: number;
  period: string;
  scope_org_id: number;
  figures_json: string;
  sources_json: string;
  reported_at: string;
  actor: string;
  file_name: string;
  file_path: string | null;
  file_hash: string;
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
  liaison_visit: LiaisonVisitTable;
  project: ProjectTable;
  problem: ProblemTable;
  problem_step: ProblemStepTable;
  evaluation_draw: EvaluationDrawTable;
  report_return: ReportReturnTable;
  report_return_event: ReportReturnEventTable;
  evaluation: EvaluationTable;
  evaluation_step: EvaluationStepTable;
  export_batch: ExportBatchTable;
  import_batch: ImportBatchTable;
  header_mapping: HeaderMappingTable;
  saved_view: SavedViewTable;
  standard: StandardTable;
  checklist_item: ChecklistItemTable;
  consolidation_report: ConsolidationReportTable;
}

export type OrgRow = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type NewLedgerRow = Insertable<BranchLedgerTable>;
export type NewLeader = Insertable<LeaderTable>;
export type NewLiaison = Insertable<LiaisonTable>;
export type NewVisit = Insertable<LiaisonVisitTable>;
export type NewProject = Insertable<ProjectTable>;
export type NewProblem = Insertable<ProblemTable>;
export type NewEvaluation = Insertable<EvaluationTable>;
