/**
 * What changed between two versions of an evaluation's data (plain JSON as serialize.ts writes it): one change per
 * field path that differs, with the value before and after. Objects are compared key by key and arrays index by index
 * down to the leaves; where one side has a value the other lacks (a project added, a field cleared) or the kinds
 * differ, the change is reported at that path as a whole rather than leaf by leaf.
 * Pure: paths are written with problem.ts's formatPath ("projects[2].name").
 */
import { type PathSegment, formatPath } from '../problem.ts';

export interface DataChange {
  /** e.g. "budget.actualSpending", "projects[2]"; "" for the whole value. */
  readonly path: string;
  /** undefined where the field was absent. */
  readonly before: unknown;
  readonly after: unknown;
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(before: unknown, after: unknown, path: PathSegment[], out: DataChange[]): void {
  if (Object.is(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    // Sorted: stored JSON (jsonb) does not keep key order, so the order of changes must not depend on it.
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) walk(before[k], after[k], [...path, k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], [...path, i], out);
    return;
  }
  out.push({ path: formatPath(path), before, after });
}

/** Every change from `before` to `after`: object keys in code-point order, array elements by index. */
export function diffData(before: unknown, after: unknown): DataChange[] {
  const out: DataChange[] = [];
  walk(before, after, [], out);
  return out;
}

/** The changed field paths only. */
export const changedPaths = (before: unknown, after: unknown): string[] => diffData(before, after).map((c) => c.path);
