import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/**
 * Department-wide forms that score budget execution in the form: 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
 * 执行率权重 | 执行率得分 (= 权重 × 执行率, capped at the weight), and indicators scored as 得分系数 × 权重.
 */
export const executionScoreForm: Layout = {
  id: 'execution-score-form',
  label: { zh: '执行率计分式整体自评表', en: 'execution-score form' },
  region: null,
  years: { from: 2019 },
  subject: 'department',
  description: {
    zh: '部门整体支出绩效自评表：预算执行行带执行率权重与执行率得分（= 权重 × 执行率，不超过权重），指标按得分系数 × 权重计分，另有总分。',
    en: 'Department-wide form: the budget row carries an execution weight and score (weight × rate, capped); indicators score coefficient × weight; a total.',
  },
  formulas: { basis: 'mof-2020' },
  rubric: 'mof-2020',
  expected: [...BASE_FIELDS, 'budget.weight', 'budget.score', 'indicators', 'selfScores.total'],
  rules: {},
  template: 'gz-form',
  markers: [
    [/执行率权重/, 4],
    [/执行率得分/, 4],
    [/得分系数/, 3],
    [/全年执行数/, 1],
    [/部门整体(?:支出)?绩效自评表/, 1],
    [/全年[（(]?调整[）)]?预算数/, 1],
    [/指标权重/, 1],
  ],
};
