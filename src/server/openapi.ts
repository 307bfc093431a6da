/**
 * Routes declared once with zod (request validation, response shape) and described by the OpenAPI document generated
 * from the same schemas (`/api/openapi.json`). `op` registers a route; a handler reads what was validated with
 * `valid(c, 'json' | 'param' | 'query')` and returns a Response (`json`, a file, a stream).
 */
import { OpenAPIHono, type RouteConfig, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

export { z };

export type App = OpenAPIHono<AppEnv>;
export type Ctx = Context<AppEnv>;

/** A problem-details response in the OpenAPI document (every error is one). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: '稳定的错误代码 / stable error code' }),
    title: z.string(),
    detail: z.string().optional(),
    zh: z.object({ title: z.string(), fix: z.string().optional() }),
    en: z.object({ title: z.string(), fix: z.string().optional() }),
    errors: z.array(z.object({ code: z.string(), path: z.string(), zh: z.string(), en: z.string(), fixZh: z.string().optional(), fixEn: z.string().optional() })),
  })
  .passthrough()
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

const ERRORS = {
  400: { description: '请求格式错误 / malformed request', content: problemContent },
  401: { description: '未登录或会话已过期 / not logged in', content: problemContent },
  403: { description: '无权操作 / forbidden', content: problemContent },
  404: { description: '不存在或无权查看 / not found', content: problemContent },
  422: { description: '数据有误 / invalid data', content: problemContent },
} as const;

export interface OpSpec {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  /** Who may call it (the description says it; the handler checks it). */
  readonly roles?: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** A body that is not JSON (uploads): its media type and description only. */
  readonly rawBody?: { readonly mediaTypes: readonly string[]; readonly description: string };
  readonly response?: z.ZodType;
  /** Success status (default 200). */
  readonly status?: 200 | 201 | 202 | 204;
  /** Other success media types (files). */
  readonly produces?: readonly string[];
  /** Extra error statuses this route answers with (409, 413, 415, 429, 503). */
  readonly errors?: readonly number[];
  readonly public?: boolean;
}

/** The route's path in OpenAPI form (`{id}`) from Hono's (`:id`). */
const openapiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export function op(app: App, spec: OpSpec, handler: (c: Ctx) => Promise<Response> | Response): void {
  const successContent: Record<string, { schema: z.ZodType }> = {};
  if (spec.response) successContent['application/json'] = { schema: spec.response };
  for (const m of spec.produces ?? []) successContent[m] = { schema: z.string().openapi({ format: 'binary' }) };
  const responses: RouteConfig['responses'] = {
    [spec.status ?? 200]: { description: spec.summary, ...(Object.keys(successContent).length ? { content: successContent } : {}) },
    ...ERRORS,
  };
  for (const s of spec.errors ?? []) responses[s] = { description: STATUS_TEXT[s] ?? String(s), content: problemContent };
  if (spec.public) delete responses[401];
  const route = createRoute({
    method: spec.method,
    path: openapiPath(spec.path),
    summary: spec.summary,
    tags: [...spec.tags],
    ...(spec.roles ? { description: `角色 / roles: ${spec.roles}` } : {}),
    ...(spec.public ? { security: [] } : {}),
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
      // A raw body is described with plain OpenAPI schemas, not zod: the handler reads it itself (a zod schema here
      // would make the validator parse the upload and refuse any media type but the first).
      ...(spec.rawBody
        ? {
            body: {
              content: Object.fromEntries(
                spec.rawBody.mediaTypes.map((m) => [
                  m,
                  { schema: m.startsWith('multipart/') ? { type: 'object' as const, properties: { file: { type: 'array' as const, items: { type: 'string' as const, format: 'binary' } } } } : { type: 'string' as const, format: 'binary' }, description: spec.rawBody!.description },
                ]),
              ),
              required: true,
            },
          }
        : {}),
    },
    responses,
  });
  app.openapi(route, handler as never);
}

const STATUS_TEXT: Record<number, string> = {
  409: '版本冲突或状态已变 / conflict',
  413: '内容过大 / too large',
  415: '内容类型不支持 / unsupported media type',
  429: '尝试过多，请稍后 / too many attempts',
  503: '服务暂不可用 / unavailable',
};

/** What the validator accepted, typed by its schema. */
export function valid<T extends z.ZodType>(c: Ctx, target: 'json' | 'param' | 'query', _schema: T): z.output<T> {
  return (c.req.valid as (t: string) => unknown)(target) as z.output<T>;
}

export const json = (c: Ctx, body: unknown, status: 200 | 201 | 202 = 200): Response => c.json(body as object, status);

export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, description: 'UUID' }) });
