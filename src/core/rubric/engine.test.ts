import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Exact, parseExact, toPlainString } from '../exact.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { parseEvaluation } from '../model/parse.ts';
import { type ItemScore, type ScoreReport, difference, gradeOf, leavesOf, scoreEvaluation } from './engine.ts';
import { parseRubric } from './parse.ts';
import type { Rubric } from './schema.ts';

const NUM_RUNS = 300;

function ex(text: string): Exact {
  const v = parseExact(text);
  assert.ok(v, `parseExact(${JSON.stringify(text)}) should parse`);
  return v;
}

const show = (x: Exact | undefined): string | undefined => (x === undefined ? undefined : toPlainString(x));

describe('gradeOf', () => {
  const grade = (score: string, outOf?: string) => (outOf === undefined ? gradeOf(ex(score)) : gradeOf(ex(score), ex(outOf))).id;

  test('band edges on 100 points: 90.00 is 优, 89.99 良, 80 良, 79.99 中, 60 中, 59.99 差', () => {
    assert.equal(grade('90.00'), 'excellent');
    assert.equal(gradeOf(ex('90.00')).zh, '优');
    assert.equal(grade('100'), 'excellent');
    assert.equal(grade('89.99'), 'good');
    assert.equal(gradeOf(ex('89.99')).zh, '良');
    assert.equal(grade('80'), 'good');
    assert.equal(grade('79.99'), 'fair');
    assert.equal(gradeOf(ex('79.99')).zh, '中');
    assert.equal(grade('60'), 'fair');
    assert.equal(grade('59.99'), 'poor');
    assert.equal(gradeOf(ex('59.99')).zh, '差');
    assert.equal(grade('0'), 'poor');
  });

  test('scales to 100 when the maximum is not 100: 18 of 20 is 优, 17.99 of 20 is 良', () => {
    assert.equal(grade('18', '20'), 'excellent');
    assert.equal(grade('17.99', '20'), 'good');
    assert.equal(grade('12', '20'), 'fair');
    assert.equal(grade('11.99', '20'), 'poor');
    assert.equal(grade('135', '150'), 'excellent');
  });

  test('grading a score out of a maximum equals grading its share of 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), (s, m) => {
        const direct = gradeOf({ n: BigInt(s), d: 100n }, { n: BigInt(m), d: 100n }).id;
        const share = gradeOf({ n: BigInt(s) * 100n, d: BigInt(m) }).id;
        return direct === share;
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

const RUBRIC_RAW = {
  id: 'mini',
  name: '小型评分标准',
  total: 20,
  precision: 2,
  items: [
    {
      name: '管理',
      weight: 10,
      items: [
        {
          name: '满意度',
          id: 'satisfaction',
          weight: 6,
          method: 'tiers',
          metric: 'satisfaction',
          tiers: [
            { gte: '95%', points: 6 },
            { gte: '90%', lt: '95%', points: 4 },
            { gte: '80%', lt: '90%', points: 2 },
            { lt: '80%', points: 1 },
          ],
        },
        { name: '预算公开', weight: 4, method: 'enum-points', fact: 'disclosure.budget', points: { complete: 4, partial: 2, none: 0 } },
      ],
    },
    {
      name: '绩效',
      weight: 10,
      items: [
        { name: '预算执行率', weight: 5, method: 'ratio', metric: 'executionRate' },
        { name: '绩效目标完整性', weight: 5, method: 'judgement' },
      ],
    },
  ],
};

function rubricOf(raw: unknown): Rubric {
  const r = parseRubric(raw);
  if (!r.ok) assert.fail(`rubric did not parse: ${JSON.stringify(r.problems)}`);
  return r.value;
}

const RUBRIC = rubricOf(RUBRIC_RAW);

interface SelfItem {
  item: string;
  score: number | string;
  reason?: string;
}

const FULL_SELF: SelfItem[] = [
  { item: '满意度', score: 6 },
  { item: '预算公开', score: 4 },
  { item: '预算执行率', score: 5 },
  { item: '绩效目标完整性', score: 4, reason: '一个项目未编报绩效目标' },
];

function evaluation(opts: { self?: SelfItem[]; total?: number | string; management?: Record<string, unknown> } = {}): Evaluation {
  const raw = {
    department: { name: '测试局' },
    year: 2020,
    budget: { adjustedBudget: 3475.09, actualSpending: 3229.91 },
    management: opts.management ?? { satisfaction: '92%', disclosure: { budget: 'complete' } },
    selfScores: { ...(opts.total !== undefined ? { total: opts.total } : {}), items: opts.self ?? FULL_SELF },
  };
  const r = parseEvaluation(raw);
  if (!r.ok) assert.fail(`evaluation did not parse: ${JSON.stringify(r.problems)}`);
  return r.value;
}

function leaf(report: ScoreReport, name: string): ItemScore {
  const found = leavesOf(report.items).find((i) => i.path[i.path.length - 1] === name);
  assert.ok(found, `no leaf ${name}`);
  return found;
}

const codes = (report: ScoreReport): string[] => report.problems.map((p) => p.code);

describe('scoreEvaluation', () => {
  test('computes each item from the data beside the self-score', () => {
    const report = scoreEvaluation(evaluation({ total: 19 }), RUBRIC);
    const sat = leaf(report, '满意度');
    assert.equal(show(sat.self), '6');
    assert.equal(show(sat.computed), '4');
    assert.equal(sat.verifiable, true);
    assert.equal(sat.method, 'tiers');
    assert.equal(show(difference(sat)), '-2');
    assert.equal(show(leaf(report, '预算公开').computed), '4');
    // 3229.91 ÷ 3475.09 × 5 = 4.6472… → 4.65 at the rubric's two decimals.
    const exec = leaf(report, '预算执行率');
    assert.equal(show(exec.computed), '4.65');
    assert.equal(exec.verifiable, true);
    assert.deepEqual(report.problems, []);
  });

  test('a not-verifiable item keeps the self-score as its computed score', () => {
    const report = scoreEvaluation(evaluation(), RUBRIC);
    const j = leaf(report, '绩效目标完整性');
    assert.equal(j.verifiable, false);
    assert.equal(show(j.self), '4');
    assert.equal(show(j.computed), '4');
    assert.equal(j.selfReason, '一个项目未编报绩效目标');
  });

  test('totals, group sums and grades of both columns', () => {
    const report = scoreEvaluation(evaluation({ total: 19 }), RUBRIC);
    assert.equal(show(report.total.weight), '20');
    assert.equal(show(report.total.self), '19');
    assert.equal(show(report.total.printedSelf), '19');
    // 4 + 4 + 4.65 + 4 = 16.65 of 20 = 83.25 → 良; self 19 of 20 = 95 → 优.
    assert.equal(show(report.total.computed), '16.65');
    assert.equal(report.grade.computed?.id, 'good');
    assert.equal(report.grade.self?.id, 'excellent');
    const groups = report.items.map((g) => [g.path.join('/'), show(g.self), show(g.computed), g.verifiable]);
    assert.deepEqual(groups, [
      ['管理', '10', '8', true],
      ['绩效', '9', '8.65', false],
    ]);
    assert.equal(show(report.unscoredWeight), '0');
    assert.equal(report.vetoed, false);
  });

  test('self-scores match by id and by a path suffix', () => {
    const report = scoreEvaluation(
      evaluation({
        self: [
          { item: 'satisfaction', score: 5 },
          { item: '管理/预算公开', score: 3 },
          { item: '绩效 / 预算执行率', score: 4.5 },
          { item: '绩效目标完整性', score: 5 },
        ],
      }),
      RUBRIC,
    );
    assert.deepEqual(report.problems, []);
    assert.equal(show(leaf(report, '满意度').self), '5');
    assert.equal(show(leaf(report, '预算公开').self), '3');
    assert.equal(show(leaf(report, '预算执行率').self), '4.5');
  });

  test('a self-score above the weight is flagged with self-score-above-weight', () => {
    const self = FULL_SELF.map((s) => (s.item === '满意度' ? { item: '满意度', score: 7 } : s));
    const report = scoreEvaluation(evaluation({ self }), RUBRIC);
    const p = report.problems.find((x) => x.code === 'self-score-above-weight');
    assert.ok(p);
    assert.deepEqual(p.path, ['selfScores', 'items', 0, 'score']);
    assert.equal(p.params['weight'], '6');
    assert.equal(p.params['self'], '7');
    assert.ok(leaf(report, '满意度').flags.includes('self-above-weight'));
  });

  test('a self-score for an unknown item gives self-score-unknown-item', () => {
    const report = scoreEvaluation(evaluation({ self: [...FULL_SELF, { item: '不存在的指标', score: 1 }] }), RUBRIC);
    const p = report.problems.find((x) => x.code === 'self-score-unknown-item');
    assert.ok(p);
    assert.deepEqual(p.path, ['selfScores', 'items', 4, 'item']);
    assert.equal(p.params['item'], '不存在的指标');
  });

  test('the same item scored twice gives self-score-duplicate-item and the first score stands', () => {
    const report = scoreEvaluation(evaluation({ self: [...FULL_SELF, { item: 'satisfaction', score: 1 }] }), RUBRIC);
    assert.deepEqual(codes(report), ['self-score-duplicate-item']);
    assert.equal(show(leaf(report, '满意度').self), '6');
  });

  test('a printed total that differs from the sum of the items gives self-total-differs', () => {
    const report = scoreEvaluation(evaluation({ total: 18.5 }), RUBRIC);
    const p = report.problems.find((x) => x.code === 'self-total-differs');
    assert.ok(p);
    assert.deepEqual(p.path, ['selfScores', 'total']);
    assert.equal(p.params['printed'], '18.5');
    assert.equal(p.params['sum'], '19');
    // The self grade follows the printed total.
    assert.equal(report.grade.self?.id, 'excellent');
    assert.ok(!codes(scoreEvaluation(evaluation({ total: '19.00' }), RUBRIC)).includes('self-total-differs'));
  });

  test('a triggered zero-total veto zeroes the computed total and grades it 差', () => {
    const raw = structuredClone(RUBRIC_RAW);
    const mgmt = raw.items[0];
    assert.ok(mgmt);
    (mgmt.items as unknown[]).push({ name: '一票否决', weight: 0, method: 'veto', fact: 'violations', effect: 'zero-total' });
    const rubric = rubricOf(raw);
    const vetoed = scoreEvaluation(evaluation({ management: { satisfaction: '96%', disclosure: { budget: 'complete' }, violations: true } }), rubric);
    assert.equal(vetoed.vetoed, true);
    assert.equal(show(vetoed.total.computed), '0');
    assert.equal(vetoed.grade.computed?.id, 'poor');
    assert.ok(leaf(vetoed, '一票否决').flags.includes('veto:zero-total'));
    const clean = scoreEvaluation(evaluation({ management: { satisfaction: '96%', disclosure: { budget: 'complete' }, violations: false } }), rubric);
    assert.equal(clean.vetoed, false);
    assert.equal(show(clean.total.computed), '18.65');
  });

  // Regression (fixed): docs/rubric-format.md §2.11 allows any method but `sum` in `parts`, and parseRubric accepts a veto part, but
  // METHODS.sum drops its parts' flags and the engine only looks for `method: veto` on the leaf itself, so a triggered
  // veto inside a sum has no effect (computed total 18.65, vetoed false).
  test('a zero-total veto inside the parts of a sum still zeroes the computed total', () => {
    const raw = structuredClone(RUBRIC_RAW);
    const mgmt = raw.items[0];
    assert.ok(mgmt);
    (mgmt.items as unknown[])[1] = {
      name: '预算公开',
      weight: 4,
      method: 'sum',
      parts: [
        { name: '公开', weight: 4, method: 'enum-points', fact: 'disclosure.budget', points: { complete: 4, partial: 2, none: 0 } },
        { name: '违规（一票否决）', weight: 0, method: 'veto', fact: 'violations', effect: 'zero-total' },
      ],
    };
    const rubric = rubricOf(raw);
    const report = scoreEvaluation(evaluation({ management: { satisfaction: '96%', disclosure: { budget: 'complete' }, violations: true } }), rubric);
    assert.equal(report.vetoed, true);
    assert.equal(show(report.total.computed), '0');
  });

  test('a not-excellent veto caps the computed grade at 良', () => {
    const raw = structuredClone(RUBRIC_RAW);
    const mgmt = raw.items[0];
    assert.ok(mgmt);
    (mgmt.items as unknown[]).push({ name: '否优', weight: 0, method: 'veto', fact: 'violations', effect: 'not-excellent' });
    const rubric = rubricOf(raw);
    const self = FULL_SELF.map((s) => (s.item === '绩效目标完整性' ? { ...s, score: 5 } : s));
    const m = { satisfaction: '96%', disclosure: { budget: 'complete' } };
    const free = scoreEvaluation(evaluation({ self, management: { ...m, violations: false } }), rubric);
    // 6 + 4 + 4.65 + 5 = 19.65 of 20 → 优 without the veto.
    assert.equal(free.grade.computed?.id, 'excellent');
    const capped = scoreEvaluation(evaluation({ self, management: { ...m, violations: true } }), rubric);
    assert.equal(capped.vetoed, false);
    assert.equal(show(capped.total.computed), '19.65');
    assert.equal(capped.grade.computed?.id, 'good');
  });

  test('an item with neither data nor a self-score leaves the computed grade undefined', () => {
    const self = FULL_SELF.filter((s) => s.item !== '绩效目标完整性');
    const report = scoreEvaluation(evaluation({ self }), RUBRIC);
    const j = leaf(report, '绩效目标完整性');
    assert.equal(j.computed, undefined);
    assert.equal(j.self, undefined);
    assert.equal(show(report.unscoredWeight), '5');
    assert.equal(report.grade.computed, undefined);
    assert.equal(report.total.self, undefined);
    assert.equal(report.grade.self, undefined);
    const group = report.items[1];
    assert.ok(group);
    assert.ok(group.flags.includes('incomplete'));
    assert.equal(show(group.computed), '4.65');
  });

  test('missing data with a self-score is not verifiable but still graded', () => {
    const report = scoreEvaluation(evaluation({ management: {} }), RUBRIC);
    const sat = leaf(report, '满意度');
    assert.equal(sat.verifiable, false);
    assert.equal(show(sat.computed), '6');
    // 6 + 4 + 4.65 + 4 = 18.65 → 优 on a 20-point scale.
    assert.equal(show(report.total.computed), '18.65');
    assert.equal(report.grade.computed?.id, 'excellent');
  });

  test('a group self-score that differs from its items is flagged', () => {
    const report = scoreEvaluation(evaluation({ self: [...FULL_SELF, { item: '管理', score: 9 }] }), RUBRIC);
    const group = report.items[0];
    assert.ok(group);
    assert.ok(group.flags.includes('self-differs-from-items'));
    assert.equal(show(group.self), '9');
  });
});
