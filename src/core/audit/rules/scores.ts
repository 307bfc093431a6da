/**
 * Scores a form prints beside its own figures (财预〔2020〕10号 and the forms that follow it): 执行率得分 against
 * min(执行率, 100%) × 权重, full marks for an indicator whose actual misses its target, and full marks for budget
 * execution that the execution rate scores lower. Every finding names the rule and the layout that prints it.
 */
import { valueIn } from '../../amount.ts';
import { FUND_LINES } from '../../compute/compute.ts';
import { readPrintedNumber } from '../../compute/printed.ts';
import { type Exact, HUNDRED, ONE, ZERO, div, eq, gt, lt, min, mul, roundHalfUp, toFixed, toPlainString } from '../../exact.ts';
import { indicatorCompletion, parseIndicatorValue, withUnitOfMeasure } from '../../formulas/indicator-value.ts';
import { indicatorScoreCore } from '../../formulas/library.ts';
import type { LocalText } from '../../formulas/types.ts';
import type { Evaluation } from '../../model/evaluation.ts';
import type { Indicator } from '../../model/indicator.ts';
import type { Money } from '../../model/money.ts';
import type { ProjectEvaluation, ProjectFundLine } from '../../model/project.ts';
import type { PathSegment } from '../../problem.ts';
import { leavesOf } from '../../rubric/engine.ts';
import { type AuditContext, type FindingDraft, layoutRule, locationOf, locationsNear, pct, t, uniqueLocations } from '../context.ts';
import type { RuleImpl } from './rule.ts';

// ───────────────────────────── where scores are printed ─────────────────────────────

export interface IndicatorAt {
  readonly indicator: Indicator;
  readonly path: readonly PathSegment[];
  /** Whose indicator: '' for the department's, 项目“X” for a project's. */
  readonly owner: LocalText;
}

export interface ProjectAt {
  readonly project: ProjectEvaluation;
  readonly path: readonly PathSegment[];
  readonly label: LocalText;
}

/** The document's project evaluation and the ones it lists. */
export function projectsOf(e: Evaluation): ProjectAt[] {
  const label = (p: ProjectEvaluation) => t(`项目“${p.name}”`, `project “${p.name}”`);
  return [
    ...(e.project ? [{ project: e.project, path: ['project'], label: label(e.project) }] : []),
    ...(e.projectEvaluations ?? []).map((p, i) => ({ project: p, path: ['projectEvaluations', i], label: label(p) })),
  ];
}

/** Every indicator row of the document: the department's table and each project's. */
export function indicatorsOf(e: Evaluation): IndicatorAt[] {
  return [
    ...(e.indicators ?? []).map((indicator, i) => ({ indicator, path: ['indicators', i], owner: t('', '') })),
    ...projectsOf(e).flatMap((p) => (p.project.indicators ?? []).map((indicator, i) => ({ indicator, path: [...p.path, 'indicators', i], owner: p.label }))),
  ];
}

export interface ScoredLine {
  readonly line: {
    readonly initialBudget?: Money | undefined;
    readonly adjustedBudget?: Money | undefined;
    readonly actualSpending?: Money | undefined;
    readonly weight?: Exact | undefined;
    readonly score?: Exact | undefined;
  };
  readonly path: readonly PathSegment[];
  readonly label: LocalText;
}

/** Lines that score budget execution: the department budget and every project fund line. */
export function scoredLinesOf(e: Evaluation): ScoredLine[] {
  const out: ScoredLine[] = [];
  if (e.budget) out.push({ line: e.budget, path: ['budget'], label: t('部门预算', 'the department budget') });
  for (const p of projectsOf(e)) {
    for (const [key, name] of FUND_LINES) {
      const line: ProjectFundLine | undefined = p.project.funds?.[key];
      if (line) out.push({ line, path: [...p.path, 'funds', key], label: t(`${p.label.zh}${name.zh}`, `${p.label.en} ${name.en}`) });
    }
  }
  return out;
}

/** An indicator's self-score: its printed 得分, else 得分系数 × 权重. */
export function indicatorScore(ind: Indicator): Exact | undefined {
  if (ind.score) return ind.score;
  return ind.coefficient && ind.weight ? mul(ind.coefficient, ind.weight) : undefined;
}

/** Half a unit in the last decimal a score was printed with: 8.6 → 0.05, 4.28 → 0.005, 18 → 0.5. */
export function halfScoreUnit(score: Exact): Exact {
  const digits = score.d === 1n ? 0 : score.d.toString().length - 1;
  return { n: 5n, d: 10n ** BigInt(digits + 1) };
}

/**
 * What rounding may have moved an item score that is added into a total: half a unit of its last decimal (4.28 may be
 * 4.275…), nothing for a whole score — points are given in whole numbers or with decimals, and a form that gives 18
 * means 18 (else a total of 100 over eight whole items could be off by 4 unnoticed).
 */
export function itemRounding(score: Exact): Exact {
  return score.d === 1n ? ZERO : halfScoreUnit(score);
}

const TWO = 2;
const roundScore = (x: Exact) => roundHalfUp(x, TWO);

/** The execution rate of a line: spending over the full-year (adjusted) budget, else the initial one. */
function executionRateOf(line: ScoredLine['line']): { rate: Exact; base: Money; basePath: string } | undefined {
  const base = line.adjustedBudget ?? line.initialBudget;
  if (!base || !line.actualSpending) return undefined;
  const rate = div(valueIn(line.actualSpending, base.unit), base.value);
  return rate === undefined ? undefined : { rate, base, basePath: line.adjustedBudget ? 'adjustedBudget' : 'initialBudget' };
}

const EXECUTION_RULE = t('执行率得分 = min(执行率, 100%) × 权重（财预〔2020〕10号）', 'execution score = min(execution rate, 100%) × weight (财预〔2020〕10号)');

/** Whether a printed execution score is full marks that the rate scores lower (at 2 decimals): execution-full-marks. */
function isFullMarksDespiteRate(score: Exact, weight: Exact, rate: Exact): boolean {
  return eq(score, weight) && lt(roundScore(mul(min(rate, ONE), weight)), weight);
}

// ───────────────────────────── 执行率得分 ─────────────────────────────

const executionScoreMismatch: RuleImpl = {
  code: 'execution-score-mismatch',
  category: 'arithmetic',
  severity: 'error',
  title: t('执行率得分与 权重 × 执行率 不符', 'execution score ≠ weight × execution rate'),
  description: t(
    '印出执行率权重（分值）与执行率得分的预算行（部门预算、项目资金各行）：得分与 min(执行率, 100%) × 权重 比较，按得分印出的小数位四舍五入（印作整数的满分除外：执行率不足 100% 时“10”不是 9.54 的四舍五入）；按印出的执行率计算相符的也不报。执行率 = 全年执行数 ÷ 全年（调整后）预算数，无调整后预算（表上只印年初预算数）时用年初预算。得满分而执行率不足的，另由 execution-full-marks 指出。',
    'A budget line printing an execution weight and score (the department budget, each project fund line): the score against min(rate, 100%) × weight at the printed decimals (but full marks printed as a whole number are no rounding of 9.54); a score that the printed rate explains is not reported. The rate is spending over the full-year (adjusted) budget, the initial budget where none is printed. Full marks under a lower rate are also named by execution-full-marks.',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    for (const f of ctx.figures) {
      if (f.family !== 'executionScore' || !f.printed || f.outcome.kind !== 'value') continue;
      const printed = readPrintedNumber(f.printed.text);
      const weight = f.inputs.find((i) => i.key === 'weight')?.value;
      if (typeof printed !== 'object' || !weight) continue;
      const [act, base] = f.inputs;
      const rate = act && base ? div(valueIn({ value: act.value, unit: act.unit ?? '元' }, base.unit ?? '元'), base.value) : undefined;
      // Full marks that the rate scores lower are execution-full-marks' finding, the more telling name of the same
      // fault: one fault, one finding.
      if (rate !== undefined && isFullMarksDespiteRate(printed.value, weight, rate)) continue;
      if (f.comparison !== 'differs') continue;
      // The form may have scored its own printed (rounded) rate: 95.55% × 10 = 9.56 where the exact rate gives 9.55.
      const printedRate = ctx.figures.find((g) => g.family === 'executionRate' && g.printed && g.subject.path.join('.') === f.subject.path.join('.'));
      const pr = printedRate?.printed ? readPrintedNumber(printedRate.printed.text) : undefined;
      if (typeof pr === 'object' && eq(roundHalfUp(mul(min(div(pr.value, HUNDRED)!, ONE), weight), printed.decimals), printed.value)) continue;
      const digits = Math.max(printed.decimals, TWO);
      const computed = toFixed(f.outcome.value, digits);
      out.push({
        message: t(
          `${f.subject.label.zh}执行率得分印 ${f.printed.text} 分，按 min(执行率, 100%) × 权重 计算为 ${computed} 分（执行率 ${rate ? pct(rate) : '—'}，权重 ${toPlainString(weight)}）。`,
          `${f.subject.label.en}: the execution score is printed as ${f.printed.text}; min(rate, 100%) × weight gives ${computed} (rate ${rate ? pct(rate) : '—'}, weight ${toPlainString(weight)}).`,
        ),
        printed: f.printed.text,
        computed,
        formula: layoutRule(ctx, EXECUTION_RULE),
        locations: uniqueLocations([
          ...locationsNear(ctx, f.printed.path, t('印出的执行率得分', 'printed execution score'), f.inputs.map((i) => i.path)),
          ...f.inputs.flatMap((i) => locationsNear(ctx, i.path, i.label, f.inputs.map((j) => j.path))),
        ]),
      });
    }
    return out;
  },
};

// ───────────────────────────── full marks despite a miss ─────────────────────────────

const DIRECTION_SIGN = { gte: '≥', lte: '≤', eq: '=' } as const;

const fullMarksDespiteMiss: RuleImpl = {
  code: 'full-marks-despite-miss',
  category: 'rubric',
  severity: 'error',
  title: t('指标未完成却得满分', 'full marks for an indicator that missed its target'),
  description: t(
    '定量指标按其指标性质（≥ ≤ =）比较完成值与指标值：未达到目标而得分等于分值（或得分系数为 1）即报错，并按财预〔2020〕10号给出应得分（≥：分值 × 完成值 ÷ 指标值；≤：分值 × 指标值 ÷ 完成值；=：0），四舍五入到 2 位小数仍为满分的不报。定性指标、未写明方向的指标（指标值为 0 或 100% 的除外）、单位不同无法比较的不报。',
    'A quantitative indicator whose actual misses its target by its direction (≥ ≤ =) yet scores its full weight (or a coefficient of 1): an error, with the score by 财预〔2020〕10号 (≥: weight × actual ÷ target; ≤: weight × target ÷ actual; =: 0); a score still full at 2 decimals is not reported. Qualitative indicators, targets without a direction (but 0 or 100%) and values in different units are left alone.',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    for (const { indicator: ind, path, owner } of indicatorsOf(ctx.e)) {
      if (!ind.weight || !ind.target || !ind.actual || ind.direction === 'qualitative') continue;
      const score = indicatorScore(ind);
      const isFull = (ind.coefficient !== undefined && eq(ind.coefficient, ONE)) || (ind.score !== undefined && eq(ind.score, ind.weight));
      if (!score || !isFull) continue;
      const target = parseIndicatorValue(withUnitOfMeasure(ind.target, ind.unitOfMeasure), ind.direction);
      const actual = parseIndicatorValue(withUnitOfMeasure(ind.actual, ind.unitOfMeasure));
      if (target.direction === 'qualitative' || target.value === undefined) continue;
      // Unsigned targets are floors by assumption only; a time limit ("10天") may be a ceiling. Trust the assumption
      // only where it cannot be wrong: a zero target (事故 0 起) or a target of 100%.
      const isCertain = target.isDirectionStated || target.value.n === 0n || (target.unit === '%' && eq(target.value, ONE));
      if (!isCertain) continue;
      const completion = indicatorCompletion(target, actual);
      if (completion.kind !== 'value' || completion.flags?.includes('met')) continue;
      const due = indicatorScoreCore(target.direction, target.value, actual.value!, ind.weight);
      if (due.kind !== 'value' || !lt(roundScore(due.value), ind.weight)) continue;
      const how = { gte: t('分值 × 完成值 ÷ 指标值', 'weight × actual ÷ target'), lte: t('分值 × 指标值 ÷ 完成值', 'weight × target ÷ actual'), eq: t('未达到 = 指标得 0 分', 'a missed = target earns 0') }[target.direction];
      const given = ind.coefficient !== undefined && ind.score === undefined ? t(`得分系数 1（满分 ${toPlainString(ind.weight)} 分）`, `coefficient 1 (full ${toPlainString(ind.weight)})`) : t(`满分 ${toPlainString(score)} 分`, `full marks ${toPlainString(score)}`);
      const sign = DIRECTION_SIGN[target.direction];
      out.push({
        message: t(
          `${owner.zh}指标“${ind.name}”指标值 ${ind.target}（${sign}），完成值 ${ind.actual}，未达到目标，却得${given.zh}；按财预〔2020〕10号应得 ${toFixed(due.value, TWO)} 分（${how.zh}）。`,
          `${owner.en ? `${owner.en}: ` : ''}indicator “${ind.name}” targets ${ind.target} (${sign}) and reached ${ind.actual}, a miss, yet scores ${given.en}; 财预〔2020〕10号 gives ${toFixed(due.value, TWO)} (${how.en}).`,
        ),
        printed: toPlainString(score),
        computed: toFixed(due.value, TWO),
        formula: layoutRule(ctx, t(`未完成指标得分 = ${how.zh}（财预〔2020〕10号）`, `a missed indicator scores ${how.en} (财预〔2020〕10号)`)),
        locations: [locationOf(ctx, [...path, ind.score !== undefined ? 'score' : 'coefficient'], t('得分', 'score'))],
      });
    }
    return out;
  },
};

// ───────────────────────────── full marks for budget execution ─────────────────────────────

/** A self-score item that scores budget execution: 预算执行 / 预算执行率, weights in brackets allowed (预算执行（30）). */
const EXECUTION_ITEM = /^预算执行(?:率)?$/;

function itemName(item: string): string {
  const last = item.split('/').pop() ?? item;
  return last.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');
}

const executionFullMarks: RuleImpl = {
  code: 'execution-full-marks',
  category: 'rubric',
  severity: 'error',
  title: t('执行率不足却得执行满分', 'full marks for budget execution despite a lower rate'),
  description: t(
    '预算执行得满分（执行率得分等于执行率权重或分值，或名为“预算执行 / 预算执行率”的自评项得分等于其分值），而按 min(执行率, 100%) × 权重 四舍五入到 2 位小数低于满分即报错。执行率 = 实际支出 ÷ 调整后（全年）预算，无调整后预算（表上只印年初预算数）时用年初预算。指标表把“预算执行”分解为若干指标（预算执行率 ≥95%、结转结余率…）或给预算执行率设了指标值的，按那些指标计分，不在此列。',
    'Full marks for budget execution (an execution score equal to its weight, or a self-score item named 预算执行 / 预算执行率 at its weight) while min(rate, 100%) × weight, rounded to 2 decimals, is lower. The rate is spending over the adjusted (full-year) budget, the initial budget where none is printed. A 预算执行 section the indicator table breaks into items (预算执行率 ≥95%, 结转结余率 …), or an execution item with a target of its own, is scored by those and left alone.',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    const fired: Exact[] = [];
    for (const { line, path, label } of scoredLinesOf(ctx.e)) {
      if (!line.weight || !line.score) continue;
      const x = executionRateOf(line);
      if (!x || !isFullMarksDespiteRate(line.score, line.weight, x.rate)) continue;
      if (path[0] === 'budget') fired.push(line.weight);
      const due = roundScore(mul(min(x.rate, ONE), line.weight));
      out.push({
        message: t(
          `${label.zh}执行率 ${pct(x.rate)}，执行率得分却为满分 ${toPlainString(line.score)} 分；按 min(执行率, 100%) × 权重 ${toPlainString(line.weight)} 应得 ${toFixed(due, TWO)} 分。`,
          `${label.en}: execution ${pct(x.rate)}, yet the execution score is the full ${toPlainString(line.score)}; min(rate, 100%) × weight ${toPlainString(line.weight)} gives ${toFixed(due, TWO)}.`,
        ),
        printed: toPlainString(line.score),
        computed: toFixed(due, TWO),
        formula: layoutRule(ctx, EXECUTION_RULE),
        locations: uniqueLocations([
          ...locationsNear(ctx, [...path, 'score'], t('执行率得分', 'execution score'), [[...path, 'actualSpending'], [...path, x.basePath]]),
          locationOf(ctx, [...path, 'actualSpending'], t('实际支出', 'actual spending')),
          locationOf(ctx, [...path, x.basePath], t('预算数', 'budget')),
        ]),
      });
    }
    const budget = ctx.e.budget ? executionRateOf(ctx.e.budget) : undefined;
    if (!budget) return out;
    // The rubric already reports a self-score above what its own execution item allows (score-not-allowed).
    const rubricReports = new Set(
      leavesOf(ctx.score?.items ?? [])
        .filter((i) => i.verifiable && i.self && i.computed && gt(i.self, i.computed))
        .map((i) => itemName(i.path[i.path.length - 1] ?? '')),
    );
    // A section the indicator table breaks into items (预算执行（30）: 预算执行率 ≥95%, 结转结余率 …), or an execution
    // item scored against a target of its own, is scored by those, not as rate × weight.
    const indicators = ctx.e.indicators ?? [];
    const isItemized = (name: string) => indicators.some((ind) => (ind.level1 !== undefined && itemName(ind.level1) === name) || (itemName(ind.name) === name && ind.target !== undefined));
    (ctx.e.selfScores?.items ?? []).forEach((item, i) => {
      const name = itemName(item.item);
      if (!EXECUTION_ITEM.test(name) || rubricReports.has(name) || isItemized(name)) return;
      const weight = item.weight ?? leavesOf(ctx.score?.items ?? []).find((l) => itemName(l.path[l.path.length - 1] ?? '') === name)?.weight;
      if (!weight || fired.some((w) => eq(w, weight)) || !isFullMarksDespiteRate(item.score, weight, budget.rate)) return;
      const due = roundScore(mul(min(budget.rate, ONE), weight));
      out.push({
        message: t(
          `自评项“${item.item}”得满分 ${toPlainString(item.score)} 分，而部门预算执行率为 ${pct(budget.rate)}；按 min(执行率, 100%) × 分值 ${toPlainString(weight)} 应得 ${toFixed(due, TWO)} 分。`,
          `Self-score item “${item.item}” has the full ${toPlainString(item.score)} while the department’s execution rate is ${pct(budget.rate)}; min(rate, 100%) × weight ${toPlainString(weight)} gives ${toFixed(due, TWO)}.`,
        ),
        printed: toPlainString(item.score),
        computed: toFixed(due, TWO),
        formula: layoutRule(ctx, EXECUTION_RULE),
        locations: uniqueLocations([
          locationOf(ctx, ['selfScores', 'items', i], t('自评分', 'self-score')),
          locationOf(ctx, ['budget', 'actualSpending'], t('实际支出', 'actual spending')),
          locationOf(ctx, ['budget', budget.basePath], t('预算数', 'budget')),
        ]),
      });
    });
    return out;
  },
};

export const SCORE_ARITHMETIC_RULES: readonly RuleImpl[] = [executionScoreMismatch];
export const SCORE_RUBRIC_RULES: readonly RuleImpl[] = [fullMarksDespiteMiss, executionFullMarks];

/** Whether a context has a rubric report that scored every self-score item (no item unknown to it). */
export function rubricCoversItems(ctx: AuditContext): boolean {
  return !!ctx.score && !ctx.score.problems.some((p) => p.code === 'self-score-unknown-item');
}
