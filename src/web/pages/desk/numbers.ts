/**
 * The desk's numbers: the server sends scores and rates as decimal strings; these helpers compare and scale them with
 * the core's exact arithmetic (never float), and give approximate numbers only for chart coordinates.
 */
import { type Exact, cmp, parseExact, sub, toFixed, toNumberApprox } from '../../../core/exact.ts';
import { claimsAheadOfSpending as claimsAhead, sharePercent } from '../../../core/spending-claim.ts';
import { GRADES } from '../../../core/rubric/engine.ts';
import type { SummaryRow } from '../../lib/types.ts';

export const exact = (text: string | null | undefined): Exact | undefined => (typeof text === 'string' ? parseExact(text) : undefined);

/** The recomputed score as a share of full marks: what ranks evaluations scored against rubrics of different totals. */
export const computedShare = (r: SummaryRow) => sharePercent(r.summary?.computedScore, r.summary?.maxScore);
export const selfShare = (r: SummaryRow) => sharePercent(r.summary?.selfScore, r.summary?.maxScore);
export const executionRate = (r: SummaryRow) => exact(r.summary?.executionRate ?? null);

/**
 * Compares two optional exact values for a table sorter; missing ones sort last in either direction (the table
 * negates the result when descending, so a missing value's side is flipped with it).
 */
export function cmpOptional(a: Exact | undefined, b: Exact | undefined, order?: 'ascend' | 'descend' | null): number {
  if (a && b) return cmp(a, b);
  const last = order === 'descend' ? -1 : 1;
  if (a) return -last;
  if (b) return last;
  return 0;
}

/** Whether the recomputed score differs from the self-score (both present). */
export function scoreDiffers(r: SummaryRow): boolean {
  const s = exact(r.summary?.selfScore);
  const c = exact(r.summary?.computedScore);
  return !!s && !!c && cmp(s, c) !== 0;
}

/** computed − self as text ("-1.82"), for the tooltip of a changed score. */
export function scoreDelta(r: SummaryRow): string | undefined {
  const s = exact(r.summary?.selfScore);
  const c = exact(r.summary?.computedScore);
  if (!s || !c) return undefined;
  const d = sub(c, s);
  const text = toFixed(d, 2).replace(/\.?0+$/, '');
  return d.n > 0n ? `+${text}` : text;
}

/** "97.35%" from the server's "97.3535852695". */
export function percentText(x: Exact | undefined, digits = 2): string {
  return x ? `${toFixed(x, digits)}%` : '—';
}

/** The national system's warning (performance claimed ahead of spending): the core's rule. */
export const claimsAheadOfSpending = (r: SummaryRow): boolean | undefined => (r.summary ? claimsAhead(r.summary) : undefined);

export const approx = (x: Exact | undefined): number | undefined => (x ? toNumberApprox(x) : undefined);

/** Grade labels in order, then 未评 for rows without a recomputed grade. */
export const GRADE_KEYS = [...GRADES.map((g) => g.zh), 'none'] as const;
export function gradeLabel(key: string, lang: 'zh' | 'en'): string {
  if (key === 'none') return lang === 'zh' ? '未评' : 'not graded';
  const g = GRADES.find((x) => x.zh === key);
  return g ? (lang === 'zh' ? g.zh : g.en) : key;
}
export const gradeKey = (r: SummaryRow): string => r.summary?.grade ?? 'none';
export const GRADE_COLORS: Readonly<Record<string, string>> = { 优: '#389e0d', 良: '#1d5fbf', 中: '#d48806', 差: '#cf1322', none: '#bfbfbf' };
