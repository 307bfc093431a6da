/**
 * The score rules of forms that score themselves (财预〔2020〕10号): 执行率得分 against min(执行率, 100%) × 权重, an
 * indicator given full marks although it missed its target, full marks for budget execution under a lower rate. Made-up
 * department (an execution-score form) and project (the national project form), invented figures.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RuleCases, caseTests, fig, findingsOf, rubric, ruleCases, src } from './testing.ts';

/** A budget row of an execution-score form: 1250.00 adjusted, 1187.50 spent (95.00%), weight 10. */
const BUDGET_ROW = '部门预算 1200.00 1250.00 1187.50 95.00% 10 9.50';
const budget = (score: string | number, more: Record<string, unknown> = {}) => ({
  initialBudget: fig('1200.00', 21, BUDGET_ROW),
  adjustedBudget: fig('1250.00', 21, BUDGET_ROW),
  actualSpending: fig('1187.50', 21, BUDGET_ROW),
  printed: { executionRate: '95.00%' },
  weight: 10,
  score,
  ...more,
});

/** The national project form's funds: 320 full-year budget, 288 spent (90.00%), 分值 10. */
const project = (score: string | number, indicators: readonly Record<string, unknown>[] = []) => ({
  name: '乡村文化站设备更新',
  funds: {
    total: { initialBudget: 300, adjustedBudget: 320, actualSpending: 288, weight: 10, score, printed: { executionRate: '90.00%' }, source: src(8, `年度资金总额 300 320 288 10 90.00% ${score}`) },
  },
  indicators,
});

const ind = (name: string, target: string, actual: string, weight: number, score: number | string, more: Record<string, unknown> = {}, line = 30) => ({
  level1: '产出',
  name,
  target,
  actual,
  weight,
  score,
  source: src(line, `${name} ${target} ${actual} ${weight} ${score}`),
  ...more,
});

export const CASES: readonly RuleCases[] = [
  ruleCases('execution-score-mismatch', {
    clean: [
      { name: 'a score of 9.50 for 95.00% of weight 10', data: { documentKind: 'execution-score-form', budget: budget('9.50') } },
      { name: 'a score printed with one decimal (9.5)', data: { budget: budget('9.5') } },
      {
        name: 'a score the printed (rounded) rate gives: 2038.06 ÷ 2624.80 = 77.6466…% printed 77.65%, × 20 = 15.53',
        data: { budget: { adjustedBudget: '2624.80', actualSpending: '2038.06', printed: { executionRate: '77.65%' }, weight: 20, score: '15.53' } },
      },
      { name: 'overspending is capped: 120% earns the weight and no more', data: { budget: { adjustedBudget: 100, actualSpending: 120, weight: 10, score: 10 } } },
      { name: 'the project form: 288 of 320 = 90.00% × 10 = 9.00', data: { documentKind: 'project-form', project: project('9.00') } },
      // One fault, one finding: full marks under a lower rate are execution-full-marks' to report.
      { name: 'full marks printed as a whole “10” where 95.00% × 10 = 9.50 (execution-full-marks reports it)', data: { budget: budget('10') } },
    ],
    faulty: [
      {
        name: 'a department execution score of 9.20 where 95.00% × 10 = 9.50',
        data: { documentKind: 'execution-score-form', budget: budget('9.20') },
        expect: {
          severity: 'error',
          printed: '9.20',
          computed: '9.50',
          message: /^部门预算执行率得分印 9\.20 分，按 min\(执行率, 100%\) × 权重 计算为 9\.50 分（执行率 95\.00%，权重 10）。$/,
          // The score, the amounts and the weight were printed on one row: one place.
          locations: [{ field: 'budget.score', line: 21, text: BUDGET_ROW, role: { zh: '印出的执行率得分', en: 'printed execution score' } }],
        },
      },
      {
        name: 'a project fund line scored 9.50 where 90.00% × 10 = 9.00, naming the project form’s rule',
        data: { documentKind: 'project-form', project: project('9.50') },
        expect: {
          severity: 'error',
          printed: '9.50',
          computed: '9.00',
          message: /^项目“乡村文化站设备更新”年度资金总额执行率得分印 9\.50 分/,
          locations: [{ field: 'project.funds.total.score', line: 8 }],
        },
      },
    ],
  }),

  ruleCases('full-marks-despite-miss', {
    clean: [
      {
        name: 'targets met (≥ above, ≤ below, = equal) with full marks, misses scored by completion',
        data: {
          indicators: [
            ind('开展文化下乡演出场次', '≥120场', '126场', 10, 10),
            ind('设备采购平均单价', '≤2.5万元', '2.38万元', 5, 5),
            ind('安全责任事故', '=0起', '0起', 5, 5),
            ind('文化站覆盖率', '≥95%', '90%', 10, '9.47'),
          ],
        },
      },
      {
        name: 'a qualitative target never fires, whatever the score',
        data: { indicators: [ind('群众文化生活改善情况', '明显改善', '有所改善', 10, 10), ind('长效管理机制', '健全', '基本健全', 5, 5, { direction: 'qualitative' })] },
      },
      {
        name: 'an unsigned target may be a limit (10天): no direction, no finding',
        data: { indicators: [ind('设备安装周期', '10天', '12天', 5, 5)] },
      },
      {
        name: 'a miss too small to show at two decimals (99.999% of 100%) is full marks',
        data: { indicators: [ind('资金拨付率', '≥100%', '99.999%', 5, 5)] },
      },
      {
        name: 'values in different units cannot be compared',
        data: { indicators: [ind('培训人次', '≥500人次', '0.5万元', 5, 5)] },
      },
    ],
    faulty: [
      {
        name: 'a ≥ indicator at 114 of 120 scored its full 10 (should be 9.50)',
        data: { documentKind: 'execution-score-form', indicators: [ind('开展文化下乡演出场次', '≥120场', '114场', 10, 10)] },
        expect: {
          severity: 'error',
          printed: '10',
          computed: '9.50',
          message: /^指标“开展文化下乡演出场次”指标值 ≥120场（≥），完成值 114场，未达到目标，却得满分 10 分；按财预〔2020〕10号应得 9\.50 分（分值 × 完成值 ÷ 指标值）。$/,
          locations: [{ field: 'indicators[0].score', line: 30, role: { zh: '得分', en: 'score' } }],
        },
      },
      {
        name: 'a ≤ indicator over its cap (2.75 against ≤2.5 万元) scored full',
        data: { indicators: [ind('设备采购平均单价', '≤2.5万元', '2.75万元', 5, 5)] },
        expect: { severity: 'error', printed: '5', computed: '4.55', message: /分值 × 指标值 ÷ 完成值/ },
      },
      {
        name: 'an = indicator missed (1 起 against =0起) given coefficient 1',
        data: { indicators: [ind('安全责任事故', '=0起', '1起', 5, 0, { score: undefined, coefficient: 1 })].map(({ score: _s, ...rest }) => rest) },
        expect: { severity: 'error', printed: '5', computed: '0.00', message: /得分系数 1（满分 5 分）；按财预〔2020〕10号应得 0\.00 分（未达到 = 指标得 0 分）/, locations: [{ field: 'indicators[0].coefficient' }] },
      },
      {
        name: 'a system export whose direction and unit stand in columns of their own (指标方向 ≥, 度量单位 %)',
        data: { indicators: [ind('群众满意度', '90', '85', 10, 10, { direction: 'gte', unitOfMeasure: '%' })] },
        expect: { severity: 'error', printed: '10', computed: '9.44' },
      },
      {
        name: 'a project indicator (the national project form)',
        data: { documentKind: 'project-form', project: project('9.00', [ind('更新设备台套数', '≥40台套', '36台套', 20, 20, {}, 12)]) },
        expect: { severity: 'error', printed: '20', computed: '18.00', message: /^项目“乡村文化站设备更新”指标“更新设备台套数”/, locations: [{ field: 'project.indicators[0].score', line: 12 }] },
      },
    ],
  }),

  ruleCases('execution-full-marks', {
    clean: [
      { name: 'full marks at 100% execution', data: { budget: { adjustedBudget: 500, actualSpending: 500, weight: 10, score: 10 } } },
      { name: 'full marks for overspending (capped)', data: { budget: { adjustedBudget: 500, actualSpending: 520, weight: 10, score: 10 } } },
      { name: '99.9995% rounds to full marks at two decimals', data: { budget: { adjustedBudget: '2000000', actualSpending: '1999990', weight: 10, score: 10 } } },
      { name: 'a score under the weight is no full-marks claim', data: { budget: budget('9.50') } },
      {
        name: 'a 预算执行 self-score that the rubric already reports is left to score-not-allowed',
        data: { budget: { adjustedBudget: 1000, actualSpending: 800 }, selfScores: { items: [{ item: '预算执行率', score: 10, weight: 10 }] } },
        with: { rubric: rubric({ total: 10, items: [{ name: '预算执行率', weight: 10, method: 'ratio', metric: 'executionRate' }] }) },
      },
    ],
    faulty: [
      {
        name: 'the department budget: 95.00% execution, full 10 points',
        data: { documentKind: 'execution-score-form', budget: budget('10.00') },
        expect: {
          severity: 'error',
          printed: '10',
          computed: '9.50',
          message: /^部门预算执行率 95\.00%，执行率得分却为满分 10 分；按 min\(执行率, 100%\) × 权重 10 应得 9\.50 分。$/,
          locations: [{ field: 'budget.score', line: 21, text: BUDGET_ROW }],
        },
      },
      {
        name: 'a printed whole score “10” that rounds 9.5 up is still full marks',
        data: { budget: budget('10') },
        expect: { severity: 'error', printed: '10', computed: '9.50' },
      },
      {
        name: 'a project fund line: 90.00% and the full 10',
        data: { documentKind: 'project-form', project: project('10') },
        expect: { severity: 'error', printed: '10', computed: '9.00', message: /^项目“乡村文化站设备更新”年度资金总额执行率 90\.00%/, locations: [{ field: 'project.funds.total.score', line: 8 }] },
      },
      {
        name: 'a weighted-section form’s 预算执行（30） item at 30 under 80% execution',
        data: {
          documentKind: 'weighted-section-form',
          budget: { adjustedBudget: fig(1000, 5, '调整后预算 1000'), actualSpending: fig(800, 6, '实际支出 800') },
          selfScores: { items: [{ item: '预算执行（30）', score: 30, weight: 30, source: src(50, '预算执行（30） 30') }] },
        },
        expect: {
          severity: 'error',
          printed: '30',
          computed: '24.00',
          message: /^自评项“预算执行（30）”得满分 30 分，而部门预算执行率为 80\.00%；按 min\(执行率, 100%\) × 分值 30 应得 24\.00 分。$/,
          locations: [{ field: 'selfScores.items[0]', line: 50 }, { field: 'budget.actualSpending', line: 6 }, { field: 'budget.adjustedBudget', line: 5 }],
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

describe('score findings name the layout’s rule', () => {
  it('the formula names the layout that prints the rule; a document of no known layout gets the rule alone', () => {
    const [withLayout] = findingsOf('execution-score-mismatch', { name: '', data: { documentKind: 'execution-score-form', budget: budget('9.20') } });
    assert.equal(withLayout?.formula?.zh, '执行率得分 = min(执行率, 100%) × 权重（财预〔2020〕10号）（执行率计分式整体自评表）');
    const [plain] = findingsOf('execution-score-mismatch', { name: '', data: { budget: budget('9.20') } });
    assert.equal(plain?.formula?.zh, '执行率得分 = min(执行率, 100%) × 权重（财预〔2020〕10号）');
  });

  it('full marks under a lower rate: one fault, one finding (execution-full-marks), none above the weight', () => {
    const data = { documentKind: 'execution-score-form', budget: budget('10.00') };
    assert.equal(findingsOf('execution-full-marks', { name: '', data }).length, 1);
    assert.equal(findingsOf('execution-score-mismatch', { name: '', data }).length, 0);
    assert.equal(findingsOf('score-above-weight', { name: '', data }).length, 0);
  });
});
