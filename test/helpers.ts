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

/** Runs a synchronous command in-process (validate, compute, score, rubrics, aggregate, demo). */
export function cli(...argv: string[]): CliRun {
  const out: string[] = [];
  const err: string[] = [];
  const code = run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  if (typeof code !== 'number') throw new Error(`${argv[0]} is asynchronous: use cliAsync`);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs any command in-process, awaiting the asynchronous ones (import, summary). */
export async function cliAsync(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export function cliJson<T = unknown>(...argv: string[]): { code: number; json: T } {
  const r = cli(...argv, '--json');
  return { code: r.code, json: JSON.parse(r.out) as T };
}
