/** Result types of the contract: what the UI sees. The DB schema type stays in core. */
import type { CellValue, RowValues } from '../domain/fields.ts';
import type { LedgerValues, ledgerDerivedColumns } from '../domain/ledger.ts';
import type { LiaisonRuleSettings, RuleOutcome } from '../domain/liaison.ts';
import type { OrgKind, OrgLevel } from '../domain/org.ts';
import type { RecordTable } from '../domain/records.ts';
import type { BranchChecklist } from '../domain/standards.ts';
import type { RankingParts, RankingSettings } from '../domain/ranking.ts';
import type { CellType, ExportChoices, SourceId } from '../templates/types.ts';
import type { ReturnOfFile } from './returnsBoard.ts';

export interface AppInfo {
  name: string;
  version: string;
  schemaVersion: number;
  dbPath: string;
  /** Where the core runs: 'electron' | 'http' | 'loopback' (set by the transport host). */
  host: string;
}

export interface OrgNode {
  id: number;
  uid: string;
  parentId: number | null;
  level: OrgLevel;
  kind: OrgKind;
  name: string;
  code: string | null;
  field: string | null;
  closedOn: string | null;
  /** Direct children still open. */
  childCount: number;
  /** Open branches (党支部/党总支) in this subtree, this node included. */
  branchCount: number;
  /** Formal + probationary members in the subtree's ledger rows of `year`. */
  memberCount: number;
}

export interface OrgChildren {
  year: number;
  parent: OrgNode | null;
  nodes: OrgNode[];
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/** A branch in its unit's ranking (党支部综合排名). */
export interface RankedBranch {
  orgId: number;
  name: string;
  township: string | null;
  secretary: string | null;
  parts: RankingParts;
  problemsTotal: number;
  problemsCleared: number;
  /** The parts it has no record of this year (counted 0), by their labels. */
  missing: string[];
  /** Out of 100. */
  score: number;
  /** 1 is the highest; equal scores share a rank. */
  rank: number;
  /** Among the bottom share (排名靠后). */
  bottom: boolean;
}

export interface BranchRanking {
  year: number;
  scopeName: string | null;
  total: number;
  bottomCount: number;
  /** The bottom rule as printed. */
  rule: string;
  settings: RankingSettings;
  rows: RankedBranch[];
}

/** A secretary for a reminder talk (提醒谈话): the branch near the bottom this year and last. */
export interface ReminderTalk {
  orgId: number;
  name: string;
  township: string | null;
  secretary: string | null;
  /** Last year's secretary, where another. */
  previousSecretary: string | null;
  score: number;
  rank: number;
  total: number;
  previousScore: number;
  previousRank: number;
  previousTotal: number;
  parts: RankingParts;
  missing: string[];
}

export interface ReminderList {
  year: number;
  scopeName: string | null;
  rule: string;
  settings: RankingSettings;
  rows: ReminderTalk[];
}

export interface StatsSummary {
  year: number | null;
  /** The unit counted (its subtree); null: the whole tree. branchesByCounty then counts by the units directly below it. */
  scopeName: string | null;
  orgsByLevel: CountRow[];
  branches: number;
  branchesByCounty: CountRow[];
  branchesByField: CountRow[];
  branchesByGrade: CountRow[];
  leaders: number;
  liaisonPoints: number;
}

export interface DictEntry {
  dict: string;
  code: string;
  label: string;
  synonyms: string[];
  sortOrder: number;
  active: boolean;
}

/** A value that was typed or pasted but not understood: kept, shown red, explained. */
export interface InvalidValue {
  raw: string;
  message: string;
}

/** One row of the classified branch ledger, as the grid shows it. */
/** A row of the branch ledger: its values typed from the column definitions (shared/domain/ledger.ts), and what the grid needs besides. */
export type LedgerRow = LedgerValues & RowValues<typeof ledgerDerivedColumns> & {
  id: number;
  orgId: number;
  year: number;
  countyId: number | null;
  townshipId: number | null;
  /** Pinyin initials of the township's name, for the quick search (tyz → 天义镇's branches). */
  townshipInitials: string | null;
  /** Pinyin sort key and initials of the name (sorting and search by `tyz`). */
  nameSort: string;
  initials: string;
  invalid: Record<string, InvalidValue> | null;
  revision: number;
  closedOn: string | null;
  deletedAt: string | null;
};

export interface LedgerList {
  year: number;
  total: number;
  rows: LedgerRow[];
}

/**
 * What the 分类台账 page opens on, in one answer: the ledger's years (newest first), the
 * department's unit (the page's scope at start) and the first rows of the latest year in that
 * unit, the same as `ledger.list` with those arguments would answer; null when the ledger has no year.
 */
export interface LedgerOpening {
  years: number[];
  unitId: number | null;
  first: LedgerList | null;
}

export interface EditProblem {
  id: number;
  field: string;
  message: string;
  /** The value was written all the same, kept as typed and marked (not understood); otherwise it was not written. */
  kept?: boolean;
}

export interface EditResult {
  changeSetId: string | null;
  rows: LedgerRow[];
  /** Values kept but not understood (marked red), and edits refused (e.g. an empty name). */
  problems: EditProblem[];
}

/**
 * An undo or a redo of one change set, whatever it touched (ledger cells, record tables, the
 * tree, a whole import). Refused as a whole, with what changed since named, when it would
 * overwrite a later change; then nothing is written.
 */
export interface UndoResult {
  /** The undo's own change set: undone (redone) in turn the same way. Null when it wrote nothing. */
  changeSetId: string | null;
  /** What an import's undo left as it was, each named: values and branches worked on or used since. */
  problems: string[];
  /** Rows removed for good (added by what was undone, used by nothing since), by name. */
  removed: string[];
  /** Ledger rows written, as the grid holds them, and the ids of rows removed or deleted. */
  ledger: { rows: LedgerRow[]; gone: number[] };
  /** Record rows written (with the counters of the year asked for), and ids removed or deleted, per table. */
  records: { table: RecordTable; rows: RecordRow[]; gone: number[] }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  field: string | null;
  fieldLabel: string | null;
  op: string;
  oldValue: unknown;
  newValue: unknown;
  source: string;
  changeSetId: string;
  summary: string;
}

export interface CheckRowRef {
  ledgerId: number;
  orgId: number;
  name: string;
  township: string | null;
  detail?: string;
}

export interface CheckResult {
  rule: string;
  label: string;
  description: string;
  enabled: boolean;
  rows: CheckRowRef[];
}

export interface OrgSearchHit {
  node: OrgNode;
  /** Names from the root down to the parent, for showing where the unit is. */
  pathNames: string[];
  /** Ids from the root down to the node itself, to expand the tree to it. */
  pathIds: number[];
  /** The township (苏木乡镇、街道) the unit is in, or is: how pickers tell two branches of one name apart. */
  township: string | null;
}

export interface SavedView {
  id: number;
  grid: string;
  name: string;
  state: unknown;
  updatedAt: string;
  /** The view the page opens with. */
  isDefault: boolean;
}

export interface Settings {
  /** A branch whose last term change is older than this many years is flagged. */
  termOverdueYears: number;
  liaisonRules: LiaisonRuleSettings;
  /** The unit the department serves (an org id): where every page starts. Null: not chosen (the whole tree). */
  unitId: number | null;
  /** The staff member's own name, written as 操作人 in every history. Null: the computer's account. */
  operatorName: string | null;
}

/** A row of a record table (leaders, points, work records, projects, problems, evaluations). */
export interface RecordRow {
  id: number;
  uid: string;
  revision: number;
  deletedAt: string | null;
  /** Values kept but not understood, by field. */
  invalid: Record<string, InvalidValue> | null;
  /** Stored and derived values by the table definition's field names (refs hold ids). */
  values: Record<string, CellValue>;
}

export interface RecordList {
  table: RecordTable;
  year: number;
  rows: RecordRow[];
}

export interface RecordEditResult {
  changeSetId: string | null;
  rows: RecordRow[];
  problems: EditProblem[];
}

export interface LiaisonRules {
  year: number;
  asOf: string;
  outcomes: RuleOutcome[];
}

/** A leader at a glance: the points, the year's records and projects, and the rules the leader breaks. */
export interface LeaderCard {
  year: number;
  leader: RecordRow;
  points: RecordRow[];
  visits: RecordRow[];
  projects: RecordRow[];
  violations: (RuleOutcome['violations'][number] & { rule: string; label: string })[];
}

/** A branch at a glance: its ledger row of the year, the leaders guiding it, their records and projects. */
export interface BranchCard {
  year: number;
  org: OrgNode;
  ledger: LedgerRow | null;
  points: RecordRow[];
  visits: RecordRow[];
  projects: RecordRow[];
  problems: RecordRow[];
  evaluations: RecordRow[];
  /** The year's standards checklist (对标检查); null for a unit that is not a branch. */
  checklist: BranchChecklist | null;
  /** Its “最强党支部” stages, history and moves; null for a unit that is not a branch. */
  pipeline: PipelineBranchView | null;
}

/** A built-in official table, with the choices last used for it. */
export interface TemplateInfo {
  id: string;
  version: number;
  title: string;
  attachment: number;
  description: string;
  returnable: boolean;
  rows: 'records' | 'units';
  sheets: { name: string; columns: { field: string; header: string; group: string | null; optional: boolean; width: number }[] }[];
  choices: ExportChoices;
  /** The unit (null: the whole tree) and year of the last export, offered again. */
  lastScope: { year: number; unit: OrgNode | null } | null;
}

export interface ExportPreview {
  title: string;
  attachment: string;
  reportingUnit: string;
  columns: { field: string; header: string; group: string | null; width: number; type: CellType }[];
  /** The first rows as they will print. */
  rows: string[][];
  /** The 合计 row over all rows, where the table has one. */
  totals: string[] | null;
  total: number;
  sheets: { name: string; rows: number }[];
  /** The lines under the table, as the template has them. */
  footer: string[];
  /** Values kept but not understood (red in the grid) in what will be written: said before writing. */
  invalid: ExportInvalidCells;
}

/**
 * Red cells of an export: written as typed (a number column then holds text, and its 合计
 * leaves them out; a summary leaves out the branches' red values it would count).
 */
export interface ExportInvalidCells {
  count: number;
  /** The first ones, for a list a person can read. */
  cells: { sheet: string; row: string; column: string; value: string; message: string; counted: 'written' | 'leftOut' }[];
}

export interface ExportResult {
  batchId: string;
  file: string;
  fileName: string;
  rows: number;
  sheets: { name: string; rows: number }[];
  checksum: string;
  ms: number;
  /** Red cells written as typed (or left out of a summary's figures). */
  invalidCells: number;
}

export interface SendDownResult {
  sendDownId: string;
  folder: string;
  files: { unitId: number; unitName: string; unitCode: string | null; file: string; fileName: string; rows: number; batchId: string; invalidCells: number }[];
}

export interface ExportBatchInfo {
  id: string;
  templateId: string;
  templateVersion: number;
  unitName: string;
  unitCode: string | null;
  period: string;
  fileName: string;
  rows: number;
  sendDownId: string | null;
  at: string;
  actor: string;
}

// ---- Import: a returned or hand-made file, read, checked and compared before anything is written.

/** What happened to a cell between what was sent, what came back and what is held now. */
export type ImportCellStatus =
  /** The file's value differs from ours and we take it. */
  | 'change'
  /** Both sides changed it since the export, differently: a person decides. */
  | 'conflict'
  /** We changed it since the export; the file still has the old value: ours is kept. */
  | 'kept'
  /** The file's value cannot be read as the column's type. */
  | 'error';

export interface ImportCellDiff {
  field: string;
  /** A1 address in the file. */
  cell: string;
  status: ImportCellStatus;
  /** As typed in the file. */
  raw: CellValue;
  /** Parsed (null when it could not be). */
  value: CellValue;
  current: CellValue | null;
  /** The value as sent, when the file is one of our exports (recovered from the audit log). */
  sent: CellValue | null | undefined;
  message?: string;
  /**
   * A file without our manifest, older than our value: when the cell was changed here, and when
   * the file was made (its 填报日期, else the time it was saved). Its status is then 'conflict'.
   */
  dates?: { held: string; file: string; fileBy: 'filled' | 'saved' };
}

export interface ImportRowView {
  sheet: string;
  /** Excel row number. */
  sourceRow: number;
  status: 'new' | 'changed' | 'unchanged' | 'conflict' | 'error' | 'fuzzy';
  /** The ledger row it was matched to, and how. */
  match: { ledgerId: number; orgId: number; name: string; township: string | null; by: 'id' | 'name' | 'fuzzy' } | null;
  /** Where a new branch would go. */
  parent: { id: number; name: string } | null;
  /** A new branch under a unit the tree lacks: that unit's `ImportNewUnit.key` (goes in only when the unit is created). */
  newUnit?: string;
  /** A ledger row deleted here that this row would bring back (only when the person accepts it). */
  restores?: number;
  /**
   * For a sheet of records (not the ledger): the row held here it was matched to (a record, or
   * for the 评定验收台账 the branch whose records it shows), how, and how a person names it.
   */
  record?: { id: number; label: string; by: 'id' | 'key' };
  /** For a sheet of records: a row the file adds, and what its refs (leader, branch, point…) were found to be by their names. */
  refs?: Record<string, number>;
  /** Every mapped column's value, normalised (numbers, YYYY-MM-DD, dictionary codes, booleans). */
  values: Record<string, CellValue>;
  diffs: ImportCellDiff[];
  messages: string[];
  /** Fields a person corrected in the preview: what goes in is theirs, not the file's (and the audit says so). */
  corrected?: string[];
}

export interface ImportProblemView {
  severity: 'error' | 'warning';
  sheet: string;
  cell: string;
  message: string;
}

export interface ImportCounts {
  read: number;
  new: number;
  changed: number;
  unchanged: number;
  missing: number;
  conflicts: number;
  /** Cells the unit emptied where we hold a value (applied only when chosen). */
  clears: number;
  errors: number;
  warnings: number;
}

export interface ImportColumnView {
  /** File column, 0-based, and its letter. */
  index: number;
  letter: string;
  header: string;
  /** The template field it maps to, or null (not imported). */
  field: string | null;
  /** The dictionary whose labels the column holds (its codes are shown as labels). */
  dict?: string;
  /**
   * How sure the reading of its header is (0–1): 1 for a header the template or a person named,
   * less for one read by its words (党组织书记 → 书记); `guessed` then, for the mapping step to show.
   */
  confidence?: number;
  guessed?: boolean;
}

/**
 * A value a dictionary column holds that its dictionary does not know, listed once with every
 * cell that holds it (hundreds of 否 are one question, not hundreds of errors).
 */
/** A way the file writes a dictionary value that the dictionary reads as one of its entries (好 → 先进): told, so nothing is read another way without a word. */
export interface ImportSynonymRead {
  sheet: string;
  field: string;
  header: string;
  dict: string;
  /** As the file writes it. */
  value: string;
  /** The entry it is read as. */
  label: string;
  count: number;
  cells: string[];
}

export interface ImportUnknownValue {
  sheet: string;
  field: string;
  /** The column's header as the file writes it. */
  header: string;
  dict: string;
  /** As the file writes it (its first cell). */
  value: string;
  count: number;
  /** A1 addresses, in the file's order. */
  cells: string[];
  /** The person said it is not one of the entries: kept as written (red) where its row is accepted. */
  kept: boolean;
}

/** What a value of a dictionary column means: an entry's code, or null (not understood, kept as written). `remember`: as a synonym of that entry, for the next file. */
export interface ImportValueChoice {
  dict: string;
  value: string;
  code: string | null;
  remember: boolean;
}

/** A sheet of the file, and what its rows are. */
export interface ImportSheetView {
  name: string;
  /** The table its rows go to: the ledger, a record table, or the stages' records of each branch (evaluationPath). */
  source: SourceId;
  /** What one row is called: 党支部, 联系点, 工作记录… */
  noun: string;
  headerRows: number[];
  columns: ImportColumnView[];
}

/** A township (or other unit) a hand-made file names and the tree lacks: a person decides whether to create it, and where. */
export interface ImportNewUnit {
  /** The name as the file's rows write it, compared as people write it (the decisions' key). */
  key: string;
  /** The name it would be created with (the county's name before it taken off). */
  name: string;
  /** How many rows of the file are under it, and their cells (sheet!A1). */
  rows: number;
  cells: string[];
  /** Proposed parent: the county the file's 旗县区 column names, else the one its other rows are in, else the tree's root (null: a top-level unit). */
  parent: { id: number; name: string } | null;
  /** The division of Inner Mongolia it is under the proposed parent (工业园区, 150430401): created with that name and code. */
  division?: { name: string; code: string };
}

export interface ImportPreview {
  sessionId: string;
  file: { name: string; size: number; hash: string };
  template: { id: string; title: string; version: number };
  recognisedBy: 'manifest' | 'headers';
  /** From the manifest of a returned export. */
  exported: { unitName: string; unitCode: string | null; period: string; batchId: string; at: string; ours: boolean } | null;
  year: number;
  /** The main sheet (the first), its header rows and columns. */
  sheet: string;
  headerRows: number[];
  columns: ImportColumnView[];
  /** Every sheet read, the main one first: a 联系点台账 comes back with its 工作记录. */
  sheets: ImportSheetView[];
  /** Template fields with no column in the file. */
  unmapped: string[];
  /** A hand-made layout seen for the first time: the user should confirm the columns. */
  needsMapping: boolean;
  counts: ImportCounts;
  rows: ImportRowView[];
  missing: { ledgerId: number; name: string; township: string | null }[];
  problems: ImportProblemView[];
  /** When the same file was imported before. */
  importedBefore: { at: string; actor: string } | null;
  /** Values of dictionary columns the dictionaries do not know, each once (import.mapValues says what they mean). */
  unknownValues: ImportUnknownValue[];
  /** Values written otherwise than their entry's name and read as it by a synonym (好 → 先进), each once. */
  synonymReads?: ImportSynonymRead[];
  /** Units the file names and the tree lacks (a hand-made ledger's townships): each a decision, not an error. */
  newUnits?: ImportNewUnit[];
  /** The return this file is (unit, table, period, state, round), when its manifest's batch was sent down from here. */
  report?: ReturnOfFile;
}

export interface ImportDecisions {
  /** Rows not to apply at all (by Excel row number). */
  rejectRows?: number[];
  /** Rows to apply although they are new-by-fuzzy-match or have errors (bad cells are kept as written, marked red). */
  acceptRows?: number[];
  /** Cells to apply or not, overriding the default (changes applied; conflicts and erasures not). */
  cells?: { sourceRow: number; field: string; accept: boolean }[];
  /** Empty here too the cells the unit emptied (default: no; a stray Delete looks like a deliberate clearing). */
  clears?: boolean;
  /** Units the file names and the tree lacks: create each (under `parentId`, default the proposed one) or not; not listed: not created, and their rows not taken. */
  newUnits?: { key: string; create: boolean; parentId?: number | null }[];
  /** The same decisions for rows of the file's other sheets (rows and cells above are the main sheet's). */
  sheets?: { sheet: string; rejectRows?: number[]; acceptRows?: number[]; cells?: { sourceRow: number; field: string; accept: boolean }[] }[];
}

/** A cell corrected in the preview: the row as now compared, and the preview's figures and problems. */
export interface ImportFixResult {
  row: ImportRowView;
  counts: ImportCounts;
  problems: ImportProblemView[];
  unknownValues: ImportUnknownValue[];
}

export interface ImportCommitResult {
  batchId: string;
  changeSetId: string | null;
  /** As the preview's summary said (shared/domain/importPlan.ts), less what was refused since (see problems). */
  applied: { newRows: number; newCells: number; changedRows: number; cells: number; clears: number };
  skipped: { rows: number; cells: number };
  /** Accepted values that were not written after all (changed here since the comparison, a row deleted since…), by the file's cell. */
  problems: ImportProblemView[];
}

export interface ImportBatchInfo {
  id: string;
  fileName: string;
  fileHash: string;
  templateId: string | null;
  recognisedBy: string;
  unitCode: string | null;
  period: string | null;
  counts: ImportCounts & { applied?: ImportCommitResult['applied'] };
  status: 'committed' | 'undone';
  at: string;
  actor: string;
  changeSetId: string | null;
}

/** A league/city, banner/county/district or sumu/township/street office of the bundled divisions. */
export interface Division {
  /** NBS code: 4 digits for a league/city, 6 for a banner, 9 for a township. */
  code: string;
  /** As it is known at home (宁城县铁西街道 → 铁西街道). */
  name: string;
  /** As the division list writes it. */
  official: string;
  level: 'city' | 'county' | 'township';
  parentCode: string | null;
  /** Where it lies: 赤峰市宁城县 (for a league: 内蒙古自治区). */
  place: string;
  /** A Party committee of its own (league, banner, sumu, township, street office); false: a park, farm or zone, built only when chosen. */
  regular: boolean;
}

/** What choosing a division would build: the unit, the committees below it, and the parks and farms that may be added. */
export interface SetupPlan {
  unit: Division;
  units: Division[];
  extras: Division[];
}

/** Whether this database still needs its first run, and who and where it serves. */
export interface SetupStatus {
  /** No unit at all: the first run asks which department this is. */
  empty: boolean;
  unit: OrgNode | null;
  operatorName: string | null;
  /** The computer's account, written as 操作人 while no name is set. */
  account: string;
}

export interface SetupResult {
  unit: OrgNode;
  /** Units built, the chosen one included. */
  created: number;
}

/** One step of a problem's loop (问题清单): a progress note is a step from a state to itself. */
export interface ProblemStep {
  id: number;
  /** null: the problem was opened (建账). */
  from: string | null;
  to: string;
  /** The day of the step (YYYY-MM-DD). */
  at: string;
  actor: string;
  reason: string | null;
  note: string | null;
  /** When it was recorded (ISO). */
  recordedAt: string;
}

/** Problems counted for a closure rate: all, cleared, and those still open by state and deadline. */
export interface ProblemCounts {
  total: number;
  cleared: number;
  /** cleared / total, null without problems. */
  rate: number | null;
  open: number;
  claimed: number;
  rectifying: number;
  overdue: number;
}

/** Closure rates of a unit: its own total, each unit directly below it, each category. */
export interface ProblemClosure {
  year: number;
  /** The day the deadlines are counted on (the core's today): also what a step's dialog starts from. */
  asOf: string;
  unit: { id: number; name: string } | null;
  total: ProblemCounts;
  /** The unit's own problems (本级) first when it has any, then each unit directly below it (its subtree). */
  units: (ProblemCounts & { orgId: number; name: string; own: boolean })[];
  categories: (ProblemCounts & { category: string | null; label: string })[];
}

// ---- The "strongest branch" pipeline (services/pipeline).

/** A stage record as the pipeline page shows it (history included, marked by supersededAt). */
export interface PipelineStageRecord {
  id: number;
  stage: string;
  result: string | null;
  evaluatedOn: string | null;
  evaluator: string | null;
  score: number | null;
  scoreOrg: number | null;
  scoreMembers: number | null;
  scorePublic: number | null;
  scoreSociety: number | null;
  evidence: string | null;
  notes: string | null;
  supersededAt: string | null;
}

/** One logged move: 推进 (advance), 退回 (send_back), 补录 (fill), added in the records grid (add), migrated (migrate). */
export interface PipelineStep {
  from: string | null;
  to: string | null;
  action: string;
  result: string | null;
  reason: string | null;
  actor: string;
  at: string;
}

export interface PipelineBranchView {
  orgId: number;
  name: string;
  year: number;
  /** The derived 最强党支部 value (dictionary strongest_status). */
  status: string;
  /** The latest stage that is not history, or null before 自创. */
  stage: string | null;
  drawn: boolean;
  records: PipelineStageRecord[];
  steps: PipelineStep[];
}

export interface PipelineBoardBranch {
  orgId: number;
  name: string;
  township: string | null;
  stage: string | null;
  result: string | null;
  status: string;
  evaluatedOn: string | null;
  score: number | null;
  drawn: boolean;
  sentBack: number;
}

/** The counts the reports quote: each cumulative (a branch accepted was also created, reported and rated). */
export interface PipelineCounts {
  branches: number;
  created: number;
  reported: number;
  townshipRated: number;
  accepted: number;
  drawn: number;
  named: number;
  kept: number;
  notPassed: number;
  sentBack: number;
  /** Named among all branches, in per cent to one decimal (19.1). */
  namedShare: number;
}

export interface PipelineBoard {
  year: number;
  scopeOrgId: number | null;
  counts: PipelineCounts;
  /** Branches by their derived status, in the path's order (未创建 … 市级评估通过, then 未通过). */
  columns: { status: string; branches: PipelineBoardBranch[] }[];
}

export interface PipelineMoveResult {
  changeSetId: string | null;
  branch: PipelineBranchView;
}

/** A liaison point whose work records of the year fall short of the rule's minimum, pro rata to the day. */
export interface BehindPoint {
  liaisonId: number;
  /** The point's stable id (the reminder list writes it into the file). */
  uid: string;
  leaderId: number;
  leaderName: string;
  leaderTitle: string | null;
  orgId: number;
  branchName: string;
  township: string | null;
  /** The day the point was set up (the count runs from it when later than 1 January). */
  since: string | null;
  records: number;
  expected: number;
  short: number;
  lastVisitOn: string | null;
}

export interface LiaisonBehind {
  year: number;
  /** The day counted to: today, or the last day of a past year. */
  asOf: string;
  /** The rule's minimum of work records per point and year. */
  perYear: number;
  /** The rule is switched on in 设置 (off: no point is behind). */
  enabled: boolean;
  rows: BehindPoint[];
}

/** What the new-point dialog proposes for a branch: its category, and the leaders nearest to it first. */
export interface PointProposal {
  orgId: number;
  township: string | null;
  grade: string | null;
  /** 联系点类别 proposed from the grade (see categoryForGrade). */
  category: string;
  /** The committees above the branch, nearest first (its township's, then its county's), with their leaders of the year. */
  near: { committeeId: number; committee: string; level: 'township' | 'county'; leaderIds: number[] }[];
  /** The leaders who already guide the branch: the picker shows them 已在联系 and not to be chosen. */
  guidedBy: number[];
}

/** The first run's guided tour: whether the next screen offers it, and what became of it once offered. */
export interface TourState {
  offer: boolean;
  outcome: 'shown' | 'skipped' | null;
}
