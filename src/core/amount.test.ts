import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Exact, eq, parseExact, pow10 } from './exact.ts';
import {
  addAmounts,
  amount,
  compareAmounts,
  convert,
  formatAmount,
  groupThousands,
  parseLooseAmount,
  parseMoneyUnit,
  ratioOf,
  subAmounts,
  sumAmounts,
  valueIn,
} from './amount.ts';

const NUM_RUNS = 500;

function ex(text: string): Exact {
  const v = parseExact(text);
  assert.ok(v, `parseExact(${JSON.stringify(text)}) should parse`);
  return v;
}

const decimalArb: fc.Arbitrary<Exact> = fc
  .record({ n: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), k: fc.integer({ min: 0, max: 8 }) })
  .map(({ n, k }) => ({ n, d: pow10(k) }));

describe('元 ↔ 万元 conversion', () => {
  test('1 万元 is exactly 10000 元 and 1 元 is exactly 0.0001 万元', () => {
    assert.ok(eq(valueIn(amount(ex('1'), '万元'), '元'), ex('10000')));
    assert.ok(eq(valueIn(amount(ex('1'), '元'), '万元'), ex('0.0001')));
    assert.ok(eq(valueIn(amount(ex('8666.95'), '万元'), '元'), ex('86669500')));
    assert.equal(formatAmount(convert(amount(ex('2570000.00'), '元'), '万元')), '257.00 万元');
  });

  test('converting to the same unit returns the value unchanged', () => {
    const a = amount(ex('3.14'), '元');
    assert.equal(valueIn(a, '元'), a.value);
  });

  test('元 → 万元 → 元 is an exact round trip', () => {
    fc.assert(
      fc.property(decimalArb, (v) => eq(convert(convert(amount(v, '元'), '万元'), '元').value, v)),
      { numRuns: NUM_RUNS },
    );
  });

  test('万元 → 元 → 万元 is an exact round trip', () => {
    fc.assert(
      fc.property(decimalArb, (v) => eq(convert(convert(amount(v, '万元'), '元'), '万元').value, v)),
      { numRuns: NUM_RUNS },
    );
  });

  test('元 → 万元 never rounds: the 万元 value times 10000 is the 元 value', () => {
    fc.assert(
      fc.property(decimalArb, (v) => {
        const w = valueIn(amount(v, '元'), '万元');
        return w.n * 10000n * v.d === v.n * w.d;
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('arithmetic across units', () => {
  test('adding 万元 to 元 works in 元 and loses nothing', () => {
    const s = addAmounts(amount(ex('1'), '万元'), amount(ex('2570000.00'), '元'));
    assert.equal(s.unit, '元');
    assert.ok(eq(s.value, ex('2580000')));
  });

  test('adding amounts in the same unit keeps that unit', () => {
    const s = addAmounts(amount(ex('3229.91'), '万元'), amount(ex('245.18'), '万元'));
    assert.equal(s.unit, '万元');
    assert.ok(eq(s.value, ex('3475.09')));
  });

  test('subtracting across units and summing into a chosen unit are exact', () => {
    const d = subAmounts(amount(ex('1'), '万元'), amount(ex('0.01'), '元'));
    assert.equal(d.unit, '元');
    assert.ok(eq(d.value, ex('9999.99')));
    const s = sumAmounts([amount(ex('0.5'), '万元'), amount(ex('5000'), '元'), amount(ex('0.01'), '元')], '万元');
    assert.equal(s.unit, '万元');
    assert.ok(eq(s.value, ex('1.000001')));
  });

  test('comparison across units compares the same money', () => {
    assert.equal(compareAmounts(amount(ex('1'), '万元'), amount(ex('10000'), '元')), 0);
    assert.equal(compareAmounts(amount(ex('1'), '万元'), amount(ex('10000.01'), '元')), -1);
    assert.equal(compareAmounts(amount(ex('0.0002'), '万元'), amount(ex('1'), '元')), 1);
  });

  test('ratioOf divides across units and gives undefined for a zero denominator', () => {
    const r = ratioOf(amount(ex('1'), '万元'), amount(ex('5000'), '元'));
    assert.ok(r);
    assert.ok(eq(r, ex('2')));
    const r2 = ratioOf(amount(ex('3229.91'), '万元'), amount(ex('3475.09'), '万元'));
    assert.ok(r2);
    assert.ok(eq(r2, { n: 322991n, d: 347509n }));
    assert.equal(ratioOf(amount(ex('1'), '万元'), amount(ex('0'), '元')), undefined);
  });
});

describe('units and formatting', () => {
  test('unit spellings map to the two canonical units; others are unknown', () => {
    assert.equal(parseMoneyUnit('万'), '万元');
    assert.equal(parseMoneyUnit(' 万元 '), '万元');
    assert.equal(parseMoneyUnit('yuan'), '元');
    assert.equal(parseMoneyUnit('CNY'), '元');
    assert.equal(parseMoneyUnit('亿元'), undefined);
    assert.equal(parseMoneyUnit(''), undefined);
  });

  // Regression (fixed): parseMoneyUnit looks the text up in a plain object literal, so Object.prototype names resolve to inherited
  // members: parseMoneyUnit('constructor') returns the Object function (typed as MoneyUnit) and moneyUnitSchema accepts
  // `unit: constructor` / `unit: toString` in an evaluation file.
  test('names inherited from Object.prototype are not money units', () => {
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      assert.equal(parseMoneyUnit(name), undefined, name);
    }
  });

  test('amounts show at least two decimals and never lose digits; thousands are grouped', () => {
    assert.equal(formatAmount(amount(ex('8666.95'), '万元')), '8666.95 万元');
    assert.equal(formatAmount(amount(ex('12'), '元'), false), '12.00');
    assert.equal(formatAmount(amount(ex('0.123456'), '万元'), false), '0.123456');
    assert.equal(groupThousands('48935079.24'), '48,935,079.24');
    assert.equal(groupThousands('-1234567'), '-1,234,567');
    assert.equal(groupThousands('999.5'), '999.5');
  });
});

describe('parseLooseAmount', () => {
  test('reads thousands separators', () => {
    const r = parseLooseAmount('8,666.95');
    assert.ok(r);
    assert.ok(eq(r.value, ex('8666.95')));
    assert.equal(r.unit, undefined);
  });

  test('reads a unit written after the number', () => {
    const y = parseLooseAmount('2570000.00 元');
    assert.ok(y);
    assert.ok(eq(y.value, ex('2570000')));
    assert.equal(y.unit, '元');
    const w = parseLooseAmount('3.5万元');
    assert.ok(w);
    assert.ok(eq(w.value, ex('3.5')));
    assert.equal(w.unit, '万元');
    const w2 = parseLooseAmount('8666.95万');
    assert.ok(w2);
    assert.equal(w2.unit, '万元');
  });

  test('reads full-width digits and point', () => {
    const r = parseLooseAmount('８６６６．９５');
    assert.ok(r);
    assert.ok(eq(r.value, ex('8666.95')));
  });

  test('rejects words, exponents, empty text, percentages and badly grouped separators', () => {
    for (const bad of ['abc', '1e5', '', '   ', '元', '95%', '1,2345.6', '12,34', '8666.95 美元']) {
      assert.equal(parseLooseAmount(bad), undefined, `should reject ${JSON.stringify(bad)}`);
    }
  });
});
