import { BASE_FIELDS } from './fields.ts';
import type { Layout } from './types.ts';

/**
 * Department-wide forms whose funding table carries its formulas in the header: 年初安排① | 年中调整② | 小计③=①+② |
 * 拨付④ | 支出实现率⑤=④/③ | 结余⑥=③−④ | 结余率⑦=⑥/③, one row per fund (财政资金小计, 项目支出, 基本支出, 其他收入, 合计).
 */
export const fundingStructureForm: Layout = {
  id: 'funding-structure-form',
  label: { zh: '资金结构式整体自评表', en: 'funding-structure form' },
  region: null,
  years: { from: 2018 },
  subject: 'department',
  description: {
    zh: '部门整体支出绩效自评表，资金表头自带公式（小计③=①+②、支出实现率⑤=④/③、结余⑥=③−④、结余率⑦=⑥/③），按资金性质分行；其后为年度绩效目标与指标表。',
    en: 'Department-wide form whose funding header carries its formulas (③=①+②, ⑤=④/③, ⑥=③−④, ⑦=⑥/③), rows by fund; then targets and indicators.',
  },
  formulas: { basis: 'common' },
  expected: [...BASE_FIELDS, 'formulaTables', 'indicators', 'selfScores.total'],
  rules: {},
  template: 'gz-form',
  markers: [
    [/年初安排/, 2],
    [/年中调整/, 2],
    [/支出实现率/, 3],
    [/结余率/, 2],
    [/[①-⑳]\s*[=＝]\s*[①-⑳]/, 3],
    [/[①-⑳][=＝][①-⑳][+＋\-－−×÷/][①-⑳]/, 2],
    [/财政资金小计/, 1],
  ],
};
