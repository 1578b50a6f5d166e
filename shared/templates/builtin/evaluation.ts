import type { Template } from '../types.ts';
import { townshipHeaders } from './branchLedger.ts';

/**
 * “最强党支部”创建评定验收台账: each branch on the path, stage by stage, with the “four evaluations”.
 * A row is a branch; each stage's cells are that stage's evaluation record (evaluationPathCells),
 * so a returned file is written back record by record. 领域 is the branch's, 是否抽中 the city's
 * draw and 当前状态 the ledger's: shown, locked, never read back.
 */
export const evaluationLedger: Template = {
  id: 'strongest-branch',
  // 2: returnable; 领域, 是否抽中 and 当前状态 are locked (a return writes only the stages' records).
  version: 2,
  title: '{unit}{year}年“最强党支部”创建评定验收台账',
  attachment: 5,
  returnable: true,
  rows: 'records',
  description: '每个参与创建的党支部一行：自创、申报、乡镇“四评”评定、旗县验收、市级抽查评估的时间、得分和结果。',
  page: { orientation: 'landscape', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '评定验收台账',
      source: 'evaluationPath',
      totalsRow: false,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'township', header: '苏木乡镇（街道）', type: 'text', width: 13, key: true, synonyms: townshipHeaders },
        { field: 'name', header: '党支部名称', type: 'text', width: 24, key: true },
        { field: 'field', header: '领域', type: 'dict', dict: 'field', width: 10, derived: true },
        { field: 'selfOn', header: '自创时间', type: 'date', width: 11 },
        { field: 'appliedOn', header: '申报时间', type: 'date', width: 11 },
        { field: 'scoreOrg', header: '组织评定', group: '乡镇“四评”评定（分）', type: 'decimal', width: 7 },
        { field: 'scoreMembers', header: '党员评议', group: '乡镇“四评”评定（分）', type: 'decimal', width: 7 },
        { field: 'scorePublic', header: '群众评判', group: '乡镇“四评”评定（分）', type: 'decimal', width: 7 },
        { field: 'scoreSociety', header: '社会评价', group: '乡镇“四评”评定（分）', type: 'decimal', width: 7 },
        { field: 'townshipScore', header: '综合得分', group: '乡镇“四评”评定（分）', type: 'decimal', width: 7 },
        { field: 'countyOn', header: '时间', group: '旗县验收', type: 'date', width: 11 },
        { field: 'countyScore', header: '得分', group: '旗县验收', type: 'decimal', width: 7 },
        { field: 'countyResult', header: '结果', group: '旗县验收', type: 'dict', dict: 'evaluation_result', width: 7 },
        { field: 'drawn', header: '是否抽中', group: '市级抽查评估', type: 'flag', width: 7, derived: true },
        { field: 'cityScore', header: '得分', group: '市级抽查评估', type: 'decimal', width: 7 },
        { field: 'cityResult', header: '结果', group: '市级抽查评估', type: 'dict', dict: 'evaluation_result', width: 7 },
        { field: 'strongestStatus', header: '当前状态', type: 'dict', dict: 'strongest_status', width: 12, derived: true },
      ],
    },
  ],
};
