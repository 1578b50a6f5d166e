/**
 * The columns of the classified branch ledger (分类台账): one definition used by the
 * grid (editors, validation marks), the core (parsing and checking every edit) and,
 * later, the official export and import templates.
 */
import { fieldMap, type FieldDef } from './fields.ts';

export type LedgerColumn = FieldDef<LedgerField>;

/** Fields of a ledger row the user edits; `name`, `field` and `kind` write through to the org. */
export type LedgerField =
  | 'name'
  | 'kind'
  | 'field'
  | 'membersFormal'
  | 'membersProbationary'
  | 'secretary'
  | 'secretaryPhone'
  | 'grade'
  | 'standardised'
  | 'strongestStatus'
  | 'weakLax'
  | 'termChangedOn'
  | 'notes';

export const ledgerColumns: readonly LedgerColumn[] = [
  { field: 'name', label: '党组织名称', type: 'text', editable: true, required: true, width: 240 },
  { field: 'kind', label: '组织类别', type: 'dict', dict: 'org_kind', offered: ['branch', 'general_branch'], editable: true, width: 100 },
  { field: 'field', label: '领域', type: 'dict', dict: 'field', editable: true, width: 150 },
  { field: 'membersFormal', label: '正式党员（名）', type: 'integer', editable: true, width: 120, summed: true },
  { field: 'membersProbationary', label: '预备党员（名）', type: 'integer', editable: true, width: 120, summed: true },
  { field: 'secretary', label: '书记', type: 'text', editable: true, width: 100 },
  { field: 'secretaryPhone', label: '联系电话', type: 'phone', editable: true, width: 140 },
  { field: 'grade', label: '等次', type: 'dict', dict: 'grade', editable: true, width: 90 },
  { field: 'standardised', label: '标准化规范化', type: 'flag', editable: true, width: 120 },
  { field: 'strongestStatus', label: '“最强党支部”创建', type: 'dict', dict: 'strongest_status', editable: true, width: 150 },
  { field: 'weakLax', label: '软弱涣散', type: 'flag', editable: true, width: 100 },
  // Offices often record a term change by its month (换届时间（年月）).
  { field: 'termChangedOn', label: '换届时间', type: 'date', month: true, editable: true, width: 120 },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 200, maxLength: 1000 },
];

export const ledgerColumnByField = fieldMap(ledgerColumns);

/** Fields an import writes (and the preview lets a person correct); a branch's name identifies its row, and is written only to a row matched by its id. */
export const importedFields: ReadonlySet<string> = new Set(ledgerColumns.filter((c) => c.editable && c.field !== 'name').map((c) => c.field));
