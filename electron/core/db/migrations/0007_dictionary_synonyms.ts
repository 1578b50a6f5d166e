/**
 * 0007: the synonyms offices commonly write in each dictionary column (issue 14: 否 / 无 /
 * 旗县级“最强党支部” in the “最强党支部” column, 一类/二类/三类 grades, 非公有制企业…), added to
 * the entries a database already has. Written out here, not read from defaults.ts (a shipped
 * migration never changes). A city's own edits stay: an entry it renamed keeps its label and
 * synonyms, a synonym it already has is not added twice, and a synonym that is already the
 * label or a synonym of another entry of the same dictionary (the city's choice) is not added.
 * A new database gets them from the defaults instead (the table is empty when this runs).
 * SHIPPED once released: never edit; add a new migration.
 */
export const sql = `
WITH new_synonym (dict, code, synonym) AS (VALUES
  ('field', 'village', '农村牧区'),
  ('field', 'village', '农牧区'),
  ('field', 'village', '嘎查（村）'),
  ('field', 'village', '村（嘎查）'),
  ('field', 'village', '行政村'),
  ('field', 'community', '城镇社区'),
  ('field', 'community', '街道社区'),
  ('field', 'organ', '机关单位'),
  ('field', 'organ', '政府机关'),
  ('field', 'institution', '事业'),
  ('field', 'state_enterprise', '国有控股企业'),
  ('field', 'private_enterprise', '非公有制企业'),
  ('field', 'private_enterprise', '非公经济组织'),
  ('field', 'private_enterprise', '民营企业'),
  ('field', 'private_enterprise', '私营企业'),
  ('field', 'social_org', '社会团体'),
  ('field', 'social_org', '新社会组织'),
  ('field', 'school', '中学'),
  ('field', 'school', '小学'),
  ('field', 'school', '高校'),
  ('field', 'hospital', '医疗卫生机构'),
  ('field', 'retired', '离退休党员'),
  ('field', 'retired', '老干部'),
  ('grade', 'advanced', '优'),
  ('grade', 'advanced', '一类'),
  ('grade', 'advanced', '先进党支部'),
  ('grade', 'advanced', '先进支部'),
  ('grade', 'middle', '二类'),
  ('grade', 'middle', '中间党支部'),
  ('grade', 'middle', '一般党支部'),
  ('grade', 'lagging', '三类'),
  ('grade', 'lagging', '后进党支部'),
  ('grade', 'lagging', '软弱涣散党支部'),
  ('grade', 'lagging', '软弱涣散党组织'),
  ('org_kind', 'general_branch', '总支'),
  ('org_kind', 'general_branch', '党总支部委员会'),
  ('org_kind', 'branch', '支部'),
  ('org_kind', 'branch', '党支部委员会'),
  ('org_kind', 'branch', '联合党支部'),
  ('strongest_status', 'none', '否'),
  ('strongest_status', 'none', '无'),
  ('strongest_status', 'none', '未评'),
  ('strongest_status', 'none', '未参评'),
  ('strongest_status', 'none', '没有'),
  ('strongest_status', 'none', '暂无'),
  ('strongest_status', 'township_rated', '乡镇级最强党支部'),
  ('strongest_status', 'township_rated', '苏木乡镇级最强党支部'),
  ('strongest_status', 'township_rated', '街道级最强党支部'),
  ('strongest_status', 'township_rated', '乡镇级'),
  ('strongest_status', 'county_accepted', '旗县级最强党支部'),
  ('strongest_status', 'county_accepted', '县级最强党支部'),
  ('strongest_status', 'county_accepted', '旗级最强党支部'),
  ('strongest_status', 'county_accepted', '旗县区级最强党支部'),
  ('strongest_status', 'county_accepted', '旗县级'),
  ('strongest_status', 'county_accepted', '县级'),
  ('strongest_status', 'city_assessed', '市级最强党支部'),
  ('strongest_status', 'city_assessed', '盟市级最强党支部'),
  ('strongest_status', 'city_assessed', '盟级最强党支部'),
  ('strongest_status', 'city_assessed', '市级'),
  ('strongest_status', 'city_assessed', '盟市级'),
  ('leader_position', 'secretary', '党组书记'),
  ('leader_position', 'member', '党组成员'),
  ('leader_position', 'member', '党工委委员'),
  ('liaison_category', 'lagging', '软弱涣散党支部'),
  ('liaison_category', 'lagging', '软弱涣散党组织'),
  ('liaison_category', 'ordinary', '一般党支部'),
  ('liaison_category', 'ordinary', '中间党支部'),
  ('liaison_category', 'model', '先进党支部'),
  ('liaison_category', 'model', '示范党支部')
)
UPDATE dict_entry SET synonyms = (
  SELECT json_group_array(v) FROM (
    SELECT value AS v FROM json_each(dict_entry.synonyms)
    UNION ALL
    SELECT n.synonym FROM new_synonym n
    WHERE n.dict = dict_entry.dict AND n.code = dict_entry.code
      AND NOT EXISTS (
        SELECT 1 FROM dict_entry o
        WHERE o.dict = n.dict AND (o.label = n.synonym OR EXISTS (SELECT 1 FROM json_each(o.synonyms) WHERE value = n.synonym))
      )
  )
)
WHERE EXISTS (SELECT 1 FROM new_synonym n WHERE n.dict = dict_entry.dict AND n.code = dict_entry.code)
  AND json_valid(synonyms);
`;
