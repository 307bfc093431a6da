/**
 * A rubric file (YAML or JSON, docs/rubric-format.md) → a checked rubric, with file and line for every problem.
 */
import type { Problem } from '../core/problem.ts';
import { parseRubric } from '../core/rubric/parse.ts';
import type { Rubric } from '../core/rubric/schema.ts';
import { placeProblems, readDataText } from './data-text.ts';

export type LoadedRubric = { ok: true; rubric: Rubric; file: string } | { ok: false; problems: Problem[]; file: string };

export function loadRubricText(text: string, fileName: string): LoadedRubric {
  const dt = readDataText(text, fileName);
  if (!dt.ok) return { ok: false, problems: dt.problems, file: fileName };
  const r = parseRubric(dt.value.data);
  if (!r.ok) return { ok: false, problems: placeProblems(r.problems, fileName, dt.value), file: fileName };
  return { ok: true, rubric: r.value, file: fileName };
}
