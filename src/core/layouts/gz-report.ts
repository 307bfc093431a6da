import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/** 广州市 部门整体支出绩效自评报告: 部门整体收支情况, 履职效能分析 with its 20-point scoring, tables by economic class. */
export const gzReport: Layout = {
  id: 'gz-report',
  label: { zh: '广州自评报告', en: 'Guangzhou self-evaluation report' },
  region: { zh: '广东省广州市', en: 'Guangzhou, Guangdong' },
  years: { from: 2021 },
  subject: 'department',
  description: {
    zh: '报告：部门整体收支情况、履职效能分析（指标得分）、部门整体绩效管理情况、按经济分类执行表、年度重点工作任务、项目表。',
    en: 'Report: revenue and spending, performance analysis with its score, management, execution by economic class, key tasks, project table.',
  },
  formulas: { basis: 'gz-report' },
  rubric: 'guangzhou-2023',
  expected: [...BASE_FIELDS, 'indicators', 'keyTasks', 'projects', 'economicClassification', 'basicExpenditure', 'selfScores.total', 'problems', 'measures'],
  rules: { keyProjectMin: '500' },
  template: 'gz-report',
  markers: [
    [/部门整体支出绩效自评报告/, 1],
    [/部门整体收支情况/, 3],
    [/履职效能分析/, 3],
    [/部门整体绩效管理情况/, 2],
    [/完成率在\d/, 2],
    [/部门预算按经济分类执行情况/, 2],
    [/年度重点工作任务/, 1],
  ],
};
