/**
 * Reading indicator targets and actuals as printed ("≥2000家", "≥6万", "100%", "0次", "提高") and the
 * direction-aware completion rate (SPEC §4 指标完成率; 财预〔2020〕10号).
 */
import { type Exact, ONE, ZERO, cmp, div, gt, isZero, mul, parseExact } from '../exact.ts';
import type { Direction } from '../model/evaluation.ts';
import { type Outcome, notApplicable, valueOutcome } from './types.ts';

export interface IndicatorValue {
  readonly direction: Direction;
  /** Whether the direction was written (≥, ≤, =) rather than assumed. */
  readonly isDirectionStated: boolean;
  /** Numeric value; percentages as fractions (100% → 1). Absent for qualitative values. */
  readonly value?: Exact;
  /** Unit of measure after the number: "%", "家", "次", "万人次" … ("" when none). */
  readonly unit: string;
}

const SIGNS: ReadonlyArray<readonly [RegExp, Direction]> = [
  [/^(≥|>=|＞=|不低于|不少于|大于等于|至少|>|＞|大于|高于)/, 'gte'],
  [/^(≤|<=|＜=|不高于|不超过|不多于|小于等于|低于|<|＜|小于|少于)/, 'lte'],
  [/^(=|＝|等于)/, 'eq'],
];

const MULTIPLIERS: Record<string, bigint> = { 万: 10000n, 亿: 100000000n, 千: 1000n, 百: 100n };

/** Parses an indicator value; anything without a number is qualitative (定性). */
export function parseIndicatorValue(raw: string, declared?: Direction): IndicatorValue {
  let t = raw.normalize('NFKC').replace(/\s+/g, '').replace(/,/g, '');
  let direction: Direction | undefined;
  for (const [re, dir] of SIGNS) {
    const m = re.exec(t);
    if (m) {
      direction = dir;
      t = t.slice(m[0].length);
      break;
    }
  }
  const m = /^(\d+(?:\.\d+)?)(.*)$/.exec(t);
  if (!m || declared === 'qualitative') {
    return { direction: 'qualitative', isDirectionStated: declared !== undefined, unit: '' };
  }
  let value = parseExact(m[1] ?? '') ?? ZERO;
  let unit = (m[2] ?? '').trim();
  // "97百分比": the percent sign written as a word.
  if (unit.startsWith('%') || unit.startsWith('％') || unit.startsWith('百分比')) {
    value = { n: value.n, d: value.d * 100n };
    unit = '%';
  } else if (unit.startsWith('‰')) {
    value = { n: value.n, d: value.d * 1000n };
    unit = '‰';
  } else {
    const mult = MULTIPLIERS[unit.charAt(0)];
    // "6万" → 60000; "万元" stays a unit of its own (a money amount in 万元), and so does a rate of it ("38万元/公里").
    // "2百分点" is a number of points, not two hundred.
    if (mult !== undefined && !/^[万亿]元/.test(unit) && !unit.startsWith('百分')) {
      value = mul(value, { n: mult, d: 1n });
      unit = unit.slice(1);
    }
  }
  if (declared) return { direction: declared, isDirectionStated: true, value, unit };
  if (direction) return { direction, isDirectionStated: true, value, unit };
  // Unsigned: a zero target (人员伤亡数 0, 安全事故 0次) must be met exactly; other targets are floors.
  return { direction: isZero(value) ? 'eq' : 'gte', isDirectionStated: false, value, unit };
}

/**
 * An indicator value with its 度量单位 when a system export prints the unit in a column of its own ("90" + "%" →
 * "90%"); a value that already ends in a unit, or has no number, is kept as printed.
 */
export function withUnitOfMeasure(text: string, unitOfMeasure: string | undefined): string {
  if (!unitOfMeasure || !/\d\s*$/.test(text)) return text;
  return `${text.trim()}${unitOfMeasure.trim()}`;
}

/** Over-achievement far above target signals a target set too low (SPEC §5.3, §5.4). */
export const OVER_ACHIEVEMENT_LIMIT: Exact = { n: 3n, d: 2n };

/**
 * Completion rate of one indicator: ≥T: actual ÷ T; ≤T: T ÷ actual (actual 0 → 100%); =T or T = 0: met (100%) or
 * not (0%); qualitative: not applicable (judged with evidence). Flags: "met", "over-achieved".
 */
export function indicatorCompletion(target: IndicatorValue, actual: IndicatorValue): Outcome {
  if (target.direction === 'qualitative' || target.value === undefined) return notApplicable('qualitative');
  if (actual.value === undefined) return notApplicable('not-numeric');
  // A bare number may stand for a count in the target's unit ("≥2000家" vs "2000"), never for a share: "≥90%" vs "95".
  const isShare = (u: string) => u === '%' || u === '‰';
  if (target.unit !== actual.unit && (isShare(target.unit) || isShare(actual.unit) || (target.unit !== '' && actual.unit !== ''))) {
    return notApplicable('unit-mismatch');
  }
  const t = target.value;
  const a = actual.value;
  const flags: string[] = [];
  let rate: Exact;
  if (target.direction === 'eq' || isZero(t)) {
    const c = cmp(a, t);
    const met = target.direction === 'gte' ? c >= 0 : target.direction === 'lte' ? c <= 0 : c === 0;
    rate = met ? ONE : ZERO;
  } else if (target.direction === 'gte') {
    rate = div(a, t) ?? ZERO;
  } else {
    rate = isZero(a) ? ONE : (div(t, a) ?? ZERO);
  }
  if (!gt(ONE, rate)) flags.push('met');
  if (gt(rate, OVER_ACHIEVEMENT_LIMIT)) flags.push('over-achieved');
  return valueOutcome(rate, { flags });
}
