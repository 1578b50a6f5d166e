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
  /**
   * The add dialog: the refs chosen with pickers, then the fields asked for. A test checks
   * that each is a field of the table that is not derived, and that every required field is asked.
   */
  addForm: { refs: readonly string[]; fields: readonly string[] };
}

export const recordTables: Record<RecordTable, RecordTableDef> = {
  leader: {
    table: 'leader', noun: '领导干部', title: '领导干部', fields: leaderFields,
    addForm: { refs: ['committeeId'], fields: ['name', 'position', 'title', 'phone', 'activeFrom', 'notes'] },
  },
  liaison: {
    table: 'liaison', noun: '联系点', title: '党建工作联系点', fields: liaisonFields,
    addForm: { refs: ['leaderId', 'orgId'], fields: ['category', 'establishedOn', 'mainProblems', 'goals', 'measures', 'notes'] },
  },
  visit: {
    table: 'visit', noun: '工作记录', title: '联系点工作记录', fields: visitFields,
    addForm: { refs: ['liaisonId'], fields: ['visitedOn', 'kind', 'content', 'problemsFound', 'problemsSolved', 'guidance', 'followUp', 'signedBy', 'notes'] },
  },
  project: {
    table: 'project', noun: '实事项目', title: '领办实事项目', fields: projectFields,
    addForm: { refs: ['liaisonId'], fields: ['name', 'category', 'handling', 'dueOn', 'funds', 'responsible', 'content', 'goal', 'notes'] },
  },
  problem: {
    table: 'problem', noun: '问题', title: '问题清单', fields: problemFields,
    addForm: { refs: ['orgId'], fields: ['description', 'category', 'source', 'handling', 'dueOn', 'responsible', 'measures', 'notes'] },
  },
  evaluation: {
    table: 'evaluation', noun: '评定记录', title: '“最强党支部”评定', fields: evaluationFields,
    addForm: { refs: ['orgId'], fields: ['stage', 'evaluatedOn', 'evaluator', 'scoreOrg', 'scoreMembers', 'scorePublic', 'scoreSociety', 'score', 'result', 'notes'] },
  },
};

export function recordField(table: RecordTable, field: string): FieldDef | undefined {
  return recordTables[table].fields.find((f) => f.field === field);
}
