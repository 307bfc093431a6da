/**
 * Scoring methods (SPEC §5): one small pure function per method, in a registry keyed by the `method` a rubric
 * leaf names. Each returns a computed score with the reasoning in both languages, or says it cannot be verified
 * from the data (then the self-score stands).
 */
import {
  type Exact,
  HUNDRED,
  ONE,
  ZERO,
  add,
  div,
  gt,
  gte,
  isZero,
  lt,
  lte,
  max,
  min,
  mul,
  sub,
  sum,
  toPercent,
  toPlainString,
} from '../exact.ts';
import { SEQUENTIAL_BENCHMARKS } from '../formulas/library.ts';
import { indicatorCompletion, parseIndicatorValue } from '../formulas/indicator-value.ts';
import type { LocalText } from '../formulas/types.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { ENUM_LABELS, type FactValue } from './facts.ts';
import type { Leaf, SimpleLeaf, Tier } from './schema.ts';

export interface MethodContext {
  readonly evaluation: Evaluation;
  /** A department-level rate by formula family, or a rate fact; undefined when the data does not give it. */
  readonly rate: (id: string) => Exact | undefined;
  readonly fact: (id: string) => FactValue | undefined;
  /** Criteria the preparer ticked for this item in the evaluation file (selfScores.items[].checks). */
  readonly checks?: Readonly<Record<string, boolean>>;
  /** The label of a metric or fact id, for messages. */
  readonly describe: (id: string) => LocalText;
}

export type MethodResult =
  | { readonly kind: 'computed'; readonly score: Exact; readonly basis: LocalText; readonly flags?: readonly string[] }
  | { readonly kind: 'not-verifiable'; readonly basis: LocalText; readonly flags?: readonly string[] };

const t = (zh: string, en: string): LocalText => ({ zh, en });
const pct = (x: Exact) => toPercent(x);
const pts = (x: Exact) => toPlainString(x);
const missing = (what: LocalText): MethodResult => ({
  kind: 'not-verifiable',
  basis: t(`缺少数据：${what.zh}`, `no data: ${what.en}`),
});

function inTier(rate: Exact, tier: Tier): boolean {
  return (
    (tier.gte === undefined || gte(rate, tier.gte)) &&
    (tier.gt === undefined || gt(rate, tier.gt)) &&
    (tier.lte === undefined || lte(rate, tier.lte)) &&
    (tier.lt === undefined || lt(rate, tier.lt))
  );
}

function describeTier(tier: Tier): string {
  const parts: string[] = [];
  if (tier.gte) parts.push(`≥${pct(tier.gte)}`);
  if (tier.gt) parts.push(`>${pct(tier.gt)}`);
  if (tier.lte) parts.push(`≤${pct(tier.lte)}`);
  if (tier.lt) parts.push(`<${pct(tier.lt)}`);
  return tier.label ?? parts.join(' 且 ');
}

type Method<L extends Leaf> = (leaf: L, ctx: MethodContext) => MethodResult;
type ByMethod = { [K in Leaf['method']]: Method<Extract<Leaf, { method: K }>> };

export const METHODS: ByMethod = {
  /** Rate × factor, capped at the weight; zero when a bound is crossed (龙岗 政府采购执行率: 0 if actual > budget). */
  ratio: (leaf, ctx) => {
    const rate = ctx.rate(leaf.metric);
    if (rate === undefined) return missing(ctx.describe(leaf.metric));
    if (leaf.zeroWhenAbove && gt(rate, leaf.zeroWhenAbove)) {
      return { kind: 'computed', score: ZERO, basis: t(`${pct(rate)} 高于 ${pct(leaf.zeroWhenAbove)}，得 0 分`, `${pct(rate)} above ${pct(leaf.zeroWhenAbove)}: 0`) };
    }
    if (leaf.zeroWhenBelow && lt(rate, leaf.zeroWhenBelow)) {
      return { kind: 'computed', score: ZERO, basis: t(`${pct(rate)} 低于 ${pct(leaf.zeroWhenBelow)}，得 0 分`, `${pct(rate)} below ${pct(leaf.zeroWhenBelow)}: 0`) };
    }
    const factor = leaf.factor ?? leaf.weight;
    const raw = mul(rate, factor);
    const score = min(max(raw, ZERO), leaf.weight);
    return { kind: 'computed', score, basis: t(`${pct(rate)} × ${pts(factor)} = ${pts(score)}`, `${pct(rate)} × ${pts(factor)} = ${pts(score)}`) };
  },

  /** Step tiers on a rate: the first band that holds gives its points. */
  tiers: (leaf, ctx) => {
    const rate = ctx.rate(leaf.metric);
    if (rate === undefined) return missing(ctx.describe(leaf.metric));
    const tier = leaf.tiers.find((x) => inTier(rate, x));
    if (!tier) return { kind: 'computed', score: ZERO, basis: t(`${pct(rate)} 不在任何档内，得 0 分`, `${pct(rate)} in no tier: 0`) };
    return { kind: 'computed', score: tier.points, basis: t(`${pct(rate)}（${describeTier(tier)}）得 ${pts(tier.points)} 分`, `${pct(rate)} (${describeTier(tier)}): ${pts(tier.points)}`) };
  },

  /** −perPoint for each percentage point beyond the limit, never below the floor (岳阳). */
  'deduct-per-point': (leaf, ctx) => {
    const rate = ctx.rate(leaf.metric);
    if (rate === undefined) return missing(ctx.describe(leaf.metric));
    const beyond = leaf.direction === 'above' ? sub(rate, leaf.limit) : sub(leaf.limit, rate);
    let pointsOver = max(mul(beyond, HUNDRED), ZERO);
    if (leaf.wholePoints && !isZero(pointsOver)) pointsOver = { n: (pointsOver.n + pointsOver.d - 1n) / pointsOver.d, d: 1n };
    const floor = leaf.floor ?? ZERO;
    const score = max(sub(leaf.weight, mul(pointsOver, leaf.perPoint)), floor);
    return {
      kind: 'computed',
      score,
      basis: t(`${pct(rate)}，超出限值 ${pct(leaf.limit)} ${pts(pointsOver)} 个百分点，扣 ${pts(mul(pointsOver, leaf.perPoint))} 分`, `${pct(rate)}: ${pts(pointsOver)} points beyond ${pct(leaf.limit)}`),
    };
  },

  /** Criteria with points each; decided by a fact from the data or by the preparer's ticks. */
  checklist: (leaf, ctx) => {
    let score = ZERO;
    const undecided: string[] = [];
    const failed: string[] = [];
    for (const c of leaf.criteria) {
      const f = c.fact ? ctx.fact(c.fact) : undefined;
      const ticked = ctx.checks && Object.hasOwn(ctx.checks, c.id) ? ctx.checks[c.id] : undefined;
      const met = typeof f === 'boolean' ? f : ticked;
      if (met === undefined) undecided.push(c.text);
      else if (met) score = add(score, c.points);
      else failed.push(c.text);
    }
    if (undecided.length) return { kind: 'not-verifiable', basis: t(`无法由数据判断：${undecided.join('；')}`, `cannot be decided from the data: ${undecided.length} criteria`) };
    return {
      kind: 'computed',
      score: min(score, leaf.weight),
      basis: failed.length ? t(`未满足：${failed.join('；')}`, `not met: ${failed.length} criteria`) : t('各要点均满足', 'every criterion met'),
    };
  },

  /** Full marks less perFailure for each failure (龙岗 重点工作: −4 per undone task). */
  'deduct-per-failure': (leaf, ctx) => {
    const f = ctx.fact(leaf.fact);
    if (f === undefined || typeof f !== 'object') return missing(ctx.describe(leaf.fact));
    const score = max(sub(leaf.weight, mul(f, leaf.perFailure)), leaf.floor ?? ZERO);
    return { kind: 'computed', score, basis: t(`${pts(f)} 项未完成，每项扣 ${pts(leaf.perFailure)} 分`, `${pts(f)} failures × ${pts(leaf.perFailure)}`) };
  },

  /** Points by an enumerated fact (预决算公开: complete 1.5, partial 1, none 0). */
  'enum-points': (leaf, ctx) => {
    const f = ctx.fact(leaf.fact);
    if (typeof f !== 'string') return missing(ctx.describe(leaf.fact));
    const p = Object.hasOwn(leaf.points, f) ? leaf.points[f] : undefined;
    if (p === undefined) return { kind: 'not-verifiable', basis: t(`取值 ${f} 未规定得分`, `no points for ${f}`) };
    const name = Object.hasOwn(ENUM_LABELS, f) ? ENUM_LABELS[f]! : t(f, f);
    return { kind: 'computed', score: min(p, leaf.weight), basis: t(`${name.zh}，${pts(p)} 分`, `${name.en}: ${pts(p)}`) };
  },

  /** 龙岗 预算执行率: each quarter min(progress ÷ 25/50/75/100%, 1) × quarterPoints, plus the average × averagePoints. */
  'quarterly-progress': (leaf, ctx) => {
    const q = ctx.evaluation.management?.quarterlyProgress;
    if (!q || q.length < 4) return missing(t('各季度末累计支出进度', 'quarterly spending progress'));
    const ratios = q.map((p, i) => min(div(p, SEQUENTIAL_BENCHMARKS[i] ?? ONE) ?? ZERO, ONE));
    const quarterScore = mul(sum(ratios), leaf.quarterPoints);
    const average = div(sum(ratios), { n: 4n, d: 1n }) ?? ZERO;
    const score = min(add(quarterScore, mul(average, leaf.averagePoints)), leaf.weight);
    return {
      kind: 'computed',
      score,
      basis: t(`各季度 ${ratios.map(pct).join('、')}，平均 ${pct(average)}`, `quarters ${ratios.map(pct).join(', ')}, average ${pct(average)}`),
    };
  },

  /** 财预〔2020〕10号: met → full points; missed → points × completion; qualitative by band; >150% flagged. */
  indicators: (leaf, ctx) => {
    const all = (ctx.evaluation.indicators ?? []).filter((i) => !leaf.level1 || leaf.level1.some((l) => i.level1?.includes(l)));
    if (all.length === 0) return missing(t('绩效指标表', 'indicator table'));
    const equalShare = div(leaf.weight, { n: BigInt(all.length), d: 1n }) ?? ZERO;
    const bands = leaf.qualitativeBands ?? { achieved: ONE, partly: { n: 8n, d: 10n }, 'not-achieved': { n: 6n, d: 10n } };
    let score = ZERO;
    const flags: string[] = [];
    for (const ind of all) {
      const w = ind.weight ?? equalShare;
      const target = parseIndicatorValue(ind.target ?? '', ind.direction);
      if (target.direction === 'qualitative') {
        if (!ind.qualitativeResult) return { kind: 'not-verifiable', basis: t(`定性指标“${ind.name}”无评价结果`, `qualitative indicator "${ind.name}" has no result`) };
        score = add(score, mul(w, bands[ind.qualitativeResult]));
        continue;
      }
      if (ind.actual === undefined) return { kind: 'not-verifiable', basis: t(`指标“${ind.name}”无完成值`, `indicator "${ind.name}" has no actual value`) };
      const c = indicatorCompletion(target, parseIndicatorValue(ind.actual));
      if (c.kind !== 'value') return { kind: 'not-verifiable', basis: t(`指标“${ind.name}”完成率无法计算`, `completion of "${ind.name}" cannot be computed`) };
      if (c.flags?.includes('over-achieved')) flags.push(`over-achieved:${ind.name}`);
      score = add(score, mul(w, min(c.value, ONE)));
    }
    return { kind: 'computed', score: min(score, leaf.weight), basis: t(`${all.length} 个指标按完成率计分`, `${all.length} indicators scored by completion`), flags };
  },

  /** Judged against evidence: never computed; the self-score stands, and it needs a written reason. */
  judgement: () => ({ kind: 'not-verifiable', basis: t('依据佐证材料酌情评分', 'judged on evidence') }),

  /** 一票否决: scores nothing itself; the engine applies its effect to the total. */
  veto: (leaf, ctx) => {
    const f = ctx.fact(leaf.fact);
    if (typeof f !== 'boolean') return missing(ctx.describe(leaf.fact));
    return { kind: 'computed', score: ZERO, basis: f ? t('触发否决', 'veto triggered') : t('未触发否决', 'no veto'), flags: f ? [`veto:${leaf.effect}`] : [] };
  },

  /** A leaf made of parts (龙岗 公用经费控制率 = “三公”经费控制率 3 + 日常公用经费控制率 3). */
  sum: (leaf, ctx) => {
    let score = ZERO;
    const notes: string[] = [];
    const notesEn: string[] = [];
    // Parts' flags (a triggered veto, an over-achieved indicator) travel up to the item.
    const flags: string[] = [];
    let unverifiable: LocalText | undefined;
    for (const part of leaf.parts) {
      const r = scoreLeaf(part, ctx);
      if (r.flags) flags.push(...r.flags);
      if (r.kind !== 'computed') {
        unverifiable ??= t(`${part.name}：${r.basis.zh}`, `${part.name}: ${r.basis.en}`);
        continue;
      }
      score = add(score, r.score);
      notes.push(`${part.name} ${r.basis.zh}`);
      notesEn.push(`${part.name} ${r.basis.en}`);
    }
    if (unverifiable) return { kind: 'not-verifiable', basis: unverifiable, flags };
    return { kind: 'computed', score: min(score, leaf.weight), basis: t(notes.join('；'), notesEn.join('; ')), flags };
  },
};

export function scoreLeaf(leaf: Leaf | SimpleLeaf, ctx: MethodContext): MethodResult {
  const m = METHODS[leaf.method] as Method<Leaf>;
  return m(leaf as Leaf, ctx);
}
