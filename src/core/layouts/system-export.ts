import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/**
 * Tables exported from a province's 预算管理一体化 system: the target split over 指标方向 (≥ ≤ =) | 指标值 | 度量单位,
 * with 完成值, 分值, 得分 and 偏差原因 beside it.
 */
export const systemExport: Layout = {
  id: 'system-export',
  label: { zh: '一体化系统导出表', en: 'budget-system export' },
  region: null,
  years: { from: 2021 },
  subject: 'department',
  description: {
    zh: '预算管理一体化系统导出的自评表：指标值拆为指标方向（≥ ≤ =）、指标值、度量单位三列，另有完成值、分值、得分、偏差原因。',
    en: 'Export of a budget-management system: the target split into direction (≥ ≤ =), value and unit columns, with actual, points, score and deviation.',
  },
  formulas: { basis: 'mof-2020' },
  rubric: 'mof-2020',
  expected: [...BASE_FIELDS, 'indicators', 'selfScores.total'],
  rules: {},
  template: 'gz-form',
  markers: [
    [/指标方向/, 4],
    [/度量单位/, 3],
    [/计量单位/, 2],
    [/指标性质/, 2],
    [/完成值/, 1],
    [/指标(?:性质|方向)指标值(?:度量|计量)单位/, 3],
  ],
};
