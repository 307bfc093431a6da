/**
 * The rubric rules on a made-up rubric: one item the data decides (预算执行率: rate × 10) and one left to judgement
 * (制度建设, 5 points). The department spent 800 of an adjusted 1000, so the rubric gives 8 of 10 for execution.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RuleCases, caseTests, fig, rubric, ruleCases, src } from './testing.ts';

const RUBRIC = rubric({
  total: 15,
  items: [
    { name: '预算执行率', weight: 10, method: 'ratio', metric: 'executionRate' },
    { name: '制度建设', weight: 5, method: 'judgement' },
  ],
});

const BUDGET = { adjustedBudget: 1000, actualSpending: 800 };
const SELF = { zh: '自评分', en: 'self-score' };

/** The evaluation with these self-scores (execution, then judgement), each printed on its own line. */
const scored = (execution: string | number, judgement: string | number) => ({
  budget: BUDGET,
  selfScores: {
    items: [
      { item: '预算执行率', score: execution, weight: 10, source: src(80, `预算执行率 10 … ${execution}`, { table: '评分表', row: 2 }) },
      { item: '制度建设', score: judgement, weight: 5, source: src(81, `制度建设 5 … ${judgement}`, { table: '评分表', row: 3 }) },
    ],
  },
});

export const CASES: readonly RuleCases[] = [
  ruleCases('score-above-weight', {
    clean: [
      { name: 'self-scores at or under their weights (8 of 10, 5 of 5)', data: scored(8, 5), with: { rubric: RUBRIC } },
      {
        name: 'no rubric and no printed weight: nothing to weigh against',
        data: { budget: BUDGET, selfScores: { items: [{ item: '预算执行率', score: 8 }, { item: '制度建设', score: 6 }] } },
      },
      {
        name: 'indicators, execution scores and coefficients at or under their weights',
        data: {
          budget: { ...BUDGET, weight: 10, score: 8 },
          indicators: [
            { name: '开展非遗展演场次', target: '≥20场', actual: '22场', weight: 15, score: 15 },
            { name: '展演观众满意度', target: '≥90%', actual: '92%', weight: 10, coefficient: 1 },
          ],
          project: { name: '非遗展演', funds: { total: { adjustedBudget: 100, actualSpending: 100, weight: 10, score: 10 } }, indicators: [{ name: '展演场次', target: '≥10场', actual: '10场', weight: 20, score: 20 }] },
        },
      },
    ],
    faulty: [
      {
        name: 'a judgement item self-scored 6 of 5',
        data: scored(8, 6),
        with: { rubric: RUBRIC },
        expect: {
          severity: 'error',
          printed: '6',
          computed: '≤ 5',
          message: /^评分项“制度建设”分值 5，自评 6 分，超过分值。$/,
          locations: [{ field: 'selfScores.items[1]', line: 81, table: '评分表', row: 3, text: '制度建设 5 … 6', role: SELF }],
        },
      },
      {
        name: 'without a rubric, a self-score item above the weight the document prints beside it',
        data: scored(8, 6),
        expect: {
          severity: 'error',
          printed: '6',
          computed: '≤ 5',
          message: /^自评项“制度建设”分值 5，得分 6 分，超过分值。$/,
          locations: [{ field: 'selfScores.items[1]', line: 81, role: SELF }],
        },
      },
      {
        name: 'an indicator scored 16 of 15, and one with a coefficient of 1.2',
        data: {
          indicators: [
            { name: '开展非遗展演场次', target: '≥20场', actual: '22场', weight: 15, score: 16, source: src(40, '开展非遗展演场次 ≥20场 22场 15 16') },
            { name: '展演观众满意度', target: '≥90%', actual: '92%', weight: 10, coefficient: '1.2', source: src(41, '展演观众满意度 ≥90% 92% 10 1.2') },
          ],
        },
        expect: [
          { severity: 'error', printed: '16', computed: '≤ 15', message: /^指标“开展非遗展演场次”分值 15，得分 16 分，超过分值。$/, locations: [{ field: 'indicators[0].score', line: 40 }] },
          { severity: 'error', printed: '1.2 × 10', computed: '≤ 10', message: /^指标“展演观众满意度”分值 10，得分 12 分，超过分值。$/, locations: [{ field: 'indicators[1].coefficient', line: 41 }] },
        ],
      },
      {
        name: 'an execution score above its weight, on the department budget and on a project fund line',
        data: {
          documentKind: 'project-form',
          budget: { adjustedBudget: fig(1000, 20, '预算执行 1000 800 10 12'), actualSpending: fig(800, 20, '预算执行 1000 800 10 12', { column: 3 }), weight: 10, score: 12 },
          project: { name: '非遗展演', funds: { total: { adjustedBudget: 100, actualSpending: 100, weight: 10, score: 11, source: src(30, '年度资金总额 100 100 10 11') } } },
        },
        expect: [
          { severity: 'error', printed: '12', computed: '≤ 10', message: /^部门预算执行率得分：分值 10，得分 12 分/, locations: [{ field: 'budget.score', line: 20, column: undefined, text: '预算执行 1000 800 10 12' }] },
          { severity: 'error', printed: '11', computed: '≤ 10', message: /^项目“非遗展演”年度资金总额执行率得分：分值 10，得分 11 分/, locations: [{ field: 'project.funds.total.score', line: 30 }] },
        ],
      },
    ],
  }),

  ruleCases('score-not-allowed', {
    clean: [
      { name: 'the self-score the data gives (800 ÷ 1000 × 10 = 8)', data: scored(8, 5), with: { rubric: RUBRIC } },
      { name: 'a judgement item is the reviewer’s business, whatever its score', data: scored(8, 4), with: { rubric: RUBRIC } },
      { name: 'no data for the rate: the item cannot be verified', data: { selfScores: scored(10, 5).selfScores }, with: { rubric: RUBRIC } },
    ],
    faulty: [
      {
        name: 'full marks for execution where the data gives 8',
        data: scored(10, 5),
        with: { rubric: RUBRIC },
        expect: {
          severity: 'error',
          printed: '10',
          computed: '8',
          message: /^评分项“预算执行率”自评 10 分，按评分标准与文件数据应得 8 分（80\.00% × 10 = 8）。$/,
          locations: [{ field: 'selfScores.items[0]', line: 80, role: SELF }],
        },
      },
    ],
  }),

  ruleCases('score-below-rule', {
    clean: [
      { name: 'the self-score the data gives', data: scored(8, 5), with: { rubric: RUBRIC } },
      { name: 'half a cent below is rounding, not a finding (7.995 against 8)', data: scored('7.995', 5), with: { rubric: RUBRIC } },
    ],
    faulty: [
      {
        name: 'execution self-scored 6 where the data gives 8',
        data: scored(6, 5),
        with: { rubric: RUBRIC },
        expect: {
          severity: 'info',
          printed: '6',
          computed: '8',
          message: /^评分项“预算执行率”自评 6 分，低于按评分标准与文件数据可得的 8 分/,
          locations: [{ field: 'selfScores.items[0]', line: 80, role: SELF }],
        },
      },
    ],
  }),
];

for (const c of CASES) {
  describe(c.rule, () => {
    for (const t of caseTests(c)) {
      it(t.name, () => {
        const { actual, expected } = t.run();
        assert.deepStrictEqual(actual, expected);
      });
    }
  });
}
