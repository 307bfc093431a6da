import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toPercent } from '../exact.ts';
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
