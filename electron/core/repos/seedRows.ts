/**
 * Column lists for bulk-writing the demo league. The seed service and the
 * benchmark's raw baseline insert exactly these columns.
 */
import type { Columns } from './bulk.ts';

export const orgColumns: Columns<'org'> = [
  'id', 'uid', 'parent_id', 'level', 'kind', 'name', 'short_name', 'code', 'field', 'sort_order', 'path', 'depth',
  'name_sort', 'name_initials', 'closed_on', 'created_at', 'updated_at',
];
export const ledgerColumns: Columns<'branch_ledger'> = [
  'id', 'uid', 'org_id', 'year', 'members_formal', 'members_probationary', 'secretary', 'secretary_phone', 'grade',
  'standardised', 'strongest_status', 'weak_lax', 'term_changed_on', 'notes', 'deleted_at', 'updated_at',
];
export const leaderColumns: Columns<'leader'> = [
  'id', 'uid', 'name', 'position', 'title', 'committee_org_id', 'level', 'phone', 'active_from', 'active_to',
  'name_sort', 'name_initials', 'created_at', 'updated_at',
];
export const liaisonColumns: Columns<'liaison'> = [
  'id', 'uid', 'leader_id', 'org_id', 'category', 'established_on', 'ended_on', 'main_problems', 'goals', 'measures',
  'status', 'deleted_at', 'created_at', 'updated_at',
];
