/**
 * Numbers as Chinese budget documents print them, read exactly: "1,234.56", "2345.67 万元", "95.50%",
 * "1.35 万家次" (= 13,500 家次), "3600余次" (approximate), "2 万余人次". Pure; no floats touch a value.
 */
import { type Exact, MAX_DECIMAL_DIGITS, isWithinDigitLimits, mul, parseExact, pow10 } from '../exact.ts';
import { OCR_NEAR_DIGIT, OCR_RUN } from './normalize.ts';

/** Measure words (量词) that follow counts in narratives, longest first so "家次" wins over "家". */
export const MEASURE_UNITS = [
  '平方公里', '平方米', '立方米', '万人次', '万家次', '家次', '人次', '车次', '台次', '架次', '户次', '批次', '班次', '课时', '小时', '公里', '千米', '公斤', '千克', '个月',
  '次', '宗', '起', '件', '份', '条', '个', '支', '场', '人', '名', '家', '户', '所', '处', '项', '篇', '期', '批', '台', '辆', '套', '间', '座', '栋', '米', '亩', '吨', '天', '日', '周', '年', '本', '册', '张', '块', '根', '部', '类', '单', '级', '棵', '株', '头', '只', '分', '元', '万元', '亿元', '%',
] as const;

const UNIT_ALTERNATION = [...MEASURE_UNITS].sort((a, b) => b.length - a.length).map((u) => u.replace('%', '%')).join('|');

/**
 * One number in running text. `printed` is the figure as written; `value` applies a 万/亿 multiplier that stands
 * between number and measure word ("1.35 万家次" → 13500) — but for money the unit keeps it ("48.30 万元" stays
 * 48.30 in 万元).
 */
export interface NumberToken {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly printed: Exact;
  readonly value: Exact;
  /** Digits after the decimal point as printed (rounding the document used). */
  readonly decimals: number;
  readonly multiplier?: '万' | '亿';
  /** Measure word, "元"/"万元"/"亿元" for money, "%" for a percentage. */
  readonly unit?: string;
  /** 余/多/约/近/超 mark the figure as approximate. */
  readonly isApproximate: boolean;
}

const NUMBER_RE = new RegExp(
  String.raw`(约|近|超过|超|逾)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)( ?)(万|亿)?( ?)(余|多)?( ?)(${UNIT_ALTERNATION})?`,
  'g',
);

/**
 * Parses "12,345,678.90" or "1357.91" exactly; undefined for anything else, and for a number with more digits than a
 * figure has (MAX_WHOLE_DIGITS, MAX_DECIMAL_DIGITS in exact.ts).
 */
export function parseNumberText(text: string): Exact | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t) || !isWithinDigitLimits(t)) return undefined;
  return parseExact(t.replace(/,/g, ''));
}

/**
 * Every number in `text` with what follows it, in order. Digits glued to Latin letters (codes, URLs) are skipped, and
 * so is a run of digits longer than any figure (exact.ts: MAX_WHOLE_DIGITS, MAX_DECIMAL_DIGITS): it is not a figure.
 */
export function scanNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  if (!/\d/.test(text)) return out;
  NUMBER_RE.lastIndex = 0;
  for (let m = NUMBER_RE.exec(text); m; m = NUMBER_RE.exec(text)) {
    const [whole, approxBefore, digits = '', , mult, , approxAfter, , unitRaw] = m;
    const numStart = m.index + (approxBefore?.length ?? 0);
    const before = numStart > 0 ? text[numStart - 1]! : '';
    // Why: "GB50016", "post_6939999", "3.2.1" are codes, not figures.
    if (/[A-Za-z_./-]/.test(before) && !(before === '-' && numStart >= 2 && /[\s，,：:]/.test(text[numStart - 2]!))) continue;
    const after = text[m.index + whole.length] ?? '';
    if (!unitRaw && /[A-Za-z_]/.test(after)) continue;
    if (digits.length > MAX_DECIMAL_DIGITS && !isWithinDigitLimits(digits)) continue;
    const printed = parseExact(digits.includes(',') ? digits.replace(/,/g, '') : digits);
    if (!printed) continue;
    let unit: string | undefined = unitRaw;
    let multiplier = mult as '万' | '亿' | undefined;
    let value = printed;
    if (multiplier && unit === '元') {
      unit = `${multiplier}元`;
      multiplier = undefined;
    } else if (multiplier) {
      value = mul(printed, { n: pow10(multiplier === '万' ? 4 : 8), d: 1n });
    }
    const end = unitRaw ? m.index + whole.length : m.index + whole.length - (whole.length - whole.trimEnd().length);
    const dot = digits.indexOf('.');
    const tokenEnd = unitRaw || mult ? end : numStart + digits.length;
    // Why assignments and not spreads: a document has thousands of numbers, and each spread made two objects more.
    const token: { -readonly [K in keyof NumberToken]: NumberToken[K] } = {
      start: numStart,
      end: tokenEnd,
      raw: text.slice(numStart, tokenEnd),
      printed,
      value,
      decimals: dot < 0 ? 0 : digits.length - dot - 1,
      isApproximate: Boolean(approxBefore || approxAfter),
    };
    if (multiplier) token.multiplier = multiplier;
    if (unit) token.unit = unit;
    out.push(token);
  }
  return out;
}

/** A money figure: value in its unit (元 or 万元); 亿元 is converted exactly to 万元. */
export interface MoneyToken {
  readonly value: Exact;
  readonly unit: '元' | '万元';
  readonly decimals: number;
  readonly start: number;
  readonly end: number;
  readonly raw: string;
}

export function asMoney(t: NumberToken): MoneyToken | undefined {
  if (t.unit === '万元' || t.unit === '元') return { value: t.printed, unit: t.unit, decimals: t.decimals, start: t.start, end: t.end, raw: t.raw };
  if (t.unit === '亿元') return { value: mul(t.printed, { n: 10000n, d: 1n }), unit: '万元', decimals: Math.max(0, t.decimals - 4), start: t.start, end: t.end, raw: t.raw };
  return undefined;
}

/** A percentage written "95.50%", "100 %", "81.2%": its text without the sign, or undefined. */
export function percentText(t: NumberToken): string | undefined {
  return t.unit === '%' ? t.raw.replace(/\s|%/g, '').replace(/^(约|近|超过|超|逾)/, '') : undefined;
}

/**
 * Pieces of normalised text that look like a figure a PDF-to-text or OCR step broke, but whose reading is not certain,
 * so the normalisation left them as written: digit groups split by a space ("1 234", "任务1 234.56" — one figure or
 * two?), a cell of nothing but digits and spaces ("1 23"), a full-width comma between digit groups without decimals or
 * a money unit ("1，234家" — a thousands separator or a list?), and a confusable letter beside digits where no digit
 * position is certain ("10O", "l0", "O.5"). The importer names them in its report instead of guessing.
 */
export function uncertainNumbers(text: string): string[] {
  if (!MAY_BE_UNCERTAIN.test(text)) return [];
  if (SPACED_DIGITS_CELL.test(text)) return [text];
  const out: string[] = [];
  if (/\d \d{3}/.test(text)) for (const m of text.matchAll(SPACED_GROUPS)) out.push(m[0]);
  if (/\d，\d{3}/.test(text)) for (const m of text.matchAll(COMMA_GROUP)) out.push(m[0]);
  if (/[OoIl]/.test(text) && OCR_NEAR_DIGIT.test(text)) {
    for (const m of text.matchAll(OCR_RUN)) if (/\d/.test(m[0]) && /[OoIl]/.test(m[0])) out.push(m[0]);
  }
  return out;
}

/** The quick test: digits across a space or a full-width comma, or a confusable letter beside a digit. */
const MAY_BE_UNCERTAIN = /\d[ ，]\d|\d[OoIl]|[OoIl][\d.]/;
/** A cell of digits split by spaces and nothing else ("1 23", "12 5.5"): one figure, or cells run together? */
const SPACED_DIGITS_CELL = /^[-+]?\d+(?: \d+)+(?:\.\d+)?%?$/;
/** "1 234", "12 345 678.90": a group of 1–3 digits, then space-separated groups of exactly three (not a percentage). */
const SPACED_GROUPS = /(?<![\d.,])\d{1,3}(?: \d{3})+(?:\.\d+)?(?![\d.%])/g;
/** "1，234": one full-width comma group without decimals (with decimals or two groups it was joined). */
const COMMA_GROUP = /(?<![\d.,，])\d{1,3}，\d{3}(?![\d.，,]| ?(?:万元|亿元|元))/g;
