/** What every command receives: parsed options and where to write. Commands return their exit code. */
import type { Lang } from '../core/messages.ts';
import { formatProblem } from '../core/messages.ts';
import type { Problem } from '../core/problem.ts';
import { messageOf } from '../core/messages.ts';
import { formatPath } from '../core/problem.ts';

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface Options {
  readonly lang: Lang;
  readonly json: boolean;
  readonly debug: boolean;
  readonly rubric?: string;
  /** compute: show only the figures whose printed value is wrong. */
  readonly mismatchesOnly?: boolean;
}

export interface Context extends Io {
  readonly options: Options;
}

/** Exit codes: 0 done, 1 internal fault, 2 bad input. (3 is kept for audit findings.) */
export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;

export function problemJson(p: Problem, lang: Lang) {
  const m = messageOf(p, lang);
  return {
    code: p.code,
    message: m.text,
    ...(m.fix ? { fix: m.fix } : {}),
    ...(p.file ? { file: p.file } : {}),
    ...(p.line ? { line: p.line, column: p.column } : {}),
    path: formatPath(p.path),
    params: p.params,
  };
}

export function printProblems(ctx: Context, problems: readonly Problem[]): void {
  for (const p of problems) ctx.err(`✗ ${formatProblem(p, ctx.options.lang)}`);
}

export function printJson(ctx: Context, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}
