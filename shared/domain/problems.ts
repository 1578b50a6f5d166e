/**
 * The problem list (问题清单): problems found in a unit, handled in a closed loop
 * (建账、领账、清账) until crossed off. Columns for the grid and the templates.
 */
import type { FieldDef } from './fields.ts';

export const problemFields: readonly FieldDef[] = [
  { field: 'orgId', label: '所在单位', type: 'ref', ref: 'org', display: 'unitName', editable: false, required: true, width: 200 },
  { field: 'township', label: '苏木乡镇（街道）', type: 'text', editable: false, derived: true, width: 150 },
  { field: 'unitName', label: '所在单位', type: 'text', editable: false, derived: true, width: 200 },
  { field: 'category', label: '问题类别', type: 'dict', dict: 'problem_category', editable: true, width: 120 },
  { field: 'source', label: '问题来源', type: 'dict', dict: 'problem_source', editable: true, width: 110 },
  { field: 'description', label: '问题描述', type: 'text', editable: true, required: true, width: 260, maxLength: 1000 },
  { field: 'foundOn', label: '发现时间', type: 'date', editable: true, width: 110 },
  { field: 'handling', label: '办理方式', type: 'dict', dict: 'problem_handling', editable: true, width: 100 },
  { field: 'measures', label: '整改措施', type: 'text', editable: true, width: 240, maxLength: 1000 },
  { field: 'responsible', label: '责任人', type: 'text', editable: true, width: 100, maxLength: 40, person: true },
  { field: 'leaderId', label: '包联领导', type: 'ref', ref: 'leader', display: 'leaderName', editable: false, width: 100 },
  { field: 'leaderName', label: '包联领导', type: 'text', editable: false, derived: true, width: 100 },
  { field: 'dueOn', label: '整改时限', type: 'date', editable: true, width: 110 },
  { field: 'status', label: '整改状态', type: 'dict', dict: 'problem_status', editable: true, required: true, width: 100 },
  { field: 'clearedOn', label: '销号时间', type: 'date', editable: true, width: 110 },
  { field: 'result', label: '整改成效', type: 'text', editable: true, width: 220, maxLength: 1000 },
  { field: 'notes', label: '备注', type: 'text', editable: true, width: 160, maxLength: 1000 },
];
