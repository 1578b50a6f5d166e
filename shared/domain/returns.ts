/**
 * What each sheet of a returned file is, and what it may write: the ledger's rows, a record
 * table's (联系点, 工作记录, 领办实事项目, 问题清单), or the 评定验收台账, whose row is a
 * branch and whose cells are its stages' evaluation records. The import, its preview (which
 * cells a person may correct) and its plan (what a new row fills) read it from here.
 */
import type { SourceId } from '../templates/types.ts';
import { evaluationPathCells } from './evaluation.ts';
import { isImportable, type FieldDef } from './fields.ts';
import { importedFields } from './ledger.ts';
import { recordField, recordTables, type RecordTable } from './records.ts';

/** Sheets whose rows are records, and the table they are records of. */
export const recordSources = {
  liaison: 'liaison',
  visit: 'visit',
  project: 'project',
  problem: 'problem',
  evaluationPath: 'evaluation',
} as const satisfies Partial<Record<SourceId, RecordTable>>;

export type RecordSource = keyof typeof recordSources;

export function isRecordSource(source: SourceId): source is RecordSource {
  return source in recordSources;
}

/** What one row of a sheet is called in figures and messages. */
export function rowNoun(source: SourceId): string {
  if (source === 'ledger') return '党支部';
  if (source === 'orgSummary' || source === 'liaisonSummary' || source === 'keyShares' || source === 'problemClosure') return '单位';
  if (source === 'evaluationPath') return '党支部的评定记录';
  if (source === 'reminders') return '党支部';
  if (source === 'returnsChase') return '单位';
  if (source === 'visitsBehind') return '联系点';
  return recordTables[recordSources[source]].noun;
}

/**
 * The column definition behind a sheet's field: the record table's own, or for the
 * 评定验收台账 the field of the stage's record the cell shows (得分 of 旗县验收 is `score`).
 */
export function fieldDefOf(source: RecordSource, field: string): FieldDef | undefined {
  if (source !== 'evaluationPath') return recordField(recordSources[source], field);
  const cell = evaluationPathCells[field];
  return cell ? recordField('evaluation', cell.field) : undefined;
}

const writable = new Map<SourceId, ReadonlySet<string>>();

/** The fields a sheet's file may write: typed by people, stored, not a key, not a picked ref (`isImportable`). */
export function writableFields(source: SourceId): ReadonlySet<string> {
  let set = writable.get(source);
  if (set) return set;
  if (source === 'ledger') set = importedFields;
  else if (!isRecordSource(source)) set = new Set();
  else if (source === 'evaluationPath') set = new Set(Object.keys(evaluationPathCells).filter((f) => isImportable(fieldDefOf(source, f)!)));
  else set = new Set(recordTables[recordSources[source]].fields.filter(isImportable).map((f) => f.field));
  writable.set(source, set);
  return set;
}
