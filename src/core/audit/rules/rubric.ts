/**
 * Rubric: a self-score above the item's weight, and a self-score the rubric does not allow given the document's own
 * data (only where the data decides the score; judgement items are left to the reviewer).
 */
import { type Exact, abs, gt, lte, sub, toPlainString } from '../../exact.ts';
import { type ItemScore, leavesOf } from '../../rubric/engine.ts';
import { type AuditContext, type FindingDraft, locationOf, t } from '../context.ts';
import type { FindingLocation } from '../types.ts';
import type { RuleImpl } from './rule.ts';

const HALF_CENT: Exact = { n: 1n, d: 200n };

function all(items: readonly ItemScore[]): ItemScore[] {
  return items.flatMap((i) => [i, ...all(i.children ?? [])]);
}

function selfLocation(ctx: AuditContext, item: ItemScore): FindingLocation[] {
  const list = ctx.e.selfScores?.items ?? [];
  const i = list.findIndex((s) => s.item === item.id || s.item === item.path[item.path.length - 1] || s.item === item.path.join('/') || item.path.join('/').endsWith(s.item));
  return i >= 0 ? [locationOf(ctx, ['selfScores', 'items', i], t('自评分', 'self-score'))] : [];
}

const aboveWeight: RuleImpl = {
  code: 'score-above-weight',
  category: 'rubric',
  severity: 'error',
  title: t('自评分超过分值', 'self-score above the weight'),
  description: t('任一评分项的自评分大于其分值即报错。', 'A self-score greater than its item’s weight.'),
  run(ctx) {
    if (!ctx.score) return [];
    return all(ctx.score.items)
      .filter((i) => i.self && gt(i.self, i.weight))
      .map((i) => ({
        message: t(`评分项“${i.path.join(' / ')}”分值 ${toPlainString(i.weight)}，自评 ${toPlainString(i.self!)} 分，超过分值。`, `Item “${i.path.join(' / ')}”: self-score ${toPlainString(i.self!)} exceeds its weight ${toPlainString(i.weight)}.`),
        printed: toPlainString(i.self!),
        computed: `≤ ${toPlainString(i.weight)}`,
        locations: selfLocation(ctx, i),
      }));
  },
};

function scoreFindings(ctx: AuditContext, higher: boolean): FindingDraft[] {
  if (!ctx.score) return [];
  const out: FindingDraft[] = [];
  for (const i of leavesOf(ctx.score.items)) {
    if (!i.verifiable || !i.self || !i.computed) continue;
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
