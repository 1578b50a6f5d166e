import type { Template } from '../types.ts';
import { townshipHeaders } from './branchLedger.ts';

/** 党建工作联系点台账, with the work records of the points as a second sheet. */
export const liaisonLedger: Template = {
  id: 'liaison-points',
  version: 1,
  title: '{unit}{year}年党建工作联系点台账',
  attachment: 2,
  returnable: true,
  rows: 'records',
  description: '每个联系点一行：联系领导、联系党支部、存在问题、帮扶目标和措施，调研、党课、解决问题、领办实事次数由工作记录统计；第二张表为工作记录。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '联系点台账',
      source: 'liaison',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'leaderName', header: '姓名', group: '联系领导', type: 'text', width: 9, key: true, required: true, synonyms: ['联系领导', '领导姓名', '联系领导姓名'] },
        { field: 'leaderTitle', header: '职务', group: '联系领导', type: 'text', width: 18, derived: true, synonyms: ['领导职务', '现任职务'] },
        { field: 'township', header: '苏木乡镇（街道）', type: 'text', width: 13, derived: true, synonyms: townshipHeaders },
        { field: 'branchName', header: '联系党支部', type: 'text', width: 24, key: true, required: true, synonyms: ['党组织名称', '支部名称', '联系点', '联系点名称'] },
        { field: 'branchGrade', header: '支部等次', type: 'dict', dict: 'grade', width: 7, derived: true, synonyms: ['等次'] },
        { field: 'category', header: '联系点类别', type: 'dict', dict: 'liaison_category', width: 9, synonyms: ['类别'] },
        { field: 'establishedOn', header: '确定时间', type: 'date', width: 11, synonyms: ['确定日期', '建立时间'] },
        { field: 'mainProblems', header: '存在的主要问题', type: 'text', width: 22, synonyms: ['主要问题', '存在问题'] },
        { field: 'goals', header: '帮扶目标', type: 'text', width: 18, synonyms: ['目标'] },
        { field: 'measures', header: '帮扶措施', type: 'text', width: 22, synonyms: ['措施', '工作措施'] },
        { field: 'visits', header: '调研指导（次）', group: '工作开展情况', type: 'integer', width: 7, derived: true, total: true },
        { field: 'lectures', header: '讲党课（次）', group: '工作开展情况', type: 'integer', width: 7, derived: true, total: true },
        { field: 'problemsSolved', header: '解决问题（个）', group: '工作开展情况', type: 'integer', width: 7, derived: true, total: true },
        { field: 'projects', header: '领办实事（个）', group: '工作开展情况', type: 'integer', width: 7, derived: true, total: true },
        { field: 'notes', header: '备注', type: 'text', width: 12, optional: true },
      ],
    },
    {
      name: '工作记录',
      title: '{unit}{year}年联系点工作记录',
      source: 'visit',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'leaderName', header: '联系领导', type: 'text', width: 9, key: true, required: true, synonyms: ['领导姓名'] },
        { field: 'branchName', header: '联系党支部', type: 'text', width: 24, key: true, required: true, synonyms: ['党组织名称', '联系点'] },
        { field: 'visitedOn', header: '日期', type: 'date', width: 11, required: true, synonyms: ['时间', '活动时间'] },
        { field: 'kind', header: '活动形式', type: 'dict', dict: 'visit_kind', width: 11, required: true, synonyms: ['形式', '工作形式', '活动类型'] },
        { field: 'content', header: '主要内容', type: 'text', width: 24, synonyms: ['内容', '工作内容'] },
        { field: 'problemsFound', header: '发现的问题', type: 'text', width: 20, synonyms: ['发现问题', '存在问题'] },
        { field: 'problemsSolved', header: '解决问题（个）', type: 'integer', width: 8, total: true, synonyms: ['解决问题', '解决问题数'] },
        { field: 'guidance', header: '指导意见', type: 'text', width: 20, synonyms: ['意见建议'] },
        { field: 'followUp', header: '跟踪落实情况', type: 'text', width: 18, synonyms: ['落实情况'] },
        { field: 'signedBy', header: '签字确认', type: 'text', width: 9, synonyms: ['签字', '确认人'] },
      ],
    },
  ],
};
