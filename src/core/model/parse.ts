/**
 * From plain data (what YAML or JSON gave) to a checked evaluation: every problem collected, none thrown.
 */
import type { z } from 'zod';
import { FAMILIES } from '../formulas/library.ts';
import { type Problem, type Result, problem } from '../problem.ts';
import { printedEntries } from './printed-entries.ts';
import { type Evaluation, evaluationSchema } from './evaluation.ts';
import { DEFAULT_MONEY_UNIT, propagateUnits } from './propagate-units.ts';

type Issue = z.core.$ZodIssue;

/** Maps zod's issues onto our closed set of codes with structured params. */
export function problemsFromIssues(issues: readonly Issue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // YAML's .nan and .inf are numbers to the parser but not figures: say so rather than "wrong type, got {…}".
    const nonFinite = issue.code === 'invalid_type' || issue.code === 'invalid_union' ? nonFiniteIn((issue as { input?: unknown }).input) : undefined;
    if (nonFinite !== undefined) {
      out.push(problem('not-a-finite-number', path, { got: nonFinite }));
      continue;
    }
    switch (issue.code) {
      case 'custom': {
        const params = (issue.params ?? {}) as Record<string, string | number>;
        const { code = issue.message, ...rest } = params;
        out.push(problem(String(code), path, rest));
        break;
      }
      case 'invalid_type': {
        const input = (issue as { input?: unknown }).input;
        out.push(
          input === undefined
            ? problem('required', path, {})
            : problem('wrong-type', path, { expected: String(issue.expected), got: describe(input) }),
        );
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push(problem('unknown-field', [...path, key], { field: key }));
        break;
      case 'invalid_value':
        out.push(problem('not-allowed-value', path, { allowed: issue.values.map(String).join(', '), got: describe((issue as { input?: unknown }).input) }));
        break;
      case 'too_small':
        out.push(problem('too-small', path, { minimum: String(issue.minimum), got: describe((issue as { input?: unknown }).input) }));
        break;
      case 'too_big':
        out.push(problem('too-big', path, { maximum: String(issue.maximum), got: describe((issue as { input?: unknown }).input) }));
        break;
      case 'invalid_union': {
        const input = (issue as { input?: unknown }).input;
        const expected = [...new Set((issue.errors ?? []).flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' ? [String(i.expected)] : []))))];
        out.push(problem('wrong-type', path, { expected: expected.join(' | ') || 'invalid', got: describe(input) }));
        break;
      }
      default:
        out.push(problem('invalid', path, { detail: issue.message }));
    }
  }
  return out;
}

/** "NaN", "Infinity" or "-Infinity" when `v` is such a number, or a { value } object wrapping one (a bare amount given its unit). */
function nonFiniteIn(v: unknown): string | undefined {
  const x = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as { value?: unknown }).value : v;
  return typeof x === 'number' && !Number.isFinite(x) ? String(x) : undefined;
}

function describe(v: unknown): string {
  if (v === undefined) return '(空)';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return Array.isArray(v) ? '[…]' : '{…}';
  return String(v);
}

export function parseEvaluation(raw: unknown): Result<Evaluation> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [problem('not-an-evaluation', [], {})] };
  }
  const withUnits = propagateUnits(evaluationSchema, raw, DEFAULT_MONEY_UNIT);
  const r = evaluationSchema.safeParse(withUnits, { reportInput: true });
  if (!r.success) return { ok: false, problems: problemsFromIssues(r.error.issues) };
  // Families a `printed:` map may name: the formula library's.
  const printedProblems = printedEntries(r.data)
    .filter((p) => !FAMILIES.has(p.family))
    .map((p) => problem('unknown-printed-key', p.path, { key: p.family, known: [...FAMILIES].sort().join(', ') }));
  if (printedProblems.length) return { ok: false, problems: printedProblems };
  return { ok: true, value: r.data, warnings: [] };
}
