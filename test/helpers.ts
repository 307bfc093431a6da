/** Test helpers: load the bundled examples and rubrics, run the CLI in-process. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Evaluation } from '../src/core/model/evaluation.ts';
import type { Rubric } from '../src/core/rubric/schema.ts';
import { run } from '../src/cli/main.ts';
import { loadEvaluationText } from '../src/ingest/evaluation-file.ts';
import { loadRubricText } from '../src/ingest/rubric-file.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

// Why: the per-document time limit (30 s by default) stops runaway files; on a loaded CI machine it must never be what
// decides a test about an ordinary document. The pool's own tests set their limits themselves.
process.env['JIXIAO_TIMEOUT'] ??= '600';
export const EXAMPLES = join(ROOT, 'examples');

export function exampleFile(prefix: string): string {
  const name = readdirSync(EXAMPLES).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no example ${prefix}`);
  return join(EXAMPLES, name);
}

export function loadExample(prefix: string): Evaluation {
  const file = exampleFile(prefix);
  const r = loadEvaluationText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.problems)}`);
  return r.evaluation;
}

export function loadRubric(id: string): Rubric {
  const file = join(ROOT, 'rubrics', `${id}.yaml`);
  const r = loadRubricText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.problems)}`);
  return r.rubric;
}

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs a command in-process (every command loads on demand, so each is asynchronous). */
export const cli = (...argv: string[]): Promise<CliRun> => cliAsync(...argv);

/** Runs any command in-process, awaiting the asynchronous ones (import, summary). */
export async function cliAsync(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export async function cliJson<T = unknown>(...argv: string[]): Promise<{ code: number; json: T }> {
  const r = await cli(...argv, '--json');
  return { code: r.code, json: JSON.parse(r.out) as T };
}
