/**
 * Column lists for bulk-writing the demo league. The seed service and the
 * benchmark's raw baseline insert exactly these columns.
 */
import type { Columns } from './bulk.ts';
import { ledgerRowFields } from './ledger.ts';

export const orgColumns: Columns<'org'> = [
  'id', 'uid', 'parent_id', 'level', 'kind', 'name', 'short_name', 'code', 'field', 'sort_order', 'path', 'depth',
  'name_sort', 'name_initials', 'closed_on', 'created_at', 'updated_at',
];
// The value columns come from the ledger's definitions (the seed's row type, from the same, must fill them).
export const ledgerColumns: Columns<'branch_ledger'> = [
  'id', 'uid', 'org_id', 'year', ...(ledgerRowFields.map((f) => f.column) as Columns<'branch_ledger'>), 'deleted_at', 'updated_at',
];
export const leaderColumns: Columns<'leader'> = [
  'id', 'uid', 'name', 'position', 'title', 'committee_org_id', 'level', 'phone', 'active_from', 'active_to',
  'name_sort', 'name_initials', 'created_at', 'updated_at',
];
export const liaisonColumns: Columns<'liaison'> = [
  'id', 'uid', 'leader_id', 'org_id', 'category', 'established_on', 'ended_on', 'main_problems', 'goals', 'measures',
  'status', 'deleted_at', 'created_at', 'updated_at',
];
export const visitColumns: Columns<'liaison_visit'> = [
  'id', 'uid', 'liaison_id', 'visited_on', 'kind', 'content', 'problems_found', 'problems_solved', 'guidance', 'follow_up', 'signed_by',
  'created_at', 'updated_at',
];
export const projectColumns: Columns<'project'> = [
  'id', 'uid', 'year', 'leader_id', 'org_id', 'liaison_id', 'name', 'category', 'content', 'goal', 'funds', 'responsible', 'handling',
  'due_on', 'progress', 'done_on', 'crossed_off', 'effect', 'evidence', 'created_at', 'updated_at',
];
export const problemColumns: Columns<'problem'> = [
  'id', 'uid', 'year', 'org_id', 'category', 'source', 'description', 'found_on', 'handling', 'measures', 'responsible', 'leader_id',
  'liaison_visit_id', 'due_on', 'status', 'cleared_on', 'result', 'claimed_by', 'claimed_on', 'accepted_by', 'accepted_on', 'created_at', 'updated_at',
];
export const problemStepColumns: Columns<'problem_step'> = [
  'id', 'uid', 'problem_id', 'from_status', 'to_status', 'at', 'actor', 'reason', 'note', 'created_at', 'updated_at',
];
export const evaluationColumns: Columns<'evaluation'> = [
  'id', 'uid', 'year', 'org_id', 'stage', 'evaluated_on', 'evaluator', 'score_org', 'score_members', 'score_public', 'score_society',
  'score', 'result', 'draw_id', 'evidence', 'notes', 'superseded_at', 'created_at', 'updated_at',
];
export const stepColumns: Columns<'evaluation_step'> = [
  'id', 'uid', 'org_id', 'year', 'from_stage', 'to_stage', 'action', 'result', 'reason', 'actor', 'at', 'created_at', 'updated_at',
];

export const standardColumns: Columns<'standard'> = ['id', 'uid', 'year', 'criterion', 'ordinal', 'text', 'field', 'active', 'created_at', 'updated_at'];
export const checklistItemColumns: Columns<'checklist_item'> = [
  'id', 'uid', 'org_id', 'year', 'standard_id', 'met', 'note', 'checked_on', 'checked_by', 'problem_id', 'created_at', 'updated_at',
];

/** Every seeded table with its columns, in the order they are written (parents first). */
export const seedTables = [
  ['org', 'orgs', orgColumns],
  ['branch_ledger', 'ledger', ledgerColumns],
  ['leader', 'leaders', leaderColumns],
  ['liaison', 'liaisons', liaisonColumns],
  ['liaison_visit', 'visits', visitColumns],
  ['project', 'projects', projectColumns],
  ['problem', 'problems', problemColumns],
  ['problem_step', 'problemSteps', problemStepColumns],
  ['evaluation', 'evaluations', evaluationColumns],
  ['standard', 'standards', standardColumns],
  ['checklist_item', 'checklistItems', checklistItemColumns],
  ['evaluation_step', 'steps', stepColumns],
] as const;
