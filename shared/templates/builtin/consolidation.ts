import type { Template } from '../types.ts';

/*
 * The consolidation tables (汇总) besides the 党组织基本情况统计表 (orgSummary.ts): one row per unit
 * directly below ours, with 合计. Made from the ledgers and records we hold (the returns are
 * imported into them), never sent down to be filled in. How each figure is counted is in
 * electron/core/services/consolidate/measures.ts; the notes below say it to the reader.
 */

/** 党建工作联系点工作情况统计表: leaders' liaison points and their work, by the unit the point's branch is in. */
export const liaisonSummary: Template = {
  id: 'liaison-summary',
  version: 1,
  title: '{unit}{year}年党建工作联系点工作情况统计表',
  attachment: 7,
  returnable: false,
  rows: 'units',
  description: '按下一级单位汇总：联系领导干部人数、联系点数（其中后进党支部）、走访调研和讲党课次数、解决问题数、领办实事项目数（已完成、推进中），末行合计。',
  page: { orientation: 'portrait', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '联系点工作统计表',
      source: 'liaisonSummary',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'unit', header: '单位', type: 'text', width: 24, key: true, synonyms: ['单位名称', '旗县区', '苏木乡镇（街道）'] },
        { field: 'leaders', header: '联系领导干部（人）', type: 'integer', width: 10, total: true },
        { field: 'points', header: '联系点数', group: '联系点（个）', type: 'integer', width: 8, total: true },
        { field: 'laggingPoints', header: '其中后进党支部', group: '联系点（个）', type: 'integer', width: 9, total: true },
        { field: 'visits', header: '走访调研', group: '工作开展（次）', type: 'integer', width: 8, total: true },
        { field: 'lectures', header: '讲党课', group: '工作开展（次）', type: 'integer', width: 8, total: true },
        { field: 'problemsSolved', header: '解决问题（个）', type: 'integer', width: 9, total: true },
        { field: 'projects', header: '项目数', group: '领办实事项目（个）', type: 'integer', width: 8, total: true },
        { field: 'projectsDone', header: '已完成', group: '领办实事项目（个）', type: 'integer', width: 8, total: true },
        { field: 'projectsInProgress', header: '推进中', group: '领办实事项目（个）', type: 'integer', width: 8, total: true },
      ],
      notes: [
        '注：1. 联系点按所联系党支部所在单位统计；联系领导干部为在本单位有联系点的领导干部，一人在两个以上单位有联系点的，在各单位分别统计。',
        '2. 走访调研为联系点工作记录中讲党课以外的各类活动（调研指导、参加组织生活、座谈走访、蹲点等）次数；解决问题数为工作记录中填报的解决问题个数之和。',
        '3. 领办实事项目含往年结转未完成的项目；已完成为进展为“已完成”或已销号的项目，推进中为进展为“推进中”且未销号的项目。',
      ],
    },
  ],
};

/** 党支部建设主要指标统计表: the shares the reports quote (标准化规范化 53.3 %, “最强党支部” 19.1 % and 33.6 %). */
export const keyShares: Template = {
  id: 'key-shares',
  version: 1,
  title: '{unit}{year}年党支部建设主要指标统计表',
  attachment: 9,
  returnable: false,
  rows: 'units',
  description: '按下一级单位汇总：标准化规范化党支部达标率、“最强党支部”命名占比、达到“最强党支部”建设标准的占比，末行合计（合计的占比按合计数计算）。',
  page: { orientation: 'portrait', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '主要指标统计表',
      source: 'keyShares',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'unit', header: '单位', type: 'text', width: 24, key: true, synonyms: ['单位名称', '旗县区', '苏木乡镇（街道）'] },
        { field: 'branches', header: '党支部（个）', type: 'integer', width: 10, total: true },
        { field: 'standardised', header: '达标（个）', group: '标准化规范化', type: 'integer', width: 9, total: true },
        { field: 'standardisedRate', header: '达标率', group: '标准化规范化', type: 'percent', width: 9, totalRatio: { of: 'standardised', to: 'branches' } },
        { field: 'strongestNamed', header: '命名（个）', group: '“最强党支部”', type: 'integer', width: 9, total: true },
        { field: 'strongestNamedRate', header: '占比', group: '“最强党支部”', type: 'percent', width: 9, totalRatio: { of: 'strongestNamed', to: 'branches' } },
        { field: 'standardMet', header: '达标（个）', group: '达到“最强党支部”建设标准', type: 'integer', width: 12, total: true },
        { field: 'standardMetRate', header: '占比', group: '达到“最强党支部”建设标准', type: 'percent', width: 12, totalRatio: { of: 'standardMet', to: 'branches' } },
      ],
      notes: [
        '注：1. 党支部数为本年分类台账中的党支部（党总支）数，三项占比均以其为分母。',
        '2. 标准化规范化达标率 = 台账中“标准化规范化”为“是”的党支部数 ÷ 党支部数。',
        '3. “最强党支部”命名占比 = “最强党支部”创建状态为“市级评估通过”（经市级评估命名）的党支部数 ÷ 党支部数。',
        '4. 达到“最强党支部”建设标准占比 = “最强党支部”创建已通过乡镇评定（含旗县验收通过、市级评估通过）的党支部数 ÷ 党支部数。',
      ],
    },
  ],
};

/** 问题清单整改销号情况统计表: problems, crossed off, the share crossed off, overdue. */
export const problemClosureSummary: Template = {
  id: 'problem-closure',
  version: 1,
  title: '{unit}{year}年问题清单整改销号情况统计表',
  attachment: 10,
  returnable: false,
  rows: 'units',
  description: '按下一级单位汇总：问题数、已销号数、销号率、超期未销号数，末行合计（合计的销号率按合计数计算）。',
  page: { orientation: 'portrait', paper: 'A4' },
  footer: ['填报人：', '审核人：', '联系电话：'],
  sheets: [
    {
      name: '问题整改销号统计表',
      source: 'problemClosure',
      totalsRow: true,
      columns: [
        { field: 'serial', header: '序号', type: 'serial', width: 6 },
        { field: 'unit', header: '单位', type: 'text', width: 24, key: true, synonyms: ['单位名称', '旗县区', '苏木乡镇（街道）'] },
        { field: 'problems', header: '问题（个）', type: 'integer', width: 10, total: true },
        { field: 'cleared', header: '已销号（个）', type: 'integer', width: 10, total: true },
        { field: 'clearedRate', header: '销号率', type: 'percent', width: 10, totalRatio: { of: 'cleared', to: 'problems' } },
        { field: 'overdue', header: '超期未销号（个）', type: 'integer', width: 12, total: true },
      ],
      notes: ['注：问题数为本年问题清单中的问题数；销号率 = 整改状态为“已销号”的问题数 ÷ 问题数；超期未销号为未销号且整改时限早于统计当日的问题数。'],
    },
  ],
};
