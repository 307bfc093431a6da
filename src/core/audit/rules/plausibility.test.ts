/**
 * The warnings and plausibility rules on made-up evaluations: the national system's yellow warning (unspent over
 * 20%, execution under 90%), adjustments over 30%, a carry-over of 0 beside unspent money, indicators far above
 * target, year-on-year jumps, and a change rate the narrative states against the two counts it gives.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FILE, type RuleCases, caseTests, fig, findingsOf, passage, ruleCases, src } from './testing.ts';

const BUDGET_ROLE = { zh: '预算', en: 'budget' };
const SPENDING_ROLE = { zh: '实际支出', en: 'spending' };

export const CASES: readonly RuleCases[] = [
  ruleCases('unspent-share', {
    clean: [
      { name: '95% of the adjusted budget spent', data: { budget: { adjustedBudget: 1000, actualSpending: 950 } } },
      { name: 'exactly 90% spent: no written reason needed', data: { budget: { adjustedBudget: 1000, actualSpending: 900 } } },
      { name: 'the initial budget stands in when there is no adjusted one', data: { budget: { initialBudget: 1000, actualSpending: 920 } } },
      { name: 'no spending figure: nothing to warn about', data: { budget: { adjustedBudget: 1000 } } },
    ],
    faulty: [
      {
        name: '30% of the budget left unspent: the yellow warning',
        data: { budget: { adjustedBudget: fig(1000, 4, '调整后预算 1000.00'), actualSpending: fig(700, 5, '实际支出 700.00') } },
        expect: {
          severity: 'warning',
          printed: '30.00%',
          computed: '≤ 20.00%',
          message: /^预算 1,000\.00 万元，实际支出 700\.00 万元，未执行 300\.00 万元，占 30\.00%，超过 20%（黄色预警）；执行率 70\.00% 低于 90%/,
          locations: [
            { field: 'budget.adjustedBudget', line: 4, role: BUDGET_ROLE },
            { field: 'budget.actualSpending', line: 5, role: SPENDING_ROLE },
          ],
        },
      },
      {
        name: '85% spent: under 90% needs a written reason (an info, not the warning)',
        data: { budget: { adjustedBudget: 1000, actualSpending: 850 } },
        expect: { severity: 'info', printed: '85.00%', computed: '≥ 90.00%', message: /^预算执行率 85\.00% 低于 90%，须书面说明原因。$/ },
      },
      {
        name: 'a budget of 0',
        data: { budget: { initialBudget: 0, actualSpending: 0 } },
        expect: { severity: 'warning', printed: '0.00 万元', message: /^部门预算为 0（黄色预警）。$/, locations: [{ field: 'budget.initialBudget' }, { field: 'budget.actualSpending' }] },
      },
    ],
  }),

  ruleCases('adjustment-over-30', {
    clean: [
      { name: 'an adjustment of exactly 30% (1000 → 1300)', data: { budget: { initialBudget: 1000, adjustedBudget: 1300 } } },
      { name: 'no initial budget to measure from', data: { budget: { adjustedBudget: 1300 } } },
    ],
    faulty: [
      {
        name: 'a budget raised by 40% (1000 → 1400)',
        data: { budget: { initialBudget: fig(1000, 3, '年初预算 1000.00'), adjustedBudget: fig(1400, 4, '调整后预算 1400.00') } },
        expect: {
          severity: 'warning',
          printed: '40.00%',
          computed: '≤ 30.00%',
          message: /^年初预算 1,000\.00 万元，调整后 1,400\.00 万元，调整幅度 40\.00%，超过 30%，须书面说明原因。$/,
          locations: [{ field: 'budget.initialBudget', line: 3 }, { field: 'budget.adjustedBudget', line: 4 }],
        },
      },
      {
        name: 'a budget cut by 35% counts the same (1000 → 650)',
        data: { budget: { initialBudget: 1000, adjustedBudget: 650 } },
        expect: { severity: 'warning', printed: '35.00%', computed: '≤ 30.00%' },
      },
    ],
  }),

  ruleCases('carryover-vs-unspent', {
    clean: [
      { name: 'a carry-over of 0 with the budget spent to within 1%', data: { budget: { adjustedBudget: 1000, actualSpending: 995 }, management: { carryOver: { amount: 0 } } } },
      { name: 'a carry-over stated for the unspent money', data: { budget: { adjustedBudget: 1000, actualSpending: 900 }, management: { carryOver: { amount: 100 } } } },
    ],
    faulty: [
      {
        name: 'a carry-over of 0 although 100 万元 was not spent',
        data: {
          budget: { adjustedBudget: fig(1000, 4, '调整后预算 1000.00'), actualSpending: fig(900, 5, '实际支出 900.00') },
          management: { carryOver: { amount: fig(0, 48, '年末结转结余资金为 0') } },
        },
        expect: {
          severity: 'warning',
          printed: '0.00 万元',
          computed: '100.00 万元',
          message: /^文件称结转结余为 0，但预算 1,000\.00 万元 中有 100\.00 万元（10\.00%）未支出，其去向未说明。$/,
          locations: [
            { field: 'management.carryOver.amount', line: 48, text: '年末结转结余资金为 0', role: { zh: '结转结余', en: 'carry-over' } },
            { field: 'budget.adjustedBudget', line: 4 },
            { field: 'budget.actualSpending', line: 5 },
          ],
        },
      },
    ],
  }),

  ruleCases('completion-far-above-target', {
    clean: [
      { name: '24 of a target of 20 (120%)', data: { indicators: [{ name: '送戏下乡场次', target: '≥20场', actual: '24场' }] } },
      { name: 'exactly 150% (30 of 20)', data: { indicators: [{ name: '送戏下乡场次', target: '≥20场', actual: '30场' }] } },
      { name: 'a qualitative indicator has no rate', data: { indicators: [{ name: '群众获得感', target: '明显提升', actual: '显著提升' }] } },
    ],
    faulty: [
      {
        name: '36 of a target of 20 (180%)',
        data: { indicators: [{ name: '送戏下乡场次', target: '≥20场', actual: '36场', source: src(26, '送戏下乡场次 | ≥20场 | 36场', { table: '绩效指标表' }) }] },
        expect: {
          severity: 'info',
          computed: '180.00%',
          message: /^指标“送戏下乡场次”完成率 180\.00%，远超目标，目标值可能偏低。$/,
          locations: [{ field: 'indicators[0]', line: 26, table: '绩效指标表' }],
        },
      },
      {
        name: 'a ≤ limit met far inside (≤10天 done in 3天): the limit may be loose, not the target low',
        data: { indicators: [{ name: '投诉办结时限', target: '≤10天', actual: '3天', source: src(27, '投诉办结时限 | ≤10天 | 3天') }] },
        expect: {
          severity: 'info',
          computed: '333.33%',
          message: /^指标“投诉办结时限”限值 ≤10天，实际 3天，完成率 333\.33%，实际远低于限值，限值可能过宽。$/,
          locations: [{ field: 'indicators[0]', line: 27 }],
        },
      },
      {
        name: 'a key indicator of a form far above its target',
        data: { keyTasks: [{ name: '任务1', keyIndicators: [{ name: '数字资源访问量', target: '≥10万人次', actual: '25万人次' }] }] },
        expect: { severity: 'info', computed: '250.00%', locations: [{ field: 'keyTasks[0].keyIndicators[0]' }] },
      },
    ],
  }),

  ruleCases('year-on-year-jump', {
    clean: [
      { name: 'spending up 10% on last year', data: { budget: { actualSpending: 1100, previousYear: { actualSpending: 1000 } } } },
      { name: 'exactly 30% up', data: { budget: { actualSpending: 1300, previousYear: { actualSpending: 1000 } } } },
      { name: 'no previous-year figure', data: { budget: { actualSpending: 1300 } } },
    ],
    faulty: [
      {
        name: 'spending up 40% on last year',
        data: { budget: { actualSpending: fig(1400, 5, '实际支出 1400.00'), previousYear: { actualSpending: fig(1000, 9, '上年实际支出 1000.00') } } },
        expect: {
          severity: 'info',
          computed: '40.00%',
          message: /^实际支出同比变动 40\.00%，超过 30%。$/,
          locations: [
            { field: 'budget.actualSpending', line: 5, role: { zh: '本年实际支出', en: "this year's actual spending" } },
            { field: 'budget.previousYear.actualSpending', line: 9, role: { zh: '上年实际支出', en: "last year's actual spending" } },
          ],
        },
      },
      {
        name: 'spending down 35% counts the same',
        data: { budget: { actualSpending: 650, previousYear: { actualSpending: 1000 } } },
        expect: { severity: 'info', computed: '-35.00%' },
      },
    ],
  }),

  ruleCases('change-rate-mismatch', {
    clean: [
      { name: '30 against 40 a year ago is down 25.0%, as stated', data: { overallResult: '全年受理文化市场投诉 30 件，同比下降 25.0%（去年同期 40 件）。' } },
      { name: 'a rise stated at whole percent (45 against 36 is up 25%)', data: { overallResult: '全年开展流动服务 45 场，同比增长 25%（去年同期 36 场）。' } },
      { name: 'a change without the previous figure in brackets is not checked', data: { overallResult: '全年受理文化市场投诉 30 件，同比下降 20%。' } },
      { name: 'a previous figure with decimals is read exactly (30.1 against 24.5 is up 22.9%)', data: { overallResult: '培训经费支出 30.1 万元，同比增长 22.9%（去年同期 24.5 万元）。' } },
    ],
    faulty: [
      {
        name: '30 against 40 a year ago printed as down 20.0%',
        data: {},
        with: { passages: [passage('全年受理文化市场投诉 30 件，同比下降 20.0%（去年同期 40 件）。', 17)] },
        expect: {
          severity: 'warning',
          printed: '下降20.0%',
          computed: '下降25.0%',
          message: /^本期 30 件、去年同期 40件，变动应为 下降 25\.0%，文中写“下降20\.0%”。$/,
          // The current figure and the stated change sit in one sentence: one place.
          locations: [{ file: FILE, line: 17, text: '全年受理文化市场投诉 30 件，同比下降 20.0%（去年同期 40 件）。' }],
        },
      },
      {
        name: 'a previous count beyond a float’s exact range is read exactly, not thrown on',
        data: { overallResult: '全年发生事故 18 起，同比下降 29.2%（去年同期 9007199254740993 起）。' },
        expect: { severity: 'warning', printed: '下降29.2%', computed: '下降100.0%' },
      },
      {
        name: 'a fall printed as a rise',
        data: { overallResult: '全年受理文化市场投诉 30 件，同比上升 25%（去年同期 40 件）。' },
        expect: { severity: 'warning', printed: '上升25%', computed: '下降25.0%', locations: [{ field: 'overallResult' }] },
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
  it('completion-far-above-target names the indicator once', () => {
    const [f] = findingsOf('completion-far-above-target', { name: '', data: { indicators: [{ name: '送戏下乡场次', target: '≥20场', actual: '36场' }] } });
    assert.match(f!.message.zh, /^指标“送戏下乡场次”完成率/);
  });
  it('completion-far-above-target on a ≤ indicator does not call the target too low', () => {
    const [f] = findingsOf('completion-far-above-target', { name: '', data: { indicators: [{ name: '投诉办结时限', target: '≤10天', actual: '3天' }] } });
    assert.doesNotMatch(f!.message.zh, /偏低/);
  });
});
