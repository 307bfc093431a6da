/** 登录与会话: log in (rate-limited), who am I, log out, change my password. */
import { ROLE_INFO } from '../../core/workflow/roles.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { clearSessionCookie, sameOrigin, setSessionCookie } from '../auth/session.ts';
import type { Services } from '../app.ts';
import type { Caller } from '../context.ts';
import { type App, type Ctx, json, op, valid, z } from '../openapi.ts';
import { ApiError, apiError } from '../problems.ts';
import { problem } from '../../core/problem.ts';
import { activity } from '../services.ts';

const Login = z
  .object({
    login: z.string().min(1).max(200).openapi({ example: 'zhangsan' }),
    password: z.string().min(1).max(200),
  })
  .openapi('Login');

const ChangePassword = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }).openapi('ChangePassword');

const Me = z
  .object({
    user: z.object({ id: z.string(), login: z.string(), displayName: z.string() }),
    roles: z.array(z.object({ role: z.string(), labelZh: z.string(), labelEn: z.string(), departmentId: z.string().optional(), regionId: z.string().optional(), taskIds: z.array(z.string()).optional() })),
    csrfToken: z.string().openapi({ description: '修改请求须在 X-CSRF-Token 头中带上 / send in X-CSRF-Token on every change' }),
    expiresAt: z.string(),
  })
  .openapi('Session');

export function meOf(caller: Pick<Caller, 'user' | 'actors'>, csrfToken: string, expiresAt: Date) {
  return {
    user: caller.user,
    roles: caller.actors.map((a) => ({
      role: a.role,
      labelZh: ROLE_INFO[a.role].label.zh,
      labelEn: ROLE_INFO[a.role].label.en,
      ...('departmentId' in a ? { departmentId: a.departmentId } : {}),
      ...('regionId' in a && a.regionId ? { regionId: a.regionId } : {}),
      ...('assignedTaskIds' in a ? { taskIds: [...a.assignedTaskIds] } : {}),
    })),
    csrfToken,
    expiresAt: expiresAt.toISOString(),
  };
}

export function sessionRoutes(app: App, { store, settings, clock }: Services): void {
  op(app, { method: 'post', path: '/api/session', summary: '登录 / log in', tags: ['session'], public: true, body: Login, response: Me, errors: [429] }, async (c: Ctx) => {
    if (!sameOrigin(c, settings)) throw apiError(403, 'api-cross-origin');
    const { login, password } = valid(c, 'json', Login);
    const ip = c.get('ip');
    const since = new Date(clock().getTime() - settings.loginWindowMs);
    const failures = await store.sessions.failuresSince(login, ip, since);
    if (failures.byLogin >= settings.loginMaxFailuresPerLogin || failures.byIp >= settings.loginMaxFailuresPerIp) {
      const minutes = Math.ceil(settings.loginWindowMs / 60_000);
      throw new ApiError(429, problem('api-too-many-logins', [], { minutes }), {}, { 'retry-after': String(minutes * 60) });
    }
    const user = await store.users.getByLogin(login);
    const ok = await verifyPassword(password, user?.isActive ? user.passwordHash : null);
    await store.sessions.recordAttempt(login, ip, ok);
    if (!ok || !user) {
      const userAgent = c.req.header('user-agent')?.slice(0, 300);
      await store.activity.append({ action: 'user.login-failed', subjectType: 'user', ...(user ? { subjectId: user.id } : {}), detail: { login: login.slice(0, 100) }, ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) });
      throw apiError(401, 'api-login-failed');
    }
    const now = clock();
    const { token, session } = await store.sessions.create({ userId: user.id, expiresAt: new Date(now.getTime() + Math.min(settings.sessionIdleMs, settings.sessionMaxMs)), ...(ip ? { ip } : {}), ...(c.req.header('user-agent') ? { userAgent: c.req.header('user-agent')!.slice(0, 300) } : {}) });
    setSessionCookie(c, token, settings);
    const actors = await store.roles.actorsOf(user.id);
    const caller = { user: { id: user.id, login: user.login, displayName: user.displayName }, actors };
    const userAgent = c.req.header('user-agent')?.slice(0, 300);
    await activity(store, { ...caller, session, ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) }, 'user.login', 'user', user.id);
    return json(c, meOf(caller, session.csrfToken, session.expiresAt));
  });

  op(app, { method: 'get', path: '/api/session', summary: '当前用户与角色 / who am I', tags: ['session'], response: Me }, (c: Ctx) => {
    const caller = c.get('caller');
    return json(c, meOf(caller, caller.session.csrfToken, caller.session.expiresAt));
  });

  op(app, { method: 'delete', path: '/api/session', summary: '退出登录 / log out', tags: ['session'], status: 204 }, async (c: Ctx) => {
    const caller = c.get('caller');
    await store.sessions.delete(caller.session.id);
    await activity(store, caller, 'user.logout', 'user', caller.user.id);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  op(app, { method: 'put', path: '/api/session/password', summary: '修改密码 / change password', tags: ['session'], body: ChangePassword, status: 204 }, async (c: Ctx) => {
    const caller = c.get('caller');
    const { currentPassword, newPassword } = valid(c, 'json', ChangePassword);
    const user = await store.users.get(caller.user.id);
    if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw apiError(403, 'api-login-failed');
    const weak = passwordProblem(newPassword);
    if (weak) throw apiError(422, weak, {}, ['newPassword']);
    const hash = await hashPassword(newPassword);
    await store.transaction(async (tx) => {
      await tx.users.setPasswordHash(user.id, hash);
      // Every other session of the account ends; this one stays.
      await tx.db.deleteFrom('sessions').where('userId', '=', user.id).where('id', '<>', caller.session.id).execute();
      await activity(tx, caller, 'user.password-changed', 'user', user.id);
    });
    return c.body(null, 204);
  });
}
