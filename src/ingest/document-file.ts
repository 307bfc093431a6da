/**
 * The file-system edge of import: read a document's bytes (with a size limit) and import it against the built-in
 * rubrics. Used by the import worker threads and by `summary`.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Lang } from '../core/messages.ts';
import type { Evaluation } from '../core/model/evaluation.ts';
import type { Problem } from '../core/problem.ts';
import type { Rubric } from '../core/rubric/schema.ts';
import { type ImportOutcome, importDocument } from './import.ts';
import { type ImportResultJson, outcomeToJson } from './report.ts';
import { DEFAULT_LIMITS } from './source.ts';
import { builtInRubricFiles, findRubric, loadEvaluationFile, loadRubricFile } from './files.ts';

let rubrics: Rubric[] | undefined;

/** The built-in rubrics, loaded once per thread. */
export function builtInRubrics(): Rubric[] {
  rubrics ??= builtInRubricFiles().flatMap((f) => {
    const r = loadRubricFile(f);
    return r.ok ? [r.rubric] : [];
  });
  return rubrics;
}

/** The rubric named by `--rubric` or by the evaluation: a built-in id, another id or a rubric file. */
export function resolveRubric(e: Evaluation, wanted: string | undefined): { ok: true; rubric?: Rubric } | { ok: false; problems: Problem[] } {
  const id = wanted ?? e.rubric;
  if (!id) return { ok: true };
  const own = builtInRubrics().find((r) => r.id === id);
  if (own) return { ok: true, rubric: own };
  const r = findRubric(id);
  return r.ok ? { ok: true, rubric: r.rubric } : { ok: false, problems: r.problems };
}

const DATA_EXT = new Set(['.yaml', '.yml', '.json']);

export type LoadedAny = { ok: true; evaluation: Evaluation; warnings: readonly Problem[] } | { ok: false; problems: Problem[] };

/**
 * An evaluation file, or a document imported in memory (summary, render). A document from which no evaluation
 * could be made fails with the importer's warnings (or no-figures-found); every problem names the file.
 */
export async function loadEvaluationOrDocument(file: string): Promise<LoadedAny> {
  const named = (ps: readonly Problem[]): Problem[] => ps.map((p) => ({ ...p, file: p.file ?? file }));
  if (DATA_EXT.has(extname(file).toLowerCase())) {
    const r = loadEvaluationFile(file);
    return r.ok ? { ok: true, evaluation: r.evaluation, warnings: [] } : { ok: false, problems: named(r.problems) };
  }
  const r = await importFileOutcome(file);
  if (!r.ok) return { ok: false, problems: named(r.problems) };
  if (!r.evaluation) return { ok: false, problems: named(r.report.warnings.length ? r.report.warnings : [{ code: 'no-figures-found', path: [], params: {} }]) };
  return { ok: true, evaluation: r.evaluation, warnings: r.report.warnings };
}

export async function importFileOutcome(file: string): Promise<ImportOutcome> {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { ok: false, file, problems: [{ code: 'file-unreadable', path: [], params: { detail: '不是普通文件 / not a regular file' }, file }] };
    size = st.size;
  } catch {
    return { ok: false, file, problems: [{ code: 'file-not-found', path: [], params: {}, file }] };
  }
  if (size > DEFAULT_LIMITS.maxInputBytes) {
    return { ok: false, file, problems: [{ code: 'file-too-large', path: [], params: { size: `${(size / 1048576).toFixed(1)} MB`, limit: `${DEFAULT_LIMITS.maxInputBytes / 1048576} MB` }, file }] };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    return { ok: false, file, problems: [{ code: 'file-unreadable', path: [], params: { detail: (e as Error).message }, file }] };
  }
  return importDocument(bytes, file, { rubrics: builtInRubrics() });
}

export async function importFile(file: string, lang: Lang): Promise<ImportResultJson> {
  return outcomeToJson(await importFileOutcome(file), lang);
}
