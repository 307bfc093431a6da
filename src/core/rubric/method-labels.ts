/**
 * The scoring methods (docs/rubric-format.md §2) in a finance officer's words, for every screen and document that
 * names one. The record is keyed by METHOD_IDS, so a new method does not compile without its label.
 */
import type { LocalText } from '../formulas/types.ts';
import { METHOD_IDS } from './schema.ts';

export const METHOD_LABELS: Readonly<Record<(typeof METHOD_IDS)[number], LocalText>> = {
  ratio: { zh: '比率 × 分值', en: 'rate × weight' },
  tiers: { zh: '分档计分', en: 'tiers' },
  'deduct-per-point': { zh: '超限每点扣分', en: 'deduct per point' },
  checklist: { zh: '评分要点', en: 'checklist' },
  'deduct-per-failure': { zh: '每项未完成扣分', en: 'deduct per failure' },
  'enum-points': { zh: '按取值给分', en: 'points by value' },
  'quarterly-progress': { zh: '季度执行进度', en: 'quarterly progress' },
  indicators: { zh: '绩效指标完成率', en: 'performance indicators' },
  judgement: { zh: '酌情评分', en: 'judgement' },
  veto: { zh: '一票否决', en: 'veto' },
  sum: { zh: '分项相加', en: 'sum of parts' },
};
