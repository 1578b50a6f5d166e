/**
 * The record tables staff keep beside the ledger, edited in the same grid layer:
 * one registry the contract, the core and the UI share.
 */
import { evaluationFields } from './evaluation.ts';
import type { FieldDef } from './fields.ts';
import { leaderFields, liaisonFields, projectFields, visitFields } from './liaison.ts';
import { problemFields } from './problems.ts';

export const recordTableNames = ['leader', 'liaison', 'visit', 'project', 'problem', 'evaluation'] as const;
export type RecordTable = (typeof recordTableNames)[number];

export interface RecordTableDef {
  table: RecordTable;
  /** What one record is called in messages: 新增 1 条{noun}. */
  noun: string;
  title: string;
  fields: readonly FieldDef[];
}

export const recordTables: Record<RecordTable, RecordTableDef> = {
  leader: { table: 'leader', noun: '领导干部', title: '领导干部', fields: leaderFields },
  liaison: { table: 'liaison', noun: '联系点', title: '党建工作联系点', fields: liaisonFields },
  visit: { table: 'visit', noun: '工作记录', title: '联系点工作记录', fields: visitFields },
  project: { table: 'project', noun: '实事项目', title: '领办实事项目', fields: projectFields },
  problem: { table: 'problem', noun: '问题', title: '问题清单', fields: problemFields },
  evaluation: { table: 'evaluation', noun: '评定记录', title: '“最强党支部”评定', fields: evaluationFields },
};

export function recordField(table: RecordTable, field: string): FieldDef | undefined {
  return recordTables[table].fields.find((f) => f.field === field);
}
