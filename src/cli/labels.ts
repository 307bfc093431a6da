/** CLI labels, Chinese first. */
import type { Lang } from '../core/messages.ts';

const LABELS = {
  valid: { zh: '有效', en: 'valid' },
  invalid: { zh: '无效', en: 'invalid' },
  problems: { zh: '个问题', en: 'problem(s)' },
  department: { zh: '部门', en: 'Department' },
  unnamed: { zh: '（未署名部门）', en: '(unnamed department)' },
  year: { zh: '年度', en: 'Year' },
  file: { zh: '文件', en: 'File' },
  subject: { zh: '对象', en: 'Subject' },
  metric: { zh: '指标', en: 'Metric' },
  computed: { zh: '计算值', en: 'Computed' },
  printed: { zh: '印出值', en: 'printed' },
  check: { zh: '核对', en: 'Check' },
  match: { zh: '一致', en: 'matches' },
  differs: { zh: '不符', en: 'differs' },
  'printed-not-applicable': { zh: '不适用却印出数值', en: 'printed, but not applicable' },
  'not-printed': { zh: '未印出', en: 'not printed' },
  figures: { zh: '项计算', en: 'figures' },
  variantUsed: { zh: '文件所用口径', en: 'variant the document used' },
  otherVariants: { zh: '其他口径', en: 'other variants' },
  item: { zh: '评分项', en: 'Item' },
  weight: { zh: '分值', en: 'Weight' },
  self: { zh: '自评', en: 'Self' },
  review: { zh: '复核', en: 'Computed' },
  diff: { zh: '差异', en: 'Diff' },
  verifiable: { zh: '可核', en: 'Verif.' },
  basis: { zh: '依据', en: 'Basis' },
  total: { zh: '合计', en: 'Total' },
  grade: { zh: '等级', en: 'Grade' },
  rubric: { zh: '评分标准', en: 'Rubric' },
  notes: { zh: '提示', en: 'Notes' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  items: { zh: '评分项', en: 'items' },
  region: { zh: '地区', en: 'Region' },
  kind: { zh: '版式', en: 'Kind' },
  mismatches: { zh: '印出不符', en: 'Mismatches' },
  printedChecked: { zh: '印出已核', en: 'Printed checked' },
  selfTotal: { zh: '自评总分', en: 'Self total' },
  computedTotal: { zh: '复核总分', en: 'Computed total' },
  notVerifiable: { zh: '不可核（沿用自评）', en: 'not verifiable (self-score stands)' },
  summary: { zh: '汇总', en: 'Summary' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, lang: Lang): string {
  return LABELS[key][lang];
}
