/**
 * The file-system edge of the CLI: read evaluation and rubric files with limits and clear problems, and find the
 * built-in rubrics and examples shipped with the package.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Evaluation } from '../core/model/evaluation.ts';
import type { Problem } from '../core/problem.ts';
import type { Rubric } from '../core/rubric/schema.ts';
import { decodeText } from './decode.ts';
import { type LoadedEvaluation, loadEvaluationText } from './evaluation-file.ts';
import { type LoadedRubric, loadRubricText } from './rubric-file.ts';

/** The package root: this file sits at src/cli/ (dev) or dist/cli/ (built), two levels down. */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const RUBRICS_DIR = join(PACKAGE_ROOT, 'rubrics');
export const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');

const MAX_DATA_FILE = 20 * 1024 * 1024;
const DATA_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export type TextRead = { ok: true; text: string } | { ok: false; problems: Problem[] };

const fail = (file: string, code: string, params: Record<string, string | number> = {}): TextRead => ({
  ok: false,
  problems: [{ code, path: [], params, file }],
});

/** Reads a YAML/JSON data file as UTF-8 text, refusing what is not one with a problem a person can act on. */
export function readDataFile(file: string): TextRead {
  const ext = extname(file).toLowerCase();
  if (!DATA_EXTENSIONS.has(ext)) return fail(file, 'unsupported-file-type', { ext: ext || basename(file) });
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return fail(file, 'file-unreadable', { detail: '不是普通文件 / not a regular file' });
    size = st.size;
  } catch {
    return fail(file, 'file-not-found');
  }
  if (size > MAX_DATA_FILE) return fail(file, 'file-too-large', { size: `${(size / 1048576).toFixed(1)} MB`, limit: '20 MB' });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(file, 'file-unreadable', { detail: (e as Error).message });
  }
  const decoded = decodeText(bytes, { repair: false });
  if (decoded.ok) return { ok: true, text: decoded.text };
  // A binary file is "not text"; damaged or foreign-encoded text says which encoding and where.
  return decoded.problem.code === 'not-a-document' ? fail(file, 'not-text') : { ok: false, problems: [{ ...decoded.problem, file }] };
}

export function loadEvaluationFile(file: string): LoadedEvaluation {
  const r = readDataFile(file);
  return r.ok ? loadEvaluationText(r.text, file) : { ok: false, problems: r.problems, file };
}

/** The YAML/JSON data files directly in `dir`, sorted; none when the folder is missing. */
function dataFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => DATA_EXTENSIONS.has(extname(f)))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export const builtInRubricFiles = (): string[] => dataFilesIn(RUBRICS_DIR);
export const exampleFiles = (): string[] => dataFilesIn(EXAMPLES_DIR);

export function loadRubricFile(file: string): LoadedRubric {
  const r = readDataFile(file);
  return r.ok ? loadRubricText(r.text, file) : { ok: false, problems: r.problems, file };
}

const rubricCache = new Map<string, LoadedRubric>();

/** A rubric by built-in id (longgang-2020) or by file path. */
export function findRubric(idOrPath: string): LoadedRubric {
  const cached = rubricCache.get(idOrPath);
  if (cached) return cached;
  let result: LoadedRubric;
  if (DATA_EXTENSIONS.has(extname(idOrPath).toLowerCase())) {
    result = loadRubricFile(idOrPath);
  } else {
    const file = builtInRubricFiles().find((f) => basename(f, extname(f)) === idOrPath);
    result = file ? loadRubricFile(file) : { ok: false, problems: [{ code: 'unknown-rubric', path: [], params: { rubric: idOrPath } }], file: idOrPath };
  }
  rubricCache.set(idOrPath, result);
  return result;
}

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

export type { Rubric };
