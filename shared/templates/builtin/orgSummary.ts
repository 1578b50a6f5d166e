import type { Template } from '../types.ts';

/** 党组织基本情况统计表: one row per subordinate unit (townships of a banner, banners of a city), with a 合计 row. */
export const orgSummary: Template = {
  id: 'org-summary',
  version: 1,
  title: '{unit}{year}年党组织基本情况统计表',
  attachment: 6,
  returnable: false,
  rows: 'units',
  description: '按下一级单位汇总：党支部数、党员数、各等次党支部数、标准化规范化达标率、软弱涣散、“最强党支部”、联系点和领办实事项目数，末行合计。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '基本情况统计表',
      source: 'orgSummary',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'unit', header: '单位', type: 'text', width: 24, key: true, synonyms: ['单位名称', '旗县区', '苏木乡镇（街道）'] },
        { field: 'branches', header: '党支部（个）', type: 'integer', width: 9, total: true },
        { field: 'membersFormal', header: '正式党员', group: '党员（名）', type: 'integer', width: 9, total: true },
        { field: 'membersProbationary', header: '预备党员', group: '党员（名）', type: 'integer', width: 9, total: true },
        { field: 'members', header: '合计', group: '党员（名）', type: 'integer', width: 9, total: true },
        { field: 'advanced', header: '先进', group: '分类等次（个）', type: 'integer', width: 7, total: true },
        { field: 'middle', header: '中间', group: '分类等次（个）', type: 'integer', width: 7, total: true },
        { field: 'lagging', header: '后进', group: '分类等次（个）', type: 'integer', width: 7, total: true },
        { field: 'standardised', header: '达标（个）', group: '标准化规范化', type: 'integer', width: 8, total: true },
        { field: 'standardisedRate', header: '达标率', group: '标准化规范化', type: 'percent', width: 8, totalRatio: { of: 'standardised', to: 'branches' } },
        { field: 'weakLax', header: '软弱涣散（个）', type: 'integer', width: 8, total: true },
        { field: 'strongest', header: '“最强党支部”（个）', type: 'integer', width: 10, total: true },
        { field: 'liaisonPoints', header: '联系点（个）', type: 'integer', width: 8, total: true },
        { field: 'projects', header: '领办实事项目（个）', type: 'integer', width: 9, total: true },
      ],
    },
  ],
};
