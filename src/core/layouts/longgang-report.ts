import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/** 深圳市龙岗区 部门整体绩效评价报告 with its 100-point 评分情况 table. */
export const longgangReport: Layout = {
  id: 'longgang-report',
  label: { zh: '龙岗整体绩效评价报告', en: 'Longgang evaluation report' },
  region: { zh: '广东省深圳市龙岗区', en: 'Longgang, Shenzhen, Guangdong' },
  years: { from: 2019, to: 2021 },
  subject: 'department',
  description: {
    zh: '报告：部门决策、过程管理、履职绩效分析，附 100 分制的“部门整体支出绩效评价指标评分情况”表，编外人员、公用经费控制率等。',
    en: 'Report on decision, process and performance with a 100-point scoring table; staffing and operating-cost control rates.',
  },
  formulas: { basis: 'longgang' },
  rubric: 'longgang-2020',
  expected: [...BASE_FIELDS, 'budget.printed.adjustmentRate', 'projects', 'selfScores.total', 'selfScores.items', 'management.procurement', 'management.fixedAssets', 'management.staffing', 'problems', 'measures'],
  rules: {},
  template: 'gz-report',
  markers: [
    [/部门整体绩效评价报告/, 2],
    [/部门主要履职绩效分析/, 3],
    [/总体评价和整改措施/, 3],
    [/部门整体支出绩效评价指标评分情况/, 3],
    [/部门决策/, 1],
    [/编外人员控制率/, 1],
    [/公用经费控制率/, 1],
  ],
};
