/**
 * How the rows of a returned sheet of records are told apart and named: which record
 * table they are records of, which of their cells identify a row that has lost its hidden
 * id (a work record by 联系领导 + 联系党支部 + 日期), and how a person names one in a message.
 * Pure: the rules as data and the small functions over them.
 */
import type { CellValue } from '../../../../../shared/domain/fields.ts';
import { recordSources, rowNoun, type RecordSource } from '../../../../../shared/domain/returns.ts';
import type { RecordTable } from '../../../../../shared/domain/records.ts';
import { nameKey, placeKey } from '../branchNames.ts';

export interface Binding {
  source: RecordSource;
  /** The table whose records the sheet's cells are. */
  table: RecordTable;
  /** What one row is called: 联系点, 工作记录… */
  noun: string;
  /** The columns that identify a row without an id; all must be filled for it to be looked for. */
  key: readonly string[];
  /** The columns a person names a row by, in messages (联系领导 → 联系党支部). */
  label: readonly string[];
}

export const bindings: Record<RecordSource, Binding> = {
  liaison: { source: 'liaison', table: recordSources.liaison, noun: rowNoun('liaison'), key: ['leaderName', 'branchName'], label: ['leaderName', 'branchName'] },
  visit: { source: 'visit', table: recordSources.visit, noun: rowNoun('visit'), key: ['leaderName', 'branchName', 'visitedOn'], label: ['leaderName', 'branchName', 'visitedOn'] },
  project: { source: 'project', table: recordSources.project, noun: rowNoun('project'), key: ['leaderName', 'branchName', 'name'], label: ['leaderName', 'name'] },
  problem: { source: 'problem', table: recordSources.problem, noun: rowNoun('problem'), key: ['unitName', 'description'], label: ['unitName', 'description'] },
  evaluationPath: { source: 'evaluationPath', table: recordSources.evaluationPath, noun: rowNoun('evaluationPath'), key: ['township', 'name'], label: ['township', 'name'] },
};

/** A row's key as compared: its key cells as names (a township as a place), or null when one is empty. */
export function keyOf(binding: Binding, values: Readonly<Record<string, CellValue>>): string | null {
  const parts: string[] = [];
  for (const field of binding.key) {
    const v = values[field];
    if (v === null || v === undefined || String(v).trim() === '') return null;
    parts.push(field === 'township' ? placeKey(v) : nameKey(v));
  }
  return parts.join('|');
}

/** How a person names a row: 张三 → 东村党支部. */
export function labelOf(binding: Binding, values: Readonly<Record<string, CellValue>>): string {
  const parts = binding.label.map((f) => values[f]).filter((v) => v !== null && v !== undefined && String(v).trim() !== '');
  const text = parts.map(String).join(' → ');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
