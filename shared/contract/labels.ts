/**
 * The Chinese names of the contract's methods and arguments: a refused call says
 * what was being done and which value was wrong in words staff know (上级党组织,
 * 年度, 修改第 4 项的值), never `parentId`. One place for the whole contract; the
 * columns of the ledger and the record tables keep their labels in shared/domain
 * and are looked up there (see invalidArgs.ts). tests/unit/labels.test.ts walks
 * every schema and fails on a key that has no name here.
 */
import type { MethodName } from './methods.ts';

/** What a person was doing when the call was made. */
export const methodTitles: Record<MethodName, string> = {
  'app.info': '读取程序信息',
  'org.children': '读取下级党组织',
  'org.search': '查找党组织',
  'org.create': '新建党组织',
  'org.update': '修改党组织',
  'org.move': '移动党组织',
  'org.close': '撤销党组织',
  'org.reopen': '恢复党组织',
  'org.history': '查看党组织的修改记录',
  'ledger.years': '读取台账年度',
  'ledger.list': '读取台账',
  'ledger.edit': '修改台账',
  'ledger.addBranch': '台账新增党支部',
  'ledger.addBranches': '台账新增多个党支部',
  'ledger.delete': '删除台账行',
  'ledger.restore': '恢复台账行',
  'ledger.copyYear': '复制上年台账',
  'ledger.history': '查看台账行的修改记录',
  'changes.undo': '撤销',
  'changes.redo': '重做',
  'ledger.checks': '检查台账',
  'dict.list': '读取字典',
  'dict.save': '保存字典项',
  'view.list': '读取视图',
  'view.save': '保存视图',
  'view.delete': '删除视图',
  'settings.get': '读取设置',
  'settings.save': '保存设置',
  'setup.status': '读取本单位',
  'divisions.search': '查找行政区划',
  'setup.plan': '查看将建立的组织机构',
  'setup.init': '按区划建立组织机构',
  'records.list': '读取记录',
  'records.add': '新增记录',
  'records.edit': '修改记录',
  'records.delete': '删除记录',
  'records.restore': '恢复记录',
  'records.history': '查看记录的修改记录',
  'shell.chooseSaveFile': '选择保存位置',
  'shell.chooseFolder': '选择文件夹',
  'shell.chooseOpenFile': '选择文件',
  'shell.openPath': '打开文件或文件夹',
  'templates.list': '读取报表模板',
  'export.preview': '预览导出的报表',
  'export.run': '导出报表',
  'export.sendDown': '下发填报表',
  'export.batches': '查看导出记录',
  'import.open': '打开要导入的文件',
  'import.upload': '接收要导入的文件',
  'import.commit': '提交导入',
  'import.fix': '改正导入预览中的单元格',
  'import.discard': '放弃导入',
  'import.history': '查看导入记录',
  'liaison.rules': '检查联系点规则',
  'liaison.leaderCard': '查看领导干部卡片',
  'liaison.branchCard': '查看党支部卡片',
  'stats.summary': '统计分析',
};

/**
 * Arguments by key. A key under a parent (`changes.field`) names it in that place only.
 * An empty name leaves a wrapper out of the words (`liaisonRules.fourOnes.fields` →
 * “四个一”规则的领域).
 */
export const argLabels: Record<string, string> = {
  accept: '是否采用',
  acceptRows: '采用的行',
  active: '是否启用',
  attachment: '附件编号',
  blankRows: '空白行数',
  cells: '逐格决定',
  changeSetId: '修改批次',
  changes: '修改',
  choices: '导出选项',
  closedOn: '撤销日期',
  code: '单位代码',
  committeeKinds: '党委类别',
  counts: '是否统计',
  data: '文件内容',
  decisions: '',
  deleted: '是否已删除',
  dict: '字典',
  dir: '排序方向',
  due: '完成时限',
  emptyAs: '空值显示为',
  extras: '另外建立的单位',
  enabled: '是否启用',
  field: '领域',
  fields: '领域',
  filter: '筛选条件',
  clears: '是否一并清空',
  folder: '文件夹',
  fourOnes: '“四个一”规则',
  from: '源年度',
  grade: '等次',
  grid: '表格',
  id: '党组织',
  ids: '行',
  includeClosed: '是否包括已撤销的党组织',
  index: '列序号',
  key: '排序列',
  kind: '组织类别',
  label: '选项名称',
  laggingHasLeader: '“后进党支部有联系领导”规则',
  leaderHasPoint: '“领导干部有联系点”规则',
  leaderId: '领导干部',
  level: '层级',
  liaisonId: '联系点',
  liaisonRules: '',
  limit: '条数',
  mapping: '列的对应关系',
  minVisits: '“每年调研次数”规则',
  name: '党组织名称',
  names: '党支部名称',
  newParentId: '新的上级党组织',
  offset: '起始行',
  operatorName: '操作人姓名',
  omitted: '不导出的列',
  orgId: '党支部',
  parentId: '上级党组织',
  parentOrgId: '上级党组织',
  path: '文件位置',
  perYear: '每年次数',
  positions: '领导职务',
  query: '查找内容',
  rejectRows: '不采用的行',
  rememberMapping: '是否记住列的对应关系',
  reportingUnit: '填报单位',
  rowIds: '所选的行',
  rows: '新增的记录',
  scope: '导出范围',
  scopeOrgId: '所选单位',
  secretaryAtLagging: '“书记联系后进党支部”规则',
  sessionId: '导入会话',
  sheet: '工作表',
  sheets: '其他工作表的决定',
  sort: '排序',
  sortOrder: '排列顺序',
  source: '修改方式',
  sourceRow: '文件中的行号',
  standardised: '标准化规范化',
  state: '视图内容',
  suggestedName: '建议的文件名',
  synonyms: '同义词',
  table: '记录表',
  templateId: '报表模板',
  termOverdueYears: '换届超期年数',
  text: '搜索文字',
  title: '标题',
  titleFont: '标题字体',
  to: '目标年度',
  unit: '本单位',
  unitId: '本单位',
  value: '值',
  year: '年度',

  'changes.id': '行',
  'changes.field': '列',
  'cells.field': '列',
  'mapping.field': '对应的列',
  'fourOnes.fields': '领域',
};

/** Where a key means something else in one method. */
export const methodArgLabels: { readonly [M in MethodName]?: Readonly<Record<string, string>> } = {
  'ledger.history': { id: '台账行' },
  'ledger.addBranch': { name: '党支部名称' },
  'records.delete': { ids: '记录' },
  'records.restore': { ids: '记录' },
  'records.history': { id: '记录' },
  'records.edit': { 'changes.id': '记录' },
  'records.list': { orgId: '党组织' },
  'dict.save': { code: '字典项代码', label: '选项名称' },
  'view.save': { name: '视图名称' },
  'view.delete': { id: '视图' },
  'import.upload': { name: '文件名' },
  'import.fix': { field: '列', value: '改正后的值' },
  'export.sendDown': { folder: '下发文件夹' },
  'setup.plan': { code: '区划代码' },
};

/**
 * The name of the argument reached by `keys` (array positions left out) in `method`;
 * undefined when the contract has none (a key the contract does not know).
 */
export function argLabel(method: MethodName, keys: readonly string[]): string | undefined {
  const last = keys[keys.length - 1];
  if (last === undefined) return undefined;
  const inParent = keys.length > 1 ? `${keys[keys.length - 2]}.${last}` : last;
  const own = methodArgLabels[method] ?? {};
  return pick(own, keys.join('.')) ?? pick(own, inParent) ?? pick(own, last) ?? pick(argLabels, inParent) ?? pick(argLabels, last);
}

/** Keys come from callers: `constructor` or `__proto__` must not find Object's own. */
function pick(map: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
