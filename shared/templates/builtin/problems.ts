import type { Template } from '../types.ts';

/** 问题清单整改台账: problems of the units, claimed and crossed off. */
export const problemLedger: Template = {
  id: 'problems',
  version: 2,
  title: '{unit}{year}年问题清单整改台账',
  attachment: 4,
  returnable: true,
  rows: 'records',
  description: '每个问题一行：所在单位、问题类别和来源、问题描述、整改措施、责任人和领账人、时限、整改状态、验收人和销号时间。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '问题清单整改台账',
      source: 'problem',
      totalsRow: false,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'unitName', header: '所在单位', type: 'text', width: 20, key: true, required: true, synonyms: ['单位', '党组织名称', '责任单位'] },
        { field: 'category', header: '问题类别', type: 'dict', dict: 'problem_category', width: 10, synonyms: ['类别', '问题类型'] },
        { field: 'source', header: '问题来源', type: 'dict', dict: 'problem_source', width: 10, synonyms: ['来源'] },
        { field: 'description', header: '问题描述', type: 'text', width: 24, key: true, required: true, synonyms: ['问题', '存在问题', '具体问题'] },
        { field: 'foundOn', header: '发现时间', type: 'date', width: 11, synonyms: ['建账时间'] },
        { field: 'handling', header: '办理方式', type: 'dict', dict: 'problem_handling', width: 9 },
        { field: 'measures', header: '整改措施', type: 'text', width: 20, synonyms: ['措施'] },
        { field: 'responsible', header: '责任人', type: 'text', width: 8 },
        // Version 2: who claimed it and who accepted it (a file of version 1 leaves them as held).
        { field: 'claimedBy', header: '领账人', type: 'text', width: 8, optional: true, synonyms: ['领办人', '领账领导'] },
        { field: 'leaderName', header: '包联领导', type: 'text', width: 8, derived: true, optional: true },
        { field: 'dueOn', header: '整改时限', type: 'date', width: 11, synonyms: ['时限'] },
        { field: 'status', header: '整改状态', type: 'dict', dict: 'problem_status', width: 8, required: true, synonyms: ['状态', '整改情况'] },
        { field: 'acceptedBy', header: '验收人', type: 'text', width: 8, optional: true, synonyms: ['验收责任人'] },
        { field: 'clearedOn', header: '销号时间', type: 'date', width: 11, synonyms: ['清账时间', '验收时间'] },
        { field: 'result', header: '整改成效', type: 'text', width: 18, optional: true, synonyms: ['成效'] },
        { field: 'notes', header: '备注', type: 'text', width: 10, optional: true },
      ],
    },
  ],
};
