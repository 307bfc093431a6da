/**
 * The ranking order of a review summary — one rule for `jixiao audit --summary` and the server's task list: the
 * recomputed score as a share of its full marks (a rubric of 20 points and one of 100 compare), else the self-score;
 * rows without either last; ties to fewer errors, then fewer warnings. Scores are exact decimal text, compared as
 * fractions of big integers, never as floats.
 */

export interface RankedScores {
  readonly computedScore: string | null;
  readonly selfScore: string | null;
  readonly maxScore: string | null;
  readonly errors: number;
  readonly warnings: number;
}

/** "87.5" → [875n, 10n]; undefined for anything else. */
function fraction(text: string | null | undefined): [bigint, bigint] | undefined {
  const m = text ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(text) : null;
  if (!m) return undefined;
  const digits = m[3] ?? '';
  return [BigInt(`${m[1]}${m[2]}${digits}`), 10n ** BigInt(digits.length)];
}

/** score / full marks (100 when not given) as a fraction with a positive denominator, or undefined. */
function share(s: RankedScores): [bigint, bigint] | undefined {
  const score = fraction(s.computedScore) ?? fraction(s.selfScore);
  const max = fraction(s.maxScore);
  const full: [bigint, bigint] = max && max[0] > 0n ? max : [100n, 1n];
  return score ? [score[0] * full[1], score[1] * full[0]] : undefined;
}

/** Negative when `a` ranks before `b`. */
export function compareRanking(a: RankedScores, b: RankedScores): number {
  const x = share(a);
  const y = share(b);
  if (x && y) {
    const lhs = y[0] * x[1];
    const rhs = x[0] * y[1];
    if (lhs !== rhs) return lhs < rhs ? -1 : 1;
  } else if (x || y) return x ? -1 : 1;
  return a.errors - b.errors || a.warnings - b.warnings;
}
