/**
 * Every route of the API, tested for an account that may use it and for one that may not — on both databases.
 *
 * The routes are a declared table (ROUTES): one row per route (method + path template as in /api/openapi.json), and
 * one row per action where the actions of one route differ in who may act (the evaluation's and the task's moves).
 * Each row names the state it needs (its setup), the request, ONE account that may make it and the 2xx it gets, and
 * ONE account that may not and the 403 — or the 404 where the caller must not even learn that the thing exists (an
 * evaluation or task outside its view) — it gets. Lists that filter instead of refusing name the account that must
 * not see the item in the list. For each row:
 *   - the path really is the row's route (it matches the template);
 *   - without a session the request is 401 (public routes excepted);
 *   - a change without the X-CSRF-Token header is 403 (and changes nothing: the allowed request still succeeds after);
 *   - the forbidden account is refused with the status and code the row names (and changes nothing);
 *   - the allowed account succeeds, and the reply shows the effect.
 * One more test compares the table with GET /api/openapi.json: a route without a row — or a row without a route —
 * fails the suite, and so does a workflow action without its own row.
 *
 * Rows are independent although they share one server per database (a PGlite store takes seconds to make on a loaded
 * machine): each row works in a task of its own (issued, in region A, with evaluations e1 of d1 and e2 of d2, the
 * third party assigned — the world's task, once per row), logs its accounts in afresh (its own sessions), and acts on
 * accounts and role grants its setup made rather than on the world's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACTIONS, TASK_ACTIONS } from '../src/core/workflow/index.ts';
import { localDate } from '../src/core/workflow/task.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { Client, type Login, PASSWORD, type Reply, type TestServer, type World, minimalEvaluation, testServer } from './server-helpers.ts';
import { storeTargets } from './store-targets.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Who = Login | 'anonymous';
/** What a row's setup made (ids of things created for it), by name. */
type State = Readonly<Record<string, string>>;

/** A row's world: the shared server's, with the row's own task and evaluations; its accounts logged in for it alone. */
interface Env {
  readonly s: TestServer;
  readonly w: World;
  as(who: Login): Promise<Client>;
}

interface Req {
  readonly path: string;
  readonly body?: unknown;
  /** A multipart body (uploads), made fresh for every send. */
  readonly form?: () => FormData;
  /** Server-Sent Events: read the first event, then let go of the stream. */
  readonly stream?: boolean;
}

type Check = (r: Reply, env: Env, st: State) => void | Promise<void>;

interface Allowed {
  readonly as: Who;
  readonly status: 200 | 201 | 202 | 204;
  readonly check?: Check;
}

type Forbidden =
  /** Refused outright (with its own request where the refusal is about what is sent, not who sends it). */
  | { readonly as: Who; readonly status: 401 | 403 | 404; readonly code: string; readonly request?: (w: World, st: State) => Req }
  /** A list that answers but leaves out what the caller may not see. */
  | { readonly as: Who; readonly status: 200; readonly hides: Check }
  /** Open to every account (its own session): the only refusal is having no session. */
  | { readonly none: string };

interface Row {
  readonly method: Method;
  /** The path template exactly as in /api/openapi.json. */
  readonly route: string;
  /** Which sub-case (an action's own row, or another scope of the same route). */
  readonly label?: string;
  /** The workflow action the row is about (evaluation or task), for the coverage check. */
  readonly action?: { readonly of: 'evaluation' | 'task'; readonly name: string };
  readonly public?: boolean;
  readonly setup?: (env: Env) => Promise<State | void>;
  readonly request: (w: World, st: State) => Req;
  readonly allowed: Allowed;
  readonly forbidden: Forbidden;
}

// ——— Helpers for setups and checks ———

const day = (offset: number) => localDate(new Date(Date.now() + offset * 86_400_000));
const TEST_COST = { N: 1024, r: 8, p: 1 };

function need(st: State, key: string): string {
  const v = st[key];
  assert.ok(v, `setup did not make ${key}`);
  return v;
}

async function ok(reply: Promise<Reply>, status = 200): Promise<Reply> {
  const r = await reply;
  assert.equal(r.status, status, `setup step: expected ${status}, got ${r.status} ${r.text.slice(0, 400)}`);
  return r;
}

const REPORT_TEXT = '甲市某某局 2025 年度部门整体支出绩效自评报告（测试用）\n一、部门概况\n预算执行率 95%。\n';

function uploadForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([REPORT_TEXT]), 'x.txt');
  return form;
}

let made = 0;
/** An account the row's setup makes (so that disabling it or changing its roles touches no other row). */
async function makeUser(env: Env, grant?: Parameters<TestServer['store']['roles']['grant']>[1], password?: string): Promise<string> {
  const n = ++made;
  const user = await env.s.store.users.create({ login: `made-${n}`, displayName: `测试账户 ${n}`, passwordHash: password ? await hashPassword(password, TEST_COST) : 'scrypt$1024$8$1$none$none' });
  if (grant) await env.s.store.roles.grant(user.id, grant);
  return user.id;
}

/** e1 (department d1) of the row's task through its workflow, each step by the account whose step it is. */
const flow = {
  async save(env: Env, baseVersion = 0): Promise<void> {
    await ok((await env.as('preparer-1')).put(`/api/evaluations/${env.w.e1}`, { baseVersion, data: minimalEvaluation() }));
  },
  async act(env: Env, who: Login, action: string, body: unknown = {}): Promise<void> {
    await ok((await env.as(who)).post(`/api/evaluations/${env.w.e1}/actions/${action}`, body));
  },
  async submitted(env: Env): Promise<void> {
    await flow.save(env);
    await flow.act(env, 'preparer-1', 'submit');
  },
  async signedOff(env: Env): Promise<void> {
    await flow.submitted(env);
    await flow.act(env, 'head-1', 'sign-off');
  },
  async underReview(env: Env): Promise<void> {
    await flow.signedOff(env);
    await flow.act(env, 'reviewer-a', 'start-review');
  },
  async approved(env: Env): Promise<void> {
    await flow.underReview(env);
    await flow.act(env, 'reviewer-a', 'approve');
  },
  async upload(env: Env): Promise<State> {
    const r = await ok((await env.as('preparer-1')).request('POST', `/api/tasks/${env.w.taskId}/uploads`, { raw: uploadForm() }), 202);
    return { batch: r.body.batchId };
  },
  async attachDocument(env: Env): Promise<State> {
    const { document } = await env.s.store.documents.put({ bytes: new TextEncoder().encode(REPORT_TEXT), fileName: '自评报告.txt', mediaType: 'text/plain' });
    await env.s.store.documents.attach(env.w.e1, document.hash, '自评报告.txt');
    return { hash: document.hash };
  },
};

/** A figure only the department's draft holds. */
const DRAFT_AMOUNT = '7654.32';

const RETURN_REASONS = { reasons: [{ text: '请补充年度绩效指标的实际完成值 / add the actual values of the indicators', path: 'budget.actualSpending' }] };

const ids = (r: Reply): string[] => (r.body as { id: string }[]).map((x) => x.id);
const stateIs = (state: string): Check => (r) => assert.equal(r.body.state, state);
const hidesId = (pick: (w: World) => string): Check => (r, env) => {
  assert.ok(Array.isArray(r.body), `a list: ${r.text.slice(0, 200)}`);
  assert.ok(!ids(r).includes(pick(env.w)), `the list shows what the caller may not see: ${r.text.slice(0, 400)}`);
};

// ——— The table ———

const evaluationPath = (w: World, rest = '') => ({ path: `/api/evaluations/${w.e1}${rest}` });
type Sub = Omit<Row, 'method' | 'route' | 'request' | 'action'> & { readonly body?: unknown };
const actionRow = (name: (typeof ACTIONS)[number], row: Sub): Row => ({
  method: 'POST',
  route: '/api/evaluations/{id}/actions/{action}',
  action: { of: 'evaluation', name },
  request: (w) => ({ path: `/api/evaluations/${w.e1}/actions/${name}`, body: row.body ?? {} }),
  ...row,
});
const taskActionRow = (name: (typeof TASK_ACTIONS)[number], row: Sub & { readonly task?: (w: World, st: State) => string }): Row => ({
  method: 'POST',
  route: '/api/tasks/{id}/actions/{action}',
  action: { of: 'task', name },
  request: (w, st) => ({ path: `/api/tasks/${row.task ? row.task(w, st) : w.taskId}/actions/${name}`, body: row.body ?? {} }),
  ...row,
});

const ROUTES: readonly Row[] = [
  // ——— Health (for a load balancer: no session) ———
  {
    method: 'GET',
    route: '/api/health',
    public: true,
    request: () => ({ path: '/api/health' }),
    allowed: { as: 'anonymous', status: 200, check: (r) => assert.equal(r.body.ok, true) },
    forbidden: { none: 'open to everyone, it says only whether the database answers / 任何人可查，只说明数据库是否可达' },
  },
  // ——— Session ———
  {
    method: 'POST',
    route: '/api/session',
    public: true,
    label: 'a disabled account cannot log in',
    setup: async (env) => {
      const id = await makeUser(env, { role: 'preparer', departmentId: env.w.d1 }, PASSWORD);
      await env.s.store.users.setActive(id, false);
      const user = await env.s.store.users.get(id);
      return { disabled: user!.login };
    },
    request: () => ({ path: '/api/session', body: { login: 'preparer-1', password: PASSWORD } }),
    allowed: { as: 'anonymous', status: 200, check: (r) => assert.ok(r.body.csrfToken && r.headers.get('set-cookie')?.startsWith('jixiao_session=')) },
    forbidden: { as: 'anonymous', status: 401, code: 'api-login-failed', request: (_w, st) => ({ path: '/api/session', body: { login: need(st, 'disabled'), password: PASSWORD } }) },
  },
  {
    method: 'GET',
    route: '/api/session',
    request: () => ({ path: '/api/session' }),
    allowed: { as: 'nobody', status: 200, check: (r) => assert.deepEqual(r.body.roles, []) },
    forbidden: { none: 'every account reads its own session / 每个账户只读自己的会话' },
  },
  {
    method: 'DELETE',
    route: '/api/session',
    request: () => ({ path: '/api/session' }),
    allowed: { as: 'preparer-1', status: 204, check: async (_r, env) => assert.equal((await (await env.as('preparer-1')).get('/api/session')).status, 401, 'the session ended') },
    forbidden: { none: 'every account ends its own session / 每个账户只能退出自己的会话' },
  },
  {
    method: 'PUT',
    route: '/api/session/password',
    label: 'only with the current password',
    request: () => ({ path: '/api/session/password', body: { currentPassword: PASSWORD, newPassword: 'Neues-Kennw0rt-2025' } }),
    allowed: {
      as: 'preparer-1',
      status: 204,
      // The new password works; then the world's password is put back (through the same session) for other rows.
      check: async (_r, env) => {
        assert.equal((await new Client(env.s.created, 'preparer-1').logIn('preparer-1', 'Neues-Kennw0rt-2025')).status, 200);
        await ok((await env.as('preparer-1')).put('/api/session/password', { currentPassword: 'Neues-Kennw0rt-2025', newPassword: PASSWORD }), 204);
      },
    },
    forbidden: { as: 'head-1', status: 403, code: 'api-login-failed', request: () => ({ path: '/api/session/password', body: { currentPassword: 'Not-the-passw0rd', newPassword: 'Neues-Kennw0rt-2025' } }) },
  },

  // ——— Administration ———
  {
    method: 'GET',
    route: '/api/regions',
    request: () => ({ path: '/api/regions' }),
    allowed: { as: 'admin-a', status: 200, check: (r, env) => assert.deepEqual(ids(r), [env.w.regionA]) },
    forbidden: { as: 'reviewer-b', status: 200, hides: hidesId((w) => w.regionA) },
  },
  {
    method: 'POST',
    route: '/api/regions',
    request: () => ({ path: '/api/regions', body: { name: '丙市财政局' } }),
    allowed: { as: 'admin', status: 201, check: (r) => assert.equal(r.body.name, '丙市财政局') },
    forbidden: { as: 'admin-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'GET',
    route: '/api/departments',
    request: () => ({ path: '/api/departments' }),
    allowed: {
      as: 'reviewer-a',
      status: 200,
      check: (r, { w }) => {
        assert.ok(ids(r).includes(w.d1) && ids(r).includes(w.d2), 'its region’s departments');
        assert.ok(!ids(r).includes(w.d3), 'not another region’s');
      },
    },
    forbidden: { as: 'preparer-2', status: 200, hides: hidesId((w) => w.d1) },
  },
  {
    method: 'POST',
    route: '/api/departments',
    label: 'in its region',
    request: (w) => ({ path: '/api/departments', body: { regionId: w.regionA, name: '甲市新设局' } }),
    allowed: { as: 'admin-a', status: 201, check: (r, env) => assert.equal(r.body.regionId, env.w.regionA) },
    forbidden: { as: 'reviewer-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'POST',
    route: '/api/departments',
    label: 'in another region',
    request: (w) => ({ path: '/api/departments', body: { regionId: w.regionB, name: '乙市新设局' } }),
    allowed: { as: 'admin', status: 201 },
    forbidden: { as: 'admin-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'GET',
    route: '/api/users',
    request: () => ({ path: '/api/users' }),
    allowed: {
      as: 'admin-a',
      status: 200,
      check: (r, { w }) => {
        assert.ok(ids(r).includes(w.users['preparer-1']), 'its region’s accounts');
        assert.ok(!ids(r).includes(w.users['preparer-b']), 'not another region’s');
      },
    },
    forbidden: { as: 'reviewer-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'POST',
    route: '/api/users',
    request: () => ({ path: '/api/users', body: { login: 'new-clerk', displayName: '新来的填报人' } }),
    allowed: { as: 'admin-a', status: 201, check: (r) => assert.ok(r.body.initialPassword, 'a generated password') },
    forbidden: { as: 'reviewer-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'PUT',
    route: '/api/users/{id}/active',
    label: 'an account of its region',
    setup: async (env) => ({ user: await makeUser(env, { role: 'preparer', departmentId: env.w.d1 }) }),
    request: (_w, st) => ({ path: `/api/users/${need(st, 'user')}/active`, body: { isActive: false } }),
    allowed: { as: 'admin-a', status: 204, check: async (_r, env, st) => assert.equal((await env.s.store.users.get(need(st, 'user')))?.isActive, false) },
    forbidden: { as: 'reviewer-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'PUT',
    route: '/api/users/{id}/active',
    label: 'an account of another region',
    setup: async (env) => ({ user: await makeUser(env, { role: 'reviewer', regionId: env.w.regionB }) }),
    request: (_w, st) => ({ path: `/api/users/${need(st, 'user')}/active`, body: { isActive: false } }),
    allowed: { as: 'admin', status: 204 },
    forbidden: { as: 'admin-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'POST',
    route: '/api/users/{id}/roles',
    label: 'a role in its region',
    setup: async (env) => ({ user: await makeUser(env) }),
    request: (w, st) => ({ path: `/api/users/${need(st, 'user')}/roles`, body: { role: 'preparer', departmentId: w.d1 } }),
    allowed: { as: 'admin-a', status: 201, check: (r, env) => assert.equal(r.body.departmentId, env.w.d1) },
    forbidden: { as: 'reviewer-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'POST',
    route: '/api/users/{id}/roles',
    label: 'a role in another region',
    setup: async (env) => ({ user: await makeUser(env) }),
    request: (w, st) => ({ path: `/api/users/${need(st, 'user')}/roles`, body: { role: 'preparer', departmentId: w.d3 } }),
    allowed: { as: 'admin', status: 201 },
    forbidden: { as: 'admin-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'POST',
    route: '/api/users/{id}/roles',
    label: 'the global administrator role',
    setup: async (env) => ({ user: await makeUser(env) }),
    request: (_w, st) => ({ path: `/api/users/${need(st, 'user')}/roles`, body: { role: 'admin' } }),
    allowed: { as: 'admin', status: 201, check: (r) => assert.equal(r.body.role, 'admin') },
    forbidden: { as: 'admin-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'DELETE',
    route: '/api/roles/{id}',
    label: 'a grant in another region',
    setup: async (env) => {
      const user = await makeUser(env, { role: 'preparer', departmentId: env.w.d3 });
      const grant = (await env.s.store.roles.forUser(user))[0];
      assert.ok(grant);
      return { grant: grant.id };
    },
    request: (_w, st) => ({ path: `/api/roles/${need(st, 'grant')}` }),
    allowed: { as: 'admin', status: 204, check: async (_r, env, st) => assert.ok(!(await env.s.store.roles.list()).some((g) => g.id === st['grant'])) },
    forbidden: { as: 'admin-a', status: 403, code: 'api-admin-only' },
  },
  {
    method: 'GET',
    route: '/api/activity',
    request: () => ({ path: '/api/activity' }),
    allowed: { as: 'admin', status: 200, check: (r) => assert.ok(Array.isArray(r.body) && r.body.length > 0) },
    forbidden: { as: 'admin-a', status: 403, code: 'api-admin-only' },
  },

  // ——— Tasks ———
  {
    method: 'GET',
    route: '/api/tasks',
    request: () => ({ path: '/api/tasks' }),
    allowed: { as: 'preparer-1', status: 200, check: (r, env) => assert.ok(ids(r).includes(env.w.taskId)) },
    forbidden: { as: 'preparer-b', status: 200, hides: hidesId((w) => w.taskId) },
  },
  {
    method: 'POST',
    route: '/api/tasks',
    request: (w) => ({
      path: '/api/tasks',
      body: { regionId: w.regionA, year: 2026, title: '2026 年度部门整体支出绩效自评', layoutId: 'gz-report', rubricId: 'mof-2020', opensOn: day(1), closesOn: day(60), departmentIds: [w.d1, w.d2] },
    }),
    allowed: { as: 'reviewer-a', status: 201, check: stateIs('draft') },
    forbidden: { as: 'reviewer-b', status: 403, code: 'api-not-your-region' },
  },
  {
    method: 'GET',
    route: '/api/tasks/{id}',
    request: (w) => ({ path: `/api/tasks/${w.taskId}` }),
    allowed: { as: 'third-party', status: 200, check: (r, env) => assert.equal(r.body.id, env.w.taskId) },
    forbidden: { as: 'preparer-b', status: 404, code: 'api-task-not-found' },
  },
  {
    method: 'POST',
    route: '/api/tasks/{id}/departments',
    setup: async (env) => ({ d4: (await env.s.store.departments.create({ regionId: env.w.regionA, name: '甲市又一局' })).id }),
    request: (w, st) => ({ path: `/api/tasks/${w.taskId}/departments`, body: { departmentIds: [need(st, 'd4')] } }),
    allowed: {
      as: 'reviewer-a',
      status: 200,
      check: async (r, env, st) => {
        assert.ok(r.body.departmentIds.includes(st['d4']));
        assert.ok((await env.s.store.evaluations.list({ taskId: env.w.taskId })).some((e) => e.departmentId === st['d4']), 'the issued task gives the new department its evaluation');
      },
    },
    // The department sees the task, but the bureau sets its scope.
    forbidden: { as: 'preparer-1', status: 403, code: 'api-not-your-region' },
  },
  taskActionRow('issue', {
    setup: async (env) => {
      const t = await env.s.store.tasks.create({ regionId: env.w.regionA, year: 2026, subject: 'department', title: '2026 年度部门整体支出绩效自评', layoutId: 'gz-report', rubricId: 'mof-2020', opensOn: day(-1), closesOn: day(30), departmentIds: [env.w.d1] });
      return { draft: t.id };
    },
    task: (_w, st) => need(st, 'draft'),
    allowed: { as: 'reviewer-a', status: 200, check: stateIs('issued') },
    // A draft task is the bureau's: the department does not see it yet.
    forbidden: { as: 'preparer-1', status: 404, code: 'api-task-not-found' },
  }),
  taskActionRow('extend', {
    body: { newClosesOn: day(40) },
    allowed: { as: 'reviewer-a', status: 200, check: (r) => assert.equal(r.body.closesOn, day(40)) },
    forbidden: { as: 'preparer-1', status: 403, code: 'workflow-role-not-allowed' },
  }),
  taskActionRow('close', {
    allowed: { as: 'admin-a', status: 200, check: stateIs('closed') },
    forbidden: { as: 'third-party', status: 403, code: 'workflow-role-not-allowed' },
  }),
  taskActionRow('archive', {
    setup: async (env) => {
      await ok((await env.as('reviewer-a')).post(`/api/tasks/${env.w.taskId}/actions/close`, {}));
    },
    allowed: { as: 'reviewer-a', status: 200, check: stateIs('archived') },
    forbidden: { as: 'head-1', status: 403, code: 'workflow-role-not-allowed' },
  }),
  {
    method: 'GET',
    route: '/api/tasks/{id}/evaluations',
    request: (w) => ({ path: `/api/tasks/${w.taskId}/evaluations` }),
    allowed: { as: 'preparer-1', status: 200, check: (r, env) => assert.deepEqual((r.body as { evaluationId: string }[]).map((e) => e.evaluationId), [env.w.e1], 'its own department’s only') },
    forbidden: { as: 'preparer-b', status: 404, code: 'api-task-not-found' },
  },
  {
    method: 'GET',
    route: '/api/tasks/{id}/export',
    request: (w) => ({ path: `/api/tasks/${w.taskId}/export` }),
    allowed: { as: 'admin-a', status: 200 },
    // The third party sees the task but does not export it.
    forbidden: { as: 'third-party', status: 403, code: 'api-not-your-region' },
  },
  {
    method: 'GET',
    route: '/api/tasks/{id}/export',
    label: 'a reviewer’s export holds no department’s draft',
    // A draft is the department's until submitted (canSee, visibleVersions): the reviewer gets 404 for the evaluation
    // itself, and its export must not carry the draft's content either.
    setup: async (env) => {
      await ok((await env.as('preparer-1')).put(`/api/evaluations/${env.w.e1}`, { baseVersion: 0, data: minimalEvaluation('甲市某某局', DRAFT_AMOUNT) }));
    },
    request: (w) => ({ path: `/api/tasks/${w.taskId}/export` }),
    allowed: { as: 'reviewer-a', status: 200, check: (r) => assert.ok(!r.text.includes(DRAFT_AMOUNT), 'the export shows the reviewer a draft it may not see') },
    forbidden: { as: 'preparer-1', status: 403, code: 'api-not-your-region' },
  },
  {
    method: 'GET',
    route: '/api/tasks/{id}/summary/{format}',
    request: (w) => ({ path: `/api/tasks/${w.taskId}/summary/html` }),
    allowed: { as: 'reviewer-a', status: 200, check: (r) => assert.match(r.headers.get('content-type') ?? '', /^text\/html/) },
    forbidden: { as: 'reviewer-b', status: 404, code: 'api-task-not-found' },
  },

  // ——— Uploads ———
  {
    method: 'POST',
    route: '/api/tasks/{id}/uploads',
    request: (w) => ({ path: `/api/tasks/${w.taskId}/uploads`, form: uploadForm }),
    allowed: { as: 'preparer-1', status: 202, check: (r) => assert.equal(r.body.accepted.length, 1) },
    // The third party sees the task but does not upload into it.
    forbidden: { as: 'third-party', status: 403, code: 'api-upload-not-allowed' },
  },
  {
    method: 'GET',
    route: '/api/batches/{id}',
    setup: (env) => flow.upload(env),
    request: (_w, st) => ({ path: `/api/batches/${need(st, 'batch')}` }),
    allowed: { as: 'preparer-1', status: 200, check: (r, _env, st) => assert.equal(r.body.batchId, st['batch']) },
    forbidden: { as: 'preparer-2', status: 404, code: 'api-batch-not-found' },
  },
  {
    method: 'GET',
    route: '/api/batches/{id}/events',
    setup: async (env) => {
      const st = await flow.upload(env);
      // No worker runs here: the test finishes the queued jobs (this batch's among them), so the stream says "done".
      for (let job = await env.s.store.jobs.claim('routes-test'); job; job = await env.s.store.jobs.claim('routes-test')) {
        assert.equal((await env.s.store.jobs.complete(job.id, 'routes-test', {})).kind, 'done');
      }
      return st;
    },
    request: (_w, st) => ({ path: `/api/batches/${need(st, 'batch')}/events`, stream: true }),
    allowed: { as: 'reviewer-a', status: 200, check: (r) => assert.match(r.text, /event: done/) },
    forbidden: { as: 'preparer-2', status: 404, code: 'api-batch-not-found' },
  },

  // ——— Evaluations ———
  {
    method: 'GET',
    route: '/api/evaluations/{id}',
    request: (w) => evaluationPath(w),
    allowed: { as: 'preparer-1', status: 200, check: stateIs('draft') },
    forbidden: { as: 'preparer-2', status: 404, code: 'api-evaluation-not-found' },
  },
  {
    method: 'PUT',
    route: '/api/evaluations/{id}',
    request: (w) => ({ path: `/api/evaluations/${w.e1}`, body: { baseVersion: 0, data: minimalEvaluation() } }),
    allowed: { as: 'preparer-1', status: 200, check: (r) => assert.equal(r.body.version, 1) },
    // The region's administrator sees the draft but never fills it in.
    forbidden: { as: 'admin-a', status: 403, code: 'workflow-not-editable-by-role' },
  },
  actionRow('submit', {
    setup: (env) => flow.save(env),
    allowed: { as: 'preparer-1', status: 200, check: stateIs('submitted') },
    forbidden: { as: 'admin-a', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('withdraw', {
    label: 'submitted: the department',
    setup: (env) => flow.submitted(env),
    body: { reason: '发现数据有误 / a figure is wrong' },
    allowed: { as: 'preparer-1', status: 200, check: stateIs('draft') },
    forbidden: { as: 'reviewer-a', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('withdraw', {
    label: 'signed off: the head only',
    setup: (env) => flow.signedOff(env),
    allowed: { as: 'head-1', status: 200, check: stateIs('draft') },
    forbidden: { as: 'preparer-1', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('sign-off', {
    setup: (env) => flow.submitted(env),
    allowed: { as: 'head-1', status: 200, check: stateIs('signed-off') },
    forbidden: { as: 'preparer-1', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('receive', {
    setup: (env) => flow.save(env),
    allowed: { as: 'admin-a', status: 200, check: stateIs('signed-off') },
    forbidden: { as: 'preparer-1', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('start-review', {
    setup: (env) => flow.signedOff(env),
    allowed: { as: 'reviewer-a', status: 200, check: stateIs('under-review') },
    forbidden: { as: 'reviewer-b', status: 404, code: 'api-evaluation-not-found' },
  }),
  actionRow('return', {
    setup: (env) => flow.underReview(env),
    body: RETURN_REASONS,
    allowed: { as: 'reviewer-a', status: 200, check: stateIs('returned') },
    forbidden: { as: 'head-1', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('recommend', {
    setup: (env) => flow.underReview(env),
    allowed: { as: 'third-party', status: 200, check: stateIs('recommended') },
    forbidden: { as: 'reviewer-a', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('approve', {
    setup: (env) => flow.underReview(env),
    allowed: { as: 'reviewer-a', status: 200, check: stateIs('approved') },
    // A third party recommends; the final approval is the bureau's.
    forbidden: { as: 'third-party', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('publish', {
    setup: (env) => flow.approved(env),
    allowed: { as: 'admin-a', status: 200, check: stateIs('published') },
    forbidden: { as: 'third-party', status: 403, code: 'workflow-role-not-allowed' },
  }),
  actionRow('reopen', {
    setup: (env) => flow.approved(env),
    body: { reason: '评分有误，重新审核 / a score was wrong; review again' },
    allowed: { as: 'admin-a', status: 200, check: stateIs('under-review') },
    forbidden: { as: 'reviewer-a', status: 403, code: 'workflow-role-not-allowed' },
  }),
  {
    method: 'GET',
    route: '/api/evaluations/{id}/versions',
    setup: (env) => flow.save(env),
    request: (w) => evaluationPath(w, '/versions'),
    allowed: { as: 'head-1', status: 200, check: (r) => assert.deepEqual((r.body as { version: number }[]).map((v) => v.version), [1]) },
    forbidden: { as: 'preparer-2', status: 404, code: 'api-evaluation-not-found' },
  },
  {
    method: 'GET',
    route: '/api/evaluations/{id}/versions/{version}',
    label: 'a returned evaluation’s new draft stays the department’s',
    setup: async (env) => {
      await flow.underReview(env);
      await flow.act(env, 'reviewer-a', 'return', RETURN_REASONS);
      await flow.save(env, 1);
    },
    request: (w) => evaluationPath(w, '/versions/2'),
    allowed: { as: 'preparer-1', status: 200, check: (r) => assert.equal(r.body.version, 2) },
    forbidden: { as: 'reviewer-a', status: 404, code: 'api-version-not-found' },
  },
  {
    method: 'GET',
    route: '/api/evaluations/{id}/diff',
    setup: (env) => flow.save(env),
    request: (w) => evaluationPath(w, '/diff?from=0&to=1'),
    allowed: { as: 'preparer-1', status: 200, check: (r) => assert.ok(r.body.changedPaths.length > 0) },
    forbidden: { as: 'preparer-2', status: 404, code: 'api-evaluation-not-found' },
  },
  {
    method: 'GET',
    route: '/api/evaluations/{id}/findings',
    setup: (env) => flow.save(env),
    request: (w) => evaluationPath(w, '/findings'),
    allowed: { as: 'head-1', status: 200, check: (r) => assert.ok(Array.isArray(r.body)) },
    // A draft is the department's: the bureau's reviewer does not see it before submission.
    forbidden: { as: 'reviewer-a', status: 404, code: 'api-evaluation-not-found' },
  },
  {
    method: 'GET',
    route: '/api/evaluations/{id}/reviews',
    setup: (env) => flow.submitted(env),
    request: (w) => evaluationPath(w, '/reviews'),
    allowed: { as: 'reviewer-a', status: 200, check: (r) => assert.deepEqual(r.body, []) },
    forbidden: { as: 'reviewer-b', status: 404, code: 'api-evaluation-not-found' },
  },
  {
    method: 'POST',
    route: '/api/evaluations/{id}/reviews',
    setup: (env) => flow.underReview(env),
    request: (w) => ({ path: `/api/evaluations/${w.e1}/reviews`, body: { overallOpinion: '资料齐全，指标完成情况说明充分 / complete and well explained' } }),
    allowed: { as: 'third-party', status: 201 },
    // The department head sees it under review but writes no opinion.
    forbidden: { as: 'head-1', status: 403, code: 'workflow-not-editable-by-role' },
  },
  {
    method: 'GET',
    route: '/api/evaluations/{id}/documents',
    setup: (env) => flow.attachDocument(env),
    request: (w) => evaluationPath(w, '/documents'),
    allowed: { as: 'preparer-1', status: 200, check: (r, _env, st) => assert.deepEqual((r.body as { hash: string }[]).map((d) => d.hash), [st['hash']]) },
    forbidden: { as: 'preparer-2', status: 404, code: 'api-evaluation-not-found' },
  },
  {
    method: 'GET',
    route: '/api/evaluations/{id}/documents/{hash}',
    setup: (env) => flow.attachDocument(env),
    request: (w, st) => evaluationPath(w, `/documents/${need(st, 'hash')}`),
    allowed: { as: 'head-1', status: 200, check: (r) => assert.equal(r.text, REPORT_TEXT) },
    forbidden: { as: 'preparer-2', status: 404, code: 'api-evaluation-not-found' },
  },
  {
    method: 'GET',
    route: '/api/evaluations/{id}/files/{template}/{format}',
    setup: (env) => flow.save(env),
    request: (w) => evaluationPath(w, '/files/scorecard/html'),
    allowed: { as: 'preparer-1', status: 200, check: (r) => assert.match(r.headers.get('content-type') ?? '', /^text\/html/) },
    forbidden: { as: 'preparer-2', status: 404, code: 'api-evaluation-not-found' },
  },

  // ——— Rubrics ———
  {
    method: 'GET',
    route: '/api/rubrics',
    request: () => ({ path: '/api/rubrics' }),
    allowed: { as: 'preparer-1', status: 200, check: (r) => assert.ok(ids(r).includes('mof-2020')) },
    forbidden: { none: 'every account reads the rubrics its evaluations are scored by / 任何账户可查看评分规则' },
  },
  {
    method: 'GET',
    route: '/api/rubrics/{id}',
    request: () => ({ path: '/api/rubrics/mof-2020' }),
    allowed: { as: 'third-party', status: 200, check: (r) => assert.equal((r.body.data as { id: string }).id, 'mof-2020') },
    forbidden: { none: 'every account reads the rubrics its evaluations are scored by / 任何账户可查看评分规则' },
  },
  {
    method: 'POST',
    route: '/api/rubrics',
    request: () => ({
      path: '/api/rubrics',
      body: { fileName: 'route-table.yaml', text: 'id: route-table-rubric\nname: 路由表测试规则\ntotal: 10\nitems:\n  - name: 综合评价\n    weight: 10\n    method: judgement\n' },
    }),
    allowed: { as: 'reviewer-b', status: 201, check: async (r, env) => assert.equal((await env.s.store.rubrics.get(r.body.id))?.name, '路由表测试规则') },
    forbidden: { as: 'preparer-1', status: 403, code: 'api-rubric-import-forbidden' },
  },
];

// ——— Running a row ———

/** The row's own task, as the world's was made: issued, open, d1 and d2 in scope with their evaluations, the third party assigned. */
async function ownTask(s: TestServer, n: number): Promise<World> {
  const w = s.world;
  return s.store.transaction(async (tx) => {
    const task = await tx.tasks.create({ regionId: w.regionA, year: 2025, subject: 'department', title: `2025 年度部门整体支出绩效自评（第 ${n} 组）`, layoutId: 'gz-report', rubricId: 'mof-2020', opensOn: day(-10), closesOn: day(20), departmentIds: [w.d1, w.d2] });
    await tx.roles.grant(w.users['third-party'], { role: 'third-party-reviewer', taskId: task.id });
    await tx.tasks.move(task.id, { action: 'issue', from: 'draft', to: 'issued', userId: w.users['reviewer-a'], role: 'reviewer', at: new Date().toISOString() });
    const e1 = await tx.evaluations.create(task.id, w.d1);
    const e2 = await tx.evaluations.create(task.id, w.d2);
    return { ...w, taskId: task.id, e1: e1.id, e2: e2.id };
  });
}

/** Reads a Server-Sent Events reply up to its first event, then lets go of the stream (it may never end). */
async function streamRequest(s: TestServer, client: Client, path: string): Promise<Reply> {
  const res = await s.created.app.request(path, { headers: client.cookie ? { cookie: client.cookie } : {} });
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream')) {
    const text = await res.text();
    return { status: res.status, body: type.includes('json') && text ? JSON.parse(text) : text, text, headers: res.headers };
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) text += decoder.decode(value, { stream: true });
    if (done || text.includes('\n\n')) break;
  }
  await reader.cancel();
  return { status: res.status, body: text, text, headers: res.headers };
}

async function send(env: Env, who: Who, method: Method, req: Req, options: { readonly csrf?: boolean } = {}): Promise<Reply> {
  const client = who === 'anonymous' ? env.s.anonymous() : await env.as(who);
  if (req.stream && method === 'GET') return streamRequest(env.s, client, req.path);
  return client.request(method, req.path, {
    ...(req.body !== undefined ? { body: req.body } : {}),
    ...(req.form ? { raw: req.form() } : {}),
    ...(options.csrf === false ? { csrf: false } : {}),
  });
}

/** `/api/evaluations/{id}/actions/{action}` → a pattern for a concrete path. */
const templatePattern = (route: string) => new RegExp(`^${route.replace(/\{\w+\}/g, '[^/?]+')}$`);
const rowName = (row: Row) => `${row.method} ${row.route}${row.action ? ` [${row.action.name}]` : ''}${row.label ? ` (${row.label})` : ''}`;
const CHANGES = new Set<Method>(['POST', 'PUT', 'DELETE']);
const show = (r: Reply) => `${r.status} ${r.text.slice(0, 400)}`;

const { TARGETS } = await storeTargets();

for (const target of TARGETS) {
  describe(target.name, { skip: target.skip ?? false }, () => {
    let s: TestServer;
    before(async () => {
      s = await testServer(target);
    });
    after(async () => {
      await s?.close();
      await target.cleanup();
    });

    it('the table covers every route of /api/openapi.json, and every workflow action', async () => {
      const doc = await s.anonymous().get('/api/openapi.json');
      assert.equal(doc.status, 200, show(doc));
      const documented = new Map<string, boolean>();
      for (const [path, item] of Object.entries(doc.body.paths as Record<string, Record<string, { security?: unknown[] }>>)) {
        for (const [method, operation] of Object.entries(item)) {
          if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) documented.set(`${method.toUpperCase()} ${path}`, Array.isArray(operation.security) && operation.security.length === 0);
        }
      }
      const tabled = new Set(ROUTES.map((r) => `${r.method} ${r.route}`));
      assert.deepEqual([...documented.keys()].filter((k) => !tabled.has(k)).sort(), [], 'routes without a row in ROUTES');
      assert.deepEqual([...tabled].filter((k) => !documented.has(k)).sort(), [], 'rows whose route is not in /api/openapi.json');
      for (const row of ROUTES) assert.equal(row.public ?? false, documented.get(`${row.method} ${row.route}`), `${rowName(row)}: public in the table and in the document alike`);
      const actions = (of: 'evaluation' | 'task') => new Set(ROUTES.flatMap((r) => (r.action?.of === of ? [r.action.name] : [])));
      assert.deepEqual([...ACTIONS].filter((a) => !actions('evaluation').has(a)), [], 'evaluation actions without a row');
      assert.deepEqual([...TASK_ACTIONS].filter((a) => !actions('task').has(a)), [], 'task actions without a row');
    });

    ROUTES.forEach((row, n) => {
      describe(rowName(row), () => {
        let env: Env;
        let st: State = {};
        let req: Req;
        before(async () => {
          const clients = new Map<Login, Client>();
          const w = await ownTask(s, n + 1);
          env = {
            s,
            w,
            async as(login) {
              const known = clients.get(login);
              if (known) return known;
              const c = new Client(s.created, login);
              await ok(c.logIn(login));
              clients.set(login, c);
              return c;
            },
          };
          st = (await row.setup?.(env)) ?? {};
          req = row.request(env.w, st);
        });

        it('the request is the row’s route', () => {
          assert.match(req.path.split('?')[0]!, templatePattern(row.route));
        });

        if (!row.public) {
          it('401 without a session', async () => {
            const r = await send(env, 'anonymous', row.method, req);
            assert.equal(r.status, 401, show(r));
            assert.equal(r.body.code, 'api-not-logged-in');
          });
        }

        if (!row.public && CHANGES.has(row.method)) {
          it(`403 for ${row.allowed.as} without the X-CSRF-Token header`, async () => {
            const r = await send(env, row.allowed.as, row.method, req, { csrf: false });
            assert.equal(r.status, 403, show(r));
            assert.equal(r.body.code, 'api-csrf-token');
          });
        }

        const forbidden = row.forbidden;
        if ('none' in forbidden) {
          // Nothing to refuse but the missing session (above); the row says why.
        } else if (forbidden.status === 200) {
          it(`${forbidden.as}: 200 without what it may not see`, async () => {
            const r = await send(env, forbidden.as, row.method, req);
            assert.equal(r.status, 200, show(r));
            await forbidden.hides(r, env, st);
          });
        } else {
          it(`${forbidden.as}: ${forbidden.status} ${forbidden.code}`, async () => {
            const r = await send(env, forbidden.as, row.method, forbidden.request ? forbidden.request(env.w, st) : req);
            assert.equal(r.status, forbidden.status, show(r));
            assert.equal(r.body.code, forbidden.code, show(r));
          });
        }

        it(`${row.allowed.as}: ${row.allowed.status}`, async () => {
          const r = await send(env, row.allowed.as, row.method, req);
          assert.equal(r.status, row.allowed.status, show(r));
          await row.allowed.check?.(r, env, st);
        });
      });
    });
  });
}
