import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { aggregateSubordinates } from './aggregate.ts';
import { valueIn } from './amount.ts';
import { computeAll } from './compute/compute.ts';
import { eq, sum, toDecimalString, toPercent } from './exact.ts';
import type { Evaluation } from './model/evaluation.ts';
import { parseEvaluation } from './model/parse.ts';
import { parse } from 'yaml';

const fixture = new URL('../../test/fixtures/department-with-units.yaml', import.meta.url);

function load(raw: unknown): Evaluation {
  const r = parseEvaluation(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

test('sums every amount across units exactly, across 元 and 万元, and records its inputs', () => {
  const r = aggregateSubordinates(load(parse(readFileSync(fixture, 'utf8'))));
  assert.ok(r.ok);
  const b = r.value.budget!;
  // 2395.90 万元 + 3,570,000.00 元 = 23,959,000 + 3,570,000 元
  assert.equal(toDecimalString(valueIn(b.initialBudget!, '万元')), '2752.9');
  assert.equal(toDecimalString(valueIn(b.adjustedBudget!, '万元')), '2694.37');
  assert.equal(toDecimalString(valueIn(b.actualSpending!, '万元')), '2679.76');
  assert.deepEqual(b.actualSpending!.derivedFrom?.inputs.map((i) => i.label), ['局本级', '森防办']);
  assert.equal(r.value.department.subordinateCount, 2);
  assert.equal(r.value.department.isAggregate, true);
  assert.equal(r.value.subordinates, undefined);
});

test('rates of the aggregate are recomputed from the sums, not averaged', () => {
  const r = aggregateSubordinates(load(parse(readFileSync(fixture, 'utf8'))));
  assert.ok(r.ok);
  const figs = computeAll(r.value);
  const exec = figs.find((f) => f.family === 'executionRate' && f.subject.path.join('.') === 'budget');
  assert.ok(exec && exec.outcome.kind === 'value');
  assert.equal(toPercent(exec.outcome.value), '99.46%'); // 2679.76 / 2694.37
  const staff = figs.find((f) => f.family === 'offEstablishmentControlRate');
  assert.ok(staff && staff.outcome.kind === 'value');
  assert.equal(toPercent(staff.outcome.value), '21.62%'); // 16 / 74, not the mean of 20.83% and 23.08%
  const proc = figs.find((f) => f.family === 'procurementExecutionRate');
  assert.ok(proc && proc.outcome.kind === 'value');
  assert.equal(toPercent(proc.outcome.value), '90.00%'); // (90 + 45) / (100 + 50)
});

test('a unit listed twice is counted once, with a warning', () => {
  const raw = parse(readFileSync(fixture, 'utf8')) as { subordinates: unknown[] };
  raw.subordinates.push(raw.subordinates[0]);
  const r = aggregateSubordinates(load(raw));
  assert.ok(r.ok);
  assert.deepEqual(r.warnings.map((w) => w.code), ['duplicate-unit']);
  assert.equal(toDecimalString(valueIn(r.value.budget!.actualSpending!, '万元')), '2679.76');
});

test('no subordinates is a problem, not a crash', () => {
  const r = aggregateSubordinates(load({ department: {}, year: 2020 }));
  assert.equal(r.ok, false);
});

test('property: the aggregate of any units equals the sum of their parts', () => {
  const cents = fc.bigInt({ min: 0n, max: 10n ** 12n });
  fc.assert(
    fc.property(fc.array(fc.tuple(cents, cents), { minLength: 1, maxLength: 12 }), fc.boolean(), (units, mixUnits) => {
      const raw = {
        department: {},
        year: 2024,
        subordinates: units.map(([a, b], i) => ({
          name: `单位${i}`,
          ...(mixUnits && i % 2 ? { unit: '元' } : {}),
          budget: { adjustedBudget: `${a / 100n}.${String(a % 100n).padStart(2, '0')}`, actualSpending: `${b / 100n}.${String(b % 100n).padStart(2, '0')}` },
        })),
      };
      const e = load(raw);
      const r = aggregateSubordinates(e);
      if (!r.ok) return false;
      const parts = e.subordinates!.map((u) => valueIn(u.budget!.actualSpending!, '元'));
      return eq(valueIn(r.value.budget!.actualSpending!, '元'), sum(parts));
    }),
    { numRuns: 300 },
  );
});

test("the department's own facts that are not sums survive aggregation", () => {
  const raw = parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
  const e = load({ ...raw, budget: { printed: { executionRate: '99.46%' } }, management: { satisfaction: '96%', disclosure: { budget: 'complete' } } });
  const r = aggregateSubordinates(e);
  assert.ok(r.ok);
  assert.equal(r.value.management?.disclosure?.budget, 'complete');
  assert.ok(r.value.management?.satisfaction);
  assert.ok(r.value.management?.staffing, 'summed facts are there too');
  assert.equal(r.value.budget?.printed?.['executionRate']?.text, '99.46%');
  const exec = computeAll(r.value).find((f) => f.family === 'executionRate' && f.subject.path.join('.') === 'budget');
  assert.equal(exec?.comparison, 'match');
});

test("printed rates the department wrote inside a summed group survive", () => {
  const raw = parse(readFileSync(fixture, 'utf8')) as Record<string, unknown>;
  const r = aggregateSubordinates(load({ ...raw, management: { procurement: { printed: { procurementExecutionRate: '90.00%' } } } }));
  assert.ok(r.ok);
  assert.equal(r.value.management?.procurement?.printed?.['procurementExecutionRate']?.text, '90.00%');
  const f = computeAll(r.value).find((x) => x.family === 'procurementExecutionRate');
  assert.equal(f?.comparison, 'match');
});
