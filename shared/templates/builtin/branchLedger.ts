import { ledgerColumns, ledgerDerivedColumns } from '../../domain/ledger.ts';
import { columnsOf } from '../columns.ts';
import type { Template } from '../types.ts';

const col = columnsOf(ledgerColumns);
const derived = columnsOf(ledgerDerivedColumns);

/** 党支部分类台账: one row per branch, the ledger as townships keep and banners collect it. */
/** How offices head the county column: 旗县区, 旗县（市、区）, 所属旗县. */
export const countyHeaders = ['旗县（市、区）', '旗县市区', '县区', '旗县', '所属旗县', '所属旗县区', '旗县（区）'];
/**
 * How offices head the township column, in either order and with or without the street
 * offices: 苏木乡镇（街道）, 乡镇（苏木）, 苏木（乡镇）, 乡镇（苏木、街道）, 所在乡镇…
 */
export const townshipHeaders = ['乡镇（街道）', '乡镇', '苏木乡镇', '所属乡镇', '乡镇街道', '所属苏木乡镇（街道）', '苏木乡镇街道', '乡镇（苏木）', '苏木（乡镇）', '乡镇（苏木、街道）', '乡镇苏木（街道）', '所在乡镇', '所在苏木乡镇', '所属苏木乡镇', '乡镇名称', '乡（镇、街道）', '镇（街道）', '乡（镇）', '苏木镇（街道）'];

export const branchLedger: Template = {
  id: 'branch-ledger',
  // 2: the three 群团组织 columns (a returned version 1 file is still read, by its manifest's columns).
  version: 2,
  title: '{unit}{year}年党支部分类台账',
  attachment: 1,
  returnable: true,
  rows: 'records',
  description: '每个党支部一行：党员人数、书记、等次、标准化规范化、“最强党支部”创建、软弱涣散、群团组织（工会、共青团、妇联）、联系领导、换届时间。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '党支部分类台账',
      source: 'ledger',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'county', header: '旗县区', type: 'text', width: 12, key: true, optional: true, synonyms: countyHeaders },
        { field: 'township', header: '苏木乡镇（街道）', type: 'text', width: 14, key: true, synonyms: townshipHeaders },
        col('name', { width: 28, synonyms: ['支部名称', '党支部名称', '党组织', '党支部'] }),
        col('kind', { width: 9, optional: true, synonyms: ['类别', '组织类型'] }),
        col('field', { width: 11, synonyms: ['所属领域', '行业领域'] }),
        col('membersFormal', { group: '党员人数', width: 8, synonyms: ['正式党员', '正式党员数', '正式党员人数', '正式'] }),
        col('membersProbationary', { group: '党员人数', width: 8, synonyms: ['预备党员', '预备党员数', '预备党员人数', '预备'] }),
        col('secretary', { header: '姓名', group: '书记', width: 9, synonyms: ['书记', '书记姓名', '支部书记'] }),
        col('secretaryPhone', { group: '书记', width: 14, synonyms: ['电话', '书记电话', '手机号码', '手机号', '手机', '联系方式', '书记联系电话', '书记手机'] }),
        col('grade', { width: 7, synonyms: ['分类等次', '类别等次', '评定等次', '分类定级', '定级', '等级'] }),
        col('standardised', { header: '标准化规范化（是/否）', width: 10, synonyms: ['标准化规范化', '是否达标', '标准化规范化达标', '是否标准化规范化', '是否标准化规范化达标', '标准化规范化建设', '达标情况', '标准化规范化达标情况', '是否标准化规范化建设达标'] }),
        // Derived from the pipeline, yet a cell units fill in: a value read back fills missing stages or is reported (services/pipeline/fromLedger.ts).
        col('strongestStatus', { width: 12, optional: true, derived: false, synonyms: ['最强党支部', '最强党支部创建情况'] }),
        col('weakLax', { header: '软弱涣散（是/否）', width: 8, synonyms: ['软弱涣散', '是否软弱涣散', '软弱涣散党组织', '是否软弱涣散党组织'] }),
        // Version 2: 党建带群建 “1+3”, the mass organisations set up beside the Party organisation.
        col('unionBuilt', { header: '工会', group: '群团组织已建立（是/否）', width: 6, optional: true, synonyms: ['工会组织', '工会组织已建立', '是否建立工会', '建立工会组织'] }),
        col('youthLeagueBuilt', { header: '共青团', group: '群团组织已建立（是/否）', width: 7, optional: true, synonyms: ['团组织', '共青团组织', '共青团组织已建立', '是否建立团组织'] }),
        col('womenFederationBuilt', { header: '妇联', group: '群团组织已建立（是/否）', width: 6, optional: true, synonyms: ['妇女组织', '妇联组织', '妇联组织已建立', '基层妇女组织', '是否建立妇联'] }),
        derived('liaisonLeaders', { width: 10, optional: true, synonyms: ['联系领导姓名', '领导姓名', '包联领导'] }),
        col('termChangedOn', { width: 12, synonyms: ['上次换届时间', '换届日期', '换届年月', '上次换届年月', '最近换届时间', '最近一次换届时间', '换届时间（年月）'] }),
        col('notes', { width: 14, optional: true }),
      ],
    },
  ],
};
