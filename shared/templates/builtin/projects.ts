import type { Template } from '../types.ts';

/** 领办实事项目台账: each leader's practical projects, with deadlines and crossing off. */
export const projectLedger: Template = {
  id: 'projects',
  version: 1,
  title: '{unit}{year}年领导干部领办实事项目台账',
  attachment: 3,
  returnable: true,
  rows: 'records',
  description: '每个领办实事项目一行：领办领导、所在党支部、项目内容、投入资金、办理方式、完成时限、进展和销号情况。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '领办实事项目台账',
      source: 'project',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'leaderName', header: '领办领导', type: 'text', width: 9, key: true, required: true, synonyms: ['领导姓名', '领办人'] },
        { field: 'branchName', header: '所在党支部', type: 'text', width: 22, key: true, required: true, synonyms: ['党组织名称', '联系点', '实施地点'] },
        { field: 'name', header: '项目名称', type: 'text', width: 20, key: true, required: true, synonyms: ['实事项目', '项目'] },
        { field: 'category', header: '项目类别', type: 'dict', dict: 'project_category', width: 9, synonyms: ['类别'] },
        { field: 'content', header: '项目内容', type: 'text', width: 22, synonyms: ['主要内容', '内容'] },
        { field: 'goal', header: '预期目标', type: 'text', width: 16, optional: true, synonyms: ['目标'] },
        { field: 'funds', header: '投入资金（万元）', type: 'decimal', width: 9, total: true, synonyms: ['投入资金', '资金（万元）', '资金'] },
        { field: 'responsible', header: '责任人', type: 'text', width: 8, synonyms: ['具体责任人'] },
        { field: 'handling', header: '办理方式', type: 'dict', dict: 'project_handling', width: 8, synonyms: ['办理类型', '类型'] },
        { field: 'dueOn', header: '完成时限', type: 'date', width: 11, synonyms: ['时限', '计划完成时间'] },
        { field: 'progress', header: '进展情况', type: 'dict', dict: 'project_progress', width: 8, synonyms: ['进展', '推进情况'] },
        { field: 'doneOn', header: '完成时间', type: 'date', width: 11, synonyms: ['办结时间'] },
        { field: 'crossedOff', header: '是否销号', type: 'flag', width: 7, synonyms: ['销号'] },
        { field: 'effect', header: '取得成效', type: 'text', width: 16, optional: true, synonyms: ['成效'] },
        { field: 'notes', header: '备注', type: 'text', width: 10, optional: true },
      ],
    },
  ],
};
