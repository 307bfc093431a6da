import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/**
 * Prose self-evaluation reports on the outline 一、部门概况 / 二、部门整体支出管理及使用情况 / 三、部门整体支出绩效情况 /
 * 四、存在的问题 / 五、自评结论 (or 改进措施): figures in sentences and small tables.
 */
export const proseReport: Layout = {
  id: 'prose-report',
  label: { zh: '叙述式自评报告', en: 'prose self-evaluation report' },
  region: null,
  years: { from: 2015 },
  subject: 'department',
  description: {
    zh: '按“一、部门概况 二、部门整体支出管理及使用情况 三、部门整体支出绩效情况 四、存在的问题 五、自评结论（改进措施）”行文的报告，数字多在句中与小表内。',
    en: 'Report on the outline overview / spending and its management / performance / problems / conclusion, figures in sentences and small tables.',
  },
  formulas: { basis: 'common' },
  expected: [...BASE_FIELDS, 'selfScores.total', 'problems', 'measures'],
  rules: {},
  template: 'gz-report',
  markers: [
    [/部门整体支出管理及使用情况/, 4],
    [/部门整体支出绩效情况/, 3],
    [/自评结论/, 3],
    [/部门概况/, 1],
    [/存在的(?:主要)?问题/, 1],
    [/部门整体支出绩效自评报告/, 1],
  ],
};
