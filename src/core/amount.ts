/**
 * Amounts of money with their unit. 1 万元 = 10000 元 exactly; conversion never rounds.
 */
import { type Exact, add, cmp, div, fromInt, mul, parseExact, pow10, sub, toDecimalString } from './exact.ts';

/** 元 (yuan) or 万元 (ten thousand yuan): the two units the documents use. */
export const MONEY_UNITS = ['元', '万元'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];

/** Spellings users type for the units, mapped to the canonical unit. */
const UNIT_ALIASES: Record<string, MoneyUnit> = {
  元: '元',
  yuan: '元',
  CNY: '元',
  RMB: '元',
  万元: '万元',
  万: '万元',
  wanyuan: '万元',
  'wan-yuan': '万元',
  '10k-yuan': '万元',
};

export function parseMoneyUnit(text: string): MoneyUnit | undefined {
  const key = text.trim();
  // Own keys only: "constructor" or "toString" are not units.
  return Object.hasOwn(UNIT_ALIASES, key) ? UNIT_ALIASES[key] : undefined;
}

export interface Amount {
  readonly value: Exact;
  readonly unit: MoneyUnit;
}

const TEN_THOUSAND: Exact = fromInt(10000);

export function amount(value: Exact, unit: MoneyUnit): Amount {
  return { value, unit };
}

/** The value expressed in `unit`, exactly. */
export function valueIn(a: Amount, unit: MoneyUnit): Exact {
  if (a.unit === unit) return a.value;
  if (unit === '万元') {
    // 元 → 万元: ÷ 10000 keeps a power-of-ten denominator.
    return { n: a.value.n, d: a.value.d * pow10(4) };
  }
  return mul(a.value, TEN_THOUSAND);
}

export function convert(a: Amount, unit: MoneyUnit): Amount {
  return { value: valueIn(a, unit), unit };
}

/** Arithmetic across units happens in 元 when the units differ, so nothing is lost. */
function common(a: Amount, b: Amount): MoneyUnit {
  return a.unit === b.unit ? a.unit : '元';
}

export function addAmounts(a: Amount, b: Amount): Amount {
  const u = common(a, b);
  return { value: add(valueIn(a, u), valueIn(b, u)), unit: u };
}

export function subAmounts(a: Amount, b: Amount): Amount {
  const u = common(a, b);
  return { value: sub(valueIn(a, u), valueIn(b, u)), unit: u };
}

export function sumAmounts(list: readonly Amount[], unit: MoneyUnit): Amount {
  let acc: Exact = { n: 0n, d: 1n };
  for (const a of list) acc = add(acc, valueIn(a, unit));
  return { value: acc, unit };
}

export function compareAmounts(a: Amount, b: Amount): -1 | 0 | 1 {
  const u = common(a, b);
  return cmp(valueIn(a, u), valueIn(b, u));
}

/** a ÷ b as a pure number (a rate), undefined when b is zero. */
export function ratioOf(a: Amount, b: Amount): Exact | undefined {
  const u = common(a, b);
  return div(valueIn(a, u), valueIn(b, u));
}

/** "1234.56 万元"; amounts show at least two decimals and never lose digits. */
export function formatAmount(a: Amount, withUnit = true): string {
  const text = toDecimalString(a.value, 2);
  return withUnit ? `${text} ${a.unit}` : text;
}

/** Adds thousands separators to a decimal string: "48935079.24" → "48,935,079.24". */
export function groupThousands(text: string): string {
  const [i = '', f] = text.split('.');
  const neg = i.startsWith('-');
  const digits = neg ? i.slice(1) : i;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${f !== undefined ? `.${f}` : ''}`;
}

export interface LooseNumber {
  readonly value: Exact;
  /** A unit written after the number ("1234567.89 元"), if any. */
  readonly unit?: MoneyUnit;
}

/**
 * Reads a number as a person types it in a data file: "1,234.56", "1234.56万元", "1234567.89 元",
 * full-width digits. Percent signs and other words are not accepted here — amounts only.
 */
export function parseLooseAmount(text: string): LooseNumber | undefined {
  let t = text.normalize('NFKC').trim();
  let unit: MoneyUnit | undefined;
  const m = /^(.*?)\s*(万元|元|万)$/.exec(t);
  if (m) {
    unit = parseMoneyUnit(m[2] ?? '');
    t = m[1] ?? '';
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  const value = parseExact(t);
  if (!value) return undefined;
  return unit === undefined ? { value } : { value, unit };
}
