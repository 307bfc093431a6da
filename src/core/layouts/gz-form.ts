import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/** 广州市 部门整体支出绩效自评表: 部门资金情况, 年度重点工作任务 × 任务涉及金额 and 关键指标, 重点项目绩效情况. */
export const gzForm: Layout = {
  id: 'gz-form',
  label: { zh: '广州自评表', en: 'Guangzhou self-evaluation form' },
  region: { zh: '广东省广州市', en: 'Guangzhou, Guangdong' },
  years: { from: 2021 },
  subject: 'department',
  description: {
    zh: '一张表：部门资金情况（年初预算、年度预算调整数即调整后总额、实际支出、完成率、调整率）、年度重点工作任务（任务涉及金额、关键指标）、重点项目绩效情况、问题与改进措施。',
    en: 'One form: funds (initial, adjusted total printed as 年度预算调整数, actual, rates), key tasks with amounts and key indicators, key-project section, problems and measures.',
  },
  formulas: { basis: 'gz-form' },
  rubric: 'mof-2020',
  expected: [...BASE_FIELDS, 'budget.printed.adjustmentRate', 'keyTasks', 'keyProjectNarrative', 'problems', 'measures'],
  rules: { keyProjectMin: '500', requiresKeyProject: true },
  template: 'gz-form',
  markers: [
    [/部门整体支出绩效自评表/, 2],
    [/部门资金情况/, 3],
    [/部门调整预算收入/, 2],
    [/任务涉及(?:金额|资金)/, 3],
    [/关键指标/, 1],
    [/重点项目绩效情况/, 2],
    [/改进措施或下一步计划/, 2],
  ],
};
