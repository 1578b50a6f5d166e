import type { Template } from '../types.ts';

/**
 * 报表催报名单: the units that have not yet returned a table sent down for the year (or whose
 * return was sent back), with whom to call, what is missing, the deadline and how late.
 * Printed or sent round; nothing comes back.
 */
export const returnsChaseList: Template = {
  id: 'returns-chase',
  version: 1,
  title: '{unit}{year}年报表催报名单',
  attachment: 11,
  returnable: false,
  rows: 'records',
  description: '已下发尚未报送（或退回修改未再报送）的下级单位：联系人和电话、未报的报表、截止日期和逾期天数。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['催报人：', '催报时间：'],
  sheets: [
    {
      name: '催报名单',
      source: 'returnsChase',
      totalsRow: false,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'unit', header: '单位', type: 'text', width: 20, key: true },
        { field: 'contact', header: '联系人', type: 'text', width: 16 },
        { field: 'phone', header: '联系电话', type: 'text', width: 14 },
        { field: 'missing', header: '未报送的报表', type: 'text', width: 40 },
        { field: 'dueOn', header: '截止日期', type: 'text', width: 12 },
        { field: 'daysLate', header: '逾期天数', type: 'integer', width: 9 },
      ],
    },
  ],
};
