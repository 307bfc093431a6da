/**
 * The national system's warnings (SPEC §5.6) and plausibility: unspent share over 20% (yellow), execution under 90% or
 * adjustment over 30% needing a written reason, a carry-over of 0 beside unspent money, indicator completion far above
 * target, year-on-year jumps, and a change rate the narrative states against the figures it gives.
 */
import { valueIn } from '../../amount.ts';
import { type Exact, HUNDRED, abs, div, eq, gt, isZero, lt, mul, roundHalfUp, sub, toFixed } from '../../exact.ts';
import { parseNumberText, scanNumbers } from '../../text/numbers.ts';
import { type FindingDraft, at, locationOf, moneyText, pct, t, uniqueLocations } from '../context.ts';
import type { RuleImpl } from './rule.ts';

const r = (n: number, d = 100): Exact => ({ n: BigInt(n), d: BigInt(d) });

function budgetBase(e: Parameters<RuleImpl['run']>[0]['e']) {
  const b = e.budget;
  const base = b?.adjustedBudget ?? b?.initialBudget;
  const path = b?.adjustedBudget ? ['budget', 'adjustedBudget'] : ['budget', 'initialBudget'];
  return base && b?.actualSpending ? { base, actual: b.actualSpending, path } : undefined;
}

const yellow: RuleImpl = {
  code: 'unspent-share',
  category: 'plausibility',
  severity: 'warning',
  title: t('预算执行偏低（黄色预警）', 'low budget execution (yellow warning)'),
  description: t('（预算 − 执行）÷ 预算 > 20%，或预算为 0：预算管理一体化系统的黄色预警。预算取调整后预算，无则年初预算。执行率在 80%–90% 之间时提示须说明原因。', '(budget − spending) ÷ budget over 20%, or a zero budget: the national system’s yellow warning (adjusted budget, else initial). Execution between 80% and 90% needs a written reason.'),
  run(ctx) {
    const x = budgetBase(ctx.e);
    if (!x) return [];
    const locs = uniqueLocations([locationOf(ctx, x.path, t('预算', 'budget')), locationOf(ctx, ['budget', 'actualSpending'], t('实际支出', 'spending'))]);
    if (isZero(x.base.value)) return [{ message: t('部门预算为 0（黄色预警）。', 'The budget is 0 (yellow warning).'), printed: moneyText(x.base), locations: locs }];
    const base = valueIn(x.base, '万元');
    const unspent = sub(base, valueIn(x.actual, '万元'));
    const share = div(unspent, base)!;
    const rate = div(valueIn(x.actual, '万元'), base)!;
    if (gt(share, r(20))) {
      return [
        {
          message: t(
            `预算 ${moneyText(x.base, '万元')}，实际支出 ${moneyText(x.actual, '万元')}，未执行 ${moneyText({ value: unspent, unit: '万元' })}，占 ${pct(share)}，超过 20%（黄色预警）；执行率 ${pct(rate)} 低于 90%，须书面说明原因。`,
            `Budget ${moneyText(x.base, '万元')}, spending ${moneyText(x.actual, '万元')}: ${pct(share)} unspent, over 20% (yellow warning); execution ${pct(rate)} below 90% needs a written reason.`,
          ),
          printed: pct(share),
          computed: '≤ 20.00%',
          locations: locs,
        },
      ];
    }
    if (lt(rate, r(90))) {
      return [{ severity: 'info', message: t(`预算执行率 ${pct(rate)} 低于 90%，须书面说明原因。`, `Execution ${pct(rate)} is below 90%; a written reason is required.`), printed: pct(rate), computed: '≥ 90.00%', locations: locs }];
    }
    return [];
  },
};

const adjustment: RuleImpl = {
  code: 'adjustment-over-30',
  category: 'plausibility',
  severity: 'warning',
  title: t('预算调整幅度超过 30%', 'budget adjusted by more than 30%'),
  description: t('|调整后 − 年初| ÷ 年初 > 30% 时须书面说明调整原因（预算管理一体化系统规则）。', '|adjusted − initial| ÷ initial over 30% requires a written reason.'),
  run(ctx) {
    const b = ctx.e.budget;
    if (!b?.initialBudget || !b.adjustedBudget || isZero(b.initialBudget.value)) return [];
    const ini = valueIn(b.initialBudget, '万元');
    const share = div(abs(sub(valueIn(b.adjustedBudget, '万元'), ini)), ini)!;
    if (!gt(share, r(30))) return [];
    return [
      {
        message: t(`年初预算 ${moneyText(b.initialBudget, '万元')}，调整后 ${moneyText(b.adjustedBudget, '万元')}，调整幅度 ${pct(share)}，超过 30%，须书面说明原因。`, `The budget was adjusted by ${pct(share)} (over 30%); a written reason is required.`),
        printed: pct(share),
        computed: '≤ 30.00%',
        locations: uniqueLocations([locationOf(ctx, ['budget', 'initialBudget']), locationOf(ctx, ['budget', 'adjustedBudget'])]),
      },
    ];
  },
};

const carryOver: RuleImpl = {
  code: 'carryover-vs-unspent',
  category: 'plausibility',
  severity: 'warning',
  title: t('结转结余为 0 而预算未执行完', 'no carry-over although budget was left unspent'),
  description: t('文件称结转结余为 0，而预算与实际支出相差超过 1%：未执行资金的去向（结转、收回）需说明。', 'The document states a carry-over of 0 while more than 1% of the budget was not spent: where the money went needs saying.'),
  run(ctx) {
    const c = ctx.e.management?.carryOver?.amount;
    const x = budgetBase(ctx.e);
    if (!c || !isZero(c.value) || !x || isZero(x.base.value)) return [];
    const unspent = sub(valueIn(x.base, '万元'), valueIn(x.actual, '万元'));
    const share = div(unspent, valueIn(x.base, '万元'))!;
    if (!gt(share, r(1))) return [];
    return [
      {
        message: t(`文件称结转结余为 0，但预算 ${moneyText(x.base, '万元')} 中有 ${moneyText({ value: unspent, unit: '万元' })}（${pct(share)}）未支出，其去向未说明。`, `Carry-over stated as 0, yet ${moneyText({ value: unspent, unit: '万元' })} (${pct(share)}) of the budget was not spent.`),
        printed: moneyText(c, '万元'),
        computed: moneyText({ value: unspent, unit: '万元' }),
        locations: uniqueLocations([locationOf(ctx, ['management', 'carryOver', 'amount'], t('结转结余', 'carry-over')), locationOf(ctx, x.path), locationOf(ctx, ['budget', 'actualSpending'])]),
      },
    ];
  },
};

const farAbove: RuleImpl = {
  code: 'completion-far-above-target',
  category: 'plausibility',
  severity: 'info',
  title: t('指标完成值远超目标', 'completion far above target'),
  description: t(
    '定量指标完成率超过 150%：目标可能定得过低（财预〔2020〕10号：明显偏低的按偏离度扣分）。≤ 指标（时限、限额）的完成率为 指标值 ÷ 完成值，超过 150% 说明实际远低于限值，提示限值可能过宽。',
    'A quantitative indicator completed at more than 150% of target: the target may have been set too low. For a ≤ indicator (a time limit, a cap) the rate is target ÷ actual, and over 150% means the actual is far inside the limit: the limit may be too loose.',
  ),
  run(ctx) {
    const out: FindingDraft[] = [];
    for (const f of ctx.figures) {
      if (f.family !== 'indicatorCompletion' || f.outcome.kind !== 'value' || !gt(f.outcome.value, r(150))) continue;
      // The indicator's own name and figures (the figure's subject label reads "指标：…").
      const ind = at(ctx.e, f.subject.path) as { name?: string; target?: string; actual?: string } | undefined;
      const name = ind?.name ?? f.subject.label.zh;
      const rate = pct(f.outcome.value);
      const figures = ind?.target && ind.actual ? { zh: `限值 ${ind.target}，实际 ${ind.actual}，`, en: ` limit ${ind.target}, actual ${ind.actual},` } : { zh: '', en: '' };
      out.push({
        message:
          f.variant === 'lte'
            ? t(`指标“${name}”${figures.zh}完成率 ${rate}，实际远低于限值，限值可能过宽。`, `Indicator “${name}”:${figures.en} completed at ${rate}, far inside the limit: the limit may be too loose.`)
            : t(`指标“${name}”完成率 ${rate}，远超目标，目标值可能偏低。`, `Indicator “${name}” completed at ${rate}, far above target.`),
        computed: rate,
        locations: [locationOf(ctx, f.subject.path)],
      });
    }
    return out;
  },
};

const growth: RuleImpl = {
  code: 'year-on-year-jump',
  category: 'plausibility',
  severity: 'info',
  title: t('支出同比大幅变动', 'large year-on-year change'),
  description: t('本年实际支出比上年变动超过 30%（增或减）：提示核对口径或说明原因。', 'Spending changed by more than 30% on the previous year: check the basis or give the reason.'),
  run(ctx) {
    const f = ctx.figures.find((x) => x.family === 'growthRate' && x.isDepartmentLevel && x.outcome.kind === 'value');
    if (!f || f.outcome.kind !== 'value' || !gt(abs(f.outcome.value), r(30))) return [];
    return [{ message: t(`实际支出同比变动 ${pct(f.outcome.value)}，超过 30%。`, `Spending changed ${pct(f.outcome.value)} on the previous year.`), computed: pct(f.outcome.value), locations: uniqueLocations(f.inputs.map((i) => locationOf(ctx, i.path, i.label))) }];
  },
};

/** "…18 起…同比下降 29.2%（去年同期 24 起）": the stated change against the two counts the sentence gives. */
const CHANGE = /(下降|减少|上升|增长|增加)\s*(\d+(?:\.\d+)?)\s*%\s*[（(]\s*(?:去年|上年)同期\s*(\d+(?:\.\d+)?)\s*([\u4e00-\u9fff]{1,3})\s*[)）]/g;

const changeRate: RuleImpl = {
  code: 'change-rate-mismatch',
  category: 'arithmetic',
  severity: 'warning',
  title: t('叙述中的同比变动率与所给数字不符', 'a stated change rate differs from the figures given'),
  description: t('“本期 A，同比下降 p%（去年同期 B）”：按 (B − A) ÷ B 重算，四舍五入到印出的小数位后与 p 比较；本期数取同一段落中此前最近的同单位数字。', '"A this year, down p% (B a year ago)": (B − A) ÷ B at the printed decimals against p; A is the nearest earlier figure of the same unit in the passage.'),
  run(ctx) {
    const out: FindingDraft[] = [];
    for (const p of ctx.passages) {
      for (const m of p.text.matchAll(CHANGE)) {
        const [, dir, rate, prevText, unit] = m;
        const start = m.index!;
        const before = scanNumbers(p.text.slice(0, start)).filter((tk) => tk.unit === unit && !/同期\s*$/.test(p.text.slice(Math.max(0, tk.start - 6), tk.start)));
        const cur = before[before.length - 1];
        // Exact, whatever the figures: a count with decimals (24.5 万元) or more digits than a float holds is read
        // as written, and a figure longer than any figure is not read at all (parseNumberText) — never a throw.
        const prev = parseNumberText(prevText!);
        const stated = parseNumberText(rate!);
        if (!cur || !prev || !stated || isZero(prev)) continue;
        const change = mul(div(sub(cur.value, prev), prev)!, HUNDRED);
        const decimals = rate!.includes('.') ? rate!.split('.')[1]!.length : 0;
        const signed = /下降|减少/.test(dir!) ? { n: -stated.n, d: stated.d } : stated;
        if (eq(roundHalfUp(change, decimals), signed)) continue;
        const actual = abs(change);
        out.push({
          message: t(
            `本期 ${cur.raw.trim()}、去年同期 ${prevText}${unit}，变动应为 ${lt(change, { n: 0n, d: 1n }) ? '下降' : '上升'} ${toFixed(actual, Math.max(decimals, 1))}%，文中写“${dir}${rate}%”。`,
            `This year ${cur.raw.trim()}, a year ago ${prevText}: the change is ${toFixed(actual, Math.max(decimals, 1))}%, the text says ${rate}%.`,
          ),
          printed: `${dir}${rate}%`,
          computed: `${lt(change, { n: 0n, d: 1n }) ? '下降' : '上升'}${toFixed(actual, Math.max(decimals, 1))}%`,
          locations: uniqueLocations([p.locate(cur.start, cur.end), p.locate(start, start + m[0].length)]),
        });
      }
    }
    return out;
  },
};

export const PLAUSIBILITY_RULES: readonly RuleImpl[] = [yellow, adjustment, carryOver, farAbove, growth, changeRate];
