/**
 * The score of a project self-evaluation (项目支出绩效自评表, 财预〔2020〕10号; SPEC §5.4), computed from the form's own
 * figures and weights: 总分 = 执行率得分 + Σ 指标得分.
 *
 * - 执行率得分 = min(执行率, 100%) × 分值, 执行率 = 全年执行数 ÷ 全年预算数 (年初预算数 when no full-year budget is
 *   printed); the 分值 as printed, 10 when the form prints none (the "原则上" weight of 财预〔2020〕10号).
 * - A quantitative indicator met earns its full 分值; one missed earns 分值 × 完成值 ÷ 指标值 (≥), 分值 × 指标值 ÷ 完成值 (≤),
 *   nothing for a missed = target (or a target of 0).
 * - A qualitative indicator is judged on evidence: its self-score stands, flagged when it lies outside the band of its
 *   result (达成 100–80%, 部分达成 80–60%, 未达成 60–0% of the 分值) or above its 分值.
 * - Grade: 优 ≥ 90 (90.00 is 优), 良 ≥ 80, 中 ≥ 60, 差 < 60, on a 100-point scale.
 *
 * Every figure carries its formula and inputs as the computed figures of the formula library do (ComputedFigure), and
 * the printed self-score beside it. Pure; exact arithmetic only.
 */
import { valueIn } from '../amount.ts';
import { type ComputedFigure, type FigureInput } from '../compute/compute.ts';
import { comparePrinted } from '../compute/printed.ts';
import { type Exact, HUNDRED, ONE, ZERO, add, div, gt, lt, min, mul, roundHalfUp, sum, toFixed, toPercent, toPlainString } from '../exact.ts';
import { type IndicatorValue, indicatorCompletion, parseIndicatorValue } from '../formulas/indicator-value.ts';
import { type LocalText, type Outcome, notApplicable, valueOutcome } from '../formulas/types.ts';
import type { Indicator } from '../model/indicator.ts';
import type { ProjectEvaluation, ProjectFundLine } from '../model/project.ts';
import { type PathSegment, type Problem, problem } from '../problem.ts';
import { type Grade, type ItemScore, type ScoreReport, gradeOf } from './engine.ts';
import { type Group, type Leaf, type Rubric, isLeaf } from './schema.ts';

const t = (zh: string, en: string): LocalText => ({ zh, en });

/** The 分值 of budget execution when the form prints none (财预〔2020〕10号: 预算执行率 原则上 10 分). */
export const DEFAULT_EXECUTION_WEIGHT: Exact = { n: 10n, d: 1n };
export const DEFAULT_MAX: Exact = HUNDRED;

/** Qualitative bands as shares of the weight (SPEC §5.4): [lowest, highest]. */
export const QUALITATIVE_BANDS: Readonly<Record<NonNullable<Indicator['qualitativeResult']>, readonly [Exact, Exact]>> = {
  achieved: [{ n: 8n, d: 10n }, ONE],
  partly: [{ n: 6n, d: 10n }, { n: 8n, d: 10n }],
  'not-achieved': [ZERO, { n: 6n, d: 10n }],
};

export interface IndicatorScore {
  /** Index in `project.indicators`. */
  readonly index: number;
  readonly name: string;
  readonly weight?: Exact;
  /** The self-score as printed. */
  readonly self?: Exact;
  /**
   * The score by the rule: computed for a quantitative indicator whose target and actual compare; for a qualitative
   * one (or one that cannot be computed) the self-score, with `isComputed` false.
   */
  readonly score?: Exact;
  readonly isComputed: boolean;
  /** The computed figure (a quantitative indicator with a weight), with the self-score as its printed value. */
  readonly figure?: ComputedFigure;
  /**
   * `met`, `missed`, `over-achieved` (above 150%: the target may be set too low), `qualitative`,
   * `qualitative-outside-band`, `above-weight`, `no-weight`, `not-computable`.
   */
  readonly flags: readonly string[];
}

export interface ProjectScore {
  /** 执行率得分 of the 年度资金总额 row; absent when its amounts are not printed. */
  readonly execution?: ComputedFigure;
  readonly indicators: readonly IndicatorScore[];
  /** 总分 = 执行率得分 + Σ 指标得分, with the printed 总分 beside it. */
  readonly total: ComputedFigure;
  /** Whether every part of the total has a score: computed, or a self-score standing for a judged (qualitative) part. */
  readonly isComplete: boolean;
  /** Whether every part was computed from the data (no self-score stands in for one). */
  readonly isVerifiable: boolean;
  readonly max: Exact;
  readonly grade: { readonly self?: Grade; readonly computed?: Grade };
}

const scoreText = (x: Exact): string => toPlainString(x);

function printedScore(self: Exact | undefined, path: readonly PathSegment[]): ComputedFigure['printed'] {
  return self === undefined ? undefined : { text: scoreText(self), path };
}

function figure(
  fields: Pick<ComputedFigure, 'id' | 'family' | 'variant' | 'name' | 'formula' | 'inputs' | 'outcome'> & { subjectPath: readonly PathSegment[]; label: LocalText; printed?: ComputedFigure['printed'] },
): ComputedFigure {
  const comparison = comparePrinted(fields.printed?.text, fields.outcome, 'score');
  return {
    id: fields.id,
    family: fields.family,
    variant: fields.variant,
    name: fields.name,
    formula: fields.formula,
    output: 'score',
    subject: { path: fields.subjectPath, label: fields.label },
    isDepartmentLevel: false,
    inputs: fields.inputs,
    outcome: fields.outcome,
    ...(fields.printed ? { printed: fields.printed } : {}),
    comparison,
  };
}

/** 执行率 = 全年执行数 ÷ 全年预算数 (年初预算数 when no full-year budget is printed), exactly; undefined for a zero budget. */
export function executionRateOf(line: ProjectFundLine): Exact | undefined {
  const actual = line.actualSpending;
  const budget = line.adjustedBudget ?? line.initialBudget;
  if (!actual || !budget) return undefined;
  return actual.unit === budget.unit ? div(actual.value, budget.value) : div(valueIn(actual, '元'), valueIn(budget, '元'));
}

/** 执行率得分 of one 项目资金 row: min(全年执行数 ÷ 全年预算数, 100%) × 分值. */
export function executionScore(line: ProjectFundLine, path: readonly PathSegment[], label: LocalText): ComputedFigure | undefined {
  const actual = line.actualSpending;
  const budgetKey = line.adjustedBudget ? 'adjustedBudget' : 'initialBudget';
  const budget = line[budgetKey];
  if (!actual || !budget) return undefined;
  const weight = line.weight ?? DEFAULT_EXECUTION_WEIGHT;
  const inputs: FigureInput[] = [
    { key: 'actualSpending', label: t('全年执行数', 'spent in the year'), value: actual.value, unit: actual.unit, path: [...path, 'actualSpending'], ...(actual.source ? { source: actual.source } : {}) },
    {
      key: 'adjustedBudget',
      label: budgetKey === 'adjustedBudget' ? t('全年预算数', 'full-year budget') : t('年初预算数（未印全年预算数）', 'initial budget (no full-year budget printed)'),
      value: budget.value,
      unit: budget.unit,
      path: [...path, budgetKey],
      ...(budget.source ? { source: budget.source } : {}),
    },
    { key: 'weight', label: line.weight ? t('分值', 'weight') : t('分值（未印出，按 10 分）', 'weight (not printed: 10)'), value: weight, path: [...path, 'weight'] },
  ];
  // Amounts meet in one unit before they are divided (元 and 万元 in one row are converted exactly).
  const rate = executionRateOf(line);
  const outcome: Outcome = rate === undefined ? notApplicable('zero-denominator') : valueOutcome(mul(min(rate, ONE), weight), gt(rate, ONE) ? { flags: ['capped'] } : {});
  return figure({
    id: 'executionScore.capped',
    family: 'executionScore',
    variant: 'capped',
    name: t('执行率得分', 'execution score'),
    formula: t('min(全年执行数 ÷ 全年预算数, 100%) × 分值', 'min(spent ÷ full-year budget, 100%) × weight'),
    inputs,
    outcome,
    subjectPath: path,
    label,
    printed: printedScore(line.score, [...path, 'score']),
  });
}

/** A target or actual with its 度量单位 when the cell holds a bare number ("30" + "公里" → "30公里"). */
function withUnit(text: string, unitOfMeasure: string | undefined): string {
  const u = unitOfMeasure?.trim();
  return u && /\d\s*$/.test(text) && !/^[-—–/]+$/.test(u) ? `${text}${u}` : text;
}

const QUAL_WORDS: readonly (readonly [RegExp, NonNullable<Indicator['qualitativeResult']>])[] = [
  [/未(?:能)?(?:达成|完成|达到|实现)|没有(?:达成|完成|达到|实现)/, 'not-achieved'],
  [/部分(?:达成|完成|达到|实现)|基本(?:达成|完成|达到|实现)/, 'partly'],
  [/^(?:已|全部|全面|均已|如期)?(?:达成|完成|达到|实现)(?:目标|预期(?:目标)?)?$|^(?:是|有效|良好|显著|明显|满意)$/, 'achieved'],
];

/** The result of a qualitative indicator: as entered, else only where the actual's words say it plainly. */
function qualitativeResult(ind: Indicator): Indicator['qualitativeResult'] {
  if (ind.qualitativeResult) return ind.qualitativeResult;
  const a = ind.actual?.normalize('NFKC').replace(/\s/g, '') ?? '';
  return a ? QUAL_WORDS.find(([re]) => re.test(a))?.[1] : undefined;
}

function indicatorScore(ind: Indicator, index: number, base: readonly PathSegment[]): IndicatorScore {
  const path = [...base, index];
  const flags: string[] = [];
  const w = ind.weight;
  const self = ind.score;
  const common = { index, name: ind.name, ...(w ? { weight: w } : {}), ...(self ? { self } : {}) };
  if (w && self && gt(self, w)) flags.push('above-weight');
  const target: IndicatorValue = parseIndicatorValue(withUnit(ind.target ?? '', ind.unitOfMeasure), ind.direction);
  if (target.direction === 'qualitative' || target.value === undefined) {
    flags.push('qualitative');
    const result = qualitativeResult(ind);
    if (w && self && result) {
      const [lo, hi] = QUALITATIVE_BANDS[result];
      const share = div(self, w);
      if (share && (lt(share, lo) || gt(share, hi))) flags.push('qualitative-outside-band');
    }
    return { ...common, ...(self ? { score: self } : {}), isComputed: false, flags };
  }
  if (!w) {
    flags.push('no-weight');
    return { ...common, ...(self ? { score: self } : {}), isComputed: false, flags };
  }
  const actual = parseIndicatorValue(withUnit(ind.actual ?? '', ind.unitOfMeasure));
  const completion = indicatorCompletion(target, actual);
  const inputs: FigureInput[] = [
    ...(target.value !== undefined ? [{ key: 'target', label: t(`指标值 ${ind.target ?? ''}`, `target ${ind.target ?? ''}`), value: target.value, path: [...path, 'target'] }] : []),
    ...(actual.value !== undefined ? [{ key: 'actual', label: t(`完成值 ${ind.actual ?? ''}`, `actual ${ind.actual ?? ''}`), value: actual.value, path: [...path, 'actual'] }] : []),
    { key: 'weight', label: t('分值', 'weight'), value: w, path: [...path, 'weight'] },
  ];
  const direction = target.direction;
  const outcome: Outcome = completion.kind === 'value' ? valueOutcome(mul(min(completion.value, ONE), w), { flags: completion.flags ?? [] }) : completion;
  if (completion.kind === 'value') {
    flags.push(completion.flags?.includes('met') ? 'met' : 'missed');
    if (completion.flags?.includes('over-achieved')) flags.push('over-achieved');
  } else flags.push('not-computable');
  const fig = figure({
    id: `indicatorScore.${direction}`,
    family: 'indicatorScore',
    variant: direction,
    name: t('指标得分', 'indicator score'),
    formula: {
      gte: t('≥ 指标：达到得满分，未达到按 分值 × 完成值 ÷ 指标值', '≥ target: full weight when met, else weight × actual ÷ target'),
      lte: t('≤ 指标：达到得满分，未达到按 分值 × 指标值 ÷ 完成值', '≤ target: full weight when met, else weight × target ÷ actual'),
      eq: t('= 指标（或指标值为 0）：达到得满分，否则 0 分', '= target (or a zero target): full weight when met, else 0'),
    }[direction],
    inputs,
    outcome,
    subjectPath: path,
    label: t(`指标：${ind.name}`, `indicator: ${ind.name}`),
    printed: printedScore(self, [...path, 'score']),
  });
  if (outcome.kind !== 'value') return { ...common, ...(self ? { score: self } : {}), isComputed: false, figure: fig, flags };
  return { ...common, score: outcome.value, isComputed: true, figure: fig, flags };
}

/**
 * The project's score by its own form: 执行率得分 of 年度资金总额, each indicator's score, their total beside the printed
 * 总分, and the grades. `path` is where the project sits in the evaluation (`['project']`, `['projectEvaluations', 2]`).
 */
export function scoreProject(p: ProjectEvaluation, path: readonly PathSegment[] = ['project']): ProjectScore {
  const total = p.funds?.total;
  const execution = total ? executionScore(total, [...path, 'funds', 'total'], t('年度资金总额', 'total funds')) : undefined;
  const indicators = (p.indicators ?? []).map((ind, i) => indicatorScore(ind, i, [...path, 'indicators']));
  const parts: FigureInput[] = [];
  let isComplete = true;
  let isVerifiable = true;
  if (execution?.outcome.kind === 'value') {
    parts.push({ key: 'execution', label: t('执行率得分', 'execution score'), value: execution.outcome.value, path: [...path, 'funds', 'total', 'score'] });
  } else if (total?.score) {
    isVerifiable = false;
    parts.push({ key: 'execution', label: t('执行率得分（自评，无法计算）', 'execution score (self, not computable)'), value: total.score, path: [...path, 'funds', 'total', 'score'] });
  } else isComplete = isVerifiable = false;
  for (const s of indicators) {
    if (s.score === undefined) {
      isComplete = isVerifiable = false;
      continue;
    }
    if (!s.isComputed) isVerifiable = false;
    parts.push({
      key: `indicator${s.index + 1}`,
      label: s.isComputed ? t(`指标得分：${s.name}`, `indicator score: ${s.name}`) : t(`指标得分：${s.name}（自评）`, `indicator score: ${s.name} (self)`),
      value: s.score,
      path: [...path, 'indicators', s.index, 'score'],
    });
  }
  const computedTotal = sum(parts.map((x) => x.value));
  const totalFigure = figure({
    id: 'projectScoreTotal.sum',
    family: 'projectScoreTotal',
    variant: 'sum',
    name: t('总分', 'total score'),
    formula: t('执行率得分 + Σ 指标得分', 'execution score + Σ indicator scores'),
    inputs: parts,
    outcome: parts.length ? valueOutcome(computedTotal, { flags: [...(isComplete ? [] : ['incomplete']), ...(isVerifiable ? [] : ['self-scores-stand'])] }) : notApplicable('missing-input'),
    subjectPath: path,
    label: t(`项目：${p.name}`, `project: ${p.name}`),
    printed: printedScore(p.total, [...path, 'total']),
  });
  const max = p.max ?? DEFAULT_MAX;
  const self = p.total ?? (indicators.every((s) => s.self !== undefined) && total?.score ? add(total.score, sum(indicators.map((s) => s.self!))) : undefined);
  return {
    ...(execution ? { execution } : {}),
    indicators,
    total: totalFigure,
    isComplete,
    isVerifiable,
    max,
    grade: {
      ...(self ? { self: gradeOf(self, max) } : {}),
      ...(parts.length && isComplete ? { computed: gradeOf(computedTotal, max) } : {}),
    },
  };
}

/** Every computed figure of a project's score, in form order: execution, indicators, total. */
export function projectScoreFigures(s: ProjectScore): ComputedFigure[] {
  return [...(s.execution ? [s.execution] : []), ...s.indicators.flatMap((i) => (i.figure ? [i.figure] : [])), s.total];
}

/**
 * The project's score in the shape of the rubric engine's report (what `jixiao audit`, `score` and the review letter
 * show): 预算执行 and one group per 一级指标, each with the 分值 the form prints, leaves scored by `scoreProject`.
 *
 * Self-scores sit on the groups (Σ of their rows) and on the total, not on the leaves: each row's printed score is
 * checked against the rule by the audit's own score rules (execution-score-mismatch, full-marks-despite-miss,
 * score-above-weight …), so the rubric rules comparing leaf self-scores do not report the same row twice. Group ids are the rubric's items of
 * the same 一级指标 where the rubric has them (mof-2020: execution-rate, outputs, outcomes, satisfaction).
 */
export function projectScoreReport(p: ProjectEvaluation, rubric: Rubric, path: readonly PathSegment[] = ['project']): ScoreReport {
  const s = scoreProject(p, path);
  const round = (x: Exact) => roundHalfUp(x, rubric.precision);
  const problems: Problem[] = [];
  const rubricItems = rubric.items;
  const rubricIdFor = (level1: string | undefined, fallback: string): string => {
    const word = (level1 ?? '').replace(/指标$/, '');
    const hit = word ? rubricItems.find((it) => isLeaf(it) && it.method === 'indicators' && it.level1?.some((l) => word.includes(l) || l.includes(word))) : undefined;
    return hit?.id ?? fallback;
  };
  const executionId = rubricItems.find((it: Group | Leaf) => isLeaf(it) && it.method === 'ratio' && it.metric === 'executionRate')?.id ?? 'execution-rate';

  const items: ItemScore[] = [];
  const fund = p.funds?.total;
  if (fund || s.execution) {
    const weight = fund?.weight ?? DEFAULT_EXECUTION_WEIGHT;
    const ex = s.execution;
    const value = ex?.outcome.kind === 'value' ? round(ex.outcome.value) : undefined;
    const rate = fund ? executionRateOf(fund) : undefined;
    const basis = value !== undefined && rate !== undefined
      ? t(`min(${toPercent(rate, 2)}, 100%) × ${toPlainString(weight)} = ${toFixed(value, 2)}`, `min(${toPercent(rate, 2)}, 100%) × ${toPlainString(weight)} = ${toFixed(value, 2)}`)
      : t('缺少数据：全年执行数或全年预算数', 'no data: spending or full-year budget');
    const leaf: ItemScore = {
      id: `${executionId}/执行率`,
      path: ['预算执行', '执行率'],
      weight,
      ...(value !== undefined ? { computed: value } : fund?.score ? { computed: fund.score } : {}),
      verifiable: value !== undefined,
      method: 'ratio',
      basis,
      flags: [],
    };
    items.push(groupOf(executionId, '预算执行', weight, fund?.score, [leaf], [...path, 'funds', 'total', 'score'], problems));
  }
  // One group per 一级指标, in the order the form lists them.
  const groups = new Map<string, IndicatorScore[]>();
  for (const i of s.indicators) {
    const key = p.indicators?.[i.index]?.level1 ?? '';
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  for (const [level1, list] of groups) {
    const name = level1 || '绩效指标';
    const id = rubricIdFor(level1, name);
    const leaves: ItemScore[] = list.map((i) => {
      const ind = p.indicators![i.index]!;
      const basis = i.isComputed && i.figure
        ? indicatorBasis(ind, i)
        : i.flags.includes('qualitative')
          ? t(i.flags.includes('qualitative-outside-band') ? '定性指标，依据佐证材料评分；自评分不在其结果对应的分档内' : '定性指标，依据佐证材料评分，沿用自评', i.flags.includes('qualitative-outside-band') ? 'qualitative: judged on evidence; the self-score lies outside the band of its result' : 'qualitative: judged on evidence, the self-score stands')
          : t('无法由数据计算，沿用自评', 'not computable from the data: the self-score stands');
      return {
        id: `${id}/${ind.name}`,
        path: [name, ind.name],
        weight: i.weight ?? ZERO,
        ...(i.score !== undefined ? { computed: i.isComputed ? round(i.score) : i.score } : {}),
        verifiable: i.isComputed,
        method: 'indicators',
        basis,
        flags: i.flags.filter((f) => f !== 'met' && f !== 'missed'),
      };
    });
    const weight = sum(list.map((i) => i.weight ?? ZERO));
    const selfParts = list.map((i) => i.self);
    const self = selfParts.every((x) => x !== undefined) ? sum(selfParts as Exact[]) : undefined;
    items.push(groupOf(id, name, weight, self, leaves, [...path, 'indicators'], problems));
  }
  const weight = p.max ?? (items.length ? sum(items.map((i) => i.weight)) : DEFAULT_MAX);
  const selfParts = items.map((i) => i.self);
  const selfSum = selfParts.every((x) => x !== undefined) && selfParts.length ? sum(selfParts as Exact[]) : undefined;
  const computed = sum(items.map((i) => i.computed ?? ZERO));
  const unscoredWeight = sum(items.flatMap((g) => (g.children ?? []).filter((l) => l.computed === undefined).map((l) => l.weight)));
  const printedSelf = p.total;
  // Without a scored row there is nothing to set the printed total against: it stays printed, unscored.
  const self = items.length ? (selfSum ?? printedSelf) : undefined;
  return {
    rubric: { id: rubric.id, name: rubric.name },
    items,
    total: { weight, ...(self ? { self } : {}), ...(printedSelf ? { printedSelf } : {}), computed },
    unscoredWeight,
    grade: { ...((printedSelf ?? self) ? { self: gradeOf((printedSelf ?? self)!, weight) } : {}), ...(unscoredWeight.n === 0n && items.length ? { computed: gradeOf(computed, weight) } : {}) },
    vetoed: false,
    problems,
  };
}

function groupOf(id: string, name: string, weight: Exact, self: Exact | undefined, children: readonly ItemScore[], selfPath: readonly PathSegment[], problems: Problem[]): ItemScore {
  const flags: string[] = [];
  // A group whose rows' scores add up above its weight has a row scored above its own weight: the audit reports that
  // row where it is printed (score-above-weight), so the group does not carry the sum as its self-score.
  const isAbove = self !== undefined && gt(self, weight);
  if (isAbove) {
    flags.push('self-above-weight');
    problems.push(problem('self-score-above-weight', [...selfPath], { item: name, weight: toPlainString(weight), self: toPlainString(self) }));
  }
  const parts = children.map((c) => c.computed);
  const computed = parts.some((x) => x !== undefined) ? sum(parts.filter((x): x is Exact => x !== undefined)) : undefined;
  if (parts.some((x) => x === undefined) && computed !== undefined) flags.push('incomplete');
  return {
    id,
    path: [name],
    weight,
    ...(self && !isAbove ? { self } : {}),
    ...(computed !== undefined ? { computed } : {}),
    verifiable: children.every((c) => c.verifiable),
    flags,
    children,
  };
}

/** How an indicator's score was reached, in a line: "20 × 28 ÷ 30 = 18.67", "达到目标（≥95%，完成 100%），满分 10". */
function indicatorBasis(ind: Indicator, i: IndicatorScore): LocalText {
  const w = toPlainString(i.weight ?? ZERO);
  const got = i.score !== undefined ? toFixed(i.score, 2) : '—';
  const target = ind.target ?? '';
  const actual = ind.actual ?? '';
  if (i.flags.includes('met')) return t(`达到目标（${target}，完成 ${actual}），满分 ${w}`, `target met (${target}, reached ${actual}): full ${w}`);
  const tv = i.figure?.inputs.find((x) => x.key === 'target')?.value;
  const av = i.figure?.inputs.find((x) => x.key === 'actual')?.value;
  const variant = i.figure?.variant;
  if (tv && av && variant === 'gte') return t(`${w} × ${toPlainString(av)} ÷ ${toPlainString(tv)} = ${got}（${target}，完成 ${actual}）`, `${w} × ${toPlainString(av)} ÷ ${toPlainString(tv)} = ${got}`);
  if (tv && av && variant === 'lte') return t(`${w} × ${toPlainString(tv)} ÷ ${toPlainString(av)} = ${got}（${target}，完成 ${actual}）`, `${w} × ${toPlainString(tv)} ÷ ${toPlainString(av)} = ${got}`);
  return t(`未达到目标（${target}，完成 ${actual}），${got} 分`, `target missed (${target}, reached ${actual}): ${got}`);
}
