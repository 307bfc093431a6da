/**
 * Exact rational numbers on BigInt — the only number type money, rates and scores pass through.
 *
 * Why: 0.1 + 0.2 !== 0.3 in IEEE floats, and a finance bureau compares figures to the fen (分).
 * A value is n / d with d > 0. Decimals read from documents keep d = 10^k (not reduced), so sums of
 * figures with the same number of decimals stay cheap; division gives a true fraction, reduced only
 * when the denominator grows large. Rounding (四舍五入, half away from zero) happens only at display.
 */

export interface Exact {
  readonly n: bigint;
  readonly d: bigint;
}

const ZERO_N = 0n;
const TEN = 10n;

export const ZERO: Exact = Object.freeze({ n: 0n, d: 1n });
export const ONE: Exact = Object.freeze({ n: 1n, d: 1n });
export const HUNDRED: Exact = Object.freeze({ n: 100n, d: 1n });

/** Strict decimal syntax: optional sign, digits, optional fraction. No exponents, no separators. */
const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/;

const POW10_CACHE: bigint[] = [];
export function pow10(k: number): bigint {
  let p = POW10_CACHE[k];
  if (p === undefined) {
    p = TEN ** BigInt(k);
    if (k < 64) POW10_CACHE[k] = p;
  }
  return p;
}

/**
 * The most digits a figure read from a file or a document may have: 20 before the decimal point (10^20 元 is far
 * beyond any budget; an 18-digit ID or a 19-digit account number still reads) and 12 after it (万元 to the fen
 * needs 6). Why a limit: a figure of 10,000 digits is not a figure but a paste error or an attack, and every exact
 * operation on it costs time that grows with its length. Checked on the source text, before any BigInt is made.
 */
export const MAX_WHOLE_DIGITS = 20;
export const MAX_DECIMAL_DIGITS = 12;

export interface DigitCount {
  readonly whole: number;
  readonly decimals: number;
}

/** Digits before and after the decimal point of the first number in `text` (separators and signs ignored). */
export function countDigits(text: string): DigitCount {
  let whole = 0;
  let decimals = 0;
  let inFraction = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      seen = true;
      if (inFraction) decimals++;
      else whole++;
    } else if (c === 46 /* . */ && !inFraction) inFraction = true;
    else if (c === 44 /* , */ && !inFraction) continue;
    else if (seen || inFraction) break;
  }
  return { whole, decimals };
}

/** Whether a number's text is within MAX_WHOLE_DIGITS and MAX_DECIMAL_DIGITS. */
export function isWithinDigitLimits(text: string): boolean {
  const { whole, decimals } = countDigits(text);
  return whole <= MAX_WHOLE_DIGITS && decimals <= MAX_DECIMAL_DIGITS;
}

/** A long number's text shortened for a message: its first 16 and last 8 characters. */
export function abbreviateNumber(text: string): string {
  const t = text.trim();
  return t.length <= 40 ? t : `${t.slice(0, 16)}…${t.slice(-8)}`;
}

/** Parses a plain decimal string ("1234.56", "-0.5", "12"); undefined when it is not one. */
export function parseExact(text: string): Exact | undefined {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return undefined;
  const sign = m[1] ?? m[4] ?? '';
  const intPart = m[2] ?? '0';
  const frac = m[3] ?? m[5] ?? '';
  const n = BigInt(intPart + frac);
  return { n: sign === '-' ? -n : n, d: pow10(frac.length) };
}

export function fromInt(i: number | bigint): Exact {
  if (typeof i === 'number' && !Number.isSafeInteger(i)) {
    throw new RangeError(`fromInt needs a safe integer, got ${i}`);
  }
  return { n: BigInt(i), d: 1n };
}

/** The decimal a finite JS number was written as (shortest round-trip form). Only for input edges. */
export function fromNumberLiteral(x: number): Exact | undefined {
  if (!Number.isFinite(x)) return undefined;
  const s = String(x);
  if (/e/i.test(s)) {
    // Expand exponent forms such as 1e-7 or 1.5e+21 exactly from the digits JS printed.
    const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
    if (!m) return undefined;
    const digits = BigInt((m[2] ?? '') + (m[3] ?? ''));
    const exp = Number(m[4]) - (m[3] ?? '').length;
    const signed = m[1] === '-' ? -digits : digits;
    return exp >= 0 ? { n: signed * pow10(exp), d: 1n } : { n: signed, d: pow10(-exp) };
  }
  return parseExact(s);
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < ZERO_N) a = -a;
  if (b < ZERO_N) b = -b;
  while (b !== ZERO_N) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

const REDUCE_ABOVE = 10n ** 36n;

function make(n: bigint, d: bigint): Exact {
  if (d < ZERO_N) {
    n = -n;
    d = -d;
  }
  if (d > REDUCE_ABOVE) {
    const g = gcd(n, d);
    if (g > 1n) {
      n /= g;
      d /= g;
    }
  }
  return { n, d };
}

/** The same value with the smallest denominator. */
export function reduce(x: Exact): Exact {
  const g = gcd(x.n, x.d);
  return g > 1n ? { n: x.n / g, d: x.d / g } : x;
}

export function add(a: Exact, b: Exact): Exact {
  if (a.d === b.d) return { n: a.n + b.n, d: a.d };
  if (a.d % b.d === ZERO_N) return { n: a.n + b.n * (a.d / b.d), d: a.d };
  if (b.d % a.d === ZERO_N) return { n: a.n * (b.d / a.d) + b.n, d: b.d };
  return make(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function neg(a: Exact): Exact {
  return { n: -a.n, d: a.d };
}

export function sub(a: Exact, b: Exact): Exact {
  return add(a, neg(b));
}

export function mul(a: Exact, b: Exact): Exact {
  return make(a.n * b.n, a.d * b.d);
}

/** a ÷ b, or undefined when b is zero: callers turn that into "not applicable", never NaN. */
export function div(a: Exact, b: Exact): Exact | undefined {
  if (b.n === ZERO_N) return undefined;
  return make(a.n * b.d, a.d * b.n);
}

export function abs(a: Exact): Exact {
  return a.n < ZERO_N ? neg(a) : a;
}

export function cmp(a: Exact, b: Exact): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const eq = (a: Exact, b: Exact): boolean => cmp(a, b) === 0;
export const lt = (a: Exact, b: Exact): boolean => cmp(a, b) < 0;
export const lte = (a: Exact, b: Exact): boolean => cmp(a, b) <= 0;
export const gt = (a: Exact, b: Exact): boolean => cmp(a, b) > 0;
export const gte = (a: Exact, b: Exact): boolean => cmp(a, b) >= 0;
export const isZero = (a: Exact): boolean => a.n === ZERO_N;
export const sign = (a: Exact): -1 | 0 | 1 => (a.n < ZERO_N ? -1 : a.n > ZERO_N ? 1 : 0);

export function min(a: Exact, b: Exact): Exact {
  return lte(a, b) ? a : b;
}
export function max(a: Exact, b: Exact): Exact {
  return gte(a, b) ? a : b;
}
export function clamp(x: Exact, lo: Exact, hi: Exact): Exact {
  return min(max(x, lo), hi);
}

export function sum(values: Iterable<Exact>): Exact {
  let acc = ZERO;
  for (const v of values) acc = add(acc, v);
  return acc;
}

/** Rounds half away from zero (四舍五入) to `digits` decimals; the result is exact with d = 10^digits. */
export function roundHalfUp(x: Exact, digits: number): Exact {
  const scale = pow10(digits);
  const scaled = x.n * scale;
  const negative = scaled < ZERO_N;
  const absN = negative ? -scaled : scaled;
  let q = absN / x.d;
  const r = absN % x.d;
  if (r * 2n >= x.d) q += 1n;
  return { n: negative ? -q : q, d: scale };
}

/** Fixed-point text with exactly `digits` decimals, rounded half-up. */
export function toFixed(x: Exact, digits: number): string {
  const r = roundHalfUp(x, digits);
  const negative = r.n < ZERO_N;
  const absText = (negative ? -r.n : r.n).toString().padStart(digits + 1, '0');
  const intPart = absText.slice(0, absText.length - digits);
  const fracPart = absText.slice(absText.length - digits);
  const body = digits > 0 ? `${intPart}.${fracPart}` : intPart;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** How many times the prime `p` divides `x` (x > 0), at most `cap`: by squaring powers, so O(log) big divisions. */
function multiplicity(x: bigint, p: bigint, cap: number): number {
  if (cap <= 0 || x % p !== ZERO_N) return 0;
  // Powers p, p², p⁴ … while they divide x and stay within the cap.
  const powers: bigint[] = [p];
  for (;;) {
    const last = powers[powers.length - 1]!;
    const next = last * last;
    if (2 ** powers.length > cap || x % next !== ZERO_N) break;
    powers.push(next);
  }
  let count = 0;
  for (let i = powers.length - 1; i >= 0; i--) {
    const step = 2 ** i;
    if (count + step <= cap && x % powers[i]! === ZERO_N) {
      x /= powers[i]!;
      count += step;
    }
  }
  return count;
}

/** Trailing zero bits of x > 0, in linear time. */
function twos(x: bigint): number {
  return (x & -x).toString(2).length - 1;
}

/**
 * The decimals of the value's finite decimal expansion, or undefined when it has none (its reduced denominator has
 * a prime other than 2 and 5); and k when the denominator is exactly 10^k (a decimal as read), whose text needs no
 * division at all.
 *
 * Why not reduce and divide by 2 and 5 one at a time: on a denominator of 10^k that is k big divisions of k digits
 * each — quadratic (a 128 KB amount took 80 s). Here: d = 2^a · 5^b · m; the value terminates when m divides n,
 * and then needs max(a − twos(n), b − fives(n), 0) decimals.
 */
function terminating(x: Exact): { digits: number; powerOfTen?: number } | undefined {
  if (x.n === ZERO_N) return { digits: 0 };
  const n = x.n < ZERO_N ? -x.n : x.n;
  const a = twos(x.d);
  const oddPart = x.d >> BigInt(a);
  const b = multiplicity(oddPart, 5n, Number.MAX_SAFE_INTEGER);
  const m = b > 0 ? oddPart / 5n ** BigInt(b) : oddPart;
  if (m !== 1n && n % m !== ZERO_N) return undefined;
  const nTwos = Math.min(twos(n), a);
  const nFives = multiplicity(n, 5n, b);
  const digits = Math.max(a - nTwos, b - nFives, 0);
  return m === 1n && a === b ? { digits, powerOfTen: a } : { digits };
}

/** n / 10^k written with `digits` decimals, where digits ≥ the value's own decimals: by moving the point in the text. */
function shiftedText(n: bigint, k: number, digits: number): string {
  const negative = n < ZERO_N;
  let text = (negative ? -n : n).toString();
  if (digits > k) text += '0'.repeat(digits - k);
  else if (digits < k) text = text.slice(0, text.length - (k - digits)); // only zeros go: digits ≥ the value's decimals
  text = text.padStart(digits + 1, '0');
  const body = digits > 0 ? `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}` : text;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * The exact decimal text when the value terminates ("1125.999155"), else rounded to `fallbackDigits`.
 * `minDigits` pads trailing zeros (amounts show at least 2 decimals).
 */
export function toDecimalString(x: Exact, minDigits = 0, fallbackDigits = 10): string {
  const t = terminating(x);
  if (t === undefined) return toFixed(x, fallbackDigits);
  const digits = Math.max(t.digits, minDigits);
  return t.powerOfTen !== undefined ? shiftedText(x.n, t.powerOfTen, digits) : toFixed(x, digits);
}

/** Shortest exact text of a decimal the way a person writes it: "12.34", "1.5", "100". */
export function toPlainString(x: Exact): string {
  const text = toDecimalString(x);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** A rate as a percentage string, rounded half-up: 0.955012… → "95.50%". */
export function toPercent(x: Exact, digits = 2): string {
  return `${toFixed(mul(x, HUNDRED), digits)}%`;
}

/** Number of decimals a decimal literal was written with ("95.50" → 2, "100" → 0). */
export function decimalsOf(text: string): number {
  const m = /\.(\d+)/.exec(text);
  return m?.[1]?.length ?? 0;
}

/** For sorting and charts only — never for arithmetic. */
export function toNumberApprox(x: Exact): number {
  return Number(x.n) / Number(x.d);
}
