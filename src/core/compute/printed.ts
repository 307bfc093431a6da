/**
 * Comparing a printed value with the exact one, rounding-aware: a printed "95.50%" matches when the exact rate
 * rounds (half-up) to 95.50% at the number of decimals the document used.
 */
import { type Amount, type MoneyUnit, valueIn } from '../amount.ts';
import { type Exact, HUNDRED, decimalsOf, eq, isWithinDigitLimits, mul, parseExact, roundHalfUp } from '../exact.ts';
import type { Outcome, OutputKind } from '../formulas/types.ts';

export type Comparison = 'match' | 'differs' | 'printed-not-applicable' | 'not-printed';

const NOT_APPLICABLE_TEXT = /^(—+|-+|--%|—%|－+|\/|无|不适用)$/;

export interface PrintedNumber {
  readonly value: Exact;
  readonly decimals: number;
}

/** Reads the number in a printed rate or amount: "12.34%" → 12.34 (percent points), "1,234.56" → 1234.56. */
const cache = new Map<string, PrintedNumber | 'not-applicable' | undefined>();
const CACHE_LIMIT = 4096;

export function readPrintedNumber(text: string): PrintedNumber | 'not-applicable' | undefined {
  // Why a cache: the same printed texts ("100.00%") recur in every table row and every document of a batch.
  if (cache.has(text)) return cache.get(text);
  const r = readPrintedNumberUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, r);
  return r;
}

function readPrintedNumberUncached(text: string): PrintedNumber | 'not-applicable' | undefined {
  const s = (/[^\x00-\x7f]/.test(text) ? text.normalize('NFKC') : text).replace(/\s+/g, '').replace(/,/g, '');
  if (NOT_APPLICABLE_TEXT.test(s)) return 'not-applicable';
  const m = /^([+-]?\d+(?:\.\d+)?)(%|万元|元)?$/.exec(s);
  // A "rate" of 10,000 decimals is not a printed figure, and comparing at that many decimals would cost as much.
  if (!m || !isWithinDigitLimits(m[1] ?? '')) return undefined;
  const value = parseExact(m[1] ?? '');
  return value ? { value, decimals: decimalsOf(m[1] ?? '') } : undefined;
}

/** The exact outcome as the document would print it: rates in percent points. */
export function displayScale(outcome: Exact, output: OutputKind): Exact {
  return output === 'rate' ? mul(outcome, HUNDRED) : outcome;
}

/**
 * A printed amount against a computed one, in the printed amount's unit and at its number of decimals: a total
 * printed as "1126.00 万元" matches rows summing to 11,259,991.55 元.
 */
export function comparePrintedMoney(printed: Amount, computed: Exact, computedUnit: MoneyUnit): Comparison {
  const decimals = printed.value.d.toString().length - 1;
  const isPowerOfTen = printed.value.d === 10n ** BigInt(decimals);
  const exact = valueIn({ value: computed, unit: computedUnit }, printed.unit);
  return (isPowerOfTen ? eq(roundHalfUp(exact, decimals), printed.value) : eq(exact, printed.value)) ? 'match' : 'differs';
}

export function comparePrinted(printedText: string | undefined, outcome: Outcome, output: OutputKind): Comparison {
  if (printedText === undefined) return 'not-printed';
  const p = readPrintedNumber(printedText);
  if (outcome.kind === 'not-applicable') return p === 'not-applicable' ? 'match' : 'printed-not-applicable';
  if (p === undefined) return 'differs';
  if (p === 'not-applicable') return 'differs';
  const exact = displayScale(outcome.value, output);
  return eq(roundHalfUp(exact, p.decimals), p.value) ? 'match' : 'differs';
}
