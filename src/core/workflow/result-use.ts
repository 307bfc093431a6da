/**
 * Results use (结果应用): the grade of an approved evaluation → next year's budget recommendation, as a data table.
 * Regions write their own rule, as they write their own rubrics: a small registry keyed by id, each entry with the
 * region and years it applies to; `resultUseRuleFor` picks a region's own entry and falls back to the default.
 */
import type { LocalText } from '../formulas/types.ts';
import type { Grade } from '../rubric/engine.ts';

export type GradeId = Grade['id'];

export const RECOMMENDATIONS = ['priority', 'keep', 'cut', 'cancel'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const RECOMMENDATION_LABELS: Readonly<Record<Recommendation, LocalText>> = {
  priority: { zh: '优先保障', en: 'priority' },
  keep: { zh: '保障', en: 'keep' },
  cut: { zh: '压缩', en: 'cut' },
  cancel: { zh: '取消', en: 'cancel' },
};

export interface ResultUseRule {
  readonly id: string;
  readonly label: LocalText;
  /** The region whose rule it is; null for the default. */
  readonly regionId: string | null;
  /** Evaluation years it applies to (inclusive); open ends when absent. */
  readonly years?: { readonly from?: number; readonly to?: number };
  readonly basis: LocalText;
  /** The recommendation per grade (优 良 中 差); every grade has one. */
  readonly byGrade: Readonly<Record<GradeId, Recommendation>>;
}

/** The registry. One default entry; a region's rule is one more entry here. */
export const RESULT_USE_RULES: readonly ResultUseRule[] = [
  {
    id: 'default',
    label: { zh: '默认规则', en: 'default rule' },
    regionId: null,
    basis: {
      zh: '一省的做法（SPEC §8）：评价结果为优的，下年度预算优先保障；良的予以保障；中的压缩；差的取消。',
      en: "One province's rule (SPEC §8): 优 priority in next year's budget, 良 keep, 中 cut, 差 cancel.",
    },
    byGrade: { excellent: 'priority', good: 'keep', fair: 'cut', poor: 'cancel' },
  },
];

export const DEFAULT_RESULT_USE_RULE: ResultUseRule = RESULT_USE_RULES[0]!;

export function resultUseRuleById(id: string): ResultUseRule | undefined {
  return RESULT_USE_RULES.find((r) => r.id === id);
}

const covers = (r: ResultUseRule, year: number | undefined) =>
  year === undefined || ((r.years?.from === undefined || year >= r.years.from) && (r.years?.to === undefined || year <= r.years.to));

/** The rule a region applies to an evaluation year: its own entry covering the year (the latest-starting), else the default. */
export function resultUseRuleFor(regionId: string | undefined, year?: number): ResultUseRule {
  const own = RESULT_USE_RULES.filter((r) => r.regionId !== null && r.regionId === regionId && covers(r, year)).sort((a, b) => (b.years?.from ?? 0) - (a.years?.from ?? 0));
  return own[0] ?? DEFAULT_RESULT_USE_RULE;
}

/** Next year's budget recommendation for a grade under a rule. */
export function recommendationFor(grade: GradeId, rule: ResultUseRule = DEFAULT_RESULT_USE_RULE): { readonly recommendation: Recommendation; readonly label: LocalText; readonly ruleId: string } {
  const recommendation = rule.byGrade[grade];
  return { recommendation, label: RECOMMENDATION_LABELS[recommendation], ruleId: rule.id };
}
