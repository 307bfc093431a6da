/**
 * The formula library (SPEC §4, §5.2, §5.7): every metric the product computes, one declared entry each, with its
 * variants named after the rule that uses them. docs/formulas.md is written from this table.
 */
import {
  type Exact,
  ONE,
  cmp,
  ZERO,
  abs,
  add,
  div,
  gt,
  isZero,
  lt,
  min,
  mul,
  sub,
  sum,
} from '../exact.ts';
import type { Basis, FormulaDef, InputSpec, LocalText, Outcome, OutputKind, Quantity } from './types.ts';
import { notApplicable, valueOutcome } from './types.ts';

const t = (zh: string, en: string): LocalText => ({ zh, en });

/** a ÷ b, or "not applicable" when b is zero (SPEC §4: never NaN, Infinity or a silent 0%). */
export function rateCore(a: Exact, b: Exact): Outcome {
  const r = div(a, b);
  return r === undefined ? notApplicable('zero-denominator') : valueOutcome(r);
}

/** (current − previous) ÷ previous. */
export function growthCore(current: Exact, previous: Exact): Outcome {
  return rateCore(sub(current, previous), previous);
}

/**
 * 执行率得分 (财预〔2020〕10号 and the forms that follow it): min(执行数 ÷ 预算数, 100%) × 分值 — the rate is capped, so
 * spending above the budget earns no more than the weight. Not applicable when the budget is zero.
 */
export function executionScoreCore(actual: Exact, budget: Exact, weight: Exact): Outcome {
  const r = div(actual, budget);
  if (r === undefined) return notApplicable('zero-denominator');
  return valueOutcome(mul(min(r, ONE), weight), gt(r, ONE) ? { flags: ['capped'] } : {});
}

/** A direction of an indicator that can be scored by numbers (定性 indicators are judged, not computed). */
export type ScoredDirection = 'gte' | 'lte' | 'eq';

/**
 * 指标得分 by 财预〔2020〕10号 (SPEC §5.4): a target met earns the full weight; a missed ≥ target earns weight × 完成值 ÷
 * 指标值, a missed ≤ target weight × 指标值 ÷ 完成值; an = target (or a target of 0) is met or earns nothing. Flags
 * "met" when the target is met.
 */
export function indicatorScoreCore(direction: ScoredDirection, target: Exact, actual: Exact, weight: Exact): Outcome {
  let completion: Exact;
  if (direction === 'eq' || isZero(target)) {
    const c = cmp(actual, target);
    completion = (direction === 'gte' ? c >= 0 : direction === 'lte' ? c <= 0 : c === 0) ? ONE : ZERO;
  } else if (direction === 'gte') {
    const r = div(actual, target);
    if (r === undefined) return notApplicable('zero-denominator');
    completion = r;
  } else {
    completion = isZero(actual) ? ONE : (div(target, actual) ?? ZERO);
  }
  const isMet = !lt(completion, ONE);
  return valueOutcome(mul(min(completion, ONE), weight), isMet ? { flags: ['met'] } : {});
}

const IN = {
  initialBudget: { key: 'initialBudget', label: t('年初预算', 'initial budget') },
  increase: { key: 'increase', label: t('预算调增数', 'budget increase') },
  decrease: { key: 'decrease', label: t('预算调减数', 'budget decrease') },
  adjustedBudget: { key: 'adjustedBudget', label: t('调整后预算', 'adjusted budget') },
  adjustment: { key: 'adjustment', label: t('预算调整数', 'budget adjustment') },
  actualSpending: { key: 'actualSpending', label: t('实际支出', 'actual spending') },
  previous: { key: 'previous', label: t('上年数', 'previous year') },
  current: { key: 'current', label: t('本年数', 'this year') },
  part: { key: 'part', label: t('部分', 'part') },
  whole: { key: 'whole', label: t('合计', 'whole') },
  weight: { key: 'weight', label: t('分值（权重）', 'weight') },
  target: { key: 'target', label: t('指标值', 'target') },
  actual: { key: 'actual', label: t('完成值', 'actual') },
} as const satisfies Record<string, InputSpec>;

const v = (args: Readonly<Record<string, Quantity>>, key: string): Exact => args[key]?.value ?? ZERO;

interface Entry {
  family: string;
  variant: string;
  name: LocalText;
  formula: LocalText;
  basis: readonly Basis[];
  inputs: readonly InputSpec[];
  output?: OutputKind;
  compute: FormulaDef['compute'];
}

function def(e: Entry): FormulaDef {
  return { id: `${e.family}.${e.variant}`, output: e.output ?? 'rate', ...e };
}

/** PEFA PI-1 bands on actual ÷ original budget. */
export function pefaPi1Grade(ratio: Exact): string {
  const within = (lo: number, hi: number) => !lt(ratio, { n: BigInt(lo), d: 100n }) && !gt(ratio, { n: BigInt(hi), d: 100n });
  if (within(95, 105)) return 'A';
  if (within(90, 110)) return 'B';
  if (within(85, 115)) return 'C';
  return 'D';
}

/** PEFA PI-2 bands on composition variance. */
export function pefaPi2Grade(variance: Exact): string {
  if (lt(variance, { n: 5n, d: 100n })) return 'A';
  if (lt(variance, { n: 10n, d: 100n })) return 'B';
  if (lt(variance, { n: 15n, d: 100n })) return 'C';
  return 'D';
}

/**
 * PEFA PI-2 composition variance: rescale each category's original budget by (Σ actual ÷ Σ original);
 * variance = Σ|actual − rescaled| ÷ Σ rescaled.
 */
export function compositionVarianceCore(categories: readonly { initial: Exact; actual: Exact }[]): Outcome {
  const totalInitial = sum(categories.map((c) => c.initial));
  const totalActual = sum(categories.map((c) => c.actual));
  const factor = div(totalActual, totalInitial);
  if (factor === undefined) return notApplicable('zero-denominator');
  let deviation = ZERO;
  let rescaledTotal = ZERO;
  for (const c of categories) {
    const rescaled = { n: c.initial.n * factor.n, d: c.initial.d * factor.d };
    deviation = add(deviation, abs(sub(c.actual, rescaled)));
    rescaledTotal = add(rescaledTotal, rescaled);
  }
  const r = div(deviation, rescaledTotal);
  return r === undefined ? notApplicable('zero-denominator') : valueOutcome(r, { grade: pefaPi2Grade(r) });
}

export const SEQUENTIAL_BENCHMARKS: readonly Exact[] = [
  { n: 25n, d: 100n },
  { n: 50n, d: 100n },
  { n: 75n, d: 100n },
  ONE,
];

const ratioEntry = (
  family: string,
  variant: string,
  name: LocalText,
  formula: LocalText,
  basis: readonly Basis[],
  num: InputSpec,
  den: InputSpec,
): FormulaDef =>
  def({ family, variant, name, formula, basis, inputs: [num, den], compute: (a) => rateCore(v(a, num.key), v(a, den.key)) });

const indicatorScoreEntry = (direction: ScoredDirection, formula: LocalText): FormulaDef =>
  def({
    family: 'indicatorScore',
    variant: direction,
    name: t(`指标得分（${{ gte: '≥', lte: '≤', eq: '=' }[direction]} 指标）`, `indicator score (${direction})`),
    formula,
    basis: ['mof-2020'],
    inputs: [IN.target, IN.actual, IN.weight],
    output: 'score',
    compute: (a) => indicatorScoreCore(direction, v(a, 'target'), v(a, 'actual'), v(a, 'weight')),
  });

export const FORMULAS: readonly FormulaDef[] = [
  def({
    family: 'adjustedBudget',
    variant: 'fromChanges',
    name: t('调整后预算', 'adjusted budget'),
    formula: t('年初预算 + 预算调增数 − 预算调减数', 'initial budget + increase − decrease'),
    basis: ['common'],
    inputs: [IN.initialBudget, IN.increase, IN.decrease],
    output: 'money',
    compute: (a) => valueOutcome(sub(add(v(a, 'initialBudget'), v(a, 'increase')), v(a, 'decrease')), a['initialBudget']?.unit ? { unit: a['initialBudget'].unit } : {}),
  }),
  def({
    family: 'budgetAdjustment',
    variant: 'adjustedMinusInitial',
    name: t('预算调整数', 'budget adjustment'),
    formula: t('调整后预算 − 年初预算', 'adjusted budget − initial budget'),
    basis: ['common'],
    inputs: [IN.adjustedBudget, IN.initialBudget],
    output: 'money',
    compute: (a) => valueOutcome(sub(v(a, 'adjustedBudget'), v(a, 'initialBudget')), a['adjustedBudget']?.unit ? { unit: a['adjustedBudget'].unit } : {}),
  }),
  ratioEntry(
    'executionRate',
    'ofAdjusted',
    t('预算执行率（支出率、预算完成率）', 'execution rate'),
    t('实际支出 ÷ 调整后预算 × 100%', 'actual spending ÷ adjusted budget'),
    ['common', 'gz-form', 'gz-report', 'longgang', 'mof-2013', 'mof-2020'],
    IN.actualSpending,
    IN.adjustedBudget,
  ),
  ratioEntry(
    'executionRate',
    'ofInitial',
    t('预算执行率（对年初预算）', 'execution rate against the initial budget'),
    t('实际支出 ÷ 年初预算 × 100%', 'actual spending ÷ initial budget'),
    ['common', 'pefa'],
    IN.actualSpending,
    IN.initialBudget,
  ),
  def({
    family: 'adjustmentRate',
    variant: 'gzForm',
    name: t('预算调整率（广州自评表）', 'budget adjustment rate (Guangzhou form)'),
    formula: t('|年初预算 − 调整后预算| ÷ 年初预算 × 100%', '|initial − adjusted| ÷ initial'),
    basis: ['gz-form'],
    inputs: [IN.initialBudget, IN.adjustedBudget],
    compute: (a) => rateCore(abs(sub(v(a, 'initialBudget'), v(a, 'adjustedBudget'))), v(a, 'initialBudget')),
  }),
  def({
    family: 'adjustmentRate',
    variant: 'longgang',
    name: t('预算调整率（龙岗）', 'budget adjustment rate (Longgang)'),
    formula: t('(调整后预算 − 年初预算) ÷ 调整后预算 × 100%', '(adjusted − initial) ÷ adjusted'),
    basis: ['longgang'],
    inputs: [IN.adjustedBudget, IN.initialBudget],
    compute: (a) => rateCore(sub(v(a, 'adjustedBudget'), v(a, 'initialBudget')), v(a, 'adjustedBudget')),
  }),
  def({
    family: 'adjustmentRate',
    variant: 'mof2013',
    name: t('预算调整率（财预〔2013〕53号）', 'budget adjustment rate (MOF 2013)'),
    formula: t('预算调整数 ÷ 预算数（年初）× 100%，预算调整数 = 调整后 − 年初', 'adjustment ÷ initial budget'),
    basis: ['mof-2013'],
    inputs: [IN.adjustedBudget, IN.initialBudget],
    compute: (a) => rateCore(sub(v(a, 'adjustedBudget'), v(a, 'initialBudget')), v(a, 'initialBudget')),
  }),
  def({
    family: 'growthRate',
    variant: 'yearOnYear',
    name: t('增长率', 'growth rate'),
    formula: t('(本年 − 上年) ÷ 上年 × 100%', '(this year − last year) ÷ last year'),
    basis: ['common'],
    inputs: [IN.current, IN.previous],
    compute: (a) => growthCore(v(a, 'current'), v(a, 'previous')),
  }),
  ratioEntry('share', 'ofWhole', t('占比', 'share'), t('部分 ÷ 合计 × 100%', 'part ÷ whole'), ['common'], IN.part, IN.whole),
  ratioEntry(
    'threePublicControlRate',
    'ofArranged',
    t('“三公”经费控制率', 'three public expenses control rate'),
    t('“三公”经费实际支出 ÷ 预算安排数（年初）× 100%', 'actual ÷ arranged (initial) budget'),
    ['longgang', 'mof-2013'],
    IN.actualSpending,
    IN.initialBudget,
  ),
  ratioEntry(
    'threePublicControlRate',
    'ofAdjusted',
    t('“三公”经费控制率（对调整预算）', 'three public expenses control rate (adjusted budget)'),
    t('“三公”经费实际支出 ÷ 调整后预算 × 100%', 'actual ÷ adjusted budget'),
    ['common'],
    IN.actualSpending,
    IN.adjustedBudget,
  ),
  ratioEntry(
    'routineOperatingControlRate',
    'ofAdjusted',
    t('日常公用经费控制率', 'routine operating expenses control rate'),
    t('日常公用经费决算数 ÷ 调整预算数 × 100%', 'final accounts ÷ adjusted budget'),
    ['longgang', 'mof-2013'],
    IN.actualSpending,
    IN.adjustedBudget,
  ),
  ratioEntry(
    'routineOperatingControlRate',
    'ofInitial',
    t('日常公用经费控制率（对年初预算）', 'routine operating expenses control rate (initial budget)'),
    t('日常公用经费决算数 ÷ 年初预算 × 100%', 'final accounts ÷ initial budget'),
    ['common'],
    IN.actualSpending,
    IN.initialBudget,
  ),
  ratioEntry(
    'procurementExecutionRate',
    'actualOfBudget',
    t('政府采购执行率', 'government procurement execution rate'),
    t('实际采购金额 ÷ 采购预算金额 × 100%', 'actual procurement ÷ procurement budget'),
    ['longgang', 'mof-2013'],
    { key: 'actual', label: t('实际采购金额', 'actual procurement') },
    { key: 'budget', label: t('采购预算金额', 'procurement budget') },
  ),
  ratioEntry(
    'fixedAssetUtilizationRate',
    'inUseOfTotal',
    t('固定资产利用率', 'fixed asset utilization rate'),
    t('实际在用固定资产总额 ÷ 所有固定资产总额 × 100%', 'fixed assets in use ÷ all fixed assets'),
    ['longgang', 'mof-2013'],
    { key: 'inUse', label: t('在用固定资产', 'fixed assets in use') },
    { key: 'total', label: t('固定资产总额', 'fixed assets total') },
  ),
  ratioEntry(
    'staffControlRate',
    'onEstablishmentOfPosts',
    t('财政供养人员控制率（在职人员控制率）', 'staff control rate'),
    t('在编人数 ÷ 核定编制数 × 100%', 'staff on establishment ÷ authorized posts'),
    ['longgang', 'mof-2013'],
    { key: 'onEstablishment', label: t('在编人数', 'staff on establishment') },
    { key: 'authorizedPosts', label: t('核定编制数', 'authorized posts') },
  ),
  ratioEntry(
    'offEstablishmentControlRate',
    'offOfInPost',
    t('编外人员控制率', 'off-establishment staff control rate'),
    t('编外人数 ÷ 实际在职人员总数 × 100%', 'staff off establishment ÷ staff in post'),
    ['longgang'],
    { key: 'offEstablishment', label: t('编外人数', 'staff off establishment') },
    { key: 'inPost', label: t('实际在职人员总数', 'staff in post') },
  ),
  ratioEntry(
    'carryOverRate',
    'ofBudget',
    t('结转结余率', 'carry-over rate'),
    t('结转结余总额 ÷ 支出预算数 × 100%', 'carry-over and balance ÷ expenditure budget'),
    ['mof-2013'],
    { key: 'carryOver', label: t('结转结余总额', 'carry-over and balance') },
    { key: 'budget', label: t('支出预算数', 'expenditure budget') },
  ),
  def({
    family: 'carryOverChangeRate',
    variant: 'yearOnYear',
    name: t('结转结余变动率', 'carry-over change rate'),
    formula: t('(本年结转结余 − 上年结转结余) ÷ 上年结转结余 × 100%', '(this year − last year) ÷ last year'),
    basis: ['mof-2013'],
    inputs: [IN.current, IN.previous],
    compute: (a) => growthCore(v(a, 'current'), v(a, 'previous')),
  }),
  def({
    family: 'threePublicChangeRate',
    variant: 'yearOnYear',
    name: t('“三公经费”变动率', 'three public expenses change rate'),
    formula: t('(本年“三公经费”总额 − 上年“三公经费”总额) ÷ 上年“三公经费”总额 × 100%', '(this year − last year) ÷ last year'),
    basis: ['mof-2013'],
    inputs: [IN.current, IN.previous],
    compute: (a) => growthCore(v(a, 'current'), v(a, 'previous')),
  }),
  ratioEntry(
    'keySpendingRate',
    'keyOfProjects',
    t('重点支出安排率', 'key spending rate'),
    t('重点项目支出 ÷ 项目总支出 × 100%', 'key project spending ÷ total project spending'),
    ['mof-2013'],
    { key: 'key', label: t('重点项目支出', 'key project spending') },
    { key: 'total', label: t('项目总支出', 'total project spending') },
  ),
  def({
    family: 'quarterlyProgress',
    variant: 'ofBenchmark',
    name: t('季度预算执行率（对序时进度）', 'quarterly execution against the time-elapsed benchmark'),
    formula: t('季末累计支出进度 ÷ 序时进度（25%、50%、75%、100%）', 'cumulative progress at quarter end ÷ 25/50/75/100%'),
    basis: ['longgang'],
    inputs: [
      { key: 'progress', label: t('季末累计支出进度', 'cumulative progress') },
      { key: 'benchmark', label: t('序时进度', 'time-elapsed benchmark') },
    ],
    compute: (a) => rateCore(v(a, 'progress'), v(a, 'benchmark')),
  }),
  ratioEntry(
    'projectTimelinessRate',
    'onTimeOfPlanned',
    t('项目完成及时率', 'project timeliness rate'),
    t('按时完成项目数 ÷ 计划完成项目数 × 100%', 'projects done on time ÷ projects planned'),
    ['longgang', 'mof-2013'],
    { key: 'onTime', label: t('按时完成项目数', 'projects done on time') },
    { key: 'planned', label: t('计划完成项目数', 'projects planned') },
  ),
  def({
    family: 'executionScore',
    variant: 'capped',
    name: t('执行率得分', 'execution score'),
    formula: t('min(全年执行数 ÷ 全年预算数, 100%) × 分值（权重）', 'min(spent ÷ full-year budget, 100%) × weight'),
    basis: ['mof-2020'],
    inputs: [IN.actualSpending, IN.adjustedBudget, IN.weight],
    output: 'score',
    compute: (a) => executionScoreCore(v(a, 'actualSpending'), v(a, 'adjustedBudget'), v(a, 'weight')),
  }),
  indicatorScoreEntry('gte', t('≥ 指标：达到得满分，未达到按 分值 × 完成值 ÷ 指标值', '≥ target: full weight when met, else weight × actual ÷ target')),
  indicatorScoreEntry('lte', t('≤ 指标：达到得满分，未达到按 分值 × 指标值 ÷ 完成值', '≤ target: full weight when met, else weight × target ÷ actual')),
  indicatorScoreEntry('eq', t('= 指标（或指标值为 0）：达到得满分，否则 0 分', '= target (or a zero target): full weight when met, else 0')),
  def({
    family: 'indicatorScore',
    variant: 'coefficient',
    name: t('指标得分（得分系数）', 'indicator score (coefficient)'),
    formula: t('得分 = 得分系数 × 权重', 'score = coefficient × weight'),
    basis: ['mof-2020'],
    inputs: [{ key: 'coefficient', label: t('得分系数', 'score coefficient') }, IN.weight],
    output: 'score',
    compute: (a) => valueOutcome(mul(v(a, 'coefficient'), v(a, 'weight'))),
  }),
  def({
    family: 'pefaAggregateOutturn',
    variant: 'pi1',
    name: t('PEFA PI-1 总支出执行偏差', 'PEFA PI-1 aggregate expenditure outturn'),
    formula: t('实际支出 ÷ 年初预算；A 95–105%，B 90–110%，C 85–115%，否则 D', 'actual ÷ original budget; A 95–105%, B 90–110%, C 85–115%, else D'),
    basis: ['pefa'],
    inputs: [IN.actualSpending, IN.initialBudget],
    compute: (a) => {
      const r = div(v(a, 'actualSpending'), v(a, 'initialBudget'));
      return r === undefined ? notApplicable('zero-denominator') : valueOutcome(r, { grade: pefaPi1Grade(r) });
    },
  }),
];

/** PI-2 is over a list of categories, so it is declared beside the table rather than in it. */
export const COMPOSITION_VARIANCE = {
  family: 'pefaCompositionVariance',
  name: t('PEFA PI-2 支出结构偏差', 'PEFA PI-2 expenditure composition outturn'),
  formula: t(
    '按 (实际总额 ÷ 年初总额) 缩放各类年初预算；偏差 = Σ|实际 − 缩放后| ÷ Σ缩放后；A <5%，B <10%，C <15%，否则 D',
    'rescale each original budget by total actual ÷ total original; variance = Σ|actual − rescaled| ÷ Σ rescaled',
  ),
} as const;

export const FORMULAS_BY_ID: ReadonlyMap<string, FormulaDef> = new Map(FORMULAS.map((f) => [f.id, f]));

export function formula(id: string): FormulaDef {
  const f = FORMULAS_BY_ID.get(id);
  if (!f) throw new Error(`unknown formula ${id}`);
  return f;
}

export const FAMILIES: ReadonlySet<string> = new Set([...FORMULAS.map((f) => f.family), COMPOSITION_VARIANCE.family, 'indicatorCompletion']);

