import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Exact, ONE, ZERO, eq, gt, parseExact, toPercent } from '../exact.ts';
import { type IndicatorValue, OVER_ACHIEVEMENT_LIMIT, indicatorCompletion, parseIndicatorValue, withUnitOfMeasure } from './indicator-value.ts';
import type { Outcome } from './types.ts';

const NUM_RUNS = 300;

function ex(text: string): Exact {
  const v = parseExact(text);
  assert.ok(v, `parseExact(${JSON.stringify(text)}) should parse`);
  return v;
}

function valueOf(o: Outcome): { value: Exact; flags: readonly string[] } {
  if (o.kind !== 'value') assert.fail(`expected a value, got not-applicable (${o.code})`);
  return { value: o.value, flags: o.flags ?? [] };
}

function completion(target: string, actual: string): Outcome {
  return indicatorCompletion(parseIndicatorValue(target), parseIndicatorValue(actual));
}

function assertParsed(raw: string, expected: { direction: IndicatorValue['direction']; stated: boolean; value?: string; unit: string }): void {
  const p = parseIndicatorValue(raw);
  assert.equal(p.direction, expected.direction, `${raw}: direction`);
  assert.equal(p.isDirectionStated, expected.stated, `${raw}: stated`);
  assert.equal(p.unit, expected.unit, `${raw}: unit`);
  if (expected.value === undefined) {
    assert.equal(p.value, undefined, `${raw}: value`);
  } else {
    assert.ok(p.value && eq(p.value, ex(expected.value)), `${raw}: value should be ${expected.value}`);
  }
}

describe('parseIndicatorValue', () => {
  test('"≥2000家" is a floor of 2000 in 家', () => {
    assertParsed('≥2000家', { direction: 'gte', stated: true, value: '2000', unit: '家' });
  });

  test('"≥6万" multiplies by ten thousand and keeps no unit', () => {
    assertParsed('≥6万', { direction: 'gte', stated: true, value: '60000', unit: '' });
  });

  test('"≥97百分比" is 97% with the sign written as a word; "2百分点" is two points, not two hundred', () => {
    assertParsed('≥97百分比', { direction: 'gte', stated: true, value: '0.97', unit: '%' });
    assertParsed('≥2百分点', { direction: 'gte', stated: true, value: '2', unit: '百分点' });
  });

  test('"100%" is an unsigned floor of 1 in %', () => {
    assertParsed('100%', { direction: 'gte', stated: false, value: '1', unit: '%' });
  });

  test('"95%" is a floor of 0.95', () => {
    assertParsed('95%', { direction: 'gte', stated: false, value: '0.95', unit: '%' });
  });

  test('an unsigned zero ("0次", "0") must be met exactly', () => {
    assertParsed('0次', { direction: 'eq', stated: false, value: '0', unit: '次' });
    assertParsed('0', { direction: 'eq', stated: false, value: '0', unit: '' });
  });

  test('"≤5%" is a ceiling of 0.05', () => {
    assertParsed('≤5%', { direction: 'lte', stated: true, value: '0.05', unit: '%' });
  });

  test('text without a number is qualitative', () => {
    assertParsed('不发生较大以上的森林火灾', { direction: 'qualitative', stated: false, unit: '' });
    assertParsed('提高', { direction: 'qualitative', stated: false, unit: '' });
    assertParsed('', { direction: 'qualitative', stated: false, unit: '' });
  });

  test('written signs in words and ASCII read as directions', () => {
    assertParsed('不低于90%', { direction: 'gte', stated: true, value: '0.9', unit: '%' });
    assertParsed('>=3个', { direction: 'gte', stated: true, value: '3', unit: '个' });
    assertParsed('不超过 1,200 元', { direction: 'lte', stated: true, value: '1200', unit: '元' });
    assertParsed('=100%', { direction: 'eq', stated: true, value: '1', unit: '%' });
    assertParsed('＝１００％', { direction: 'eq', stated: true, value: '1', unit: '%' });
  });

  test('"万元" stays a money unit rather than a multiplier', () => {
    assertParsed('≥50万元', { direction: 'gte', stated: true, value: '50', unit: '万元' });
  });

  test('a declared direction overrides the written one, and qualitative wins over a number', () => {
    const p = parseIndicatorValue('≥10', 'lte');
    assert.equal(p.direction, 'lte');
    assert.equal(p.isDirectionStated, true);
    const q = parseIndicatorValue('100%', 'qualitative');
    assert.equal(q.direction, 'qualitative');
    assert.equal(q.value, undefined);
  });
});

describe('indicatorCompletion', () => {
  test('≥ target met exactly is 100% and flagged met', () => {
    const r = valueOf(completion('≥2000家', '2000家'));
    assert.ok(eq(r.value, ONE));
    assert.deepEqual(r.flags, ['met']);
  });

  test('≥ target missed gives actual ÷ target and no met flag', () => {
    const r = valueOf(completion('≥2000家', '1800家'));
    assert.equal(toPercent(r.value), '90.00%');
    assert.deepEqual(r.flags, []);
  });

  test('≥ target over-achieved beyond 150% is flagged; exactly 150% is not', () => {
    const over = valueOf(completion('≥2000家', '3001家'));
    assert.deepEqual(over.flags, ['met', 'over-achieved']);
    const edge = valueOf(completion('≥2000家', '3000家'));
    assert.ok(eq(edge.value, ex('1.5')));
    assert.deepEqual(edge.flags, ['met']);
  });

  test('"≥6万" against an actual of 7.2万 is 120%', () => {
    assert.equal(toPercent(valueOf(completion('≥6万', '7.2万')).value), '120.00%');
  });

  test('≤ target with an actual of 0 is 100%, not a division by zero', () => {
    const r = valueOf(completion('≤5%', '0%'));
    assert.ok(eq(r.value, ONE));
    assert.ok(r.flags.includes('met'));
  });

  test('≤ target exceeded gives target ÷ actual', () => {
    assert.equal(toPercent(valueOf(completion('≤5%', '8%')).value), '62.50%');
    assert.deepEqual(valueOf(completion('≤5%', '5%')).flags, ['met']);
  });

  test('= target is met (100%) or not (0%)', () => {
    assert.ok(eq(valueOf(completion('=100%', '100%')).value, ONE));
    const miss = valueOf(completion('=100%', '99%'));
    assert.ok(eq(miss.value, ZERO));
    assert.deepEqual(miss.flags, []);
    assert.ok(eq(valueOf(completion('=100%', '101%')).value, ZERO));
  });

  test('a zero target such as 人员伤亡数 0: actual 0 is 100%, actual 2 is 0%', () => {
    assert.ok(eq(valueOf(completion('0', '0')).value, ONE));
    assert.ok(eq(valueOf(completion('0', '2')).value, ZERO));
    assert.ok(eq(valueOf(completion('0次', '0次')).value, ONE));
    assert.ok(eq(valueOf(completion('0次', '2次')).value, ZERO));
  });

  test('a zero ceiling "≤0" is met by 0 and missed by anything above', () => {
    assert.ok(eq(valueOf(completion('≤0', '0')).value, ONE));
    assert.ok(eq(valueOf(completion('≤0', '1')).value, ZERO));
  });

  test('different units give not-applicable unit-mismatch', () => {
    assert.deepEqual(completion('≥2000家', '2000人'), { kind: 'not-applicable', code: 'unit-mismatch' });
    assert.deepEqual(completion('≥95%', '95分'), { kind: 'not-applicable', code: 'unit-mismatch' });
  });

  test('a unit written on one side only is accepted', () => {
    assert.ok(eq(valueOf(completion('≥2000家', '2000')).value, ONE));
  });

  test('a qualitative target gives not-applicable qualitative; a qualitative actual gives not-numeric', () => {
    assert.deepEqual(completion('不发生较大以上的森林火灾', '未发生'), { kind: 'not-applicable', code: 'qualitative' });
    assert.deepEqual(completion('提高', '10%'), { kind: 'not-applicable', code: 'qualitative' });
    assert.deepEqual(completion('≥95%', '较好'), { kind: 'not-applicable', code: 'not-numeric' });
  });

  test('for any positive floor and actual, the rate is actual ÷ target with flags consistent with it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (t, a) => {
        const r = valueOf(completion(`≥${t}家`, `${a}家`));
        const metExpected = a >= t;
        const overExpected = gt({ n: BigInt(a), d: BigInt(t) }, OVER_ACHIEVEMENT_LIMIT);
        return eq(r.value, { n: BigInt(a), d: BigInt(t) }) && r.flags.includes('met') === metExpected && r.flags.includes('over-achieved') === overExpected;
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('units of measure', () => {
  test('a money rate (38万元/公里) keeps 万元 as its unit: 万 is no multiplier there', () => {
    const v = parseIndicatorValue('≤38万元/公里');
    assert.equal(v.direction, 'lte');
    assert.equal(v.unit, '万元/公里');
    assert.ok(v.value && eq(v.value, parseExact('38')!));
    assert.ok(eq(parseIndicatorValue('6万人次').value!, parseExact('60000')!));
  });

  test('a unit printed in a column of its own joins a bare number, never a value with a unit or without a number', () => {
    assert.equal(withUnitOfMeasure('90', '%'), '90%');
    assert.equal(withUnitOfMeasure('≥42 ', '公里'), '≥42公里');
    assert.equal(withUnitOfMeasure('92%', '%'), '92%');
    assert.equal(withUnitOfMeasure('按时完成', '%'), '按时完成');
    assert.equal(withUnitOfMeasure('41.2', undefined), '41.2');
  });

  test('a system export’s ≤38 万元/公里 against an actual of 41.2 in the same unit is a miss, not 922330%', () => {
    const r = indicatorCompletion(parseIndicatorValue(withUnitOfMeasure('38', '万元/公里'), 'lte'), parseIndicatorValue(withUnitOfMeasure('41.2', '万元/公里')));
    assert.equal(toPercent(valueOf(r).value), '92.23%');
  });
});
