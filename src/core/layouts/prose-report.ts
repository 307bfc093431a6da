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
    [/综合评价结论|评价结论|总体评价|综合评价/, 2],
    [/整体支出绩效(?:自评|评价)(?:情况)?(?:的)?报告/, 2],
    [/部门(?:基本)?概况|部门(?:（单位）)?基本情况|一、基本情况/, 1],
    [/存在的?(?:主要)?问题/, 1],
    [/改进措施|整改措施|下一步(?:工作)?(?:打算|计划|措施)/, 1],
  ],
};
