/**
 * The cross-reference rules on made-up evaluations and passages: one fact stated with two numbers, the budget summary
 * against its detail tables, basic + project against the department, an amount in the text against its table row,
 * and the Guangzhou form's adjusted revenue against its adjusted budget.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILE, type RuleCases, caseTests, fig, findingsOf, passage, ruleCases } from './testing.ts';

export const CASES: readonly RuleCases[] = [
  ruleCases('fact-conflict', {
    clean: [
      {
        name: 'the same count said twice with the same number',
        data: { overallResult: '全年开展文物安全巡查 86 次，发现隐患 12 处。', performanceNarrative: '本年度开展文物安全巡查 86 次。' },
      },
      {
        name: 'different things counted (巡查 against 培训), whatever their numbers',
        data: { overallResult: '全年开展文物安全巡查 86 次。', performanceNarrative: '全年组织讲解员培训 90 次。' },
      },
      {
        name: 'last year’s figure is not this year’s',
        data: { overallResult: '全年开展文物安全巡查 86 次。', performanceNarrative: '去年同期开展文物安全巡查 70 次。' },
      },
      {
        name: 'a target passage (预期目标) is not compared with the result',
        data: {},
        with: { passages: [passage('开展文物安全巡查 100 次。', 3, true), passage('全年开展文物安全巡查 86 次。', 9)] },
      },
      {
        name: 'a figure printed as 1.3 万 covers 12,960 at its precision',
        data: { overallResult: '全年接待参观群众 1.3 万人次。', performanceNarrative: '本年度接待参观群众 12960 人次。' },
      },
    ],
    faulty: [
      {
        name: 'one count printed as 86 in the result and 68 in the narrative',
        data: {},
        with: { passages: [passage('全年开展文物安全巡查 86 次，发现隐患 12 处。', 14), passage('本年度开展文物安全巡查 68 次，整改率 100%。', 31)] },
        expect: {
          severity: 'warning',
          printed: '86次',
          computed: '68次',
          message: /^同一事项在不同位置数字不同：「开展文物安全巡查」86次（1 处）；「本年度开展文物安全巡查」68次（1 处）。$/,
          locations: [
            { file: FILE, line: 14, text: '全年开展文物安全巡查 86 次，发现隐患 12 处。' },
            { file: FILE, line: 31, text: '本年度开展文物安全巡查 68 次，整改率 100%。' },
          ],
        },
      },
      {
        name: 'the value said in two places outnumbers the third, and is printed first',
        data: {
          overallResult: '全年举办公益讲座 45 场。',
          performanceNarrative: '本年度举办公益讲座 54 场。',
          keyProjectNarrative: '全年举办公益讲座 45 场，覆盖 12 个街道。',
        },
        expect: {
          severity: 'warning',
          printed: '45场',
          computed: '54场',
          message: /45场（2 处）.*54场（1 处）/,
          locations: [{ field: 'overallResult' }, { field: 'keyProjectNarrative' }, { field: 'performanceNarrative' }],
        },
      },
    ],
  }),

  ruleCases('budget-part-conflict', {
    clean: [
      {
        name: 'basic expenditure equal in the summary and in the basic table',
        data: { budget: { basic: { actualSpending: '500.00' } }, basicExpenditure: { department: { total: { actualSpending: '500.00' } } } },
      },
      {
        name: 'the economic classification rows adding to the department budget within rounding (no total row)',
        data: { budget: { actualSpending: '100.00' }, economicClassification: { rows: [{ name: '工资福利支出', actualSpending: '33.33' }, { name: '商品和服务支出', actualSpending: '33.33' }, { name: '资本性支出', actualSpending: '33.33' }] } },
      },
      {
        name: 'the same amount in 万元 and in 元',
        data: { budget: { project: { initialBudget: '120.50' } }, projects: { unit: '元', rows: [{ name: '馆藏修复', initialBudget: 1205000 }], total: { initialBudget: 1205000 } } },
      },
    ],
    faulty: [
      {
        name: 'basic expenditure 500 in the summary, 520 in the basic table',
        data: {
          budget: { basic: { actualSpending: fig('500.00', 8, '基本支出 500.00') } },
          basicExpenditure: { department: { total: { actualSpending: fig('520.00', 44, '基本支出合计 520.00', { table: '表3' }) } } },
        },
        expect: {
          severity: 'warning',
          printed: '500.00 万元',
          computed: '520.00 万元',
          message: /^基本支出实际支出为 500\.00 万元，基本支出表部门合计为 520\.00 万元，相差 20\.00 万元。$/,
          locations: [
            { field: 'budget.basic.actualSpending', line: 8, role: { zh: '基本支出', en: 'basic expenditure' } },
            { field: 'basicExpenditure.department.total.actualSpending', line: 44, table: '表3', role: { zh: '基本支出表部门合计', en: 'the basic-expenditure table total' } },
          ],
        },
      },
      {
        name: 'the department budget against the sum of the functional classification rows',
        data: { budget: { initialBudget: '1000.00' }, functionalClassification: { rows: [{ name: '文化旅游体育与传媒支出', initialBudget: '900.00' }, { name: '社会保障和就业支出', initialBudget: '80.00' }] } },
        expect: {
          severity: 'warning',
          printed: '1,000.00 万元',
          computed: '980.00 万元',
          locations: [{ field: 'budget.initialBudget' }, { field: 'functionalClassification.rows', role: { zh: '功能分类表各行之和', en: 'the rows of the functional classification' } }],
        },
      },
    ],
  }),

  ruleCases('parts-sum', {
    clean: [
      {
        name: 'basic 600 + project 400 = department 1000',
        data: { budget: { initialBudget: 1000, basic: { initialBudget: 600 }, project: { initialBudget: 400 } } },
      },
      {
        name: 'the parts taken from the detail tables when the summary has none',
        data: { budget: { actualSpending: 950 }, basicExpenditure: { department: { total: { actualSpending: 550 } } }, projects: { rows: [{ name: '展陈提升', actualSpending: 400 }], total: { actualSpending: 400 } } },
      },
      {
        name: '600.4 + 399.6 = 1000.0 against a printed 1000.1: within the rounding of three one-decimal figures',
        data: { budget: { adjustedBudget: '1000.1', basic: { adjustedBudget: '600.4' }, project: { adjustedBudget: '399.6' } } },
      },
    ],
    faulty: [
      {
        name: 'two columns that do not add up make one finding',
        data: {
          budget: {
            initialBudget: fig(1000, 5, '年初预算 1000'),
            actualSpending: fig(950, 6, '实际支出 950'),
            basic: { initialBudget: fig(600, 7, '基本支出年初 600'), actualSpending: fig(550, 8, '基本支出实际 550') },
            project: { initialBudget: fig(380, 9, '项目支出年初 380'), actualSpending: fig(420, 10, '项目支出实际 420') },
          },
        },
        expect: {
          severity: 'warning',
          printed: '1,000.00 万元、950.00 万元',
          computed: '980.00 万元、970.00 万元',
          message: /^基本支出与项目支出之和不等于部门数：年初预算：基本支出 600\.00 万元 \+ 项目支出 380\.00 万元 = 980\.00 万元，部门印 1,000\.00 万元；实际支出：.*部门印 950\.00 万元。$/,
          locations: [
            { field: 'budget.initialBudget', line: 5 },
            { field: 'budget.basic.initialBudget', line: 7 },
            { field: 'budget.project.initialBudget', line: 9 },
            { field: 'budget.actualSpending', line: 6 },
            { field: 'budget.basic.actualSpending', line: 8 },
            { field: 'budget.project.actualSpending', line: 10 },
          ],
        },
      },
    ],
  }),

  ruleCases('text-table-conflict', {
    clean: [
      {
        name: 'the text’s 基本支出 equal to the basic table at its decimals (521.3 against 521.30)',
        data: { basicExpenditure: { department: { total: { initialBudget: '530.00', actualSpending: '521.30' } } } },
        with: { passages: [passage('全年决算支出中，基本支出 521.3 万元，项目支出 300.00 万元。', 2)] },
      },
      {
        name: 'an amount matching another column of the row (the text says 决算 but quotes the 年初 figure)',
        data: { basicExpenditure: { department: { total: { initialBudget: '530.00', actualSpending: '521.30' } } } },
        with: { passages: [passage('全年决算支出中，基本支出 530.00 万元。', 2)] },
      },
      {
        name: 'a sentence without a column word is not compared',
        data: { basicExpenditure: { department: { total: { actualSpending: '521.30' } } } },
        with: { passages: [passage('其中，基本支出 512.30 万元。', 2)] },
      },
    ],
    faulty: [
      {
        name: 'the text’s 基本支出 512.30 against 521.30 in the basic table',
        data: { basicExpenditure: { department: { total: { initialBudget: '530.00', actualSpending: fig('521.30', 40, '基本支出合计 521.30', { table: '表3', row: 6 }) } } } },
        with: { passages: [passage('全年决算支出中，基本支出 512.30 万元，项目支出 300.00 万元。', 2)] },
        expect: {
          severity: 'error',
          printed: '512.30 万元',
          computed: '521.30 万元',
          message: /^正文写“基本支出 512\.30 万元”，基本支出表部门合计实际支出为 521\.30 万元/,
          locations: [
            { line: 2, text: '全年决算支出中，基本支出 512.30 万元，项目支出 300.00 万元。' },
            { field: 'basicExpenditure.department.total.actualSpending', line: 40, table: '表3', row: 6 },
          ],
        },
      },
      {
        name: 'a classification row named in the text (工资福利支出) against its row',
        data: { economicClassification: { rows: [{ name: '工资福利支出', actualSpending: '300.00' }, { name: '商品和服务支出', actualSpending: '100.00' }] } },
        with: { passages: [passage('决算支出中，工资福利支出 310.00 万元。', 4)] },
        expect: { severity: 'error', printed: '310.00 万元', computed: '300.00 万元', locations: [{ line: 4 }, { field: 'economicClassification.rows[0].actualSpending' }] },
      },
    ],
  }),

  ruleCases('revenue-budget-conflict', {
    clean: [
      {
        name: 'adjusted revenue equal to the adjusted budget',
        data: { documentKind: 'gz-form', budget: { adjustedBudget: '1500.00', adjustedRevenue: '1500.00' } },
      },
      {
        name: 'only one of the two printed',
        data: { documentKind: 'gz-form', budget: { adjustedBudget: '1500.00' } },
      },
    ],
    faulty: [
      {
        name: 'adjusted revenue 1450 beside an adjusted budget of 1500',
        data: { documentKind: 'gz-form', budget: { adjustedBudget: fig('1500.00', 6, '年度预算调整数 1500.00'), adjustedRevenue: fig('1450.00', 5, '部门调整预算收入 1450.00') } },
        expect: {
          severity: 'warning',
          printed: '1,500.00 万元',
          computed: '1,450.00 万元',
          message: /^年度预算调整数 1,500\.00 万元 与部门调整预算收入 1,450\.00 万元 不同/,
          locations: [{ field: 'budget.adjustedBudget', line: 6 }, { field: 'budget.adjustedRevenue', line: 5 }],
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

describe('faults found by review, fixed', () => {
  it('fact-conflict does not compare a part (其中夜间…) with its whole in another passage', () => {
    const found = findingsOf('fact-conflict', { name: '', data: {}, with: { passages: [passage('全年开展文物安全巡查 86 次。', 1), passage('其中夜间开展文物安全巡查 30 次。', 2)] } });
    assert.deepStrictEqual(found.map((f) => f.message.zh), []);
  });
});
