/**
 * An evaluation file (YAML or JSON, docs/file-format.md) → a checked evaluation, with positions for every problem.
 */
import type { Evaluation } from '../core/model/evaluation.ts';
import { parseEvaluation } from '../core/model/parse.ts';
import type { Problem } from '../core/problem.ts';
import { type DataText, placeProblems, readDataText } from './data-text.ts';

export type LoadedEvaluation =
  | { ok: true; evaluation: Evaluation; text: DataText; file: string }
  | { ok: false; problems: Problem[]; file: string };

export function loadEvaluationText(text: string, fileName: string): LoadedEvaluation {
  const dt = readDataText(text, fileName);
  if (!dt.ok) return { ok: false, problems: dt.problems, file: fileName };
  const r = parseEvaluation(dt.value.data);
  if (!r.ok) return { ok: false, problems: placeProblems(r.problems, fileName, dt.value), file: fileName };
  return { ok: true, evaluation: r.value, text: dt.value, file: fileName };
}
