/**
 * The columns of the classified branch ledger (分类台账): one definition used by the
 * grid (editors, validation marks), the core (parsing and checking every edit) and,
 * later, the official export and import templates.
 */
import { fieldMap, isImportable, type FieldDef, type RowValues } from './fields.ts';

export type LedgerColumn = FieldDef<LedgerField>;

/**
 * The ledger's columns, with where each is stored: everything else (the grid's columns,
 * the contract's LedgerRow, the SELECT, the year copy, the import's writable set, the
 * totals and the template's columns) is derived from this list. docs/tables.md says how
 * to add a column.
 */
export const ledgerColumnDefs = [
  { field: 'name', label: '党组织名称', type: 'text', editable: true, required: true, width: 240, on: 'org', key: true },
  { field: 'kind', label: '组织类别', type: 'dict', dict: 'org_kind', offered: ['branch', 'general_branch'], editable: true, width: 100, on: 'org' },
  { field: 'field', label: '领域', type: 'dict', dict: 'field', editable: true, width: 150, on: 'org' },
  { field: 'membersFormal', label: '正式党员（名）', type: 'integer', editable: true, width: 120, summed: true },
  { field: 'membersProbationary', label: '预备党员（名）', type: 'integer', editable: true, width: 120, summed: true },
  { field: 'secretary', label: '书记', type: 'text', editable: true, width: 100, person: true },
  { field: 'secretaryPhone', label: '联系电话', type: 'phone', editable: true, width: 140 },
  { field: 'grade', label: '等次', type: 'dict', dict: 'grade', editable: true, width: 90 },
  { field: 'standardised', label: '标准化规范化', type: 'flag', editable: true, width: 120 },
  // Derived from the evaluation pipeline (services/pipeline), never typed twice: the ledger's SELECT computes it.
  { field: 'strongestStatus', label: '“最强党支部”创建', type: 'dict', dict: 'strongest_status', editable: false, derived: true, width: 150 },
  { field: 'weakLax', label: '软弱涣散', type: 'flag', editable: true, width: 100 },
  // 党建带群建 “1+3”: whether the unit's trade union, youth league and women's federation are set up; the totals count the 是.
  { field: 'unionBuilt', label: '工会组织已建立', type: 'flag', editable: true, width: 120, summed: true },
  { field: 'youthLeagueBuilt', label: '共青团组织已建立', type: 'flag', editable: true, width: 130, summed: true },
  { field: 'womenFederationBuilt', label: '妇联组织已建立', type: 'flag', editable: true, width: 120, summed: true },
  // Offices often record a term change by its month (换届时间（年月）).
  { field: 'termChangedOn', label: '换届时间', type: 'date', month: true, editable: true, width: 120 },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 200, maxLength: 1000, yearly: true },
] as const satisfies readonly FieldDef[];

/** Fields of a ledger row the user edits; `name`, `kind` and `field` write through to the org. */
export type LedgerField = (typeof ledgerColumnDefs)[number]['field'];

/** A ledger row's values, typed from the definitions. */
export type LedgerValues = RowValues<typeof ledgerColumnDefs>;

/** The same list, as code reads it (any column may have any fact). */
export const ledgerColumns: readonly LedgerColumn[] = ledgerColumnDefs;

/** Columns the core computes for a row: where the branch sits (from the tree) and who guides it (from the liaison points). */
export const ledgerDerivedColumns = [
  { field: 'county', label: '旗县区', type: 'text', editable: false, derived: true, width: 130 },
  { field: 'township', label: '苏木乡镇（街道）', type: 'text', editable: false, derived: true, width: 160 },
  { field: 'liaisonLeaders', label: '联系领导', type: 'text', editable: false, derived: true, width: 140 },
] as const satisfies readonly FieldDef[];

export const ledgerColumnByField = fieldMap<LedgerField>(ledgerColumns);

/**
 * The 最强党支部 column a returned or hand-made ledger writes is read and compared like any cell, but
 * the commit does not store it: a branch the file puts further along gets the missing stage records
 * (按导入台账补录), one that disagrees otherwise is reported (services/pipeline/fromLedger.ts).
 */
export const pipelineImported = ['strongestStatus'] as const;

/** Fields an import writes (and the preview lets a person correct); a branch's name identifies its row, and is written only to a row matched by its id. */
export const importedFields: ReadonlySet<string> = new Set([...ledgerColumns.filter(isImportable).map((c) => c.field), ...pipelineImported]);
