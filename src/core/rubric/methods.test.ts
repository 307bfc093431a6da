import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { type Exact, eq, parseExact, toPlainString } from '../exact.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { parseEvaluation } from '../model/parse.ts';
import type { FactValue } from './facts.ts';
import { METHODS, type MethodContext, type MethodResult, scoreLeaf } from './methods.ts';
import { parseRubric } from './parse.ts';
import { type Leaf, type LeafInput, METHOD_IDS, isLeaf } from './schema.ts';

function ex(text: string): Exact {
  const v = parseExact(text);
  assert.ok(v, `parseExact(${JSON.stringify(text)}) should parse`);
  return v;
}

/** A fraction from a percentage as written: "92.94%" → 0.9294. */
function pct(text: string): Exact {
  const v = ex(text.replace(/%$/, ''));
  return { n: v.n, d: v.d * 100n };
}

function evaluation(raw: Record<string, unknown> = {}): Evaluation {
  const r = parseEvaluation({ department: {}, year: 2020, ...raw });
  if (!r.ok) assert.fail(`evaluation did not parse: ${JSON.stringify(r.problems)}`);
  return r.value;
}

/** A leaf checked by the rubric parser, as a one-item rubric whose total is the leaf's weight. */
function leafOf(input: LeafInput): Leaf {
  const r = parseRubric({ id: 'test', name: 'test', total: input.weight, items: [input] });
  if (!r.ok) assert.fail(`leaf did not parse: ${JSON.stringify(r.problems)}`);
  const it = r.value.items[0];
  assert.ok(it !== undefined && isLeaf(it));
  return it;
}

interface Stub {
  readonly rates?: Record<string, Exact>;
  readonly facts?: Record<string, FactValue>;
  readonly checks?: Record<string, boolean>;
  readonly evaluation?: Evaluation;
}

function ctx(s: Stub = {}): MethodContext {
  return {
    evaluation: s.evaluation ?? evaluation(),
    rate: (id) => s.rates?.[id],
    fact: (id) => s.facts?.[id],
    describe: (id) => ({ zh: `说明:${id}`, en: `label:${id}` }),
    ...(s.checks ? { checks: s.checks } : {}),
  };
}

function scoreOf(r: MethodResult): string {
  if (r.kind !== 'computed') assert.fail(`expected a computed score, got not-verifiable: ${r.basis.en}`);
  return toPlainString(r.score);
}

const TESTED = new Set<string>();
const method = (id: string, fn: () => void) =>
  describe(`method ${id}`, () => {
    TESTED.add(id);
    fn();
  });

test('METHODS covers exactly the method ids the schema accepts', () => {
  assert.deepEqual(Object.keys(METHODS).sort(), [...METHOD_IDS].sort());
});

method('ratio', () => {
  const leaf = leafOf({ name: '政府采购执行率', weight: 2, method: 'ratio', metric: 'procurementExecutionRate', zeroWhenAbove: '100%' });

  test('scores rate × weight', () => {
    assert.equal(scoreOf(scoreLeaf(leaf, ctx({ rates: { procurementExecutionRate: pct('91%') } }))), '1.82');
  });

  test('a rate of exactly 100% is not above the zeroing bound and gets full marks', () => {
    assert.equal(scoreOf(scoreLeaf(leaf, ctx({ rates: { procurementExecutionRate: pct('100%') } }))), '2');
  });

  test('100.01% is above the bound and scores 0 (actual procurement above budget)', () => {
    assert.equal(scoreOf(scoreLeaf(leaf, ctx({ rates: { procurementExecutionRate: pct('100.01%') } }))), '0');
    assert.equal(scoreOf(scoreLeaf(leaf, ctx({ rates: { procurementExecutionRate: pct('110.12%') } }))), '0');
  });

  test('without a bound the score is capped at the weight and never negative', () => {
    const plain = leafOf({ name: '预算执行率', weight: 10, method: 'ratio', metric: 'executionRate' });
    assert.equal(scoreOf(scoreLeaf(plain, ctx({ rates: { executionRate: pct('125%') } }))), '10');
    assert.equal(scoreOf(scoreLeaf(plain, ctx({ rates: { executionRate: pct('-5%') } }))), '0');
    assert.equal(scoreOf(scoreLeaf(plain, ctx({ rates: { executionRate: pct('92.94%') } }))), '9.294');
  });

  test('a factor replaces the weight as multiplier; zeroWhenBelow zeroes strictly below', () => {
    const l = leafOf({ name: '项目完成及时性', weight: 6, method: 'ratio', metric: 'projectTimelinessRate', factor: 10, zeroWhenBelow: '50%' });
    assert.equal(scoreOf(scoreLeaf(l, ctx({ rates: { projectTimelinessRate: pct('50%') } }))), '5');
    assert.equal(scoreOf(scoreLeaf(l, ctx({ rates: { projectTimelinessRate: pct('49.99%') } }))), '0');
    assert.equal(scoreOf(scoreLeaf(l, ctx({ rates: { projectTimelinessRate: pct('70%') } }))), '6');
  });

  test('a missing rate is not verifiable and names the metric', () => {
    const r = scoreLeaf(leaf, ctx());
    assert.equal(r.kind, 'not-verifiable');
    assert.match(r.basis.en, /label:procurementExecutionRate/);
  });
});

method('tiers', () => {
  const utilization = leafOf({
    name: '固定资产利用率',
    weight: 1,
    method: 'tiers',
    metric: 'fixedAssetUtilizationRate',
    tiers: [
      { gte: '90%', points: 1 },
      { gte: '75%', lt: '90%', points: 0.7 },
      { gte: '60%', lt: '75%', points: 0.4 },
      { lt: '60%', points: 0 },
    ],
  });
  const score = (leaf: Leaf, id: string, rate: string) => scoreOf(scoreLeaf(leaf, ctx({ rates: { [id]: pct(rate) } })));

  test('inclusive lower bounds: 90% takes the first tier (gte 90%), 75% and 60% their own', () => {
    assert.equal(score(utilization, 'fixedAssetUtilizationRate', '90%'), '1');
    assert.equal(score(utilization, 'fixedAssetUtilizationRate', '89.99%'), '0.7');
    assert.equal(score(utilization, 'fixedAssetUtilizationRate', '75%'), '0.7');
    assert.equal(score(utilization, 'fixedAssetUtilizationRate', '74.99%'), '0.4');
    assert.equal(score(utilization, 'fixedAssetUtilizationRate', '60%'), '0.4');
    assert.equal(score(utilization, 'fixedAssetUtilizationRate', '59.99%'), '0');
  });

  const offEstablishment = leafOf({
    name: '编外人员控制率',
    weight: 1,
    method: 'tiers',
    metric: 'offEstablishmentControlRate',
    tiers: [
      { lt: '5%', points: 1 },
      { gte: '5%', lte: '10%', points: 0.5 },
      { gt: '10%', points: 0 },
    ],
  });

  test('exclusive bounds as written: 5% is not < 5%, 10% is ≤ 10%, 10.01% is > 10%', () => {
    assert.equal(score(offEstablishment, 'offEstablishmentControlRate', '4.99%'), '1');
    assert.equal(score(offEstablishment, 'offEstablishmentControlRate', '5%'), '0.5');
    assert.equal(score(offEstablishment, 'offEstablishmentControlRate', '10%'), '0.5');
    assert.equal(score(offEstablishment, 'offEstablishmentControlRate', '10.01%'), '0');
    assert.equal(score(offEstablishment, 'offEstablishmentControlRate', '28.57%'), '0');
  });

  test('a rate in no tier scores 0; the first matching tier wins when tiers overlap', () => {
    const gap = leafOf({ name: 'gap', weight: 3, method: 'tiers', metric: 'adjustmentRate', tiers: [{ lte: '10%', points: 3 }, { lte: '20%', points: 1 }] });
    assert.equal(score(gap, 'adjustmentRate', '25%'), '0');
    assert.equal(score(gap, 'adjustmentRate', '5%'), '3');
    assert.equal(score(gap, 'adjustmentRate', '15.74%'), '1');
  });

  test('a missing rate is not verifiable', () => {
    assert.equal(scoreLeaf(utilization, ctx()).kind, 'not-verifiable');
  });
});

method('deduct-per-point', () => {
  const staff = leafOf({ name: '财政供养人员控制率', weight: 5, method: 'deduct-per-point', metric: 'staffControlRate', limit: '100%', perPoint: 0.5 });
  const score = (leaf: Leaf, rate: string) => scoreOf(scoreLeaf(leaf, ctx({ rates: { staffControlRate: pct(rate) } })));

  test('within the limit gives full marks', () => {
    assert.equal(score(staff, '100%'), '5');
    assert.equal(score(staff, '95%'), '5');
  });

  test('deducts per percentage point beyond the limit, fractions of a point pro rata', () => {
    assert.equal(score(staff, '103%'), '3.5');
    assert.equal(score(staff, '102.5%'), '3.75');
  });

  test('never below the floor: 0 by default, or the floor given', () => {
    assert.equal(score(staff, '200%'), '0');
    const floored = leafOf({ name: 'f', weight: 5, method: 'deduct-per-point', metric: 'staffControlRate', limit: '100%', perPoint: 0.5, floor: 1 });
    assert.equal(score(floored, '200%'), '1');
    assert.equal(score(floored, '104%'), '3');
  });

  test('wholePoints counts part of a point as a whole point', () => {
    const whole = leafOf({ name: 'w', weight: 5, method: 'deduct-per-point', metric: 'staffControlRate', limit: '100%', perPoint: 0.5, wholePoints: true });
    assert.equal(score(whole, '102.5%'), '3.5');
    assert.equal(score(whole, '100.01%'), '4.5');
    assert.equal(score(whole, '102%'), '4');
    assert.equal(score(whole, '100%'), '5');
  });

  test('direction below penalises rates under the limit', () => {
    const below = leafOf({ name: 'b', weight: 5, method: 'deduct-per-point', metric: 'staffControlRate', limit: '90%', perPoint: 0.5, direction: 'below' });
    assert.equal(score(below, '85%'), '2.5');
    assert.equal(score(below, '95%'), '5');
  });

  test('a missing rate is not verifiable', () => {
    assert.equal(scoreLeaf(staff, ctx()).kind, 'not-verifiable');
  });
});

method('checklist', () => {
  const petitions = leafOf({
    name: '群众信访办理情况',
    weight: 3,
    method: 'checklist',
    criteria: [
      { id: 'channel', text: '建立群众意见反馈渠道', points: 1, fact: 'petitions.hasChannel' },
      { id: 'replied', text: '群众信件回复率100%', points: 1, fact: 'petitions.allReplied' },
      { id: 'overdue', text: '未发生超期办理', points: 1, fact: 'petitions.noneOverdue' },
    ],
  });

  test('facts decide each criterion', () => {
    const all = { 'petitions.hasChannel': true, 'petitions.allReplied': true, 'petitions.noneOverdue': true };
    assert.equal(scoreOf(scoreLeaf(petitions, ctx({ facts: all }))), '3');
    const r = scoreLeaf(petitions, ctx({ facts: { ...all, 'petitions.noneOverdue': false } }));
    assert.equal(scoreOf(r), '2');
    assert.match(r.basis.zh, /未发生超期办理/);
  });

  test('a fact from the data overrides the preparer’s tick', () => {
    const r = scoreLeaf(
      petitions,
      ctx({ facts: { 'petitions.hasChannel': false, 'petitions.allReplied': true, 'petitions.noneOverdue': true }, checks: { channel: true } }),
    );
    assert.equal(scoreOf(r), '2');
  });

  test('ticks decide criteria without a fact, and criteria whose fact is missing', () => {
    const r = scoreLeaf(petitions, ctx({ facts: { 'petitions.hasChannel': true }, checks: { replied: true, overdue: false } }));
    assert.equal(scoreOf(r), '2');
    const manual = leafOf({
      name: '预算规范性',
      weight: 5,
      method: 'checklist',
      criteria: [
        { id: 'a', text: '符合编制原则', points: 2.5 },
        { id: 'b', text: '符合专项资金规定', points: 2.5 },
      ],
    });
    assert.equal(scoreOf(scoreLeaf(manual, ctx({ checks: { a: true, b: true } }))), '5');
    assert.equal(scoreOf(scoreLeaf(manual, ctx({ checks: { a: true, b: false } }))), '2.5');
  });

  // Regression (fixed): METHODS.checklist reads `ctx.checks?.[c.id]` from a plain record, so a criterion whose id is an
  // Object.prototype name ('constructor', 'toString') finds the inherited function, which is truthy: with checks {} the
  // untested criterion counts as met (score 2 of 2, "every criterion met") instead of being undecided.
  test('a criterion id that is an Object.prototype name is not ticked by inheritance', () => {
    const leaf = leafOf({
      name: 'p',
      weight: 2,
      method: 'checklist',
      criteria: [
        { id: 'constructor', text: '要点一', points: 1 },
        { id: 'toString', text: '要点二', points: 1 },
      ],
    });
    assert.equal(scoreLeaf(leaf, ctx({ checks: {} })).kind, 'not-verifiable');
  });

  test('an undecided criterion makes the item not verifiable', () => {
    const r = scoreLeaf(petitions, ctx({ facts: { 'petitions.hasChannel': true, 'petitions.allReplied': true } }));
    assert.equal(r.kind, 'not-verifiable');
    assert.match(r.basis.zh, /未发生超期办理/);
  });
});

method('deduct-per-failure', () => {
  const keyWork = leafOf({ name: '重点工作完成情况', weight: 8, method: 'deduct-per-failure', fact: 'keyWorkUndone', perFailure: 4 });
  const score = (leaf: Leaf, n: string) => scoreOf(scoreLeaf(leaf, ctx({ facts: { keyWorkUndone: ex(n) } })));

  test('full marks less perFailure per failure, never below 0', () => {
    assert.equal(score(keyWork, '0'), '8');
    assert.equal(score(keyWork, '1'), '4');
    assert.equal(score(keyWork, '2'), '0');
    assert.equal(score(keyWork, '5'), '0');
  });

  test('a floor stops the deduction', () => {
    const floored = leafOf({ name: 'f', weight: 8, method: 'deduct-per-failure', fact: 'keyWorkUndone', perFailure: 4, floor: 2 });
    assert.equal(score(floored, '5'), '2');
  });

  test('a missing or non-numeric fact is not verifiable', () => {
    assert.equal(scoreLeaf(keyWork, ctx()).kind, 'not-verifiable');
    assert.equal(scoreLeaf(keyWork, ctx({ facts: { keyWorkUndone: true } })).kind, 'not-verifiable');
  });
});

method('enum-points', () => {
  const disclosure = leafOf({ name: '部门预算公开', weight: 1.5, method: 'enum-points', fact: 'disclosure.budget', points: { complete: 1.5, partial: 1, none: 0 } });

  test('each value scores its points', () => {
    assert.equal(scoreOf(scoreLeaf(disclosure, ctx({ facts: { 'disclosure.budget': 'complete' } }))), '1.5');
    assert.equal(scoreOf(scoreLeaf(disclosure, ctx({ facts: { 'disclosure.budget': 'partial' } }))), '1');
    assert.equal(scoreOf(scoreLeaf(disclosure, ctx({ facts: { 'disclosure.budget': 'none' } }))), '0');
  });

  test('a value without points, or no value, is not verifiable', () => {
    assert.equal(scoreLeaf(disclosure, ctx({ facts: { 'disclosure.budget': 'exempt' } })).kind, 'not-verifiable');
    assert.equal(scoreLeaf(disclosure, ctx()).kind, 'not-verifiable');
  });

  test('points above the weight are capped at the weight', () => {
    const generous = leafOf({ name: 'g', weight: 1, method: 'enum-points', fact: 'disclosure.budget', points: { complete: 2 } });
    assert.equal(scoreOf(scoreLeaf(generous, ctx({ facts: { 'disclosure.budget': 'complete' } }))), '1');
  });
});

method('quarterly-progress', () => {
  const leaf = leafOf({ name: '预算执行率', weight: 6, method: 'quarterly-progress', quarterPoints: 1, averagePoints: 2 });
  const withProgress = (q: string[]) => ctx({ evaluation: evaluation({ management: { quarterlyProgress: q } }) });

  test('each quarter scores min(progress ÷ 25/50/75/100%, 1), plus the average × averagePoints', () => {
    // ratios 0.8, 1, 1 (80% ÷ 75% capped), 1 → 3.8; average 0.95 × 2 = 1.9; total 5.7.
    const r = scoreLeaf(leaf, withProgress(['20%', '50%', '80%', '100%']));
    assert.equal(scoreOf(r), '5.7');
    assert.match(r.basis.zh, /平均 95\.00%/);
  });

  test('a slow year scores less: 10%, 30%, 60%, 90%', () => {
    // ratios 0.4, 0.6, 0.8, 0.9 → 2.7; average 0.675 × 2 = 1.35; total 4.05.
    assert.equal(scoreOf(scoreLeaf(leaf, withProgress(['10%', '30%', '60%', '90%']))), '4.05');
  });

  test('the score is capped at the weight', () => {
    const big = leafOf({ name: 'b', weight: 6, method: 'quarterly-progress', quarterPoints: 2, averagePoints: 2 });
    assert.equal(scoreOf(scoreLeaf(big, withProgress(['25%', '50%', '75%', '100%']))), '6');
  });

  test('fewer than four quarters, or none, is not verifiable', () => {
    assert.equal(scoreLeaf(leaf, withProgress(['20%', '50%', '80%'])).kind, 'not-verifiable');
    assert.equal(scoreLeaf(leaf, ctx()).kind, 'not-verifiable');
  });
});

method('indicators', () => {
  const leaf = leafOf({ name: '产出与效益', weight: 20, method: 'indicators' });
  const withIndicators = (indicators: Record<string, unknown>[]) => ctx({ evaluation: evaluation({ indicators }) });
  const table = [
    { level1: '产出', name: '服务企业数', target: '≥2000家', actual: '2000家' },
    { level1: '产出', name: '培训人次', target: '≥100', actual: '80' },
    { level1: '效益', name: '营商环境', target: '提高', qualitativeResult: 'partly' },
    { level1: '满意度', name: '满意度', target: '≥90%', actual: '95%' },
  ];

  test('met → full share; missed → share × completion; qualitative by band (partly 80%)', () => {
    // equal shares of 5: 5 + 5 × 0.8 + 5 × 0.8 + 5 = 18.
    assert.equal(scoreOf(scoreLeaf(leaf, withIndicators(table))), '18');
  });

  test('level1 restricts the indicators counted', () => {
    const output = leafOf({ name: '产出', weight: 20, method: 'indicators', level1: ['产出'] });
    // two shares of 10: 10 + 8 = 18.
    assert.equal(scoreOf(scoreLeaf(output, withIndicators(table))), '18');
    const none = leafOf({ name: '无', weight: 20, method: 'indicators', level1: ['成本'] });
    assert.equal(scoreLeaf(none, withIndicators(table)).kind, 'not-verifiable');
  });

  test('qualitative bands can be set by the rubric', () => {
    const banded = leafOf({
      name: 'q',
      weight: 10,
      method: 'indicators',
      qualitativeBands: { achieved: '100%', partly: '70%', 'not-achieved': '30%' },
    });
    const r = scoreLeaf(
      banded,
      withIndicators([
        { name: 'a', target: '提高', qualitativeResult: 'achieved' },
        { name: 'b', target: '深化改革', qualitativeResult: 'partly' },
        { name: 'c', target: '不发生较大以上的森林火灾', qualitativeResult: 'not-achieved' },
        { name: 'd', target: '完善', qualitativeResult: 'not-achieved' },
      ]),
    );
    // shares of 2.5: 2.5 + 1.75 + 0.75 + 0.75 = 5.75.
    assert.equal(scoreOf(r), '5.75');
  });

  test('indicator weights written in the table are used instead of equal shares', () => {
    const r = scoreLeaf(
      leaf,
      withIndicators([
        { name: 'a', target: '≥10', actual: '5', weight: 16 },
        { name: 'b', target: '≥10', actual: '10', weight: 4 },
      ]),
    );
    assert.equal(scoreOf(r), '12');
  });

  test('over-achievement beyond 150% is flagged but not rewarded beyond the share', () => {
    const r = scoreLeaf(leaf, withIndicators([{ name: '培训人次', target: '≥100', actual: '200' }]));
    assert.equal(scoreOf(r), '20');
    assert.deepEqual(r.flags, ['over-achieved:培训人次']);
  });

  test('a qualitative indicator without a result, a missing actual, or mismatched units is not verifiable', () => {
    assert.equal(scoreLeaf(leaf, withIndicators([{ name: 'q', target: '提高' }])).kind, 'not-verifiable');
    assert.equal(scoreLeaf(leaf, withIndicators([{ name: 'n', target: '≥10' }])).kind, 'not-verifiable');
    assert.equal(scoreLeaf(leaf, withIndicators([{ name: 'u', target: '≥10家', actual: '10人' }])).kind, 'not-verifiable');
    assert.equal(scoreLeaf(leaf, ctx()).kind, 'not-verifiable');
  });
});

method('judgement', () => {
  test('is never computed: the self-score stands', () => {
    const leaf = leafOf({ name: '绩效目标完整性', weight: 8, method: 'judgement' });
    const r = scoreLeaf(leaf, ctx({ rates: { executionRate: pct('100%') }, facts: { violations: false } }));
    assert.equal(r.kind, 'not-verifiable');
  });
});

method('veto', () => {
  const leaf = leafOf({ name: '一票否决', weight: 0, method: 'veto', fact: 'violations', effect: 'zero-total' });

  test('a true fact triggers the veto flag and scores nothing itself', () => {
    const r = scoreLeaf(leaf, ctx({ facts: { violations: true } }));
    assert.equal(scoreOf(r), '0');
    assert.deepEqual(r.flags, ['veto:zero-total']);
  });

  test('a false fact scores 0 without the flag', () => {
    const r = scoreLeaf(leaf, ctx({ facts: { violations: false } }));
    assert.equal(scoreOf(r), '0');
    assert.deepEqual(r.flags, []);
  });

  test('a missing fact is not verifiable', () => {
    assert.equal(scoreLeaf(leaf, ctx()).kind, 'not-verifiable');
  });
});

method('sum', () => {
  const controlTiers = [
    { lt: '90%', points: 3 },
    { gte: '90%', lte: '100%', points: 2 },
    { gt: '100%', points: 0 },
  ];
  const leaf = leafOf({
    name: '公用经费控制率',
    weight: 6,
    method: 'sum',
    parts: [
      { name: '“三公”经费控制率', weight: 3, method: 'tiers', metric: 'threePublicControlRate', tiers: controlTiers },
      { name: '日常公用经费控制率', weight: 3, method: 'tiers', metric: 'routineOperatingControlRate', tiers: controlTiers },
    ],
  });

  test('adds the parts when every part is computed', () => {
    const r = scoreLeaf(leaf, ctx({ rates: { threePublicControlRate: pct('71.62%'), routineOperatingControlRate: pct('96.83%') } }));
    assert.equal(scoreOf(r), '5');
    assert.match(r.basis.zh, /“三公”经费控制率/);
    assert.match(r.basis.zh, /日常公用经费控制率/);
  });

  test('one part not verifiable makes the whole item not verifiable', () => {
    const r = scoreLeaf(leaf, ctx({ rates: { threePublicControlRate: pct('71.62%') } }));
    assert.equal(r.kind, 'not-verifiable');
    assert.match(r.basis.zh, /日常公用经费控制率/);
  });

  test('parts of different methods combine (enum-points + enum-points)', () => {
    const disclosure = leafOf({
      name: '预决算信息公开',
      weight: 3,
      method: 'sum',
      parts: [
        { name: '预算公开', weight: 1.5, method: 'enum-points', fact: 'disclosure.budget', points: { complete: 1.5, partial: 1, none: 0 } },
        { name: '决算公开', weight: 1.5, method: 'enum-points', fact: 'disclosure.finalAccounts', points: { complete: 1.5, partial: 1, none: 0 } },
      ],
    });
    const r = scoreLeaf(disclosure, ctx({ facts: { 'disclosure.budget': 'complete', 'disclosure.finalAccounts': 'partial' } }));
    assert.equal(scoreOf(r), '2.5');
  });
});

test('every method in METHODS has tests in this file', () => {
  assert.deepEqual([...METHOD_IDS].filter((m) => !TESTED.has(m)), []);
});

test('scores are exact: 91% × 2 is exactly 1.82', () => {
  const leaf = leafOf({ name: 'r', weight: 2, method: 'ratio', metric: 'procurementExecutionRate' });
  const r = scoreLeaf(leaf, ctx({ rates: { procurementExecutionRate: pct('91%') } }));
  assert.ok(r.kind === 'computed' && eq(r.score, ex('1.82')));
});
