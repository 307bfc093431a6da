/**
 * The server's HTTP API as the web app uses it: same-origin fetch with the session cookie, the CSRF token on every
 * change, and problem details turned into an ApiProblem whose message is the Chinese (or English) title and fix.
 */

import type { ProblemItem } from '../../core/wire.ts';

export type { ProblemItem };

/** A refused request: status, stable code, zh/en title and fix, one entry per field problem, and the whole body. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly titleZh: string,
    readonly titleEn: string,
    readonly fixZh: string | undefined,
    readonly fixEn: string | undefined,
    readonly errors: readonly ProblemItem[],
    readonly body: Record<string, unknown>,
  ) {
    super(titleZh);
  }
  /** The message in the user's language, with the fix when the server gave one. */
  text(lang: 'zh' | 'en'): string {
    const title = lang === 'zh' ? this.titleZh : this.titleEn || this.titleZh;
    const fix = lang === 'zh' ? this.fixZh : (this.fixEn ?? this.fixZh);
    return fix ? `${title}。${lang === 'zh' ? '' : ' '}${fix}` : title;
  }
}

/** The first screen's GETs started by boot.ts before the app was compiled. */
const early: Map<string, Promise<Response>> = (window as unknown as { __jixiaoEarly?: Map<string, Promise<Response>> }).__jixiaoEarly ?? new Map();

let csrfToken = '';
export const setCsrfToken = (t: string) => {
  csrfToken = t;
};

/** Called when any request answers 401 (the session ended): the app shows the login page. */
let onLoggedOut: () => void = () => {};
export const setOnLoggedOut = (f: () => void) => {
  onLoggedOut = f;
};

async function problemOf(res: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON: a proxy's error page or a dropped connection.
  }
  const zh = (body.zh ?? {}) as { title?: string; fix?: string };
  const en = (body.en ?? {}) as { title?: string; fix?: string };
  return new ApiProblem(
    res.status,
    typeof body.code === 'string' ? body.code : `http-${res.status}`,
    zh.title ?? `服务器返回错误 ${res.status}，请稍后再试`,
    en.title ?? `the server answered ${res.status}; try again later`,
    zh.fix,
    en.fix,
    Array.isArray(body.errors) ? (body.errors as ProblemItem[]) : [],
    body,
  );
}

const networkProblem = (e: unknown) =>
  new ApiProblem(0, 'network', '无法连接服务器，请检查网络或稍后再试', 'cannot reach the server; check the network and try again', undefined, undefined, [], { cause: String(e) });

/** A GET the page started early (boot.ts), taken once; only an OK answer is used. */
async function earlyAnswer(path: string): Promise<Response | undefined> {
  const p = early.get(path);
  if (!p) return undefined;
  early.delete(path);
  const res = await p.catch(() => undefined);
  return res?.ok ? res : undefined;
}

export async function request<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const ready = method === 'GET' ? await earlyAnswer(path) : undefined;
  if (ready) return (ready.status === 204 ? undefined : await ready.json()) as T;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData || body instanceof Blob) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(payload !== undefined ? { body: payload } : {}), ...init });
  } catch (e) {
    throw networkProblem(e);
  }
  if (!res.ok) {
    const p = await problemOf(res);
    if (res.status === 401 && path !== '/api/session') onLoggedOut();
    throw p;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** A download the browser saves (the server names the file in Content-Disposition). */
export function downloadUrl(path: string): string {
  return path;
}
