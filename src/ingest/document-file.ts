/**
 * The file-system edge of import: read a document's bytes (with a size limit) and import it against the built-in
 * rubrics. Used by the import worker threads and by `summary`.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Lang } from '../core/messages.ts';
import type { Evaluation } from '../core/model/evaluation.ts';
import type { Problem } from '../core/problem.ts';
import { type ImportOutcome, importDocument } from './import.ts';
import { type ImportResultJson, outcomeToJson } from './report.ts';
import { DEFAULT_LIMITS } from './source.ts';
import { type DocumentSource, sourceName } from './document-source.ts';
import { builtInRubrics, loadEvaluationFile } from './files.ts';

export type { DocumentSource };
export { builtInRubrics, resolveRubric } from './files.ts';

const DATA_EXT = new Set(['.yaml', '.yml', '.json']);

export type LoadedAny = { ok: true; evaluation: Evaluation; warnings: readonly Problem[] } | { ok: false; problems: Problem[] };


/**
 * An evaluation file, or a document imported in memory (summary, render). A document from which no evaluation
 * could be made fails with the importer's warnings (or no-figures-found); every problem names the file.
 */
export async function loadEvaluationOrDocument(source: DocumentSource): Promise<LoadedAny> {
  const file = sourceName(source);
  const named = (ps: readonly Problem[]): Problem[] => ps.map((p) => ({ ...p, file: p.file ?? file }));
  if ('file' in source && DATA_EXT.has(extname(file).toLowerCase())) {
    const r = loadEvaluationFile(file);
    return r.ok ? { ok: true, evaluation: r.evaluation, warnings: [] } : { ok: false, problems: named(r.problems) };
  }
  return loadedFromOutcome(await importSourceOutcome(source));
}

/** What `loadEvaluationOrDocument` gives for a document already imported. */
export function loadedFromOutcome(r: ImportOutcome): LoadedAny {
  const file = r.ok ? r.report.file : r.file;
  const named = (ps: readonly Problem[]): Problem[] => ps.map((p) => ({ ...p, file: p.file ?? file }));
  if (!r.ok) return { ok: false, problems: named(r.problems) };
  if (!r.evaluation) return { ok: false, problems: named(r.report.warnings.length ? r.report.warnings : [{ code: 'no-figures-found', path: [], params: {} }]) };
  return { ok: true, evaluation: r.evaluation, warnings: r.report.warnings };
}

/** A document's bytes, read with the size limit; or the problem that says why not. */
export function readDocumentFile(file: string): { ok: true; bytes: Uint8Array } | { ok: false; problems: Problem[] } {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { ok: false, problems: [{ code: 'file-unreadable', path: [], params: { detail: '不是普通文件 / not a regular file' }, file }] };
    size = st.size;
  } catch {
    return { ok: false, problems: [{ code: 'file-not-found', path: [], params: {}, file }] };
  }
  if (size > DEFAULT_LIMITS.maxInputBytes) {
    return { ok: false, problems: [{ code: 'file-too-large', path: [], params: { size: `${(size / 1048576).toFixed(1)} MB`, limit: `${DEFAULT_LIMITS.maxInputBytes / 1048576} MB` }, file }] };
  }
  try {
    return { ok: true, bytes: new Uint8Array(readFileSync(file)) };
  } catch (e) {
    return { ok: false, problems: [{ code: 'file-unreadable', path: [], params: { detail: (e as Error).message }, file }] };
  }
}

/** Imports a document against the built-in rubrics. Runs in a pool worker (src/ingest/pool/), or in tests. */
export async function importSourceOutcome(source: DocumentSource): Promise<ImportOutcome> {
  const name = sourceName(source);
  let bytes: Uint8Array;
  if ('file' in source) {
    const r = readDocumentFile(source.file);
    if (!r.ok) return { ok: false, file: name, problems: r.problems };
    bytes = r.bytes;
  } else bytes = source.bytes;
  return importDocument(bytes, name, { rubrics: builtInRubrics() });
}

export const importFileOutcome = (file: string): Promise<ImportOutcome> => importSourceOutcome({ file });

export async function importSource(source: DocumentSource, lang: Lang): Promise<ImportResultJson> {
  return outcomeToJson(await importSourceOutcome(source), lang);
}
