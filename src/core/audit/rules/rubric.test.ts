/**
 * The rubric rules on a made-up rubric: one item the data decides (预算执行率: rate × 10) and one left to judgement
 * (制度建设, 5 points). The department spent 800 of an adjusted 1000, so the rubric gives 8 of 10 for execution.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RuleCases, caseTests, rubric, ruleCases, src } from './testing.ts';

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
      { name: 'no rubric: nothing to weigh against', data: scored(8, 6) },
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
