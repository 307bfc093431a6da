/**
 * The server in-process for tests: a store on each target database, the app over it, a small world (two regions,
 * departments, one account per role, an issued task) and a client per account that logs in and sends the CSRF token
 * like the web app does. Requests go through `app.request` — the same routing, validation and middleware as on a port.
 */
import { localDate } from '../src/core/workflow/task.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { type CreatedApp, createApp } from '../src/server/app.ts';
import type { ServerSettings } from '../src/server/context.ts';
import type { Store } from '../src/store/index.ts';
import { TestClock, type Target } from './store-targets.ts';

export const PASSWORD = 'Test-passw0rd!';
/** A cheap scrypt cost for the test accounts (the hash names its cost; production hashes use the default). */
const TEST_COST = { N: 1024, r: 8, p: 1 };

export interface Reply<T = any> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly headers: Headers;
}

export class Client {
  cookie = '';
  csrf = '';
  constructor(
    readonly created: CreatedApp,
    readonly login?: string,
  ) {}

  async request(method: string, path: string, init: { body?: unknown; raw?: Uint8Array | FormData | string; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(this.cookie ? { cookie: this.cookie } : {}), ...init.headers };
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    if (method !== 'GET' && init.csrf !== false && this.csrf) headers['x-csrf-token'] ??= this.csrf;
    const res = await this.created.app.request(path, { method, headers, ...(init.raw !== undefined ? { body: init.raw } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie?.startsWith('jixiao_session=')) this.cookie = setCookie.split(';')[0]!;
    const text = res.headers.get('content-type')?.match(/json/) || res.headers.get('content-type')?.startsWith('text') ? await res.text() : '';
    let body: unknown = text;
    if (res.headers.get('content-type')?.includes('json')) body = text ? JSON.parse(text) : null;
    else if (!text) body = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, body, text, headers: res.headers };
  }

  get = (path: string, headers?: Record<string, string>) => this.request('GET', path, headers ? { headers } : {});
  post = (path: string, body: unknown = {}) => this.request('POST', path, { body });
  put = (path: string, body: unknown) => this.request('PUT', path, { body });
  del = (path: string) => this.request('DELETE', path);

  async logIn(login: string, password = PASSWORD): Promise<Reply> {
    const r = await this.request('POST', '/api/session', { body: { login, password } });
    if (r.status === 200) this.csrf = r.body.csrfToken;
    return r;
  }
}

export interface World {
  readonly regionA: string;
  readonly regionB: string;
  readonly d1: string;
  readonly d2: string;
  readonly d3: string;
  readonly taskId: string;
  /** The evaluations of d1 and d2 in the task (made when it was issued). */
  readonly e1: string;
  readonly e2: string;
  readonly users: Readonly<Record<Login, string>>;
}

export const LOGINS = ['admin', 'admin-a', 'reviewer-a', 'reviewer-b', 'third-party', 'preparer-1', 'head-1', 'preparer-2', 'preparer-b', 'nobody'] as const;
export type Login = (typeof LOGINS)[number];

export interface TestServer {
  readonly store: Store;
  readonly created: CreatedApp;
  readonly world: World;
  readonly clock: TestClock;
  /** A client logged in as `login` (cached). */
  as(login: Login): Promise<Client>;
  /** A client without a session. */
  anonymous(): Client;
  close(): Promise<void>;
}

/** A store on `target`, the app over it, and the world. */
export async function testServer(target: Target, settings: Partial<ServerSettings> = {}): Promise<TestServer> {
  const clock = new TestClock();
  clock.now = new Date();
  const store = await target.open(clock);
  const created = createApp({ store, settings, clock: clock.read });
  const hash = await hashPassword(PASSWORD, TEST_COST);
  const shift = (days: number) => localDate(new Date(Date.now() + days * 86_400_000));
  const world = await store.transaction(async (tx) => {
    const a = await tx.regions.create({ name: '甲市财政局' });
    const b = await tx.regions.create({ name: '乙市财政局' });
    const d1 = await tx.departments.create({ regionId: a.id, name: '甲市某某局' });
    const d2 = await tx.departments.create({ regionId: a.id, name: '甲市另一局' });
    const d3 = await tx.departments.create({ regionId: b.id, name: '乙市某某局' });
    const users = {} as Record<Login, string>;
    for (const login of LOGINS) users[login] = (await tx.users.create({ login, displayName: login, passwordHash: hash })).id;
    await tx.roles.grant(users.admin, { role: 'admin' });
    await tx.roles.grant(users['admin-a'], { role: 'admin', regionId: a.id });
    await tx.roles.grant(users['reviewer-a'], { role: 'reviewer', regionId: a.id });
    await tx.roles.grant(users['reviewer-b'], { role: 'reviewer', regionId: b.id });
    await tx.roles.grant(users['preparer-1'], { role: 'preparer', departmentId: d1.id });
    await tx.roles.grant(users['head-1'], { role: 'department-head', departmentId: d1.id });
    await tx.roles.grant(users['preparer-2'], { role: 'preparer', departmentId: d2.id });
    await tx.roles.grant(users['preparer-b'], { role: 'preparer', departmentId: d3.id });
    const task = await tx.tasks.create({ regionId: a.id, year: 2025, subject: 'department', title: '2025 年度部门整体支出绩效自评', layoutId: 'gz-report', rubricId: 'mof-2020', opensOn: shift(-10), closesOn: shift(20), departmentIds: [d1.id, d2.id] });
    await tx.roles.grant(users['third-party'], { role: 'third-party-reviewer', taskId: task.id });
    await tx.tasks.move(task.id, { action: 'issue', from: 'draft', to: 'issued', userId: users['reviewer-a'], role: 'reviewer', at: new Date().toISOString() });
    const e1 = await tx.evaluations.create(task.id, d1.id);
    const e2 = await tx.evaluations.create(task.id, d2.id);
    return { regionA: a.id, regionB: b.id, d1: d1.id, d2: d2.id, d3: d3.id, taskId: task.id, e1: e1.id, e2: e2.id, users };
  });
  const clients = new Map<Login, Client>();
  return {
    store,
    created,
    world,
    clock,
    async as(login) {
      const known = clients.get(login);
      if (known) return known;
      const c = new Client(created, login);
      const r = await c.logIn(login);
      if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${r.text}`);
      clients.set(login, c);
      return c;
    },
    anonymous: () => new Client(created),
    close: async () => {
      await created.close();
      await store.close();
    },
  };
}

/** A minimal valid evaluation (what a preparer's first save holds); amounts as decimal text. */
export function minimalEvaluation(name = '甲市某某局', actual = '1234.56'): Record<string, unknown> {
  return { department: { name }, year: 2025, budget: { initialBudget: '2000.00', adjustedBudget: '2100.00', actualSpending: actual } };
}
