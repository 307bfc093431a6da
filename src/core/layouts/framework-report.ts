import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/** A report on the national common-indicator framework (财预〔2013〕53号): 预算编审管理, 预算执行管理, 履职完成情况 … */
export const frameworkReport: Layout = {
  id: 'framework-report',
  label: { zh: '共性指标框架自评报告', en: 'national-framework report' },
  region: null,
  years: { from: 2013 },
  subject: 'department',
  description: {
    zh: '按《部门整体支出绩效评价共性指标体系框架》行文的报告：预算编审管理、预算执行管理、结转结余管理、履职完成情况、履职效果情况，按功能分类的支出。',
    en: 'Report along the national common-indicator framework: budgeting, execution, carry-over, duties completed and their effect; spending by function.',
  },
  formulas: { basis: 'mof-2013' },
  rubric: 'mof-2013',
  expected: [...BASE_FIELDS, 'functionalClassification', 'management.staffing', 'problems', 'measures'],
  rules: {},
  template: 'gz-report',
  markers: [
    [/预算编审管理/, 3],
    [/预算执行管理/, 3],
    [/履职完成情况/, 2],
    [/履职效果情况/, 2],
    [/(?:结余结转|结转结余)管理/, 2],
    [/部门整体支出绩效实现情况/, 2],
    [/部门概况/, 1],
  ],
};
