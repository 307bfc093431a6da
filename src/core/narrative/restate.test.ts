import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadExample } from '../../../test/helpers.ts';
import { computeAll } from '../compute/compute.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { budgetOverview, completionSentence, economicStructure, formRates, indicatorCounts, spendingStructure, withoutPrinted } from './restate.ts';
import { toPercent } from '../exact.ts';

const figuresOf = (e: Evaluation) => computeAll(withoutPrinted(e));

test('the 收支 paragraph of a report restates income, adjustment, final accounts and the change on last year', () => {
  const e = loadExample('001');
  const r = budgetOverview(e, figuresOf(e));
  assert.ok(r);
  assert.match(r.text, /^2023 年本单位预算收入 3916\.29 万元，调整预算数 4171\.75 万元，决算数 4051\.74 万元，决算数比上年增加 816\.03 万元，增长率 25\.22%。/);
  assert.match(r.text, /一般公共预算年初预算 3916\.29 万元，调整预算 4171\.75 万元，决算支出 4045\.94 万元/);
  assert.equal(r.figures.length, 1, 'the growth rate is a computed figure');
});

test('a fall on last year is said as a fall, with the rate unsigned', () => {
  const e = loadExample('001');
  const fell: Evaluation = { ...e, budget: { ...e.budget!, previousYear: { actualSpending: { value: { n: 500000n, d: 100n }, unit: '万元' } } } };
  const r = budgetOverview(fell, figuresOf(fell));
  assert.match(r!.text, /决算数比上年减少 948\.26 万元，下降 18\.97%/);
});

test('shares of basic and project spending, and of each economic class, are computed exactly', () => {
  const e = loadExample('001');
  assert.equal(spendingStructure(e, figuresOf(e))?.text, '从支出结构看，基本支出 2923.96 万元，占 72.27%；项目支出 1121.99 万元，占 27.73%。');
  assert.equal(
    economicStructure(e, '表 2')?.text,
    '按经济分类，工资福利支出 2759.82 万元，占 68.21%；商品和服务支出 765.24 万元，占 18.91%；对个人和家庭的补助 82.89 万元，占 2.05%；资本性支出 437.99 万元，占 10.83%；其余科目无支出。具体见表 2。',
  );
});

test('indicator counts are counted from the table, with the framework kinds that have none', () => {
  const e = loadExample('001');
  assert.equal(
    indicatorCounts(e)?.text,
    '部门整体共设立产出指标 7 个，其中数量指标 2 个，质量指标 2 个，时效指标 3 个，成本指标 0 个；效益指标 7 个，其中经济效益指标 2 个，社会效益指标 4 个，生态效益指标 1 个，可持续影响指标 0 个；满意度指标 1 个，其中服务对象满意度指标 1 个。',
  );
  assert.equal(indicatorCounts({ ...e, indicators: [] }), undefined);
});

test('the conclusion sentence and the form rates follow the layout formula, not the printed value', () => {
  const e = loadExample('001');
  assert.equal(completionSentence(e, figuresOf(e))?.text, '全年预算数 4171.75 万元，执行数 4051.74 万元，完成预算的 97.12%。');
  // 004 printed its 预算调整率 with the Longgang formula (7.78%); laid out as a Guangzhou form it is the form's |年初 − 调整后| ÷ 年初.
  const lg = loadExample('004');
  const asForm = computeAll(withoutPrinted({ ...lg, documentKind: 'gz-form' }));
  const { completion, adjustment } = formRates(asForm);
  assert.equal(adjustment?.variant, 'gzForm');
  assert.equal(adjustment?.outcome.kind === 'value' ? toPercent(adjustment.outcome.value) : null, '8.43%');
  assert.equal(completion?.outcome.kind === 'value' ? toPercent(completion.outcome.value) : null, '97.35%');
});

test('withoutPrinted drops every printed value and keeps the figures', () => {
  const e = loadExample('001');
  const bare = withoutPrinted(e);
  assert.equal(JSON.stringify(bare, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).includes('"printed"'), false);
  assert.deepEqual(bare.budget?.actualSpending?.value, e.budget?.actualSpending?.value);
});
