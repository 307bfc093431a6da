/**
 * The arithmetic rules on made-up evaluations: printed rates against their formula, 调整后 = 年初 + 调增 − 调减,
 * totals against their rows, shares adding to 100%, the self-score total against its items. Each rule: where it
 * stays silent (rounding included) and where it fires, with severity, printed and computed values and places.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RuleCases, caseTests, fig, findingsOf, passage, printed, rubric, ruleCases, src } from './testing.ts';

const PRINTED = { zh: '印出值', en: 'printed' };

/** Two judgement items of 5 points: the data never decides them, so only the self-scores add up. */
const TWO_JUDGEMENTS = rubric({
  total: 10,
  items: [
    { name: '制度建设', weight: 5, method: 'judgement' },
    { name: '信息公开', weight: 5, method: 'judgement' },
  ],
});

export const CASES: readonly RuleCases[] = [
  ruleCases('rate-mismatch', {
    clean: [
      {
        name: 'an execution rate that rounds to the printed value (760 ÷ 800 = 95.00%)',
        data: { budget: { adjustedBudget: 800, actualSpending: 760, printed: { executionRate: '95.00%' } } },
      },
      {
        name: 'a rate printed with one decimal matches at one decimal (1000 ÷ 1200 = 83.33…% → 83.3%)',
        data: { budget: { adjustedBudget: 1200, actualSpending: 1000, printed: { executionRate: '83.3%' } } },
      },
      {
        name: 'a rate that only the initial-budget variant gives is no error (760 ÷ 1000 = 76.00%)',
        data: { budget: { initialBudget: 1000, adjustedBudget: 800, actualSpending: 760, printed: { executionRate: '76.00%' } } },
      },
      {
        name: 'the department rate stated in a sentence that the figures give; other rates in sentences are not the department’s',
        data: { budget: { initialBudget: 1000, adjustedBudget: 800, actualSpending: 760 } },
        with: {
          passages: [
            passage('2023年实际支出760.00万元，部门预算执行率为95.00%。其中项目支出预算执行率92.07%，上年预算执行率90.10%。', 3),
            passage('第三季度预算执行率75.00%，力争全年预算执行率达到98%以上。', 4),
          ],
        },
      },
      {
        name: 'a rate in a sentence whose amounts are none of the department’s is another subject’s (a fund of 1,651.28 万元 at 88.99%)',
        data: { budget: { initialBudget: '7000.00', adjustedBudget: '7214.90', actualSpending: '6958.33' } },
        with: { passages: [passage('全年到位资金1,855.60万元，执行1,651.28万元，执行率88.99%。', 6)] },
      },
      {
        name: 'a rate in a sentence whose first clause names another subject (某某专项资金…，执行率 88.99%)',
        data: { budget: { adjustedBudget: '7214.90', actualSpending: '6958.33' } },
        with: { passages: [passage('重大公共卫生服务补助资金下达到位，执行率88.99%。', 6)] },
      },
      {
        name: 'a rate that follows from two amounts of its own sentence (决算 4045.94 of 调整预算 4171.75 = 96.98%)',
        data: { budget: { adjustedBudget: '4171.75', actualSpending: '4051.74' } },
        with: { passages: [passage('调整预算支出 4171.75 万元，决算支出 4045.94 万元，部门预算执行率 96.98%。', 5)] },
      },
    ],
    faulty: [
      {
        name: 'numerator and denominator swapped (800 ÷ 760 printed as the execution rate), named as such',
        data: {
          budget: {
            adjustedBudget: fig(800, 3, '调整后预算 800.00'),
            actualSpending: fig(760, 4, '实际支出 760.00'),
            printed: { executionRate: printed('105.26%', 5, '预算执行率 105.26%') },
          },
        },
        expect: {
          severity: 'error',
          printed: '105.26%',
          computed: '95.00%',
          message: /印出 105\.26%.*颠倒/,
          locations: [
            { field: 'budget.printed.executionRate', file: '样例区文化馆-自评.txt', line: 5, text: '预算执行率 105.26%', role: PRINTED },
            { field: 'budget.actualSpending', line: 4 },
            { field: 'budget.adjustedBudget', line: 3 },
          ],
        },
      },
      {
        name: 'the department rate stated in a sentence (96.12%) where the figures give 95.12%',
        data: { budget: { adjustedBudget: fig('3120.85', 2, '全年预算 3,120.85'), actualSpending: fig('2968.42', 3, '实际支出 2,968.42'), printed: { executionRate: '95.12%' } } },
        with: { passages: [passage('2022年实际支出2,968.42万元，预算执行率96.12%。其中：基本支出1,386.20万元。', 13)] },
        expect: {
          severity: 'error',
          printed: '96.12%',
          computed: '95.12%',
          message: /^正文写预算执行率 96\.12%，按 实际支出 ÷ 调整后预算 × 100% 计算为 95\.12%/,
          locations: [{ line: 13, text: '2022年实际支出2,968.42万元，预算执行率96.12%。' }, { field: 'budget.actualSpending', line: 3 }, { field: 'budget.adjustedBudget', line: 2 }],
        },
      },
      {
        name: 'overspending printed as 100% (1050 ÷ 1000 = 105.00%)',
        data: { budget: { adjustedBudget: 1000, actualSpending: 1050, printed: { executionRate: '100%' } } },
        expect: { severity: 'error', printed: '100%', computed: '105.00%', message: /超过预算，却印为 100%/ },
      },
      {
        name: 'a procurement rate that no variant gives',
        data: { management: { procurement: { budget: fig(200, 21, '政府采购预算 200 万元'), actual: fig(150, 22, '实际采购 150 万元'), printed: { procurementExecutionRate: printed('80.00%', 23) } } } },
        expect: { severity: 'error', printed: '80.00%', computed: '75.00%', locations: [{ field: 'management.procurement.printed.procurementExecutionRate', line: 23 }, { line: 22 }, { line: 21 }] },
      },
    ],
  }),

  ruleCases('rate-variant', {
    clean: [
      {
        name: 'a Guangzhou form adjustment rate on its own rule: |800 − 1000| ÷ 800 = 25.00%',
        data: { documentKind: 'gz-form', budget: { initialBudget: 800, adjustedBudget: 1000, actualSpending: 950, printed: { adjustmentRate: '25.00%' } } },
      },
      {
        name: 'a document kind without a usual variant (the common basis) names none',
        data: { budget: { initialBudget: 800, adjustedBudget: 1000, actualSpending: 950, printed: { adjustmentRate: '20.00%' } } },
      },
    ],
    faulty: [
      {
        name: 'a Guangzhou form printing the Longgang variant: (1000 − 800) ÷ 1000 = 20.00%',
        data: {
          documentKind: 'gz-form',
          budget: { initialBudget: 800, adjustedBudget: 1000, actualSpending: 950, printed: { adjustmentRate: printed('20.00%', 7, '预算调整率 20.00%') } },
        },
        expect: {
          severity: 'info',
          printed: '20.00%',
          computed: '20.00%',
          message: /采用的是“\(调整后预算 − 年初预算\) ÷ 调整后预算 × 100%”口径，而非本版式通行的“预算调整率（广州自评表）”/,
          locations: [{ field: 'budget.printed.adjustmentRate', line: 7, text: '预算调整率 20.00%', role: PRINTED }],
        },
      },
    ],
  }),

  ruleCases('rate-not-applicable', {
    clean: [
      {
        name: 'a zero procurement budget with its rate printed as “—”',
        data: { management: { procurement: { budget: 0, actual: 0, printed: { procurementExecutionRate: '—' } } } },
      },
      {
        name: 'a zero denominator with nothing printed',
        data: { management: { procurement: { budget: 0, actual: 0 } } },
      },
    ],
    faulty: [
      {
        name: 'two zero-denominator rates printed as 100% and 0% make one finding',
        data: {
          management: {
            procurement: { budget: 0, actual: 0, printed: { procurementExecutionRate: printed('100%', 31, '政府采购执行率 100%') } },
            fixedAssets: { total: 0, inUse: 0, printed: { fixedAssetUtilizationRate: printed('0%', 32, '固定资产利用率 0%') } },
          },
        },
        expect: {
          severity: 'info',
          printed: '100%、0%',
          computed: '—',
          message: /^2 个比率的分母为 0/,
          locations: [
            { field: 'management.procurement.printed.procurementExecutionRate', line: 31, role: PRINTED },
            { field: 'management.fixedAssets.printed.fixedAssetUtilizationRate', line: 32, role: PRINTED },
          ],
        },
      },
    ],
  }),

  ruleCases('adjusted-budget-mismatch', {
    clean: [
      {
        name: 'a project row whose 调整后 = 年初 + 调增 − 调减 to the cent (1200 + 80.50 − 30.50 = 1250)',
        data: { projects: { rows: [{ name: '非遗展演项目', initialBudget: '1200.00', increase: '80.50', decrease: '30.50', adjustedBudget: '1250.00' }] } },
      },
      {
        name: 'a difference the rounding of the inputs explains (12.3 + 0.4 printed as 12.71)',
        data: { budget: { initialBudget: '12.3', increase: '0.4', adjustedBudget: '12.71' } },
      },
    ],
    faulty: [
      {
        name: 'a project row 10 万元 off (1200 + 80.50 − 30.50 printed as 1260)',
        data: {
          projects: {
            rows: [
              {
                name: '非遗展演项目',
                initialBudget: fig('1200.00', 12, '非遗展演项目 年初预算 1200.00'),
                increase: fig('80.50', 12, '非遗展演项目 调增 80.50', { column: 3 }),
                decrease: fig('30.50', 12, '非遗展演项目 调减 30.50', { column: 4 }),
                adjustedBudget: fig('1260.00', 12, '非遗展演项目 调整后预算 1260.00', { column: 5 }),
              },
            ],
          },
        },
        expect: {
          severity: 'error',
          printed: '1,260.00 万元',
          computed: '1,250.00 万元',
          message: /^项目：非遗展演项目印出 1,260\.00 万元.*相差 10\.00 万元/,
          locations: [
            { field: 'projects.rows[0].adjustedBudget', line: 12, column: 5, role: PRINTED },
            { field: 'projects.rows[0].initialBudget', line: 12 },
            { field: 'projects.rows[0].increase', column: 3 },
            { field: 'projects.rows[0].decrease', column: 4 },
          ],
        },
      },
    ],
  }),

  ruleCases('total-mismatch', {
    clean: [
      {
        name: 'a total equal to the sum of its rows',
        data: { economicClassification: { rows: [{ name: '工资福利支出', actualSpending: '120.00' }, { name: '商品和服务支出', actualSpending: '80.50' }, { name: '资本性支出', actualSpending: '40.25' }], total: { actualSpending: '240.75' } } },
      },
      {
        name: 'three rows of 1.01 and a total of 3.04: the rounding of four printed figures explains it',
        data: { economicClassification: { rows: [{ name: 'a', actualSpending: '1.01' }, { name: 'b', actualSpending: '1.01' }, { name: 'c', actualSpending: '1.01' }], total: { actualSpending: '3.04' } } },
      },
      {
        name: 'rows in 元 and a total in 万元 that agree once converted',
        data: { projects: { unit: '元', rows: [{ name: '馆藏数字化', actualSpending: 1234500 }, { name: '流动展览', actualSpending: 765500 }], total: { actualSpending: '200.00 万元' } } },
      },
    ],
    faulty: [
      {
        name: 'a total 10 万元 above its rows (240.75 printed as 250.75)',
        data: {
          economicClassification: {
            rows: [{ name: '工资福利支出', actualSpending: '120.00' }, { name: '商品和服务支出', actualSpending: '80.50' }, { name: '资本性支出', actualSpending: '40.25' }],
            total: { actualSpending: fig('250.75', 40, '合计 250.75', { table: '表2', row: 5, column: 2 }) },
          },
        },
        expect: {
          severity: 'error',
          printed: '250.75 万元',
          computed: '240.75 万元',
          message: /^经济分类合计：实际支出印出 250\.75 万元，按 Σ 各行 计算为 240\.75 万元，相差 10\.00 万元/,
          // Only the total is named: the rows are listed in the message, not as places.
          locations: [{ field: 'economicClassification.total.actualSpending', line: 40, table: '表2', row: 5, column: 2, text: '合计 250.75', role: PRINTED }],
        },
      },
      {
        name: 'three rows of 1.01 and a total of 3.10: more than rounding',
        data: { economicClassification: { rows: [{ name: 'a', actualSpending: '1.01' }, { name: 'b', actualSpending: '1.01' }, { name: 'c', actualSpending: '1.01' }], total: { actualSpending: '3.10' } } },
        expect: { severity: 'error', printed: '3.10 万元', computed: '3.03 万元' },
      },
    ],
  }),

  ruleCases('shares-sum', {
    clean: [
      {
        name: 'shares that add to 100.01% (rounding of three rows)',
        data: {
          economicClassification: {
            rows: [
              { name: '工资福利支出', actualSpending: 1, printed: { share: '33.34%' } },
              { name: '商品和服务支出', actualSpending: 1, printed: { share: '33.34%' } },
              { name: '资本性支出', actualSpending: 1, printed: { share: '33.33%' } },
            ],
          },
        },
      },
      {
        name: 'a single row with a share: nothing to add',
        data: { economicClassification: { rows: [{ name: '工资福利支出', actualSpending: 1, printed: { share: '90%' } }, { name: '商品和服务支出', actualSpending: 1 }] } },
      },
    ],
    faulty: [
      {
        name: 'shares that add to 105%',
        data: {
          economicClassification: {
            rows: [
              { name: '工资福利支出', actualSpending: 50, printed: { share: printed('50.00%', 51) } },
              { name: '商品和服务支出', actualSpending: 30, printed: { share: printed('30.00%', 52) } },
              { name: '资本性支出', actualSpending: 20, printed: { share: printed('25.00%', 53) } },
            ],
          },
        },
        expect: {
          severity: 'warning',
          printed: '105%',
          computed: '100%',
          message: /^经济分类各行占比之和为 105%，不等于 100%。$/,
          locations: [
            { field: 'economicClassification.rows[0].printed.share', line: 51, role: PRINTED },
            { field: 'economicClassification.rows[1].printed.share', line: 52 },
            { field: 'economicClassification.rows[2].printed.share', line: 53 },
          ],
        },
      },
    ],
  }),

  ruleCases('score-total-mismatch', {
    clean: [
      {
        name: 'a printed total equal to the items (4 + 3.5 = 7.5)',
        data: { selfScores: { total: '7.5', items: [{ item: '制度建设', score: 4 }, { item: '信息公开', score: '3.5' }] } },
        with: { rubric: TWO_JUDGEMENTS },
      },
      {
        name: 'no rubric and no printed weights: the items may be nested or partial, so they are not summed',
        data: { selfScores: { total: 9, items: [{ item: '制度建设', score: 4 }, { item: '信息公开', score: '3.5' }] } },
      },
      {
        name: 'no rubric, weights printed and adding to the maximum: 27.5 + 36 + 26 = 89.5',
        data: { selfScores: { total: '89.5', max: 100, items: [{ item: '预算执行（30）', score: '27.5', weight: 30 }, { item: '产出（40）', score: 36, weight: 40 }, { item: '效益（30）', score: 26, weight: 30 }] } },
      },
      {
        name: 'weights that do not add up to the maximum: the printed items are not the whole scorecard',
        data: { selfScores: { total: 95, items: [{ item: '预算执行', score: '27.5', weight: 30 }, { item: '产出', score: 36, weight: 40 }] } },
      },
      {
        name: 'an execution-score form: 执行率得分 9.5 + indicators 38 + 0.9 × 30 + 18 = 92.5',
        data: {
          documentKind: 'execution-score-form',
          budget: { adjustedBudget: 1250, actualSpending: '1187.5', weight: 10, score: '9.5' },
          indicators: [
            { name: '开展文化下乡演出场次', weight: 40, score: 38 },
            { name: '群众参与人次', weight: 30, coefficient: '0.9', score: undefined },
            { name: '群众满意度', weight: 20, score: 18 },
          ].map(({ score, ...rest }) => (score === undefined ? rest : { ...rest, score })),
          selfScores: { total: '92.5' },
        },
      },
      {
        name: 'a project form: 执行率得分 9 + indicators 45 + 28 + 9.5 = 91.5',
        data: {
          documentKind: 'project-form',
          project: {
            name: '乡村文化站设备更新',
            funds: { total: { adjustedBudget: 320, actualSpending: 288, weight: 10, score: 9 }, currentYear: { adjustedBudget: 300, actualSpending: 270 } },
            indicators: [
              { name: '更新设备台套数', weight: 50, score: 45 },
              { name: '服务人次增长', weight: 30, score: 28 },
              { name: '群众满意度', weight: 10, score: '9.5' },
            ],
            total: '91.5',
          },
        },
      },
    ],
    faulty: [
      {
        name: 'a printed total of 8.5 over items adding to 7.5',
        data: { selfScores: { total: '8.5', items: [{ item: '制度建设', score: 4, source: src(60, '制度建设 5 … 4') }, { item: '信息公开', score: '3.5' }] } },
        with: { rubric: TWO_JUDGEMENTS },
        expect: {
          severity: 'error',
          printed: '8.5',
          computed: '7.5',
          message: /^自评总分印 8\.5 分，各项自评分之和为 7\.5 分。$/,
          // The total carries no source in the model, so only its field is named.
          locations: [{ field: 'selfScores.total', line: undefined, role: PRINTED }],
        },
      },
      {
        name: 'no rubric, weights adding to 100, a total of 92.5 over items adding to 89.5',
        data: { selfScores: { total: '92.5', items: [{ item: '预算执行（30）', score: '27.5', weight: 30 }, { item: '产出（40）', score: 36, weight: 40 }, { item: '效益（30）', score: 26, weight: 30 }] } },
        expect: { severity: 'error', printed: '92.5', computed: '89.5', message: /^自评总分印 92\.5 分，各项自评分之和为 89\.5 分。$/ },
      },
      {
        name: 'an execution-score form whose 总分 96 is not 执行率得分 9.5 + indicators 83',
        data: {
          documentKind: 'execution-score-form',
          budget: { adjustedBudget: 1250, actualSpending: '1187.5', weight: 10, score: '9.5' },
          indicators: [
            { name: '开展文化下乡演出场次', weight: 40, score: 38 },
            { name: '群众参与人次', weight: 30, coefficient: '0.9' },
            { name: '群众满意度', weight: 20, score: 18 },
          ],
          selfScores: { total: 96 },
        },
        expect: {
          severity: 'error',
          printed: '96',
          computed: '92.5',
          message: /^自评总分印 96 分，执行率得分 9\.5 分与各指标得分之和 83 分合计 92\.5 分。$/,
        },
      },
      {
        name: 'a project form whose 总分 93.5 is not 执行率得分 9 + indicators 82.5',
        data: {
          documentKind: 'project-form',
          project: {
            name: '乡村文化站设备更新',
            funds: { total: { adjustedBudget: 320, actualSpending: 288, weight: 10, score: 9 } },
            indicators: [
              { name: '更新设备台套数', weight: 50, score: 45 },
              { name: '服务人次增长', weight: 30, score: 28 },
              { name: '群众满意度', weight: 10, score: '9.5' },
            ],
            total: '93.5',
            source: src(3, '项目名称 乡村文化站设备更新'),
          },
        },
        expect: {
          severity: 'error',
          printed: '93.5',
          computed: '91.5',
          message: /^项目“乡村文化站设备更新”总分印 93\.5 分，执行率得分 9 分与各指标得分之和 82\.5 分合计 91\.5 分。$/,
          locations: [{ field: 'project.total', line: 3, role: PRINTED }],
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
  it('rate-not-applicable names each rate once', () => {
    const [f] = findingsOf('rate-not-applicable', { name: '', data: { management: { procurement: { budget: 0, actual: 0, printed: { procurementExecutionRate: '100%' } } } } });
    assert.doesNotMatch(f!.message.zh, /政府采购政府采购/);
  });
  it('score-total-mismatch allows a total printed at fewer decimals than its items', () => {
    const found = findingsOf('score-total-mismatch', { name: '', data: { selfScores: { total: '8.6', items: [{ item: '制度建设', score: '4.28' }, { item: '信息公开', score: '4.27' }] } }, with: { rubric: TWO_JUDGEMENTS } });
    assert.deepStrictEqual(found.map((f) => f.message.zh), []);
  });
});
