/**
 * The dictionaries a new database starts with, from DOMAIN.md. They are data:
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
      { code: 'village', label: '嘎查村', synonyms: ['农村', '村', '嘎查'] },
      { code: 'community', label: '社区', synonyms: ['城市社区'] },
      { code: 'organ', label: '机关', synonyms: ['党政机关'] },
      { code: 'institution', label: '事业单位' },
      { code: 'state_enterprise', label: '国有企业', synonyms: ['国企'] },
      { code: 'collective_enterprise', label: '集体企业' },
      { code: 'private_enterprise', label: '非公有制经济组织', synonyms: ['非公企业', '非公'] },
      { code: 'social_org', label: '社会组织' },
      { code: 'school', label: '学校', synonyms: ['中小学'] },
      { code: 'hospital', label: '医院', synonyms: ['公立医院', '卫生院'] },
      { code: 'retired', label: '离退休干部', synonyms: ['离退休'] },
    ],
  },
  grade: {
    title: '等次',
    entries: [
      { code: 'advanced', label: '先进', synonyms: ['好', '优秀'] },
      { code: 'middle', label: '中间', synonyms: ['中', '一般', '较好'] },
      { code: 'lagging', label: '后进', synonyms: ['差', '软弱涣散', '较差'] },
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
      { code: 'general_branch', label: '党总支', synonyms: ['党总支部'] },
      { code: 'branch', label: '党支部' },
    ],
  },
  strongest_status: {
    title: '“最强党支部”创建状态',
    entries: [
      { code: 'none', label: '未创建' },
      { code: 'creating', label: '创建中', synonyms: ['自创'] },
      { code: 'applied', label: '已申报', synonyms: ['申报'] },
      { code: 'township_rated', label: '乡镇评定通过', synonyms: ['评定通过'] },
      { code: 'county_accepted', label: '旗县验收通过', synonyms: ['验收通过'] },
      { code: 'city_assessed', label: '市级评估通过', synonyms: ['评估通过', '最强党支部'] },
    ],
  },
  leader_position: {
    title: '领导职务',
    entries: [
      { code: 'secretary', label: '书记', synonyms: ['党委书记', '党工委书记'] },
      { code: 'deputy_secretary', label: '副书记' },
      { code: 'member', label: '班子成员', synonyms: ['党委委员', '委员'] },
    ],
  },
  liaison_category: {
    title: '联系点类别',
    entries: [
      { code: 'lagging', label: '后进', synonyms: ['后进党支部', '软弱涣散'] },
      { code: 'ordinary', label: '一般', synonyms: ['中间'] },
      { code: 'model', label: '先进·示范', synonyms: ['先进', '示范'] },
    ],
  },
};
