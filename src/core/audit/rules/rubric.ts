/**
 * Rubric: a self-score above the item's weight, and a self-score the rubric does not allow given the document's own
 * data (only where the data decides the score; judgement items are left to the reviewer).
 */
import { type Exact, ONE, abs, eq, gt, lte, mul, sub, sum, toPlainString } from '../../exact.ts';
import { type ItemScore, leavesOf } from '../../rubric/engine.ts';
import { type AuditContext, type FindingDraft, layoutRule, locationOf, locationsNear, t } from '../context.ts';
import { indicatorsOf, scoredLinesOf } from './scores.ts';
import type { FindingLocation } from '../types.ts';
import type { RuleImpl } from './rule.ts';

const HALF_CENT: Exact = { n: 1n, d: 200n };

function all(items: readonly ItemScore[]): ItemScore[] {
  return items.flatMap((i) => [i, ...all(i.children ?? [])]);
}

function selfIndex(ctx: AuditContext, item: ItemScore): number {
  const list = ctx.e.selfScores?.items ?? [];
  return list.findIndex((s) => s.item === item.id || s.item === item.path[item.path.length - 1] || s.item === item.path.join('/') || item.path.join('/').endsWith(s.item));
}

function selfLocation(ctx: AuditContext, item: ItemScore): FindingLocation[] {
  const i = selfIndex(ctx, item);
  return i >= 0 ? [locationOf(ctx, ['selfScores', 'items', i], t('自评分', 'self-score'))] : [];
}

/**
 * Whether the document prints another weight for the item than the rubric gives it (社会效益（20分） against a rubric's
 * 7): the rubric does not describe this document's item, and its weight and score are not the document's rule.
 */
function isOtherWeight(ctx: AuditContext, item: ItemScore): boolean {
  const printed = ctx.e.selfScores?.items?.[selfIndex(ctx, item)]?.weight;
  return printed !== undefined && !eq(printed, item.weight);
}

/** A section's name without the weight printed in it: 产出指标（45分） → 产出指标. */
function sectionName(name: string): string {
  return (name.split('/').pop() ?? name).replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');
}

const aboveWeight: RuleImpl = {
  code: 'score-above-weight',
  category: 'rubric',
  severity: 'error',
  title: t('自评分超过分值', 'self-score above the weight'),
  description: t(
    '得分大于其分值即报错：评分标准的各评分项、印出分值的自评项、绩效指标（得分 > 分值，或得分系数 > 1）、执行率得分（部门预算与项目资金各行，得分 > 执行率权重或分值）。',
    'A score greater than its weight: the rubric’s items, self-score items that print their weight, indicators (score > weight, or a coefficient above 1), execution scores (the department budget and each project fund line).',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    const reported = new Set<string>();
    const above = (what: { zh: string; en: string }, weight: Exact, score: Exact, locations: FindingLocation[], formula?: { zh: string; en: string }): FindingDraft => ({
      message: t(`${what.zh}分值 ${toPlainString(weight)}，得分 ${toPlainString(score)} 分，超过分值。`, `${what.en}: score ${toPlainString(score)} exceeds its weight ${toPlainString(weight)}.`),
      printed: toPlainString(score),
      computed: `≤ ${toPlainString(weight)}`,
      ...(formula ? { formula } : {}),
      locations,
    });
    for (const i of ctx.score ? all(ctx.score.items) : []) {
      if (!i.self || !gt(i.self, i.weight) || isOtherWeight(ctx, i)) continue;
      const locations = selfLocation(ctx, i);
      for (const l of locations) if (l.field) reported.add(l.field);
      out.push({
        message: t(`评分项“${i.path.join(' / ')}”分值 ${toPlainString(i.weight)}，自评 ${toPlainString(i.self)} 分，超过分值。`, `Item “${i.path.join(' / ')}”: self-score ${toPlainString(i.self)} exceeds its weight ${toPlainString(i.weight)}.`),
        printed: toPlainString(i.self),
        computed: `≤ ${toPlainString(i.weight)}`,
        locations,
      });
    }
    const indicators = ctx.e.indicators ?? [];
    /** A section whose score is the sum of its indicators' (as a weighted-section form adds it): they carry any excess. */
    const isSumOfIndicators = (name: string, score: Exact) => {
      const own = indicators.filter((ind) => ind.level1 !== undefined && sectionName(ind.level1) === sectionName(name));
      const scores = own.map((ind) => ind.score);
      return own.length > 0 && scores.every((x) => x !== undefined) && eq(sum(scores as Exact[]), score);
    };
    (ctx.e.selfScores?.items ?? []).forEach((item, i) => {
      if (!item.weight || !gt(item.score, item.weight) || isSumOfIndicators(item.item, item.score)) return;
      const loc = locationOf(ctx, ['selfScores', 'items', i], t('自评分', 'self-score'));
      if (loc.field && reported.has(loc.field)) return;
      out.push(above(t(`自评项“${item.item}”`, `Self-score item “${item.item}”`), item.weight, item.score, [loc]));
    });
    for (const { indicator: ind, path, owner } of indicatorsOf(ctx.e)) {
      if (!ind.weight) continue;
      const what = t(`${owner.zh}指标“${ind.name}”`, `${owner.en ? `${owner.en}: ` : ''}indicator “${ind.name}”`);
      if (ind.score && gt(ind.score, ind.weight)) out.push(above(what, ind.weight, ind.score, [locationOf(ctx, [...path, 'score'], t('得分', 'score'))]));
      else if (!ind.score && ind.coefficient && gt(ind.coefficient, ONE)) {
        out.push({
          ...above(what, ind.weight, mul(ind.coefficient, ind.weight), [locationOf(ctx, [...path, 'coefficient'], t('得分系数', 'score coefficient'))], layoutRule(ctx, t('得分 = 得分系数 × 权重，得分系数不超过 1', 'score = coefficient × weight, a coefficient of at most 1'))),
          printed: `${toPlainString(ind.coefficient)} × ${toPlainString(ind.weight)}`,
        });
      }
    }
    for (const { line, path, label } of scoredLinesOf(ctx.e)) {
      if (!line.weight || !line.score || !gt(line.score, line.weight)) continue;
      const where = locationsNear(ctx, [...path, 'score'], t('执行率得分', 'execution score'), [[...path, 'actualSpending'], [...path, 'adjustedBudget']]);
      out.push(above(t(`${label.zh}执行率得分：`, `${label.en} execution score`), line.weight, line.score, where, layoutRule(ctx, t('执行率得分 = min(执行率, 100%) × 权重，不超过权重', 'execution score = min(rate, 100%) × weight, at most the weight'))));
    }
    return out;
  },
};

function scoreFindings(ctx: AuditContext, higher: boolean): FindingDraft[] {
  if (!ctx.score) return [];
  const out: FindingDraft[] = [];
  for (const i of leavesOf(ctx.score.items)) {
    if (!i.verifiable || !i.self || !i.computed || isOtherWeight(ctx, i)) continue;
    const d = sub(i.self, i.computed);
    if (lte(abs(d), HALF_CENT) || gt(d, { n: 0n, d: 1n }) !== higher) continue;
    const basis = i.basis ?? t('', '');
    out.push({
      message: higher
        ? t(`评分项“${i.path.join(' / ')}”自评 ${toPlainString(i.self)} 分，按评分标准与文件数据应得 ${toPlainString(i.computed)} 分（${basis.zh}）。`, `Item “${i.path.join(' / ')}”: self-score ${toPlainString(i.self)}, the rubric on the document’s own data gives ${toPlainString(i.computed)} (${basis.en}).`)
        : t(`评分项“${i.path.join(' / ')}”自评 ${toPlainString(i.self)} 分，低于按评分标准与文件数据可得的 ${toPlainString(i.computed)} 分（${basis.zh}）。`, `Item “${i.path.join(' / ')}”: self-score ${toPlainString(i.self)} is below the ${toPlainString(i.computed)} the rubric gives on the document’s data (${basis.en}).`),
      printed: toPlainString(i.self),
      computed: toPlainString(i.computed),
      locations: selfLocation(ctx, i),
    });
  }
  return out;
}

const notAllowed: RuleImpl = {
  code: 'score-not-allowed',
  category: 'rubric',
  severity: 'error',
  title: t('自评分高于评分标准所允许', 'self-score higher than the rubric allows'),
  description: t('评分标准能由文件自身数据算出得分的评分项（比率、分档、扣分等），自评分高于该得分即报错，并给出计算依据；需凭佐证材料判断的评分项不在此列。', 'Where the rubric’s score follows from the document’s own data (rates, tiers, deductions), a self-score above it is an error, with the basis; judgement items are left to the reviewer.'),
  run: (ctx) => scoreFindings(ctx, true),
};

const belowRule: RuleImpl = {
  code: 'score-below-rule',
  category: 'rubric',
  severity: 'info',
  title: t('自评分低于评分标准可得分', 'self-score below what the rubric gives'),
  description: t('自评分低于由数据算出的得分：不是违规，提示核对数据或评分依据。', 'A self-score below the data-computed score: not a fault, but the data or the reason deserves a look.'),
  run: (ctx) => scoreFindings(ctx, false),
};

export const RUBRIC_RULES: readonly RuleImpl[] = [aboveWeight, notAllowed, belowRule];
