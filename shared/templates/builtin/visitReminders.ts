import type { Template } from '../types.ts';

/**
 * 联系点走访提醒名单: the points whose work records of the year fall short of the rule's
 * minimum, counted pro rata to the day (from the day a point was set up, if later in the
 * year), with how many are missing and when the leader was last there. Printed or sent
 * round to remind the leaders; nothing comes back.
 */
export const visitReminderList: Template = {
  id: 'liaison-visit-reminders',
  version: 1,
  title: '{unit}{year}年联系点走访提醒名单',
  attachment: 12,
  returnable: false,
  rows: 'records',
  description: '本年工作记录少于联系点规则要求（按天数折算）的联系点：联系领导、联系党支部、已记录和应有的次数、最近一次工作记录。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['提醒人：', '提醒时间：'],
  sheets: [
    {
      name: '提醒名单',
      source: 'visitsBehind',
      totalsRow: false,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'leaderName', header: '姓名', group: '联系领导', type: 'text', width: 9, key: true },
        { field: 'leaderTitle', header: '职务', group: '联系领导', type: 'text', width: 22 },
        { field: 'township', header: '苏木乡镇（街道）', type: 'text', width: 14 },
        { field: 'branchName', header: '联系党支部', type: 'text', width: 26, key: true },
        { field: 'since', header: '确定时间', type: 'date', width: 11 },
        { field: 'records', header: '已记录', group: '工作记录（次）', type: 'integer', width: 7 },
        { field: 'expected', header: '至今应有', group: '工作记录（次）', type: 'integer', width: 8 },
        { field: 'short', header: '还差', group: '工作记录（次）', type: 'integer', width: 6 },
        { field: 'lastVisitOn', header: '最近一次', type: 'date', width: 11 },
      ],
    },
  ],
};
