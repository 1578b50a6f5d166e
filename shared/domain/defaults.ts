/**
 * The dictionaries a new database starts with (docs/domain.md). They are data:
 * the core copies them into `dict_entry` once, and each city edits its own lists
 * in 设置. Code never branches on a label; codes are stable, labels are not.
 */
export interface DefaultEntry {
  code: string;
  label: string;
  synonyms?: string[];
}

export const defaultDictionaries: Record<string, { title: string; entries: DefaultEntry[] }> = {
  field: {
    title: '领域',
    entries: [
      { code: 'village', label: '嘎查村', synonyms: ['农村', '村', '嘎查', '农村牧区', '农牧区', '嘎查（村）', '村（嘎查）', '行政村'] },
      { code: 'community', label: '社区', synonyms: ['城市社区', '城镇社区', '街道社区'] },
      { code: 'organ', label: '机关', synonyms: ['党政机关', '机关单位', '政府机关'] },
      { code: 'institution', label: '事业单位', synonyms: ['事业'] },
      { code: 'state_enterprise', label: '国有企业', synonyms: ['国企', '国有控股企业'] },
      { code: 'collective_enterprise', label: '集体企业' },
      { code: 'private_enterprise', label: '非公有制经济组织', synonyms: ['非公企业', '非公', '非公有制企业', '非公经济组织', '民营企业', '私营企业'] },
      { code: 'social_org', label: '社会组织', synonyms: ['社会团体', '新社会组织'] },
      { code: 'school', label: '学校', synonyms: ['中小学', '中学', '小学', '高校'] },
      { code: 'hospital', label: '医院', synonyms: ['公立医院', '卫生院', '医疗卫生机构'] },
      { code: 'retired', label: '离退休干部', synonyms: ['离退休', '离退休党员', '老干部'] },
    ],
  },
  grade: {
    title: '等次',
    entries: [
      { code: 'advanced', label: '先进', synonyms: ['好', '优秀', '优', '一类', '先进党支部', '先进支部'] },
      { code: 'middle', label: '中间', synonyms: ['中', '一般', '较好', '二类', '中间党支部', '一般党支部'] },
      // Not 软弱涣散: the ledger keeps it in a column of its own, and a branch written so in 等次
      // is asked about once (后进, and the 软弱涣散 column ticked by the person), not silently read as 后进.
      { code: 'lagging', label: '后进', synonyms: ['差', '较差', '三类', '后进党支部'] },
    ],
  },
  org_kind: {
    title: '党组织类别',
    entries: [
      { code: 'city_committee', label: '市（盟）委' },
      { code: 'county_committee', label: '旗县区委' },
      { code: 'city_direct_committee', label: '市委直属党（工）委' },
      { code: 'township_committee', label: '苏木乡镇党委' },
      { code: 'street_committee', label: '街道党工委' },
      { code: 'department_committee', label: '部门党组（党委）' },
      { code: 'general_branch', label: '党总支', synonyms: ['党总支部', '总支', '党总支部委员会'] },
      { code: 'branch', label: '党支部', synonyms: ['支部', '党支部委员会', '联合党支部'] },
    ],
  },
  strongest_status: {
    title: '“最强党支部”创建状态',
    entries: [
      { code: 'none', label: '未创建', synonyms: ['否', '无', '未评', '未参评', '没有', '暂无'] },
      { code: 'creating', label: '创建中', synonyms: ['自创'] },
      { code: 'applied', label: '已申报', synonyms: ['申报'] },
      { code: 'township_rated', label: '乡镇评定通过', synonyms: ['评定通过', '乡镇级最强党支部', '苏木乡镇级最强党支部', '街道级最强党支部', '乡镇级'] },
      { code: 'county_accepted', label: '旗县验收通过', synonyms: ['验收通过', '旗县级最强党支部', '县级最强党支部', '旗级最强党支部', '旗县区级最强党支部', '旗县级', '县级'] },
      { code: 'city_assessed', label: '市级评估通过', synonyms: ['评估通过', '最强党支部', '市级最强党支部', '盟市级最强党支部', '盟级最强党支部', '市级', '盟市级'] },
      // Derived from the pipeline: the branch's latest stage was not passed (it may be sent back).
      { code: 'not_passed', label: '未通过', synonyms: ['评定未通过', '验收未通过', '评估未通过'] },
    ],
  },
  leader_position: {
    title: '领导职务',
    entries: [
      { code: 'secretary', label: '书记', synonyms: ['党委书记', '党工委书记', '党组书记'] },
      { code: 'deputy_secretary', label: '副书记' },
      { code: 'member', label: '班子成员', synonyms: ['党委委员', '委员', '党组成员', '党工委委员'] },
    ],
  },
  liaison_category: {
    title: '联系点类别',
    entries: [
      { code: 'lagging', label: '后进', synonyms: ['后进党支部', '软弱涣散', '软弱涣散党支部', '软弱涣散党组织'] },
      { code: 'ordinary', label: '一般', synonyms: ['中间', '一般党支部', '中间党支部'] },
      { code: 'model', label: '先进·示范', synonyms: ['先进', '示范', '先进党支部', '示范党支部'] },
    ],
  },
  liaison_status: {
    title: '联系点帮扶状态',
    entries: [
      { code: 'active', label: '帮扶中', synonyms: ['进行中', '在联系'] },
      { code: 'improved', label: '已晋位升级', synonyms: ['已转化', '已提升'] },
      { code: 'consolidating', label: '巩固提升', synonyms: ['巩固'] },
    ],
  },
  visit_kind: {
    title: '联系点工作形式',
    entries: [
      { code: 'research', label: '调研指导', synonyms: ['调研', '指导', '督导'] },
      { code: 'lecture', label: '讲党课', synonyms: ['党课', '专题党课'] },
      { code: 'org_life', label: '参加组织生活', synonyms: ['组织生活', '参加组织生活会', '主题党日'] },
      { code: 'talk', label: '座谈走访', synonyms: ['座谈', '走访', '入户走访'] },
      { code: 'stay', label: '蹲点', synonyms: ['驻村蹲点', '蹲点调研'] },
      { code: 'other', label: '其他' },
    ],
  },
  project_category: {
    title: '实事项目类别',
    entries: [
      { code: 'industry', label: '产业发展', synonyms: ['产业', '集体经济'] },
      { code: 'infrastructure', label: '基础设施', synonyms: ['基础设施建设', '阵地建设'] },
      { code: 'livelihood', label: '民生服务', synonyms: ['民生', '便民服务'] },
      { code: 'governance', label: '基层治理', synonyms: ['治理'] },
      { code: 'party_building', label: '党建提升', synonyms: ['组织建设', '党建'] },
      { code: 'other', label: '其他' },
    ],
  },
  project_handling: {
    title: '实事项目办理方式',
    entries: [
      { code: 'immediate', label: '立刻办', synonyms: ['立即办', '马上办', '即知即办'] },
      { code: 'deadline', label: '限期办', synonyms: ['限时办'] },
      { code: 'phased', label: '分期办', synonyms: ['分步办', '长期办'] },
    ],
  },
  project_progress: {
    title: '实事项目进展',
    entries: [
      { code: 'not_started', label: '未启动', synonyms: ['未开始'] },
      { code: 'in_progress', label: '推进中', synonyms: ['进行中', '正在推进', '在建'] },
      { code: 'done', label: '已完成', synonyms: ['完成', '办结', '已办结'] },
    ],
  },
  problem_category: {
    title: '问题类别',
    entries: [
      { code: 'organisation', label: '组织建设', synonyms: ['班子建设', '组织设置'] },
      { code: 'members', label: '党员队伍', synonyms: ['党员管理', '发展党员'] },
      { code: 'org_life', label: '组织生活', synonyms: ['三会一课'] },
      { code: 'position', label: '阵地建设', synonyms: ['活动场所'] },
      { code: 'economy', label: '集体经济', synonyms: ['产业发展'] },
      { code: 'livelihood', label: '民生诉求', synonyms: ['民生问题', '群众诉求'] },
      { code: 'other', label: '其他' },
    ],
  },
  problem_source: {
    title: '问题来源',
    entries: [
      { code: 'self', label: '自查', synonyms: ['自查自纠'] },
      { code: 'inspection', label: '督查', synonyms: ['督查巡察', '督导检查', '检查'] },
      { code: 'patrol', label: '巡视巡察反馈', synonyms: ['巡视', '巡察', '巡视反馈', '巡察反馈', '巡视巡察'] },
      { code: 'masses', label: '群众反映', synonyms: ['群众来访'] },
      { code: 'hotline', label: '12345热线', synonyms: ['12345', '热线', '12345 热线'] },
      { code: 'research', label: '调研发现', synonyms: ['调研', '联系点调研'] },
      // Problems opened from a branch's unmet checklist items (标准清单) carry this code.
      { code: 'checklist', label: '对标检查', synonyms: ['对标', '标准清单', '对标对表'] },
    ],
  },
  problem_handling: {
    title: '问题办理方式',
    entries: [
      { code: 'immediate', label: '即知即办', synonyms: ['立行立改'] },
      { code: 'claimed', label: '建账领办', synonyms: ['领办'] },
      { code: 'joint', label: '合力共办', synonyms: ['共办'] },
      { code: 'followed', label: '跟踪督办', synonyms: ['督办'] },
    ],
  },
  problem_status: {
    title: '问题整改状态',
    entries: [
      { code: 'open', label: '已建账（待领账）', synonyms: ['建账', '已建账', '待领账', '待领办', '未领办'] },
      { code: 'claimed', label: '已领账', synonyms: ['领账', '已领办'] },
      { code: 'rectifying', label: '整改中', synonyms: ['正在整改'] },
      { code: 'cleared', label: '已销号', synonyms: ['清账', '销号', '已整改', '已完成'] },
    ],
  },
  evaluation_stage: {
    title: '“最强党支部”评定环节',
    entries: [
      { code: 'self', label: '自创', synonyms: ['自我创建'] },
      { code: 'applied', label: '申报', synonyms: ['逐级申报'] },
      { code: 'township', label: '乡镇评定', synonyms: ['四评', '苏木乡镇评定', '街道评定'] },
      { code: 'county', label: '旗县验收', synonyms: ['县级验收', '验收'] },
      { code: 'city', label: '市级评估', synonyms: ['市级抽查', '盟市评估', '抽查评估'] },
    ],
  },
  evaluation_result: {
    title: '评定结果',
    entries: [
      { code: 'pass', label: '通过', synonyms: ['合格', '达标', '是'] },
      { code: 'fail', label: '未通过', synonyms: ['不合格', '不通过', '否'] },
      { code: 'pending', label: '待定', synonyms: ['待评'] },
      // The city's outcome: named a city-level strongest branch, or the county-level title kept.
      { code: 'named', label: '命名', synonyms: ['予以命名', '命名为市级最强党支部'] },
      { code: 'kept', label: '保留', synonyms: ['保留旗县级', '保留称号'] },
    ],
  },
  strong_criterion: {
    title: '“五强”标准',
    entries: [
      { code: 'political', label: '政治功能强' },
      { code: 'team', label: '队伍建设强' },
      { code: 'org_life', label: '组织生活强' },
      { code: 'role', label: '作用发挥强' },
      { code: 'masses', label: '群众工作强' },
    ],
  },
};
