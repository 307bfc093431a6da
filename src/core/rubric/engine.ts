/**
 * The rubric engine: walks a rubric tree, scores each leaf from the evaluation's own data where it can, lets the
 * self-score stand where it cannot (marked not verifiable), and totals both columns with a grade.
 */
import { type Exact, ZERO, cmp, div, eq, gt, isZero, lt, roundHalfUp, sub, sum, toPlainString } from '../exact.ts';
import { type ComputedFigure, computeAll, departmentMetrics } from '../compute/compute.ts';
import type { LocalText } from '../formulas/types.ts';
import { FORMULAS } from '../formulas/library.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { type Problem, problem } from '../problem.ts';
import { FACTS_BY_ID, type FactValue } from './facts.ts';
import { type MethodContext, scoreLeaf } from './methods.ts';
import { projectScoreReport } from './project-score.ts';
import { type Group, type Leaf, type Rubric, isLeaf } from './schema.ts';

/** 财预〔2020〕10号 grade bands on a 100-point scale: 优 ≥ 90 (90.00 is 优), 良 ≥ 80, 中 ≥ 60, 差 < 60. */
export const GRADES = [
  { id: 'excellent', zh: '优', en: 'excellent', min: 90n },
  { id: 'good', zh: '良', en: 'good', min: 80n },
  { id: 'fair', zh: '中', en: 'fair', min: 60n },
  { id: 'poor', zh: '差', en: 'poor', min: 0n },
] as const;
export type Grade = (typeof GRADES)[number];

/** The grade of `score` out of `outOf` (scaled to 100 when the rubric's maximum is not 100). */
export function gradeOf(score: Exact, outOf: Exact = { n: 100n, d: 1n }): Grade {
  const scaled = div({ n: score.n * 100n, d: score.d }, outOf) ?? ZERO;
  for (const g of GRADES) if (cmp(scaled, { n: g.min, d: 1n }) >= 0) return g;
  return GRADES[GRADES.length - 1]!;
}

export interface ItemScore {
  readonly id: string;
  /** Item names from 一级 down. */
  readonly path: readonly string[];
  readonly weight: Exact;
  readonly self?: Exact;
  readonly selfReason?: string;
  /** The data-computed score, or the self-score where the data does not allow one (then verifiable is false). */
  readonly computed?: Exact;
  readonly verifiable: boolean;
  readonly method?: string;
  /** How the computed score was reached, or why it could not be. */
  readonly basis?: LocalText;
  readonly flags: readonly string[];
  readonly children?: readonly ItemScore[];
}

export interface ScoreReport {
  readonly rubric: { readonly id: string; readonly name: string };
  readonly items: readonly ItemScore[];
  readonly total: { readonly weight: Exact; readonly self?: Exact; readonly printedSelf?: Exact; readonly computed: Exact };
  /** Weight of the items that have neither a computed score nor a self-score; the computed grade needs it to be 0. */
  readonly unscoredWeight: Exact;
  readonly grade: { readonly self?: Grade; readonly computed?: Grade };
  readonly vetoed: boolean;
  /** Problems with the evaluation's self-scores against this rubric (unknown items, scores above weight …). */
  readonly problems: readonly Problem[];
}

interface SelfEntry {
  readonly score: Exact;
  readonly reason?: string;
  readonly checks?: Readonly<Record<string, boolean>>;
  readonly index: number;
}

/** A document's own group names may differ from the rubric's: its item name alone decides when it is unique. */
function uniqueByLastName<T extends { node: Group | Leaf }>(nodes: readonly T[], name: string | undefined): T | undefined {
  if (!name) return undefined;
  const hits = nodes.filter((n) => n.node.name === name);
  return hits.length === 1 ? hits[0] : undefined;
}

/** Matches self-score entries to rubric items by id, by name, or by a path suffix "二级/三级". */
function matchSelfScores(rubric: Rubric, e: Evaluation, problems: Problem[]): Map<Group | Leaf, SelfEntry> {
  const nodes: { node: Group | Leaf; path: string[] }[] = [];
  const walk = (items: readonly (Group | Leaf)[], prefix: string[]) => {
    for (const it of items) {
      const path = [...prefix, it.name];
      nodes.push({ node: it, path });
      if (!isLeaf(it)) walk(it.items, path);
    }
  };
  walk(rubric.items, []);
  const out = new Map<Group | Leaf, SelfEntry>();
  (e.selfScores?.items ?? []).forEach((s, index) => {
    const key = s.item.trim();
    const segs = key.split('/').map((x) => x.trim()).filter(Boolean);
    const found =
      nodes.find((n) => n.node.id === key) ??
      nodes.find((n) => n.node.name === key) ??
      nodes.find((n) => segs.length > 1 && n.path.slice(-segs.length).join('/') === segs.join('/')) ??
      uniqueByLastName(nodes, segs[segs.length - 1]);
    if (!found) {
      problems.push(problem('self-score-unknown-item', ['selfScores', 'items', index, 'item'], { item: s.item, rubric: rubric.id }));
      return;
    }
    if (out.has(found.node)) {
      problems.push(problem('self-score-duplicate-item', ['selfScores', 'items', index, 'item'], { item: s.item }));
      return;
    }
    out.set(found.node, { score: s.score, index, ...(s.reason ? { reason: s.reason } : {}), ...(s.checks ? { checks: s.checks } : {}) });
  });
  return out;
}

export function scoreEvaluation(e: Evaluation, rubric: Rubric, figures: readonly ComputedFigure[] = computeAll(e)): ScoreReport {
  // A project form (项目支出绩效自评表) is scored by its own printed weights (财预〔2020〕10号, project-score.ts).
  if (e.project && !e.budget && !e.indicators?.length && !e.selfScores) return projectScoreReport(e.project, rubric);
  const problems: Problem[] = [];
  const selfByNode = matchSelfScores(rubric, e, problems);
  const metrics = departmentMetrics(figures);
  const facts = new Map<string, FactValue | undefined>();
  const fact = (id: string): FactValue | undefined => {
    if (!facts.has(id)) facts.set(id, FACTS_BY_ID.get(id)?.read(e));
    return facts.get(id);
  };
  const rate = (id: string): Exact | undefined => {
    const f = metrics.get(id);
    if (f) return f.outcome.kind === 'value' ? f.outcome.value : undefined;
    const v = fact(id);
    return typeof v === 'object' ? v : undefined;
  };
  const describe = (id: string): LocalText => FACTS_BY_ID.get(id)?.label ?? FORMULAS.find((f) => f.family === id)?.name ?? { zh: id, en: id };
  const round = (x: Exact) => roundHalfUp(x, rubric.precision);
  let vetoed = false;
  let notExcellent = false;

  const scoreNode = (node: Group | Leaf, prefix: string[]): ItemScore => {
    const path = [...prefix, node.name];
    const self = selfByNode.get(node);
    // Items without an id are known by their path of names.
    const id = node.id ?? path.join('/');
    const flags: string[] = [];
    if (self && gt(self.score, node.weight)) {
      flags.push('self-above-weight');
      problems.push(problem('self-score-above-weight', ['selfScores', 'items', self.index, 'score'], { item: node.name, weight: toPlainString(node.weight), self: toPlainString(self.score) }));
    }
    if (isLeaf(node)) {
      const ctx: MethodContext = { evaluation: e, rate, fact, describe, ...(self?.checks ? { checks: self.checks } : {}) };
      const r = scoreLeaf(node, ctx);
      if (r.flags) flags.push(...r.flags);
      if (r.flags?.includes('veto:zero-total')) vetoed = true;
      if (r.flags?.includes('veto:not-excellent')) notExcellent = true;
      if (node.method === 'judgement' && self && lt(self.score, node.weight) && !self.reason) flags.push('reason-missing');
      const computed = r.kind === 'computed' ? round(r.score) : self?.score;
      return {
        id,
        path,
        weight: node.weight,
        ...(self ? { self: self.score } : {}),
        ...(self?.reason ? { selfReason: self.reason } : {}),
        ...(computed ? { computed } : {}),
        verifiable: r.kind === 'computed',
        method: node.method,
        basis: r.basis,
        flags,
      };
    }
    const children = node.items.map((c) => scoreNode(c, path));
    const childSelf = children.every((c) => c.self !== undefined) ? sum(children.map((c) => c.self!)) : undefined;
    const childComputed = children.every((c) => c.computed !== undefined) ? sum(children.map((c) => c.computed!)) : undefined;
    const nodeSelf = self?.score ?? childSelf;
    // A self-score given for the group (its items unscored) stands for the group when the items cannot all be computed.
    const allVerifiable = children.every((c) => c.verifiable);
    const partial = children.some((c) => c.computed !== undefined) ? sum(children.flatMap((c) => (c.computed ? [c.computed] : []))) : undefined;
    // Items neither computable nor self-scored leave the group incomplete: its computed score is then a partial sum.
    const computed = allVerifiable ? childComputed : (childComputed ?? self?.score ?? partial);
    if (childComputed === undefined && self === undefined && partial !== undefined) flags.push('incomplete');
    if (self && childSelf !== undefined && !eq(self.score, childSelf)) flags.push('self-differs-from-items');
    return {
      id,
      path,
      weight: node.weight,
      ...(nodeSelf ? { self: nodeSelf } : {}),
      ...(self?.reason ? { selfReason: self.reason } : {}),
      ...(computed ? { computed } : {}),
      verifiable: allVerifiable,
      flags,
      children,
    };
  };

  const items = rubric.items.map((it) => scoreNode(it, []));
  const weight = sum(rubric.items.map((i) => i.weight));
  const selfParts = items.map((i) => i.self);
  const self = selfParts.every((s) => s !== undefined) ? sum(selfParts as Exact[]) : undefined;
  const computedTotal = vetoed ? ZERO : sum(items.map((i) => i.computed ?? ZERO));
  const printedSelf = e.selfScores?.total;
  if (printedSelf && self && !eq(printedSelf, self)) {
    problems.push(problem('self-total-differs', ['selfScores', 'total'], { printed: toPlainString(printedSelf), sum: toPlainString(self) }));
  }
  const unscoredWeight = sum(items.map(unscored));
  let computedGrade: Grade | undefined = isZero(unscoredWeight) || vetoed ? gradeOf(computedTotal, weight) : undefined;
  if (notExcellent && computedGrade?.id === 'excellent') computedGrade = GRADES[1];
  const selfForGrade = printedSelf ?? self;
  return {
    rubric: { id: rubric.id, name: rubric.name },
    items,
    total: { weight, ...(self ? { self } : {}), ...(printedSelf ? { printedSelf } : {}), computed: computedTotal },
    unscoredWeight,
    grade: { ...(selfForGrade ? { self: gradeOf(selfForGrade, weight) } : {}), ...(computedGrade ? { computed: computedGrade } : {}) },
    vetoed,
    problems,
  };
}

/** Weight of the parts of an item that have neither a computed score nor a self-score. */
function unscored(i: ItemScore): Exact {
  if (i.computed !== undefined && !i.flags.includes('incomplete')) return ZERO;
  if (!i.children) return i.weight;
  return sum(i.children.map(unscored));
}

/** Leaves of a score tree, depth first. */
export function leavesOf(items: readonly ItemScore[]): ItemScore[] {
  return items.flatMap((i) => (i.children ? leavesOf(i.children) : [i]));
}

export function difference(item: ItemScore): Exact | undefined {
  return item.self !== undefined && item.computed !== undefined ? sub(item.computed, item.self) : undefined;
}

