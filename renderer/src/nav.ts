/** The side navigation: one entry per capability, in the order staff do their work. */
export const navItems = [
  { key: 'org', label: '组织机构' },
  { key: 'ledger', label: '分类台账' },
  { key: 'liaison', label: '联系点' },
  { key: 'problems', label: '问题清单' },
  { key: 'checklists', label: '对标检查' },
  { key: 'strongest', label: '最强党支部' },
  { key: 'export', label: '报表导出' },
  { key: 'import', label: '导入回收' },
  { key: 'returns', label: '报送情况' },
  { key: 'consolidate', label: '汇总上报' },
  { key: 'stats', label: '统计分析' },
  { key: 'settings', label: '设置' },
] as const;

export type PageKey = (typeof navItems)[number]['key'];

export function pageFromHash(hash: string): PageKey {
  const key = hash.replace(/^#\/?/, '').split(/[/?&]/)[0];
  return navItems.some((n) => n.key === key) ? (key as PageKey) : 'org';
}
