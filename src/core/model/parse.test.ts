import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseEvaluation } from './parse.ts';
import { parseRubric } from '../rubric/parse.ts';

test('fuzz: any JSON value gives a result or problems, never a throw', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const r = parseEvaluation(v);
      return r.ok || r.problems.length > 0;
    }),
    { numRuns: 2000 },
  );
});

test('fuzz: evaluation-shaped objects with random values never throw, and every problem has a code and a path', () => {
  const anyValue = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }));
  const shaped = fc.record({
    department: fc.oneof(fc.constant({}), fc.record({ name: anyValue })),
    year: fc.oneof(fc.integer({ min: 1980, max: 2110 }), anyValue),
    unit: fc.oneof(fc.constantFrom('元', '万元', '美元', 'constructor', '__proto__'), anyValue),
    budget: fc.record({ initialBudget: anyValue, adjustedBudget: anyValue, actualSpending: anyValue, printed: fc.dictionary(fc.string(), anyValue, { maxKeys: 3 }) }, { requiredKeys: [] }),
    projects: fc.record({ unit: anyValue, rows: fc.array(fc.record({ name: anyValue, actualSpending: anyValue }, { requiredKeys: [] }), { maxLength: 4 }) }, { requiredKeys: [] }),
    management: fc.record({ satisfaction: anyValue, staffing: fc.record({ inPost: anyValue }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  }, { requiredKeys: [] });
  fc.assert(
    fc.property(shaped, (v) => {
      const r = parseEvaluation(v);
      if (r.ok) return true;
      return r.problems.every((p) => typeof p.code === 'string' && p.code.length > 0 && Array.isArray(p.path));
    }),
    { numRuns: 2000 },
  );
});

test('fuzz: any JSON value as a rubric gives a result or problems, never a throw', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (v) => {
      const r = parseRubric(v);
      return r.ok || r.problems.length > 0;
    }),
    { numRuns: 1000 },
  );
});

test('numbers that floats may have damaged are refused with a hint to quote them', () => {
  const r = parseEvaluation({ department: {}, year: 2020, budget: { actualSpending: 12345678901234567 } });
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problems.map((p) => p.code), ['number-too-precise']);
});

test('a money unit must be 元 or 万元, also when it is an Object.prototype name', () => {
  for (const unit of ['美元', 'constructor', 'toString']) {
    const r = parseEvaluation({ department: {}, year: 2020, unit });
    assert.equal(r.ok, false, unit);
  }
});

test('years and counts may be quoted; anything else is named for what it is not', () => {
  for (const year of [2022, '2022', '2022年', '2022 年度']) {
    const r = parseEvaluation({ department: {}, year, management: { staffing: { authorizedPosts: '60', inPost: 84 } } });
    assert.ok(r.ok, String(year));
    assert.equal(r.ok && r.value.year, 2022);
    assert.equal(r.ok && r.value.management?.staffing?.authorizedPosts, 60);
  }
  const bad = parseEvaluation({ department: {}, year: '二〇二二', management: { staffing: { authorizedPosts: '六十', inPost: -1 } } });
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.problems.map((p) => p.code), ['not-a-year', 'not-a-count', 'not-a-count']);
});

test('a value of the wrong kind says which kinds the field takes', () => {
  const r = parseEvaluation({ department: {}, year: 2020, budget: { initialBudget: [1] } });
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problems.map((p) => [p.code, p.params['expected']]), [['wrong-type', 'number | string | object']]);
});

test('an amount, number, percentage or printed value with more digits than a figure has is refused, saying how many', () => {
  const long = `1${'2'.repeat(40)}`;
  const r = parseEvaluation({
    department: {},
    year: 2020,
    budget: { initialBudget: long, adjustedBudget: `1.${'5'.repeat(13)} 万元`, actualSpending: 1e300, printed: { executionRate: `${long}%` } },
    management: { satisfaction: `9${'9'.repeat(25)}%` },
    selfScores: { items: [{ item: '预算执行率', score: `0.${'5'.repeat(20)}` }] },
  });
  assert.equal(r.ok, false);
  const problems = !r.ok ? r.problems : [];
  assert.deepEqual(
    problems.map((p) => [p.path.join('.'), p.code]),
    [
      ['budget.initialBudget', 'number-too-long'],
      ['budget.adjustedBudget', 'number-too-long'],
      ['budget.actualSpending', 'number-too-long'],
      ['budget.printed.executionRate', 'number-too-long'],
      ['management.satisfaction', 'number-too-long'],
      ['selfScores.items.0.score', 'number-too-long'],
    ],
  );
  const initial = problems.find((p) => p.path.join('.') === 'budget.initialBudget')!;
  assert.deepEqual({ ...initial.params, got: undefined }, { got: undefined, whole: 41, decimals: 0, maxWhole: 20, maxDecimals: 12 });
  assert.ok(String(initial.params['got']).length < 30);
  assert.ok(parseEvaluation({ department: {}, year: 2020, budget: { initialBudget: '99,999,999,999,999,999,999.999999999999' } }).ok);
});

test('NaN and infinity are named as such, not as a value of the wrong type', () => {
  const r = parseEvaluation({ department: { subordinateCount: Number.NaN }, year: 2020, budget: { initialBudget: Number.POSITIVE_INFINITY, printed: { executionRate: Number.NaN } } });
  assert.equal(r.ok, false);
  assert.deepEqual(
    !r.ok && r.problems.map((p) => [p.path.join('.'), p.code, p.params['got']]),
    [
      ['department.subordinateCount', 'not-a-finite-number', 'NaN'],
      ['budget.initialBudget', 'not-a-finite-number', 'Infinity'],
      ['budget.printed.executionRate', 'not-a-finite-number', 'NaN'],
    ],
  );
});
