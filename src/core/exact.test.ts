import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type Exact,
  MAX_DECIMAL_DIGITS,
  MAX_WHOLE_DIGITS,
  countDigits,
  isWithinDigitLimits,
  ZERO,
  add,
  cmp,
  div,
  eq,
  mul,
  parseExact,
  pow10,
  roundHalfUp,
  sub,
  sum,
  toDecimalString,
  toFixed,
  toPercent,
  toPlainString,
} from './exact.ts';

const NUM_RUNS = 500;

function ex(text: string): Exact {
  const v = parseExact(text);
  assert.ok(v, `parseExact(${JSON.stringify(text)}) should parse`);
  return v;
}

/** Any rational with a bounded numerator and a positive denominator. */
const exactArb: fc.Arbitrary<Exact> = fc
  .record({ n: fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), d: fc.bigInt({ min: 1n, max: 10n ** 12n }) })
  .map(({ n, d }) => ({ n, d }));

/** A decimal as read from a document: d = 10^k. */
const decimalArb: fc.Arbitrary<Exact> = fc
  .record({ n: fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), k: fc.integer({ min: 0, max: 10 }) })
  .map(({ n, k }) => ({ n, d: pow10(k) }));

const nonZeroExactArb = exactArb.filter((x) => x.n !== 0n);

describe('parseExact', () => {
  test('reads plain decimals exactly, keeping the written number of decimals in the denominator', () => {
    assert.deepEqual(parseExact('8666.95'), { n: 866695n, d: 100n });
    assert.deepEqual(parseExact('12'), { n: 12n, d: 1n });
    assert.deepEqual(parseExact('-0.5'), { n: -5n, d: 10n });
    assert.deepEqual(parseExact('+3.10'), { n: 310n, d: 100n });
    assert.deepEqual(parseExact('.25'), { n: 25n, d: 100n });
    assert.deepEqual(parseExact('-.25'), { n: -25n, d: 100n });
    assert.deepEqual(parseExact('  42.0  '), { n: 420n, d: 10n });
  });

  test('rejects exponents, separators, units, words and empty text', () => {
    for (const bad of ['', ' ', 'abc', '1e5', '1E-3', '8,666.95', '12元', '1.2.3', '--1', '+-1', '.', 'NaN', 'Infinity', '0x10', '5%']) {
      assert.equal(parseExact(bad), undefined, `should reject ${JSON.stringify(bad)}`);
    }
  });

  test('a parsed decimal is never a float: 0.1 + 0.2 is exactly 0.3', () => {
    assert.ok(eq(add(ex('0.1'), ex('0.2')), ex('0.3')));
  });
});

describe('toFixed', () => {
  test('rounds half away from zero (四舍五入), including .5 cases on both signs', () => {
    assert.equal(toFixed(ex('0.125'), 2), '0.13');
    assert.equal(toFixed(ex('-0.125'), 2), '-0.13');
    assert.equal(toFixed(ex('2.5'), 0), '3');
    assert.equal(toFixed(ex('-2.5'), 0), '-3');
    assert.equal(toFixed(ex('0.124999'), 2), '0.12');
    assert.equal(toFixed(ex('-0.124999'), 2), '-0.12');
    assert.equal(toFixed(ex('1.005'), 2), '1.01');
    assert.equal(toFixed(ex('99.995'), 2), '100.00');
  });

  test('pads to exactly the requested decimals and never prints negative zero', () => {
    assert.equal(toFixed(ex('3'), 2), '3.00');
    assert.equal(toFixed(ex('0.05'), 3), '0.050');
    assert.equal(toFixed(ex('-0.001'), 2), '0.00');
    assert.equal(toFixed(ex('-0.004'), 2), '0.00');
    assert.equal(toFixed(ex('-0.005'), 2), '-0.01');
    assert.equal(toFixed(ZERO, 0), '0');
  });

  test('rounds true fractions: 2/3 to two decimals is 0.67, −2/3 is −0.67', () => {
    assert.equal(toFixed({ n: 2n, d: 3n }, 2), '0.67');
    assert.equal(toFixed({ n: -2n, d: 3n }, 2), '-0.67');
  });
});

describe('toPercent', () => {
  test('shows a fraction as a percentage with two decimals, rounded half-up', () => {
    const r = div(ex('3229.91'), ex('3475.09'));
    assert.ok(r);
    assert.equal(toPercent(r), '92.94%');
    assert.equal(toPercent(ex('1')), '100.00%');
    assert.equal(toPercent(ex('0.00125')), '0.13%');
    assert.equal(toPercent(ex('-0.00125')), '-0.13%');
    assert.equal(toPercent(ex('0.5'), 0), '50%');
  });
});

describe('toDecimalString and toPlainString', () => {
  test('a non-terminating value like 1/3 falls back to ten rounded decimals', () => {
    assert.equal(toDecimalString({ n: 1n, d: 3n }), '0.3333333333');
    assert.equal(toDecimalString({ n: 2n, d: 3n }), '0.6666666667');
    assert.equal(toDecimalString({ n: 1n, d: 3n }, 0, 4), '0.3333');
  });

  test('a terminating value prints exactly, padded to the minimum digits', () => {
    assert.equal(toDecimalString(ex('1125.999155')), '1125.999155');
    assert.equal(toDecimalString({ n: 1n, d: 8n }), '0.125');
    assert.equal(toDecimalString(ex('8666.9'), 2), '8666.90');
    assert.equal(toDecimalString(ex('8666.950'), 2), '8666.95');
  });

  test('a decimal of 100,000 digits prints exactly (its 2s and 5s are counted, not divided out one by one)', () => {
    const long = `0.${'3'.repeat(100_000)}`;
    assert.equal(toDecimalString(ex(long)), long);
    assert.equal(toDecimalString(ex(`12.${'0'.repeat(50_000)}`), 2), '12.00');
    const half = toDecimalString({ n: 1n, d: 2n ** 3000n });
    assert.equal(half.length - 2, 3000);
    assert.ok(eq(ex(half), { n: 1n, d: 2n ** 3000n }));
  });

  test('toDecimalString equals the exact text for values whose denominator is any mix of 2s, 5s and other primes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.nat(30), fc.nat(30), fc.constantFrom(1n, 3n, 7n, 21n), fc.nat(4), (n, a, b, m, min) => {
        const x: Exact = { n: n * m, d: 2n ** BigInt(a) * 5n ** BigInt(b) * m };
        const text = toDecimalString(x, min);
        // Exact when it terminates: the text read back is the value itself.
        assert.ok(eq(ex(text), x), `${x.n}/${x.d} → ${text}`);
        const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
        assert.ok(decimals >= min);
      }),
    );
  });

  test('toPlainString drops trailing zeros and a bare point', () => {
    assert.equal(toPlainString(ex('95.680')), '95.68');
    assert.equal(toPlainString(ex('100.00')), '100');
    assert.equal(toPlainString(ex('1.50')), '1.5');
  });
});

describe('div and cmp', () => {
  test('division by zero gives undefined, never NaN or Infinity', () => {
    assert.equal(div(ex('1'), ZERO), undefined);
    assert.equal(div(ZERO, ZERO), undefined);
    assert.equal(div(ex('5'), ex('0.00')), undefined);
  });

  test('division by a negative keeps the denominator positive', () => {
    const r = div(ex('1'), ex('-4'));
    assert.ok(r);
    assert.ok(r.d > 0n);
    assert.ok(eq(r, ex('-0.25')));
  });

  test('cmp orders values regardless of how they are written', () => {
    assert.equal(cmp(ex('0.5'), ex('0.50')), 0);
    assert.equal(cmp(ex('0.5'), { n: 1n, d: 2n }), 0);
    assert.equal(cmp(ex('0.49'), ex('0.5')), -1);
    assert.equal(cmp(ex('-1'), ex('-2')), 1);
    assert.equal(cmp({ n: 1n, d: 3n }, ex('0.3333333333')), 1);
  });
});

describe('exact arithmetic properties', () => {
  test('addition is commutative', () => {
    fc.assert(
      fc.property(exactArb, exactArb, (a, b) => eq(add(a, b), add(b, a))),
      { numRuns: NUM_RUNS },
    );
  });

  test('addition is associative', () => {
    fc.assert(
      fc.property(exactArb, exactArb, exactArb, (a, b, c) => eq(add(add(a, b), c), add(a, add(b, c)))),
      { numRuns: NUM_RUNS },
    );
  });

  test('a + b − b = a', () => {
    fc.assert(
      fc.property(exactArb, exactArb, (a, b) => eq(sub(add(a, b), b), a)),
      { numRuns: NUM_RUNS },
    );
  });

  test('(a × b) ÷ b = a for b ≠ 0', () => {
    fc.assert(
      fc.property(exactArb, nonZeroExactArb, (a, b) => {
        const q = div(mul(a, b), b);
        return q !== undefined && q.d > 0n && eq(q, a);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('parse(toDecimalString(x)) equals x for decimals', () => {
    fc.assert(
      fc.property(decimalArb, (x) => {
        const back = parseExact(toDecimalString(x));
        return back !== undefined && eq(back, x);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('roundHalfUp agrees with a BigInt reference of half away from zero', () => {
    fc.assert(
      fc.property(exactArb, fc.integer({ min: 0, max: 6 }), (x, digits) => {
        const scale = 10n ** BigInt(digits);
        const absN = x.n < 0n ? -x.n : x.n;
        // floor((|n|·scale + d/2) / d), done in integers: floor((2|n|·scale + d) / 2d).
        const q = (2n * absN * scale + x.d) / (2n * x.d);
        const expected = x.n < 0n ? -q : q;
        const r = roundHalfUp(x, digits);
        return r.d === scale && r.n === expected;
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('the sum of many 2-decimal amounts is exact to the fen', () => {
    const centsArb = fc.array(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), { minLength: 50, maxLength: 300, size: 'max' });
    const textOf = (c: bigint): string => {
      const a = c < 0n ? -c : c;
      return `${c < 0n ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
    };
    fc.assert(
      fc.property(centsArb, (cents) => {
        const total = sum(cents.map((c) => ex(textOf(c))));
        const refCents = cents.reduce((acc, c) => acc + c, 0n);
        return eq(total, { n: refCents, d: 100n }) && toFixed(total, 2) === textOf(refCents);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('digit limits', () => {
  test('a figure has at most 20 digits before the point and 12 after; separators and signs do not count', () => {
    assert.deepEqual(countDigits('-1,234,567.890 万元'), { whole: 7, decimals: 3 });
    assert.deepEqual(countDigits('.5'), { whole: 0, decimals: 1 });
    assert.equal(isWithinDigitLimits('99,999,999,999,999,999,999.999999999999'), true);
    assert.equal(isWithinDigitLimits(`1${'0'.repeat(20)}`), false);
    assert.equal(isWithinDigitLimits(`0.${'1'.repeat(13)}`), false);
    assert.equal(isWithinDigitLimits('1'.repeat(10_000)), false);
    assert.equal(MAX_WHOLE_DIGITS, 20);
    assert.equal(MAX_DECIMAL_DIGITS, 12);
  });
});
