/**
 * The HTTP API (Hono): every route under /api, validated with zod, described at /api/openapi.json, errors as problem
 * details in Chinese and English. `createApp` builds it over a store; `serve.ts` puts it on a port. Tests call
 * `app.request(…)` in-process.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { problemsFromIssues } from '../core/model/parse.ts';
import { problem } from '../core/problem.ts';
import { DocumentPool } from '../ingest/pool/documents.ts';
import { requireSession } from './auth/session.ts';
import { type AppEnv, DEFAULT_SETTINGS, type ServerDeps, type ServerSettings } from './context.ts';
import { ApiError, apiError, problemResponse } from './problems.ts';
import { adminRoutes } from './routes/admin.ts';
import { evaluationRoutes } from './routes/evaluations.ts';
import { fileRoutes } from './routes/files.ts';
import { rubricRoutes } from './routes/rubrics.ts';
import { sessionRoutes } from './routes/session.ts';
import { taskRoutes } from './routes/tasks.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { type App, op, z } from './openapi.ts';
import { webRoutes } from './web.ts';
import type { Store } from '../store/index.ts';

export const API_VERSION = '1';

/** What every route module is given. */
export interface Services {
  readonly store: Store;
  readonly settings: ServerSettings;
  readonly clock: () => Date;
  /** The document pool, started on first use. */
  pool(): DocumentPool;
  /** Called when a batch is queued: the local worker (when this instance runs one) looks for work at once. */
  onQueued: () => void;
}

/** Routes that answer without a session. */
const PUBLIC = new Set(['/api/health', '/api/openapi.json', '/api/session:POST']);

function clientIp(c: Context, settings: ServerSettings): string | undefined {
  if (settings.trustProxy) {
    // The last entry is the one the nearest proxy (ours) appended; those before it are whatever the client sent.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

/** A zod issue with the value it was about, so the message can say what was given ("got"). */
function withInput(issue: { path: readonly PropertyKey[]; input?: unknown }, data: unknown): typeof issue {
  if ('input' in issue) return issue;
  let v: unknown = data;
  for (const k of issue.path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v === undefined ? issue : { ...issue, input: v };
}

export interface CreatedApp {
  readonly app: App;
  readonly services: Services;
  /** Stops the document pool (the store is the caller's). */
  close(): Promise<void>;
}

export function createApp(deps: ServerDeps): CreatedApp {
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, ...deps.settings };
  const clock = deps.clock ?? (() => new Date());
  let pool = deps.pool;
  const services: Services = { store: deps.store, settings, clock, pool: () => (pool ??= new DocumentPool()), onQueued: () => {} };

  const app: App = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const data = (result as { data?: unknown }).data;
      const issues = result.error.issues.map((i) => withInput(i, data));
      const problems = problemsFromIssues(issues as never);
      const target = (result as { target?: string }).target;
      return problemResponse(c, new ApiError(target === 'json' ? 422 : 400, problems.length ? problems : [problem('api-bad-request')]));
    },
  });

  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin', referrerPolicy: 'same-origin' }));
  app.use('*', async (c, next) => {
    c.set('ip', clientIp(c, settings));
    await next();
  });
  // Uploads are large by nature; everything else is JSON of a few hundred KB at most.
  app.use('/api/*', async (c, next) => {
    const isUpload = c.req.method === 'POST' && /\/uploads$/.test(c.req.path);
    const limit = isUpload ? settings.maxUploadBytes : settings.maxJsonBytes;
    return bodyLimit({ maxSize: limit, onError: () => { throw apiError(413, 'api-body-too-large', { limitMb: Math.round(limit / 1024 / 1024) }); } })(c, next);
  });
  const session = requireSession(deps.store, settings, clock);
  app.use('/api/*', async (c, next) => {
    if (PUBLIC.has(c.req.path) || PUBLIC.has(`${c.req.path}:${c.req.method}`)) return next();
    return session(c, next);
  });

  sessionRoutes(app, services);
  adminRoutes(app, services);
  taskRoutes(app, services);
  evaluationRoutes(app, services);
  uploadRoutes(app, services);
  fileRoutes(app, services);
  rubricRoutes(app, services);

  op(app, { method: 'get', path: '/api/health', summary: '健康检查（负载均衡用）/ health check', tags: ['session'], public: true, response: z.object({ ok: z.boolean(), apiVersion: z.string(), schemaVersion: z.number(), dialect: z.string() }), errors: [503] }, async (c) => {
    // A cheap query: a load balancer's health check says whether this instance reaches its database.
    const ok = await deps.store.db.selectFrom('regions').select('id').limit(1).execute().then(() => true, () => false);
    return c.json({ ok, apiVersion: API_VERSION, schemaVersion: deps.store.schemaVersion, dialect: deps.store.capabilities.dialect }, ok ? 200 : 503);
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'jixiao_session', description: '登录后的会话 Cookie / the session cookie set by POST /api/session' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'csrf', { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: '修改请求必带，值为登录返回的 csrfToken / required on every change: the csrfToken from login' });

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    security: [{ session: [], csrf: [] }],
    info: {
      title: 'jixiao API — 部门整体支出绩效自评与审核',
      version: API_VERSION,
      description:
        '会话 Cookie 登录（POST /api/session）；所有修改请求须带 X-CSRF-Token 头（登录时返回）。错误为 problem details（application/problem+json），中文在前、英文在后。\n\n' +
        'Log in with POST /api/session (a session cookie); every change must send the X-CSRF-Token header returned at login. Errors are problem details, Chinese first, English second.',
    },
  });

  if (deps.webRoot) webRoutes(app, deps.webRoot);

  app.notFound((c) => problemResponse(c, apiError(404, 'api-route-not-found', { method: c.req.method, path: c.req.path.slice(0, 200) })));
  app.onError((error, c) => {
    if (error instanceof ApiError) return problemResponse(c, error);
    if (error instanceof HTTPException) {
      const status = error.status;
      if (status === 400 && /JSON/i.test(error.message)) return problemResponse(c, apiError(400, 'api-malformed-json'));
      if (status === 400) return problemResponse(c, apiError(400, 'api-bad-request'));
      if (status === 415) return problemResponse(c, apiError(415, 'api-unsupported-media-type', { expected: 'application/json' }));
      if (status === 413) return problemResponse(c, apiError(413, 'api-body-too-large', { limitMb: Math.round(settings.maxJsonBytes / 1024 / 1024) }));
      return problemResponse(c, apiError(status as 400, 'api-bad-request'));
    }
    // A fault of ours: logged with the request, answered without internals.
    console.error(`[jixiao] ${c.req.method} ${c.req.path}:`, error);
    return problemResponse(c, apiError(500, 'api-internal'));
  });

  return { app, services, close: async () => { if (pool && !deps.pool) await pool.destroy(); } };
}
