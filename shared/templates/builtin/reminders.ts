import type { Template } from '../types.ts';

/**
 * 党支部书记提醒谈话名单: the secretaries whose branch ranked near the bottom of the unit this
 * year and last (连续两年排名靠后), with the figures behind each (both years' score and rank,
 * and this year's parts). Printed for the talk; nothing comes back.
 */
export const reminderTalkList: Template = {
  id: 'reminder-talks',
  version: 1,
  title: '{unit}{year}年党支部书记提醒谈话名单',
  attachment: 8,
  returnable: false,
  rows: 'records',
  description: '连续两年综合排名靠后的党支部及其书记：两年的综合得分和排名，本年对标达标率、“四评”得分和问题销号率。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['谈话人：', '记录人：', '谈话时间：'],
  sheets: [
    {
      name: '提醒谈话名单',
      source: 'reminders',
      totalsRow: false,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'township', header: '苏木乡镇（街道）', type: 'text', width: 14, key: true },
        { field: 'name', header: '党支部名称', type: 'text', width: 26, key: true },
        { field: 'secretary', header: '书记', type: 'text', width: 9 },
        { field: 'previousSecretary', header: '上年书记（如有变动）', type: 'text', width: 11 },
        { field: 'previousScore', header: '综合得分', group: '上年', type: 'decimal', width: 8 },
        { field: 'previousPlace', header: '排名', group: '上年', type: 'text', width: 8 },
        { field: 'score', header: '综合得分', group: '本年', type: 'decimal', width: 8 },
        { field: 'place', header: '排名', group: '本年', type: 'text', width: 8 },
        { field: 'checklist', header: '对标达标率', group: '本年得分构成', type: 'percent', width: 9 },
        { field: 'evaluation', header: '“四评”得分', group: '本年得分构成', type: 'decimal', width: 11 },
        { field: 'problems', header: '问题销号率', group: '本年得分构成', type: 'percent', width: 9 },
        { field: 'missing', header: '缺少的记录', type: 'text', width: 14 },
      ],
    },
  ],
};
