/**
 * `jixiao serve`: opens the store (PGlite in ./jixiao-data by default, or PostgreSQL), creates the first administrator
 * on first start, optionally loads the demo, starts the batch worker and listens. SIGTERM and SIGINT stop it
 * gracefully: no new requests, the jobs in hand finish (or are left to their lease), the store is closed.
 */
import { serve as listen } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { type Store, openStore } from '../store/index.ts';
import { generatePassword, hashPassword, passwordProblem } from './auth/password.ts';
import { createApp } from './app.ts';
import type { ServerSettings } from './context.ts';
import { type DemoResult, loadDemo, loadedDemo } from './demo.ts';
import { loadImportedRubrics } from './routes/rubrics.ts';
import { DEFAULT_WEB_ROOT } from './web.ts';
import { type Worker, startWorker } from './worker.ts';

export interface ServeOptions {
  /** postgres://… (or DATABASE_URL), memory://, or undefined for the data folder. */
  readonly url?: string;
  readonly dataDir?: string;
  readonly port: number;
  readonly host: string;
  readonly demo: boolean;
  /** The first administrator's password (JIXIAO_ADMIN_PASSWORD); generated and printed when absent. */
  readonly adminPassword?: string;
  /** Run the batch worker in this instance (default true; an instance may serve only). */
  readonly worker?: boolean;
  readonly settings?: Partial<ServerSettings>;
  /** The web app's folder (default dist/web); false serves the API alone. */
  readonly webRoot?: string | false;
  readonly log: (line: string) => void;
}

/** JIXIAO_ADMIN_PASSWORD does not meet the password rules (the code names which). */
export class WeakAdminPassword extends Error {
  constructor(readonly code: string) {
    super(`JIXIAO_ADMIN_PASSWORD: ${code}`);
  }
}

export interface RunningServer {
  readonly store: Store;
  readonly port: number;
  readonly url: string;
  readonly firstAdmin?: { readonly login: string; readonly password?: string };
  readonly demo?: DemoResult;
  /** Whether the web app's files were found (dist/web/index.html). */
  readonly hasWebApp: boolean;
  close(): Promise<void>;
}

/** Creates the first administrator when the store has no account at all. Returns its login and password. */
export async function ensureFirstAdmin(store: Store, password?: string): Promise<{ login: string; password?: string } | undefined> {
  return store.exclusive('first-admin', async (tx) => {
    const any = await tx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (any) return undefined;
    // Checked only when it is used: a value left in the environment does not block later starts.
    const weak = password === undefined ? undefined : passwordProblem(password);
    if (weak) throw new WeakAdminPassword(weak);
    const chosen = password ?? generatePassword();
    const admin = await tx.users.create({ login: 'admin', displayName: '系统管理员', passwordHash: await hashPassword(chosen) });
    await tx.roles.grant(admin.id, { role: 'admin' });
    await tx.activity.append({ action: 'user.create-first-admin', subjectType: 'user', subjectId: admin.id, detail: { login: 'admin' } });
    return { login: 'admin', ...(password === undefined ? { password: chosen } : {}) };
  });
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const store = await openStore({ ...(options.url ? { url: options.url } : {}), ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  try {
    // One process owns a PGlite data folder (the lock file says so): jobs still marked running were this folder's
    // last process's, which is gone — they are due again now rather than when their lease would have passed.
    if (store.capabilities.dialect === 'pglite') await store.jobs.releaseAll();
    let demo: DemoResult | undefined;
    if (options.demo) {
      const empty = !(await store.db.selectFrom('tasks').select('id').limit(1).executeTakeFirst());
      demo = empty ? await loadDemo(store) : await loadedDemo(store);
    }
    const firstAdmin = await ensureFirstAdmin(store, options.adminPassword);
    // Rubrics imported through the API score like the built-in ones from the first request on.
    const rubrics = await loadImportedRubrics(store);
    if (rubrics.failed.length > 0) options.log(`评分规则未能载入 / imported rubrics not loaded (no longer valid): ${rubrics.failed.join(', ')}`);
    const webRoot = options.webRoot === false ? undefined : (options.webRoot ?? DEFAULT_WEB_ROOT);
    const created = createApp({ store, ...(options.settings ? { settings: options.settings } : {}), ...(webRoot ? { webRoot } : {}) });
    // Listen first: a port in use ends the start before any work is claimed.
    const server = await new Promise<Server>((resolve, reject) => {
      const s = listen({ fetch: created.app.fetch, port: options.port, hostname: options.host }, () => resolve(s as Server));
      (s as Server).once('error', reject);
    }).catch(async (e: unknown) => {
      await created.close();
      throw e;
    });
    let worker: Worker | undefined;
    if (options.worker !== false) {
      worker = startWorker({ store, pool: created.services.pool, clock: created.services.clock, leaseMs: created.services.settings.jobLeaseMs });
      const w = worker;
      (created.services as { onQueued: () => void }).onQueued = () => w.wake();
    }
    // Expired sessions and old login attempts are removed hourly (the rate limit reads only its window).
    const prune = () => void store.sessions.prune(new Date(Date.now() - 24 * 3600_000)).catch(() => undefined);
    prune();
    const pruning = setInterval(prune, 3600_000);
    pruning.unref();
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
    let closing: Promise<void> | undefined;
    return {
      store,
      port,
      url: `http://${shownHost}:${port}`,
      ...(firstAdmin ? { firstAdmin } : {}),
      ...(demo ? { demo } : {}),
      hasWebApp: webRoot !== undefined && existsSync(join(webRoot, 'index.html')),
      close: () =>
        (closing ??= (async () => {
          clearInterval(pruning);
          // Requests in progress finish; idle keep-alive connections close now, and whatever is still open after 10 s
          // (a progress stream, a stalled client) is cut.
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), 10_000).unref();
          });
          await worker?.stop();
          await created.close();
          await store.close();
        })()),
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
