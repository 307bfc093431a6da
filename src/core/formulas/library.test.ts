import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Exact, ZERO, eq, lte as cmpLte, parseExact, toPercent, toPlainString } from '../exact.ts';
import type { Outcome, Quantity } from './types.ts';
import { COMPOSITION_VARIANCE, FAMILIES, FORMULAS, FORMULAS_BY_ID, compositionVarianceCore, formula, pefaPi1Grade, pefaPi2Grade } from './library.ts';

const NUM_RUNS = 200;

function ex(text: string): Exact {
  const v = parseExact(text);
  assert.ok(v, `parseExact(${JSON.stringify(text)}) should parse`);
  return v;
}

function args(values: Record<string, string>): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  for (const [k, s] of Object.entries(values)) out[k] = { value: ex(s) };
  return out;
}

function valueOf(o: Outcome): Exact {
  if (o.kind !== 'value') assert.fail(`expected a value, got not-applicable (${o.code})`);
  return o.value;
}

function run(id: string, values: Record<string, string>): Outcome {
  return formula(id).compute(args(values));
}

interface SeedCase {
  readonly inputs: Record<string, string>;
  /** Expected display: a percentage for rates, a plain decimal for money. */
  readonly expected: string;
  readonly grade?: string;
}

/** One case per formula, from the seed documents (SPEC §4) where they give one, else hand-computed. */
const SEED_CASES: Record<string, SeedCase> = {
  'adjustedBudget.fromChanges': { inputs: { initialBudget: '4124.28', increase: '120.50', decrease: '769.69' }, expected: '3475.09' },
  'budgetAdjustment.adjustedMinusInitial': { inputs: { adjustedBudget: '9397.62', initialBudget: '8666.95' }, expected: '730.67' },
  'executionRate.ofAdjusted': { inputs: { actualSpending: '3229.91', adjustedBudget: '3475.09' }, expected: '92.94%' },
  'executionRate.ofInitial': { inputs: { actualSpending: '3229.91', initialBudget: '4124.28' }, expected: '78.31%' },
  'adjustmentRate.gzForm': { inputs: { initialBudget: '4124.28', adjustedBudget: '3475.09' }, expected: '15.74%' },
  'adjustmentRate.longgang': { inputs: { adjustedBudget: '9397.62', initialBudget: '8666.95' }, expected: '7.78%' },
  'adjustmentRate.mof2013': { inputs: { adjustedBudget: '9397.62', initialBudget: '8666.95' }, expected: '8.43%' },
  'growthRate.yearOnYear': { inputs: { current: '4051.74', previous: '3235.71' }, expected: '25.22%' },
  'share.ofWhole': { inputs: { part: '816.03', whole: '4051.74' }, expected: '20.14%' },
  'threePublicControlRate.ofArranged': { inputs: { actualSpending: '84.51', initialBudget: '118.00' }, expected: '71.62%' },
  'threePublicControlRate.ofAdjusted': { inputs: { actualSpending: '84.51', adjustedBudget: '100' }, expected: '84.51%' },
  'routineOperatingControlRate.ofAdjusted': { inputs: { actualSpending: '737.09', adjustedBudget: '761.25' }, expected: '96.83%' },
  'routineOperatingControlRate.ofInitial': { inputs: { actualSpending: '737.09', initialBudget: '800' }, expected: '92.14%' },
  'procurementExecutionRate.actualOfBudget': { inputs: { actual: '1973.09', budget: '1791.71' }, expected: '110.12%' },
  'fixedAssetUtilizationRate.inUseOfTotal': { inputs: { inUse: '523.40', total: '523.40' }, expected: '100.00%' },
  'staffControlRate.onEstablishmentOfPosts': { inputs: { onEstablishment: '60', authorizedPosts: '60' }, expected: '100.00%' },
  'offEstablishmentControlRate.offOfInPost': { inputs: { offEstablishment: '24', inPost: '84' }, expected: '28.57%' },
  'carryOverRate.ofBudget': { inputs: { carryOver: '0', budget: '1200.00' }, expected: '0.00%' },
  'carryOverChangeRate.yearOnYear': { inputs: { current: '80', previous: '100' }, expected: '-20.00%' },
  'threePublicChangeRate.yearOnYear': { inputs: { current: '84.51', previous: '90.00' }, expected: '-6.10%' },
  'keySpendingRate.keyOfProjects': { inputs: { key: '450', total: '600' }, expected: '75.00%' },
  'quarterlyProgress.ofBenchmark': { inputs: { progress: '0.20', benchmark: '0.25' }, expected: '80.00%' },
  'projectTimelinessRate.onTimeOfPlanned': { inputs: { onTime: '9', planned: '12' }, expected: '75.00%' },
  'pefaAggregateOutturn.pi1': { inputs: { actualSpending: '3229.91', initialBudget: '4124.28' }, expected: '78.31%', grade: 'D' },
  'executionScore.capped': { inputs: { actualSpending: '760', adjustedBudget: '800', weight: '10' }, expected: '9.5' },
  'indicatorScore.gte': { inputs: { target: '2000', actual: '1800', weight: '10' }, expected: '9' },
  'indicatorScore.lte': { inputs: { target: '10', actual: '12.5', weight: '5' }, expected: '4' },
  'indicatorScore.eq': { inputs: { target: '0', actual: '1', weight: '5' }, expected: '0' },
  'indicatorScore.coefficient': { inputs: { coefficient: '0.9', weight: '20' }, expected: '18' },
};

/** The input key each rate formula divides by. */
const DENOMINATOR: Record<string, string> = {
  'executionRate.ofAdjusted': 'adjustedBudget',
  'executionRate.ofInitial': 'initialBudget',
  'adjustmentRate.gzForm': 'initialBudget',
  'adjustmentRate.longgang': 'adjustedBudget',
  'adjustmentRate.mof2013': 'initialBudget',
  'growthRate.yearOnYear': 'previous',
  'share.ofWhole': 'whole',
  'threePublicControlRate.ofArranged': 'initialBudget',
  'threePublicControlRate.ofAdjusted': 'adjustedBudget',
  'routineOperatingControlRate.ofAdjusted': 'adjustedBudget',
  'routineOperatingControlRate.ofInitial': 'initialBudget',
  'procurementExecutionRate.actualOfBudget': 'budget',
  'fixedAssetUtilizationRate.inUseOfTotal': 'total',
  'staffControlRate.onEstablishmentOfPosts': 'authorizedPosts',
  'offEstablishmentControlRate.offOfInPost': 'inPost',
  'carryOverRate.ofBudget': 'budget',
  'carryOverChangeRate.yearOnYear': 'previous',
  'threePublicChangeRate.yearOnYear': 'previous',
  'keySpendingRate.keyOfProjects': 'total',
  'quarterlyProgress.ofBenchmark': 'benchmark',
  'projectTimelinessRate.onTimeOfPlanned': 'planned',
  'pefaAggregateOutturn.pi1': 'initialBudget',
};

describe('formula table', () => {
  test('ids are unique, equal family.variant, and every entry has zh/en name and formula text', () => {
    const seen = new Set<string>();
    for (const f of FORMULAS) {
      assert.ok(!seen.has(f.id), `duplicate formula id ${f.id}`);
      seen.add(f.id);
      assert.equal(f.id, `${f.family}.${f.variant}`);
      for (const text of [f.name.zh, f.name.en, f.formula.zh, f.formula.en]) assert.ok(text.trim().length > 0, `${f.id} lacks a label`);
      assert.ok(/\p{Script=Han}/u.test(f.name.zh), `${f.id}: zh name should be Chinese`);
      assert.ok(f.basis.length > 0, `${f.id} has no basis`);
      assert.equal(new Set(f.inputs.map((i) => i.key)).size, f.inputs.length, `${f.id} repeats an input key`);
      for (const i of f.inputs) assert.ok(i.label.zh && i.label.en, `${f.id}.${i.key} lacks a label`);
    }
    assert.equal(FORMULAS_BY_ID.size, FORMULAS.length);
    assert.ok(COMPOSITION_VARIANCE.name.zh && COMPOSITION_VARIANCE.name.en && COMPOSITION_VARIANCE.formula.zh && COMPOSITION_VARIANCE.formula.en);
  });

  test('every family is listed, with the PI-2 and indicator families beside the table', () => {
    for (const f of FORMULAS) assert.ok(FAMILIES.has(f.family));
    assert.ok(FAMILIES.has('pefaCompositionVariance'));
    assert.ok(FAMILIES.has('indicatorCompletion'));
  });

  test('an unknown formula id throws from formula()', () => {
    assert.throws(() => formula('noSuch.formula'), /unknown formula/);
  });
});

describe('every formula on seed figures', () => {
  test('every formula in the table has a seed case (add one when you add a formula)', () => {
    const missing = FORMULAS.map((f) => f.id).filter((id) => !(id in SEED_CASES));
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(SEED_CASES).filter((id) => !FORMULAS_BY_ID.has(id)), []);
  });

  for (const [id, c] of Object.entries(SEED_CASES)) {
    test(`${id} gives ${c.expected} on ${JSON.stringify(c.inputs)}`, () => {
      const f = formula(id);
      const o = f.compute(args(c.inputs));
      const v = valueOf(o);
      const shown = f.output === 'rate' ? toPercent(v) : toPlainString(v);
      assert.equal(shown, c.expected);
      if (c.grade !== undefined) {
        assert.equal(o.kind === 'value' ? o.grade : undefined, c.grade);
      }
    });
  }

  test('money formulas keep the unit of their leading input', () => {
    const o = formula('adjustedBudget.fromChanges').compute({
      initialBudget: { value: ex('4124.28'), unit: '万元' },
      increase: { value: ex('0'), unit: '万元' },
      decrease: { value: ex('649.19'), unit: '万元' },
    });
    assert.ok(o.kind === 'value');
    assert.equal(o.unit, '万元');
    assert.ok(eq(o.value, ex('3475.09')));
    const b = formula('budgetAdjustment.adjustedMinusInitial').compute({
      adjustedBudget: { value: ex('3475.09'), unit: '万元' },
      initialBudget: { value: ex('4124.28'), unit: '万元' },
    });
    assert.ok(b.kind === 'value');
    assert.equal(b.unit, '万元');
    assert.equal(toPlainString(b.value), '-649.19');
  });

  test('the Guangzhou adjustment rate is an absolute share; Longgang and MOF 2013 keep the sign', () => {
    const cut = { initialBudget: '4124.28', adjustedBudget: '3475.09' };
    assert.equal(toPercent(valueOf(run('adjustmentRate.gzForm', cut))), '15.74%');
    assert.equal(toPercent(valueOf(run('adjustmentRate.mof2013', cut))), '-15.74%');
    assert.equal(toPercent(valueOf(run('adjustmentRate.longgang', cut))), '-18.68%');
    const raise = { initialBudget: '8666.95', adjustedBudget: '9397.62' };
    assert.equal(toPercent(valueOf(run('adjustmentRate.gzForm', raise))), '8.43%');
    assert.equal(toPercent(valueOf(run('adjustmentRate.mof2013', raise))), '8.43%');
    assert.equal(toPercent(valueOf(run('adjustmentRate.longgang', raise))), '7.78%');
  });

  test('the growth rate of 3235.71 → 4051.74 is the seed’s 816.03 ÷ 3235.71', () => {
    const v = valueOf(run('growthRate.yearOnYear', { current: '4051.74', previous: '3235.71' }));
    assert.ok(eq(v, { n: 81603n, d: 323571n }));
  });

  test('an execution rate is exact, not a float approximation', () => {
    const v = valueOf(run('executionRate.ofAdjusted', { actualSpending: '3229.91', adjustedBudget: '3475.09' }));
    assert.ok(eq(v, { n: 322991n, d: 347509n }));
  });
});

describe('not applicable instead of NaN', () => {
  test('every rate formula is listed with its denominator', () => {
    const rates = FORMULAS.filter((f) => f.output === 'rate').map((f) => f.id);
    assert.deepEqual(rates.filter((id) => !(id in DENOMINATOR)), []);
  });

  for (const [id, denominator] of Object.entries(DENOMINATOR)) {
    test(`${id}: a zero ${denominator} gives not-applicable, never NaN`, () => {
      const f = formula(id);
      const values: Record<string, string> = {};
      for (const i of f.inputs) values[i.key] = '123.45';
      values[denominator] = '0.00';
      assert.deepEqual(f.compute(args(values)), { kind: 'not-applicable', code: 'zero-denominator' });
    });
  }

  test('every formula on all-zero or missing inputs returns an outcome, never throws', () => {
    for (const f of FORMULAS) {
      const zeros: Record<string, Quantity> = {};
      for (const i of f.inputs) zeros[i.key] = { value: ZERO };
      for (const a of [zeros, {}]) {
        const o = f.compute(a);
        // A score over a rate (执行率得分) has the rate's zero denominator; other money and scores are 0.
        if (f.output === 'rate' || f.id === 'executionScore.capped') assert.deepEqual(o, { kind: 'not-applicable', code: 'zero-denominator' }, f.id);
        else assert.ok(o.kind === 'value' && eq(o.value, ZERO), f.id);
      }
    }
  });

  test('for any inputs, every formula returns a value with a positive denominator or not-applicable', () => {
    const amountArb = fc
      .record({ n: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), k: fc.integer({ min: 0, max: 4 }) })
      .map(({ n, k }): Exact => ({ n, d: 10n ** BigInt(k) }));
    fc.assert(
      fc.property(fc.constantFrom(...FORMULAS), fc.array(amountArb, { minLength: 3, maxLength: 3 }), (f, vals) => {
        const a: Record<string, Quantity> = {};
        f.inputs.forEach((inp, i) => {
          const v = vals[i % vals.length];
          if (v) a[inp.key] = { value: v };
        });
        const o = f.compute(a);
        if (o.kind === 'not-applicable') return o.code === 'zero-denominator';
        return o.value.d > 0n;
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('PEFA', () => {
  test('PI-1 grades at the band edges are inclusive', () => {
    const cases: [string, string][] = [
      ['0.95', 'A'],
      ['1.05', 'A'],
      ['1', 'A'],
      ['0.9499', 'B'],
      ['1.0501', 'B'],
      ['0.90', 'B'],
      ['1.10', 'B'],
      ['0.8999', 'C'],
      ['1.1001', 'C'],
      ['0.85', 'C'],
      ['1.15', 'C'],
      ['0.8499', 'D'],
      ['1.1501', 'D'],
      ['0', 'D'],
    ];
    for (const [ratio, grade] of cases) assert.equal(pefaPi1Grade(ex(ratio)), grade, `PI-1 at ${ratio}`);
  });

  test('PI-1 through the formula: actual 95 of 100 is A, 115 of 100 is C, 84.99 of 100 is D', () => {
    const grade = (actual: string) => {
      const o = run('pefaAggregateOutturn.pi1', { actualSpending: actual, initialBudget: '100' });
      return o.kind === 'value' ? o.grade : undefined;
    };
    assert.equal(grade('95'), 'A');
    assert.equal(grade('105'), 'A');
    assert.equal(grade('90'), 'B');
    assert.equal(grade('110'), 'B');
    assert.equal(grade('85'), 'C');
    assert.equal(grade('115'), 'C');
    assert.equal(grade('84.99'), 'D');
    assert.equal(grade('115.01'), 'D');
  });

  test('PI-2 bands are strict upper bounds: 5% is B, 10% is C, 15% is D', () => {
    assert.equal(pefaPi2Grade(ex('0.0499')), 'A');
    assert.equal(pefaPi2Grade(ex('0.05')), 'B');
    assert.equal(pefaPi2Grade(ex('0.0999')), 'B');
    assert.equal(pefaPi2Grade(ex('0.10')), 'C');
    assert.equal(pefaPi2Grade(ex('0.1499')), 'C');
    assert.equal(pefaPi2Grade(ex('0.15')), 'D');
  });

  test('PI-2 composition variance matches a hand computation', () => {
    // Σinitial 200, Σactual 180 → factor 0.9; rescaled 90 and 90; Σ|actual − rescaled| = 30 + 30 = 60; 60 ÷ 180 = 1/3.
    const o = compositionVarianceCore([
      { initial: ex('100'), actual: ex('120') },
      { initial: ex('100'), actual: ex('60') },
    ]);
    assert.ok(o.kind === 'value');
    assert.ok(eq(o.value, { n: 1n, d: 3n }));
    assert.equal(o.grade, 'D');
    // Three categories: initial 50/30/20, actual 52/27/21 → factor 1; deviation 2 + 3 + 1 = 6; 6 ÷ 100 = 6% → B.
    const b = compositionVarianceCore([
      { initial: ex('50'), actual: ex('52') },
      { initial: ex('30'), actual: ex('27') },
      { initial: ex('20'), actual: ex('21') },
    ]);
    assert.ok(b.kind === 'value');
    assert.equal(toPercent(b.value), '6.00%');
    assert.equal(b.grade, 'B');
  });

  test('PI-2 grades at the edges through the variance itself', () => {
    const grade = (a: string, b: string) => {
      const o = compositionVarianceCore([
        { initial: ex('100'), actual: ex(a) },
        { initial: ex('100'), actual: ex(b) },
      ]);
      assert.ok(o.kind === 'value');
      return [toPercent(o.value), o.grade];
    };
    assert.deepEqual(grade('102', '98'), ['2.00%', 'A']);
    assert.deepEqual(grade('105', '95'), ['5.00%', 'B']);
    assert.deepEqual(grade('110', '90'), ['10.00%', 'C']);
    assert.deepEqual(grade('115', '85'), ['15.00%', 'D']);
  });

  test('PI-2 is unchanged when every category scales by the same factor (no money moved)', () => {
    const o = compositionVarianceCore([
      { initial: ex('100'), actual: ex('80') },
      { initial: ex('300'), actual: ex('240') },
    ]);
    assert.ok(o.kind === 'value');
    assert.ok(eq(o.value, ZERO));
    assert.equal(o.grade, 'A');
  });

  test('PI-2 with no original budget or no spending is not applicable', () => {
    assert.deepEqual(compositionVarianceCore([{ initial: ZERO, actual: ex('5') }]), { kind: 'not-applicable', code: 'zero-denominator' });
    assert.deepEqual(compositionVarianceCore([{ initial: ex('5'), actual: ZERO }]), { kind: 'not-applicable', code: 'zero-denominator' });
    assert.deepEqual(compositionVarianceCore([]), { kind: 'not-applicable', code: 'zero-denominator' });
  });
});

describe('scores (财预〔2020〕10号)', () => {
  const score = (id: string, values: Record<string, string>) => toPlainString(valueOf(run(id, values)));

  test('the execution score is the rate times the weight, capped at the weight', () => {
    assert.equal(score('executionScore.capped', { actualSpending: '3229.91', adjustedBudget: '3475.09', weight: '10' }), toPlainString({ n: 3229910n, d: 347509n }));
    assert.equal(score('executionScore.capped', { actualSpending: '1200', adjustedBudget: '1000', weight: '10' }), '10');
    assert.equal(score('executionScore.capped', { actualSpending: '1000', adjustedBudget: '1000', weight: '20' }), '20');
    assert.equal(score('executionScore.capped', { actualSpending: '0', adjustedBudget: '1000', weight: '10' }), '0');
    const over = run('executionScore.capped', { actualSpending: '1200', adjustedBudget: '1000', weight: '10' });
    assert.ok(over.kind === 'value' && over.flags?.includes('capped'));
    assert.deepEqual(run('executionScore.capped', { actualSpending: '5', adjustedBudget: '0', weight: '10' }), { kind: 'not-applicable', code: 'zero-denominator' });
  });

  test('an indicator met earns the full weight, a miss the completion share, mirrored for ≤', () => {
    assert.equal(score('indicatorScore.gte', { target: '2000', actual: '2400', weight: '10' }), '10');
    assert.equal(score('indicatorScore.gte', { target: '2000', actual: '2000', weight: '10' }), '10');
    assert.equal(score('indicatorScore.gte', { target: '0.95', actual: '0.76', weight: '5' }), '4');
    assert.equal(score('indicatorScore.lte', { target: '10', actual: '8', weight: '5' }), '5');
    assert.equal(score('indicatorScore.lte', { target: '10', actual: '0', weight: '5' }), '5');
    assert.equal(score('indicatorScore.lte', { target: '10', actual: '20', weight: '6' }), '3');
    assert.equal(score('indicatorScore.eq', { target: '1', actual: '1', weight: '5' }), '5');
    assert.equal(score('indicatorScore.eq', { target: '1', actual: '2', weight: '5' }), '0');
    // A zero target (安全事故 0 次) is met or not, whatever the sign.
    assert.equal(score('indicatorScore.lte', { target: '0', actual: '0', weight: '5' }), '5');
    assert.equal(score('indicatorScore.lte', { target: '0', actual: '1', weight: '5' }), '0');
    assert.equal(score('indicatorScore.gte', { target: '0', actual: '3', weight: '5' }), '5');
    const met = run('indicatorScore.gte', { target: '10', actual: '12', weight: '5' });
    assert.ok(met.kind === 'value' && met.flags?.includes('met'));
    const missed = run('indicatorScore.gte', { target: '10', actual: '9', weight: '5' });
    assert.ok(missed.kind === 'value' && !missed.flags?.includes('met'));
  });

  test('the coefficient form is coefficient × weight', () => {
    assert.equal(score('indicatorScore.coefficient', { coefficient: '1', weight: '15' }), '15');
    assert.equal(score('indicatorScore.coefficient', { coefficient: '0.85', weight: '20' }), '17');
  });

  test('scores never exceed the weight for any inputs', () => {
    const amountArb = fc.record({ n: fc.bigInt({ min: 0n, max: 10n ** 9n }), k: fc.integer({ min: 0, max: 3 }) }).map(({ n, k }): Exact => ({ n, d: 10n ** BigInt(k) }));
    fc.assert(
      fc.property(fc.constantFrom('executionScore.capped', 'indicatorScore.gte', 'indicatorScore.lte', 'indicatorScore.eq'), amountArb, amountArb, amountArb, (id, a, b, w) => {
        const f = formula(id);
        const [x, y] = f.inputs;
        const o = f.compute({ [x!.key]: { value: a }, [y!.key]: { value: b }, weight: { value: w } });
        return o.kind === 'not-applicable' || (cmpLte(o.value, w) && o.value.n >= 0n);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('quarterly progress and timeliness', () => {
  test('quarterly progress divides by the time-elapsed benchmark', () => {
    const cases: [string, string, string][] = [
      ['0.20', '0.25', '80.00%'],
      ['0.50', '0.50', '100.00%'],
      ['0.80', '0.75', '106.67%'],
      ['0.9735', '1', '97.35%'],
    ];
    for (const [progress, benchmark, expected] of cases) {
      assert.equal(toPercent(valueOf(run('quarterlyProgress.ofBenchmark', { progress, benchmark }))), expected);
    }
  });

  test('project timeliness is on-time over planned', () => {
    assert.equal(toPercent(valueOf(run('projectTimelinessRate.onTimeOfPlanned', { onTime: '6', planned: '6' }))), '100.00%');
    assert.equal(toPercent(valueOf(run('projectTimelinessRate.onTimeOfPlanned', { onTime: '2', planned: '3' }))), '66.67%');
  });
});
