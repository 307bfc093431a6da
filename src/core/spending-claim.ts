/**
 * The national system's red warning on a review desk: performance claimed ahead of spending — the self-score's share
 * of full marks (自评得分率) runs more than 10 percentage points ahead of the budget execution rate (执行率). Exact:
 * self ÷ max × 100 − execution rate > 10. The gap is a setting of the rule, not of a screen.
 */
import { type Exact, HUNDRED, cmp, div, mul, parseExact, sub } from './exact.ts';

export const CLAIM_GAP_POINTS: Exact = { n: 10n, d: 1n };

const exact = (text: string | null | undefined): Exact | undefined => (typeof text === 'string' ? parseExact(text) : undefined);

/** score ÷ max × 100 (a share of full marks in percent), exact; undefined when either is missing or max is 0. */
export function sharePercent(score: string | null | undefined, max: string | null | undefined): Exact | undefined {
  const s = exact(score);
  const m = exact(max);
  if (!s || !m) return undefined;
  const r = div(s, m);
  return r ? mul(r, HUNDRED) : undefined;
}

/** True when the self-score's share runs more than the gap ahead of the execution rate; undefined without both. */
export function claimsAheadOfSpending(s: { readonly selfScore: string | null; readonly maxScore: string | null; readonly executionRate?: string | null | undefined }): boolean | undefined {
  const share = sharePercent(s.selfScore, s.maxScore);
  const rate = exact(s.executionRate ?? null);
  if (!share || !rate) return undefined;
  return cmp(sub(share, rate), CLAIM_GAP_POINTS) > 0;
}
