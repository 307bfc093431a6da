/**
 * The file-system edge of import: read a document's bytes (with a size limit) and import it against the built-in
 * rubrics. Used by the import worker threads and by `summary`.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Lang } from '../core/messages.ts';
import type { Rubric } from '../core/rubric/schema.ts';
import { type ImportOutcome, importDocument } from '../ingest/import.ts';
import { type ImportResultJson, outcomeToJson } from '../ingest/report.ts';
import { DEFAULT_LIMITS } from '../ingest/source.ts';
import { builtInRubricFiles, loadRubricFile } from './files.ts';

let rubrics: Rubric[] | undefined;

/** The built-in rubrics, loaded once per thread. */
export function builtInRubrics(): Rubric[] {
  rubrics ??= builtInRubricFiles().flatMap((f) => {
    const r = loadRubricFile(f);
    return r.ok ? [r.rubric] : [];
  });
  return rubrics;
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
