/**
 * The ranking order of the review summary (the same rule as `jixiao audit --summary`): the recomputed score as a
 * share of the full marks, else the self-score; ties go to fewer errors, then fewer warnings; evaluations without
 * figures last. Scores are exact decimal text: compared as fractions of big integers, never as floats.
 */
import type { VersionSummary } from '../store/index.ts';

/** "87.5" → [875n, 10n]; undefined for anything else. */
function fraction(text: string | null | undefined): [bigint, bigint] | undefined {
  const m = text ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(text) : null;
  if (!m) return undefined;
  const digits = m[3] ?? '';
  const n = BigInt(`${m[1]}${m[2]}${digits}`);
  return [n, 10n ** BigInt(digits.length)];
}

/** score / max as a fraction, or undefined. */
function share(s: VersionSummary | null): [bigint, bigint] | undefined {
  if (!s) return undefined;
  const score = fraction(s.computedScore) ?? fraction(s.selfScore);
  const max = fraction(s.maxScore) ?? [100n, 1n];
  if (!score || max[0] === 0n) return undefined;
  return [score[0] * max[1], score[1] * max[0]];
}

/** Negative when `a` ranks before `b`. */
export function ratioCompare(a: VersionSummary | null, b: VersionSummary | null): number {
  const x = share(a);
  const y = share(b);
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  const lhs = y[0] * x[1];
  const rhs = x[0] * y[1];
  if (lhs !== rhs) return lhs < rhs ? -1 : 1;
  return (a!.errors - b!.errors) || (a!.warnings - b!.warnings);
}
