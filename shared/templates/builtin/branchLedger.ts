import type { Template } from '../types.ts';

/** 党支部分类台账: one row per branch, the ledger as townships keep and banners collect it. */
export const branchLedger: Template = {
  id: 'branch-ledger',
  version: 1,
  title: '{unit}{year}年党支部分类台账',
  attachment: 1,
  returnable: true,
  rows: 'records',
  description: '每个党支部一行：党员人数、书记、等次、标准化规范化、“最强党支部”创建、软弱涣散、联系领导、换届时间。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '党支部分类台账',
      source: 'ledger',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'county', header: '旗县区', type: 'text', width: 12, key: true, optional: true, synonyms: ['旗县（市、区）', '旗县市区', '县区'] },
        { field: 'township', header: '苏木乡镇（街道）', type: 'text', width: 14, key: true, synonyms: ['乡镇（街道）', '乡镇', '苏木乡镇', '所属乡镇', '乡镇街道', '所属苏木乡镇（街道）', '苏木乡镇街道'] },
        { field: 'name', header: '党组织名称', type: 'text', width: 28, key: true, required: true, synonyms: ['支部名称', '党支部名称', '党组织', '党支部'] },
        { field: 'kind', header: '组织类别', type: 'dict', dict: 'org_kind', width: 9, optional: true, synonyms: ['类别', '组织类型'] },
        { field: 'field', header: '领域', type: 'dict', dict: 'field', width: 11, synonyms: ['所属领域', '行业领域'] },
        { field: 'membersFormal', header: '正式党员（名）', group: '党员人数', type: 'integer', width: 8, total: true, synonyms: ['正式党员', '正式党员数', '正式党员人数', '正式'] },
        { field: 'membersProbationary', header: '预备党员（名）', group: '党员人数', type: 'integer', width: 8, total: true, synonyms: ['预备党员', '预备党员数', '预备党员人数', '预备'] },
        { field: 'secretary', header: '姓名', group: '书记', type: 'text', width: 9, synonyms: ['书记', '书记姓名', '支部书记'] },
        { field: 'secretaryPhone', header: '联系电话', group: '书记', type: 'phone', width: 14, synonyms: ['电话', '书记电话', '手机号码', '手机号', '手机', '联系方式', '书记联系电话', '书记手机'] },
        { field: 'grade', header: '等次', type: 'dict', dict: 'grade', width: 7, synonyms: ['分类等次', '类别等次', '评定等次', '分类定级', '定级', '等级'] },
        { field: 'standardised', header: '标准化规范化（是/否）', type: 'flag', width: 10, synonyms: ['标准化规范化', '是否达标', '标准化规范化达标', '是否标准化规范化', '是否标准化规范化达标', '标准化规范化建设'] },
        { field: 'strongestStatus', header: '“最强党支部”创建', type: 'dict', dict: 'strongest_status', width: 12, optional: true, synonyms: ['最强党支部', '最强党支部创建情况'] },
        { field: 'weakLax', header: '软弱涣散（是/否）', type: 'flag', width: 8, synonyms: ['软弱涣散', '是否软弱涣散', '软弱涣散党组织', '是否软弱涣散党组织'] },
        { field: 'liaisonLeaders', header: '联系领导', type: 'text', width: 10, derived: true, optional: true, synonyms: ['联系领导姓名', '领导姓名', '包联领导'] },
        { field: 'termChangedOn', header: '换届时间', type: 'date', width: 12, synonyms: ['上次换届时间', '换届日期'] },
        { field: 'notes', header: '备注', type: 'text', width: 14, optional: true },
      ],
    },
  ],
};
