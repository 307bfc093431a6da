/**
 * Sessions and the checks every request passes:
 * - the session cookie (HttpOnly, SameSite=Strict, Secure behind HTTPS) names a session row; an unknown, expired or
 *   disabled one is 401;
 * - a change (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in X-CSRF-Token, and a browser's Origin,
 *   when sent, must be this server's — a page elsewhere can neither read the token nor pass the origin check;
 * - sessions end after `sessionIdleMs` without a request and at the latest `sessionMaxMs` after login.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type Store, actorsOf } from '../../store/index.ts';
import type { AppEnv, Caller, ServerSettings } from '../context.ts';
import { apiError } from '../problems.ts';

export const SESSION_COOKIE = 'jixiao_session';
export const CSRF_HEADER = 'x-csrf-token';
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A session's expiry is moved forward at most once a minute (one write, not one per request). */
const TOUCH_EVERY_MS = 60_000;

export function isSecure(c: Context, settings: ServerSettings): boolean {
  if (settings.secureCookies !== undefined) return settings.secureCookies;
  if (settings.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookie(c: Context, token: string, settings: ServerSettings): void {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: isSecure(c, settings), maxAge: Math.floor(settings.sessionMaxMs / 1000) });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** The request's Origin (or Referer) is this server, or the request is not from a browser page at all. */
export function sameOrigin(c: Context, settings?: Pick<ServerSettings, 'trustProxy'>): boolean {
  const origin = c.req.header('origin') ?? (c.req.header('referer') ? safeOrigin(c.req.header('referer')!) : undefined);
  if (origin === undefined || origin === 'null') return origin === undefined;
  const host = (settings?.trustProxy ? c.req.header('x-forwarded-host') : undefined) ?? c.req.header('host') ?? new URL(c.req.url).host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

/** Requires a live session (401 otherwise) and, for changes, the CSRF token and this origin (403 otherwise). */
export function requireSession(store: Store, settings: ServerSettings, clock: () => Date): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const found = token ? await store.sessions.byToken(token) : undefined;
    if (!found) throw apiError(401, token ? 'api-session-expired' : 'api-not-logged-in');
    const { session, user } = found;
    const now = clock();
    if (now.getTime() - session.createdAt.getTime() > settings.sessionMaxMs) {
      await store.sessions.delete(session.id);
      throw apiError(401, 'api-session-expired');
    }
    if (CHANGES.has(c.req.method)) {
      if (!sameOrigin(c, settings)) throw apiError(403, 'api-cross-origin');
      if (c.req.header(CSRF_HEADER) !== session.csrfToken) throw apiError(403, 'api-csrf-token');
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      const cap = session.createdAt.getTime() + settings.sessionMaxMs;
      await store.sessions.touch(session.id, new Date(Math.min(now.getTime() + settings.sessionIdleMs, cap)));
    }
    const grants = await store.roles.forUser(user.id);
    const ip = c.get('ip');
    const caller: Caller = {
      user: { id: user.id, login: user.login, displayName: user.displayName },
      session,
      actors: actorsOf(user.id, grants),
      ...(ip ? { ip } : {}),
      ...(c.req.header('user-agent') ? { userAgent: c.req.header('user-agent')!.slice(0, 300) } : {}),
    };
    c.set('caller', caller);
    await next();
  };
}
