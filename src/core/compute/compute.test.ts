import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toFixed, toPercent, toPlainString } from '../exact.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { parseEvaluation } from '../model/parse.ts';
import { type ComputedFigure, computeAll, departmentMetrics, preferredBasis } from './compute.ts';

function evaluation(raw: Record<string, unknown>): Evaluation {
  const r = parseEvaluation({ department: {}, year: 2022, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
const at = (fs: readonly ComputedFigure[], family: string, path: string) => fs.find((f) => f.family === family && f.subject.path.join('.') === path);

describe('printed values against their formula', () => {
  test('a printed rate is tried against every variant, the document rule first, and the variant used is named', () => {
    // 龙岗 definition (adjusted − initial) ÷ adjusted on a Guangzhou form: still a match, under the Longgang variant.
    const fs = computeAll(evaluation({ documentKind: 'gz-form', budget: { initialBudget: 8666.95, adjustedBudget: 9397.62, printed: { adjustmentRate: '7.78%' } } }));
    const f = at(fs, 'adjustmentRate', 'budget');
    assert.equal(f?.comparison, 'match');
    assert.equal(f?.variant, 'longgang');
    assert.deepEqual(f?.alternatives?.map((a) => a.variant), ['gzForm', 'mof2013']);
  });

  test('a printed rate no variant explains is marked, with the document rule as the computed value', () => {
    const fs = computeAll(evaluation({ documentKind: 'gz-form', budget: { initialBudget: 100, adjustedBudget: 80, printed: { adjustmentRate: '30.00%' } } }));
    const f = at(fs, 'adjustmentRate', 'budget');
    assert.equal(f?.comparison, 'differs');
    assert.equal(f?.variant, 'gzForm');
    assert.equal(f?.outcome.kind === 'value' && toPercent(f.outcome.value), '20.00%');
  });

  test('rounding-aware: 77.6% matches 77.646…% at one decimal, 77.7% does not', () => {
    const one = (printed: string) => at(computeAll(evaluation({ budget: { initialBudget: 2624.8, actualSpending: 2038.06, printed: { executionRate: printed } } })), 'executionRate', 'budget')?.comparison;
    assert.equal(one('77.6%'), 'match');
    assert.equal(one('77.65%'), 'match');
    assert.equal(one('77.7%'), 'differs');
  });

  test('a rate printed where its denominator is zero is reported, not matched', () => {
    const fs = computeAll(evaluation({ budget: { adjustedBudget: 0, actualSpending: 0, printed: { executionRate: '0%' } } }));
    assert.equal(at(fs, 'executionRate', 'budget')?.comparison, 'printed-not-applicable');
    const dash = computeAll(evaluation({ budget: { adjustedBudget: 0, actualSpending: 0, printed: { executionRate: '—' } } }));
    assert.equal(at(dash, 'executionRate', 'budget')?.comparison, 'match');
  });

  test('a printed total in 万元 matches rows in 元 at the printed decimals', () => {
    const rows = [{ name: 'a', actualSpending: '5,629,995.78' }, { name: 'b', actualSpending: '5,629,995.77' }];
    const ok = computeAll(evaluation({ projects: { unit: '元', rows, total: { actualSpending: '1126.00 万元' } } }));
    assert.equal(at(ok, 'columnTotal', 'projects.total.actualSpending')?.comparison, 'match');
    const off = computeAll(evaluation({ projects: { unit: '元', rows, total: { actualSpending: '1121.99 万元' } } }));
    assert.equal(at(off, 'columnTotal', 'projects.total.actualSpending')?.comparison, 'differs');
  });

  test('a row whose 调整后 is not 年初 + 调增 − 调减 is marked', () => {
    const fs = computeAll(evaluation({ projects: { rows: [{ name: 'x', initialBudget: 403.52, increase: 0, decrease: 146.83, adjustedBudget: 550.41 }] } }));
    assert.equal(at(fs, 'adjustedBudget', 'projects.rows.0')?.comparison, 'differs');
  });
});

describe('subjects', () => {
  test('the three public expenses rate is over the sum of its parts when only the parts are printed', () => {
    const fs = computeAll(
      evaluation({
        basicExpenditure: {
          department: {
            threePublicExpenses: {
              overseasTravel: { initialBudget: 0, actualSpending: 0 },
              officialVehicles: { initialBudget: 126.2, actualSpending: 118.5 },
              officialHospitality: { initialBudget: 0.5, actualSpending: 0.37 },
            },
          },
        },
      }),
    );
    const f = at(fs, 'threePublicControlRate', 'basicExpenditure.department.threePublicExpenses');
    assert.equal(f?.outcome.kind === 'value' && toPercent(f.outcome.value), '93.82%');
    assert.equal(f?.isDepartmentLevel, true);
  });

  test('department metrics feed the rubric; table rows do not', () => {
    const fs = computeAll(evaluation({ budget: { adjustedBudget: 100, actualSpending: 90 }, projects: { rows: [{ name: 'p', adjustedBudget: 10, actualSpending: 1 }] } }));
    const m = departmentMetrics(fs);
    const exec = m.get('executionRate');
    assert.equal(exec?.outcome.kind === 'value' && toPercent(exec.outcome.value), '90.00%');
  });

  test('off-establishment control rate falls back to on + off establishment when staff in post is not given', () => {
    const fs = computeAll(evaluation({ management: { staffing: { onEstablishment: 60, offEstablishment: 24 } } }));
    const f = at(fs, 'offEstablishmentControlRate', 'management.staffing');
    assert.equal(f?.outcome.kind === 'value' && toPercent(f.outcome.value), '28.57%');
  });

  test('project timeliness counts projects flagged on time when no counts are given', () => {
    const fs = computeAll(evaluation({ projects: { rows: [{ name: 'a', isCompletedOnTime: true }, { name: 'b', isCompletedOnTime: false }] } }));
    const f = at(fs, 'projectTimelinessRate', 'management');
    assert.equal(f?.outcome.kind === 'value' && toPercent(f.outcome.value), '50.00%');
  });

  test('the preferred basis follows the document kind, then the rubric', () => {
    assert.equal(preferredBasis(evaluation({ documentKind: 'longgang-report' })), 'longgang');
    assert.equal(preferredBasis(evaluation({ rubric: 'mof-2013' })), 'mof-2013');
    assert.equal(preferredBasis(evaluation({})), 'common');
  });

  test('computing is pure: the same evaluation gives the same figures', () => {
    const e = evaluation({ budget: { initialBudget: 1, adjustedBudget: 2, actualSpending: 1.5 } });
    assert.deepEqual(JSON.stringify(computeAll(e), (_, v) => (typeof v === 'bigint' ? v.toString() : v)), JSON.stringify(computeAll(e), (_, v) => (typeof v === 'bigint' ? v.toString() : v)));
  });
});

describe('execution scores (执行率得分 = min(执行率, 100%) × 权重)', () => {
  const scoreOf = (f: ComputedFigure | undefined) => (f?.outcome.kind === 'value' ? toPlainString(f.outcome.value) : undefined);

  test('the department budget is scored when it prints a weight, against the printed score at its decimals', () => {
    const fs = computeAll(evaluation({ budget: { adjustedBudget: '1250.00', actualSpending: '1187.50', weight: 10, score: '9.50' } }));
    const f = at(fs, 'executionScore', 'budget');
    assert.equal(f?.id, 'executionScore.capped');
    assert.equal(scoreOf(f), '9.5');
    assert.equal(f?.comparison, 'match');
    assert.deepEqual(f?.printed?.path, ['budget', 'score']);
    assert.deepEqual(f?.inputs.map((i) => [i.key, i.path.join('.'), toPlainString(i.value)]), [
      ['actualSpending', 'budget.actualSpending', '1187.5'],
      ['adjustedBudget', 'budget.adjustedBudget', '1250'],
      ['weight', 'budget.weight', '10'],
    ]);
    assert.equal(f?.isDepartmentLevel, true);
    const off = computeAll(evaluation({ budget: { adjustedBudget: '1250.00', actualSpending: '1187.50', weight: 10, score: '9.00' } }));
    assert.equal(at(off, 'executionScore', 'budget')?.comparison, 'differs');
    // At the printed decimals, "10" is 9.5 rounded half-up: the audit's full-marks rule judges such a score at 2 decimals.
    const whole = computeAll(evaluation({ budget: { adjustedBudget: '1250.00', actualSpending: '1187.50', weight: 10, score: '10' } }));
    assert.equal(at(whole, 'executionScore', 'budget')?.comparison, 'match');
  });

  test('exact arithmetic: 2038.06 of 2624.80 with weight 20 is 15.53 at two decimals, 15.5 at one', () => {
    const one = (score: string) => at(computeAll(evaluation({ budget: { adjustedBudget: '2624.80', actualSpending: '2038.06', weight: 20, score } })), 'executionScore', 'budget')?.comparison;
    assert.equal(one('15.53'), 'match');
    assert.equal(one('15.5'), 'match');
    assert.equal(one('15.54'), 'differs');
  });

  test('overspending is capped at the weight; without a weight there is no score to compute', () => {
    const fs = computeAll(evaluation({ budget: { adjustedBudget: 100, actualSpending: 120, weight: 10, score: 10 } }));
    assert.equal(scoreOf(at(fs, 'executionScore', 'budget')), '10');
    assert.equal(at(fs, 'executionScore', 'budget')?.comparison, 'match');
    assert.equal(at(computeAll(evaluation({ budget: { adjustedBudget: 100, actualSpending: 90, score: 9 } })), 'executionScore', 'budget'), undefined);
  });

  test('the initial budget stands in when no adjusted budget is printed', () => {
    const f = at(computeAll(evaluation({ budget: { initialBudget: 200, actualSpending: 150, weight: 10 } })), 'executionScore', 'budget');
    assert.equal(scoreOf(f), '7.5');
    assert.deepEqual(f?.inputs[1]?.path, ['budget', 'initialBudget']);
  });

  test('every fund line of a project evaluation gets its execution rate and, with 分值, its execution score', () => {
    const project = {
      name: '乡村文化站设备更新',
      funds: {
        total: { initialBudget: 300, adjustedBudget: 320, actualSpending: 288, weight: 10, score: 9, printed: { executionRate: '90.00%' } },
        currentYear: { initialBudget: 300, adjustedBudget: 300, actualSpending: 270, printed: { executionRate: '80.00%' } },
        carriedOver: { adjustedBudget: 20, actualSpending: 18 },
      },
      indicators: [],
    };
    const fs = computeAll(evaluation({ documentKind: 'project-form', project, projectEvaluations: [{ ...project, funds: { total: { adjustedBudget: 50, actualSpending: 50, weight: 10, score: 9 } } }] }));
    assert.equal(at(fs, 'executionRate', 'project.funds.total')?.comparison, 'match');
    assert.equal(at(fs, 'executionRate', 'project.funds.currentYear')?.comparison, 'differs');
    assert.equal(at(fs, 'executionRate', 'project.funds.carriedOver')?.comparison, 'not-printed');
    assert.equal(at(fs, 'executionScore', 'project.funds.total')?.comparison, 'match');
    assert.equal(at(fs, 'executionScore', 'project.funds.currentYear'), undefined);
    assert.match(at(fs, 'executionScore', 'project.funds.total')!.subject.label.zh, /项目“乡村文化站设备更新”年度资金总额/);
    const listed = at(fs, 'executionScore', 'projectEvaluations.0.funds.total');
    assert.equal(scoreOf(listed), '10');
    assert.equal(listed?.comparison, 'differs');
    assert.deepEqual(listed?.printed?.path, ['projectEvaluations', 0, 'funds', 'total', 'score']);
  });

  test('a fund line without a full-year budget is not checked against its initial budget (执行率 = 全年执行数 ÷ 全年预算数)', () => {
    const fs = computeAll(evaluation({ documentKind: 'project-form', project: { name: 'x', funds: { total: { initialBudget: 700, actualSpending: 724.6, weight: 10, score: '9.53', printed: { executionRate: '95.34%' } } } } }));
    assert.equal(at(fs, 'executionRate', 'project.funds.total'), undefined);
    assert.equal(at(fs, 'executionScore', 'project.funds.total'), undefined);
  });

  test('a form without a full-year budget whose printed rate is spending over the initial budget (执行率（B/A）, A = 年初预算数) is checked by it', () => {
    const fs = computeAll(evaluation({ documentKind: 'project-form', project: { name: 'x', funds: { total: { initialBudget: 286, actualSpending: 278.46, weight: 10, score: '9.94', printed: { executionRate: '97.36%' } } } } }));
    assert.equal(at(fs, 'executionRate', 'project.funds.total')?.comparison, 'match');
    const score = at(fs, 'executionScore', 'project.funds.total');
    assert.equal(score?.outcome.kind === 'value' && toFixed(score.outcome.value, 2), '9.74');
    assert.equal(score?.comparison, 'differs');
  });

  test('an indicator whose unit stands in a column of its own is compared in it (≤38 | 万元/公里 against 41.2)', () => {
    const fs = computeAll(evaluation({ indicators: [{ name: '管网单位造价', direction: 'lte', target: '38', unitOfMeasure: '万元/公里', actual: '41.2' }] }));
    const f = at(fs, 'indicatorCompletion', 'indicators.0');
    assert.equal(f?.outcome.kind === 'value' && toPercent(f.outcome.value), '92.23%');
  });
});
