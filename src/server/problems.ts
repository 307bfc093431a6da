/**
 * Errors as problem details (RFC 9457): `application/problem+json` with a stable `code`, the message in Chinese and
 * English (the title in the language the client prefers, Chinese by default), what to do about it, and every problem
 * with its field path when there are several (a form shows each beside its field). Codes and texts are the core's
 * message catalogue (src/core/messages.ts), so the CLI, the server and the web app say the same thing.
 */
import type { ProblemItem } from '../core/wire.ts';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Lang, messageOf } from '../core/messages.ts';
import { type Problem, formatPath, problem } from '../core/problem.ts';

export const PROBLEM_TYPE = 'application/problem+json';

/** Thrown by a handler (or returned through `fail`): becomes one problem-details response. */
export class ApiError extends Error {
  readonly problems: readonly Problem[];
  constructor(
    readonly status: ContentfulStatusCode,
    problems: Problem | readonly Problem[],
    /** Extra members of the body (a conflict's versions, a rate limit's retry time). */
    readonly extra: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    const list = Array.isArray(problems) ? (problems as readonly Problem[]) : [problems as Problem];
    super(list.map((p) => p.code).join(', '));
    this.problems = list;
  }
}

export const apiError = (status: ContentfulStatusCode, code: string, params: Record<string, string | number> = {}, path: Problem['path'] = []): ApiError => new ApiError(status, problem(code, path, params));

export type { ProblemItem };

export interface ProblemBody {
  readonly type: string;
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly zh: { readonly title: string; readonly fix?: string };
  readonly en: { readonly title: string; readonly fix?: string };
  readonly errors: readonly ProblemItem[];
  readonly [extra: string]: unknown;
}

export function problemItem(p: Problem): ProblemItem {
  const zh = messageOf(p, 'zh');
  const en = messageOf(p, 'en');
  return { code: p.code, path: formatPath(p.path), zh: zh.text, en: en.text, ...(zh.fix ? { fixZh: zh.fix } : {}), ...(en.fix ? { fixEn: en.fix } : {}) };
}

export function problemBody(status: number, problems: readonly Problem[], lang: Lang, extra: Readonly<Record<string, unknown>> = {}): ProblemBody {
  const first = problems[0] ?? problem('api-internal');
  const zh = messageOf(first, 'zh');
  const en = messageOf(first, 'en');
  const main = lang === 'en' ? en : zh;
  return {
    type: `urn:jixiao:problem:${first.code}`,
    status,
    code: first.code,
    title: main.text,
    ...(main.fix ? { detail: main.fix } : {}),
    zh: { title: zh.text, ...(zh.fix ? { fix: zh.fix } : {}) },
    en: { title: en.text, ...(en.fix ? { fix: en.fix } : {}) },
    errors: problems.map(problemItem),
    ...extra,
  };
}

/** The client's language: English when Accept-Language prefers it, else Chinese. */
export function langOf(c: Context): Lang {
  const header = c.req.header('accept-language') ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export function problemResponse(c: Context, error: ApiError): Response {
  const body = problemBody(error.status, error.problems, langOf(c), error.extra);
  return new Response(JSON.stringify(body), { status: error.status, headers: { 'content-type': `${PROBLEM_TYPE}; charset=utf-8`, ...error.headers } });
}
