import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/**
 * Department-wide forms whose section weights stand inside the names: 预算执行（30）/ 产出指标（40分）/ 效益指标（30分）,
 * 预算执行管理 with its 完成率 and 控制率 lines.
 */
export const weightedSectionForm: Layout = {
  id: 'weighted-section-form',
  label: { zh: '分项权重式整体自评表', en: 'weighted-section form' },
  region: null,
  years: { from: 2019 },
  subject: 'department',
  description: {
    zh: '部门整体支出绩效自评表：一级指标名称内印权重（预算执行（30）、产出指标（40分）、效益指标（30分）），各项自评得分合计为总分。',
    en: 'Department-wide form with the section weights printed inside the names (预算执行（30）, 产出指标（40分）…); item scores add to the total.',
  },
  formulas: { basis: 'common' },
  expected: [...BASE_FIELDS, 'indicators', 'selfScores.total', 'selfScores.items'],
  rules: {},
  template: 'gz-form',
  markers: [
    [/预算执行(?:情况)?[（(]\s*(?:权重|分值)?\s*\d+(?:\.\d+)?\s*(?:分|%)?\s*[)）]/, 4],
    [/产出(?:指标)?[（(]\s*(?:权重|分值)?\s*\d+(?:\.\d+)?\s*(?:分|%)?\s*[)）]/, 3],
    [/效益(?:指标)?[（(]\s*(?:权重|分值)?\s*\d+(?:\.\d+)?\s*(?:分|%)?\s*[)）]/, 3],
    [/满意度(?:指标)?[（(]\s*(?:权重|分值)?\s*\d+(?:\.\d+)?\s*(?:分|%)?\s*[)）]/, 1],
    [/(?:数量|质量|时效|成本)(?:指标)?[（(]\s*\d+(?:\.\d+)?\s*分?\s*[)）]/, 1],
  ],
};
