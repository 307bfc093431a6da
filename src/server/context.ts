/**
 * What the server is made of: the store, the document pool for uploads and downloads, the clock, and its settings.
 * Nothing else is kept between requests — sessions, rate limits and jobs live in the database — so several instances
 * can serve one PostgreSQL behind a load balancer (docs/deploy.md).
 */
import type { Actor } from '../core/workflow/roles.ts';
import type { DocumentPool } from '../ingest/pool/documents.ts';
import type { Session, Store, User } from '../store/index.ts';

export interface ServerSettings {
  /** A session ends this long after its last request (default 2 hours). */
  readonly sessionIdleMs: number;
  /** And at the latest this long after login (default 12 hours). */
  readonly sessionMaxMs: number;
  /** Failed logins per account, and per address, within `loginWindowMs` before logins are refused for a while. */
  readonly loginMaxFailuresPerLogin: number;
  readonly loginMaxFailuresPerIp: number;
  readonly loginWindowMs: number;
  /** Largest JSON body (default 4 MiB: an evaluation with hundreds of projects is ~200 KB). */
  readonly maxJsonBytes: number;
  /** Largest upload request (default 512 MiB) and largest single document in it (default 50 MiB). */
  readonly maxUploadBytes: number;
  readonly maxDocumentBytes: number;
  /** At most this many documents in one upload (files plus ZIP entries; default 2,000). */
  readonly maxUploadFiles: number;
  /** Mark the session cookie Secure (behind HTTPS). Default: when the request came over HTTPS. */
  readonly secureCookies?: boolean;
  /** Believe X-Forwarded-For / X-Forwarded-Proto (only behind a proxy you run). */
  readonly trustProxy: boolean;
  /** How long a claimed batch job is held without renewal before another instance may take it over. */
  readonly jobLeaseMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  sessionIdleMs: 2 * 3600_000,
  sessionMaxMs: 12 * 3600_000,
  loginMaxFailuresPerLogin: 5,
  loginMaxFailuresPerIp: 30,
  loginWindowMs: 15 * 60_000,
  maxJsonBytes: 4 * 1024 * 1024,
  maxUploadBytes: 512 * 1024 * 1024,
  maxDocumentBytes: 50 * 1024 * 1024,
  maxUploadFiles: 2000,
  trustProxy: false,
  jobLeaseMs: 60_000,
};

export interface ServerDeps {
  readonly store: Store;
  /** Reads uploaded documents (the batch worker) and prints PDFs; made on first use when not given. */
  readonly pool?: DocumentPool;
  readonly clock?: () => Date;
  readonly settings?: Partial<ServerSettings>;
  /** The built web app to serve beside /api (dist/web); none when absent (the API alone, as in most tests). */
  readonly webRoot?: string;
}

/** Who is calling: the session's user and every role grant as the core's actors. */
export interface Caller {
  readonly user: Pick<User, 'id' | 'login' | 'displayName'>;
  readonly session: Session;
  readonly actors: readonly Actor[];
  readonly ip?: string;
  readonly userAgent?: string;
}

/** Hono's context variables set by the middleware. */
export interface AppEnv {
  Variables: {
    caller: Caller;
    ip: string | undefined;
  };
}
